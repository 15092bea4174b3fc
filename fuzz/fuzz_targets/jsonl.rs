//! Arbitrary bytes read as JSON Lines.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::check_reader(dateline_ingest::Format::Jsonl, data));
