//! # dateline-nlp
//!
//! The language stages of Dateline and the standard pipeline that chains them. Stages land here
//! one layer at a time (ARCHITECTURE.md layers 2–8); [`standard_pipeline`] is what `dateline
//! extract`, the store and the Python package all run, so every caller gets the same output.
//!
//! ```
//! use dateline_core::{Document, Meta, Source, SourceFormat};
//!
//! let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
//! let source = Source { path: None, url: None, format: SourceFormat::Text, record: None };
//! let mut doc = Document::new("Talks began. They ended.".into(), source, Meta::default());
//! pipeline.run(&mut doc);
//! assert_eq!(doc.sentences.len(), 2);
//! ```

use dateline_core::{Pipeline, Segmenter};

/// Options for building the standard pipeline.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Config {}

/// The full Dateline pipeline, in architecture order. Built once; `Send + Sync`; reuse it.
#[must_use]
pub fn standard_pipeline(_config: &Config) -> Pipeline {
    Pipeline::new(vec![Box::new(Segmenter::default())])
}
