//! # dateline-nlp
//!
//! The language stages of Dateline and the standard pipeline that chains them
//! (ARCHITECTURE.md layers 2–8): part-of-speech tagging and verb lemmas ([`pos`]), named entities
//! ([`ner`]) with gazetteers ([`gazetteer`]). Models are averaged perceptrons over hashed
//! features ([`model`]), trained from the GMB news corpus by `dateline train` ([`gmb`]) and
//! compiled into the binary. [`standard_pipeline`] is what `dateline extract`, the store and the
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
pub mod gmb;
pub mod model;
pub mod ner;
pub mod pos;
pub mod quotes;
pub mod time;
pub mod timegeo;
mod words;

use dateline_core::{Pipeline, Segmenter, Stage};

pub use error::{NlpError, Result};

/// Options for building the standard pipeline.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Config {}

/// The full Dateline pipeline, in architecture order. Built once; `Send + Sync`; reuse it.
#[must_use]
pub fn standard_pipeline(config: &Config) -> Pipeline {
    Pipeline::new(standard_stages(config))
}

/// The stages of [`standard_pipeline`], in order, for running or timing them one by one.
#[must_use]
pub fn standard_stages(_config: &Config) -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(Segmenter::default()),
        Box::new(pos::TagStage::default()),
        Box::new(entities::EntityStage::default()),
        Box::new(quotes::QuoteStage::default()),
        Box::new(events::EventStage::default()),
        Box::new(claims::ClaimStage::default()),
        Box::new(timegeo::TimeGeoStage::default()),
    ]
}

/// Shuffles `items` deterministically for `seed` (`SplitMix64` driving Fisher–Yates), so
/// training runs are reproducible.
pub(crate) fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}
