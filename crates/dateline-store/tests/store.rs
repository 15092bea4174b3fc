//! The store end to end: annotated documents in, duplicate links, aggregates and query answers
//! out.

#![allow(clippy::print_stderr)]

use chrono::NaiveDate;
use dateline_core::{Document, Pipeline};
use dateline_store::query::{Bucket, EventFilter};
use dateline_store::Store;

fn pipeline() -> Pipeline {
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default())
}

fn doc(p: &Pipeline, text: &str, publisher: &str, date: &str) -> Document {
    let mut d = Document::from_text(text);
    d.meta.publisher = Some(publisher.to_owned());
    d.meta.published = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    p.run(&mut d);
    d
}

fn column(table: &dateline_store::query::Table, name: &str) -> Vec<serde_json::Value> {
    let i = table
        .columns
        .iter()
        .position(|c| c == name)
        .expect("column");
    table.rows.iter().map(|r| r[i].clone()).collect()
}

/// The first column of every row `sql` returns.
fn values<T: rusqlite::types::FromSql>(conn: &dateline_store::RawConnection, sql: &str) -> Vec<T> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn reingesting_is_idempotent_and_reopening_keeps_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.db");
    let p = pipeline();
    let d = doc(
        &p,
        "Chile condemned Peru on Monday over the border dispute.",
        "Andes Wire",
        "2024-05-06",
    );
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            store
                .add_batch(std::slice::from_ref(&d), None)
                .unwrap()
                .added,
            1
        );
    }
    let mut store = Store::open(&path).unwrap();
    let again = store.add_batch(&[d], None).unwrap();
    assert_eq!((again.added, again.already_stored), (0, 1));
    assert_eq!(store.document_counts().unwrap(), (1, 0));
    let version: i64 = store
        .connection()
        .query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, dateline_store::schema::VERSION);
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite_conn(&path);
    conn.execute("INSERT INTO schema_version VALUES (999, 'x')", [])
        .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("999"), "{err}");
}

fn rusqlite_conn(path: &std::path::Path) -> dateline_store::RawConnection {
    dateline_store::RawConnection::open(path).unwrap()
}

/// A generated story and its wire copies: another outlet with a new headline, one with the last
/// paragraph trimmed, one with boilerplate added.
#[test]
fn wire_copies_are_linked_and_not_counted_twice() {
    let p = pipeline();
    let mut store = Store::open_in_memory().unwrap();
    let stories: Vec<_> = (0..6).map(|i| dateline_corpus::article(7, i)).collect();
    let originals: Vec<Document> = stories
        .iter()
        .map(|a| doc(&p, &a.body, &a.outlet, &a.published))
        .collect();
    store.add_batch(&originals, None).unwrap();
    let (_, dups) = store.document_counts().unwrap();
    assert_eq!(dups, 0, "distinct stories are not duplicates");
    let events_before: i64 = store
        .connection()
        .query_row(
            "SELECT COALESCE(SUM(num_mentions), 0) FROM aggregates",
            [],
            |r| r.get(0),
        )
        .unwrap();

    let mut copies = Vec::new();
    for a in &stories[..3] {
        let paragraphs: Vec<&str> = a
            .body
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .collect();
        let trimmed = paragraphs[..paragraphs.len().saturating_sub(1)].join("\n\n");
        let boilerplate = format!(
            "{}\n\nCopyright 2024 Example Wire Service. All rights reserved. Do not redistribute.",
            a.body
        );
        let mut retitled = doc(
            &p,
            &a.body.replace('\n', "\n\n"),
            "Second Paper",
            &a.published,
        );
        retitled.meta.headline = Some(format!("{} — updated", a.headline));
        copies.push(retitled);
        copies.push(doc(&p, &trimmed, "Third Paper", &a.published));
        copies.push(doc(&p, &boilerplate, "Fourth Paper", &a.published));
    }
    let report = store.add_batch(&copies, None).unwrap();
    assert_eq!(report.duplicates, 9, "{report:?}");
    // Each copy points at the original of its story.
    let links: Vec<(i64, i64)> = {
        let mut stmt = store
            .connection()
            .prepare(
                "SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL ORDER BY id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    for (k, (_, original)) in links.iter().enumerate() {
        assert_eq!(
            *original,
            (k / 3) as i64 + 1,
            "copy {k} links to story {}",
            k / 3
        );
    }
    let events_after: i64 = store
        .connection()
        .query_row(
            "SELECT COALESCE(SUM(num_mentions), 0) FROM aggregates",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(events_before, events_after, "copies add no mentions");
}

#[test]
fn one_event_reported_by_many_articles_is_one_aggregate() {
    let p = pipeline();
    let mut store = Store::open_in_memory().unwrap();
    let docs = [
        doc(
            &p,
            "Chile condemned Peru on Monday over the fishing dispute.",
            "Andes Wire",
            "2024-05-07",
        ),
        doc(
            &p,
            "In a sharp statement, Chile condemned Peru on Monday, officials said.",
            "Lima Daily",
            "2024-05-07",
        ),
        doc(
            &p,
            "Chile condemned Peru on Tuesday for a second time.",
            "Lima Daily",
            "2024-05-08",
        ),
        doc(
            &p,
            "Brazil condemned Peru on Monday.",
            "Rio Post",
            "2024-05-07",
        ),
    ];
    store.add_batch(&docs, None).unwrap();
    let chile = store
        .events(&EventFilter {
            actor: Some("CHL".into()),
            target: Some("PER".into()),
            limit: 10,
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(chile.rows.len(), 1, "{chile:?}");
    assert_eq!(column(&chile, "num_mentions"), vec![serde_json::json!(3)]);
    assert_eq!(column(&chile, "num_articles"), vec![serde_json::json!(3)]);
    assert_eq!(column(&chile, "num_sources"), vec![serde_json::json!(2)]);
    assert_eq!(
        column(&chile, "first_seen"),
        vec![serde_json::json!("2024-05-07")]
    );
    assert_eq!(
        column(&chile, "last_seen"),
        vec![serde_json::json!("2024-05-08")]
    );

    let network = store.network(None, None, 1000, 0).unwrap();
    assert_eq!(network.rows.len(), 2);
    assert_eq!(
        column(&network, "source"),
        vec![serde_json::json!("CHL"), serde_json::json!("BRA")]
    );
    assert_eq!(
        column(&network, "events"),
        vec![serde_json::json!(3), serde_json::json!(1)]
    );

    let timeline = store.timeline("PER", Bucket::Day).unwrap();
    assert_eq!(
        column(&timeline, "bucket"),
        vec![serde_json::json!("2024-05-06")]
    );
    let actors = store.top_actors(1).unwrap();
    assert_eq!(column(&actors, "actor"), vec![serde_json::json!("PER")]);
}

#[test]
fn quotes_and_search_across_the_corpus() {
    let p = pipeline();
    let mut store = Store::open_in_memory().unwrap();
    let docs = [
        doc(
            &p,
            "\"We will not back down,\" Foreign Minister Ana Lopez said on Monday.",
            "Andes Wire",
            "2024-05-07",
        ),
        doc(
            &p,
            "Foreign Minister Ana Lopez said the talks on tactical nuclear weapons had failed.",
            "Lima Daily",
            "2024-05-09",
        ),
    ];
    store.add_batch(&docs, None).unwrap();
    let quotes = store.quotes_by("Ana Lopez", 10).unwrap();
    assert_eq!(quotes.rows.len(), 2, "{quotes:?}");
    assert_eq!(
        column(&quotes, "text")[0],
        serde_json::json!("We will not back down,")
    );
    let hits = store.search("\"tactical nuclear\"", 10).unwrap();
    assert!(!hits.rows.is_empty());
    assert!(column(&hits, "text")
        .iter()
        .all(|t| t.as_str().is_some_and(|t| t.contains("[tactical"))));
    assert!(column(&hits, "kind").contains(&serde_json::json!("quote")));
    // A quote is found by its speaker too, among the quotes of the documents that match.
    let by_speaker = store.search("Lopez", 10).unwrap();
    let quotes: Vec<_> = by_speaker
        .rows
        .iter()
        .filter(|r| r[0] == serde_json::json!("quote"))
        .collect();
    assert!(!quotes.is_empty(), "{by_speaker:?}");
    assert!(quotes
        .iter()
        .all(|r| r[4].as_str().is_some_and(|s| s.contains("Lopez"))));
    assert!(
        store.search("\"", 10).is_err(),
        "a broken FTS query is an error, not a panic"
    );
}

/// A plain-word search leaves stop words out when other words remain; stop words alone list
/// the newest matches, unranked.
#[test]
fn plain_word_search_leaves_out_stop_words() {
    let p = pipeline();
    let mut store = Store::open_in_memory().unwrap();
    let docs = [
        doc(
            &p,
            "The fisheries ministers of the two countries met in Lima on Monday.",
            "Andes Wire",
            "2025-01-02",
        ),
        doc(
            &p,
            "Farmers blocked the roads near the capital over fuel prices.",
            "Lima Daily",
            "2025-01-05",
        ),
    ];
    store.add_batch(&docs, None).unwrap();
    let with_stop_word = store.search_words("the Fisheries", 10).unwrap();
    assert_eq!(
        column(&with_stop_word, "document"),
        vec![serde_json::json!(1)]
    );
    assert!(column(&with_stop_word, "rank")[0].is_number());
    let stop_words_only = store.search_words("the over", 10).unwrap();
    assert_eq!(
        column(&stop_words_only, "document"),
        vec![serde_json::json!(2)],
        "only the second text has both"
    );
    let the = store.search_words("The", 10).unwrap();
    assert_eq!(
        column(&the, "document"),
        vec![serde_json::json!(2), serde_json::json!(1)],
        "newest first"
    );
    assert!(column(&the, "rank").iter().all(serde_json::Value::is_null));
}

/// The development articles next to generated stories and their planted copies: no article is
/// taken for a copy of another, and every planted copy finds its own original.
#[test]
fn dev_articles_and_planted_copies() {
    let dev = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/dev");
    let Ok(entries) = std::fs::read_dir(&dev) else {
        eprintln!("skipped: {} is not there", dev.display());
        return;
    };
    let p = pipeline();
    let mut store = Store::open_in_memory().unwrap();
    let mut originals: Vec<Document> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let body = text.splitn(5, '\n').nth(4).unwrap_or(&text).to_owned();
            doc(&p, &body, "Dev", "2024-10-30")
        })
        .collect();
    let dev_count = originals.len();
    assert!(dev_count >= 9);
    let stories: Vec<_> = (0..4).map(|i| dateline_corpus::article(21, i)).collect();
    originals.extend(
        stories
            .iter()
            .map(|a| doc(&p, &a.body, &a.outlet, &a.published)),
    );
    store.add_batch(&originals, None).unwrap();
    assert_eq!(
        store.document_counts().unwrap(),
        ((dev_count + 4) as u64, 0)
    );
    let copies: Vec<Document> = stories
        .iter()
        .map(|a| {
            doc(
                &p,
                &format!("{}\n\nThis story was first published by a partner.", a.body),
                "Copy Desk",
                &a.published,
            )
        })
        .collect();
    assert_eq!(store.add_batch(&copies, None).unwrap().duplicates, 4);
    let links: Vec<i64> = values(
        store.connection(),
        "SELECT duplicate_of FROM documents WHERE duplicate_of IS NOT NULL ORDER BY id",
    );
    let expected: Vec<i64> = (0..4).map(|k| (dev_count + 1 + k) as i64).collect();
    assert_eq!(links, expected, "each copy links to its own story");
}

/// A copy of the fixture store `name` (tests/fixtures/NAME.db) in a temporary folder.
fn fixture_copy(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.db"));
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.db"));
    std::fs::copy(fixture, &path).unwrap();
    (dir, path)
}

/// A store written by the previous release (schema version 3: `dateline ingest examples/*.txt
/// --date 2025-03-14`, see tests/fixtures/README.md) opens, is upgraded in place, answers as
/// before and takes new documents.
#[test]
fn a_store_of_the_previous_release_is_upgraded() {
    let (_dir, path) = fixture_copy("store-v3");
    let count = |store: &Store, sql: &str| -> i64 {
        store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
    };
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        dateline_store::schema::version(store.connection()).unwrap(),
        dateline_store::schema::VERSION
    );
    assert_eq!(store.document_counts().unwrap(), (4, 0));
    assert_eq!(count(&store, "SELECT COUNT(*) FROM events"), 9);
    // People were linked by name and country from the old rows, with their roles.
    let people = store.top_people(50, None).unwrap();
    assert!(!people.rows.is_empty(), "no people after the upgrade");
    assert_eq!(
        count(&store, "SELECT COALESCE(SUM(mentions), 0) FROM people"),
        count(
            &store,
            "SELECT COALESCE(SUM(json_array_length(e.value, '$.mentions')), 0)
             FROM documents d, json_each(dateline_unpack(d.json_z), '$.entities') e
             WHERE json_extract(e.value, '$.type') = 'PERSON' AND d.duplicate_of IS NULL"
        )
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM quotes"), 66);
    // Every text and document came through compression whole.
    let json = store.document_json(1).unwrap().expect("document 1");
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text: String = store
        .connection()
        .query_row(
            "SELECT dateline_unpack(text_z) FROM documents WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(parsed["text"].as_str(), Some(text.as_str()));
    // Full-text search reads the compressed text; summaries were built from the aggregates.
    let word = text
        .split_whitespace()
        .find(|w| w.len() > 6 && w.chars().all(char::is_alphabetic))
        .unwrap();
    assert!(
        !store.search(word, 5).unwrap().rows.is_empty(),
        "no hit for {word}"
    );
    let mentions = count(
        &store,
        "SELECT COALESCE(SUM(num_mentions), 0) FROM aggregates WHERE source_actor <> ''",
    );
    assert_eq!(
        count(
            &store,
            "SELECT COALESCE(SUM(as_source), 0) FROM actor_summary"
        ),
        mentions
    );
    let speaker: String = store
        .connection()
        .query_row(
            "SELECT speaker FROM quotes WHERE speaker LIKE '% %' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let surname = speaker.rsplit(' ').next().unwrap();
    assert!(
        !store.quotes_by(surname, 10).unwrap().rows.is_empty(),
        "no quotes by {surname}"
    );
    // New documents go in beside the old ones.
    let p = pipeline();
    let d = doc(
        &p,
        "Chile condemned Peru on Monday over the border dispute.",
        "Andes Wire",
        "2025-03-17",
    );
    assert_eq!(store.add_batch(&[d], None).unwrap().added, 1);
    assert_eq!(store.document_counts().unwrap(), (5, 0));
}

/// A store of the release before the tiered lookups (schema version 5: `dateline ingest
/// examples/*.txt --date 2025-03-14`, see tests/fixtures/README.md) is upgraded in place: its
/// speakers, shingle bands and addresses move to the new tables and still answer.
#[test]
fn a_schema_5_store_is_upgraded_to_tiered_lookups() {
    let (_dir, path) = fixture_copy("store-v5");
    let mut store = Store::open(&path).unwrap();
    let conn = store.connection();
    assert_eq!(
        dateline_store::schema::version(conn).unwrap(),
        dateline_store::schema::VERSION
    );
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT COUNT(*) FROM quote_speakers"),
        count("SELECT COUNT(*) FROM quotes WHERE COALESCE(speaker, speaker_text) IS NOT NULL")
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM signatures"),
        count("SELECT COUNT(*) FROM documents WHERE words >= 30")
    );
    // Every stored address is found through its key.
    let urls: Vec<String> = values(conn, "SELECT url FROM documents WHERE url IS NOT NULL");
    assert_eq!(urls.len(), 4);
    for url in &urls {
        let found: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM documents WHERE url_key = ?1 AND url = ?2",
                rusqlite::params![dateline_store::url_key(url), url],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1, "{url}");
    }
    let speaker: String = conn
        .query_row(
            "SELECT speaker FROM quotes WHERE speaker LIKE '% %' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!store.quotes_by(&speaker, 10).unwrap().rows.is_empty());
    // A wire copy of an old story finds it through the old bands.
    let text: String = conn
        .query_row(
            "SELECT dateline_unpack(text_z) FROM documents WHERE id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let p = pipeline();
    let copy = doc(
        &p,
        &format!("{text}\n\nAll rights reserved."),
        "Copy Desk",
        "2025-03-15",
    );
    assert_eq!(store.add_batch(&[copy], None).unwrap().duplicates, 1);
    let original: i64 = store
        .connection()
        .query_row("SELECT duplicate_of FROM documents WHERE id = 5", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(original, 2);
}

/// A store of the release before entities and claims left the rows (schema version 6: `dateline
/// ingest examples/*.txt --date 2025-03-14`, see tests/fixtures/README.md) is upgraded in place:
/// the entity and claim tables are dropped, and the same rows are read from each document's JSON.
#[test]
fn a_schema_6_store_keeps_its_entities_and_claims_in_the_json() {
    let (_dir, path) = fixture_copy("store-v6");
    let rows = |conn: &rusqlite::Connection, sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        rows
    };
    let old = rusqlite::Connection::open(&path).unwrap();
    let entities = rows(
        &old,
        "SELECT document || '|' || idx || '|' || name || '|' || type || '|' || COALESCE(actor, '')
            || '|' || mentions FROM entities",
    );
    let claims = rows(
        &old,
        "SELECT document || '|' || value || '|' || COALESCE(speaker, '') || '|' || text FROM claims",
    );
    drop(old);
    assert!(entities.len() > 50 && !claims.is_empty());
    let store = Store::open(&path).unwrap();
    let conn = store.connection();
    assert_eq!(
        dateline_store::schema::version(conn).unwrap(),
        dateline_store::schema::VERSION
    );
    let tables = rows(
        conn,
        "SELECT name FROM sqlite_master WHERE name IN ('entities', 'claims')",
    );
    assert!(tables.is_empty(), "{tables:?}");
    let from_json = rows(
        conn,
        "SELECT d.id || '|' || json_extract(e.value, '$.id') || '|' || json_extract(e.value, '$.name')
            || '|' || json_extract(e.value, '$.type') || '|' || COALESCE(json_extract(e.value, '$.actor'), '')
            || '|' || json_array_length(e.value, '$.mentions')
         FROM documents d, json_each(dateline_unpack(d.json_z), '$.entities') e",
    );
    assert_eq!(from_json, entities);
    let claims_from_json = rows(
        conn,
        "SELECT d.id || '|' || CASE WHEN json_type(c.value, '$.value') = 'text'
                THEN json_extract(c.value, '$.value') ELSE printf('%.15g', json_extract(c.value, '$.value')) END
            || '|' || COALESCE(json_extract(dateline_unpack(d.json_z), '$.entities[' || json_extract(c.value, '$.speaker') || '].name'),
                               json_extract(c.value, '$.speaker_text'), '')
            || '|' || json_extract(c.value, '$.text')
         FROM documents d, json_each(dateline_unpack(d.json_z), '$.claims') c",
    );
    assert_eq!(claims_from_json, claims);
}

/// One person across articles: linked by knowledge-base id whatever the spelling of the name, with
/// the role each article's date gives, and listed with mentions and roles over time.
#[test]
fn people_are_linked_across_documents_with_their_roles_over_time() {
    let p = pipeline();
    let mut store = Store::open_in_memory().unwrap();
    let docs = [
        doc(
            &p,
            "George W. Bush met Tony Blair in London on Monday.",
            "A",
            "2005-06-06",
        ),
        doc(
            &p,
            "President Bush spoke to reporters in Texas. Bush said the talks went well.",
            "B",
            "2005-09-01",
        ),
        doc(
            &p,
            "Former leader George W. Bush opened a library in Dallas on Friday.",
            "C",
            "2013-04-26",
        ),
    ];
    store.add_batch(&docs, None).unwrap();
    let bush = docs[0]
        .entities
        .iter()
        .find(|e| e.name.contains("Bush"))
        .expect("Bush in the first article");
    let kb = bush.kb.clone().expect("a Wikidata id for George W. Bush");
    assert_eq!(bush.actor.as_deref(), Some("USAGOV"), "in office in 2005");
    let people = store.top_people(10, Some("bush")).unwrap();
    assert_eq!(
        people.rows.len(),
        1,
        "one person, not one per spelling: {people:?}"
    );
    assert_eq!(column(&people, "kb")[0], serde_json::json!(kb));
    assert_eq!(column(&people, "documents")[0], serde_json::json!(3));
    let roles = column(&people, "roles")[0].as_str().unwrap().to_owned();
    assert!(
        roles.starts_with("USAGOV 2005-06-06..2005-09-01 (2)")
            && roles.contains("USAELI 2013-04-26..2013-04-26 (1)"),
        "{roles}"
    );
    assert!(store
        .top_people(10, Some("nobody at all"))
        .unwrap()
        .rows
        .is_empty());
}

#[test]
fn a_copy_is_linked_when_more_documents_share_its_bands_than_are_read_per_band() {
    let original =
        "The harbour authority said on Monday that grain ships would resume sailing from \
        the southern ports after three weeks of talks between the two governments, which had \
        accused each other of blocking inspections. Officials from both ministries met in the \
        capital and agreed to a joint monitoring centre, the first such arrangement since the \
        war began, according to a statement released after the meeting ended late at night.";
    let texts: Vec<String> = std::iter::once(original.to_owned())
        .chain((1..=40).map(|i| format!("{original} Correction {i}.")))
        .chain(std::iter::once(format!("{original} A later correction.")))
        .collect();
    let mut store = Store::open_in_memory().unwrap();
    // One document at a time, so each later copy finds the ones before it.
    let mut last = None;
    for text in &texts {
        let hash = dateline_core::document::sha1_hex(text.as_bytes());
        let record = dateline_store::Record::new(&hash, text, "{}");
        last = Some(store.add_records(&[record], None).unwrap());
    }
    assert_eq!(last.map(|report| report.duplicates), Some(1));
    let links: Vec<Option<i64>> = values(
        store.connection(),
        "SELECT duplicate_of FROM documents ORDER BY id",
    );
    assert_eq!(links.len(), 42);
    assert_eq!(links[0], None);
    assert!(
        links[1..].iter().all(|l| *l == Some(1)),
        "every copy links to the first text: {links:?}"
    );
}
