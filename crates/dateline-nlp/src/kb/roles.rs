//! Dated roles: `USAGOV@2009-01-20..2017-01-20`, `RUSELI@..` (no dates: the default, what the
//! person is when no office holds), either bound open.

use chrono::NaiveDate;

/// One role of a person: an actor code, valid from `start` to `end` inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// CAMEO actor code (`USAGOV`, `IGOUNO`).
    pub code: Box<str>,
    /// First day, `None` when open.
    pub start: Option<NaiveDate>,
    /// Last day, `None` when open.
    pub end: Option<NaiveDate>,
}

impl Role {
    /// Whether neither bound is given: the person's default code.
    #[must_use]
    pub fn is_default(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }

    /// Whether the role holds on `date`.
    #[must_use]
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        !self.is_default()
            && self.start.is_none_or(|s| s <= date)
            && self.end.is_none_or(|e| date <= e)
    }
}

/// A bound of a role: open when empty.
fn date(cell: &str) -> Result<Option<NaiveDate>, chrono::ParseError> {
    if cell.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(cell, "%Y-%m-%d").map(Some)
}

/// One `CODE@START..END` cell; `None` when it does not parse.
fn parse(cell: &str) -> Option<Role> {
    let (code, dates) = cell.split_once('@')?;
    let (start, end) = dates.split_once("..")?;
    let valid = !code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase());
    valid.then_some(())?;
    Some(Role {
        code: code.into(),
        start: date(start).ok()?,
        end: date(end).ok()?,
    })
}

/// All roles of a `|`-separated cell; `None` when one does not parse.
pub(super) fn parse_all(cell: &str) -> Option<Vec<Role>> {
    cell.split('|')
        .filter(|c| !c.is_empty())
        .map(parse)
        .collect()
}

/// The code valid on `date`: of the offices holding that day, the one that began last (the
/// more specific); else the default. Without a date, the office still open, or the default.
pub(super) fn code_on(roles: &[Role], date: Option<NaiveDate>) -> Option<&str> {
    let offices = roles.iter().filter(|r| !r.is_default());
    let office = match date {
        Some(day) => offices.filter(|r| r.holds_on(day)).max_by_key(|r| r.start),
        None => offices.filter(|r| r.end.is_none()).max_by_key(|r| r.start),
    };
    office
        .or_else(|| roles.iter().find(|r| r.is_default()))
        .map(|r| &*r.code)
}

/// Whether some office holds on `date` (without a date: whether the person holds an open one).
/// A dated elite period (`USAELI@1978-01-01..2000-01-01`) is no office.
pub(super) fn in_office_on(roles: &[Role], date: Option<NaiveDate>) -> bool {
    let office = |r: &&Role| !r.code.ends_with("ELI");
    roles.iter().filter(office).any(|r| match date {
        Some(day) => r.holds_on(day),
        None => !r.is_default() && r.end.is_none(),
    })
}
