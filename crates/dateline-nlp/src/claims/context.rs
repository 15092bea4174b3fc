//! The context that makes a number something other than a claim: a date (`October 30`, `in
//! 2011`), a duration or an age (`three years`, `aged 16`, `Smith, 45,`), a clock time
//! (`10:30`, `9 a.m.`), a name or title (`Resolution 2254`, `Flight 17`), a list marker, a
//! ratio (`one in five`), a re-mention after a determiner (`the two leaders`), or a number that
//! is part of a named entity.

use dateline_core::{EntityType, Pos, TokenKind};

use super::lexicon::{ClaimLexicon, Role};
use super::numbers::{Amount, AmountKind};
use super::view::View;

/// Where an amount sits: its first token with any qualifier, and the sentence bounds.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// First token of the claim phrase, including a qualifier before the number.
    pub start: usize,
    /// One past the last token of the claim phrase, including a qualifier after it.
    pub end: usize,
    /// Whether a qualifier was found.
    pub qualified: bool,
    /// First token of the sentence.
    pub lo: usize,
    /// One past the sentence's last token.
    pub hi: usize,
}

/// Words that may stand between a number and its unit of time ("three more years", "two full
/// days") are adjectives; one is skipped.
fn time_unit_follows(view: &View, lex: &ClaimLexicon, k: usize, hi: usize) -> bool {
    let is_unit = |i: usize| i < hi && lex.has_role(view.lower(i), Role::TimeUnit);
    let adjective = view
        .pos(k)
        .is_some_and(|p| matches!(p, Pos::JJ | Pos::JJR | Pos::RB));
    is_unit(k) || (adjective && is_unit(k + 1))
}

fn is_date(view: &View, lex: &ClaimLexicon, a: &Amount, place: &Place) -> bool {
    let month = |i: usize| lex.has_role(view.lower(i), Role::Month);
    let digits = a.kind == AmountKind::Digits;
    // "October 30", "30 October"; a written number after a month is rare enough to read alike.
    let before = place.start > place.lo && month(place.start - 1);
    let after = digits && place.end < place.hi && month(place.end);
    before || after
}

fn is_clock(view: &View, lex: &ClaimLexicon, a: &Amount, place: &Place) -> bool {
    let colon = |i: usize| view.lower(i) == ":";
    let number = |i: usize| view.kind(i) == Some(TokenKind::Number);
    let (first, end) = a.core;
    let colon_before = first >= place.lo + 2 && colon(first - 1) && number(first - 2);
    let colon_after = end + 1 < place.hi && colon(end) && number(end + 1);
    let marker = end < place.hi && lex.has_role(view.lower(end), Role::Clock);
    colon_before || colon_after || marker
}

/// A title or proper name right before the number (`Resolution 2254`, `Boeing 737`).
fn is_name(view: &View, lex: &ClaimLexicon, place: &Place) -> bool {
    if place.qualified || place.start <= place.lo {
        return false;
    }
    let prev = place.start - 1;
    let word = view.lower(prev);
    if lex.has_role(word, Role::Name) || matches!(word, "#" | "+") {
        return true;
    }
    let proper = view
        .pos(prev)
        .is_some_and(|p| matches!(p, Pos::NNP | Pos::NNPS));
    proper && view.capitalized(prev) && !lex.has_role(word, Role::Month)
}

/// An age: after `aged`, or set off by commas or brackets after a name (`Smith, 45, said`).
fn is_age(view: &View, lex: &ClaimLexicon, a: &Amount, place: &Place) -> bool {
    if place.start > place.lo && lex.has_role(view.lower(place.start - 1), Role::Age) {
        return true;
    }
    if a.kind != AmountKind::Digits || place.qualified || a.currency.is_some() || a.percent {
        return false;
    }
    let (first, end) = a.core;
    let opens = first >= place.lo + 2 && matches!(view.lower(first - 1), "," | "(");
    let after_name = opens && view.pos(first - 2).is_some_and(Pos::is_proper_noun);
    let closes = end >= place.hi || matches!(view.lower(end), "," | ")" | ".");
    after_name && closes
}

/// A list marker or bracketed reference: `(3)`, a sentence that is only `1.`, `1 of 5`.
fn is_marker(view: &View, a: &Amount, place: &Place) -> bool {
    if a.kind != AmountKind::Digits || place.qualified {
        return false;
    }
    let (first, end) = a.core;
    let bracketed = first > place.lo && view.lower(first - 1) == "(" && view.lower(end) == ")";
    let listed = first == place.lo
        && matches!(view.lower(end), "." | ")")
        && place.hi.saturating_sub(place.lo) <= 2;
    let of_number = view.lower(end) == "of" && view.kind(end + 1) == Some(TokenKind::Number);
    bracketed || listed || of_number
}

/// `one in five`: the second number of a ratio.
fn is_ratio(view: &View, place: &Place) -> bool {
    place.start >= place.lo + 2
        && view.lower(place.start - 1) == "in"
        && (view.kind(place.start - 2) == Some(TokenKind::Number)
            || matches!(
                view.lower(place.start - 2),
                "one" | "two" | "three" | "four"
            ))
}

/// A four-digit number in the range of years is a year unless a plural noun follows and no
/// preposition of time or comma comes before (`in 2011`, `the 2011 revolution`, `March 3, 2019`
/// are years; `1500 soldiers`, `some 2000 troops` are counts).
fn is_year(view: &View, lex: &ClaimLexicon, a: &Amount, place: &Place) -> bool {
    if !a.year_like {
        return false;
    }
    let next = a.end;
    let plural = next < place.hi
        && view
            .pos(next)
            .is_some_and(|p| matches!(p, Pos::NNS | Pos::NNPS));
    let after_prep = place.start > place.lo
        && (lex.has_role(view.lower(place.start - 1), Role::YearPrep)
            || view.lower(place.start - 1) == ",");
    !plural || (after_prep && !place.qualified)
}

/// A bare number after a determiner refers back or labels (`the two leaders`, `its 2011
/// revolution`); money keeps its claim (`the $2 billion package`).
fn after_determiner(view: &View, lex: &ClaimLexicon, a: &Amount, place: &Place) -> bool {
    !place.qualified
        && a.currency.is_none()
        && place.start > place.lo
        && lex.has_role(view.lower(place.start - 1), Role::Determiner)
}

/// `one` as a pronoun or in a fixed phrase: `no one`, `one of the`, `one another`.
fn is_pronoun_one(view: &View, lex: &ClaimLexicon, a: &Amount, place: &Place) -> bool {
    if a.core.1 != a.core.0 + 1 || view.lower(a.core.0) != "one" {
        return false;
    }
    let prev = place.start > place.lo && lex.has_role(view.lower(place.start - 1), Role::NotOne);
    prev || lex.has_role(view.lower(a.core.1), Role::AfterOne)
}

/// Whether the number is inside a named entity that is not a place or a group: a date, a person,
/// an organisation, a law (`G20`, `Resolution 2254` when the recogniser took the number).
/// A year-shaped count (`1500 soldiers`) is often taken for a date by the recogniser; the year
/// test has already decided those.
fn inside_name(view: &View, a: &Amount) -> bool {
    let Some(span) = view.cover(a.core.0, a.core.1.saturating_sub(1)) else {
        return false;
    };
    view.names_containing(span).any(|kind| {
        let skipped = matches!(kind, EntityType::Gpe | EntityType::Loc | EntityType::Norp)
            || (a.year_like && kind == EntityType::Date);
        !skipped
    })
}

/// Whether the amount at `place` is not a claim.
#[must_use]
pub fn rejected(view: &View, lex: &ClaimLexicon, a: &Amount, place: &Place) -> bool {
    let measured = a.currency.is_some() || a.percent;
    // Money and shares are claims whatever time words stand around them.
    let timed = || {
        time_unit_follows(view, lex, place.end, place.hi)
            || is_date(view, lex, a, place)
            || is_clock(view, lex, a, place)
            || inside_name(view, a)
    };
    (!measured && timed())
        || is_name(view, lex, place)
        || is_age(view, lex, a, place)
        || is_marker(view, a, place)
        || is_ratio(view, place)
        || is_year(view, lex, a, place)
        || after_determiner(view, lex, a, place)
        || is_pronoun_one(view, lex, a, place)
}
