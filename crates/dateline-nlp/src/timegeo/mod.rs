//! The time/geo stage (ARCHITECTURE.md layer 8): each event gets the date of its clause,
//! resolved against the publication date ([`crate::time`]), and the place of its clause,
//! geocoded ([`crate::geo`]).

mod place;

use dateline_core::{Document, EntityType, Modality, Stage};
use rustc_hash::FxHashMap;

use crate::events::actors::token_range;
use crate::geo::Geocoder;
use crate::time::{self, TimeLexicon, TimexKind};
use place::PlaceWords;

/// The time/geo stage.
#[derive(Debug)]
pub struct TimeGeoStage {
    time: &'static TimeLexicon,
    geo: &'static Geocoder,
    words: &'static PlaceWords,
}

impl Default for TimeGeoStage {
    fn default() -> Self {
        TimeGeoStage {
            time: TimeLexicon::embedded(),
            geo: Geocoder::embedded(),
            words: PlaceWords::embedded(),
        }
    }
}

/// The countries the article is about, most mentioned first.
fn article_countries(doc: &Document) -> Vec<&str> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for e in doc.entities.iter().filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Norp)) {
        if let Some(c) = e.country.as_deref() {
            *counts.entry(c).or_default() += e.mentions.len();
        }
    }
    let mut countries: Vec<(&str, usize)> = counts.into_iter().collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    countries.into_iter().map(|(c, _)| c).collect()
}

impl Stage for TimeGeoStage {
    fn name(&self) -> &'static str {
        "time/geo"
    }

    fn run(&self, doc: &mut Document) {
        if doc.events.is_empty() {
            return;
        }
        let prefer: Vec<String> = article_countries(doc).into_iter().map(str::to_owned).collect();
        let prefer: Vec<&str> = prefer.iter().map(String::as_str).collect();
        let published = doc.meta.published;
        let mut resolved = Vec::with_capacity(doc.events.len());
        let mut timexes: FxHashMap<u32, Vec<time::Timex>> = FxHashMap::default();
        for event in &doc.events {
            let Some(sentence) = doc.sentences.get(event.sentence as usize) else {
                resolved.push((None, None));
                continue;
            };
            let range = sentence.token_range();
            let found = timexes
                .entry(event.sentence)
                .or_insert_with(|| time::find(doc, range.clone(), self.time));
            let trigger = token_range(doc, event.trigger).start;
            let date = found
                .iter()
                .filter(|t| t.kind == TimexKind::Date)
                .filter_map(|t| Some((t.tokens.start.abs_diff(trigger), t.value.as_ref()?)))
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, v)| v.to_string())
                .or_else(|| {
                    // An unrealised event (conditional, intended, denied) has no date of its own.
                    matches!(event.modality, Modality::Asserted | Modality::Reported)
                        .then(|| published.map(|d| d.format("%Y-%m-%d").to_string()))
                        .flatten()
                });
            let place = place::of_event(doc, self.words, self.geo, trigger, (range.start, range.end), &prefer);
            resolved.push((date, place));
        }
        for (event, (date, place)) in doc.events.iter_mut().zip(resolved) {
            event.date = date;
            event.place = place;
        }
    }
}
