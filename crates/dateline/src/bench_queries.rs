//! `dateline bench --queries STORE`: the latency of every `dateline query` kind on an existing
//! store, over a mix of parameters drawn from the store itself (so the mix fits any corpus):
//!
//! - events: the busiest events; by a source actor; by a source and a target; by CAMEO root in
//!   a 30-day window;
//! - quotes: a speaker's full name, and a surname alone;
//! - search: one word, and two words, of a stored headline;
//! - actors: the top 20 actor codes, and the top 20 people (`--people`);
//! - network: the whole corpus, and a 30-day window;
//! - timeline: an actor by day, and by month.
//!
//! Actors, pairs, dates and speakers are those of randomly chosen stored rows (a fixed seed), so
//! busy and rare values come in the proportions the corpus has them. Each query runs as `dateline
//! query` runs it, up to the table it prints.

use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

use crate::query::{answer, By, Question};
use dateline_store::Store;

/// Latencies of one query kind.
#[derive(Debug, Serialize)]
pub struct KindReport {
    pub kind: &'static str,
    pub queries: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

/// A random row's values: `sql` takes a rowid as `?1` and returns one row of text columns.
fn draw(
    store: &Store,
    rng: &mut ChaCha8Rng,
    table: &str,
    sql: &str,
) -> anyhow::Result<Vec<String>> {
    let conn = store.connection();
    let max: i64 = conn.query_row(
        &format!("SELECT COALESCE(MAX(rowid), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?;
    anyhow::ensure!(max > 0, "the store has no {table}: ingest documents first");
    // Rows deleted or without the values: try other ids.
    for _ in 0..1000 {
        let id = rng.random_range(1..=max);
        let row = conn.query_row(sql, [id], |r| {
            (0..r.as_ref().column_count())
                .map(|i| r.get::<_, Option<String>>(i))
                .collect::<Result<Vec<_>, _>>()
        });
        if let Ok(values) = row {
            if values.iter().all(Option::is_some) {
                return Ok(values.into_iter().flatten().collect());
            }
        }
    }
    anyhow::bail!("no usable row in {table}")
}

/// The 30-day window ending on `day`.
fn window(day: &str) -> (Option<String>, Option<String>) {
    let end = dateline_core::parse_day(day).ok();
    let start = end.and_then(|d| d.checked_sub_days(chrono::Days::new(29)));
    (start.map(|d| d.to_string()), end.map(|d| d.to_string()))
}

/// Words of a headline fit for a search: letters only, three or more.
fn headline_words(headline: &str) -> Vec<String> {
    headline
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic))
        .map(str::to_owned)
        .collect()
}

/// Words of a random stored headline that has two or more.
fn headline_pair(store: &Store, rng: &mut ChaCha8Rng) -> anyhow::Result<Vec<String>> {
    loop {
        let headline = draw(
            store,
            rng,
            "documents",
            "SELECT headline FROM documents WHERE rowid = ?1",
        )?;
        let words = headline
            .first()
            .map(|h| headline_words(h))
            .unwrap_or_default();
        if words.len() >= 2 {
            return Ok(words);
        }
    }
}

/// The top 20 actor codes, or people.
fn top_actors(people: bool) -> Question {
    Question::Actors {
        top: 20,
        people,
        name: None,
    }
}

/// One round of the mix: the questions of each kind.
fn round(store: &Store, rng: &mut ChaCha8Rng) -> anyhow::Result<Vec<(&'static str, Question)>> {
    let events =
        |actor: Option<String>, target: Option<String>, root: Option<String>, (since, until)| {
            Question::Events {
                actor,
                target,
                root,
                since,
                until,
                limit: 50,
                evidence: false,
            }
        };
    let pair = draw(store, rng, "aggregates", "SELECT source_actor, target_actor, substr(cameo, 1, 2), date FROM aggregates WHERE rowid = ?1 AND source_actor <> '' AND target_actor <> ''")?;
    let [source, target, root, date] =
        <[String; 4]>::try_from(pair).map_err(|_| anyhow::anyhow!("aggregates row"))?;
    let speaker = draw(store, rng, "quotes", "SELECT COALESCE(speaker, speaker_text) FROM quotes WHERE rowid = ?1 AND speaker IS NOT NULL")?;
    let speaker = speaker.into_iter().next().unwrap_or_default();
    let surname = speaker
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_owned();
    let words = headline_pair(store, rng)?;
    let at = rng.random_range(0..words.len() - 1);
    Ok(vec![
        ("events", events(None, None, None, (None, None))),
        (
            "events",
            events(Some(source.clone()), None, None, (None, None)),
        ),
        (
            "events",
            events(Some(source.clone()), Some(target), None, (None, None)),
        ),
        ("events", events(None, None, Some(root), window(&date))),
        (
            "quotes",
            Question::Quotes {
                speaker,
                limit: 200,
            },
        ),
        (
            "quotes",
            Question::Quotes {
                speaker: surname,
                limit: 200,
            },
        ),
        (
            "search",
            Question::Search {
                query: words[at].clone(),
                limit: 20,
                raw: false,
            },
        ),
        (
            "search",
            Question::Search {
                query: words[at..at + 2].join(" "),
                limit: 20,
                raw: false,
            },
        ),
        ("actors", top_actors(false)),
        ("people", top_actors(true)),
        (
            "network",
            Question::Network {
                since: None,
                until: None,
            },
        ),
        ("network", {
            let (since, until) = window(&date);
            Question::Network { since, until }
        }),
        (
            "timeline",
            Question::Timeline {
                actor: source.clone(),
                by: By::Day,
            },
        ),
        (
            "timeline",
            Question::Timeline {
                actor: source,
                by: By::Month,
            },
        ),
    ])
}

/// The `percent`th percentile (nearest rank) of sorted latencies, in milliseconds.
fn percentile(sorted: &[Duration], percent: usize) -> f64 {
    let at = (sorted.len() * percent)
        .div_ceil(100)
        .clamp(1, sorted.len().max(1))
        - 1;
    sorted.get(at).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Runs `rounds` rounds of the mix on the store at `db` and prints the latencies per kind.
pub fn run(db: &Path, rounds: usize, seed: u64, json: bool) -> anyhow::Result<()> {
    crate::require_store(db)?;
    let store =
        Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut times: Vec<(&'static str, Vec<Duration>)> = Vec::new();
    for _ in 0..rounds.max(1) {
        for (kind, question) in round(&store, &mut rng)? {
            let started = Instant::now();
            let table =
                answer(&store, &question).with_context(|| format!("{kind}: {question:?}"))?;
            let took = started.elapsed();
            std::hint::black_box(table);
            match times.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, t)) => t.push(took),
                None => times.push((kind, vec![took])),
            }
        }
    }
    let reports: Vec<KindReport> = times
        .into_iter()
        .map(|(kind, mut t)| {
            t.sort();
            KindReport {
                kind,
                queries: t.len(),
                p50_ms: percentile(&t, 50),
                p95_ms: percentile(&t, 95),
                max_ms: percentile(&t, 100),
            }
        })
        .collect();
    let (documents, _) = store.document_counts()?;
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(
            out,
            "{}",
            serde_json::json!({ "store": db, "documents": documents, "seed": seed, "kinds": reports })
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{} documents in {}; {} rounds of the query mix (seed {seed})",
        documents,
        db.display(),
        rounds.max(1)
    )?;
    writeln!(
        out,
        "{:<10} {:>8} {:>10} {:>10} {:>10}",
        "kind", "queries", "p50 ms", "p95 ms", "max ms"
    )?;
    for r in &reports {
        writeln!(
            out,
            "{:<10} {:>8} {:>10.1} {:>10.1} {:>10.1}",
            r.kind, r.queries, r.p50_ms, r.p95_ms, r.max_ms
        )?;
    }
    Ok(())
}
