//! Pronoun speakers the entity layer left unresolved: "he" and "she" are the person last named,
//! "it" the organisation last named, "they" the plural subject of a clause just before ("The
//! researchers found … They say …"), all within the last few sentences.

use dateline_core::{Document, EntityType, Pos};

use super::speaker::{MentionIndex, Speaker};

/// How many sentences before the pronoun's an antecedent is looked for in.
const SENTENCES_BACK: usize = 2;

fn named(entity: u32, mention: dateline_core::Span) -> Speaker {
    Speaker {
        entity: Some(entity),
        mention: Some(mention),
        description: None,
    }
}

/// The entity kind of the mention at token `k`, if one covers it.
fn kind_at(doc: &Document, index: &MentionIndex, k: usize) -> Option<EntityType> {
    let (id, _) = index.get(k)?;
    super::speaker::entity_kind(doc, id)
}

/// The antecedent of the pronoun at token `pronoun`, outside quotation marks (`inside`).
#[must_use]
pub fn antecedent(
    doc: &Document,
    index: &MentionIndex,
    inside: &[bool],
    pronoun: usize,
) -> Option<Speaker> {
    let view = doc.view();
    let sentence = view.sentence(pronoun)?;
    let from = doc
        .sentences
        .get(sentence.saturating_sub(SENTENCES_BACK))
        .map_or(0, |s| s.first_token as usize);
    let before = (from..pronoun).rev().filter(|&k| !inside[k]);
    match view.lower(pronoun) {
        "he" | "she" => before
            .filter(|&k| kind_at(doc, index, k) == Some(EntityType::Person))
            .find_map(|k| index.get(k))
            .map(|(e, m)| named(e, m)),
        "it" => before
            .filter(|&k| kind_at(doc, index, k) == Some(EntityType::Org))
            .find_map(|k| index.get(k))
            .map(|(e, m)| named(e, m)),
        "they" => {
            // The nearest plural subject, or a subject naming a group, country or organisation.
            let subject = before
                .filter(|&k| view.relation(k) == Some("nsubj"))
                .find(|&k| {
                    view.pos(k)
                        .is_some_and(|p| matches!(p, Pos::NNS | Pos::NNPS))
                        || matches!(
                            kind_at(doc, index, k),
                            Some(EntityType::Org | EntityType::Norp | EntityType::Gpe)
                        )
                })?;
            if let Some((e, m)) = index.get(subject) {
                return Some(named(e, m));
            }
            let start = super::syntax::phrase_start(doc, subject, from);
            let limit = doc
                .sentences
                .get(view.sentence(subject)?)
                .map_or(pronoun, |s| s.end_token as usize);
            super::syntax::described(doc, index, inside, subject, (start, limit))
        }
        _ => None,
    }
}
