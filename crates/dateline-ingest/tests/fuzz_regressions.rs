//! The fuzzers' interesting inputs for each reader (`fuzz/regressions/{text,html,jsonl,feed,
//! warc}/`: minimised corpora of `cargo fuzz run <reader>`, and every input that once failed),
//! replayed on every test run: documents or errors, never a panic, every document valid.

use std::path::Path;

use dateline_ingest::{read_bytes, Format, ReadConfig};

fn replay(target: &str, format_of: impl Fn(&[u8]) -> Option<(Format, &[u8])>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(target);
    let config = ReadConfig {
        max_bytes: 1 << 20,
        ..ReadConfig::default()
    };
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions is in the repository") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Some((format, input)) = format_of(&bytes) else {
            continue;
        };
        for doc in read_bytes(input, format, "fuzz", &config).flatten() {
            assert!(!doc.text.trim().is_empty(), "{}", path.display());
            if let Err(err) = dateline_core::validate(&doc) {
                panic!("{}: {err}", path.display());
            }
        }
        replayed += 1;
    }
    assert!(replayed > 0, "no inputs in {}", dir.display());
}

#[test]
fn text_regressions() {
    replay("text", |b| Some((Format::Text, b)));
}

#[test]
fn html_regressions() {
    replay("html", |b| Some((Format::Html, b)));
}

#[test]
fn jsonl_regressions() {
    replay("jsonl", |b| Some((Format::Jsonl, b)));
}

#[test]
fn feed_regressions() {
    replay("feed", |b| Some((Format::Feed, b)));
}

/// The WARC target's first byte picks plain (even) or gzip-compressed (odd) WARC.
#[test]
fn warc_regressions() {
    replay("warc", |b| {
        let (&selector, rest) = b.split_first()?;
        Some((
            if selector % 2 == 0 {
                Format::Warc
            } else {
                Format::WarcGz
            },
            rest,
        ))
    });
}
