//! The annotation layers of schema `dateline/1`: entities, quotes, events and claims.
//!
//! Each refers to the text by [`Span`] and to other annotations by index; the JSON view
//! ([`crate::json`]) adds surface strings for readers.

use serde::{Deserialize, Serialize};

use crate::Span;

/// The lemma of a verb token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lemma {
    /// Index of the token in the document's token list.
    pub token: u32,
    /// Its lemma (`said` → `say`).
    pub lemma: String,
}

/// A token's syntactic head and relation (Universal Dependencies, relation without subtype).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dependency {
    /// Index of the head token in the document's token list; `None` for a sentence's root.
    pub head: Option<u32>,
    /// The relation to the head (`nsubj`, `obj`, `obl`, `root`).
    pub relation: std::borrow::Cow<'static, str>,
}

/// Entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// People.
    Person,
    /// Organisations.
    Org,
    /// Countries, cities, states: places with a government.
    Gpe,
    /// Places without a government.
    Loc,
    /// Nationalities, religious and political groups.
    Norp,
    /// Buildings, airports, bridges.
    Fac,
    /// Named events.
    Event,
    /// Laws and treaties.
    Law,
    /// Dates.
    Date,
}

/// A document-level entity: a cluster of mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Index in the document's entity list.
    pub id: u32,
    /// Canonical name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// CAMEO-style actor code.
    pub actor: Option<String>,
    /// ISO 3166 alpha-3 country.
    pub country: Option<String>,
    /// Title or office from the text.
    pub role: Option<String>,
    /// Where it is mentioned.
    pub mentions: Vec<Span>,
    /// Knowledge-base id (Wikidata `Q…`) when the actor knowledge base knows the entity.
    #[serde(default)]
    pub kb: Option<String>,
    /// Where the actor code came from.
    #[serde(default)]
    pub actor_source: Option<ActorSource>,
    /// Why an ambiguous name was read the way it was ("Tripoli: LBY, the most populous
    /// candidate; …"); `None` when nothing needed explaining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// Where an entity's actor code came from (`entities[].actor_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorSource {
    /// A title or nationality next to the name ("Russian President …").
    Title,
    /// A dated role in the actor knowledge base, valid on the article's date.
    Kb,
    /// A gazetteer entry (country, capital, institution, organisation).
    Gazetteer,
    /// A group or role noun with its country ("Israeli police").
    Agent,
    /// The story's context (the country it is mostly about).
    Context,
}

/// Kinds of quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole quoted statement.
    Direct,
    /// Quoted words inside a reported sentence.
    Partial,
    /// Reported speech.
    Indirect,
}

/// How a quote's speaker is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    /// An entity, by name or through a pronoun or title that refers to it.
    Named,
    /// An unnamed source whose identity is withheld: an official, a diplomat, people familiar
    /// with the matter, someone speaking on condition of anonymity.
    Anonymous,
    /// Any other unnamed speaker, kept as its description (`critics`, `the report`).
    Descriptive,
}

/// A quote or attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The content, without quote marks.
    pub span: Span,
    /// The speaking entity.
    pub speaker: Option<u32>,
    /// The mention that names the speaker.
    pub speaker_mention: Option<Span>,
    /// A description of an unnamed speaker (`two U.S. officials`).
    pub speaker_description: Option<String>,
    /// How the speaker is given, when there is one.
    #[serde(default)]
    pub speaker_type: Option<SpeakerType>,
    /// Entities speaking together with `speaker` (`Laos and Cambodia said`), in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_speakers: Vec<u32>,
    /// The reporting verb or phrase.
    pub cue: Option<Span>,
}

/// An actor taking part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// The entity, when it is one.
    pub entity: Option<u32>,
    /// Its actor code.
    pub actor: Option<String>,
    /// Where the text names it.
    pub span: Option<Span>,
}

/// Prefixes of international actor codes (CAMEO): organisations, NGOs, multinationals
/// (`resources/actors/international-prefixes.txt`).
static INTERNATIONAL: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../resources/actors/international-prefixes.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Whether an actor code is international (`IGOUNO`, `NGOHRIAMN`).
#[must_use]
pub fn is_international(code: &str) -> bool {
    INTERNATIONAL.iter().any(|p| code.starts_with(p))
}

/// The state (or, for international codes, the organisation) an actor code belongs to: its
/// first three letters (`USAGOV` → `USA`), its first six for international codes (`IGOUNOIAE`
/// → `IGOUNO`); shorter codes whole.
#[must_use]
pub fn actor_state(code: &str) -> &str {
    let n = if is_international(code) { 6 } else { 3 };
    code.get(..n).unwrap_or(code)
}

/// A PLOVER type and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// One of the 16 PLOVER event types.
    #[serde(rename = "type")]
    pub kind: String,
    /// The PLOVER mode, if one applies.
    pub mode: Option<String>,
    /// PLOVER contexts (`military`, `diplomatic`), from the CAMEO → PLOVER table.
    #[serde(default)]
    pub context: Vec<String>,
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Name as resolved.
    pub name: String,
    /// ISO3 country.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// Whether and how an event is said to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated by the article.
    Asserted,
    /// Attributed to a speaker.
    Reported,
    /// Could, may, would.
    Hypothetical,
    /// Under an "if".
    Conditional,
    /// Planned or intended.
    Intended,
    /// Denied or not done.
    Negated,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The acting actor.
    pub source: Option<Participant>,
    /// The actor acted upon.
    pub target: Option<Participant>,
    /// Specific CAMEO code (`072`).
    pub cameo: String,
    /// Two-digit CAMEO root.
    pub cameo_root: String,
    /// Goldstein scale value of the code.
    pub goldstein: f32,
    /// GDELT `QuadClass` (1–4).
    pub quad_class: u8,
    /// PLOVER type and mode.
    pub plover: Option<Plover>,
    /// When it happened, to the day, month or year (`YYYY-MM-DD`, `YYYY-MM` or `YYYY` in JSON).
    pub date: Option<crate::DateValue>,
    /// Where it happened.
    pub place: Option<Place>,
    /// Modality.
    pub modality: Modality,
    /// Index of the evidence sentence.
    pub sentence: u32,
    /// Who reports the event, when it is coded from reported speech (modality `reported`).
    pub speaker: Option<u32>,
    /// The trigger word or phrase.
    pub trigger: Span,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
    /// The lexicon row and argument rules that coded it (`verb "attack" → 190 (triggers.tsv);
    /// source: subject; target: object or preposition`), so every event can be explained.
    #[serde(default)]
    pub rule: Option<String>,
}

/// The amount a claim states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ClaimValue {
    /// A number.
    Number(f64),
    /// A word when the text gives no number (`dozens`).
    Word(String),
}

/// A numeric claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The amount.
    pub value: ClaimValue,
    /// `exact`, `approximately`, `at least`, `more than`, `at most`, `up to`.
    pub qualifier: Option<String>,
    /// What is counted, as written.
    pub counts: Option<String>,
    /// Category: troops, casualties, money, …
    pub category: Option<String>,
    /// Who claims it: an entity.
    pub speaker: Option<u32>,
    /// The words that name the claimant (`Austin`, `U.S. estimates`, `a military spokesman`),
    /// also when no entity resolves them.
    pub speaker_text: Option<Span>,
    /// The number phrase in the text.
    pub span: Span,
}
