//! What an amount counts and its category: the noun phrase after the number (`10,000 North
//! Korean forces`, `hundreds of square kilometers`), the outcome that follows it or the verb
//! before it (`9 militants were killed`, `arrested six suspects`), or the toll it is given as
//! (`the death toll rose to 17`).

use dateline_core::{Pos, Span};

use super::lexicon::{ClaimLexicon, Role};
use super::numbers::{Amount, AmountKind};
use super::view::View;

/// What an amount counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counted {
    /// The counted words as written.
    pub span: Option<Span>,
    /// The category.
    pub category: Option<String>,
    /// Whether the amount is a measurement that is no claim (`30 kilometers`).
    pub measurement: bool,
    /// Whether the category comes from the lexicon's nouns or outcomes (not only from a unit or
    /// currency): what a strict amount (`several`, `one`) needs.
    pub known: bool,
    /// Whether the counted noun is singular (`a 6.4 earthquake`, `the 300 block`): a number
    /// other than one before it is a measure or a label, unless the noun is a known count noun
    /// (`500 personnel`).
    pub singular: bool,
}

/// How far, in tokens, a counted phrase or an outcome is looked for.
const REACH: usize = 6;

fn is_noun(view: &View, i: usize) -> bool {
    match view.pos(i) {
        Some(Pos::NN | Pos::NNS | Pos::NNPS) => true,
        // Plural nationalities and groups tagged as proper nouns (`Americans`).
        Some(Pos::NNP) => view.lower(i).ends_with('s') && view.capitalized(i),
        _ => false,
    }
}

fn is_modifier(view: &View, i: usize) -> bool {
    let hyphenated =
        view.surface(i).contains('-') && view.surface(i).starts_with(char::is_alphabetic);
    hyphenated
        || view
            .pos(i)
            .is_some_and(|p| matches!(p, Pos::JJ | Pos::JJR | Pos::VBN | Pos::NNP | Pos::NNPS))
}

/// The noun phrase from token `k`: modifiers then nouns, ending on a noun. Returns its first
/// token and its head (last noun).
fn noun_phrase(view: &View, k: usize, hi: usize) -> Option<(usize, usize)> {
    let limit = hi.min(k + REACH);
    let mut i = k;
    let mut head = None;
    while i < limit {
        if is_noun(view, i) {
            head = Some(i);
        } else if head.is_some() || !is_modifier(view, i) {
            break;
        }
        i += 1;
    }
    // A run of proper-noun modifiers with no noun after it is a name, not a counted phrase.
    head.map(|h| (k, h))
}

/// Skips a partitive `of` and its determiner (`dozens of`, `14 of the`).
fn skip_of(view: &View, lex: &ClaimLexicon, a: &Amount, k: usize) -> usize {
    if view.lower(k) != "of" {
        return k;
    }
    let next = view.lower(k + 1);
    let by_kind = matches!(a.kind, AmountKind::Vague | AmountKind::Fraction);
    if lex.has_role(next, Role::Partitive) {
        k + 2
    } else if by_kind {
        k + 1
    } else {
        k
    }
}

/// The outcome category in the words after token `k` (`were killed`, `dead`).
fn outcome_after(view: &View, lex: &ClaimLexicon, k: usize, hi: usize) -> Option<String> {
    let mut i = k;
    while i < hi.min(k + REACH) {
        let word = view.lower(i);
        let auxiliary = |w: &str| lex.has_role(w, Role::Auxiliary);
        let relative = matches!(word, "who" | "that") && auxiliary(view.lower(i + 1));
        if auxiliary(word) || relative {
            i += 1;
            continue;
        }
        return lex.outcome_category(word).map(str::to_owned);
    }
    None
}

/// The outcome category of the verb right before the claim phrase (`killed at least 9`).
fn outcome_before(view: &View, lex: &ClaimLexicon, start: usize, lo: usize) -> Option<String> {
    let prev = start.checked_sub(1).filter(|&p| p >= lo)?;
    view.pos(prev)
        .is_some_and(Pos::is_verb)
        .then(|| lex.outcome_category(view.lower(prev)))
        .flatten()
        .map(str::to_owned)
}

/// A toll word shortly before the claim phrase (`the death toll rose to 17`): its span, with the
/// word before it, and the category that word gives.
fn toll_before(view: &View, lex: &ClaimLexicon, start: usize, lo: usize) -> Option<(Span, String)> {
    let toll = (lo.max(start.saturating_sub(REACH + 2))..start)
        .rev()
        .find(|&i| lex.has_role(view.lower(i), Role::Toll))?;
    let modifier = toll
        .checked_sub(1)
        .filter(|&m| m >= lo && view.pos(m).is_some_and(|p| matches!(p, Pos::NN | Pos::JJ)));
    let first = modifier.unwrap_or(toll);
    let category = modifier
        .and_then(|m| {
            let w = view.lower(m);
            lex.noun_category(w).or_else(|| lex.outcome_category(w))
        })
        .unwrap_or("casualties");
    Some((view.cover(first, toll)?, category.to_owned()))
}

/// What the amount `a`, whose claim phrase spans tokens `[start, end)` of the sentence `[lo,
/// hi)`, counts.
#[must_use]
pub fn counted(
    view: &View,
    lex: &ClaimLexicon,
    a: &Amount,
    (start, end): (usize, usize),
    (lo, hi): (usize, usize),
) -> Counted {
    let mut out = Counted::default();
    let mut k = skip_of(view, lex, a, end);
    // "$2 billion in aid", "52 percent of the vote": what the money is for, what the share is of.
    let linked = (a.currency.is_some() && matches!(view.lower(k), "in" | "of" | "for"))
        || (a.percent && view.lower(k) == "of");
    if linked {
        k += 1;
        if lex.has_role(view.lower(k), Role::Partitive) {
            k += 1;
        }
    }
    let mut after = k;
    if let Some(unit) = view.phrase_at(lex.units(), k, hi) {
        let last = k + unit.words.len() - 1;
        out.span = view.cover(k, last);
        out.category.clone_from(&unit.value);
        out.measurement = unit.value.is_none();
        after = last + 1;
    } else if let Some((first, head)) = noun_phrase(view, k, hi)
        // "$500m last year": a time is not what money counts.
        .filter(|&(_, head)| !lex.has_role(view.lower(head), Role::TimeUnit))
    {
        out.span = view.cover(first, head);
        let head_word = view.lower(head);
        // Two-word nouns are keyed whole (`asylum seekers`, `air strikes`).
        let pair = head
            .checked_sub(1)
            .filter(|&p| p >= first)
            .map(|p| format!("{} {}", view.lower(p), head_word));
        let noun = pair
            .as_deref()
            .and_then(|p| lex.noun_category(p))
            .or_else(|| lex.noun_category(head_word));
        if let Some(c) = noun {
            out.category = Some(c.to_owned());
            out.known = true;
        }
        out.singular = view.pos(head) == Some(Pos::NN);
        after = head + 1;
    }
    if a.currency.is_some() {
        out.category = Some("money".to_owned());
        return out;
    }
    if a.percent {
        out.category = Some("percent".to_owned());
        return out;
    }
    if out.measurement || out.category.as_deref().is_some_and(|c| c == "area") {
        return out;
    }
    let outcome =
        outcome_after(view, lex, after, hi).or_else(|| outcome_before(view, lex, start, lo));
    if let Some(c) = outcome {
        out.category = Some(c);
        out.known = true;
    } else if out.span.is_none() {
        if let Some((span, category)) = toll_before(view, lex, start, lo) {
            out.span = Some(span);
            out.category = Some(category);
            out.known = true;
        }
    }
    out
}
