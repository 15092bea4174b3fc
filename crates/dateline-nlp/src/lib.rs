//! # dateline-nlp
//!
//! The language stages of Dateline and the standard pipeline that chains them: named entities
//! ([`ner`]) with gazetteers ([`gazetteer`]), coreference and actor codes ([`entities`]), quotes,
//! events, claims, dates and places. Part-of-speech tagging and the perceptron models come from
//! `dateline-syntax`; training lives in `dateline-train`. Weights are compiled into the binary. [`standard_pipeline`] is what `dateline extract`, the store and the
//! Python package all run, so every caller gets the same output.
//!
//! ```
//! use dateline_core::Document;
//!
//! let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
//! let mut doc = Document::from_text("Talks began. They ended.");
//! pipeline.run(&mut doc);
//! assert_eq!(doc.sentences.len(), 2);
//! assert!(doc.tokens.iter().all(|t| t.pos.is_some()));
//! ```

pub mod claims;
mod data;
pub mod entities;
mod error;
pub mod events;
pub mod gazetteer;
pub mod geo;
pub mod kb;
pub mod ner;
pub mod quotes;
pub mod time;

use dateline_core::{Pipeline, Segmenter, Stage};

pub use error::{NlpError, Result};

/// Options for building the standard pipeline.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// The work budget: the most tokens of one document that are annotated
    /// ([`Pipeline::with_max_tokens`]).
    pub max_tokens: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_tokens: dateline_core::DEFAULT_MAX_TOKENS,
        }
    }
}

/// The full Dateline pipeline, in architecture order. Built once; `Send + Sync`; reuse it.
#[must_use]
pub fn standard_pipeline(config: &Config) -> Pipeline {
    Pipeline::new(standard_stages(config)).with_max_tokens(config.max_tokens)
}

/// The stages of [`standard_pipeline`], in order, for running or timing them one by one.
#[must_use]
pub fn standard_stages(_config: &Config) -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(Segmenter::default()),
        Box::new(dateline_syntax::pos::TagStage::default()),
        Box::new(dateline_syntax::parse::stage::ParseStage::default()),
        Box::new(entities::EntityStage::default()),
        Box::new(quotes::QuoteStage::default()),
        Box::new(events::EventStage::default()),
        Box::new(claims::ClaimStage::default()),
    ]
}
