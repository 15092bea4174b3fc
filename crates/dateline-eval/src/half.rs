//! Halves of a labelled set: develop on one, report on the other.

/// Which half of a numbered set to keep (records numbered from 1 in file order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// Odd-numbered records.
    Odd,
    /// Even-numbered records.
    Even,
}

impl Half {
    /// Whether record `number` (1-based) is in this half; every record is without a half.
    #[must_use]
    pub fn keeps(half: Option<Half>, number: usize) -> bool {
        match half {
            None => true,
            Some(Half::Odd) => number % 2 == 1,
            Some(Half::Even) => number % 2 == 0,
        }
    }
}

/// The data rows of a TAB-separated probe file: for each line that is neither blank nor a `#`
/// comment, its number among them (from 1), its 1-based line number and its trimmed cells.
pub(crate) fn probe_rows(text: &str) -> impl Iterator<Item = (usize, usize, Vec<&str>)> {
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    (1..).zip(lines).map(|(number, (line_no, line))| {
        (
            number,
            line_no + 1,
            line.split('\t').map(str::trim).collect(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::Half;

    #[test]
    fn halves_split_by_parity() {
        assert!(Half::keeps(Some(Half::Odd), 1) && !Half::keeps(Some(Half::Odd), 2));
        assert!(Half::keeps(Some(Half::Even), 2) && !Half::keeps(Some(Half::Even), 3));
        assert!(Half::keeps(None, 7));
    }
}
