//! Arbitrary bytes through every reader (text, HTML, JSONL, RSS/Atom, WARC, gzip): documents or
//! errors, never a panic.
#![no_main]

use dateline_ingest::{read_bytes, Format, ReadConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(selector) % Format::ALL.len()];
    let config = ReadConfig {
        max_bytes: 1 << 20,
        ..ReadConfig::default()
    };
    for doc in read_bytes(bytes, format, "fuzz", &config).flatten() {
        assert!(!doc.text.is_empty());
    }
});
