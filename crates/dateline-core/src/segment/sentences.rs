//! Sentence boundaries over tokens.
//!
//! A sentence may end at `.`, `?`, `!`, an ellipsis or an abbreviation's period; closing quotes and
//! brackets that follow stay with it. Whether it does end depends on the next token: a lowercase
//! word never starts a sentence; after an abbreviation that can end one (`U.S.`), only a typical
//! sentence-initial word (`The`, `He`) or an opening quote does. Paragraph ends always end one.

use serde::{Deserialize, Serialize};

use super::lexicon::SegmentLexicon;
use super::tokens::{AbbrevClassTag, Token, TokenKind};
use crate::Span;

/// One sentence: its span, its tokens and its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Index of the first token in the document's token list.
    pub first_token: u32,
    /// One past the index of the last token.
    pub end_token: u32,
    /// Index of the paragraph the sentence is in.
    pub paragraph: u32,
}

impl Sentence {
    /// The index range of this sentence's tokens.
    #[must_use]
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.first_token as usize..self.end_token as usize
    }
}

fn is_terminal(token: &Token, text: &str) -> bool {
    match token.kind {
        TokenKind::Ellipsis | TokenKind::Abbreviation(_) => true,
        TokenKind::Punct => {
            let s = token.span.of(text);
            s == "." || s.bytes().all(|b| b == b'?' || b == b'!')
        }
        _ => false,
    }
}

fn absorbs(token: &Token, text: &str) -> bool {
    match token.kind {
        TokenKind::CloseQuote => true,
        TokenKind::Punct => matches!(token.span.of(text), ")" | "]" | "}" | "?" | "!" | "."),
        _ => false,
    }
}

fn first_char(token: &Token, text: &str) -> char {
    token.span.of(text).chars().next().unwrap_or(' ')
}

struct Splitter<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lex: &'a SegmentLexicon,
}

impl Splitter<'_> {
    fn starts_like_sentence(&self, next: &Token) -> bool {
        let c = first_char(next, self.text);
        match next.kind {
            TokenKind::OpenQuote | TokenKind::Ellipsis | TokenKind::Number | TokenKind::Symbol => {
                true
            }
            TokenKind::Punct => matches!(c, '(' | '[' | '-' | '\u{2014}' | '\u{2013}' | '\u{2022}'),
            _ => c.is_uppercase(),
        }
    }

    fn is_starter_word(&self, next: &Token) -> bool {
        next.kind == TokenKind::OpenQuote
            || (next.kind == TokenKind::Word
                && self.lex.is_sentence_starter(next.span.of(self.text)))
    }

    /// `“Why?” Austin asked` continues: a closing quote, then a name, then a reporting verb.
    fn attribution_follows(&self, end: usize, quoted: bool) -> bool {
        quoted
            && self
                .tokens
                .get(end + 1)
                .is_some_and(|verb| self.lex.is_speech_verb(verb.span.of(self.text)))
    }

    /// Whether the candidate ending at token `k` (with absorbed tokens up to `end`) is a break.
    fn breaks(&self, k: usize, end: usize, next: &Token) -> bool {
        let token = &self.tokens[k];
        let general = |splitter: &Self| {
            splitter.is_starter_word(next) && !matches!(next.kind, TokenKind::Abbreviation(_))
        };
        match token.kind {
            TokenKind::Abbreviation(AbbrevClassTag::Title) => false,
            TokenKind::Abbreviation(AbbrevClassTag::Month | AbbrevClassTag::Number) => {
                next.kind != TokenKind::Number && general(self)
            }
            TokenKind::Abbreviation(AbbrevClassTag::General) | TokenKind::Ellipsis => general(self),
            _ => {
                let quoted = self.tokens[k + 1..end]
                    .iter()
                    .any(|t| t.kind == TokenKind::CloseQuote);
                self.starts_like_sentence(next) && !self.attribution_follows(end, quoted)
            }
        }
    }

    /// Splits the tokens `[first, end)` of paragraph `para` into sentences.
    fn split(&self, first: usize, end: usize, para: u32, out: &mut Vec<Sentence>) {
        let mut start = first;
        let mut k = first;
        while k < end {
            if k > start && is_terminal(&self.tokens[k], self.text) {
                let mut stop = k + 1;
                while stop < end && absorbs(&self.tokens[stop], self.text) {
                    stop += 1;
                }
                if stop < end && self.breaks(k, stop, &self.tokens[stop]) {
                    self.emit(start, stop, para, out);
                    start = stop;
                }
                k = stop;
            } else {
                k += 1;
            }
        }
        if start < end {
            self.emit(start, end, para, out);
        }
    }

    /// Pushes the sentence `first..end`, cut into pieces of at most [`MAX_SENTENCE_TOKENS`]: no
    /// news sentence is that long, and the stages after segmentation do per-sentence work that
    /// grows faster than its length (a 10 MB run-on "sentence" must not take hours).
    fn emit(&self, first: usize, end: usize, paragraph: u32, out: &mut Vec<Sentence>) {
        let mut at = first;
        while at < end {
            let stop = end.min(at + MAX_SENTENCE_TOKENS);
            out.push(self.sentence(at, stop, paragraph));
            at = stop;
        }
    }

    fn sentence(&self, first: usize, end: usize, paragraph: u32) -> Sentence {
        Sentence {
            span: self.tokens[first].span.cover(self.tokens[end - 1].span),
            first_token: first as u32,
            end_token: end as u32,
            paragraph,
        }
    }
}

/// The most tokens in one sentence; longer runs are cut.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Splits `tokens` (of `text`) into sentences within `paragraphs`. Tokens inside `skip` (a
/// dateline such as `WASHINGTON (Reuters) -`) belong to no sentence.
#[must_use]
pub fn split_sentences(
    text: &str,
    tokens: &[Token],
    paragraphs: &[Span],
    skip: Option<Span>,
    lex: &SegmentLexicon,
) -> Vec<Sentence> {
    let splitter = Splitter { text, tokens, lex };
    let mut out = Vec::new();
    let mut cursor = 0;
    for (index, para) in paragraphs.iter().enumerate() {
        while cursor < tokens.len() && tokens[cursor].span.end() <= para.start() {
            cursor += 1;
        }
        let mut first = cursor;
        while cursor < tokens.len() && tokens[cursor].span.start() < para.end() {
            cursor += 1;
        }
        if let Some(skip) = skip {
            while first < cursor && skip.contains(tokens[first].span) {
                first += 1;
            }
        }
        splitter.split(first, cursor, index as u32, &mut out);
    }
    out
}
