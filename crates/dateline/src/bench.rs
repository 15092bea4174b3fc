//! `dateline bench`: whole-pipeline throughput and memory on a generated news corpus, per stage,
//! on one core and on all cores, optionally beside spaCy measured in the same run.

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use dateline_core::{Document, Pipeline};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Words in the generated corpus (at least this many; whole stories).
    #[arg(long, default_value_t = 1_000_000)]
    pub words: usize,
    /// Seed of the corpus generator: the same seed gives the same bytes on every machine.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Threads for the all-cores run (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Also run spaCy over the same corpus (benches/peers/spacy.sh) and print the ratios.
    #[arg(long)]
    pub vs_spacy: bool,
    /// The spaCy runner script.
    #[arg(long, default_value = "benches/peers/spacy.sh")]
    pub spacy_script: PathBuf,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Instead of the pipeline, time every `dateline query` kind on this store: p50, p95 and
    /// the slowest of a mix of parameters drawn from the store (see docs/performance.md).
    #[arg(long, value_name = "STORE")]
    pub queries: Option<PathBuf>,
    /// Rounds of the query mix (with `--queries`).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub rounds: u32,
}

/// Everything measured, for `--json` and the tables.
#[derive(Debug, Serialize)]
struct Report {
    seed: u64,
    documents: usize,
    words: usize,
    megabytes: f64,
    one_core: Run,
    all_cores: Run,
    threads: usize,
    scaling: f64,
    /// Seconds per stage on one core, in pipeline order (`read` is decoding and wire metadata).
    stages: StageTimes,
    /// Seconds of the entity recogniser alone (part of the `entities` stage).
    ner_seconds: f64,
    /// Storing the annotated corpus in a new SQLite store, one thread.
    store: Run,
    peak_rss_mb: f64,
    spacy: Option<serde_json::Value>,
}

#[derive(Debug, Serialize)]
struct Run {
    seconds: f64,
    words_per_s: f64,
    documents_per_s: f64,
    mb_per_s: f64,
}

impl Run {
    fn new(elapsed: Duration, words: usize, documents: usize, bytes: usize) -> Run {
        let s = elapsed.as_secs_f64().max(1e-9);
        Run {
            seconds: s,
            words_per_s: words as f64 / s,
            documents_per_s: documents as f64 / s,
            mb_per_s: bytes as f64 / 1e6 / s,
        }
    }
}

fn read(file: &str) -> anyhow::Result<Document> {
    dateline_ingest::read_text(file.as_bytes(), None).context("generated article unreadable")
}

/// Peak resident memory of this process so far (Linux `VmHWM`), in MB.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Seconds spent in each stage, in pipeline order.
type StageTimes = Vec<(String, f64)>;

/// Reads a chunk of generated article files.
fn read_all(files: &[String]) -> anyhow::Result<Vec<Document>> {
    files.iter().map(|f| read(f)).collect()
}

/// One core: every document read and annotated in turn, in the chunks the batch runner uses
/// ([`Pipeline::run_chunk_with`]), timed stage by stage.
fn one_core(
    files: &[String],
    pipeline: &Pipeline,
) -> anyhow::Result<(Duration, StageTimes, Vec<Document>)> {
    let mut stages: Vec<(String, f64)> = std::iter::once("read")
        .chain(pipeline.stage_names())
        .map(|n| (n.to_owned(), 0.0))
        .collect();
    let mut docs = Vec::with_capacity(files.len());
    let started = Instant::now();
    for chunk in files.chunks(dateline_core::CHUNK) {
        let t = Instant::now();
        let mut read_docs = read_all(chunk)?;
        stages[0].1 += t.elapsed().as_secs_f64();
        let mut i = 1;
        for outcome in pipeline.run_chunk_with(&mut read_docs, |_, took| {
            stages[i].1 += took.as_secs_f64();
            i += 1;
        }) {
            outcome?;
        }
        docs.append(&mut read_docs);
    }
    Ok((started.elapsed(), stages, docs))
}

/// The entity recogniser alone over the tagged sentences of `docs`.
fn ner_seconds(docs: &[Document]) -> f64 {
    let recognizer = dateline_nlp::ner::Recognizer::embedded();
    let classes = dateline_nlp::gazetteer::Gazetteer::embedded().token_classes();
    let mut scratch = dateline_nlp::ner::NerScratch::default();
    let started = Instant::now();
    for doc in docs {
        for sentence in &doc.sentences {
            let tokens = &doc.tokens[sentence.token_range()];
            let words: Vec<&str> = tokens.iter().map(|t| t.span.of(&doc.text)).collect();
            let tags: Vec<dateline_core::Pos> = tokens.iter().filter_map(|t| t.pos).collect();
            if tags.len() == words.len() {
                std::hint::black_box(recognizer.recognize(&words, &tags, classes, &mut scratch));
            }
        }
    }
    started.elapsed().as_secs_f64()
}

fn all_cores(files: &[String], pipeline: &Pipeline, threads: usize) -> anyhow::Result<Duration> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;
    let started = Instant::now();
    pool.install(|| {
        files
            .par_chunks(dateline_core::CHUNK)
            .try_for_each(|chunk| {
                let mut docs = read_all(chunk)?;
                for outcome in pipeline.run_chunk_with(&mut docs, |_, _| {}) {
                    outcome?;
                }
                std::hint::black_box(&docs);
                Ok::<_, anyhow::Error>(())
            })
    })?;
    Ok(started.elapsed())
}

fn store(docs: &[Document]) -> anyhow::Result<Duration> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let mut store = dateline_store::Store::open(&dir.path().join("bench.db"))?;
    let started = Instant::now();
    for batch in docs.chunks(256) {
        store.add_batch(batch, None)?;
    }
    Ok(started.elapsed())
}

fn spacy(args: &BenchArgs, files: &[String]) -> anyhow::Result<serde_json::Value> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    for (i, file) in files.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{:06}.txt", i + 1)), file)?;
    }
    eprintln!(
        "running spaCy ({}) on one core…",
        args.spacy_script.display()
    );
    let out = Command::new(&args.spacy_script)
        .arg(dir.path())
        .stderr(std::process::Stdio::inherit())
        .output()
        .with_context(|| format!("cannot run {}", args.spacy_script.display()))?;
    anyhow::ensure!(
        out.status.success(),
        "{} failed ({})",
        args.spacy_script.display(),
        out.status
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .context("the spaCy runner printed no JSON")?;
    Ok(serde_json::from_str(line)?)
}

pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    if let Some(db) = &args.queries {
        crate::bench_queries::run(db, args.rounds as usize, args.seed, args.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    let files: Vec<String> = dateline_corpus::generate(args.seed, args.words)
        .iter()
        .map(dateline_corpus::Article::to_article_file)
        .collect();
    let bytes: usize = files.iter().map(String::len).sum();
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    // Warm up: models and tables load on first use.
    for file in files.iter().take(20) {
        pipeline.run(&mut read(file)?);
    }
    eprintln!("one core…");
    let (one, stages, docs) = one_core(&files, &pipeline)?;
    let words: usize = docs.iter().map(Document::word_count).sum();
    let ner = ner_seconds(&docs);
    eprintln!("{threads} threads…");
    let all = all_cores(&files, &pipeline, threads)?;
    eprintln!("store…");
    let stored = store(&docs)?;
    let spacy = if args.vs_spacy {
        Some(spacy(args, &files)?)
    } else {
        None
    };
    let report = Report {
        seed: args.seed,
        documents: files.len(),
        words,
        megabytes: bytes as f64 / 1e6,
        one_core: Run::new(one, words, files.len(), bytes),
        all_cores: Run::new(all, words, files.len(), bytes),
        threads,
        scaling: one.as_secs_f64() / all.as_secs_f64().max(1e-9),
        stages,
        ner_seconds: ner,
        store: Run::new(stored, words, files.len(), bytes),
        peak_rss_mb: peak_rss_mb(),
        spacy,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_report(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

use std::io::Write;

fn print_report(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    writeln!(
        out,
        "corpus: seed {}, {} documents, {} words, {:.1} MB",
        r.seed, r.documents, r.words, r.megabytes
    )?;
    writeln!(
        out,
        "\n{:<22}{:>12}{:>14}{:>12}{:>10}",
        "run", "seconds", "words/s", "docs/s", "MB/s"
    )?;
    for (name, run) in [
        ("pipeline, 1 core".to_owned(), &r.one_core),
        (format!("pipeline, {} threads", r.threads), &r.all_cores),
        ("store (SQLite)".to_owned(), &r.store),
    ] {
        writeln!(
            out,
            "{name:<22}{:>12.2}{:>14.0}{:>12.0}{:>10.2}",
            run.seconds, run.words_per_s, run.documents_per_s, run.mb_per_s
        )?;
    }
    writeln!(out, "scaling: {:.2}x on {} threads", r.scaling, r.threads)?;
    let total: f64 = r.stages.iter().map(|(_, s)| s).sum();
    writeln!(
        out,
        "\n{:<22}{:>12}{:>10}{:>14}",
        "stage (1 core)", "seconds", "share", "words/s"
    )?;
    for (name, secs) in &r.stages {
        writeln!(
            out,
            "{name:<22}{secs:>12.3}{:>9.1}%{:>14.0}",
            100.0 * secs / total.max(1e-9),
            r.words as f64 / secs.max(1e-9)
        )?;
        if name == "entities" {
            writeln!(
                out,
                "{:<22}{:>12.3}{:>9.1}%{:>14.0}",
                "  of which NER",
                r.ner_seconds,
                100.0 * r.ner_seconds / total.max(1e-9),
                r.words as f64 / r.ner_seconds.max(1e-9)
            )?;
        }
    }
    writeln!(
        out,
        "\npeak RSS: {:.0} MB (the whole annotated corpus is held for the store run)",
        r.peak_rss_mb
    )?;
    if let Some(s) = &r.spacy {
        let full = s["full_words_per_s"].as_f64().unwrap_or(0.0);
        let ner = s["ner_words_per_s"].as_f64().unwrap_or(0.0);
        writeln!(out, "\nspaCy: {}", s["model"].as_str().unwrap_or("?"))?;
        writeln!(
            out,
            "  full pipeline, 1 core: {full:.0} words/s → Dateline is {:.1}x faster",
            r.one_core.words_per_s / full.max(1e-9)
        )?;
        let ner_rate = r.words as f64 / r.ner_seconds.max(1e-9);
        writeln!(
            out,
            "  NER only, 1 core: {ner:.0} words/s → Dateline's full pipeline is {:.1}x faster, its NER {:.1}x",
            r.one_core.words_per_s / ner.max(1e-9),
            ner_rate / ner.max(1e-9)
        )?;
    }
    Ok(())
}
