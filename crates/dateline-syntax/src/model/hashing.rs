//! Feature hashing: each feature is a template id plus strings, hashed to 64 bits; no strings
//! are kept, and the buffer is reused from token to token.

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// A reusable buffer of hashed features for one decision.
#[derive(Debug, Default, Clone)]
pub struct Features {
    hashes: Vec<u64>,
}

impl Features {
    /// An empty buffer.
    #[must_use]
    pub fn new() -> Self {
        Features {
            hashes: Vec::with_capacity(64),
        }
    }

    /// Forgets the features of the previous decision.
    pub fn clear(&mut self) {
        self.hashes.clear();
    }

    /// A feature with one string value.
    pub fn add(&mut self, template: u8, value: &str) {
        let mut h = FxHasher::default();
        h.write_u8(template);
        h.write(value.as_bytes());
        self.hashes.push(h.finish());
    }

    /// A feature combining two string values.
    pub fn add2(&mut self, template: u8, a: &str, b: &str) {
        let mut h = FxHasher::default();
        h.write_u8(template);
        h.write(a.as_bytes());
        h.write_u8(0xff);
        h.write(b.as_bytes());
        self.hashes.push(h.finish());
    }

    /// A feature combining a numeric value (a class id) and a string, without formatting the number.
    pub fn add_id_str(&mut self, template: u8, id: u64, value: &str) {
        let mut h = FxHasher::default();
        h.write_u8(template);
        h.write_u64(id);
        h.write(value.as_bytes());
        self.hashes.push(h.finish());
    }

    /// A feature combining a numeric value and two strings.
    pub fn add_id2(&mut self, template: u8, id: u64, a: &str, b: &str) {
        let mut h = FxHasher::default();
        h.write_u8(template);
        h.write_u64(id);
        h.write(a.as_bytes());
        h.write_u8(0xff);
        h.write(b.as_bytes());
        self.hashes.push(h.finish());
    }

    /// A feature with a numeric value (a class id, a flag set).
    pub fn add_id(&mut self, template: u8, id: u64) {
        let mut h = FxHasher::default();
        h.write_u8(template);
        h.write_u64(id);
        self.hashes.push(h.finish());
    }

    /// The hashes collected so far.
    #[must_use]
    pub fn as_slice(&self) -> &[u64] {
        &self.hashes
    }
}

/// The shape of a word: `Xxxx` for `Austin`, `X.X.` for `U.S.`, `dd,ddd` for `10,000`; runs of
/// the same class longer than four are cut to four.
pub fn shape(word: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            // Typographic punctuation shaped as its ASCII form ("Lithuania’s" as "Lithuania's").
            crate::words::ascii_punctuation(c).unwrap_or(c)
        };
        if class == last {
            run += 1;
            if run >= 4 {
                continue;
            }
        } else {
            last = class;
            run = 0;
        }
        out.push(class);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn typographic_punctuation_is_shaped_as_ascii() {
        let (mut a, mut b) = (String::new(), String::new());
        super::shape("Lithuania\u{2019}s", &mut a);
        super::shape("Lithuania's", &mut b);
        assert_eq!(a, b);
        super::shape("\u{201c}", &mut a);
        assert_eq!(a, "\"");
    }

    use super::*;

    #[test]
    fn shapes() {
        let mut s = String::new();
        shape("Austin", &mut s);
        assert_eq!(s, "Xxxxx");
        shape("U.S.", &mut s);
        assert_eq!(s, "X.X.");
        shape("10,000", &mut s);
        assert_eq!(s, "dd,ddd");
        shape("Yong-hyun", &mut s);
        assert_eq!(s, "Xxxx-xxxx");
    }

    #[test]
    fn features_differ_by_template_and_value() {
        let mut f = Features::new();
        f.add(1, "a");
        f.add(2, "a");
        f.add(1, "b");
        f.add2(1, "a", "b");
        f.add2(1, "ab", "");
        let h = f.as_slice();
        assert_eq!(h.len(), 5);
        let unique: std::collections::HashSet<_> = h.iter().collect();
        assert_eq!(unique.len(), 5);
        f.clear();
        assert!(f.as_slice().is_empty());
    }
}
