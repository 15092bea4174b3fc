//! Writing documents: one transaction per batch; the document row (text and JSON compressed:
//! the JSON holds the entities and claims), its MinHash bands, full-text row, quotes, events
//! (aggregated unless the document is a duplicate) and the people it names.

use dateline_core::Document;
use std::sync::{Arc, LazyLock};

use rusqlite::{params, OptionalExtension, Transaction};

use crate::aggregate::Tally;
use crate::band_filter::BandFilter;
use crate::codec::{Codec, Column};
use crate::minhash::{self, BANDS, MIN_SIMILARITY, MIN_WORDS};
use crate::people::{person_key, People};
use crate::record::{Packed, Prepared, Record};
use crate::tiers;
use crate::{Result, Store};

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

/// Candidates compared by signature at most: those sharing the most bands.
const MAX_CANDIDATES: usize = 16;

/// Documents read per band key at most, the newest first. A band of boilerplate is shared by
/// more documents the larger the store grows (555 of 100k in the generated corpus); a copy
/// shares most of its bands with its original, so the rarer bands still find it.
const PER_BAND: usize = 32;

/// Probes every band of a signature, in both tiers of the band table, in one statement (band
/// `i` is parameter `?i`; a NULL key matches nothing), reading at most [`PER_BAND`] documents
/// per key, and reads the signatures of the [`MAX_CANDIDATES`] documents sharing the most
/// bands (the older first among equals). Without both bounds each new document cost more
/// than the last.
static FIND_CANDIDATES: LazyLock<String> = LazyLock::new(|| {
    let probes = (1..=BANDS)
        .flat_map(|i| {
            [tiers::BANDS.main, tiers::BANDS.recent].map(|table| {
                format!(
                    "SELECT document FROM (SELECT document FROM {table} WHERE key = ?{i}
                     ORDER BY document DESC LIMIT {PER_BAND})"
                )
            })
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    format!(
        "SELECT s.document, s.minhash, s.original
         FROM (SELECT document, COUNT(*) AS shared FROM ({probes})
               GROUP BY document ORDER BY shared DESC, document LIMIT {MAX_CANDIDATES}) b
         CROSS JOIN signatures s ON s.document = b.document"
    )
});

fn band_keys(sig: &[u32]) -> [i64; BANDS] {
    std::array::from_fn(|band| minhash::band_key(sig, band))
}

/// The original a new text near-duplicates, with the similarity: the most similar stored
/// signature sharing a band, followed to its own original.
fn find_original(
    tx: &Transaction<'_>,
    bands: &BandFilter,
    sig: &[u32],
) -> Result<Option<(i64, f64)>> {
    // Bands never stored are not looked up (NULL matches nothing).
    let keys = band_keys(sig).map(|k| bands.may_contain(k).then_some(k));
    if keys.iter().all(Option::is_none) {
        return Ok(None);
    }
    let mut stmt = tx.prepare_cached(&FIND_CANDIDATES)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(keys), |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, Vec<u8>>(1)?,
            row.get::<_, Option<i64>>(2)?,
        ))
    })?;
    // (candidate, its original, similarity); ties go to the older candidate.
    let mut best: Option<(i64, i64, f64)> = None;
    for row in rows {
        let (id, other, original) = row?;
        let s = minhash::similarity(sig, &minhash::from_bytes(&other));
        if s >= MIN_SIMILARITY
            && best.is_none_or(|(bid, _, bs)| s.total_cmp(&bs).then(bid.cmp(&id)).is_gt())
        {
            best = Some((id, original.unwrap_or(id), s));
        }
    }
    Ok(best.map(|(_, original, s)| (original, s)))
}

impl Store {
    /// Stores a batch of annotated documents in one transaction. `source_name` overrides each
    /// document's publisher as its source (for `NumSources`).
    pub fn add_batch(
        &mut self,
        docs: &[Document],
        source_name: Option<&str>,
    ) -> Result<BatchReport> {
        let mut writer = self.writer()?;
        writer.add_batch(docs, source_name)?;
        writer.commit()
    }

    /// Stores a batch of records in one transaction (see [`Store::add_batch`]).
    pub fn add_records(
        &mut self,
        records: &[Record<'_>],
        source_name: Option<&str>,
    ) -> Result<BatchReport> {
        let mut writer = self.writer()?;
        writer.add_records(records, source_name)?;
        writer.commit()
    }

    /// Opens one transaction for several batches: what they store becomes visible, and safe
    /// from a crash, together at [`BatchWriter::commit`]. Fewer, larger transactions rewrite the
    /// pages of the large indexes (shingle bands, speakers, addresses) less often.
    pub fn writer(&mut self) -> Result<BatchWriter<'_>> {
        let codec = Arc::clone(&self.codec);
        let bands = match self.bands.take() {
            Some(filter) if !filter.full() => filter,
            _ => BandFilter::load(&self.conn)?,
        };
        let bands = self.bands.insert(bands);
        crate::cache::fit(&self.conn, self.cache_limit)?;
        let tx = self.conn.transaction()?;
        // Event rows name aggregates that are written at commit (`Tally::write`).
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        Ok(BatchWriter {
            bands,
            tx,
            codec,
            now: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            tally: Tally::default(),
            people: People::default(),
            report: BatchReport::default(),
        })
    }
}

/// An open transaction of the store (see [`Store::writer`]); dropped without
/// [`BatchWriter::commit`], it stores nothing.
pub struct BatchWriter<'s> {
    tx: Transaction<'s>,
    bands: &'s mut BandFilter,
    codec: Arc<Codec>,
    now: String,
    tally: Tally,
    people: People,
    report: BatchReport,
}

impl BatchWriter<'_> {
    /// Adds annotated documents (see [`Store::add_batch`]); returns what this batch did.
    pub fn add_batch(
        &mut self,
        docs: &[Document],
        source_name: Option<&str>,
    ) -> Result<BatchReport> {
        let records = docs
            .iter()
            .map(Record::from_document)
            .collect::<Result<Vec<_>>>()?;
        self.add_records(&records, source_name)
    }

    /// Adds documents prepared by [`Codec::prepare`].
    pub fn add_prepared(
        &mut self,
        docs: &[(Document, Prepared)],
        source_name: Option<&str>,
    ) -> Result<BatchReport> {
        let records: Vec<Record<'_>> = docs
            .iter()
            .map(|(doc, prepared)| Record::from_prepared(doc, prepared))
            .collect();
        self.add_records(&records, source_name)
    }

    /// Adds records.
    pub fn add_records(
        &mut self,
        records: &[Record<'_>],
        source_name: Option<&str>,
    ) -> Result<BatchReport> {
        train(&self.tx, &self.codec, records)?;
        let mut report = BatchReport::default();
        for record in records {
            let batch = Batch {
                tx: &self.tx,
                source_name,
                now: &self.now,
            };
            let mut tallies = Tallies {
                events: &mut self.tally,
                people: &mut self.people,
                bands: self.bands,
            };
            batch.add(&self.codec, record, &mut report, &mut tallies)?;
        }
        self.report += report;
        Ok(report)
    }

    /// Documents stored (or found already stored) in this transaction so far.
    #[must_use]
    pub fn documents(&self) -> usize {
        self.report.added + self.report.already_stored
    }

    /// Writes the summaries and commits; returns what the whole transaction did.
    pub fn commit(self) -> Result<BatchReport> {
        self.tally.write(&self.tx)?;
        self.people.write(&self.tx)?;
        for tier in tiers::ALL {
            tier.merge_if_full(&self.tx)?;
        }
        self.tx.commit()?;
        Ok(self.report)
    }
}

/// Trains the compression dictionaries on the first batch large enough (records already
/// compressed, whose JSON is not kept, are not samples).
fn train(tx: &Transaction<'_>, packer: &Codec, records: &[Record<'_>]) -> Result<()> {
    let unpacked = || records.iter().filter(|r| r.packed.is_none());
    if packer.untrained(Column::Text) {
        let samples: Vec<&[u8]> = unpacked().map(|r| r.text.as_bytes()).collect();
        packer.train(tx, Column::Text, &samples)?;
    }
    if packer.untrained(Column::Json) {
        let samples: Vec<&[u8]> = unpacked().map(|r| r.json.as_bytes()).collect();
        packer.train(tx, Column::Json, &samples)?;
    }
    Ok(())
}

/// The summaries one transaction adds to, and the filter of stored band keys.
struct Tallies<'a> {
    events: &'a mut Tally,
    people: &'a mut People,
    /// The band keys stored so far.
    bands: &'a mut BandFilter,
}

/// What every document of a batch shares.
struct Batch<'t, 'c> {
    tx: &'t Transaction<'c>,
    source_name: Option<&'t str>,
    now: &'t str,
}

impl Batch<'_, '_> {
    fn add(
        &self,
        codec: &Codec,
        r: &Record<'_>,
        report: &mut BatchReport,
        tallies: &mut Tallies<'_>,
    ) -> Result<()> {
        let tx = self.tx;
        let exists: Option<i64> = tx
            .prepare_cached("SELECT id FROM documents WHERE hash = ?1")?
            .query_row([r.hash.as_ref()], |row| row.get(0))
            .optional()?;
        if exists.is_some() {
            report.already_stored += 1;
            return Ok(());
        }
        let packed = match &r.packed {
            Some(p) => std::borrow::Cow::Borrowed(p.as_ref()),
            None => std::borrow::Cow::Owned(Packed::new(codec, r.text, &r.json)?),
        };
        let (sig, words) = (packed.signature.as_slice(), packed.words);
        let original = if words >= MIN_WORDS {
            find_original(tx, tallies.bands, sig)?
        } else {
            None
        };
        let source = self.source_name.or(r.source_name);
        tx.prepare_cached(
            "INSERT INTO documents (hash, source_path, source_record, url, format, source_name, headline,
                publisher, authors, published, text_z, words, duplicate_of, similarity, json_z,
                ingested_at, published_source, url_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?
        .execute(params![
            r.hash,
            r.source_path,
            r.source_record,
            r.url,
            r.format,
            source,
            r.headline,
            r.publisher,
            r.authors,
            r.published,
            packed.text_z.as_slice(),
            words as i64,
            original.map(|o| o.0),
            original.map(|o| o.1),
            packed.json_z.as_slice(),
            self.now,
            r.published.as_ref().and(r.published_source),
            r.url.map(crate::url_key),
        ])?;
        let id = tx.last_insert_rowid();
        report.added += 1;
        if r.published.is_none() {
            report.undated += 1;
        }
        if original.is_some() {
            report.duplicates += 1;
        }
        if words >= MIN_WORDS {
            // One row per statement: a statement of several rows opens a statement journal,
            // and FTS5 flushes its pending index at every such savepoint.
            let mut band = tx.prepare_cached(&format!(
                "INSERT OR IGNORE INTO {} (key, document) VALUES (?1, ?2)",
                tiers::BANDS.recent
            ))?;
            for key in band_keys(sig) {
                band.execute(params![key, id])?;
                tallies.bands.insert(key);
            }
            tx.prepare_cached(
                "INSERT INTO signatures (document, minhash, original) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, minhash::to_bytes(sig), original.map(|o| o.0)])?;
        }
        tx.prepare_cached("INSERT INTO documents_fts (rowid, headline, text) VALUES (?1, ?2, ?3)")?
            .execute(params![id, r.headline, r.text])?;
        let published = r.published.as_deref();
        if original.is_none() {
            count_people(r, published, tallies.people);
        }
        self.add_quotes(r, id)?;
        let source_key = source.unwrap_or_else(|| r.hash.as_ref());
        for event in &r.events {
            let aggregate = if original.is_none() {
                let agg = tallies.events.aggregate_of(tx, event, published)?;
                let date = event.date.as_deref().or(published);
                tallies
                    .events
                    .add(agg, event, id, source_key, published, date);
                Some(agg)
            } else {
                None
            };
            add_event(tx, id, event, aggregate)?;
            report.events += 1;
        }
        Ok(())
    }

    /// Stores the quote rows of document `id` and their speaker keys.
    fn add_quotes(&self, r: &Record<'_>, id: i64) -> Result<()> {
        let tx = self.tx;
        let mut stmt = tx.prepare_cached(
            "INSERT INTO quotes (document, kind, start, end, speaker, speaker_actor, speaker_text, cue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut by_speaker = tx.prepare_cached(&format!(
            "INSERT INTO {} (speaker_key, published, quote) VALUES (?1, ?2, ?3)",
            tiers::SPEAKERS.recent
        ))?;
        for q in &r.quotes {
            let key = q
                .speaker
                .or(q.speaker_text)
                .and_then(crate::query::speaker_key);
            stmt.execute(params![
                id,
                q.kind,
                q.start,
                q.end,
                q.speaker,
                q.speaker_actor,
                q.speaker_text,
                q.cue,
            ])?;
            let qid = tx.last_insert_rowid();
            if let Some(key) = key {
                by_speaker.execute(params![key, r.published.as_deref().unwrap_or(""), qid])?;
            }
        }
        Ok(())
    }
}

/// Counts the people a document (not a wire copy) names, published on `published`.
fn count_people(r: &Record<'_>, published: Option<&str>, people: &mut People) {
    for e in r.entities.iter().filter(|e| e.mentions > 0) {
        if let Some(key) = person_key(&e.kind, e.name, e.country, e.kb) {
            people.add(&key, e, published);
        }
    }
}

/// Stores one event mention, in `aggregate` if it was aggregated.
fn add_event(
    tx: &Transaction<'_>,
    id: i64,
    row: &dateline_core::rows::EventRow<'_>,
    aggregate: Option<i64>,
) -> Result<()> {
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
    Ok(())
}
