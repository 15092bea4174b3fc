//! A Bloom filter of the stored shingle-band keys, kept by the writer: most bands of a new text
//! were never stored, and a band the filter has not seen is not looked up. Without it, each
//! document cost sixteen random reads of the band table, which grows with the store; with it, a
//! text whose bands are all new costs none. The filter only ever answers "maybe" wrongly, so a
//! wire copy is never missed because of it.

use rusqlite::Connection;

use crate::minhash::mix;
use crate::tiers;
use crate::Result;

/// Bits per key the filter is sized for: about 1 % false "maybe" with [`PROBES`] probes.
const BITS_PER_KEY: usize = 10;
/// Bit positions tested per key.
const PROBES: u64 = 7;
/// Keys a new filter has room for at least.
const MIN_KEYS: usize = 1 << 20;

/// The filter and the number of keys added to it.
#[derive(Debug, Clone)]
pub(crate) struct BandFilter {
    bits: Vec<u64>,
    keys: usize,
    capacity: usize,
}

/// The bit positions of `key` in a filter of `bits` bits (double hashing).
fn positions(key: i64, bits: u64) -> impl Iterator<Item = usize> {
    let h = mix(u64::from_ne_bytes(key.to_ne_bytes()));
    let (a, b) = (h, mix(h) | 1);
    (0..PROBES).map(move |i| (a.wrapping_add(i.wrapping_mul(b)) % bits) as usize)
}

impl BandFilter {
    fn with_capacity(capacity: usize) -> BandFilter {
        let capacity = capacity.max(MIN_KEYS);
        BandFilter {
            bits: vec![0; (capacity * BITS_PER_KEY).div_ceil(64)],
            keys: 0,
            capacity,
        }
    }

    /// The filter of every band key stored in `conn` (both tiers), with room for as many again.
    pub fn load(conn: &Connection) -> Result<BandFilter> {
        let stored: i64 = conn.query_row(
            &format!(
                "SELECT (SELECT COUNT(*) FROM {}) + (SELECT COUNT(*) FROM {})",
                tiers::BANDS.main,
                tiers::BANDS.recent
            ),
            [],
            |r| r.get(0),
        )?;
        let mut filter = BandFilter::with_capacity(2 * usize::try_from(stored).unwrap_or(0));
        for table in [tiers::BANDS.main, tiers::BANDS.recent] {
            let mut stmt = conn.prepare(&format!("SELECT key FROM {table}"))?;
            let keys = stmt.query_map([], |r| r.get::<_, i64>(0))?;
            for key in keys {
                filter.insert(key?);
            }
        }
        Ok(filter)
    }

    /// Whether the filter has outgrown the size it was made for (time to load it again).
    pub fn full(&self) -> bool {
        self.keys > self.capacity
    }

    pub fn insert(&mut self, key: i64) {
        for p in positions(key, (self.bits.len() * 64) as u64) {
            if let Some(word) = self.bits.get_mut(p / 64) {
                *word |= 1 << (p % 64);
            }
        }
        self.keys += 1;
    }

    /// Whether `key` may have been stored (false: it certainly was not).
    pub fn may_contain(&self, key: i64) -> bool {
        positions(key, (self.bits.len() * 64) as u64).all(|p| {
            self.bits
                .get(p / 64)
                .is_some_and(|w| w & (1 << (p % 64)) != 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_keys_are_always_found_and_others_rarely() {
        let mut filter = BandFilter::with_capacity(10_000);
        for k in 0..10_000i64 {
            filter.insert(k.wrapping_mul(0x9e37_79b9));
        }
        assert!((0..10_000i64).all(|k| filter.may_contain(k.wrapping_mul(0x9e37_79b9))));
        let false_maybes = (0..100_000i64)
            .filter(|k| filter.may_contain(-1 - k))
            .count();
        // Sized for 2^20 keys, the filter holds 10,000: almost no false "maybe".
        assert!(false_maybes < 100, "{false_maybes}");
        assert!(!filter.full());
    }
}
