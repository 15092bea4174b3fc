//! Geocoding: place names resolved to a name, country and coordinates from the embedded
//! gazetteers — GeoNames cities of at least 15,000 people, and a representative point for each
//! country and U.S. state (`resources/gazetteer/places.tsv`).

use std::sync::OnceLock;

use dateline_core::Place;
use rustc_hash::FxHashMap;

use crate::gazetteer::{City, Gazetteer};

const PLACES: &str = include_str!("../../resources/gazetteer/places.tsv");
const NEIGHBOURS: &str = include_str!("../../resources/gazetteer/neighbours.tsv");

/// Population from which a city named like a U.S. state is taken to be meant ("Washington").
const LARGE_CITY: u64 = 100_000;

/// A country or state with its representative point.
#[derive(Debug, Clone, PartialEq)]
struct Area {
    name: String,
    country: String,
    lat: f64,
    lon: f64,
}

/// Resolves place names.
#[derive(Debug)]
pub struct Geocoder {
    gazetteer: &'static Gazetteer,
    /// Countries by ISO3 code.
    countries: FxHashMap<String, Area>,
    /// U.S. states by lowercase name.
    states: FxHashMap<String, Area>,
    /// Land neighbours by ISO3 code.
    neighbours: FxHashMap<String, Vec<String>>,
}

impl Geocoder {
    /// The geocoder over the embedded gazetteers, built once.
    #[must_use]
    pub fn embedded() -> &'static Geocoder {
        static GEO: OnceLock<Geocoder> = OnceLock::new();
        GEO.get_or_init(|| Geocoder::parse(Gazetteer::embedded(), PLACES))
    }

    fn parse(gazetteer: &'static Gazetteer, places: &str) -> Geocoder {
        let mut countries = FxHashMap::default();
        let mut states = FxHashMap::default();
        for cols in crate::data::rows(places) {
            let [kind, name, country, lat, lon, ..] = cols[..] else {
                continue;
            };
            let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) else {
                continue;
            };
            let area = Area {
                name: name.to_owned(),
                country: country.to_owned(),
                lat,
                lon,
            };
            match kind {
                "country" => {
                    countries.insert(country.to_owned(), area);
                }
                "state" => {
                    states.insert(name.to_lowercase(), area);
                }
                _ => {}
            }
        }
        let neighbours = crate::data::rows(NEIGHBOURS)
            .filter_map(|r| {
                let [country, near, ..] = r[..] else {
                    return None;
                };
                Some((
                    country.to_owned(),
                    near.split('|').map(str::to_owned).collect(),
                ))
            })
            .collect();
        Geocoder {
            gazetteer,
            countries,
            states,
            neighbours,
        }
    }

    /// Whether countries `a` and `b` (ISO3) share a land border.
    #[must_use]
    pub fn are_neighbours(&self, a: &str, b: &str) -> bool {
        self.neighbours
            .get(a)
            .is_some_and(|n| n.iter().any(|c| c == b))
    }

    /// The country of the U.S. state named `name` (any case), if there is one ("Georgia").
    #[must_use]
    pub fn state_country(&self, name: &str) -> Option<&str> {
        self.states
            .get(&name.to_lowercase())
            .map(|s| s.country.as_str())
    }

    /// The whole country `iso3`, named `name` as the text has it ("eastern Ukraine").
    #[must_use]
    pub fn country(&self, iso3: &str, name: &str) -> Option<Place> {
        let area = self.countries.get(iso3)?;
        Some(place(name, &area.country, area.lat, area.lon))
    }

    /// The place named `name`: a U.S. state, else a city — in `country` when the text says
    /// ("Irbil, Iraq"), else preferably in one of `prefer` (the countries the article is
    /// about), else the most populous of that name. `label` is the name to report.
    #[must_use]
    pub fn resolve(
        &self,
        name: &str,
        label: &str,
        country: Option<&str>,
        prefer: &[&str],
    ) -> Option<Place> {
        // "Washington", "New York": a large city of the name wins over the state.
        let large_city = self
            .gazetteer
            .cities_named(name)
            .iter()
            .any(|c| c.population >= LARGE_CITY && country.is_none_or(|k| k == c.country));
        if let Some(state) = self
            .states
            .get(&name.to_lowercase())
            .filter(|_| !large_city)
        {
            if country.is_none_or(|c| c == state.country) {
                return Some(place(label, &state.country, state.lat, state.lon));
            }
        }
        let cities = self.gazetteer.cities_named(name);
        let pick = |want: &str| cities.iter().find(|c| c.country == want);
        let city: &City = match country {
            Some(c) => pick(c)?,
            None => prefer
                .iter()
                .find_map(|c| pick(c))
                .or_else(|| cities.first())?,
        };
        Some(place(label, &city.country, city.lat, city.lon))
    }
}

fn place(name: &str, country: &str, lat: f64, lon: f64) -> Place {
    Place {
        name: name.to_owned(),
        country: Some(country.to_owned()),
        lat: Some(lat),
        lon: Some(lon),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cities_prefer_the_countries_of_the_article() {
        let geo = Geocoder::embedded();
        let kursk = geo.resolve("Kursk", "Kursk", None, &[]).unwrap();
        assert_eq!(kursk.country.as_deref(), Some("RUS"));
        assert!((kursk.lat.unwrap() - 51.7).abs() < 0.2);
        // Two Londons: the article's country decides, else the largest.
        let london = geo.resolve("London", "London", None, &[]).unwrap();
        assert_eq!(london.country.as_deref(), Some("GBR"));
        let ontario = geo.resolve("London", "London", None, &["CAN"]).unwrap();
        assert_eq!(ontario.country.as_deref(), Some("CAN"));
        let told = geo
            .resolve("London", "London", Some("CAN"), &["GBR"])
            .unwrap();
        assert_eq!(told.country.as_deref(), Some("CAN"));
        assert_eq!(geo.resolve("London", "London", Some("PRK"), &[]), None);
        assert_eq!(geo.resolve("Nowhereville", "Nowhereville", None, &[]), None);
    }

    #[test]
    fn neighbours_share_a_border() {
        let geo = Geocoder::embedded();
        assert!(geo.are_neighbours("RUS", "UKR"));
        assert!(geo.are_neighbours("UKR", "RUS"));
        assert!(!geo.are_neighbours("RUS", "USA"));
        assert!(!geo.are_neighbours("XXX", "UKR"));
    }

    #[test]
    fn states_and_countries_have_points() {
        let geo = Geocoder::embedded();
        let dc = geo.resolve("Washington", "Washington", None, &[]).unwrap();
        assert!(
            (dc.lon.unwrap() + 77.0).abs() < 1.0,
            "the capital, not the state"
        );
        let texas = geo.resolve("Texas", "Texas", None, &[]).unwrap();
        assert_eq!(texas.country.as_deref(), Some("USA"));
        assert!(texas.lat.unwrap() > 25.0 && texas.lat.unwrap() < 37.0);
        let ukraine = geo.country("UKR", "eastern Ukraine").unwrap();
        assert_eq!(ukraine.name, "eastern Ukraine");
        assert!(ukraine.lon.unwrap() > 22.0 && ukraine.lon.unwrap() < 41.0);
        assert_eq!(geo.country("XXX", "Atlantis"), None);
    }
}
