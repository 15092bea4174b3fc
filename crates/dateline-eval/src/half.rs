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
