//! Gold annotations (`NAME.gold.json`) and the directories that hold them beside their articles.
//!
//! Parsing is lenient: unknown fields are ignored and optional fields default, so a gold file
//! written for a later version of the format still loads.

use std::fs;
use std::path::{Path, PathBuf};

use dateline_core::{ClaimValue, QuoteKind};
use serde::Deserialize;

use crate::error::{Error, Result};

/// One gold file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Gold {
    /// The article file name.
    pub doc: String,
    /// What the article file itself gives.
    pub input: GoldInput,
    /// Headline, byline, dateline and credits.
    pub metadata: GoldMetadata,
    /// Named people, organisations, places and groups.
    pub entities: Vec<GoldEntity>,
    /// Direct, partial and indirect quotes.
    pub quotes: Vec<GoldQuote>,
    /// Coded events.
    pub events: Vec<GoldEvent>,
    /// Numeric claims.
    pub claims: Vec<GoldClaim>,
}

/// Facts about the input file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct GoldInput {
    /// Publication date `YYYY-MM-DD`, when the text or address gives it.
    pub published: Option<String>,
    /// The outlet.
    pub source: Option<String>,
}

/// Gold article metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct GoldMetadata {
    /// The headline line, when the file has one.
    pub headline: Option<String>,
    /// Byline names.
    pub authors: Vec<String>,
    /// The dateline place as written.
    pub dateline: Option<String>,
    /// The agency named in the dateline or byline.
    pub agency: Option<String>,
    /// Names from an editing credit line.
    pub editors: Vec<String>,
}

/// A gold entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct GoldEntity {
    /// Canonical name.
    pub name: String,
    /// `PERSON`, `ORG`, `GPE`, `LOC` or `NORP`.
    #[serde(rename = "type")]
    pub kind: String,
    /// CAMEO-style actor code, for political actors.
    pub actor: Option<String>,
    /// Other surface forms that refer to the entity.
    pub also: Vec<String>,
    /// `author`, `editor` or `dateline`.
    pub role: Option<String>,
    /// ISO3 country of a sub-national place.
    pub country: Option<String>,
}

/// A gold quote.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldQuote {
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The quoted or reported text, as in the article.
    #[serde(default)]
    pub text: String,
    /// Canonical entity name or a short description of the speaker.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The reporting verb or phrase.
    #[serde(default)]
    pub cue: Option<String>,
}

/// A gold event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct GoldEvent {
    /// Source actor code, or `None` when the text names none.
    pub source: Option<String>,
    /// Target actor code, or `None` when the text names none.
    pub target: Option<String>,
    /// Two-digit CAMEO root.
    pub cameo_root: String,
    /// Acceptable specific CAMEO codes, preferred first.
    pub cameo: Vec<String>,
    /// PLOVER type.
    pub plover: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// `conditional`, `intent`, `negated` or `hypothetical`; `None` when asserted or reported.
    pub modality: Option<String>,
    /// A short paraphrase.
    pub note: Option<String>,
}

/// A gold numeric claim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldClaim {
    /// The number, or a word when the text gives none.
    pub value: ClaimValue,
    /// What the number counts.
    #[serde(default)]
    pub what: String,
    /// Who states it; `None` when the article states it itself.
    #[serde(default)]
    pub speaker: Option<String>,
    /// `at least`, `more than`, … as written.
    #[serde(default)]
    pub qualifier: Option<String>,
}

/// An article with its gold annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldCase {
    /// The article name: the file name without `.txt`.
    pub name: String,
    /// The article file, `NAME.txt`.
    pub text_path: PathBuf,
    /// The gold file, `NAME.gold.json`.
    pub gold_path: PathBuf,
    /// The parsed gold.
    pub gold: Gold,
}

impl Gold {
    /// Reads and parses one gold file.
    pub fn load(path: &Path) -> Result<Gold> {
        let json = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        serde_json::from_str(&json).map_err(|source| Error::Gold {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Every `NAME.txt` in `dir` that has a `NAME.gold.json` beside it, sorted by name.
///
/// Articles without gold and gold without an article are skipped; an empty list is not an error.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<GoldCase>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let file_name = entry.file_name();
        let Some(name) = file_name.to_str().and_then(|n| n.strip_suffix(".txt")) else {
            continue;
        };
        if !name.is_empty() && dir.join(format!("{name}.gold.json")).is_file() {
            names.push(name.to_owned());
        }
    }
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let gold_path = dir.join(format!("{name}.gold.json"));
            Ok(GoldCase {
                text_path: dir.join(format!("{name}.txt")),
                gold: Gold::load(&gold_path)?,
                gold_path,
                name,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_wire_articles_read_and_their_quotes_are_in_their_text() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/articles");
        let cases = load_gold_dir(&dir).unwrap();
        assert_eq!(cases.len(), 20);
        for case in &cases {
            let text = fs::read_to_string(&case.text_path).unwrap();
            assert!(!case.gold.events.is_empty(), "{}", case.name);
            for q in &case.gold.quotes {
                assert!(text.contains(&q.text), "{}: {:?}", case.name, q.text);
            }
        }
    }

    #[test]
    fn lenient_parse_defaults_and_ignores_unknown_fields() {
        let json = r#"{
            "doc": "a.txt",
            "future_field": {"x": 1},
            "metadata": {"authors": ["A B"], "dateline": null},
            "entities": [{"name": "Russia", "type": "GPE", "also": ["Russian"], "extra": 2}],
            "quotes": [{"kind": "partial", "text": "war crime", "speaker": "X", "cue": "said"}],
            "events": [{"source": "RUS", "target": null, "cameo_root": "19", "cameo": ["190"],
                        "plover": "ASSAULT"}],
            "claims": [{"value": 10000, "what": "troops", "speaker": null},
                       {"value": "dozens", "what": "dead"}]
        }"#;
        let gold: Gold = serde_json::from_str(json).unwrap();
        assert_eq!(gold.metadata.headline, None);
        assert_eq!(gold.metadata.authors, ["A B"]);
        assert_eq!(gold.entities[0].also, ["Russian"]);
        assert_eq!(gold.entities[0].actor, None);
        assert_eq!(gold.quotes[0].kind, QuoteKind::Partial);
        assert_eq!(gold.events[0].target, None);
        assert_eq!(gold.events[0].modality, None);
        assert_eq!(gold.claims[0].value, ClaimValue::Number(10000.0));
        assert_eq!(gold.claims[1].value, ClaimValue::Word("dozens".into()));
        assert!(gold.input.published.is_none());
    }

    #[test]
    fn unknown_quote_kind_is_an_error() {
        let json = r#"{"quotes": [{"kind": "shouted", "text": "x", "speaker": "y", "cue": "z"}]}"#;
        assert!(serde_json::from_str::<Gold>(json).is_err());
    }
}
