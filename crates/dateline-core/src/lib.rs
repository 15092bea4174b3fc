//! # dateline-core
//!
//! The document model every Dateline crate compiles against: a [`Document`] owns its text once;
//! every annotation is a byte [`Span`] into it plus typed data (entities, quotes, events,
//! claims — the layers of schema `dateline/1`). A [`Stage`] adds one layer; a [`Pipeline`] runs
//! stages in order and documents in parallel. Segmentation into paragraphs, sentences and tokens
//! lives here because every other stage needs it.
//!
//! ```
//! use dateline_core::{Document, Pipeline, Segmenter};
//!
//! let mut doc = Document::from_text("U.S. Defense Secretary Lloyd Austin spoke on Wednesday. Talks ended.");
//! Pipeline::new(vec![Box::new(Segmenter::default())]).run(&mut doc);
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.slice(doc.sentences[1].span), "Talks ended.");
//! ```

pub mod date;
pub mod digits;
pub mod document;
pub mod json;
pub mod layers;
mod pos;
pub mod rows;
pub mod segment;
mod span;
mod stage;
pub mod validate;
mod view;

pub use date::{parse_day, DateError, DateValue, Precision};
pub use digits::group_thousands;
pub use document::{
    Credit, DateSource, Dateline, Diagnostic, Document, Meta, Source, SourceFormat, SCHEMA,
};
pub use layers::{
    actor_state, is_international, ActorSource, Claim, ClaimValue, Dependency, Entity, EntityType,
    Event, Lemma, Modality, Participant, Place, Plover, Quote, QuoteKind, SpeakerType,
};
pub use pos::Pos;
pub use segment::{data_lines, Segmenter, Sentence, Token, TokenKind};
pub use span::Span;
pub use stage::{Pipeline, RunError, Stage, StageFailure, CHUNK, DEFAULT_MAX_TOKENS};
pub use validate::{validate, InvariantError};
pub use view::TokenView;
