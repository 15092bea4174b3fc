//! Whole-pipeline throughput on a generated news corpus of a million words (`dateline-corpus`,
//! seed 42: the same bytes on every machine): one core, all cores, each stage on its own, and
//! storing the result. Items are words; bytes are those of the article files.
//!
//! `dateline bench` measures the same things in one run for end users (and spaCy beside it).

use dateline_core::{Document, Stage};
use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use rayon::prelude::*;

const WORDS: usize = 1_000_000;

fn main() {
    divan::main();
}

fn files() -> Vec<String> {
    dateline_corpus::generate(42, WORDS)
        .iter()
        .map(dateline_corpus::Article::to_article_file)
        .collect()
}

fn read(file: &str) -> Document {
    dateline_ingest::read_text(file.as_bytes(), None).expect("generated articles are readable")
}

fn counters(files: &[String]) -> (ItemsCount, BytesCount) {
    let words: usize = files.iter().map(|f| read(f).word_count()).sum();
    let bytes: usize = files.iter().map(String::len).sum();
    (ItemsCount::new(words), BytesCount::new(bytes))
}

fn pipeline() -> dateline_core::Pipeline {
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default())
}

/// Reading and every stage, document after document, on the bench thread.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn pipeline_one_core(bencher: Bencher) {
    let files = files();
    let (words, bytes) = counters(&files);
    let pipeline = pipeline();
    bencher.counter(words).counter(bytes).bench_local(|| {
        for file in &files {
            let mut doc = read(file);
            pipeline.run(&mut doc);
            divan::black_box(&doc);
        }
    });
}

/// The same on every core (rayon).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn pipeline_all_cores(bencher: Bencher) {
    let files = files();
    let (words, bytes) = counters(&files);
    let pipeline = pipeline();
    bencher.counter(words).counter(bytes).bench_local(|| {
        files.par_iter().for_each(|file| {
            let mut doc = read(file);
            pipeline.run(&mut doc);
            divan::black_box(&doc);
        });
    });
}

/// Each stage alone, on documents that went through the stages before it.
#[divan::bench(
    args = ["segment", "tag", "entities", "quotes", "events", "claims", "time/geo"],
    sample_count = 3,
    sample_size = 1
)]
fn stage(bencher: Bencher, name: &str) {
    let files = files();
    let (words, bytes) = counters(&files);
    let pipeline = pipeline();
    let names = pipeline.stage_names();
    let at = names
        .iter()
        .position(|n| *n == name)
        .expect("a stage of the standard pipeline");
    let stages: Vec<Box<dyn Stage>> =
        dateline_nlp::standard_stages(&dateline_nlp::Config::default());
    let mut docs: Vec<Document> = files.iter().map(|f| read(f)).collect();
    for doc in &mut docs {
        for s in &stages[..at] {
            s.run(doc);
        }
    }
    let this = &stages[at];
    bencher
        .counter(words)
        .counter(bytes)
        .with_inputs(|| docs.clone())
        .bench_local_values(|mut docs| {
            for doc in &mut docs {
                this.run(doc);
            }
            docs
        });
}

/// Storing the annotated corpus in a new SQLite store (one writer thread).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn store(bencher: Bencher) {
    let files = files();
    let (words, bytes) = counters(&files);
    let pipeline = pipeline();
    let docs: Vec<Document> = files
        .par_iter()
        .map(|f| {
            let mut doc = read(f);
            pipeline.run(&mut doc);
            doc
        })
        .collect();
    bencher
        .counter(words)
        .counter(bytes)
        .with_inputs(|| tempfile::tempdir().expect("a temporary directory"))
        .bench_local_values(|dir| {
            let mut store =
                dateline_store::Store::open(&dir.path().join("bench.db")).expect("store");
            for batch in docs.chunks(256) {
                store.add_batch(batch, None).expect("stored");
            }
            dir
        });
}
