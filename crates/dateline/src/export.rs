//! `dateline export`: a store's events and documents in formats other tools read.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The store file.
    #[arg(long, default_value = "dateline.db")]
    pub db: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// GDELT Events 2.0: 61 tab-separated columns, one row per aggregated event.
    GdeltEvents,
    /// GDELT GKG 2.1: 27 tab-separated columns, one record per original document.
    GdeltGkg,
    /// PLOVER JSON Lines: one record per event mention.
    Plover,
    /// The stored `dateline/1` documents, one per line.
    Jsonl,
    /// Event mentions as CSV with a header row.
    Csv,
    /// Parquet files of events, quotes, entities and claims, written into the `--out` folder.
    Parquet,
}

/// Writes one streamed export to `--out` or stdout; returns the records written.
fn stream(
    out: Option<&std::path::Path>,
    export: impl FnOnce(&mut dyn Write) -> dateline_export::Result<usize>,
) -> anyhow::Result<usize> {
    let sink: Box<dyn Write> = match out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = BufWriter::new(sink);
    let n = export(&mut sink).context("export failed")?;
    sink.flush().context("cannot write the export")?;
    Ok(n)
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let store = crate::open_store(&args.db)?;
    let out = args.out.as_deref();
    let n = match args.format {
        ExportFormat::GdeltEvents => {
            stream(out, |w| dateline_export::gdelt_events(&store, &mut &mut *w))?
        }
        ExportFormat::GdeltGkg => stream(out, |w| dateline_export::gkg(&store, &mut &mut *w))?,
        ExportFormat::Plover => stream(out, |w| dateline_export::plover(&store, &mut &mut *w))?,
        ExportFormat::Jsonl => stream(out, |w| dateline_export::documents(&store, &mut &mut *w))?,
        ExportFormat::Csv => stream(out, |w| dateline_export::events_csv(&store, &mut &mut *w))?,
        ExportFormat::Parquet => {
            let dir = out.context("--format parquet needs --out FOLDER")?;
            let written = dateline_export::parquet(&store, dir).context("export failed")?;
            for (file, rows) in &written {
                eprintln!("{}: {rows} rows", dir.join(file).display());
            }
            written.iter().map(|(_, rows)| rows).sum()
        }
    };
    eprintln!("exported {n} records");
    Ok(ExitCode::SUCCESS)
}
