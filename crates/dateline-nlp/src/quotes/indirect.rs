//! Indirect speech: the clause a reporting cue introduces ("Austin said on Wednesday that …"), the
//! clause before an inverted attribution ("…, Austin said."), and "according to" sources.

use std::sync::LazyLock;

use dateline_core::{Document, Pos, Span, TokenKind};
use rustc_hash::FxHashSet;

/// Words that may sit between a cue and its clause ("told reporters on Wednesday that").
static BRIDGE: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| crate::data::word_set(include_str!("../../resources/lexicon/cue-bridge.txt")));

/// Time words that may sit between a cue and its clause ("said last week that").
static BRIDGE_TIME: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::data::word_set(include_str!("../../resources/lexicon/cue-bridge-time.txt"))
});

/// Cues whose noun-phrase object is what was said ("accused Minsk of …", "urged restraint").
static OBJECT_CONTENT: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::data::word_set(include_str!(
        "../../resources/lexicon/cues-object-content.txt"
    ))
});

/// Prepositions that open a clause, not a phrase ("said if …", "said because …").
static SUBORDINATORS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::data::word_set(include_str!("../../resources/lexicon/clause-openers.txt"))
});

fn is_time_word(doc: &Document, i: usize) -> bool {
    BRIDGE_TIME.contains(doc.surface(i))
}

fn is_punct(doc: &Document, i: usize) -> bool {
    matches!(doc.tokens[i].kind, TokenKind::Punct | TokenKind::Ellipsis)
}

/// The span of tokens `[first, end)`, or `None` when it is shorter than `min` word tokens.
fn clause(doc: &Document, first: usize, end: usize, min: usize) -> Option<Span> {
    let mut end = end;
    while end > first
        && (is_punct(doc, end - 1) || doc.tokens[end - 1].kind == TokenKind::CloseQuote)
    {
        end -= 1;
    }
    let words = (first..end).filter(|&i| !is_punct(doc, i)).count();
    (words >= min).then(|| doc.tokens[first].span.cover(doc.tokens[end - 1].span))
}

/// The clause a cue at `[cue, cue_end)` reports, in a sentence of tokens `[lo, hi)`; `speaker_at`
/// is the first token of the speaker's mention when it has one.
pub fn content(
    doc: &Document,
    cue: usize,
    cue_end: usize,
    speaker_at: Option<usize>,
    lo: usize,
    hi: usize,
    according: bool,
) -> Option<Span> {
    let comma_before = |at: usize| (lo..at).rev().find(|&i| doc.surface(i) == ",");
    if according {
        // "…, according to X" reports what comes before; "According to X, …" what comes after.
        if let Some(comma) = comma_before(cue) {
            return clause(doc, lo, comma, 3);
        }
        let after = (cue_end..hi).find(|&i| doc.surface(i) == ",")?;
        return clause(doc, after + 1, hi, 3);
    }
    // Inverted: the attribution closes the clause ("…, Austin said." / "…, said Austin").
    let first_of_attribution = speaker_at.map_or(cue, |s| s.min(cue));
    // "…, X said on Thursday, accusing Minsk of …": a participle after the attribution is the
    // speaker's next act, and the tail ends before it.
    // So does a clause of its own after a comma ("…, the ministry said on Thursday, as
    // demonstrations entered a third night").
    let tail_end = (cue_end..hi)
        .find(|&i| {
            doc.surface(i) == ","
                && doc
                    .tokens
                    .get(i + 1)
                    .and_then(|t| t.pos)
                    .is_some_and(|p| matches!(p, Pos::VBG | Pos::IN | Pos::WRB))
        })
        .unwrap_or(hi);
    // "…, spokesman X told state television.": the addressee is part of the attribution.
    let tell = doc.lemma(cue) == Some("tell");
    // "cautioned that North Korea, in exchange …": a complementiser opens the report itself.
    let opens_report = cue_end < hi && doc.view().lower(cue_end) == "that";
    let rest_is_tail = !opens_report
        && (cue_end..tail_end).all(|i| {
            let addressee = |p: Pos| matches!(p, Pos::DT | Pos::JJ | Pos::NN | Pos::NNS | Pos::PRP);
            (tell && doc.tokens[i].pos.is_some_and(addressee))
                || is_punct(doc, i)
                || is_time_word(doc, i)
                || BRIDGE.contains(doc.surface(i))
                || doc.tokens[i].pos == Some(Pos::NNP)
        });
    let comma = comma_before(first_of_attribution).filter(|&c| c > lo);
    if let Some(comma) = comma {
        // "Guyana, she said, would rely on diplomacy": an attribution set into the clause it
        // reports; the report goes on after it. Not when the part before holds a verb of its
        // own ("Forces have been deployed, Austin said, in what …").
        let verbless_before = !(lo..comma).any(|k| {
            doc.tokens[k]
                .pos
                .is_some_and(|p| p.is_verb() || p == Pos::MD)
        });
        let set_in = !rest_is_tail
            && verbless_before
            && speaker_at.is_none_or(|s| s < cue)
            && cue_end + 1 < hi
            && doc.surface(cue_end) == ",";
        if set_in {
            if let Some(span) = clause(doc, cue_end + 1, hi, 3) {
                return Some(span);
            }
        }
        if rest_is_tail
            || speaker_at.is_some_and(|s| s > cue)
            || (cue_end < hi && doc.surface(cue_end) == ",")
        {
            return clause(doc, lo, comma, 3);
        }
    }
    // Normal order: skip the addressee of "tell" and bridging words, then take the clause.
    let mut start = after_addressee(doc, cue, cue_end, hi);
    start = past_phrase_before_that(doc, cue, start, hi);
    while start < hi && (BRIDGE.contains(doc.surface(start)) || is_time_word(doc, start)) {
        start += 1;
    }
    // When quoted words end the clause, the indirect content stops before the opening mark;
    // quoted words inside the clause stay in it.
    let open = (start..hi).find(|&i| doc.tokens[i].kind == TokenKind::OpenQuote);
    let quote_ends_clause = open.is_some_and(|o| {
        let close = (o + 1..hi).find(|&i| doc.tokens[i].kind == TokenKind::CloseQuote);
        close.is_none_or(|c| (c + 1..hi).all(|i| is_punct(doc, i)))
    });
    let end = if quote_ends_clause {
        open.unwrap_or(hi)
    } else {
        hi
    };
    // A report is a clause, or the object of a cue that takes what was said as its object:
    // "recalled its ambassador" and "responded with rocket fire" report no words (a quoted
    // part still does).
    let object_content = doc.lemma(cue).is_some_and(|l| OBJECT_CONTENT.contains(l));
    let reports = object_content
        || (start..end).any(|i| {
            doc.tokens[i].pos.is_some_and(|p| {
                is_finite(p)
                    || (p == Pos::VB && i > start && doc.surface(i - 1).eq_ignore_ascii_case("to"))
            }) || doc.tokens[i].kind == TokenKind::OpenQuote
        });
    // A clause with its own finite verb may be short ("said talks failed"); an object alone
    // needs more words to be a report ("accused Russia" is not one).
    reports
        .then(|| clause(doc, start, end, 2))
        .flatten()
        .filter(|&span| is_finite_clause(doc, span) || clause(doc, start, end, 4).is_some())
}

/// The first token after a cue's addressee: "told reporters", "told the VOA", "told Reuters" —
/// one noun phrase after a form of "tell"; what follows it is the report ("told VOA Jia's
/// comments are …"). Other cues take no addressee.
fn after_addressee(doc: &Document, cue: usize, cue_end: usize, hi: usize) -> usize {
    let mut start = cue_end;
    if doc.lemma(cue).is_none_or(|l| l != "tell") {
        return start;
    }
    let pos = |i: usize| doc.tokens.get(i).and_then(|t| t.pos);
    while start < hi && pos(start).is_some_and(|p| matches!(p, Pos::DT | Pos::JJ)) {
        start += 1;
    }
    let proper = start < hi && pos(start).is_some_and(|p| matches!(p, Pos::NNP | Pos::NNPS));
    let noun = |p: Pos| {
        if proper {
            matches!(p, Pos::NNP | Pos::NNPS)
        } else {
            matches!(p, Pos::NN | Pos::NNS | Pos::PRP)
        }
    };
    let mut taken = 0;
    while start < hi && pos(start).is_some_and(noun) && (proper || taken == 0) && taken < 3 {
        start += 1;
        taken += 1;
    }
    // Two proper names in a row ("VOA Jia"): the second starts the report.
    if proper && taken > 1 {
        start -= taken - 1;
    }
    start
}

/// Whether `span` is a finite clause ("they would turn violent"), not an infinitive ("to be
/// targeted …") or a noun phrase.
#[must_use]
pub fn is_finite_clause(doc: &Document, span: Span) -> bool {
    let mut tokens = doc.token_range(span);
    if tokens
        .next()
        .is_some_and(|i| doc.surface(i).eq_ignore_ascii_case("to"))
    {
        return false;
    }
    doc.token_range(span)
        .any(|i| doc.tokens[i].pos.is_some_and(is_finite))
}

/// Where a report after a cue starts when a phrase without a verb sits between the cue and the
/// complementiser: "said in a statement that …", "told the council that …" (a prepositional
/// phrase or an addressee; not "said if such a move that …"). `start` otherwise.
fn past_phrase_before_that(doc: &Document, cue: usize, start: usize, hi: usize) -> usize {
    let phrase_first = doc
        .tokens
        .get(start)
        .and_then(|t| t.pos)
        .is_some_and(|p| p == Pos::IN && !SUBORDINATORS.contains(doc.view().lower(start)))
        || doc.lemma(cue) == Some("tell");
    let Some(that) = phrase_first
        .then(|| (start..hi.min(start + 8)).find(|&k| doc.surface(k) == "that"))
        .flatten()
    else {
        return start;
    };
    let verbless = (start..that).all(|k| {
        !doc.tokens[k]
            .pos
            .is_some_and(|p| p.is_verb() || matches!(p, Pos::MD | Pos::WDT | Pos::WP))
            && !is_punct(doc, k)
    });
    // A relative "that" is followed by its verb ("a statement that said").
    let opens_clause = doc
        .tokens
        .get(that + 1)
        .and_then(|t| t.pos)
        .is_some_and(|p| !p.is_verb() && p != Pos::MD);
    if verbless && opens_clause {
        that
    } else {
        start
    }
}

/// Whether a tag is a finite verb or a modal.
fn is_finite(p: Pos) -> bool {
    matches!(p, Pos::VBD | Pos::VBZ | Pos::VBP | Pos::MD)
}
