//! Typed errors of the readers.

use std::path::Path;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The operating system refused a read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input has no bytes, or only whitespace.
    #[error("empty input")]
    Empty,
    /// The input looks like binary data, not text.
    #[error("binary data, not text (NUL bytes at offset {offset})")]
    Binary {
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// One document is larger than the configured limit.
    #[error("document of {size} bytes exceeds the limit of {limit} bytes (raise --max-bytes)")]
    TooLarge {
        /// Size of the document.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The input has markup but no article text could be found in it.
    #[error("no article text found")]
    NoText,
    /// The HTML extractor failed.
    #[error("HTML extraction failed: {0}")]
    Html(String),
    /// A feed could not be parsed.
    #[error("malformed feed: {0}")]
    Feed(String),
    /// A JSON Lines record is not valid JSON or lacks a text field.
    #[error("line {line}: {message}")]
    Jsonl {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A WARC file is malformed or truncated.
    #[error("malformed WARC: {0}")]
    Warc(String),
    /// A gzip stream is corrupt or cut short.
    #[error("corrupt or truncated gzip data: {0}")]
    Gzip(String),
    /// The format could not be recognised.
    #[error("unrecognised input format: {0}")]
    UnknownFormat(String),
}

/// An error tied to the input it happened on: a path, and a record inside it where there is one.
#[derive(Debug, thiserror::Error)]
#[error("{input}: {error}")]
pub struct InputError {
    /// The path (or `-` for stdin), with `#record` appended for a record inside a container.
    pub input: String,
    /// The reason.
    #[source]
    pub error: IngestError,
}

impl InputError {
    /// An error on `path`, optionally on one `record` inside it.
    #[must_use]
    pub fn new(path: &str, record: Option<&str>, error: IngestError) -> Self {
        let input = match record {
            Some(record) => format!("{path}#{record}"),
            None => path.to_owned(),
        };
        InputError { input, error }
    }

    /// An error on a filesystem path.
    #[must_use]
    pub fn at(path: &std::path::Path, error: IngestError) -> Self {
        Self::new(&path.display().to_string(), None, error)
    }
}

/// Result of a reader.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;

/// Convenience for directories that cannot be walked.
pub(crate) fn walk_error(path: &Path, err: &ignore::Error) -> InputError {
    let io = err.io_error().map_or_else(
        || std::io::Error::other(err.to_string()),
        |e| std::io::Error::new(e.kind(), e.to_string()),
    );
    InputError::at(path, IngestError::Io(io))
}
