//! # dateline-train
//!
//! Everything that trains Dateline's models and nothing that runs them: the GMB news corpus
//! reader with its fixed split ([`gmb`]), reproducible shuffling, and the trainers and evaluators
//! of the part-of-speech tagger ([`pos`]) and the entity recogniser ([`ner`]). The run-time
//! crates (`dateline-syntax`, `dateline-nlp`) own the feature functions; this crate drives them
//! over a corpus and writes model files. `dateline train` and `dateline eval pos|ner` call it.

pub mod conllu;
mod error;
pub mod gmb;
pub mod lexicon;
pub mod ner;
pub mod parse;
pub mod pos;
mod shuffle;

pub use error::{Result, TrainError};
pub use shuffle::{shuffle, SplitMix64};
