//! The per-sentence view models read: each word's normalised form, shape and affixes, computed
//! once into reused buffers (no allocation per token once the buffers have grown).

use crate::model::shape;

/// Normalises a word for feature lookup: lowercase, quote and apostrophe variants unified, numbers
/// folded to `!year` (four digits) or `!digits`.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    let has_digit = word.bytes().any(|b| b.is_ascii_digit());
    if has_digit
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '/'))
    {
        out.push_str(
            if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
                "!year"
            } else {
                "!digits"
            },
        );
        return;
    }
    for c in word.chars() {
        match ascii_punctuation(c) {
            Some(p) => out.push(p),
            None if c == '`' => out.push('"'),
            None if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// The ASCII form of a typographic quote, apostrophe or dash, which the training corpora mostly
/// use; `None` for any other character.
#[must_use]
pub fn ascii_punctuation(c: char) -> Option<char> {
    match c {
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => Some('"'),
        '\u{2018}' | '\u{2019}' => Some('\''),
        '\u{2013}' | '\u{2014}' => Some('-'),
        _ => None,
    }
}

/// Normalised forms and shapes of one sentence's words.
#[derive(Debug, Default, Clone)]
pub struct SentenceView {
    norm: String,
    norm_ends: Vec<usize>,
    shapes: String,
    shape_ends: Vec<usize>,
    scratch: String,
}

/// The last `n` chars of `s` (all of it when shorter).
pub fn suffix(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &s[start..]
}

/// The first `n` chars of `s`.
pub fn prefix(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

impl SentenceView {
    /// Fills the view for `words`.
    pub fn fill<S: AsRef<str>>(&mut self, words: &[S]) {
        self.norm.clear();
        self.norm_ends.clear();
        self.shapes.clear();
        self.shape_ends.clear();
        for word in words {
            normalize_into(word.as_ref(), &mut self.scratch);
            self.norm.push_str(&self.scratch);
            self.norm_ends.push(self.norm.len());
            shape(word.as_ref(), &mut self.scratch);
            self.shapes.push_str(&self.scratch);
            self.shape_ends.push(self.shapes.len());
        }
    }

    /// Number of words.
    #[must_use]
    pub fn word_count(&self) -> usize {
        self.norm_ends.len()
    }

    fn slice<'a>(buf: &'a str, ends: &[usize], i: usize) -> &'a str {
        let start = if i == 0 { 0 } else { ends[i - 1] };
        &buf[start..ends[i]]
    }

    /// The normalised form of word `i`, or a boundary marker outside the sentence.
    #[must_use]
    pub fn norm(&self, i: isize) -> &str {
        match usize::try_from(i) {
            Ok(i) if i < self.word_count() => Self::slice(&self.norm, &self.norm_ends, i),
            Ok(_) => "-end-",
            Err(_) => "-start-",
        }
    }

    /// The shape of word `i`, or a boundary marker.
    #[must_use]
    pub fn shape(&self, i: isize) -> &str {
        match usize::try_from(i) {
            Ok(i) if i < self.word_count() => Self::slice(&self.shapes, &self.shape_ends, i),
            Ok(_) => "-end-",
            Err(_) => "-start-",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        let mut s = String::new();
        normalize_into("Austin", &mut s);
        assert_eq!(s, "austin");
        normalize_into("2022", &mut s);
        assert_eq!(s, "!year");
        normalize_into("10,000", &mut s);
        assert_eq!(s, "!digits");
        normalize_into("’s", &mut s);
        assert_eq!(s, "'s");
        normalize_into("“", &mut s);
        assert_eq!(s, "\"");
        normalize_into("ZÜRICH", &mut s);
        assert_eq!(s, "zürich");
    }

    #[test]
    fn view_and_affixes() {
        let mut v = SentenceView::default();
        v.fill(&["Kim", "said", "10,000"]);
        assert_eq!(v.norm(0), "kim");
        assert_eq!(v.norm(2), "!digits");
        assert_eq!(v.norm(-1), "-start-");
        assert_eq!(v.norm(3), "-end-");
        assert_eq!(v.shape(0), "Xxx");
        assert_eq!(suffix("saying", 3), "ing");
        assert_eq!(suffix("ab", 3), "ab");
        assert_eq!(prefix("Zürich", 2), "Zü");
    }
}
