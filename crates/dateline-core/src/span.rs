//! Byte spans into a document's text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's UTF-8 text.
///
/// Spans are `Copy`, 8 bytes, and always satisfy `start <= end`. Offsets are `u32`: a document is
/// capped at 4 GiB, which readers enforce before building one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawSpan")]
pub struct Span {
    start: u32,
    end: u32,
}

#[derive(Deserialize)]
struct RawSpan {
    start: u32,
    end: u32,
}

impl TryFrom<RawSpan> for Span {
    type Error = String;

    fn try_from(raw: RawSpan) -> Result<Self, Self::Error> {
        if raw.start <= raw.end {
            Ok(Span {
                start: raw.start,
                end: raw.end,
            })
        } else {
            Err(format!("span start {} is after end {}", raw.start, raw.end))
        }
    }
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// # Panics
    /// When `start > end` or an offset exceeds `u32::MAX`: both are programming errors, since
    /// offsets come from scanning a text that readers cap at 4 GiB.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "span start {start} is after end {end}");
        let start = u32::try_from(start).expect("document offsets fit in u32");
        let end = u32::try_from(end).expect("document offsets fit in u32");
        Span { start, end }
    }

    /// First byte offset.
    #[must_use]
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte offset.
    #[must_use]
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no bytes.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text this span covers.
    ///
    /// # Panics
    /// When the span is out of bounds or not on character boundaries of `text`, which means the
    /// span was made for another text.
    #[must_use]
    pub fn of(self, text: &str) -> &str {
        &text[self.start()..self.end()]
    }

    /// The text this span covers, or `None` when it does not fit `text`.
    #[must_use]
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.start()..self.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_text_by_bytes() {
        let text = "Kim Yong‑hyun said";
        let span = Span::new(0, 3);
        assert_eq!(span.of(text), "Kim");
        assert_eq!(span.len(), 3);
        assert!(
            Span::new(0, 9).get(text).is_none(),
            "9 is inside the non-breaking hyphen"
        );
    }

    #[test]
    fn cover_and_contains() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(a.cover(b).contains(a));
        assert!(!a.contains(b));
    }

    #[test]
    fn deserialize_rejects_reversed_span() {
        let bad: Result<Span, _> = serde_json::from_str(r#"{"start":5,"end":2}"#);
        assert!(bad.is_err());
        let good: Span = serde_json::from_str(r#"{"start":2,"end":5}"#).unwrap();
        assert_eq!(good, Span::new(2, 5));
    }
}
