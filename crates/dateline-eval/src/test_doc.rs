//! Builders for hand-made predictions in tests: the unit tests use this module as
//! `crate::test_doc`, and `tests/eval.rs` includes the same file by path.
//!
//! A document without layers is `Document::from_text`; these build the layers that index it.

use dateline_core::{
    Claim, ClaimValue, Document, Entity, EntityType, Event, Modality, Participant, Plover, Quote,
    QuoteKind, Span,
};

/// The span of the first occurrence of `surface` in `text`.
pub(crate) fn find(text: &str, surface: &str) -> Span {
    let start = text
        .find(surface)
        .unwrap_or_else(|| panic!("{surface:?} is not in the test text"));
    Span::new(start, start + surface.len())
}

/// An entity mentioned at the first occurrence of each of `mentions`.
pub(crate) fn entity(
    text: &str,
    id: u32,
    name: &str,
    kind: EntityType,
    actor: Option<&str>,
    mentions: &[&str],
) -> Entity {
    Entity {
        id,
        name: name.into(),
        kind,
        actor: actor.map(Into::into),
        country: None,
        role: None,
        mentions: mentions.iter().map(|m| find(text, m)).collect(),
        kb: None,
        actor_source: None,
        evidence: None,
    }
}

/// A document of `text` whose entities are given as `(name, kind, actor)`: numbered from 0 in
/// order, each mentioned once at the first occurrence of its name.
pub(crate) fn with_entities(text: &str, specs: &[(&str, EntityType, Option<&str>)]) -> Document {
    let mut doc = Document::from_text(text);
    doc.entities = specs
        .iter()
        .zip(0..)
        .map(|(&(name, kind, actor), id)| entity(text, id, name, kind, actor, &[name]))
        .collect();
    doc
}

/// A quote of `content` (first occurrence) by entity `speaker`, cued by `cue`.
pub(crate) fn quote(
    text: &str,
    kind: QuoteKind,
    content: &str,
    speaker: Option<u32>,
    cue: Option<&str>,
) -> Quote {
    Quote {
        kind,
        span: find(text, content),
        speaker,
        speaker_mention: None,
        speaker_description: None,
        speaker_type: None,
        co_speakers: Vec::new(),
        cue: cue.map(|c| find(text, c)),
    }
}

/// A claim of `value` at the first occurrence of `surface`, counting nothing in particular.
pub(crate) fn claim(text: &str, value: ClaimValue, speaker: Option<u32>, surface: &str) -> Claim {
    Claim {
        value,
        qualifier: None,
        counts: None,
        category: None,
        speaker,
        speaker_text: None,
        span: find(text, surface),
    }
}

fn participant(code: &str) -> Participant {
    Participant {
        entity: None,
        actor: Some(code.into()),
        span: None,
    }
}

/// An asserted, undated event between actor codes, with the root taken from `cameo` and a
/// PLOVER type.
pub(crate) fn event(
    source: Option<&str>,
    target: Option<&str>,
    cameo: &str,
    plover: &str,
) -> Event {
    Event {
        source: source.map(participant),
        target: target.map(participant),
        cameo: cameo.into(),
        cameo_root: cameo.get(..2).unwrap_or_default().into(),
        goldstein: 0.0,
        quad_class: 1,
        plover: Some(Plover {
            kind: plover.into(),
            mode: None,
            context: Vec::new(),
        }),
        date: None,
        place: None,
        modality: Modality::Asserted,
        sentence: 0,
        speaker: None,
        trigger: Span::new(0, 0),
        confidence: 1.0,
        rule: None,
    }
}
