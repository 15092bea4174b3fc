//! Averaged perceptron over hashed sparse features: training, quantised inference and the model
//! file format shared by the tagger and the entity recogniser.

mod file;
mod hashing;
mod perceptron;

pub use file::{ModelError, ModelFile};
pub use hashing::{shape, Features};
pub use perceptron::{Model, Trainer};
