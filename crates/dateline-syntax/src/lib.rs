//! # dateline-syntax
//!
//! The syntax layer under Dateline's language stages: the averaged perceptron over hashed
//! features with its quantised `i16` weights and model file format ([`model`]), the per-sentence
//! view of normalised words, shapes and affixes that models read ([`words`]), and the
//! part-of-speech tagger with verb lemmas ([`pos`]), whose weights are compiled in. Training
//! lives in `dateline-train`; this crate is what runs.
//!
//! ```
//! use dateline_syntax::pos::Tagger;
//!
//! let tags = Tagger::embedded().tag(&["Talks", "began", "."]);
//! assert_eq!(tags.len(), 3);
//! assert!(tags[1].is_verb());
//! ```

mod error;
pub mod model;
pub mod parse;
pub mod pos;
pub mod words;

pub use error::{Result, SyntaxError};
