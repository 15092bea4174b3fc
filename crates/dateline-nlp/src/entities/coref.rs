//! Clustering mentions into document entities (precision-first sieves): countries with their
//! demonyms and capitals; organisations by canonical name; people by full name, then bare
//! surnames to the most recent compatible person (so "Kim" after "Kim Yong-hyun" is him, not a
//! "Kim Jong Un" named later), then definite titles ("the defense secretary") and subject
//! pronouns to the most recent person they fit.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use dateline_core::{ActorSource, Document, Entity, EntityType, Span};
use rustc_hash::FxHashSet;

use super::mentions::{Mention, MentionKind};
use crate::gazetteer::{EntryKind, Gazetteer};

/// An entity under construction.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub name: String,
    pub entity_type: EntityType,
    pub actor: Option<String>,
    pub actor_source: Option<ActorSource>,
    pub country: Option<String>,
    pub role: Option<String>,
    pub role_code: Option<String>,
    pub mentions: Vec<Span>,
    pub kb: Option<String>,
    pub evidence: Option<String>,
}

impl Cluster {
    fn new(m: &Mention) -> Self {
        Cluster {
            name: m.name.clone(),
            entity_type: m.entity_type,
            actor: m.actor.clone(),
            actor_source: m.actor_source,
            country: m.country.clone(),
            role: m.role.clone(),
            role_code: m.role_code.clone(),
            mentions: vec![m.span],
            kb: None,
            evidence: None,
        }
    }

    fn absorb(&mut self, m: &Mention) {
        self.mentions.push(m.span);
        if self.actor.is_none() {
            self.actor.clone_from(&m.actor);
            self.actor_source = m.actor_source;
        }
        if self.country.is_none() {
            self.country.clone_from(&m.country);
        }
        if self.role.is_none() {
            self.role.clone_from(&m.role);
        }
        if self.role_code.is_none() || m.role_code.as_deref() == Some("ELI") {
            if m.role_code.is_some() {
                self.role_code.clone_from(&m.role_code);
            }
            if m.role_code.as_deref() == Some("ELI") {
                if let Some(country) = &self.country {
                    self.actor = Some(format!("{country}ELI"));
                    self.actor_source = Some(ActorSource::Title);
                }
            }
        }
        if m.kind == MentionKind::Name && m.name.split(' ').count() > self.name.split(' ').count() {
            self.name.clone_from(&m.name);
        }
    }
}

fn key(m: &Mention) -> String {
    match (m.entity_type, &m.country) {
        (EntityType::Gpe, Some(country))
            if matches!(m.kind, MentionKind::Demonym | MentionKind::Capital)
                || m.actor.as_deref() == Some(country) =>
        {
            format!("country:{country}")
        }
        _ => format!("{:?}:{}", m.entity_type, m.name.to_lowercase()),
    }
}

/// Whether a one-word person mention can be a short form of `name`.
fn short_form_of(word: &str, name: &str) -> bool {
    let mut parts = name.split(' ');
    let first = parts.next().unwrap_or_default();
    let last = name.rsplit(' ').next().unwrap_or_default();
    name.contains(' ') && (word.eq_ignore_ascii_case(first) || word.eq_ignore_ascii_case(last))
}

/// The first and last words (ASCII-lowercased) of `names` that have more than one word: the only
/// words a one-word mention can be a short form of ([`short_form_of`]), for a lookup in constant
/// time instead of a scan of every name.
fn name_parts<'a>(names: impl Iterator<Item = &'a str>) -> HashSet<String> {
    names
        .filter(|n| n.contains(' '))
        .flat_map(|n| {
            let first = n.split(' ').next().unwrap_or_default();
            let last = n.rsplit(' ').next().unwrap_or_default();
            [first.to_ascii_lowercase(), last.to_ascii_lowercase()]
        })
        .collect()
}

/// Adds `m` to the cluster of its key, or starts one.
fn add_keyed(clusters: &mut Vec<Cluster>, by_key: &mut HashMap<String, usize>, m: &Mention) {
    let k = key(m);
    if let Some(&i) = by_key.get(&k) {
        clusters[i].absorb(m);
    } else {
        by_key.insert(k, clusters.len());
        clusters.push(Cluster::new(m));
    }
}

/// A one-word "person" that is no one's surname is taken for a city this large.
const CITY_AS_NAME_POPULATION: u64 = 100_000;

/// A bare name that fitted more than one person (`Kim` with two Kims in the story).
#[derive(Debug, Clone)]
pub struct Ambiguity {
    /// The mention.
    pub span: Span,
    /// How many people fitted.
    pub candidates: usize,
    /// The cluster it was given to.
    pub chosen: usize,
}

/// Past this many mentions a "document" is no news article (a book, a log, a generated flood):
/// bare surnames, titles and pronouns are then not resolved against earlier people, steps whose
/// cost grows with the product of mentions and people, and names cluster by their exact form.
pub const MAX_RESOLVED_MENTIONS: usize = 5_000;

/// Groups mentions into clusters, in order of first mention, and reports bare names that more
/// than one person fitted.
pub fn cluster(mentions: &[Mention], gazetteer: &Gazetteer) -> (Vec<Cluster>, Vec<Ambiguity>) {
    let mut ambiguities = Vec::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // A one-word name of another type that is part of a person's full name in this document is
    // that person ("Putin" tagged as an organisation), unless a gazetteer vouches for it.
    let parts = name_parts(
        mentions
            .iter()
            .filter(|m| m.entity_type == EntityType::Person)
            .map(|m| m.name.as_str()),
    );
    let is_part = |name: &str| parts.contains(&name.to_ascii_lowercase());
    let retyped: Vec<Mention> = mentions
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if m.entity_type != EntityType::Person
                && m.actor.is_none()
                && !m.name.contains(' ')
                && is_part(&m.name)
            {
                m.entity_type = EntityType::Person;
            } else if m.entity_type == EntityType::Person
                && !m.name.contains(' ')
                && m.role.is_none()
                && !is_part(&m.name)
            {
                // A lone "person" that is a large city and no one's surname here ("Alexandria").
                if let Some(city) = gazetteer
                    .city(&m.name)
                    .filter(|c| c.population >= CITY_AS_NAME_POPULATION)
                {
                    m.entity_type = EntityType::Gpe;
                    m.country = Some(city.country.clone());
                }
            }
            m
        })
        .collect();
    let mut short_people = Vec::new();
    let resolve_short_names = mentions.len() <= MAX_RESOLVED_MENTIONS;
    for m in &retyped {
        if resolve_short_names && m.entity_type == EntityType::Person && !m.name.contains(' ') {
            short_people.push(m);
            continue;
        }
        add_keyed(&mut clusters, &mut by_key, m);
    }
    for m in short_people {
        let at = m.span.start();
        let fits =
            |c: &Cluster| c.entity_type == EntityType::Person && short_form_of(&m.name, &c.name);
        let before = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| fits(c) && c.mentions.iter().any(|s| s.start() < at))
            .max_by_key(|(_, c)| {
                c.mentions
                    .iter()
                    .filter(|s| s.start() < at)
                    .map(|s| s.start())
                    .max()
            });
        let target = before
            .map(|(i, _)| i)
            .or_else(|| clusters.iter().position(fits));
        let candidates = clusters.iter().filter(|c| fits(c)).count();
        if let Some(i) = target {
            if candidates > 1 {
                ambiguities.push(Ambiguity {
                    span: m.span,
                    candidates,
                    chosen: i,
                });
            }
            clusters[i].absorb(m);
        } else {
            add_keyed(&mut clusters, &mut by_key, m);
        }
    }
    (clusters, ambiguities)
}

/// The person a subject pronoun at byte `at` most likely means: the first person mentioned in
/// the nearest sentence (this one, before the pronoun, or up to three before) that mentions one;
/// subjects come first in English, and the subject is the likeliest antecedent.
fn pronoun_antecedent(
    doc: &Document,
    clusters: &[Cluster],
    sentence: usize,
    at: usize,
) -> Option<usize> {
    (sentence.saturating_sub(3)..=sentence).rev().find_map(|s| {
        let span = doc.sentences[s].span;
        clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.entity_type == EntityType::Person)
            .filter_map(|(i, c)| {
                c.mentions
                    .iter()
                    .filter(|m| span.contains(**m) && m.start() < at)
                    .map(|m| {
                        let quoted =
                            in_quotes(doc, s, *m) && !in_quotes(doc, sentence, Span::new(at, at));
                        (quoted, !is_subject(doc, *m), m.start())
                    })
                    .min()
                    .map(|key| (i, key))
            })
            .min_by_key(|&(_, key)| key)
            .map(|(i, _)| i)
    })
}

/// Whether `mention` lies between quotation marks in sentence `s`: the nearest mark before it
/// in the sentence opens a quote, or, with none before, the nearest after it closes one (a quote
/// that began in an earlier sentence).
fn in_quotes(doc: &Document, s: usize, mention: Span) -> bool {
    use dateline_core::TokenKind;
    let Some(sentence) = doc.sentences.get(s) else {
        return false;
    };
    let tokens = doc.tokens.get(sentence.token_range()).unwrap_or_default();
    let is_mark =
        |t: &&dateline_core::Token| matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote);
    let before = tokens
        .iter()
        .filter(|t| t.span.end() <= mention.start())
        .rfind(is_mark);
    match before {
        Some(t) => t.kind == TokenKind::OpenQuote,
        None => tokens
            .iter()
            .filter(|t| t.span.start() >= mention.end())
            .find(is_mark)
            .is_some_and(|t| t.kind == TokenKind::CloseQuote),
    }
}

/// Whether a mention is followed by its verb (skipping adverbs): the subject of a clause.
fn is_subject(doc: &Document, mention: Span) -> bool {
    let after = doc
        .tokens
        .partition_point(|t| t.span.start() < mention.end());
    doc.tokens[after..]
        .iter()
        .find(|t| t.pos != Some(dateline_core::Pos::RB))
        .and_then(|t| t.pos)
        .is_some_and(|p| p.is_verb() || p == dateline_core::Pos::MD)
}

/// The most recent person cluster mentioned before byte `at` that `accept` allows.
fn recent_person(
    clusters: &[Cluster],
    at: usize,
    accept: impl Fn(&Cluster) -> bool,
) -> Option<usize> {
    clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.entity_type == EntityType::Person && accept(c))
        .filter_map(|(i, c)| {
            c.mentions
                .iter()
                .filter(|s| s.start() < at)
                .map(|s| s.start())
                .max()
                .map(|p| (i, p))
        })
        .max_by_key(|&(_, p)| p)
        .map(|(i, _)| i)
}

/// The bytes of the text already covered by a mention: marking and asking cost the length of
/// the span, not the number of mentions (a document may have hundreds of thousands).
struct Taken(Vec<bool>);

impl Taken {
    fn new(len: usize) -> Taken {
        Taken(vec![false; len])
    }

    fn range(&self, span: Span) -> std::ops::Range<usize> {
        let end = span.end().min(self.0.len());
        span.start().min(end)..end
    }

    fn mark(&mut self, span: Span) {
        let range = self.range(span);
        self.0[range].fill(true);
    }

    fn overlaps(&self, span: Span) -> bool {
        self.0[self.range(span)].contains(&true)
    }
}

/// Adds definite titles (`the defense secretary`) and subject pronouns (`he said`) as mentions of
/// the most recent person they fit.
pub fn link_references(doc: &Document, clusters: &mut [Cluster], gazetteer: &Gazetteer) {
    if clusters.iter().map(|c| c.mentions.len()).sum::<usize>() > MAX_RESOLVED_MENTIONS {
        return;
    }
    let mut taken = Taken::new(doc.text.len());
    for span in clusters.iter().flat_map(|c| c.mentions.iter()) {
        taken.mark(*span);
    }
    // First and last words of people's full names: the only words worth a surname lookup.
    let name_parts = name_parts(
        clusters
            .iter()
            .filter(|c| c.entity_type == EntityType::Person)
            .map(|c| c.name.as_str()),
    );
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let tokens = &doc.tokens[sentence.token_range()];
        let words: Vec<&str> = tokens.iter().map(|t| t.span.of(&doc.text)).collect();
        for i in 0..words.len() {
            let word = words[i];
            let proper = tokens[i].pos == Some(dateline_core::Pos::NNP)
                && name_parts.contains(&word.to_ascii_lowercase())
                && !taken.overlaps(tokens[i].span);
            if proper {
                // A surname the recogniser missed ("something Kim said"): the person it is short for.
                let fits = |c: &Cluster| short_form_of(word, &c.name);
                let target = recent_person(clusters, tokens[i].span.start(), fits).or_else(|| {
                    clusters
                        .iter()
                        .position(|c| c.entity_type == EntityType::Person && fits(c))
                });
                if let Some(c) = target {
                    clusters[c].mentions.push(tokens[i].span);
                    taken.mark(tokens[i].span);
                }
                continue;
            }
            if word.eq_ignore_ascii_case("the") {
                if let Some((c, span)) =
                    title_reference(clusters, tokens, &words, i, &taken, gazetteer)
                {
                    clusters[c].mentions.push(span);
                    taken.mark(span);
                }
            } else if word.eq_ignore_ascii_case("he") || word.eq_ignore_ascii_case("she") {
                let next = (i + 1..tokens.len())
                    .find(|&k| tokens[k].pos != Some(dateline_core::Pos::RB))
                    .unwrap_or(i + 1);
                let next_is_verb = tokens
                    .get(next)
                    .and_then(|t| t.pos)
                    .is_some_and(|p| p.is_verb() || p == dateline_core::Pos::MD);
                let and_follows = words.get(i + 1).is_some_and(|w| *w == "and");
                if !(next_is_verb || and_follows) {
                    continue;
                }
                let span = tokens[i].span;
                if let Some(c) = pronoun_antecedent(doc, clusters, s, span.start()) {
                    clusters[c].mentions.push(span);
                }
            }
        }
    }
}

/// Mentions a country needs before it is taken as the story's country.
const DOMINANT_MENTIONS: usize = 3;

/// Role codes of office-holders who act for a state (`GOV`, `MIL`).
static STATE_ROLES: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::data::word_set(include_str!("../../resources/lexicon/state-roles.txt"))
});

/// Whether `role` is the role code of an office-holder who acts for a state (`GOV`, `MIL`).
pub fn is_state_role(role: &str) -> bool {
    STATE_ROLES.contains(role)
}

/// Gives a titled person with no nationality in the text ("President Salva Kiir" in a story about
/// South Sudan) the country the story mentions most, when one clearly leads.
pub fn default_country(clusters: &mut [Cluster]) {
    let mut counts: Vec<(usize, &str)> = clusters
        .iter()
        .filter(|c| c.entity_type == EntityType::Gpe)
        .filter_map(|c| {
            c.actor
                .as_deref()
                .filter(|a| a.len() == 3)
                .map(|a| (c.mentions.len(), a))
        })
        .collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let leader = match counts.as_slice() {
        [(n, code), rest @ ..]
            if *n >= DOMINANT_MENTIONS && rest.first().is_none_or(|(m, _)| m < n) =>
        {
            (*code).to_owned()
        }
        _ => return,
    };
    for c in clusters.iter_mut() {
        let titled = c
            .role_code
            .as_deref()
            .is_some_and(|r| STATE_ROLES.contains(r));
        let kind_fits = matches!(c.entity_type, EntityType::Person | EntityType::Org);
        if kind_fits && c.actor.is_none() && c.country.is_none() && titled {
            c.actor = Some(format!(
                "{leader}{}",
                c.role_code.as_deref().unwrap_or_default()
            ));
            c.country = Some(leader.clone());
            c.actor_source = Some(ActorSource::Context);
        }
    }
}

/// Final entities, ids in order of first mention, mentions sorted.
pub fn finish(mut clusters: Vec<Cluster>) -> Vec<Entity> {
    for c in &mut clusters {
        c.mentions.sort();
        c.mentions.dedup();
    }
    clusters.sort_by_key(|c| c.mentions.first().map_or(usize::MAX, |s| s.start()));
    clusters
        .into_iter()
        .enumerate()
        .map(|(id, c)| Entity {
            id: id as u32,
            name: c.name,
            kind: c.entity_type,
            actor_source: c.actor_source.filter(|_| c.actor.is_some()),
            actor: c.actor,
            country: c.country,
            role: c.role,
            mentions: c.mentions,
            kb: c.kb,
            evidence: c.evidence,
        })
        .collect()
}

/// A definite title at word `i` ("the defense secretary", "the French leader") and the person it
/// refers to: the most recent one with that title, or with that nationality and some title.
fn title_reference(
    clusters: &[Cluster],
    tokens: &[dateline_core::Token],
    words: &[&str],
    i: usize,
    taken: &Taken,
    gazetteer: &Gazetteer,
) -> Option<(usize, Span)> {
    let nationality = gazetteer.longest_at(words, i + 1).and_then(|(len, ids)| {
        ids.iter()
            .map(|&id| gazetteer.entry(id))
            .find(|e| matches!(e.kind, EntryKind::Demonym | EntryKind::Country))
            .and_then(|e| e.country.clone())
            .map(|c| (len, c))
    });
    let skip = nationality.as_ref().map_or(0, |(len, _)| *len);
    let (len, ids) = gazetteer.longest_at(words, i + 1 + skip)?;
    let entry = ids
        .iter()
        .map(|&id| gazetteer.entry(id))
        .find(|e| e.kind == EntryKind::Title && e.person)?;
    let title_span = tokens[i + 1 + skip].span.cover(tokens[i + skip + len].span);
    // The nationality may already be a mention of its country; the title must be free.
    if taken.overlaps(title_span) {
        return None;
    }
    let span = tokens[i].span.cover(title_span);
    let title = entry.canonical.to_lowercase();
    let country = nationality.map(|(_, c)| c);
    recent_person(clusters, span.start(), |c| {
        let same_role = c.role.as_deref().is_some_and(|r| {
            let r = r.to_lowercase();
            r == title || r.ends_with(&format!(" {title}"))
        });
        // With a nationality, any titled person of that country fits "the … leader".
        let same_country = country.is_some() && c.country == country && c.role.is_some();
        same_role || same_country
    })
    .map(|c| (c, span))
}
