//! Shared by the reader targets: arbitrary bytes through one reader give documents or errors,
//! never a panic, and every document keeps the model's invariants.

use std::sync::Once;

use dateline_ingest::{read_bytes, Format, ReadConfig};

/// The HTML reader runs the third-party extractor (trafilatura) under `catch_unwind` and falls
/// back to its own rendering when it panics; libFuzzer's hook would abort on that caught panic.
/// Panics raised anywhere else still abort and are reported.
fn tolerate_extractor_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_extractor = info
                .location()
                .is_some_and(|l| ["trafilatura", "ego-tree"].iter().any(|c| l.file().contains(c)));
            if !in_extractor {
                abort(info);
            }
        }));
    });
}

pub fn check_reader(format: Format, bytes: &[u8]) {
    tolerate_extractor_panics();
    let config = ReadConfig {
        max_bytes: 1 << 20,
        ..ReadConfig::default()
    };
    for doc in read_bytes(bytes, format, "fuzz", &config).flatten() {
        assert!(!doc.text.trim().is_empty(), "a document with no text");
        if let Err(err) = dateline_core::validate(&doc) {
            panic!("{err}");
        }
    }
}
