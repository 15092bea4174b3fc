//! Questions analysts ask of a corpus, each answered as a [`Table`] of named columns (the CLI
//! prints it as a terminal table, JSON or CSV).

use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, OptionalExtension, ToSql};
use serde::Serialize;

use crate::{Result, Store};

pub use crate::search::SEARCH_WINDOW;

/// Rows of a query result.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, one value per column.
    pub rows: Vec<Vec<serde_json::Value>>,
}

impl Table {
    /// The rows as JSON objects keyed by column name.
    pub fn to_objects(&self) -> Vec<serde_json::Map<String, serde_json::Value>> {
        self.rows
            .iter()
            .map(|row| {
                self.columns
                    .iter()
                    .cloned()
                    .zip(row.iter().cloned())
                    .collect()
            })
            .collect()
    }
}

/// Filters on events.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Source actor code prefix (`PRK` matches `PRKMIL`).
    pub actor: Option<String>,
    /// Target actor code prefix.
    pub target: Option<String>,
    /// CAMEO root (`19`).
    pub root: Option<String>,
    /// Earliest event date, `YYYY-MM-DD` (inclusive).
    pub since: Option<String>,
    /// Latest event date, `YYYY-MM-DD` (inclusive).
    pub until: Option<String>,
    /// Most rows.
    pub limit: usize,
    /// Rows to skip first (paging).
    pub offset: usize,
}

/// Time buckets for a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// `YYYY-MM-DD`.
    Day,
    /// `YYYY-MM`.
    Month,
    /// `YYYY`.
    Year,
}

pub(crate) fn value(v: ValueRef<'_>) -> serde_json::Value {
    match v {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64((f * 1000.0).round() / 1000.0)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned().into(),
    }
}

/// SQL conditions and their parameters, built up clause by clause.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    params: Vec<Box<dyn ToSql>>,
}

impl Conditions {
    fn add(&mut self, sql: &str, param: Option<String>) {
        if let Some(p) = param {
            self.params.push(Box::new(p));
            self.sql
                .push(sql.replace('?', &format!("?{}", self.params.len())));
        }
    }

    fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }
}

/// A `GLOB` pattern for codes starting with `code` (letters and digits only, upper case), which
/// an index can serve.
fn prefix(code: Option<&String>) -> Option<String> {
    code.map(|c| glob_prefix(c))
}

fn glob_prefix(code: &str) -> String {
    let code: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    format!("{code}*")
}

/// The key quotes are found by: the last word of a speaker's name, in lower case (`austin` for
/// "Lloyd Austin" and for "Austin").
pub fn speaker_key(name: &str) -> Option<String> {
    name.split_whitespace()
        .next_back()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

impl Store {
    fn table(&self, sql: &str, params: &[Box<dyn ToSql>]) -> Result<Table> {
        let mut stmt = self.conn.prepare(sql)?;
        let columns: Vec<String> = stmt
            .column_names()
            .iter()
            .map(|c| (*c).to_owned())
            .collect();
        let n = columns.len();
        let rows = stmt
            .query_map(params_from_iter(params.iter()), |row| {
                (0..n).map(|i| row.get_ref(i).map(value)).collect()
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(Table { columns, rows })
    }

    /// Aggregated events matching `filter`, most mentioned first.
    pub fn events(&self, filter: &EventFilter) -> Result<Table> {
        let mut c = Conditions::default();
        c.add("source_actor GLOB ?", prefix(filter.actor.as_ref()));
        c.add("target_actor GLOB ?", prefix(filter.target.as_ref()));
        c.add("root = ?", filter.root.clone());
        c.add("date >= ?", filter.since.clone());
        // `date < the next day` rather than a function of `date`, so the index on dates bounds both ends.
        c.add("date < date(?, '+1 day')", filter.until.clone());
        let sql = format!(
            "SELECT id, date, source_actor,
                    (SELECT source_name FROM events WHERE aggregate = a.id ORDER BY id LIMIT 1) AS source_name,
                    target_actor,
                    (SELECT target_name FROM events WHERE aggregate = a.id ORDER BY id LIMIT 1) AS target_name,
                    cameo, quad_class, goldstein, place,
                    num_mentions, num_sources, num_articles, first_seen, last_seen
             FROM aggregates a {} ORDER BY num_mentions DESC, date, id LIMIT {} OFFSET {}",
            c.clause(),
            filter.limit.max(1),
            filter.offset
        );
        self.table(&sql, &c.params)
    }

    /// The mentions behind the aggregated events `aggregates` (ids): each event's sentence,
    /// article and address, in aggregate order.
    pub fn mentions(&self, aggregates: &[i64], limit: usize) -> Result<Table> {
        let ids: Vec<String> = aggregates.iter().map(i64::to_string).collect();
        let sql = format!(
            "SELECT e.aggregate, e.cameo, e.source_actor, e.target_actor, e.date, e.modality,
                    d.id AS document, d.published, d.headline, d.url, e.evidence
             FROM events e JOIN documents d ON d.id = e.document
             WHERE e.aggregate IN ({}) ORDER BY e.aggregate, d.published, e.id LIMIT {}",
            if ids.is_empty() {
                "NULL".to_owned()
            } else {
                ids.join(",")
            },
            limit.clamp(1, i64::MAX as usize)
        );
        self.table(&sql, &[])
    }

    /// Quotes of a speaker, oldest first. The name matches the speaker (the canonical name, or
    /// the words naming an unresolved speaker), case aside, and a surname matches the full name
    /// and back: "Austin" finds Lloyd Austin's quotes, "Lloyd Austin" finds those where he is
    /// only "Austin". Candidates come from both tiers of the table of speakers' last words, each
    /// read in date order up to the limit.
    pub fn quotes_by(&self, speaker: &str, limit: usize) -> Result<Table> {
        let params: Vec<Box<dyn ToSql>> = vec![
            Box::new(speaker.trim().to_owned()),
            Box::new(speaker_key(speaker)),
        ];
        let limit = limit.max(1);
        let tier = |table: &str| {
            format!(
                "SELECT * FROM (
                    SELECT d.published, d.headline, q.kind, q.cue,
                           dateline_slice(d.text_z, q.start, q.end) AS text,
                           COALESCE(q.speaker, q.speaker_text) AS speaker, q.document,
                           s.published AS day, s.quote
                    FROM {table} s CROSS JOIN quotes q ON q.id = s.quote
                         CROSS JOIN documents d ON d.id = q.document
                    WHERE s.speaker_key = ?2
                      AND (COALESCE(q.speaker, q.speaker_text) = ?1 COLLATE NOCASE
                           OR COALESCE(q.speaker, q.speaker_text) LIKE '% ' || ?1
                           OR ?1 LIKE '% ' || COALESCE(q.speaker, q.speaker_text))
                      AND d.duplicate_of IS NULL
                    ORDER BY s.published, s.quote LIMIT {limit})"
            )
        };
        let sql = format!(
            "SELECT published, headline, kind, cue, text, speaker, document
             FROM ({} UNION ALL {}) ORDER BY day, quote LIMIT {limit}",
            tier(crate::tiers::SPEAKERS.main),
            tier(crate::tiers::SPEAKERS.recent)
        );
        self.table(&sql, &params)
    }

    /// The actors most involved in events (as source or target), with their event counts.
    pub fn top_actors(&self, top: usize) -> Result<Table> {
        let sql = format!(
            "SELECT actor, as_source, as_target, as_source + as_target AS events
             FROM actor_summary WHERE as_source + as_target > 0 ORDER BY events DESC, actor LIMIT {}",
            top.max(1)
        );
        self.table(&sql, &[])
    }

    /// The people most mentioned across documents (linked by knowledge-base id, else by name and
    /// country), optionally only those whose name contains `name` (any case), each with the
    /// actor codes they carried over time: `USAGOV 2009-01-20..2016-12-30 (412)`, or `USAGOV
    /// undated (3)` when no document of that role had a publication date.
    pub fn top_people(&self, top: usize, name: Option<&str>) -> Result<Table> {
        let filter = if name.is_some() {
            "WHERE instr(lower(p.name), lower(?1)) > 0"
        } else {
            ""
        };
        let sql = format!(
            "SELECT p.name, p.kb, p.country, p.documents, p.mentions, p.first_seen, p.last_seen,
                 (SELECT group_concat(r.actor || COALESCE(' ' || r.first_seen || '..' || r.last_seen, ' undated')
                      || ' (' || r.documents || ')', '; ')
                  FROM (SELECT * FROM person_roles WHERE person = p.person
                        ORDER BY first_seen, actor) r) AS roles
             FROM people p {filter} ORDER BY p.mentions DESC, p.name LIMIT {}",
            top.max(1)
        );
        let params: Vec<Box<dyn ToSql>> = name
            .map(|n| Box::new(n.to_owned()) as Box<dyn ToSql>)
            .into_iter()
            .collect();
        self.table(&sql, &params)
    }

    /// Actor-to-actor edges: event mentions and mean Goldstein value per (source, target).
    /// At most `limit` edges, the busiest first, after skipping `offset`.
    pub fn network(
        &self,
        since: Option<&str>,
        until: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Table> {
        if since.is_none() && until.is_none() {
            // The whole corpus: the pairs' running totals.
            let sql = format!(
                "SELECT source, target, mentions AS events, goldstein_sum / mentions AS mean_goldstein
                 FROM pair_totals WHERE mentions > 0
                 ORDER BY events DESC, source, target LIMIT {} OFFSET {}",
                limit.clamp(1, i64::MAX as usize),
                offset.min(i64::MAX as usize)
            );
            return self.table(&sql, &[]);
        }
        let mut c = Conditions::default();
        c.sql.push("day <> ''".to_owned());
        c.add("day >= ?", since.map(str::to_owned));
        c.add("day < date(?, '+1 day')", until.map(str::to_owned));
        let sql = format!(
            "SELECT source, target, SUM(mentions) AS events, SUM(goldstein_sum) / SUM(mentions) AS mean_goldstein
             FROM pair_days {} GROUP BY source, target HAVING SUM(mentions) > 0
             ORDER BY events DESC, source, target LIMIT {} OFFSET {}",
            c.clause(),
            limit.clamp(1, i64::MAX as usize),
            offset.min(i64::MAX as usize)
        );
        self.table(&sql, &c.params)
    }

    /// Stored documents, newest first (wire copies included, with the original they copy).
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Table> {
        let sql = format!(
            "SELECT id, published, headline, source_name AS source, url, words, duplicate_of
             FROM documents ORDER BY published DESC, id DESC LIMIT {} OFFSET {offset}",
            limit.max(1)
        );
        self.table(&sql, &[])
    }

    /// The stored `dateline/1` JSON of document `id`, if there is one.
    pub fn document_json(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT dateline_unpack(json_z) FROM documents WHERE id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Speakers with the most quotes outside wire copies.
    pub fn top_speakers(&self, top: usize) -> Result<Table> {
        let sql = format!(
            "SELECT COALESCE(q.speaker, q.speaker_text) AS speaker, MAX(q.speaker_actor) AS actor,
                    COUNT(*) AS quotes, COUNT(DISTINCT q.document) AS documents
             FROM quotes q JOIN documents d ON d.id = q.document
             WHERE d.duplicate_of IS NULL AND COALESCE(q.speaker, q.speaker_text) IS NOT NULL
             GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT {}",
            top.max(1)
        );
        self.table(&sql, &[])
    }

    /// Places of event mentions with coordinates (wire copies left out), the busiest first:
    /// name, country, mean latitude and longitude, mentions and mean Goldstein value, for a map.
    pub fn places(&self, since: Option<&str>, until: Option<&str>, limit: usize) -> Result<Table> {
        let mut c = Conditions::default();
        c.sql.push(
            "e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.place IS NOT NULL AND d.duplicate_of IS NULL"
                .to_owned(),
        );
        c.add("e.date >= ?", since.map(str::to_owned));
        c.add("substr(e.date, 1, 10) <= ?", until.map(str::to_owned));
        let sql = format!(
            "SELECT e.place AS place, e.place_country AS country, AVG(e.lat) AS lat, AVG(e.lon) AS lon,
                    COUNT(*) AS events, AVG(e.goldstein) AS mean_goldstein
             FROM events e JOIN documents d ON d.id = e.document {}
             GROUP BY e.place, e.place_country ORDER BY events DESC, place LIMIT {}",
            c.clause(),
            limit.clamp(1, i64::MAX as usize)
        );
        self.table(&sql, &c.params)
    }

    /// The newest event mentions, of documents stored after document `after` (an id; 0 for
    /// all), newest first: what a live view polls for.
    pub fn latest_events(&self, after: i64, limit: usize) -> Result<Table> {
        let params: Vec<Box<dyn ToSql>> = vec![Box::new(after)];
        let sql = format!(
            "SELECT e.id, e.document, d.headline, d.published, d.ingested_at, e.source_actor,
                    e.source_name, e.target_actor, e.target_name, e.cameo, e.quad_class, e.goldstein,
                    e.date, e.place, e.modality, e.evidence
             FROM events e JOIN documents d ON d.id = e.document
             WHERE e.document > ?1 ORDER BY e.document DESC, e.id LIMIT {}",
            limit.max(1)
        );
        self.table(&sql, &params)
    }

    /// The newest quotes, of documents stored after document `after`, newest first.
    pub fn latest_quotes(&self, after: i64, limit: usize) -> Result<Table> {
        let params: Vec<Box<dyn ToSql>> = vec![Box::new(after)];
        let sql = format!(
            "SELECT q.id, q.document, d.headline, d.published, d.ingested_at, q.kind, dateline_slice(d.text_z, q.start, q.end) AS text,
                    COALESCE(q.speaker, q.speaker_text) AS speaker, q.speaker_actor, q.cue
             FROM quotes q JOIN documents d ON d.id = q.document
             WHERE q.document > ?1 ORDER BY q.document DESC, q.start LIMIT {}",
            limit.max(1)
        );
        self.table(&sql, &params)
    }

    /// The id of the newest stored document (0 when there is none).
    pub fn newest_document(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM documents", [], |r| {
                r.get(0)
            })?)
    }

    /// The feeds `dateline watch` polls into this store, with their last poll (Unix seconds),
    /// status, failures in a row, when they may be polled next, new articles of the last poll
    /// and last error.
    pub fn feeds(&self, limit: usize, offset: usize) -> Result<Table> {
        let sql = format!(
            "SELECT url, last_poll, last_status, failures, next_allowed,
                    new_articles_last_poll AS new_articles, last_error,
                    (SELECT COUNT(*) FROM watch_pages p WHERE p.feed = f.url) AS pages
             FROM watch_feeds f ORDER BY url LIMIT {} OFFSET {offset}",
            limit.max(1)
        );
        self.table(&sql, &[])
    }

    /// Event mentions involving `actor` (code prefix) per time bucket, by QuadClass.
    pub fn timeline(&self, actor: &str, by: Bucket) -> Result<Table> {
        let width = match by {
            Bucket::Day => 10,
            Bucket::Month => 7,
            Bucket::Year => 4,
        };
        let params: Vec<Box<dyn ToSql>> = vec![Box::new(glob_prefix(actor))];
        let sql = format!(
            "SELECT substr(day, 1, {width}) AS bucket, SUM(mentions) AS events,
                    SUM(goldstein_sum) / SUM(mentions) AS mean_goldstein,
                    SUM(CASE quad_class WHEN 1 THEN mentions ELSE 0 END) AS verbal_cooperation,
                    SUM(CASE quad_class WHEN 2 THEN mentions ELSE 0 END) AS material_cooperation,
                    SUM(CASE quad_class WHEN 3 THEN mentions ELSE 0 END) AS verbal_conflict,
                    SUM(CASE quad_class WHEN 4 THEN mentions ELSE 0 END) AS material_conflict
             FROM actor_days WHERE actor GLOB ?1 AND length(day) >= {width}
             GROUP BY bucket HAVING SUM(mentions) > 0 ORDER BY bucket"
        );
        self.table(&sql, &params)
    }
}
