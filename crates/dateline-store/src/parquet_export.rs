//! Parquet export (arrow-rs) of a store's events, quotes, entities and claims, one file each,
//! and the events as CSV,
//! for pandas, Polars, DuckDB and Spark users. Rows are streamed in batches, so memory does not
//! grow with the store.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use rusqlite::types::ValueRef;

use crate::{Result, Store, StoreError};

/// Rows per record batch.
const BATCH_ROWS: usize = 65_536;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Int,
    Real,
    Text,
}

/// One exported table: its file name, query and column types (in query order).
struct Spec {
    file: &'static str,
    sql: &'static str,
    columns: &'static [(&'static str, Kind)],
}

const SPECS: &[Spec] = &[
    Spec {
        file: "events.parquet",
        sql: "SELECT e.id, e.document, d.hash, d.url, d.published, e.aggregate, e.source_actor, e.source_name,
                     e.target_actor, e.target_name, e.cameo, e.root, e.goldstein, e.quad_class, e.plover,
                     e.plover_mode, e.date, e.place, e.place_country, e.lat, e.lon, e.modality, e.trigger,
                     e.evidence, e.confidence
              FROM events e JOIN documents d ON d.id = e.document WHERE d.duplicate_of IS NULL ORDER BY e.id",
        columns: &[
            ("id", Kind::Int), ("document", Kind::Int), ("document_hash", Kind::Text), ("url", Kind::Text),
            ("published", Kind::Text), ("aggregate", Kind::Int), ("source_actor", Kind::Text),
            ("source_name", Kind::Text), ("target_actor", Kind::Text), ("target_name", Kind::Text),
            ("cameo", Kind::Text), ("cameo_root", Kind::Text), ("goldstein", Kind::Real),
            ("quad_class", Kind::Int), ("plover", Kind::Text), ("plover_mode", Kind::Text), ("date", Kind::Text),
            ("place", Kind::Text), ("place_country", Kind::Text), ("lat", Kind::Real), ("lon", Kind::Real),
            ("modality", Kind::Text), ("trigger", Kind::Text), ("evidence", Kind::Text),
            ("confidence", Kind::Real),
        ],
    },
    Spec {
        file: "quotes.parquet",
        sql: "SELECT q.id, q.document, d.published, q.kind, q.text, q.speaker, q.speaker_actor, q.speaker_text, q.cue
              FROM quotes q JOIN documents d ON d.id = q.document WHERE d.duplicate_of IS NULL ORDER BY q.id",
        columns: &[
            ("id", Kind::Int), ("document", Kind::Int), ("published", Kind::Text), ("kind", Kind::Text),
            ("text", Kind::Text), ("speaker", Kind::Text), ("speaker_actor", Kind::Text),
            ("speaker_text", Kind::Text), ("cue", Kind::Text),
        ],
    },
    Spec {
        file: "entities.parquet",
        sql: "SELECT document, idx, name, type, actor, country, role, mentions FROM entities ORDER BY document, idx",
        columns: &[
            ("document", Kind::Int), ("entity", Kind::Int), ("name", Kind::Text), ("type", Kind::Text),
            ("actor", Kind::Text), ("country", Kind::Text), ("role", Kind::Text), ("mentions", Kind::Int),
        ],
    },
    Spec {
        file: "claims.parquet",
        sql: "SELECT id, document, value, number, qualifier, counts, category, speaker, text FROM claims ORDER BY id",
        columns: &[
            ("id", Kind::Int), ("document", Kind::Int), ("value", Kind::Text), ("number", Kind::Real),
            ("qualifier", Kind::Text), ("counts", Kind::Text), ("category", Kind::Text), ("speaker", Kind::Text),
            ("text", Kind::Text),
        ],
    },
];

fn parquet_error(e: &impl std::fmt::Display) -> StoreError {
    StoreError::Export(e.to_string())
}

fn builders(spec: &Spec) -> Vec<Box<dyn ArrayBuilder>> {
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

fn append(builder: &mut dyn ArrayBuilder, kind: Kind, value: ValueRef<'_>) {
    let any = builder.as_any_mut();
    match kind {
        Kind::Int => {
            if let Some(b) = any.downcast_mut::<Int64Builder>() {
                b.append_option(value.as_i64().ok());
            }
        }
        Kind::Real => {
            if let Some(b) = any.downcast_mut::<Float64Builder>() {
                let v = match value {
                    ValueRef::Real(f) => Some(f),
                    ValueRef::Integer(i) => Some(i as f64),
                    _ => None,
                };
                b.append_option(v);
            }
        }
        Kind::Text => {
            if let Some(b) = any.downcast_mut::<StringBuilder>() {
                match value {
                    ValueRef::Text(t) => b.append_value(String::from_utf8_lossy(t)),
                    ValueRef::Integer(i) => b.append_value(i.to_string()),
                    ValueRef::Real(f) => b.append_value(f.to_string()),
                    ValueRef::Null | ValueRef::Blob(_) => b.append_null(),
                }
            }
        }
    }
}

impl Store {
    /// Writes the event mentions of original articles as CSV with a header row (the columns of
    /// `events.parquet`); returns the number of rows.
    pub fn export_events_csv(&self, out: &mut impl std::io::Write) -> Result<usize> {
        let spec = &SPECS[0];
        let mut w = csv::Writer::from_writer(out);
        w.write_record(spec.columns.iter().map(|(name, _)| *name))
            .map_err(|e| parquet_error(&e))?;
        let mut stmt = self.conn.prepare(spec.sql)?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let cells = (0..spec.columns.len())
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        ValueRef::Null | ValueRef::Blob(_) => String::new(),
                        ValueRef::Integer(v) => v.to_string(),
                        ValueRef::Real(v) => v.to_string(),
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    })
                })
                .collect::<rusqlite::Result<Vec<String>>>()?;
            w.write_record(&cells).map_err(|e| match e.into_kind() {
                csv::ErrorKind::Io(io) => StoreError::Io(io),
                other => StoreError::Export(format!("{other:?}")),
            })?;
            n += 1;
        }
        w.flush().map_err(StoreError::Io)?;
        Ok(n)
    }

    /// Writes `events.parquet`, `quotes.parquet`, `entities.parquet` and `claims.parquet` into
    /// `dir` (created if needed); returns the rows written per file.
    pub fn export_parquet(&self, dir: &Path) -> Result<Vec<(&'static str, usize)>> {
        std::fs::create_dir_all(dir).map_err(|e| parquet_error(&e))?;
        SPECS
            .iter()
            .map(|spec| Ok((spec.file, self.write_parquet(spec, &dir.join(spec.file))?)))
            .collect()
    }

    fn write_parquet(&self, spec: &Spec, path: &Path) -> Result<usize> {
        let schema = Arc::new(Schema::new(
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
        ));
        let file = File::create(path).map_err(|e| parquet_error(&e))?;
        let mut writer =
            ArrowWriter::try_new(file, schema.clone(), None).map_err(|e| parquet_error(&e))?;
        let mut columns = builders(spec);
        let mut stmt = self.conn.prepare(spec.sql)?;
        let mut rows = stmt.query([])?;
        let (mut total, mut pending) = (0, 0);
        let flush = |columns: &mut Vec<Box<dyn ArrayBuilder>>,
                     writer: &mut ArrowWriter<File>|
         -> Result<()> {
            let arrays: Vec<ArrayRef> = columns.iter_mut().map(ArrayBuilder::finish).collect();
            let batch =
                RecordBatch::try_new(schema.clone(), arrays).map_err(|e| parquet_error(&e))?;
            writer.write(&batch).map_err(|e| parquet_error(&e))
        };
        while let Some(row) = rows.next()? {
            for (i, (_, kind)) in spec.columns.iter().enumerate() {
                append(columns[i].as_mut(), *kind, row.get_ref(i)?);
            }
            total += 1;
            pending += 1;
            if pending == BATCH_ROWS {
                flush(&mut columns, &mut writer)?;
                pending = 0;
            }
        }
        if pending > 0 || total == 0 {
            flush(&mut columns, &mut writer)?;
        }
        writer.close().map_err(|e| parquet_error(&e))?;
        Ok(total)
    }
}
