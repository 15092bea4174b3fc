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
use dateline_store::{BatchReport, Record, Store};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::{ExportError, Result};

mod owned;
use owned::{OwnedDocument, OwnedEntity, OwnedEvent, OwnedQuote};

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
        let builder =
            ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| parquet_error(path, &e))?;
        total += u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
    }
    Ok(total)
}

/// Calls `each` with every record batch of `files`.
fn for_batches(
    files: &[PathBuf],
    mut each: impl FnMut(&Path, &RecordBatch) -> Result<()>,
) -> Result<()> {
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
        Ok(Texts(self.cast(name, &DataType::Utf8)?.and_then(|a| {
            a.as_any().downcast_ref::<StringArray>().cloned()
        })))
    }

    fn texts<const N: usize>(&self, names: [&str; N]) -> Result<[Texts; N]> {
        let mut out = names.map(|_| Texts(None));
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = self.text(name)?;
        }
        Ok(out)
    }

    fn ints<const N: usize>(&self, names: [&str; N]) -> Result<[Option<Int64Array>; N]> {
        let mut out = names.map(|_| None);
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = self.int(name)?;
        }
        Ok(out)
    }

    fn reals<const N: usize>(&self, names: [&str; N]) -> Result<[Option<Float64Array>; N]> {
        let mut out = names.map(|_| None);
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = self.real(name)?;
        }
        Ok(out)
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
struct Texts(Option<StringArray>);

impl Texts {
    fn str(&self, row: usize) -> Option<&str> {
        self.0
            .as_ref()
            .filter(|a| !a.is_null(row))
            .map(|a| a.value(row))
    }

    fn get(&self, row: usize) -> Option<String> {
        self.str(row).map(str::to_owned)
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

/// The documents of one pass, by hash.
#[derive(Default)]
struct Pass {
    documents: Vec<OwnedDocument>,
    by_hash: HashMap<String, usize>,
    orphans: usize,
}

impl Pass {
    fn child(&mut self, hash: &str) -> Option<&mut OwnedDocument> {
        let found = self.by_hash.get(hash).copied();
        if found.is_none() {
            self.orphans += 1;
        }
        self.documents.get_mut(found?)
    }

    fn read_documents(
        &mut self,
        files: &[PathBuf],
        bucket_of: impl Fn(&str) -> bool,
    ) -> Result<()> {
        for_batches(files, |path, batch| {
            let c = Columns { batch, path };
            let [hash, text, json] = c.texts(["document_hash", "text", "json"])?;
            let [doc_path, record, url, format, headline, publisher, source_name, authors, date, date_source] =
                c.texts([
                    "path",
                    "record",
                    "url",
                    "format",
                    "headline",
                    "publisher",
                    "source_name",
                    "authors",
                    "published",
                    "published_source",
                ])?;
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
                    published: date.get(row),
                    published_source: date_source.get(row),
                    text,
                    json,
                    ..OwnedDocument::default()
                });
            }
            Ok(())
        })
    }

    /// Calls `add` with each row of `files` whose document is in this pass, and its document;
    /// `columns` takes what `add` reads from each record batch.
    fn read_children<C>(
        &mut self,
        files: &[PathBuf],
        in_pass: &impl Fn(&str) -> bool,
        columns: impl Fn(&Columns<'_>) -> Result<C>,
        add: impl Fn(&mut OwnedDocument, &C, usize),
    ) -> Result<()> {
        for_batches(files, |path, batch| {
            let c = Columns { batch, path };
            let hash = c.text("document_hash")?;
            let values = columns(&c)?;
            for row in 0..batch.num_rows() {
                let Some(h) = hash.str(row).filter(|h| in_pass(h)) else {
                    continue;
                };
                if let Some(doc) = self.child(h) {
                    add(doc, &values, row);
                }
            }
            Ok(())
        })
    }

    fn read_entities(&mut self, files: &[PathBuf], in_pass: &impl Fn(&str) -> bool) -> Result<()> {
        let columns = |c: &Columns<'_>| {
            Ok((
                c.ints(["entity", "mentions"])?,
                c.texts(["name", "type", "actor", "country", "role", "kb"])?,
            ))
        };
        self.read_children(files, in_pass, columns, |doc, (ints, t), row| {
            doc.entities.push(OwnedEntity {
                idx: int_at(ints[0].as_ref(), row).unwrap_or(0),
                name: t[0].get(row).unwrap_or_default(),
                kind: t[1].get(row).unwrap_or_default(),
                actor: t[2].get(row),
                country: t[3].get(row),
                role: t[4].get(row),
                mentions: int_at(ints[1].as_ref(), row).unwrap_or(0),
                kb: t[5].get(row),
            });
        })
    }

    fn read_quotes(&mut self, files: &[PathBuf], in_pass: &impl Fn(&str) -> bool) -> Result<()> {
        let columns = |c: &Columns<'_>| {
            let texts = c.texts([
                "kind",
                "text",
                "speaker",
                "speaker_actor",
                "speaker_text",
                "cue",
            ])?;
            Ok((c.ints(["start", "end"])?, texts))
        };
        self.read_children(files, in_pass, columns, |doc, (ints, t), row| {
            doc.quotes.push(OwnedQuote {
                kind: t[0].get(row).unwrap_or_default(),
                text: t[1].get(row).unwrap_or_default(),
                start: int_at(ints[0].as_ref(), row).unwrap_or(0),
                end: int_at(ints[1].as_ref(), row).unwrap_or(0),
                speaker: t[2].get(row),
                speaker_actor: t[3].get(row),
                speaker_text: t[4].get(row),
                cue: t[5].get(row),
            });
        })
    }

    fn read_events(&mut self, files: &[PathBuf], in_pass: &impl Fn(&str) -> bool) -> Result<()> {
        let columns = |c: &Columns<'_>| {
            let texts = c.texts([
                "source_actor",
                "source_name",
                "target_actor",
                "target_name",
                "cameo",
                "cameo_root",
                "plover",
                "plover_mode",
                "date",
                "place",
                "place_country",
                "modality",
                "trigger",
                "evidence",
            ])?;
            let reals = c.reals(["goldstein", "lat", "lon", "confidence"])?;
            Ok((c.ints(["quad_class", "sentence"])?, reals, texts))
        };
        self.read_children(files, in_pass, columns, |doc, (ints, reals, t), row| {
            doc.events.push(OwnedEvent {
                source_actor: t[0].get(row),
                source_name: t[1].get(row),
                target_actor: t[2].get(row),
                target_name: t[3].get(row),
                cameo: t[4].get(row).unwrap_or_default(),
                root: t[5].get(row).unwrap_or_default(),
                goldstein: real_at(reals[0].as_ref(), row).unwrap_or(0.0),
                quad_class: int_at(ints[0].as_ref(), row).unwrap_or(0),
                plover: t[6].get(row),
                plover_mode: t[7].get(row),
                date: t[8].get(row),
                place: t[9].get(row),
                place_country: t[10].get(row),
                lat: real_at(reals[1].as_ref(), row),
                lon: real_at(reals[2].as_ref(), row),
                modality: t[11].get(row).unwrap_or_default(),
                sentence: int_at(ints[1].as_ref(), row).unwrap_or(0),
                trigger: t[12].get(row).unwrap_or_default(),
                evidence: t[13].get(row).unwrap_or_default(),
                confidence: real_at(reals[3].as_ref(), row).unwrap_or(0.0),
            });
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
    // Claims are in each document's JSON: their table is not read.
    let [entities, quotes, events] =
        ["entities", "quotes", "events"].map(|name| table_files(dir, name));
    let (entities, quotes, events) = (entities?, quotes?, events?);
    let mut rows = row_count(&documents)?;
    for files in [&entities, &quotes, &events] {
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
