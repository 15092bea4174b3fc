//! Store exports for pandas, Polars, DuckDB and Spark users: the five tables of [`crate::tables`]
//! as Parquet files (arrow-rs), and the events as CSV. Rows are streamed in batches, so memory
//! does not grow with the store.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use arrow_array::builder::ArrayBuilder;
use arrow_array::{ArrayRef, RecordBatch};
use dateline_store::Store;
use parquet::arrow::ArrowWriter;
use rusqlite::types::ValueRef;

use crate::tables::{append, builders, format_error, schema, Cell, Spec, SPECS};
use crate::{ExportError, Result};

/// Rows per record batch.
const BATCH_ROWS: usize = 65_536;

impl<'a> From<ValueRef<'a>> for Cell<'a> {
    fn from(value: ValueRef<'a>) -> Self {
        match value {
            ValueRef::Null | ValueRef::Blob(_) => Cell::Text(None),
            ValueRef::Integer(i) => Cell::Int(Some(i)),
            ValueRef::Real(f) => Cell::Real(Some(f)),
            ValueRef::Text(t) => Cell::Text(Some(String::from_utf8_lossy(t))),
        }
    }
}

/// Writes the event mentions of the original articles of `store` as CSV with a header row (the
/// columns of `events.parquet`); returns the number of rows.
pub fn events_csv(store: &Store, out: &mut impl Write) -> Result<usize> {
    let spec = &SPECS[0];
    let mut w = csv::Writer::from_writer(out);
    w.write_record(spec.columns.iter().map(|(name, _)| *name))
        .map_err(|e| format_error(&e))?;
    let mut stmt = store.connection().prepare(spec.sql)?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let cells = (0..spec.columns.len())
            .map(|i| Ok(Cell::from(row.get_ref(i)?).to_field()))
            .collect::<rusqlite::Result<Vec<String>>>()?;
        w.write_record(&cells).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::Io(io),
            other => ExportError::Format(format!("{other:?}")),
        })?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

/// Writes `events.parquet`, `quotes.parquet`, `entities.parquet`, `claims.parquet` and
/// `documents.parquet` of `store` into `dir` (created if needed); returns the rows written per
/// file.
pub fn parquet(store: &Store, dir: &Path) -> Result<Vec<(&'static str, usize)>> {
    std::fs::create_dir_all(dir).map_err(|e| format_error(&e))?;
    SPECS
        .iter()
        .map(|spec| Ok((spec.file, write_parquet(store, spec, &dir.join(spec.file))?)))
        .collect()
}

fn write_parquet(store: &Store, spec: &Spec, path: &Path) -> Result<usize> {
    let schema = schema(spec);
    let file = File::create(path).map_err(|e| format_error(&e))?;
    let mut writer =
        ArrowWriter::try_new(file, schema.clone(), None).map_err(|e| format_error(&e))?;
    let mut columns = builders(spec);
    let mut stmt = store.connection().prepare(spec.sql)?;
    let mut rows = stmt.query([])?;
    let (mut total, mut pending) = (0, 0);
    let flush = |columns: &mut Vec<Box<dyn ArrayBuilder>>,
                 writer: &mut ArrowWriter<File>|
     -> Result<()> {
        let arrays: Vec<ArrayRef> = columns.iter_mut().map(ArrayBuilder::finish).collect();
        let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| format_error(&e))?;
        writer.write(&batch).map_err(|e| format_error(&e))
    };
    while let Some(row) = rows.next()? {
        for (i, (_, kind)) in spec.columns.iter().enumerate() {
            append(columns[i].as_mut(), *kind, &Cell::from(row.get_ref(i)?));
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
    writer.close().map_err(|e| format_error(&e))?;
    Ok(total)
}
