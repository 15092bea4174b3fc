//! Cross-article event aggregation: every event of an original (not duplicate) article joins
//! the aggregate with the same source, target, CAMEO code and place whose date is within a day of
//! its own, or starts one. Counts are kept current as documents arrive (GDELT freezes its counts
//! after 15 minutes): each batch adds what it brought, once per aggregate, and the summaries
//! that answer corpus-wide questions without scanning every aggregate (actors, actor pairs,
//! timelines) are kept the same way.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use dateline_core::rows::EventRow;
use rusqlite::{params, Transaction};

use crate::Result;

/// The day range `[date - 1, date + 1]` for a `YYYY-MM-DD` date; a coarser date matches itself.
fn window(date: &str) -> (String, String) {
    match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => {
            let f = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
            (
                f(d.checked_sub_signed(Duration::days(1)).unwrap_or(d)),
                f(d.checked_add_signed(Duration::days(1)).unwrap_or(d)),
            )
        }
        Err(_) => (date.to_owned(), date.to_owned()),
    }
}

/// An aggregate started in the open transaction: written once, with its counts, at commit
/// (inserting it with no mentions and updating it at commit rewrote its entries in five
/// indexes that hold the mention count).
#[derive(Debug)]
struct Fresh {
    cameo: String,
    root: String,
    place: String,
}

/// The identity of an aggregate but for its date: source, target, CAMEO code and place.
type Identity = (String, String, String, String);

/// Aggregates started in the open transaction, found by identity (with their dates and ids)
/// and by id.
#[derive(Debug, Default)]
struct Started {
    next_id: Option<i64>,
    by_identity: HashMap<Identity, Vec<(Option<String>, i64)>>,
    rows: HashMap<i64, Fresh>,
}

impl Started {
    /// The oldest aggregate started in this transaction with `identity` whose date is `date`
    /// or within a day of it (no date matches no date).
    fn find(&self, identity: &Identity, date: Option<&str>) -> Option<i64> {
        let window = date.map(window);
        self.by_identity
            .get(identity)?
            .iter()
            .filter(|(d, _)| match (d.as_deref(), &window) {
                (Some(d), Some((from, to))) => from.as_str() <= d && d <= to.as_str(),
                (None, None) => true,
                _ => false,
            })
            .map(|&(_, id)| id)
            .min()
    }

    fn start(
        &mut self,
        tx: &Transaction<'_>,
        identity: Identity,
        date: Option<&str>,
        root: &str,
    ) -> Result<i64> {
        let id = match self.next_id {
            Some(id) => id,
            None => tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM aggregates", [], |r| {
                r.get(0)
            })?,
        };
        self.next_id = Some(id + 1);
        self.rows.insert(
            id,
            Fresh {
                cameo: identity.2.clone(),
                root: root.to_owned(),
                place: identity.3.clone(),
            },
        );
        self.by_identity
            .entry(identity)
            .or_default()
            .push((date.map(str::to_owned), id));
        Ok(id)
    }
}

impl Tally {
    /// The aggregate `event` belongs to: a stored one with the same source, target, code and
    /// place dated within a day of the event, else one started in this transaction, else a new
    /// one (written at commit); `seen` is the article's publication date, if known. An event
    /// with neither a date of its own nor a dated article joins the undated aggregate of its
    /// actors, code and place: no date is made up.
    pub fn aggregate_of(
        &mut self,
        tx: &Transaction<'_>,
        event: &EventRow<'_>,
        seen: Option<&str>,
    ) -> Result<i64> {
        let identity: Identity = (
            event.source_actor.unwrap_or_default().to_owned(),
            event.target_actor.unwrap_or_default().to_owned(),
            event.cameo.to_owned(),
            event.place.unwrap_or_default().to_owned(),
        );
        let date = event.date.as_deref().or(seen);
        let (source, target, cameo, place) = &identity;
        let stored: Option<i64> = match date {
            Some(date) => {
                let (from, to) = window(date);
                tx.prepare_cached(
                    "SELECT MIN(id) FROM aggregates WHERE source_actor = ?1 AND target_actor = ?2 AND cameo = ?3
                     AND place = ?4 AND date BETWEEN ?5 AND ?6",
                )?
                .query_row(params![source, target, cameo, place, from, to], |r| r.get(0))?
            }
            None => tx
                .prepare_cached(
                    "SELECT MIN(id) FROM aggregates WHERE source_actor = ?1 AND target_actor = ?2 AND cameo = ?3
                     AND place = ?4 AND date IS NULL",
                )?
                .query_row(params![source, target, cameo, place], |r| r.get(0))?,
        };
        if let Some(id) = stored.or_else(|| self.started.find(&identity, date)) {
            return Ok(id);
        }
        self.started.start(tx, identity, date, event.root)
    }
}

/// What a batch adds to one aggregate.
#[derive(Debug, Default)]
struct Added {
    mentions: i64,
    articles: BTreeSet<i64>,
    sources: BTreeSet<String>,
    first: Option<String>,
    last: Option<String>,
    /// Source and target codes, date, QuadClass and Goldstein value of the aggregate.
    key: (String, String, Option<String>, i64, f64),
}

/// Additions to a summary row: mentions and the sum of their Goldstein values.
type Sums = BTreeMap<(String, Option<String>, i64), (i64, f64)>;

/// What a batch adds to its aggregates and summaries, written once at the end of the batch.
#[derive(Debug, Default)]
pub struct Tally {
    aggregates: BTreeMap<i64, Added>,
    started: Started,
}

impl Tally {
    /// Counts a mention of aggregate `id` (whose key is `event`'s) in document `document`, of
    /// source `source`, published on `published`.
    pub fn add(
        &mut self,
        id: i64,
        event: &EventRow<'_>,
        document: i64,
        source: &str,
        published: Option<&str>,
        date: Option<&str>,
    ) {
        let a = self.aggregates.entry(id).or_insert_with(|| Added {
            key: (
                event.source_actor.unwrap_or_default().to_owned(),
                event.target_actor.unwrap_or_default().to_owned(),
                date.map(str::to_owned),
                event.quad_class,
                event.goldstein,
            ),
            ..Added::default()
        });
        a.mentions += 1;
        a.articles.insert(document);
        if !a.sources.contains(source) {
            a.sources.insert(source.to_owned());
        }
        if let Some(p) = published {
            if a.first.as_deref().is_none_or(|f| p < f) {
                a.first = Some(p.to_owned());
            }
            if a.last.as_deref().is_none_or(|l| p > l) {
                a.last = Some(p.to_owned());
            }
        }
    }

    /// Writes the counts into the aggregates and the summaries.
    pub fn write(self, tx: &Transaction<'_>) -> Result<()> {
        let mut update = tx.prepare_cached(
            "UPDATE aggregates SET num_mentions = num_mentions + ?2, num_articles = num_articles + ?3,
                num_sources = num_sources + ?4,
                first_seen = CASE WHEN ?5 IS NULL THEN first_seen WHEN first_seen IS NULL THEN ?5
                                  ELSE MIN(first_seen, ?5) END,
                last_seen = CASE WHEN ?6 IS NULL THEN last_seen WHEN last_seen IS NULL THEN ?6
                                 ELSE MAX(last_seen, ?6) END
             WHERE id = ?1",
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO aggregates (id, source_actor, target_actor, cameo, root, quad_class, goldstein,
                date, place, num_mentions, num_sources, num_articles, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        let mut source_seen = tx.prepare_cached(
            "INSERT OR IGNORE INTO aggregate_sources (aggregate, source) VALUES (?1, ?2)",
        )?;
        let mut actors: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        let mut pairs: BTreeMap<(String, String, Option<String>), (i64, f64)> = BTreeMap::new();
        let mut days = Sums::new();
        for (id, a) in self.aggregates {
            let mut new_sources = 0_i64;
            for s in &a.sources {
                new_sources += source_seen.execute(params![id, s])? as i64;
            }
            let (source, target, date, quad, goldstein) = a.key;
            match self.started.rows.get(&id) {
                Some(fresh) => insert.execute(params![
                    id,
                    source,
                    target,
                    fresh.cameo,
                    fresh.root,
                    quad,
                    goldstein,
                    date,
                    fresh.place,
                    a.mentions,
                    new_sources,
                    a.articles.len() as i64,
                    a.first,
                    a.last
                ])?,
                None => update.execute(params![
                    id,
                    a.mentions,
                    a.articles.len() as i64,
                    new_sources,
                    a.first,
                    a.last
                ])?,
            };
            let (n, g) = (a.mentions, goldstein * a.mentions as f64);
            if !source.is_empty() {
                actors.entry(source.clone()).or_default().0 += n;
            }
            if !target.is_empty() {
                actors.entry(target.clone()).or_default().1 += n;
            }
            if !source.is_empty() && !target.is_empty() {
                let e = pairs
                    .entry((source.clone(), target.clone(), date.clone()))
                    .or_default();
                e.0 += n;
                e.1 += g;
            }
            timeline_sums(&mut days, &source, &target, date.as_deref(), quad, n, g);
        }
        write_summaries(tx, actors, &pairs, days)
    }
}

/// Timeline rows of `n` mentions between `source` and `target`: each code counts them, and the
/// longest common prefix of the two (if three letters or more) takes them away once, so that a
/// prefix matching both codes (`USA` for `USAGOV` and `USAMIL`) counts each mention once.
fn timeline_sums(
    days: &mut Sums,
    source: &str,
    target: &str,
    date: Option<&str>,
    quad: i64,
    n: i64,
    g: f64,
) {
    let mut add = |code: &str, sign: i64| {
        let e = days
            .entry((code.to_owned(), date.map(str::to_owned), quad))
            .or_default();
        e.0 += sign * n;
        e.1 += sign as f64 * g;
    };
    for code in [source, target] {
        if !code.is_empty() {
            add(code, 1);
        }
    }
    if let Some(common) = common_prefix(source, target) {
        add(common, -1);
    }
}

/// The longest common prefix of two actor codes, if three letters or more.
pub(crate) fn common_prefix<'a>(a: &'a str, b: &str) -> Option<&'a str> {
    let n = a
        .char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .last()
        .map_or(0, |((i, x), _)| i + x.len_utf8());
    (n >= 3).then(|| &a[..n])
}

fn write_summaries(
    tx: &Transaction<'_>,
    actors: BTreeMap<String, (i64, i64)>,
    pairs: &BTreeMap<(String, String, Option<String>), (i64, f64)>,
    days: Sums,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO actor_summary (actor, as_source, as_target) VALUES (?1, ?2, ?3)
         ON CONFLICT (actor) DO UPDATE SET as_source = as_source + ?2, as_target = as_target + ?3",
    )?;
    for (actor, (s, t)) in actors {
        stmt.execute(params![actor, s, t])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO pair_days (source, target, day, mentions, goldstein_sum) VALUES (?1, ?2, COALESCE(?3, ''), ?4, ?5)
         ON CONFLICT (source, target, day) DO UPDATE SET mentions = mentions + ?4, goldstein_sum = goldstein_sum + ?5",
    )?;
    let mut totals: BTreeMap<(&str, &str), (i64, f64)> = BTreeMap::new();
    for ((s, t, day), (n, g)) in pairs {
        stmt.execute(params![s, t, day, n, g])?;
        let total = totals.entry((s.as_str(), t.as_str())).or_default();
        total.0 += n;
        total.1 += g;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO pair_totals (source, target, mentions, goldstein_sum) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source, target) DO UPDATE SET mentions = mentions + ?3, goldstein_sum = goldstein_sum + ?4",
    )?;
    for ((s, t), (n, g)) in totals {
        stmt.execute(params![s, t, n, g])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO actor_days (actor, day, quad_class, mentions, goldstein_sum) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (actor, day, quad_class) DO UPDATE SET mentions = mentions + ?4, goldstein_sum = goldstein_sum + ?5",
    )?;
    for ((actor, day, quad), (n, g)) in days {
        // Undated mentions stay out of timelines.
        if let Some(day) = day {
            stmt.execute(params![actor, day, quad, n, g])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{timeline_sums, window, Identity, Started, Sums};

    #[test]
    fn an_aggregate_started_in_the_transaction_takes_events_within_a_day() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE aggregates (id INTEGER PRIMARY KEY)")
            .unwrap();
        let tx = conn.transaction().unwrap();
        let identity = |target: &str| -> Identity {
            ("USA".into(), target.into(), "036".into(), String::new())
        };
        let mut started = Started::default();
        let first = started
            .start(&tx, identity("RUS"), Some("2024-10-30"), "03")
            .unwrap();
        assert_eq!(first, 1, "ids follow the stored ones");
        let undated = started.start(&tx, identity("RUS"), None, "03").unwrap();
        assert_eq!(undated, 2);
        assert_eq!(started.find(&identity("RUS"), Some("2024-10-31")), Some(1));
        assert_eq!(started.find(&identity("RUS"), Some("2024-11-01")), None);
        assert_eq!(started.find(&identity("RUS"), None), Some(2));
        assert_eq!(started.find(&identity("CHN"), Some("2024-10-30")), None);
        let later = started
            .start(&tx, identity("RUS"), Some("2024-10-29"), "03")
            .unwrap();
        assert_eq!(later, 3);
        assert_eq!(
            started.find(&identity("RUS"), Some("2024-10-29")),
            Some(1),
            "the oldest matching aggregate wins"
        );
    }

    #[test]
    fn a_day_either_side() {
        assert_eq!(
            window("2024-03-01"),
            ("2024-02-29".into(), "2024-03-02".into())
        );
        assert_eq!(window("2024-03"), ("2024-03".into(), "2024-03".into()));
    }

    #[test]
    fn a_prefix_matching_both_actors_counts_a_mention_once() {
        let mut days = Sums::new();
        let day = Some("2024-05-01".to_owned());
        timeline_sums(&mut days, "USAGOV", "USAMIL", day.as_deref(), 4, 2, -20.0);
        timeline_sums(&mut days, "USA", "RUS", day.as_deref(), 1, 1, 3.0);
        timeline_sums(&mut days, "FRA", "FRA", day.as_deref(), 1, 1, 1.0);
        let sum = |prefix: &str| -> i64 {
            days.iter()
                .filter(|((a, _, _), _)| a.starts_with(prefix))
                .map(|(_, (n, _))| n)
                .sum()
        };
        assert_eq!(sum("USA"), 3);
        assert_eq!(sum("USAGOV"), 2);
        assert_eq!(sum("USAM"), 2);
        assert_eq!(sum("RUS"), 1);
        assert_eq!(sum("FRA"), 1);
    }
}
