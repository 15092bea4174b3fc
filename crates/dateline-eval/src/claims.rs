//! Claim scoring: one-to-one matching on the value and, when the gold names one, the speaker.

use dateline_core::{ClaimValue, Document};
use serde::Serialize;

use crate::counts::Counts;
use crate::gold::{GoldClaim, GoldEntity};
use crate::normalize::{norm, tokens};
use crate::quotes::overlap;
use crate::speakers::{entity_names, GoldSpeaker};

/// Relative tolerance for comparing numbers.
const TOLERANCE: f64 = 1e-9;

/// Claim scores of one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ClaimScore {
    /// Matching counts.
    pub counts: Counts,
}

impl std::ops::AddAssign for ClaimScore {
    fn add_assign(&mut self, other: Self) {
        self.counts += other.counts;
    }
}

/// Whether two claim values are the same: numbers within a relative tolerance of 1e-9, words as
/// normalised strings. A number never equals a word.
#[must_use]
pub fn same_value(pred: &ClaimValue, gold: &ClaimValue) -> bool {
    match (pred, gold) {
        (ClaimValue::Number(p), ClaimValue::Number(g)) => {
            (p - g).abs() <= TOLERANCE * p.abs().max(g.abs())
        }
        (ClaimValue::Word(p), ClaimValue::Word(g)) => {
            let p = norm(p);
            !p.is_empty() && p == norm(g)
        }
        _ => false,
    }
}

/// Scores the claims of `doc` against `gold`, resolving gold speakers against `entities`.
///
/// A predicted claim matches a gold claim with the same value; when the gold speaker is not
/// `null`, the predicted speaker entity must also resolve to it, as for quotes. Matching is
/// one-to-one and greedy, preferring the pair whose counted things (`counts` against `what`)
/// share the most words.
#[must_use]
pub fn score(doc: &Document, gold: &[GoldClaim], entities: &[GoldEntity]) -> ClaimScore {
    let pred = &doc.claims;
    let pred_speakers: Vec<Vec<String>> = pred
        .iter()
        .map(|c| {
            let mut names = c
                .speaker
                .map(|id| entity_names(doc, id))
                .unwrap_or_default();
            // An unresolved claimant ("a military spokesman") is judged by its words.
            names.extend(
                c.speaker_text
                    .and_then(|s| s.get(&doc.text))
                    .map(str::to_owned),
            );
            names
        })
        .collect();
    let pred_counts: Vec<Vec<String>> = pred
        .iter()
        .map(|c| c.counts.as_deref().map(tokens).unwrap_or_default())
        .collect();
    let gold_speakers: Vec<Option<GoldSpeaker>> = gold
        .iter()
        .map(|c| {
            c.speaker
                .as_deref()
                .map(|s| GoldSpeaker::resolve(s, entities))
        })
        .collect();
    let gold_what: Vec<Vec<String>> = gold.iter().map(|c| tokens(&c.what)).collect();

    let pairs = crate::matching::match_one_to_one(pred.len(), gold.len(), |p, g| {
        let speaker_ok = gold_speakers[g]
            .as_ref()
            .is_none_or(|s| s.accepts(&pred_speakers[p]));
        (speaker_ok && same_value(&pred[p].value, &gold[g].value)).then(|| {
            let shared = overlap(&pred_counts[p], &gold_what[g]);
            let share = 100 * shared / gold_what[g].len().max(1);
            100 - share.min(100) as u32
        })
    });
    ClaimScore {
        counts: Counts::one_to_one(pairs.len(), pred.len(), gold.len()),
    }
}

#[cfg(test)]
mod tests {
    use dateline_core::EntityType;

    use super::*;
    use crate::test_doc::{claim, entity};

    fn gold(value: ClaimValue, speaker: Option<&str>) -> GoldClaim {
        GoldClaim {
            value,
            what: "troops".into(),
            speaker: speaker.map(Into::into),
            qualifier: None,
        }
    }

    #[test]
    fn numbers_compare_numerically() {
        assert!(same_value(
            &ClaimValue::Number(10_000.0),
            &ClaimValue::Number(1e4)
        ));
        assert!(same_value(
            &ClaimValue::Number(0.1 + 0.2),
            &ClaimValue::Number(0.3)
        ));
        assert!(!same_value(
            &ClaimValue::Number(10_000.0),
            &ClaimValue::Number(10_001.0)
        ));
        assert!(same_value(
            &ClaimValue::Word("Dozens".into()),
            &ClaimValue::Word("dozens".into())
        ));
        assert!(!same_value(
            &ClaimValue::Word("10000".into()),
            &ClaimValue::Number(1e4)
        ));
    }

    #[test]
    fn speaker_must_match_when_gold_names_one() {
        let text = "Austin said 10,000 troops and 8,000 more had moved.";
        let mut d = Document::from_text(text);
        d.entities = vec![entity(
            text,
            0,
            "Lloyd Austin",
            EntityType::Person,
            None,
            &["Austin"],
        )];
        d.claims = vec![
            claim(text, ClaimValue::Number(10_000.0), Some(0), "10,000"),
            claim(text, ClaimValue::Number(8_000.0), None, "8,000"),
        ];
        let entities = [GoldEntity {
            name: "Lloyd Austin".into(),
            kind: "PERSON".into(),
            also: vec!["Austin".into()],
            ..GoldEntity::default()
        }];
        let golds = [
            gold(ClaimValue::Number(10_000.0), Some("Lloyd Austin")),
            gold(ClaimValue::Number(8_000.0), Some("Lloyd Austin")),
        ];
        let s = score(&d, &golds, &entities);
        assert_eq!(
            s.counts,
            Counts::one_to_one(1, 2, 2),
            "8,000 has no speaker"
        );

        let golds = [gold(ClaimValue::Number(8_000.0), None)];
        let s = score(&d, &golds, &entities);
        assert_eq!(
            s.counts,
            Counts::one_to_one(1, 2, 1),
            "a null gold speaker accepts any"
        );
    }
}
