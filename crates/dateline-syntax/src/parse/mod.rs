//! Dependency parsing: a greedy arc-hybrid transition parser ([`state`]) whose moves and arc
//! labels are chosen by two averaged perceptrons over hashed features ([`features`]), trained
//! on Universal Dependencies English by `dateline train parse` (`dateline-train`) and compiled
//! into the binary. Heads and relations follow UD conventions (relations without subtypes).

pub mod features;
pub mod stage;
pub mod state;

use std::borrow::Cow;
use std::sync::OnceLock;

use dateline_core::Pos;

use crate::error::{Result, SyntaxError};
use crate::model::{Features, Model, ModelFile};
use crate::pos::{TagScratch, Tagger};
use features::{Sentence, WordIds};
use state::{Move, State, NONE};

const MOVES: &[u8] = include_bytes!("../../models/parse-moves.bin");
const LABELS: &[u8] = include_bytes!("../../models/parse-labels.bin");

/// Hash-table size of the move model, as a power of two.
pub const MOVE_BITS: u32 = 20;
/// Hash-table size of the label model, as a power of two.
pub const LABEL_BITS: u32 = 17;
/// Hash-table size of the tagger (the pipeline's and the parser's), as a power of two (0.946 UD
/// dev tagging at 17 bits, 0.941 at 15, trained on UD alone).
pub const TAG_BITS: u32 = 17;
/// The relation of a sentence's root.
pub const ROOT: &str = "root";

/// One word's arc: its head (a word index in the sentence, `None` for the root) and relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc<'a> {
    /// The head word, or `None` for the root.
    pub head: Option<u32>,
    /// The UD relation, without subtype (`nsubj`, `obl`, `root`).
    pub relation: &'a str,
}

/// A trained dependency parser, with the tagger whose tags it reads (the embedded parser reads
/// the pipeline's tagger, trained on UD with it).
#[derive(Debug, Clone)]
pub struct Parser {
    tagger: Cow<'static, Tagger>,
    moves: Model,
    labels: Model,
    names: Vec<String>,
}

/// Reusable buffers for parsing.
#[derive(Debug, Default, Clone)]
pub struct ParseScratch {
    tags: TagScratch,
    tagged: Vec<Pos>,
    ids: WordIds,
    state: State,
    features: Features,
    scores: Vec<i32>,
}

impl Parser {
    /// The parser compiled into the binary, loaded once.
    ///
    /// # Panics
    /// When the embedded models are corrupt; a unit test loads them.
    #[must_use]
    pub fn embedded() -> &'static Parser {
        static PARSER: OnceLock<Parser> = OnceLock::new();
        PARSER.get_or_init(|| {
            ModelFile::load("parse-moves", MOVES)
                .and_then(|moves| {
                    let labels = ModelFile::load("parse-labels", LABELS)?;
                    Parser::from_files(Cow::Borrowed(Tagger::embedded()), moves, labels)
                })
                .expect("embedded parser models are valid")
        })
    }

    /// A parser from its tagger and its move and label model files.
    pub fn from_files(
        tagger: Cow<'static, Tagger>,
        moves: ModelFile,
        labels: ModelFile,
    ) -> Result<Parser> {
        let expected: Vec<String> = ["shift", "left", "right"].map(String::from).to_vec();
        if moves.classes != expected {
            return Err(SyntaxError::UnknownClass {
                name: moves.name,
                class: moves.classes.join(","),
            });
        }
        Ok(Parser {
            tagger,
            moves: moves.model,
            labels: labels.model,
            names: labels.classes,
        })
    }

    /// The relation names, in class-id order.
    #[must_use]
    pub fn relations(&self) -> &[String] {
        &self.names
    }

    /// The tags the parser reads for `words`.
    pub fn tag_into(&self, words: &[&str], scratch: &mut ParseScratch) {
        self.tagger
            .tag_into(words, &mut scratch.tags, &mut scratch.tagged);
    }

    /// Parses one sentence of `words`; `out` gets one arc per word.
    pub fn parse_into<'p>(
        &'p self,
        words: &[&str],
        scratch: &mut ParseScratch,
        out: &mut Vec<Arc<'p>>,
    ) {
        self.tag_into(words, scratch);
        self.parse_tags_in_scratch(words, scratch, out);
    }

    /// Parses one sentence of `words` already tagged by this parser's tagger (`tags`, one per
    /// word, as the pipeline's tag stage gives them); `out` gets one arc per word.
    pub fn parse_tagged_into<'p>(
        &'p self,
        words: &[&str],
        tags: &[Pos],
        scratch: &mut ParseScratch,
        out: &mut Vec<Arc<'p>>,
    ) {
        scratch.tags.fill_view(words);
        scratch.tagged.clear();
        scratch.tagged.extend_from_slice(tags);
        self.parse_tags_in_scratch(words, scratch, out);
    }

    /// Parses `words` with the tags and word view left in `scratch`.
    fn parse_tags_in_scratch<'p>(
        &'p self,
        words: &[&str],
        scratch: &mut ParseScratch,
        out: &mut Vec<Arc<'p>>,
    ) {
        out.clear();
        let n = words.len();
        if n == 0 || scratch.tagged.len() != n {
            return;
        }
        scratch.ids.fill(scratch.tags.view());
        let sentence = Sentence {
            ids: &scratch.ids,
            tags: &scratch.tagged,
        };
        let state = &mut scratch.state;
        state.reset(n);
        while !state.is_final() {
            let allowed = Move::ALL.map(|m| state.allows(m));
            // A forced move (an empty stack, an empty buffer) needs no scoring.
            let m = if allowed.iter().filter(|&&a| a).count() == 1 {
                Move::ALL[allowed.iter().position(|&a| a).unwrap_or(0)]
            } else {
                features::moves(&sentence, state, &mut scratch.features);
                scratch.scores.resize(Move::ALL.len(), 0);
                Move::ALL[self.moves.predict(
                    scratch.features.as_slice(),
                    &mut scratch.scores,
                    Some(&allowed),
                )]
            };
            let label = match arc_of(state, m) {
                Some((head, dep)) => {
                    features::label_features(&sentence, state, head, dep, &mut scratch.features);
                    scratch.scores.resize(self.labels.classes(), 0);
                    self.labels
                        .predict(scratch.features.as_slice(), &mut scratch.scores, None)
                        as u32
                }
                None => NONE,
            };
            state.apply(m, label);
        }
        out.extend((0..n).map(|w| {
            let head = state.heads[w];
            if head == NONE {
                Arc {
                    head: None,
                    relation: ROOT,
                }
            } else {
                Arc {
                    head: Some(head),
                    relation: self
                        .names
                        .get(state.labels[w] as usize)
                        .map_or("dep", String::as_str),
                }
            }
        }));
    }
}

/// The (head, dependent) arc move `m` would make in `state`, if it makes one.
#[must_use]
pub fn arc_of(state: &State, m: Move) -> Option<(u32, u32)> {
    match m {
        Move::Shift => None,
        Move::Left => Some((state.buffer(0), state.stack(0))),
        Move::Right => Some((state.stack(1), state.stack(0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `arcs` form one tree: every head in range, one root, no cycle.
    fn is_tree(arcs: &[Arc<'_>]) -> bool {
        let roots = arcs.iter().filter(|a| a.head.is_none()).count();
        let acyclic = (0..arcs.len()).all(|start| {
            let mut at = start;
            for _ in 0..=arcs.len() {
                match arcs[at].head {
                    None => return true,
                    Some(h) if (h as usize) < arcs.len() => at = h as usize,
                    Some(_) => return false,
                }
            }
            false
        });
        roots == 1 && acyclic
    }

    #[test]
    fn the_embedded_parser_finds_subject_object_and_oblique() {
        let parser = Parser::embedded();
        let words = [
            "Russia", "'s", "army", "attacked", "Kharkiv", "on", "Monday", ".",
        ];
        let mut arcs = Vec::new();
        parser.parse_into(&words, &mut ParseScratch::default(), &mut arcs);
        let arc = |w: usize| (arcs[w].head, arcs[w].relation);
        assert_eq!(arc(3), (None, "root"), "{arcs:?}");
        assert_eq!(arc(2), (Some(3), "nsubj"), "{arcs:?}");
        assert_eq!(arc(0), (Some(2), "nmod"), "{arcs:?}");
        assert_eq!(arc(1), (Some(0), "case"), "{arcs:?}");
        assert_eq!(arc(4), (Some(3), "obj"), "{arcs:?}");
        assert_eq!(arc(6), (Some(3), "obl"), "{arcs:?}");
        assert_eq!(arc(5), (Some(6), "case"), "{arcs:?}");
        assert_eq!(arc(7), (Some(3), "punct"), "{arcs:?}");
        assert!(parser.relations().iter().any(|r| r == "nsubj"));
    }

    #[test]
    fn odd_and_long_sentences_get_one_tree_each() {
        let parser = Parser::embedded();
        let mut scratch = ParseScratch::default();
        let mut arcs = Vec::new();
        let long: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        let samples: [&[&str]; 6] = [
            &["."],
            &["!", "?", "...", ";", "--", ":"],
            &["1", "2", "3,000", "4.5", "1999"],
            &["Путин", "заявил", "в", "среду", "."],
            &["北京", "宣布", "了", "新", "措施"],
            &long,
        ];
        for words in samples {
            parser.parse_into(words, &mut scratch, &mut arcs);
            assert_eq!(arcs.len(), words.len());
            assert!(is_tree(&arcs), "{words:?}: {arcs:?}");
        }
        parser.parse_into(&[], &mut scratch, &mut arcs);
        assert!(arcs.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Any sequence of words (Latin, Cyrillic, CJK, digits, punctuation, empty-ish) up to
        /// 500 words gets exactly one tree, and the parser makes exactly 2n - 1 moves: it is
        /// linear in the sentence length by construction.
        #[test]
        fn any_words_get_one_tree(words in proptest::collection::vec(
            "[a-zA-Z]{1,8}|[А-Яа-я]{1,6}|[一-龥]{1,3}|[0-9.,]{1,6}|[.,;:!?\"'()-]{1,3}",
            1..500,
        )) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let mut scratch = ParseScratch::default();
            let mut arcs = Vec::new();
            Parser::embedded().parse_into(&words, &mut scratch, &mut arcs);
            proptest::prop_assert_eq!(arcs.len(), words.len());
            proptest::prop_assert!(is_tree(&arcs));
            let mut state = State::default();
            state.reset(words.len());
            let mut moves = 0;
            while !state.is_final() {
                let m = Move::ALL.into_iter().find(|&m| state.allows(m)).unwrap_or(Move::Shift);
                state.apply(m, 0);
                moves += 1;
            }
            proptest::prop_assert_eq!(moves, 2 * words.len() - 1);
        }
    }
}
