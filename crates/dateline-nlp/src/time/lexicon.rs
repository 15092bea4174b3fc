//! The time lexicon: month and weekday names, relative phrases, units, number words and context
//! words, read from `resources/time/*.tsv` once.

use std::sync::OnceLock;

use chrono::Weekday;
use rustc_hash::FxHashMap;

const MONTHS: &str = include_str!("../../resources/time/months.tsv");
const WEEKDAYS: &str = include_str!("../../resources/time/weekdays.tsv");
const RELATIVE: &str = include_str!("../../resources/time/relative.tsv");
const UNITS: &str = include_str!("../../resources/time/units.tsv");
const NUMBERS: &str = include_str!("../../resources/time/numbers.tsv");
const CONTEXT: &str = include_str!("../../resources/time/context.tsv");

/// How a month form is matched (`months.tsv`, third column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonthStyle {
    /// A full name, matched when capitalised.
    Name,
    /// An abbreviation: with its period, or before a day or a year.
    Abbrev,
    /// A full name that is also a common word (`May`, `March`): only in date context.
    Ambiguous,
}

/// A calendar unit for relative phrases and durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

impl Unit {
    fn parse(name: &str) -> Option<Unit> {
        Some(match name {
            "minute" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" => Unit::Century,
            _ => return None,
        })
    }
}

/// The number a number word stands for (`numbers.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    /// An exact count (`three`, `12`).
    Exact(i64),
    /// A count the words do not pin down (`several`, `2-1/2`).
    Vague,
}

/// What a context word does around dates (`context.tsv`, second column). A word may have several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum Role {
    Preposition = 1,
    Modifier = 1 << 1,
    Previous = 1 << 2,
    Following = 1 << 3,
    Current = 1 << 4,
    Daypart = 1 << 5,
    Ago = 1 << 6,
    Anchor = 1 << 7,
    Old = 1 << 8,
    Age = 1 << 9,
    Of = 1 << 10,
    Person = 1 << 11,
    Clause = 1 << 12,
    Approximate = 1 << 13,
    Count = 1 << 14,
    Determiner = 1 << 15,
    Clock = 1 << 16,
    Lasting = 1 << 17,
}

/// The roles of one context word, as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Roles(u32);

impl Roles {
    fn insert(&mut self, role: Role) {
        self.0 |= role as u32;
    }

    /// Whether the set holds `role`.
    pub(crate) fn has(self, role: Role) -> bool {
        self.0 & role as u32 != 0
    }
}

impl Role {
    fn parse(name: &str) -> Option<Role> {
        Some(match name {
            "preposition" => Role::Preposition,
            "modifier" => Role::Modifier,
            "previous" => Role::Previous,
            "following" => Role::Following,
            "current" => Role::Current,
            "daypart" => Role::Daypart,
            "ago" => Role::Ago,
            "anchor" => Role::Anchor,
            "old" => Role::Old,
            "age" => Role::Age,
            "of" => Role::Of,
            "person" => Role::Person,
            "clause" => Role::Clause,
            "approximate" => Role::Approximate,
            "count" => Role::Count,
            "determiner" => Role::Determiner,
            "clock" => Role::Clock,
            "lasting" => Role::Lasting,
            _ => return None,
        })
    }
}

/// A relative phrase (`relative.tsv`): its lowercase words, unit and signed offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RelativePhrase {
    pub(crate) words: Vec<String>,
    pub(crate) unit: Unit,
    pub(crate) offset: i64,
}

/// The words the date-expression scanner knows, from `resources/time/`. Built once; immutable;
/// shared across threads.
#[derive(Debug, Clone)]
pub struct TimeLexicon {
    /// Lowercase form → month number and style.
    months: FxHashMap<String, (u32, MonthStyle)>,
    /// Lowercase name → weekday.
    weekdays: FxHashMap<String, Weekday>,
    /// Relative phrases, longest first.
    relative: Vec<RelativePhrase>,
    /// Lowercase form → unit.
    units: FxHashMap<String, Unit>,
    /// Lowercase number word → count.
    numbers: FxHashMap<String, Count>,
    /// Lowercase context word → roles.
    context: FxHashMap<String, Roles>,
}

/// The data lines of a TSV file (comments and blank lines dropped), with 1-based line numbers,
/// split into fields.
fn rows(source: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(n, line)| (n + 1, line.split('\t').map(str::trim).collect()))
}

impl TimeLexicon {
    /// The embedded lexicon, parsed once.
    #[must_use]
    pub fn embedded() -> &'static TimeLexicon {
        static LEXICON: OnceLock<TimeLexicon> = OnceLock::new();
        // The embedded files are checked line by line in the tests; a bad line is skipped here.
        LEXICON.get_or_init(|| TimeLexicon::parse(&mut Vec::new()))
    }

    /// Parses the embedded files, skipping bad lines and describing each in `errors`.
    fn parse(errors: &mut Vec<String>) -> TimeLexicon {
        let mut lex = TimeLexicon {
            months: FxHashMap::default(),
            weekdays: FxHashMap::default(),
            relative: Vec::new(),
            units: FxHashMap::default(),
            numbers: FxHashMap::default(),
            context: FxHashMap::default(),
        };
        let mut bad = |file: &str, n: usize| errors.push(format!("{file}:{n}: malformed line"));
        for (n, fields) in rows(MONTHS) {
            let style = match fields.get(2).copied() {
                Some("name") => Some(MonthStyle::Name),
                Some("abbrev") => Some(MonthStyle::Abbrev),
                Some("ambiguous") => Some(MonthStyle::Ambiguous),
                _ => None,
            };
            let month = fields.get(1).and_then(|m| m.parse::<u32>().ok());
            match (fields.first(), month, style) {
                (Some(form), Some(month @ 1..=12), Some(style)) if fields.len() == 3 => {
                    lex.months.insert(form.to_lowercase(), (month, style));
                }
                _ => bad("months.tsv", n),
            }
        }
        for (n, fields) in rows(WEEKDAYS) {
            let day = fields
                .get(1)
                .and_then(|d| d.parse::<u8>().ok())
                .and_then(|d| Weekday::try_from(d.wrapping_sub(1)).ok());
            match (fields.first(), day) {
                (Some(name), Some(day)) if fields.len() == 2 => {
                    lex.weekdays.insert(name.to_lowercase(), day);
                }
                _ => bad("weekdays.tsv", n),
            }
        }
        for (n, fields) in rows(RELATIVE) {
            let unit = fields.get(1).and_then(|u| Unit::parse(u));
            let offset = fields.get(2).and_then(|o| o.parse::<i64>().ok());
            match (fields.first(), unit, offset) {
                (
                    Some(phrase),
                    Some(unit @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year)),
                    Some(offset),
                ) if fields.len() == 3 && !phrase.is_empty() => {
                    let words = phrase.split(' ').map(str::to_lowercase).collect();
                    lex.relative.push(RelativePhrase {
                        words,
                        unit,
                        offset,
                    });
                }
                _ => bad("relative.tsv", n),
            }
        }
        lex.relative
            .sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        for (n, fields) in rows(UNITS) {
            match (fields.first(), fields.get(1).and_then(|u| Unit::parse(u))) {
                (Some(form), Some(unit)) if fields.len() == 2 => {
                    lex.units.insert(form.to_lowercase(), unit);
                }
                _ => bad("units.tsv", n),
            }
        }
        for (n, fields) in rows(NUMBERS) {
            let count = match fields.get(1).copied() {
                Some("-") => Some(Count::Vague),
                Some(v) => v.parse::<i64>().ok().map(Count::Exact),
                None => None,
            };
            match (fields.first(), count) {
                (Some(word), Some(count)) if fields.len() == 2 => {
                    lex.numbers.insert(word.to_lowercase(), count);
                }
                _ => bad("numbers.tsv", n),
            }
        }
        for (n, fields) in rows(CONTEXT) {
            match (fields.first(), fields.get(1).and_then(|r| Role::parse(r))) {
                (Some(word), Some(role)) if fields.len() == 2 => {
                    lex.context
                        .entry(word.to_lowercase())
                        .or_default()
                        .insert(role);
                }
                _ => bad("context.tsv", n),
            }
        }
        lex
    }

    /// The month number and style of a lowercase form without its final period.
    pub(crate) fn month(&self, lower: &str) -> Option<(u32, MonthStyle)> {
        self.months.get(lower).copied()
    }

    /// The weekday of a lowercase full name.
    pub(crate) fn weekday(&self, lower: &str) -> Option<Weekday> {
        self.weekdays.get(lower).copied()
    }

    /// The unit of a lowercase form (`years` → year).
    pub(crate) fn unit(&self, lower: &str) -> Option<Unit> {
        self.units.get(lower).copied()
    }

    /// The count a lowercase number word stands for.
    pub(crate) fn number_word(&self, lower: &str) -> Option<Count> {
        self.numbers.get(lower).copied()
    }

    /// Whether the lowercase word has `role`.
    pub(crate) fn has(&self, lower: &str, role: Role) -> bool {
        self.context.get(lower).is_some_and(|r| r.has(role))
    }

    /// The relative phrases, longest first.
    pub(crate) fn relative(&self) -> &[RelativePhrase] {
        &self.relative
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_parses() {
        let mut errors = Vec::new();
        let lex = TimeLexicon::parse(&mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(lex.months.len(), 24);
        assert_eq!(lex.weekdays.len(), 7);
    }

    #[test]
    fn lookups() {
        let lex = TimeLexicon::embedded();
        assert_eq!(lex.month("sept"), Some((9, MonthStyle::Abbrev)));
        assert_eq!(lex.month("may"), Some((5, MonthStyle::Ambiguous)));
        assert_eq!(lex.month("october"), Some((10, MonthStyle::Name)));
        assert_eq!(lex.weekday("wednesday"), Some(Weekday::Wed));
        assert_eq!(lex.weekday("sun"), None, "only full weekday names");
        assert_eq!(lex.unit("decades"), Some(Unit::Decade));
        assert_eq!(lex.number_word("twelve"), Some(Count::Exact(12)));
        assert_eq!(lex.number_word("several"), Some(Count::Vague));
        assert!(lex.has("in", Role::Preposition) && lex.has("in", Role::Clause));
        assert!(lex.has("a.m.", Role::Clock));
        assert!(lex.has("’s", Role::Determiner));
        assert!(!lex.has("troops", Role::Count));
        let first = &lex.relative()[0];
        assert_eq!(first.words.len(), 2, "longest phrases first: {first:?}");
    }
}
