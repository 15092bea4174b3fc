//! The claims stage: the numbers an article reports, each with its qualifier (`at least`, `some`),
//! what it counts (`North Korean forces`), a category (`troops`, `killed`, `money`, `percent`,
//! `area`, …) and who states it.
//!
//! It runs after segmentation, tagging, entities and quotes. For every sentence it reads amounts
//! (`numbers`: digits, number words, vague words, fractions, money, percentages), drops those
//! that are dates, durations, ages, clock times, names or list markers (`context`), finds what
//! they count and their category (`counts`) and their speaker through the quotes layer
//! (`speaker`). All word lists are data files in `resources/claims/` (`lexicon`).
//!
//! ```
//! use dateline_core::{ClaimValue, Document, Stage};
//! use dateline_nlp::claims::ClaimStage;
//!
//! let mut doc = Document::from_text("At least 17 people were killed in the clashes.");
//! dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
//! ClaimStage::default().run(&mut doc);
//! let claim = &doc.claims[0];
//! assert_eq!(claim.value, ClaimValue::Number(17.0));
//! assert_eq!(claim.qualifier.as_deref(), Some("at least"));
//! assert_eq!(claim.category.as_deref(), Some("killed"));
//! assert_eq!(doc.slice(claim.span), "At least 17");
//! ```

mod context;
mod counts;
mod lexicon;
mod numbers;
mod speaker;
mod view;

use dateline_core::{Claim, ClaimValue, Document, Stage};
use rustc_hash::FxHashMap;

use lexicon::ClaimLexicon;
use numbers::Amount;
use view::View;

/// The claims stage.
#[derive(Debug)]
pub struct ClaimStage {
    lexicon: &'static ClaimLexicon,
}

impl Default for ClaimStage {
    fn default() -> Self {
        ClaimStage {
            lexicon: ClaimLexicon::embedded(),
        }
    }
}

impl Stage for ClaimStage {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn run(&self, doc: &mut Document) {
        let claims = self.claims(doc);
        doc.claims = claims;
    }
}

/// A qualifier around an amount: its class and where the claim phrase then starts and ends.
struct Qualified {
    class: Option<String>,
    start: usize,
    end: usize,
}

impl ClaimStage {
    /// The claims of `doc`, in text order, one per value and counted thing.
    #[must_use]
    pub fn claims(&self, doc: &Document) -> Vec<Claim> {
        let view = View::new(doc);
        let mut claims: Vec<Claim> = Vec::new();
        let mut seen = FxHashMap::default();
        for sentence in &doc.sentences {
            let lo = sentence.first_token as usize;
            let hi = (sentence.end_token as usize).min(view.len());
            let mut i = lo;
            while i < hi {
                let Some(amount) = numbers::amount_at(&view, self.lexicon, i, hi) else {
                    i += 1;
                    continue;
                };
                i = amount.end.max(i + 1);
                if let Some(claim) = self.claim(&view, &amount, lo, hi) {
                    add(&mut claims, &mut seen, claim);
                }
            }
        }
        claims
    }

    fn qualify(&self, view: &View, a: &Amount, lo: usize, hi: usize) -> Qualified {
        let before = view.phrase_ending_at(self.lexicon.qualifiers_before(), lo, a.first);
        let after = view.phrase_at(self.lexicon.qualifiers_after(), a.end, hi);
        Qualified {
            class: before.or(after).map(|p| p.value.clone()),
            start: a.first - before.map_or(0, |p| p.words.len()),
            end: a.end + after.map_or(0, |p| p.words.len()),
        }
    }

    fn claim(&self, view: &View, a: &Amount, lo: usize, hi: usize) -> Option<Claim> {
        let lex = self.lexicon;
        let q = self.qualify(view, a, lo, hi);
        let place = context::Place {
            start: q.start,
            end: q.end,
            qualified: q.class.is_some(),
            lo,
            hi,
        };
        if context::rejected(view, lex, a, &place) {
            return None;
        }
        let counted = counts::counted(view, lex, a, (q.start, q.end), (lo, hi));
        if counted.measurement {
            return None;
        }
        let priced = a.currency.is_some() || a.percent;
        // "several", a lone "one": only with a counted noun or outcome the lexicon knows.
        if a.strict && !counted.known {
            return None;
        }
        let many = matches!(a.value, ClaimValue::Number(n) if (n - 1.0).abs() >= f64::EPSILON);
        if counted.singular && !counted.known && !priced && many {
            return None;
        }
        // A bare number with nothing counted and no category says too little to be a claim.
        if !priced && counted.span.is_none() && counted.category.is_none() {
            return None;
        }
        let span = view.cover(q.start, q.end.checked_sub(1)?)?;
        let doc = view.doc();
        let counts = counted
            .span
            .and_then(|s| s.get(&doc.text))
            .map(str::to_owned)
            .or_else(|| a.currency.clone());
        let who = speaker::claimant_of(doc, span);
        Some(Claim {
            value: a.value.clone(),
            qualifier: q.class,
            counts,
            category: counted.category,
            speaker: who.entity,
            speaker_text: who.text,
            span,
        })
    }
}

/// What makes two claims the same: the value, the counted words (lowercase) and the category.
type Key = (ValueKey, Option<String>, Option<String>);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ValueKey {
    Number(u64),
    Word(String),
}

fn key(c: &Claim) -> Key {
    let value = match &c.value {
        ClaimValue::Number(n) => ValueKey::Number(n.to_bits()),
        ClaimValue::Word(w) => ValueKey::Word(w.clone()),
    };
    (
        value,
        c.counts.as_deref().map(str::to_lowercase),
        c.category.clone(),
    )
}

/// Adds `claim` unless an earlier one states the same; a repeat lends its speaker to the first
/// mention when that has none (a headline figure attributed further down).
fn add(claims: &mut Vec<Claim>, seen: &mut FxHashMap<Key, usize>, claim: Claim) {
    let k = key(&claim);
    if let Some(first) = seen.get(&k).and_then(|&i| claims.get_mut(i)) {
        if first.speaker.is_none() && first.speaker_text.is_none() {
            first.speaker = claim.speaker;
            first.speaker_text = claim.speaker_text;
        }
        return;
    }
    seen.insert(k, claims.len());
    claims.push(claim);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Document {
        let mut doc = Document::from_text(text);
        crate::standard_pipeline(&crate::Config::default()).run(&mut doc);
        ClaimStage::default().run(&mut doc);
        doc
    }

    #[test]
    fn repeated_figures_are_one_claim() {
        let doc = run("Some 300 soldiers were killed. Officials said 300 soldiers were killed.");
        assert_eq!(doc.claims.len(), 1, "{:?}", doc.claims);
        assert_eq!(doc.slice(doc.claims[0].span), "Some 300");
    }

    #[test]
    fn empty_and_numberless_documents_have_no_claims() {
        assert!(run("").claims.is_empty());
        assert!(run("Talks resumed on Monday in Geneva.").claims.is_empty());
    }

    #[test]
    fn spans_point_at_the_number_phrase() {
        let doc = run("The fund lost $2 billion and 52 percent of its value.");
        let phrases: Vec<&str> = doc.claims.iter().map(|c| doc.slice(c.span)).collect();
        assert_eq!(phrases, ["$2 billion", "52 percent"]);
    }
}
