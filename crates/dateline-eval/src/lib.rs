//! # dateline-eval
//!
//! Measures how well Dateline annotates news: a [`Document`] that went through the pipeline is
//! scored against hand-made gold ([`Gold`], one `NAME.gold.json` beside each `NAME.txt`) layer by
//! layer, following the scoring rules of the evaluation set:
//!
//! - [`metadata`]: headline, authors, dateline place, agency and editors, correct or not;
//! - [`entities`]: one-to-one matches on name (or an `also` form) and type; actor codes;
//! - [`quotes`]: coverage by token overlap for direct+partial and indirect quotes; speakers, kinds
//!   and cues;
//! - [`events`]: one-to-one matches on (source country, target country, CAMEO root); codes,
//!   PLOVER types, dates and modality;
//! - [`claims`]: one-to-one matches on value and speaker.
//!
//! Counts are kept as [`Counts`] and [`Accuracy`] and summed over documents (micro-average) in a
//! [`Report`], which renders one plain-text table and serialises to JSON. Separately,
//! [`segmentation`] scores sentence boundaries against CoNLL-U treebanks.
//!
//! Text is compared after [normalisation](normalize): lowercase, quotes unified, punctuation
//! ignored. [`gum_quotes`] reads held-out gold quotes from the GUM news treebank. Nothing here prints or reads anything but gold files and treebanks.
//!
//! ```
//! use dateline_core::Document;
//! use dateline_eval::{score_document, Gold, Report};
//!
//! let gold: Gold = serde_json::from_str(
//!     r#"{"metadata": {"dateline": "WASHINGTON", "authors": [], "editors": []},
//!         "entities": [{"name": "Lloyd Austin", "type": "PERSON"}]}"#,
//! )?;
//! let doc = Document::from_text("Lloyd Austin spoke.");
//!
//! let mut report = Report::new();
//! report.add("example", score_document(&doc, &gold));
//! assert_eq!(report.total.entities.counts.recall(), 0.0);
//! assert_eq!(report.total.metadata.total().correct, 3); // authors, agency and editors
//! assert!(report.render().contains("entities"));
//! # Ok::<(), serde_json::Error>(())
//! ```

pub mod actor_probes;
pub mod claims;
mod counts;
pub mod entities;
mod error;
pub mod event_probes;
pub mod events;
pub mod gold;
pub mod gum_quotes;
mod half;
mod matching;
pub mod metadata;
pub mod normalize;
pub mod plover_gsr;
pub mod quotes;
pub mod report;
pub mod segmentation;
mod speakers;
#[cfg(test)]
mod test_doc;

use dateline_core::Document;

pub use counts::{Accuracy, Counts};
pub use error::{Error, Result};
pub use gold::{load_gold_dir, Gold, GoldCase};
pub use half::Half;
pub use report::{DocumentScore, Report, Scores};
pub use segmentation::{evaluate_conllu_dir, SegmentationScore};

/// Scores every layer of `doc`, after the pipeline ran on it, against `gold`.
#[must_use]
pub fn score_document(doc: &Document, gold: &Gold) -> Scores {
    Scores {
        metadata: metadata::score(doc, &gold.metadata),
        entities: entities::score(doc, &gold.entities),
        quotes: quotes::score(doc, &gold.quotes, &gold.entities),
        events: events::score(doc, &gold.events),
        claims: claims::score(doc, &gold.claims, &gold.entities),
    }
}
