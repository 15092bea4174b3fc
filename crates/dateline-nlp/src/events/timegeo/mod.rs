//! Dating and placing events, the last step of event coding: each event gets the date of its
//! clause, resolved against the publication date ([`crate::time`]), and the place of its clause,
//! geocoded ([`crate::geo`]). It belongs to the event stage, which owns the event layer: no other
//! stage writes into events (`docs/decisions.md`).

mod place;

use dateline_core::{DateValue, Document, Modality};
use rustc_hash::FxHashMap;

use super::actors::article_countries;
use crate::geo::Geocoder;
use crate::time::{self, TimeLexicon, TimexKind};
use place::PlaceWords;

/// How far from its trigger, in tokens, a date expression may be to date the event: about a
/// clause, so that "… signed in June" does not date another verb in a long sentence.
const CLAUSE_REACH: usize = 12;

/// What dating and placing events needs: the time lexicon, the geocoder and the place words.
#[derive(Debug)]
pub(super) struct Dating {
    time: &'static TimeLexicon,
    geo: &'static Geocoder,
    words: &'static PlaceWords,
}

impl Dating {
    /// The embedded resources, loaded once.
    pub(super) fn embedded() -> Self {
        Dating {
            time: TimeLexicon::embedded(),
            geo: Geocoder::embedded(),
            words: PlaceWords::embedded(),
        }
    }

    /// The geocoder, shared with argument finding ("its neighbour").
    pub(super) fn geocoder(&self) -> &'static Geocoder {
        self.geo
    }

    /// Gives every event of `doc` the date and place of its clause.
    pub(super) fn date_and_place(&self, doc: &mut Document) {
        if doc.events.is_empty() {
            return;
        }
        // The countries the article is about, most mentioned first.
        let prefer: Vec<String> = article_countries(doc)
            .into_iter()
            .map(|(c, _)| c.to_owned())
            .collect();
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
            let trigger = doc.token_range(event.trigger).start;
            let date = found
                .iter()
                .filter(|t| t.kind == TimexKind::Date)
                .filter_map(|t| Some((t.tokens.start.abs_diff(trigger), t.value.as_ref()?)))
                .filter(|(distance, _)| *distance <= CLAUSE_REACH)
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, v)| *v)
                .or_else(|| {
                    // An unrealised event (conditional, intended, denied) has no date of its own.
                    matches!(event.modality, Modality::Asserted | Modality::Reported)
                        .then(|| published.map(DateValue::day))
                        .flatten()
                });
            // The place of an event is not a state or body acting in it, or in the events its
            // trigger coded with it ("turning to North Korea and Iran"); a town that stands for
            // its country as a target still places the event ("an incursion into Kursk").
            let actors: Vec<u32> = doc
                .events
                .iter()
                .filter(|e| e.trigger == event.trigger)
                .flat_map(|e| [&e.source, &e.target])
                .flatten()
                .filter_map(|p| p.entity)
                .filter(|&id| {
                    doc.entities
                        .get(id as usize)
                        .is_some_and(|e| e.actor.is_some())
                })
                .collect();
            let place = place::of_event(
                doc,
                self.words,
                self.geo,
                trigger,
                (range.start, range.end),
                &prefer,
                &actors,
            );
            resolved.push((date, place));
        }
        for (event, (date, place)) in doc.events.iter_mut().zip(resolved) {
            event.date = date;
            event.place = place;
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use dateline_core::{Document, Modality};

    use crate::{standard_pipeline, Config};

    fn run(text: &str, published: Option<&str>) -> Document {
        let mut doc = Document::from_text(text);
        doc.meta.published = published.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        standard_pipeline(&Config::default()).run(&mut doc);
        doc
    }

    #[test]
    fn events_take_the_date_of_their_clause() {
        let doc = run("Chile condemned Peru on Monday.", Some("2024-10-30"));
        let e = doc.events.first().expect("an event");
        assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2024-10-28"));
        let doc = run("Chile condemned Peru in February 2022.", Some("2024-10-30"));
        assert_eq!(
            doc.events[0].date.map(|d| d.to_string()).as_deref(),
            Some("2022-02")
        );
    }

    #[test]
    fn undated_clauses_take_the_publication_date_unless_unrealised() {
        let doc = run("Chile condemned Peru.", Some("2024-10-30"));
        assert_eq!(
            doc.events[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-10-30")
        );
        let doc = run("Chile condemned Peru.", None);
        assert_eq!(doc.events[0].date, None);
        let doc = run("Chile could condemn Peru.", Some("2024-10-30"));
        assert_eq!(doc.events[0].modality, Modality::Hypothetical);
        assert_eq!(doc.events[0].date, None);
    }

    #[test]
    fn places_come_from_the_clause_not_the_dateline() {
        let doc = run("Chile condemned Peru at a summit in Kursk.", None);
        let place = doc.events[0].place.as_ref().expect("a place");
        assert_eq!(place.country.as_deref(), Some("RUS"));
        assert!(place.lat.is_some() && place.lon.is_some());
        let doc = run("Chile condemned Peru.", None);
        assert_eq!(doc.events[0].place, None);
    }

    #[test]
    fn narrowing_words_stay_in_the_place_name() {
        let doc = run("Russia attacked Georgia in eastern Ukraine.", None);
        let place = doc
            .events
            .first()
            .and_then(|e| e.place.as_ref())
            .expect("a place");
        assert_eq!(place.name, "eastern Ukraine");
        assert_eq!(place.country.as_deref(), Some("UKR"));
    }

    #[test]
    fn actors_are_not_places_and_far_dates_do_not_date() {
        let doc = run("Chile sent troops to Peru.", None);
        assert_eq!(doc.events[0].place, None, "the target is not the place");
        let doc = run(
            "Chile condemned Peru, which had earlier discussed a plan that Bolivia and Ecuador had \
             both rejected in their talks in May.",
            Some("2024-10-30"),
        );
        let e = doc
            .events
            .iter()
            .find(|e| e.cameo_root == "11")
            .expect("an event");
        assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2024-10-30"));
    }
}
