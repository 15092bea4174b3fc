//! Segmentation: paragraphs, tokens and sentences with byte spans.
//!
//! UAX#29 alone splits "Mr. Smith"; news text needs abbreviations, initials, numbers with
//! separators, ellipses inside quotes and multi-sentence quotes handled, which this module does
//! in one linear pass per layer, driven by the word lists in `resources/segment`.

mod lexicon;
mod paragraphs;
mod sentences;
mod tokens;

pub use lexicon::{data_lines, AbbrevClass, SegmentLexicon};
pub use paragraphs::paragraphs;
pub use sentences::{split_sentences, Sentence};
pub use tokens::{tokenize, tokenize_into, AbbrevClassTag, Token, TokenKind};

use crate::{Document, Span, Stage};

/// The segmentation stage: fills `paragraphs`, `tokens` and `sentences` of a document.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lexicon: SegmentLexicon,
}

/// The layers segmentation produces for one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// All tokens of the text.
    pub tokens: Vec<Token>,
    /// Sentences, each within one paragraph.
    pub sentences: Vec<Sentence>,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new(SegmentLexicon::embedded())
    }
}

impl Segmenter {
    /// A segmenter using `lexicon`.
    #[must_use]
    pub fn new(lexicon: SegmentLexicon) -> Self {
        Segmenter { lexicon }
    }

    /// Segments `text`; tokens inside `skip` (a dateline) are left out of every sentence.
    #[must_use]
    pub fn segment(&self, text: &str, skip: Option<Span>) -> Segmentation {
        let paragraphs = paragraphs(text);
        let tokens = tokenize(text, &self.lexicon);
        let sentences = split_sentences(text, &tokens, &paragraphs, skip, &self.lexicon);
        Segmentation {
            paragraphs,
            tokens,
            sentences,
        }
    }
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn run(&self, doc: &mut Document) {
        let skip = doc.meta.dateline.as_ref().and_then(|d| d.span);
        let seg = self.segment(&doc.text, skip);
        doc.paragraphs = seg.paragraphs;
        doc.tokens = seg.tokens;
        doc.sentences = seg.sentences;
        doc.tokens_changed();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        Segmenter::default()
            .segment(text, None)
            .sentences
            .iter()
            .map(|s| s.span.of(text))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("U.S. Gen. Mark Milley met Lt. Col. Ann Lee on Jan. 5 at No. 10 in St. Louis. He left."),
            [
                "U.S. Gen. Mark Milley met Lt. Col. Ann Lee on Jan. 5 at No. 10 in St. Louis.",
                "He left."
            ]
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence() {
        assert_eq!(
            sentences("The troops arrived in the U.S. The talks began."),
            ["The troops arrived in the U.S.", "The talks began."]
        );
        assert_eq!(
            sentences("Officials of the U.N. Security Council met."),
            ["Officials of the U.N. Security Council met."]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(
            sentences("J. Smith and John F. Kennedy spoke. Kim Jong Un did not."),
            [
                "J. Smith and John F. Kennedy spoke.",
                "Kim Jong Un did not."
            ]
        );
    }

    #[test]
    fn numbers_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "It cost $1.2 billion, or 3.5% of 10,000 units over 2-1/2 years. Then it ended."
            ),
            [
                "It cost $1.2 billion, or 3.5% of 10,000 units over 2-1/2 years.",
                "Then it ended."
            ]
        );
    }

    #[test]
    fn quotes_with_several_sentences_and_ellipses() {
        let text =
            "He responded: “It could encourage others. … There are things that could happen.” \
                    “We believe that … they will be killed,” he said.";
        assert_eq!(
            sentences(text),
            [
                "He responded: “It could encourage others.",
                "… There are things that could happen.”",
                "“We believe that … they will be killed,” he said."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            sentences("He called it a “dangerous escalation.” Others agreed. “Why?” Kim asked."),
            [
                "He called it a “dangerous escalation.”",
                "Others agreed.",
                "“Why?” Kim asked."
            ]
        );
    }

    #[test]
    fn lowercase_after_question_continues() {
        assert_eq!(
            sentences("“Who knows?” he said, and left."),
            ["“Who knows?” he said, and left."]
        );
    }

    #[test]
    fn dashes_and_paragraph_ends() {
        let text = "The war — now in its third year — goes on\nA subheading\nLast line.";
        assert_eq!(
            sentences(text),
            [
                "The war — now in its third year — goes on",
                "A subheading",
                "Last line."
            ]
        );
    }

    #[test]
    fn dateline_is_skipped() {
        let text = "WASHINGTON (Reuters) - Talks began. They ended.";
        let seg = Segmenter::default().segment(text, Some(Span::new(0, 22)));
        let got: Vec<&str> = seg.sentences.iter().map(|s| s.span.of(text)).collect();
        assert_eq!(got, ["Talks began.", "They ended."]);
    }

    #[test]
    fn sentences_index_their_tokens_and_paragraphs() {
        let text = "One two.\nThree four. Five.";
        let seg = Segmenter::default().segment(text, None);
        assert_eq!(seg.sentences.len(), 3);
        assert_eq!(seg.sentences[2].paragraph, 1);
        let last = &seg.tokens[seg.sentences[2].token_range()];
        assert_eq!(last.len(), 2);
        assert_eq!(last[0].span.of(text), "Five");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str) {
        let seg = Segmenter::default().segment(text, None);
        let mut previous_end = 0;
        for token in &seg.tokens {
            assert!(
                token.span.get(text).is_some(),
                "token {token:?} off char boundaries"
            );
            assert!(!token.span.is_empty());
            assert!(token.span.start() >= previous_end, "tokens overlap");
            previous_end = token.span.end();
        }
        for sentence in &seg.sentences {
            let para = seg.paragraphs[sentence.paragraph as usize];
            assert!(
                para.contains(sentence.span),
                "sentence outside its paragraph"
            );
            assert!(sentence.first_token < sentence.end_token);
            assert!(sentence.span.get(text).is_some());
        }
        let covered: usize = seg.sentences.iter().map(|s| s.token_range().len()).sum();
        assert_eq!(
            covered,
            seg.tokens.len(),
            "every token is in exactly one sentence"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn spans_are_consistent_on_any_text(text in "\\PC{0,300}") {
            check(&text);
        }

        #[test]
        fn spans_are_consistent_on_newsy_text(text in "([A-Z][a-z]{0,6}|U\\.S\\.|Gen\\.|J\\.|10,000|3\\.5%|\\$1\\.2|…|\\.\\.\\.|[“”\"'’.?!,;:—()-]| |\n){0,120}") {
            check(&text);
        }
    }

    #[test]
    fn pathological_inputs_are_linear_and_safe() {
        check(&"x".repeat(1 << 20));
        check(&"\"".repeat(100_000));
        check(&"“".repeat(50_000));
        check(&".".repeat(100_000));
        check(&"U.S. ".repeat(50_000));
        check(&"\n".repeat(100_000));
    }
}
