//! Event probes: single sentences, each with the event a CAMEO coder would code for it or none,
//! in a TAB-separated file — `sentence`, `source`, `target`, two-digit CAMEO `root` and PLOVER
//! type, `-` for an empty field (`Egypt expelled the Ethiopian ambassador.⇥EGY⇥ETH⇥17⇥COERCE`;
//! a root of `-` makes a negative probe: the sentence reports no political event). Coordinated
//! actors are `|`-separated and give one event each (`GHA|SEN⇥BFA`: two events); a target of `<>`
//! makes a joint act of the sources, each on the others (`CHL|PER⇥<>`: CHL→PER and PER→CHL).
//!
//! Scored as the development articles are: predicted and gold events matched one-to-one on
//! source country, target country and CAMEO root ([`crate::events::score`]), summed over the
//! probes, so events predicted for negative probes count against precision. Probes are numbered
//! from 1 in file order; a [`Half`] keeps one half.

use std::fmt;

use dateline_core::Document;
use serde::Serialize;

use crate::events::{score, EventScore};
use crate::gold::GoldEvent;
use crate::{Error, Half, Result};

/// One probe.
#[derive(Debug, Clone, PartialEq)]
pub struct EventProbe {
    /// 1-based number in the file.
    pub number: usize,
    /// The sentence.
    pub text: String,
    /// Its events; none for a negative probe.
    pub gold: Vec<GoldEvent>,
}

/// The gold events of one row: one per source and target, or per ordered pair of sources for a
/// joint act (`<>`).
fn gold_events(source: &str, target: &str, root: &str, plover: Option<&str>) -> Vec<GoldEvent> {
    let codes = |cell: &str| -> Vec<Option<String>> {
        let codes: Vec<Option<String>> = cell
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty() && *c != "-")
            .map(|c| Some(c.to_owned()))
            .collect();
        if codes.is_empty() {
            vec![None]
        } else {
            codes
        }
    };
    let sources = codes(source);
    let pairs: Vec<(Option<String>, Option<String>)> = if target == "<>" {
        sources
            .iter()
            .flat_map(|a| {
                sources
                    .iter()
                    .filter(move |b| *b != a)
                    .map(move |b| (a.clone(), b.clone()))
            })
            .collect()
    } else {
        let targets = codes(target);
        sources
            .iter()
            .flat_map(|a| targets.iter().map(move |b| (a.clone(), b.clone())))
            .collect()
    };
    pairs
        .into_iter()
        .map(|(source, target)| GoldEvent {
            source,
            target,
            cameo_root: root.to_owned(),
            cameo: Vec::new(),
            plover: plover.map(str::to_owned),
            date: None,
            modality: None,
            note: None,
        })
        .collect()
}

/// Reads probes; `#` lines and blank lines are skipped. `half` keeps one half.
///
/// # Errors
/// A line without five fields, or with a root that is not `02`–`20` or `-`, with its line number.
pub fn read_event_probes(text: &str, half: Option<Half>) -> Result<Vec<EventProbe>> {
    let mut out = Vec::new();
    for (number, line_no, cells) in crate::half::probe_rows(text) {
        let bad = |why: &str| Error::Format(format!("line {line_no}: {why}"));
        let [sentence, source, target, root, plover] = cells[..] else {
            return Err(bad(
                "expected sentence, source, target, root, plover separated by tabs",
            ));
        };
        let field = |s: &str| (s != "-" && !s.is_empty()).then(|| s.to_owned());
        let gold = match field(root) {
            None => Vec::new(),
            Some(root) => {
                let valid =
                    root.len() == 2 && root.parse::<u8>().is_ok_and(|r| (2..=20).contains(&r));
                if !valid {
                    return Err(bad(&format!("root {root:?} is not 02-20 or -")));
                }
                if target == "<>" && !source.contains('|') {
                    return Err(bad("a joint act (<>) needs several sources"));
                }
                gold_events(source, target, &root, field(plover).as_deref())
            }
        };
        if Half::keeps(half, number) {
            out.push(EventProbe {
                number,
                text: sentence.to_owned(),
                gold,
            });
        }
    }
    Ok(out)
}

/// Scores over a set of probes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EventProbeScore {
    /// Probes scored.
    pub probes: usize,
    /// Negative probes among them.
    pub negatives: usize,
    /// Negative probes given an event.
    pub negatives_coded: usize,
    /// Event matching, summed over the probes.
    pub events: EventScore,
}

impl EventProbeScore {
    /// Scores `doc`, the annotated sentence of `probe`; returns whether the probe came out right
    /// (its event found and no other, or nothing for a negative probe).
    pub fn add(&mut self, doc: &Document, probe: &EventProbe) -> bool {
        let s = score(doc, &probe.gold);
        self.probes += 1;
        if probe.gold.is_empty() {
            self.negatives += 1;
            self.negatives_coded += usize::from(!doc.events.is_empty());
        }
        self.events += s;
        s.counts.tp_gold == probe.gold.len() && s.counts.n_pred == s.counts.tp_pred
    }
}

impl fmt::Display for EventProbeScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.events.counts;
        writeln!(
            f,
            "event probes: {} ({} negative, {} of them given an event)",
            self.probes, self.negatives, self.negatives_coded
        )?;
        writeln!(
            f,
            "  events  P {:.3}  R {:.3}  F1 {:.3}  (matched {}, predicted {}, gold {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp_pred,
            c.n_pred,
            c.n_gold
        )?;
        let p = self.events.plover;
        writeln!(
            f,
            "  PLOVER type over matched  {:.3}  ({}/{})",
            p.value(),
            p.correct,
            p.total
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{Event, Participant, Span};

    const FILE: &str = "# probes\nA expelled B.\tEGY\tETH\t17\tCOERCE\n\nStocks rose.\t-\t-\t-\t-\nC and D met.\tFRA|DEU\t<>\t04\tCONSULT\nE and F condemned G.\tGHA|SEN\tBFA\t11\t-\n";

    #[test]
    fn probes_are_read_and_split_in_halves() {
        let all = read_event_probes(FILE, None).unwrap();
        assert_eq!(all.len(), 4);
        assert!(all[1].gold.is_empty());
        let g = &all[0].gold[0];
        assert_eq!(
            (g.source.as_deref(), g.cameo_root.as_str()),
            (Some("EGY"), "17")
        );
        let pairs = |p: &EventProbe| -> Vec<(String, String)> {
            p.gold
                .iter()
                .map(|g| (g.source.clone().unwrap(), g.target.clone().unwrap()))
                .collect()
        };
        let joint = [("FRA", "DEU"), ("DEU", "FRA")].map(|(a, b)| (a.to_owned(), b.to_owned()));
        assert_eq!(pairs(&all[2]), joint);
        assert_eq!(all[3].gold.len(), 2);
        assert_eq!(all[3].gold[1].source.as_deref(), Some("SEN"));
        assert_eq!(all[3].gold[1].plover, None);
        let even = read_event_probes(FILE, Some(Half::Even)).unwrap();
        assert_eq!((even.len(), even[0].number), (2, 2));
        assert!(read_event_probes("X\tA\tB\t21\tAID\n", None).is_err());
        assert!(read_event_probes("X\tA\tB\t07\n", None).is_err());
        assert!(read_event_probes("X\tA\t<>\t04\t-\n", None).is_err());
    }

    #[test]
    fn the_shipped_probe_file_reads() {
        let text = include_str!("../resources/probes/events.tsv");
        let all = read_event_probes(text, None).unwrap();
        assert_eq!(all.len(), 245);
        assert_eq!(all.iter().filter(|p| p.gold.is_empty()).count(), 40);
        assert!(all
            .iter()
            .flat_map(|p| &p.gold)
            .all(|g| g.source.is_some() || g.target.is_some()));
    }

    fn event(source: &str, target: &str, cameo: &str) -> Event {
        let actor = |a: &str| {
            Some(Participant {
                entity: None,
                actor: Some(a.to_owned()),
                span: None,
            })
        };
        Event {
            source: actor(source),
            target: actor(target),
            cameo: cameo.to_owned(),
            cameo_root: cameo.get(..2).unwrap_or_default().to_owned(),
            goldstein: 0.0,
            quad_class: 0,
            plover: None,
            date: None,
            place: None,
            modality: dateline_core::Modality::Asserted,
            sentence: 0,
            speaker: None,
            trigger: Span::new(0, 1),
            confidence: 0.5,
            rule: None,
        }
    }

    #[test]
    fn a_probe_is_right_with_its_event_alone() {
        let probes = read_event_probes(FILE, None).unwrap();
        let mut score = EventProbeScore::default();
        let mut doc = Document::from_text("A expelled B.");
        doc.events.push(event("EGYGOV", "ETH", "173"));
        assert!(score.add(&doc, &probes[0]));
        doc.events.push(event("ETH", "EGY", "111"));
        assert!(!score.add(&doc, &probes[0]), "an extra event");
        let mut negative = Document::from_text("Stocks rose.");
        assert!(score.add(&negative, &probes[1]));
        negative.events.push(event("USA", "CHN", "163"));
        assert!(!score.add(&negative, &probes[1]));
        assert_eq!((score.negatives, score.negatives_coded), (2, 1));
        let c = score.events.counts;
        assert_eq!((c.tp_pred, c.n_pred, c.n_gold), (2, 4, 2));
    }
}
