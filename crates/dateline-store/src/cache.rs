//! The writer's page cache, sized to the store. Each new document adds entries at random places
//! in the indexes keyed by actor, code and text hash; once those indexes outgrow the cache, every
//! transaction reads their pages back from the OS and writes most of them out again, and ingest
//! slows down as the store grows (at 1 M documents, a fixed 128 MiB cache held a fifth of
//! them). The cache therefore grows with the file, from a floor that keeps small stores' memory
//! where it was, up to a limit the user sets (`dateline ingest --cache-mb`).

use rusqlite::Connection;

use crate::Result;

/// The smallest writer cache, in KiB.
pub(crate) const FLOOR_KIB: i64 = 128 * 1024;
/// The default upper bound of the writer cache, in bytes.
pub const DEFAULT_LIMIT_BYTES: u64 = 1 << 30;
/// The cache is sized to this fraction of the store's bytes: the indexes written at random
/// places took about 7 % of a 1 M-document store, and the open transaction's new pages the rest.
const STORE_SHARE: u64 = 8;

/// The writer's cache size in KiB for a store of `store_bytes` bytes, at most `limit_bytes`.
pub(crate) fn writer_cache_kib(store_bytes: u64, limit_bytes: u64) -> i64 {
    let limit = i64::try_from(limit_bytes / 1024).unwrap_or(i64::MAX);
    let wanted = i64::try_from(store_bytes / STORE_SHARE / 1024).unwrap_or(i64::MAX);
    wanted.max(FLOOR_KIB).min(limit).max(1)
}

/// The bytes of the store file behind `conn` (its pages times the page size).
fn store_bytes(conn: &Connection) -> Result<u64> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok(u64::try_from(pages.saturating_mul(size)).unwrap_or(0))
}

/// Sets `conn`'s page cache to [`writer_cache_kib`] of its current size; returns the KiB set.
pub(crate) fn fit(conn: &Connection, limit_bytes: u64) -> Result<i64> {
    let kib = writer_cache_kib(store_bytes(conn)?, limit_bytes);
    conn.pragma_update(None, "cache_size", -kib)?;
    Ok(kib)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;

    #[test]
    fn small_stores_get_the_floor_large_ones_an_eighth_up_to_the_limit() {
        let limit = DEFAULT_LIMIT_BYTES;
        assert_eq!(writer_cache_kib(0, limit), FLOOR_KIB);
        assert_eq!(writer_cache_kib(800 * MIB, limit), FLOOR_KIB);
        assert_eq!(writer_cache_kib(4096 * MIB, limit), 512 * 1024);
        assert_eq!(writer_cache_kib(64 * 1024 * MIB, limit), 1024 * 1024);
        // A limit under the floor wins: the user's memory bound is kept.
        assert_eq!(writer_cache_kib(4096 * MIB, 32 * MIB), 32 * 1024);
        assert_eq!(writer_cache_kib(4096 * MIB, 0), 1);
    }

    #[test]
    fn the_cache_is_set_on_the_connection() {
        let conn = Connection::open_in_memory().unwrap();
        let kib = fit(&conn, DEFAULT_LIMIT_BYTES).unwrap();
        assert_eq!(kib, FLOOR_KIB);
        let set: i64 = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap();
        assert_eq!(set, -FLOOR_KIB);
        assert_eq!(fit(&conn, 16 * MIB).unwrap(), 16 * 1024);
    }
}
