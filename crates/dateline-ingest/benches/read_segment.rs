//! Reading and segmentation throughput on a generated corpus (`dateline-corpus`, seed 42).
//!
//! `cargo bench -p dateline-ingest` prints MB/s (bytes) and words/s (items) per benchmark, on one
//! core: each iteration processes the whole corpus sequentially.

use dateline_core::Segmenter;
use dateline_ingest::read_text;
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};

/// Words in the benchmark corpus.
const CORPUS_WORDS: usize = 200_000;
const SEED: u64 = 42;

fn main() {
    divan::main();
}

struct Corpus {
    files: Vec<String>,
    bytes: usize,
    words: usize,
}

fn corpus() -> Corpus {
    let files: Vec<String> = dateline_corpus::generate(SEED, CORPUS_WORDS)
        .iter()
        .map(dateline_corpus::Article::to_article_file)
        .collect();
    let bytes = files.iter().map(String::len).sum();
    let words = files.iter().map(|f| dateline_corpus::word_count(f)).sum();
    Corpus {
        files,
        bytes,
        words,
    }
}

/// Runs `run` on every article file of the corpus per iteration, counting bytes and words.
fn bench_files(bencher: Bencher, run: impl Fn(&str)) {
    let corpus = corpus();
    bencher
        .counter(BytesCount::new(corpus.bytes))
        .counter(ItemsCount::new(corpus.words))
        .bench_local(|| {
            for file in &corpus.files {
                run(black_box(file));
            }
        });
}

#[divan::bench(sample_count = 20)]
fn segment(bencher: Bencher) {
    let segmenter = Segmenter::default();
    bench_files(bencher, |file| {
        black_box(segmenter.segment(file, None));
    });
}

#[divan::bench(sample_count = 20)]
fn read_article_files(bencher: Bencher) {
    bench_files(bencher, |file| {
        let _ = black_box(read_text(file.as_bytes(), None));
    });
}

#[divan::bench(sample_count = 20)]
fn read_and_segment(bencher: Bencher) {
    let segmenter = Segmenter::default();
    bench_files(bencher, |file| {
        if let Ok(doc) = read_text(file.as_bytes(), None) {
            let skip = doc.meta.dateline.as_ref().and_then(|d| d.span);
            black_box(segmenter.segment(&doc.text, skip));
        }
    });
}
