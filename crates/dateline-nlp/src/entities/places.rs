//! Towns named like towns elsewhere ("Tripoli", "Alexandria", "Paris"): the country is settled by
//! the article's other places and actors, then by population, and the choice is explained in the
//! entity's evidence.

use dateline_core::{group_thousands, EntityType};
use rustc_hash::FxHashMap;

use super::coref::Cluster;
use crate::gazetteer::{City, EntryKind, Gazetteer};
use crate::geo::Geocoder;

/// Population from which a town may be meant by a name the gazetteer gives to a capital.
const LARGE_CITY: u64 = 100_000;

/// How often the article names each country: the mentions of its places, people and
/// organisations, counted once and kept current as countries are settled.
struct Support(FxHashMap<String, usize>);

impl Support {
    fn new(clusters: &[Cluster]) -> Support {
        let mut totals = FxHashMap::default();
        for c in clusters {
            if let Some(country) = &c.country {
                *totals.entry(country.clone()).or_default() += c.mentions.len();
            }
        }
        Support(totals)
    }

    /// How often the article names `country` outside cluster `i`.
    fn of(&self, clusters: &[Cluster], i: usize, country: &str) -> usize {
        let own = &clusters[i];
        let inside = if own.country.as_deref() == Some(country) {
            own.mentions.len()
        } else {
            0
        };
        self.0.get(country).map_or(0, |n| n - inside)
    }

    /// Cluster `i` is now in `country`.
    fn moves(&mut self, clusters: &mut [Cluster], i: usize, country: String) {
        let c = &mut clusters[i];
        let n = c.mentions.len();
        if let Some(old) = c.country.as_ref().and_then(|old| self.0.get_mut(old)) {
            *old -= n;
        }
        *self.0.entry(country.clone()).or_default() += n;
        c.country = Some(country);
    }
}

/// The most populous town of each country among `cities` (already most populous first).
fn by_country(cities: &[City]) -> Vec<&City> {
    let mut out: Vec<&City> = Vec::new();
    for city in cities {
        if !out.iter().any(|c| c.country == city.country) {
            out.push(city);
        }
    }
    out
}

/// Settles the country of every town entity whose name GeoNames has in several countries (a
/// capital the gazetteer knows keeps its country: "Moscow" is Russia's), and of a country named
/// like a U.S. state ("Georgia") when the article's other places are American.
pub fn settle(clusters: &mut [Cluster], gazetteer: &Gazetteer, geo: &Geocoder) {
    let mut support = Support::new(clusters);
    for i in 0..clusters.len() {
        let c = &clusters[i];
        if c.entity_type != EntityType::Gpe {
            continue;
        }
        if c.actor.is_some() {
            state_or_country(clusters, i, geo, &mut support);
            continue;
        }
        let words: Vec<&str> = c.name.split(' ').collect();
        let known = gazetteer
            .lookup(&words)
            .any(|id| gazetteer.entry(id).kind != EntryKind::Title);
        let mut candidates = by_country(gazetteer.cities_named(&c.name));
        if known {
            // A capital or a country the gazetteer knows gives way only to a large city of the
            // name ("Tripoli" in Lebanon), never to a town ("Moscow", Idaho).
            let own = c.country.clone();
            candidates.retain(|city| {
                Some(&city.country) == own.as_ref() || city.population >= LARGE_CITY
            });
        }
        if candidates.len() < 2 {
            continue;
        }
        let scored: Vec<(&City, usize)> = candidates
            .iter()
            .map(|&city| (city, support.of(clusters, i, &city.country)))
            .collect();
        // Most support wins; among equals, the first (the most populous).
        let Some(&(best, count)) = scored.iter().rev().max_by_key(|&&(_, n)| n) else {
            continue;
        };
        let others: Vec<String> = scored
            .iter()
            .filter(|(city, _)| city.country != best.country)
            .take(3)
            .map(|(city, n)| {
                format!(
                    "{} ({} people, named {n}×)",
                    city.country,
                    group_thousands(city.population)
                )
            })
            .collect();
        let reason = if count > 0 {
            format!("the article names {} {count}× elsewhere", best.country)
        } else {
            "the most populous; the article names none of their countries elsewhere".to_owned()
        };
        let evidence = format!(
            "{}: {} ({} people) rather than {}: {reason}",
            c.name,
            best.country,
            group_thousands(best.population),
            others.join(", ")
        );
        let best = best.country.clone();
        support.moves(clusters, i, best);
        clusters[i].evidence = Some(evidence);
    }
}

/// "Atlanta, Georgia": a country entity named like a U.S. state is the state when the article names
/// the United States more often than that country elsewhere.
fn state_or_country(clusters: &mut [Cluster], i: usize, geo: &Geocoder, support: &mut Support) {
    let c = &clusters[i];
    let (Some(state), Some(country)) = (geo.state_country(&c.name), c.country.as_deref()) else {
        return;
    };
    if state == country || c.actor.as_deref() != Some(country) {
        return;
    }
    let (for_state, for_country) = (
        support.of(clusters, i, state),
        support.of(clusters, i, country),
    );
    if for_state <= for_country {
        return;
    }
    let evidence = format!(
        "{}: the U.S. state ({state}) rather than the country ({country}): the article names {state} {for_state}× elsewhere, {country} {for_country}×",
        c.name
    );
    let state = state.to_owned();
    support.moves(clusters, i, state);
    let c = &mut clusters[i];
    c.actor = None;
    c.actor_source = None;
    c.evidence = Some(evidence);
}
