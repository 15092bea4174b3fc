//! Language-layer throughput on the generated corpus (`dateline-corpus`, seed 42), one core:
//! tagging alone, tagging + entity recognition, and the whole standard pipeline (segmentation,
//! tagging, entities with actors and coreference). Items are words.

use dateline_core::{Document, Segmenter, Stage};
use dateline_nlp::gazetteer::Gazetteer;
use dateline_nlp::ner::{NerScratch, Recognizer};
use dateline_syntax::pos::{TagScratch, Tagger};
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};

const CORPUS_WORDS: usize = 100_000;

fn main() {
    divan::main();
}

fn documents() -> Vec<Document> {
    dateline_corpus::generate(42, CORPUS_WORDS)
        .into_iter()
        .map(|a| Document::from_text(a.body))
        .collect()
}

/// Segmented documents and their sentences' words.
fn sentences() -> (Vec<Vec<String>>, usize, usize) {
    let segmenter = Segmenter::default();
    let mut out = Vec::new();
    let mut bytes = 0;
    for doc in documents() {
        bytes += doc.text.len();
        let seg = segmenter.segment(&doc.text, None);
        for s in &seg.sentences {
            out.push(
                seg.tokens[s.token_range()]
                    .iter()
                    .map(|t| t.span.of(&doc.text).to_owned())
                    .collect(),
            );
        }
    }
    let words = out.iter().map(Vec::len).sum();
    (out, words, bytes)
}

#[divan::bench(sample_count = 10)]
fn tag(bencher: Bencher) {
    let (sentences, words, bytes) = sentences();
    let tagger = Tagger::embedded();
    bencher
        .counter(ItemsCount::new(words))
        .counter(BytesCount::new(bytes))
        .bench_local(|| {
            let mut scratch = TagScratch::default();
            let mut tags = Vec::new();
            for s in &sentences {
                let w: Vec<&str> = s.iter().map(String::as_str).collect();
                tagger.tag_into(&w, &mut scratch, &mut tags);
                black_box(&tags);
            }
        });
}

/// The dependency parser alone, its own tagging included (what `dateline eval parse` runs).
#[divan::bench(sample_count = 10)]
fn parse(bencher: Bencher) {
    let (sentences, words, bytes) = sentences();
    let parser = dateline_syntax::parse::Parser::embedded();
    bencher
        .counter(ItemsCount::new(words))
        .counter(BytesCount::new(bytes))
        .bench_local(|| {
            let mut scratch = dateline_syntax::parse::ParseScratch::default();
            let mut arcs = Vec::new();
            for s in &sentences {
                let w: Vec<&str> = s.iter().map(String::as_str).collect();
                parser.parse_into(&w, &mut scratch, &mut arcs);
                black_box(&arcs);
            }
        });
}

#[divan::bench(sample_count = 10)]
fn tag_and_ner(bencher: Bencher) {
    let (sentences, words, bytes) = sentences();
    let tagger = Tagger::embedded();
    let recognizer = Recognizer::embedded();
    let classes = Gazetteer::embedded().token_classes();
    bencher
        .counter(ItemsCount::new(words))
        .counter(BytesCount::new(bytes))
        .bench_local(|| {
            let mut scratch = TagScratch::default();
            let mut ner = NerScratch::default();
            let mut tags = Vec::new();
            for s in &sentences {
                let w: Vec<&str> = s.iter().map(String::as_str).collect();
                tagger.tag_into(&w, &mut scratch, &mut tags);
                black_box(recognizer.recognize(&w, &tags, classes, &mut ner));
            }
        });
}

/// Runs `run` over every document of `docs` (fresh copies each sample), counting words and bytes.
fn bench_documents(bencher: Bencher, docs: &[Document], run: impl Fn(&mut Document)) {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    bencher
        .counter(ItemsCount::new(words))
        .counter(BytesCount::new(bytes))
        .with_inputs(|| docs.to_vec())
        .bench_local_values(|mut docs| {
            for doc in &mut docs {
                run(doc);
            }
            docs
        });
}

#[divan::bench(sample_count = 10)]
fn standard_pipeline(bencher: Bencher) {
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    bench_documents(bencher, &documents(), |doc| pipeline.run(doc));
}

/// The target: tagger + entity recogniser + actors + coreference (the `tag` and
/// `entities` stages) on documents already segmented.
#[divan::bench(sample_count = 10)]
fn tag_entities_actors_coref(bencher: Bencher) {
    let segmenter = Segmenter::default();
    let mut docs = documents();
    for doc in &mut docs {
        segmenter.run(doc);
    }
    let tag = dateline_syntax::pos::TagStage::default();
    let entities = dateline_nlp::entities::EntityStage::default();
    bench_documents(bencher, &docs, |doc| {
        tag.run(doc);
        entities.run(doc);
    });
}

/// The quotes stage alone, on documents already tagged and with entities: its share of
/// `standard_pipeline` is the stage's cost.
#[divan::bench(sample_count = 10)]
fn quotes_stage(bencher: Bencher) {
    let mut docs = documents();
    let segmenter = Segmenter::default();
    let tag = dateline_syntax::pos::TagStage::default();
    let entities = dateline_nlp::entities::EntityStage::default();
    for doc in &mut docs {
        segmenter.run(doc);
        tag.run(doc);
        entities.run(doc);
    }
    let quotes = dateline_nlp::quotes::QuoteStage::default();
    bench_documents(bencher, &docs, |doc| quotes.run(doc));
}

/// The events (with their dates and places) and claims stages, on documents that went through every stage before
/// them: their share of `standard_pipeline`.
#[divan::bench(sample_count = 10)]
fn events_claims_timegeo_stages(bencher: Bencher) {
    let mut docs = documents();
    let before: [Box<dyn Stage>; 4] = [
        Box::new(Segmenter::default()),
        Box::new(dateline_syntax::pos::TagStage::default()),
        Box::new(dateline_nlp::entities::EntityStage::default()),
        Box::new(dateline_nlp::quotes::QuoteStage::default()),
    ];
    for doc in &mut docs {
        for stage in &before {
            stage.run(doc);
        }
    }
    let events = dateline_nlp::events::EventStage::default();
    let claims = dateline_nlp::claims::ClaimStage::default();
    bench_documents(bencher, &docs, |doc| {
        events.run(doc);
        claims.run(doc);
    });
}
