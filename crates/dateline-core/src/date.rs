//! Dates of the document model: a calendar date with its precision ([`DateValue`]), written as
//! `YYYY-MM-DD`, `YYYY-MM` or `YYYY` in `dateline/1`, and the one parser of dates given by users
//! and requests ([`parse_day`], [`DateValue::parse`]).

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// How much of a [`DateValue`]'s date is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// The day (`2024-10-30`).
    Day,
    /// The month (`2024-10`); the date is the month's first day.
    Month,
    /// The year (`2024`); the date is January 1.
    Year,
}

/// A resolved date: a calendar date and how much of it is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateValue {
    /// The date; the first day of the month or year below day precision.
    pub date: NaiveDate,
    /// How much of `date` is meant.
    pub precision: Precision,
}

/// A date string that is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, got {got:?}")]
pub struct DateError {
    /// The forms accepted.
    pub expected: &'static str,
    /// The text given.
    pub got: String,
}

/// Parses a calendar day, `YYYY-MM-DD` (surrounding blanks ignored): publication dates and
/// query bounds given on the command line, in requests and in Python.
pub fn parse_day(s: &str) -> Result<NaiveDate, DateError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| DateError {
        expected: "YYYY-MM-DD",
        got: s.to_owned(),
    })
}

impl DateValue {
    /// A day-precision value.
    #[must_use]
    pub fn day(date: NaiveDate) -> Self {
        DateValue {
            date,
            precision: Precision::Day,
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: the forms [`fmt::Display`] writes.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let t = s.trim();
        let bad = || DateError {
            expected: "YYYY-MM-DD, YYYY-MM or YYYY",
            got: s.to_owned(),
        };
        let number = |part: &str| -> Result<u32, DateError> {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let parts: Vec<&str> = t.split('-').collect();
        let (year, month, day, precision) = match parts.as_slice() {
            [yyyy] if yyyy.len() == 4 => (number(yyyy)?, 1, 1, Precision::Year),
            [yyyy, mm] if yyyy.len() == 4 && mm.len() == 2 => {
                (number(yyyy)?, number(mm)?, 1, Precision::Month)
            }
            [yyyy, mm, dd] if yyyy.len() == 4 && mm.len() == 2 && dd.len() == 2 => {
                (number(yyyy)?, number(mm)?, number(dd)?, Precision::Day)
            }
            _ => return Err(bad()),
        };
        let year = i32::try_from(year).map_err(|_| bad())?;
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad)?;
        Ok(DateValue { date, precision })
    }
}

impl fmt::Display for DateValue {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precision allows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.date;
        match self.precision {
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Year => write!(f, "{:04}", d.year()),
        }
    }
}

impl serde::Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for DateValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        DateValue::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_precision_round_trips_through_its_text() {
        for text in ["2024-10-30", "2024-10", "2024", "0999-01"] {
            let value = DateValue::parse(text).unwrap();
            assert_eq!(value.to_string(), text);
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<DateValue>(&json).unwrap(), value);
        }
        assert_eq!(
            DateValue::parse("2022-02").unwrap().precision,
            Precision::Month
        );
    }

    #[test]
    fn malformed_dates_are_errors_that_name_the_input() {
        for bad in [
            "",
            "2024-13-01",
            "2024-02-30",
            "24-10-30",
            "2024-1-3",
            "abcd",
            "2024-10-30T",
        ] {
            let err = DateValue::parse(bad).unwrap_err();
            assert_eq!(err.got, bad);
        }
        assert_eq!(
            parse_day(" 2024-10-30 ").unwrap(),
            NaiveDate::from_ymd_opt(2024, 10, 30).unwrap()
        );
        let err = parse_day("2024-13-45").unwrap_err();
        assert_eq!(err.to_string(), "expected YYYY-MM-DD, got \"2024-13-45\"");
        assert!(parse_day("2024-10").is_err());
    }
}
