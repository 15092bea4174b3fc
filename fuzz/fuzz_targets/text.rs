//! Arbitrary bytes read as plain text (encodings, BOMs, the article-file layout, bylines and datelines).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::check_reader(dateline_ingest::Format::Text, data));
