//! Event scoring: one-to-one matching on (source country, target country, CAMEO root), then the
//! specific code, PLOVER type, date and modality of matched events.

use dateline_core::{Document, Event, Modality, Participant};
use serde::Serialize;

use crate::counts::{Accuracy, Counts};
use crate::gold::GoldEvent;
use crate::matching::match_one_to_one;

/// Event scores of one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EventScore {
    /// Matching counts.
    pub counts: Counts,
    /// Over matched events: the predicted specific code is in the gold `cameo` list.
    pub code: Accuracy,
    /// Over matched events whose gold has a PLOVER type: the predicted type equals it.
    pub plover: Accuracy,
    /// Over matched events: the predicted date equals the gold date, and a gold event without a
    /// date (the text does not allow one) wants no predicted date.
    pub date: Accuracy,
    /// Over matched events: the predicted modality fits the gold one (see [`modality_fits`]).
    pub modality: Accuracy,
}

impl std::ops::AddAssign for EventScore {
    fn add_assign(&mut self, other: Self) {
        self.counts += other.counts;
        self.code += other.code;
        self.plover += other.plover;
        self.date += other.date;
        self.modality += other.modality;
    }
}

/// Region codes: compared whole, like `INT` and `UIS`.
const REGIONS: &[&str] = &[
    "AFR", "ASA", "EUR", "MEA", "NAF", "SAF", "WAF", "EAF", "CAF", "SAS", "SEA", "CAS", "WST",
    "EST", "LAM", "CAR", "NMR", "SAM", "BLK", "BAL", "CAU", "MDT", "SCN",
];

/// The "country" of an actor code for matching: the first three letters (`USAGOV` → `USA`); the
/// first six for international codes (`IGOUNOIAE` → `IGOUNO`); the whole code for `INT`, `UIS`
/// and region codes.
#[must_use]
pub fn country_of(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    let prefix: String = code.chars().take(3).collect();
    if dateline_core::is_international(&code) {
        code.chars().take(6).collect()
    } else if prefix == "INT" || prefix == "UIS" || REGIONS.contains(&prefix.as_str()) {
        code
    } else {
        prefix
    }
}

/// Whether two optional actor codes have the same country; `None` matches only `None`.
#[must_use]
pub fn same_country(pred: Option<&str>, gold: Option<&str>) -> bool {
    match (nonempty(pred), nonempty(gold)) {
        (None, None) => true,
        (Some(p), Some(g)) => country_of(p) == country_of(g),
        _ => false,
    }
}

fn nonempty(code: Option<&str>) -> Option<&str> {
    code.map(str::trim).filter(|c| !c.is_empty())
}

fn actor(participant: Option<&Participant>) -> Option<&str> {
    participant.and_then(|p| p.actor.as_deref())
}

fn root(code: &str) -> &str {
    code.trim().get(..2).unwrap_or(code)
}

/// The predicted root: `cameo_root`, or the root of `cameo` when it is empty.
fn pred_root(event: &Event) -> &str {
    if event.cameo_root.trim().is_empty() {
        root(&event.cameo)
    } else {
        event.cameo_root.trim()
    }
}

/// Whether the predicted root is the gold `cameo_root` or the root of a gold code.
fn root_matches(pred: &Event, gold: &GoldEvent) -> bool {
    let r = pred_root(pred);
    !r.is_empty() && (r == gold.cameo_root.trim() || gold.cameo.iter().any(|c| root(c) == r))
}

fn code_ok(pred: &Event, gold: &GoldEvent) -> bool {
    gold.cameo.iter().any(|c| c.trim() == pred.cameo.trim())
}

fn plover_ok(pred: &Event, gold: &str) -> bool {
    pred.plover
        .as_ref()
        .is_some_and(|p| p.kind.trim().eq_ignore_ascii_case(gold.trim()))
}

/// Whether a predicted modality fits the gold one: no gold modality wants `Asserted` or
/// `Reported`; `intent` wants `Intended`; `conditional`, `negated` and `hypothetical` want
/// themselves. An unknown gold value fits nothing.
#[must_use]
pub fn modality_fits(pred: Modality, gold: Option<&str>) -> bool {
    let gold = gold.map(|g| g.trim().to_ascii_lowercase());
    match gold.as_deref() {
        None | Some("" | "asserted" | "reported") => {
            matches!(pred, Modality::Asserted | Modality::Reported)
        }
        Some("intent" | "intended") => pred == Modality::Intended,
        Some("conditional") => pred == Modality::Conditional,
        Some("negated") => pred == Modality::Negated,
        Some("hypothetical") => pred == Modality::Hypothetical,
        Some(_) => false,
    }
}

/// Scores the events of `doc` against `gold`.
///
/// Matching is one-to-one and greedy; among matching pairs, an exact code, then an agreeing
/// PLOVER type, then the exact gold root is preferred.
#[must_use]
pub fn score(doc: &Document, gold: &[GoldEvent]) -> EventScore {
    let pred = &doc.events;
    let pairs = match_one_to_one(pred.len(), gold.len(), |p, g| {
        let (p, g) = (&pred[p], &gold[g]);
        let matches = same_country(actor(p.source.as_ref()), g.source.as_deref())
            && same_country(actor(p.target.as_ref()), g.target.as_deref())
            && root_matches(p, g);
        matches.then(|| {
            let plover = g.plover.as_deref().is_some_and(|k| plover_ok(p, k));
            4 * u32::from(!code_ok(p, g))
                + 2 * u32::from(!plover)
                + u32::from(pred_root(p) != g.cameo_root.trim())
        })
    });
    // `-vv`: what went unmatched, for error analysis on a development half.
    for (g, event) in gold.iter().enumerate() {
        if !pairs.iter().any(|&(_, pg)| pg == g) {
            tracing::debug!(
                source = ?event.source,
                target = ?event.target,
                root = %event.cameo_root,
                note = ?event.note,
                "gold event missed"
            );
        }
    }
    for (k, event) in pred.iter().enumerate() {
        if !pairs.iter().any(|&(pk, _)| pk == k) {
            tracing::debug!(
                source = ?actor(event.source.as_ref()),
                target = ?actor(event.target.as_ref()),
                cameo = %event.cameo,
                trigger = %event.trigger.get(&doc.text).unwrap_or_default(),
                rule = ?event.rule,
                "event not in the gold"
            );
        }
    }
    let mut score = EventScore {
        counts: Counts::one_to_one(pairs.len(), pred.len(), gold.len()),
        ..EventScore::default()
    };
    for &(p, g) in &pairs {
        let (p, g) = (&pred[p], &gold[g]);
        score.code.record(code_ok(p, g));
        if let Some(kind) = &g.plover {
            score.plover.record(plover_ok(p, kind));
        }
        let predicted_date = p.date.map(|d| d.to_string());
        score
            .date
            .record(nonempty(predicted_date.as_deref()) == nonempty(g.date.as_deref()));
        score
            .modality
            .record(modality_fits(p.modality, g.modality.as_deref()));
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_doc::event;

    #[test]
    fn country_rule() {
        assert_eq!(country_of("USAGOV"), "USA");
        assert_eq!(country_of("IGOUNOIAE"), "IGOUNO");
        assert_eq!(country_of("ngohlhmsf"), "NGOHLH");
        assert_eq!(country_of("AFRGOV"), "AFRGOV");
        assert_eq!(country_of("INT"), "INT");
        assert!(same_country(Some("USAGOV"), Some("USA")));
        assert!(same_country(Some("IGOUNOIAE"), Some("IGOUNO")));
        assert!(!same_country(Some("IGOUNOIAE"), Some("IGOEUREEC")));
        assert!(
            !same_country(Some("AFR"), Some("AFRGOV")),
            "regions compare whole"
        );
        assert!(same_country(None, None));
        assert!(!same_country(Some("USA"), None), "null matches only null");
        assert!(same_country(Some(" "), None));
    }

    fn gold(
        source: &str,
        target: Option<&str>,
        root: &str,
        cameo: &[&str],
        plover: &str,
    ) -> GoldEvent {
        GoldEvent {
            source: Some(source.into()),
            target: target.map(Into::into),
            cameo_root: root.into(),
            cameo: cameo.iter().map(|&c| c.into()).collect(),
            plover: Some(plover.into()),
            ..GoldEvent::default()
        }
    }

    #[test]
    fn matches_on_countries_and_root() {
        let mut d = Document::from_text("text");
        d.events = vec![
            event(Some("USAGOV"), Some("PRK"), "112", "ACCUSE"),
            event(Some("IGOUNOIAE"), Some("IRN"), "130", "THREATEN"),
            event(Some("RUS"), None, "190", "ASSAULT"),
        ];
        let gold = [
            gold("USA", Some("PRKGOV"), "11", &["111", "110"], "ACCUSE"),
            gold("IGOUNO", Some("IRN"), "10", &["100", "130"], "REQUEST"),
            gold("RUS", Some("UKR"), "19", &["190"], "ASSAULT"),
        ];
        let s = score(&d, &gold);
        assert_eq!(
            s.counts,
            Counts::one_to_one(2, 3, 3),
            "RUS→None does not match RUS→UKR"
        );
        assert_eq!(
            s.code,
            Accuracy {
                correct: 1,
                total: 2
            },
            "112 is not listed, 130 is"
        );
        assert_eq!(
            s.plover,
            Accuracy {
                correct: 1,
                total: 2
            }
        );
        assert_eq!(
            s.date,
            Accuracy {
                correct: 2,
                total: 2
            },
            "no gold date, none predicted"
        );
        assert_eq!(
            s.modality,
            Accuracy {
                correct: 2,
                total: 2
            }
        );
    }

    #[test]
    fn modality_rule() {
        assert!(modality_fits(Modality::Reported, None));
        assert!(!modality_fits(Modality::Intended, None));
        assert!(modality_fits(Modality::Intended, Some("intent")));
        assert!(!modality_fits(Modality::Asserted, Some("intent")));
        assert!(modality_fits(Modality::Negated, Some("negated")));
        assert!(!modality_fits(Modality::Negated, Some("unheard-of")));
    }
}
