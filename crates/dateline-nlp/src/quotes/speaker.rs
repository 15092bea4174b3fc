//! Who a cue belongs to: the entity mention right before the cue ("Austin said", "the defense
//! secretary said", "he said"), or right after it in the inverted order ("said Austin"); failing
//! both, the noun phrase before the cue as a description ("a military spokesman said").

use std::sync::LazyLock;

use dateline_core::{Document, EntityType, Pos, Span};
use rustc_hash::FxHashSet;

use super::syntax::{Path, Reach};

/// The speaker of a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The entity.
    pub entity: Option<u32>,
    /// The mention that names it.
    pub mention: Option<Span>,
    /// A description when no entity speaks ("two U.S. officials").
    pub description: Option<String>,
}

/// For each token, the entity mention that covers it.
#[derive(Debug, Default)]
pub struct MentionIndex {
    at: Vec<Option<(u32, Span)>>,
}

impl MentionIndex {
    /// Indexes the mentions of people, organisations and places in `doc`.
    #[must_use]
    pub fn new(doc: &Document) -> Self {
        let mut at = vec![None; doc.tokens.len()];
        for e in &doc.entities {
            if !matches!(
                e.kind,
                EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Norp
            ) {
                continue;
            }
            for &m in &e.mentions {
                let first = doc.tokens.partition_point(|t| t.span.end() <= m.start());
                let end = doc.tokens.partition_point(|t| t.span.start() < m.end());
                for slot in at.iter_mut().take(end).skip(first) {
                    if slot.is_none() {
                        *slot = Some((e.id, m));
                    }
                }
            }
        }
        MentionIndex { at }
    }

    /// The mention covering token `i`.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<(u32, Span)> {
        self.at.get(i).copied().flatten()
    }
}

/// Reporting verbs that may come before their speaker ("…, said Austin").
static INVERTING: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::data::word_set(include_str!("../../resources/lexicon/inverting-cues.txt"))
});

/// Words that, as a subject, stand for the organisation publishing them: "It", "the article".
static DOCUMENT_REFERENCES: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::data::word_set(include_str!(
        "../../resources/lexicon/document-references.txt"
    ))
});

/// How far before a cue its speaker is looked for, in tokens.
const BEFORE: usize = 8;

fn is_dash(doc: &Document, i: usize) -> bool {
    matches!(doc.surface(i), "-" | "--" | "\u{2014}" | "\u{2013}")
}

fn is_boundary(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens[i];
    matches!(doc.slice(t.span), "," | ";" | ":" | "." | "(" | ")")
        || matches!(
            t.kind,
            dateline_core::TokenKind::OpenQuote | dateline_core::TokenKind::CloseQuote
        )
}

/// The speaker of the cue at tokens `[cue, cue_end)` within the sentence tokens `[lo, hi)`;
/// `inside` marks the tokens inside quotation marks, never a speaker.
#[must_use]
pub fn find(
    doc: &Document,
    index: &MentionIndex,
    inside: &[bool],
    site: super::Cue,
    (lo, hi): (usize, usize),
) -> Option<Speaker> {
    let (cue, cue_end) = (site.start, site.end);
    if let Some(found) = special_subject(doc, index, cue, lo) {
        return Some(found);
    }
    // A participle after a comma ("…, adding that …") belongs to the sentence's subject.
    let participle = cue_end - cue == 1
        && doc.tokens[cue].pos == Some(Pos::VBG)
        && cue > lo
        && doc.surface(cue - 1) == ",";
    if participle {
        let attributed = attributed_before(doc, index, cue, lo);
        if let Some(found) = attributed.or_else(|| subject(doc, index, lo, cue)) {
            return Some(found);
        }
    }
    // The parse, checked against the name right before the cue.
    let parsed = super::syntax::speaker(doc, index, inside, site, (lo, hi));
    let (before, i) = mention_before(doc, index, cue, lo);
    let shared = match (parsed, before) {
        (Some(parsed), Some((near, at))) => match super::syntax::path(doc, at, parsed.head) {
            // "Facebook co-founder Mark Zuckerberg said", "a scholar, Steve Tsang, tells": the
            // name the subject phrase ends with, or its apposition.
            _ if !parsed.named && doc.surface(cue - 1) == "," => return Some(near),
            Some(Path::Name) if !parsed.named => return Some(near),
            // "CEO of the Refugee Council Enver Solomon told": a name ending a subject phrase
            // headed by a person or a capitalised title.
            Some(Path::Modifier)
                if !parsed.named
                    && (is_person(doc, &near)
                        || doc.tokens[parsed.head].pos == Some(Pos::NNP)
                        || is_adjacent_name(doc, &near, cue)) =>
            {
                return Some(near)
            }
            // "The article, headlined …, said": the organisation publishing it.
            _ if is_document_reference(doc, parsed.head) => {
                return last_organisation(doc, index, cue).or(Some(parsed.speaker))
            }
            // "Reps. A of Maryland and B of Michigan said": the subject, not the name nearest.
            Some(_) if parsed.reach == Reach::Subject => return Some(parsed.speaker),
            // "Lydia Buchtmann for Food Standards Australia, says": a person named as the
            // subject speaks, not a place or body the parse left outside the subject.
            None if parsed.reach == Reach::Subject
                && is_person(doc, &parsed.speaker)
                && !is_person(doc, &near) =>
            {
                return Some(parsed.speaker)
            }
            // The name is not in the parsed subject: a misattached clause, or a shared subject
            // further away; the adjacent name is the likelier speaker.
            _ => return Some(near),
        },
        (Some(parsed), None) if is_document_reference(doc, parsed.head) => {
            return last_organisation(doc, index, cue).or(Some(parsed.speaker))
        }
        (Some(parsed), None) if parsed.reach == Reach::Subject => return Some(parsed.speaker),
        // A subject shared with another clause, when it names an entity.
        (Some(parsed), None) => parsed.speaker.entity.is_some().then_some(parsed.speaker),
        (None, Some((near, _))) => return Some(near),
        (None, None) => None,
    };
    if shared.is_some() {
        return shared;
    }
    // After the cue, right after it ("said Austin", "according to U.S. estimates"); only verbs of
    // saying invert like this: after "told" or "accused" comes the addressee.
    // The inverted order ends a clause: `…," said Austin` or `…, said Austin`, never
    // "said France had a duty", where the name starts the reported clause.
    let after_break = cue == lo
        || matches!(doc.surface(cue - 1), ",")
        || doc.tokens[cue - 1].kind == dateline_core::TokenKind::CloseQuote;
    let inverts =
        cue_end - cue > 1 || (after_break && doc.lemma(cue).is_some_and(|l| INVERTING.contains(l)));
    // "said he committed": a name followed by its own verb starts the reported clause.
    let starts_clause = |m: Span| {
        let after = doc.tokens.partition_point(|t| t.span.start() < m.end());
        doc.tokens
            .get(after)
            .and_then(|t| t.pos)
            .is_some_and(|p| p.is_verb() || p == Pos::MD)
    };
    if let Some((entity, mention)) = (inverts && cue_end < hi)
        .then(|| person_in_phrase(doc, index, cue_end, hi).or_else(|| index.get(cue_end)))
        .flatten()
        .filter(|&(_, m)| !starts_clause(m))
    {
        return Some(Speaker {
            entity: Some(entity),
            mention: Some(mention),
            description: None,
        });
    }
    // "according to the defense ministry": the source named after the phrase.
    if cue_end - cue > 1 {
        let end = (cue_end..hi.min(cue_end + 6))
            .find(|&j| is_boundary(doc, j))
            .unwrap_or(hi.min(cue_end + 6));
        if end > cue_end {
            let span = doc.tokens[cue_end].span.cover(doc.tokens[end - 1].span);
            return Some(Speaker {
                entity: None,
                mention: None,
                description: Some(doc.slice(span).to_owned()),
            });
        }
    }
    // A second verb of the subject's ("Putin has not denied … but said"): the sentence's subject.
    let coordinated = i < cue && matches!(doc.surface(i), "but" | "and");
    if coordinated {
        if let Some(found) = coordinated_speaker(doc, index, inside, cue, (lo, hi)) {
            return Some(found);
        }
    }
    if let Some(found) = before_aside(doc, index, cue, lo) {
        return Some(found);
    }
    description_before(doc, cue, lo)
}

/// The speaker of a cue coordinated with another ("… said …, but cautioned that …"): the
/// speaker of the verb of saying it is coordinated with, described or named, by the parse; else
/// the sentence's subject.
fn coordinated_speaker(
    doc: &Document,
    index: &MentionIndex,
    inside: &[bool],
    cue: usize,
    (lo, hi): (usize, usize),
) -> Option<Speaker> {
    let view = doc.view();
    let first = view
        .head(cue)
        .filter(|&h| h >= lo && h < cue && view.relation(cue) == Some("conj"))
        .filter(|&h| doc.lemma(h).is_some_and(|l| INVERTING.contains(l)));
    first
        .and_then(|h| {
            find(
                doc,
                index,
                inside,
                super::Cue {
                    start: h,
                    end: h + 1,
                },
                (lo, hi),
            )
        })
        .or_else(|| subject(doc, index, lo, cue))
}

/// The person whose inverted attribution ends right before the participle cue at `cue` ("…, X
/// said on Thursday, accusing …": the participle is X's next act).
fn attributed_before(
    doc: &Document,
    index: &MentionIndex,
    cue: usize,
    lo: usize,
) -> Option<Speaker> {
    let attribution = (cue.saturating_sub(5).max(lo)..cue - 1)
        .rev()
        .find(|&k| doc.lemma(k).is_some_and(|l| INVERTING.contains(l)));
    attribution
        .filter(|&k| {
            (k + 1..cue - 1).all(|j| {
                doc.tokens[j]
                    .pos
                    .is_some_and(|p| matches!(p, Pos::IN | Pos::NNP | Pos::NN | Pos::RB | Pos::CD))
            })
        })
        .and_then(|k| mention_before(doc, index, k, lo).0)
        .map(|(found, _)| found)
        .filter(|found| is_person(doc, found))
}

/// The person a noun phrase starting at token `start` ends with ("said Kenyan government
/// spokesman Cyrus Mwangi": Mwangi, not the demonym the phrase opens with).
fn person_in_phrase(
    doc: &Document,
    index: &MentionIndex,
    start: usize,
    hi: usize,
) -> Option<(u32, Span)> {
    let end = (start..hi)
        .find(|&j| {
            !doc.tokens[j].pos.is_some_and(|p| {
                matches!(
                    p,
                    Pos::JJ | Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::DT
                )
            })
        })
        .unwrap_or(hi);
    (start..end)
        .filter_map(|k| index.get(k))
        .find(|&(e, _)| entity_kind(doc, e) == Some(EntityType::Person))
}

/// Whether the speaker's mention is a proper name of two or more words ending right before the
/// cue (the recogniser may have joined a person's name to an organisation's).
fn is_adjacent_name(doc: &Document, speaker: &Speaker, cue: usize) -> bool {
    let Some(m) = speaker.mention else {
        return false;
    };
    let tokens = doc.token_range(m);
    tokens.end == cue
        && tokens.len() >= 2
        && doc.tokens[tokens]
            .iter()
            .all(|t| matches!(t.pos, Some(Pos::NNP | Pos::NNPS)))
}

/// The type of entity `id`, found at its index (the pipeline numbers entities in order), in
/// constant time.
#[must_use]
pub fn entity_kind(doc: &Document, id: u32) -> Option<EntityType> {
    doc.entities
        .get(id as usize)
        .filter(|e| e.id == id)
        .map(|e| e.kind)
}

fn is_person(doc: &Document, speaker: &Speaker) -> bool {
    speaker.entity.and_then(|id| entity_kind(doc, id)) == Some(EntityType::Person)
}

/// The entity mention right before the cue, skipping adverbs and auxiliaries ("Austin also said",
/// "South Korea has warned"), a name set off by commas ("…, Steve Tsang, tells") and an aside
/// between dashes ("Dina Mufti - in an interview with VOA - says"); with the token where the
/// search stopped.
fn mention_before(
    doc: &Document,
    index: &MentionIndex,
    cue: usize,
    lo: usize,
) -> (Option<(Speaker, usize)>, usize) {
    let named = |k: usize| {
        index.get(k).map(|(entity, mention)| {
            let found = Speaker {
                entity: Some(entity),
                mention: Some(mention),
                description: None,
            };
            (found, k)
        })
    };
    let mut i = cue;
    while i > lo && cue - i < BEFORE {
        i -= 1;
        if i + 1 == cue && doc.surface(i) == "," && i > lo {
            if let Some(found) = named(i - 1) {
                return (Some(found), i);
            }
        }
        if is_dash(doc, i) {
            if let Some(open) = (lo..i).rev().take(BEFORE * 2).find(|&k| is_dash(doc, k)) {
                i = open;
                continue;
            }
        }
        if let Some(found) = named(i) {
            return (Some(found), i);
        }
        let pos = doc.tokens[i].pos;
        let skippable = pos.is_some_and(|p| {
            matches!(
                p,
                Pos::RB | Pos::MD | Pos::VBZ | Pos::VBD | Pos::VBP | Pos::VB | Pos::VBN
            )
        }) && !is_boundary(doc, i);
        if !skippable {
            break;
        }
    }
    (None, i)
}

/// The name signing a quote that closes at token `close`: a dash right after the closing mark,
/// then a mention in the same paragraph (`"…" - Matthew Ingram`, `"…" — Reuters`).
#[must_use]
pub fn signed(doc: &Document, index: &MentionIndex, close: Option<usize>) -> Option<Speaker> {
    let close = close?;
    let (dash, name) = (close + 1, close + 2);
    let view = doc.view();
    let same_paragraph =
        view.paragraph(name).is_some() && view.paragraph(name) == view.paragraph(close);
    if !same_paragraph || !is_dash(doc, dash) {
        return None;
    }
    let (entity, mention) = index.get(name)?;
    Some(Speaker {
        entity: Some(entity),
        mention: Some(mention),
        description: None,
    })
}

/// A comma-enclosed aside before the cue ("two U.S. officials, speaking on condition of
/// anonymity, said"): the speaker is what comes before the aside.
fn before_aside(doc: &Document, index: &MentionIndex, cue: usize, lo: usize) -> Option<Speaker> {
    if cue <= lo + 1 || doc.surface(cue - 1) != "," {
        return None;
    }
    let comma = (lo.max(cue.saturating_sub(14))..cue - 1)
        .rev()
        .find(|&k| doc.surface(k) == ",")
        .filter(|&c| c > lo)?;
    if let Some((entity, mention)) = index.get(comma - 1) {
        return Some(Speaker {
            entity: Some(entity),
            mention: Some(mention),
            description: None,
        });
    }
    description_before(doc, comma, lo)
}

/// Speakers named in fixed patterns right before the cue: "quoted Jia as saying", and "It" or "the
/// article" standing for the organisation last named.
fn special_subject(doc: &Document, index: &MentionIndex, cue: usize, lo: usize) -> Option<Speaker> {
    // "quoted Jia as saying": the one quoted.
    let as_saying =
        doc.tokens[cue].pos == Some(Pos::VBG) && cue >= lo + 2 && doc.surface(cue - 1) == "as";
    if let Some((entity, mention)) = as_saying.then(|| index.get(cue - 2)).flatten() {
        return Some(Speaker {
            entity: Some(entity),
            mention: Some(mention),
            description: None,
        });
    }
    // "It said", "the article said": the news organisation last named.
    if cue > lo && is_document_reference(doc, cue - 1) {
        if let Some(found) = last_organisation(doc, index, cue) {
            return Some(found);
        }
    }
    None
}

/// The subject of the sentence starting at `lo`, before token `upto`: a document reference
/// ("The article, headlined …, said") stands for the organisation last named; otherwise the first
/// mention before the first verb.
#[must_use]
pub fn sentence_subject(
    doc: &Document,
    index: &MentionIndex,
    lo: usize,
    upto: usize,
) -> Option<Speaker> {
    let head = (lo..upto.min(lo + 3)).find(|&k| doc.tokens[k].pos != Some(Pos::DT))?;
    if is_document_reference(doc, head) {
        return last_organisation(doc, index, lo);
    }
    subject(doc, index, lo, upto)
}

/// Words that, as a subject, stand for the organisation publishing them: "It", "the article".
fn is_document_reference(doc: &Document, i: usize) -> bool {
    DOCUMENT_REFERENCES.contains(doc.view().lower(i))
}

/// The organisation (a news agency, a ministry) most recently mentioned before token `before`.
fn last_organisation(doc: &Document, index: &MentionIndex, before: usize) -> Option<Speaker> {
    (before.saturating_sub(400)..before).rev().find_map(|k| {
        let (entity, mention) = index.get(k)?;
        let e = doc.entities.get(entity as usize)?;
        // A known organisation (with an actor code), not a headline the recogniser took for one.
        (e.kind == EntityType::Org && e.actor.is_some()).then_some(Speaker {
            entity: Some(entity),
            mention: Some(mention),
            description: None,
        })
    })
}

/// The sentence's subject: the first mention before its first verb (titles such as "Chief Cabinet
/// Secretary" may come first); a possessive modifier ("Ukraine's prime minister") is not it.
fn subject(doc: &Document, index: &MentionIndex, lo: usize, cue: usize) -> Option<Speaker> {
    // The first verb ends the subject; a subject with no mention of its own ("Ukraine's prime
    // minister") is kept as a description.
    let verb = (lo..cue).find(|&k| {
        doc.tokens[k]
            .pos
            .is_some_and(|p| p.is_verb() || p == Pos::MD)
    });
    let described = verb
        .filter(|&v| v > lo && v - lo <= 6)
        .filter(|&v| {
            doc.tokens[lo..v].iter().all(|t| {
                t.pos.is_some_and(|p| {
                    matches!(
                        p,
                        Pos::DT
                            | Pos::JJ
                            | Pos::NN
                            | Pos::NNS
                            | Pos::NNP
                            | Pos::NNPS
                            | Pos::Possessive
                            | Pos::PRPS
                    )
                })
            })
        })
        .map(|v| {
            let span = doc.tokens[lo].span.cover(doc.tokens[v - 1].span);
            Speaker {
                entity: None,
                mention: None,
                description: Some(doc.slice(span).to_owned()),
            }
        });
    for k in lo..cue {
        if let Some((entity, mention)) = index.get(k) {
            let possessive = doc
                .tokens
                .get(k + 1)
                .is_some_and(|t| matches!(doc.slice(t.span), "'s" | "\u{2019}s"));
            if !possessive {
                return Some(Speaker {
                    entity: Some(entity),
                    mention: Some(mention),
                    description: None,
                });
            }
        }
        if doc.tokens[k]
            .pos
            .is_some_and(|p| p.is_verb() || p == Pos::MD)
        {
            break;
        }
    }
    described
}

/// The noun phrase ending right before the cue, as text ("A military spokesman").
fn description_before(doc: &Document, cue: usize, lo: usize) -> Option<Speaker> {
    let mut start = cue;
    let mut has_noun = false;
    while start > lo && cue - start < 6 {
        let p = doc.tokens[start - 1].pos?;
        let nominal = matches!(
            p,
            Pos::NN
                | Pos::NNS
                | Pos::NNP
                | Pos::NNPS
                | Pos::JJ
                | Pos::DT
                | Pos::CD
                | Pos::PRPS
                | Pos::Possessive
        );
        if !nominal {
            break;
        }
        has_noun |= matches!(p, Pos::NN | Pos::NNS);
        start -= 1;
    }
    if !has_noun || start == cue {
        return None;
    }
    let span = doc.tokens[start].span.cover(doc.tokens[cue - 1].span);
    Some(Speaker {
        entity: None,
        mention: None,
        description: Some(doc.slice(span).to_owned()),
    })
}
