//! Typed errors of the language layer (training data and model files; stages never fail).

/// Why training data or a model could not be used.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
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
    /// A model file is malformed or of the wrong kind.
    #[error("model {name}: {source}")]
    Model {
        /// Which model.
        name: String,
        /// The reason.
        #[source]
        source: crate::model::ModelError,
    },
    /// A model has classes this code does not know.
    #[error("model {name}: unknown class {class:?}")]
    UnknownClass {
        /// Which model.
        name: String,
        /// The class name.
        class: String,
    },
}

/// Result of the language layer.
pub type Result<T> = std::result::Result<T, NlpError>;
