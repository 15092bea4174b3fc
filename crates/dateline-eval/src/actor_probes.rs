//! Actor probes: short dated sentences with the actor codes they should yield, in a TAB-separated
//! file — `sentence`, optionally a publication date `YYYY-MM-DD`, and the expected codes
//! `|`-separated (`Theresa May rejected the proposal.⇥2017-03-14⇥GBRGOV`, ⇥ a tab). A sentence's codes are
//! those of its entities and of its events' sources and targets; each expected code counts as
//! right when the sentence yields it (each yielded code matches once).
//!
//! Probes are numbered from 1 in file order; a [`Half`] keeps one half, so rules can be developed
//! on one half and reported on the other.

use std::fmt;

use chrono::NaiveDate;
use dateline_core::Document;
use serde::Serialize;

use crate::counts::Accuracy;
use crate::{Error, Half, Result};

/// One probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// 1-based number in the file.
    pub number: usize,
    /// The sentence.
    pub text: String,
    /// Its publication date, when given.
    pub published: Option<NaiveDate>,
    /// The expected actor codes.
    pub expected: Vec<String>,
}

/// Reads probes; `#` lines and blank lines are skipped. `half` keeps one half.
///
/// # Errors
/// A line without a sentence and codes, or with a date that does not parse, with its line number.
pub fn read_probes(text: &str, half: Option<Half>) -> Result<Vec<Probe>> {
    let mut out = Vec::new();
    for (number, line_no, cells) in crate::half::probe_rows(text) {
        let bad = |why: &str| Error::Format(format!("line {line_no}: {why}"));
        let (published, codes) = match cells[..] {
            [_, codes] => (None, codes),
            [_, date, codes] => (
                Some(
                    NaiveDate::parse_from_str(date, "%Y-%m-%d")
                        .map_err(|e| bad(&format!("date {date:?}: {e}")))?,
                ),
                codes,
            ),
            _ => return Err(bad("expected sentence, [date,] codes separated by tabs")),
        };
        if Half::keeps(half, number) {
            out.push(Probe {
                number,
                text: cells[0].to_owned(),
                published,
                expected: codes
                    .split('|')
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
            });
        }
    }
    Ok(out)
}

/// The actor codes a document yields: its entities' and its events' participants'.
fn yielded(doc: &Document) -> Vec<&str> {
    let entities = doc
        .entities
        .iter()
        .filter(|e| !e.mentions.is_empty())
        .filter_map(|e| e.actor.as_deref());
    let participants = doc
        .events
        .iter()
        .flat_map(|e| [&e.source, &e.target])
        .filter_map(|p| p.as_ref().and_then(|p| p.actor.as_deref()));
    entities.chain(participants).collect()
}

/// Scores over a set of probes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProbeScore {
    /// Probes scored.
    pub probes: usize,
    /// Expected codes found.
    pub codes: Accuracy,
    /// Probes whose every expected code was found.
    pub sentences: Accuracy,
    /// Up to 20 probes with a code missing: number, sentence, expected, yielded.
    pub misses: Vec<(usize, String, String, String)>,
}

impl ProbeScore {
    /// Scores `doc`, the annotated sentence of `probe`.
    pub fn add(&mut self, doc: &Document, probe: &Probe) {
        let mut left = yielded(doc);
        let mut all = true;
        for code in &probe.expected {
            let found = left.iter().position(|c| c == code);
            if let Some(i) = found {
                left.swap_remove(i);
            }
            self.codes.record(found.is_some());
            all &= found.is_some();
        }
        self.probes += 1;
        self.sentences.record(all);
        if !all && self.misses.len() < 20 {
            self.misses.push((
                probe.number,
                probe.text.clone(),
                probe.expected.join("|"),
                yielded(doc).join("|"),
            ));
        }
    }
}

impl fmt::Display for ProbeScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "actor probes: {}", self.probes)?;
        for (label, a) in [("codes", self.codes), ("whole sentences", self.sentences)] {
            writeln!(
                f,
                "  {label:<16} {:.3}  ({}/{})",
                a.value(),
                a.correct,
                a.total
            )?;
        }
        if !self.misses.is_empty() {
            writeln!(f, "first misses (number, sentence, expected, yielded):")?;
        }
        for (n, text, expected, got) in &self.misses {
            writeln!(f, "  {n:>4}  {text}  want {expected}  got {got}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{Entity, EntityType, Span};

    const FILE: &str = "# probes\nA said.\t2017-03-14\tGBRGOV\n\nB and C met.\tFRAGOV|DEUGOV\nD left.\t2001-02-03\tUSAELI\n";

    #[test]
    fn probes_are_read_and_split_in_halves() {
        let all = read_probes(FILE, None).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[1].expected, ["FRAGOV", "DEUGOV"]);
        assert_eq!(all[1].published, None);
        assert_eq!(all[0].published, NaiveDate::from_ymd_opt(2017, 3, 14));
        let odd = read_probes(FILE, Some(Half::Odd)).unwrap();
        let even = read_probes(FILE, Some(Half::Even)).unwrap();
        assert_eq!((odd.len(), even.len()), (2, 1));
        assert_eq!(even[0].number, 2);
        assert!(read_probes("X\t2017-13-01\tUSA\n", None).is_err());
        assert!(read_probes("only a sentence\n", None).is_err());
    }

    #[test]
    fn each_yielded_code_matches_one_expected_code() {
        let probe = &read_probes(FILE, None).unwrap()[1];
        let mut doc = Document::from_text("B and C met.");
        doc.entities.push(Entity {
            id: 0,
            name: "B".into(),
            kind: EntityType::Person,
            actor: Some("FRAGOV".into()),
            country: None,
            role: None,
            mentions: vec![Span::new(0, 1)],
            kb: None,
            actor_source: None,
            evidence: None,
        });
        let mut score = ProbeScore::default();
        score.add(&doc, probe);
        assert_eq!((score.codes.correct, score.codes.total), (1, 2));
        assert_eq!(score.sentences.correct, 0);
        assert_eq!(score.misses.len(), 1);
    }
}
