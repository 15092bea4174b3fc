//! Counts behind precision, recall, F1 and accuracy, summed across documents (micro-average).

use std::ops::{Add, AddAssign};

use serde::Serialize;

/// Matching counts for one layer: how many predictions were right, how many gold items were found.
///
/// Precision and recall keep separate numerators because some layers (quotes) are not matched
/// one-to-one: one predicted quote may cover several gold quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(into = "CountsJson")]
pub struct Counts {
    /// Predictions judged correct.
    pub tp_pred: usize,
    /// All predictions.
    pub n_pred: usize,
    /// Gold items found.
    pub tp_gold: usize,
    /// All gold items.
    pub n_gold: usize,
}

impl Counts {
    /// Counts for a one-to-one matching: `matched` pairs out of `n_pred` predictions and `n_gold`
    /// gold items.
    #[must_use]
    pub fn one_to_one(matched: usize, n_pred: usize, n_gold: usize) -> Self {
        Counts {
            tp_pred: matched,
            n_pred,
            tp_gold: matched,
            n_gold,
        }
    }

    /// Correct predictions over predictions; 0 when there are none.
    #[must_use]
    pub fn precision(&self) -> f64 {
        ratio(self.tp_pred, self.n_pred)
    }

    /// Found gold items over gold items; 0 when there are none.
    #[must_use]
    pub fn recall(&self) -> f64 {
        ratio(self.tp_gold, self.n_gold)
    }

    /// The harmonic mean of precision and recall; 0 when both are 0.
    #[must_use]
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

impl Add for Counts {
    type Output = Counts;

    fn add(self, other: Counts) -> Counts {
        Counts {
            tp_pred: self.tp_pred + other.tp_pred,
            n_pred: self.n_pred + other.n_pred,
            tp_gold: self.tp_gold + other.tp_gold,
            n_gold: self.n_gold + other.n_gold,
        }
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        *self = *self + other;
    }
}

#[derive(Serialize)]
struct CountsJson {
    tp_pred: usize,
    n_pred: usize,
    tp_gold: usize,
    n_gold: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl From<Counts> for CountsJson {
    fn from(c: Counts) -> Self {
        CountsJson {
            tp_pred: c.tp_pred,
            n_pred: c.n_pred,
            tp_gold: c.tp_gold,
            n_gold: c.n_gold,
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
        }
    }
}

/// How often a judgement was right: `correct` out of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(into = "AccuracyJson")]
pub struct Accuracy {
    /// Judgements that were right.
    pub correct: usize,
    /// All judgements.
    pub total: usize,
}

impl Accuracy {
    /// Counts one judgement.
    pub fn record(&mut self, correct: bool) {
        self.total += 1;
        if correct {
            self.correct += 1;
        }
    }

    /// Correct over total; 0 when nothing was judged.
    #[must_use]
    pub fn value(&self) -> f64 {
        ratio(self.correct, self.total)
    }
}

impl Add for Accuracy {
    type Output = Accuracy;

    fn add(self, other: Accuracy) -> Accuracy {
        Accuracy {
            correct: self.correct + other.correct,
            total: self.total + other.total,
        }
    }
}

impl AddAssign for Accuracy {
    fn add_assign(&mut self, other: Accuracy) {
        *self = *self + other;
    }
}

#[derive(Serialize)]
struct AccuracyJson {
    correct: usize,
    total: usize,
    accuracy: f64,
}

impl From<Accuracy> for AccuracyJson {
    fn from(a: Accuracy) -> Self {
        AccuracyJson {
            correct: a.correct,
            total: a.total,
            accuracy: a.value(),
        }
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_recall_f1() {
        let c = Counts {
            tp_pred: 3,
            n_pred: 4,
            tp_gold: 3,
            n_gold: 6,
        };
        assert!((c.precision() - 0.75).abs() < 1e-12);
        assert!((c.recall() - 0.5).abs() < 1e-12);
        assert!((c.f1() - 0.6).abs() < 1e-12);
    }

    #[test]
    fn empty_counts_are_zero_not_nan() {
        let c = Counts::default();
        for value in [c.precision(), c.recall(), c.f1()] {
            assert!(value.abs() < 1e-12, "{value}");
        }
        assert!(Counts::one_to_one(0, 5, 5).f1().abs() < 1e-12);
        assert!(Accuracy::default().value().abs() < 1e-12);
    }

    #[test]
    fn sums_micro_average() {
        let total = Counts::one_to_one(1, 1, 1) + Counts::one_to_one(0, 3, 1);
        assert_eq!(total, Counts::one_to_one(1, 4, 2));
        assert!((total.precision() - 0.25).abs() < 1e-12);
        let mut acc = Accuracy::default();
        acc.record(true);
        acc.record(false);
        acc += Accuracy {
            correct: 1,
            total: 2,
        };
        assert_eq!((acc.correct, acc.total), (2, 4));
    }

    #[test]
    fn json_carries_derived_scores() {
        let json = serde_json::to_value(Counts::one_to_one(1, 2, 4)).unwrap_or_default();
        assert_eq!(json["precision"], 0.5);
        assert_eq!(json["recall"], 0.25);
        assert_eq!(json["n_gold"], 4);
    }
}
