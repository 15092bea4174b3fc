//! What a feed lists: the items of an RSS 2.0 or Atom feed (`feed-rs`), of a news sitemap
//! (`<url><loc>` with `news:news`), or the child sitemaps of a sitemap index.

use chrono::NaiveDate;
use url::Url;

/// One article a listing points to, with what the listing says about it: the fallbacks for a
/// page that does not say so itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Absolute address, without fragment.
    pub link: String,
    /// The item's title.
    pub title: Option<String>,
    /// The item's publication date.
    pub published: Option<NaiveDate>,
}

/// A parsed listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    /// A feed's or a sitemap's articles, in listing order.
    Items(Vec<Item>),
    /// A sitemap index: the addresses of its sitemaps.
    Index(Vec<String>),
}

/// Parses the body of the listing fetched from `base`; the error says why it is not a feed or
/// a sitemap.
pub fn parse_listing(bytes: &[u8], base: &Url) -> Result<Listing, String> {
    if looks_like_sitemap(bytes) {
        parse_sitemap(bytes, base)
    } else {
        parse_feed(bytes, base)
    }
}

/// An absolute `http(s)` address for `href` found in a listing at `base`, without fragment.
pub fn absolute(base: &Url, href: &str) -> Option<String> {
    let mut url = base.join(href.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    Some(url.to_string())
}

fn looks_like_sitemap(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    head.contains("<urlset") || head.contains("<sitemapindex")
}

fn parse_feed(bytes: &[u8], base: &Url) -> Result<Listing, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("malformed feed: {e}"))?;
    let items = feed
        .entries
        .iter()
        .filter_map(|entry| {
            // Atom entries may carry several links; the article is the alternate one.
            let href = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| entry.links.first())?;
            Some(Item {
                link: absolute(base, &href.href)?,
                title: entry
                    .title
                    .as_ref()
                    .map(|t| t.content.trim().to_owned())
                    .filter(|t| !t.is_empty()),
                published: entry.published.or(entry.updated).map(|d| d.date_naive()),
            })
        })
        .collect();
    Ok(Listing::Items(items))
}

/// The trimmed text of the first child element of `node` named `name` (any namespace).
fn child_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)?
        .text()
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn parse_sitemap(bytes: &[u8], base: &Url) -> Result<Listing, String> {
    let text = String::from_utf8_lossy(bytes);
    let doc = roxmltree::Document::parse(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("malformed sitemap: {e}"))?;
    let root = doc.root_element();
    let elements = |name: &'static str| {
        root.children()
            .filter(move |c| c.is_element() && c.tag_name().name() == name)
    };
    match root.tag_name().name() {
        "sitemapindex" => Ok(Listing::Index(
            elements("sitemap")
                .filter_map(|s| absolute(base, child_text(s, "loc")?))
                .collect(),
        )),
        "urlset" => Ok(Listing::Items(
            elements("url")
                .filter_map(|u| {
                    let news = child(u, "news");
                    Some(Item {
                        link: absolute(base, child_text(u, "loc")?)?,
                        title: news.and_then(|n| child_text(n, "title")).map(str::to_owned),
                        published: news
                            .and_then(|n| child_text(n, "publication_date"))
                            .and_then(dateline_ingest::parse_date),
                    })
                })
                .collect(),
        )),
        other => Err(format!("malformed sitemap: root element <{other}>")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example/feeds/world.xml").unwrap()
    }

    #[test]
    fn rss_items_with_relative_links() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title> Talks resume </title><link>/a.html#top</link><pubDate>Mon, 02 Nov 2026 08:30:00 GMT</pubDate></item>
<item><title>No link</title></item>
</channel></rss>"#;
        let Listing::Items(items) = parse_listing(rss, &base()).unwrap() else {
            panic!("not items");
        };
        assert_eq!(
            items,
            [Item {
                link: "https://news.example/a.html".into(),
                title: Some("Talks resume".into()),
                published: NaiveDate::from_ymd_opt(2026, 11, 2),
            }]
        );
    }

    #[test]
    fn atom_prefers_the_alternate_link() {
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-11-03T00:00:00Z</updated>
<entry><title>A</title><id>a</id><updated>2026-11-03T10:20:00Z</updated>
<link rel="enclosure" href="https://cdn.example/a.jpg"/><link rel="alternate" href="https://news.example/a"/></entry></feed>"#;
        let Listing::Items(items) = parse_listing(atom, &base()).unwrap() else {
            panic!("not items");
        };
        assert_eq!(items[0].link, "https://news.example/a");
        assert_eq!(items[0].published, NaiveDate::from_ymd_opt(2026, 11, 3));
    }

    #[test]
    fn news_sitemaps_and_indexes() {
        let urlset = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc> https://news.example/b.html </loc><news:news><news:publication_date>2026-11-05T07:30:00+00:00</news:publication_date>
<news:title>Border &amp; trade</news:title></news:news></url>
<url><loc>https://news.example/c.html</loc></url>
</urlset>"#;
        let Listing::Items(items) = parse_listing(urlset, &base()).unwrap() else {
            panic!("not items");
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title.as_deref(), Some("Border & trade"));
        assert_eq!(items[0].published, NaiveDate::from_ymd_opt(2026, 11, 5));
        assert_eq!(items[1].title, None);
        let index = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/sitemaps/news.xml</loc></sitemap></sitemapindex>"#;
        assert_eq!(
            parse_listing(index, &base()).unwrap(),
            Listing::Index(vec!["https://news.example/sitemaps/news.xml".into()])
        );
    }

    #[test]
    fn malformed_listings_are_errors() {
        assert!(parse_listing(b"<html><body>moved</body></html>", &base())
            .unwrap_err()
            .starts_with("malformed feed"));
        assert!(parse_listing(b"<urlset><url>", &base())
            .unwrap_err()
            .starts_with("malformed sitemap"));
    }
}
