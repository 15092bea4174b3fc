//! The claims lexicon (`resources/claims/`): number and scale words, vague amounts, fractions,
//! qualifiers, currencies, units, categories of counted nouns and outcomes, and the context
//! words that mark a number as a date, a duration, a name or an age rather than a claim.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::data::rows;

const NUMBERS: &str = include_str!("../../resources/claims/numbers.tsv");
const VAGUE: &str = include_str!("../../resources/claims/vague.tsv");
const FRACTIONS: &str = include_str!("../../resources/claims/fractions.tsv");
const QUALIFIERS: &str = include_str!("../../resources/claims/qualifiers.tsv");
const CURRENCIES: &str = include_str!("../../resources/claims/currencies.tsv");
const UNITS: &str = include_str!("../../resources/claims/units.tsv");
const CATEGORIES: &str = include_str!("../../resources/claims/categories.tsv");
const CONTEXT: &str = include_str!("../../resources/claims/context.tsv");
const OUTCOME_ENDINGS: &str = include_str!("../../resources/claims/outcome-endings.txt");

/// What a number word does in a written number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// 1–9.
    Unit,
    /// 10–19.
    Teen,
    /// 20, 30, … 90.
    Tens,
    /// `hundred`.
    Hundred,
    /// `thousand`, `million`, …: multiplies what precedes it.
    Scale,
    /// `dozen`: 12, or a multiplier (`two dozen`).
    Dozen,
    /// A scale glued to digits (`2bn`).
    Suffix,
}

/// How a currency form is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurrencyForm {
    /// A sign before the number (`$`).
    Symbol,
    /// A code or letters before a sign or the number (`US$`, `USD 5`).
    Prefix,
    /// A name after the number (`dollars`).
    Word,
}

/// The roles a context word can play around a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A unit of time after the number: a duration or an age.
    TimeUnit,
    /// A month name: a date.
    Month,
    /// A clock marker after the number (`a.m.`, `GMT`).
    Clock,
    /// A title before the number (`Resolution`, `Flight`).
    Name,
    /// An age marker before the number (`aged`).
    Age,
    /// A determiner before a bare number (`the two leaders`).
    Determiner,
    /// A preposition before a year (`in 2011`).
    YearPrep,
    /// A word before `one` that makes it a pronoun (`no one`).
    NotOne,
    /// A word naming what a bare number counts (`death toll`).
    Toll,
    /// A determiner skipped after a partitive `of` (`14 of the`).
    Partitive,
    /// A word between a counted noun and its outcome (`were reportedly killed`).
    Auxiliary,
    /// A word after `one` that makes it a pronoun or a fixed phrase (`one of`, `one another`).
    AfterOne,
}

/// A phrase of lowercase words with a payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase<T> {
    /// The words, lowercase.
    pub words: Vec<String>,
    /// What the phrase means.
    pub value: T,
}

/// A vague amount (`dozens`) or a vague modifier of a scale word (`several hundred`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vague {
    /// Whether the phrase modifies a following scale word rather than standing alone.
    pub modifier: bool,
    /// Whether the phrase needs a known counted noun or outcome to be read as a claim.
    pub strict: bool,
}

/// The parsed claims lexicon.
#[derive(Debug, Clone, Default)]
pub struct ClaimLexicon {
    numbers: FxHashMap<String, (f64, NumberKind)>,
    vague: Vec<Phrase<Vague>>,
    fractions: Vec<Phrase<()>>,
    qualifiers_before: Vec<Phrase<String>>,
    qualifiers_after: Vec<Phrase<String>>,
    currencies: Vec<Phrase<(CurrencyForm, String)>>,
    units: Vec<Phrase<Option<String>>>,
    nouns: FxHashMap<String, String>,
    outcomes: Vec<(String, String)>,
    /// Inflection endings an outcome stem may take besides none (`kill` → `killed`).
    outcome_endings: FxHashSet<&'static str>,
    context: FxHashMap<String, Vec<Role>>,
    /// First words of every amount that does not start with digits.
    starts: FxHashSet<String>,
}

fn words(phrase: &str) -> Vec<String> {
    phrase.split(' ').map(str::to_lowercase).collect()
}

/// The phrases of a data file with at least `columns` columns, the first being the phrase and
/// `value` reading the rest; longest first, so that a match tried in order is the longest one.
fn phrases<T>(data: &str, columns: usize, value: impl Fn(&[&str]) -> Option<T>) -> Vec<Phrase<T>> {
    let mut phrases: Vec<Phrase<T>> = rows(data)
        .filter(|r| r.len() >= columns)
        .filter_map(|r| {
            Some(Phrase {
                words: words(r[0]),
                value: value(&r)?,
            })
        })
        .collect();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    phrases
}

fn role(name: &str) -> Option<Role> {
    Some(match name {
        "time-unit" => Role::TimeUnit,
        "month" => Role::Month,
        "clock" => Role::Clock,
        "name" => Role::Name,
        "age" => Role::Age,
        "determiner" => Role::Determiner,
        "year-prep" => Role::YearPrep,
        "not-one" => Role::NotOne,
        "toll" => Role::Toll,
        "partitive" => Role::Partitive,
        "auxiliary" => Role::Auxiliary,
        "after-one" => Role::AfterOne,
        _ => return None,
    })
}

impl ClaimLexicon {
    /// The embedded lexicon, parsed once.
    #[must_use]
    pub fn embedded() -> &'static ClaimLexicon {
        static CELL: OnceLock<ClaimLexicon> = OnceLock::new();
        CELL.get_or_init(ClaimLexicon::parse_embedded)
    }

    fn parse_embedded() -> ClaimLexicon {
        let mut lex = ClaimLexicon::default();
        for row in rows(NUMBERS) {
            let kind = match row.get(2).copied() {
                Some("unit") => NumberKind::Unit,
                Some("teen") => NumberKind::Teen,
                Some("tens") => NumberKind::Tens,
                Some("hundred") => NumberKind::Hundred,
                Some("scale") => NumberKind::Scale,
                Some("dozen") => NumberKind::Dozen,
                Some("suffix") => NumberKind::Suffix,
                _ => continue,
            };
            if let Some(value) = row.get(1).and_then(|v| v.parse::<f64>().ok()) {
                lex.numbers.insert(row[0].to_lowercase(), (value, kind));
            }
        }
        lex.vague = phrases(VAGUE, 3, |r| {
            Some(Vague {
                modifier: r[1] == "modifier",
                strict: r[2] == "yes",
            })
        });
        lex.fractions = phrases(FRACTIONS, 1, |_| Some(()));
        let qualifiers = |position: &'static str| {
            phrases(QUALIFIERS, 3, move |r| {
                (r[1] == position).then(|| r[2].to_owned())
            })
        };
        lex.qualifiers_before = qualifiers("before");
        lex.qualifiers_after = qualifiers("after");
        lex.currencies = phrases(CURRENCIES, 3, |r| {
            let form = match r[1] {
                "symbol" => CurrencyForm::Symbol,
                "prefix" => CurrencyForm::Prefix,
                "word" => CurrencyForm::Word,
                _ => return None,
            };
            Some((form, r[2].to_owned()))
        });
        lex.units = phrases(UNITS, 2, |r| Some((r[1] != "-").then(|| r[1].to_owned())));
        for r in rows(CATEGORIES).filter(|r| r.len() >= 3) {
            match r[1] {
                "noun" => {
                    lex.nouns.insert(r[0].to_lowercase(), r[2].to_owned());
                }
                "outcome" => lex.outcomes.push((r[0].to_lowercase(), r[2].to_owned())),
                _ => {}
            }
        }
        // Longer stems first: `killed` is tried before `kill`.
        lex.outcomes
            .sort_by_key(|(stem, _)| std::cmp::Reverse(stem.len()));
        lex.outcome_endings = crate::data::word_set(OUTCOME_ENDINGS);
        for r in rows(CONTEXT).filter(|r| r.len() >= 2) {
            if let Some(role) = role(r[1]) {
                lex.context
                    .entry(r[0].to_lowercase())
                    .or_default()
                    .push(role);
            }
        }
        let firsts = |words: &[String]| words.first().cloned();
        let starts: FxHashSet<String> = lex
            .numbers
            .iter()
            .filter(|(_, (_, kind))| *kind != NumberKind::Suffix)
            .map(|(word, _)| word.clone())
            .chain(lex.vague.iter().filter_map(|p| firsts(&p.words)))
            .chain(lex.fractions.iter().filter_map(|p| firsts(&p.words)))
            .chain(lex.currencies.iter().filter_map(|p| firsts(&p.words)))
            .chain(["a".to_owned(), "an".to_owned()])
            .collect();
        lex.starts = starts;
        lex
    }

    /// Whether an amount written in words or with a currency sign may start with the lowercase
    /// token `word` (a hyphenated token by its first part): a cheap test before reading one.
    #[must_use]
    pub fn may_start(&self, word: &str) -> bool {
        self.starts.contains(word)
            || word
                .split_once('-')
                .is_some_and(|(first, _)| self.starts.contains(first))
    }

    /// The value and kind of a lowercase number word.
    #[must_use]
    pub fn number(&self, word: &str) -> Option<(f64, NumberKind)> {
        self.numbers.get(word).copied()
    }

    /// Whether the lowercase `word` plays `role`.
    #[must_use]
    pub fn has_role(&self, word: &str, role: Role) -> bool {
        self.context
            .get(word)
            .is_some_and(|roles| roles.contains(&role))
    }

    /// Vague amounts and modifiers, longest first.
    #[must_use]
    pub fn vague(&self) -> &[Phrase<Vague>] {
        &self.vague
    }

    /// Fractions written as words, longest first.
    #[must_use]
    pub fn fractions(&self) -> &[Phrase<()>] {
        &self.fractions
    }

    /// Qualifiers that stand before the number, with their class, longest first.
    #[must_use]
    pub fn qualifiers_before(&self) -> &[Phrase<String>] {
        &self.qualifiers_before
    }

    /// Qualifiers that follow the number (`or so`), with their class, longest first.
    #[must_use]
    pub fn qualifiers_after(&self) -> &[Phrase<String>] {
        &self.qualifiers_after
    }

    /// Currency forms with the name of the currency, longest first.
    #[must_use]
    pub fn currencies(&self) -> &[Phrase<(CurrencyForm, String)>] {
        &self.currencies
    }

    /// Units with their category (`None`: a measurement that is not a claim), longest first.
    #[must_use]
    pub fn units(&self) -> &[Phrase<Option<String>>] {
        &self.units
    }

    /// The category of a counted noun, by its lowercase form or its singular.
    #[must_use]
    pub fn noun_category(&self, lower: &str) -> Option<&str> {
        if let Some(c) = self.nouns.get(lower) {
            return Some(c);
        }
        singular(lower).and_then(|s| self.nouns.get(&s).map(String::as_str))
    }

    /// The category of an outcome word (`killed`, `injuries`), matched as a stem plus an
    /// inflection ending.
    #[must_use]
    pub fn outcome_category(&self, lower: &str) -> Option<&str> {
        self.outcomes.iter().find_map(|(stem, category)| {
            lower
                .strip_prefix(stem.as_str())
                .filter(|ending| ending.is_empty() || self.outcome_endings.contains(*ending))
                .map(|_| category.as_str())
        })
    }
}

/// The singular of a lowercase regular plural (`casualties` → `casualty`, `forces` → `force`),
/// or `None` when the word does not end like one.
#[must_use]
pub fn singular(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 1) {
        return Some(format!("{stem}y"));
    }
    for ending in ["ches", "shes", "sses", "xes"] {
        if word.ends_with(ending) {
            return word.strip_suffix("es").map(str::to_owned);
        }
    }
    word.strip_suffix('s')
        .filter(|s| !s.is_empty() && !s.ends_with('s'))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_row_parses() {
        let lex = ClaimLexicon::embedded();
        assert_eq!(lex.number("twenty"), Some((20.0, NumberKind::Tens)));
        assert_eq!(lex.number("million"), Some((1e6, NumberKind::Scale)));
        assert!(lex
            .vague()
            .iter()
            .any(|p| p.words == ["tens", "of", "thousands"]));
        assert_eq!(
            lex.vague().first().map(|p| p.words.len()),
            Some(3),
            "longest phrases come first"
        );
        assert!(lex.has_role("october", Role::Month));
        assert!(lex.has_role("the", Role::Determiner) && lex.has_role("the", Role::NotOne));
        assert!(!lex.has_role("troops", Role::TimeUnit));
        // Every row of every file made it in: a malformed row would silently vanish.
        let data_rows = |data: &str| rows(data).count();
        assert_eq!(lex.numbers.len(), data_rows(NUMBERS));
        assert_eq!(
            lex.qualifiers_before.len() + lex.qualifiers_after.len(),
            data_rows(QUALIFIERS)
        );
        assert_eq!(lex.currencies.len(), data_rows(CURRENCIES));
        assert_eq!(lex.units.len(), data_rows(UNITS));
        assert_eq!(lex.vague.len(), data_rows(VAGUE));
        assert_eq!(lex.nouns.len() + lex.outcomes.len(), data_rows(CATEGORIES));
        let roles: usize = lex.context.values().map(Vec::len).sum();
        assert_eq!(roles, data_rows(CONTEXT));
    }

    #[test]
    fn categories_match_plurals_and_inflections() {
        let lex = ClaimLexicon::embedded();
        assert_eq!(lex.noun_category("casualties"), Some("casualties"));
        assert_eq!(lex.noun_category("forces"), Some("troops"));
        assert_eq!(lex.noun_category("children"), Some("people"));
        assert_eq!(lex.noun_category("bananas"), None);
        assert_eq!(lex.outcome_category("killed"), Some("killed"));
        assert_eq!(lex.outcome_category("injuries"), Some("wounded"));
        assert_eq!(lex.outcome_category("arrested"), Some("arrested"));
        assert_eq!(lex.outcome_category("diesel"), None);
        assert_eq!(lex.outcome_category("killer"), None);
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("casualties").as_deref(), Some("casualty"));
        assert_eq!(singular("marches").as_deref(), Some("march"));
        assert_eq!(singular("troops").as_deref(), Some("troop"));
        assert_eq!(singular("process"), None);
        assert_eq!(singular("s"), None);
    }
}
