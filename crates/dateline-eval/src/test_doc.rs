//! Hand-built documents for unit tests.

use dateline_core::{
    Document, Entity, EntityType, Meta, Quote, QuoteKind, Source, SourceFormat, Span,
};

/// A document with `text` and no layers.
pub(crate) fn doc(text: &str) -> Document {
    let source = Source {
        path: None,
        url: None,
        format: SourceFormat::Text,
        record: None,
    };
    Document::new(text.into(), source, Meta::default())
}

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
    }
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
        cue: cue.map(|c| find(text, c)),
    }
}
