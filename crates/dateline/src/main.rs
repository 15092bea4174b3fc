//! The `dateline` command. Thin: parses arguments, calls the library crates, prints.

// Progress, warnings and errors go to stderr: that is the command's job, unlike a library's.
#![allow(clippy::print_stderr)]

mod bench;
mod bench_queries;
mod eval;
mod export;
mod extract;
mod ingest;
mod inputs;
mod kb;
mod output;
mod query;
mod serve;
mod text_view;
mod train;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Dateline: political event data from news articles.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Say more: `-v` logs what each step does, `-vv` each document (`RUST_LOG` overrides).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Say less: errors only, no progress, summaries or warnings.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract `dateline/1` JSON from articles (files, directories, `-` for stdin).
    Extract(extract::ExtractArgs),
    /// Measure throughput (1 core, all cores, per stage), memory, and optionally spaCy beside it.
    Bench(bench::BenchArgs),
    /// Score the pipeline against hand-annotated articles, or segmentation against a treebank.
    Eval(eval::EvalArgs),
    /// Store articles and their annotations in a corpus file (SQLite), linking wire copies and
    /// aggregating events.
    Ingest(ingest::IngestArgs),
    /// Export a corpus store: GDELT Events 2.0 and GKG 2.1, PLOVER JSON Lines, `dateline/1` JSON
    /// Lines, Parquet.
    Export(export::ExportArgs),
    /// Ask a corpus store: events, quotes, search, actors, network, timeline.
    Query(query::QueryArgs),
    /// Look a name up in the actor knowledge base: the people it may mean, their dated roles,
    /// and whom a mention on a date is linked to.
    Kb(kb::KbArgs),
    /// Serve the HTTP API (OpenAPI at /openapi.json) and the web UI.
    Serve(serve::ServeArgs),
    /// Keep a store current from news feeds (RSS, Atom, news sitemaps, OPML lists), once or
    /// every few minutes, with GDELT-style update files.
    Watch(watch::WatchArgs),
    /// Train a model (the POS tagger or the entity recogniser) from the GMB news corpus.
    Train(train::TrainArgs),
    /// Print a shell completion script (`dateline completions bash > /etc/bash_completion.d/dateline`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Set by `--quiet`: summaries, progress and warnings are not printed.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether `--quiet` was given.
pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Logs to stderr at the level `-q`/`-v` choose, unless `RUST_LOG` says otherwise.
/// Long-running commands (`serve`, `watch`) log at `info` by default: a request log, each poll.
fn init_logging(verbose: u8, quiet: bool, long_running: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) if long_running => "info",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// Whether an error chain bottoms out in a closed stdout (`dateline extract … | head`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    init_logging(
        cli.verbose,
        cli.quiet,
        matches!(cli.command, Command::Serve(_) | Command::Watch(_)),
    );
    let result = match cli.command {
        Command::Bench(args) => bench::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Ingest(args) => ingest::run(&args),
        Command::Query(args) => query::run(&args),
        Command::Kb(args) => kb::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Train(args) => train::train(&args),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "dateline",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A `--date` argument, through the one parser of user-given dates.
fn date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    dateline_ingest::DocumentOptions::published_from(s).map_err(|e| e.to_string())
}

/// Runs rayon's global pool on `jobs` threads when given (default: all cores).
fn set_jobs(jobs: Option<usize>) -> anyhow::Result<()> {
    if let Some(jobs) = jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .context("cannot start the worker threads")?;
    }
    Ok(())
}

/// Fails with a clear message when the store `db` does not exist.
fn require_store(db: &std::path::Path) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!(
            "{}: no such store (create one with `dateline ingest`)",
            db.display()
        );
    }
    Ok(())
}

/// Opens an existing store for `query` and `export`.
fn open_store(db: &std::path::Path) -> anyhow::Result<dateline_store::Store> {
    require_store(db)?;
    dateline_store::Store::open(db).with_context(|| format!("cannot open {}", db.display()))
}

/// Paths given on the command line, or stdin when none are.
fn inputs_or_stdin(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    }
}
