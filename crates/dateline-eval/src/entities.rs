//! Entity scoring: one-to-one matching on name (or an `also` form) and type, then actor codes.

use dateline_core::{Document, Entity, EntityType};
use serde::Serialize;

use crate::counts::{Accuracy, Counts};
use crate::gold::GoldEntity;
use crate::matching::match_one_to_one;
use crate::normalize::norm;

/// Entity scores of one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EntityScore {
    /// Matching counts.
    pub counts: Counts,
    /// Actor code accuracy over matched gold entities that have an actor code.
    pub actor: Accuracy,
}

impl std::ops::AddAssign for EntityScore {
    fn add_assign(&mut self, other: Self) {
        self.counts += other.counts;
        self.actor += other.actor;
    }
}

/// Entity types the gold annotates.
fn is_scored(kind: EntityType) -> bool {
    matches!(
        kind,
        EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Loc | EntityType::Norp
    )
}

/// Scores the entities of `doc` against `gold`.
///
/// A predicted entity matches a gold entity of the same type when its normalised name equals the
/// gold name or one of the `also` forms. Matching is one-to-one and greedy; a match on the
/// canonical name beats one on an `also` form, and an agreeing actor code breaks ties.
///
/// Only predicted people, organisations, places and groups are scored: the gold annotates no
/// other type (dates, events, laws), so those predictions are neither right nor wrong here.
#[must_use]
pub fn score(doc: &Document, gold: &[GoldEntity]) -> EntityScore {
    let pred: Vec<&Entity> = doc.entities.iter().filter(|e| is_scored(e.kind)).collect();
    let pred = pred.as_slice();
    let pred_names: Vec<String> = pred.iter().map(|e| norm(&e.name)).collect();
    let gold_forms: Vec<GoldForms> = gold.iter().map(GoldForms::new).collect();
    let pairs = match_one_to_one(pred.len(), gold.len(), |p, g| {
        rank(pred[p], &pred_names[p], &gold[g], &gold_forms[g])
    });
    let mut actor = Accuracy::default();
    for &(p, g) in &pairs {
        if let Some(code) = &gold[g].actor {
            actor.record(same_code(pred[p].actor.as_deref(), code));
        }
    }
    EntityScore {
        counts: Counts::one_to_one(pairs.len(), pred.len(), gold.len()),
        actor,
    }
}

struct GoldForms {
    name: String,
    also: Vec<String>,
}

impl GoldForms {
    fn new(entity: &GoldEntity) -> Self {
        GoldForms {
            name: norm(&entity.name),
            also: entity.also.iter().map(|a| norm(a)).collect(),
        }
    }
}

fn rank(pred: &Entity, pred_name: &str, gold: &GoldEntity, forms: &GoldForms) -> Option<u32> {
    if pred_name.is_empty()
        || !dateline_core::rows::label(pred.kind).eq_ignore_ascii_case(gold.kind.trim())
    {
        return None;
    }
    let by_name = if pred_name == forms.name {
        0
    } else if forms.also.iter().any(|a| a == pred_name) {
        2
    } else {
        return None;
    };
    let actor_differs = gold
        .actor
        .as_deref()
        .is_some_and(|code| !same_code(pred.actor.as_deref(), code));
    Some(by_name + u32::from(actor_differs))
}

/// Actor codes compare case-insensitively, ignoring surrounding whitespace.
pub(crate) fn same_code(pred: Option<&str>, gold: &str) -> bool {
    pred.is_some_and(|p| p.trim().eq_ignore_ascii_case(gold.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_doc::with_entities;

    fn gold(name: &str, kind: &str, actor: Option<&str>, also: &[&str]) -> GoldEntity {
        GoldEntity {
            name: name.into(),
            kind: kind.into(),
            actor: actor.map(Into::into),
            also: also.iter().map(|&a| a.into()).collect(),
            ..GoldEntity::default()
        }
    }

    #[test]
    fn matches_through_also_forms_and_types() {
        let d = with_entities(
            "Yatsenyuk spoke in Crimea.",
            &[
                ("Yatsenyuk", EntityType::Person, Some("UKRGOV")),
                ("Crimea", EntityType::Loc, None),
            ],
        );
        let gold = [
            gold(
                "Arseniy Yatsenyuk",
                "PERSON",
                Some("UKRGOV"),
                &["Yatsenyuk"],
            ),
            gold("Crimea", "GPE", None, &["Crimean"]),
        ];
        let s = score(&d, &gold);
        assert_eq!(
            s.counts,
            Counts::one_to_one(1, 2, 2),
            "Crimea has the wrong type"
        );
        assert_eq!(
            s.actor,
            Accuracy {
                correct: 1,
                total: 1
            }
        );
    }

    #[test]
    fn dates_are_not_scored() {
        let d = with_entities(
            "Kim spoke on Wednesday.",
            &[
                ("Kim", EntityType::Person, None),
                ("Wednesday", EntityType::Date, None),
            ],
        );
        let s = score(&d, &[gold("Kim", "PERSON", None, &[])]);
        assert_eq!(
            s.counts,
            Counts::one_to_one(1, 1, 1),
            "the date is outside the gold's scope"
        );
    }

    #[test]
    fn one_to_one_prefers_the_canonical_name() {
        let d = with_entities(
            "Russia and Russian forces.",
            &[
                ("Russian", EntityType::Gpe, Some("RUS")),
                ("Russia", EntityType::Gpe, Some("RUSMIL")),
            ],
        );
        let gold = [gold("Russia", "GPE", Some("RUS"), &["Russian"])];
        let s = score(&d, &gold);
        assert_eq!(s.counts, Counts::one_to_one(1, 2, 1));
        assert_eq!(
            s.actor.correct, 0,
            "the name match wins though its actor code is wrong"
        );
    }
}
