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
use dateline_ingest::{count_input_files, read_inputs, ReadConfig};
use dateline_store::{BatchReport, Store};
use rayon::prelude::*;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::extract::parse_day;

/// Documents per batch: one pipeline pass over all cores, one transaction.
const BATCH: usize = 256;
/// Batches in flight between the pipeline and the writer: bounds memory.
const IN_FLIGHT: usize = 2;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Input files or directories (text, HTML, JSONL, RSS/Atom, WARC, WARC.gz); `-` reads stdin.
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
    #[arg(long, value_parser = parse_day)]
    pub date: Option<NaiveDate>,
    /// Source name to record for every document (instead of each document's publisher).
    #[arg(long)]
    pub source: Option<String>,
    /// Largest single document, in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
}

/// A `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY_MM_DD` date in a path, if one is there.
fn date_in_path(path: &str) -> Option<NaiveDate> {
    let bytes = path.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let s = path.get(i..i + 10)?;
        let sep = s.as_bytes()[4];
        if !matches!(sep, b'-' | b'/' | b'_') || s.as_bytes()[7] != sep {
            return None;
        }
        let boundary = i == 0 || !bytes[i - 1].is_ascii_digit();
        let normal = s.replace(sep as char, "-");
        boundary
            .then(|| NaiveDate::parse_from_str(&normal, "%Y-%m-%d").ok())
            .flatten()
    })
}

struct Tally {
    read: usize,
    failed: usize,
    words: usize,
}

/// A missing publication date: from the path or URL (`--date-from-path`), else `--date`.
fn fill_date(doc: &mut Document, args: &IngestArgs) {
    if doc.meta.published.is_none() && args.date_from_path {
        doc.meta.published = doc
            .source
            .path
            .as_deref()
            .and_then(date_in_path)
            .or_else(|| doc.source.url.as_deref().and_then(date_in_path));
    }
    if doc.meta.published.is_none() {
        doc.meta.published = args.date;
    }
}

/// A bar over the input files, with documents/s and an ETA; hidden when stderr is not a terminal.
fn file_progress(files: usize) -> ProgressBar {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
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

/// The one thread that writes: one transaction per batch received.
fn spawn_writer(
    mut store: Store,
    receive: std::sync::mpsc::Receiver<Vec<Document>>,
    source: Option<String>,
) -> std::thread::JoinHandle<dateline_store::Result<BatchReport>> {
    std::thread::spawn(move || {
        let mut total = BatchReport::default();
        for batch in receive {
            total += store.add_batch(&batch, source.as_deref())?;
        }
        Ok(total)
    })
}

pub fn run(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    crate::set_jobs(args.jobs)?;
    let inputs = crate::inputs_or_stdin(&args.inputs);
    let store =
        Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    let (send, receive) = sync_channel::<Vec<Document>>(IN_FLIGHT);
    let writer = spawn_writer(store, receive, args.source.clone());
    let config = ReadConfig {
        max_bytes: args.max_bytes,
        ..ReadConfig::default()
    };
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let started = Instant::now();
    let bar = file_progress(count_input_files(&inputs));
    let mut last_file: Option<String> = None;
    let mut tally = Tally {
        read: 0,
        failed: 0,
        words: 0,
    };
    let mut batch = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Document>, tally: &mut Tally| -> anyhow::Result<()> {
        let outcomes: Vec<_> = batch
            .par_iter_mut()
            .map(|d| pipeline.run_guarded(d))
            .collect();
        let mut done = Vec::with_capacity(batch.len());
        for (doc, outcome) in batch.drain(..).zip(outcomes) {
            match outcome {
                Ok(()) => {
                    tally.words += doc.word_count();
                    done.push(doc);
                }
                Err(failure) => {
                    tally.failed += 1;
                    let input = doc.source.path.as_deref().unwrap_or("-");
                    bar.suspend(|| eprintln!("error: {input}: {failure}"));
                }
            }
        }
        // A closed channel means the writer stopped on an error, reported when it is joined.
        let _ = send.send(done);
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        bar.set_message(format!(
            "{} documents ({:.0}/s)",
            tally.read,
            tally.read as f64 / secs
        ));
        Ok(())
    };
    for item in read_inputs(&inputs, &config) {
        match item {
            Ok(mut doc) => {
                tally.read += 1;
                if doc.source.path != last_file {
                    bar.inc(1);
                    last_file.clone_from(&doc.source.path);
                }
                fill_date(&mut doc, args);
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
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "documents: {} read, {} stored, {} already stored, {} duplicates linked, {} failed; {} events; \
         {:.1} documents/s, {:.0} words/s ({:.2} s) → {}",
        tally.read,
        report.added,
        report.already_stored,
        report.duplicates,
        tally.failed,
        report.events,
        tally.read as f64 / secs,
        tally.words as f64 / secs,
        secs,
        args.db.display(),
    );
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::date_in_path;

    #[test]
    fn dates_in_paths() {
        let d = |s: &str| date_in_path(s).map(|d| d.to_string());
        assert_eq!(
            d("news/2024/10/30/story.html").as_deref(),
            Some("2024-10-30")
        );
        assert_eq!(d("crawl-2024-10-30.warc.gz").as_deref(), Some("2024-10-30"));
        assert_eq!(d("x_2024_02_29_y").as_deref(), Some("2024-02-29"));
        assert_eq!(d("12024-10-30"), None);
        assert_eq!(d("2024-13-01"), None);
        assert_eq!(d("short"), None);
    }
}
