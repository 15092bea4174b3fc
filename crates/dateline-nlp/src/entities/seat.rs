//! The seat of government as a person's country: an official with a title and no nationality,
//! speaking in a capital ("Foreign Minister X told reporters in Georgetown", "At a briefing in
//! Beijing, ministry spokeswoman Y said"), is taken to serve the state whose capital it is.

use dateline_core::{Document, EntityType};

use super::coref::{is_state_role, Cluster};
use crate::gazetteer::{EntryKind, Gazetteer};

/// Gives each titled official with no actor or country the country of the one capital named in
/// the sentence of their first mention, when the sentence names exactly one.
pub fn from_capitals(doc: &Document, clusters: &mut [Cluster], gazetteer: &Gazetteer) {
    let view = doc.view();
    let sentence_of = |span: dateline_core::Span| view.sentence(doc.token_range(span).start);
    let capital_of = |name: &str| {
        let words: Vec<&str> = name.split(' ').collect();
        gazetteer
            .lookup(&words)
            .map(|id| gazetteer.entry(id))
            .find(|e| e.kind == EntryKind::Capital)
            .and_then(|e| e.country.clone())
    };
    // (sentence, country) of every capital mentioned as a place, the dateline's included
    // ("WARSAW (…) - Poland will send …, Defence Minister X said").
    let mut capitals: Vec<(usize, String)> = Vec::new();
    if let Some(d) = &doc.meta.dateline {
        // The sentence the dateline opens: the one holding the token after it.
        let at = d.span.and_then(|span| {
            view.sentence(doc.tokens.partition_point(|t| t.span.start() < span.end()))
        });
        let name = super::mentions::dateline_name(&d.place);
        if let (Some(s), Some(country)) = (at, capital_of(&name)) {
            capitals.push((s, country));
        }
    }
    // Capitals named as places ("in Georgetown", a dateline), not standing for their
    // government ("accusing Minsk of …").
    for c in clusters
        .iter()
        .filter(|c| c.entity_type == EntityType::Gpe && c.actor.is_none())
    {
        let Some(country) = capital_of(&c.name) else {
            continue;
        };
        for &m in &c.mentions {
            if let Some(s) = sentence_of(m) {
                capitals.push((s, country.clone()));
            }
        }
    }
    for c in clusters.iter_mut() {
        let titled = c.role_code.as_deref().is_some_and(is_state_role);
        if c.entity_type != EntityType::Person
            || !titled
            || c.actor.is_some()
            || c.country.is_some()
        {
            continue;
        }
        let Some(s) = c.mentions.iter().copied().min().and_then(sentence_of) else {
            continue;
        };
        let mut here = capitals.iter().filter(|(k, _)| *k == s).map(|(_, c)| c);
        let Some(first) = here.next() else {
            continue;
        };
        if here.all(|other| other == first) {
            c.actor = Some(format!(
                "{first}{}",
                c.role_code.as_deref().unwrap_or_default()
            ));
            c.country = Some(first.clone());
            c.actor_source = Some(dateline_core::ActorSource::Context);
        }
    }
}
