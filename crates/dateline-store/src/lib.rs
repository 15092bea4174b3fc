//! # dateline-store
//!
//! The corpus store (ARCHITECTURE.md "Store and scale"): annotated documents, their entities,
//! quotes, events and claims in **one SQLite file** (WAL mode, batched transactions, versioned
//! migrations in [`schema`]). Wire copies of one story are linked to their original by MinHash
//! LSH ([`minhash`]) and not counted twice; the same event reported by many articles is aggregated
//! ([`aggregate`]) with mention, source and article counts kept current as documents arrive;
//! documents and quotes are searchable with FTS5; [`query`] answers the analyst's questions.
//!
//! ```
//! use dateline_core::Document;
//! use dateline_store::Store;
//!
//! let mut store = Store::open_in_memory()?;
//! let doc = Document::from_text("Talks began in Geneva on Monday.");
//! let report = store.add_batch(&[doc.clone()], None)?;
//! assert_eq!(report.added, 1);
//! // Adding the same text again changes nothing.
//! assert_eq!(store.add_batch(&[doc], None)?.already_stored, 1);
//! # Ok::<(), dateline_store::StoreError>(())
//! ```

pub mod aggregate;
mod band_filter;
mod cache;
mod codec;
pub mod minhash;
pub mod people;
pub mod query;
mod record;
pub mod schema;
mod search;
mod tiers;
mod write;

use std::path::Path;
use std::sync::Arc;

use rusqlite::Connection;

pub use cache::DEFAULT_LIMIT_BYTES as DEFAULT_CACHE_LIMIT_BYTES;
pub use codec::Codec;
pub use record::{Prepared, Record};
pub use rusqlite::Connection as RawConnection;
pub use write::{BatchReport, BatchWriter};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// The file was written by a newer Dateline.
    #[error("the store has schema version {found}; this build supports up to {supported}")]
    NewerSchema {
        /// Version in the file.
        found: i64,
        /// Version this build writes.
        supported: i64,
    },
    /// A read-only open found another schema version than this build's.
    #[error("the store has schema version {found}, this build reads version {supported}: open it once with `dateline ingest` to upgrade it, or use a matching build")]
    SchemaMismatch {
        /// Version in the file.
        found: i64,
        /// Version this build reads.
        supported: i64,
    },
    /// A compressed column could not be written or read.
    #[error("compression: {0}")]
    Compression(String),
    /// A document could not be serialised.
    #[error("cannot serialise document {id}: {reason}")]
    Serialise {
        /// Document id.
        id: String,
        /// Why.
        reason: String,
    },
}

/// Page size of new stores: a document row (compressed text and JSON, about 2.5 KiB) leaves
/// little of a 16 KiB page unused where a 4 KiB page held one row and wasted a third of it.
const PAGE_BYTES: i64 = 16 * 1024;
/// The page cache of each read-only connection, in KiB: the index pages a mix of queries
/// revisits stay in memory instead of being copied from the OS cache on every query.
const READ_CACHE_KIB: i64 = 64 * 1024;
/// WAL pages between automatic checkpoints (512 MiB): a page rewritten by several transactions
/// in that span is copied into the database once.
const WAL_PAGES: i64 = 512 * 1024 * 1024 / PAGE_BYTES;

/// The key documents are found by address: the first eight bytes of the URL's SHA-1. An index
/// of these is a seventh of the size of one of the addresses themselves, so it stays in the
/// writer's cache as the store grows; `url = ?` after it settles the rare collision.
#[must_use]
pub fn url_key(url: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(url.as_bytes()).digest().bytes();
    let mut head = [0u8; 8];
    head.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(head)
}

/// Result with [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

/// A store file, open for reading and writing.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    codec: Arc<Codec>,
    /// The stored band keys, loaded by the first writer.
    bands: Option<band_filter::BandFilter>,
    /// Most bytes the writer's page cache may take ([`cache`]).
    cache_limit: u64,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Store::init(Connection::open(path)?, Some(path))
    }

    /// Opens an existing store for reading only (the HTTP server's connections). The file must
    /// exist and carry this build's schema version; nothing is written to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let found = schema::version(&conn)?;
        if found != schema::VERSION {
            return Err(StoreError::SchemaMismatch {
                found,
                supported: schema::VERSION,
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "cache_size", -READ_CACHE_KIB)?;
        let dicts = codec::Dictionaries::new(Some(path.to_path_buf()));
        codec::register(&conn, &dicts)?;
        let codec = Arc::new(Codec::open(&conn, &dicts)?);
        Ok(Store {
            conn,
            codec,
            bands: None,
            cache_limit: cache::DEFAULT_LIMIT_BYTES,
        })
    }

    /// A store in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<&Path>) -> Result<Store> {
        // Takes effect only on a new, empty file (before WAL is set); existing stores keep theirs.
        conn.pragma_update(None, "page_size", PAGE_BYTES)?;
        // WAL: readers go on while the writer commits; a crash loses at most the open batch.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // The writer's working set (indexes, full-text segments) in memory rather than re-read
        // from disk on every batch (resized to the store by each writer: `cache`); checkpoints in
        // larger steps so hot pages are copied less.
        conn.pragma_update(None, "cache_size", -cache::FLOOR_KIB)?;
        conn.pragma_update(None, "wal_autocheckpoint", WAL_PAGES)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let dicts = codec::Dictionaries::new(path.map(Path::to_path_buf));
        codec::register(&conn, &dicts)?;
        schema::migrate(&mut conn)?;
        let codec = Arc::new(Codec::open(&conn, &dicts)?);
        Ok(Store {
            conn,
            codec,
            bands: None,
            cache_limit: cache::DEFAULT_LIMIT_BYTES,
        })
    }

    /// Bounds the writer's page cache, which grows with the store from 128 MiB to this many
    /// bytes (default [`DEFAULT_CACHE_LIMIT_BYTES`]); takes effect at the next [`Store::writer`].
    pub fn set_cache_limit(&mut self, bytes: u64) {
        self.cache_limit = bytes;
    }

    /// The underlying connection, for queries.
    #[must_use]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The text of a compressed column (`documents.text_z`, `documents.json_z`), as SQL's
    /// `dateline_unpack` reads it.
    pub fn unpack(&self, frame: &[u8]) -> Result<String> {
        self.codec.unpack(frame).map_err(StoreError::Compression)
    }

    /// The store's compression, to [`Codec::prepare`] documents on other threads than the
    /// writer's.
    pub fn codec(&self) -> Arc<Codec> {
        Arc::clone(&self.codec)
    }

    /// Number of stored documents, and of those linked as duplicates.
    pub fn document_counts(&self) -> Result<(u64, u64)> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*), COUNT(duplicate_of) FROM documents",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?)
    }
}
