//! Who acts and who is acted on: the source and target actors of a trigger, from the entity
//! mentions around it.

use std::sync::LazyLock;

use dateline_core::{Document, Pos};
use rustc_hash::FxHashSet;

use super::actors::{
    governing_preposition, is_adjectival, is_possessive, preposition_before, ActorMention, Actors,
};
use super::function_words::{self, Class};
use super::lexicon::{EventLexicon, HomeReach, Trigger, TriggerPos};
use crate::geo::Geocoder;

/// How far left of a trigger, in tokens, its subject is looked for.
const SUBJECT_REACH: usize = 25;
/// How far back, in tokens, the antecedent of "it" or "they" is looked for.
const PRONOUN_REACH: usize = 60;
/// How far right of a trigger its target is looked for.
const TARGET_REACH: usize = 12;
/// How far right of a trigger a direct object may start.
const OBJECT_REACH: usize = 5;

/// The part of a sentence a trigger's arguments are looked for in.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// First token.
    pub lo: usize,
    /// One past the last token.
    pub hi: usize,
}

/// The trigger at tokens `[start, end)`.
#[derive(Debug, Clone, Copy)]
pub struct TokenSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// Sources and targets found for a trigger.
#[derive(Debug, Default)]
pub struct Arguments {
    /// The acting actors (several when coordinated: "He and Kim called on …").
    pub sources: Vec<ActorMention>,
    /// The actors acted on.
    pub targets: Vec<ActorMention>,
    /// Whether the sources act on each other ("Jordan and Britain agreed to hold exercises").
    pub mutual: bool,
    /// The argument rules that fired (`source: subject; target: object or preposition`).
    pub rule: String,
    /// How an event at home reaches its target ([`Trigger::targets_home_place`]).
    pub at_home: AtHome,
    /// Whether a noun trigger's possessive or adjective names the source ("Egypt's release",
    /// "Chadian riots"): the noun names that actor's act.
    pub possessive: bool,
}

/// How a protest or an arrest at home reaches its target: the source's own state, acted on all
/// the same.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum AtHome {
    /// Not so reached.
    #[default]
    No,
    /// The target is the place at home where it happened ("Kurds demonstrated in Kirkuk").
    Place,
    /// The target is each source's own state, which no mention names: a part of a state acting
    /// with no place given ("Kenyan teachers staged a sit-in": Kenya).
    OwnState,
}

fn is_be(w: &str) -> bool {
    function_words::is(Class::Be, w)
}

/// Whether the verb trigger at `i` is passive: a past participle after a form of "be".
fn is_passive(doc: &Document, i: usize, lo: usize) -> bool {
    doc.view().pos(i) == Some(Pos::VBN)
        && (i.saturating_sub(3).max(lo)..i).any(|k| is_be(doc.view().lower(k)))
}

/// Conjunctions tagged as prepositions that open a clause ("if Iran attacks", "said that Iran
/// attacked"): the noun after them is a subject, not a prepositional object.
fn is_subordinator(w: &str) -> bool {
    function_words::is(Class::Subordinator, w)
}

/// Words that end the reach of a subject search: a new clause starts after them.
fn is_boundary(w: &str) -> bool {
    function_words::is(Class::Boundary, w)
}

/// Mentions coordinated with `first` ("Britain, France and Russia", "He and Kim"), in the
/// direction given. A chain joined by commas only is an apposition or a list of asides ("his
/// counterpart, Kim Yong-hyun, Austin called …"), so a list must be closed by "and"/"or".
fn coordinated(
    doc: &Document,
    actors: &Actors,
    first: ActorMention,
    scope: Scope,
    rightward: bool,
) -> Vec<ActorMention> {
    let mut out = vec![first];
    let mut keep = 1;
    let mut edge = first;
    loop {
        let next = if rightward {
            actors.right_of(edge.end, scope.hi).next().copied()
        } else {
            actors.left_of(edge.start, scope.lo).next().copied()
        };
        let Some(next) = next else { break };
        let (gap_lo, gap_hi) = if rightward {
            (edge.end, next.start)
        } else {
            (next.end, edge.start)
        };
        let words: Vec<String> = (gap_lo..gap_hi)
            .map(|k| doc.view().lower(k).to_owned())
            .collect();
        // "the military and former opposition groups": adjectives may open the next phrase.
        let joined = !words.is_empty()
            && words.len() <= 3
            && words
                .iter()
                .any(|w| matches!(w.as_str(), "," | "and" | "or"))
            && (gap_lo..gap_hi).all(|k| {
                function_words::is(Class::Coordination, doc.view().lower(k))
                    || doc.view().pos(k) == Some(Pos::JJ)
            });
        // "he and North Korean leader Kim Jong Un": a demonym and title before a name belong
        // to it; the list goes on from the demonym.
        let modifier = !rightward
            && words.len() <= 2
            && (gap_lo..gap_hi).all(|k| matches!(doc.view().pos(k), Some(Pos::NN | Pos::JJ)));
        if modifier && !joined {
            edge = ActorMention {
                start: next.start,
                ..edge
            };
            continue;
        }
        if !joined || out.iter().any(|m| m.entity == next.entity) {
            break;
        }
        out.push(next);
        let and = words.iter().any(|w| w == "and" || w == "or");
        // Rightward a list ends at its last "and" ("Britain, France and Russia"); leftward it
        // starts with one ("Britain, France and Russia called").
        if and || (!rightward && keep > 1) {
            keep = out.len();
        }
        edge = next;
    }
    out.truncate(keep);
    // "both sides": the phrase stands for two parties.
    if let Some(second) = actors.other_side(&first) {
        if !out.iter().any(|m| m.entity == second.entity) {
            out.push(second);
        }
    }
    out
}

/// The subject of a trigger: the nearest actor to its left that no preposition governs.
fn subject(doc: &Document, actors: &Actors, start: usize, scope: Scope) -> Option<ActorMention> {
    let lo = scope.lo.max(start.saturating_sub(SUBJECT_REACH));
    let boundary = (lo..start)
        .rev()
        .find(|&k| is_boundary(doc.view().lower(k)));
    let lo = boundary.map_or(lo, |b| b + 1);
    // "called on North Korea to withdraw": an infinitive's subject is the actor just before it,
    // whatever governs that actor.
    let infinitive = start
        .checked_sub(1)
        .is_some_and(|k| doc.view().pos(k) == Some(Pos::TO))
        && doc.view().pos(start) == Some(Pos::VB);
    // "French troops battling insurgents", "supporters marching on …": a participle after a
    // noun phrase has that phrase as its subject, actor or not.
    if doc.view().pos(start) == Some(Pos::VBG) && start > lo {
        if let Some(m) = actors.left_of(start, lo).next().filter(|m| m.end == start) {
            return Some(*m);
        }
        if matches!(doc.view().pos(start - 1), Some(Pos::NN | Pos::NNS)) {
            return None;
        }
    }
    if infinitive {
        return actors
            .left_of(start, lo.max(start.saturating_sub(6)))
            .next()
            .copied();
    }
    actors
        .left_of(start, lo)
        .find(|m| {
            // "the foreign minister of Chile met …": an `of` phrase inside the subject is fine.
            let free = governing_preposition(doc, m.start, lo)
                .is_none_or(|p| matches!(p.as_str(), "of" | "from") || is_subordinator(&p));
            free && !is_object(doc, **m, lo)
                && (!is_possessive(doc, m.end) || m.end + 1 >= start || heads_subject(doc, m.end))
        })
        .copied()
        .or_else(|| pronoun_subject(doc, actors, start, lo))
}

/// How far from a verb, in tokens, its dependents are looked for: bounds the work per trigger so
/// that a 50,000-word "sentence" stays linear.
pub const PARSE_REACH: usize = 80;

/// The actor heading the subject of the verb at token `verb` by the parse: its `nsubj`, or the
/// subject it shares as a controlled infinitive or a coordinated verb ("agreed to ease", "met
/// and signed") — the governing verb's object when it has one ("urged *Iran* to free") —
/// within the scope, when an actor (an entity or an agent noun such as "the army")
/// stands at the subject's head.
fn parsed_subject(
    doc: &Document,
    actors: &Actors,
    verb: usize,
    scope: Scope,
) -> Option<ActorMention> {
    let view = doc.view();
    let within = |k: usize| k >= scope.lo && k < scope.hi;
    let mut v = verb;
    for _ in 0..3 {
        if let Some(k) = nsubj(doc, v, scope) {
            // A subject that names no actor leaves the choice to the window rules; a pronoun
            // may stand for the subject of the clause that governs its own.
            return phrase_actor(doc, actors, k, scope, &[]).or_else(|| {
                function_words::is(Class::Pronoun, view.lower(k))
                    .then(|| reporting_subject(doc, actors, v, scope))
                    .flatten()
            });
        }
        let head = view.head(v).filter(|&h| within(h))?;
        match view.relation(v)? {
            "xcomp" => {
                // "ordered the minister to call …": an object controls the infinitive.
                let near = head + 1..scope.hi.min(head + PARSE_REACH).min(v);
                if let Some(k) = view
                    .dependents(head, near)
                    .find(|&k| matches!(view.relation(k), Some("obj" | "iobj")))
                {
                    return phrase_actor(doc, actors, k, scope, &[]);
                }
                v = head;
            }
            "conj" => v = head,
            // "Russia issued a statement condemning Ukraine": the text's issuer acts.
            "acl" if issues(doc, head) => {
                if !matches!(view.relation(head), Some("obj" | "obl")) {
                    return None;
                }
                v = view.head(head).filter(|&h| within(h))?;
            }
            _ => return None,
        }
    }
    None
}

/// Nouns naming a text or speech its issuer acts through (`resources/events/issued-texts.txt`).
static ISSUED_TEXTS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::data::word_set(include_str!("../../resources/events/issued-texts.txt"))
});

/// Whether the noun at token `k` names a text or speech ("a statement", "a decree").
fn issues(doc: &Document, k: usize) -> bool {
    ISSUED_TEXTS.contains(doc.view().lower(k))
}

/// Whether the clause headed at token `clause` opens with "that" after token `from`.
fn marked_that(doc: &Document, clause: usize, from: usize) -> bool {
    let view = doc.view();
    view.dependents(clause, from..clause)
        .any(|c| view.relation(c) == Some("mark") && view.lower(c) == "that")
}

/// The subject of the verb whose complement clause holds token `v` ("Uzbekistan signalled that
/// *it* was willing to resume talks": Uzbekistan), when the parse names an actor there.
fn reporting_subject(
    doc: &Document,
    actors: &Actors,
    v: usize,
    scope: Scope,
) -> Option<ActorMention> {
    let view = doc.view();
    let within = |k: usize| k >= scope.lo && k < scope.hi;
    let mut at = v;
    for _ in 0..3 {
        let head = view.head(at).filter(|&h| within(h) && h != at)?;
        match view.relation(at)? {
            // A complement clause, or one the parse calls adverbial with its "that".
            r @ ("ccomp" | "advcl") if r == "ccomp" || marked_that(doc, at, head.min(at)) => {
                return phrase_actor(doc, actors, nsubj(doc, head, scope)?, scope, &[]);
            }
            "xcomp" | "conj" => at = head,
            _ => return None,
        }
    }
    None
}

/// The actor the parse names as the subject of the verb at token `verb` (its `nsubj` phrase),
/// for rules outside trigger coding.
pub fn subject_of(
    doc: &Document,
    actors: &Actors,
    verb: usize,
    scope: Scope,
) -> Option<ActorMention> {
    phrase_actor(doc, actors, nsubj(doc, verb, scope)?, scope, &[])
}

/// The `nsubj` of the verb at token `verb` by the parse; of several (a misparse), the noun
/// nearest the verb.
fn nsubj(doc: &Document, verb: usize, scope: Scope) -> Option<usize> {
    let view = doc.view();
    let near = scope.lo.max(verb.saturating_sub(PARSE_REACH))..scope.hi.min(verb + PARSE_REACH);
    view.dependents(verb, near)
        .filter(|&k| view.relation(k) == Some("nsubj"))
        .min_by_key(|&k| (view.pos(k) == Some(Pos::JJ), k.abs_diff(verb)))
}

/// Where the common-noun subject of the verb at token `verb` by the parse starts ("veteran
/// politicians", "the crowd"), when no actor is named in it.
fn unnamed_subject(doc: &Document, actors: &Actors, verb: usize, scope: Scope) -> Option<usize> {
    let view = doc.view();
    let near = |k: usize| scope.lo.max(k.saturating_sub(PARSE_REACH))..k;
    let k = view
        .dependents(verb, near(verb))
        .filter(|&k| view.relation(k) == Some("nsubj"))
        .find(|&k| {
            matches!(view.pos(k), Some(Pos::NN | Pos::NNS))
                && phrase_actor(doc, actors, k, scope, &[]).is_none()
        })?;
    Some(view.dependents(k, near(k)).next().unwrap_or(k))
}

/// Whether a mention is a verb's object ("told *Jia* during the meeting"): a verb right before
/// it and none right after it ("said *Israel* started" is a subject).
fn is_object(doc: &Document, m: ActorMention, lo: usize) -> bool {
    let mut k = m.start;
    let before = loop {
        let Some(prev) = k.checked_sub(1).filter(|&p| p >= lo) else {
            break None;
        };
        k = prev;
        match doc.view().pos(k) {
            Some(Pos::DT | Pos::JJ | Pos::PRPS | Pos::CD) => {}
            p => break p,
        }
    };
    let mut after = m.end;
    while matches!(doc.view().pos(after), Some(Pos::RB)) {
        after += 1;
    }
    before.is_some_and(Pos::is_verb)
        && !matches!(doc.view().pos(after), Some(p) if p.is_verb() || p == Pos::MD)
        && !is_possessive(doc, m.end)
}

/// The antecedent of "it" or "they" as the subject right before a trigger ("It called Jang
/// human scum"): the nearest earlier actor that is not a person and that no preposition
/// governs, within a few sentences.
fn pronoun_subject(
    doc: &Document,
    actors: &Actors,
    start: usize,
    lo: usize,
) -> Option<ActorMention> {
    let mut k = start;
    let pronoun = loop {
        k = k.checked_sub(1).filter(|&k| k >= lo)?;
        match doc.view().pos(k) {
            Some(Pos::RB | Pos::MD) => {}
            Some(p) if p.is_verb() => {}
            Some(Pos::PRP) if matches!(doc.view().lower(k), "it" | "they") => break k,
            _ => return None,
        }
    };
    actors
        .left_of(pronoun, pronoun.saturating_sub(PRONOUN_REACH))
        .filter(|m| {
            let person = actors
                .entity(m.entity)
                .and_then(|e| doc.entities.get(e as usize))
                .is_some_and(|e| e.kind == dateline_core::EntityType::Person);
            !person && governing_preposition(doc, m.start, m.start.saturating_sub(4)).is_none()
        })
        .find(|m| !is_possessive(doc, m.end))
        .copied()
}

/// The two actors of "between X and Y" right after a noun trigger.
fn between(
    doc: &Document,
    actors: &Actors,
    end: usize,
    scope: Scope,
) -> Option<(ActorMention, ActorMention)> {
    if doc.view().lower(end) != "between" {
        return None;
    }
    let mut right = actors.right_of(end + 1, scope.hi.min(end + 12));
    let a = *right.next()?;
    let b = *right.next()?;
    let joined = (a.end..b.start).any(|k| doc.view().lower(k) == "and") && a.entity != b.entity;
    (joined && a.start <= end + 3).then_some((a, b))
}

/// Whether the possessive ending at token `end` opens a subject noun phrase ("Ukraine's prime
/// minister said …"): one to three nouns or adjectives after it, then a verb.
fn heads_subject(doc: &Document, end: usize) -> bool {
    let mut k = end;
    if doc.view().is_possessive_marker(k) {
        k += 1;
    }
    let start = k;
    while k < start + 3
        && matches!(
            doc.view().pos(k),
            Some(Pos::NN | Pos::NNS | Pos::JJ | Pos::NNP)
        )
    {
        k += 1;
    }
    k > start
        && matches!(
            doc.view().pos(k),
            Some(Pos::VBD | Pos::VBZ | Pos::VBP | Pos::MD)
        )
}

/// Where the target of a trigger ending at token `end` is looked for up to: the trigger's reach,
/// or the first clause boundary before it.
fn target_stop(doc: &Document, end: usize, scope: Scope) -> usize {
    let hi = scope.hi.min(end + TARGET_REACH);
    (end..hi)
        .find(|&k| is_boundary(doc.view().lower(k)))
        .unwrap_or(hi)
}

/// The target of a trigger ending at token `end`: the first actor after it that the trigger's
/// object slot or one of its prepositions introduces, other than `source`.
fn target(
    doc: &Document,
    actors: &Actors,
    trigger: &Trigger,
    end: usize,
    scope: Scope,
    source: Option<u32>,
) -> Option<ActorMention> {
    actors
        .right_of(end, target_stop(doc, end, scope))
        .find(|m| {
            if Some(m.entity) == source {
                return false;
            }
            match governing_preposition(doc, m.start, end) {
                // "demanded that Hamas renounce …": the subject of the demanded act.
                Some(p) if p == "that" => trigger.object && m.start < end + OBJECT_REACH,
                Some(p) => trigger.preps.contains(&p),
                None => {
                    trigger.object
                        && m.start < end + OBJECT_REACH
                        && !(end..m.start).any(|k| doc.view().pos(k).is_some_and(Pos::is_verb))
                }
            }
        })
        .copied()
}

/// How deep inside a noun phrase its actor is looked for: the head's modifiers, and theirs
/// ("scores of *Liberian* refugees", "the deputy chief of *Israel's* militia ally").
const PHRASE_DEPTH: usize = 2;

/// The actor a noun phrase headed at token `head` names, as CAMEO coders read it: the head
/// itself, else the nearest possessive, adjective or compound modifier, the object of an `of`,
/// `by` or `with` modifier or of one of `preps` (the trigger's), or a conjunct ("two *Russian*
/// diplomats", "positions of the *Palestinian* security forces", "calls by *Belarus's* rulers",
/// "boycott all contact *with the United States*"), breadth first.
fn phrase_actor(
    doc: &Document,
    actors: &Actors,
    head: usize,
    scope: Scope,
    preps: &[String],
) -> Option<ActorMention> {
    phrase_actor_within(doc, actors, head, scope, preps, PHRASE_DEPTH)
}

/// [`phrase_actor`], looking at most `max_depth` modifiers deep. The agent of an act a noun
/// names is looked for first ("the killing of a migrant *by a Texas state trooper*").
fn phrase_actor_within(
    doc: &Document,
    actors: &Actors,
    head: usize,
    scope: Scope,
    preps: &[String],
    max_depth: usize,
) -> Option<ActorMention> {
    let view = doc.view();
    let near =
        |k: usize| scope.lo.max(k.saturating_sub(PARSE_REACH))..scope.hi.min(k + PARSE_REACH);
    let case = |d: usize| {
        view.dependents(d, near(d))
            .find(|&c| view.relation(c) == Some("case"))
    };
    if let Some(m) = actors.at(head) {
        return Some(*m);
    }
    if max_depth > 0 {
        // The parse may hang the `by` phrase on the object of `of` ("the shooting of a student
        // by police").
        let nmods = |k: usize| {
            view.dependents(k, near(k))
                .filter(|&d| view.relation(d) == Some("nmod"))
        };
        let cased = |d: usize, w: &str| case(d).is_some_and(|c| view.lower(c) == w);
        let agent = nmods(head).find(|&d| cased(d, "by")).or_else(|| {
            nmods(head)
                .filter(|&d| cased(d, "of"))
                .find_map(|d| nmods(d).find(|&a| cased(a, "by")))
        });
        if let Some(m) =
            agent.and_then(|d| phrase_actor_within(doc, actors, d, scope, preps, max_depth - 1))
        {
            return Some(m);
        }
    }
    let mut level = vec![head];
    for depth in 0..=max_depth {
        if let Some(m) = level.iter().find_map(|&k| actors.at(k)) {
            return Some(*m);
        }
        if depth == max_depth {
            break;
        }
        level = level
            .iter()
            .flat_map(|&k| view.dependents(k, near(k)).collect::<Vec<_>>())
            .filter(|&d| match view.relation(d) {
                Some("amod" | "compound" | "conj") => true,
                Some("nmod") => case(d).is_none_or(|c| {
                    let w = view.lower(c);
                    view.is_possessive_marker(c)
                        || function_words::is(Class::Phrase, w)
                        || preps.iter().any(|p| p == w)
                }),
                _ => false,
            })
            .collect();
    }
    None
}

/// The target of the verb trigger at token `verb` by the parse: the actor its object names
/// (when the row takes one) or a prepositional dependent whose preposition the row lists
/// ("attacked *Israel*", "clashed *with the army*", "expelled two *Russian* diplomats"); else,
/// for a verb that governs a clause, the subject of a `that` clause ("demanded that *Israel*
/// withdraw") or the target of a controlled verb ("threatened to strike *Israel*"); not the
/// source.
fn parsed_target(
    doc: &Document,
    actors: &Actors,
    trigger: &Trigger,
    verb: usize,
    scope: Scope,
    source: u32,
) -> Option<ActorMention> {
    let view = doc.view();
    let dependents = |v: usize| view.dependents(v, v + 1..scope.hi.min(v + PARSE_REACH));
    let listed = |k: usize, lo: usize| {
        view.dependents(k, lo..k).any(|c| {
            view.relation(c) == Some("case") && trigger.preps.iter().any(|p| p == view.lower(c))
        })
    };
    // "pushed for the withdrawal of …": a phrase ending in a preposition takes its object.
    let last = trigger.words.last().filter(|_| trigger.words.len() > 1);
    let closes_phrase = |k: usize, lo: usize| {
        trigger.object
            && view.dependents(k, lo..k).any(|c| {
                view.relation(c) == Some("case") && last.is_some_and(|w| w == view.lower(c))
            })
    };
    let direct = |v: usize| {
        dependents(v)
            .filter_map(|k| match view.relation(k) {
                Some("obj" | "iobj") if trigger.object => {
                    phrase_actor(doc, actors, k, scope, &trigger.preps)
                }
                // "withdrew its inspectors from Iraq" with the `from` phrase attached to the
                // object: the row's preposition still names the target.
                Some("obj") => dependents(k)
                    .filter(|&d| view.relation(d) == Some("nmod") && listed(d, k + 1))
                    .find_map(|d| phrase_actor(doc, actors, d, scope, &[])),
                Some("obl") if listed(k, v + 1) || closes_phrase(k, v + 1) => {
                    phrase_actor(doc, actors, k, scope, &trigger.preps)
                }
                _ => None,
            })
            .find(|m| m.entity != source)
    };
    direct(verb).or_else(|| {
        dependents(verb).find_map(|k| match view.relation(k) {
            // "demanded that X …", parsed as a clausal complement, an adverbial clause, or a
            // controlled verb with a "that" of its own.
            Some("ccomp" | "advcl" | "xcomp")
                if trigger.object
                    && (view.relation(k) == Some("ccomp") || marked_that(doc, k, verb + 1)) =>
            {
                dependents(k)
                    .chain(view.dependents(k, scope.lo.max(verb)..k))
                    .filter(|&c| view.relation(c) == Some("nsubj"))
                    .filter_map(|c| phrase_actor(doc, actors, c, scope, &[]))
                    .find(|m| m.entity != source)
            }
            // "threatened to cut gas exports *to Georgia*": a phrase of the controlled verb or of
            // its object, by any preposition that introduces a target.
            Some("xcomp") => direct(k).or_else(|| {
                let phrases = |o: usize| {
                    dependents(o).filter(|&d| matches!(view.relation(d), Some("nmod" | "obl")))
                };
                phrases(k)
                    .chain(
                        dependents(k)
                            .filter(|&o| view.relation(o) == Some("obj"))
                            .flat_map(phrases),
                    )
                    .filter(|&d| {
                        view.dependents(d, scope.lo..d).any(|c| {
                            view.relation(c) == Some("case")
                                && function_words::is(Class::Targeting, view.lower(c))
                        })
                    })
                    .filter_map(|d| phrase_actor(doc, actors, d, scope, &[]))
                    .find(|m| m.entity != source)
            }),
            _ => None,
        })
    })
}

/// The actor named right before a noun trigger: a possessive (`North Korea's deployment`) or
/// an adjective (`Israeli air strikes`, `the North Korean deployment`).
pub(crate) fn modifier(
    doc: &Document,
    actors: &Actors,
    start: usize,
    scope: Scope,
) -> Option<ActorMention> {
    let m = actors
        .left_of(start, scope.lo.max(start.saturating_sub(3)))
        .next()?;
    let between = (m.end..start).all(|k| {
        matches!(doc.view().pos(k), Some(Pos::JJ | Pos::NN | Pos::Possessive))
            || is_possessive(doc, k + 1)
    });
    (between && (is_possessive(doc, m.end) || is_adjectival(doc, m.end))).then_some(*m)
}

/// The support verb that governs a noun trigger at `start` ("Ukrainian forces *staged* a major
/// incursion"), within a few modifiers before it.
pub fn support_verb(
    doc: &Document,
    lex: &EventLexicon,
    start: usize,
    scope: Scope,
) -> Option<usize> {
    // By the parse: the verb whose object the noun is ("announced a new $500 million line of
    // credit"); not the head of a compound ("a hunger *strike*": the phrase is the trigger).
    let view = doc.view();
    let compound = start
        .checked_sub(1)
        .is_some_and(|k| view.relation(k) == Some("compound") && view.head(k) == Some(start));
    let governing = view
        .head(start)
        .filter(|&h| h >= scope.lo && h < start && view.relation(start) == Some("obj"))
        .filter(|&h| view.pos(h).is_some_and(Pos::is_verb))
        .filter(|&h| doc.lemma(h).is_some_and(|l| lex.is_support_verb(l)));
    if governing.is_some() && !compound {
        return governing;
    }
    let mut k = start;
    for _ in 0..4 {
        k = k.checked_sub(1).filter(|&k| k >= scope.lo)?;
        match doc.view().pos(k) {
            Some(p) if p.is_verb() => {
                return doc.lemma(k).filter(|l| lex.is_support_verb(l)).map(|_| k);
            }
            Some(Pos::DT | Pos::JJ | Pos::PRPS | Pos::RB | Pos::RP | Pos::CD | Pos::JJR) => {}
            _ => return None,
        }
    }
    None
}

/// The subject of the support verb that governs a noun trigger at `start`.
fn support_subject(
    doc: &Document,
    lex: &EventLexicon,
    actors: &Actors,
    start: usize,
    scope: Scope,
) -> Option<ActorMention> {
    support_verb(doc, lex, start, scope).and_then(|k| subject(doc, actors, k, scope))
}

/// Whether the noun at `start` heads a phrase after a temporal or locative preposition ("during
/// a meeting", "at talks", "in an attack") that is not the sentence's opening phrase.
fn in_prepositional_phrase(doc: &Document, start: usize, scope: Scope) -> bool {
    let mut k = start;
    for _ in 0..3 {
        let Some(prev) = k.checked_sub(1).filter(|&p| p > scope.lo) else {
            return false;
        };
        k = prev;
        match doc.view().pos(k) {
            Some(Pos::IN) => return function_words::is(Class::Setting, doc.view().lower(k)),
            Some(Pos::DT | Pos::JJ | Pos::PRPS | Pos::CD | Pos::NNP | Pos::NN) => {}
            _ => return false,
        }
    }
    false
}

/// The target named as "its neighbor" right after a trigger: the state bordering the source's
/// that this sentence names ("The Ukraine conflict broke out when Russia invaded its
/// neighbor"), else the first the article names.
fn neighbour_target(
    doc: &Document,
    geo: &Geocoder,
    actors: &Actors,
    trigger: &Trigger,
    end: usize,
    scope: Scope,
    source: ActorMention,
) -> Option<ActorMention> {
    let relational = (end..scope.hi.min(end + OBJECT_REACH)).any(|k| {
        matches!(doc.view().lower(k), "its" | "their")
            && matches!(
                doc.view().lower(k + 1),
                "neighbor" | "neighbour" | "neighbors" | "neighbours"
            )
    });
    if !trigger.object || !relational {
        return None;
    }
    let own = actors.code(doc, source.entity)?.get(..3)?.to_owned();
    let borders = |m: &&ActorMention| {
        actors
            .code(doc, m.entity)
            .filter(|c| c.len() == 3)
            .is_some_and(|c| geo.are_neighbours(&own, c))
    };
    actors
        .right_of(scope.lo, scope.hi)
        .find(borders)
        .or_else(|| actors.right_of(0, doc.tokens.len()).find(borders))
        .copied()
}

/// The state beyond a frontier the act after token `end` happens at ("massed troops along its
/// border *with Morocco*", "on the *Russian* border", "near *Lebanon's* border"): a mention just
/// before a frontier noun or after its `with`, of another state than the source's.
fn frontier_target(
    doc: &Document,
    actors: &Actors,
    end: usize,
    scope: Scope,
    source: ActorMention,
) -> Option<ActorMention> {
    let view = doc.view();
    let stop = target_stop(doc, end, scope).min(end + OBJECT_REACH + 4);
    let frontier = (end..stop).find(|&k| function_words::is(Class::Frontier, view.lower(k)))?;
    let own = actors.code(doc, source.entity).and_then(|c| c.get(..3));
    let other = |m: &&ActorMention| actors.code(doc, m.entity).and_then(|c| c.get(..3)) != own;
    let before = actors
        .right_of(end, frontier)
        .filter(|m| m.end == frontier || (m.end + 1 == frontier && is_possessive(doc, m.end)))
        .find(other);
    let after = || {
        (view.lower(frontier + 1) == "with")
            .then(|| actors.right_of(frontier + 2, stop.max(frontier + 6).min(scope.hi)))
            .into_iter()
            .flatten()
            .find(|m| m.start <= frontier + 3)
            .filter(other)
    };
    before.or_else(after).copied()
}

/// The object of the clause whose subject is `subject`, before token `end`: an actor that no
/// preposition governs, after a verb.
fn clause_object(
    doc: &Document,
    actors: &Actors,
    subject: ActorMention,
    end: usize,
) -> Option<ActorMention> {
    let verb = (subject.end..end).find(|&k| doc.view().pos(k).is_some_and(Pos::is_verb))?;
    actors
        .right_of(verb + 1, end)
        .find(|m| {
            m.entity != subject.entity && governing_preposition(doc, m.start, verb + 1).is_none()
        })
        .copied()
}

/// The subject of the main clause after an opening phrase that holds a noun trigger ("After
/// talks with …, Austin called …"): the first actor after the trigger that no preposition
/// governs and that a verb follows.
fn main_clause_subject(
    doc: &Document,
    actors: &Actors,
    at: TokenSpan,
    scope: Scope,
) -> Option<ActorMention> {
    let opens = doc.view().pos(scope.lo) == Some(Pos::IN)
        && !(scope.lo..at.start).any(|k| doc.view().pos(k).is_some_and(Pos::is_verb));
    if !opens {
        return None;
    }
    actors
        .right_of(at.end, scope.hi)
        .find(|m| {
            governing_preposition(doc, m.start, at.end).is_none()
                && matches!(
                    doc.view().pos(m.end),
                    Some(Pos::VBD | Pos::VBZ | Pos::VBP | Pos::MD)
                )
        })
        .copied()
}

/// Whether the past participle at `i` modifies a noun without an auxiliary ("weapons provided by
/// the United States"): its agent can only come from a `by` phrase.
fn is_bare_participle(doc: &Document, i: usize, lo: usize) -> bool {
    if doc.view().pos(i) != Some(Pos::VBN) {
        return false;
    }
    let mut k = i;
    while k > lo {
        k -= 1;
        match doc.view().pos(k) {
            Some(Pos::RB) => {}
            p => return matches!(p, Some(Pos::NN | Pos::NNS)),
        }
    }
    false
}

/// The actor of the `by` phrase that modifies the noun at token `noun` by the parse ("the attack
/// on the embassy *by Iranian students*").
fn parsed_by_agent(
    doc: &Document,
    actors: &Actors,
    noun: usize,
    scope: Scope,
) -> Option<ActorMention> {
    let view = doc.view();
    let after = |k: usize| k + 1..scope.hi.min(k + 1 + PARSE_REACH);
    view.dependents(noun, after(noun))
        .filter(|&d| view.relation(d) == Some("nmod"))
        .filter(|&d| {
            view.dependents(d, noun + 1..d)
                .any(|c| view.relation(c) == Some("case") && view.lower(c) == "by")
        })
        .find_map(|d| phrase_actor(doc, actors, d, scope, &[]))
}

/// The agent in a `by` phrase within a few tokens after the trigger.
fn by_agent(doc: &Document, actors: &Actors, end: usize, scope: Scope) -> Option<ActorMention> {
    let by = (end..scope.hi.min(end + 6)).find(|&k| doc.view().lower(k) == "by")?;
    actors
        .right_of(by + 1, scope.hi.min(by + 5))
        .next()
        .copied()
}

/// What argument finding reads besides the document and its actors: the event lexicon, and the
/// geocoder for "its neighbour".
#[derive(Debug, Clone, Copy)]
pub struct Lookups<'a> {
    /// Trigger rows, support verbs and agent nouns.
    pub lexicon: &'a EventLexicon,
    /// Which states border which.
    pub geo: &'a Geocoder,
}

/// The source of a trigger, the rule that found it, the one acted on when the verb is passive,
/// and whether the trigger sits in a prepositional phrase of its clause.
struct Source {
    found: Option<ActorMention>,
    rule: &'static str,
    patient: Option<ActorMention>,
    in_pp: bool,
}

/// Prepositions inside a passive subject that lead to the ones acted on ("a camp *for* refugees").
const PATIENT_PREPS: [&str; 1] = ["for"];

/// The source of a verb in the passive: its `by` agent; or, for a move of forces without one,
/// the forces' state ("10,000 North Korean forces have been deployed").
fn passive_source(
    doc: &Document,
    actors: &Actors,
    trigger: &Trigger,
    at: TokenSpan,
    scope: Scope,
) -> Source {
    let agent = by_agent(doc, actors, at.end, scope);
    // The one acted on is the subject of the verb group ("Georgia was attacked"), not an actor
    // before another verb or a relative clause ("He toured a library that had been targeted").
    // The parse's subject phrase first: "a camp for Congolese refugees was attacked".
    let parsed = nsubj(doc, at.start, scope)
        .and_then(|k| phrase_actor(doc, actors, k, scope, &PATIENT_PREPS.map(str::to_owned)));
    let patient = parsed
        .or_else(|| subject(doc, actors, at.start, scope))
        .filter(|p| {
            !(p.end..at.start).any(|k| {
                let w = doc.view().lower(k);
                let aux = is_be(w) || matches!(w, "have" | "has" | "had");
                matches!(doc.view().pos(k), Some(Pos::WDT | Pos::WP))
                    || w == "that"
                    || (doc.view().pos(k).is_some_and(Pos::is_verb) && !aux)
            })
        });
    // "North Korean forces" as a demonym before a noun, or as an agent noun phrase.
    let forces = |p: ActorMention| is_adjectival(doc, p.end) || actors.entity(p.entity).is_none();
    if agent.is_none() && patient.is_some_and(forces) && moves_own_forces(&trigger.cameo) {
        return Source {
            found: patient,
            rule: "passive: forces moved",
            patient: None,
            in_pp: false,
        };
    }
    Source {
        found: agent,
        rule: "passive: by-agent",
        patient,
        in_pp: false,
    }
}

/// The rule of a noun trigger whose source is its possessive or adjective ("Egypt's release of
/// the journalists"): the noun names that actor's act.
const POSSESSIVE_SOURCE: &str = "noun: possessive or adjective";

/// The source of a noun trigger: a possessive or adjective ("Israeli air strikes"), a `by`
/// phrase, the subject of a light verb ("launched an attack"), the clause's subject when the noun
/// is in a prepositional phrase, else the main clause's subject.
fn noun_source(
    doc: &Document,
    lookups: Lookups<'_>,
    actors: &Actors,
    at: TokenSpan,
    scope: Scope,
) -> Source {
    let found = |found, rule| Source {
        found,
        rule,
        patient: None,
        in_pp: false,
    };
    if let Some(m) = modifier(doc, actors, at.start, scope) {
        return found(Some(m), POSSESSIVE_SOURCE);
    }
    // "assaults by Syrian forces", "the attack on the embassy by Iranian students".
    if let Some(m) = parsed_by_agent(doc, actors, at.start, scope) {
        return found(Some(m), "noun: by-agent (parse)");
    }
    // The parse may attach the `by` phrase elsewhere: a `by` after the noun's own phrase, with no
    // verb between ("… was condemned by Kenya" is the verb's agent).
    let by = (at.end..scope.hi.min(at.end + 6)).find(|&k| doc.view().lower(k) == "by");
    let verbless = by.is_some_and(|by| {
        !(at.end..by).any(|k| {
            doc.view()
                .pos(k)
                .is_some_and(|p| p.is_verb() || p == Pos::MD)
        })
    });
    if let Some(m) = verbless
        .then(|| by_agent(doc, actors, at.end, scope))
        .flatten()
    {
        return found(Some(m), "noun: by-agent");
    }
    if let Some(m) = support_subject(doc, lookups.lexicon, actors, at.start, scope) {
        return found(Some(m), "noun: light-verb subject");
    }
    // "made the comments during a meeting with …": the clause's subject meets.
    if in_prepositional_phrase(doc, at.start, scope) {
        if let Some(m) = subject(doc, actors, at.start, scope) {
            return Source {
                in_pp: true,
                ..found(Some(m), "noun: clause subject")
            };
        }
        return Source {
            in_pp: true,
            ..found(
                main_clause_subject(doc, actors, at, scope),
                "noun: main-clause subject",
            )
        };
    }
    found(
        main_clause_subject(doc, actors, at, scope),
        "noun: main-clause subject",
    )
}

/// The source of `trigger` by the first rule that applies.
fn source(
    doc: &Document,
    lookups: Lookups<'_>,
    actors: &Actors,
    trigger: &Trigger,
    (at, scope): (TokenSpan, Scope),
    speaker: Option<ActorMention>,
) -> Source {
    let verb = trigger.pos == TriggerPos::Verb;
    let plain = |found, rule| Source {
        found,
        rule,
        patient: None,
        in_pp: false,
    };
    if verb && is_passive(doc, at.start, scope.lo) {
        passive_source(doc, actors, trigger, at, scope)
    } else if verb
        && is_bare_participle(doc, at.start, scope.lo)
        && (at.end..scope.hi.min(at.end + 3)).any(|k| doc.view().lower(k) == "by")
    {
        // "weapons provided by the United States"; without a `by` phrase the participle is
        // more likely a mistagged past tense ("the army clashed with …").
        plain(by_agent(doc, actors, at.end, scope), "participle: by-agent")
    } else if let Some(s) = speaker {
        plain(Some(s), "reported: the speaker")
    } else if let Some(found) = verb
        .then(|| parsed_subject(doc, actors, at.start, scope))
        .flatten()
    {
        plain(Some(found), "subject (parse)")
    } else if let Some(start) = verb
        .then(|| unnamed_subject(doc, actors, at.start, scope))
        .flatten()
    {
        // "…, as veteran politicians stepped down": the parse names a subject that is no actor;
        // an actor before it, across a clause boundary, is not it ("Washington along with its
        // allies demanded" is: a misparse).
        let found = subject(doc, actors, at.start, scope).filter(|m| {
            !(m.end..start).any(|k| {
                let w = doc.view().lower(k);
                w == "," || is_boundary(w) || is_subordinator(w)
            })
        });
        plain(found, "subject")
    } else if verb {
        plain(subject(doc, actors, at.start, scope), "subject")
    } else {
        noun_source(doc, lookups, actors, at, scope)
    }
}

/// Finds the sources and targets of `trigger` at tokens `at` within `scope`. `speaker` is the
/// actor whose speech the trigger reports (the trigger is a quote's cue: "Hamas vowed …").
pub fn find(
    doc: &Document,
    lookups: Lookups<'_>,
    actors: &Actors,
    trigger: &Trigger,
    at: TokenSpan,
    scope: Scope,
    speaker: Option<ActorMention>,
) -> Arguments {
    let Source {
        found: source,
        rule: source_rule,
        patient,
        in_pp,
    } = self::source(doc, lookups, actors, trigger, (at, scope), speaker);
    if trigger.pos == TriggerPos::Noun {
        if let Some((a, b)) = between(doc, actors, at.end, scope) {
            // "talks between the government and the rebels": the pair, whatever came before.
            return Arguments {
                sources: vec![a],
                targets: vec![b],
                mutual: false,
                rule: "between X and Y".to_owned(),
                at_home: AtHome::No,
                possessive: false,
            };
        }
    }
    let Some(source) = source else {
        return Arguments::default();
    };
    // The source may be any conjunct: the parse names the first ("Laos and Cambodia agreed").
    let mut sources = coordinated(doc, actors, source, scope, false);
    sources.extend(
        coordinated(doc, actors, source, scope, true)
            .into_iter()
            .skip(1),
    );
    sources.sort_by_key(|m| m.start);
    sources.dedup_by_key(|m| m.entity);
    let ids: Vec<u32> = sources.iter().map(|m| m.entity).collect();
    let (found, target_rule) = if let Some(p) = patient.filter(|p| !ids.contains(&p.entity)) {
        (Some(p), "passive subject")
    } else if let Some(t) = (trigger.pos == TriggerPos::Verb)
        .then(|| parsed_target(doc, actors, trigger, at.start, scope, source.entity))
        .flatten()
    {
        (Some(t), "object or preposition (parse)")
    } else if let Some(t) = target(doc, actors, trigger, at.end, scope, Some(source.entity)) {
        (Some(t), "object or preposition")
    } else if let Some(t) =
        neighbour_target(doc, lookups.geo, actors, trigger, at.end, scope, source)
    {
        (Some(t), "its neighbour")
    } else {
        // "Hatoyama told Jia during the meeting": the clause's object is met.
        let object = in_pp
            .then(|| clause_object(doc, actors, source, at.start))
            .flatten();
        (object, "clause object")
    };
    let targets = found
        .map(|t| coordinated(doc, actors, t, scope, true))
        .unwrap_or_default()
        .into_iter()
        .filter(|t| !ids.contains(&t.entity))
        .collect::<Vec<_>>();
    let (targets, target_rule) = if targets.is_empty() && trigger.cameo.starts_with("15") {
        let beyond = frontier_target(doc, actors, at.end, scope, source);
        (beyond.into_iter().collect(), "beyond the frontier")
    } else {
        (targets, target_rule)
    };
    // "Armenia and Azerbaijan accused each other": any root.
    let reciprocal = (at.end..scope.hi.min(at.end + 3)).any(|k| {
        let pair = format!("{} {}", doc.view().lower(k), doc.view().lower(k + 1));
        function_words::is(Class::Reciprocal, &pair)
    });
    // "attacks by Minsk and Moscow": agents of one act together, not on each other.
    let by_agents = source_rule.starts_with("noun: by-agent");
    let mutual = targets.is_empty()
        && sources.len() > 1
        && trigger.takes_target()
        && !by_agents
        && (trigger.is_mutual() || reciprocal);
    let (targets, target_rule, at_home) = if mutual {
        (targets, "coordinated sources, each other", AtHome::No)
    } else if targets.is_empty() && actors.other_side(&source).is_some() {
        // "the two sides began talks in Addis Ababa": the host is no party; "with both sides
        // sending jets": the two acting apart name no event of one on the other.
        return Arguments::default();
    } else if targets.is_empty() {
        place_or_home(doc, actors, trigger, (at, scope), &sources)
    } else {
        (targets, target_rule, AtHome::No)
    };
    let rule = if targets.is_empty() && !mutual && at_home != AtHome::OwnState {
        format!("source: {source_rule}")
    } else {
        format!("source: {source_rule}; target: {target_rule}")
    };
    Arguments {
        sources,
        targets,
        mutual,
        rule,
        at_home,
        possessive: source_rule == POSSESSIVE_SOURCE,
    }
}

/// The target of a trigger with none found otherwise: "students marched in Rome": where the
/// target is only a place abroad, its country is acted on; at home the place names no one else,
/// except for a protest or an arrest ([`AtHome`]).
fn place_or_home(
    doc: &Document,
    actors: &Actors,
    trigger: &Trigger,
    (at, scope): (TokenSpan, Scope),
    sources: &[ActorMention],
) -> (Vec<ActorMention>, &'static str, AtHome) {
    let country = |m: &ActorMention| actors.code(doc, m.entity).and_then(|c| c.get(..3));
    let reach = trigger.targets_home_place();
    let home = reach.is_some();
    if !(trigger.takes_target() || home) {
        return (Vec::new(), "", AtHome::No);
    }
    let place = (!trigger.place_is_only_where())
        .then(|| place_target(doc, actors, at.end, scope))
        .flatten()
        .filter(|t| sources.iter().all(|s| s.entity != t.entity))
        .filter(|t| home || sources.iter().all(|s| country(s) != country(t)));
    if let Some(place) = place {
        let (rule, at_home) = if home {
            ("place at home", AtHome::Place)
        } else {
            ("place abroad", AtHome::No)
        };
        return (vec![place], rule, at_home);
    }
    // A part of a state (its unions, students, police), not the state itself nor an
    // international body.
    let part_of_state = |m: &ActorMention| {
        actors
            .code(doc, m.entity)
            .is_some_and(|c| c.len() > 3 && !dateline_core::is_international(c))
    };
    let own_state = |m: &ActorMention| {
        let role = actors.code(doc, m.entity).and_then(|c| c.get(3..6));
        match reach {
            Some(HomeReach::PlaceOrState(roles)) => {
                part_of_state(m)
                    && (roles.is_empty() || role.is_some_and(|r| roles.iter().any(|x| x == r)))
            }
            _ => false,
        }
    };
    if sources.iter().all(own_state) {
        (Vec::new(), "the source's own state", AtHome::OwnState)
    } else {
        (Vec::new(), "", AtHome::No)
    }
}

/// The place where an event after token `end` happened ("in Rome", "at a rally in Nairobi"),
/// within the trigger's reach: a place entity that `in` or `at` governs.
fn place_target(doc: &Document, actors: &Actors, end: usize, scope: Scope) -> Option<ActorMention> {
    actors
        .right_of(end, target_stop(doc, end, scope))
        .find(|m| {
            actors.entity(m.entity).is_some_and(|e| {
                doc.entities
                    .get(e as usize)
                    .is_some_and(|e| e.kind == dateline_core::EntityType::Gpe)
            }) && preposition_before(doc, m.start, end).is_some_and(|p| p == "in" || p == "at")
                // "in the former French colony" is no place in France.
                && !is_adjectival(doc, m.end)
        })
        .copied()
}

/// Whether an event of `code` moves the actor's own forces or goods (aid, force posture), so
/// that a passive subject such as "North Korean forces" names the actor, not the one acted on.
fn moves_own_forces(code: &str) -> bool {
    code.starts_with("07") || code.starts_with("15")
}
