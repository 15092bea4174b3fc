//! An article page into a document: the ingest HTML reader takes the text and the page's own
//! metadata; the listing's item fills what the page does not say (its date and title), and
//! the address the page was fetched from becomes the document's URL, through
//! `DocumentOptions` like every other front end.

use dateline_core::Document;
use dateline_ingest::{read_html, DocumentOptions, HtmlOrigin, IngestError};

use crate::listing::Item;

/// The document of the page `bytes` fetched from `item.link`, with the charset the HTTP
/// `Content-Type` declared.
pub(crate) fn read_article(
    bytes: &[u8],
    item: &Item,
    charset: Option<&str>,
) -> Result<Document, IngestError> {
    let mut doc = read_html(
        bytes,
        HtmlOrigin {
            url: Some(item.link.as_str()),
            charset,
            ..HtmlOrigin::default()
        },
    )?;
    let options = DocumentOptions {
        // Fills a missing date only: the page's own date wins.
        published: item.published,
        url: Some(item.link.clone()),
        // A headline given here would replace the page's, so it is given only when the page has
        // none.
        headline: if doc.meta.headline.is_none() {
            item.title.clone()
        } else {
            None
        },
        ..DocumentOptions::default()
    };
    options.apply(&mut doc);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn item() -> Item {
        Item {
            link: "https://news.example/a.html".into(),
            title: Some("Listing title".into()),
            published: NaiveDate::from_ymd_opt(2026, 11, 5),
        }
    }

    #[test]
    fn the_page_says_first_and_the_listing_fills_in() {
        let bare = b"<html><body><article><p>Ministers from both countries met in the capital on \
Thursday and agreed to meet again next month.</p></article></body></html>";
        let doc = read_article(bare, &item(), None).unwrap();
        assert_eq!(doc.meta.headline.as_deref(), Some("Listing title"));
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2026, 11, 5));
        assert_eq!(
            doc.source.url.as_deref(),
            Some("https://news.example/a.html")
        );
        let dressed = b"<html><head><meta property=\"og:title\" content=\"Page title\">\
<meta property=\"article:published_time\" content=\"2026-11-01T10:00:00Z\">\
<link rel=\"canonical\" href=\"https://elsewhere.example/x\"></head><body><article><h1>Page title</h1>\
<p>Ministers from both countries met in the capital on Thursday and agreed to meet again.</p>\
</article></body></html>";
        let doc = read_article(dressed, &item(), None).unwrap();
        assert_eq!(doc.meta.headline.as_deref(), Some("Page title"));
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(
            doc.source.url.as_deref(),
            Some("https://news.example/a.html")
        );
        assert!(read_article(b"<html><body><nav>Home</nav></body></html>", &item(), None).is_err());
    }
}
