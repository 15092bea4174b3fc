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
    #[error(
        "document of {} exceeds the limit of {} (raise --max-bytes)",
        size.map_or_else(|| "more bytes".to_owned(), human_bytes),
        human_bytes(*limit)
    )]
    TooLarge {
        /// Size of the document, when known (a file's length; not for a stream cut short).
        size: Option<u64>,
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

/// A size for people: `209.7 MB (209,715,200 bytes)`, `512 bytes`.
#[must_use]
pub fn human_bytes(n: u64) -> String {
    let grouped = dateline_core::group_thousands(n);
    let units = [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
    match units.iter().find(|(size, _)| n as f64 >= *size) {
        Some((size, unit)) => format!("{:.1} {unit} ({grouped} bytes)", n as f64 / size),
        None => format!("{grouped} bytes"),
    }
}
