//! The feeds to watch: a text file of URLs (one a line, `#` comments) or an OPML file (a feed
//! reader's export, `<outline xmlUrl="…">` at any depth).

use std::path::Path;

use url::Url;

use crate::WatchError;

/// Reads the feed URLs of a sources file, text or OPML (recognised by its content), in file
/// order without repeats.
pub fn read_sources(path: &Path) -> Result<Vec<String>, WatchError> {
    let bytes = std::fs::read(path).map_err(|e| WatchError::io(path, e))?;
    let text = String::from_utf8_lossy(&bytes);
    parse_sources(&text).map_err(|reason| WatchError::Sources {
        path: path.display().to_string(),
        reason,
    })
}

/// The feed URLs of a sources text, OPML or a plain list; the error says what is wrong and
/// where.
pub fn parse_sources(text: &str) -> Result<Vec<String>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let urls = if text.trim_start().starts_with('<') {
        opml_urls(text)?
    } else {
        list_urls(text)?
    };
    let mut unique: Vec<String> = Vec::with_capacity(urls.len());
    for url in urls {
        if !unique.contains(&url) {
            unique.push(url);
        }
    }
    Ok(unique)
}

/// A feed URL as written, checked and normalised (`Url` serialisation).
fn feed_url(written: &str) -> Option<String> {
    let url = Url::parse(written.trim()).ok()?;
    let web = matches!(url.scheme(), "http" | "https") && url.host_str().is_some();
    web.then(|| url.to_string())
}

fn list_urls(text: &str) -> Result<Vec<String>, String> {
    let mut urls = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // A comment is a line starting with `#` or the rest of a line after ` #`.
        let line = line.split(" #").next().unwrap_or_default().trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let url =
            feed_url(line).ok_or_else(|| format!("line {}: not an http(s) URL: {line}", i + 1))?;
        urls.push(url);
    }
    Ok(urls)
}

fn opml_urls(text: &str) -> Result<Vec<String>, String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("malformed OPML: {e}"))?;
    let mut urls = Vec::new();
    for outline in doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name().eq_ignore_ascii_case("outline"))
    {
        let Some(written) = outline
            .attributes()
            .find(|a| a.name().eq_ignore_ascii_case("xmlUrl"))
            .map(|a| a.value())
        else {
            continue;
        };
        let url =
            feed_url(written).ok_or_else(|| format!("xmlUrl is not an http(s) URL: {written}"))?;
        urls.push(url);
    }
    Ok(urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lists_skip_comments_and_repeats() {
        let text = "# my feeds\n\nhttps://a.example/feed.xml\n  http://b.example/rss # world\nhttps://a.example/feed.xml\n";
        assert_eq!(
            parse_sources(text).unwrap(),
            ["https://a.example/feed.xml", "http://b.example/rss"]
        );
        let bad = parse_sources("https://a.example/x\nftp://c.example/feed\n").unwrap_err();
        assert!(bad.starts_with("line 2:"), "{bad}");
    }

    #[test]
    fn opml_outlines_at_any_depth() {
        let opml = r#"<?xml version="1.0"?>
<opml version="2.0"><head><title>x</title></head><body>
  <outline text="World"><outline type="rss" xmlUrl="https://a.example/rss?x=1&amp;y=2"/></outline>
  <outline type="rss" xmlurl="https://b.example/atom.xml"/>
  <outline text="folder without a feed"/>
</body></opml>"#;
        assert_eq!(
            parse_sources(opml).unwrap(),
            [
                "https://a.example/rss?x=1&y=2",
                "https://b.example/atom.xml"
            ]
        );
        assert!(
            parse_sources("<opml><body><outline xmlUrl=\"x\"/></body></opml>")
                .unwrap_err()
                .contains("xmlUrl")
        );
        assert!(parse_sources("<opml><body>")
            .unwrap_err()
            .starts_with("malformed OPML"));
    }
}
