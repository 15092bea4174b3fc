//! The quotes stage (ARCHITECTURE.md layer 5): direct and partial quotes from quotation marks,
//! indirect speech from reporting cues, each with its speaker resolved through the entity layer
//! and its cue.

mod coref;
mod cues;
mod indirect;
mod marks;
mod sources;
mod speaker;
mod syntax;

use dateline_core::{Document, Quote, QuoteKind, Span, Stage};

pub use cues::Cues;
use speaker::{MentionIndex, Speaker};

/// The quotes stage.
#[derive(Debug)]
pub struct QuoteStage {
    cues: &'static Cues,
}

impl Default for QuoteStage {
    fn default() -> Self {
        QuoteStage {
            cues: Cues::embedded(),
        }
    }
}

/// How far from a cue, in tokens, its speaker and clause are looked for: bounds the work per cue
/// so that no input (a 50,000-word "sentence" of quote marks) makes the stage quadratic.
const WINDOW: usize = 80;

/// The part of the sentence `[lo, hi)` within [`WINDOW`] tokens of `cue`.
fn around(cue: Cue, lo: usize, hi: usize) -> (usize, usize) {
    (
        lo.max(cue.start.saturating_sub(WINDOW)),
        hi.min(cue.end + WINDOW),
    )
}

/// A cue at tokens `[start, end)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    start: usize,
    end: usize,
}

impl QuoteStage {
    fn cue_at(&self, doc: &Document, i: usize) -> Option<Cue> {
        if let Some(len) = self.cues.phrase_at(doc, i) {
            return Some(Cue {
                start: i,
                end: i + len,
            });
        }
        let verb = doc.tokens[i].pos.is_some_and(dateline_core::Pos::is_verb);
        // "called on North Korea to withdraw", "calls for talks": a request, not a report.
        let request = doc.lemma(i) == Some("call")
            && doc
                .tokens
                .get(i + 1)
                .is_some_and(|t| matches!(doc.slice(t.span), "on" | "for" | "off"));
        (verb && !request && self.cues.is_cue_verb(doc, i)).then_some(Cue {
            start: i,
            end: i + 1,
        })
    }

    /// The cue attributing a quoted passage: after its closing mark in the same sentence, else
    /// before its opening mark.
    fn cue_for(
        &self,
        doc: &Document,
        q: &marks::Quoted,
        inside: &[bool],
        direct: bool,
    ) -> Option<Cue> {
        let last = &doc.sentences[q.last_sentence];
        let after = || {
            q.close.and_then(|close| {
                (close + 1..(last.end_token as usize).min(close + 1 + WINDOW))
                    .filter(|&i| !inside[i])
                    .find_map(|i| self.cue_at(doc, i))
            })
        };
        let first = &doc.sentences[q.first_sentence];
        let before = || {
            ((first.first_token as usize).max(q.open.saturating_sub(WINDOW))..q.open)
                .rev()
                .filter(|&i| !inside[i])
                .find_map(|i| self.cue_at(doc, i))
        };
        // A whole quote is attributed after it ("…," Austin said); quoted words inside a sentence
        // by the reporting verb of their clause, before them.
        if direct {
            after().or_else(before)
        } else {
            before().or_else(after)
        }
    }
}

/// Joins a quote broken by its attribution when the second part goes on with the same sentence
/// ("It could encourage others," he said, "to take action."): one quote, covering both parts.
/// `quotes` are in the order of `passages`, one each.
fn join_broken(doc: &Document, passages: &[marks::Quoted], quotes: &mut Vec<Quote>) {
    let mut k = quotes.len();
    while k > 1 {
        k -= 1;
        let (first, second) = (&passages[k - 1], &passages[k]);
        let Some(close) = first.close else { continue };
        let cue_between = quotes[k - 1].cue.is_some_and(|c| {
            c.start() >= doc.tokens[close].span.end()
                && c.end() <= doc.tokens[second.open].span.start()
        });
        let comma_before = second.open > 0 && doc.surface(second.open - 1) == ",";
        let continues = doc.slice(second.content).starts_with(char::is_lowercase);
        let same_sentence = second.first_sentence == first.last_sentence;
        if cue_between && comma_before && continues && same_sentence {
            let joined = quotes[k - 1].span.cover(quotes[k].span);
            quotes[k - 1].span = joined;
            quotes.remove(k);
        }
    }
}

/// The news convention: a quote paragraph with no attribution of its own belongs to the speaker
/// of the quote or report just before it, in the same or the previous paragraph.
fn inherit_speakers(doc: &Document, quotes: &mut [Quote]) {
    let paragraph_of = |span: Span| {
        let s = doc
            .sentences
            .partition_point(|s| s.span.end() <= span.start());
        doc.sentences.get(s).map_or(0, |s| s.paragraph)
    };
    let mut last: Option<(Quote, u32)> = None;
    for q in quotes.iter_mut() {
        let paragraph = paragraph_of(q.span);
        let unattributed =
            q.speaker.is_none() && q.speaker_description.is_none() && q.cue.is_none();
        if unattributed && q.kind == QuoteKind::Direct {
            if let Some((from, _)) = last.as_ref().filter(|(_, p)| paragraph <= p + 1) {
                q.speaker = from.speaker;
                q.speaker_mention = from.speaker_mention;
                q.speaker_description.clone_from(&from.speaker_description);
                q.speaker_type = from.speaker_type;
                q.co_speakers.clone_from(&from.co_speakers);
            }
        }
        if q.speaker.is_some() || q.speaker_description.is_some() {
            last = Some((q.clone(), paragraph));
        }
    }
}

/// The most words quoted inside a sentence, with no reporting cue, that make a title, a name or
/// a scare quote ("the game's \u{201c}third map\u{201d}") rather than a quote.
const SCARE_WORDS: usize = 3;

/// Whether a quoted passage is short enough to be a title or a scare quote.
fn is_scare_quote(doc: &Document, q: &marks::Quoted) -> bool {
    let close = q
        .close
        .unwrap_or(doc.sentences[q.last_sentence].end_token as usize);
    let words = (q.open + 1..close)
        .filter(|&i| {
            !matches!(
                doc.tokens[i].kind,
                dateline_core::TokenKind::Punct | dateline_core::TokenKind::Ellipsis
            )
        })
        .count();
    words <= SCARE_WORDS
}

/// Whether a quoted passage is a whole statement (it opens its sentence, or follows a colon or
/// comma and starts with a capital) rather than quoted words inside a sentence.
fn is_direct(doc: &Document, q: &marks::Quoted) -> bool {
    let sentence = &doc.sentences[q.first_sentence];
    if q.open == sentence.first_token as usize {
        return true;
    }
    let before = doc.surface(q.open - 1);
    let capital = doc.slice(q.content).starts_with(char::is_uppercase);
    capital && matches!(before, ":" | ",")
}

/// A quote of `doc` at `span`, with its speaker's type and co-speakers.
fn quote(
    doc: &Document,
    index: &MentionIndex,
    (kind, span): (QuoteKind, Span),
    speaker: Option<&Speaker>,
    cue: Option<Span>,
) -> Quote {
    let at = doc
        .sentences
        .partition_point(|s| s.span.end() <= span.start());
    let sentence = doc.sentences.get(at).map_or("", |s| doc.slice(s.span));
    Quote {
        kind,
        span,
        speaker: speaker.and_then(|s| s.entity),
        speaker_mention: speaker.and_then(|s| s.mention),
        speaker_description: speaker.and_then(|s| s.description.clone()),
        speaker_type: speaker.and_then(|s| sources::speaker_type(s, sentence)),
        co_speakers: speaker.map_or_else(Vec::new, |s| sources::co_speakers(doc, index, s)),
        cue,
    }
}

fn cue_span(doc: &Document, cue: Cue) -> Span {
    doc.tokens[cue.start]
        .span
        .cover(doc.tokens[cue.end - 1].span)
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn run(&self, doc: &mut Document) {
        let index = MentionIndex::new(doc);
        let passages = marks::find(doc);
        let mut inside = vec![false; doc.tokens.len()];
        for q in &passages {
            let last = q
                .close
                .unwrap_or(doc.sentences[q.last_sentence].end_token as usize);
            inside[q.open..last].iter_mut().for_each(|x| *x = true);
        }
        let (mut quotes, attributing) = self.quoted(doc, &index, &passages, &inside);
        self.reported(doc, &index, &inside, &attributing, &mut quotes);
        quotes.sort_by_key(|q| q.span.start());
        inherit_speakers(doc, &mut quotes);
        doc.quotes = quotes;
    }
}

impl QuoteStage {
    /// Direct and partial quotes, with the cues that attribute direct ones.
    fn quoted(
        &self,
        doc: &Document,
        index: &MentionIndex,
        passages: &[marks::Quoted],
        inside: &[bool],
    ) -> (Vec<Quote>, std::collections::HashSet<usize>) {
        let mut quotes = Vec::new();
        let mut kept = Vec::new();
        let mut attributing = std::collections::HashSet::new();
        for q in passages {
            let sentence = &doc.sentences[q.last_sentence];
            let (lo, hi) = (
                doc.sentences[q.first_sentence].first_token as usize,
                sentence.end_token as usize,
            );
            let direct = is_direct(doc, q);
            let cue = self.cue_for(doc, q, inside, direct);
            if !direct && cue.is_none() && is_scare_quote(doc, q) {
                continue;
            }
            let speaker = cue
                .and_then(|c| {
                    let (lo, hi) = around(c, lo, hi);
                    speaker::find(doc, index, inside, c, (lo, hi))
                })
                // "'…' - Matthew Ingram": a name after a dash signs the quote.
                .or_else(|| speaker::signed(doc, index, q.close))
                // A quote with no speaker at its cue is the sentence subject's.
                .or_else(|| speaker::sentence_subject(doc, index, lo, q.open.min(lo + WINDOW)));
            if let Some(c) = cue.filter(|_| direct) {
                attributing.insert(c.start);
            }
            let kind = if direct {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
            quotes.push(quote(
                doc,
                index,
                (kind, q.content),
                speaker.as_ref(),
                cue.map(|c| cue_span(doc, c)),
            ));
            kept.push(*q);
        }
        join_broken(doc, &kept, &mut quotes);
        (quotes, attributing)
    }

    /// Indirect speech: every cue outside quotation marks that does not attribute a direct quote
    /// and has a speaker.
    fn reported(
        &self,
        doc: &Document,
        index: &MentionIndex,
        inside: &[bool],
        attributing: &std::collections::HashSet<usize>,
        quotes: &mut Vec<Quote>,
    ) {
        for sentence in &doc.sentences {
            let (lo, hi) = (sentence.first_token as usize, sentence.end_token as usize);
            let mut i = lo;
            while i < hi {
                // A verb of cognition is looked up only where no speech cue is.
                let found = (!inside[i]).then(|| self.cue_at(doc, i)).flatten();
                let cognition = found.is_none()
                    && !inside[i]
                    && doc.tokens[i].pos.is_some_and(dateline_core::Pos::is_verb)
                    && self.cues.is_cognition_verb(doc, i);
                let Some(cue) = found.or_else(|| {
                    cognition.then_some(Cue {
                        start: i,
                        end: i + 1,
                    })
                }) else {
                    i += 1;
                    continue;
                };
                i = cue.end;
                // "has not denied": a report that something was not said is not a quote.
                let negated = (cue.start.saturating_sub(2)..cue.start)
                    .any(|k| matches!(doc.surface(k), "not" | "n't" | "never"));
                // "the results would be announced": what is reported is the subject.
                let passive = doc.tokens[cue.start].pos == Some(dateline_core::Pos::VBN)
                    && (cue.start.saturating_sub(2)..cue.start).any(|k| {
                        doc.lemma(k) == Some("be")
                            && doc.tokens[k].pos != Some(dateline_core::Pos::VBN)
                            || matches!(doc.view().lower(k), "been" | "being")
                    });
                if attributing.contains(&cue.start) || negated || passive {
                    continue;
                }
                let (lo, hi) = around(cue, lo, hi);
                let according = cue.end - cue.start > 1;
                let Some(speaker) = speaker::find(doc, index, inside, cue, (lo, hi)) else {
                    continue;
                };
                let speaker_at = speaker
                    .mention
                    .map(|m| doc.tokens.partition_point(|t| t.span.end() <= m.start()));
                // A parenthetical cue's clause by the parse; otherwise the clause around the cue.
                let parenthetical =
                    syntax::host_clause(doc, inside, cue, (lo, hi)).filter(|_| !according);
                let Some(span) = parenthetical.or_else(|| {
                    indirect::content(doc, cue.start, cue.end, speaker_at, lo, hi, according)
                        .or_else(|| {
                            syntax::host_clause(doc, inside, cue, (lo, hi)).filter(|_| according)
                        })
                }) else {
                    continue;
                };
                let first = doc.tokens.partition_point(|t| t.span.end() <= span.start());
                if cognition && !indirect::is_finite_clause(doc, span) {
                    continue;
                }
                if !inside.get(first).copied().unwrap_or(false) {
                    quotes.push(quote(
                        doc,
                        index,
                        (QuoteKind::Indirect, span),
                        Some(&speaker),
                        Some(cue_span(doc, cue)),
                    ));
                }
            }
        }
    }
}
