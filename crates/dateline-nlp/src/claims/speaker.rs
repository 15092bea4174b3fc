//! Who states a claim: the speaker of the quote (direct, partial or indirect) that contains the
//! number, else the source of an `according to` attribution in the same sentence, else nobody
//! (the article states it).

use dateline_core::{Document, Quote, Span};

/// The claimant: an entity, and the words that name it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Claimant {
    /// The entity.
    pub entity: Option<u32>,
    /// The words naming the claimant, also when no entity resolves them.
    pub text: Option<Span>,
}

fn has_speaker(q: &Quote) -> bool {
    q.speaker.is_some() || q.speaker_description.is_some()
}

/// The sentence span that holds byte offset `at`.
fn sentence_at(doc: &Document, at: usize) -> Option<Span> {
    let k = doc.sentences.partition_point(|s| s.span.end() <= at);
    doc.sentences
        .get(k)
        .filter(|s| s.span.start() <= at)
        .map(|s| s.span)
}

/// Where the quote's speaker description is written: the occurrence nearest the cue in the cue's
/// sentence (or the quote's, without a cue).
fn description_span(doc: &Document, q: &Quote) -> Option<Span> {
    let description = q.speaker_description.as_deref().filter(|d| !d.is_empty())?;
    let anchor = q.cue.unwrap_or(q.span).start();
    let sentence = sentence_at(doc, anchor)?;
    let text = sentence.get(&doc.text)?;
    text.match_indices(description)
        .map(|(i, _)| sentence.start() + i)
        .min_by_key(|&start| start.abs_diff(anchor))
        .map(|start| Span::new(start, start + description.len()))
}

fn claimant(doc: &Document, q: &Quote) -> Claimant {
    Claimant {
        entity: q.speaker,
        text: q.speaker_mention.or_else(|| description_span(doc, q)),
    }
}

fn is_according(doc: &Document, q: &Quote) -> bool {
    q.cue.and_then(|c| c.get(&doc.text)).is_some_and(|c| {
        c.get(..9)
            .is_some_and(|w| w.eq_ignore_ascii_case("according"))
    })
}

/// How many quotes before a claim are looked at: quotes nest at most a few deep (a partial quote
/// inside a reported clause), and the bound keeps a document of thousands of quotes linear.
const NESTING: usize = 8;

/// The claimant of the claim phrase `span`. `doc.quotes` are in text order, as the quotes stage
/// leaves them.
#[must_use]
pub fn claimant_of(doc: &Document, span: Span) -> Claimant {
    let quotes = &doc.quotes;
    let upto = quotes.partition_point(|q| q.span.start() <= span.start());
    // The innermost quote with a speaker that holds the number.
    let inside = quotes
        .get(upto.saturating_sub(NESTING)..upto)
        .unwrap_or_default()
        .iter()
        .filter(|q| q.span.contains(span) && has_speaker(q))
        .min_by_key(|q| q.span.len());
    if let Some(q) = inside {
        return claimant(doc, q);
    }
    let Some(sentence) = sentence_at(doc, span.start()) else {
        return Claimant::default();
    };
    // An `according to` attribution in the sentence whose clause missed the number.
    let from = quotes.partition_point(|q| q.span.end() <= sentence.start());
    quotes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|q| q.span.start() < sentence.end())
        .take(NESTING)
        .filter(|q| has_speaker(q) && is_according(doc, q))
        .find(|q| q.cue.is_some_and(|c| sentence.contains(c)))
        .map(|q| claimant(doc, q))
        .unwrap_or_default()
}
