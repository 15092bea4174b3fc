//! `dateline extract`: read inputs, run the pipeline in parallel, write JSON in input order.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use dateline_core::Document;
use dateline_ingest::{read_files, DocumentOptions, ReadConfig};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::{DocumentWriter, Format};

/// Documents read before a batch is sent through the pipeline; bounds memory while keeping
/// every core busy.
const BATCH: usize = 1024;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Input files or directories; `-` or nothing reads stdin.
    pub inputs: Vec<PathBuf>,
    /// Output format (default: `text` when stdout is a terminal, `json` otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Publication date (YYYY-MM-DD) for inputs that give none.
    #[arg(long, value_parser = crate::date_arg)]
    pub date: Option<NaiveDate>,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Add each document's tokens with their part of speech, syntactic head and relation
    /// (a `tokens` array; see docs/schema.md).
    #[arg(long)]
    pub syntax: bool,
    /// Largest single document, in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
    #[command(flatten)]
    pub select: crate::inputs::SelectArgs,
}

/// Counts for the closing summary.
#[derive(Debug, Default)]
struct Tally {
    ok: usize,
    failed: usize,
    words: usize,
}

fn progress() -> ProgressBar {
    if !std::io::stderr().is_terminal() || crate::quiet() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents ({rate}) {msg} [{elapsed}]")
            .map_or_else(
                |_| ProgressStyle::default_spinner(),
                crate::output::with_rate,
            ),
    );
    bar
}

fn process_batch(
    batch: &mut Vec<Document>,
    pipeline: &dateline_core::Pipeline,
    writer: &mut DocumentWriter<impl Write>,
    tally: &mut Tally,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let outcomes = pipeline.run_batch(batch);
    for (doc, outcome) in batch.drain(..).zip(outcomes) {
        bar.inc(1);
        if let Err(failure) = outcome {
            tally.failed += 1;
            bar.suspend(|| eprintln!("error: {}: {failure}", doc.input_name()));
            continue;
        }
        tally.ok += 1;
        tally.words += doc.word_count();
        writer.write(doc)?;
    }
    Ok(())
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    crate::set_jobs(args.jobs)?;
    let inputs = crate::inputs_or_stdin(&args.inputs);
    if inputs.iter().any(|p| p.as_os_str() == "-") && std::io::stdin().is_terminal() {
        anyhow::bail!("no input: give files or directories, or pipe an article into stdin");
    }
    let out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let terminal = args.out.is_none() && std::io::stdout().is_terminal();
    let format = args
        .format
        .unwrap_or(if terminal { Format::Text } else { Format::Json });
    let style = if terminal {
        crate::text_view::Style::auto()
    } else {
        crate::text_view::Style::default()
    };
    let width = terminal_size::terminal_size()
        .filter(|_| terminal)
        .map_or(100, |(w, _)| usize::from(w.0));
    let mut writer = DocumentWriter::new(BufWriter::new(out), format)
        .with_syntax(args.syntax)
        .with_view(style, width);
    let config = ReadConfig {
        max_bytes: args.max_bytes,
        options: DocumentOptions {
            published: args.date,
            ..DocumentOptions::default()
        },
        ..ReadConfig::default()
    };
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let started = Instant::now();
    let bar = progress();
    let mut tally = Tally::default();
    let mut batch = Vec::with_capacity(BATCH);
    let found = args.select.files(&inputs)?;
    for err in &found.errors {
        tally.failed += 1;
        bar.suspend(|| eprintln!("error: {err}"));
    }
    for item in read_files(found.files, &config) {
        match item {
            Ok(doc) => {
                crate::output::warn_on_read(&doc, &bar);
                batch.push(doc);
                if batch.len() == BATCH {
                    process_batch(&mut batch, &pipeline, &mut writer, &mut tally, &bar)?;
                }
            }
            Err(err) => {
                tally.failed += 1;
                bar.suspend(|| eprintln!("error: {err}"));
            }
        }
    }
    process_batch(&mut batch, &pipeline, &mut writer, &mut tally, &bar)?;
    writer.finish()?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    tracing::info!(
        documents = tally.ok,
        failed = tally.failed,
        words = tally.words,
        "extract done"
    );
    if !crate::quiet() {
        eprintln!(
            "documents: {} ok, {} failed; {} words in {:.2} s ({:.0} words/s){}",
            tally.ok,
            tally.failed,
            tally.words,
            secs,
            tally.words as f64 / secs.max(1e-9),
            crate::inputs::skipped_note(found.skipped)
        );
    }
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
