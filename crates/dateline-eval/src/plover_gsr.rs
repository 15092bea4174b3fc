//! Sentence-level scoring on the PLOVER gold-standard records (`plover_gsr.jsonl`): one event per
//! record, judged on its PLOVER type, CAMEO root and source and target codes.
//!
//! For each record the pipeline's most confident event is compared with the gold record: its type
//! with `plover_event`, its root with the root of `cameo_code`, its source and target countries
//! with any of `source_codes` / `target_codes` (an empty gold list wants no actor). Accuracies over
//! all records count a record without any predicted event as wrong; `coded` says how many had one.

use std::fmt;
use std::io::BufRead;

use dateline_core::{Document, Event};
use serde::{Deserialize, Serialize};

use crate::counts::Accuracy;
use crate::events::country_of;
use crate::Half;

/// One gold-standard record (the fields scored; the file has more).
#[derive(Debug, Clone, Deserialize)]
pub struct GsrRecord {
    /// Record id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Acceptable source actor codes.
    #[serde(default)]
    pub source_codes: Vec<String>,
    /// Acceptable target actor codes.
    #[serde(default)]
    pub target_codes: Vec<String>,
    /// PLOVER 0.8 event type.
    pub plover_event: String,
    /// CAMEO code recovered from the manual.
    #[serde(default)]
    pub cameo_code: Option<String>,
}

/// Scores over a set of records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GsrScore {
    /// Records scored.
    pub records: usize,
    /// Records with at least one predicted event.
    pub coded: usize,
    /// The top event's PLOVER type.
    pub plover: Accuracy,
    /// Any predicted event has the gold PLOVER type.
    pub plover_any: Accuracy,
    /// The top event's CAMEO root.
    pub cameo_root: Accuracy,
    /// The top event's source country, over all records.
    pub source: Accuracy,
    /// The top event's target country, over all records.
    pub target: Accuracy,
}

/// Reads records from JSON Lines; blank lines are skipped. Records are numbered from 1 in file
/// order; `half` keeps the odd- or even-numbered ones (develop on one, report the other).
///
/// # Errors
/// A line that cannot be read or parsed, with its line number.
pub fn read_records(reader: impl BufRead, half: Option<Half>) -> Result<Vec<GsrRecord>, String> {
    let mut out = Vec::new();
    let mut number = 0;
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        number += 1;
        let record = serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?;
        if Half::keeps(half, number) {
            out.push(record);
        }
    }
    Ok(out)
}

fn fits(pred: Option<&str>, gold: &[String]) -> bool {
    match pred.map(str::trim).filter(|p| !p.is_empty()) {
        None => gold.is_empty(),
        Some(p) => gold.iter().any(|g| country_of(g) == country_of(p)),
    }
}

/// The event a sentence-level coder would report: the most confident, the first on ties.
pub fn top(doc: &Document) -> Option<&Event> {
    doc.events.iter().reduce(|best, e| {
        if e.confidence > best.confidence {
            e
        } else {
            best
        }
    })
}

impl GsrScore {
    /// Adds one record, annotated as `doc`.
    pub fn add(&mut self, doc: &Document, gold: &GsrRecord) {
        self.records += 1;
        let kind = |e: &Event| e.plover.as_ref().map(|p| p.kind.clone());
        self.plover_any.record(
            doc.events
                .iter()
                .any(|e| kind(e).as_deref() == Some(gold.plover_event.as_str())),
        );
        let Some(event) = top(doc) else {
            for a in [
                &mut self.plover,
                &mut self.cameo_root,
                &mut self.source,
                &mut self.target,
            ] {
                a.record(false);
            }
            return;
        };
        self.coded += 1;
        self.plover
            .record(kind(event).as_deref() == Some(gold.plover_event.as_str()));
        let root = gold.cameo_code.as_deref().and_then(|c| c.get(..2));
        self.cameo_root
            .record(root == Some(event.cameo_root.as_str()));
        let actor = |p: Option<&dateline_core::Participant>| p.and_then(|p| p.actor.clone());
        self.source.record(fits(
            actor(event.source.as_ref()).as_deref(),
            &gold.source_codes,
        ));
        self.target.record(fits(
            actor(event.target.as_ref()).as_deref(),
            &gold.target_codes,
        ));
    }
}

impl fmt::Display for GsrScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "PLOVER gold-standard records: {} ({} with an event)",
            self.records, self.coded
        )?;
        let rows = [
            ("PLOVER type (top event)", self.plover),
            ("PLOVER type (any event)", self.plover_any),
            ("CAMEO root (top event)", self.cameo_root),
            ("source code", self.source),
            ("target code", self.target),
        ];
        for (label, a) in rows {
            writeln!(
                f,
                "  {label:<26} {:.3}  ({}/{})",
                a.value(),
                a.correct,
                a.total
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_doc::event;

    fn record(source: &[&str], target: &[&str], kind: &str, code: &str) -> GsrRecord {
        GsrRecord {
            id: "x".into(),
            text: String::new(),
            source_codes: source.iter().map(|s| (*s).to_owned()).collect(),
            target_codes: target.iter().map(|s| (*s).to_owned()).collect(),
            plover_event: kind.into(),
            cameo_code: Some(code.into()),
        }
    }

    #[test]
    fn scores_the_top_event() {
        let gold = record(&["HUN", "ROU"], &[], "AGREE", "030");
        let mut doc = Document::from_text("x");
        let mut weak = event(Some("USA"), None, "190", "ASSAULT");
        weak.confidence = 0.5;
        doc.events = vec![weak, event(Some("ROUGOV"), None, "031", "AGREE")];
        let mut score = GsrScore::default();
        score.add(&doc, &gold);
        assert_eq!((score.plover.correct, score.cameo_root.correct), (1, 1));
        assert_eq!((score.source.correct, score.target.correct), (1, 1));
        // No event: everything wrong, and not coded.
        score.add(&Document::from_text("y"), &gold);
        assert_eq!(
            (
                score.records,
                score.coded,
                score.plover.total,
                score.plover.correct
            ),
            (2, 1, 2, 1)
        );
        assert!(score.to_string().contains("0.500"));
    }

    #[test]
    fn a_missing_target_is_wrong_when_gold_has_one() {
        let gold = record(&["ISR"], &["PSE"], "ASSAULT", "190");
        let mut doc = Document::from_text("x");
        doc.events = vec![event(Some("ISR"), None, "190", "ASSAULT")];
        let mut score = GsrScore::default();
        score.add(&doc, &gold);
        assert_eq!((score.source.correct, score.target.correct), (1, 0));
    }

    #[test]
    fn reads_jsonl_and_names_bad_lines() {
        let data = "{\"id\":\"a\",\"text\":\"t\",\"plover_event\":\"AID\"}\n\n{oops}\n";
        let err = read_records(data.as_bytes(), None).unwrap_err();
        assert!(err.starts_with("line 3"), "{err}");
        let first = data.lines().next().unwrap();
        let ok = read_records(first.as_bytes(), None).unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].plover_event, "AID");
        let three = "{\"id\":\"a\",\"text\":\"t\",\"plover_event\":\"AID\"}\n\n{\"id\":\"b\",\"text\":\"t\",\"plover_event\":\"AID\"}\n{\"id\":\"c\",\"text\":\"t\",\"plover_event\":\"AID\"}\n";
        let ids = |half| -> Vec<String> {
            read_records(three.as_bytes(), half)
                .unwrap()
                .into_iter()
                .map(|r| r.id)
                .collect()
        };
        assert_eq!(
            ids(Some(Half::Odd)),
            ["a", "c"],
            "numbered by record, not line"
        );
        assert_eq!(ids(Some(Half::Even)), ["b"]);
    }
}
