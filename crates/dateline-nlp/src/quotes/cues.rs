//! The reporting-cue lexicon (`resources/lexicon/cues.txt`): verb lemmas and fixed phrases.

use std::sync::OnceLock;

use dateline_core::Document;

const CUES: &str = include_str!("../../resources/lexicon/cues.txt");
const COGNITION: &str = include_str!("../../resources/lexicon/cues-cognition.txt");

/// Reporting verbs (by lemma) and phrases (`according to`).
#[derive(Debug, Clone)]
pub struct Cues {
    verbs: Vec<String>,
    /// Verbs of cognition and evidence (`cues-cognition.txt`): indirect reports only.
    cognition: Vec<String>,
    phrases: Vec<Vec<String>>,
}

impl Cues {
    /// The embedded lexicon, loaded once.
    #[must_use]
    pub fn embedded() -> &'static Cues {
        static CUES_CELL: OnceLock<Cues> = OnceLock::new();
        CUES_CELL.get_or_init(|| {
            let mut verbs = Vec::new();
            let mut phrases = Vec::new();
            for line in CUES
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                if line.contains(' ') {
                    phrases.push(line.split(' ').map(str::to_owned).collect());
                } else {
                    verbs.push(line.to_owned());
                }
            }
            let cognition = crate::data::words(COGNITION);
            Cues {
                verbs,
                cognition,
                phrases,
            }
        })
    }

    /// Whether token `i` of `doc` is a reporting verb.
    #[must_use]
    pub fn is_cue_verb(&self, doc: &Document, i: usize) -> bool {
        lemma_in(&self.verbs, doc, i)
    }

    /// Whether token `i` of `doc` is a verb of cognition or evidence ("found", "thinks").
    #[must_use]
    pub fn is_cognition_verb(&self, doc: &Document, i: usize) -> bool {
        lemma_in(&self.cognition, doc, i)
    }

    /// The length in tokens of a cue phrase starting at token `i`, if one does.
    #[must_use]
    pub fn phrase_at(&self, doc: &Document, i: usize) -> Option<usize> {
        self.phrases.iter().find_map(|phrase| {
            let matches = phrase.iter().enumerate().all(|(k, word)| {
                doc.tokens
                    .get(i + k)
                    .is_some_and(|t| doc.slice(t.span).eq_ignore_ascii_case(word))
            });
            matches.then_some(phrase.len())
        })
    }
}

/// Whether the lemma of token `i` of `doc` is one of `verbs`.
fn lemma_in(verbs: &[String], doc: &Document, i: usize) -> bool {
    doc.lemma(i)
        .is_some_and(|lemma| verbs.iter().any(|v| v == lemma))
}
