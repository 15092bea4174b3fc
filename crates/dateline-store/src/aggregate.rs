//! Cross-article event aggregation: every event of an original (not duplicate) article joins
//! the aggregate with the same source, target, CAMEO code and place whose date is within a day of
//! its own, or starts one. Counts are recomputed from the linked mentions after each insert, so
//! they stay current as documents arrive (GDELT freezes its counts after 15 minutes).

use chrono::{Duration, NaiveDate};
use dateline_core::Event;
use rusqlite::{params, OptionalExtension, Transaction};

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

/// The aggregate `event` belongs to, created if none matches; `seen` is the article's
/// publication date, if known. An event with neither a date of its own nor a dated article joins
/// the undated aggregate of its actors, code and place: no date is made up.
pub fn record(
    tx: &Transaction<'_>,
    event: &Event,
    source: Option<&str>,
    target: Option<&str>,
    seen: Option<&str>,
) -> Result<i64> {
    let source = source.unwrap_or_default();
    let target = target.unwrap_or_default();
    let place = event
        .place
        .as_ref()
        .map(|p| p.name.as_str())
        .unwrap_or_default();
    let dated = event.date.map(|d| d.to_string());
    let date = dated.as_deref().or(seen);
    let found: Option<i64> = match date {
        Some(date) => {
            let (from, to) = window(date);
            tx.prepare_cached(
                "SELECT id FROM aggregates WHERE source_actor = ?1 AND target_actor = ?2 AND cameo = ?3
                 AND place = ?4 AND date BETWEEN ?5 AND ?6 ORDER BY id LIMIT 1",
            )?
            .query_row(params![source, target, event.cameo, place, from, to], |r| {
                r.get(0)
            })
            .optional()?
        }
        None => tx
            .prepare_cached(
                "SELECT id FROM aggregates WHERE source_actor = ?1 AND target_actor = ?2 AND cameo = ?3
                 AND place = ?4 AND date IS NULL ORDER BY id LIMIT 1",
            )?
            .query_row(params![source, target, event.cameo, place], |r| r.get(0))
            .optional()?,
    };
    if let Some(id) = found {
        return Ok(id);
    }
    tx.prepare_cached(
        "INSERT INTO aggregates (source_actor, target_actor, cameo, root, quad_class, goldstein, date, place,
            num_mentions, num_sources, num_articles, first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0, ?9, ?9)",
    )?
    .execute(params![
        source,
        target,
        event.cameo,
        event.cameo_root,
        event.quad_class,
        f64::from(event.goldstein),
        date,
        place,
        seen,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Recomputes the counts and first/last seen dates of aggregate `id` from its mentions.
pub fn refresh(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE aggregates SET
            num_mentions = (SELECT COUNT(*) FROM events WHERE aggregate = ?1),
            num_articles = (SELECT COUNT(DISTINCT document) FROM events WHERE aggregate = ?1),
            num_sources = (SELECT COUNT(DISTINCT COALESCE(d.source_name, d.hash)) FROM events e
                           JOIN documents d ON d.id = e.document WHERE e.aggregate = ?1),
            first_seen = (SELECT MIN(d.published) FROM events e
                          JOIN documents d ON d.id = e.document WHERE e.aggregate = ?1),
            last_seen = (SELECT MAX(d.published) FROM events e
                         JOIN documents d ON d.id = e.document WHERE e.aggregate = ?1)
         WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn a_day_either_side() {
        assert_eq!(
            window("2024-03-01"),
            ("2024-02-29".into(), "2024-03-02".into())
        );
        assert_eq!(window("2024-03"), ("2024-03".into(), "2024-03".into()));
    }
}
