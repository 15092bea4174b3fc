//! One-to-one matching of predictions to gold items, best candidate first.

/// A possible pairing of prediction `pred` with gold item `gold`; lower `rank` is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Candidate {
    pub rank: u32,
    pub gold: usize,
    pub pred: usize,
}

/// Greedy one-to-one matching: candidates are taken best rank first (ties in gold, then
/// prediction order) and kept when neither side is taken yet. Returns `(pred, gold)` pairs.
pub(crate) fn greedy(
    mut candidates: Vec<Candidate>,
    n_pred: usize,
    n_gold: usize,
) -> Vec<(usize, usize)> {
    candidates.sort_unstable();
    let mut pred_taken = vec![false; n_pred];
    let mut gold_taken = vec![false; n_gold];
    let mut pairs = Vec::new();
    for c in candidates {
        if pred_taken[c.pred] || gold_taken[c.gold] {
            continue;
        }
        pred_taken[c.pred] = true;
        gold_taken[c.gold] = true;
        pairs.push((c.pred, c.gold));
    }
    pairs
}

/// Every `(pred, gold)` pair that `rank` accepts, as candidates for [`greedy`].
pub(crate) fn candidates(
    n_pred: usize,
    n_gold: usize,
    mut rank: impl FnMut(usize, usize) -> Option<u32>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for pred in 0..n_pred {
        for gold in 0..n_gold {
            if let Some(rank) = rank(pred, gold) {
                out.push(Candidate { rank, gold, pred });
            }
        }
    }
    out
}

/// Matches `n_pred` predictions to `n_gold` gold items one-to-one; `rank` returns `None` for
/// pairs that do not match and a rank (lower is better) for those that do.
pub(crate) fn match_one_to_one(
    n_pred: usize,
    n_gold: usize,
    rank: impl FnMut(usize, usize) -> Option<u32>,
) -> Vec<(usize, usize)> {
    greedy(candidates(n_pred, n_gold, rank), n_pred, n_gold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_rank_wins_and_pairs_are_one_to_one() {
        // Prediction 0 fits both gold items, gold 0 best; prediction 1 fits only gold 1.
        let ranks = [[Some(0), Some(1)], [None, Some(0)]];
        let pairs = match_one_to_one(2, 2, |p, g| ranks[p][g]);
        assert_eq!(pairs, [(0, 0), (1, 1)]);

        let pairs = match_one_to_one(2, 1, |_, _| Some(0));
        assert_eq!(
            pairs,
            [(0, 0)],
            "two predictions cannot share one gold item"
        );
    }
}
