//! Arbitrary bytes read as a WARC crawl: plain when the first byte is even, gzip-compressed
//! when it is odd.
#![no_main]

mod common;

use dateline_ingest::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = if selector % 2 == 0 { Format::Warc } else { Format::WarcGz };
    common::check_reader(format, bytes);
});
