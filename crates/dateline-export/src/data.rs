//! The export's data tables, loaded once from `resources/`: ISO3 → FIPS 10-4 country codes
//! (GDELT's geography columns) and the tone word list (GDELT's `V2Tone`, used by both the
//! Events and the GKG exports).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const FIPS: &str = include_str!("../resources/fips.tsv");

/// The `key<TAB>value` rows of an embedded data file, comment lines skipped, trimmed.
fn pairs(data: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    data.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim(), b.trim()))
}

/// ISO3 → FIPS 10-4 country codes (GDELT's geography codes), loaded once.
pub(crate) fn fips(iso3: &str) -> Option<&'static str> {
    static TABLE: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE
        .get_or_init(|| pairs(FIPS).collect())
        .get(iso3)
        .copied()
}

const TONE_WORDS: &str = include_str!("../resources/tone-words.tsv");

/// Word → polarity (+1 / -1), loaded once.
fn polarity(word: &str) -> i32 {
    static TABLE: OnceLock<FxHashMap<String, i32>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            pairs(TONE_WORDS)
                .filter_map(|(w, p)| Some((w.to_owned(), p.parse().ok()?)))
                .collect()
        })
        .get(word)
        .copied()
        .unwrap_or(0)
}

/// GDELT's `V2Tone`: `tone,positive,negative,polarity,activity density,self density,words`, the
/// scores as percentages of the words (the two densities are not computed: 0).
pub fn tone(text: &str) -> (f64, String) {
    let (mut words, mut positive, mut negative) = (0usize, 0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        match polarity(&w.to_lowercase()) {
            p if p > 0 => positive += 1,
            p if p < 0 => negative += 1,
            _ => {}
        }
    }
    let pct = |n: usize| {
        if words == 0 {
            0.0
        } else {
            n as f64 * 100.0 / words as f64
        }
    };
    let (pos, neg) = (pct(positive), pct(negative));
    let value = pos - neg;
    (
        value,
        format!("{value:.4},{pos:.4},{neg:.4},{:.4},0,0,{words}", pos + neg),
    )
}
