//! `dateline query`: questions over a store, printed as a table, JSON or CSV.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use dateline_store::query::{Bucket, EventFilter, Table};
use dateline_store::Store;

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The store file.
    #[arg(long, default_value = "dateline.db", global = true)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table, global = true)]
    pub format: TableFormat,
    #[command(subcommand)]
    pub question: Question,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for a terminal.
    Table,
    /// One JSON array of objects.
    Json,
    /// CSV with a header row.
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum By {
    Day,
    Month,
    Year,
}

#[derive(Debug, Subcommand)]
pub enum Question {
    /// Aggregated events, most mentioned first.
    Events {
        /// Source actor code or prefix (`PRK`, `USAGOV`).
        #[arg(long)]
        actor: Option<String>,
        /// Target actor code or prefix.
        #[arg(long)]
        target: Option<String>,
        /// CAMEO root (`19`).
        #[arg(long)]
        root: Option<String>,
        /// Earliest date, YYYY-MM-DD.
        #[arg(long)]
        since: Option<String>,
        /// Latest date, YYYY-MM-DD.
        #[arg(long)]
        until: Option<String>,
        /// Most rows.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Every quote of a speaker across the corpus.
    Quotes {
        /// The speaker's canonical name (`Lloyd Austin`).
        #[arg(long)]
        speaker: String,
        /// Most rows.
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
    /// Full-text search over documents and quotes (FTS5 syntax: words, "phrases", AND, OR, NOT).
    Search {
        /// The query.
        query: String,
        /// Most rows.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// The actors most involved in events.
    Actors {
        /// How many.
        #[arg(long, default_value_t = 20)]
        top: usize,
    },
    /// Actor-to-actor edges weighted by event count and mean Goldstein value.
    Network {
        /// Earliest date, YYYY-MM-DD.
        #[arg(long)]
        since: Option<String>,
        /// Latest date, YYYY-MM-DD.
        #[arg(long)]
        until: Option<String>,
    },
    /// Events involving an actor per day, month or year.
    Timeline {
        /// Actor code or prefix.
        #[arg(long)]
        actor: String,
        /// Bucket size.
        #[arg(long, value_enum, default_value_t = By::Day)]
        by: By,
    },
}

fn answer(store: &Store, question: &Question) -> dateline_store::Result<Table> {
    match question {
        Question::Events {
            actor,
            target,
            root,
            since,
            until,
            limit,
        } => store.events(&EventFilter {
            actor: actor.clone(),
            target: target.clone(),
            root: root.clone(),
            since: since.clone(),
            until: until.clone(),
            limit: *limit,
            offset: 0,
        }),
        Question::Quotes { speaker, limit } => store.quotes_by(speaker, *limit),
        Question::Search { query, limit } => store.search(query, *limit),
        Question::Actors { top } => store.top_actors(*top),
        Question::Network { since, until } => {
            store.network(since.as_deref(), until.as_deref(), usize::MAX, 0)
        }
        Question::Timeline { actor, by } => store.timeline(
            actor,
            match by {
                By::Day => Bucket::Day,
                By::Month => Bucket::Month,
                By::Year => Bucket::Year,
            },
        ),
    }
}

fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Aligned columns; long cells are cut at 60 characters.
fn write_table(out: &mut impl Write, table: &Table) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| {
                    let s = cell(v).replace(['\n', '\t'], " ");
                    if s.chars().count() > 60 {
                        s.chars().take(59).chain(['…']).collect()
                    } else {
                        s
                    }
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..table.columns.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([table.columns[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
        let padded: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(out, &table.columns)?;
    for row in &cells {
        line(out, row)?;
    }
    Ok(())
}

fn write_json(out: &mut impl Write, table: &Table) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &table.to_objects())?;
    writeln!(out)?;
    Ok(())
}

fn write_csv(out: &mut impl Write, table: &Table) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&table.columns)?;
    for row in &table.rows {
        w.write_record(row.iter().map(cell))?;
    }
    w.flush()?;
    Ok(())
}

pub fn run(args: &QueryArgs) -> anyhow::Result<ExitCode> {
    let store = crate::open_store(&args.db)?;
    let table = answer(&store, &args.question).context("query failed")?;
    let mut out = std::io::stdout().lock();
    match args.format {
        TableFormat::Table => write_table(&mut out, &table)?,
        TableFormat::Json => write_json(&mut out, &table)?,
        TableFormat::Csv => write_csv(&mut out, &table)?,
    }
    Ok(ExitCode::SUCCESS)
}
