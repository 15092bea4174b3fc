//! Reading any input: files by extension and content sniffing, directories, stdin.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use dateline_core::Document;
use flate2::read::MultiGzDecoder;

use crate::error::{IngestError, InputError, Result};
use crate::feed::read_feed;
use crate::html::{read_html, HtmlOrigin};
use crate::jsonl::{JsonlFields, JsonlReader};
use crate::options::DocumentOptions;
use crate::select::{select_files, Selection};
use crate::text::read_text;
use crate::warc::{gzip_warc, WarcDocuments};

/// One input's documents, or errors, as they are read.
pub type Documents = Box<dyn Iterator<Item = std::result::Result<Document, InputError>> + Send>;

/// Reader options.
#[derive(Debug, Clone)]
pub struct ReadConfig {
    /// Largest single document (a text or HTML file, a JSONL line) in bytes.
    pub max_bytes: u64,
    /// Field names for JSON Lines.
    pub jsonl: JsonlFields,
    /// What the caller says about the inputs, applied to every document read.
    pub options: DocumentOptions,
    /// Which files of a directory are read.
    pub selection: Selection,
}

impl Default for ReadConfig {
    fn default() -> Self {
        ReadConfig {
            max_bytes: 64 * 1024 * 1024,
            jsonl: JsonlFields::default(),
            options: DocumentOptions::default(),
            selection: Selection::default(),
        }
    }
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// JSON Lines.
    Jsonl,
    /// RSS or Atom.
    Feed,
    /// WARC, uncompressed.
    Warc,
    /// WARC, gzip-compressed.
    WarcGz,
    /// Another format, gzip-compressed.
    Gzip,
}

impl Format {
    /// Every format, for callers that try them all (tests, fuzzing).
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Html,
        Format::Jsonl,
        Format::Feed,
        Format::Warc,
        Format::WarcGz,
        Format::Gzip,
    ];
}

fn by_extension(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (stem, ext) = name.rsplit_once('.')?;
    let format = if ext == "gz" {
        let inner = stem.rsplit_once('.').map(|(_, inner)| inner);
        if matches!(inner, Some("warc" | "arc")) {
            Format::WarcGz
        } else {
            Format::Gzip
        }
    } else {
        match ext {
            "txt" | "text" | "md" => Format::Text,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            "xml" | "rss" | "atom" => Format::Feed,
            "warc" => Format::Warc,
            _ => return None,
        }
    };
    Some(format)
}

/// The format of content that starts with `head`.
#[must_use]
pub fn sniff(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let trimmed = &head[start..];
    let lower: Vec<u8> = trimmed
        .iter()
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if trimmed.starts_with(b"\x1f\x8b") {
        Format::Gzip
    } else if trimmed.starts_with(b"WARC/") {
        Format::Warc
    } else if lower.starts_with(b"<?xml")
        && (contains(b"<rss") || contains(b"<feed") || contains(b"<rdf"))
        || lower.starts_with(b"<rss")
        || lower.starts_with(b"<feed")
    {
        Format::Feed
    } else if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<") && contains(b"<body"))
    {
        Format::Html
    } else if trimmed.starts_with(b"{") {
        Format::Jsonl
    } else {
        Format::Text
    }
}

/// Reads at most `limit` bytes; more is [`IngestError::TooLarge`] with `size`, the whole
/// input's length when the caller knows it (a file's).
fn read_limited(reader: impl Read, limit: u64, size: Option<u64>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            size: size.filter(|&s| s > limit),
            limit,
        });
    }
    Ok(bytes)
}

fn one(result: std::result::Result<Document, InputError>) -> Documents {
    Box::new(std::iter::once(result))
}

/// The documents of `documents` with the caller's options applied.
fn with_options(documents: Documents, config: &ReadConfig) -> Documents {
    let options = config.options.clone();
    Box::new(documents.map(move |read| {
        read.map(|mut doc| {
            options.apply(&mut doc);
            doc
        })
    }))
}

/// Documents of an in-memory input of format `format` (see [`sniff`]; the options' format wins),
/// named `name` in messages, with the options of `config` applied.
pub fn read_bytes(bytes: &[u8], format: Format, name: &str, config: &ReadConfig) -> Documents {
    let format = config.options.format.unwrap_or(format);
    with_options(bytes_documents(bytes, format, name, config), config)
}

fn bytes_documents(bytes: &[u8], format: Format, name: &str, config: &ReadConfig) -> Documents {
    let wrap = |r: Result<Document>| r.map_err(|e| InputError::new(name, None, e));
    match format {
        Format::Text => one(wrap(read_text(bytes, Some(name)))),
        Format::Html => one(wrap(read_html(
            bytes,
            HtmlOrigin {
                path: Some(name),
                url: config.options.url.as_deref(),
                charset: config.options.charset.as_deref(),
                ..HtmlOrigin::default()
            },
        ))),
        Format::Feed => match read_feed(bytes, name) {
            Ok(items) => Box::new(items.into_iter()),
            Err(e) => one(Err(InputError::new(name, None, e))),
        },
        Format::Jsonl => Box::new(JsonlReader::new(
            std::io::Cursor::new(bytes.to_vec()),
            config.jsonl.clone(),
            name,
            config.max_bytes,
        )),
        Format::Warc => Box::new(WarcDocuments::new(
            std::io::Cursor::new(bytes.to_vec()),
            name,
        )),
        Format::WarcGz | Format::Gzip => {
            let mut plain = Vec::new();
            match MultiGzDecoder::new(bytes)
                .take(config.max_bytes + 1)
                .read_to_end(&mut plain)
            {
                Ok(_) => bytes_documents(&plain, sniff(&plain), name, config),
                Err(e) => one(Err(InputError::new(
                    name,
                    None,
                    IngestError::Gzip(e.to_string()),
                ))),
            }
        }
    }
}

/// Documents of one file, with the options of `config` applied. Streams WARC and JSONL files;
/// reads other formats whole, up to `max_bytes`.
pub fn read_file(path: &Path, config: &ReadConfig) -> Documents {
    with_options(file_documents(path, config), config)
}

fn file_documents(path: &Path, config: &ReadConfig) -> Documents {
    let name = path.display().to_string();
    let fail = |e: IngestError| one(Err(InputError::new(&name, None, e)));
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return fail(e.into()),
    };
    let length = file.metadata().ok().map(|m| m.len());
    let mut head = [0u8; 1024];
    let head_len = match read_head(&mut file, &mut head) {
        Ok(n) => n,
        Err(e) => return fail(e.into()),
    };
    if head_len == 0 {
        return fail(IngestError::Empty);
    }
    let sniffed = sniff(&head[..head_len]);
    let format = config
        .options
        .format
        .unwrap_or(match (by_extension(path), sniffed) {
            (_, Format::Gzip) if by_extension(path) == Some(Format::WarcGz) => Format::WarcGz,
            (_, Format::Gzip | Format::Warc)
            | (Some(Format::Text | Format::Jsonl), Format::Html | Format::Feed) => sniffed,
            (Some(ext), _) => ext,
            (None, sniffed) => sniffed,
        });
    let file = std::io::Cursor::new(head[..head_len].to_vec()).chain(file);
    match format {
        Format::Warc => Box::new(WarcDocuments::new(BufReader::new(file), &name)),
        Format::WarcGz => Box::new(gzip_warc(file, &name)),
        Format::Jsonl => Box::new(JsonlReader::new(
            BufReader::new(file),
            config.jsonl.clone(),
            &name,
            config.max_bytes,
        )),
        other => match read_limited(file, config.max_bytes, length) {
            Ok(bytes) => bytes_documents(&bytes, other, &name, config),
            Err(e) => fail(e),
        },
    }
}

fn read_head(file: &mut File, head: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Documents of standard input, whose format is sniffed (unless the options give it), with the
/// options of `config` applied.
pub fn read_stdin(config: &ReadConfig) -> Documents {
    match read_limited(std::io::stdin().lock(), config.max_bytes, None) {
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => {
            one(Err(InputError::new("-", None, IngestError::Empty)))
        }
        Ok(bytes) => read_bytes(&bytes, sniff(&bytes), "-", config),
        Err(e) => one(Err(InputError::new("-", None, e))),
    }
}

/// Documents of every input: files, directories (walked and filtered by the selection of
/// `config`, see [`crate::select`]) and `-` for stdin. Lazy: each file is opened when the
/// iterator reaches it. A selection that does not compile is one error.
pub fn read_inputs(
    inputs: &[PathBuf],
    config: &ReadConfig,
) -> impl Iterator<Item = std::result::Result<Document, InputError>> + Send {
    let (files, errors) = match config.selection.matcher() {
        Ok(matcher) => {
            let found = select_files(inputs, &matcher);
            (found.files, found.errors)
        }
        Err(e) => (
            Vec::new(),
            vec![InputError::new(
                "--glob/--type",
                None,
                IngestError::Io(std::io::Error::other(e.to_string())),
            )],
        ),
    };
    errors.into_iter().map(Err).chain(read_files(files, config))
}

/// Documents of files already chosen (as [`crate::select::select_files`] lists them; `-` is
/// stdin), in order. Lazy: each file is opened when the iterator reaches it.
pub fn read_files(
    files: Vec<PathBuf>,
    config: &ReadConfig,
) -> impl Iterator<Item = std::result::Result<Document, InputError>> + Send {
    let config = config.clone();
    files.into_iter().flat_map(move |input| -> Documents {
        if input.as_os_str() == "-" {
            read_stdin(&config)
        } else {
            read_file(&input, &config)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(sniff(b"\x1f\x8b\x08"), Format::Gzip);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"{\"text\":\"x\"}"), Format::Jsonl);
        assert_eq!(sniff(b"By Jo Park\nKYIV -"), Format::Text);
    }

    #[test]
    fn extensions() {
        assert_eq!(
            by_extension(Path::new("a/crawl.warc.gz")),
            Some(Format::WarcGz)
        );
        assert_eq!(by_extension(Path::new("x.JSONL")), Some(Format::Jsonl));
        assert_eq!(by_extension(Path::new("noext")), None);
    }
}
