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
pub mod minhash;
pub mod query;
pub mod schema;
mod write;

use std::path::Path;

use rusqlite::Connection;

pub use rusqlite::Connection as RawConnection;
pub use write::BatchReport;

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
    /// A document could not be serialised.
    #[error("cannot serialise document {id}: {reason}")]
    Serialise {
        /// Document id.
        id: String,
        /// Why.
        reason: String,
    },
}

/// Result with [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

/// A store file, open for reading and writing.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Store::init(Connection::open(path)?)
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
        Ok(Store { conn })
    }

    /// A store in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Store> {
        // WAL: readers go on while the writer commits; a crash loses at most the open batch.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// The underlying connection, for queries.
    #[must_use]
    pub fn connection(&self) -> &Connection {
        &self.conn
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
