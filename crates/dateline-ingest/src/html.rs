//! HTML pages: main article text by `trafilatura`, metadata from `<meta>` (`OpenGraph`,
//! `article:*`), JSON-LD `NewsArticle` and `<time>`, parsed with a real HTML5 parser (`scraper`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use dateline_core::{Document, Meta, Source, SourceFormat};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::dates::parse_date;
use crate::decode::decode;
use crate::error::{IngestError, Result};
use crate::wire::apply_wire_metadata;

/// Fewer words than this is not an article, whatever the extractor returned.
const MIN_ARTICLE_WORDS: usize = 4;

/// Pages nested deeper than this bypass the (recursive) extractor for a flat rendering.
const MAX_EXTRACTOR_DEPTH: usize = 256;

/// Where an HTML page came from, for its `source` record.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlOrigin<'a> {
    /// File path, if any.
    pub path: Option<&'a str>,
    /// Address the page was fetched from (a WARC target URI), if any.
    pub url: Option<&'a str>,
    /// Charset declared outside the page (HTTP `Content-Type`), if any.
    pub charset: Option<&'a str>,
    /// The container format when the page is a record of one (WARC).
    pub format: Option<SourceFormat>,
    /// The record id inside the container.
    pub record: Option<&'a str>,
}

fn selector(css: &'static str, cell: &'static OnceLock<Selector>) -> &'static Selector {
    cell.get_or_init(|| Selector::parse(css).expect("selector is valid CSS"))
}

macro_rules! sel {
    ($css:literal) => {{
        static CELL: OnceLock<Selector> = OnceLock::new();
        selector($css, &CELL)
    }};
}

/// The charset a page declares in its first kilobytes (`<meta charset>` or `http-equiv`).
fn sniff_meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Metadata gathered from markup.
#[derive(Debug, Default)]
struct PageMeta {
    headline: Option<String>,
    publisher: Option<String>,
    authors: Vec<String>,
    published: Option<chrono::NaiveDate>,
    url: Option<String>,
    language: Option<String>,
}

fn meta_content(doc: &Html, key: &str) -> Option<String> {
    doc.select(sel!("meta"))
        .find(|m| {
            let attrs = m.value();
            attrs
                .attr("property")
                .or_else(|| attrs.attr("name"))
                .or_else(|| attrs.attr("itemprop"))
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
        })
        .and_then(|m| m.value().attr("content"))
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
}

fn is_article_type(value: &Value) -> bool {
    let is_article = |t: &str| t.ends_with("Article") || t == "BlogPosting" || t == "Report";
    match value.get("@type") {
        Some(Value::String(t)) => is_article(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

/// Every JSON object in a JSON-LD value, including those in arrays and `@graph`.
fn ld_objects(value: &Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| ld_objects(v, out)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                ld_objects(graph, out);
            }
            out.push(value.clone());
        }
        _ => {}
    }
}

fn ld_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.trim().to_owned()],
        Some(Value::Object(map)) => map
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.trim().to_owned()])
            .unwrap_or_default(),
        Some(Value::Array(items)) => items.iter().flat_map(|v| ld_names(Some(v))).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

fn ld_string(obj: &Value, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Object(map) => map
            .get("@id")
            .or_else(|| map.get("name"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    }
}

fn json_ld_article(doc: &Html) -> Option<Value> {
    let mut objects = Vec::new();
    for script in doc.select(sel!(r#"script[type="application/ld+json"]"#)) {
        let raw: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
            ld_objects(&value, &mut objects);
        }
    }
    objects.into_iter().find(is_article_type)
}

fn split_author_list(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with("http"))
        .map(str::to_owned)
        .collect()
}

fn page_meta(doc: &Html) -> PageMeta {
    let ld = json_ld_article(doc);
    let ld_get = |key: &str| ld.as_ref().and_then(|obj| ld_string(obj, key));
    let title = || {
        doc.select(sel!("title"))
            .next()
            .map(|t| t.text().collect::<String>().trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    let headline = ld_get("headline")
        .or_else(|| meta_content(doc, "og:title"))
        .or_else(|| meta_content(doc, "twitter:title"))
        .or_else(|| {
            doc.select(sel!("h1"))
                .next()
                .map(|h| h.text().collect::<String>().trim().to_owned())
        })
        .or_else(title)
        .filter(|h| !h.is_empty());
    let mut authors = ld
        .as_ref()
        .map(|obj| ld_names(obj.get("author")))
        .unwrap_or_default();
    if authors.is_empty() {
        authors = ["author", "article:author", "dc.creator", "byl"]
            .iter()
            .find_map(|k| meta_content(doc, k))
            .map(|a| split_author_list(a.trim_start_matches("By ")))
            .unwrap_or_default();
    }
    let published = ld_get("datePublished")
        .or_else(|| meta_content(doc, "article:published_time"))
        .or_else(|| meta_content(doc, "og:article:published_time"))
        .or_else(|| meta_content(doc, "date"))
        .or_else(|| meta_content(doc, "pubdate"))
        .or_else(|| meta_content(doc, "dc.date"))
        .or_else(|| meta_content(doc, "datePublished"))
        .or_else(|| {
            doc.select(sel!("time[datetime]"))
                .next()
                .and_then(|t| t.value().attr("datetime"))
                .map(str::to_owned)
        })
        .and_then(|d| parse_date(&d));
    let site = ld
        .as_ref()
        .and_then(|obj| ld_names(obj.get("publisher")).into_iter().next())
        .or_else(|| meta_content(doc, "og:site_name"))
        .or_else(|| meta_content(doc, "application-name"));
    let url = meta_content(doc, "og:url")
        .or_else(|| {
            doc.select(sel!(r#"link[rel="canonical"]"#))
                .next()
                .and_then(|l| l.value().attr("href"))
                .map(str::to_owned)
        })
        .or_else(|| ld_get("url"));
    let language = ld_get("inLanguage").or_else(|| {
        doc.select(sel!("html"))
            .next()
            .and_then(|h| h.value().attr("lang"))
            .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_lowercase())
    });
    PageMeta {
        headline,
        publisher: site,
        authors,
        published,
        url,
        language,
    }
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    "ul",
    "ol",
    "table",
    "pre",
    "figure",
    "header",
    "footer",
    "hr",
];

/// Renders the text under `root`, one line per block element. Iterative (the DOM may be nested
/// arbitrarily deep); script, style and template content is skipped.
fn render_text(root: ElementRef<'_>) -> String {
    let mut raw = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        let (node, open) = match edge {
            ego_tree::iter::Edge::Open(node) => (node, true),
            ego_tree::iter::Edge::Close(node) => (node, false),
        };
        if let Some(skipped) = skipping {
            if !open && node.id() == skipped {
                skipping = None;
            }
            continue;
        }
        match node.value() {
            Node::Text(text) if open => {
                // Source line breaks inside a block are spaces; blocks make the lines.
                raw.extend(
                    text.chars()
                        .map(|c| if c.is_whitespace() { ' ' } else { c }),
                );
            }
            Node::Element(el) => {
                let name = el.name();
                if open && matches!(name, "script" | "style" | "noscript" | "template") {
                    skipping = Some(node.id());
                } else if BLOCKS.contains(&name) {
                    raw.push('\n');
                }
            }
            _ => {}
        }
    }
    raw.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The depth of the deepest element under `root`, counted without recursion.
fn depth(root: ElementRef<'_>) -> usize {
    let (mut current, mut deepest) = (0usize, 0usize);
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(_) => {
                current += 1;
                deepest = deepest.max(current);
            }
            ego_tree::iter::Edge::Close(_) => current = current.saturating_sub(1),
        }
    }
    deepest
}

/// Plain text of an HTML fragment (a feed item's content), one line per block element.
#[must_use]
pub fn fragment_text(html: &str) -> String {
    let html = crate::nesting::cap_nesting(html, MAX_EXTRACTOR_DEPTH);
    render_text(Html::parse_fragment(&html).root_element())
}

/// The main text of a page by `trafilatura`; `None` when the extractor panicked (a bug of its
/// own on some malformed pages, found by fuzzing), so the caller can fall back.
fn main_text(html: &str) -> Result<Option<String>> {
    let options = trafilatura::Options::default()
        .with_fallback(true)
        .with_exclude_comments(true);
    let Ok(extracted) = catch_unwind(AssertUnwindSafe(|| trafilatura::extract(html, &options)))
    else {
        return Ok(None);
    };
    match extracted {
        // The plain-text rendering joins blocks with spaces; the HTML keeps paragraphs apart.
        Ok(result) if !result.content_text.trim().is_empty() => {
            Ok(Some(fragment_text(&result.content_html)))
        }
        Ok(_) | Err(trafilatura::TrafilaturaError::InsufficientContent { .. }) => {
            Err(IngestError::NoText)
        }
        Err(err) => Err(IngestError::Html(err.to_string())),
    }
}

/// The text without whitespace, for comparing renderings.
fn squashed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// On short pages the extractor falls back to the raw text of the page, with blocks glued
/// together (`PactBolivia and Peru signed…`). When its text ends with the whole text of the
/// page's one `<article>`, that article rendered block by block is the same content with its
/// paragraphs kept apart.
fn unflattened(dom: &Html, extracted: String) -> String {
    let mut articles = dom.select(sel!("article"));
    let (Some(article), None) = (articles.next(), articles.next()) else {
        return extracted;
    };
    let ours = render_text(article);
    let whole = squashed(&ours);
    if !whole.is_empty() && squashed(&extracted).ends_with(&whole) {
        ours
    } else {
        extracted
    }
}

/// Reads an HTML page.
pub fn read_html(bytes: &[u8], origin: HtmlOrigin<'_>) -> Result<Document> {
    let sniffed = if origin.charset.is_none() {
        sniff_meta_charset(bytes)
    } else {
        None
    };
    let decoded = decode(bytes, origin.charset.or(sniffed.as_deref()))?;
    let html = crate::nesting::cap_nesting(&decoded.text, MAX_EXTRACTOR_DEPTH);
    let dom = Html::parse_document(&html);
    let page = page_meta(&dom);
    // The page's own text, block by block: for pages too deep for the extractor (it recurses
    // over the DOM) and pages it fails on.
    let whole_page = || {
        let root = dom
            .select(sel!("article, main, body"))
            .next()
            .unwrap_or_else(|| dom.root_element());
        render_text(root)
    };
    let mut text = if depth(dom.root_element()) > MAX_EXTRACTOR_DEPTH {
        whole_page()
    } else {
        match main_text(&html)? {
            Some(extracted) => unflattened(&dom, extracted),
            None => whole_page(),
        }
    };
    if let Some(headline) = &page.headline {
        // Extractors often keep the page's <h1>; the headline is metadata, not body.
        if let Some(rest) = text
            .strip_prefix(headline.as_str())
            .and_then(|r| r.strip_prefix('\n'))
        {
            text = rest.to_owned();
        }
    }
    // The extractor's fallbacks return the title or a menu label for pages with no article.
    let too_short = text.split_whitespace().nth(MIN_ARTICLE_WORDS - 1).is_none();
    if too_short || page.headline.as_deref() == Some(text.trim()) {
        return Err(IngestError::NoText);
    }
    let mut meta = Meta {
        headline: page.headline,
        publisher: page.publisher,
        authors: page.authors,
        published: page.published,
        language: page.language,
        ..Meta::default()
    };
    let body = apply_wire_metadata(&text, &mut meta);
    let source = Source {
        path: origin.path.map(str::to_owned),
        url: origin.url.map(str::to_owned).or(page.url),
        format: origin.format.unwrap_or(SourceFormat::Html),
        record: origin.record.map(str::to_owned),
    };
    let mut doc = Document::new(body, source, meta);
    doc.diagnostics.extend(decoded.diagnostic());
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_text_keeps_blocks() {
        let text = fragment_text(
            "<p>One <b>bold</b>\n word.</p><p>Two.</p><script>x()</script><ul><li>Three</li></ul>",
        );
        assert_eq!(text, "One bold word.\nTwo.\nThree");
    }

    #[test]
    fn short_articles_keep_their_paragraphs() {
        let paragraphs = [
            "Bolivia and Peru signed a fisheries pact in Lima on Monday.",
            "\"This agreement protects our fishermen,\" Foreign Minister Ana Soto told reporters.",
            "Peru said more than 300 fishing boats had been seized last year.",
        ];
        for count in [1, 3] {
            let body = format!("<p>{}</p>", paragraphs[..count].join("</p><p>"));
            let page = format!("<html><head><title>Pact</title></head><body><article><h1>Pact</h1>{body}</article></body></html>");
            let doc = read_html(page.as_bytes(), HtmlOrigin::default()).unwrap();
            assert_eq!(
                doc.text,
                paragraphs[..count].join("\n"),
                "{count} paragraphs"
            );
        }
    }

    #[test]
    fn meta_charset_is_sniffed() {
        assert_eq!(
            sniff_meta_charset(b"<meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            sniff_meta_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(sniff_meta_charset(b"<html>"), None);
    }

    #[test]
    fn json_ld_in_graph() {
        let html = r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"X"},{"@type":"NewsArticle","headline":"H","datePublished":"2025-01-02","author":{"@type":"Person","name":"A B"},"publisher":{"name":"P"}}]}</script></head><body></body></html>"#;
        let meta = page_meta(&Html::parse_document(html));
        assert_eq!(meta.headline.as_deref(), Some("H"));
        assert_eq!(meta.authors, ["A B"]);
        assert_eq!(meta.publisher.as_deref(), Some("P"));
        assert_eq!(meta.published, chrono::NaiveDate::from_ymd_opt(2025, 1, 2));
    }

    #[test]
    fn page_without_text_is_an_error() {
        let err = read_html(
            b"<html><head><title>T</title></head><body><div></div></body></html>",
            HtmlOrigin::default(),
        )
        .unwrap_err();
        assert!(
            matches!(err, IngestError::NoText | IngestError::Html(_)),
            "{err}"
        );
    }
}
