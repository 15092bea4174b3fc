//! Writing annotated documents: one transaction per batch; the document row, its MinHash bands,
//! full-text rows, entities, quotes, events (aggregated unless the document is a duplicate) and
//! claims.

use dateline_core::json::DocumentJson;
use dateline_core::{Document, Event};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::minhash::{self, BANDS, MIN_SIMILARITY, MIN_WORDS};
use dateline_core::rows;

use crate::aggregate;
use crate::{Result, Store, StoreError};

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Documents stored.
    pub added: usize,
    /// Documents whose text was already stored (skipped).
    pub already_stored: usize,
    /// Stored documents linked as near-duplicates of an earlier one.
    pub duplicates: usize,
    /// Events stored.
    pub events: usize,
    /// Stored documents without a publication date (their events are dated only by the text).
    pub undated: usize,
}

impl std::ops::AddAssign for BatchReport {
    fn add_assign(&mut self, o: Self) {
        self.added += o.added;
        self.already_stored += o.already_stored;
        self.duplicates += o.duplicates;
        self.events += o.events;
        self.undated += o.undated;
    }
}

/// The SHA-1 of a document's text: its identity in the store, recomputed so that an id given by
/// the input (a JSONL `id`) does not defeat idempotence.
fn text_hash(doc: &Document) -> String {
    dateline_core::document::sha1_hex(doc.text.as_bytes())
}

/// The original a new text near-duplicates, with the similarity: the most similar stored
/// signature sharing a band, followed to its own original.
fn find_original(tx: &Transaction<'_>, sig: &[u32]) -> Result<Option<(i64, f64)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT d.id, d.minhash, d.duplicate_of FROM lsh_bands b JOIN documents d ON d.id = b.document
         WHERE b.band = ?1 AND b.value = ?2",
    )?;
    let mut best: Option<(i64, f64)> = None;
    let mut seen = Vec::new();
    for band in 0..BANDS {
        let rows = stmt.query_map(params![band as i64, minhash::band(sig, band)], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, Vec<u8>>(1)?,
                row.get::<_, Option<i64>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, other, original) = row?;
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let s = minhash::similarity(sig, &minhash::from_bytes(&other));
            if s >= MIN_SIMILARITY && best.is_none_or(|(_, bs)| s > bs) {
                best = Some((original.unwrap_or(id), s));
            }
        }
    }
    Ok(best)
}

impl Store {
    /// Stores a batch of annotated documents in one transaction. `source_name` overrides each
    /// document's publisher as its source (for `NumSources`).
    pub fn add_batch(
        &mut self,
        docs: &[Document],
        source_name: Option<&str>,
    ) -> Result<BatchReport> {
        let tx = self.conn.transaction()?;
        let mut report = BatchReport::default();
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut touched = Vec::new();
        for doc in docs {
            add_document(&tx, doc, source_name, &now, &mut report, &mut touched)?;
        }
        // Each aggregate the batch touched is recounted once, not once per mention.
        touched.sort_unstable();
        touched.dedup();
        for agg in touched {
            aggregate::refresh(&tx, agg)?;
        }
        tx.commit()?;
        Ok(report)
    }
}

fn add_document(
    tx: &Transaction<'_>,
    doc: &Document,
    source_name: Option<&str>,
    now: &str,
    report: &mut BatchReport,
    touched: &mut Vec<i64>,
) -> Result<()> {
    let hash = text_hash(doc);
    let exists: Option<i64> = tx
        .query_row("SELECT id FROM documents WHERE hash = ?1", [&hash], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        report.already_stored += 1;
        return Ok(());
    }
    let (sig, words) = minhash::signature(&doc.text);
    let original = if words >= MIN_WORDS {
        find_original(tx, &sig)?
    } else {
        None
    };
    let json =
        serde_json::to_string(&DocumentJson::new(doc)).map_err(|e| StoreError::Serialise {
            id: doc.id.clone(),
            reason: e.to_string(),
        })?;
    let source = source_name
        .map(str::to_owned)
        .or_else(|| doc.meta.publisher.clone())
        .or_else(|| doc.meta.agency.clone());
    let published = doc.meta.published.map(|d| d.format("%Y-%m-%d").to_string());
    tx.prepare_cached(
        "INSERT INTO documents (hash, source_path, source_record, url, format, source_name, headline,
            publisher, authors, published, text, words, minhash, duplicate_of, similarity, json, ingested_at,
            published_source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        hash,
        doc.source.path,
        doc.source.record,
        doc.source.url,
        doc.source.format.as_str(),
        source,
        doc.meta.headline,
        doc.meta.publisher,
        serde_json::to_string(&doc.meta.authors).unwrap_or_default(),
        published,
        doc.text,
        words as i64,
        minhash::to_bytes(&sig),
        original.map(|o| o.0),
        original.map(|o| o.1),
        json,
        now,
        doc.meta
            .published
            .and(doc.meta.published_source)
            .map(dateline_core::DateSource::as_str),
    ])?;
    let id = tx.last_insert_rowid();
    report.added += 1;
    if doc.meta.published.is_none() {
        report.undated += 1;
    }
    if original.is_some() {
        report.duplicates += 1;
    }
    if words >= MIN_WORDS {
        let mut band =
            tx.prepare_cached("INSERT INTO lsh_bands (band, value, document) VALUES (?1, ?2, ?3)")?;
        for b in 0..BANDS {
            band.execute(params![b as i64, minhash::band(&sig, b), id])?;
        }
    }
    tx.prepare_cached("INSERT INTO documents_fts (rowid, headline, text) VALUES (?1, ?2, ?3)")?
        .execute(params![id, doc.meta.headline, doc.text])?;
    add_entities(tx, doc, id)?;
    add_quotes(tx, doc, id)?;
    for event in &doc.events {
        touched.extend(add_event(
            tx,
            doc,
            id,
            event,
            original.is_none(),
            published.as_deref(),
        )?);
        report.events += 1;
    }
    add_claims(tx, doc, id)
}

fn add_entities(tx: &Transaction<'_>, doc: &Document, id: i64) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO entities (document, idx, name, type, actor, country, role, mentions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for e in doc.entities.iter().map(rows::entity) {
        stmt.execute(params![
            id, e.idx, e.name, e.kind, e.actor, e.country, e.role, e.mentions
        ])?;
    }
    Ok(())
}

fn add_quotes(tx: &Transaction<'_>, doc: &Document, id: i64) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO quotes (document, kind, text, start, end, speaker, speaker_actor, speaker_text, cue)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut fts =
        tx.prepare_cached("INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?1, ?2, ?3)")?;
    for q in doc.quotes.iter().map(|q| rows::quote(doc, q)) {
        stmt.execute(params![
            id,
            q.kind,
            q.text,
            q.start,
            q.end,
            q.speaker,
            q.speaker_actor,
            q.speaker_text,
            q.cue,
        ])?;
        let qid = tx.last_insert_rowid();
        fts.execute(params![qid, q.text, q.speaker.or(q.speaker_text)])?;
    }
    Ok(())
}

/// Stores one event; returns the aggregate it joined, if it was aggregated.
fn add_event(
    tx: &Transaction<'_>,
    doc: &Document,
    id: i64,
    e: &Event,
    original: bool,
    seen: Option<&str>,
) -> Result<Option<i64>> {
    let row = rows::event(doc, e);
    let aggregate = if original {
        Some(aggregate::record(
            tx,
            e,
            row.source_actor,
            row.target_actor,
            seen,
        )?)
    } else {
        None
    };
    tx.prepare_cached(
        "INSERT INTO events (document, aggregate, source_actor, source_name, target_actor, target_name, cameo,
            root, goldstein, quad_class, plover, plover_mode, date, place, place_country, lat, lon, modality,
            sentence, trigger, evidence, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        id,
        aggregate,
        row.source_actor,
        row.source_name,
        row.target_actor,
        row.target_name,
        row.cameo,
        row.root,
        row.goldstein,
        row.quad_class,
        row.plover,
        row.plover_mode,
        row.date,
        row.place,
        row.place_country,
        row.lat,
        row.lon,
        row.modality,
        row.sentence,
        row.trigger,
        row.evidence,
        row.confidence,
    ])?;
    Ok(aggregate)
}

fn add_claims(tx: &Transaction<'_>, doc: &Document, id: i64) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO claims (document, value, number, qualifier, counts, category, speaker, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for c in doc.claims.iter().map(|c| rows::claim(doc, c)) {
        stmt.execute(params![
            id,
            c.value,
            c.number,
            c.qualifier,
            c.counts,
            c.category,
            c.speaker,
            c.text
        ])?;
    }
    Ok(())
}
