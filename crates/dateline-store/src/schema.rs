//! The store's SQL schema as numbered migrations, applied in order and recorded in the
//! `schema_version` table, so an older store file is brought up to date when it is opened.

use rusqlite::Connection;

use crate::Result;

/// Migrations, in order; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: documents, their annotations, near-duplicate links, aggregated events, full-text search.
    r"
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,          -- SHA-1 of the text: re-ingesting is idempotent
        source_path TEXT,
        source_record TEXT,
        url TEXT,
        format TEXT,
        source_name TEXT,                   -- --source, else the publisher
        headline TEXT,
        publisher TEXT,
        authors TEXT,                       -- JSON array
        published TEXT,                     -- YYYY-MM-DD
        text TEXT NOT NULL,
        words INTEGER NOT NULL,
        minhash BLOB NOT NULL,              -- MinHash signature of the text's word 3-shingles
        duplicate_of INTEGER REFERENCES documents(id),
        similarity REAL,                    -- estimated Jaccard similarity to the original
        json TEXT NOT NULL,                 -- the dateline/1 document
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
    CREATE TABLE lsh_bands (
        band INTEGER NOT NULL,
        value INTEGER NOT NULL,
        document INTEGER NOT NULL REFERENCES documents(id)
    );
    CREATE INDEX lsh_bands_lookup ON lsh_bands(band, value);
    CREATE TABLE entities (
        document INTEGER NOT NULL REFERENCES documents(id),
        idx INTEGER NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        actor TEXT,
        country TEXT,
        role TEXT,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (document, idx)
    );
    CREATE INDEX entities_name ON entities(name);
    CREATE INDEX entities_actor ON entities(actor);
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        speaker TEXT,                       -- canonical name of the speaking entity
        speaker_actor TEXT,
        speaker_text TEXT,
        cue TEXT
    );
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES documents(id),
        aggregate INTEGER REFERENCES aggregates(id),
        source_actor TEXT,
        source_name TEXT,
        target_actor TEXT,
        target_name TEXT,
        cameo TEXT NOT NULL,
        root TEXT NOT NULL,
        goldstein REAL NOT NULL,
        quad_class INTEGER NOT NULL,
        plover TEXT,
        plover_mode TEXT,
        date TEXT,
        place TEXT,
        place_country TEXT,
        lat REAL,
        lon REAL,
        modality TEXT NOT NULL,
        sentence INTEGER NOT NULL,
        trigger TEXT NOT NULL,
        evidence TEXT NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX events_actors ON events(source_actor, target_actor);
    CREATE INDEX events_aggregate ON events(aggregate);
    CREATE INDEX events_document ON events(document);
    CREATE INDEX quotes_document ON quotes(document);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE aggregates (
        id INTEGER PRIMARY KEY,
        source_actor TEXT NOT NULL,
        target_actor TEXT NOT NULL,
        cameo TEXT NOT NULL,
        root TEXT NOT NULL,
        quad_class INTEGER NOT NULL,
        goldstein REAL NOT NULL,
        date TEXT NOT NULL,
        place TEXT NOT NULL,
        num_mentions INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE INDEX aggregates_key ON aggregates(source_actor, target_actor, cameo, place, date);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES documents(id),
        value TEXT NOT NULL,                -- a number, or a word such as 'dozens'
        number REAL,
        qualifier TEXT,
        counts TEXT,
        category TEXT,
        speaker TEXT,
        text TEXT NOT NULL
    );
    CREATE INDEX claims_document ON claims(document);
    CREATE VIRTUAL TABLE documents_fts USING fts5(headline, text, content='documents', content_rowid='id');
    CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content='quotes', content_rowid='id');
    ",
    // 2: an unknown date stays unknown: aggregates may have no date and no first/last seen date
    // (they were filled with the day of ingestion); documents say where their date came from.
    r"
    CREATE TABLE aggregates_new (
        id INTEGER PRIMARY KEY,
        source_actor TEXT NOT NULL,
        target_actor TEXT NOT NULL,
        cameo TEXT NOT NULL,
        root TEXT NOT NULL,
        quad_class INTEGER NOT NULL,
        goldstein REAL NOT NULL,
        date TEXT,
        place TEXT NOT NULL,
        num_mentions INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        first_seen TEXT,
        last_seen TEXT
    );
    INSERT INTO aggregates_new SELECT * FROM aggregates;
    DROP TABLE aggregates;
    ALTER TABLE aggregates_new RENAME TO aggregates;
    CREATE INDEX aggregates_key ON aggregates(source_actor, target_actor, cameo, place, date);
    ALTER TABLE documents ADD COLUMN published_source TEXT;
    ",
    // 3: what `dateline watch` remembers between polls (feed validators, back-off, pages taken),
    // and documents found by address.
    r"
    CREATE TABLE IF NOT EXISTS watch_feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_poll INTEGER,                          -- Unix seconds
        last_status INTEGER,                        -- HTTP status; NULL when no answer came
        failures INTEGER NOT NULL DEFAULT 0,        -- failures in a row
        next_allowed INTEGER,                       -- Unix seconds: not polled before
        new_articles_last_poll INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE TABLE IF NOT EXISTS watch_pages (
        url TEXT PRIMARY KEY,
        feed TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,                -- Unix seconds
        document_hash TEXT                          -- SHA-1 of the stored text; NULL: no article in it
    );
    CREATE INDEX IF NOT EXISTS documents_url ON documents(url);
    ",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version recorded in the store `conn` (0 for a new file).
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |row| row.get(0),
    )?)
}

/// Applies the migrations `conn` has not seen yet, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<i64> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)",
    )?;
    let current = version(conn)?;
    if current > VERSION {
        return Err(crate::StoreError::NewerSchema {
            found: current,
            supported: VERSION,
        });
    }
    // Rebuilding a table that others reference needs foreign keys off, outside a transaction.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(current).unwrap_or(0))
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?1, datetime('now'))",
            [i as i64 + 1],
        )?;
        tx.commit()?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_store_is_migrated_keeping_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO schema_version VALUES (1, '2026-01-01');",
        )
        .unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(
            "INSERT INTO aggregates VALUES (1, 'USA', 'RUS', '036', '03', 1, 4.0, '2024-10-30', '',
                 1, 1, 1, '2024-10-30', '2024-10-30');",
        )
        .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), VERSION);
        let (date, seen): (String, String) = conn
            .query_row(
                "SELECT date, first_seen FROM aggregates WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((date.as_str(), seen.as_str()), ("2024-10-30", "2024-10-30"));
        conn.execute(
            "INSERT INTO aggregates VALUES (2, 'USA', 'RUS', '036', '03', 1, 4.0, NULL, '',
                 1, 1, 1, NULL, NULL)",
            [],
        )
        .expect("an undated aggregate is allowed");
        conn.execute("UPDATE documents SET published_source = 'flag'", [])
            .expect("documents have published_source");
        let foreign_keys: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(foreign_keys, 1);
    }
}
