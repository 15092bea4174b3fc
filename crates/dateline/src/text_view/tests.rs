//! The terminal view of hand-built documents and of the pipeline's output.

use chrono::NaiveDate;
use dateline_core::{
    Claim, ClaimValue, DateSource, DateValue, Dateline, Document, Entity, EntityType, Event,
    Modality, Participant, Pipeline, Place, Quote, QuoteKind, Segmenter, Span,
};

use super::{render, render_table, render_table_rows, Style, TABLE_COLUMNS};

const STORY: &str =
    "Lloyd Austin told reporters that North Korea had sent military aid to Russia. \
                     “We will respond,” Austin said. Two officials estimated that more than 10,000 \
                     troops were in Kursk.";

const PLAIN: Style = Style { color: false };
const COLOR: Style = Style { color: true };

/// The span of the first `words` in the story.
fn first(words: &str) -> Span {
    let start = STORY.find(words).expect("the words are in the story");
    Span::new(start, start + words.len())
}

/// The span of the last `words` in the story.
fn last(words: &str) -> Span {
    let start = STORY.rfind(words).expect("the words are in the story");
    Span::new(start, start + words.len())
}

fn entity(id: u32, name: &str, kind: EntityType, actor: &str, role: Option<&str>) -> Entity {
    Entity {
        id,
        name: name.to_owned(),
        kind,
        actor: Some(actor.to_owned()),
        country: Some(actor.get(..3).unwrap_or(actor).to_owned()),
        role: role.map(str::to_owned),
        mentions: vec![first(name)],
        kb: None,
        actor_source: None,
        evidence: None,
    }
}

fn participant(entity: u32, actor: &str, words: &str) -> Participant {
    Participant {
        entity: Some(entity),
        actor: Some(actor.to_owned()),
        span: Some(first(words)),
    }
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 10, 30).expect("a date")
}

fn aid_event() -> Event {
    Event {
        source: Some(participant(0, "PRK", "North Korea")),
        target: Some(participant(1, "RUS", "Russia")),
        cameo: "072".to_owned(),
        cameo_root: "07".to_owned(),
        goldstein: 8.3,
        quad_class: 2,
        plover: None,
        date: Some(DateValue::day(day())),
        place: Some(Place {
            name: "Kursk".to_owned(),
            country: Some("RUS".to_owned()),
            lat: None,
            lon: None,
        }),
        modality: Modality::Reported,
        sentence: 0,
        speaker: Some(2),
        trigger: first("sent"),
        confidence: 0.9,
        rule: None,
    }
}

fn story_quotes() -> Vec<Quote> {
    vec![
        Quote {
            kind: QuoteKind::Direct,
            span: first("We will respond,"),
            speaker: Some(2),
            speaker_mention: Some(last("Austin")),
            speaker_description: None,
            speaker_type: None,
            co_speakers: Vec::new(),
            cue: Some(first("said")),
        },
        Quote {
            kind: QuoteKind::Indirect,
            span: first("more than 10,000 troops were in Kursk"),
            speaker: None,
            speaker_mention: None,
            speaker_description: Some("two officials".to_owned()),
            speaker_type: None,
            co_speakers: Vec::new(),
            cue: Some(first("estimated")),
        },
    ]
}

/// A segmented story with metadata, three entities, an event, two quotes and a claim, built by
/// hand.
fn story() -> Document {
    let mut doc = Document::from_text(STORY);
    Pipeline::new(vec![Box::new(Segmenter::default())]).run(&mut doc);
    doc.meta.headline = Some("North Korea sends military aid to Russia".to_owned());
    doc.meta.authors = vec!["Jane Doe".to_owned()];
    doc.meta.dateline = Some(Dateline {
        place: "WASHINGTON".to_owned(),
        agency: Some("Reuters".to_owned()),
        span: None,
    });
    doc.meta.published = Some(day());
    doc.meta.published_source = Some(DateSource::Markup);
    doc.source.url = Some("https://example.com/world/north-korea-sends-aid-to-russia".to_owned());
    doc.entities = vec![
        entity(0, "North Korea", EntityType::Gpe, "PRK", None),
        entity(1, "Russia", EntityType::Gpe, "RUS", None),
        entity(
            2,
            "Lloyd Austin",
            EntityType::Person,
            "USAGOV",
            Some("defense secretary"),
        ),
    ];
    doc.events = vec![aid_event()];
    doc.quotes = story_quotes();
    doc.claims = vec![Claim {
        value: ClaimValue::Number(10_000.0),
        qualifier: Some("more than".to_owned()),
        counts: Some("troops".to_owned()),
        category: Some("troops".to_owned()),
        speaker: None,
        speaker_text: Some(first("Two officials")),
        span: first("more than 10,000"),
    }];
    doc
}

/// `text` without its ANSI escape sequences.
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for end in chars.by_ref() {
                if end.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn events_read_as_sentences_with_names_and_labels() {
    let out = render(&story(), &PLAIN, 200);
    let expected = "North Korea (PRK) → Provide military aid [072] → Russia (RUS) · reported by \
                    Lloyd Austin · 2024-10-30 · Kursk";
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == expected)
        .unwrap_or_else(|| panic!("no event sentence in\n{out}"));
    let evidence = lines.get(at + 1).copied().unwrap_or_default();
    assert!(
        evidence.starts_with("      Lloyd Austin told reporters"),
        "{out}"
    );
    assert!(
        out.starts_with("North Korea sends military aid to Russia\n"),
        "{out}"
    );
    assert!(out.contains("Published  2024-10-30 (from markup)"), "{out}");
    assert!(out.contains("Dateline   WASHINGTON (Reuters)"), "{out}");
    assert!(out.contains("By         Jane Doe"), "{out}");
}

#[test]
fn quotes_sit_under_their_speakers() {
    let out = render(&story(), &PLAIN, 200);
    let lines: Vec<&str> = out.lines().collect();
    let austin = lines
        .iter()
        .position(|l| l.trim() == "Lloyd Austin (USAGOV), defense secretary · 1 quote")
        .unwrap_or_else(|| panic!("no speaker line in\n{out}"));
    assert_eq!(
        lines.get(austin + 1).copied(),
        Some("    [direct · said] “We will respond,”"),
        "{out}"
    );
    let officials = lines
        .iter()
        .position(|l| l.trim() == "two officials · 1 quote")
        .unwrap_or_else(|| panic!("no description line in\n{out}"));
    assert_eq!(
        lines.get(officials + 1).copied(),
        Some("    [indirect · estimated] more than 10,000 troops were in Kursk"),
        "{out}"
    );
}

#[test]
fn entities_and_claims_have_a_line_each() {
    let out = render(&story(), &PLAIN, 200);
    let korea = out
        .lines()
        .find(|l| l.starts_with("  North Korea") && l.contains("GPE"))
        .unwrap_or_else(|| panic!("no entity line in\n{out}"));
    let columns: Vec<&str> = korea.split_whitespace().collect();
    assert_eq!(
        columns,
        ["North", "Korea", "GPE", "PRK", "PRK", "1"],
        "{out}"
    );
    assert!(
        out.contains("  more than 10,000 troops [troops] · according to Two officials\n"),
        "{out}"
    );
    assert!(out.contains("Entities (3)"), "{out}");
}

#[test]
fn empty_sections_say_so() {
    let out = render(&Document::from_text("Nothing happened."), &PLAIN, 80);
    for empty in [
        "no events found",
        "no quotes found",
        "no entities found",
        "no claims found",
    ] {
        assert!(out.contains(empty), "{empty} missing from\n{out}");
    }
    assert!(out.contains("Published  unknown"), "{out}");
}

#[test]
fn colour_only_when_asked_and_the_layout_stays() {
    let doc = story();
    let plain = render(&doc, &PLAIN, 80);
    let colored = render(&doc, &COLOR, 80);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    assert!(colored.contains("\u{1b}["), "{colored}");
    assert_eq!(strip_ansi(&colored), plain);
    let rows = table_rows(&[doc]);
    assert!(!render_table(&rows, &PLAIN, 80).contains('\u{1b}'));
    let table = render_table(&rows, &COLOR, 80);
    assert_eq!(strip_ansi(&table), render_table(&rows, &PLAIN, 80));
}

#[test]
fn no_line_is_wider_than_the_width() {
    let mut doc = story();
    doc.meta.headline = Some(format!("A{} headline", "very".repeat(30)));
    for width in [24, 31, 40, 57, 80, 120] {
        for (colour, style) in [("plain", &PLAIN), ("colour", &COLOR)] {
            let out = strip_ansi(&render(&doc, style, width));
            for line in out.lines() {
                assert!(
                    line.chars().count() <= width,
                    "{colour} line of {} > {width}: {line:?}\n{out}",
                    line.chars().count()
                );
                assert!(!line.ends_with(' '), "trailing blank: {line:?}");
            }
        }
    }
}

fn table_rows(docs: &[Document]) -> Vec<[String; TABLE_COLUMNS]> {
    let mut rows = Vec::new();
    for doc in docs {
        render_table_rows(doc, &mut rows);
    }
    rows
}

#[test]
fn the_table_has_a_line_per_event_and_fits() {
    let rows = table_rows(&[story(), Document::from_text("Nothing happened.")]);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        [
            "North Korea sends military aid to Russia",
            "2024-10-30",
            "North Korea (PRK)",
            "072 Provide military aid",
            "Russia (RUS)",
            "reported by Lloyd Austin",
        ]
    );
    assert_eq!(rows[1][3], "no events found");
    let wide = render_table(&rows, &PLAIN, 200);
    assert_eq!(wide.lines().count(), 3, "{wide}");
    assert!(wide.starts_with("document"), "{wide}");
    assert!(wide.contains("072 Provide military aid"), "{wide}");
    for width in [24, 50, 90] {
        let narrow = render_table(&rows, &PLAIN, width);
        assert_eq!(narrow.lines().count(), 3, "{narrow}");
        for line in narrow.lines() {
            assert!(
                line.chars().count() <= width,
                "{line:?} > {width}\n{narrow}"
            );
            assert!(!line.ends_with(' '), "trailing blank: {line:?}");
        }
    }
    assert!(render_table(&[], &PLAIN, 80).contains("no events found"));
}

#[test]
fn the_pipeline_output_reads_as_sentences() {
    let mut doc =
        Document::from_text("Turkey condemned Syria on Monday for the shelling of a border town.");
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()).run(&mut doc);
    let event = doc.events.first().expect("the pipeline codes an event");
    let out = render(&doc, &PLAIN, 100);
    let line = out
        .lines()
        .find(|l| l.contains('→'))
        .unwrap_or_else(|| panic!("no event sentence in\n{out}"));
    assert!(line.contains("Turkey"), "{out}");
    assert!(line.contains("Syria"), "{out}");
    assert!(line.contains(&format!("[{}]", event.cameo)), "{out}");
    assert!(
        out.contains(&format!("Events ({})", doc.events.len())),
        "{out}"
    );
}
