//! The five exported tables (events, quotes, entities, claims, documents): their columns and Arrow types,
//! the store query that fills each, and [`document_tables`], which builds the same tables
//! straight from annotated documents (the Python package, Spark) without a store.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dateline_core::json::DocumentJson;
use dateline_core::{rows, Document};

use crate::{ExportError, Result};

#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Int,
    Real,
    Text,
}

/// One exported table: its file name, query and column types (in query order).
pub(crate) struct Spec {
    pub(crate) file: &'static str,
    /// The store query (feature `store`) whose columns are `columns`.
    #[cfg_attr(not(feature = "store"), allow(dead_code))]
    pub(crate) sql: &'static str,
    pub(crate) columns: &'static [(&'static str, Kind)],
}

pub(crate) const SPECS: &[Spec] = &[
    Spec {
        file: "events.parquet",
        sql: "SELECT e.id, e.document, d.hash, d.url, d.published, e.aggregate, e.source_actor, e.source_name,
                     e.target_actor, e.target_name, e.cameo, e.root, e.goldstein, e.quad_class, e.plover,
                     e.plover_mode, e.date, e.place, e.place_country, e.lat, e.lon, e.modality, e.trigger,
                     e.evidence, e.confidence, e.sentence
              FROM events e JOIN documents d ON d.id = e.document WHERE d.duplicate_of IS NULL ORDER BY e.id",
        columns: &[
            ("id", Kind::Int), ("document", Kind::Int), ("document_hash", Kind::Text), ("url", Kind::Text),
            ("published", Kind::Text), ("aggregate", Kind::Int), ("source_actor", Kind::Text),
            ("source_name", Kind::Text), ("target_actor", Kind::Text), ("target_name", Kind::Text),
            ("cameo", Kind::Text), ("cameo_root", Kind::Text), ("goldstein", Kind::Real),
            ("quad_class", Kind::Int), ("plover", Kind::Text), ("plover_mode", Kind::Text), ("date", Kind::Text),
            ("place", Kind::Text), ("place_country", Kind::Text), ("lat", Kind::Real), ("lon", Kind::Real),
            ("modality", Kind::Text), ("trigger", Kind::Text), ("evidence", Kind::Text),
            ("confidence", Kind::Real), ("sentence", Kind::Int),
        ],
    },
    Spec {
        file: "quotes.parquet",
        sql: "SELECT q.id, q.document, d.hash, d.published, q.kind, dateline_slice(d.text_z, q.start, q.end), q.speaker, q.speaker_actor, q.speaker_text, q.cue,
                     q.start, q.end
              FROM quotes q JOIN documents d ON d.id = q.document WHERE d.duplicate_of IS NULL ORDER BY q.id",
        columns: &[
            ("id", Kind::Int), ("document", Kind::Int), ("document_hash", Kind::Text), ("published", Kind::Text), ("kind", Kind::Text),
            ("text", Kind::Text), ("speaker", Kind::Text), ("speaker_actor", Kind::Text),
            ("speaker_text", Kind::Text), ("cue", Kind::Text), ("start", Kind::Int), ("end", Kind::Int),
        ],
    },
    Spec {
        file: "entities.parquet",
        // Entities and claims are kept in each document's JSON (schema 7), not as rows.
        sql: "SELECT d.id, d.hash, json_extract(e.value, '$.id'), json_extract(e.value, '$.name'),
                     json_extract(e.value, '$.type'), json_extract(e.value, '$.actor'),
                     json_extract(e.value, '$.country'), json_extract(e.value, '$.role'),
                     json_array_length(e.value, '$.mentions'), json_extract(e.value, '$.kb')
              FROM documents d, json_each(dateline_unpack(d.json_z), '$.entities') e ORDER BY d.id, e.key",
        columns: &[
            ("document", Kind::Int), ("document_hash", Kind::Text), ("entity", Kind::Int), ("name", Kind::Text), ("type", Kind::Text),
            ("actor", Kind::Text), ("country", Kind::Text), ("role", Kind::Text), ("mentions", Kind::Int), ("kb", Kind::Text),
        ],
    },
    Spec {
        file: "claims.parquet",
        // `id` numbers the claims of the store in document order; a number is written as the
        // pipeline writes it (30, not 30.0); the speaker is the entity's name, else its words.
        sql: "SELECT ROW_NUMBER() OVER (ORDER BY d.id, c.key), d.id, d.hash,
                     CASE WHEN json_type(c.value, '$.value') IN ('integer', 'real')
                          THEN printf('%.15g', json_extract(c.value, '$.value'))
                          ELSE json_extract(c.value, '$.value') END,
                     CASE WHEN json_type(c.value, '$.value') IN ('integer', 'real')
                          THEN json_extract(c.value, '$.value') END,
                     json_extract(c.value, '$.qualifier'), json_extract(c.value, '$.counts'),
                     json_extract(c.value, '$.category'),
                     COALESCE(json_extract(d.json, '$.entities[' || json_extract(c.value, '$.speaker') || '].name'),
                              json_extract(c.value, '$.speaker_text')),
                     json_extract(c.value, '$.text')
              FROM (SELECT id, hash, dateline_unpack(json_z) AS json FROM documents) d,
                   json_each(d.json, '$.claims') c
              ORDER BY d.id, c.key",
        columns: &[
            ("id", Kind::Int), ("document", Kind::Int), ("document_hash", Kind::Text), ("value", Kind::Text), ("number", Kind::Real),
            ("qualifier", Kind::Text), ("counts", Kind::Text), ("category", Kind::Text), ("speaker", Kind::Text),
            ("text", Kind::Text),
        ],
    },
    Spec {
        file: "documents.parquet",
        sql: "SELECT d.id, d.hash, d.source_path, d.source_record, d.url, d.format, d.headline, d.publisher,
                     d.source_name, d.authors, d.published, d.published_source, d.duplicate_of,
                     dateline_unpack(d.text_z), dateline_unpack(d.json_z)
              FROM documents d ORDER BY d.id",
        columns: &[
            ("document", Kind::Int), ("document_hash", Kind::Text), ("path", Kind::Text), ("record", Kind::Text),
            ("url", Kind::Text), ("format", Kind::Text), ("headline", Kind::Text), ("publisher", Kind::Text),
            ("source_name", Kind::Text), ("authors", Kind::Text), ("published", Kind::Text),
            ("published_source", Kind::Text), ("duplicate_of", Kind::Int), ("text", Kind::Text), ("json", Kind::Text),
        ],
    },
];

pub(crate) fn format_error(e: &impl std::fmt::Display) -> ExportError {
    ExportError::Format(e.to_string())
}

pub(crate) fn builders(spec: &Spec) -> Vec<Box<dyn ArrayBuilder>> {
    spec.columns
        .iter()
        .map(|(_, kind)| -> Box<dyn ArrayBuilder> {
            match kind {
                Kind::Int => Box::new(Int64Builder::new()),
                Kind::Real => Box::new(Float64Builder::new()),
                Kind::Text => Box::new(StringBuilder::new()),
            }
        })
        .collect()
}

/// One value of a row, whatever its origin (a SQLite row or a document).
#[derive(Debug, Clone)]
pub(crate) enum Cell<'a> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<Cow<'a, str>>),
}

fn text(value: Option<&str>) -> Cell<'_> {
    Cell::Text(value.map(Cow::Borrowed))
}

impl Cell<'_> {
    /// The value as a CSV field.
    pub(crate) fn to_field(&self) -> String {
        match self {
            Cell::Int(i) => i.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Real(f) => f.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Text(t) => t.as_deref().unwrap_or_default().to_owned(),
        }
    }
}

pub(crate) fn append(builder: &mut dyn ArrayBuilder, kind: Kind, value: &Cell<'_>) {
    let any = builder.as_any_mut();
    match kind {
        Kind::Int => {
            if let Some(b) = any.downcast_mut::<Int64Builder>() {
                b.append_option(match value {
                    Cell::Int(i) => *i,
                    _ => None,
                });
            }
        }
        Kind::Real => {
            if let Some(b) = any.downcast_mut::<Float64Builder>() {
                b.append_option(match value {
                    Cell::Real(f) => *f,
                    Cell::Int(i) => i.map(|i| i as f64),
                    Cell::Text(_) => None,
                });
            }
        }
        Kind::Text => {
            if let Some(b) = any.downcast_mut::<StringBuilder>() {
                match value {
                    Cell::Text(None) | Cell::Int(None) | Cell::Real(None) => b.append_null(),
                    other => b.append_value(other.to_field()),
                }
            }
        }
    }
}

pub(crate) fn schema(spec: &Spec) -> Arc<Schema> {
    Arc::new(Schema::new(
        spec.columns
            .iter()
            .map(|(name, kind)| {
                let t = match kind {
                    Kind::Int => DataType::Int64,
                    Kind::Real => DataType::Float64,
                    Kind::Text => DataType::Utf8,
                };
                Field::new(*name, t, true)
            })
            .collect::<Vec<_>>(),
    ))
}

/// The row of `doc` in the documents table; `json` is its `dateline/1` JSON.
fn document_row<'a>(doc: &'a Document, hash: &'a str, json: &'a str) -> Vec<Cell<'a>> {
    let record = rows::document(doc);
    vec![
        Cell::Int(None),
        text(Some(hash)),
        text(record.path),
        text(record.record),
        text(record.url),
        text(Some(record.format)),
        text(record.headline),
        text(record.publisher),
        text(record.source_name),
        Cell::Text(Some(Cow::Owned(record.authors))),
        Cell::Text(record.published.map(Cow::Owned)),
        text(record.published_source),
        Cell::Int(None),
        text(Some(&doc.text)),
        text(Some(json)),
    ]
}

/// The rows of one document for table `table` (0 events, 1 quotes, 2 entities, 3 claims,
/// 4 documents), in the order of that table's columns. Store-only columns (`id`, `document`,
/// `aggregate`, `duplicate_of`) are null.
fn document_rows<'a>(
    table: usize,
    doc: &'a Document,
    hash: &'a str,
    json: &'a str,
) -> Vec<Vec<Cell<'a>>> {
    let published = doc.meta.published.map(|d| Cow::Owned(d.to_string()));
    let none = || Cell::Int(None);
    match table {
        0 => doc
            .events
            .iter()
            .map(|e| {
                let r = rows::event(doc, e);
                vec![
                    none(),
                    none(),
                    text(Some(hash)),
                    text(doc.source.url.as_deref()),
                    Cell::Text(published.clone()),
                    none(),
                    text(r.source_actor),
                    text(r.source_name),
                    text(r.target_actor),
                    text(r.target_name),
                    text(Some(r.cameo)),
                    text(Some(r.root)),
                    Cell::Real(Some(r.goldstein)),
                    Cell::Int(Some(r.quad_class)),
                    text(r.plover),
                    text(r.plover_mode),
                    Cell::Text(r.date.map(Cow::Owned)),
                    text(r.place),
                    text(r.place_country),
                    Cell::Real(r.lat),
                    Cell::Real(r.lon),
                    Cell::Text(Some(Cow::Owned(r.modality))),
                    text(Some(r.trigger)),
                    text(Some(r.evidence)),
                    Cell::Real(Some(r.confidence)),
                    Cell::Int(Some(r.sentence)),
                ]
            })
            .collect(),
        1 => doc
            .quotes
            .iter()
            .map(|q| {
                let r = rows::quote(doc, q);
                vec![
                    none(),
                    none(),
                    text(Some(hash)),
                    Cell::Text(published.clone()),
                    Cell::Text(Some(Cow::Owned(r.kind))),
                    text(Some(r.text)),
                    text(r.speaker),
                    text(r.speaker_actor),
                    text(r.speaker_text),
                    text(r.cue),
                    Cell::Int(Some(r.start)),
                    Cell::Int(Some(r.end)),
                ]
            })
            .collect(),
        2 => doc
            .entities
            .iter()
            .map(|e| {
                let r = rows::entity(e);
                vec![
                    none(),
                    text(Some(hash)),
                    Cell::Int(Some(r.idx)),
                    text(Some(r.name)),
                    Cell::Text(Some(Cow::Owned(r.kind))),
                    text(r.actor),
                    text(r.country),
                    text(r.role),
                    Cell::Int(Some(r.mentions)),
                    text(r.kb),
                ]
            })
            .collect(),
        4 => vec![document_row(doc, hash, json)],
        _ => doc
            .claims
            .iter()
            .map(|c| {
                let r = rows::claim(doc, c);
                vec![
                    none(),
                    none(),
                    text(Some(hash)),
                    Cell::Text(Some(Cow::Owned(r.value))),
                    Cell::Real(r.number),
                    text(r.qualifier),
                    text(r.counts),
                    text(r.category),
                    text(r.speaker),
                    text(Some(r.text)),
                ]
            })
            .collect(),
    }
}

/// Arrow record batches of annotated documents, one per table (`events`, `quotes`, `entities`,
/// `claims`, `documents`), with the columns and types of `dateline export --format parquet`.
/// The columns only a store gives (`id`, `document`, `aggregate`, `duplicate_of`) are null;
/// `document_hash` (the SHA-1 of the text) joins the tables. `dateline ingest` loads a
/// directory of these tables into a store without running the pipeline again.
pub fn document_tables(docs: &[Document]) -> Result<Vec<(&'static str, RecordBatch)>> {
    let hashes: Vec<String> = docs
        .iter()
        .map(|d| dateline_core::document::sha1_hex(d.text.as_bytes()))
        .collect();
    let jsons = docs
        .iter()
        .map(|d| serde_json::to_string(&DocumentJson::new(d)).map_err(|e| format_error(&e)))
        .collect::<Result<Vec<_>>>()?;
    SPECS
        .iter()
        .enumerate()
        .map(|(table, spec)| {
            let mut columns = builders(spec);
            for ((doc, hash), json) in docs.iter().zip(&hashes).zip(&jsons) {
                for row in document_rows(table, doc, hash, json) {
                    for (i, cell) in row.iter().enumerate() {
                        append(columns[i].as_mut(), spec.columns[i].1, cell);
                    }
                }
            }
            let arrays: Vec<ArrayRef> = columns.iter_mut().map(ArrayBuilder::finish).collect();
            let batch = RecordBatch::try_new(schema(spec), arrays).map_err(|e| format_error(&e))?;
            Ok((spec.file.trim_end_matches(".parquet"), batch))
        })
        .collect()
}
