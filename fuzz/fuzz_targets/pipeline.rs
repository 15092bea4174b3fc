//! Arbitrary UTF-8 through the whole standard pipeline (segmentation, tagging, entities, quotes):
//! no panic, and every span of every layer on character boundaries of the text.
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
    for s in &doc.sentences {
        assert!(s.span.get(&doc.text).is_some());
    }
    for e in &doc.entities {
        for m in &e.mentions {
            assert!(m.get(&doc.text).is_some());
        }
    }
    for q in &doc.quotes {
        assert!(q.span.get(&doc.text).is_some());
        assert!(q.cue.is_none_or(|c| c.get(&doc.text).is_some()));
        assert!(q
            .speaker
            .is_none_or(|id| (id as usize) < doc.entities.len()));
    }
});
