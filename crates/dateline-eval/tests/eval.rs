//! End-to-end scoring through the public API: hand-built documents against inline gold, the dev
//! gold set and the GUM news treebank when `../shared` is present.

#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};

use dateline_core::{
    Claim, ClaimValue, Dateline, Document, EntityType, Modality, Quote, QuoteKind, Segmenter, Span,
};
use dateline_eval::normalize::{norm, tokens};
use dateline_eval::segmentation::evaluate_conllu;
use dateline_eval::{
    evaluate_conllu_dir, load_gold_dir, score_document, Counts, Error, Gold, Report,
};
use test_doc::{claim, entity, event, quote, with_entities};

/// The layer builders the unit tests use, shared by path.
#[path = "../src/test_doc.rs"]
mod test_doc;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn shared(sub: &str) -> Option<PathBuf> {
    let path = Path::new(SHARED).join(sub);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

/// Exactly zero, which NaN is not.
fn is_zero(x: f64) -> bool {
    x.abs() < 1e-12
}

fn gold(json: &str) -> Gold {
    serde_json::from_str(json).expect("test gold parses")
}

#[test]
fn normalisation_unifies_quotes_and_ignores_punctuation() {
    assert_eq!(
        norm("Ukraine’s  “Defense” Ministry!"),
        "ukraine's defense ministry"
    );
    assert_eq!(
        norm("Ukraine's \"defense\" ministry"),
        "ukraine's defense ministry"
    );
    assert_eq!(
        tokens("U.S.-led, 10,000 troops."),
        ["us", "led", "10000", "troops"]
    );
}

#[test]
fn counts_math_and_micro_average() {
    let a = Counts::one_to_one(3, 4, 6);
    assert!((a.precision() - 0.75).abs() < 1e-12);
    assert!((a.recall() - 0.5).abs() < 1e-12);
    assert!((a.f1() - 0.6).abs() < 1e-12);
    let sum = a + Counts::one_to_one(0, 4, 0);
    assert!((sum.precision() - 3.0 / 8.0).abs() < 1e-12);
    assert!(is_zero(Counts::default().f1()));
}

#[test]
fn entity_matches_through_also_form() {
    let d = with_entities(
        "Yatsenyuk met Russian envoys.",
        &[
            ("Yatsenyuk", EntityType::Person, Some("UKRGOV")),
            ("Russian", EntityType::Norp, None),
        ],
    );
    let g = gold(
        r#"{"entities": [
            {"name": "Arseniy Yatsenyuk", "type": "PERSON", "actor": "UKRGOV", "also": ["Yatsenyuk"]},
            {"name": "Russia", "type": "GPE", "actor": "RUS", "also": ["Russian"]}
        ]}"#,
    );
    let s = score_document(&d, &g).entities;
    assert_eq!(
        s.counts,
        Counts::one_to_one(1, 2, 2),
        "NORP Russian is not GPE Russia"
    );
    assert_eq!((s.actor.correct, s.actor.total), (1, 1));
}

const QUOTE_TEXT: &str =
    "Ukraine's prime minister said the conflict in Crimea has entered a military \
phase. A military spokesman said one soldier was killed and another injured.";

/// An indirect quote of `content` in `QUOTE_TEXT`, cued by `said`.
fn said(content: &str, speaker: Option<u32>) -> Quote {
    quote(
        QUOTE_TEXT,
        QuoteKind::Indirect,
        content,
        speaker,
        Some("said"),
    )
}

fn quote_gold() -> Gold {
    gold(
        r#"{"entities": [{"name": "Arseniy Yatsenyuk", "type": "PERSON",
                          "also": ["Yatsenyuk", "Ukraine's prime minister"]}],
            "quotes": [
              {"kind": "indirect", "text": "the conflict in Crimea has entered a military phase",
               "speaker": "Arseniy Yatsenyuk", "cue": "said"},
              {"kind": "indirect", "text": "one soldier was killed and another injured",
               "speaker": "a military spokesman", "cue": "said"}
            ]}"#,
    )
}

#[test]
fn quote_coverage_threshold_both_ways() {
    let g = quote_gold();
    let mut d = Document::from_text(QUOTE_TEXT);
    // 5 of 9 gold tokens: found. 4 of 7: found.
    d.quotes = vec![
        said("has entered a military phase", None),
        said("killed and another injured", None),
    ];
    let s = score_document(&d, &g).quotes;
    assert_eq!(s.indirect, Counts::one_to_one(2, 2, 2));

    // 4 of 9 and 3 of 7: not found, though each prediction lies wholly inside a gold quote.
    d.quotes = vec![
        said("entered a military phase", None),
        said("and another injured", None),
    ];
    let s = score_document(&d, &g).quotes;
    assert_eq!(
        s.indirect,
        Counts {
            tp_pred: 2,
            n_pred: 2,
            tp_gold: 0,
            n_gold: 2
        }
    );

    // One prediction running across both gold quotes finds both (6 of 9 and 7 of 7 tokens) and
    // is correct, though fewer than half of its own 18 tokens lie in either.
    d.quotes = vec![said(
        "Crimea has entered a military phase. A military spokesman said one soldier was killed and another injured",
        None,
    )];
    let s = score_document(&d, &g).quotes;
    assert_eq!(
        s.indirect,
        Counts {
            tp_pred: 1,
            n_pred: 1,
            tp_gold: 2,
            n_gold: 2
        },
        "{s:?}"
    );
}

#[test]
fn speakers_by_entity_and_by_description() {
    let g = quote_gold();
    let mut d = with_entities(
        QUOTE_TEXT,
        &[("Ukraine's prime minister", EntityType::Person, None)],
    );
    let mut by_description = said("one soldier was killed and another injured", None);
    by_description.speaker_description = Some("the spokesman".into());
    d.quotes = vec![
        said(
            "the conflict in Crimea has entered a military phase",
            Some(0),
        ),
        by_description,
    ];
    let s = score_document(&d, &g).quotes;
    assert_eq!((s.speaker.correct, s.speaker.total), (2, 2));
    assert_eq!(s.attributed, Counts::one_to_one(2, 2, 2));
    assert_eq!((s.cue.correct, s.cue.total), (2, 2));

    // "officials" covers none of "military spokesman".
    d.quotes[1].speaker_description = Some("officials".into());
    let s = score_document(&d, &g).quotes;
    assert_eq!((s.speaker.correct, s.speaker.total), (1, 2));
    assert_eq!(s.attributed, Counts::one_to_one(1, 2, 2));
}

#[test]
fn event_country_rule() {
    let mut d = Document::from_text("text");
    d.events = vec![
        event(Some("IGOUNOIAE"), Some("IRN"), "130", "THREATEN"),
        event(Some("USAGOV"), Some("PRK"), "111", "ACCUSE"),
        event(Some("IGOEUREEC"), Some("RUS"), "163", "SANCTION"),
        event(Some("RUS"), None, "190", "ASSAULT"),
    ];
    let g = gold(
        r#"{"events": [
            {"source": "IGOUNO", "target": "IRN", "cameo_root": "13", "cameo": ["130"], "plover": "THREATEN"},
            {"source": "USA", "target": "PRK", "cameo_root": "11", "cameo": ["111"], "plover": "ACCUSE"},
            {"source": "IGOWSTNAT", "target": "RUS", "cameo_root": "16", "cameo": ["163"], "plover": "SANCTION"},
            {"source": "RUS", "target": null, "cameo_root": "19", "cameo": ["190"], "plover": "ASSAULT",
             "modality": "intent"}
        ]}"#,
    );
    let s = score_document(&d, &g).events;
    assert_eq!(
        s.counts,
        Counts::one_to_one(3, 4, 4),
        "IGOEUR is not IGOWST: {s:?}"
    );
    assert_eq!((s.code.correct, s.code.total), (3, 3));
    assert_eq!((s.plover.correct, s.plover.total), (3, 3));
    assert_eq!(
        (s.modality.correct, s.modality.total),
        (2, 3),
        "intent wants Intended"
    );
}

#[test]
fn claim_numeric_and_word_match() {
    let text = "Some 10,000 troops and dozens of tanks.";
    let mut d = Document::from_text(text);
    d.claims = vec![
        Claim {
            counts: Some("troops".into()),
            ..claim(text, ClaimValue::Number(10_000.000_000_001), None, "10,000")
        },
        claim(text, ClaimValue::Word("Dozens".into()), None, "dozens"),
    ];
    let g = gold(
        r#"{"claims": [{"value": 10000, "what": "troops", "speaker": null},
                       {"value": "dozens", "what": "tanks", "speaker": null},
                       {"value": 3, "what": "ships", "speaker": null}]}"#,
    );
    assert_eq!(
        score_document(&d, &g).claims.counts,
        Counts::one_to_one(2, 2, 3)
    );
}

#[test]
fn document_without_predictions_scores_zero_without_nan() {
    let g = quote_gold();
    let mut report = Report::new();
    report.add(
        "empty",
        score_document(&Document::from_text(QUOTE_TEXT), &g),
    );
    let t = &report.total;
    assert_eq!(t.entities.counts, Counts::one_to_one(0, 0, 1));
    for value in [
        t.entities.counts.precision(),
        t.entities.counts.f1(),
        t.entities.actor.value(),
        t.quotes.indirect.f1(),
        t.quotes.attributed.f1(),
        t.quotes.speaker.value(),
        t.events.counts.f1(),
        t.claims.counts.f1(),
    ] {
        assert!(is_zero(value), "{value} is not 0");
    }
    let table = report.render();
    assert!(!table.to_lowercase().contains("nan"), "{table}");
    let json = serde_json::to_value(&report).expect("report serialises");
    assert_eq!(json["total"]["quotes"]["indirect"]["f1"], 0.0);
    assert_eq!(json["documents"][0]["name"], "empty");
}

#[test]
fn metadata_from_a_wire_story() {
    let mut d = Document::from_text("Body.");
    d.meta.authors = vec!["Phil Stewart".into()];
    d.meta.dateline = Some(Dateline {
        place: "WASHINGTON".into(),
        agency: Some("Reuters".into()),
        span: None,
    });
    let g = gold(
        r#"{"metadata": {"authors": ["Phil Stewart", "Jonathan Landay"], "dateline": "Washington",
                         "agency": "Reuters", "editors": []}}"#,
    );
    let m = score_document(&d, &g).metadata;
    assert_eq!((m.total().correct, m.total().total), (3, 4), "{m:?}");
    assert_eq!(m.authors.correct, 0);
}

#[test]
fn segmentation_on_inline_conllu() {
    let conllu = "# newpar\n# text = Gen. Lee arrived in the U.S. on Jan. 5.\n\
                  # text = He left.\n# newpar\n# text = Talks\n";
    let file = evaluate_conllu("inline", conllu, &Segmenter::default());
    assert_eq!(file.sentences, 3);
    assert_eq!(file.all.n_gold, 2);
    assert_eq!(file.within_paragraph.n_gold, 1);
    assert_eq!(file.all, Counts::one_to_one(2, 2, 2), "{file:?}");
}

#[test]
fn dev_gold_loads_and_empty_documents_score_zero() {
    let Some(dir) = shared("eval/dev") else {
        return;
    };
    let cases = load_gold_dir(&dir).expect("dev gold loads");
    assert!(!cases.is_empty());
    assert!(
        cases.windows(2).all(|w| w[0].name < w[1].name),
        "sorted by name"
    );
    let mut report = Report::new();
    for case in &cases {
        assert!(case.text_path.is_file(), "{}", case.text_path.display());
        assert!(!case.gold.entities.is_empty(), "{} has entities", case.name);
        report.add(
            &case.name,
            score_document(&Document::from_text("Nothing predicted."), &case.gold),
        );
    }
    let t = &report.total;
    assert_eq!(t.entities.counts.tp_gold, 0);
    assert!(
        t.entities.counts.n_gold > 0 && t.quotes.indirect.n_gold > 0 && t.events.counts.n_gold > 0
    );
    assert!(!report.render().to_lowercase().contains("nan"));
}

#[test]
fn malformed_gold_names_its_file() {
    let dir = std::env::temp_dir().join(format!("dateline-eval-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("bad.txt"), "text").expect("write");
    std::fs::write(dir.join("bad.gold.json"), "{\"entities\": [").expect("write");
    std::fs::write(dir.join("lonely.txt"), "no gold").expect("write");
    let result = load_gold_dir(&dir);
    std::fs::remove_dir_all(&dir).ok();
    match result {
        Err(err @ Error::Gold { .. }) => {
            assert!(err.to_string().contains("bad.gold.json"), "{err}");
        }
        other => panic!("expected a gold error, got {other:?}"),
    }
}

#[test]
fn gum_news_sentence_boundaries() {
    let Some(dir) = shared("data/gum-news") else {
        return;
    };
    let score = evaluate_conllu_dir(&dir).expect("GUM news reads");
    eprintln!("{score}");
    for file in &score.files {
        for (label, errors) in [("missed", &file.missed), ("spurious", &file.spurious)] {
            for e in errors {
                eprintln!("{label:>8} {}: {} | {}", file.name, e.before, e.after);
            }
        }
    }
    assert_eq!(score.files.len(), 24);
    let sentences: usize = score.files.iter().map(|f| f.sentences).sum();
    assert_eq!(
        score.all.n_gold,
        sentences - score.files.len(),
        "one boundary per sentence but the last"
    );
    assert!(score.within_paragraph.n_gold < score.all.n_gold);
    let f1 = score.all.f1();
    assert!((0.0..=1.0).contains(&f1) && f1 > 0.0);
}

/// Predictions copied from the gold itself, so that every layer should score full marks.
fn predictions_from_gold(text: &str, gold: &Gold) -> Document {
    let mut d = Document::from_text(text);
    let m = &gold.metadata;
    d.meta.headline.clone_from(&m.headline);
    d.meta.authors.clone_from(&m.authors);
    d.meta.editors.clone_from(&m.editors);
    d.meta.agency.clone_from(&m.agency);
    d.meta.dateline = m.dateline.as_ref().map(|place| Dateline {
        place: place.clone(),
        agency: None,
        span: None,
    });
    d.entities = gold
        .entities
        .iter()
        .zip(0..)
        .map(|(e, id)| {
            let kind = serde_json::from_value(serde_json::Value::String(e.kind.clone()))
                .expect("gold entity type is an EntityType");
            entity(text, id, &e.name, kind, e.actor.as_deref(), &[])
        })
        .collect();
    let entity_id = |name: &str| {
        gold.entities
            .iter()
            .position(|e| norm(&e.name) == norm(name))
            .map(|i| u32::try_from(i).expect("few entities"))
    };
    d.quotes = gold
        .quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.as_deref().and_then(entity_id);
            Quote {
                speaker_description: speaker.map_or_else(|| q.speaker.clone(), |_| None),
                cue: q
                    .cue
                    .as_deref()
                    .and_then(|c| text.find(c).map(|s| Span::new(s, s + c.len()))),
                ..quote(text, q.kind, &q.text, speaker, None)
            }
        })
        .collect();
    d.events =
        gold.events
            .iter()
            .map(|g| {
                let mut e = event(
                    g.source.as_deref(),
                    g.target.as_deref(),
                    &g.cameo[0],
                    g.plover.as_deref().unwrap_or_default(),
                );
                e.date = g.date.as_deref().map(|d| {
                    dateline_core::DateValue::parse(d).expect("gold dates are well formed")
                });
                e.modality = match g.modality.as_deref() {
                    None => Modality::Asserted,
                    Some("intent") => Modality::Intended,
                    Some("conditional") => Modality::Conditional,
                    Some("negated") => Modality::Negated,
                    Some(_) => Modality::Hypothetical,
                };
                e
            })
            .collect();
    // A claim speaker is an entity: claims by a described speaker cannot be copied.
    d.claims = gold
        .claims
        .iter()
        .filter_map(|c| {
            let speaker = match c.speaker.as_deref() {
                Some(name) => Some(entity_id(name)?),
                None => None,
            };
            Some(Claim {
                value: c.value.clone(),
                qualifier: None,
                counts: Some(c.what.clone()),
                category: None,
                speaker,
                speaker_text: None,
                span: Span::new(0, 0),
            })
        })
        .collect();
    d
}

#[test]
fn dev_gold_copied_into_predictions_scores_full_marks() {
    let Some(dir) = shared("eval/dev") else {
        return;
    };
    let mut report = Report::new();
    let mut copied_claims = 0;
    for case in load_gold_dir(&dir).expect("dev gold loads") {
        let text = std::fs::read_to_string(&case.text_path).expect("article reads");
        let d = predictions_from_gold(&text, &case.gold);
        copied_claims += d.claims.len();
        report.add(&case.name, score_document(&d, &case.gold));
    }
    let t = &report.total;
    let full = |c: Counts| c.tp_pred == c.n_pred && c.tp_gold == c.n_gold && c.n_gold > 0;
    let all = |a: dateline_eval::Accuracy| a.correct == a.total && a.total > 0;
    assert!(all(t.metadata.total()), "{:?}", t.metadata);
    assert!(
        full(t.entities.counts) && all(t.entities.actor),
        "{:?}",
        t.entities
    );
    let q = &t.quotes;
    assert!(
        full(q.direct) && full(q.indirect) && full(q.attributed),
        "{q:?}"
    );
    assert!(all(q.speaker) && all(q.kind) && all(q.cue), "{q:?}");
    let e = &t.events;
    assert!(full(e.counts), "{e:?}");
    assert!(
        all(e.code) && all(e.plover) && all(e.date) && all(e.modality),
        "{e:?}"
    );
    let c = t.claims.counts;
    assert_eq!(
        (c.tp_pred, c.n_pred, c.tp_gold),
        (copied_claims, copied_claims, copied_claims)
    );
}
