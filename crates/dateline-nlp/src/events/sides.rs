//! "Both sides", "the two governments": a phrase that names the two parties an article is about
//! (`resources/events/pair-references.txt`), so that "the envoy urged both sides to agree" reaches
//! each of them.

use std::sync::LazyLock;

use dateline_core::Document;
use rustc_hash::FxHashMap;

use super::actors::ActorMention;

/// The phrases, each as its lowercase words.
static PHRASES: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    crate::data::rows(include_str!("../../resources/events/pair-references.txt"))
        .filter_map(|row| row.first().copied())
        .map(|phrase| phrase.split(' ').collect())
        .collect()
});

/// Roles of the side that fights or opposes a state from inside it.
fn is_opposing(code: &str) -> bool {
    matches!(code.get(3..6), Some("REB" | "OPP"))
}

/// One party: the mentions of one actor code, counted.
struct Party<'a> {
    code: &'a str,
    count: usize,
    /// The mention nearest before the phrase, else the first after it.
    mention: ActorMention,
}

/// For each pair phrase in `doc`, the mention the phrase stands for as its first party (at the
/// phrase's tokens, with the first party's actor) and, by the phrase's first token, the second.
/// `code` gives each mention's actor code; `sentence_start` the first token of the sentence
/// holding a token.
pub fn find<'a>(
    doc: &Document,
    mentions: &[ActorMention],
    code: impl Fn(u32) -> Option<&'a str>,
    sentence_start: impl Fn(usize) -> usize,
) -> Vec<(ActorMention, ActorMention)> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    for i in 0..n {
        let Some(words) = PHRASES.iter().find(|words| {
            i + words.len() <= n
                && words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| doc.view().lower(i + j) == *w)
        }) else {
            continue;
        };
        let end = i + words.len();
        if mentions.iter().any(|m| m.start < end && i < m.end) {
            continue;
        }
        // The clause before the phrase names who speaks to the parties, not a party; an
        // international body (the envoy's U.N., an aid agency) mediates or helps, and is no side.
        let lo = sentence_start(i);
        let counted = mentions
            .iter()
            .filter(|m| !(m.start >= lo && m.start < end))
            .filter_map(|m| code(m.entity).map(|c| (c, *m)))
            .filter(|(c, _)| !dateline_core::is_international(c));
        let Some((a, b)) = pair(counted, i) else {
            continue;
        };
        let (Some(first), Some(last)) = (doc.tokens.get(i), doc.tokens.get(end - 1)) else {
            continue;
        };
        let at = |m: ActorMention| ActorMention {
            start: i,
            end,
            span: first.span.cover(last.span),
            entity: m.entity,
        };
        out.push((at(a), at(b)));
    }
    out
}

/// The two parties among `counted` (actor code and mention) for a phrase at token `at`: the
/// government and the side opposing it when the most named state has both, and is named more
/// than twice as often as any other or its rebels as often as the other state; else the two
/// most named states or bodies.
fn pair<'a>(
    counted: impl Iterator<Item = (&'a str, ActorMention)>,
    at: usize,
) -> Option<(ActorMention, ActorMention)> {
    let mut parties: FxHashMap<&'a str, Party<'a>> = FxHashMap::default();
    for (code, m) in counted {
        let p = parties.entry(code).or_insert(Party {
            code,
            count: 0,
            mention: m,
        });
        p.count += 1;
        let nearer = if m.start < at {
            p.mention.start >= at || m.start > p.mention.start
        } else {
            p.mention.start >= at && m.start < p.mention.start
        };
        if nearer {
            p.mention = m;
        }
    }
    let mut parties: Vec<Party<'a>> = parties.into_values().collect();
    parties.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then(x.mention.start.cmp(&y.mention.start))
    });
    let state = |c: &str| c.get(..3).map(str::to_owned).unwrap_or_default();
    let mut states: Vec<(String, usize)> = Vec::new();
    for p in &parties {
        let key = if p.code.starts_with("IGO") || p.code.starts_with("NGO") {
            p.code.to_owned()
        } else {
            state(p.code)
        };
        match states.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += p.count,
            None => states.push((key, p.count)),
        }
    }
    states.sort_by_key(|s| std::cmp::Reverse(s.1));
    let top = &states.first()?.0;
    // "government and Houthi delegations … both sides": a state and its rebels.
    let inside: Vec<&Party<'a>> = parties.iter().filter(|p| state(p.code) == *top).collect();
    let rebel = inside.iter().find(|p| is_opposing(p.code));
    let government = inside.iter().find(|p| !is_opposing(p.code));
    // Only when the article is mostly about that state, or the rebels are named as often as
    // the other state is: a rebel group named in passing in a dispute between two states is no
    // side of it.
    let (top_count, runner_up) = (states[0].1, states.get(1).map_or(0, |s| s.1));
    let other_state_best = states.get(1).map_or(0, |(key, _)| {
        parties
            .iter()
            .filter(|p| p.code == key || state(p.code) == *key)
            .map(|p| p.count)
            .max()
            .unwrap_or(0)
    });
    if let (Some(g), Some(r)) = (government, rebel) {
        if 2 * runner_up < top_count || r.count >= other_state_best {
            return Some((g.mention, r.mention));
        }
    }
    let second = &states.get(1)?.0;
    let best = |key: &str| {
        parties
            .iter()
            .find(|p| p.code == key || (state(p.code) == key && !p.code.starts_with("IGO")))
            .map(|p| p.mention)
    };
    Some((best(top)?, best(second)?))
}
