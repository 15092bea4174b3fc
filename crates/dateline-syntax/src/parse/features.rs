//! The parser's features: words, tags and arc labels around the stack top and the next word
//! (Zhang and Nivre 2011, trimmed for speed), hashed. Shared by parsing and training.

// Positions are named as in the literature: s0, s1, s2 on the stack, b0, b1, b2 in the buffer.
#![allow(clippy::similar_names)]

use dateline_core::Pos;

use std::hash::Hasher;

use rustc_hash::FxHasher;

use super::state::{State, NONE};
use crate::model::Features;
use crate::words::{suffix, SentenceView};

/// Each word's normalised form, three-letter ending and shape as hashes, computed once per
/// sentence so that the many features combining them hash numbers, not strings.
#[derive(Debug, Clone, Default)]
pub struct WordIds {
    words: Vec<u64>,
    suffixes: Vec<u64>,
    shapes: Vec<u64>,
}

fn hash(kind: u8, text: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(kind);
    h.write(text.as_bytes());
    h.finish()
}

impl WordIds {
    /// The ids of the words in `view`.
    pub fn fill(&mut self, view: &SentenceView) {
        self.words.clear();
        self.suffixes.clear();
        self.shapes.clear();
        for i in 0..view.word_count() {
            let norm = view.norm(i as isize);
            self.words.push(hash(0, norm));
            self.suffixes.push(hash(1, suffix(norm, 3)));
            self.shapes.push(hash(2, view.shape(i as isize)));
        }
    }
}

/// What the features of one sentence read besides the state.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'a> {
    /// The words as ids.
    pub ids: &'a WordIds,
    /// The words' tags.
    pub tags: &'a [Pos],
}

/// The id of word `w` in `column`, or a boundary id.
fn id(column: &[u64], w: u32) -> u64 {
    if w == NONE {
        return 1;
    }
    column.get(w as usize).copied().unwrap_or(2)
}

/// Tag id of word `w`, or a boundary id.
fn tag(s: &Sentence<'_>, w: u32) -> u64 {
    if w == NONE {
        return 99;
    }
    s.tags.get(w as usize).map_or(98, |t| *t as u64)
}

/// The normalised form of word `w` as an id.
fn word(s: &Sentence<'_>, w: u32) -> u64 {
    id(&s.ids.words, w)
}

/// Label id of the arc into `w`, or a boundary id.
fn label(state: &State, w: u32) -> u64 {
    if w == NONE {
        return 999;
    }
    u64::from(state.labels[w as usize])
}

fn pack(ids: &[u64]) -> u64 {
    ids.iter()
        .fold(0u64, |acc, &id| acc.wrapping_mul(1031).wrapping_add(id))
}

/// The features of the move to make in `state`.
pub fn moves(s: &Sentence<'_>, state: &State, f: &mut Features) {
    let (s0, s1, s2) = (state.stack(0), state.stack(1), state.stack(2));
    let (b0, b1, b2) = (state.buffer(0), state.buffer(1), state.buffer(2));
    let (s0l, s0r) = (state.left_child(s0, 0), state.right_child(s0, 0));
    let (s0l2, s0r2) = (state.left_child(s0, 1), state.right_child(s0, 1));
    let (s1l, s1r) = (state.left_child(s1, 0), state.right_child(s1, 0));
    let (b0l, b0l2) = (state.left_child(b0, 0), state.left_child(b0, 1));
    let [t_s0, t_s1, t_s2, t_b0, t_b1, t_b2] = [s0, s1, s2, b0, b1, b2].map(|w| tag(s, w));
    let (w_s0, w_s1, w_b0, w_b1) = (word(s, s0), word(s, s1), word(s, b0), word(s, b1));
    f.clear();
    f.add_id(0, 0);
    // Single positions.
    f.add_id(1, w_s0);
    f.add_id(2, t_s0);
    f.add_id(3, pack(&[t_s0, w_s0]));
    f.add_id(4, w_s1);
    f.add_id(5, t_s1);
    f.add_id(6, pack(&[t_s1, w_s1]));
    f.add_id(7, w_b0);
    f.add_id(8, t_b0);
    f.add_id(9, pack(&[t_b0, w_b0]));
    f.add_id(10, w_b1);
    f.add_id(11, t_b1);
    f.add_id(12, pack(&[t_b1, w_b1]));
    f.add_id(13, t_b2);
    f.add_id(14, t_s2);
    // Pairs.
    f.add_id(15, pack(&[w_s0, w_b0]));
    f.add_id(16, pack(&[t_s0, t_b0]));
    f.add_id(17, pack(&[t_b0, w_s0]));
    f.add_id(18, pack(&[t_s0, w_b0]));
    f.add_id(19, pack(&[t_s1, t_s0]));
    f.add_id(20, pack(&[w_s1, w_s0]));
    f.add_id(21, pack(&[pack(&[t_s0, t_b0]), w_s0]));
    f.add_id(22, pack(&[pack(&[t_s0, t_b0]), w_b0]));
    // Triples of tags.
    f.add_id(23, pack(&[t_s0, t_b0, t_b1]));
    f.add_id(24, pack(&[t_s1, t_s0, t_b0]));
    f.add_id(25, pack(&[t_s2, t_s1, t_s0]));
    f.add_id(26, pack(&[t_b0, t_b1, t_b2]));
    f.add_id(27, pack(&[t_s0, tag(s, s0l), t_b0]));
    f.add_id(28, pack(&[t_s0, tag(s, s0r), t_b0]));
    f.add_id(29, pack(&[t_s1, t_s0, tag(s, s0r)]));
    f.add_id(30, pack(&[t_s1, tag(s, s1r), t_s0]));
    f.add_id(31, pack(&[t_s0, t_b0, tag(s, b0l)]));
    f.add_id(32, pack(&[t_s1, tag(s, s1l), t_s0]));
    // Distance and valency.
    let distance = if s0 == NONE || b0 == NONE {
        0
    } else {
        u64::from((b0 - s0).min(5))
    };
    f.add_id(33, pack(&[distance, w_s0]));
    f.add_id(34, pack(&[distance, t_s0, t_b0]));
    let [s0_left, s0_right] = state.valency(s0).map(u64::from);
    f.add_id(35, pack(&[pack(&[s0_left.min(4), s0_right.min(4)]), w_s0]));
    f.add_id(36, pack(&[s0_left.min(4), s0_right.min(4), t_s0]));
    f.add_id(37, pack(&[u64::from(state.valency(b0)[0]).min(4), t_b0]));
    // Labels of the children built so far.
    f.add_id(38, pack(&[label(state, s0l), label(state, s0r), t_s0]));
    f.add_id(39, pack(&[label(state, b0l), label(state, b0l2), t_b0]));
    f.add_id(40, pack(&[label(state, s0l2), label(state, s0r2), t_s0]));
    f.add_id(41, pack(&[label(state, s1r), t_s1, t_s0]));
    f.add_id(42, pack(&[label(state, s0l), w_s0]));
    f.add_id(43, pack(&[label(state, b0l), w_b0]));
    // Word endings.
    f.add_id(44, id(&s.ids.suffixes, s0));
    f.add_id(45, id(&s.ids.suffixes, b0));
    f.add_id(46, pack(&[t_b0, id(&s.ids.shapes, b0)]));
    // Words of the children and the far positions (Honnibal's arc-hybrid set).
    let (s0l_w, s0r_w, b0l_w) = (word(s, s0l), word(s, s0r), word(s, b0l));
    f.add_id(47, s0l_w);
    f.add_id(48, s0r_w);
    f.add_id(49, b0l_w);
    f.add_id(50, word(s, s1r));
    f.add_id(51, word(s, b2));
    f.add_id(52, word(s, s2));
    f.add_id(53, tag(s, s0l2));
    f.add_id(54, tag(s, s0r2));
    f.add_id(55, tag(s, b0l2));
    f.add_id(56, pack(&[t_b0, tag(s, b0l), tag(s, b0l2)]));
    f.add_id(57, pack(&[t_s0, tag(s, s0r), tag(s, s0r2)]));
    f.add_id(58, pack(&[t_s0, tag(s, s0l), tag(s, s0l2)]));
    f.add_id(59, pack(&[pack(&[t_s0, t_b0]), w_s0, w_b0]));
    f.add_id(60, pack(&[t_b0, t_b1]));
    f.add_id(61, pack(&[t_b1, w_b0]));
    f.add_id(62, pack(&[distance, w_b0]));
    f.add_id(63, pack(&[s0_left.min(4), w_s0]));
    f.add_id(64, pack(&[u64::from(state.valency(b0)[0]).min(4), w_b0]));
}

/// The features of the label of the arc from `head` to `dep`.
pub fn label_features(s: &Sentence<'_>, state: &State, head: u32, dep: u32, f: &mut Features) {
    let (t_h, t_d) = (tag(s, head), tag(s, dep));
    let (w_h, w_d) = (word(s, head), word(s, dep));
    let direction = u64::from(dep < head);
    let distance = u64::from(head.abs_diff(dep).min(6));
    let near = |w: u32, k: i64| {
        if w == NONE {
            return 99;
        }
        let i = i64::from(w) + k;
        usize::try_from(i)
            .ok()
            .and_then(|i| s.tags.get(i))
            .map_or(98, |t| *t as u64)
    };
    f.clear();
    f.add_id(0, direction);
    f.add_id(1, pack(&[direction, t_h, t_d]));
    f.add_id(2, pack(&[pack(&[direction, t_h]), w_d]));
    f.add_id(3, pack(&[pack(&[direction, t_d]), w_h]));
    f.add_id(4, pack(&[w_h, w_d]));
    f.add_id(5, pack(&[direction, w_d]));
    f.add_id(6, pack(&[direction, w_h]));
    f.add_id(7, pack(&[direction, distance, t_h, t_d]));
    f.add_id(8, pack(&[direction, t_d, near(dep, -1), near(dep, 1)]));
    f.add_id(9, pack(&[direction, t_h, near(head, -1), near(head, 1)]));
    f.add_id(
        10,
        pack(&[
            direction,
            t_d,
            label(state, state.left_child(dep, 0)),
            label(state, state.right_child(dep, 0)),
        ]),
    );
    f.add_id(11, pack(&[direction, t_d, id(&s.ids.suffixes, dep)]));
    f.add_id(
        12,
        pack(&[
            direction,
            t_d,
            u64::from(state.valency(dep)[0]).min(3),
            u64::from(state.valency(dep)[1]).min(3),
        ]),
    );
    f.add_id(13, pack(&[pack(&[direction, t_h, t_d]), w_d]));
    f.add_id(14, pack(&[pack(&[direction, t_h, t_d]), w_h]));
    f.add_id(15, pack(&[direction, t_d, u64::from(dep == 0)]));
}
