//! Arbitrary bytes read as RSS and Atom feeds.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::check_reader(dateline_ingest::Format::Feed, data));
