//! `dateline query`: questions over a store, printed as a table, JSON or CSV.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
        #[arg(long, value_parser = actor_code)]
        actor: Option<String>,
        /// Target actor code or prefix.
        #[arg(long, value_parser = actor_code)]
        target: Option<String>,
        /// CAMEO root, `01` to `20` (`19`: fight).
        #[arg(long, value_parser = cameo_root)]
        root: Option<String>,
        /// Earliest date, YYYY-MM-DD.
        #[arg(long, value_parser = day)]
        since: Option<String>,
        /// Latest date, YYYY-MM-DD.
        #[arg(long, value_parser = day)]
        until: Option<String>,
        /// Most rows (1 or more).
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        /// List the mentions behind each aggregated event: the sentence, the article and its
        /// address.
        #[arg(long)]
        evidence: bool,
    },
    /// Every quote of a speaker across the corpus.
    Quotes {
        /// The speaker: a full name (`Lloyd Austin`) or a surname (`Austin`), which find each
        /// other.
        #[arg(long)]
        speaker: String,
        /// Most rows (1 or more).
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Full-text search over documents and quotes: every word must occur (`U.S. troops`), best
    /// matches first (documents by BM25 among the newest 1,000 matches, quotes among those of the
    /// best 100 documents). Stop words ("the", "over") are left out unless the query has nothing
    /// else; a query of stop words only lists the newest matches.
    Search {
        /// The words to find.
        query: String,
        /// Most rows (1 or more).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        /// Take the query as FTS5 syntax: "phrases", AND, OR, NOT, prefix*.
        #[arg(long)]
        raw: bool,
    },
    /// The actors most involved in events; with `--people`, the people most mentioned, linked
    /// across documents, with the roles (actor codes) they carried over time.
    Actors {
        /// How many (1 or more).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        top: u32,
        /// List people instead of actor codes.
        #[arg(long)]
        people: bool,
        /// With `--people`: only people whose name contains this (any case).
        #[arg(long, requires = "people")]
        name: Option<String>,
    },
    /// Actor-to-actor edges weighted by event count and mean Goldstein value.
    Network {
        /// Earliest date, YYYY-MM-DD.
        #[arg(long, value_parser = day)]
        since: Option<String>,
        /// Latest date, YYYY-MM-DD.
        #[arg(long, value_parser = day)]
        until: Option<String>,
    },
    /// Events involving an actor per day, month or year.
    Timeline {
        /// Actor code or prefix.
        #[arg(long, value_parser = actor_code)]
        actor: String,
        /// Bucket size.
        #[arg(long, value_enum, default_value_t = By::Day)]
        by: By,
    },
}

/// A `YYYY-MM-DD` date, checked as a calendar date.
fn day(s: &str) -> Result<String, String> {
    dateline_core::parse_day(s)
        .map(|d| d.to_string())
        .map_err(|e| e.to_string())
}

/// An actor code or prefix: three or more letters (`PRK`, `USAGOV`), any case.
fn actor_code(s: &str) -> Result<String, String> {
    let code = s.trim().to_ascii_uppercase();
    if code.len() >= 3 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code)
    } else {
        Err(format!(
            "{s:?} is not an actor code: give three or more letters, such as PRK or USAGOV"
        ))
    }
}

/// A CAMEO root: two digits from 01 to 20.
fn cameo_root(s: &str) -> Result<String, String> {
    match s.trim().parse::<u8>() {
        Ok(n @ 1..=20) => Ok(format!("{n:02}")),
        _ => Err(format!(
            "{s:?} is not a CAMEO root: give 01 (make public statement) to 20 (use unconventional mass violence)"
        )),
    }
}

pub(crate) fn answer(store: &Store, question: &Question) -> anyhow::Result<Table> {
    Ok(match question {
        Question::Events {
            actor,
            target,
            root,
            since,
            until,
            limit,
            evidence,
        } => {
            let table = store.events(&EventFilter {
                actor: actor.clone(),
                target: target.clone(),
                root: root.clone(),
                since: since.clone(),
                until: until.clone(),
                limit: *limit as usize,
                offset: 0,
            })?;
            if *evidence {
                let ids: Vec<i64> = table
                    .rows
                    .iter()
                    .filter_map(|r| r.first().and_then(serde_json::Value::as_i64))
                    .collect();
                with_labels(store.mentions(&ids, 10_000)?)
            } else {
                with_labels(table)
            }
        }
        Question::Quotes { speaker, limit } => store.quotes_by(speaker, *limit as usize)?,
        Question::Search { query, limit, raw } => {
            if query.trim().is_empty() {
                anyhow::bail!("search: give words to find");
            }
            // Plain words are each quoted, so that `U.S.` or `AND` is a word.
            let found = if *raw {
                store.search(query, *limit as usize)
            } else {
                store.search_words(query, *limit as usize)
            };
            found.map_err(|e| {
                if *raw {
                    anyhow::anyhow!(
                        "search: {query:?} is not a valid FTS5 query ({e}); without --raw the words are searched as written"
                    )
                } else {
                    anyhow::Error::from(e)
                }
            })?
        }
        Question::Actors {
            top, people: false, ..
        } => store.top_actors(*top as usize)?,
        Question::Actors { top, name, .. } => store.top_people(*top as usize, name.as_deref())?,
        Question::Network { since, until } => {
            store.network(since.as_deref(), until.as_deref(), usize::MAX, 0)?
        }
        Question::Timeline { actor, by } => with_labels(store.timeline(
            actor,
            match by {
                By::Day => Bucket::Day,
                By::Month => Bucket::Month,
                By::Year => Bucket::Year,
            },
        )?),
    })
}

/// The table with a label beside each CAMEO code (`event`) and QuadClass (`quad`).
fn with_labels(mut table: Table) -> Table {
    let codes = dateline_nlp::events::cameo::CameoCodes::embedded();
    let quad_names = [
        "",
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
    ];
    for (column, name) in [("cameo", "event"), ("quad_class", "quad")] {
        let Some(at) = table.columns.iter().position(|c| c == column) else {
            continue;
        };
        table.columns.insert(at + 1, name.to_owned());
        for row in &mut table.rows {
            let value = row.get(at).cloned().unwrap_or_default();
            let label = match column {
                "cameo" => value
                    .as_str()
                    .and_then(|c| codes.label(c))
                    .map(str::to_owned),
                _ => value
                    .as_u64()
                    .and_then(|q| quad_names.get(q as usize))
                    .map(|q| (*q).to_owned()),
            };
            row.insert(
                at + 1,
                label.map_or(serde_json::Value::Null, serde_json::Value::String),
            );
        }
    }
    table
}

/// The table without the columns that are empty in every row (for reading in a terminal).
fn without_empty_columns(table: &Table) -> Table {
    let keep: Vec<usize> = (0..table.columns.len())
        .filter(|&i| {
            table.rows.iter().any(|r| {
                r.get(i)
                    .is_some_and(|v| !v.is_null() && v.as_str() != Some(""))
            })
        })
        .collect();
    Table {
        columns: keep.iter().map(|&i| table.columns[i].clone()).collect(),
        rows: table
            .rows
            .iter()
            .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
            .collect(),
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
    let table = answer(&store, &args.question)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        TableFormat::Table if table.rows.is_empty() => {
            writeln!(out, "no results")?;
        }
        TableFormat::Table => write_table(&mut out, &without_empty_columns(&table))?,
        TableFormat::Json => write_json(&mut out, &table)?,
        TableFormat::Csv => write_csv(&mut out, &table)?,
    }
    Ok(ExitCode::SUCCESS)
}
