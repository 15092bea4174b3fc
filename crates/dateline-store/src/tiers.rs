//! Lookup tables with random keys (shingle bands, speakers' names) in two tiers, one small
//! step of a log-structured merge: new rows go to a `…_recent` table that stays in the page
//! cache, and lookups read both tables. When the recent table outgrows its budget, a commit
//! moves its rows into the main table in key order — one pass over the main table's pages
//! instead of a random page per row in every transaction, which is what made ingest slow down as
//! the store grew past what the cache holds.

use rusqlite::Transaction;

use crate::Result;

/// A two-tier table: `main` and `recent` have the same columns and primary key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tier {
    pub main: &'static str,
    pub recent: &'static str,
    /// Rows the recent table may hold before it is merged (sized to stay in the page cache).
    budget: u64,
}

/// MinHash band keys of stored documents (`key`, `document`): sixteen rows per document, about
/// 18 bytes each, so the recent tier holds some 130,000 documents' bands in 36 MB. A merge
/// rewrites most pages of the main table, so its cost grows with the store: at 1 M documents,
/// merges every 65,000 documents took 17 % of the writer's time.
pub(crate) const BANDS: Tier = Tier {
    main: "lsh_bands",
    recent: "lsh_bands_recent",
    budget: 1 << 21,
};

/// Quotes by the last word of their speaker (`speaker_key`, `published` or '', `quote`).
pub(crate) const SPEAKERS: Tier = Tier {
    main: "quote_speakers",
    recent: "quote_speakers_recent",
    budget: 1 << 19,
};

/// Both tiered tables.
pub(crate) const ALL: [Tier; 2] = [BANDS, SPEAKERS];

impl Tier {
    /// Moves the recent rows into the main table if there are more than the budget; returns
    /// whether it did.
    pub fn merge_if_full(self, tx: &Transaction<'_>) -> Result<bool> {
        let rows: u64 =
            tx.query_row(&format!("SELECT COUNT(*) FROM {}", self.recent), [], |r| {
                r.get(0)
            })?;
        if rows <= self.budget {
            return Ok(false);
        }
        self.merge(tx)?;
        Ok(true)
    }

    /// Moves every recent row into the main table, in key order.
    pub fn merge(self, tx: &Transaction<'_>) -> Result<()> {
        // The recent table is read in its primary-key order, so the main table's pages are
        // visited once each, left to right.
        tx.execute_batch(&format!(
            "INSERT OR IGNORE INTO {main} SELECT * FROM {recent};
             DELETE FROM {recent};",
            main = self.main,
            recent = self.recent
        ))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn tables(conn: &Connection) {
        conn.execute_batch(
            "CREATE TABLE m (k INTEGER NOT NULL, v INTEGER NOT NULL, PRIMARY KEY (k, v)) WITHOUT ROWID;
             CREATE TABLE r (k INTEGER NOT NULL, v INTEGER NOT NULL, PRIMARY KEY (k, v)) WITHOUT ROWID;",
        )
        .unwrap();
    }

    const TEST: Tier = Tier {
        main: "m",
        recent: "r",
        budget: 3,
    };

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn recent_rows_move_to_the_main_table_only_past_the_budget() {
        let mut conn = Connection::open_in_memory().unwrap();
        tables(&conn);
        conn.execute_batch(
            "INSERT INTO r VALUES (9, 1), (2, 2), (5, 3); INSERT INTO m VALUES (2, 2);",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        assert!(
            !TEST.merge_if_full(&tx).unwrap(),
            "3 rows fit a budget of 3"
        );
        tx.execute("INSERT INTO r VALUES (1, 4)", []).unwrap();
        assert!(TEST.merge_if_full(&tx).unwrap());
        tx.commit().unwrap();
        assert_eq!(count(&conn, "r"), 0);
        // The row already in the main table is not stored twice.
        assert_eq!(count(&conn, "m"), 4);
    }

    fn annotated(text: &str, date: &str) -> dateline_core::Document {
        let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
        let mut doc = dateline_core::Document::from_text(text);
        doc.meta.published = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        pipeline.run(&mut doc);
        doc
    }

    /// Rows moved to the main tiers are still found: a wire copy of a merged story is linked
    /// to it, and a speaker's quotes come from both tiers, oldest first.
    #[test]
    fn lookups_read_both_tiers() {
        let mut store = crate::Store::open_in_memory().unwrap();
        let article = dateline_corpus::article(11, 0);
        let quote = |date: &str, words: &str| {
            annotated(
                &format!(
                    "Foreign Minister Maria Lopez spoke in Lima on {date}.\n\n\"{words},\" Lopez said."
                ),
                date,
            )
        };
        let old = quote("2025-01-02", "We will not give up the talks");
        let original = annotated(&article.body, "2025-01-03");
        store.add_batch(&[old, original], None).unwrap();
        let tx = store.conn.transaction().unwrap();
        for tier in ALL {
            tier.merge(&tx).unwrap();
        }
        tx.commit().unwrap();
        assert_eq!(count(&store.conn, BANDS.recent), 0);
        assert!(count(&store.conn, BANDS.main) > 0);

        let copy = annotated(
            &format!("{}\n\nAll rights reserved.", article.body),
            "2025-01-03",
        );
        let new = quote("2025-02-01", "The talks resume next month");
        let report = store.add_batch(&[new, copy], None).unwrap();
        assert_eq!(
            report.duplicates, 1,
            "the copy found its original in the main tier"
        );
        assert!(count(&store.conn, SPEAKERS.recent) > 0);

        let quotes = store.quotes_by("Maria Lopez", 10).unwrap();
        let texts: Vec<String> = quotes
            .rows
            .iter()
            .map(|r| r[4].as_str().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts[0].contains("give up") && texts[1].contains("resume"),
            "{texts:?}"
        );
        let first = store.quotes_by("Lopez", 1).unwrap();
        assert_eq!(first.rows.len(), 1);
        assert_eq!(first.rows[0][4], quotes.rows[0][4]);
    }
}
