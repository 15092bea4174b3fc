//! The model file: a small header, the class names and the `i16` weight table, little-endian.
//!
//! ```text
//! b"DLPM" | u32 format = 1 | u32 bits | u32 classes | f32 scale
//! | u32 len + UTF-8 name | u32 len + UTF-8 JSON about the training run
//! | classes × (u16 len + UTF-8 class name)
//! | u32 count + count × (u16 len + UTF-8 word, u16 class id)      (format 2 only)
//! | 2^bits × classes × i16 weights
//! ```
//!
//! The word list (format 2) is the model's lexicon: words whose class is fixed, decided without
//! scoring (a tagger's frequent unambiguous words). Format 1 files have none and still load.

use super::perceptron::Model;

const MAGIC: &[u8; 4] = b"DLPM";
const FORMAT: u32 = 2;
/// The first format, without a lexicon.
const FORMAT_1: u32 = 1;

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with the model magic.
    #[error("not a Dateline model file")]
    BadMagic,
    /// A newer or older format.
    #[error("model format {0} is not supported (expected {FORMAT})")]
    Format(u32),
    /// The file ends early or its sizes disagree.
    #[error("model file is truncated or corrupt: {0}")]
    Corrupt(&'static str),
}

/// A model with its name, class names and a note on how it was trained.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelFile {
    /// What the model does (`pos`, `ner`).
    pub name: String,
    /// JSON describing the training run (data, split, epochs, accuracy).
    pub about: String,
    /// Class names, by class id.
    pub classes: Vec<String>,
    /// Words whose class is fixed (class ids), sorted by word; empty for most models.
    pub lexicon: Vec<(String, u16)>,
    /// The weights.
    pub model: Model,
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
        if self.bytes.len() < n {
            return Err(ModelError::Corrupt(what));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, ModelError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, ModelError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self, len: usize, what: &'static str) -> Result<String, ModelError> {
        let b = self.take(len, what)?;
        String::from_utf8(b.to_vec()).map_err(|_| ModelError::Corrupt(what))
    }
}

impl ModelFile {
    /// Serialises the model.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.model.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        for v in [FORMAT, self.model.bits, self.model.classes as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.model.scale.to_le_bytes());
        for s in [&self.name, &self.about] {
            out.extend_from_slice(&(s.len() as u32).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        for class in &self.classes {
            out.extend_from_slice(&(class.len() as u16).to_le_bytes());
            out.extend_from_slice(class.as_bytes());
        }
        out.extend_from_slice(&(self.lexicon.len() as u32).to_le_bytes());
        for (word, class) in &self.lexicon {
            out.extend_from_slice(&(word.len() as u16).to_le_bytes());
            out.extend_from_slice(word.as_bytes());
            out.extend_from_slice(&class.to_le_bytes());
        }
        for w in &self.model.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads the model `name` from bytes, naming it in the error.
    pub fn load(name: &str, bytes: &[u8]) -> crate::Result<Self> {
        Self::from_bytes(bytes).map_err(|source| crate::SyntaxError::Model {
            name: name.into(),
            source,
        })
    }

    /// Reads a model from bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader { bytes };
        if r.take(4, "magic")? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let format = r.u32("format")?;
        if format != FORMAT && format != FORMAT_1 {
            return Err(ModelError::Format(format));
        }
        let bits = r.u32("bits")?;
        let classes = r.u32("classes")? as usize;
        if !(8..=24).contains(&bits) || classes == 0 || classes > 1024 {
            return Err(ModelError::Corrupt("shape"));
        }
        let s = r.take(4, "scale")?;
        let scale = f32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        let name_len = r.u32("name")? as usize;
        let name = r.string(name_len, "name")?;
        let about_len = r.u32("about")? as usize;
        let about = r.string(about_len, "about")?;
        let mut class_names = Vec::with_capacity(classes);
        for _ in 0..classes {
            let len = usize::from(r.u16("class")?);
            class_names.push(r.string(len, "class")?);
        }
        let mut lexicon = Vec::new();
        if format == FORMAT {
            let count = r.u32("lexicon")? as usize;
            for _ in 0..count {
                let len = usize::from(r.u16("lexicon")?);
                let word = r.string(len, "lexicon")?;
                let class = r.u16("lexicon")?;
                if usize::from(class) >= classes {
                    return Err(ModelError::Corrupt("lexicon class"));
                }
                lexicon.push((word, class));
            }
        }
        let count = (1usize << bits) * classes;
        let raw = r.take(count * 2, "weights")?;
        if !r.bytes.is_empty() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        let weights = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(ModelFile {
            name,
            about,
            classes: class_names,
            lexicon,
            model: Model {
                bits,
                classes,
                scale,
                weights,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Trainer;

    #[test]
    fn round_trip_and_corruption() {
        let file = ModelFile {
            name: "test".into(),
            about: "{}".into(),
            classes: vec!["A".into(), "B".into()],
            lexicon: vec![("the".into(), 1)],
            model: Trainer::new(8, 2).finish(),
        };
        let bytes = file.to_bytes();
        assert_eq!(ModelFile::from_bytes(&bytes).unwrap(), file);
        assert!(matches!(
            ModelFile::from_bytes(b"nope"),
            Err(ModelError::BadMagic)
        ));
        assert!(matches!(
            ModelFile::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::Corrupt(_))
        ));
    }

    #[test]
    fn format_1_files_load_without_a_lexicon() {
        let file = ModelFile {
            name: "test".into(),
            about: "{}".into(),
            classes: vec!["A".into(), "B".into()],
            lexicon: Vec::new(),
            model: Trainer::new(8, 2).finish(),
        };
        let mut bytes = file.to_bytes();
        // Header 20, name 4 + 4, about 4 + 2, classes 2 × (2 + 1): then the lexicon count.
        let at = 20 + 8 + 6 + 6;
        assert_eq!(&bytes[at..at + 4], &[0, 0, 0, 0]);
        bytes.drain(at..at + 4);
        bytes[4..8].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(ModelFile::from_bytes(&bytes).unwrap(), file);
        bytes[4..8].copy_from_slice(&3u32.to_le_bytes());
        assert!(matches!(
            ModelFile::from_bytes(&bytes),
            Err(ModelError::Format(3))
        ));
    }

    #[test]
    fn a_lexicon_class_out_of_range_is_corrupt() {
        let file = ModelFile {
            name: "test".into(),
            about: "{}".into(),
            classes: vec!["A".into(), "B".into()],
            lexicon: vec![("the".into(), 2)],
            model: Trainer::new(8, 2).finish(),
        };
        assert!(matches!(
            ModelFile::from_bytes(&file.to_bytes()),
            Err(ModelError::Corrupt("lexicon class"))
        ));
    }
}
