//! Typed errors of training: unreadable or malformed corpora.

/// Why a training corpus could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// A file could not be read.
    #[error("{path}")]
    Io {
        /// The file.
        path: String,
        /// The reason.
        #[source]
        source: std::io::Error,
    },
    /// A training corpus is malformed.
    #[error("{origin}: {message}")]
    Corpus {
        /// The corpus file.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

/// Result of training.
pub type Result<T> = std::result::Result<T, TrainError>;
