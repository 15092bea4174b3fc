//! Resolution of what a date expression says ([`Spec`]) to a calendar date, against the
//! publication date, in news style: bare weekdays and months point back, not forward.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lexicon::Unit;
use super::{DateValue, Precision};

/// How far after publication a day without a year ("Dec. 25") may fall before it is read as last
/// year's: news reports the past, but announces the coming week.
const MONTH_DAY_LOOKAHEAD: u64 = 7;

/// Which occurrence of a weekday or month a phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// A bare name: the latest on or before publication ("on Tuesday", "in August").
    Nearest,
    /// `last`: the latest strictly before publication's (day or month).
    Previous,
    /// `next`: the first strictly after.
    Following,
    /// `this`: the one in the publication's week, or the publication's year.
    Current,
}

/// What a date expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spec {
    /// A date that cannot be placed: a clock time, a decade, a range, an impossible day.
    Unresolvable,
    /// A full calendar day (`March 5, 2014`, `2024-10-30`).
    Day { year: i32, month: u32, day: u32 },
    /// A month of a year (`February 2022`).
    Month { year: i32, month: u32 },
    /// A year (`in 2011`).
    Year(i32),
    /// A day without its year (`Oct. 30`).
    MonthDay { month: u32, day: u32 },
    /// A month without its year (`in August`, `last May`).
    MonthOnly { month: u32, anchor: Anchor },
    /// A weekday (`on Wednesday`, `next Friday`).
    Weekday { weekday: Weekday, anchor: Anchor },
    /// A shift of the publication date by `amount` units (`yesterday`, `last week`, `three years ago`).
    Offset { unit: Unit, amount: i64 },
}

fn day(date: NaiveDate) -> DateValue {
    DateValue {
        date,
        precision: Precision::Day,
    }
}

fn month_of(date: NaiveDate) -> Option<DateValue> {
    Some(DateValue {
        date: date.with_day(1)?,
        precision: Precision::Month,
    })
}

fn year_value(year: i32) -> Option<DateValue> {
    Some(DateValue {
        date: NaiveDate::from_ymd_opt(year, 1, 1)?,
        precision: Precision::Year,
    })
}

fn month_value(year: i32, month: u32) -> Option<DateValue> {
    Some(DateValue {
        date: NaiveDate::from_ymd_opt(year, month, 1)?,
        precision: Precision::Month,
    })
}

/// `date` moved by `days` (either sign), or `None` off chrono's calendar.
fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let magnitude = Days::new(days.unsigned_abs());
    if days < 0 {
        date.checked_sub_days(magnitude)
    } else {
        date.checked_add_days(magnitude)
    }
}

/// `date` moved by `months` (either sign).
fn add_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let magnitude = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    if months < 0 {
        date.checked_sub_months(magnitude)
    } else {
        date.checked_add_months(magnitude)
    }
}

/// The publication year moved by `years`.
fn add_years(published: NaiveDate, years: i64) -> Option<DateValue> {
    let year = i64::from(published.year()).checked_add(years)?;
    year_value(i32::try_from(year).ok()?)
}

fn offset(published: NaiveDate, unit: Unit, amount: i64) -> Option<DateValue> {
    match unit {
        // The publication date has no time of day: "two hours ago" is the same day.
        Unit::Minute => Some(day(published)),
        Unit::Hour => add_days(published, amount / 24).map(day),
        Unit::Day => add_days(published, amount).map(day),
        Unit::Week => month_of(add_days(published, amount.checked_mul(7)?)?),
        Unit::Month => month_of(add_months(published.with_day(1)?, amount)?),
        Unit::Year => add_years(published, amount),
        Unit::Decade => add_years(published, amount.checked_mul(10)?),
        Unit::Century => add_years(published, amount.checked_mul(100)?),
    }
}

fn weekday(published: NaiveDate, weekday: Weekday, anchor: Anchor) -> Option<DateValue> {
    let target = i64::from(weekday.num_days_from_monday());
    let today = i64::from(published.weekday().num_days_from_monday());
    let back = (today - target).rem_euclid(7);
    let shift = match anchor {
        Anchor::Previous if back == 0 => -7,
        Anchor::Nearest | Anchor::Previous => -back,
        Anchor::Following => match (target - today).rem_euclid(7) {
            0 => 7,
            ahead => ahead,
        },
        Anchor::Current => target - today,
    };
    add_days(published, shift).map(day)
}

fn month_only(published: NaiveDate, month: u32, anchor: Anchor) -> Option<DateValue> {
    let (year, now) = (published.year(), published.month());
    let year = match anchor {
        Anchor::Nearest if month <= now => year,
        Anchor::Previous if month < now => year,
        Anchor::Nearest | Anchor::Previous => year.checked_sub(1)?,
        Anchor::Following if month > now => year,
        Anchor::Following => year.checked_add(1)?,
        Anchor::Current => year,
    };
    month_value(year, month)
}

/// A day without a year: this year's unless that is more than a week after publication.
fn month_day(published: NaiveDate, month: u32, day_of_month: u32) -> Option<DateValue> {
    let latest = published.checked_add_days(Days::new(MONTH_DAY_LOOKAHEAD))?;
    let year = published.year();
    [Some(year), year.checked_sub(1)]
        .into_iter()
        .flatten()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day_of_month))
        .find(|date| *date <= latest)
        .map(day)
}

/// The date `spec` names, given the publication date. Relative expressions need `published`;
/// absolute ones do not. Impossible dates (`February 30`) give `None`.
pub(crate) fn resolve(spec: Spec, published: Option<NaiveDate>) -> Option<DateValue> {
    match spec {
        Spec::Unresolvable => None,
        Spec::Day {
            year,
            month,
            day: d,
        } => NaiveDate::from_ymd_opt(year, month, d).map(day),
        Spec::Month { year, month } => month_value(year, month),
        Spec::Year(year) => year_value(year),
        Spec::MonthDay { month, day: d } => month_day(published?, month, d),
        Spec::MonthOnly { month, anchor } => month_only(published?, month, anchor),
        Spec::Weekday { weekday: w, anchor } => weekday(published?, w, anchor),
        Spec::Offset { unit, amount } => offset(published?, unit, amount),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Publication date of the tests: Wednesday, October 30, 2024.
    fn published() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, 10, 30)
    }

    fn show(spec: Spec) -> Option<String> {
        resolve(spec, published()).map(|v| v.to_string())
    }

    fn weekday_spec(weekday: Weekday, anchor: Anchor) -> Spec {
        Spec::Weekday { weekday, anchor }
    }

    #[test]
    fn weekdays_point_back_to_the_latest_on_or_before_publication() {
        let nearest = |w| show(weekday_spec(w, Anchor::Nearest));
        assert_eq!(nearest(Weekday::Wed).as_deref(), Some("2024-10-30"));
        assert_eq!(nearest(Weekday::Tue).as_deref(), Some("2024-10-29"));
        assert_eq!(nearest(Weekday::Thu).as_deref(), Some("2024-10-24"));
        assert_eq!(
            show(weekday_spec(Weekday::Wed, Anchor::Previous)).as_deref(),
            Some("2024-10-23")
        );
        assert_eq!(
            show(weekday_spec(Weekday::Wed, Anchor::Following)).as_deref(),
            Some("2024-11-06")
        );
        assert_eq!(
            show(weekday_spec(Weekday::Fri, Anchor::Following)).as_deref(),
            Some("2024-11-01")
        );
        assert_eq!(
            show(weekday_spec(Weekday::Sun, Anchor::Current)).as_deref(),
            Some("2024-11-03")
        );
    }

    #[test]
    fn months_without_a_year_are_this_years_or_last_years() {
        let month = |m, anchor| show(Spec::MonthOnly { month: m, anchor });
        assert_eq!(month(8, Anchor::Nearest).as_deref(), Some("2024-08"));
        assert_eq!(month(10, Anchor::Nearest).as_deref(), Some("2024-10"));
        assert_eq!(month(11, Anchor::Nearest).as_deref(), Some("2023-11"));
        assert_eq!(month(10, Anchor::Previous).as_deref(), Some("2023-10"));
        assert_eq!(month(3, Anchor::Following).as_deref(), Some("2025-03"));
        assert_eq!(month(12, Anchor::Following).as_deref(), Some("2024-12"));
    }

    #[test]
    fn days_without_a_year_allow_a_week_of_lookahead() {
        let md = |month, day| show(Spec::MonthDay { month, day });
        assert_eq!(md(10, 30).as_deref(), Some("2024-10-30"));
        assert_eq!(
            md(11, 5).as_deref(),
            Some("2024-11-05"),
            "announced for next week"
        );
        assert_eq!(md(12, 25).as_deref(), Some("2023-12-25"));
        assert_eq!(md(2, 30), None);
        let leap = resolve(
            Spec::MonthDay { month: 2, day: 29 },
            NaiveDate::from_ymd_opt(2025, 3, 1),
        );
        assert_eq!(leap.map(|v| v.to_string()).as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn offsets() {
        let off = |unit, amount| show(Spec::Offset { unit, amount });
        assert_eq!(off(Unit::Day, 0).as_deref(), Some("2024-10-30"));
        assert_eq!(off(Unit::Day, -1).as_deref(), Some("2024-10-29"));
        assert_eq!(off(Unit::Week, -1).as_deref(), Some("2024-10"));
        assert_eq!(off(Unit::Week, 1).as_deref(), Some("2024-11"));
        assert_eq!(off(Unit::Month, -1).as_deref(), Some("2024-09"));
        assert_eq!(off(Unit::Month, -10).as_deref(), Some("2023-12"));
        assert_eq!(off(Unit::Year, -3).as_deref(), Some("2021"));
        assert_eq!(off(Unit::Decade, -1).as_deref(), Some("2014"));
        assert_eq!(off(Unit::Hour, -36).as_deref(), Some("2024-10-29"));
        assert_eq!(off(Unit::Day, i64::MIN), None);
        assert_eq!(off(Unit::Week, i64::MAX), None);
        assert_eq!(off(Unit::Month, i64::MIN), None);
        assert_eq!(off(Unit::Century, i64::MAX), None);
    }

    #[test]
    fn absolute_dates_need_no_publication_date() {
        let spec = Spec::Day {
            year: 2014,
            month: 3,
            day: 5,
        };
        assert_eq!(
            resolve(spec, None).map(|v| v.to_string()).as_deref(),
            Some("2014-03-05")
        );
        let feb = Spec::Month {
            year: 2022,
            month: 2,
        };
        assert_eq!(
            resolve(feb, None).map(|v| v.to_string()).as_deref(),
            Some("2022-02")
        );
        assert_eq!(
            resolve(Spec::Year(2011), None)
                .map(|v| v.to_string())
                .as_deref(),
            Some("2011")
        );
        let impossible = Spec::Day {
            year: 2024,
            month: 2,
            day: 30,
        };
        assert_eq!(resolve(impossible, None), None);
        let relative = Spec::Offset {
            unit: Unit::Day,
            amount: -1,
        };
        assert_eq!(resolve(relative, None), None);
        assert_eq!(
            resolve(
                Spec::MonthOnly {
                    month: 8,
                    anchor: Anchor::Nearest
                },
                None
            ),
            None
        );
    }
}
