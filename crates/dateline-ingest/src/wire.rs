//! Wire-story furniture in plain text: bylines, datelines and closing credit lines.
//!
//! `By Phil Stewart, Jonathan Landay` and `VOA News` lines that open a story, and
//! `(Reporting by …; Editing by …)` lines that close it, become metadata and leave the body, so
//! they never become sentences. A dateline (`WASHINGTON (Reuters) -`) stays in the text, where
//! later stages can see the place, and is recorded with its span so segmentation skips it.

use std::sync::OnceLock;

use dateline_core::segment::paragraphs;
use dateline_core::{Credit, Dateline, Meta, Span};
use regex::Regex;

use crate::agencies;

/// The longest line taken for a byline or a credit line.
const MAX_FURNITURE_LINE: usize = 200;

fn dateline_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)^
            (?P<place>\p{Lu}[\p{Lu}.'’\-]+(?:\ \p{Lu}[\p{Lu}.'’\-]+)*(?:/\p{Lu}[\p{Lu}.'’\-]+(?:\ \p{Lu}[\p{Lu}.'’\-]+)*)*)
            (?:,\ (?P<region>\p{Lu}[\p{L}.'’\-]+(?:\ \p{Lu}[\p{L}.'’\-]+)*))?
            (?:,?\ (?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\ \d{1,2}))?
            \s*(?:\((?P<agency>[^()\n]{1,40})\))?
            \s*(?P<dash>--|[-—–]|:)",
        )
        .expect("dateline pattern is valid")
    })
}

fn agency_only_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\((?P<agency>[^()\n]{1,40})\)\s*(?:--|[-—–])").expect("pattern is valid")
    })
}

fn credit_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\(?\s*((?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|research|graphics|reported|written|edited|produced)(?:\s+and\s+\w+)?)\s+by\s+")
            .expect("credit pattern is valid")
    })
}

/// Splits `A, B and C` / `A & B` into names, dropping ` in Place` suffixes.
fn split_names(list: &str) -> Vec<String> {
    list.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|name| {
            let name = name.trim().trim_end_matches(['.', ')']).trim();
            match name.find(" in ") {
                Some(i) => name[..i].trim(),
                None => name,
            }
        })
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let first_ok = chars.next().is_some_and(char::is_uppercase);
    first_ok
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// Whether `line` is just a person's name (`Steve Herman`, `Mary J. Blige`).
fn is_bare_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| is_name_word(w) || matches!(*w, "de" | "van" | "von" | "al" | "bin" | "da"))
}

/// What a leading line of the body says about its authors, if it is a byline.
enum Byline {
    Authors(Vec<String>),
    Agency(String),
}

fn parse_byline(line: &str, next_is_body: bool) -> Option<Byline> {
    if line.len() > MAX_FURNITURE_LINE {
        return None;
    }
    if agencies::canonical(line).is_some() {
        return Some(Byline::Agency(line.trim().to_owned()));
    }
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "));
    if let Some(rest) = rest {
        let names = split_names(rest);
        return (!names.is_empty()).then_some(Byline::Authors(names));
    }
    (next_is_body && is_bare_name(line)).then(|| Byline::Authors(vec![line.trim().to_owned()]))
}

fn parse_credits(line: &str) -> Option<Vec<Credit>> {
    if line.len() > MAX_FURNITURE_LINE * 2 || !credit_regex().is_match(line) {
        return None;
    }
    let inner = line.trim().trim_start_matches('(').trim_end_matches(')');
    let credits: Vec<Credit> = inner
        .split(';')
        .filter_map(|part| {
            let caps = credit_regex().captures(part.trim())?;
            let role = caps.get(1)?.as_str().to_lowercase();
            let names = split_names(&part.trim()[caps.get(0)?.end()..]);
            Some(Credit { role, names })
        })
        .collect();
    (!credits.is_empty()).then_some(credits)
}

/// Finds a dateline at the start of `paragraph`; returns it with its byte length.
/// Whether `line` opens with a dateline (`KYIV (Reuters) -`).
pub(crate) fn starts_with_dateline(line: &str) -> bool {
    parse_dateline(line).is_some()
}

fn parse_dateline(paragraph: &str) -> Option<(Dateline, usize)> {
    if let Some(caps) = dateline_regex().captures(paragraph) {
        let place = caps.name("place")?.as_str();
        let letters = place.chars().filter(|c| c.is_alphabetic()).count();
        let dash = caps.name("dash")?;
        let body_follows = paragraph[dash.end()..].trim_start().len() > 1;
        let colon_ok = dash.as_str() != ":" || caps.name("agency").is_some();
        if letters >= 3 && body_follows && colon_ok {
            let agency = caps.name("agency").map(|a| a.as_str().trim().to_owned());
            let dateline = Dateline {
                place: place.to_owned(),
                agency,
                span: None,
            };
            return Some((dateline, dash.end()));
        }
    }
    let caps = agency_only_regex().captures(paragraph)?;
    let whole = caps.get(0)?;
    let agency = caps.name("agency")?.as_str().trim();
    agencies::canonical(agency)?;
    let dateline = Dateline {
        place: String::new(),
        agency: Some(agency.to_owned()),
        span: None,
    };
    Some((dateline, whole.end()))
}

/// Moves bylines, agency lines and credit lines from `text` into `meta`, finds the dateline, and
/// returns the body text that remains. Metadata the input already had (from markup) is kept;
/// text-derived values only fill what is missing.
#[must_use]
pub fn apply_wire_metadata(text: &str, meta: &mut Meta) -> String {
    let paras = paragraphs(text);
    let mut first = 0;
    let mut last = paras.len();
    let mut authors = Vec::new();
    let mut agency = None;
    while first < last && first < 2 {
        let line = paras[first].of(text);
        let next_is_body = paras
            .get(first + 1)
            .is_some_and(|p| p.len() >= 80 || parse_dateline(p.of(text)).is_some());
        match parse_byline(line, next_is_body) {
            Some(Byline::Authors(names)) => authors.extend(names),
            Some(Byline::Agency(name)) => agency = Some(name),
            None => break,
        }
        first += 1;
    }
    let mut credits = Vec::new();
    while last > first {
        match parse_credits(paras[last - 1].of(text)) {
            Some(found) => {
                credits.splice(0..0, found);
                last -= 1;
            }
            None => break,
        }
    }
    if first == last {
        // Nothing but furniture: keep the text rather than return an empty body.
        return text.to_owned();
    }
    let body_start = paras[first].start();
    let body = text[body_start..paras[last - 1].end()].to_owned();

    if meta.authors.is_empty() {
        meta.authors = if authors.is_empty() {
            credits
                .iter()
                .filter(|c| c.role.contains("reporting") || c.role.contains("writ"))
                .filter(|c| !c.role.starts_with("additional"))
                .flat_map(|c| c.names.iter().cloned())
                .collect()
        } else {
            authors
        };
    }
    if meta.editors.is_empty() {
        meta.editors = credits
            .iter()
            .filter(|c| c.role.contains("edit"))
            .flat_map(|c| c.names.iter().cloned())
            .collect();
    }
    meta.credits = credits;
    if meta.dateline.is_none() {
        if let Some((mut dateline, len)) = parse_dateline(&body) {
            dateline.span = Some(Span::new(0, len));
            if dateline.agency.is_some() {
                agency.clone_from(&dateline.agency);
            }
            if !dateline.place.is_empty() {
                meta.dateline = Some(dateline);
            }
        }
    }
    if meta.agency.is_none() {
        meta.agency = agency;
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Meta) {
        let mut meta = Meta::default();
        let body = apply_wire_metadata(text, &mut meta);
        (body, meta)
    }

    const LONG: &str =
        "the ministry said in a statement that talks would resume next week in the capital.";

    #[test]
    fn reuters_byline_dateline_and_credits() {
        let text = format!(
            "By Ana Lima, Tom Reyes\nLISBON (Reuters) -Portugal's {LONG}\nMore text here.\n(Reporting by Ana Lima in Lisbon; Editing by Sam Cole and Jo Park)"
        );
        let (body, meta) = run(&text);
        assert_eq!(meta.authors, ["Ana Lima", "Tom Reyes"]);
        assert_eq!(meta.editors, ["Sam Cole", "Jo Park"]);
        let dateline = meta.dateline.unwrap();
        assert_eq!(dateline.place, "LISBON");
        assert_eq!(dateline.agency.as_deref(), Some("Reuters"));
        assert_eq!(dateline.span.unwrap().of(&body), "LISBON (Reuters) -");
        assert_eq!(meta.agency.as_deref(), Some("Reuters"));
        assert!(body.starts_with("LISBON") && body.ends_with("More text here."));
        assert_eq!(meta.credits.len(), 2);
        assert_eq!(meta.credits[0].role, "reporting");
    }

    #[test]
    fn ap_dateline_with_region_and_date() {
        let (body, meta) = run(&format!(
            "By Jo Park\n\nKYIV, Ukraine, Oct. 30 (AP) — Ukraine {LONG}"
        ));
        let dateline = meta.dateline.unwrap();
        assert_eq!(dateline.place, "KYIV");
        assert_eq!(dateline.agency.as_deref(), Some("AP"));
        assert_eq!(
            dateline.span.unwrap().of(&body),
            "KYIV, Ukraine, Oct. 30 (AP) —"
        );
        assert_eq!(meta.authors, ["Jo Park"]);
    }

    #[test]
    fn bare_dateline_and_agency_line() {
        let (body, meta) = run(&format!(
            "VOA News\n\nBEIJING — China {LONG}\n\nSubheading\n\nEnd."
        ));
        assert_eq!(meta.agency.as_deref(), Some("VOA News"));
        assert_eq!(meta.dateline.unwrap().place, "BEIJING");
        assert!(meta.authors.is_empty());
        assert!(body.starts_with("BEIJING —"));
    }

    #[test]
    fn slash_datelines() {
        let (_, meta) = run(&format!("SEOUL/TOKYO (Reuters) - North Korea {LONG}"));
        assert_eq!(meta.dateline.unwrap().place, "SEOUL/TOKYO");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let text =
            format!("Ukraine's prime minister said Tuesday {LONG}\n\nU.S. officials agreed.");
        let (body, meta) = run(&text);
        assert_eq!(body, text);
        assert!(meta.dateline.is_none());
        assert!(meta.authors.is_empty() && meta.editors.is_empty() && meta.agency.is_none());
    }

    #[test]
    fn markup_metadata_wins() {
        let mut meta = Meta {
            authors: vec!["Maria Santos".into()],
            ..Meta::default()
        };
        let _ = apply_wire_metadata(
            &format!("By Someone Else\nLISBON (Reuters) - {LONG}"),
            &mut meta,
        );
        assert_eq!(meta.authors, ["Maria Santos"]);
    }

    #[test]
    fn furniture_only_keeps_text() {
        let (body, _) = run("By Jo Park");
        assert_eq!(body, "By Jo Park");
    }
}
