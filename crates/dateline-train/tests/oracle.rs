//! The arc-hybrid dynamic oracle: following its zero-cost moves rebuilds every projectivised
//! gold tree exactly (on the UD treebanks beside the repository, when they are there).

#![allow(clippy::print_stderr)]

use dateline_syntax::parse::state::{Move, State, NONE};
use dateline_train::conllu;

/// The tree the oracle's cheapest moves build for gold `heads`.
fn follow_oracle(heads: &[u32]) -> Vec<u32> {
    let mut state = State::default();
    state.reset(heads.len());
    while !state.is_final() {
        let best = Move::ALL
            .into_iter()
            .filter(|&m| state.allows(m))
            .min_by_key(|&m| state.cost(m, heads))
            .expect("a move is allowed until the end");
        state.apply(best, 0);
    }
    state.heads.clone()
}

fn gold(tree: &conllu::Sentence) -> Vec<u32> {
    conllu::projectivize(&tree.heads)
        .into_iter()
        .map(|h| if h == conllu::ROOT { NONE } else { h })
        .collect()
}

#[test]
fn the_oracle_rebuilds_small_trees() {
    // "She gave him a book ." — gave is the root.
    let heads = [1, NONE, 1, 4, 1, 1];
    assert_eq!(follow_oracle(&heads), heads);
    // A right-branching chain and a left-branching chain.
    assert_eq!(follow_oracle(&[NONE, 0, 1, 2]), [NONE, 0, 1, 2]);
    assert_eq!(follow_oracle(&[1, 2, 3, NONE]), [1, 2, 3, NONE]);
}

#[test]
fn the_oracle_rebuilds_every_ewt_training_tree() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-english/en_ewt-ud-train.conllu");
    if !path.exists() {
        eprintln!("skipped: {} is not there", path.display());
        return;
    }
    let trees = conllu::read(&path).expect("the EWT treebank reads");
    assert!(trees.len() > 10_000);
    for tree in &trees {
        let heads = gold(tree);
        assert_eq!(follow_oracle(&heads), heads, "{:?}", tree.words);
    }
}
