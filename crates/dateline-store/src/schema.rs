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
    Ok(VERSION)
}
