//! Publication dates: days from 2021 to 2025, with AP-style month names.

use rand::rngs::ChaCha8Rng;
use rand::RngExt;

const FIRST_YEAR: u32 = 2021;
const YEARS: u32 = 5;

pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month names as AP style writes them before a day: "Jan. 5", "March 3", "Sept. 12".
pub(crate) const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_year(year: u32) -> u32 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A day, counted from Jan. 1, 2021 (a Friday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day(u32);

impl Day {
    /// Any day in the covered years but the first, so that there is always a day before.
    pub(crate) fn random(rng: &mut ChaCha8Rng) -> Day {
        let total: u32 = (FIRST_YEAR..FIRST_YEAR + YEARS).map(days_in_year).sum();
        Day(rng.random_range(1..total))
    }

    pub(crate) fn previous(self) -> Day {
        self.back(1)
    }

    pub(crate) fn back(self, days: usize) -> Day {
        Day(self
            .0
            .saturating_sub(u32::try_from(days).unwrap_or(u32::MAX)))
    }

    /// 0 for Monday.
    pub(crate) fn weekday(self) -> usize {
        ((self.0 + 4) % 7) as usize
    }

    /// Year, month (1-12) and day of month (1-31).
    pub(crate) fn ymd(self) -> (u32, u32, u32) {
        let mut rest = self.0;
        let mut year = FIRST_YEAR;
        while rest >= days_in_year(year) {
            rest -= days_in_year(year);
            year += 1;
        }
        let mut month = 1;
        while rest >= days_in_month(year, month) {
            rest -= days_in_month(year, month);
            month += 1;
        }
        (year, month, rest + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_matches_known_dates() {
        assert_eq!(Day(0).ymd(), (2021, 1, 1));
        assert_eq!(WEEKDAYS[Day(0).weekday()], "Friday");
        // 2024-02-29 is day 365 * 3 + 31 + 28 = 1154, a Thursday.
        assert_eq!(Day(1154).ymd(), (2024, 2, 29));
        assert_eq!(WEEKDAYS[Day(1154).weekday()], "Thursday");
        assert_eq!(Day(1825).ymd(), (2025, 12, 31));
        assert_eq!(WEEKDAYS[Day(1825).weekday()], "Wednesday");
    }
}
