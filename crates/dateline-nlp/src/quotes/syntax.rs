//! Speakers from the dependency parse: the head of the cue's subject ("an official familiar with
//! the matter said" → "official"), the inverted subject ("said Austin"), the agent of a passive
//! cue, the subject a participle or infinitive cue shares ("…, adding", "declined to say"), and
//! the noun a relative or participle clause hangs on ("Smith, who said", "officials speaking on
//! condition of anonymity").

use dateline_core::{Document, Pos, TokenKind};

use super::speaker::{MentionIndex, Speaker};

/// How many clause heads are climbed to find a shared subject.
const CLIMB: usize = 3;

/// Whether a dependent by `relation` stays inside its head's name phrase (UD relations).
fn in_phrase(relation: &str) -> bool {
    matches!(
        relation,
        "det" | "amod" | "compound" | "nummod" | "nmod" | "flat" | "case"
    )
}

fn child_with(doc: &Document, v: usize, relation: &str, lo: usize, hi: usize) -> Option<usize> {
    let view = doc.view();
    doc.view()
        .dependents(v, lo..hi)
        .find(|&k| view.relation(k) == Some(relation))
}

/// A speaker found by the parse.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The speaker.
    pub speaker: Speaker,
    /// The head token of the speaker's phrase.
    pub head: usize,
    /// How it was reached.
    pub reach: Reach,
    /// Whether the speaker is named at the head (or in apposition to it), rather than described
    /// ("a spokesperson for the ministry").
    pub named: bool,
}

/// How a token's path up the tree reaches another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// Through parts of one name ("Facebook co-founder Mark Zuckerberg", "X, the minister").
    Name,
    /// Through a modifier: a prepositional phrase, a clause ("B of Michigan").
    Modifier,
}

/// Whether `relation` joins the parts of one name or its title (UD relations).
fn in_name(relation: &str) -> bool {
    matches!(
        relation,
        "flat"
            | "list"
            | "compound"
            | "appos"
            | "amod"
            | "det"
            | "nummod"
            | "conj"
            | "cc"
            | "punct"
    )
}

/// How token `from` reaches token `to` going up the tree, if it does within a few steps.
#[must_use]
pub fn path(doc: &Document, from: usize, to: usize) -> Option<Path> {
    let view = doc.view();
    let mut at = from;
    let mut name = true;
    for _ in 0..8 {
        if at == to {
            return Some(if name { Path::Name } else { Path::Modifier });
        }
        name &= view.relation(at).is_some_and(in_name);
        at = view.head(at)?;
    }
    None
}

/// How the parse reached a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The cue's own subject or passive agent.
    Subject,
    /// The subject of a clause the cue depends on ("…, adding", "declined to say"), or the noun
    /// a relative or participle cue hangs on.
    Shared,
}

/// The head token of the speaker of the verb cue at token `cue`, by the parse of the sentence
/// tokens `[lo, hi)`.
fn speaker_head(doc: &Document, cue: usize, lo: usize, hi: usize) -> Option<(usize, Reach)> {
    let view = doc.view();
    let mut v = cue;
    let mut reach = Reach::Subject;
    for _ in 0..=CLIMB {
        // Of two subjects, the first ("Hatoyama, the ex-prime minister …, told"); but an
        // attribution set off by commas inside the clause it reports ("The meeting, one diplomat
        // said, was …", misparsed) has its speaker nearest the verb.
        let set_off = doc
            .tokens
            .get(v + 1)
            .is_some_and(|_| doc.surface(v + 1) == ",");
        let mut subjects = view
            .dependents(v, lo..hi)
            .filter(|&k| view.relation(k) == Some("nsubj"));
        let subject = if set_off {
            subjects.min_by_key(|&k| k.abs_diff(v))
        } else {
            subjects.next()
        };
        if let Some(subject) = subject {
            // "a student who said": the noun the relative clause describes.
            let relative = view
                .pos(subject)
                .is_some_and(|p| matches!(p, Pos::WP | Pos::WDT));
            if relative && view.relation(v) == Some("acl") {
                return view
                    .head(v)
                    .filter(|&h| (lo..hi).contains(&h))
                    .map(|h| (h, Reach::Shared));
            }
            return Some((subject, reach));
        }
        // "was quoted by X": the agent.
        if let Some(agent) = doc.view().dependents(v, lo..hi).find(|&k| {
            view.relation(k) == Some("obl")
                && child_with(doc, k, "case", lo, hi).is_some_and(|c| view.lower(c) == "by")
        }) {
            return Some((agent, reach));
        }
        let head = view.head(v).filter(|&h| (lo..hi).contains(&h))?;
        reach = Reach::Shared;
        match view.relation(v)? {
            // "Smith, who said", "officials speaking on condition of anonymity".
            "acl" => return Some((head, reach)),
            // "…, adding that", "declined to say". A coordinated cue is left to the caller:
            // which verb "and" joins it to is the parser's least reliable attachment.
            "advcl" => v = head,
            // Subject control only: in "ordered the minister to call", the object controls.
            "xcomp"
                if child_with(doc, head, "obj", lo, hi).is_none()
                    && child_with(doc, head, "iobj", lo, hi).is_none() =>
            {
                v = head;
            }
            _ => return None,
        }
    }
    None
}

/// The speaker of the cue at tokens `[cue, cue_end)` by the parse of the sentence tokens
/// `[lo, hi)`: an entity mention at the subject's head (or in a name or apposition after it:
/// "Facebook co-founder Mark Zuckerberg", "the minister, X,"), else the head's name phrase as a
/// description. For "according to X", X's head, or a name in its phrase ("U.S. estimates").
/// `None` when the parse names no subject, when the subject lies inside a quotation, or when it
/// is a pronoun no entity resolves.
pub fn speaker(
    doc: &Document,
    index: &MentionIndex,
    inside: &[bool],
    site: super::Cue,
    (lo, hi): (usize, usize),
) -> Option<Parsed> {
    let (cue, cue_end) = (site.start, site.end);
    let according = cue_end - cue > 1;
    let (head, reach) = if according {
        let head = doc.view().head(cue).filter(|&h| h >= cue_end && h < hi)?;
        (head, Reach::Subject)
    } else {
        speaker_head(doc, cue, lo, hi)?
    };
    // "officials familiar with the matter" parsed with the adjective as the head: the noun it
    // predicates of.
    let view = doc.view();
    let head = if view.pos(head) == Some(Pos::JJ) {
        doc.view()
            .dependents(head, lo..head)
            .filter(|&k| view.pos(k).is_some_and(|p| matches!(p, Pos::NN | Pos::NNS)))
            .last()
            .unwrap_or(head)
    } else {
        head
    };
    let head = inner_object_repaired(doc, head, lo);
    if inside.get(head).copied().unwrap_or(true) {
        return None;
    }
    let start = phrase_start(doc, head, lo);
    let found = |speaker: Speaker| {
        Some(Parsed {
            named: speaker.description.is_none(),
            speaker,
            head,
            reach,
        })
    };
    let person = |(entity, _): &(u32, dateline_core::Span)| {
        super::speaker::entity_kind(doc, *entity) == Some(dateline_core::EntityType::Person)
    };
    let named_after = || {
        doc.view()
            .dependents(head, head + 1..hi)
            .filter(|&a| {
                !inside[a]
                    && view
                        .relation(a)
                        .is_some_and(|r| matches!(r, "appos" | "flat" | "list" | "compound"))
            })
            .find_map(|a| index.get(a))
    };
    // "Transport Minister Ana Lopes": the person the title is in apposition to.
    // "Nino Beridze, a student who said": the person a described speaker is in apposition to,
    // by the parse or, for the noun a relative cue hangs on, right before a comma (not "After
    // meeting Putin, the minister said").
    let apposed_to = || {
        let parsed = (view.relation(head) == Some("appos"))
            .then(|| view.head(head).and_then(|h| index.get(h)))
            .flatten();
        let hung_on = reach == Reach::Shared && start >= lo + 2;
        let before_comma = (hung_on && doc.surface(start - 1) == ",")
            .then(|| index.get(start - 2))
            .flatten();
        parsed.filter(person).or(before_comma.filter(person))
    };
    // A pronoun the entity layer linked to a name said only inside a quotation ("'President
    // Ruto told me …,' she said") is resolved again, outside quotations.
    let at_head = index.get(head).filter(|&(id, _)| {
        view.pos(head) != Some(Pos::PRP) || named_outside(doc, inside, id, head)
    });
    let mention = match at_head {
        Some(m) if person(&m) => Some(m),
        at_head => named_after()
            .filter(person)
            .or(at_head)
            .or_else(named_after)
            .or_else(apposed_to),
    };
    // "according to Afghan Ambassador to the United States Hamdullah Mohib": the person the
    // phrase names, else its first name; the phrase ends at punctuation, wherever the parse
    // attached it.
    let mention = mention.or_else(|| {
        let names = || {
            (cue_end.min(start)..hi)
                .take_while(|&k| doc.tokens[k].kind != TokenKind::Punct)
                .filter_map(|k| index.get(k))
        };
        according
            .then(|| names().find(person).or_else(|| names().next()))
            .flatten()
    });
    if let Some((entity, mention)) = mention {
        return found(Speaker {
            entity: Some(entity),
            mention: Some(mention),
            description: None,
        });
    }
    if view.pos(head) == Some(Pos::PRP) {
        return super::coref::antecedent(doc, index, inside, head).and_then(found);
    }
    if let Some(organisation) = super::coref::definite(doc, index, head) {
        return found(organisation);
    }
    let limit = if cue > head { cue } else { hi };
    described(doc, index, inside, head, (start, limit)).and_then(found)
}

/// Whether entity `id` is named before token `before` outside quotation marks (`inside`).
fn named_outside(doc: &Document, inside: &[bool], id: u32, before: usize) -> bool {
    doc.entities.iter().find(|e| e.id == id).is_some_and(|e| {
        e.mentions.iter().any(|m| {
            let first = doc.token_range(*m).start;
            first < before
                && !inside.get(first).copied().unwrap_or(true)
                && doc.view().pos(first) != Some(Pos::PRP)
        })
    })
}

/// "Two officials familiar with the planning said", parsed with "the planning" as the subject:
/// a subject right after a preposition that follows an adjective or participle is that
/// preposition's object, and the noun before them heads the real subject.
fn inner_object_repaired(doc: &Document, head: usize, lo: usize) -> usize {
    let view = doc.view();
    let start = phrase_start(doc, head, lo);
    let Some(prep) = start.checked_sub(1).filter(|&p| p > lo) else {
        return head;
    };
    let subordinator = |w: &str| {
        crate::events::function_words::is(crate::events::function_words::Class::Subordinator, w)
    };
    if view.pos(prep) != Some(Pos::IN) || subordinator(view.lower(prep)) {
        return head;
    }
    let mut k = prep;
    while k > lo
        && view
            .pos(k - 1)
            .is_some_and(|p| matches!(p, Pos::JJ | Pos::VBN | Pos::RB))
    {
        k -= 1;
    }
    if k == prep {
        return head;
    }
    k.checked_sub(1)
        .filter(|&n| n >= lo && view.pos(n).is_some_and(|p| matches!(p, Pos::NN | Pos::NNS)))
        .unwrap_or(head)
}

/// A speaker described by the noun phrase headed by `head` (from token `start`, ending before
/// `limit`): its text, linked to the organisation a spokesperson speaks for. `None` when `head`
/// is not a noun or adjective.
pub fn described(
    doc: &Document,
    index: &MentionIndex,
    inside: &[bool],
    head: usize,
    (start, limit): (usize, usize),
) -> Option<Speaker> {
    let view = doc.view();
    // "Another said": a determiner standing for a person as the subject.
    let nominal = view.pos(head).is_some_and(|p| {
        matches!(
            p,
            Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::CD | Pos::JJ
        ) || (p == Pos::DT && view.relation(head) == Some("nsubj"))
    });
    if !nominal {
        return None;
    }
    let end = phrase_end(doc, inside, head, limit);
    let span = doc.tokens[start].span.cover(doc.tokens[end].span);
    let description = Some(doc.slice(span).to_owned());
    // "a spokesperson for the foreign ministry": the organisation speaks through them; but
    // "diplomats from Lithuania" or "an official of the border committee" speak unnamed, as
    // themselves.
    let (entity, mention) = (!super::sources::is_anonymous_noun(doc.view().lower(head)))
        .then(|| organisation(doc, index, head, end))
        .flatten()
        .unzip();
    Some(Speaker {
        entity,
        mention,
        description,
    })
}

/// The last token of the phrase headed by `head` after it, before `limit`: the unbroken run of
/// tokens below `head` in the tree, stopping at punctuation and quotation marks ("officials
/// familiar with the talks", "a spokesperson for the ministry").
fn phrase_end(doc: &Document, inside: &[bool], head: usize, limit: usize) -> usize {
    let mut end = head;
    let stop = limit.min(head + 16).min(doc.tokens.len());
    for (k, (token, &quoted)) in doc.tokens[..stop]
        .iter()
        .zip(inside)
        .enumerate()
        .skip(head + 1)
    {
        let below = path(doc, k, head).is_some();
        let punct = matches!(
            token.kind,
            TokenKind::Punct | TokenKind::OpenQuote | TokenKind::CloseQuote | TokenKind::Ellipsis
        ) || quoted;
        if !below || punct {
            break;
        }
        end = k;
    }
    end
}

/// An organisation or place named in a `for`, `of`, `at` or `from` phrase of `head`, up to token
/// `end`.
fn organisation(
    doc: &Document,
    index: &MentionIndex,
    head: usize,
    end: usize,
) -> Option<(u32, dateline_core::Span)> {
    let view = doc.view();
    doc.view()
        .dependents(head, head + 1..end + 1)
        .filter(|&c| view.relation(c) == Some("nmod"))
        .filter(|&c| {
            doc.view()
                .dependents(c, head + 1..c)
                .any(|k| matches!(view.lower(k), "for" | "of" | "at" | "from"))
        })
        .find_map(|c| {
            index.get(c).filter(|(id, _)| {
                matches!(
                    super::speaker::entity_kind(doc, *id),
                    Some(
                        dateline_core::EntityType::Org
                            | dateline_core::EntityType::Gpe
                            | dateline_core::EntityType::Norp
                    )
                )
            })
        })
}

/// The first token of the name phrase ending at `head`: the unbroken run of tokens before it
/// whose path up the tree reaches `head` through phrase-internal relations ("two U.S.
/// officials", "Ukraine's prime minister").
pub fn phrase_start(doc: &Document, head: usize, lo: usize) -> usize {
    let view = doc.view();
    let mut start = head;
    for k in (lo..head).rev() {
        let mut a = k;
        let mut reaches = false;
        for _ in 0..8 {
            if !view.relation(a).is_some_and(in_phrase) {
                break;
            }
            match view.head(a) {
                Some(h) if h == head => {
                    reaches = true;
                    break;
                }
                Some(h) if h >= lo && h < head => a = h,
                _ => break,
            }
        }
        if !reaches {
            break;
        }
        start = k;
    }
    start
}

/// The clause the cue at tokens `[cue, cue_end)` reports by the parse of the sentence tokens
/// `[lo, hi)`, without the attribution: a complement clause after a cue set into the sentence
/// ("Later that night, he said, the convoy turned back"), the clause a parenthetical cue is set
/// into, or the source's clause ("According to the ministry the talks failed"). `None` when the
/// cue is none of these, or fewer than three words remain.
#[must_use]
pub fn host_clause(
    doc: &Document,
    inside: &[bool],
    site: super::Cue,
    (lo, hi): (usize, usize),
) -> Option<dateline_core::Span> {
    let (cue, cue_end) = (site.start, site.end);
    let view = doc.view();
    if let Some(clause) = governed_clause(doc, inside, (cue, cue_end), (lo, hi)) {
        return Some(clause);
    }
    let (host, attribution) = if cue_end - cue > 1 {
        let source = view.head(cue).filter(|&h| h >= cue_end && h < hi)?;
        (view.head(source)?, source)
    } else if view.relation(cue) == Some("parataxis") {
        // Set into the clause before its verb; a cue after the verb closes the clause and the
        // clause before it is found without the parse.
        (view.head(cue).filter(|&h| h > cue)?, cue)
    } else {
        return None;
    };
    if !(lo..hi).contains(&host) {
        return None;
    }
    let kept = (lo..hi)
        .filter(|&k| !(cue..cue_end).contains(&k))
        .filter(|&k| path(doc, k, host).is_some() && path(doc, k, attribution).is_none());
    span_without_edges(doc, inside, kept)
}

/// The complement clause after a verb cue that a phrase of the report precedes, set off by a
/// comma ("Later that night, he said, the convoy …"): the clause after the attribution.
fn governed_clause(
    doc: &Document,
    inside: &[bool],
    (cue, cue_end): (usize, usize),
    (lo, hi): (usize, usize),
) -> Option<dateline_core::Span> {
    let view = doc.view();
    if cue_end - cue > 1 || cue_end >= hi || doc.surface(cue_end) != "," {
        return None;
    }
    // Not a participle going on with the speaker's own words ("…, he said, adding that …").
    let clause = doc
        .view()
        .dependents(cue, cue_end..hi)
        .find(|&k| view.relation(k) == Some("ccomp") && view.pos(k) != Some(Pos::VBG))?;
    let opener = (lo..cue).find(|&k| doc.surface(k) == ",")?;
    // What precedes is a phrase of the report ("Later that night"), not a clause of its own.
    let phrase = opener > lo
        && (lo..opener)
            .all(|k| path(doc, k, cue).is_some() && !view.pos(k).is_some_and(Pos::is_verb));
    let clause_end = (cue_end..hi)
        .filter(|&k| path(doc, k, clause).is_some())
        .max()?;
    phrase.then_some(())?;
    // The report's text is what follows the attribution: a span has no gap for the attribution
    // to leave, and the opening phrase is an adjunct of the clause after it.
    span_without_edges(doc, inside, cue_end + 1..=clause_end)
}

/// The span from the first to the last of `tokens` that is neither punctuation nor quoted, if
/// at least three words lie between.
fn span_without_edges(
    doc: &Document,
    inside: &[bool],
    tokens: impl Iterator<Item = usize>,
) -> Option<dateline_core::Span> {
    let kept: Vec<usize> = tokens.collect();
    let is_edge = |k: usize| {
        matches!(
            doc.tokens[k].kind,
            TokenKind::Punct | TokenKind::OpenQuote | TokenKind::CloseQuote | TokenKind::Ellipsis
        ) || inside[k]
    };
    let first = kept.iter().copied().find(|&k| !is_edge(k))?;
    let last = kept.iter().copied().rev().find(|&k| !is_edge(k))?;
    let words = kept
        .iter()
        .filter(|&&k| k >= first && k <= last && !is_edge(k))
        .count();
    (words >= 3).then(|| doc.tokens[first].span.cover(doc.tokens[last].span))
}
