//! Between Python and Dateline: articles in (str, bytes, `Document`), dicts and Arrow out.

use chrono::NaiveDate;
use dateline_core::json::DocumentJson;
use dateline_core::Document;
use dateline_ingest::{read_html, read_text, DocumentOptions, HtmlOrigin};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::{DatelineError, PyDocument};

/// How raw articles are read: as HTML or text, with the caller's options applied.
pub struct ReadOptions {
    pub html: bool,
    pub document: DocumentOptions,
}

impl ReadOptions {
    pub fn new(
        html: bool,
        published: Option<&Bound<'_, PyAny>>,
        url: Option<String>,
    ) -> PyResult<Self> {
        Ok(ReadOptions {
            html,
            document: DocumentOptions {
                published: published.map(parse_date).transpose()?,
                url,
                ..DocumentOptions::default()
            },
        })
    }
}

/// A date from `"2024-10-30"`, a `datetime.date` or a `datetime.datetime`.
fn parse_date(value: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    let text: String = if let Ok(s) = value.downcast::<PyString>() {
        s.to_cow()?.into_owned()
    } else {
        value
            .call_method0("isoformat")
            .and_then(|v| v.extract())
            .map_err(|_| {
                PyTypeError::new_err("published: expected a YYYY-MM-DD string or a date")
            })?
    };
    let day = text.trim().get(..10).unwrap_or(text.trim());
    DocumentOptions::published_from(day)
        .map_err(|_| PyValueError::new_err(format!("published: expected YYYY-MM-DD, got {text:?}")))
}

/// One article as a document, not yet annotated.
pub fn document_from(
    item: &Bound<'_, PyAny>,
    options: &ReadOptions,
    label: &str,
) -> PyResult<Document> {
    let mut doc = if let Ok(doc) = item.downcast::<PyDocument>() {
        doc.get().doc.clone()
    } else {
        let text;
        let bytes: &[u8] = if let Ok(s) = item.downcast::<PyString>() {
            text = s.to_cow()?;
            text.as_bytes()
        } else if let Ok(b) = item.downcast::<PyBytes>() {
            b.as_bytes()
        } else {
            return Err(PyTypeError::new_err(format!(
                "{label}: expected str, bytes or dateline.Document, got {}",
                item.get_type().name()?
            )));
        };
        let read = if options.html {
            read_html(
                bytes,
                HtmlOrigin {
                    url: options.document.url.as_deref(),
                    ..HtmlOrigin::default()
                },
            )
        } else {
            read_text(bytes, None)
        };
        read.map_err(|e| DatelineError::new_err(format!("{label}: {e}")))?
    };
    options.document.apply(&mut doc);
    Ok(doc)
}

/// The `dateline/1` JSON of `doc`, built as Python objects directly (no JSON text between).
pub fn to_python<'py>(py: Python<'py>, doc: &Document) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, &DocumentJson::new(doc))
        .map_err(|e| DatelineError::new_err(format!("cannot convert document {}: {e}", doc.id)))
}

/// `{"events": RecordBatch, …}` for annotated documents.
pub fn arrow_tables<'py>(py: Python<'py>, docs: &[Document]) -> PyResult<Bound<'py, PyDict>> {
    use arrow_pyarrow::ToPyArrow;
    let tables = dateline_export::document_tables(docs)
        .map_err(|e| DatelineError::new_err(format!("cannot build Arrow tables: {e}")))?;
    let out = PyDict::new(py);
    for (name, batch) in tables {
        out.set_item(name, batch.to_pyarrow(py)?)?;
    }
    Ok(out)
}
