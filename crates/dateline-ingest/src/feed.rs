//! RSS 2.0 and Atom feeds, parsed by `feed-rs`: one document per item.

use dateline_core::{DateSource, Document, Meta, Source, SourceFormat};
use feed_rs::model::{Entry, FeedType};

use crate::error::{IngestError, InputError, Result};
use crate::html::fragment_text;
use crate::wire::apply_wire_metadata;

fn entry_text(entry: &Entry) -> Option<String> {
    let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
    let summary = entry.summary.as_ref().map(|s| s.content.as_str());
    let text = fragment_text(content.or(summary)?);
    (!text.trim().is_empty()).then_some(text)
}

fn entry_document(
    entry: &Entry,
    format: SourceFormat,
    publisher: Option<&str>,
    path: &str,
    index: usize,
) -> Result<Document, InputError> {
    let record = (index + 1).to_string();
    let text = entry_text(entry)
        .ok_or_else(|| InputError::new(path, Some(&record), IngestError::NoText))?;
    let mut meta = Meta {
        headline: entry
            .title
            .as_ref()
            .map(|t| fragment_text(&t.content))
            .filter(|t| !t.is_empty()),
        publisher: publisher.map(str::to_owned),
        authors: entry
            .authors
            .iter()
            .map(|p| p.name.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect(),
        published: entry.published.or(entry.updated).map(|d| d.date_naive()),
        published_source: entry.published.or(entry.updated).map(|_| DateSource::Feed),
        ..Meta::default()
    };
    let body = apply_wire_metadata(&text, &mut meta);
    let source = Source {
        path: Some(path.to_owned()),
        url: entry.links.first().map(|l| l.href.clone()),
        format,
        record: Some(record),
    };
    Ok(Document::new(body, source, meta))
}

/// Reads every item of an RSS or Atom feed. A feed that cannot be parsed is one error; an item
/// without text is an error for that item only.
pub fn read_feed(bytes: &[u8], path: &str) -> Result<Vec<Result<Document, InputError>>> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| IngestError::Feed(e.to_string()))?;
    let format = match feed.feed_type {
        FeedType::Atom => SourceFormat::Atom,
        _ => SourceFormat::Rss,
    };
    let publisher = feed.title.as_ref().map(|t| t.content.trim().to_owned());
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| entry_document(entry, format, publisher.as_deref(), path, i))
        .collect())
}
