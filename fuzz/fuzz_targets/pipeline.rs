//! Arbitrary UTF-8 through the whole standard pipeline (segmentation, tagging, entities,
//! quotes, events, claims, dates and places): no panic, and the document keeps every invariant
//! of `dateline_core::validate` (spans on character boundaries, references to existing
//! entities and sentences).
#![no_main]

use std::sync::OnceLock;

use dateline_core::{Document, Pipeline};
use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()))
}

fuzz_target!(|text: &str| {
    let mut doc = Document::from_text(text);
    pipeline().run(&mut doc);
    if let Err(err) = dateline_core::validate(&doc) {
        panic!("{err}");
    }
});
