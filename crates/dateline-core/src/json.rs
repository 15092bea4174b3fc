//! The `dateline/1` JSON view of a [`Document`]: every span carries its surface text.
//!
//! The view borrows the document; nothing is copied until serialisation writes it out.

use serde::Serialize;

use crate::document::{Credit, Document, Source, SCHEMA};
use crate::layers::{Claim, ClaimValue, Entity, Event, Participant, Place, Plover, Quote};
use crate::Span;

/// A span with its text.
#[derive(Debug, Serialize)]
pub struct TextSpan<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> TextSpan<'a> {
    fn new(text: &'a str, span: Span) -> Self {
        TextSpan {
            start: span.start(),
            end: span.end(),
            text: span.get(text).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Serialize)]
struct DatelineJson<'a> {
    place: &'a str,
    agency: Option<&'a str>,
    span: Option<TextSpan<'a>>,
}

#[derive(Debug, Serialize)]
struct MetaJson<'a> {
    headline: Option<&'a str>,
    publisher: Option<&'a str>,
    authors: &'a [String],
    dateline: Option<DatelineJson<'a>>,
    editors: &'a [String],
    published: Option<String>,
    published_source: Option<&'static str>,
    language: Option<&'a str>,
    agency: Option<&'a str>,
    credits: &'a [Credit],
}

#[derive(Debug, Serialize)]
struct SentenceJson<'a> {
    start: usize,
    end: usize,
    paragraph: u32,
    text: &'a str,
}

/// A token with its part of speech and, once parsed, its head and relation (`--syntax`).
#[derive(Debug, Serialize)]
struct TokenJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Penn tag.
    pos: Option<&'static str>,
    /// Universal POS tag.
    upos: Option<&'static str>,
    /// Index of the token's sentence in `sentences`.
    sentence: Option<usize>,
    /// The head's position within the sentence, counted from 1; 0 for the sentence's root
    /// (CoNLL-U's convention, as `dateline/1` says).
    head: Option<u32>,
    /// Index of the head token in `tokens`; `null` for a sentence's root.
    head_token: Option<u32>,
    /// The Universal Dependencies relation, without subtype.
    deprel: Option<&'a str>,
    /// The same as `deprel` (the name this field had first).
    relation: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct EntityJson<'a> {
    id: u32,
    name: &'a str,
    #[serde(rename = "type")]
    kind: crate::layers::EntityType,
    actor: Option<&'a str>,
    country: Option<&'a str>,
    role: Option<&'a str>,
    mentions: Vec<TextSpan<'a>>,
    kb: Option<&'a str>,
    actor_source: Option<crate::layers::ActorSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct QuoteJson<'a> {
    kind: crate::layers::QuoteKind,
    start: usize,
    end: usize,
    text: &'a str,
    speaker: Option<u32>,
    /// The speaking entity's canonical name, when resolved.
    speaker_name: Option<&'a str>,
    speaker_text: Option<&'a str>,
    /// `named`, `anonymous` or `descriptive`, when there is a speaker.
    speaker_type: Option<crate::layers::SpeakerType>,
    /// Entities speaking together with the speaker.
    co_speakers: Vec<NamedEntity<'a>>,
    cue: Option<TextSpan<'a>>,
}

#[derive(Debug, Serialize)]
struct NamedEntity<'a> {
    entity: u32,
    name: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ParticipantJson<'a> {
    entity: Option<u32>,
    /// The entity's canonical name (`Lloyd Austin` for a matched "he"), when resolved.
    name: Option<&'a str>,
    actor: Option<&'a str>,
    text: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct EventJson<'a> {
    source: Option<ParticipantJson<'a>>,
    target: Option<ParticipantJson<'a>>,
    cameo: &'a str,
    cameo_root: &'a str,
    goldstein: f64,
    quad_class: u8,
    plover: Option<&'a Plover>,
    date: Option<crate::DateValue>,
    place: Option<&'a Place>,
    modality: crate::layers::Modality,
    sentence: u32,
    speaker: Option<u32>,
    trigger: TextSpan<'a>,
    confidence: f64,
    rule: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ClaimJson<'a> {
    value: &'a ClaimValue,
    qualifier: Option<&'a str>,
    counts: Option<&'a str>,
    category: Option<&'a str>,
    speaker: Option<u32>,
    speaker_text: Option<&'a str>,
    start: usize,
    end: usize,
    text: &'a str,
}

/// The `dateline/1` JSON of a document.
#[derive(Debug, Serialize)]
pub struct DocumentJson<'a> {
    schema: &'static str,
    id: &'a str,
    source: &'a Source,
    meta: MetaJson<'a>,
    text: &'a str,
    paragraphs: Vec<TextSpan<'a>>,
    sentences: Vec<SentenceJson<'a>>,
    entities: Vec<EntityJson<'a>>,
    quotes: Vec<QuoteJson<'a>>,
    events: Vec<EventJson<'a>>,
    claims: Vec<ClaimJson<'a>>,
    diagnostics: &'a [crate::Diagnostic],
    /// Tokens with their syntax, only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenJson<'a>>>,
}

/// The canonical name of entity `id` of `entities`.
fn entity_name(entities: &[Entity], id: Option<u32>) -> Option<&str> {
    id.and_then(|i| entities.get(i as usize))
        .map(|e| e.name.as_str())
}

fn participant<'a>(
    text: &'a str,
    entities: &'a [Entity],
    p: &'a Participant,
) -> ParticipantJson<'a> {
    ParticipantJson {
        entity: p.entity,
        name: entity_name(entities, p.entity),
        actor: p.actor.as_deref(),
        text: p.span.and_then(|s| s.get(text)),
    }
}

fn entity<'a>(text: &'a str, e: &'a Entity) -> EntityJson<'a> {
    EntityJson {
        id: e.id,
        name: &e.name,
        kind: e.kind,
        actor: e.actor.as_deref(),
        country: e.country.as_deref(),
        role: e.role.as_deref(),
        mentions: e.mentions.iter().map(|&m| TextSpan::new(text, m)).collect(),
        kb: e.kb.as_deref(),
        actor_source: e.actor_source,
        evidence: e.evidence.as_deref(),
    }
}

fn quote<'a>(text: &'a str, entities: &'a [Entity], q: &'a Quote) -> QuoteJson<'a> {
    QuoteJson {
        kind: q.kind,
        start: q.span.start(),
        end: q.span.end(),
        text: q.span.get(text).unwrap_or_default(),
        speaker: q.speaker,
        speaker_name: entity_name(entities, q.speaker),
        speaker_text: q
            .speaker_mention
            .and_then(|s| s.get(text))
            .or(q.speaker_description.as_deref()),
        speaker_type: q.speaker_type,
        co_speakers: q
            .co_speakers
            .iter()
            .map(|&entity| NamedEntity {
                entity,
                name: entity_name(entities, Some(entity)),
            })
            .collect(),
        cue: q.cue.map(|c| TextSpan::new(text, c)),
    }
}

fn event<'a>(text: &'a str, entities: &'a [Entity], e: &'a Event) -> EventJson<'a> {
    EventJson {
        source: e.source.as_ref().map(|p| participant(text, entities, p)),
        target: e.target.as_ref().map(|p| participant(text, entities, p)),
        cameo: &e.cameo,
        cameo_root: &e.cameo_root,
        goldstein: three_places(e.goldstein),
        quad_class: e.quad_class,
        plover: e.plover.as_ref(),
        date: e.date,
        place: e.place.as_ref(),
        modality: e.modality,
        sentence: e.sentence,
        speaker: e.speaker,
        trigger: TextSpan::new(text, e.trigger),
        confidence: three_places(e.confidence),
        rule: e.rule.as_deref(),
    }
}

fn claim<'a>(text: &'a str, c: &'a Claim) -> ClaimJson<'a> {
    ClaimJson {
        value: &c.value,
        qualifier: c.qualifier.as_deref(),
        counts: c.counts.as_deref(),
        category: c.category.as_deref(),
        speaker: c.speaker,
        speaker_text: c.speaker_text.and_then(|s| s.get(text)),
        start: c.span.start(),
        end: c.span.end(),
        text: c.span.get(text).unwrap_or_default(),
    }
}

/// An `f32` score as the decimal it stands for (`0.7`, not `0.70000005`), so that every reader —
/// JSON, Python — sees the same number.
fn three_places(v: f32) -> f64 {
    (f64::from(v) * 1000.0).round() / 1000.0
}

impl<'a> DocumentJson<'a> {
    /// The same view with the `tokens` array (POS, head, relation).
    #[must_use]
    pub fn with_tokens(mut self, doc: &'a Document) -> Self {
        let text = doc.text.as_str();
        let mut sentence_of = vec![None; doc.tokens.len()];
        for (k, sentence) in doc.sentences.iter().enumerate() {
            for slot in sentence_of
                .iter_mut()
                .take(sentence.token_range().end)
                .skip(sentence.token_range().start)
            {
                *slot = Some(k);
            }
        }
        self.tokens = Some(
            doc.tokens
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let dependency = doc.dependencies.get(i);
                    let sentence = sentence_of[i];
                    let first = sentence
                        .and_then(|k| doc.sentences.get(k))
                        .map_or(0, |s| s.first_token);
                    TokenJson {
                        start: t.span.start(),
                        end: t.span.end(),
                        text: t.span.get(text).unwrap_or_default(),
                        pos: t.pos.map(crate::Pos::as_str),
                        upos: t.pos.map(crate::Pos::upos),
                        sentence,
                        head: dependency.map(|d| d.head.map_or(0, |h| h.saturating_sub(first) + 1)),
                        head_token: dependency.and_then(|d| d.head),
                        deprel: dependency.map(|d| d.relation.as_ref()),
                        relation: dependency.map(|d| d.relation.as_ref()),
                    }
                })
                .collect(),
        );
        self
    }

    /// The JSON view of `doc`.
    #[must_use]
    pub fn new(doc: &'a Document) -> Self {
        let text = doc.text.as_str();
        let meta = &doc.meta;
        DocumentJson {
            schema: SCHEMA,
            id: &doc.id,
            source: &doc.source,
            meta: MetaJson {
                headline: meta.headline.as_deref(),
                publisher: meta.publisher.as_deref(),
                authors: &meta.authors,
                dateline: meta.dateline.as_ref().map(|d| DatelineJson {
                    place: &d.place,
                    agency: d.agency.as_deref(),
                    span: d.span.map(|s| TextSpan::new(text, s)),
                }),
                editors: &meta.editors,
                published: meta.published.map(|d| d.format("%Y-%m-%d").to_string()),
                published_source: meta
                    .published
                    .and(meta.published_source)
                    .map(crate::DateSource::as_str),
                language: meta.language.as_deref(),
                agency: meta.agency.as_deref(),
                credits: &meta.credits,
            },
            text,
            paragraphs: doc
                .paragraphs
                .iter()
                .map(|&p| TextSpan::new(text, p))
                .collect(),
            sentences: doc
                .sentences
                .iter()
                .map(|s| SentenceJson {
                    start: s.span.start(),
                    end: s.span.end(),
                    paragraph: s.paragraph,
                    text: s.span.get(text).unwrap_or_default(),
                })
                .collect(),
            entities: doc.entities.iter().map(|e| entity(text, e)).collect(),
            quotes: doc
                .quotes
                .iter()
                .map(|q| quote(text, &doc.entities, q))
                .collect(),
            events: doc
                .events
                .iter()
                .map(|e| event(text, &doc.entities, e))
                .collect(),
            claims: doc.claims.iter().map(|c| claim(text, c)).collect(),
            diagnostics: &doc.diagnostics,
            tokens: None,
        }
    }
}

impl Document {
    /// The document as a `dateline/1` JSON value.
    #[must_use]
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(DocumentJson::new(self)).unwrap_or(serde_json::Value::Null)
    }

    /// Writes the document as compact (`pretty == false`) or indented `dateline/1` JSON.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write_json<W: std::io::Write>(&self, out: W, pretty: bool) -> serde_json::Result<()> {
        self.write_json_with(out, pretty, false)
    }

    /// Writes the `dateline/1` JSON, with a `tokens` array (each token's span, text, POS, head
    /// and relation) when `syntax` is set.
    pub fn write_json_with<W: std::io::Write>(
        &self,
        out: W,
        pretty: bool,
        syntax: bool,
    ) -> serde_json::Result<()> {
        let mut view = DocumentJson::new(self);
        if syntax {
            view = view.with_tokens(self);
        }
        if pretty {
            serde_json::to_writer_pretty(out, &view)
        } else {
            serde_json::to_writer(out, &view)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Pipeline, Segmenter};

    #[test]
    fn json_has_schema_and_surface_text() {
        let mut doc = Document::from_text("Talks began. They ended.");
        Pipeline::new(vec![Box::new(Segmenter::default())]).run(&mut doc);
        let json = doc.to_json_value();
        assert_eq!(json["schema"], "dateline/1");
        assert_eq!(json["sentences"][1]["text"], "They ended.");
        assert_eq!(json["sentences"][1]["start"], 13);
        assert_eq!(json["meta"]["headline"], serde_json::Value::Null);
        assert_eq!(json["entities"], serde_json::json!([]));
        assert_eq!(json["source"]["format"], "text");
    }
}
