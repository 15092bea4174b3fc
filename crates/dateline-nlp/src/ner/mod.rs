//! Named-entity recognition: a greedy averaged perceptron over BILOU labels with hashed features
//! (words and shapes in a ±2 window, affixes, POS tags, previous labels, gazetteer membership),
//! trained on the GMB news corpus by `dateline train ner` and compiled into the binary.

pub mod labels;

use std::sync::OnceLock;

use dateline_core::Pos;
use rustc_hash::FxHashSet;

use dateline_syntax::model::{Features, Model, ModelFile};
use dateline_syntax::words::{prefix, suffix, SentenceView};

use crate::error::{NlpError, Result};
use crate::gazetteer::TokenClasses;

const MODEL: &[u8] = include_bytes!("../../models/ner.bin");

/// Hash-table size of the NER model, as a power of two.
pub const NER_BITS: u32 = 15;

mod t {
    pub const BIAS: u8 = 0;
    pub const WORD: u8 = 1;
    pub const WORD_M1: u8 = 2;
    pub const WORD_P1: u8 = 3;
    pub const WORD_M2: u8 = 4;
    pub const WORD_P2: u8 = 5;
    pub const SHAPE: u8 = 6;
    pub const SHAPE_M1: u8 = 7;
    pub const SHAPE_P1: u8 = 8;
    pub const PREFIX3: u8 = 9;
    pub const SUFFIX3: u8 = 10;
    pub const SUFFIX2: u8 = 11;
    pub const POS: u8 = 12;
    pub const POS_M1: u8 = 13;
    pub const POS_P1: u8 = 14;
    pub const POS_PAIR: u8 = 15;
    pub const PREV: u8 = 16;
    pub const PREV_WORD: u8 = 17;
    pub const PREV_SHAPE: u8 = 18;
    pub const BIGRAM_M1: u8 = 19;
    pub const BIGRAM_P1: u8 = 20;
    pub const GAZ: u8 = 21;
    pub const GAZ_M1: u8 = 22;
    pub const GAZ_P1: u8 = 23;
    pub const PREV_POS: u8 = 24;
}

/// What the features of one sentence read.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The sentence's words, normalised.
    pub view: &'a SentenceView,
    /// Their POS tags.
    pub pos: &'a [Pos],
    /// Their gazetteer flags ([`TokenClasses::flags`]).
    pub gaz: &'a [u8],
}

impl Context<'_> {
    fn pos(&self, i: isize) -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.pos.get(i))
            .map_or(u64::MAX, |p| p.id() as u64)
    }

    fn gaz(&self, i: isize) -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.gaz.get(i))
            .map_or(0xfff, |&g| u64::from(g))
    }
}

/// The recogniser's features for word `i` after label `prev`: shared by recognition and
/// training (`dateline-train`).
pub fn features(cx: &Context<'_>, i: usize, prev: usize, f: &mut Features) {
    let at = i as isize;
    let view = cx.view;
    let word = view.norm(at);
    let shape = view.shape(at);
    f.clear();
    f.add_id(t::BIAS, 0);
    f.add(t::WORD, word);
    f.add(t::WORD_M1, view.norm(at - 1));
    f.add(t::WORD_P1, view.norm(at + 1));
    f.add(t::WORD_M2, view.norm(at - 2));
    f.add(t::WORD_P2, view.norm(at + 2));
    f.add(t::SHAPE, shape);
    f.add(t::SHAPE_M1, view.shape(at - 1));
    f.add(t::SHAPE_P1, view.shape(at + 1));
    f.add(t::PREFIX3, prefix(word, 3));
    f.add(t::SUFFIX3, suffix(word, 3));
    f.add(t::SUFFIX2, suffix(word, 2));
    f.add_id(t::POS, cx.pos(at));
    f.add_id(t::POS_M1, cx.pos(at - 1));
    f.add_id(t::POS_P1, cx.pos(at + 1));
    f.add_id(
        t::POS_PAIR,
        cx.pos(at).wrapping_mul(1024).wrapping_add(cx.pos(at + 1)),
    );
    f.add_id(t::PREV, prev as u64);
    f.add_id_str(t::PREV_WORD, prev as u64, word);
    f.add_id_str(t::PREV_SHAPE, prev as u64, shape);
    f.add_id(
        t::PREV_POS,
        (prev as u64).wrapping_mul(1024).wrapping_add(cx.pos(at)),
    );
    f.add2(t::BIGRAM_M1, view.norm(at - 1), word);
    f.add2(t::BIGRAM_P1, word, view.norm(at + 1));
    for (template, offset) in [(t::GAZ, 0), (t::GAZ_M1, -1), (t::GAZ_P1, 1)] {
        let flags = cx.gaz(at + offset);
        if flags == 0 {
            f.add_id(template, 0);
        }
        // One feature per gazetteer kind, so the model does not hinge on exact combinations.
        for bit in 0..12 {
            if flags & (1 << bit) != 0 {
                f.add_id(template, 1 + bit);
            }
        }
    }
}

/// A trained entity recogniser.
#[derive(Debug, Clone)]
pub struct Recognizer {
    model: Model,
    transitions: Vec<Vec<bool>>,
    about: String,
    /// Frequent words that are (nearly) never part of an entity (the model file's lexicon):
    /// labelled outside without scoring wherever the previous label allows it.
    outside: FxHashSet<Box<str>>,
}

/// Reusable buffers for recognition.
#[derive(Debug, Default, Clone)]
pub struct NerScratch {
    view: SentenceView,
    features: Features,
    scores: Vec<i32>,
    gaz: Vec<u8>,
    classes: Vec<usize>,
}

impl Recognizer {
    /// The recogniser compiled into the binary, loaded once.
    ///
    /// # Panics
    /// When the embedded model is corrupt; a unit test loads it.
    #[must_use]
    pub fn embedded() -> &'static Recognizer {
        static NER: OnceLock<Recognizer> = OnceLock::new();
        NER.get_or_init(|| Recognizer::from_bytes(MODEL).expect("embedded NER model is valid"))
    }

    /// A recogniser from model-file bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Recognizer> {
        let file = ModelFile::load("ner", bytes)?;
        if file.classes != labels::names() {
            let class = file.classes.first().cloned().unwrap_or_default();
            return Err(NlpError::UnknownClass {
                name: file.name,
                class,
            });
        }
        let outside = labels::class(labels::Part::Outside, 0);
        let outside = file
            .lexicon
            .into_iter()
            .filter(|(_, class)| usize::from(*class) == outside)
            .map(|(word, _)| word.into_boxed_str())
            .collect();
        Ok(Recognizer {
            model: file.model,
            transitions: labels::transitions(),
            about: file.about,
            outside,
        })
    }

    /// The fingerprint of the gazetteer the model was trained with (see
    /// [`TokenClasses::fingerprint`]), from the model file's training note.
    #[must_use]
    pub fn gazetteer_fingerprint(&self) -> Option<u64> {
        let at = self.about.find(r#""gazetteer":""#)? + r#""gazetteer":""#.len();
        let hex = self.about.get(at..at + 16)?;
        u64::from_str_radix(hex, 16).ok()
    }

    /// Entity spans `(first, end, type)` over `words` with their `pos` tags; type indexes
    /// [`labels::TYPES`].
    pub fn recognize(
        &self,
        words: &[&str],
        pos: &[Pos],
        gazetteer: &TokenClasses,
        scratch: &mut NerScratch,
    ) -> Vec<(usize, usize, usize)> {
        scratch.view.fill(words);
        scratch.gaz.clear();
        scratch
            .gaz
            .extend((0..words.len()).map(|i| gazetteer.flags(scratch.view.norm(i as isize))));
        scratch.scores.resize(labels::CLASSES, 0);
        scratch.classes.clear();
        let cx = Context {
            view: &scratch.view,
            pos,
            gaz: &scratch.gaz,
        };
        let mut prev = 0;
        for (i, word) in words.iter().enumerate() {
            let class = if labels::outside_allowed(&self.transitions, prev)
                && self.outside.contains(*word)
            {
                labels::class(labels::Part::Outside, 0)
            } else {
                features(&cx, i, prev, &mut scratch.features);
                self.model.predict(
                    scratch.features.as_slice(),
                    &mut scratch.scores,
                    Some(&self.transitions[prev]),
                )
            };
            scratch.classes.push(class);
            prev = class;
        }
        // A sentence that ends inside an entity closes it on its last token.
        if let Some(last) = scratch.classes.last_mut() {
            let (part, ty) = labels::decode(*last);
            if matches!(part, labels::Part::Begin | labels::Part::Inside) {
                *last = labels::class(
                    if part == labels::Part::Begin {
                        labels::Part::Unit
                    } else {
                        labels::Part::Last
                    },
                    ty,
                );
            }
        }
        labels::spans(&scratch.classes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    #[test]
    fn embedded_model_matches_embedded_gazetteer() {
        let trained_with = Recognizer::embedded().gazetteer_fingerprint();
        let current = Gazetteer::embedded().token_classes().fingerprint();
        assert_eq!(
            trained_with,
            Some(current),
            "the gazetteer changed since the NER model was trained: run `dateline train ner`"
        );
    }

    #[test]
    fn embedded_model_finds_names() {
        let words = [
            "U.S.",
            "Defense",
            "Secretary",
            "Lloyd",
            "Austin",
            "visited",
            "Seoul",
            "on",
            "Wednesday",
            ".",
        ];
        let tags = dateline_syntax::pos::Tagger::embedded().tag(&words);
        let mut scratch = NerScratch::default();
        let spans = Recognizer::embedded().recognize(
            &words,
            &tags,
            Gazetteer::embedded().token_classes(),
            &mut scratch,
        );
        let named: Vec<(String, &str)> = spans
            .iter()
            .map(|&(a, b, t)| (words[a..b].join(" "), labels::TYPES[t]))
            .collect();
        assert!(
            named
                .iter()
                .any(|(n, t)| n.ends_with("Lloyd Austin") && *t == "per"),
            "{named:?}"
        );
        assert!(named.iter().any(|(n, _)| n == "Seoul"), "{named:?}");
        assert!(
            named.contains(&("Wednesday".to_owned(), "tim")),
            "{named:?}"
        );
    }
}
