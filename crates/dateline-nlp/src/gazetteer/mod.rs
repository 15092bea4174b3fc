//! Gazetteers: countries (names, aliases, demonyms, capitals), seats of government used as
//! metonyms, international organisations and armed groups, and titles with their roles — data
//! files under `resources/gazetteer/` (see its `SOURCES.md`), loaded once.
//!
//! Phrases are matched on normalised words (lowercase, quotes unified), longest first; a surface
//! written in capitals only (`US`, `UN`, `WHO`) matches only in capitals, so "us" and "who" stay
//! words.

mod tokens;

use std::sync::OnceLock;

use dateline_core::EntityType;
use rustc_hash::FxHashMap as HashMap;

pub use tokens::{flag, TokenClasses};

use crate::data::rows;
use dateline_syntax::words::normalize_into;

const COUNTRIES: &str = include_str!("../../resources/gazetteer/countries.tsv");
const METONYMS: &str = include_str!("../../resources/gazetteer/metonyms.tsv");
const IGOS: &str = include_str!("../../resources/gazetteer/igos.tsv");
const TITLES: &str = include_str!("../../resources/gazetteer/titles.tsv");
const REGIONS: &str = include_str!("../../resources/gazetteer/regions.tsv");
const CITIES: &str = include_str!("../../resources/gazetteer/cities.tsv");
const SUBNATIONAL: &str = include_str!("../../resources/gazetteer/subnational.tsv");

/// What a gazetteer entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A country by name or alias (`North Korea`, `DPRK`).
    Country,
    /// A nationality adjective or people (`North Korean`, `Ukrainians`).
    Demonym,
    /// A capital used for its government (`Pyongyang`).
    Capital,
    /// A seat of government or state institution (`the Pentagon`, `the Kremlin`).
    Institution,
    /// An international, non-governmental or armed organisation (`NATO`, `Hamas`).
    Organisation,
    /// A title or role noun (`defense secretary`, `troops`).
    Title,
    /// A continent, sea or region without a government (`Horn of Africa`, `Black Sea`).
    Region,
}

/// A city from GeoNames: where it is and how big.
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// Name as GeoNames writes it.
    pub name: String,
    /// ISO3 country.
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population.
    pub population: u64,
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What it names.
    pub kind: EntryKind,
    /// Display name (`North Korea`, `Pentagon`, `defense secretary`).
    pub canonical: String,
    /// Entity type of a mention of it.
    pub entity_type: EntityType,
    /// CAMEO-style actor code (`PRK`, `USAMIL`, `IGOWSTNAT`), or the role code for titles (`GOV`).
    pub actor: Option<String>,
    /// ISO3 country.
    pub country: Option<String>,
    /// For titles: whether it names a person (`president`) or a group (`troops`).
    pub person: bool,
    /// For titles: whether it names a state institution (`foreign ministry`, `police`).
    pub body: bool,
}

#[derive(Debug, Clone)]
struct Phrase {
    entry: usize,
    /// The surface when it must match case-sensitively (all capitals), else `None`.
    exact: Option<String>,
}

/// All gazetteers, indexed by normalised phrase.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    phrases: HashMap<String, Vec<Phrase>>,
    /// For each normalised first word, the most words a phrase starting with it has: positions
    /// whose word starts no phrase are skipped without building any key.
    first_words: HashMap<String, usize>,
    /// Every phrase key as ` key` (a leading space marks the word boundary), for scanning a whole
    /// sentence in one pass; pattern `i` is `keys[i]`.
    automaton: Option<aho_corasick::AhoCorasick>,
    /// Cities by normalised name, most populous first.
    cities: HashMap<String, Vec<City>>,
    keys: Vec<String>,
    longest: usize,
    tokens: TokenClasses,
}

fn variants(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|v| !v.is_empty())
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Normalised words of a phrase, joined by single spaces, with a possessive `'s` or a plural's
/// bare apostrophe as a word of its own, as the tokeniser splits them ("Democratic People 's
/// Republic of Korea", "Kurdistan Workers ' Party").
fn phrase_key(phrase: &str) -> String {
    words_key(phrase.split_whitespace().flat_map(|w| {
        let stem = ["'s", "\u{2019}s", "'", "\u{2019}"]
            .iter()
            .find_map(|c| w.strip_suffix(c))
            .filter(|stem| !stem.is_empty());
        match stem {
            Some(stem) => [Some(stem), w.get(stem.len()..)],
            None => [Some(w), None],
        }
        .into_iter()
        .flatten()
    }))
}

/// Normalised `words`, joined by single spaces: the key phrases are indexed by (also the actor
/// knowledge base's).
pub(crate) fn words_key<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut key = String::new();
    let mut norm = String::new();
    for word in words {
        normalize_into(word, &mut norm);
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&norm);
    }
    key
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
        && !s.chars().any(char::is_lowercase)
        && s.chars().filter(|c| c.is_alphabetic()).count() <= 5
}

impl Gazetteer {
    /// The gazetteer built from the embedded data files, once.
    #[must_use]
    pub fn embedded() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(Gazetteer::load)
    }

    fn push(&mut self, entry: Entry, surfaces: &[&str], token_flag: u8) {
        let id = self.entries.len();
        self.entries.push(entry);
        for surface in surfaces {
            let surface = surface.strip_prefix("the ").unwrap_or(surface);
            let key = phrase_key(surface);
            if key.is_empty() {
                continue;
            }
            let words = key.split(' ').count();
            self.longest = self.longest.max(words);
            let first = key.split(' ').next().unwrap_or_default().to_owned();
            let longest = self.first_words.entry(first).or_default();
            *longest = (*longest).max(words);
            let exact = is_all_caps(surface).then(|| surface.to_owned());
            let phrases = self.phrases.entry(key).or_default();
            if !phrases.iter().any(|p| p.entry == id && p.exact == exact) {
                phrases.push(Phrase { entry: id, exact });
            }
            self.tokens.add(surface, token_flag);
        }
    }

    fn load_countries(&mut self) {
        for cols in rows(COUNTRIES) {
            let [iso3, name, _kind, aliases, demonyms, capitals, ..] = cols[..] else {
                continue;
            };
            let country = Some(iso3.to_owned());
            let mut names = vec![name];
            names.extend(variants(aliases));
            self.push(
                Entry {
                    kind: EntryKind::Country,
                    canonical: name.to_owned(),
                    entity_type: EntityType::Gpe,
                    actor: country.clone(),
                    country: country.clone(),
                    person: false,
                    body: false,
                },
                &names,
                flag::COUNTRY,
            );
            let demonyms: Vec<&str> = variants(demonyms).collect();
            self.push(
                Entry {
                    kind: EntryKind::Demonym,
                    canonical: name.to_owned(),
                    entity_type: EntityType::Norp,
                    actor: country.clone(),
                    country: country.clone(),
                    person: false,
                    body: false,
                },
                &demonyms,
                flag::DEMONYM,
            );
            for capital in variants(capitals) {
                self.tokens.add(capital, flag::PLACE);
            }
        }
    }

    fn load_metonyms(&mut self) {
        for cols in rows(METONYMS) {
            let [surface, ty, actor, country, canonical, ..] = cols[..] else {
                continue;
            };
            let capital = cols.get(5).is_some_and(|c| !c.is_empty());
            let surfaces: Vec<&str> = variants(surface).collect();
            self.push(
                Entry {
                    kind: if capital {
                        EntryKind::Capital
                    } else {
                        EntryKind::Institution
                    },
                    canonical: canonical.to_owned(),
                    entity_type: if ty == "ORG" {
                        EntityType::Org
                    } else {
                        EntityType::Gpe
                    },
                    actor: non_empty(actor),
                    country: non_empty(country),
                    person: false,
                    body: false,
                },
                &surfaces,
                flag::PLACE,
            );
        }
    }

    fn load_igos(&mut self) {
        for cols in rows(IGOS) {
            let [surface, _ty, actor, canonical, ..] = cols[..] else {
                continue;
            };
            let surfaces: Vec<&str> = variants(surface).collect();
            self.push(
                Entry {
                    kind: EntryKind::Organisation,
                    canonical: canonical.to_owned(),
                    entity_type: EntityType::Org,
                    actor: non_empty(actor),
                    country: None,
                    person: false,
                    body: false,
                },
                &surfaces,
                flag::ORG,
            );
        }
    }

    /// Places from a `surface adjectives [country]` table: regions without a government (LOC,
    /// `regions.tsv`) or provinces and territories with one (GPE with their state's country,
    /// `subnational.tsv`).
    fn load_regions(&mut self, data: &str, entity_type: EntityType) {
        for cols in rows(data) {
            let [surface, ..] = cols[..] else { continue };
            let mut surfaces: Vec<&str> = variants(surface).collect();
            let canonical = surfaces.first().copied().unwrap_or_default().to_owned();
            surfaces.extend(variants(cols.get(1).copied().unwrap_or_default()));
            self.push(
                Entry {
                    kind: EntryKind::Region,
                    canonical,
                    entity_type,
                    actor: None,
                    country: cols.get(2).and_then(|c| non_empty(c)),
                    person: false,
                    body: false,
                },
                &surfaces,
                flag::PLACE,
            );
        }
    }

    fn load_titles(&mut self) {
        for cols in rows(TITLES) {
            let [title, role, kind, ..] = cols[..] else {
                continue;
            };
            self.push(
                Entry {
                    kind: EntryKind::Title,
                    canonical: title.to_owned(),
                    entity_type: EntityType::Person,
                    actor: non_empty(role),
                    country: None,
                    person: kind == "person",
                    body: kind == "body",
                },
                &[title],
                flag::TITLE,
            );
        }
    }

    fn build_automaton(&mut self) {
        self.keys = self.phrases.keys().cloned().collect();
        self.keys.sort();
        let patterns: Vec<String> = self.keys.iter().map(|k| format!(" {k}")).collect();
        self.automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&patterns)
            .ok();
    }

    fn load() -> Gazetteer {
        let mut g = Gazetteer::default();
        g.load_countries();
        g.load_metonyms();
        g.load_igos();
        g.load_regions(REGIONS, EntityType::Loc);
        g.load_regions(SUBNATIONAL, EntityType::Gpe);
        g.load_titles();
        g.build_automaton();
        g.load_cities();
        g
    }

    fn load_cities(&mut self) {
        for cols in rows(CITIES) {
            let [name, country, lat, lon, population, ..] = cols[..] else {
                continue;
            };
            let (Ok(lat), Ok(lon), Ok(population)) = (lat.parse(), lon.parse(), population.parse())
            else {
                continue;
            };
            // Rows come most populous first, so each list stays in that order.
            self.cities.entry(phrase_key(name)).or_default().push(City {
                name: name.to_owned(),
                country: country.to_owned(),
                lat,
                lon,
                population,
            });
        }
    }

    /// The most populous city named `name` (any case, quotes unified), if GeoNames knows one.
    #[must_use]
    pub fn city(&self, name: &str) -> Option<&City> {
        self.cities_named(name).first()
    }

    /// Every city named `name` (any case, quotes unified), most populous first. A name GeoNames
    /// only knows with "City" after it is that city ("New York", "Ho Chi Minh", "Kuwait").
    #[must_use]
    pub fn cities_named(&self, name: &str) -> &[City] {
        let key = phrase_key(name);
        self.cities
            .get(&key)
            .or_else(|| self.cities.get(&format!("{key} city")))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether `code` is the ISO3 code of a country the gazetteer knows.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn is_country_code(&self, code: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.kind == EntryKind::Country && e.country.as_deref() == Some(code))
    }

    /// Token-level membership, for the entity recogniser.
    #[must_use]
    pub fn token_classes(&self) -> &TokenClasses {
        &self.tokens
    }

    /// An entry by id.
    #[must_use]
    pub fn entry(&self, id: usize) -> &Entry {
        &self.entries[id]
    }

    /// The entries of the phrase whose normalised key is `key`, for the surface `words`.
    fn matching(&self, key: &str, words: &[&str]) -> Vec<usize> {
        let Some(phrases) = self.phrases.get(key) else {
            return Vec::new();
        };
        phrases
            .iter()
            .filter(|p| p.exact.as_deref().is_none_or(|e| e == words.join(" ")))
            .map(|p| p.entry)
            .collect()
    }

    /// Entries named exactly by `words` (surface forms, in order).
    pub fn lookup(&self, words: &[&str]) -> impl Iterator<Item = usize> + '_ {
        thread_local! {
            static KEY: std::cell::RefCell<(String, String)> =
                const { std::cell::RefCell::new((String::new(), String::new())) };
        }
        let found = KEY.with_borrow_mut(|(key, norm)| {
            key.clear();
            for word in words.iter().flat_map(|w| w.split_whitespace()) {
                normalize_into(word, norm);
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(norm);
            }
            self.matching(key, words)
        });
        found.into_iter()
    }

    /// The longest run of `words` starting at `start` that names entries: its length and entries.
    /// The key grows one normalised word at a time in a reused buffer, and positions whose word
    /// starts no phrase stop after one hash lookup.
    #[must_use]
    pub fn longest_at(&self, words: &[&str], start: usize) -> Option<(usize, Vec<usize>)> {
        thread_local! {
            static BUFFERS: std::cell::RefCell<(String, String)> =
                const { std::cell::RefCell::new((String::new(), String::new())) };
        }
        let first = words.get(start)?;
        BUFFERS.with_borrow_mut(|(key, norm)| {
            normalize_into(first, norm);
            let max = self
                .first_words
                .get(norm.as_str())?
                .min(&(words.len() - start))
                .to_owned();
            key.clear();
            let mut best = None;
            for len in 1..=max {
                normalize_into(words[start + len - 1], norm);
                if len > 1 {
                    key.push(' ');
                }
                key.push_str(norm);
                let found = self.matching(key, &words[start..start + len]);
                if !found.is_empty() {
                    best = Some((len, found));
                }
            }
            best
        })
    }

    /// For each word of a sentence, the longest gazetteer phrase starting there (its length and
    /// entries), found in one pass of the phrase automaton over the normalised sentence.
    #[must_use]
    pub fn scan(&self, words: &[&str]) -> Vec<Option<(usize, Vec<usize>)>> {
        let mut out = vec![None; words.len()];
        let Some(automaton) = &self.automaton else {
            return out;
        };
        // " w0 w1 w2": the byte where each word's leading space sits, and where each word ends.
        let mut text = String::new();
        let mut starts = Vec::with_capacity(words.len());
        let mut ends = Vec::with_capacity(words.len());
        let mut norm = String::new();
        for word in words {
            starts.push(text.len());
            text.push(' ');
            normalize_into(word, &mut norm);
            text.push_str(&norm);
            ends.push(text.len());
        }
        for m in automaton.find_overlapping_iter(&text) {
            let (Ok(first), Ok(last)) = (
                starts.binary_search(&m.start()),
                ends.binary_search(&m.end()),
            ) else {
                continue; // not on word boundaries
            };
            let len = last + 1 - first;
            if out[first].as_ref().is_some_and(|(l, _)| *l >= len) {
                continue;
            }
            let found = self.matching(&self.keys[m.pattern().as_usize()], &words[first..=last]);
            if !found.is_empty() {
                out[first] = Some((len, found));
            }
        }
        out
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(
        g: &Gazetteer,
        found: Option<&(usize, Vec<usize>)>,
    ) -> Option<(usize, Vec<EntryKind>)> {
        found.map(|(len, ids)| (*len, ids.iter().map(|&id| g.entry(id).kind).collect()))
    }

    #[test]
    fn scan_finds_longest_phrases_on_word_boundaries() {
        let g = Gazetteer::embedded();
        let words = [
            "North",
            "Korean",
            "troops",
            "left",
            "the",
            "Korean",
            "Peninsula",
            "for",
            "us",
            "and",
            "the",
            "US",
        ];
        let found = g.scan(&words);
        assert_eq!(
            kinds(g, found[0].as_ref()).map(|(l, _)| l),
            Some(2),
            "North Korean"
        );
        assert!(kinds(g, found[0].as_ref())
            .unwrap()
            .1
            .contains(&EntryKind::Demonym));
        assert_eq!(
            kinds(g, found[5].as_ref()),
            Some((2, vec![EntryKind::Region])),
            "Korean Peninsula"
        );
        assert!(
            found[8].is_none(),
            "lowercase 'us' is a pronoun, not the country"
        );
        assert!(
            kinds(g, found[11].as_ref())
                .unwrap()
                .1
                .contains(&EntryKind::Country),
            "US"
        );
        // The automaton and the per-position lookup agree.
        for (i, f) in found.iter().enumerate() {
            assert_eq!(
                f.as_ref().map(|(l, _)| *l),
                g.longest_at(&words, i).map(|(l, _)| l),
                "at {i}"
            );
        }
    }

    #[test]
    fn a_possessive_inside_a_name_matches_the_tokens_it_is_split_into() {
        let g = Gazetteer::embedded();
        let words = ["Democratic", "People", "'s", "Republic", "of", "Korea"];
        let countries: Vec<Option<&str>> = g
            .lookup(&words)
            .map(|id| g.entry(id).country.as_deref())
            .collect();
        assert_eq!(countries, [Some("PRK")]);
        assert_eq!(phrase_key("People\u{2019}s Republic"), "people 's republic");
        // A plural's bare apostrophe, split off the same way.
        let words = ["Kurdistan", "Workers", "'", "Party"];
        let actors: Vec<Option<&str>> = g
            .lookup(&words)
            .map(|id| g.entry(id).actor.as_deref())
            .collect();
        assert_eq!(actors, [Some("TURREB")]);
    }

    #[test]
    fn every_gazetteer_file_loads() {
        let g = Gazetteer::embedded();
        assert!(g.len() > 1000, "{}", g.len());
        let pentagon: Vec<&Entry> = g.lookup(&["Pentagon"]).map(|id| g.entry(id)).collect();
        assert_eq!(pentagon[0].actor.as_deref(), Some("USAMIL"));
        let title: Vec<&Entry> = g
            .lookup(&["Defense", "Secretary"])
            .map(|id| g.entry(id))
            .collect();
        assert!(title.iter().any(|e| e.kind == EntryKind::Title && e.person));
    }
}
