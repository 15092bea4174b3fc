//! # dateline-export
//!
//! Dateline's outputs for other tools. [`document_tables`] turns annotated documents into Arrow
//! record batches (events, quotes, entities, claims, documents) without a store: the Python
//! package and Spark use it, and [`load_tables`] stores such tables without the pipeline. With the `store` feature (on by default), a corpus store is exported as GDELT
//! Events 2.0 rows ([`gdelt_events`]), GDELT GKG 2.1 records ([`gkg`]), PLOVER JSON Lines
//! ([`plover`]), the stored `dateline/1` documents ([`documents`]), event mentions as CSV
//! ([`events_csv`]) and Parquet files of the five tables ([`parquet()`]). Both paths take their
//! rows from `dateline_core::rows`, as the store's writer does, so they cannot drift apart.
//!
//! ```
//! use dateline_core::Document;
//!
//! let tables = dateline_export::document_tables(&[Document::from_text("Talks began.")])?;
//! let names: Vec<&str> = tables.iter().map(|(name, _)| *name).collect();
//! assert_eq!(names, ["events", "quotes", "entities", "claims", "documents"]);
//! # Ok::<(), dateline_export::ExportError>(())
//! ```

#[cfg(feature = "store")]
mod data;
#[cfg(feature = "store")]
mod gdelt;
#[cfg(feature = "store")]
mod gkg;
#[cfg(feature = "store")]
mod lines;
#[cfg(feature = "store")]
mod load;
#[cfg(feature = "store")]
mod parquet;
mod tables;

#[cfg(feature = "store")]
pub use gdelt::{gdelt_events, gdelt_events_for};
#[cfg(feature = "store")]
pub use gkg::{gkg, gkg_for};
#[cfg(feature = "store")]
pub use lines::{documents, plover};
#[cfg(feature = "store")]
pub use load::{is_table_dir, load_tables, LoadReport};
#[cfg(feature = "store")]
pub use parquet::{events_csv, parquet};
pub use tables::document_tables;

/// Errors of an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[cfg(feature = "store")]
    #[error(transparent)]
    Store(#[from] dateline_store::StoreError),
    /// A store query failed.
    #[cfg(feature = "store")]
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// A value could not be encoded in the output format (JSON, CSV, Arrow, Parquet).
    #[error("cannot write the export: {0}")]
    Format(String),
    /// Writing the output failed.
    #[error("cannot write the export")]
    Io(#[from] std::io::Error),
}

/// Result with [`ExportError`].
pub type Result<T> = std::result::Result<T, ExportError>;
