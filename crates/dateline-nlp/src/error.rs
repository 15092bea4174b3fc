//! Typed errors of the language layer (model files; stages never fail).

/// Why a model could not be used.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A model file is malformed or of the wrong kind.
    #[error(transparent)]
    Model(#[from] dateline_syntax::SyntaxError),
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
