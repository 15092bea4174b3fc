//! Rows read from the tables, owned until a pass is stored: each turns into the borrowed row
//! the store's writer takes.

use dateline_core::rows::{EntityRow, EventRow, QuoteRow};
use dateline_store::Record;

#[derive(Default)]
pub(super) struct OwnedEntity {
    pub(super) idx: i64,
    pub(super) name: String,
    pub(super) kind: String,
    pub(super) actor: Option<String>,
    pub(super) country: Option<String>,
    pub(super) role: Option<String>,
    pub(super) mentions: i64,
    pub(super) kb: Option<String>,
}

#[derive(Default)]
pub(super) struct OwnedQuote {
    pub(super) kind: String,
    pub(super) text: String,
    pub(super) start: i64,
    pub(super) end: i64,
    pub(super) speaker: Option<String>,
    pub(super) speaker_actor: Option<String>,
    pub(super) speaker_text: Option<String>,
    pub(super) cue: Option<String>,
}

#[derive(Default)]
pub(super) struct OwnedEvent {
    pub(super) source_actor: Option<String>,
    pub(super) source_name: Option<String>,
    pub(super) target_actor: Option<String>,
    pub(super) target_name: Option<String>,
    pub(super) cameo: String,
    pub(super) root: String,
    pub(super) goldstein: f64,
    pub(super) quad_class: i64,
    pub(super) plover: Option<String>,
    pub(super) plover_mode: Option<String>,
    pub(super) date: Option<String>,
    pub(super) place: Option<String>,
    pub(super) place_country: Option<String>,
    pub(super) lat: Option<f64>,
    pub(super) lon: Option<f64>,
    pub(super) modality: String,
    pub(super) sentence: i64,
    pub(super) trigger: String,
    pub(super) evidence: String,
    pub(super) confidence: f64,
}

/// One document of the documents table with the rows of the other tables.
#[derive(Default)]
pub(super) struct OwnedDocument {
    pub(super) hash: String,
    pub(super) path: Option<String>,
    pub(super) record: Option<String>,
    pub(super) url: Option<String>,
    pub(super) format: String,
    pub(super) headline: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) source_name: Option<String>,
    pub(super) authors: String,
    pub(super) published: Option<String>,
    pub(super) published_source: Option<String>,
    pub(super) text: String,
    pub(super) json: String,
    pub(super) entities: Vec<OwnedEntity>,
    pub(super) quotes: Vec<OwnedQuote>,
    pub(super) events: Vec<OwnedEvent>,
}

impl OwnedDocument {
    pub(super) fn record(&self) -> Record<'_> {
        let mut r = Record::new(&self.hash, &self.text, &self.json);
        r.source_path = self.path.as_deref();
        r.source_record = self.record.as_deref();
        r.url = self.url.as_deref();
        r.format = &self.format;
        r.headline = self.headline.as_deref();
        r.publisher = self.publisher.as_deref();
        r.source_name = self.source_name.as_deref();
        r.authors = self.authors.as_str().into();
        r.published = self.published.as_deref().map(Into::into);
        r.published_source = self.published_source.as_deref();
        r.entities = self.entities.iter().map(OwnedEntity::row).collect();
        r.quotes = self.quotes.iter().map(OwnedQuote::row).collect();
        r.events = self.events.iter().map(OwnedEvent::row).collect();
        r
    }
}

impl OwnedEntity {
    pub(super) fn row(&self) -> EntityRow<'_> {
        EntityRow {
            idx: self.idx,
            name: &self.name,
            kind: self.kind.clone(),
            actor: self.actor.as_deref(),
            country: self.country.as_deref(),
            role: self.role.as_deref(),
            mentions: self.mentions,
            kb: self.kb.as_deref(),
        }
    }
}

impl OwnedQuote {
    pub(super) fn row(&self) -> QuoteRow<'_> {
        QuoteRow {
            kind: self.kind.clone(),
            text: &self.text,
            start: self.start,
            end: self.end,
            speaker: self.speaker.as_deref(),
            speaker_actor: self.speaker_actor.as_deref(),
            speaker_text: self.speaker_text.as_deref(),
            cue: self.cue.as_deref(),
        }
    }
}

impl OwnedEvent {
    pub(super) fn row(&self) -> EventRow<'_> {
        EventRow {
            source_actor: self.source_actor.as_deref(),
            source_name: self.source_name.as_deref(),
            target_actor: self.target_actor.as_deref(),
            target_name: self.target_name.as_deref(),
            cameo: &self.cameo,
            root: &self.root,
            goldstein: self.goldstein,
            quad_class: self.quad_class,
            plover: self.plover.as_deref(),
            plover_mode: self.plover_mode.as_deref(),
            date: self.date.clone(),
            place: self.place.as_deref(),
            place_country: self.place_country.as_deref(),
            lat: self.lat,
            lon: self.lon,
            modality: self.modality.clone(),
            sentence: self.sentence,
            trigger: &self.trigger,
            evidence: &self.evidence,
            confidence: self.confidence,
        }
    }
}
