//! Inputs built to be slow: 1 MB without a space, 100,000 quote marks, HTML nested 200,000
//! deep, a 10 MB single sentence. Each must be read and annotated in time linear in its size;
//! the bounds are generous (a quadratic step on these sizes takes minutes to hours, the linear
//! pipeline seconds), so a slow machine does not make them flaky. Every output must be valid.

#![allow(clippy::print_stderr)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use dateline_core::{validate, Document};
use dateline_ingest::{read_html, read_text, HtmlOrigin};

/// Far above the seconds these take, far below what a quadratic step would.
const BOUND: Duration = Duration::from_secs(300);

/// The standard pipeline without a work budget, so that the stages themselves are measured.
fn unbounded() -> dateline_core::Pipeline {
    let mut config = dateline_nlp::Config::default();
    config.max_tokens = usize::MAX;
    dateline_nlp::standard_pipeline(&config)
}

fn annotate(what: &str, mut doc: Document) {
    let pipeline = unbounded();
    let started = Instant::now();
    pipeline.run(&mut doc);
    let took = started.elapsed();
    assert!(took < BOUND, "{what}: annotation took {took:?}");
    if let Err(err) = validate(&doc) {
        panic!("{what}: {err}");
    }
    eprintln!("{what}: {} bytes annotated in {took:?}", doc.text.len());
}

/// A deterministic stream of pseudo-random numbers (no dependency, same on every machine).
fn numbers(mut state: u64) -> impl Iterator<Item = usize> {
    std::iter::repeat_with(move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 33) as usize
    })
}

#[test]
fn a_megabyte_without_spaces() {
    let letters = b"abcdefghij.,-";
    let text: String = numbers(1)
        .take(1_000_000)
        .map(|n| char::from(letters[n % letters.len()]))
        .collect();
    let doc = read_text(text.as_bytes(), None).unwrap();
    annotate("1 MB without spaces", doc);
}

#[test]
fn a_hundred_thousand_quote_marks() {
    for marks in ["\"", "“", "\" \u{201d} '"] {
        let text = marks.repeat(100_000 / marks.chars().count());
        annotate("100,000 quote marks", Document::from_text(text));
    }
}

#[test]
fn html_nested_two_hundred_thousand_deep() {
    let depth = 200_000;
    let page = format!(
        "<html><head><title>Deep</title></head><body>{}<p>The minister said talks with Russia would resume in Geneva on Monday.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let started = Instant::now();
    let doc = read_html(page.as_bytes(), HtmlOrigin::default()).unwrap();
    assert!(
        started.elapsed() < BOUND,
        "reading took {:?}",
        started.elapsed()
    );
    assert!(doc.text.contains("talks with Russia"), "{}", doc.text);
    annotate("HTML nested 200,000 deep", doc);
}

fn run_on_sentence(bytes: usize) -> String {
    let words = [
        "the",
        "minister",
        "said",
        "talks",
        "with",
        "Russia",
        "and",
        "China",
        "would",
        "resume",
        "in",
        "Geneva",
        ",",
        "\"",
        "officials",
        "Putin",
        "attacked",
        "Ukraine",
        "10,000",
    ];
    let mut text = String::with_capacity(bytes + 64);
    for n in numbers(7) {
        if text.len() >= bytes {
            break;
        }
        text.push_str(words[n % words.len()]);
        text.push(' ');
    }
    text.push('.');
    text
}

/// Linear, checked as a ratio: ten times the text may take at most forty times as long (a
/// quadratic step would take a hundred times), so the verdict does not depend on the machine.
#[test]
fn a_ten_megabyte_sentence() {
    let time = |bytes: usize| {
        let started = Instant::now();
        annotate(
            "one long sentence",
            Document::from_text(run_on_sentence(bytes)),
        );
        started.elapsed()
    };
    let small = time(1_000_000);
    let large = time(10_000_000);
    assert!(
        large < small * 40 + Duration::from_secs(2),
        "1 MB took {small:?}, 10 MB took {large:?}: not linear"
    );
}

/// News-shaped paragraphs that repeat the constructions the stages resolve across a document
/// (titled speakers with new names each time, bare surnames, pronouns, definite titles, quotes,
/// dates, numbers, organisations), to `bytes` long.
fn repeated_constructions(bytes: usize) -> String {
    let titles = [
        "Foreign Minister",
        "Prime Minister",
        "President",
        "Defense Secretary",
    ];
    let first = [
        "Sergei", "Anna", "Kenji", "Maria", "Ahmed", "Olga", "Pedro", "Fatima",
    ];
    let last = [
        "Lavrov", "Sato", "Okafor", "Novak", "Haddad", "Silva", "Berg", "Mensah",
    ];
    let mut text = String::with_capacity(bytes + 512);
    let mut numbers = numbers(11);
    let mut k = 0usize;
    while text.len() < bytes {
        let mut pick = |list: &[&'static str]| list[numbers.next().unwrap_or(0) % list.len()];
        let (title, given, family) = (pick(&titles), pick(&first), pick(&last));
        let family = format!("{family}{k}");
        let _ = write!(
            text,
            "Russia will not accept new sanctions on grain, {title} {given} {family} said on Monday. \
             {family} said the Ministry of Trade{k} would answer. \"We will respond,\" he said. \
             The minister added that more than {k} people were killed in May {day}, 2024, \
             according to U.S. estimates.\n\n",
            day = 1 + k % 28,
        );
        k += 1;
    }
    text
}

/// CPU time of this thread running `pipeline` over `text` (immune to other tests sharing the
/// machine, unlike wall time).
fn cpu_time(pipeline: &dateline_core::Pipeline, text: String) -> Duration {
    let mut doc = Document::from_text(text);
    let started = cpu_time::ThreadTime::now();
    pipeline.run(&mut doc);
    let took = started.elapsed();
    validate(&doc).unwrap();
    took
}

/// Near-linear time on repeated constructions, as a ratio: 8 MB may take at most 16 times as
/// long as 1 MB (linear: 8; a quadratic step: 64).
#[test]
fn repeated_constructions_take_near_linear_time() {
    let pipeline = unbounded();
    let times: Vec<Duration> = [1, 2, 4, 8]
        .iter()
        .map(|mb| cpu_time(&pipeline, repeated_constructions(mb * 1_000_000)))
        .collect();
    eprintln!("repeated constructions, 1/2/4/8 MB: {times:?}");
    assert!(
        times[3] < times[0] * 16,
        "1 MB took {:?}, 8 MB took {:?}: not linear ({times:?})",
        times[0],
        times[3]
    );
    assert!(times[2] < times[0] * 8, "4 MB against 1 MB: {times:?}");
}

/// The default work budget annotates a huge document over its first million tokens and says so.
#[test]
fn the_work_budget_bounds_a_huge_document() {
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let mut doc = Document::from_text(repeated_constructions(8_000_000));
    pipeline.run(&mut doc);
    assert!(doc.tokens.len() <= dateline_core::DEFAULT_MAX_TOKENS);
    assert!(doc.tokens.len() > dateline_core::DEFAULT_MAX_TOKENS - 1_000);
    assert!(doc.text.len() >= 8_000_000, "the text stays whole");
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.stage == "budget" && d.message.contains("work budget")),
        "{:?}",
        doc.diagnostics
    );
    validate(&doc).unwrap();
}
