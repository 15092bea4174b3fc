//! Reader tests over the fixtures in `tests/fixtures` (see its README for what each holds).

#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};

use dateline_core::{Document, SourceFormat};
use dateline_ingest::{
    read_bytes, read_file, read_inputs, Format, IngestError, InputError, JsonlFields, ReadConfig,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> Vec<Result<Document, InputError>> {
    read_file(&fixture(name), &ReadConfig::default()).collect()
}

fn read_ok(name: &str) -> Vec<Document> {
    read(name)
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect()
}

fn date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[test]
fn html_page_main_text_and_metadata() {
    let docs = read_ok("article.html");
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Atlantic coastal states sign fisheries accord after marathon talks")
    );
    assert_eq!(doc.meta.authors, ["Maria Santos", "David Okafor"]);
    assert_eq!(doc.meta.publisher.as_deref(), Some("Global Wire"));
    assert_eq!(doc.meta.published, date("2025-06-12"));
    assert_eq!(
        doc.source.url.as_deref(),
        Some("https://globalwire.example.com/world/2025/06/12/atlantic-fisheries-accord")
    );
    assert_eq!(doc.source.format, SourceFormat::Html);
    for phrase in [
        "marathon negotiations",
        "joint inspection regime",
        "Helena Duarte",
    ] {
        assert!(
            doc.text.contains(phrase),
            "missing {phrase:?} in {:?}",
            doc.text
        );
    }
    for furniture in [
        "Subscribe to our newsletter",
        "Advertisement",
        "Related stories",
        "North Sea quota row",
        "Copyright 2025 Global Wire",
        "tracking-script-text",
    ] {
        assert!(
            !doc.text.contains(furniture),
            "furniture {furniture:?} leaked into text"
        );
    }
    let dateline = doc
        .meta
        .dateline
        .as_ref()
        .expect("dateline in the first paragraph");
    assert_eq!(dateline.place, "LISBON");
    assert_eq!(dateline.agency.as_deref(), Some("Global Wire"));
}

#[test]
fn legacy_encoding_is_transcoded() {
    let bytes = std::fs::read(fixture("article-latin1.txt")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "fixture must not be UTF-8"
    );
    let docs = read_ok("article-latin1.txt");
    let doc = &docs[0];
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Swiss-hosted talks on Andean river dispute end without agreement")
    );
    assert_eq!(doc.meta.authors, ["José Núñez"]);
    assert!(doc.text.contains("Anne-Sophie Müller"));
    assert!(doc.text.contains("€40 million"));
    assert!(doc.text.contains("“We are closer than we were on Monday"));
    assert_eq!(doc.meta.dateline.as_ref().unwrap().place, "ZÜRICH");
}

#[test]
fn utf8_bom_is_dropped() {
    let doc = &read_ok("article-bom.txt")[0];
    assert_eq!(
        doc.source.url.as_deref(),
        Some("https://example.com/world/europe/visegrad-energy-krakow-2025-10-07")
    );
    assert_eq!(doc.meta.publisher.as_deref(), Some("Vistula Press Agency"));
    assert_eq!(doc.meta.authors, ["Zofia Wiśniewska"]);
    assert!(!doc.text.contains('\u{feff}'));
}

#[test]
fn rss_items_become_documents() {
    let docs = read_ok("feed-rss.xml");
    assert_eq!(docs.len(), 3);
    assert_eq!(
        docs[0].meta.headline.as_deref(),
        Some("Danube states agree framework for water-sharing talks")
    );
    assert_eq!(docs[0].meta.authors, ["Elena Petrova"]);
    assert_eq!(docs[0].meta.published, date("2025-06-10"));
    assert_eq!(docs[0].source.format, SourceFormat::Rss);
    assert_eq!(docs[0].source.record.as_deref(), Some("1"));
    assert_eq!(docs[0].meta.dateline.as_ref().unwrap().place, "BUDAPEST");
    assert!(
        docs[0].text.lines().count() >= 3,
        "content:encoded paragraphs kept apart"
    );
    assert_eq!(docs[2].meta.authors, ["Liis Kask"]);
    assert!(
        !docs[2].text.contains('<'),
        "escaped HTML description is rendered to text"
    );
}

#[test]
fn atom_entries_become_documents() {
    let docs = read_ok("feed-atom.xml");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].source.format, SourceFormat::Atom);
    assert_eq!(docs[0].meta.authors, ["Camila Rojas"]);
    assert_eq!(docs[1].meta.published, date("2025-06-14"));
    assert_eq!(docs[0].meta.dateline.as_ref().unwrap().place, "LIMA");
}

#[test]
fn jsonl_default_and_custom_fields() {
    let docs = read_ok("articles.jsonl");
    assert_eq!(docs.len(), 4);
    assert!(docs
        .iter()
        .all(|d| d.meta.headline.is_some() && d.source.url.is_some()));
    assert_eq!(docs[1].meta.published, date("2025-06-10"));

    let fields = JsonlFields {
        text: vec!["story_text".into()],
        title: vec!["story_title".into()],
        url: vec!["permalink".into()],
        date: vec!["pub".into()],
        ..JsonlFields::default()
    };
    let config = ReadConfig {
        jsonl: fields,
        ..ReadConfig::default()
    };
    let custom: Vec<Document> = read_file(&fixture("articles-custom.jsonl"), &config)
        .map(Result::unwrap)
        .collect();
    assert_eq!(custom.len(), 2);
    assert_eq!(
        custom[0].meta.headline.as_deref(),
        Some("Kazakhstan to host Caspian water-level conference")
    );
    assert!(custom[1]
        .source
        .url
        .as_deref()
        .unwrap()
        .starts_with("https://custom.example.com/stories/"));
}

#[test]
fn warc_gz_and_plain_warc_yield_html_responses_only() {
    for name in ["crawl.warc.gz", "crawl.warc"] {
        let docs = read_ok(name);
        let urls: Vec<_> = docs
            .iter()
            .map(|d| d.source.url.as_deref().unwrap())
            .collect();
        assert_eq!(
            urls,
            [
                "https://news.example.org/world/2025/06/14/mekong-dam-talks",
                "https://news.example.org/world/2025/06/15/moldova-election-observers"
            ],
            "{name}"
        );
        assert_eq!(
            docs[0].meta.headline.as_deref(),
            Some("Mekong countries agree to share dam release schedules")
        );
        assert_eq!(docs[1].meta.authors, ["Ion Rusu"]);
        assert_eq!(docs[0].source.format, SourceFormat::Warc);
        assert!(docs[0]
            .source
            .record
            .as_deref()
            .unwrap()
            .starts_with("<urn:uuid:"));
    }
}

fn single_error(name: &str) -> IngestError {
    let mut results = read(name);
    assert_eq!(results.len(), 1, "{name}: expected one result");
    let err = results.remove(0).expect_err(name);
    assert!(
        err.input.ends_with(name),
        "error names the input: {}",
        err.input
    );
    err.error
}

#[test]
fn empty_file_is_an_error() {
    assert!(matches!(
        single_error("broken/empty.txt"),
        IngestError::Empty
    ));
}

#[test]
fn binary_file_is_an_error() {
    assert!(matches!(
        single_error("broken/binary.bin"),
        IngestError::Binary { .. }
    ));
}

#[test]
fn invalid_utf8_is_decoded_not_fatal() {
    let docs = read_ok("broken/invalid-utf8.txt");
    assert_eq!(docs.len(), 1);
    assert!(docs[0].text.len() > 100);
}

#[test]
fn truncated_gzip_is_an_error() {
    let results = read("broken/truncated.warc.gz");
    let errors: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errors.len(), 1, "{results:?}");
    assert!(
        matches!(errors[0].error, IngestError::Gzip(_) | IngestError::Warc(_)),
        "{}",
        errors[0]
    );
}

#[test]
fn malformed_warc_is_an_error() {
    assert!(matches!(
        single_error("broken/malformed.warc"),
        IngestError::Warc(_)
    ));
}

#[test]
fn malformed_feed_is_an_error() {
    assert!(matches!(
        single_error("broken/malformed.xml"),
        IngestError::Feed(_)
    ));
}

#[test]
fn malformed_jsonl_reports_bad_lines_and_keeps_good_ones() {
    let results = read("broken/malformed.jsonl");
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok());
    let second = results[1].as_ref().unwrap_err();
    assert_eq!(
        second.input,
        format!("{}#2", fixture("broken/malformed.jsonl").display())
    );
    assert!(matches!(second.error, IngestError::Jsonl { line: 2, .. }));
    assert!(results[2]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("no text field"));
}

#[test]
fn oversized_document_is_an_error() {
    let config = ReadConfig {
        max_bytes: 100,
        ..ReadConfig::default()
    };
    let results: Vec<_> = read_file(&fixture("article-bom.txt"), &config).collect();
    assert!(matches!(
        results[0].as_ref().unwrap_err().error,
        IngestError::TooLarge { limit: 100, .. }
    ));
}

#[test]
fn huge_single_line_is_an_error_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap(); // sparse: 200 MB of NULs on one "line"
    let err = read_file(&path, &ReadConfig::default())
        .next()
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(
            err.error,
            IngestError::TooLarge { .. } | IngestError::Binary { .. }
        ),
        "{err}"
    );
    std::fs::write(&path, "x".repeat(2 * 1024 * 1024)).unwrap();
    let small = ReadConfig {
        max_bytes: 1024 * 1024,
        ..ReadConfig::default()
    };
    let err = read_file(&path, &small).next().unwrap().unwrap_err();
    assert!(
        matches!(
            err.error,
            IngestError::TooLarge {
                limit: 1_048_576,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn missing_file_is_an_error() {
    let err = read_file(&fixture("no-such-file.txt"), &ReadConfig::default())
        .next()
        .unwrap()
        .unwrap_err();
    assert!(matches!(err.error, IngestError::Io(_)));
    assert!(err.to_string().contains("no-such-file.txt"));
}

#[test]
fn mixed_directory_reads_all_and_reports_the_broken_file() {
    let results: Vec<_> = read_inputs(&[fixture("mixed")], &ReadConfig::default()).collect();
    let (ok, failed): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    assert_eq!(ok.len(), 11, "1 html + 3 rss + 4 jsonl + 2 warc + 1 txt");
    assert_eq!(failed.len(), 1);
    let err = failed[0].as_ref().unwrap_err();
    assert!(err.input.ends_with("broken.warc.gz"), "{err}");
    let formats: std::collections::HashSet<_> = ok
        .iter()
        .map(|d| d.as_ref().unwrap().source.format)
        .collect();
    assert_eq!(formats.len(), 5, "{formats:?}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_in_directory_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("mixed/story.txt"), dir.path().join("a.txt")).unwrap();
    let locked = dir.path().join("b.txt");
    std::fs::copy(fixture("mixed/story.txt"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipping: running as a user who can read mode-000 files (root)");
        return;
    }
    let results: Vec<_> =
        read_inputs(&[dir.path().to_path_buf()], &ReadConfig::default()).collect();
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(matches!(
        results[1].as_ref().unwrap_err().error,
        IngestError::Io(_)
    ));
}

#[test]
fn malformed_html_is_read_or_reported() {
    let pages: [&[u8]; 4] = [
        b"<html><body><p>Unclosed <b>bold <i>italic <div><p>Talks resumed in the capital on Monday after a week of delays",
        b"<<<>>></p></p></div><script>never closed",
        b"<html><head><script type=\"application/ld+json\">{broken json</script></head><body><article><p>The ministers met on Monday and agreed to resume the talks next week.</p></article></body></html>",
        b"<!DOCTYPE html><html><body></body></html>",
    ];
    for page in pages {
        for result in read_bytes(page, Format::Html, "page.html", &ReadConfig::default()) {
            if let Err(err) = result {
                assert!(err.input == "page.html", "{err}");
            }
        }
    }
    let deep = format!(
        "<html><body>{}<p>Deep text is still found by the reader here.</p></body></html>",
        "<div>".repeat(3_000)
    );
    let _ = read_bytes(
        deep.as_bytes(),
        Format::Html,
        "deep.html",
        &ReadConfig::default(),
    )
    .count();
}

mod no_panic {
    use dateline_ingest::{read_bytes, Format, ReadConfig};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_bytes_in_any_format(bytes in proptest::collection::vec(any::<u8>(), 0..2048), f in 0usize..7) {
            for doc in read_bytes(&bytes, Format::ALL[f], "fuzz", &ReadConfig::default()).flatten() {
                prop_assert!(!doc.text.is_empty());
            }
        }

        #[test]
        fn warc_like_prefixes(tail in "[ -~\r\n]{0,400}") {
            let input = format!("WARC/1.0\r\nWARC-Type: response\r\n{tail}");
            let _ = read_bytes(input.as_bytes(), Format::Warc, "fuzz.warc", &ReadConfig::default()).count();
        }
    }
}
