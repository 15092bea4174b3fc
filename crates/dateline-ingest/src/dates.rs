//! Publication dates from the many ways markup and feeds write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Date-time layouts without a zone, tried in order.
const DATE_TIMES: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
];
/// Date layouts, tried in order.
const DATES: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%b. %d, %Y",
];

/// The calendar date of `s`, as written in the input's own time zone (a story published at
/// 23:30 local time keeps its local date). `None` when `s` is not a recognisable date.
#[must_use]
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    if let Some(dt) = DATE_TIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(dt.date());
    }
    if let Some(d) = DATES
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
    {
        return Some(d);
    }
    // A date-time with a zone we could not parse: its first ten characters may still be a date.
    s.get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn common_forms() {
        assert_eq!(parse_date("2025-06-12T08:30:00Z"), ymd(2025, 6, 12));
        assert_eq!(parse_date("2025-06-12T23:30:00-05:00"), ymd(2025, 6, 12));
        assert_eq!(
            parse_date("Tue, 10 Jun 2025 14:05:00 GMT"),
            ymd(2025, 6, 10)
        );
        assert_eq!(parse_date("2025-06-12"), ymd(2025, 6, 12));
        assert_eq!(parse_date("June 12, 2025"), ymd(2025, 6, 12));
        assert_eq!(parse_date("2025-06-12T08:30:00.000+0000"), ymd(2025, 6, 12));
        assert_eq!(parse_date("not a date"), None);
        assert_eq!(parse_date(""), None);
    }
}
