//! What a caller says about its inputs, beside their bytes: a publication date for articles that
//! give none, the article's address and headline, a declared charset, whether to take a missing
//! date from the path or URL, and a format that overrides sniffing. Every front end (the CLI's
//! `extract` and `ingest`, the HTTP server, the Python package) builds one [`DocumentOptions`]
//! per request, validated once by [`DocumentOptions::published_from`], and the readers apply it
//! to every document they produce ([`DocumentOptions::apply`]).

use chrono::NaiveDate;
use dateline_core::{parse_day, DateError, DateSource, Document};

use crate::Format;

/// Options applied to every document read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentOptions {
    /// Publication date for documents that give none; the article's own date wins.
    pub published: Option<NaiveDate>,
    /// Take a missing publication date from a `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY_MM_DD` in the
    /// input's path or the article's URL (before `published`).
    pub date_from_path: bool,
    /// The article's address: replaces what the input says.
    pub url: Option<String>,
    /// The article's headline: replaces what the input says.
    pub headline: Option<String>,
    /// The charset the caller declares for HTML bytes (an HTTP `Content-Type`).
    pub charset: Option<String>,
    /// Read inputs as this format instead of sniffing it.
    pub format: Option<Format>,
}

impl DocumentOptions {
    /// Parses a publication date given by a user or a request (`YYYY-MM-DD`).
    pub fn published_from(text: &str) -> Result<NaiveDate, DateError> {
        parse_day(text)
    }

    /// Applies the options to a document just read.
    pub fn apply(&self, doc: &mut Document) {
        if let Some(url) = &self.url {
            doc.source.url = Some(url.clone());
        }
        if let Some(headline) = &self.headline {
            doc.meta.headline = Some(headline.clone());
        }
        // A date the reader found is the input's own, unless the reader said where else from.
        if doc.meta.published.is_some() {
            doc.meta.published_source.get_or_insert(DateSource::Markup);
        }
        if doc.meta.published.is_none() && self.date_from_path {
            doc.meta.published = doc
                .source
                .path
                .as_deref()
                .and_then(date_in_path)
                .or_else(|| doc.source.url.as_deref().and_then(date_in_path));
            doc.meta.published_source = doc.meta.published.map(|_| DateSource::Path);
        }
        if doc.meta.published.is_none() {
            doc.meta.published = self.published;
            doc.meta.published_source = doc.meta.published.map(|_| DateSource::Flag);
        }
    }
}

/// A `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY_MM_DD` date in a path or URL, if one is there.
fn date_in_path(path: &str) -> Option<NaiveDate> {
    let bytes = path.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let s = path.get(i..i + 10)?;
        let sep = s.as_bytes()[4];
        if !matches!(sep, b'-' | b'/' | b'_') || s.as_bytes()[7] != sep {
            return None;
        }
        let boundary = i == 0 || !bytes[i - 1].is_ascii_digit();
        let normal = s.replace(sep as char, "-");
        boundary.then(|| parse_day(&normal).ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_callers_address_and_headline_replace_the_inputs_and_its_date_only_fills() {
        let day = |s| DocumentOptions::published_from(s).unwrap();
        let options = DocumentOptions {
            published: Some(day("2024-10-30")),
            url: Some("https://example.org/a".into()),
            headline: Some("Talks resume".into()),
            ..DocumentOptions::default()
        };
        let mut dated = Document::from_text("Talks began.");
        dated.meta.published = Some(day("2023-01-02"));
        dated.source.url = Some("https://old.example/b".into());
        options.apply(&mut dated);
        assert_eq!(dated.meta.published, Some(day("2023-01-02")));
        assert_eq!(dated.source.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(dated.meta.headline.as_deref(), Some("Talks resume"));
        let mut undated = Document::from_text("Talks began.");
        options.apply(&mut undated);
        assert_eq!(undated.meta.published, Some(day("2024-10-30")));
        let from_path = DocumentOptions {
            date_from_path: true,
            ..options
        };
        let mut in_folder = Document::from_text("Talks began.");
        in_folder.source.path = Some("news/2024/02/29/a.txt".into());
        from_path.apply(&mut in_folder);
        assert_eq!(in_folder.meta.published, Some(day("2024-02-29")));
        assert!(DocumentOptions::published_from("2024-13-45").is_err());
    }

    #[test]
    fn dates_in_paths() {
        let d = |s: &str| date_in_path(s).map(|d| d.to_string());
        assert_eq!(
            d("news/2024/10/30/story.html").as_deref(),
            Some("2024-10-30")
        );
        assert_eq!(d("crawl-2024-10-30.warc.gz").as_deref(), Some("2024-10-30"));
        assert_eq!(d("x_2024_02_29_y").as_deref(), Some("2024-02-29"));
        assert_eq!(d("12024-10-30"), None);
        assert_eq!(d("2024-13-01"), None);
        assert_eq!(d("short"), None);
    }
}
