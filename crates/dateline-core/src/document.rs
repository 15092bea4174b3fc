//! The document: text owned once, its source and metadata, and every annotation layer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::layers::{Claim, Entity, Event, Lemma, Quote};
use crate::segment::{Sentence, Token};
use crate::Span;

/// The schema identifier written into every JSON document.
pub const SCHEMA: &str = "dateline/1";

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain text, including the article-file layout.
    Text,
    /// An HTML page.
    Html,
    /// One line of a JSON Lines file.
    Jsonl,
    /// One item of an RSS feed.
    Rss,
    /// One entry of an Atom feed.
    Atom,
    /// One response record of a WARC file.
    Warc,
}

impl SourceFormat {
    /// The lowercase name used in JSON and messages.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
            SourceFormat::Jsonl => "jsonl",
            SourceFormat::Rss => "rss",
            SourceFormat::Atom => "atom",
            SourceFormat::Warc => "warc",
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file it was read from (`-` for stdin), or `None`.
    pub path: Option<String>,
    /// The article's address, when the input gives one.
    pub url: Option<String>,
    /// The reader that produced it.
    pub format: SourceFormat,
    /// Which record of a multi-document input: a JSONL line number, a feed item index or a WARC
    /// record id.
    pub record: Option<String>,
}

/// The dateline that opens a wire story: `WASHINGTON (Reuters) -`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place as written (`WASHINGTON`, `KYIV, Ukraine`, `SEOUL/TOKYO`).
    pub place: String,
    /// The agency in parentheses (`Reuters`, `AP`), if any.
    pub agency: Option<String>,
    /// The whole dateline in the text, dash included, when it lies in the body.
    pub span: Option<Span>,
}

/// A credit from a closing line such as `(Reporting by A; Editing by B and C)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// What they did, as written, lowercased: `reporting`, `additional reporting`, `editing`,
    /// `writing`.
    pub role: String,
    /// Their names.
    pub names: Vec<String>,
}

/// Article metadata, from markup or from the text itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The headline, or `None` when the input has none.
    pub headline: Option<String>,
    /// The outlet or site name.
    pub publisher: Option<String>,
    /// Byline authors.
    pub authors: Vec<String>,
    /// The wire dateline.
    pub dateline: Option<Dateline>,
    /// Editors from the credit line.
    pub editors: Vec<String>,
    /// Every credit of the closing credit line.
    pub credits: Vec<Credit>,
    /// The agency named in the byline or dateline (`Reuters`, `VOA News`).
    pub agency: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Where the publication date came from; `None` exactly when `published` is.
    #[serde(default)]
    pub published_source: Option<DateSource>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
}

/// Where a document's publication date came from (`meta.published_source`). An unknown date
/// stays unknown: no layer ever puts the day of processing in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The input's own metadata: HTML meta tags or JSON-LD, a JSON Lines date field.
    Markup,
    /// The feed item's date (RSS `pubDate`, Atom `published`/`updated`).
    Feed,
    /// A `YYYY-MM-DD` in the input's path or URL (`--date-from-path`).
    Path,
    /// Given by the user: `--date`, a request's `published` parameter, Python's `published=`.
    Flag,
}

impl DateSource {
    /// The name written in `meta.published_source`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Markup => "markup",
            DateSource::Feed => "feed",
            DateSource::Path => "path",
            DateSource::Flag => "flag",
        }
    }
}

/// A note a stage leaves when it could not do all it wanted on odd text; never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The stage that left it.
    pub stage: String,
    /// What happened.
    pub message: String,
}

/// The SHA-1 of `bytes` as lowercase hex: how documents are named when the input gives no id.
#[must_use]
pub fn sha1_hex(bytes: &[u8]) -> String {
    sha1_smol::Sha1::from(bytes).digest().to_string()
}

/// One article: the text, owned once, and the layers that index it by byte spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// A stable id: given by the input, or the SHA-1 of the text.
    pub id: String,
    /// Where it came from.
    pub source: Source,
    /// Metadata.
    pub meta: Meta,
    /// The body text every span indexes.
    pub text: String,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Tokens.
    pub tokens: Vec<Token>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Lemmas of verb tokens, in token order.
    pub lemmas: Vec<Lemma>,
    /// Each token's head and relation, once parsed (one per token), else empty.
    #[serde(default)]
    pub dependencies: Vec<crate::Dependency>,
    /// Document-level entities.
    pub entities: Vec<Entity>,
    /// Quotes and attributions.
    pub quotes: Vec<Quote>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Numeric claims.
    pub claims: Vec<Claim>,
    /// Notes from stages.
    pub diagnostics: Vec<Diagnostic>,
    /// The token view, built on first use ([`Document::view`]); not part of the output.
    #[serde(skip)]
    pub(crate) view: std::sync::OnceLock<crate::TokenView>,
}

impl Document {
    /// Frees the token-level layers (tokens, lemmas, dependencies and the token view), keeping
    /// the text, paragraphs, sentences and the document-level layers: what a store or an export
    /// reads, in a fraction of the memory.
    pub fn drop_token_layers(&mut self) {
        self.tokens = Vec::new();
        self.lemmas = Vec::new();
        self.dependencies = Vec::new();
        self.view = std::sync::OnceLock::new();
    }

    /// Keeps the tokens of the whole sentences among the first `max` tokens (or the first `max`
    /// tokens, when the first sentence alone is longer), with the paragraphs, lemmas and
    /// dependencies over them: the work budget of [`crate::Pipeline`]. The text stays whole.
    pub fn truncate_tokens(&mut self, max: usize) {
        if self.tokens.len() <= max {
            return;
        }
        let whole = self
            .sentences
            .iter()
            .take_while(|s| s.token_range().end <= max)
            .count();
        let keep = if whole > 0 {
            self.sentences[whole - 1].token_range().end
        } else {
            max
        };
        self.sentences.truncate(whole.max(1));
        if whole == 0 {
            // The first sentence is longer than the budget: it is cut, and with it its parse.
            self.dependencies.clear();
            if let (Some(first), Some(last)) = (self.sentences.first_mut(), keep.checked_sub(1)) {
                first.end_token = keep as u32;
                first.span = Span::new(first.span.start(), self.tokens[last].span.end());
            } else {
                self.sentences.clear();
            }
        }
        self.tokens.truncate(keep);
        let end = self.tokens.last().map_or(0, |t| t.span.end());
        self.paragraphs.retain(|p| p.start() < end);
        self.lemmas.retain(|l| (l.token as usize) < keep);
        self.dependencies.truncate(keep);
        self.tokens_changed();
    }

    /// A document with `text` and no annotations; its id is the SHA-1 of the text.
    #[must_use]
    pub fn new(text: String, source: Source, meta: Meta) -> Self {
        Document {
            id: sha1_hex(text.as_bytes()),
            source,
            meta,
            text,
            paragraphs: Vec::new(),
            tokens: Vec::new(),
            sentences: Vec::new(),
            lemmas: Vec::new(),
            dependencies: Vec::new(),
            entities: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            claims: Vec::new(),
            diagnostics: Vec::new(),
            view: std::sync::OnceLock::new(),
        }
    }

    /// A plain-text document with no path, address or metadata (tests, `--` inline input, the
    /// Python and HTTP APIs); its id is the SHA-1 of the text.
    #[must_use]
    pub fn from_text(text: impl Into<String>) -> Self {
        let source = Source {
            path: None,
            url: None,
            format: SourceFormat::Text,
            record: None,
        };
        Document::new(text.into(), source, Meta::default())
    }

    /// The text a span covers.
    ///
    /// # Panics
    /// When the span does not belong to this document's text.
    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    /// The lemma of token `token`, when the tag stage gave it one (verbs).
    #[must_use]
    pub fn lemma(&self, token: usize) -> Option<&str> {
        let index = self
            .lemmas
            .binary_search_by_key(&token, |l| l.token as usize)
            .ok()?;
        Some(&self.lemmas[index].lemma)
    }

    /// The input this document came from, for messages: its path (`-` for stdin) and, inside a
    /// container, `#` and its record (`crawl.warc.gz#<urn:uuid:…>`).
    #[must_use]
    pub fn input_name(&self) -> String {
        let path = self.source.path.as_deref().unwrap_or("-");
        match &self.source.record {
            Some(record) => format!("{path}#{record}"),
            None => path.to_owned(),
        }
    }

    /// Number of word and number tokens, or a whitespace count before segmentation.
    #[must_use]
    pub fn word_count(&self) -> usize {
        if self.tokens.is_empty() {
            self.text.split_whitespace().count()
        } else {
            self.tokens
                .iter()
                .filter(|t| {
                    matches!(
                        t.kind,
                        crate::TokenKind::Word
                            | crate::TokenKind::Number
                            | crate::TokenKind::Abbreviation(_)
                    )
                })
                .count()
        }
    }
}
