//! Full-text search over documents and quotes (FTS5 syntax): the documents' index ranks its
//! newest matches by BM25; the quotes of the best of them are searched with the same query in a
//! small in-memory index (a quote is words of its document, so it can only match where its
//! document does); only the best rows are read and cut into snippets.

use std::collections::HashSet;
use std::sync::LazyLock;

use rusqlite::types::ValueRef;
use rusqlite::OptionalExtension;

use crate::query::{value, Table};
use crate::{Result, Store};

/// Matches of each full-text index ranked by a search: the newest this many.
pub const SEARCH_WINDOW: usize = 1000;

/// English stop words (`resources/stop-words.txt`, from Snowball).
static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    dateline_core::data_lines(include_str!("../resources/stop-words.txt")).collect()
});

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(
        word.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
            .as_str(),
    )
}

/// How the hits of a search are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ranking {
    /// By BM25, among each index's newest matches.
    Bm25,
    /// The newest first (the most recent publication date, then documents before quotes).
    Newest,
}

/// The columns of a search's table.
const COLUMNS: &str = "kind document published headline speaker text rank";

/// One full-text index searched.
struct Index {
    /// The `kind` its hits are listed as.
    kind: &'static str,
    fts: &'static str,
    /// The FTS column snippets are cut from.
    snippet_column: usize,
    /// A hit's document, date, headline and speaker (`?1`: the hit's rowid); no row for a wire
    /// copy's hit.
    row: &'static str,
}

const DOCUMENTS: Index = Index {
    kind: "document",
    fts: "documents_fts",
    snippet_column: 1,
    row:
        "SELECT id, published, headline, NULL FROM documents WHERE id = ?1 AND duplicate_of IS NULL",
};

/// The quotes of the documents a search matched, indexed for that search alone
/// ([`Store::quote_candidates`]).
const QUOTES: Index = Index {
    kind: "quote",
    fts: "quote_search",
    snippet_column: 0,
    row: "SELECT q.document, d.published, d.headline, COALESCE(q.speaker, q.speaker_text)
          FROM quotes q JOIN documents d ON d.id = q.document
          WHERE q.id = ?1 AND d.duplicate_of IS NULL",
};

/// Documents whose quotes a search looks through: the best matching, at least this many (or
/// five times the hits asked for).
const QUOTE_DOCUMENTS: usize = 100;

/// A ranked match and its row.
struct Hit {
    index: &'static Index,
    rowid: i64,
    rank: f64,
    cells: [serde_json::Value; 4],
}

impl Store {
    /// Full-text search (FTS5 syntax) over documents and quotes, best matches first: documents
    /// ranked by BM25 among the newest [`SEARCH_WINDOW`] matching documents, so that a word
    /// found in half a million articles costs little more than a rare one; quotes ranked by
    /// BM25 among the quotes of the best [`QUOTE_DOCUMENTS`] of those documents (or five times
    /// `limit`). Rows are read for the best hits only (wire copies skipped), and snippets cut
    /// for the rows returned.
    pub fn search(&self, query: &str, limit: usize) -> Result<Table> {
        self.search_ranked(query, limit, Ranking::Bm25)
    }

    /// Searches for the documents and quotes holding every one of `words` (plain words, not
    /// FTS5 syntax), as [`Store::search`] does. Stop words ("the", "and", "over") are left out
    /// when other words remain: they are in most rows, so BM25 gives them no weight, and
    /// counting their rows for it was the costliest part of a search (150 ms for "the" among
    /// ten million quotes). A search of stop words only lists the newest matches.
    pub fn search_words(&self, words: &str, limit: usize) -> Result<Table> {
        let all: Vec<&str> = words.split_whitespace().collect();
        let content: Vec<&str> = all.iter().copied().filter(|w| !is_stop_word(w)).collect();
        let (kept, ranking) = if content.is_empty() {
            (all, Ranking::Newest)
        } else {
            (content, Ranking::Bm25)
        };
        let fts = kept
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ");
        self.search_ranked(&fts, limit, ranking)
    }

    fn search_ranked(&self, query: &str, limit: usize, ranking: Ranking) -> Result<Table> {
        let limit = limit.max(1);
        let documents = self.ranked(&DOCUMENTS, query, ranking)?;
        self.quote_candidates(&documents, QUOTE_DOCUMENTS.max(5 * limit))?;
        let mut hits = self.best_hits(&DOCUMENTS, documents, limit)?;
        let quotes = self.ranked(&QUOTES, query, ranking)?;
        hits.extend(self.best_hits(&QUOTES, quotes, limit)?);
        // Stable: documents before quotes of the same rank or date.
        match ranking {
            Ranking::Bm25 => hits.sort_by(|a, b| a.rank.total_cmp(&b.rank)),
            Ranking::Newest => hits.sort_by(|a, b| b.cells[1].as_str().cmp(&a.cells[1].as_str())),
        }
        hits.truncate(limit);
        let mut rows = Vec::with_capacity(hits.len());
        for hit in hits {
            let snippet = self.snippet(hit.index, query, hit.rowid)?;
            let [document, published, headline, speaker] = hit.cells;
            rows.push(vec![
                hit.index.kind.into(),
                document,
                published,
                headline,
                speaker,
                snippet.map_or(serde_json::Value::Null, serde_json::Value::String),
                match ranking {
                    Ranking::Bm25 => value(ValueRef::Real(hit.rank)),
                    Ranking::Newest => serde_json::Value::Null,
                },
            ]);
        }
        Ok(Table {
            columns: COLUMNS.split(' ').map(str::to_owned).collect(),
            rows,
        })
    }

    /// The newest [`SEARCH_WINDOW`] matches of `index`, best first (or newest first), with
    /// their ranks.
    fn ranked(&self, index: &Index, query: &str, ranking: Ranking) -> Result<Vec<(i64, f64)>> {
        let fts = index.fts;
        let newest = format!(
            "SELECT rowid, {} AS rank FROM {fts} WHERE {fts} MATCH ?1
             ORDER BY rowid DESC LIMIT {SEARCH_WINDOW}",
            match ranking {
                Ranking::Bm25 => format!("bm25({fts})"),
                Ranking::Newest => "0.0".to_owned(),
            }
        );
        let sql = match ranking {
            Ranking::Bm25 => format!("SELECT rowid, rank FROM ({newest}) ORDER BY rank"),
            Ranking::Newest => newest,
        };
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_map([query], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Fills the search's quote index with the quotes of the first `documents` of `ranked`
    /// (the documents' best matches), wire copies left out.
    fn quote_candidates(&self, ranked: &[(i64, f64)], documents: usize) -> Result<()> {
        self.conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.quote_search USING fts5(text, speaker);
             DELETE FROM temp.quote_search;",
        )?;
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO temp.quote_search (rowid, text, speaker)
             SELECT q.id, dateline_slice(d.text_z, q.start, q.end), COALESCE(q.speaker, q.speaker_text)
             FROM quotes q JOIN documents d ON d.id = q.document
             WHERE q.document = ?1 AND d.duplicate_of IS NULL",
        )?;
        for &(document, _) in ranked.iter().take(documents) {
            insert.execute([document])?;
        }
        Ok(())
    }

    /// The first `limit` of the `ranked` matches of `index` that have a row, with their rows.
    fn best_hits(
        &self,
        index: &'static Index,
        ranked: Vec<(i64, f64)>,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let mut row = self.conn.prepare_cached(index.row)?;
        let mut hits = Vec::with_capacity(limit);
        for (rowid, rank) in ranked {
            if hits.len() == limit {
                break;
            }
            let cells = row
                .query_row([rowid], |r| {
                    Ok([
                        value(r.get_ref(0)?),
                        value(r.get_ref(1)?),
                        value(r.get_ref(2)?),
                        value(r.get_ref(3)?),
                    ])
                })
                .optional()?;
            if let Some(cells) = cells {
                hits.push(Hit {
                    index,
                    rowid,
                    rank,
                    cells,
                });
            }
        }
        Ok(hits)
    }

    /// The words around the match in hit `rowid` of `index`, the matched words in brackets.
    fn snippet(&self, index: &Index, query: &str, rowid: i64) -> Result<Option<String>> {
        let (fts, column) = (index.fts, index.snippet_column);
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT snippet({fts}, {column}, '[', ']', '…', 12) FROM {fts} WHERE {fts} MATCH ?1 AND rowid = ?2"
            ))?
            .query_row(rusqlite::params![query, rowid], |r| r.get(0))
            .optional()?
            .flatten())
    }
}
