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
    // 4: a store a fraction of the size, written as fast as the pipeline annotates. Text and
    // JSON are zstd frames (codec.rs) read through `dateline_unpack`, full-text search reads the
    // text through a view; shingle bands are one key per band in a table without rowids;
    // entities lose their unused name and actor indexes; quotes keep their span, not a copy of
    // their words, and are found by the speaker's last word; aggregates count their sources in `aggregate_sources` instead of recounting, and
    // corpus-wide answers (top actors, networks, timelines) come from summaries kept as
    // documents arrive.
    r"
    CREATE TABLE codecs (
        id INTEGER PRIMARY KEY,                     -- the zstd dictionary id its frames name
        column_name TEXT NOT NULL,                  -- 'text' or 'json'
        dict BLOB NOT NULL
    );
    DROP TABLE documents_fts;
    CREATE TABLE documents_new (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        source_path TEXT,
        source_record TEXT,
        url TEXT,
        format TEXT,
        source_name TEXT,
        headline TEXT,
        publisher TEXT,
        authors TEXT,
        published TEXT,
        text_z BLOB NOT NULL,                       -- the text, compressed: dateline_unpack(text_z)
        words INTEGER NOT NULL,
        minhash BLOB NOT NULL,
        duplicate_of INTEGER REFERENCES documents(id),
        similarity REAL,
        json_z BLOB NOT NULL,                       -- the dateline/1 document, compressed
        ingested_at TEXT NOT NULL,
        published_source TEXT
    );
    INSERT INTO documents_new SELECT id, hash, source_path, source_record, url, format, source_name,
        headline, publisher, authors, published, dateline_pack(text), words, minhash, duplicate_of,
        similarity, dateline_pack(json), ingested_at, published_source FROM documents;
    DROP TABLE documents;
    ALTER TABLE documents_new RENAME TO documents;
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
    CREATE INDEX documents_url ON documents(url);
    CREATE VIEW documents_content AS SELECT id, headline, dateline_unpack(text_z) AS text FROM documents;
    CREATE VIRTUAL TABLE documents_fts USING fts5(headline, text, content='documents_content', content_rowid='id');
    INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

    CREATE TABLE lsh_new (
        key INTEGER NOT NULL,                       -- minhash::band_key: band hash, band number
        document INTEGER NOT NULL REFERENCES documents(id),
        PRIMARY KEY (key, document)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO lsh_new SELECT (value & -16) | band, document FROM lsh_bands;
    DROP TABLE lsh_bands;
    ALTER TABLE lsh_new RENAME TO lsh_bands;

    CREATE TABLE entities_new (
        document INTEGER NOT NULL REFERENCES documents(id),
        idx INTEGER NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        actor TEXT,
        country TEXT,
        role TEXT,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (document, idx)
    ) WITHOUT ROWID;
    INSERT INTO entities_new SELECT document, idx, name, type, actor, country, role, mentions FROM entities;
    DROP TABLE entities;
    ALTER TABLE entities_new RENAME TO entities;

    DROP TABLE quotes_fts;
    CREATE TABLE quotes_new (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,                     -- the quote's bytes in the text:
        end INTEGER NOT NULL,                       --   dateline_slice(text_z, start, end)
        speaker TEXT,                               -- canonical name of the speaking entity
        speaker_actor TEXT,
        speaker_text TEXT,
        cue TEXT,
        speaker_key TEXT,                           -- last word of the speaker, lower case
        published TEXT                              -- the document's, to list a speaker's quotes in order
    );
    INSERT INTO quotes_new SELECT q.id, q.document, q.kind, q.start, q.end, q.speaker, q.speaker_actor,
        q.speaker_text, q.cue, dateline_last_word(COALESCE(q.speaker, q.speaker_text)), d.published
        FROM quotes q JOIN documents d ON d.id = q.document;
    DROP TABLE quotes;
    ALTER TABLE quotes_new RENAME TO quotes;
    CREATE INDEX quotes_document ON quotes(document);
    CREATE INDEX quotes_speaker_published ON quotes(speaker_key, published);
    CREATE VIEW quotes_content AS SELECT q.id, dateline_slice(d.text_z, q.start, q.end) AS text,
        COALESCE(q.speaker, q.speaker_text) AS speaker FROM quotes q JOIN documents d ON d.id = q.document;
    CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content='quotes_content', content_rowid='id');
    INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');

    CREATE INDEX aggregates_mentions ON aggregates(num_mentions);
    DROP INDEX IF EXISTS aggregates_target;
    -- Covering the filters and the order of `dateline query events`: a prefix of actor codes or
    -- a date window is answered from the index, sorted, and only the top rows are read.
    CREATE INDEX aggregates_source ON aggregates(source_actor, num_mentions, date);
    CREATE INDEX aggregates_target ON aggregates(target_actor, num_mentions, date);
    CREATE INDEX aggregates_date ON aggregates(date, root, num_mentions);
    CREATE TABLE aggregate_sources (
        aggregate INTEGER NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (aggregate, source)
    ) WITHOUT ROWID;
    INSERT INTO aggregate_sources SELECT DISTINCT e.aggregate, COALESCE(d.source_name, d.hash)
        FROM events e JOIN documents d ON d.id = e.document WHERE e.aggregate IS NOT NULL;
    CREATE TABLE actor_summary (
        actor TEXT PRIMARY KEY,
        as_source INTEGER NOT NULL,
        as_target INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO actor_summary SELECT actor, SUM(s), SUM(t) FROM (
        SELECT source_actor AS actor, num_mentions AS s, 0 AS t FROM aggregates
        UNION ALL SELECT target_actor, 0, num_mentions FROM aggregates) WHERE actor <> '' GROUP BY actor;
    CREATE TABLE pair_days (
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        day TEXT NOT NULL,                          -- '' when undated
        mentions INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        PRIMARY KEY (source, target, day)
    ) WITHOUT ROWID;
    INSERT INTO pair_days SELECT source_actor, target_actor, COALESCE(date, ''), SUM(num_mentions),
        SUM(goldstein * num_mentions) FROM aggregates WHERE source_actor <> '' AND target_actor <> ''
        GROUP BY 1, 2, 3;
    CREATE INDEX pair_days_day ON pair_days(day);
    CREATE TABLE pair_totals (                      -- pair_days summed over all days
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        PRIMARY KEY (source, target)
    ) WITHOUT ROWID;
    INSERT INTO pair_totals SELECT source, target, SUM(mentions), SUM(goldstein_sum) FROM pair_days GROUP BY 1, 2;
    CREATE TABLE actor_days (
        actor TEXT NOT NULL,                        -- a code, or two codes' common prefix (negative sums)
        day TEXT NOT NULL,
        quad_class INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        PRIMARY KEY (actor, day, quad_class)
    ) WITHOUT ROWID;
    INSERT INTO actor_days SELECT actor, day, quad_class, SUM(n), SUM(g) FROM (
        SELECT source_actor AS actor, date AS day, quad_class, num_mentions AS n,
               goldstein * num_mentions AS g FROM aggregates WHERE source_actor <> ''
        UNION ALL SELECT target_actor, date, quad_class, num_mentions, goldstein * num_mentions
               FROM aggregates WHERE target_actor <> ''
        UNION ALL SELECT dateline_common_prefix(source_actor, target_actor), date, quad_class,
               -num_mentions, -goldstein * num_mentions FROM aggregates
               WHERE dateline_common_prefix(source_actor, target_actor) IS NOT NULL)
        WHERE day IS NOT NULL GROUP BY 1, 2, 3;
    ",
    // 5: people across documents, linked by knowledge-base id or by name and country.
    r"
    ALTER TABLE entities ADD COLUMN kb TEXT;        -- Wikidata id of the person, when known
    CREATE TABLE people (                           -- key: people::person_key, 'kb:Q…' or 'name:…|ISO3'
        person TEXT PRIMARY KEY,
        name TEXT NOT NULL,                         -- as first seen
        kb TEXT,
        country TEXT,
        documents INTEGER NOT NULL,                 -- original documents (wire copies not counted)
        mentions INTEGER NOT NULL,
        first_seen TEXT,                            -- publication days
        last_seen TEXT
    ) WITHOUT ROWID;
    CREATE INDEX people_mentions ON people(mentions);
    CREATE TABLE person_roles (                     -- the actor codes a person carried, over time
        person TEXT NOT NULL,
        actor TEXT NOT NULL,
        documents INTEGER NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        PRIMARY KEY (person, actor)
    ) WITHOUT ROWID;
    CREATE TEMP TABLE person_rows AS
        SELECT dateline_person_key(e.type, e.name, e.country, NULL) AS person, e.name, e.country,
               e.actor, e.mentions, d.published
        FROM entities e JOIN documents d ON d.id = e.document
        WHERE e.mentions > 0 AND e.type = 'PERSON' AND d.duplicate_of IS NULL;
    INSERT INTO people SELECT person, MIN(name), NULL, MIN(country), COUNT(*), SUM(mentions),
        MIN(published), MAX(published) FROM person_rows GROUP BY person;
    INSERT INTO person_roles SELECT person, actor, COUNT(*), MIN(published), MAX(published)
        FROM person_rows WHERE actor IS NOT NULL GROUP BY 1, 2;
    DROP TABLE person_rows;
    ",
    // 6: ingest as fast at a million documents as at ten thousand. The random-key lookups that
    // outgrew the writer's cache get a small recent tier merged in key order (tiers.rs): shingle
    // bands, and quotes by speaker (a table of their own instead of an index on quotes);
    // documents are found by address through an eight-byte key (`dateline_url_key`) instead of
    // an index of whole URLs. The band table loses its foreign key: a merge of a million rows
    // looked each document up in the documents table, a random page read per row.
    r"
    CREATE TABLE lsh_main (
        key INTEGER NOT NULL,                       -- minhash::band_key
        document INTEGER NOT NULL,                  -- documents.id
        PRIMARY KEY (key, document)
    ) WITHOUT ROWID;
    INSERT INTO lsh_main SELECT key, document FROM lsh_bands;
    DROP TABLE lsh_bands;
    ALTER TABLE lsh_main RENAME TO lsh_bands;
    CREATE TABLE lsh_bands_recent (
        key INTEGER NOT NULL,
        document INTEGER NOT NULL,
        PRIMARY KEY (key, document)
    ) WITHOUT ROWID;
    CREATE TABLE quote_speakers (
        speaker_key TEXT NOT NULL,                  -- query::speaker_key of the speaker
        published TEXT NOT NULL,                    -- the document's date, '' when undated
        quote INTEGER NOT NULL,                     -- quotes.id
        PRIMARY KEY (speaker_key, published, quote)
    ) WITHOUT ROWID;
    CREATE TABLE quote_speakers_recent (
        speaker_key TEXT NOT NULL,
        published TEXT NOT NULL,
        quote INTEGER NOT NULL,
        PRIMARY KEY (speaker_key, published, quote)
    ) WITHOUT ROWID;
    INSERT INTO quote_speakers SELECT speaker_key, COALESCE(published, ''), id FROM quotes
        WHERE speaker_key IS NOT NULL ORDER BY 1, 2, 3;
    DROP INDEX quotes_speaker_published;
    ALTER TABLE quotes DROP COLUMN speaker_key;     -- kept in quote_speakers only
    ALTER TABLE quotes DROP COLUMN published;
    ALTER TABLE documents ADD COLUMN url_key INTEGER;   -- dateline_url_key(url)
    UPDATE documents SET url_key = dateline_url_key(url) WHERE url IS NOT NULL;
    CREATE INDEX documents_url_key ON documents(url_key);
    DROP INDEX documents_url;
    -- Events between a source and a target are found in the index alone, not by reading every
    -- aggregate of the source for its target.
    DROP INDEX aggregates_source;
    CREATE INDEX aggregates_source ON aggregates(source_actor, target_actor, num_mentions, date);
    DROP INDEX aggregates_target;
    CREATE INDEX aggregates_target ON aggregates(target_actor, source_actor, num_mentions, date);
    -- The busiest events of one CAMEO root without scanning every aggregate.
    CREATE INDEX aggregates_root ON aggregates(root, num_mentions, date);
    -- Signatures in a narrow table of their own: comparing a new text with its wire-copy
    -- candidates reads a 300-byte row each instead of a page of the documents table.
    CREATE TABLE signatures (
        document INTEGER PRIMARY KEY,               -- documents.id, of a text of 30 words or more
        minhash BLOB NOT NULL,                      -- MinHash signature of the text's word 3-shingles
        original INTEGER                            -- documents.duplicate_of
    );
    INSERT INTO signatures SELECT id, minhash, duplicate_of FROM documents WHERE words >= 30;
    ALTER TABLE documents DROP COLUMN minhash;
    -- The busiest events in the order `dateline query events` lists them, ties included.
    DROP INDEX aggregates_mentions;
    CREATE INDEX aggregates_mentions ON aggregates(num_mentions DESC, date);
    ",
    // 7: fewer rows per document. A document's entities and claims are kept in its stored
    // `dateline/1` JSON only: no query reads them as rows (people have their own summary), and
    // the export reads them from the JSON (`json_each`). They were a fifth of the writer's rows
    // and a tenth of the store. Quotes lose their full-text index: a quote is words of its
    // document, so a search finds the matching documents in theirs and then the matching
    // quotes among those documents' quotes (search.rs); one full-text row per quote was an
    // eighth of the writer's time and of the store.
    // Signatures are one-permutation MinHash (minhash.rs: one hash per shingle instead of 64),
    // so the stored ones and their bands are computed again from the stored texts.
    r"
    DROP TABLE entities;
    DROP TABLE claims;
    DROP TABLE quotes_fts;
    DROP VIEW quotes_content;
    UPDATE signatures SET minhash = dateline_signature(
        (SELECT dateline_unpack(d.text_z) FROM documents d WHERE d.id = signatures.document));
    DELETE FROM lsh_bands;
    DELETE FROM lsh_bands_recent;
    INSERT OR IGNORE INTO lsh_bands (key, document)
        WITH RECURSIVE band(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM band WHERE i < 15)
        SELECT dateline_band_key(s.minhash, band.i), s.document FROM signatures s, band
        ORDER BY 1, 2;
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

/// The SQL functions migrations use: `dateline_pack(text)` (a compressed frame),
/// `dateline_signature(text)` and `dateline_band_key(signature, band)` ([`crate::minhash`]),
/// `dateline_last_word(text)` (see [`crate::query::speaker_key`]),
/// `dateline_common_prefix(a, b)` (two actor codes' common prefix of three letters or more),
/// `dateline_person_key(type, name, country, kb)` ([`crate::people::person_key`]) and
/// `dateline_url_key(url)` ([`crate::url_key`]).
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("dateline_pack", 1, flags, |ctx| {
        match ctx.get::<Option<String>>(0)? {
            Some(text) => crate::codec::pack_plain(&text)
                .map(Some)
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into())),
            None => Ok(None),
        }
    })?;
    conn.create_scalar_function("dateline_last_word", 1, flags, |ctx| {
        Ok(ctx
            .get::<Option<String>>(0)?
            .and_then(|s| crate::query::speaker_key(&s)))
    })?;
    conn.create_scalar_function("dateline_person_key", 4, flags, |ctx| {
        let (kind, name) = (ctx.get::<String>(0)?, ctx.get::<String>(1)?);
        let (country, kb) = (ctx.get::<Option<String>>(2)?, ctx.get::<Option<String>>(3)?);
        Ok(crate::people::person_key(
            &kind,
            &name,
            country.as_deref(),
            kb.as_deref(),
        ))
    })?;
    conn.create_scalar_function("dateline_url_key", 1, flags, |ctx| {
        Ok(ctx
            .get::<Option<String>>(0)?
            .map(|url| crate::url_key(&url)))
    })?;
    conn.create_scalar_function("dateline_signature", 1, flags, |ctx| {
        let text = ctx.get::<Option<String>>(0)?.unwrap_or_default();
        Ok(crate::minhash::to_bytes(
            &crate::minhash::signature(&text).0,
        ))
    })?;
    conn.create_scalar_function("dateline_band_key", 2, flags, |ctx| {
        let (sig, band) = (ctx.get::<Vec<u8>>(0)?, ctx.get::<i64>(1)?);
        let band = usize::try_from(band).unwrap_or(usize::MAX);
        Ok((band < crate::minhash::BANDS)
            .then(|| crate::minhash::band_key(&crate::minhash::from_bytes(&sig), band)))
    })?;
    conn.create_scalar_function("dateline_common_prefix", 2, flags, |ctx| {
        let (a, b) = (ctx.get::<String>(0)?, ctx.get::<String>(1)?);
        Ok(crate::aggregate::common_prefix(&a, &b).map(str::to_owned))
    })?;
    Ok(())
}

/// Applies the migrations `conn` has not seen yet, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<i64> {
    register_functions(conn)?;
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
        crate::codec::register(&conn, &crate::codec::Dictionaries::new(None)).unwrap();
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
