//! Tokenisation of news text into words, numbers, abbreviations, quote marks and punctuation.
//!
//! One linear pass over the text. Words keep internal hyphens, apostrophes and periods
//! (`Yong-hyun`, `don't`, `U.S.`); numbers keep their separators (`10,000`, `2-1/2`, `3.5`);
//! the possessive `'s` is split off (`Korea` `’s`) so that names stay whole.

use serde::{Deserialize, Serialize};

use super::lexicon::{AbbrevClass, SegmentLexicon};
use crate::Span;

/// What a token is, as far as segmentation can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A word, including hyphenated words and contractions.
    Word,
    /// A number, with its separators (`10,000`, `2-1/2`, `3.5`).
    Number,
    /// An abbreviation or initial that carries its final period (`U.S.`, `Gen.`, `J.`).
    Abbreviation(AbbrevClassTag),
    /// An opening quotation mark (`“`, `‘`, `«`, `„`, or a straight quote opening a quote).
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// `…` or `...`.
    Ellipsis,
    /// Currency and percent signs and other symbols.
    Symbol,
    /// Any other punctuation.
    Punct,
}

/// Serializable mirror of [`AbbrevClass`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbbrevClassTag {
    /// Precedes a name (`Gen.`).
    Title,
    /// A month (`Jan.`).
    Month,
    /// Precedes a number (`No.`).
    Number,
    /// May end a sentence (`U.S.`), including initials (`J.`).
    General,
}

impl From<AbbrevClass> for AbbrevClassTag {
    fn from(class: AbbrevClass) -> Self {
        match class {
            AbbrevClass::Title => AbbrevClassTag::Title,
            AbbrevClass::Month => AbbrevClassTag::Month,
            AbbrevClass::Number => AbbrevClassTag::Number,
            AbbrevClass::General => AbbrevClassTag::General,
        }
    }
}

/// One token: its span in the document text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in the text.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// Its part of speech, once the tag stage has run.
    pub pos: Option<crate::Pos>,
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Whether an apostrophe at `i` starts a possessive `'s` that should become its own token.
fn is_possessive(text: &str, i: usize, apostrophe: char) -> bool {
    let after = i + apostrophe.len_utf8();
    matches!(char_at(text, after), Some('s' | 'S'))
        && !char_at(text, after + 1).is_some_and(char::is_alphanumeric)
}

/// Whether the digits after a comma at `i` make a thousands group (`10,000` but not `1,2`).
fn is_thousands_group(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= i + 4
        && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
        && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
}

/// Scans a word or number starting at `start`; returns its end.
fn scan_word(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut prev = '\0';
    while let Some(c) = char_at(text, end) {
        if c.is_alphanumeric() {
            prev = c;
            end += c.len_utf8();
            continue;
        }
        let next_pos = end + c.len_utf8();
        let next = char_at(text, next_pos);
        let joins = match c {
            '.' => next.is_some_and(char::is_alphanumeric),
            ',' => prev.is_ascii_digit() && is_thousands_group(text, end),
            '/' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
            '&' => prev.is_uppercase() && next.is_some_and(char::is_uppercase),
            c if is_hyphen(c) => next.is_some_and(char::is_alphanumeric),
            c if is_apostrophe(c) => {
                prev.is_alphabetic()
                    && next.is_some_and(char::is_alphabetic)
                    && !is_possessive(text, end, c)
            }
            _ => false,
        };
        if !joins {
            break;
        }
        prev = c;
        end = next_pos;
    }
    end
}

/// Whether a word followed by a period is an acronym such as `N.Y` or `U.S.A`.
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|part| (1..=2).contains(&part.len()) && part.chars().all(char::is_alphabetic))
}

fn abbreviation_class(word: &str, lex: &SegmentLexicon) -> Option<AbbrevClass> {
    if let Some(class) = lex.abbreviation(word) {
        return Some(class);
    }
    let mut chars = word.chars();
    let single_upper = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    (single_upper || is_dotted_acronym(word)).then_some(AbbrevClass::General)
}

/// Whether a straight quote at `i` opens a quotation (it follows a space, an opening bracket,
/// a dash or the start of the text).
fn straight_quote_opens(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | '\u{201c}' | '\u{2018}'
            )
    })
}

/// The kind and byte length of a non-word token at `i` whose first char is `c`.
fn punct_token(text: &str, i: usize, c: char) -> (TokenKind, usize) {
    let rest = &text.as_bytes()[i..];
    match c {
        '.' if rest.starts_with(b"...") => (TokenKind::Ellipsis, 3),
        '.' if rest.starts_with(b". . .") => (TokenKind::Ellipsis, 5),
        '\u{2026}' => (TokenKind::Ellipsis, c.len_utf8()),
        '?' | '!' => {
            let len = rest.iter().take_while(|&&b| b == b'?' || b == b'!').count();
            (TokenKind::Punct, len)
        }
        '-' if rest.starts_with(b"--") => (TokenKind::Punct, 2),
        '"' | '\'' => {
            let kind = if straight_quote_opens(text, i) {
                TokenKind::OpenQuote
            } else {
                TokenKind::CloseQuote
            };
            (kind, 1)
        }
        '\u{201c}' | '\u{2018}' | '\u{00ab}' | '\u{201e}' | '\u{2039}' => {
            (TokenKind::OpenQuote, c.len_utf8())
        }
        '\u{201d}' | '\u{2019}' | '\u{00bb}' | '\u{203a}' => (TokenKind::CloseQuote, c.len_utf8()),
        '$' | '%' | '\u{20ac}' | '\u{00a3}' | '\u{00a5}' | '#' | '@' | '+' | '=' | '<' | '>' => {
            (TokenKind::Symbol, c.len_utf8())
        }
        c if c.is_ascii_punctuation() || is_general_punctuation(c) => {
            (TokenKind::Punct, c.len_utf8())
        }
        c => (TokenKind::Symbol, c.len_utf8()),
    }
}

fn is_general_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2027}' | '\u{00a1}' | '\u{00bf}' | '\u{00b7}'
    )
}

/// Appends the tokens of `text` to `out`.
pub fn tokenize_into(text: &str, lex: &SegmentLexicon, out: &mut Vec<Token>) {
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let end = scan_word(text, i);
            let word = &text[i..end];
            let starts_with_digit = c.is_ascii_digit();
            let period_follows = text.as_bytes().get(end) == Some(&b'.')
                && !text.as_bytes()[end..].starts_with(b"...");
            let class = if period_follows && !starts_with_digit {
                abbreviation_class(word, lex)
            } else {
                None
            };
            let (kind, end) = match class {
                Some(class) => (TokenKind::Abbreviation(class.into()), end + 1),
                None if starts_with_digit => (TokenKind::Number, end),
                None => (TokenKind::Word, end),
            };
            out.push(Token {
                span: Span::new(i, end),
                kind,
                pos: None,
            });
            i = end;
            if let Some(a) = char_at(text, i).filter(|&a| is_apostrophe(a)) {
                if is_possessive(text, i, a) {
                    let end = i + a.len_utf8() + 1;
                    out.push(Token {
                        span: Span::new(i, end),
                        kind: TokenKind::Word,
                        pos: None,
                    });
                    i = end;
                }
            }
            continue;
        }
        let (kind, len) = punct_token(text, i, c);
        out.push(Token {
            span: Span::new(i, i + len),
            kind,
            pos: None,
        });
        i += len;
    }
}

/// The tokens of `text`.
#[must_use]
pub fn tokenize(text: &str, lex: &SegmentLexicon) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, lex, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<&str> {
        tokenize(text, &SegmentLexicon::embedded())
            .iter()
            .map(|t| t.span.of(text))
            .collect()
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            surfaces("U.S. Gen. Smith and Lt. Col. Jones."),
            ["U.S.", "Gen.", "Smith", "and", "Lt.", "Col.", "Jones", "."]
        );
    }

    #[test]
    fn numbers_keep_separators() {
        assert_eq!(
            surfaces("Some 10,000 troops, a 2-1/2-year war, 3.5% and $1.2 billion."),
            [
                "Some",
                "10,000",
                "troops",
                ",",
                "a",
                "2-1/2-year",
                "war",
                ",",
                "3.5",
                "%",
                "and",
                "$",
                "1.2",
                "billion",
                "."
            ]
        );
    }

    #[test]
    fn possessive_is_split_and_names_stay_whole() {
        assert_eq!(
            surfaces("North Korea’s Kim Yong-hyun don't"),
            ["North", "Korea", "’s", "Kim", "Yong-hyun", "don't"]
        );
    }

    #[test]
    fn quotes_are_classified() {
        let lex = SegmentLexicon::embedded();
        let text = "he said \"no,\" and “yes.”";
        let kinds: Vec<TokenKind> = tokenize(text, &lex).iter().map(|t| t.kind).collect();
        assert_eq!(kinds[2], TokenKind::OpenQuote);
        assert_eq!(kinds[5], TokenKind::CloseQuote);
        assert_eq!(kinds[7], TokenKind::OpenQuote);
        assert_eq!(kinds[10], TokenKind::CloseQuote);
    }

    #[test]
    fn ellipses_and_dashes() {
        assert_eq!(
            surfaces("action. … There... so -- yes—no"),
            ["action", ".", "…", "There", "...", "so", "--", "yes", "—", "no"]
        );
    }

    #[test]
    fn every_span_is_on_char_boundaries() {
        let text = "Zürich’s «guerre» — 5 km² … 東京 ok.";
        for token in tokenize(text, &SegmentLexicon::embedded()) {
            assert!(token.span.get(text).is_some(), "{token:?}");
        }
    }
}
