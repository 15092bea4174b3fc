//! `dateline.read` and `dateline.read_bytes`: documents from files, directories, JSON Lines,
//! feeds and WARC crawls, streamed one at a time.

use std::path::PathBuf;
use std::sync::Mutex;

use dateline_core::Document;
use dateline_ingest::{read_bytes as ingest_bytes, read_inputs, sniff, InputError, ReadConfig};
use pyo3::exceptions::{PyUserWarning, PyValueError};
use pyo3::prelude::*;

use crate::{DatelineError, PyDocument};

/// What to do with an input (or a record inside one) that cannot be read.
#[derive(Clone, Copy)]
enum OnError {
    Raise,
    Warn,
    Ignore,
}

impl OnError {
    fn parse(s: &str) -> PyResult<OnError> {
        match s {
            "raise" => Ok(OnError::Raise),
            "warn" => Ok(OnError::Warn),
            "ignore" => Ok(OnError::Ignore),
            other => Err(PyValueError::new_err(format!(
                "errors: expected 'raise', 'warn' or 'ignore', got {other:?}"
            ))),
        }
    }
}

type Documents = Box<dyn Iterator<Item = Result<Document, InputError>> + Send>;

/// An iterator of `dateline.Document`s.
#[pyclass(module = "dateline")]
pub struct Reader {
    inner: Mutex<Documents>,
    on_error: OnError,
}

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyDocument>> {
        loop {
            let inner = &self.inner;
            let next = py.allow_threads(|| inner.lock().ok().and_then(|mut docs| docs.next()));
            match next {
                None => return Ok(None),
                Some(Ok(doc)) => return Ok(Some(PyDocument { doc })),
                Some(Err(err)) => match self.on_error {
                    OnError::Raise => return Err(DatelineError::new_err(err.to_string())),
                    OnError::Warn => {
                        let message = std::ffi::CString::new(err.to_string().replace('\0', " "))
                            .unwrap_or_default();
                        PyErr::warn(py, &py.get_type::<PyUserWarning>(), &message, 1)?;
                    }
                    OnError::Ignore => {}
                },
            }
        }
    }
}

fn config(max_bytes: u64) -> ReadConfig {
    ReadConfig {
        max_bytes,
        ..ReadConfig::default()
    }
}

/// Reads documents from a file or directory: text, HTML, JSON Lines, RSS/Atom, WARC(.gz).
/// `errors` says what an unreadable input or record does: `"warn"` (default) warns and goes
/// on, `"raise"` raises `DatelineError`, `"ignore"` skips it.
#[pyfunction]
#[pyo3(signature = (path, *, errors = "warn", max_bytes = 64 * 1024 * 1024))]
pub fn read(path: PathBuf, errors: &str, max_bytes: u64) -> PyResult<Reader> {
    let on_error = OnError::parse(errors)?;
    if !path.exists() {
        return Err(DatelineError::new_err(format!(
            "{}: no such file or directory",
            path.display()
        )));
    }
    Ok(Reader {
        inner: Mutex::new(Box::new(read_inputs(&[path], &config(max_bytes)))),
        on_error,
    })
}

/// Reads documents from bytes in memory (a file's content, e.g. from Spark's `binaryFile`
/// source), the format sniffed from the bytes; `name` labels errors and `source.path`.
#[pyfunction]
#[pyo3(signature = (data, name = "<bytes>", *, errors = "warn", max_bytes = 64 * 1024 * 1024))]
pub fn read_bytes(data: &[u8], name: &str, errors: &str, max_bytes: u64) -> PyResult<Reader> {
    let on_error = OnError::parse(errors)?;
    let format = sniff(&data[..data.len().min(4096)]);
    Ok(Reader {
        inner: Mutex::new(ingest_bytes(data, format, name, &config(max_bytes))),
        on_error,
    })
}
