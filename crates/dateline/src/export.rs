//! `dateline export`: a store's events and documents in formats other tools read.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use dateline_store::Store;

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
    /// PLOVER JSON Lines: one record per event mention.
    Plover,
    /// The stored `dateline/1` documents, one per line.
    Jsonl,
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        anyhow::bail!(
            "{}: no such store (create one with `dateline ingest`)",
            args.db.display()
        );
    }
    let store =
        Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    let out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let n = match args.format {
        ExportFormat::GdeltEvents => store.export_gdelt_events(&mut out),
        ExportFormat::Plover => store.export_plover(&mut out),
        ExportFormat::Jsonl => store.export_documents(&mut out),
    }
    .context("export failed")?;
    out.flush().context("cannot write the export")?;
    eprintln!("exported {n} records");
    Ok(ExitCode::SUCCESS)
}
