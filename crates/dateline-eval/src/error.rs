//! The one error type of this crate: evaluation fails only on I/O and malformed gold.

use std::path::PathBuf;

/// What can go wrong while loading gold data or treebanks.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A gold file is not valid gold JSON.
    #[error("malformed gold file {}: {source}", path.display())]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// What the JSON parser objected to.
        source: serde_json::Error,
    },
    /// A line of a probe file does not follow its format.
    #[error("malformed probe file: {0}")]
    Format(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The result of fallible evaluation functions.
pub type Result<T> = std::result::Result<T, Error>;
