//! The averaged perceptron (Collins 2002) over a hashed weight table, and its quantised form for
//! inference.
//!
//! Weights live in a dense table of `2^bits` rows × `classes` columns; a feature hash picks a row
//! by its top bits. Training keeps running totals with lazy averaging; the finished model stores
//! the averaged weights as `i16` with one scale, and scores in integer arithmetic.

/// Training state.
#[derive(Debug, Clone)]
pub struct Trainer {
    bits: u32,
    classes: usize,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
}

#[inline]
fn row(hash: u64, bits: u32) -> usize {
    (hash >> (64 - bits)) as usize
}

impl Trainer {
    /// A zeroed model of `2^bits` feature rows and `classes` classes.
    ///
    /// # Panics
    /// When `bits` is not in `8..=24` or there are no classes: fixed by the caller's code.
    #[must_use]
    pub fn new(bits: u32, classes: usize) -> Self {
        assert!((8..=24).contains(&bits) && classes > 0, "bad model shape");
        let size = (1usize << bits) * classes;
        Trainer {
            bits,
            classes,
            weights: vec![0.0; size],
            totals: vec![0.0; size],
            stamps: vec![0; size],
            step: 0,
        }
    }

    /// Number of classes.
    #[must_use]
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Scores of each class for `features` with the current (not averaged) weights.
    pub fn scores(&self, features: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        for &f in features {
            let base = row(f, self.bits) * self.classes;
            for (o, w) in out.iter_mut().zip(&self.weights[base..base + self.classes]) {
                *o += w;
            }
        }
    }

    /// The best class for `features`, among those `allowed` (all when `None`).
    pub fn predict(
        &self,
        features: &[u64],
        scratch: &mut [f32],
        allowed: Option<&[bool]>,
    ) -> usize {
        self.scores(features, scratch);
        argmax(scratch, allowed)
    }

    fn bump(&mut self, index: usize, delta: f32) {
        let elapsed = f64::from(self.step - self.stamps[index]);
        self.totals[index] += elapsed * f64::from(self.weights[index]);
        self.stamps[index] = self.step;
        self.weights[index] += delta;
    }

    /// One training example seen: call once per decision, before `update`.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weights toward `truth` and away from `guess` when they differ.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in features {
            let base = row(f, self.bits) * self.classes;
            self.bump(base + truth, 1.0);
            self.bump(base + guess, -1.0);
        }
    }

    /// The averaged, quantised model.
    #[must_use]
    pub fn finish(mut self) -> Model {
        let step = f64::from(self.step.max(1));
        for i in 0..self.weights.len() {
            let elapsed = f64::from(self.step - self.stamps[i]);
            self.totals[i] += elapsed * f64::from(self.weights[i]);
        }
        let averaged: Vec<f64> = self.totals.iter().map(|t| t / step).collect();
        let max = averaged.iter().fold(0.0f64, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f64::from(i16::MAX)
        } else {
            1.0
        };
        let weights = averaged
            .iter()
            .map(|w| {
                (w / scale)
                    .round()
                    .clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16
            })
            .collect();
        Model {
            bits: self.bits,
            classes: self.classes,
            scale: scale as f32,
            weights,
        }
    }
}

/// The index of the highest score among `allowed` classes (ties: the lowest index).
#[must_use]
pub fn argmax<T: PartialOrd + Copy>(scores: &[T], allowed: Option<&[bool]>) -> usize {
    let mut best: Option<(usize, T)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed.is_some_and(|a| !a[i]) {
            continue;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map_or(0, |(i, _)| i)
}

/// A trained model: averaged weights quantised to `i16`.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) classes: usize,
    pub(crate) scale: f32,
    pub(crate) weights: Vec<i16>,
}

impl Model {
    /// Number of classes.
    #[must_use]
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Integer scores of each class for `features` (multiply by the scale for real values).
    pub fn scores(&self, features: &[u64], out: &mut [i32]) {
        out.fill(0);
        // The parser's three moves: a fixed-width row sum the compiler keeps in registers (same
        // integers as the general loop, which wider models vectorise well as it is).
        match self.classes {
            3 => self.sum_rows::<3>(features, out),
            _ => {
                for &f in features {
                    let base = row(f, self.bits) * self.classes;
                    for (o, &w) in out.iter_mut().zip(&self.weights[base..base + self.classes]) {
                        *o += i32::from(w);
                    }
                }
            }
        }
    }

    /// Row sums for a model of exactly `N` classes.
    fn sum_rows<const N: usize>(&self, features: &[u64], out: &mut [i32]) {
        let mut sum = [0i32; N];
        for &f in features {
            let base = row(f, self.bits) * N;
            if let Some(w) = self.weights.get(base..base + N) {
                for k in 0..N {
                    sum[k] += i32::from(w[k]);
                }
            }
        }
        for (o, s) in out.iter_mut().zip(sum) {
            *o = s;
        }
    }

    /// The best class for `features` among those `allowed` (all when `None`).
    pub fn predict(
        &self,
        features: &[u64],
        scratch: &mut [i32],
        allowed: Option<&[bool]>,
    ) -> usize {
        self.scores(features, scratch);
        argmax(scratch, allowed)
    }

    /// The weight of one quantisation step.
    #[must_use]
    pub fn scale(&self) -> f32 {
        self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Features;

    fn feats(words: &[&str]) -> Vec<u64> {
        let mut f = Features::new();
        for w in words {
            f.add(0, w);
        }
        f.as_slice().to_vec()
    }

    #[test]
    fn learns_a_separable_problem() {
        let data = [
            (feats(&["red", "round"]), 0),
            (feats(&["yellow", "long"]), 1),
            (feats(&["red", "small"]), 0),
            (feats(&["yellow", "curved"]), 1),
        ];
        let mut trainer = Trainer::new(10, 2);
        let mut scratch = [0.0f32; 2];
        for _ in 0..5 {
            for (f, truth) in &data {
                trainer.tick();
                let guess = trainer.predict(f, &mut scratch, None);
                trainer.update(f, *truth, guess);
            }
        }
        let model = trainer.finish();
        let mut scores = [0i32; 2];
        assert_eq!(model.predict(&feats(&["red"]), &mut scores, None), 0);
        assert_eq!(model.predict(&feats(&["yellow"]), &mut scores, None), 1);
        assert_eq!(
            model.predict(&feats(&["yellow"]), &mut scores, Some(&[true, false])),
            0
        );
    }

    #[test]
    fn argmax_respects_mask_and_ties() {
        assert_eq!(argmax(&[1, 3, 3], None), 1);
        assert_eq!(argmax(&[1, 3, 2], Some(&[true, false, true])), 2);
    }
}
