//! Python bindings of Dateline (`import dateline`): annotate articles into `dateline/1` dicts
//! or Arrow record batches, read files, JSON Lines and WARC crawls. Built with maturin; the
//! Python package in `python/dateline` re-exports this module and adds type stubs.

mod convert;
mod reader;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use dateline_core::Document;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use convert::{document_from, ReadOptions};

create_exception!(
    _dateline,
    DatelineError,
    PyValueError,
    "An input Dateline cannot read or annotate; the message names the input and the reason."
);

/// A document read from an input, before or after annotation.
#[pyclass(name = "Document", module = "dateline", frozen)]
#[derive(Clone)]
pub struct PyDocument {
    pub(crate) doc: Document,
}

#[pymethods]
impl PyDocument {
    /// The document id (the SHA-1 of its text, or the id the input gave).
    #[getter]
    fn id(&self) -> &str {
        &self.doc.id
    }

    /// The body text all spans index (UTF-8 byte offsets).
    #[getter]
    fn text(&self) -> &str {
        &self.doc.text
    }

    /// The headline, if the input gave one.
    #[getter]
    fn headline(&self) -> Option<&str> {
        self.doc.meta.headline.as_deref()
    }

    /// The publication date as `YYYY-MM-DD`, if known.
    #[getter]
    fn published(&self) -> Option<String> {
        self.doc.meta.published.map(|d| d.to_string())
    }

    /// The address of the article, if known.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.doc.source.url.as_deref()
    }

    /// The `dateline/1` JSON of this document as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_python(py, &self.doc)
    }

    fn __repr__(&self) -> String {
        let headline = self.doc.meta.headline.as_deref().unwrap_or("");
        format!(
            "Document(id={:?}, headline={headline:?}, {} bytes)",
            self.doc.id,
            self.doc.text.len()
        )
    }
}

/// The annotation pipeline: segmentation, tagging, entities, quotes, events, claims, dates and
/// places. Build it once and reuse it; it is safe to share between threads.
#[pyclass(module = "dateline", frozen)]
pub struct Pipeline {
    inner: Arc<dateline_core::Pipeline>,
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
}

impl Pipeline {
    fn pool(&self, jobs: Option<usize>) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
        let Some(jobs) = jobs else { return Ok(None) };
        if jobs == 0 {
            return Err(PyValueError::new_err("jobs must be at least 1"));
        }
        let mut pools = self
            .pools
            .lock()
            .map_err(|_| PyValueError::new_err("the worker pools are poisoned"))?;
        if let Some(pool) = pools.get(&jobs) {
            return Ok(Some(Arc::clone(pool)));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map(Arc::new)
            .map_err(|e| PyValueError::new_err(format!("cannot start {jobs} threads: {e}")))?;
        pools.insert(jobs, Arc::clone(&pool));
        Ok(Some(pool))
    }

    /// Annotates `docs` in parallel with the GIL released.
    fn run_all(&self, py: Python<'_>, docs: &mut [Document], jobs: Option<usize>) -> PyResult<()> {
        let pool = self.pool(jobs)?;
        let pipeline = &*self.inner;
        let failures = py.allow_threads(|| annotate(pipeline, pool.as_deref(), docs, 0));
        check(&failures, docs.len())
    }

    /// Annotates `docs` chunk by chunk on worker threads while this thread turns the finished
    /// chunks into dicts: building Python objects needs the GIL, so it overlaps the annotation
    /// instead of following it.
    fn run_and_convert<'py>(
        &self,
        py: Python<'py>,
        docs: &mut [Document],
        jobs: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let pool = self.pool(jobs)?;
        let pipeline = &*self.inner;
        let total = docs.len();
        let out = PyList::empty(py);
        let mut failures = Vec::new();
        std::thread::scope(|scope| -> PyResult<()> {
            let (tx, mut rx) = std::sync::mpsc::sync_channel(2);
            scope.spawn(move || {
                for (k, chunk) in docs.chunks_mut(CHUNK).enumerate() {
                    let failed = annotate(pipeline, pool.as_deref(), chunk, k * CHUNK);
                    if tx.send((chunk, failed)).is_err() {
                        break;
                    }
                }
            });
            loop {
                // The receiver is not `Sync`: it travels into the GIL-free section and back.
                let (next, back) = py.allow_threads(move || (rx.recv(), rx));
                rx = back;
                let Ok((chunk, failed)) = next else { break };
                failures.extend(failed);
                for doc in chunk.iter() {
                    out.append(convert::to_python(py, doc)?)?;
                }
            }
            Ok(())
        })?;
        check(&failures, total)?;
        Ok(out)
    }

    fn read_all(items: &Bound<'_, PyAny>, options: &ReadOptions) -> PyResult<Vec<Document>> {
        items
            .try_iter()
            .map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err(
                    "expected an iterable of str, bytes or dateline.Document",
                )
            })?
            .enumerate()
            .map(|(i, item)| document_from(&item?, options, &format!("item {i}")))
            .collect()
    }
}

#[pymethods]
impl Pipeline {
    #[new]
    fn new() -> Self {
        Pipeline {
            inner: Arc::new(dateline_nlp::standard_pipeline(
                &dateline_nlp::Config::default(),
            )),
            pools: Mutex::new(HashMap::new()),
        }
    }

    /// Annotates one article and returns its `dateline/1` dict.
    #[pyo3(signature = (article, *, html = false, published = None, url = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        article: &Bound<'py, PyAny>,
        html: bool,
        published: Option<&Bound<'py, PyAny>>,
        url: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = ReadOptions::new(html, published, url)?;
        let mut doc = document_from(article, &options, "article")?;
        let pipeline = &self.inner;
        py.allow_threads(|| pipeline.run_guarded(&mut doc))
            .map_err(|f| DatelineError::new_err(format!("annotation failed: {f}")))?;
        convert::to_python(py, &doc)
    }

    /// Annotates many articles on `jobs` threads (default: all cores) with the GIL released;
    /// returns their dicts in input order.
    #[pyo3(signature = (articles, *, jobs = None, html = false, published = None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        articles: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        html: bool,
        published: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let options = ReadOptions::new(html, published, None)?;
        let mut docs = Self::read_all(articles, &options)?;
        self.run_and_convert(py, &mut docs, jobs)
    }

    /// Annotates many articles and returns Arrow record batches — `{"events", "quotes",
    /// "entities", "claims", "documents"}` → `pyarrow.RecordBatch` — with the columns of
    /// `dateline export --format parquet`, handed over without copying. `documents` holds each
    /// article's text, metadata and `dateline/1` JSON, so `dateline ingest` can store the tables
    /// without annotating again.
    #[pyo3(signature = (articles, *, jobs = None, html = false, published = None))]
    fn to_arrow<'py>(
        &self,
        py: Python<'py>,
        articles: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        html: bool,
        published: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let options = ReadOptions::new(html, published, None)?;
        let mut docs = Self::read_all(articles, &options)?;
        self.run_all(py, &mut docs, jobs)?;
        convert::arrow_tables(py, &docs)
    }
}

/// Documents annotated between two hand-overs to the converting thread.
const CHUNK: usize = 32;

/// Annotates `docs` (numbered from `first` in messages) on `pool`, or rayon's global pool;
/// returns what failed.
fn annotate(
    pipeline: &dateline_core::Pipeline,
    pool: Option<&rayon::ThreadPool>,
    docs: &mut [Document],
    first: usize,
) -> Vec<String> {
    let mut work = || {
        let outcomes = pipeline.run_batch(docs);
        outcomes
            .into_iter()
            .zip(docs.iter())
            .enumerate()
            .filter_map(|(i, (outcome, doc))| {
                outcome
                    .err()
                    .map(|f| format!("document {} ({}): {f}", first + i, doc.id))
            })
            .collect()
    };
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

fn check(failures: &[String], total: usize) -> PyResult<()> {
    match failures.first() {
        Some(first) => Err(DatelineError::new_err(format!(
            "{} of {total} documents failed; first: {first}",
            failures.len()
        ))),
        None => Ok(()),
    }
}

/// The shared pipeline behind `dateline.extract`.
fn default_pipeline(py: Python<'_>) -> PyResult<&Py<Pipeline>> {
    static DEFAULT: pyo3::sync::GILOnceCell<Py<Pipeline>> = pyo3::sync::GILOnceCell::new();
    DEFAULT.get_or_try_init(py, || Py::new(py, Pipeline::new()))
}

/// Annotates one article (text, HTML with `html=True`, bytes, or a `Document` from `read`) and
/// returns its `dateline/1` dict.
#[pyfunction]
#[pyo3(signature = (article, *, html = false, published = None, url = None))]
fn extract<'py>(
    py: Python<'py>,
    article: &Bound<'py, PyAny>,
    html: bool,
    published: Option<&Bound<'py, PyAny>>,
    url: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    default_pipeline(py)?
        .get()
        .extract(py, article, html, published, url)
}

#[pymodule]
fn _dateline(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DatelineError", m.py().get_type::<DatelineError>())?;
    m.add("SCHEMA", dateline_core::SCHEMA)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyDocument>()?;
    m.add_class::<Pipeline>()?;
    m.add_class::<reader::Reader>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(reader::read, m)?)?;
    m.add_function(wrap_pyfunction!(reader::read_bytes, m)?)?;
    Ok(())
}
