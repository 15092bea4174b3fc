//! Quoted passages: double quotation marks paired within a paragraph, and the news convention of
//! an unclosed quote that runs to the end of its paragraph and reopens at the next.

use dateline_core::{Document, Span, TokenKind};

/// One quoted passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// The content between the marks (or to the paragraph end), trimmed.
    pub content: Span,
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, when there is one in the paragraph.
    pub close: Option<usize>,
    /// Sentence of the opening mark.
    pub first_sentence: usize,
    /// Sentence of the closing mark (or the last sentence of the paragraph).
    pub last_sentence: usize,
}

fn is_single(doc: &Document, i: usize) -> bool {
    matches!(
        doc.surface(i),
        "'" | "\u{2018}" | "\u{2019}" | "\u{2039}" | "\u{203a}"
    )
}

fn is_double(doc: &Document, i: usize) -> bool {
    matches!(
        doc.surface(i),
        "\"" | "\u{201c}" | "\u{201d}" | "\u{ab}" | "\u{bb}" | "\u{201e}" | "\u{201f}"
    )
}

fn trimmed(doc: &Document, start: usize, end: usize) -> Option<Span> {
    let text = doc.text.get(start..end)?;
    let lead = text.len() - text.trim_start().len();
    let body = text.trim();
    (!body.is_empty()).then(|| Span::new(start + lead, start + lead + body.len()))
}

/// Every quoted passage of `doc`, in order.
#[must_use]
pub fn find(doc: &Document) -> Vec<Quoted> {
    let mut out = Vec::new();
    // (token of the opening mark, its sentence)
    let mut open: Option<(usize, usize)> = None;
    // An open single quotation mark; it never runs past its paragraph.
    let mut single: Option<(usize, usize)> = None;
    let mut paragraph = u32::MAX;
    let mut last_sentence_of_paragraph = 0;
    for (s, sentence) in doc.sentences.iter().enumerate() {
        if sentence.paragraph != paragraph {
            single = None;
            // A quote left open runs to the end of its paragraph.
            if let Some(unclosed) = open.take() {
                out.extend(run_to_paragraph_end(
                    doc,
                    unclosed,
                    last_sentence_of_paragraph,
                ));
            }
            paragraph = sentence.paragraph;
        }
        last_sentence_of_paragraph = s;
        for i in sentence.token_range() {
            let kind = doc.tokens[i].kind;
            if !matches!(kind, TokenKind::OpenQuote | TokenKind::CloseQuote) {
                continue;
            }
            let double = is_double(doc, i);
            if !double && !is_single(doc, i) {
                continue;
            }
            match (kind, open) {
                (TokenKind::OpenQuote, None) if double => open = Some((i, s)),
                // Single marks quote only when no double quote is open (British style, or
                // quotes inside headlines); nested single quotes stay inside the double one.
                (TokenKind::OpenQuote, None) => single = Some((i, s)),
                (TokenKind::CloseQuote, Some((o, os))) if double => {
                    out.extend(closed(doc, (o, os), (i, s)));
                    open = None;
                }
                (TokenKind::CloseQuote, None) if !double => {
                    // An apostrophe ending a plural possessive ("forces'") closes nothing unless
                    // a single quote of at least two words is open.
                    if let Some((o, os)) = single.take().filter(|&(o, _)| i - o > 2) {
                        out.extend(closed(doc, (o, os), (i, s)));
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(unclosed) = open {
        out.extend(run_to_paragraph_end(
            doc,
            unclosed,
            last_sentence_of_paragraph,
        ));
    }
    out
}

/// A quote from the mark at token `open` (in sentence `first`) to the mark at token `close` (in
/// sentence `last`).
fn closed(
    doc: &Document,
    (open, first): (usize, usize),
    (close, last): (usize, usize),
) -> Option<Quoted> {
    let content = trimmed(
        doc,
        doc.tokens[open].span.end(),
        doc.tokens[close].span.start(),
    )?;
    Some(Quoted {
        content,
        open,
        close: Some(close),
        first_sentence: first,
        last_sentence: last,
    })
}

/// A quote opened at token `open` (in sentence `first`) and never closed: it runs to the end of
/// the paragraph whose last sentence is `last`.
fn run_to_paragraph_end(
    doc: &Document,
    (open, first): (usize, usize),
    last: usize,
) -> Option<Quoted> {
    let end = doc.sentences[last].span.end();
    let content = trimmed(doc, doc.tokens[open].span.end(), end)?;
    Some(Quoted {
        content,
        open,
        close: None,
        first_sentence: first,
        last_sentence: last,
    })
}
