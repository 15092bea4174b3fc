//! One document's rows for the entity, quote, event and claim tables: the flat view of the
//! layers. The SQLite writer (`dateline-store`) stores them and `dateline_export::document_tables`
//! turns them into Arrow record batches straight from documents (the Python package, Spark), so
//! both carry the same values by construction.

use crate::{ClaimValue, Document, Entity, Event, Participant, Quote};

/// The serde name of a unit enum (`"PERSON"`, `"direct"`, `"reported"`): the name
/// `dateline/1` writes, for every view that prints one.
pub fn label(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An entity row.
pub struct EntityRow<'a> {
    pub idx: i64,
    pub name: &'a str,
    pub kind: String,
    pub actor: Option<&'a str>,
    pub country: Option<&'a str>,
    pub role: Option<&'a str>,
    pub mentions: i64,
    /// Knowledge-base id (`entities[].kb`).
    pub kb: Option<&'a str>,
}

pub fn entity(e: &Entity) -> EntityRow<'_> {
    EntityRow {
        idx: i64::from(e.id),
        name: &e.name,
        kind: label(e.kind),
        actor: e.actor.as_deref(),
        country: e.country.as_deref(),
        role: e.role.as_deref(),
        mentions: e.mentions.len() as i64,
        kb: e.kb.as_deref(),
    }
}

/// A quote row.
pub struct QuoteRow<'a> {
    pub kind: String,
    pub text: &'a str,
    pub start: i64,
    pub end: i64,
    /// Canonical name of the speaking entity.
    pub speaker: Option<&'a str>,
    pub speaker_actor: Option<&'a str>,
    /// The words naming the speaker, or the description of an unnamed one.
    pub speaker_text: Option<&'a str>,
    pub cue: Option<&'a str>,
}

pub fn quote<'a>(doc: &'a Document, q: &'a Quote) -> QuoteRow<'a> {
    let speaker = q.speaker.and_then(|s| doc.entities.get(s as usize));
    QuoteRow {
        kind: label(q.kind),
        text: q.span.get(&doc.text).unwrap_or_default(),
        start: q.span.start() as i64,
        end: q.span.end() as i64,
        speaker: speaker.map(|e| e.name.as_str()),
        speaker_actor: speaker.and_then(|e| e.actor.as_deref()),
        speaker_text: q
            .speaker_mention
            .and_then(|s| s.get(&doc.text))
            .or(q.speaker_description.as_deref()),
        cue: q.cue.and_then(|c| c.get(&doc.text)),
    }
}

/// An event-mention row.
pub struct EventRow<'a> {
    pub source_actor: Option<&'a str>,
    pub source_name: Option<&'a str>,
    pub target_actor: Option<&'a str>,
    pub target_name: Option<&'a str>,
    pub cameo: &'a str,
    pub root: &'a str,
    pub goldstein: f64,
    pub quad_class: i64,
    pub plover: Option<&'a str>,
    pub plover_mode: Option<&'a str>,
    pub date: Option<String>,
    pub place: Option<&'a str>,
    pub place_country: Option<&'a str>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub modality: String,
    pub sentence: i64,
    pub trigger: &'a str,
    /// The sentence the event was coded from.
    pub evidence: &'a str,
    pub confidence: f64,
}

fn participant_name<'a>(doc: &'a Document, p: Option<&'a Participant>) -> Option<&'a str> {
    let p = p?;
    p.entity
        .and_then(|e| doc.entities.get(e as usize))
        .map(|e| e.name.as_str())
        .or_else(|| p.span.and_then(|s| s.get(&doc.text)))
}

pub fn event<'a>(doc: &'a Document, e: &'a Event) -> EventRow<'a> {
    let actor = |p: Option<&'a Participant>| p.and_then(|p| p.actor.as_deref());
    EventRow {
        source_actor: actor(e.source.as_ref()),
        source_name: participant_name(doc, e.source.as_ref()),
        target_actor: actor(e.target.as_ref()),
        target_name: participant_name(doc, e.target.as_ref()),
        cameo: &e.cameo,
        root: &e.cameo_root,
        goldstein: f64::from(e.goldstein),
        quad_class: i64::from(e.quad_class),
        plover: e.plover.as_ref().map(|p| p.kind.as_str()),
        plover_mode: e.plover.as_ref().and_then(|p| p.mode.as_deref()),
        date: e.date.map(|d| d.to_string()),
        place: e.place.as_ref().map(|p| p.name.as_str()),
        place_country: e.place.as_ref().and_then(|p| p.country.as_deref()),
        lat: e.place.as_ref().and_then(|p| p.lat),
        lon: e.place.as_ref().and_then(|p| p.lon),
        modality: label(e.modality),
        sentence: i64::from(e.sentence),
        trigger: e.trigger.get(&doc.text).unwrap_or_default(),
        evidence: doc
            .sentences
            .get(e.sentence as usize)
            .and_then(|s| s.span.get(&doc.text))
            .unwrap_or_default(),
        confidence: f64::from(e.confidence),
    }
}

/// A claim row.
pub struct ClaimRow<'a> {
    /// The number as text, or a word such as `dozens`.
    pub value: String,
    pub number: Option<f64>,
    pub qualifier: Option<&'a str>,
    pub counts: Option<&'a str>,
    pub category: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub text: &'a str,
}

pub fn claim<'a>(doc: &'a Document, c: &'a crate::Claim) -> ClaimRow<'a> {
    let (value, number) = match &c.value {
        ClaimValue::Number(n) => (n.to_string(), Some(*n)),
        ClaimValue::Word(w) => (w.clone(), None),
    };
    ClaimRow {
        value,
        number,
        qualifier: c.qualifier.as_deref(),
        counts: c.counts.as_deref(),
        category: c.category.as_deref(),
        speaker: c
            .speaker
            .and_then(|s| doc.entities.get(s as usize))
            .map(|e| e.name.as_str())
            .or_else(|| c.speaker_text.and_then(|s| s.get(&doc.text))),
        text: c.span.get(&doc.text).unwrap_or_default(),
    }
}

/// A document row: where the article came from and its metadata.
pub struct DocumentRow<'a> {
    pub path: Option<&'a str>,
    /// Which record of a multi-document input.
    pub record: Option<&'a str>,
    pub url: Option<&'a str>,
    pub format: &'a str,
    pub headline: Option<&'a str>,
    pub publisher: Option<&'a str>,
    /// The source counted for `NumSources`: the publisher, else the agency.
    pub source_name: Option<&'a str>,
    /// Authors as a JSON array.
    pub authors: String,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where the publication date came from, when there is one.
    pub published_source: Option<&'a str>,
}

pub fn document(doc: &Document) -> DocumentRow<'_> {
    let meta = &doc.meta;
    DocumentRow {
        path: doc.source.path.as_deref(),
        record: doc.source.record.as_deref(),
        url: doc.source.url.as_deref(),
        format: doc.source.format.as_str(),
        headline: meta.headline.as_deref(),
        publisher: meta.publisher.as_deref(),
        source_name: meta.publisher.as_deref().or(meta.agency.as_deref()),
        authors: serde_json::to_string(&meta.authors).unwrap_or_else(|_| "[]".into()),
        published: meta.published.map(|d| d.format("%Y-%m-%d").to_string()),
        published_source: meta
            .published
            .and(meta.published_source)
            .map(crate::DateSource::as_str),
    }
}
