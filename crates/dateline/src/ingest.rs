//! `dateline ingest`: read inputs, run the pipeline in parallel, and store the results in one
//! SQLite file through a single writer thread fed by a bounded channel.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use dateline_core::Document;
use dateline_ingest::{read_files, DocumentOptions, ReadConfig};
use dateline_store::{BatchReport, Codec, Prepared, Store};
use rayon::prelude::*;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Documents per batch: one pipeline pass over all cores, one transaction.
const BATCH: usize = 1024;
/// Batches in flight between the pipeline and the writer: bounds memory.
const IN_FLIGHT: usize = 2;
/// Longest a transaction stays open for more batches, in seconds.
const TRANSACTION_SECONDS: f64 = 30.0;

/// Most documents in one store transaction when the store holds `stored` documents: eight
/// batches, and up to 32 as the store grows past 256k documents. A transaction rewrites most
/// pages of the indexes it adds to at random places, whose size grows with the store, so larger
/// stores take larger transactions to spread that cost over more documents (the writer's cache,
/// which grows too, holds their new pages until the commit).
fn transaction_documents(stored: u64) -> usize {
    usize::try_from(stored / 32)
        .unwrap_or(usize::MAX)
        .clamp(8 * BATCH, 32 * BATCH)
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Input files or directories (text, HTML, JSONL, RSS/Atom, WARC, WARC.gz); `-` reads stdin.
    /// A directory of annotated Parquet tables (a Spark job's output, or `dateline export --format
    /// parquet`) is loaded as it is, without running the pipeline.
    pub inputs: Vec<PathBuf>,
    /// The store file.
    #[arg(long, default_value = "dateline.db")]
    pub db: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Take a missing publication date from a `YYYY-MM-DD` or `YYYY/MM/DD` in the input's path
    /// or the article's URL.
    #[arg(long)]
    pub date_from_path: bool,
    /// Publication date (YYYY-MM-DD) for inputs that give none.
    #[arg(long, value_parser = crate::date_arg)]
    pub date: Option<NaiveDate>,
    /// Source name to record for every document (instead of each document's publisher).
    #[arg(long)]
    pub source: Option<String>,
    /// Largest single document, in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Most memory the store writer's page cache may take, in MiB. It grows with the store
    /// (an eighth of the file, from 128 MiB) so that large stores are written as fast as small
    /// ones; a lower bound here trades that speed for memory.
    #[arg(long, default_value_t = dateline_store::DEFAULT_CACHE_LIMIT_BYTES >> 20)]
    pub cache_mb: u64,
    #[command(flatten)]
    pub select: crate::inputs::SelectArgs,
}

#[derive(Default)]
struct Tally {
    read: usize,
    /// Seconds the pipeline waited for the writer to take a batch.
    waited: f64,
    failed: usize,
    words: usize,
    skipped: usize,
}

/// A bar over the input files, with documents/s and an ETA; hidden when stderr is not a terminal.
fn file_progress(files: usize) -> ProgressBar {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) || crate::quiet() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{wide_bar} {pos}/{len} files, {msg} [{elapsed} elapsed, ETA {eta}]",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// A batch for the writer: annotated documents, prepared for storing by the workers once the
/// store's compression dictionaries are trained (on the first batch, by the writer).
enum Work {
    Raw(Vec<Document>),
    Prepared(Vec<(Document, Prepared)>),
}

impl Work {
    /// Prepares `docs` in parallel when `codec` is trained; documents that cannot be prepared
    /// come back with the reason.
    fn new(codec: &Codec, docs: Vec<Document>) -> (Work, Vec<(Box<Document>, String)>) {
        if !codec.trained() {
            return (Work::Raw(docs), Vec::new());
        }
        let outcomes: Vec<_> = docs
            .into_par_iter()
            .map(|mut doc| match codec.prepare(&doc) {
                Ok(prepared) => {
                    // The writer reads the layers and spans, not the tokens: batches in flight
                    // take a fraction of the memory without them.
                    doc.drop_token_layers();
                    Ok((doc, prepared))
                }
                Err(e) => Err((Box::new(doc), e.to_string())),
            })
            .collect();
        let (ready, failed): (Vec<_>, Vec<_>) = outcomes.into_iter().partition(Result::is_ok);
        (
            Work::Prepared(ready.into_iter().filter_map(Result::ok).collect()),
            failed.into_iter().filter_map(Result::err).collect(),
        )
    }
}

/// The one thread that writes. Batches received within [`TRANSACTION_SECONDS`] go into one
/// transaction of at most [`transaction_documents`] documents: a kill loses at most that
/// transaction, which the next run stores again.
fn spawn_writer(
    mut store: Store,
    receive: std::sync::mpsc::Receiver<Work>,
    source: Option<String>,
) -> std::io::Result<std::thread::JoinHandle<dateline_store::Result<BatchReport>>> {
    let body = move || {
        let cpu = cpu_time::ThreadTime::try_now().ok();
        let mut total = BatchReport::default();
        let mut prepared = 0;
        let (mut stored, _) = store.document_counts()?;
        while let Ok(first) = receive.recv() {
            let limit = transaction_documents(stored);
            let opened = Instant::now();
            let mut writer = store.writer()?;
            let mut work = Some(first);
            while let Some(w) = work {
                match w {
                    Work::Raw(docs) => writer.add_batch(&docs, source.as_deref())?,
                    Work::Prepared(docs) => {
                        prepared += docs.len();
                        writer.add_prepared(&docs, source.as_deref())?
                    }
                };
                let open = writer.documents() < limit
                    && opened.elapsed().as_secs_f64() < TRANSACTION_SECONDS;
                work = if open { receive.recv().ok() } else { None };
            }
            let report = writer.commit()?;
            stored += report.added as u64;
            total += report;
        }
        if let Some(cpu) = cpu.and_then(|c| c.try_elapsed().ok()) {
            tracing::info!(
                cpu_seconds = cpu.as_secs_f64(),
                documents = total.added,
                prepared,
                "store writer done"
            );
        }
        Ok(total)
    };
    std::thread::Builder::new()
        .name("store-writer".into())
        .spawn(body)
}

pub fn run(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    crate::set_jobs(args.jobs)?;
    let mut store =
        Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    store.set_cache_limit(args.cache_mb.saturating_mul(1 << 20));
    let inputs = load_table_dirs(&mut store, args)?;
    if inputs.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let codec = store.codec();
    let (send, receive) = sync_channel::<Work>(IN_FLIGHT);
    let writer = spawn_writer(store, receive, args.source.clone())
        .context("cannot start the store writer thread")?;
    let config = ReadConfig {
        max_bytes: args.max_bytes,
        options: DocumentOptions {
            published: args.date,
            date_from_path: args.date_from_path,
            ..DocumentOptions::default()
        },
        ..ReadConfig::default()
    };
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let started = Instant::now();
    let found = args.select.files(&inputs)?;
    let bar = file_progress(found.files.len());
    let mut last_file: Option<String> = None;
    let mut tally = Tally::default();
    let mut batch = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Document>, tally: &mut Tally| -> anyhow::Result<()> {
        let outcomes = pipeline.run_batch(batch);
        let mut done = Vec::with_capacity(batch.len());
        for (doc, outcome) in batch.drain(..).zip(outcomes) {
            match outcome {
                Ok(()) => {
                    tally.words += doc.word_count();
                    done.push(doc);
                }
                Err(failure) => {
                    tally.failed += 1;
                    bar.suspend(|| eprintln!("error: {}: {failure}", doc.input_name()));
                }
            }
        }
        let (work, unprepared) = Work::new(&codec, done);
        for (doc, reason) in unprepared {
            tally.failed += 1;
            bar.suspend(|| eprintln!("error: {}: {reason}", doc.input_name()));
        }
        // A closed channel means the writer stopped on an error, reported when it is joined.
        let waiting = Instant::now();
        let _ = send.send(work);
        tally.waited += waiting.elapsed().as_secs_f64();
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        bar.set_message(format!(
            "{} documents ({:.0}/s)",
            tally.read,
            tally.read as f64 / secs
        ));
        Ok(())
    };
    for err in &found.errors {
        tally.failed += 1;
        bar.suspend(|| eprintln!("error: {err}"));
    }
    tally.skipped = found.skipped;
    for item in read_files(found.files, &config) {
        match item {
            Ok(doc) => {
                crate::output::warn_on_read(&doc, &bar);
                tally.read += 1;
                if doc.source.path != last_file {
                    bar.inc(1);
                    last_file.clone_from(&doc.source.path);
                }
                batch.push(doc);
                if batch.len() == BATCH {
                    flush(&mut batch, &mut tally)?;
                }
            }
            Err(err) => {
                tally.failed += 1;
                bar.suspend(|| eprintln!("error: {err}"));
            }
        }
    }
    flush(&mut batch, &mut tally)?;
    drop(send);
    let report = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer stopped unexpectedly"))?
        .with_context(|| format!("cannot write to {}", args.db.display()))?;
    bar.finish_and_clear();
    summary(&tally, &report, started.elapsed().as_secs_f64(), &args.db);
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads the inputs that are directories of annotated tables; returns the other inputs.
fn load_table_dirs(store: &mut Store, args: &IngestArgs) -> anyhow::Result<Vec<PathBuf>> {
    let (tables, inputs): (Vec<PathBuf>, Vec<PathBuf>) = crate::inputs_or_stdin(&args.inputs)
        .into_iter()
        .partition(|p| dateline_export::is_table_dir(p));
    for dir in &tables {
        load_tables(store, dir, args)?;
    }
    Ok(inputs)
}

/// Stores the annotated tables under `dir` (a cluster job's Parquet output) without running the
/// pipeline.
fn load_tables(store: &mut Store, dir: &std::path::Path, args: &IngestArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let bar = file_progress(0);
    bar.set_length(0);
    let report = dateline_export::load_tables(store, dir, args.source.as_deref(), |n| {
        bar.set_message(format!("{n} documents from {}", dir.display()));
    })
    .with_context(|| format!("cannot load the tables in {}", dir.display()))?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    tracing::info!(
        documents = report.documents,
        passes = report.passes,
        "tables loaded"
    );
    if !crate::quiet() {
        let s = &report.stored;
        eprintln!(
            "tables: {} documents read from {}, {} stored, {} already stored, {} duplicates linked; {} events; \
             {:.1} documents/s ({:.2} s) → {}",
            report.documents,
            dir.display(),
            s.added,
            s.already_stored,
            s.duplicates,
            s.events,
            report.documents as f64 / secs,
            secs,
            args.db.display(),
        );
        if report.orphan_rows > 0 {
            eprintln!(
                "warning: {} rows name a document_hash missing from the documents table; they were skipped",
                report.orphan_rows
            );
        }
    }
    Ok(())
}

/// The closing summary on stderr, and a note on undated documents.
fn summary(tally: &Tally, report: &BatchReport, secs: f64, db: &std::path::Path) {
    tracing::info!(
        read = tally.read,
        stored = report.added,
        failed = tally.failed,
        events = report.events,
        waited_for_writer_seconds = tally.waited,
        "ingest done"
    );
    if crate::quiet() {
        return;
    }
    let secs = secs.max(1e-9);
    eprintln!(
        "documents: {} read, {} stored, {} already stored, {} duplicates linked, {} failed; {} events; \
         {:.1} documents/s, {:.0} words/s ({:.2} s) → {}{}",
        tally.read,
        report.added,
        report.already_stored,
        report.duplicates,
        tally.failed,
        report.events,
        tally.read as f64 / secs,
        tally.words as f64 / secs,
        secs,
        db.display(),
        crate::inputs::skipped_note(tally.skipped),
    );
    if report.undated > 0 {
        eprintln!(
            "note: {} of the stored documents have no publication date: their events are dated only \
             where the text says when, and undated ones stay out of timelines; give one with \
             --date YYYY-MM-DD, or --date-from-path when paths or URLs hold it",
            report.undated
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transactions_grow_with_the_store_between_8_and_32_batches() {
        assert_eq!(transaction_documents(0), 8 * BATCH);
        assert_eq!(transaction_documents(100_000), 8 * BATCH);
        assert_eq!(transaction_documents(500_000), 500_000 / 32);
        assert_eq!(transaction_documents(1_000_000), 1_000_000 / 32);
        assert_eq!(transaction_documents(10_000_000), 32 * BATCH);
    }
}
