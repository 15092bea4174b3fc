//! Caps how deeply elements nest before a page reaches the HTML parser. html5ever checks the
//! stack of open elements for many start tags, so a page of 80,000 nested `<div>`s costs time
//! quadratic in its depth (10 s); no real page nests more than a few hundred deep. Tags past
//! the cap are dropped and their text kept, in one linear pass.

use std::borrow::Cow;

/// Elements that never have content, so never deepen the nesting.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

fn find(hay: &[u8], from: usize, needle: u8) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| from + p)
}

/// The byte after the end tag `</name` (case-insensitive) at or after `from`, or the end.
fn after_raw(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(lt) = find(bytes, at, b'<') {
        let close = bytes.get(lt + 1) == Some(&b'/')
            && bytes
                .get(lt + 2..lt + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if close {
            return find(bytes, lt, b'>').map_or(bytes.len(), |gt| gt + 1);
        }
        at = lt + 1;
    }
    bytes.len()
}

/// `html` with element nesting cut at `cap`; borrowed unchanged when it never goes deeper.
pub fn cap_nesting(html: &str, cap: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let (mut depth, mut dropped, mut copied, mut at) = (0usize, 0usize, 0usize, 0usize);
    while let Some(lt) = find(bytes, at, b'<') {
        let Some(gt) = find(bytes, lt, b'>') else {
            break;
        };
        let inner = &bytes[lt + 1..gt];
        at = gt + 1;
        let (closing, name_from) = match inner.first() {
            Some(b'/') => (true, 1),
            Some(c) if c.is_ascii_alphabetic() => (false, 0),
            // Comments, doctypes, processing instructions, a stray "<".
            _ => continue,
        };
        let name_len = inner[name_from..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(inner.len() - name_from);
        let name = &inner[name_from..name_from + name_len];
        let is = |list: &[&str]| list.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(name));
        if !closing && is(RAW) {
            at = after_raw(bytes, at, name);
            continue;
        }
        if !closing && (is(VOID) || inner.ends_with(b"/")) {
            continue;
        }
        let keep = if closing {
            if dropped > 0 {
                dropped -= 1;
                false
            } else {
                depth = depth.saturating_sub(1);
                true
            }
        } else if depth >= cap {
            dropped += 1;
            false
        } else {
            depth += 1;
            true
        };
        if !keep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..lt]);
            copied = gt + 1;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>One<br>two</p><img src=x /></div><script>if (a<b) {}</script></body></html>";
        assert!(matches!(cap_nesting(page, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let page = format!(
            "<body>{}text{}</body>",
            "<div>".repeat(50),
            "</div>".repeat(50)
        );
        let capped = cap_nesting(&page, 10);
        assert_eq!(capped.matches("<div>").count(), 9);
        assert_eq!(capped.matches("</div>").count(), 9);
        assert!(capped.contains("text"));
    }

    #[test]
    fn unclosed_and_odd_tags_do_not_panic() {
        for page in [
            "<",
            "<div",
            "<div><",
            "</",
            "<a/><b></c></d>",
            "<é>x</é>",
            "<script>never closed",
        ] {
            let _ = cap_nesting(page, 1);
        }
    }
}
