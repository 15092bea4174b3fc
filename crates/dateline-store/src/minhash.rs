//! Near-duplicate detection: MinHash signatures over word 3-shingles, indexed by LSH bands.
//!
//! A signature of [`HASHES`] minima estimates the Jaccard similarity of two texts' shingle sets
//! (one-permutation MinHash: each shingle is hashed once and competes in one of the bins);
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

/// `SplitMix64` finaliser: spreads a shingle's hash over all 64 bits.
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

/// Added to a minimum borrowed from a bin `d` places away, `d` times (odd, so that each
/// distance gives another value).
const ROTATION: u32 = 0x9e37_79b9;

/// The MinHash signature of `text` and its number of words: one-permutation MinHash (Li, Owen
/// and Zhang 2012). Each shingle's hash is computed once: its high 32 bits pick one of
/// [`HASHES`] bins, its low 32 bits compete for that bin's minimum. A bin no shingle fell in
/// takes the minimum of the next filled bin (circularly) plus [`ROTATION`] times their distance
/// (rotation densification, Shrivastava and Li 2014), so that short texts are compared bin by
/// bin too. Schema 7 replaced 64 hash mixes per shingle with this one (migration 7 recomputes
/// stored signatures).
pub fn signature(text: &str) -> (Vec<u32>, usize) {
    let (lower, ends) = lowercase_words(text);
    let starts = std::iter::once(0).chain(ends.iter().copied());
    let words: Vec<&[u8]> = starts
        .zip(&ends)
        .map(|(start, &end)| lower.as_bytes().get(start..end).unwrap_or_default())
        .collect();
    let mut bins: [Option<u32>; HASHES] = [None; HASHES];
    for shingle in words.windows(SHINGLE.min(words.len()).max(1)) {
        let h = mix(fnv1a(
            shingle.iter().flat_map(|w| w.iter().copied().chain([b' '])),
        ));
        let value = h as u32;
        if let Some(bin) = bins.get_mut(((h >> 32) % HASHES as u64) as usize) {
            *bin = Some(bin.map_or(value, |v| v.min(value)));
        }
    }
    (densify(&bins), words.len())
}

/// The signature of filled bins, each empty one borrowing from the next filled one; all
/// `u32::MAX` when no bin is filled (a text without words).
fn densify(bins: &[Option<u32>; HASHES]) -> Vec<u32> {
    (0..HASHES)
        .map(|i| {
            (0..HASHES)
                .find_map(|d| bins[(i + d) % HASHES].map(|v| (d, v)))
                .map_or(u32::MAX, |(d, v)| {
                    v.wrapping_add(ROTATION.wrapping_mul(d as u32))
                })
        })
        .collect()
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
    /// definition, including a Greek word whose final sigma lowercases differently, and a
    /// one-word text whose other bins borrow its one minimum.
    #[test]
    fn signatures_keep_their_stored_values() {
        let text = "ΟΔΥΣΣΕΑΣ met the Minister in Athens; ΟΔΥΣΣΕΑΣ said talks went well, \
            officials said.";
        let (sig, words) = signature(text);
        assert_eq!(words, 13);
        assert_eq!(
            sig[..4],
            [262_527_864, 1_903_059_391, 3_543_590_918, 889_155_149]
        );
        assert_eq!(signature("Talks").0[..2], [1_674_895_655, 3_315_427_182]);
    }
}
