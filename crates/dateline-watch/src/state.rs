//! What the watcher remembers, in two tables of the store's own SQLite file: each feed's
//! validators, last answer, failures and back-off (`watch_feeds`), and each article page
//! already taken (`watch_pages`). A page row is written only after its document is stored, so a
//! poll killed at any point loses nothing and stores nothing twice. The tables are the store's
//! (schema migration 3 of `dateline-store`).

use rusqlite::{params, Connection, OptionalExtension, Row};

/// One feed's remembered state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    /// The feed's address.
    pub url: String,
    /// The last `ETag` answered with a listing that was fully taken.
    pub etag: Option<String>,
    /// The last `Last-Modified` answered with a listing that was fully taken.
    pub last_modified: Option<String>,
    /// When it was last asked (Unix seconds).
    pub last_poll: Option<i64>,
    /// The status of the last answer; `None` when none came.
    pub last_status: Option<i64>,
    /// Failures in a row.
    pub failures: u32,
    /// Not asked again before this time (Unix seconds).
    pub next_allowed: Option<i64>,
    /// Articles stored from it by the last poll.
    pub new_articles_last_poll: i64,
    /// The last failure, while failures go on.
    pub last_error: Option<String>,
}

impl FeedState {
    /// The state of a feed never polled.
    #[must_use]
    pub fn new(url: &str) -> FeedState {
        FeedState {
            url: url.to_owned(),
            ..FeedState::default()
        }
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<FeedState> {
        Ok(FeedState {
            url: row.get(0)?,
            etag: row.get(1)?,
            last_modified: row.get(2)?,
            last_poll: row.get(3)?,
            last_status: row.get(4)?,
            failures: u32::try_from(row.get::<_, i64>(5)?).unwrap_or(u32::MAX),
            next_allowed: row.get(6)?,
            new_articles_last_poll: row.get(7)?,
            last_error: row.get(8)?,
        })
    }
}

const COLUMNS: &str = "url, etag, last_modified, last_poll, last_status, failures, next_allowed, \
                       new_articles_last_poll, last_error";

/// The remembered state of the feed at `url`, if it was ever polled.
pub fn feed(conn: &Connection, url: &str) -> rusqlite::Result<Option<FeedState>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM watch_feeds WHERE url = ?1"))?
        .query_row([url], FeedState::from_row)
        .optional()
}

/// Every remembered feed, by address (none when the tables do not exist yet).
pub fn feeds(conn: &Connection) -> rusqlite::Result<Vec<FeedState>> {
    let exists: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'watch_feeds'",
        [],
        |row| row.get(0),
    )?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM watch_feeds ORDER BY url"))?;
    let rows = stmt.query_map([], FeedState::from_row)?;
    rows.collect()
}

/// Remembers `state` for its feed.
pub fn save_feed(conn: &Connection, state: &FeedState) -> rusqlite::Result<()> {
    conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO watch_feeds ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(params![
        state.url,
        state.etag,
        state.last_modified,
        state.last_poll,
        state.last_status,
        i64::from(state.failures),
        state.next_allowed,
        state.new_articles_last_poll,
        state.last_error,
    ])?;
    Ok(())
}

/// Whether the page at `url` was taken before: remembered here, or a stored document's URL.
pub fn page_known(conn: &Connection, url: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM watch_pages WHERE url = ?1)
             OR EXISTS(SELECT 1 FROM documents WHERE url_key = ?2 AND url = ?1)",
    )?
    .query_row(params![url, dateline_store::url_key(url)], |row| {
        row.get::<_, i64>(0)
    })
    .map(|known| known != 0)
}

/// Remembers the page at `url` of `feed` as taken at `at`, with the hash of the document stored
/// from it (`None`: the page held no article).
pub fn save_page(
    conn: &Connection,
    url: &str,
    feed: &str,
    at: i64,
    document_hash: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO watch_pages (url, feed, fetched_at, document_hash)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![url, feed, at, document_hash])?;
    Ok(())
}

/// The ids of the stored documents with these text hashes and an id above `after`: the
/// documents a poll stored first.
pub fn new_document_ids(
    conn: &Connection,
    hashes: &[String],
    after: i64,
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM documents WHERE hash = ?1 AND id > ?2")?;
    let mut ids = Vec::new();
    for hash in hashes {
        if let Some(id) = stmt
            .query_row(params![hash, after], |row| row.get::<_, i64>(0))
            .optional()?
        {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The highest stored document id (0 for an empty store).
pub fn last_document_id(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COALESCE(MAX(id), 0) FROM documents", [], |row| {
        row.get(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_and_page_state_round_trip() {
        let store = dateline_store::Store::open_in_memory().unwrap();
        let conn = store.connection();
        assert!(feeds(conn).unwrap().is_empty());
        assert_eq!(feed(conn, "https://a.example/rss").unwrap(), None);
        let state = FeedState {
            etag: Some("\"v1\"".into()),
            last_status: Some(200),
            failures: 2,
            next_allowed: Some(1_800_000_000),
            ..FeedState::new("https://a.example/rss")
        };
        save_feed(conn, &state).unwrap();
        assert_eq!(feed(conn, &state.url).unwrap(), Some(state.clone()));
        assert_eq!(feeds(conn).unwrap(), [state]);
        assert!(!page_known(conn, "https://a.example/1").unwrap());
        save_page(
            conn,
            "https://a.example/1",
            "https://a.example/rss",
            5,
            None,
        )
        .unwrap();
        assert!(page_known(conn, "https://a.example/1").unwrap());
        assert_eq!(last_document_id(conn).unwrap(), 0);
        assert!(new_document_ids(conn, &["x".into()], 0).unwrap().is_empty());
    }
}
