//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over hashed features
//! (word, affixes, shape, neighbours, previous tags), with a lexicon of frequent unambiguous
//! words, trained on UD English and GMB news by `dateline train parse` and compiled into the
//! binary. The pipeline and the parser share it.

mod lemma;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use dateline_core::{Document, Pos, Stage};

pub use lemma::{lemma, Lemmatizer};

use crate::error::{Result, SyntaxError};
use crate::model::{Features, Model, ModelFile};
use crate::words::{prefix, suffix, SentenceView};

const MODEL: &[u8] = include_bytes!("../../models/parse-tags.bin");

/// Feature templates.
mod t {
    pub const BIAS: u8 = 0;
    pub const WORD: u8 = 1;
    pub const SUFFIX3: u8 = 2;
    pub const PREFIX1: u8 = 3;
    pub const SHAPE: u8 = 4;
    pub const PREV: u8 = 5;
    pub const PREV2: u8 = 6;
    pub const PREV_WORD: u8 = 7;
    pub const WORD_M1: u8 = 8;
    pub const SUFFIX_M1: u8 = 9;
    pub const WORD_M2: u8 = 10;
    pub const WORD_P1: u8 = 11;
    pub const SUFFIX_P1: u8 = 12;
    pub const WORD_P2: u8 = 13;
    pub const SUFFIX2: u8 = 14;
    pub const SHAPE_P1: u8 = 15;
}

/// Boundary id for "no previous tag".
pub const START: u64 = u64::MAX;

/// The tagger's features for word `i` of the sentence in `view` (`words` its surface forms),
/// after the tags `prev` and `prev2`: shared by tagging and training (`dateline-train`).
pub fn features(
    view: &SentenceView,
    words: &[&str],
    i: usize,
    prev: u64,
    prev2: u64,
    f: &mut Features,
) {
    let at = i as isize;
    let word = view.norm(at);
    f.clear();
    f.add_id(t::BIAS, 0);
    f.add(t::WORD, word);
    f.add(t::SUFFIX3, suffix(word, 3));
    f.add(t::SUFFIX2, suffix(word, 2));
    f.add(t::PREFIX1, prefix(words[i], 1));
    f.add(t::SHAPE, view.shape(at));
    f.add_id(t::PREV, prev);
    f.add_id(t::PREV2, prev.wrapping_mul(64).wrapping_add(prev2));
    f.add_id_str(t::PREV_WORD, prev, word);
    let before = view.norm(at - 1);
    f.add(t::WORD_M1, before);
    f.add(t::SUFFIX_M1, suffix(before, 3));
    f.add(t::WORD_M2, view.norm(at - 2));
    let after = view.norm(at + 1);
    f.add(t::WORD_P1, after);
    f.add(t::SUFFIX_P1, suffix(after, 3));
    f.add(t::WORD_P2, view.norm(at + 2));
    f.add(t::SHAPE_P1, view.shape(at + 1));
}

/// A trained part-of-speech tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
    classes: Vec<Pos>,
    /// Frequent words that had one tag in training (the model file's lexicon): tagged without
    /// scoring, as in Honnibal's averaged-perceptron tagger.
    fixed: FxHashMap<Box<str>, usize>,
}

impl Tagger {
    /// The tagger compiled into the binary, loaded once.
    ///
    /// # Panics
    /// When the embedded model is corrupt; a unit test loads it, so that fails the build's tests.
    #[must_use]
    pub fn embedded() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| Tagger::from_bytes(MODEL).expect("embedded POS model is valid"))
    }

    /// A tagger from model-file bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger> {
        Self::from_file(ModelFile::load("pos", bytes)?)
    }

    /// A tagger from a model file.
    pub fn from_file(file: ModelFile) -> Result<Tagger> {
        let classes = file
            .classes
            .iter()
            .map(|c| {
                Pos::from_name(c).ok_or_else(|| SyntaxError::UnknownClass {
                    name: file.name.clone(),
                    class: c.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let fixed = file
            .lexicon
            .into_iter()
            .map(|(word, class)| (word.into_boxed_str(), usize::from(class)))
            .collect();
        Ok(Tagger {
            model: file.model,
            classes,
            fixed,
        })
    }

    /// Tags `words` (one sentence) into `out`, reusing the scratch buffers in `scratch`.
    pub fn tag_into(&self, words: &[&str], scratch: &mut TagScratch, out: &mut Vec<Pos>) {
        out.clear();
        scratch.view.fill(words);
        scratch.scores.resize(self.model.classes(), 0);
        let (mut prev, mut prev2) = (START, START);
        for (i, word) in words.iter().enumerate() {
            let class = if let Some(&class) = self.fixed.get(*word) {
                class
            } else {
                features(&scratch.view, words, i, prev, prev2, &mut scratch.features);
                self.model
                    .predict(scratch.features.as_slice(), &mut scratch.scores, None)
            };
            out.push(self.classes[class]);
            prev2 = prev;
            prev = class as u64;
        }
    }

    /// The tag fixed for `word` by the lexicon, if any.
    #[must_use]
    pub fn fixed(&self, word: &str) -> Option<Pos> {
        self.fixed.get(word).map(|&class| self.classes[class])
    }

    /// Tags `words` (one sentence).
    #[must_use]
    pub fn tag(&self, words: &[&str]) -> Vec<Pos> {
        let mut out = Vec::with_capacity(words.len());
        self.tag_into(words, &mut TagScratch::default(), &mut out);
        out
    }
}

/// Reusable buffers for tagging.
#[derive(Debug, Default, Clone)]
pub struct TagScratch {
    view: SentenceView,
    features: Features,
    scores: Vec<i32>,
}

impl TagScratch {
    /// Fills the word view for `words` without tagging them (their tags are known).
    pub fn fill_view(&mut self, words: &[&str]) {
        self.view.fill(words);
    }

    /// The view of the sentence last tagged (normalised words and shapes), for a model that
    /// reads the same sentence next (the parser).
    #[must_use]
    pub fn view(&self) -> &SentenceView {
        &self.view
    }
}

/// The tagging stage: a POS tag on every token, and lemmas for verbs.
#[derive(Debug)]
pub struct TagStage {
    tagger: &'static Tagger,
    lemmatizer: &'static Lemmatizer,
}

impl Default for TagStage {
    fn default() -> Self {
        TagStage {
            tagger: Tagger::embedded(),
            lemmatizer: Lemmatizer::embedded(),
        }
    }
}

impl Stage for TagStage {
    fn name(&self) -> &'static str {
        "tag"
    }

    fn run(&self, doc: &mut Document) {
        let mut scratch = TagScratch::default();
        let mut words: Vec<&str> = Vec::new();
        let mut tags = Vec::new();
        let mut lemmas = Vec::new();
        for sentence in &doc.sentences {
            let range = sentence.token_range();
            words.clear();
            words.extend(
                doc.tokens[range.clone()]
                    .iter()
                    .map(|t| t.span.of(&doc.text)),
            );
            self.tagger.tag_into(&words, &mut scratch, &mut tags);
            for ((index, word), &tag) in range.clone().zip(&words).zip(&tags) {
                if tag.is_verb() {
                    lemmas.push((index as u32, self.lemmatizer.lemma(word, tag)));
                }
            }
            for (token, &tag) in doc.tokens[range].iter_mut().zip(&tags) {
                token.pos = Some(tag);
            }
        }
        doc.lemmas = lemmas
            .into_iter()
            .map(|(token, lemma)| dateline_core::Lemma { token, lemma })
            .collect();
        doc.tokens_changed();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_tags_news() {
        let tagger = Tagger::embedded();
        let tags = tagger.tag(&["Austin", "told", "reporters", "on", "Wednesday", "."]);
        assert_eq!(tags[0], Pos::NNP);
        assert!(tags[1].is_verb(), "{tags:?}");
        assert_eq!(tags[2], Pos::NNS);
        assert_eq!(tags[3], Pos::IN);
        assert_eq!(tags[5], Pos::Period);
    }
}
