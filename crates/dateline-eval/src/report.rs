//! Per-document scores, their sum, and the plain-text table that shows them.

use std::fmt;

use serde::Serialize;

use crate::claims::ClaimScore;
use crate::counts::{Accuracy, Counts};
use crate::entities::EntityScore;
use crate::events::EventScore;
use crate::metadata::MetadataScore;
use crate::quotes::QuoteScore;

/// Scores of every layer, for one document or summed over many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Scores {
    /// Metadata fields.
    pub metadata: MetadataScore,
    /// Entities.
    pub entities: EntityScore,
    /// Quotes.
    pub quotes: QuoteScore,
    /// Events.
    pub events: EventScore,
    /// Claims.
    pub claims: ClaimScore,
}

impl std::ops::AddAssign for Scores {
    fn add_assign(&mut self, other: Self) {
        self.metadata += other.metadata;
        self.entities += other.entities;
        self.quotes += other.quotes;
        self.events += other.events;
        self.claims += other.claims;
    }
}

/// One document's scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentScore {
    /// The article name.
    pub name: String,
    /// Its scores.
    #[serde(flatten)]
    pub scores: Scores,
}

/// Scores of a set of documents: one row each, and their sum (micro-averaged).
///
/// `Display` renders one plain-text table of the totals; `Serialize` writes the totals and the
/// per-document rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Summed over documents.
    pub total: Scores,
    /// Per document, in the order added.
    pub documents: Vec<DocumentScore>,
}

impl Report {
    /// An empty report.
    #[must_use]
    pub fn new() -> Self {
        Report::default()
    }

    /// Adds one document's scores.
    pub fn add(&mut self, name: impl Into<String>, scores: Scores) {
        self.total += scores;
        self.documents.push(DocumentScore {
            name: name.into(),
            scores,
        });
    }

    /// The plain-text table, as `Display` writes it.
    #[must_use]
    pub fn render(&self) -> String {
        self.to_string()
    }
}

/// One line of a score table: precision/recall/F1 counts, or an accuracy.
pub(crate) enum Row<'a> {
    Prf(&'a str, Counts),
    Acc(&'a str, Accuracy),
}

/// The quote rows of a score table.
pub(crate) fn quote_rows(quotes: &QuoteScore) -> [Row<'static>; 8] {
    [
        Row::Prf("quotes direct+partial", quotes.direct),
        Row::Prf("quotes indirect", quotes.indirect),
        Row::Acc("  speaker", quotes.speaker),
        Row::Prf("  attributed", quotes.attributed),
        Row::Prf("  attributed direct+partial", quotes.attributed_direct),
        Row::Prf("  attributed indirect", quotes.attributed_indirect),
        Row::Acc("  kind", quotes.kind),
        Row::Acc("  cue", quotes.cue),
    ]
}

/// Writes a table's header and rows.
pub(crate) fn write_rows<'a>(
    f: &mut fmt::Formatter<'_>,
    rows: impl IntoIterator<Item = Row<'a>>,
) -> fmt::Result {
    writeln!(
        f,
        "{:<30}{:>7}{:>7}{:>7}{:>7}  counts",
        "measure", "P", "R", "F1", "acc"
    )?;
    for row in rows {
        match row {
            Row::Prf(label, counts) => writeln!(
                f,
                "{label:<30}{:>7.3}{:>7.3}{:>7.3}{:>7}  pred {}/{}, gold {}/{}",
                counts.precision(),
                counts.recall(),
                counts.f1(),
                "",
                counts.tp_pred,
                counts.n_pred,
                counts.tp_gold,
                counts.n_gold
            )?,
            Row::Acc(label, accuracy) => writeln!(
                f,
                "{label:<30}{:>21}{:>7.3}  {}/{}",
                "",
                accuracy.value(),
                accuracy.correct,
                accuracy.total
            )?,
        }
    }
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = &self.total;
        let events = &total.events;
        let head = [
            Row::Acc("metadata", total.metadata.total()),
            Row::Prf("entities", total.entities.counts),
            Row::Acc("  actor code", total.entities.actor),
        ];
        let tail = [
            Row::Prf("events", events.counts),
            Row::Acc("  CAMEO code", events.code),
            Row::Acc("  PLOVER type", events.plover),
            Row::Acc("  date", events.date),
            Row::Acc("  modality", events.modality),
            Row::Prf("claims", total.claims.counts),
        ];
        writeln!(f, "documents: {}", self.documents.len())?;
        write_rows(
            f,
            head.into_iter()
                .chain(quote_rows(&total.quotes))
                .chain(tail),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_documents_and_renders_one_table() {
        let mut report = Report::new();
        let mut one = Scores::default();
        one.entities.counts = Counts::one_to_one(2, 4, 5);
        one.quotes.speaker.record(true);
        report.add("a", one);
        report.add("b", one);
        assert_eq!(report.total.entities.counts, Counts::one_to_one(4, 8, 10));
        let table = report.render();
        assert!(table.starts_with("documents: 2\n"));
        let entities = table
            .lines()
            .find(|l| l.starts_with("entities"))
            .unwrap_or_default();
        assert!(entities.contains("0.500  0.400  0.444"), "{entities}");
        assert!(entities.ends_with("pred 4/8, gold 4/10"), "{entities}");
        assert!(table.contains("  speaker") && table.contains("1.000  2/2"));
        assert_eq!(table.lines().count(), 19);
    }

    #[test]
    fn empty_report_has_no_nan() {
        let report = Report::new();
        let table = report.render();
        assert!(!table.contains("NaN"), "{table}");
        let json = serde_json::to_string(&report).unwrap_or_default();
        assert!(
            json.contains("\"f1\":0.0") && !json.contains("null"),
            "{json}"
        );
    }
}
