//! Near-duplicate detection: MinHash signatures over word 3-shingles, indexed by LSH bands.
//!
//! A signature of [`HASHES`] minima estimates the Jaccard similarity of two texts' shingle sets;
//! wire copies with a new headline, a trimmed ending or added boilerplate keep most shingles.
//! [`BANDS`] bands of [`ROWS`] minima each are indexed: two texts with similarity `s` share a band
//! with probability `1 - (1 - s^ROWS)^BANDS` (0.98 at s = 0.6, 0.01 at s = 0.2); candidates are
//! then confirmed on the whole signature against [`MIN_SIMILARITY`].

/// Minima per signature.
pub const HASHES: usize = 64;
/// LSH bands.
pub const BANDS: usize = 16;
/// Minima per band.
pub const ROWS: usize = HASHES / BANDS;
/// Estimated Jaccard similarity from which a text is a copy of another.
pub const MIN_SIMILARITY: f64 = 0.5;
/// Fewest words a text needs to be compared at all.
pub const MIN_WORDS: usize = 30;

const SHINGLE: usize = 3;

/// FNV-1a, 64-bit: small and stable (signatures are stored, so the hash must never change).
fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `SplitMix64` finaliser: turns one shingle hash into [`HASHES`] independent ones.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The lowercased words of `text`, in one buffer, and each word's end in it.
fn lowercase_words(text: &str) -> (String, Vec<usize>) {
    let mut lower = String::with_capacity(text.len());
    let mut ends = Vec::with_capacity(text.len() / 5);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if word.is_ascii() {
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.push_str(&word.to_lowercase());
        }
        ends.push(lower.len());
    }
    (lower, ends)
}

/// The MinHash signature of `text` and its number of words.
pub fn signature(text: &str) -> (Vec<u32>, usize) {
    let (lower, ends) = lowercase_words(text);
    let starts = std::iter::once(0).chain(ends.iter().copied());
    let words: Vec<&[u8]> = starts
        .zip(&ends)
        .map(|(start, &end)| lower.as_bytes().get(start..end).unwrap_or_default())
        .collect();
    let seeds: [u64; HASHES] =
        std::array::from_fn(|i| (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut sig = [u32::MAX; HASHES];
    for shingle in words.windows(SHINGLE.min(words.len()).max(1)) {
        let h = fnv1a(shingle.iter().flat_map(|w| w.iter().copied().chain([b' '])));
        for (slot, seed) in sig.iter_mut().zip(seeds) {
            *slot = (*slot).min((mix(h ^ seed) >> 32) as u32);
        }
    }
    (sig.to_vec(), words.len())
}

/// The key of band `band` of a signature.
pub fn band(sig: &[u32], band: usize) -> i64 {
    let rows = sig.get(band * ROWS..(band + 1) * ROWS).unwrap_or_default();
    fnv1a(rows.iter().flat_map(|r| r.to_le_bytes())) as i64
}

/// The stored key of band `band`: its hash with the band's number in the low four bits, so one
/// indexed column holds every band (schema version 4 derives it from the older `(band, value)`
/// pair the same way).
pub fn band_key(sig: &[u32], band: usize) -> i64 {
    const _: () = assert!(BANDS <= 16, "the band number must fit in four bits");
    (self::band(sig, band) & !0xF) | band as i64
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// A signature as stored (little-endian bytes).
pub fn to_bytes(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored signature.
pub fn from_bytes(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The defence ministers of the two countries met in the capital on Tuesday \
        to discuss joint patrols along the disputed border, officials said, after a week of \
        clashes that left several soldiers wounded and dozens of villagers displaced. Both \
        sides agreed to reopen a hotline between their military commanders and to meet again \
        next month, according to a statement released after the talks ended late in the \
        evening. Analysts said the agreement was a modest but real step toward calming tensions.";

    #[test]
    fn copies_are_similar_and_other_stories_are_not() {
        let (a, n) = signature(STORY);
        assert!(n > MIN_WORDS);
        let trimmed = STORY
            .rsplit_once(" Analysts")
            .map_or(STORY, |(head, _)| head);
        let boilerplate = format!("{STORY} Copyright 2024 Example Wire. All rights reserved.");
        for copy in [trimmed, boilerplate.as_str()] {
            let s = similarity(&a, &signature(copy).0);
            assert!(s >= MIN_SIMILARITY, "copy at similarity {s}");
        }
        let other = "Heavy rain flooded the northern provinces overnight, cutting roads and \
            power lines, and the weather service warned of more storms on the coast this week \
            while rescue teams searched for missing fishermen and farmers counted their losses.";
        assert!(similarity(&a, &signature(other).0) < 0.2);
    }

    #[test]
    fn signatures_round_trip_and_bands_are_stable() {
        let (sig, _) = signature(STORY);
        assert_eq!(from_bytes(&to_bytes(&sig)), sig);
        assert_eq!(band(&sig, 3), band(&signature(STORY).0, 3));
        assert_eq!(band_key(&sig, 3) & 0xF, 3);
        assert_ne!(band_key(&sig, 3), band_key(&sig, 4));
        assert!(similarity(&[], &[]).abs() < f64::EPSILON);
        assert_eq!(signature("").1, 0);
    }

    /// Signatures are stored: these minima were computed independently (in Python) from the
    /// definition, including a Greek word whose final sigma lowercases differently.
    #[test]
    fn signatures_keep_their_stored_values() {
        let text = "ΟΔΥΣΣΕΑΣ met the Minister in Athens; ΟΔΥΣΣΕΑΣ said talks went well, \
            officials said.";
        let (sig, words) = signature(text);
        assert_eq!(words, 13);
        assert_eq!(
            sig[..4],
            [1_146_924_140, 135_370_377, 193_743_539, 333_523_979]
        );
        assert_eq!(signature("Talks").0[..2], [2_174_099_015, 1_950_575_828]);
    }
}
