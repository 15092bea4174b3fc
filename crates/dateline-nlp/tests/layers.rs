//! Each stage of the standard pipeline writes only its own layer: the segmenter paragraphs,
//! tokens and sentences; the tagger the tokens' tags and the lemmas; the parser the dependencies
//! (and a verb's tag and lemma where the tree contradicts a noun tag); the entity stage entities;
//! the quote stage quotes; the event stage events (with their dates and places); the claim stage
//! claims. Any stage may leave diagnostics. Checked on generated wire stories, stage by stage.

use dateline_core::Document;

/// The layers `stage` may write.
fn allowed(stage: &str) -> &'static [&'static str] {
    match stage {
        "segment" => &["paragraphs", "tokens", "sentences"],
        "tag" => &["tokens", "lemmas"],
        "parse" => &["dependencies", "tokens", "lemmas"],
        "entities" => &["entities"],
        "quotes" => &["quotes"],
        "events" => &["events"],
        "claims" => &["claims"],
        other => panic!("a stage this test does not know: {other}"),
    }
}

/// The fields of the document that differ between `before` and `after`.
fn changed(before: &Document, after: &Document) -> Vec<&'static str> {
    let fields = [
        ("id", before.id == after.id),
        ("source", before.source == after.source),
        ("meta", before.meta == after.meta),
        ("text", before.text == after.text),
        ("paragraphs", before.paragraphs == after.paragraphs),
        ("tokens", before.tokens == after.tokens),
        ("sentences", before.sentences == after.sentences),
        ("lemmas", before.lemmas == after.lemmas),
        ("dependencies", before.dependencies == after.dependencies),
        ("entities", before.entities == after.entities),
        ("quotes", before.quotes == after.quotes),
        ("events", before.events == after.events),
        ("claims", before.claims == after.claims),
    ];
    fields
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn every_stage_writes_only_its_own_layer() {
    let stages = dateline_nlp::standard_stages(&dateline_nlp::Config::default());
    let mut written = std::collections::BTreeSet::new();
    for index in 0..12 {
        let article = dateline_corpus::article(7, index);
        let mut doc = Document::from_text(article.body);
        doc.meta.published = chrono::NaiveDate::parse_from_str(&article.published, "%Y-%m-%d").ok();
        for stage in &stages {
            let before = doc.clone();
            stage.run(&mut doc);
            for field in changed(&before, &doc) {
                assert!(
                    allowed(stage.name()).contains(&field),
                    "stage {} wrote {field} (article {index})",
                    stage.name()
                );
                written.insert((stage.name(), field));
            }
        }
    }
    // The check can fail: every stage did write its layer on these stories.
    for layer in [
        "tokens",
        "lemmas",
        "dependencies",
        "entities",
        "quotes",
        "events",
        "claims",
    ] {
        assert!(
            written.iter().any(|(_, field)| *field == layer),
            "no stage wrote {layer}: {written:?}"
        );
    }
}
