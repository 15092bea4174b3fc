//! A person's body or country from the apposition that describes them ("Ahmed Noor, a senior
//! aide to Somalia's president"; "a spokesman for the African Union Commission, Tesfaye Alemu";
//! "WFP's Yemen director, Corinne Aubert"): the parse joins the name to a noun of affiliation
//! (`resources/lexicon/affiliation-nouns.tsv`), and the first body or country named below that
//! noun gives the person's actor code.

use std::sync::LazyLock;

use dateline_core::{ActorSource, Document, EntityType};
use rustc_hash::FxHashMap;

use super::mentions::Mention;

/// An affiliation noun's row.
#[derive(Debug, Clone, Copy)]
struct Noun {
    /// The role code a country gives with it.
    role: Option<&'static str>,
    /// A post abroad: a country after the noun is the destination.
    posted: bool,
}

/// Affiliation nouns.
static NOUNS: LazyLock<FxHashMap<&'static str, Noun>> = LazyLock::new(|| {
    crate::data::rows(include_str!(
        "../../resources/lexicon/affiliation-nouns.tsv"
    ))
    .filter_map(|row| {
        let noun = Noun {
            role: row.get(1).filter(|r| **r != "-").copied(),
            posted: row.get(2) == Some(&"posted"),
        };
        Some((*row.first()?, noun))
    })
    .collect()
});

/// How deep below the affiliation noun a body or country is looked for ("aide *to* Somalia's
/// president": two steps).
const DEPTH: usize = 3;

/// The person mentions of one sentence, and where it starts in the document.
struct Sentence<'a> {
    doc: &'a Document,
    /// The sentence's first token.
    first: usize,
    mentions: &'a [Mention],
}

/// A body's or country's actor code, and the role a country gives with the noun.
type Found = (String, Option<&'static str>);

/// Gives each person mention of the sentence starting at token `first` that has no actor code
/// the code of the body or country its apposition names.
pub fn annotate(doc: &Document, first: usize, mentions: &mut [Mention]) {
    for p in 0..mentions.len() {
        if mentions[p].entity_type != EntityType::Person || mentions[p].actor.is_some() {
            continue;
        }
        let sentence = Sentence {
            doc,
            first,
            mentions,
        };
        let Some((code, role)) = sentence.parsed(p).or_else(|| sentence.set_off(p)) else {
            continue;
        };
        let m = &mut mentions[p];
        m.actor = Some(match role {
            Some(role) if code.len() == 3 => format!("{code}{role}"),
            _ => code,
        });
        m.actor_source = Some(ActorSource::Title);
    }
}

impl Sentence<'_> {
    /// The actor code named below the affiliation noun in apposition to mention `p` by the parse,
    /// and the role that noun gives with a country.
    fn parsed(&self, p: usize) -> Option<Found> {
        let (doc, first, mentions) = (self.doc, self.first, self.mentions);
        let view = doc.view();
        let (lo, hi) = (first + mentions[p].first, first + mentions[p].end);
        let own = lo..hi;
        // The name's head: its token whose head lies outside it.
        let head = own
            .clone()
            .find(|&k| view.head(k).is_none_or(|h| !own.contains(&h)))?;
        let sentence = view.sentence(head).and_then(|s| doc.sentences.get(s))?;
        let range = sentence.first_token as usize..sentence.end_token as usize;
        let mut nouns: Vec<usize> = view
            .dependents(head, range.clone())
            .filter(|&k| view.relation(k) == Some("appos"))
            .collect();
        if view.relation(head) == Some("appos") {
            nouns.extend(view.head(head));
        }
        nouns.into_iter().find_map(|noun| {
            let row = *NOUNS.get(view.lower(noun))?;
            let mut frontier = vec![noun];
            for _ in 0..DEPTH {
                let below: Vec<usize> = frontier
                    .iter()
                    .flat_map(|&k| view.dependents(k, range.clone()))
                    .filter(|k| !own.contains(k))
                    .collect();
                let mut found: Vec<&Mention> = below
                    .iter()
                    .filter_map(|&k| mention_at(mentions, p, k.checked_sub(first)?))
                    .filter(|m| !(row.posted && is_place(m) && first + m.first > noun))
                    .collect();
                found.sort_by_key(|m| m.first);
                if let Some(code) = found.iter().find_map(|m| actor_of(m)) {
                    return Some((code, row.role));
                }
                frontier = below;
            }
            None
        })
    }

    /// Apposition words around a name set off by commas, when the parse missed the apposition:
    /// after it up to the next comma, or before it from the last comma. The first noun must be a
    /// noun of affiliation ("a critic of the president" is none).
    fn set_off(&self, p: usize) -> Option<Found> {
        let (doc, first, mentions) = (self.doc, self.first, self.mentions);
        let view = doc.view();
        let m = &mentions[p];
        let sentence = doc.sentences.get(m.sentence)?;
        let len = sentence.end_token as usize - first;
        let comma = |k: usize| view.lower(first + k) == ",";
        let after = (m.end < len && comma(m.end)).then(|| {
            let end = (m.end + 1..len.min(m.end + 14))
                .find(|&k| comma(k))
                .unwrap_or(len);
            (m.end + 1, end)
        });
        let before = (m.first > 0 && comma(m.first - 1)).then(|| {
            let start = (m.first.saturating_sub(14)..m.first - 1)
                .rev()
                .find(|&k| comma(k))
                .map_or(m.first.saturating_sub(14), |k| k + 1);
            (start, m.first - 1)
        });
        [after, before].into_iter().flatten().find_map(|(lo, hi)| {
            let noun = (lo..hi).find(|&k| {
                view.pos(first + k)
                    .is_some_and(|t| matches!(t, dateline_core::Pos::NN | dateline_core::Pos::NNS))
            })?;
            let row = *NOUNS.get(view.lower(first + noun))?;
            let named = |k: usize| mention_at(mentions, p, k);
            // Before the noun, its owner: a body first ("WFP's Yemen director", "the U.N. special
            // envoy"), else the first place; after it, what it works for.
            let before: Vec<&Mention> = (lo..noun).filter_map(named).collect();
            let owner = before
                .iter()
                .find(|o| o.entity_type == EntityType::Org)
                .or_else(|| before.first())
                .and_then(|o| actor_of(o));
            let code = owner.or_else(|| {
                (noun + 1..hi)
                    .filter_map(named)
                    .filter(|o| !(row.posted && is_place(o)))
                    .find_map(actor_of)
            })?;
            Some((code, row.role))
        })
    }
}

fn is_place(m: &Mention) -> bool {
    matches!(m.entity_type, EntityType::Gpe | EntityType::Norp)
}

/// The mention covering sentence token `k`, other than mention `own`.
fn mention_at(mentions: &[Mention], own: usize, k: usize) -> Option<&Mention> {
    mentions
        .iter()
        .enumerate()
        .find(|(i, m)| *i != own && (m.first..m.end).contains(&k))
        .map(|(_, m)| m)
}

/// The code a body or country mention gives: a body's own code, a place's country.
fn actor_of(m: &Mention) -> Option<String> {
    match m.entity_type {
        EntityType::Org => m.actor.clone(),
        EntityType::Gpe | EntityType::Norp => m
            .actor
            .as_deref()
            .or(m.country.as_deref())
            .and_then(|c| c.get(..3))
            .map(str::to_owned),
        _ => None,
    }
}
