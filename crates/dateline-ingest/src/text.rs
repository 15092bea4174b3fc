//! Plain-text articles, including the article-file layout:
//!
//! ```text
//! # source: https://example.com/story     (optional)
//! Headline                                 (optional, with the outlet line)
//! Outlet
//!
//! Body paragraphs…
//! ```

use dateline_core::{Document, Meta, Source, SourceFormat};

use crate::decode::decode;
use crate::error::Result;
use crate::wire::apply_wire_metadata;

/// The longest line taken as a headline.
const MAX_HEADLINE: usize = 300;
/// The longest line taken as an outlet name.
const MAX_OUTLET: usize = 80;

/// The header of an article file: source address, headline, outlet, and where the body starts.
#[derive(Debug, Default, PartialEq, Eq)]
struct Header<'a> {
    url: Option<&'a str>,
    headline: Option<&'a str>,
    publisher: Option<&'a str>,
    body_start: usize,
}

fn looks_like_outlet(line: &str) -> bool {
    !line.is_empty() && line.len() <= MAX_OUTLET && !line.ends_with(['.', ',', ';', ':'])
}

/// A line standing alone above the body reads as a headline when it is not a sentence (no
/// closing punctuation), a byline or a dateline.
fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=40).contains(&words)
        && line.len() <= MAX_HEADLINE
        && !line.ends_with(['.', ',', ';', ':', '!', '"', '”', '’', '\'', ')'])
        && !line
            .get(..3)
            .is_some_and(|by| by.eq_ignore_ascii_case("by "))
        && !crate::wire::starts_with_dateline(line)
}

fn parse_header(text: &str) -> Header<'_> {
    let mut header = Header::default();
    let mut rest = text;
    if let Some(first) = rest.lines().next() {
        if let Some(url) = first.trim().strip_prefix("# source:") {
            header.url = Some(url.trim()).filter(|u| !u.is_empty());
            header.body_start = first.len() + 1;
            rest = text.get(header.body_start..).unwrap_or_default();
        }
    }
    // A headline and an outlet line, then a blank line.
    let mut lines = rest.split_inclusive('\n');
    let (Some(l1), Some(l2)) = (lines.next(), lines.next()) else {
        return header;
    };
    let (headline, outlet) = (l1.trim(), l2.trim());
    // Or a headline alone, then a blank line.
    if outlet.is_empty() && looks_like_headline(headline) {
        header.headline = Some(headline);
        header.body_start += l1.len() + l2.len();
        return header;
    }
    let Some(blank) = lines.next() else {
        return header;
    };
    let shaped = !headline.is_empty()
        && headline.len() <= MAX_HEADLINE
        && looks_like_outlet(outlet)
        && blank.trim().is_empty();
    if shaped {
        header.headline = Some(headline);
        header.publisher = Some(outlet);
        header.body_start += l1.len() + l2.len() + blank.len();
    }
    header
}

/// Reads a plain-text article from `bytes`.
pub fn read_text(bytes: &[u8], path: Option<&str>) -> Result<Document> {
    let decoded = decode(bytes, None)?;
    let text = decoded
        .text
        .strip_prefix('\u{feff}')
        .unwrap_or(&decoded.text);
    let header = parse_header(text);
    let mut meta = Meta {
        headline: header.headline.map(str::to_owned),
        publisher: header.publisher.map(str::to_owned),
        ..Meta::default()
    };
    let body_raw = text.get(header.body_start..).unwrap_or_default();
    if body_raw.trim().is_empty() {
        return Err(crate::IngestError::Empty);
    }
    let body = apply_wire_metadata(body_raw, &mut meta);
    let source = Source {
        path: path.map(str::to_owned),
        url: header.url.map(str::to_owned),
        format: SourceFormat::Text,
        record: None,
    };
    let mut doc = Document::new(body, source, meta);
    doc.diagnostics.extend(decoded.diagnostic());
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_file_layout() {
        let text = "# source: https://example.com/a\nTalks resume\nGlobal Wire\n\nBy Jo Park\n\nOfficials met on Monday to resume talks that stalled last year over the border question.\n";
        let doc = read_text(text.as_bytes(), Some("a.txt")).unwrap();
        assert_eq!(doc.source.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(doc.meta.headline.as_deref(), Some("Talks resume"));
        assert_eq!(doc.meta.publisher.as_deref(), Some("Global Wire"));
        assert_eq!(doc.meta.authors, ["Jo Park"]);
        assert!(doc.text.starts_with("Officials met"));
    }

    #[test]
    fn body_only_file_has_no_headline() {
        let text = "By Phil Doe, Jane Roe\nWASHINGTON (Reuters) - The minister said talks would resume.\nMore.";
        let doc = read_text(text.as_bytes(), None).unwrap();
        assert_eq!(doc.meta.headline, None);
        assert_eq!(doc.meta.publisher, None);
        assert_eq!(doc.meta.authors, ["Phil Doe", "Jane Roe"]);
        assert_eq!(doc.meta.dateline.unwrap().place, "WASHINGTON");
    }

    #[test]
    fn two_body_sentences_are_not_a_headline() {
        let text = "The minister resigned on Monday.\nHis deputy took over.\n\nMore text.";
        let doc = read_text(text.as_bytes(), None).unwrap();
        assert_eq!(doc.meta.headline, None);
        assert!(doc.text.starts_with("The minister"));
    }

    #[test]
    fn headline_alone_above_a_dateline_body() {
        let text =
            "Pact signed in Lima\n\nLIMA — Chile and Peru signed a fisheries pact on Monday.";
        let doc = read_text(text.as_bytes(), None).unwrap();
        assert_eq!(doc.meta.headline.as_deref(), Some("Pact signed in Lima"));
        assert_eq!(doc.meta.dateline.unwrap().place, "LIMA");
        assert!(doc.text.starts_with("LIMA — Chile"), "{}", doc.text);
        for not_a_headline in [
            "The minister resigned on Monday.\n\nMore text.",
            "By Jo Park\n\nOfficials met on Monday to resume talks.",
            "KYIV (Reuters) - Talks resumed\n\nMore text.",
            "Breaking\n\nMore text.",
        ] {
            let doc = read_text(not_a_headline.as_bytes(), None).unwrap();
            assert_eq!(doc.meta.headline, None, "{not_a_headline}");
        }
    }

    #[test]
    fn header_without_body_is_empty() {
        let err = read_text(b"# source: https://x.org\nHeadline\nOutlet\n\n", None).unwrap_err();
        assert!(matches!(err, crate::IngestError::Empty));
    }
}
