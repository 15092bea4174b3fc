//! # dateline-ingest
//!
//! Readers that turn inputs into [`dateline_core::Document`]s: plain text (UTF-8, BOMs, legacy
//! encodings; the article-file layout), HTML (main text by `trafilatura`, metadata from `<meta>`,
//! JSON-LD and `<time>`), JSON Lines, RSS/Atom feeds and WARC(.gz) crawls, from files,
//! directories or stdin. Wire-story furniture — bylines, datelines, credit lines — becomes
//! metadata instead of body text.
//!
//! Every reader returns documents or an [`InputError`] naming the input and the reason; one bad
//! input, or one bad record inside a container, never stops the others.
//!
//! ```
//! let doc = dateline_ingest::read_text(
//!     b"By Jo Park\nKYIV (Reuters) - Ukraine said on Monday that talks would resume next week.",
//!     None,
//! )
//! .unwrap();
//! assert_eq!(doc.meta.authors, ["Jo Park"]);
//! assert_eq!(doc.meta.dateline.unwrap().place, "KYIV");
//! ```

mod agencies;
mod dates;
mod decode;
mod error;
mod feed;
mod html;
mod jsonl;
mod nesting;
mod options;
mod read;
pub mod select;
mod text;
mod warc;
mod warc_bound;
mod wire;

pub use dates::parse_date;
pub use decode::{decode, Decoded};
pub use error::{IngestError, InputError, Result};
pub use feed::read_feed;
pub use html::{fragment_text, read_html, HtmlOrigin};
pub use jsonl::{parse_record, JsonlFields, JsonlReader};
pub use options::DocumentOptions;
pub use read::{
    read_bytes, read_file, read_files, read_inputs, read_stdin, sniff, Documents, Format,
    ReadConfig,
};
pub use text::read_text;
pub use warc::{gzip_warc, WarcDocuments};
pub use wire::apply_wire_metadata;
