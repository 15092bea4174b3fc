//! Typed errors of the syntax layer (model files; tagging never fails).

/// Why a model could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    /// A model file is malformed or of the wrong kind.
    #[error("model {name}")]
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

/// Result of the syntax layer.
pub type Result<T> = std::result::Result<T, SyntaxError>;
