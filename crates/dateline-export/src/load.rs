//! Loading annotated tables back into a store: the Parquet files a cluster job writes
//! (`examples/spark`: a directory per table of `part-*.parquet` files) or `dateline export
//! --format parquet` writes (`events.parquet` …), so one machine can serve what a cluster
//! annotated without running the pipeline again.
//!
//! The documents table gives each article's text, metadata and `dateline/1` JSON; the other
//! tables give its rows, joined on `document_hash`. Rows of one document may lie in any file,
//! so the load makes passes over the tables, each taking the documents whose hash falls in one
//! bucket: memory is bounded by the rows of a pass, not by the size of the output.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::{Array, ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::DataType;
use dateline_core::rows::{ClaimRow, EntityRow, EventRow, QuoteRow};
use dateline_store::{BatchReport, Record, Store};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::{ExportError, Result};

/// Table rows (all tables together) held in memory by one pass, at most.
const ROWS_PER_PASS: u64 = 400_000;
/// Documents stored per transaction.
const BATCH_DOCUMENTS: usize = 1024;

/// What a load did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Documents read from the documents table.
    pub documents: usize,
    /// What storing them did.
    pub stored: BatchReport,
    /// Rows whose `document_hash` is not in the documents table (skipped).
    pub orphan_rows: usize,
    /// Passes over the tables.
    pub passes: u64,
}

/// The Parquet files of table `name` under `dir`: `dir/name.parquet`, or the `.parquet`
/// files of the directory `dir/name` (Spark's part files), in name order.
fn table_files(dir: &Path, name: &str) -> Result<Vec<PathBuf>> {
    let single = dir.join(format!("{name}.parquet"));
    if single.is_file() {
        return Ok(vec![single]);
    }
    let sub = dir.join(name);
    if !sub.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&sub)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.') || n.starts_with('_'));
        if !hidden && path.extension().is_some_and(|e| e == "parquet") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Whether `dir` holds annotated tables to load (a documents table, as files or part files).
pub fn is_table_dir(dir: &Path) -> bool {
    dir.is_dir() && table_files(dir, "documents").is_ok_and(|f| !f.is_empty())
}

fn parquet_error(path: &Path, e: &dyn std::fmt::Display) -> ExportError {
    ExportError::Format(format!("{}: {e}", path.display()))
}

/// Rows in the files of one table, from the Parquet footers.
fn row_count(files: &[PathBuf]) -> Result<u64> {
    let mut total = 0;
    for path in files {
        let file = File::open(path)?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(|e| parquet_error(path, &e))?;
        total += u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
    }
    Ok(total)
}

/// Calls `each` with every record batch of `files`.
fn for_batches(files: &[PathBuf], mut each: impl FnMut(&Path, &RecordBatch) -> Result<()>) -> Result<()> {
    for path in files {
        let file = File::open(path)?;
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .and_then(parquet::arrow::arrow_reader::ArrowReaderBuilder::build)
            .map_err(|e| parquet_error(path, &e))?;
        for batch in reader {
            let batch = batch.map_err(|e| parquet_error(path, &e))?;
            each(path, &batch)?;
        }
    }
    Ok(())
}

/// The columns of one record batch, cast to the types the store takes; a missing column reads
/// as null.
struct Columns<'b> {
    batch: &'b RecordBatch,
    path: &'b Path,
}

impl Columns<'_> {
    fn cast(&self, name: &str, to: &DataType) -> Result<Option<ArrayRef>> {
        let Some(column) = self.batch.column_by_name(name) else {
            return Ok(None);
        };
        arrow_cast::cast(column, to)
            .map(Some)
            .map_err(|e| parquet_error(self.path, &format!("column {name}: {e}")))
    }

    fn text(&self, name: &str) -> Result<Texts> {
        Ok(Texts(self.cast(name, &DataType::Utf8)?))
    }

    fn int(&self, name: &str) -> Result<Option<Int64Array>> {
        Ok(self
            .cast(name, &DataType::Int64)?
            .and_then(|a| a.as_any().downcast_ref::<Int64Array>().cloned()))
    }

    fn real(&self, name: &str) -> Result<Option<Float64Array>> {
        Ok(self
            .cast(name, &DataType::Float64)?
            .and_then(|a| a.as_any().downcast_ref::<Float64Array>().cloned()))
    }
}

/// A text column (or none).
struct Texts(Option<ArrayRef>);

impl Texts {
    fn get(&self, row: usize) -> Option<String> {
        let array = self.0.as_ref()?.as_any().downcast_ref::<StringArray>()?;
        (!array.is_null(row)).then(|| array.value(row).to_owned())
    }
}

fn int_at(column: Option<&Int64Array>, row: usize) -> Option<i64> {
    column.filter(|c| !c.is_null(row)).map(|c| c.value(row))
}

fn real_at(column: Option<&Float64Array>, row: usize) -> Option<f64> {
    column.filter(|c| !c.is_null(row)).map(|c| c.value(row))
}

/// The pass a document belongs to, from its hash.
fn bucket(hash: &str, passes: u64) -> u64 {
    let head = hash.get(..12).unwrap_or(hash);
    u64::from_str_radix(head, 16).unwrap_or(0) % passes.max(1)
}

#[derive(Default)]
struct OwnedEntity {
    idx: i64,
    name: String,
    kind: String,
    actor: Option<String>,
    country: Option<String>,
    role: Option<String>,
    mentions: i64,
}

#[derive(Default)]
struct OwnedQuote {
    kind: String,
    text: String,
    start: i64,
    end: i64,
    speaker: Option<String>,
    speaker_actor: Option<String>,
    speaker_text: Option<String>,
    cue: Option<String>,
}

#[derive(Default)]
struct OwnedEvent {
    source_actor: Option<String>,
    source_name: Option<String>,
    target_actor: Option<String>,
    target_name: Option<String>,
    cameo: String,
    root: String,
    goldstein: f64,
    quad_class: i64,
    plover: Option<String>,
    plover_mode: Option<String>,
    date: Option<String>,
    place: Option<String>,
    place_country: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    modality: String,
    sentence: i64,
    trigger: String,
    evidence: String,
    confidence: f64,
}

#[derive(Default)]
struct OwnedClaim {
    value: String,
    number: Option<f64>,
    qualifier: Option<String>,
    counts: Option<String>,
    category: Option<String>,
    speaker: Option<String>,
    text: String,
}

/// One document of the documents table with the rows of the other tables.
#[derive(Default)]
struct OwnedDocument {
    hash: String,
    path: Option<String>,
    record: Option<String>,
    url: Option<String>,
    format: String,
    headline: Option<String>,
    publisher: Option<String>,
    source_name: Option<String>,
    authors: String,
    published: Option<String>,
    published_source: Option<String>,
    text: String,
    json: String,
    entities: Vec<OwnedEntity>,
    quotes: Vec<OwnedQuote>,
    events: Vec<OwnedEvent>,
    claims: Vec<OwnedClaim>,
}

impl OwnedDocument {
    fn record(&self) -> Record<'_> {
        let mut r = Record::new(&self.hash, &self.text, &self.json);
        r.source_path = self.path.as_deref();
        r.source_record = self.record.as_deref();
        r.url = self.url.as_deref();
        r.format = &self.format;
        r.headline = self.headline.as_deref();
        r.publisher = self.publisher.as_deref();
        r.source_name = self.source_name.as_deref();
        r.authors = self.authors.as_str().into();
        r.published = self.published.as_deref().map(Into::into);
        r.published_source = self.published_source.as_deref();
        r.entities = self.entities.iter().map(OwnedEntity::row).collect();
        r.quotes = self.quotes.iter().map(OwnedQuote::row).collect();
        r.events = self.events.iter().map(OwnedEvent::row).collect();
        r.claims = self.claims.iter().map(OwnedClaim::row).collect();
        r
    }
}

impl OwnedEntity {
    fn row(&self) -> EntityRow<'_> {
        EntityRow {
            idx: self.idx,
            name: &self.name,
            kind: self.kind.clone(),
            actor: self.actor.as_deref(),
            country: self.country.as_deref(),
            role: self.role.as_deref(),
            mentions: self.mentions,
        }
    }
}

impl OwnedQuote {
    fn row(&self) -> QuoteRow<'_> {
        QuoteRow {
            kind: self.kind.clone(),
            text: &self.text,
            start: self.start,
            end: self.end,
            speaker: self.speaker.as_deref(),
            speaker_actor: self.speaker_actor.as_deref(),
            speaker_text: self.speaker_text.as_deref(),
            cue: self.cue.as_deref(),
        }
    }
}

impl OwnedEvent {
    fn row(&self) -> EventRow<'_> {
        EventRow {
            source_actor: self.source_actor.as_deref(),
            source_name: self.source_name.as_deref(),
            target_actor: self.target_actor.as_deref(),
            target_name: self.target_name.as_deref(),
            cameo: &self.cameo,
            root: &self.root,
            goldstein: self.goldstein,
            quad_class: self.quad_class,
            plover: self.plover.as_deref(),
            plover_mode: self.plover_mode.as_deref(),
            date: self.date.clone(),
            place: self.place.as_deref(),
            place_country: self.place_country.as_deref(),
            lat: self.lat,
            lon: self.lon,
            modality: self.modality.clone(),
            sentence: self.sentence,
            trigger: &self.trigger,
            evidence: &self.evidence,
            confidence: self.confidence,
        }
    }
}

impl OwnedClaim {
    fn row(&self) -> ClaimRow<'_> {
        ClaimRow {
            value: self.value.clone(),
            number: self.number,
            qualifier: self.qualifier.as_deref(),
            counts: self.counts.as_deref(),
            category: self.category.as_deref(),
            speaker: self.speaker.as_deref(),
            text: &self.text,
        }
    }
}

/// The documents of one pass, by hash.
#[derive(Default)]
struct Pass {
    documents: Vec<OwnedDocument>,
    by_hash: HashMap<String, usize>,
    orphans: usize,
}

impl Pass {
    fn child(&mut self, hash: Option<String>) -> Option<&mut OwnedDocument> {
        let found = hash.and_then(|h| self.by_hash.get(&h).copied());
        if found.is_none() {
            self.orphans += 1;
        }
        self.documents.get_mut(found?)
    }

    fn read_documents(&mut self, files: &[PathBuf], bucket_of: impl Fn(&str) -> bool) -> Result<()> {
        for_batches(files, |path, batch| {
            let c = Columns { batch, path };
            let (hash, text, json) = (c.text("document_hash")?, c.text("text")?, c.text("json")?);
            let [doc_path, record, url, format, headline, publisher, source_name, authors, published, published_source] =
                ["path", "record", "url", "format", "headline", "publisher", "source_name", "authors", "published",
                 "published_source"]
                    .map(|name| c.text(name));
            let (doc_path, record, url, format, headline) = (doc_path?, record?, url?, format?, headline?);
            let (publisher, source_name, authors, published, published_source) =
                (publisher?, source_name?, authors?, published?, published_source?);
            for row in 0..batch.num_rows() {
                let Some(h) = hash.get(row).filter(|h| bucket_of(h)) else {
                    continue;
                };
                if self.by_hash.contains_key(&h) {
                    continue;
                }
                let (Some(text), Some(json)) = (text.get(row), json.get(row)) else {
                    return Err(parquet_error(
                        path,
                        &format!("document {h} has no text or no json (columns `text` and `json` are required)"),
                    ));
                };
                self.by_hash.insert(h.clone(), self.documents.len());
                self.documents.push(OwnedDocument {
                    hash: h,
                    path: doc_path.get(row),
                    record: record.get(row),
                    url: url.get(row),
                    format: format.get(row).unwrap_or_else(|| "text".into()),
                    headline: headline.get(row),
                    publisher: publisher.get(row),
                    source_name: source_name.get(row),
                    authors: authors.get(row).unwrap_or_else(|| "[]".into()),
                    published: published.get(row),
                    published_source: published_source.get(row),
                    text,
                    json,
                    ..OwnedDocument::default()
                });
            }
            Ok(())
        })
    }

    fn read_entities(&mut self, files: &[PathBuf], in_pass: &impl Fn(&str) -> bool) -> Result<()> {
        for_batches(files, |path, batch| {
            let c = Columns { batch, path };
            let hash = c.text("document_hash")?;
            let (idx, mentions) = (c.int("entity")?, c.int("mentions")?);
            let (name, kind, actor, country, role) =
                (c.text("name")?, c.text("type")?, c.text("actor")?, c.text("country")?, c.text("role")?);
            for row in 0..batch.num_rows() {
                let Some(h) = hash.get(row).filter(|h| in_pass(h)) else {
                    continue;
                };
                if let Some(doc) = self.child(Some(h)) {
                    doc.entities.push(OwnedEntity {
                        idx: int_at(idx.as_ref(), row).unwrap_or(0),
                        name: name.get(row).unwrap_or_default(),
                        kind: kind.get(row).unwrap_or_default(),
                        actor: actor.get(row),
                        country: country.get(row),
                        role: role.get(row),
                        mentions: int_at(mentions.as_ref(), row).unwrap_or(0),
                    });
                }
            }
            Ok(())
        })
    }

    fn read_quotes(&mut self, files: &[PathBuf], in_pass: &impl Fn(&str) -> bool) -> Result<()> {
        for_batches(files, |path, batch| {
            let c = Columns { batch, path };
            let hash = c.text("document_hash")?;
            let (start, end) = (c.int("start")?, c.int("end")?);
            let (kind, text, speaker, speaker_actor, speaker_text, cue) = (
                c.text("kind")?,
                c.text("text")?,
                c.text("speaker")?,
                c.text("speaker_actor")?,
                c.text("speaker_text")?,
                c.text("cue")?,
            );
            for row in 0..batch.num_rows() {
                let Some(h) = hash.get(row).filter(|h| in_pass(h)) else {
                    continue;
                };
                if let Some(doc) = self.child(Some(h)) {
                    doc.quotes.push(OwnedQuote {
                        kind: kind.get(row).unwrap_or_default(),
                        text: text.get(row).unwrap_or_default(),
                        start: int_at(start.as_ref(), row).unwrap_or(0),
                        end: int_at(end.as_ref(), row).unwrap_or(0),
                        speaker: speaker.get(row),
                        speaker_actor: speaker_actor.get(row),
                        speaker_text: speaker_text.get(row),
                        cue: cue.get(row),
                    });
                }
            }
            Ok(())
        })
    }

    fn read_events(&mut self, files: &[PathBuf], in_pass: &impl Fn(&str) -> bool) -> Result<()> {
        for_batches(files, |path, batch| {
            let c = Columns { batch, path };
            let hash = c.text("document_hash")?;
            let texts = [
                "source_actor", "source_name", "target_actor", "target_name", "cameo", "cameo_root", "plover",
                "plover_mode", "date", "place", "place_country", "modality", "trigger", "evidence",
            ]
            .map(|name| c.text(name));
            let [source_actor, source_name, target_actor, target_name, cameo, root, plover, plover_mode, date, place, place_country, modality, trigger, evidence] =
                texts;
            let (source_actor, source_name, target_actor, target_name) =
                (source_actor?, source_name?, target_actor?, target_name?);
            let (cameo, root, plover, plover_mode, date) = (cameo?, root?, plover?, plover_mode?, date?);
            let (place, place_country, modality, trigger, evidence) =
                (place?, place_country?, modality?, trigger?, evidence?);
            let (quad_class, sentence) = (c.int("quad_class")?, c.int("sentence")?);
            let (goldstein, lat, lon, confidence) =
                (c.real("goldstein")?, c.real("lat")?, c.real("lon")?, c.real("confidence")?);
            for row in 0..batch.num_rows() {
                let Some(h) = hash.get(row).filter(|h| in_pass(h)) else {
                    continue;
                };
                if let Some(doc) = self.child(Some(h)) {
                    doc.events.push(OwnedEvent {
                        source_actor: source_actor.get(row),
                        source_name: source_name.get(row),
                        target_actor: target_actor.get(row),
                        target_name: target_name.get(row),
                        cameo: cameo.get(row).unwrap_or_default(),
                        root: root.get(row).unwrap_or_default(),
                        goldstein: real_at(goldstein.as_ref(), row).unwrap_or(0.0),
                        quad_class: int_at(quad_class.as_ref(), row).unwrap_or(0),
                        plover: plover.get(row),
                        plover_mode: plover_mode.get(row),
                        date: date.get(row),
                        place: place.get(row),
                        place_country: place_country.get(row),
                        lat: real_at(lat.as_ref(), row),
                        lon: real_at(lon.as_ref(), row),
                        modality: modality.get(row).unwrap_or_default(),
                        sentence: int_at(sentence.as_ref(), row).unwrap_or(0),
                        trigger: trigger.get(row).unwrap_or_default(),
                        evidence: evidence.get(row).unwrap_or_default(),
                        confidence: real_at(confidence.as_ref(), row).unwrap_or(0.0),
                    });
                }
            }
            Ok(())
        })
    }

    fn read_claims(&mut self, files: &[PathBuf], in_pass: &impl Fn(&str) -> bool) -> Result<()> {
        for_batches(files, |path, batch| {
            let c = Columns { batch, path };
            let hash = c.text("document_hash")?;
            let number = c.real("number")?;
            let (value, qualifier, counts, category, speaker, text) = (
                c.text("value")?,
                c.text("qualifier")?,
                c.text("counts")?,
                c.text("category")?,
                c.text("speaker")?,
                c.text("text")?,
            );
            for row in 0..batch.num_rows() {
                let Some(h) = hash.get(row).filter(|h| in_pass(h)) else {
                    continue;
                };
                if let Some(doc) = self.child(Some(h)) {
                    doc.claims.push(OwnedClaim {
                        value: value.get(row).unwrap_or_default(),
                        number: real_at(number.as_ref(), row),
                        qualifier: qualifier.get(row),
                        counts: counts.get(row),
                        category: category.get(row),
                        speaker: speaker.get(row),
                        text: text.get(row).unwrap_or_default(),
                    });
                }
            }
            Ok(())
        })
    }
}

/// Loads the tables under `dir` into `store`, one transaction per [`BATCH_DOCUMENTS`]
/// documents; `source_name` overrides each document's source (as `dateline ingest --source`).
/// `progress` is called with the documents stored so far. Documents already in the store are
/// skipped, so an interrupted load resumes when run again.
pub fn load_tables(
    store: &mut Store,
    dir: &Path,
    source_name: Option<&str>,
    mut progress: impl FnMut(usize),
) -> Result<LoadReport> {
    let documents = table_files(dir, "documents")?;
    if documents.is_empty() {
        return Err(ExportError::Format(format!(
            "{}: no documents table (documents.parquet or documents/part-*.parquet)",
            dir.display()
        )));
    }
    let [entities, quotes, events, claims] =
        ["entities", "quotes", "events", "claims"].map(|name| table_files(dir, name));
    let (entities, quotes, events, claims) = (entities?, quotes?, events?, claims?);
    let mut rows = row_count(&documents)?;
    for files in [&entities, &quotes, &events, &claims] {
        rows += row_count(files)?;
    }
    let passes = rows.div_ceil(ROWS_PER_PASS).max(1);
    let mut report = LoadReport {
        passes,
        ..LoadReport::default()
    };
    for pass in 0..passes {
        let in_pass = |h: &str| bucket(h, passes) == pass;
        let mut p = Pass::default();
        p.read_documents(&documents, in_pass)?;
        p.read_entities(&entities, &in_pass)?;
        p.read_quotes(&quotes, &in_pass)?;
        p.read_events(&events, &in_pass)?;
        p.read_claims(&claims, &in_pass)?;
        for doc in &mut p.documents {
            doc.entities.sort_by_key(|e| e.idx);
            doc.quotes.sort_by_key(|q| q.start);
        }
        for chunk in p.documents.chunks(BATCH_DOCUMENTS) {
            let records: Vec<Record<'_>> = chunk.iter().map(OwnedDocument::record).collect();
            report.stored += store.add_records(&records, source_name)?;
            report.documents += chunk.len();
            progress(report.documents);
        }
        report.orphan_rows += p.orphans;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_split_hashes_and_tolerate_odd_ones() {
        let hashes = ["00ff", "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "zz", ""];
        for h in hashes {
            assert!(bucket(h, 3) < 3);
            assert_eq!(bucket(h, 1), 0);
        }
        let spread: std::collections::HashSet<u64> = (0..64u32)
            .map(|i| bucket(&dateline_core::document::sha1_hex(&i.to_le_bytes()), 4))
            .collect();
        assert_eq!(spread.len(), 4, "hashes reach every pass");
    }
}
