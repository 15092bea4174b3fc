//! The place of an event: the place named in its clause after a locative preposition ("in the
//! Kursk region", "talks in Addis Ababa", "fighting in eastern Ukraine"), geocoded.

use std::sync::OnceLock;

use dateline_core::{Document, EntityType, Place};

use super::super::actors::preposition_before;
use crate::geo::Geocoder;

const PLACE_WORDS: &str = include_str!("../../../resources/lexicon/place-words.tsv");
const LOCATIVE: &str = include_str!("../../../resources/lexicon/locative-prepositions.txt");

/// Words that narrow a place name, and the prepositions that introduce a place.
#[derive(Debug, Default)]
pub struct PlaceWords {
    before: Vec<String>,
    after: Vec<String>,
    locative: Vec<String>,
}

impl PlaceWords {
    /// The embedded lists, parsed once.
    pub fn embedded() -> &'static PlaceWords {
        static WORDS: OnceLock<PlaceWords> = OnceLock::new();
        WORDS.get_or_init(|| {
            let mut words = PlaceWords::default();
            for row in crate::data::rows(PLACE_WORDS) {
                match row[..] {
                    [w, "before", ..] => words.before.push(w.to_lowercase()),
                    [w, "after", ..] => words.after.push(w.to_lowercase()),
                    _ => {}
                }
            }
            words.locative = crate::data::words(LOCATIVE)
                .iter()
                .map(|w| w.to_lowercase())
                .collect();
            words
        })
    }
}

/// A place mention in a sentence: its entity and tokens.
struct Candidate {
    entity: usize,
    start: usize,
    end: usize,
}

/// The place of an event triggered at token `trigger` in the sentence `[lo, hi)`: the geocodable
/// place after a locative preposition nearest to the trigger, other than the event's `actors`
/// (entity ids). `prefer` lists the article's countries, most mentioned first.
pub fn of_event(
    doc: &Document,
    words: &PlaceWords,
    geo: &Geocoder,
    trigger: usize,
    (lo, hi): (usize, usize),
    prefer: &[&str],
    actors: &[u32],
) -> Option<Place> {
    let mut candidates: Vec<Candidate> = doc
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Loc) && !actors.contains(&e.id))
        .flat_map(|e| e.mentions.iter().map(move |&m| (e.id as usize, m)))
        .filter_map(|(entity, span)| {
            let r = doc.token_range(span);
            (r.start >= lo && r.end <= hi && !r.is_empty()).then_some(Candidate {
                entity,
                start: r.start,
                end: r.end,
            })
        })
        .filter(|c| {
            preposition_before(doc, c.start, lo).is_some_and(|p| words.locative.contains(&p))
        })
        .collect();
    candidates.sort_by_key(|c| c.start.abs_diff(trigger));
    candidates
        .iter()
        .find_map(|c| resolve(doc, words, geo, c, prefer))
}

fn resolve(
    doc: &Document,
    words: &PlaceWords,
    geo: &Geocoder,
    c: &Candidate,
    prefer: &[&str],
) -> Option<Place> {
    let entity = doc.entities.get(c.entity)?;
    let first = doc.tokens.get(c.start)?.span;
    let last = doc.tokens.get(c.end - 1)?.span;
    let name = doc.slice(first.cover(last));
    let before = c
        .start
        .checked_sub(1)
        .map(|k| doc.view().lower(k))
        .filter(|w| words.before.iter().any(|b| b == w));
    let after = Some(doc.view().lower(c.end)).filter(|w| words.after.iter().any(|a| a == w));
    let mut label = String::new();
    if let Some(b) = &before {
        label.push_str(b);
        label.push(' ');
    }
    label.push_str(name);
    if let Some(a) = &after {
        label.push(' ');
        label.push_str(a);
    }
    let country = entity.country.as_deref();
    let is_country = entity.actor.is_some() && entity.actor.as_deref() == country;
    if is_country && geo.resolve(name, &label, country, &[]).is_none() {
        return geo.country(country?, &label);
    }
    geo.resolve(name, &label, country, prefer)
        .or_else(|| is_country.then(|| geo.country(country?, &label)).flatten())
}
