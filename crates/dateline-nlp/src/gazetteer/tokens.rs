//! Token-level gazetteer membership, a feature for the entity recogniser: for each lowercase
//! word, which kinds of gazetteer entries it occurs in (a country name, a demonym, a capital, an
//! organisation, a title).

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use dateline_syntax::words::normalize_into;

/// Kinds of gazetteer entries a word occurs in, as bits.
pub mod flag {
    /// Part of a country name or alias.
    pub const COUNTRY: u8 = 1;
    /// A demonym (`Korean`, `Americans`).
    pub const DEMONYM: u8 = 2;
    /// Part of a capital or a seat of government.
    pub const PLACE: u8 = 4;
    /// Part of an organisation's name.
    pub const ORG: u8 = 8;
    /// Part of a title or role noun.
    pub const TITLE: u8 = 16;
}

/// Words too common to say anything when they occur inside a gazetteer name.
static FUNCTION_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::data::word_set(include_str!(
        "../../resources/lexicon/gazetteer-function-words.txt"
    ))
});

/// Lowercase word → gazetteer flags.
#[derive(Debug, Clone, Default)]
pub struct TokenClasses {
    flags: HashMap<String, u8>,
}

impl TokenClasses {
    /// Marks every word of `phrase` with `kind`.
    pub fn add(&mut self, phrase: &str, kind: u8) {
        let mut norm = String::new();
        for word in phrase.split(|c: char| c.is_whitespace()) {
            let word = word.trim_matches(|c: char| matches!(c, ',' | '(' | ')'));
            if word.is_empty() {
                continue;
            }
            normalize_into(word, &mut norm);
            if FUNCTION_WORDS.contains(norm.as_str()) {
                continue;
            }
            *self.flags.entry(norm.clone()).or_default() |= kind;
        }
    }

    /// The flags of a normalised word (0 when it is in no gazetteer).
    #[must_use]
    pub fn flags(&self, norm: &str) -> u8 {
        self.flags.get(norm).copied().unwrap_or(0)
    }

    /// A fingerprint of the table: models trained with gazetteer features record it, and a
    /// test checks the embedded model matches the embedded gazetteer.
    #[must_use]
    pub fn fingerprint(&self) -> u64 {
        use std::hash::Hasher;
        let mut entries: Vec<(&String, &u8)> = self.flags.iter().collect();
        entries.sort();
        let mut h = rustc_hash::FxHasher::default();
        for (word, flags) in entries {
            h.write(word.as_bytes());
            h.write_u8(*flags);
        }
        h.finish()
    }

    /// Number of distinct words.
    #[must_use]
    pub fn len(&self) -> usize {
        self.flags.len()
    }

    /// Whether no word is known.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_phrases_are_flagged() {
        let mut t = TokenClasses::default();
        t.add("Democratic People's Republic of Korea", flag::COUNTRY);
        t.add("South Korean", flag::DEMONYM);
        assert_eq!(t.flags("korea"), flag::COUNTRY);
        assert_eq!(t.flags("korean"), flag::DEMONYM);
        assert_eq!(t.flags("of"), 0);
        assert_eq!(t.flags("south"), flag::DEMONYM);
    }
}
