//! Verb lemmas: irregular forms from a data file; regular inflections by suffix rules checked
//! against a list of base forms seen in news (`planned` → `plan`, `voted` → `vote`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dateline_core::Pos;

const IRREGULAR: &str = include_str!("../../resources/lexicon/irregular-verbs.tsv");
const BASES: &str = include_str!("../../resources/lexicon/verb-bases.txt");

/// Maps verb forms to their lemma.
#[derive(Debug, Clone)]
pub struct Lemmatizer {
    irregular: HashMap<String, String>,
    bases: HashSet<String>,
}

impl Lemmatizer {
    /// The lemmatizer built from the embedded irregular-verb list, once.
    #[must_use]
    pub fn embedded() -> &'static Lemmatizer {
        static LEMMATIZER: OnceLock<Lemmatizer> = OnceLock::new();
        LEMMATIZER.get_or_init(|| {
            let mut irregular = HashMap::new();
            for line in IRREGULAR
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let mut cols = line.split('\t');
                let Some(base) = cols.next().map(str::trim) else {
                    continue;
                };
                for form in cols
                    .flat_map(|c| c.split('|'))
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                {
                    irregular.insert(form.to_owned(), base.to_owned());
                }
                irregular.insert(base.to_owned(), base.to_owned());
            }
            let bases = BASES
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.trim().to_owned())
                .collect();
            Lemmatizer { irregular, bases }
        })
    }

    /// The lemma of `word` tagged `tag` (lowercased; non-verbs are returned lowercased).
    #[must_use]
    pub fn lemma(&self, word: &str, tag: Pos) -> String {
        let mut lower = word.to_lowercase();
        if lower.contains('\u{2019}') {
            lower = lower.replace('\u{2019}', "'");
        }
        if let Some(base) = self.irregular.get(&lower) {
            return base.clone();
        }
        if !tag.is_verb() {
            return lower;
        }
        self.regular(&lower, tag)
    }
}

/// Candidate stems for an inflected form, most likely first: `planned` → `plan`, `voted` →
/// `vote`, `called` → `call`.
fn candidates(stem: &str) -> [String; 3] {
    let mut chars = stem.chars().rev();
    let doubled = match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a == b && !matches!(a, 's' | 'z' | 'e') => {
            stem[..stem.len() - a.len_utf8()].to_owned()
        }
        _ => stem.to_owned(),
    };
    [stem.to_owned(), format!("{stem}e"), doubled]
}

impl Lemmatizer {
    /// The first candidate that is a known base form; else the bare stem.
    fn pick(&self, stem: &str) -> String {
        let options = candidates(stem);
        options
            .iter()
            .find(|c| self.bases.contains(c.as_str()))
            .unwrap_or(&options[0])
            .clone()
    }

    fn regular(&self, lower: &str, tag: Pos) -> String {
        let strip = |suffix: &str| lower.strip_suffix(suffix).filter(|stem| stem.len() >= 2);
        match tag {
            Pos::VBZ => {
                if let Some(stem) = strip("ies") {
                    return format!("{stem}y");
                }
                match strip("es") {
                    Some(stem) if self.bases.contains(stem) => stem.to_owned(),
                    _ => lower.strip_suffix('s').unwrap_or(lower).to_owned(),
                }
            }
            Pos::VBD | Pos::VBN => match (strip("ied"), strip("ed")) {
                (Some(stem), _) => format!("{stem}y"),
                (None, Some(stem)) => self.pick(stem),
                (None, None) => lower.to_owned(),
            },
            Pos::VBG => strip("ing").map_or_else(|| lower.to_owned(), |stem| self.pick(stem)),
            _ => lower.to_owned(),
        }
    }
}

/// The lemma of `word` tagged `tag` with the embedded lemmatizer.
#[must_use]
pub fn lemma(word: &str, tag: Pos) -> String {
    Lemmatizer::embedded().lemma(word, tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irregular_and_regular_verbs() {
        assert_eq!(lemma("said", Pos::VBD), "say");
        assert_eq!(lemma("says", Pos::VBZ), "say");
        assert_eq!(lemma("saying", Pos::VBG), "say");
        assert_eq!(lemma("told", Pos::VBD), "tell");
        assert_eq!(lemma("warned", Pos::VBD), "warn");
        assert_eq!(lemma("cautioned", Pos::VBD), "caution");
        assert_eq!(lemma("deployed", Pos::VBN), "deploy");
        assert_eq!(lemma("planned", Pos::VBD), "plan");
        assert_eq!(lemma("denies", Pos::VBZ), "deny");
        assert_eq!(lemma("invaded", Pos::VBD), "invade");
        assert_eq!(lemma("accused", Pos::VBD), "accuse");
        assert_eq!(lemma("reaches", Pos::VBZ), "reach");
        assert_eq!(lemma("called", Pos::VBD), "call");
        assert_eq!(lemma("killed", Pos::VBN), "kill");
        assert_eq!(lemma("expelled", Pos::VBD), "expel");
        assert_eq!(lemma("patrolled", Pos::VBD), "patrol");
    }
}
