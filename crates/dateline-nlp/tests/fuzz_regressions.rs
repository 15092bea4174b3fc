//! The fuzzer's interesting inputs for the whole pipeline (`fuzz/regressions/pipeline/`: the
//! minimised corpus of `cargo fuzz run pipeline`, and every input that once failed), replayed
//! on every test run: each must go through without a panic and keep every invariant.

use std::path::Path;

use dateline_core::{validate, Document};

#[test]
fn pipeline_regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/pipeline");
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions/pipeline is in the repository") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        // The target takes `&str`: libFuzzer inputs that are not UTF-8 never reach it.
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let mut doc = Document::from_text(text);
        pipeline.run(&mut doc);
        if let Err(err) = validate(&doc) {
            panic!("{}: {err}", path.display());
        }
        replayed += 1;
    }
    assert!(
        replayed > 100,
        "only {replayed} inputs in {}",
        dir.display()
    );
}
