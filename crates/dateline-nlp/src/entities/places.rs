//! Towns named like towns elsewhere ("Tripoli", "Alexandria", "Paris"): the country is settled by
//! the article's other places and actors, then by population, and the choice is explained in the
//! entity's evidence.

use dateline_core::{group_thousands, EntityType};

use super::coref::Cluster;
use crate::gazetteer::{City, Gazetteer};

/// How often the article names `country` outside cluster `skip`: mentions of places, people and
/// organisations in it.
fn support(clusters: &[Cluster], skip: usize, country: &str) -> usize {
    clusters
        .iter()
        .enumerate()
        .filter(|&(i, c)| i != skip && c.country.as_deref() == Some(country))
        .map(|(_, c)| c.mentions.len())
        .sum()
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

/// Settles the country of every town entity whose name GeoNames has in several countries.
pub fn settle(clusters: &mut [Cluster], gazetteer: &Gazetteer) {
    for i in 0..clusters.len() {
        let c = &clusters[i];
        if c.entity_type != EntityType::Gpe || c.actor.is_some() {
            continue;
        }
        let candidates = by_country(gazetteer.cities_named(&c.name));
        if candidates.len() < 2 {
            continue;
        }
        let scored: Vec<(&City, usize)> = candidates
            .iter()
            .map(|&city| (city, support(clusters, i, &city.country)))
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
        let c = &mut clusters[i];
        c.country = Some(best.country.clone());
        c.evidence = Some(evidence);
    }
}
