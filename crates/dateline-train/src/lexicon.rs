//! A classifier's lexicon: frequent words that (nearly) always take one class, decided at run
//! time without scoring (Honnibal's tag dictionary). The tagger keeps every such word; the
//! entity recogniser keeps the words that are always outside an entity.

use std::collections::HashMap;

/// How frequent and how unambiguous a word must be to enter a lexicon.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Seen at least this many times…
    pub min_count: u32,
    /// …with one class at least this share of the time.
    pub min_share: f64,
}

/// The words of `pairs` (word, class id) that pass `thresholds`, with their usual class, sorted
/// by word.
#[must_use]
pub fn build<'a>(
    pairs: impl IntoIterator<Item = (&'a str, usize)>,
    thresholds: Thresholds,
) -> Vec<(String, u16)> {
    let mut counts: HashMap<&str, HashMap<usize, u32>> = HashMap::new();
    for (word, class) in pairs {
        *counts.entry(word).or_default().entry(class).or_default() += 1;
    }
    let mut out: Vec<(String, u16)> = counts
        .into_iter()
        .filter_map(|(word, classes)| {
            let total: u32 = classes.values().sum();
            let (&class, &top) = classes
                .iter()
                .max_by_key(|&(c, n)| (*n, std::cmp::Reverse(*c)))?;
            let share = f64::from(top) / f64::from(total);
            if total < thresholds.min_count || share < thresholds.min_share {
                return None;
            }
            Some((word.to_owned(), u16::try_from(class).ok()?))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_frequent_unambiguous_words_only() {
        let mut pairs = Vec::new();
        for k in 0..40 {
            pairs.extend([
                ("The", 1),
                ("talks", 2),
                ("that", if k % 3 == 0 { 1 } else { 3 }),
            ]);
        }
        // Seen 40 times as class 2 and once as class 5: still over 97 %.
        pairs.push(("talks", 5));
        pairs.extend([("rarely", 4); 5]);
        let lexicon = build(
            pairs,
            Thresholds {
                min_count: 20,
                min_share: 0.97,
            },
        );
        assert_eq!(lexicon, [("The".to_owned(), 1), ("talks".to_owned(), 2)]);
    }
}
