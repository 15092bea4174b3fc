//! The word lists the segmenter consults, loaded from the data files under `resources/segment`.

use std::collections::{HashMap, HashSet};

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Precedes a name and never ends a sentence (`Gen.`, `Lt.`, `Mr.`).
    Title,
    /// A month: no break before a number (`Jan. 5`).
    Month,
    /// No break before a number (`No. 3`).
    Number,
    /// May end a sentence (`U.S.`, `Inc.`).
    General,
}

/// Abbreviations, sentence-initial words and reporting verbs, parsed once and shared.
#[derive(Debug, Clone)]
pub struct SegmentLexicon {
    abbreviations: HashMap<String, AbbrevClass>,
    sentence_starters: HashSet<String>,
    speech_verbs: HashSet<String>,
}

const ABBREVIATIONS: &str = include_str!("../../resources/segment/abbreviations.tsv");
const SENTENCE_STARTERS: &str = include_str!("../../resources/segment/sentence-starters.txt");
const SPEECH_VERBS: &str = include_str!("../../resources/segment/speech-verbs.txt");

/// The entries of a line-based data file: trimmed lines, without blank lines and `#` comments.
pub fn data_lines(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

impl SegmentLexicon {
    /// The lexicon compiled into the binary.
    ///
    /// # Panics
    /// When an embedded data file has an unknown abbreviation class; a unit test loads it, so a
    /// bad edit fails the test suite rather than a user's run.
    #[must_use]
    pub fn embedded() -> Self {
        let abbreviations = data_lines(ABBREVIATIONS)
            .map(|line| {
                let (abbr, class) = line.split_once('\t').unwrap_or((line, "general"));
                let class = match class.trim() {
                    "title" => AbbrevClass::Title,
                    "month" => AbbrevClass::Month,
                    "number" => AbbrevClass::Number,
                    "general" => AbbrevClass::General,
                    other => panic!("abbreviations.tsv: unknown class {other:?} for {abbr:?}"),
                };
                (abbr.to_owned(), class)
            })
            .collect();
        let words = |source| data_lines(source).map(str::to_owned).collect();
        SegmentLexicon {
            abbreviations,
            sentence_starters: words(SENTENCE_STARTERS),
            speech_verbs: words(SPEECH_VERBS),
        }
    }

    /// The class of `word` (without its final period), if it is a known abbreviation.
    #[must_use]
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        self.abbreviations.get(word).copied()
    }

    /// Whether `word` typically opens a sentence.
    #[must_use]
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.sentence_starters.contains(word)
    }

    /// Whether `word` is a reporting verb such as `said`.
    #[must_use]
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_load() {
        let lex = SegmentLexicon::embedded();
        assert_eq!(lex.abbreviation("Gen"), Some(AbbrevClass::Title));
        assert_eq!(lex.abbreviation("U.S"), Some(AbbrevClass::General));
        assert_eq!(lex.abbreviation("Jan"), Some(AbbrevClass::Month));
        assert_eq!(lex.abbreviation("gen"), None, "lookups are case-sensitive");
        assert!(lex.is_sentence_starter("The"));
        assert!(lex.is_speech_verb("said"));
    }
}
