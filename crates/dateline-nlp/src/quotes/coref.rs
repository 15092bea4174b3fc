//! Pronoun speakers the entity layer left unresolved: "he" and "she" are the person last named,
//! "it" the organisation last named, "they" the plural subject of a clause just before ("The
//! researchers found … They say …"), all within the last few sentences; and definite
//! descriptions of an organisation named before ("the ministry", "the newspaper").

use std::sync::LazyLock;

use dateline_core::{Document, EntityType, Pos};
use rustc_hash::FxHashMap;

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

/// Whether token `k` heads an unnamed singular subject of a reporting verb that is not an
/// organisation ("the minister" of "The minister accused …"): "he" or "she" can refer to it.
fn described_speaker(doc: &Document, index: &MentionIndex, k: usize) -> bool {
    let view = doc.view();
    index.get(k).is_none()
        && view.pos(k) == Some(Pos::NN)
        && view.relation(k) == Some("nsubj")
        && !ORGANISATION_NOUNS.contains_key(view.lower(k))
        && view
            .head(k)
            .is_some_and(|h| super::cues::Cues::embedded().is_cue_verb(doc, h))
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
            .filter(|&k| {
                kind_at(doc, index, k) == Some(EntityType::Person)
                    || described_speaker(doc, index, k)
            })
            .find_map(|k| {
                // "The minister accused … She said …": the unnamed speaker before.
                let described = || {
                    let start = super::syntax::phrase_start(doc, k, from);
                    super::syntax::described(doc, index, inside, k, (start, pronoun))
                };
                index.get(k).map(|(e, m)| named(e, m)).or_else(described)
            }),
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

/// Organisation nouns and whether any organisation goes by them (a news outlet, "the group"),
/// not only one whose name holds them (`resources/lexicon/organisation-nouns.txt`).
static ORGANISATION_NOUNS: LazyLock<FxHashMap<&'static str, bool>> = LazyLock::new(|| {
    crate::data::rows(include_str!(
        "../../resources/lexicon/organisation-nouns.txt"
    ))
    .filter_map(|row| Some((*row.first()?, *row.get(1)? != "name")))
    .collect()
});

/// How far back, in tokens, an organisation's name is looked for.
const NAMED_BACK: usize = 400;

/// The organisation a definite description at token `head` refers back to: "the ministry" → the
/// nearest organisation named before whose name holds "ministry"; "the newspaper", "the group" →
/// the nearest organisation.
#[must_use]
pub fn definite(doc: &Document, index: &MentionIndex, head: usize) -> Option<Speaker> {
    let view = doc.view();
    let noun = view.lower(head);
    let &any = ORGANISATION_NOUNS.get(noun)?;
    let definite = view
        .dependents(head, head.saturating_sub(3)..head)
        .any(|k| view.lower(k) == "the");
    // "The Daily Nation newspaper": a name of its own, not a reference back.
    let own_name = view
        .dependents(head, head.saturating_sub(4)..head)
        .any(|k| {
            view.pos(k)
                .is_some_and(|p| matches!(p, Pos::NNP | Pos::NNPS))
        });
    if !definite || own_name {
        return None;
    }
    // An outlet or "the group" is the organisation last named; any other noun must be in the
    // name.
    (head.saturating_sub(NAMED_BACK)..head).rev().find_map(|k| {
        let (id, mention) = index.get(k)?;
        let entity = doc.entities.get(id as usize).filter(|e| e.id == id)?;
        let holds = any
            || entity
                .name
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case(noun));
        (entity.kind == EntityType::Org && holds).then(|| named(id, mention))
    })
}
