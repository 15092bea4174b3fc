//! The actor mentions of a document, indexed by token: every mention of an entity that has an
//! actor code or a country, with the preposition that governs it.

use dateline_core::{Document, EntityType, Pos, Span};
use rustc_hash::FxHashMap;

use super::lexicon::AgentNoun;

/// A mention of an actor that can take part in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorMention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The actor: an entity id below the number of entities, else an agent ([`Actors::code`]).
    pub entity: u32,
    /// Where the text names it.
    pub span: Span,
}

/// Actor mentions by token: the document's entities with an actor code or country, and agent
/// nouns ("the army", "government troops") with the country they belong to.
#[derive(Debug, Default)]
pub struct Actors {
    mentions: Vec<ActorMention>,
    /// For each token, the index of the mention covering it.
    at: Vec<Option<u32>>,
    /// Number of document entities; actor ids from here on are agents.
    entities: u32,
    /// Codes of agents (`EGYMIL`), by actor id minus `entities`.
    agents: Vec<String>,
    /// The country of people the entity layer gives none: the state the article is about.
    person_country: Option<String>,
    /// The second party of each pair phrase ("both sides"), by the phrase's first token; the
    /// mention at the phrase stands for the first ([`super::sides`]).
    second_sides: FxHashMap<usize, ActorMention>,
}

/// The actor code of entity `id`: its actor, else its country.
pub fn actor_code(doc: &Document, id: u32) -> Option<&str> {
    let e = doc.entities.get(id as usize)?;
    e.actor.as_deref().or(e.country.as_deref())
}

/// The countries of the article's places and nationalities with their mention counts, most
/// mentioned first (ties by code).
pub fn article_countries(doc: &Document) -> Vec<(&str, usize)> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for e in doc
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Norp))
    {
        if let Some(c) = e.country.as_deref().filter(|c| c.len() == 3) {
            *counts.entry(c).or_default() += e.mentions.len();
        }
    }
    let mut countries: Vec<(&str, usize)> = counts.into_iter().collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    countries
}

/// The state the article is mostly about: the country of the most mentioned places and
/// nationalities, when it is mentioned at least one and a half times as often as any other (or is
/// the only one).
fn main_country(doc: &Document) -> Option<&str> {
    let counts = article_countries(doc);
    let first = counts.first()?;
    let second = counts.get(1).map_or(0, |c| c.1);
    (2 * first.1 >= 3 * second).then_some(first.0)
}

impl Actors {
    /// Indexes the mentions of `doc`'s entities that have an actor code or country, and the
    /// agent nouns of `agents` (lowercase noun → role code).
    pub fn new(
        doc: &Document,
        agents: &FxHashMap<String, AgentNoun>,
        org_references: &[String],
    ) -> Actors {
        let fallback = main_country(doc).map(str::to_owned);
        let mut mentions: Vec<ActorMention> = doc
            .entities
            .iter()
            .filter(|e| {
                actor_code(doc, e.id).is_some()
                    || (e.kind == EntityType::Person && fallback.is_some())
            })
            .flat_map(|e| e.mentions.iter().map(move |&span| (e.id, span)))
            .filter_map(|(entity, span)| {
                let range = doc.token_range(span);
                (!range.is_empty()).then_some(ActorMention {
                    start: range.start,
                    end: range.end,
                    entity,
                    span,
                })
            })
            .collect();
        let mut actors = Actors {
            entities: doc.entities.len() as u32,
            person_country: fallback,
            ..Actors::default()
        };
        actors.add_agents(doc, agents, &mut mentions);
        add_org_references(doc, org_references, &mut mentions);
        let sentence_start = |i: usize| {
            let k = doc.sentences.partition_point(|s| s.token_range().end <= i);
            doc.sentences.get(k).map_or(0, |s| s.token_range().start)
        };
        let sides = super::sides::find(doc, &mentions, |id| actors.code(doc, id), sentence_start);
        for (first, second) in sides {
            actors.second_sides.insert(first.start, second);
            mentions.push(first);
        }
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        // "Israeli police" (ISRCOP) wins over the "Israeli" (ISR) inside it.
        let mut reach = 0;
        mentions.retain(|m| {
            let inside = m.end <= reach;
            reach = reach.max(m.end);
            !inside
        });
        let mut at = vec![None; doc.tokens.len()];
        for (i, m) in mentions.iter().enumerate() {
            for slot in at.get_mut(m.start..m.end).into_iter().flatten() {
                slot.get_or_insert(i as u32);
            }
        }
        actors.mentions = mentions;
        actors.at = at;
        actors
    }

    /// Adds a mention for each agent noun outside entity mentions; a state mention right
    /// before it ("Egyptian army") is absorbed into it and gives its country.
    fn add_agents(
        &mut self,
        doc: &Document,
        agents: &FxHashMap<String, AgentNoun>,
        mentions: &mut Vec<ActorMention>,
    ) {
        let fallback = main_country(doc);
        let mut covered = vec![false; doc.tokens.len()];
        for m in mentions.iter() {
            covered
                .get_mut(m.start..m.end)
                .into_iter()
                .flatten()
                .for_each(|c| *c = true);
        }
        let Anchors {
            states: mut states_ending_at,
            places: places_starting_at,
            people: people_ending_at,
            groups: groups_ending_at,
        } = Anchors::new(doc, mentions);
        let mut absorbed = Vec::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            // "the military", tagged as an adjective when it heads its phrase.
            let head_adjective = t.pos == Some(Pos::JJ)
                && !matches!(
                    doc.view().pos(i + 1),
                    Some(Pos::NN | Pos::NNS | Pos::JJ | Pos::NNP)
                );
            if covered[i] || !(matches!(t.pos, Some(Pos::NN | Pos::NNS)) || head_adjective) {
                continue;
            }
            let Some(noun) = agents.get(doc.view().lower(i)) else {
                continue;
            };
            // "Hezbollah guerrillas", "Taliban fighters": the group's own members.
            if let Some(&o) = groups_ending_at.get(&i) {
                covered[i] = extend(doc, &mut mentions[o], i);
                continue;
            }
            // "the Egyptian army", "Syrian government troops", "Syria's rebels".
            let mut k = i;
            while k > 0
                && k + 2 > i
                && !covered[k - 1]
                && matches!(doc.view().pos(k - 1), Some(Pos::NN | Pos::JJ))
            {
                k -= 1;
            }
            let possessor = k.checked_sub(1).filter(|&e| is_possessive(doc, e));
            let owner = owning_state(doc, &states_ending_at, i, k, possessor);
            let person = owner
                .is_none()
                .then(|| possessor.and_then(|e| people_ending_at.get(&e)))
                .flatten()
                .and_then(|&o| {
                    country_code(doc, mentions[o].entity).map(|c| (c, mentions[o].start))
                });
            // "police in Lagos", "rebels in Syria": the place after the noun gives the country.
            // The mention then covers the place too ("officials from Peru"), so that a list goes
            // on after it ("… from Peru and Bolivia").
            let located = matches!(doc.view().lower(i + 1), "in" | "from" | "of")
                .then(|| places_starting_at.get(&(i + 2)))
                .flatten()
                .and_then(|&o| Some((country_code(doc, mentions[o].entity)?, mentions[o].end)));
            let mut end = i + 1;
            let (country, start) = match (owner, person, located) {
                (Some(o), _, _) => {
                    let m = mentions[o];
                    states_ending_at.remove(&m.end);
                    absorbed.push(o);
                    (actor_code(doc, m.entity).map(str::to_owned), m.start)
                }
                (None, Some((country, start)), _) => (Some(country.to_owned()), start),
                (None, None, Some((country, place_end))) => {
                    end = place_end;
                    (Some(country.to_owned()), k)
                }
                // One person ("the envoy") is no actor without a country in the text.
                (None, None, None) => (fallback.filter(|_| !noun.person).map(str::to_owned), k),
            };
            let Some(country) = country else { continue };
            // "renegade soldiers", "opposition fighters": the side, not the service.
            let role = (k..i)
                .filter_map(|j| agents.get(doc.view().lower(j)))
                .map(|a| &a.role)
                .find(|r| matches!(r.as_str(), "REB" | "OPP"))
                .unwrap_or(&noun.role);
            // "French and German students": each nationality is its own group of students.
            let mut first = start;
            while let Some(&o) = first
                .checked_sub(1)
                .filter(|&j| matches!(doc.view().lower(j), "and" | "or" | ","))
                .and_then(|j| states_ending_at.get(&j))
            {
                let m = mentions[o];
                states_ending_at.remove(&m.end);
                absorbed.push(o);
                if let Some(other) = actor_code(doc, m.entity) {
                    let code = format!("{other}{role}");
                    self.push_agent(doc, code, m.start, m.end, mentions);
                }
                first = m.start;
            }
            let code = format!("{country}{role}");
            self.push_agent(doc, code, start, end, mentions);
        }
        absorbed.sort_unstable_by(|a, b| b.cmp(a));
        for o in absorbed {
            mentions.remove(o);
        }
        self.held_places(doc, agents, mentions);
    }

    /// Adds agent `code` as a mention of tokens `[start, end)`.
    fn push_agent(
        &mut self,
        doc: &Document,
        code: String,
        start: usize,
        end: usize,
        mentions: &mut Vec<ActorMention>,
    ) {
        let id = if let Some(p) = self.agents.iter().position(|a| *a == code) {
            p
        } else {
            self.agents.push(code);
            self.agents.len() - 1
        };
        let (Some(first), Some(last)) = (
            doc.tokens.get(start),
            end.checked_sub(1).and_then(|e| doc.tokens.get(e)),
        ) else {
            return;
        };
        mentions.push(ActorMention {
            start,
            end,
            entity: self.entities + id as u32,
            span: first.span.cover(last.span),
        });
    }

    /// "rebel-held Maaret al-Numan": a place held by a side stands for that side of its country.
    fn held_places(
        &mut self,
        doc: &Document,
        agents: &FxHashMap<String, AgentNoun>,
        mentions: &mut Vec<ActorMention>,
    ) {
        let mut k = 0;
        while k < mentions.len() {
            let m = mentions[k];
            let held = m
                .start
                .checked_sub(1)
                .and_then(|j| agents.get(doc.view().lower(j)))
                .map(|a| &a.role)
                .filter(|r| {
                    doc.view().lower(m.start - 1).contains('-')
                        && matches!(r.as_str(), "REB" | "OPP")
                });
            let country = actor_code(doc, m.entity)
                .and_then(|c| c.get(..3))
                .map(str::to_owned);
            match (held, country, actors_entity_kind(doc, m.entity)) {
                (Some(role), Some(country), Some(EntityType::Gpe | EntityType::Loc)) => {
                    let code = format!("{country}{role}");
                    mentions.remove(k);
                    self.push_agent(doc, code, m.start - 1, m.end, mentions);
                }
                _ => k += 1,
            }
        }
    }

    /// The actor code of actor `id`: an entity's actor code or country, or an agent's code.
    pub fn code<'a>(&'a self, doc: &'a Document, id: u32) -> Option<&'a str> {
        match id.checked_sub(self.entities) {
            Some(agent) => self.agents.get(agent as usize).map(String::as_str),
            None => actor_code(doc, id).or_else(|| {
                let person = doc.entities.get(id as usize)?.kind == EntityType::Person;
                person.then_some(self.person_country.as_deref()).flatten()
            }),
        }
    }

    /// The second party a pair phrase ("both sides") at mention `m` stands for, if it is one.
    pub fn other_side(&self, m: &ActorMention) -> Option<ActorMention> {
        self.second_sides
            .get(&m.start)
            .copied()
            .filter(|s| s.end == m.end)
    }

    /// The entity id of actor `id`, if it is an entity.
    pub fn entity(&self, id: u32) -> Option<u32> {
        (id < self.entities).then_some(id)
    }

    /// The mention covering token `i`.
    pub fn at(&self, i: usize) -> Option<&ActorMention> {
        let k = (*self.at.get(i)?)?;
        self.mentions.get(k as usize)
    }

    /// Mentions that end at or before token `i` and start at or after `lo`, nearest first.
    pub fn left_of(&self, i: usize, lo: usize) -> impl Iterator<Item = &ActorMention> {
        let n = self.mentions.partition_point(|m| m.start < i);
        // Sorted by start: walking back, the first mention before `lo` ends the search.
        self.mentions[..n]
            .iter()
            .rev()
            .take_while(move |m| m.start >= lo)
            .filter(move |m| m.end <= i)
    }

    /// Mentions that start at or after token `i` and end at or before `hi`, nearest first.
    pub fn right_of(&self, i: usize, hi: usize) -> impl Iterator<Item = &ActorMention> {
        let n = self.mentions.partition_point(|m| m.start < i);
        self.mentions[n..]
            .iter()
            .take_while(move |m| m.start < hi)
            .filter(move |m| m.end <= hi)
    }
}

/// The state mention that owns the agent noun at token `i` whose modifiers start at `k`: one
/// ending right before them ("the Egyptian army"), a possessive (`possessor`: "Syria's rebels"),
/// or a possessive further off by the parse ("Yemen's internationally recognised government").
fn owning_state(
    doc: &Document,
    states_ending_at: &FxHashMap<usize, usize>,
    i: usize,
    k: usize,
    possessor: Option<usize>,
) -> Option<usize> {
    let parsed_possessor = || {
        let view = doc.view();
        view.dependents(i, i.saturating_sub(8)..i)
            .filter(|&d| view.relation(d) == Some("nmod") && is_possessive(doc, d + 1))
            .find_map(|d| states_ending_at.get(&(d + 1)))
    };
    states_ending_at
        .get(&k)
        .or_else(|| possessor.and_then(|e| states_ending_at.get(&e)))
        .or_else(parsed_possessor)
        .copied()
}

/// How far back, in tokens, "the group" looks for the organisation it names.
const ORG_REACH: usize = 100;

/// Adds "the group", "the movement" … as mentions of the organisation last named before them.
fn add_org_references(doc: &Document, nouns: &[String], mentions: &mut Vec<ActorMention>) {
    let mut found = Vec::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        if !matches!(t.pos, Some(Pos::NN)) || i == 0 || doc.view().lower(i - 1) != "the" {
            continue;
        }
        if !nouns.iter().any(|n| *n == doc.view().lower(i))
            || mentions.iter().any(|m| m.start <= i && i < m.end)
        {
            continue;
        }
        let org = mentions
            .iter()
            .filter(|m| m.end <= i && m.end + ORG_REACH > i)
            .filter(|m| actors_entity_kind(doc, m.entity) == Some(EntityType::Org))
            .max_by_key(|m| m.end);
        if let (Some(org), Some(first)) = (org, doc.tokens.get(i - 1)) {
            found.push(ActorMention {
                start: i - 1,
                end: i + 1,
                entity: org.entity,
                span: first.span.cover(t.span),
            });
        }
    }
    mentions.extend(found);
}

/// Extends mention `m` over token `i` (the noun after it); whether it did.
fn extend(doc: &Document, m: &mut ActorMention, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return false;
    };
    m.span = m.span.cover(t.span);
    m.end = i + 1;
    true
}

/// Mentions that can give an agent noun its country, indexed by token (found by key, not by a
/// scan of every mention: a document may hold hundreds of thousands).
struct Anchors {
    /// States by the token they end on: "the Egyptian army", "Syria's rebels".
    states: FxHashMap<usize, usize>,
    /// Places by the token they start on: "police in Lagos".
    places: FxHashMap<usize, usize>,
    /// People with a country by the token they end on: "Kadhafi's forces".
    people: FxHashMap<usize, usize>,
    /// Organisations with an actor code by the token they end on: "Hezbollah guerrillas".
    groups: FxHashMap<usize, usize>,
}

impl Anchors {
    fn new(doc: &Document, mentions: &[ActorMention]) -> Anchors {
        let mut anchors = Anchors {
            states: FxHashMap::default(),
            places: FxHashMap::default(),
            people: FxHashMap::default(),
            groups: FxHashMap::default(),
        };
        for (o, m) in mentions.iter().enumerate().rev() {
            if actor_code(doc, m.entity).is_some_and(|c| c.len() == 3) {
                anchors.states.insert(m.end, o);
            }
            match actors_entity_kind(doc, m.entity) {
                Some(EntityType::Gpe) => {
                    anchors.places.insert(m.start, o);
                }
                Some(EntityType::Person) if country_code(doc, m.entity).is_some() => {
                    anchors.people.insert(m.end, o);
                }
                Some(EntityType::Org) if actor_code(doc, m.entity).is_some() => {
                    anchors.groups.insert(m.end, o);
                }
                _ => {}
            }
        }
        anchors
    }
}

/// The country of document entity `id`: its country, else the country of its actor code.
fn country_code(doc: &Document, id: u32) -> Option<&str> {
    let e = doc.entities.get(id as usize)?;
    e.country
        .as_deref()
        .or_else(|| e.actor.as_deref().and_then(|a| a.get(..3)))
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
}

/// The type of document entity `id`, if it is one.
fn actors_entity_kind(doc: &Document, id: u32) -> Option<EntityType> {
    doc.entities.get(id as usize).map(|e| e.kind)
}

/// Whether token `i` may stand between a preposition and its noun (`to eastern Russia`, `with
/// his South Korean counterpart`).
fn is_modifier(doc: &Document, i: usize) -> bool {
    matches!(
        doc.view().pos(i),
        Some(Pos::DT | Pos::PRPS | Pos::JJ | Pos::JJR | Pos::JJS | Pos::CD | Pos::PDT)
    )
}

/// Whether the preposition at token `i` opens a number's modifier rather than a phrase: "up to
/// 16", "at least 20", "at most 5".
fn opens_quantity(doc: &Document, i: usize) -> bool {
    let view = doc.view();
    let number = |k: usize| view.pos(k) == Some(Pos::CD);
    (number(i + 1) && i.checked_sub(1).is_some_and(|p| view.lower(p) == "up"))
        || (view.pos(i + 1) == Some(Pos::JJS) && number(i + 2))
}

/// The preposition governing a mention that starts at token `start`, looking back over at most
/// three modifiers, if one does (`to`, `with`, `against`).
pub fn preposition_before(doc: &Document, start: usize, lo: usize) -> Option<String> {
    let mut i = start;
    for _ in 0..4 {
        if i <= lo {
            return None;
        }
        i -= 1;
        if doc.view().is_preposition(i) && !opens_quantity(doc, i) {
            return Some(doc.view().lower(i).to_owned());
        }
        if !is_modifier(doc, i) {
            return None;
        }
    }
    None
}

/// The preposition governing a mention, looking through one `of`/`from` phrase: in "met with
/// officials from Peru", Peru is governed by `with`. Returns the outer preposition when there is
/// one, else the inner.
pub fn governing_preposition(doc: &Document, start: usize, lo: usize) -> Option<String> {
    let inner = preposition_before(doc, start, lo)?;
    if !matches!(inner.as_str(), "of" | "from") {
        return Some(inner);
    }
    // The preposition's own token, then the noun before it.
    let noun = (lo..start)
        .rev()
        .find(|&k| doc.view().lower(k) == inner)
        .and_then(|p| p.checked_sub(1))
        .filter(|&k| k >= lo && matches!(doc.view().pos(k), Some(Pos::NN | Pos::NNS)));
    Some(
        noun.and_then(|k| preposition_before(doc, k, lo))
            .unwrap_or(inner),
    )
}

/// Whether the mention ending at token `end` is possessive (`North Korea's`, `Russia’s`).
pub fn is_possessive(doc: &Document, end: usize) -> bool {
    let last = doc.view().lower(end.saturating_sub(1));
    doc.view().is_possessive_marker(end) || last.ends_with("'s") || last.ends_with("’s")
}

/// Whether the mention at tokens `[start, end)` names the speaker's own side by adjective
/// (`North Korean forces`, `Israeli warplanes`): a demonym followed by a noun.
pub fn is_adjectival(doc: &Document, end: usize) -> bool {
    matches!(doc.view().pos(end), Some(Pos::NN | Pos::NNS | Pos::JJ))
}
