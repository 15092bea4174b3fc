//! Inputs built to be slow: 1 MB without a space, 100,000 quote marks, HTML nested 200,000
//! deep, a 10 MB single sentence. Each must be read and annotated in time linear in its size;
//! the bounds are generous (a quadratic step on these sizes takes minutes to hours, the linear
//! pipeline seconds), so a slow machine does not make them flaky. Every output must be valid.

#![allow(clippy::print_stderr)]

use std::time::{Duration, Instant};

use dateline_core::{validate, Document};
use dateline_ingest::{read_html, read_text, HtmlOrigin};

/// Far above the seconds these take, far below what a quadratic step would.
const BOUND: Duration = Duration::from_secs(300);

fn annotate(what: &str, mut doc: Document) {
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
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
