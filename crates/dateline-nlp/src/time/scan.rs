//! The scanner: one left-to-right pass over a token range that finds date, duration and age
//! expressions and says what each means ([`Spec`]), leaving the calendar to [`super::resolve`].
//!
//! At each token the matchers are tried in a fixed order — a modifier before a date (`early
//! June`), a hyphenated compound (`2-1/2-year-old`, `mid-December`), a count and a unit (`three
//! years ago`), an age cue (`aged 40`), a clock time, then a date (ISO, month-led, day-led,
//! weekday, `last`/`next`/`this`, relative phrase, bare year) — and the first match is taken, so
//! expressions never overlap.

use std::ops::Range;

use chrono::Weekday;
use dateline_core::segment::AbbrevClassTag;
use dateline_core::{Document, Pos, Token, TokenKind};

use super::lexicon::{Count, MonthStyle, Role, TimeLexicon, Unit};
use super::resolve::{Anchor, Spec};
use super::TimexKind;

/// Years a bare number may be (`in 2011`): modern history and the near future.
const BARE_YEARS: Range<i32> = 1900..2101;
/// Years a number next to a month may be (`May 1945`, `Feb. 12, 1809`).
const MONTH_YEARS: Range<i32> = 1000..3000;
/// The oldest age `aged N` reads as an age.
const MAX_AGE: i64 = 130;

/// One expression found: its token range (indices into the document's tokens), kind and meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) tokens: Range<usize>,
    pub(crate) kind: TimexKind,
    pub(crate) spec: Spec,
}

fn date(tokens: Range<usize>, spec: Spec) -> Found {
    Found {
        tokens,
        kind: TimexKind::Date,
        spec,
    }
}

fn span_of(tokens: Range<usize>, kind: TimexKind) -> Found {
    Found {
        tokens,
        kind,
        spec: Spec::Unresolvable,
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A number with optional thousands commas (`10`, `10,000`).
fn integer(s: &str) -> Option<i64> {
    if !s.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || !s.bytes().all(|b| b.is_ascii_digit() || b == b',')
    {
        return None;
    }
    s.bytes().filter(u8::is_ascii_digit).try_fold(0i64, |n, b| {
        n.checked_mul(10)?.checked_add(i64::from(b - b'0'))
    })
}

/// A numeral of any shape the tokeniser keeps whole (`3.5`, `2-1/2`, `10,000`).
fn is_numeral(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '/') || is_hyphen(c))
}

/// A day of the month: `5`, `30th`, or the first day of a range (`30-31`).
fn day_number(s: &str) -> Option<u32> {
    let s = s.split(is_hyphen).next()?;
    let digits_end = s.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, suffix) = s.split_at(digits_end);
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .any(|o| suffix.eq_ignore_ascii_case(o));
    if !(1..=2).contains(&digits.len()) || !(suffix.is_empty() || ordinal) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year inside `years`.
fn year_number(s: &str, years: &Range<i32>) -> Option<i32> {
    if s.len() != 4 || !all_digits(s) {
        return None;
    }
    s.parse().ok().filter(|y| years.contains(y))
}

/// A decade (`1990s`).
fn is_decade(s: &str) -> bool {
    s.strip_suffix('s')
        .and_then(|y| year_number(y, &BARE_YEARS))
        .is_some_and(|y| y % 10 == 0)
}

/// The scanner over one token range of a document.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    tokens: &'a [Token],
    range: Range<usize>,
    lex: &'a TimeLexicon,
    /// Lowercase forms of the range's tokens, concatenated; `lower_ends[k]` ends token `range.start + k`.
    lower: String,
    lower_ends: Vec<usize>,
}

impl<'a> Scanner<'a> {
    /// A scanner over `range` (clamped to the document's tokens).
    pub(crate) fn new(doc: &'a Document, range: Range<usize>, lex: &'a TimeLexicon) -> Self {
        let end = range.end.min(doc.tokens.len());
        let start = range.start.min(end);
        let mut scanner = Scanner {
            text: &doc.text,
            tokens: &doc.tokens,
            range: start..end,
            lex,
            lower: String::new(),
            lower_ends: Vec::with_capacity(end - start),
        };
        for i in start..end {
            let raw = scanner.raw(i);
            if raw.is_ascii() {
                scanner
                    .lower
                    .extend(raw.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                scanner
                    .lower
                    .extend(raw.chars().flat_map(char::to_lowercase));
            }
            scanner.lower_ends.push(scanner.lower.len());
        }
        scanner
    }

    /// Every expression in the range, in order, non-overlapping.
    pub(crate) fn scan(&self) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = self.range.start;
        while i < self.range.end {
            match self.at(i) {
                Some(f) => {
                    i = f.tokens.end.max(i + 1);
                    found.push(f);
                }
                None => i += 1,
            }
        }
        found
    }

    // ---- token access: everything outside the range reads as an empty token ----

    fn token(&self, i: usize) -> Option<&'a Token> {
        self.range
            .contains(&i)
            .then(|| self.tokens.get(i))
            .flatten()
    }

    fn raw(&self, i: usize) -> &'a str {
        self.token(i)
            .and_then(|t| t.span.get(self.text))
            .unwrap_or("")
    }

    fn low(&self, i: usize) -> &str {
        let Some(k) = i.checked_sub(self.range.start) else {
            return "";
        };
        let start = match k.checked_sub(1) {
            Some(prev) => self.lower_ends.get(prev).copied().unwrap_or(0),
            None => 0,
        };
        self.lower_ends
            .get(k)
            .and_then(|&end| self.lower.get(start..end))
            .unwrap_or("")
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.token(i).map(|t| t.kind)
    }

    fn pos(&self, i: usize) -> Option<Pos> {
        self.token(i).and_then(|t| t.pos)
    }

    fn role(&self, i: usize, role: Role) -> bool {
        self.lex.has(self.low(i), role)
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_number(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Number)
    }

    /// The token before `i`, or an index outside every range when `i` is the first.
    fn before(i: usize) -> usize {
        i.checked_sub(1).unwrap_or(usize::MAX)
    }

    // ---- matchers ----

    fn at(&self, i: usize) -> Option<Found> {
        if self.role(i, Role::Modifier) {
            if let Some(mut f) = self.date_at(i + 1) {
                f.tokens.start = i;
                return Some(f);
            }
        }
        self.compound(i)
            .or_else(|| self.quantity(i))
            .or_else(|| self.age_cue(i))
            .or_else(|| self.clock(i))
            .or_else(|| self.date_at(i))
    }

    fn date_at(&self, i: usize) -> Option<Found> {
        match self.kind(i)? {
            TokenKind::Number => self
                .numeric_date(i)
                .or_else(|| self.day_led(i))
                .or_else(|| self.bare_year(i)),
            TokenKind::Word | TokenKind::Abbreviation(_) => self
                .month_led(i)
                .or_else(|| self.weekday_led(i, Anchor::Nearest))
                .or_else(|| self.shift_led(i))
                .or_else(|| self.relative(i)),
            _ => None,
        }
    }

    /// The count a token or hyphen-separated parts stand for (`three`, `10`, `twenty-five`, `2-1/2`).
    fn count_of_parts<'p>(&self, mut parts: impl Iterator<Item = &'p str>) -> Option<Count> {
        parts.try_fold(Count::Exact(0), |sum, part| {
            let count = if is_numeral(part) {
                integer(part).map_or(Count::Vague, Count::Exact)
            } else {
                self.lex.number_word(part)?
            };
            Some(match (sum, count) {
                (Count::Exact(a), Count::Exact(b)) => {
                    a.checked_add(b).map_or(Count::Vague, Count::Exact)
                }
                _ => Count::Vague,
            })
        })
    }

    fn count(&self, i: usize) -> Option<Count> {
        match self.kind(i)? {
            TokenKind::Number if is_numeral(self.raw(i)) => {
                Some(integer(self.raw(i)).map_or(Count::Vague, Count::Exact))
            }
            TokenKind::Word => self.count_of_parts(self.low(i).split(is_hyphen)),
            _ => None,
        }
    }

    /// `mid-December`, `mid-2022`, `three-year`, `2-1/2-year-old`, `16-year-old`, `decade-long`.
    fn compound(&self, i: usize) -> Option<Found> {
        if !matches!(self.kind(i)?, TokenKind::Word | TokenKind::Number) {
            return None;
        }
        let low = self.low(i);
        if !low.contains(is_hyphen) {
            return None;
        }
        let parts: Vec<&str> = low.split(is_hyphen).collect();
        if let [modifier, rest] = parts[..] {
            if self.lex.has(modifier, Role::Modifier) {
                return self.modified_compound(i, rest);
            }
        }
        let unit_at = parts.iter().position(|p| self.lex.unit(p).is_some())?;
        let (number, rest) = parts.split_at(unit_at);
        let (_, after) = rest.split_first()?;
        let counted = !number.is_empty() && self.count_of_parts(number.iter().copied()).is_some();
        let kind = match after {
            [] if counted => TimexKind::Duration,
            [last] if self.lex.has(last, Role::Lasting) && (counted || number.is_empty()) => {
                TimexKind::Duration
            }
            [last] if self.lex.has(last, Role::Old) && counted => self.age_or_duration(i + 1),
            _ => return None,
        };
        Some(span_of(i..i + 1, kind))
    }

    /// The date after a hyphenated modifier: `mid-December`, `mid-2022`, `early-1990s`.
    fn modified_compound(&self, i: usize, rest: &str) -> Option<Found> {
        let raw_rest = self.raw(i).split(is_hyphen).nth(1).unwrap_or("");
        let spec = if let Some((month, _)) = self.lex.month(rest.trim_end_matches('.')) {
            if !raw_rest.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
            Spec::MonthOnly {
                month,
                anchor: Anchor::Nearest,
            }
        } else if let Some(year) = year_number(rest, &BARE_YEARS) {
            Spec::Year(year)
        } else if is_decade(rest) {
            Spec::Unresolvable
        } else {
            return None;
        };
        Some(date(i..i + 1, spec))
    }

    /// Whether `N-year-old` before token `next` is an age (`a 16-year-old Palestinian`, `the
    /// 16-year-old was`) or a duration (`the 2-1/2-year-old conflict`).
    fn age_or_duration(&self, next: usize) -> TimexKind {
        let first = self.raw(next).chars().next();
        if !first.is_some_and(char::is_alphabetic)
            || first.is_some_and(char::is_uppercase)
            || self.role(next, Role::Person)
        {
            return TimexKind::Age;
        }
        let noun = match self.pos(next) {
            Some(pos) => matches!(pos, Pos::NN | Pos::NNS),
            None => !self.role(next, Role::Clause),
        };
        if noun {
            TimexKind::Duration
        } else {
            TimexKind::Age
        }
    }

    /// A count and a unit: `three years`, `10 days earlier`, `40 years old`, `two weeks ago`.
    fn quantity(&self, i: usize) -> Option<Found> {
        let count = self.count(i)?;
        let unit = self.lex.unit(self.low(i + 1))?;
        let next = i + 2;
        if self.role(next, Role::Ago) {
            let spec = match count {
                Count::Exact(n) => n
                    .checked_neg()
                    .map_or(Spec::Unresolvable, |amount| Spec::Offset { unit, amount }),
                Count::Vague => Spec::Unresolvable,
            };
            return Some(date(i..next + 1, spec));
        }
        let calendar = matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year);
        if calendar && self.role(next, Role::Old) {
            return Some(span_of(i..next + 1, TimexKind::Age));
        }
        let end = if self.role(next, Role::Anchor) {
            next + 1
        } else {
            next
        };
        Some(span_of(i..end, TimexKind::Duration))
    }

    /// `aged 40`, `age 40`, `the age of 40`.
    fn age_cue(&self, i: usize) -> Option<Found> {
        if !self.role(i, Role::Age) {
            return None;
        }
        let at = if self.role(i + 1, Role::Of) {
            i + 2
        } else {
            i + 1
        };
        let is_age = self.is_number(at) && integer(self.raw(at)).is_some_and(|a| a <= MAX_AGE);
        is_age.then(|| span_of(i..at + 1, TimexKind::Age))
    }

    /// `10 a.m.`, `2:30 p.m.`, `14:00`, `1900 GMT`: a date the calendar cannot place.
    fn clock(&self, i: usize) -> Option<Found> {
        if !self.is_number(i) {
            return None;
        }
        let raw = self.raw(i);
        let (hour, minutes) = raw.split_once('.').unwrap_or((raw, "00"));
        let minutes_ok = |m: &str| m.len() == 2 && all_digits(m) && m < "60";
        let hour_ok =
            all_digits(hour) && hour.len() <= 2 && hour.parse::<u32>().is_ok_and(|h| h <= 24);
        let military = raw.len() == 4
            && all_digits(raw)
            && raw < "2400"
            && raw.get(2..).is_some_and(minutes_ok);
        let mut end = i + 1;
        if self.raw(end) == ":" && self.is_number(end + 1) && minutes_ok(self.raw(end + 1)) {
            end += 2;
        }
        let clocked = (hour_ok && minutes_ok(minutes)) || (military && end == i + 1);
        if !clocked {
            return None;
        }
        if self.role(end, Role::Clock) {
            return Some(date(i..end + 1, Spec::Unresolvable));
        }
        (end > i + 1 && hour_ok && raw == hour).then(|| date(i..end, Spec::Unresolvable))
    }

    /// ISO dates (`2024-10-30`), year ranges (`2011-2014`), decades (`1990s`).
    fn numeric_date(&self, i: usize) -> Option<Found> {
        let raw = self.raw(i);
        let parts: Vec<&str> = raw.split(|c| c == '/' || is_hyphen(c)).collect();
        let spec = match parts[..] {
            [y, m, d]
                if y.len() == 4
                    && all_digits(y)
                    && [m, d]
                        .iter()
                        .all(|p| (1..=2).contains(&p.len()) && all_digits(p)) =>
            {
                match (y.parse(), m.parse(), d.parse()) {
                    (Ok(year), Ok(month), Ok(day)) => Spec::Day { year, month, day },
                    _ => Spec::Unresolvable,
                }
            }
            [from, to]
                if !raw.contains('/')
                    && year_number(from, &BARE_YEARS).is_some()
                    && ((to.len() == 2 && all_digits(to))
                        || year_number(to, &BARE_YEARS).is_some()) =>
            {
                Spec::Unresolvable
            }
            _ if is_decade(raw) => Spec::Unresolvable,
            _ => return None,
        };
        Some(date(i..i + 1, spec))
    }

    fn day_at(&self, i: usize) -> Option<u32> {
        self.is_number(i).then(|| day_number(self.raw(i))).flatten()
    }

    fn year_at(&self, i: usize, years: &Range<i32>) -> Option<i32> {
        self.is_number(i)
            .then(|| year_number(self.raw(i), years))
            .flatten()
    }

    /// Whether the token before `i` makes an ambiguous month name a month (`in May`, `last March`).
    fn date_context_before(&self, i: usize) -> bool {
        let prev = Self::before(i);
        [
            Role::Preposition,
            Role::Modifier,
            Role::Previous,
            Role::Following,
            Role::Current,
        ]
        .into_iter()
        .any(|role| self.role(prev, role))
    }

    /// The month token `i` names, given its capitalisation and context; `after_day` when a day
    /// number precedes it (`5 May`).
    fn month_at(&self, i: usize, after_day: bool) -> Option<u32> {
        if !self.is_capitalised(i) {
            return None;
        }
        let (key, period) = match self.kind(i)? {
            TokenKind::Abbreviation(_) => (self.low(i).strip_suffix('.')?, true),
            TokenKind::Word => (self.low(i), false),
            _ => return None,
        };
        let (month, style) = self.lex.month(key)?;
        let numbered =
            || self.day_at(i + 1).is_some() || self.year_at(i + 1, &MONTH_YEARS).is_some();
        let accepted = match style {
            MonthStyle::Name => true,
            MonthStyle::Abbrev => period || after_day || numbered(),
            MonthStyle::Ambiguous => after_day || numbered() || self.date_context_before(i),
        };
        accepted.then_some(month)
    }

    /// A year after a day (`, 2014` or ` 2014`) starting at `j`, and where the date ends.
    fn trailing_year(&self, j: usize) -> (Option<i32>, usize) {
        if self.raw(j) == "," {
            if let Some(year) = self.year_at(j + 1, &MONTH_YEARS) {
                return (Some(year), j + 2);
            }
        }
        match self.year_at(j, &MONTH_YEARS) {
            Some(year) => (Some(year), j + 1),
            None => (None, j),
        }
    }

    fn day_spec(month: u32, day: u32, year: Option<i32>) -> Spec {
        match year {
            Some(year) => Spec::Day { year, month, day },
            None => Spec::MonthDay { month, day },
        }
    }

    /// `Oct. 30`, `March 5, 2014`, `February 2022`, `May of 2022`, `in August`.
    fn month_led(&self, i: usize) -> Option<Found> {
        let month = self.month_at(i, false)?;
        if let Some(day) = self.day_at(i + 1) {
            let (year, end) = self.trailing_year(i + 2);
            return Some(date(i..end, Self::day_spec(month, day, year)));
        }
        if self.role(i + 1, Role::Of) {
            if let Some(year) = self.year_at(i + 2, &MONTH_YEARS) {
                return Some(date(i..i + 3, Spec::Month { year, month }));
            }
        }
        if let Some(year) = self.year_at(i + 1, &MONTH_YEARS) {
            return Some(date(i..i + 2, Spec::Month { year, month }));
        }
        let anchor = Anchor::Nearest;
        Some(date(i..i + 1, Spec::MonthOnly { month, anchor }))
    }

    /// `30 October`, `5 March 2014`, `the 5th of May`.
    fn day_led(&self, i: usize) -> Option<Found> {
        let day = self.day_at(i)?;
        let ordinal = self.raw(i).bytes().any(|b| b.is_ascii_alphabetic());
        let at = if ordinal && self.role(i + 1, Role::Of) {
            i + 2
        } else {
            i + 1
        };
        let month = self.month_at(at, true)?;
        let (year, end) = self.trailing_year(at + 1);
        Some(date(i..end, Self::day_spec(month, day, year)))
    }

    fn weekday_at(&self, i: usize) -> Option<Weekday> {
        (self.kind(i)? == TokenKind::Word && self.is_capitalised(i))
            .then(|| self.lex.weekday(self.low(i)))
            .flatten()
    }

    /// `Wednesday`, `Tuesday night`, `Wednesday, Oct. 30` (the calendar date wins).
    fn weekday_led(&self, i: usize, anchor: Anchor) -> Option<Found> {
        let weekday = self.weekday_at(i)?;
        let next = if self.raw(i + 1) == "," { i + 2 } else { i + 1 };
        let calendar = self.month_led(next).or_else(|| self.day_led(next));
        if let Some(f) =
            calendar.filter(|f| matches!(f.spec, Spec::Day { .. } | Spec::MonthDay { .. }))
        {
            return Some(date(i..f.tokens.end, f.spec));
        }
        let end = if self.role(i + 1, Role::Daypart) {
            i + 2
        } else {
            i + 1
        };
        Some(date(i..end, Spec::Weekday { weekday, anchor }))
    }

    /// `last August`, `next Friday`, `this Sunday`.
    fn shift_led(&self, i: usize) -> Option<Found> {
        let anchor = if self.role(i, Role::Previous) {
            Anchor::Previous
        } else if self.role(i, Role::Following) {
            Anchor::Following
        } else if self.role(i, Role::Current) {
            Anchor::Current
        } else {
            return None;
        };
        let found = self
            .weekday_led(i + 1, anchor)
            .or_else(|| self.month_led(i + 1))?;
        let spec = match found.spec {
            Spec::Weekday { .. } | Spec::Day { .. } | Spec::MonthDay { .. } => found.spec,
            Spec::MonthOnly { month, .. } => Spec::MonthOnly { month, anchor },
            _ => return None,
        };
        Some(date(i..found.tokens.end, spec))
    }

    /// `today`, `yesterday morning`, `last week`, `next year`.
    fn relative(&self, i: usize) -> Option<Found> {
        let phrase = self.lex.relative().iter().find(|p| {
            p.words
                .iter()
                .enumerate()
                .all(|(k, word)| self.low(i + k) == word)
        })?;
        let mut end = i + phrase.words.len();
        if phrase.unit == Unit::Day && self.role(end, Role::Daypart) {
            end += 1;
        }
        let spec = Spec::Offset {
            unit: phrase.unit,
            amount: phrase.offset,
        };
        Some(date(i..end, spec))
    }

    /// Whether token `i` is a plural noun that makes the number before it a count.
    fn is_counted_noun(&self, i: usize) -> bool {
        if self.role(i, Role::Count) {
            return true;
        }
        if let Some(pos) = self.pos(i) {
            return matches!(pos, Pos::NNS);
        }
        let word = self.raw(i);
        word.len() > 3
            && word.bytes().all(|b| b.is_ascii_lowercase())
            && word.ends_with('s')
            && !["ss", "us", "is"].iter().any(|end| word.ends_with(end))
    }

    /// `in 2011`, `the 2011 revolution` — but not `some 2000`, `$2000`, `2000 troops`.
    fn bare_year(&self, i: usize) -> Option<Found> {
        let year = self.year_at(i, &BARE_YEARS)?;
        let prev = Self::before(i);
        let counted_before = self.role(prev, Role::Approximate)
            || matches!(
                self.kind(prev),
                Some(TokenKind::Symbol | TokenKind::Abbreviation(AbbrevClassTag::Number))
            );
        // "the 2011 elections" keeps its year; "the 2000 troops" is a count.
        let determined = self.role(prev, Role::Determiner) && year % 100 != 0;
        let counted_after = self.kind(i + 1) == Some(TokenKind::Symbol)
            || (self.is_counted_noun(i + 1) && !determined);
        (!counted_before && !counted_after).then(|| date(i..i + 1, Spec::Year(year)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_shapes() {
        assert_eq!(integer("10,000"), Some(10_000));
        assert_eq!(integer("3.5"), None);
        assert_eq!(integer("99999999999999999999"), None);
        assert!(is_numeral("2-1/2") && is_numeral("3.5") && !is_numeral("a1"));
        assert_eq!(day_number("30th"), Some(30));
        assert_eq!(day_number("30-31"), Some(30));
        assert_eq!(day_number("32"), None);
        assert_eq!(day_number("0"), None);
        assert_eq!(day_number("5x"), None);
        assert_eq!(year_number("2011", &BARE_YEARS), Some(2011));
        assert_eq!(year_number("1848", &BARE_YEARS), None);
        assert_eq!(year_number("1848", &MONTH_YEARS), Some(1848));
        assert!(is_decade("1990s") && !is_decade("1995s"));
    }
}
