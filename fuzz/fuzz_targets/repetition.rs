//! Structured repetition through the whole standard pipeline: the fuzzer's bytes are a repeat
//! count and up to four sentence templates, which are cycled into a long article with a number
//! in place of each `#` (new names, dates and figures each time). Quadratic steps show on such
//! inputs, not on random bytes; libFuzzer's `-timeout` reports any input that takes too long.
//! Every document must also keep the invariants of `dateline_core::validate`.
#![no_main]

use std::sync::OnceLock;

use dateline_core::{Document, Pipeline};
use libfuzzer_sys::fuzz_target;

/// The longest article built (about 60,000 words).
const MAX_BYTES: usize = 400_000;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()))
}

/// The article the bytes describe.
fn article(bytes: &[u8]) -> String {
    let Some((&count, rest)) = bytes.split_first() else {
        return String::new();
    };
    let templates: Vec<String> = rest
        .split(|&b| b == 0xff)
        .take(4)
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if templates.is_empty() {
        return String::new();
    }
    let repeats = 20 + usize::from(count) * 40;
    let mut text = String::new();
    'build: for k in 0..repeats {
        for template in &templates {
            if text.len() + template.len() > MAX_BYTES {
                break 'build;
            }
            for (i, part) in template.split('#').enumerate() {
                if i > 0 {
                    text.push_str(&k.to_string());
                }
                text.push_str(part);
            }
            text.push(' ');
        }
        if k % 7 == 6 {
            text.push_str("\n\n");
        }
    }
    text
}

fuzz_target!(|bytes: &[u8]| {
    let mut doc = Document::from_text(article(bytes));
    pipeline().run(&mut doc);
    if let Err(err) = dateline_core::validate(&doc) {
        panic!("{err}");
    }
});
