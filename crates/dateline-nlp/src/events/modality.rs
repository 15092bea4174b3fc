//! The modality of an event: asserted, reported (inside a quote or reported speech), or marked
//! by a word before its trigger ("if", "could", "plans to", "has not").

use dateline_core::{Document, Modality};

use super::function_words::{self, Class};
use super::lexicon::EventLexicon;

/// How far before a trigger, in tokens, a hypothetical, intended or negated marker counts.
const NEAR: usize = 6;
/// How far before a trigger an "if" makes its whole sentence conditional.
const FAR: usize = 40;

/// The modality marked before the trigger at token `trigger`, searching back to `lo` (the
/// clause or sentence start). A negation wins; then a condition anywhere earlier in the sentence;
/// then the nearest hypothetical or intended marker. `None` when nothing marks it.
pub fn marked(doc: &Document, lex: &EventLexicon, lo: usize, trigger: usize) -> Option<Modality> {
    let mut nearest = None;
    let mut conditional = false;
    let start = lo.max(trigger.saturating_sub(FAR));
    for i in (start..trigger).rev() {
        let near = trigger - i <= NEAR;
        let w = doc.view().lower(i);
        if near && matches!(w, "," | ";" | ":") {
            // A clause boundary ends the reach of near markers, not of a condition.
            nearest = nearest.or(Some(None));
        }
        for kind in phrase_at(doc, lex, i, w) {
            match kind {
                Modality::Conditional => conditional = true,
                Modality::Negated if near && nearest != Some(None) => {
                    return Some(Modality::Negated)
                }
                k if near && nearest.is_none() => nearest = Some(Some(k)),
                _ => {}
            }
        }
    }
    if conditional {
        return Some(Modality::Conditional);
    }
    nearest.flatten()
}

/// Modalities of the phrases that start at token `i` (whose lowercase word is `w`).
fn phrase_at(doc: &Document, lex: &EventLexicon, i: usize, w: &str) -> Vec<Modality> {
    let lemma = doc.lemma(i).filter(|l| *l != w);
    let candidates = lex
        .modality_phrases(w)
        .chain(lemma.into_iter().flat_map(|l| lex.modality_phrases(l)));
    candidates
        .filter(|(words, _)| {
            words
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, want)| doc.view().lower(i + k) == *want)
        })
        .map(|&(_, kind)| kind)
        .collect()
}

/// The modality the verb governing the trigger at token `trigger` gives it by the parse: the
/// trigger is that verb's controlled infinitive (`xcomp`, or a verb coordinated with one:
/// "threatened to ban … and arrest") and the verb is listed (`governing-modality.tsv`).
pub fn governed(doc: &Document, lex: &EventLexicon, trigger: usize) -> Option<Modality> {
    let view = doc.view();
    let mut v = trigger;
    if view.relation(v) == Some("conj") {
        v = view.head(v)?;
    }
    let head = view.head(v)?;
    // An infinitive the parser attached as an adverbial clause ("threatened on Monday to attack").
    let infinitive = view.relation(v) == Some("advcl")
        && view
            .dependents(v, head.min(v)..v)
            .any(|k| view.relation(k) == Some("mark") && view.lower(k) == "to");
    if view.relation(v) != Some("xcomp") && !infinitive {
        return None;
    }
    // An adjective has no verb lemma: its word ("are *due* to meet").
    lex.governing_modality(doc.lemma(head).unwrap_or_else(|| view.lower(head)))
}

/// Whether the trigger at token `trigger` follows, within its clause, the future of reported
/// speech ("said they *would* boycott"): inside reported speech its hypothetical is an intention.
pub fn backshifted(doc: &Document, lo: usize, trigger: usize) -> bool {
    let start = lo.max(trigger.saturating_sub(NEAR));
    (start..trigger)
        .rev()
        .map(|i| doc.view().lower(i))
        .take_while(|w| !matches!(*w, "," | ";" | ":"))
        .any(|w| function_words::is(Class::Backshift, w))
}
