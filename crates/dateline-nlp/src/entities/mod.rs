//! The entities stage (ARCHITECTURE.md layers 3–4): mentions from the recogniser and the
//! gazetteers, titles and nationality as evidence, actor codes, and coreference into document
//! entities. Byline authors, editors, the agency and the dateline place join as entities too.

mod affiliation;
mod coref;
mod mentions;
mod people;
mod places;
mod seat;
mod titles;

use dateline_core::{ActorSource, Document, Entity, EntityType, Span, Stage};

use crate::gazetteer::{EntryKind, Gazetteer};
use crate::ner::Recognizer;

/// The entities stage.
#[derive(Debug)]
pub struct EntityStage {
    recognizer: &'static Recognizer,
    gazetteer: &'static Gazetteer,
    lexicon: &'static mentions::Lexicon,
    kb: &'static crate::kb::Kb,
    geo: &'static crate::geo::Geocoder,
}

impl Default for EntityStage {
    fn default() -> Self {
        EntityStage {
            recognizer: Recognizer::embedded(),
            gazetteer: Gazetteer::embedded(),
            lexicon: mentions::Lexicon::embedded(),
            kb: crate::kb::Kb::embedded(),
            geo: crate::geo::Geocoder::embedded(),
        }
    }
}

fn person(name: &str, role: &str) -> Entity {
    Entity {
        id: 0,
        name: name.to_owned(),
        kind: EntityType::Person,
        actor: None,
        country: None,
        role: Some(role.to_owned()),
        mentions: Vec::new(),
        kb: None,
        actor_source: None,
        evidence: None,
    }
}

impl EntityStage {
    /// Entities the metadata names: authors, editors, the agency, the dateline place.
    fn metadata_entities(&self, doc: &Document, entities: &mut Vec<Entity>) {
        let known = |entities: &[Entity], name: &str| {
            entities.iter().any(|e| e.name.eq_ignore_ascii_case(name))
        };
        for author in &doc.meta.authors {
            if !known(entities, author) {
                entities.push(person(author, "author"));
            }
        }
        for editor in &doc.meta.editors {
            if !known(entities, editor) {
                entities.push(person(editor, "editor"));
            }
        }
        let agency = doc
            .meta
            .agency
            .as_deref()
            .or_else(|| doc.meta.dateline.as_ref().and_then(|d| d.agency.as_deref()));
        if let Some(agency) = agency {
            if !known(entities, agency) {
                let words: Vec<&str> = agency.split(' ').collect();
                let entry = self
                    .gazetteer
                    .lookup(&words)
                    .map(|id| self.gazetteer.entry(id))
                    .find(|e| {
                        e.kind == EntryKind::Institution || e.kind == EntryKind::Organisation
                    });
                entities.push(Entity {
                    id: 0,
                    name: agency.to_owned(),
                    kind: EntityType::Org,
                    actor: entry.and_then(|e| e.actor.clone()),
                    country: entry.and_then(|e| e.country.clone()),
                    role: None,
                    mentions: Vec::new(),
                    kb: None,
                    actor_source: entry
                        .and_then(|e| e.actor.as_ref())
                        .map(|_| ActorSource::Gazetteer),
                    evidence: None,
                });
            }
        }
        if let Some(dateline) = &doc.meta.dateline {
            let name = mentions::dateline_name(&dateline.place);
            let words: Vec<&str> = name.split(' ').collect();
            let country = self
                .gazetteer
                .lookup(&words)
                .map(|id| self.gazetteer.entry(id))
                .find(|e| matches!(e.kind, EntryKind::Capital | EntryKind::Country))
                .and_then(|e| e.country.clone());
            let span = dateline.span.and_then(|s| {
                let text = s.get(&doc.text)?;
                let at = text.find(dateline.place.as_str())?;
                Some(Span::new(
                    s.start() + at,
                    s.start() + at + dateline.place.len(),
                ))
            });
            entities.push(Entity {
                id: 0,
                name,
                kind: EntityType::Gpe,
                actor: None,
                country,
                role: Some("dateline".into()),
                mentions: span.into_iter().collect(),
                kb: None,
                actor_source: None,
                evidence: None,
            });
        }
    }
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn run(&self, doc: &mut Document) {
        let all = mentions::find(
            doc,
            mentions::Resources {
                recognizer: self.recognizer,
                gazetteer: self.gazetteer,
                lexicon: self.lexicon,
                kb: self.kb,
            },
        );
        let mut found = Vec::with_capacity(all.len());
        let mut rest = all.as_slice();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let split = rest.partition_point(|m| m.sentence <= s);
            let (here, later) = rest.split_at(split);
            rest = later;
            if here.is_empty() {
                continue;
            }
            let tokens = &doc.tokens[sentence.token_range()];
            let words: Vec<&str> = tokens.iter().map(|t| t.span.of(&doc.text)).collect();
            let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
            let mut sentence_mentions = here.to_vec();
            titles::annotate(&mut sentence_mentions, &words, &spans, self.gazetteer);
            affiliation::annotate(doc, sentence.first_token as usize, &mut sentence_mentions);
            found.extend(sentence_mentions);
        }
        let (mut clusters, ambiguities) = coref::cluster(&found, self.gazetteer);
        for a in &ambiguities {
            // When a bare name fits several people, the most recent one is taken, with lower
            // confidence: say so.
            doc.diagnostics.push(dateline_core::Diagnostic {
                stage: "entities".into(),
                message: format!(
                    "ambiguous name {:?} at {}..{}: {} people fit; took the most recently mentioned, {} (lower confidence)",
                    doc.slice(a.span),
                    a.span.start(),
                    a.span.end(),
                    a.candidates,
                    clusters[a.chosen].name
                ),
            });
        }
        coref::link_references(doc, &mut clusters, self.gazetteer);
        people::link(&mut clusters, self.kb, doc.meta.published);
        places::settle(&mut clusters, self.gazetteer, self.geo);
        seat::from_capitals(doc, &mut clusters, self.gazetteer);
        coref::default_country(&mut clusters);
        let mut entities = coref::finish(clusters);
        self.metadata_entities(doc, &mut entities);
        for (id, e) in entities.iter_mut().enumerate() {
            e.id = id as u32;
        }
        doc.entities = entities;
    }
}
