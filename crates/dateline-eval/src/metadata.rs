//! Metadata scoring: headline, authors, dateline place, agency and editors, one judgement each.

use std::collections::BTreeSet;

use dateline_core::Document;
use serde::Serialize;

use crate::counts::Accuracy;
use crate::gold::GoldMetadata;
use crate::normalize::norm;

/// Per-field metadata accuracy of one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MetadataScore {
    /// Headline, judged only when the gold has one.
    pub headline: Accuracy,
    /// Byline authors as a set.
    pub authors: Accuracy,
    /// Dateline place; a gold `null` is right only when nothing was predicted.
    pub dateline: Accuracy,
    /// Agency from the byline or dateline.
    pub agency: Accuracy,
    /// Editors as a set.
    pub editors: Accuracy,
}

impl MetadataScore {
    /// All fields together.
    #[must_use]
    pub fn total(&self) -> Accuracy {
        self.headline + self.authors + self.dateline + self.agency + self.editors
    }
}

impl std::ops::AddAssign for MetadataScore {
    fn add_assign(&mut self, other: Self) {
        self.headline += other.headline;
        self.authors += other.authors;
        self.dateline += other.dateline;
        self.agency += other.agency;
        self.editors += other.editors;
    }
}

/// Scores the metadata of `doc` against `gold`.
///
/// Every comparison is on [normalised](crate::normalize) text, which is case-insensitive and
/// ignores punctuation (`SEOUL/TOKYO` equals `Seoul / Tokyo`). The predicted agency is
/// `meta.agency`, or else the dateline's agency.
#[must_use]
pub fn score(doc: &Document, gold: &GoldMetadata) -> MetadataScore {
    let meta = &doc.meta;
    let mut score = MetadataScore::default();
    if let Some(headline) = &gold.headline {
        score
            .headline
            .record(meta.headline.as_deref().map(norm) == Some(norm(headline)));
    }
    score
        .authors
        .record(name_set(&meta.authors) == name_set(&gold.authors));
    let place = meta.dateline.as_ref().map(|d| d.place.as_str());
    score
        .dateline
        .record(same_optional(place, gold.dateline.as_deref()));
    let agency = meta
        .agency
        .as_deref()
        .or_else(|| meta.dateline.as_ref().and_then(|d| d.agency.as_deref()));
    score
        .agency
        .record(same_optional(agency, gold.agency.as_deref()));
    score
        .editors
        .record(name_set(&meta.editors) == name_set(&gold.editors));
    score
}

fn name_set(names: &[String]) -> BTreeSet<String> {
    names
        .iter()
        .map(|n| norm(n))
        .filter(|n| !n.is_empty())
        .collect()
}

fn same_optional(pred: Option<&str>, gold: Option<&str>) -> bool {
    match (pred, gold) {
        (None, None) => true,
        (Some(p), Some(g)) => norm(p) == norm(g),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use dateline_core::{Dateline, Meta};

    use super::*;

    fn doc(meta: Meta) -> Document {
        let mut doc = Document::from_text("Body.");
        doc.meta = meta;
        doc
    }

    #[test]
    fn fields_are_judged_separately() {
        let gold = GoldMetadata {
            headline: None,
            authors: vec!["Phil Stewart".into(), "Jonathan Landay".into()],
            dateline: Some("WASHINGTON".into()),
            agency: Some("Reuters".into()),
            editors: vec![],
        };
        let meta = Meta {
            authors: vec!["Jonathan Landay".into(), "PHIL STEWART".into()],
            dateline: Some(Dateline {
                place: "Washington".into(),
                agency: Some("Reuters".into()),
                span: None,
            }),
            editors: vec!["Chris Reese".into()],
            ..Meta::default()
        };
        let score = score(&doc(meta), &gold);
        assert_eq!(score.headline.total, 0, "no gold headline, no judgement");
        assert_eq!(
            score.authors.correct, 1,
            "author order and case do not matter"
        );
        assert_eq!(score.dateline.correct, 1);
        assert_eq!(
            score.agency.correct, 1,
            "agency falls back to the dateline's"
        );
        assert_eq!(score.editors.correct, 0);
        assert_eq!(
            score.total(),
            Accuracy {
                correct: 3,
                total: 4
            }
        );
    }

    #[test]
    fn gold_null_dateline_needs_no_prediction() {
        let gold = GoldMetadata::default();
        let meta = Meta {
            dateline: Some(Dateline {
                place: "KYIV".into(),
                agency: None,
                span: None,
            }),
            ..Meta::default()
        };
        assert_eq!(score(&doc(Meta::default()), &gold).dateline.correct, 1);
        assert_eq!(score(&doc(meta), &gold).dateline.correct, 0);
    }
}
