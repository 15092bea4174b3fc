//! What a poll did, for the CLI to print: one line per feed and a total line
//! ([`std::fmt::Display`]), with the failed pages listed apart.

use std::fmt;

use crate::updates::UpdateFile;

/// What became of one feed in a poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedOutcome {
    /// Articles stored from it.
    New {
        /// How many.
        articles: usize,
    },
    /// Nothing new: the server said 304, or every item was already taken.
    Unchanged {
        /// The server answered 304 Not Modified.
        not_modified: bool,
    },
    /// The feed could not be had or read; the message names the URL.
    Failed {
        /// Why.
        error: String,
    },
    /// Not asked: back-off or `Retry-After` holds it until then.
    Deferred {
        /// Unix seconds.
        until: i64,
    },
    /// Not reached: the poll was asked to stop first.
    NotPolled,
}

/// One feed's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// The feed's address.
    pub url: String,
    /// What became of it.
    pub outcome: FeedOutcome,
    /// Its pages that failed this poll.
    pub pages_failed: usize,
}

/// A page that could not be fetched, read or annotated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFailure {
    /// The page's address.
    pub url: String,
    /// The feed that listed it.
    pub feed: String,
    /// Why.
    pub reason: String,
}

/// What a poll did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollReport {
    /// One entry per feed, in the order given.
    pub feeds: Vec<FeedReport>,
    /// Pages that failed.
    pub pages_failed: Vec<PageFailure>,
    /// Documents stored.
    pub stored: usize,
    /// Documents whose text was already in the store.
    pub already_stored: usize,
    /// Stored documents linked as wire copies of earlier ones.
    pub duplicates: usize,
    /// Events stored.
    pub events: usize,
    /// Update files written.
    pub update_files: Vec<UpdateFile>,
    /// The poll stopped early on the stop flag.
    pub stopped: bool,
}

impl PollReport {
    /// Whether a feed or a page failed in this poll (a deferred feed is not a failure).
    #[must_use]
    pub fn has_failures(&self) -> bool {
        !self.pages_failed.is_empty()
            || self
                .feeds
                .iter()
                .any(|f| matches!(f.outcome, FeedOutcome::Failed { .. }))
    }

    /// Feeds with the given kind of outcome.
    fn count(&self, kind: fn(&FeedOutcome) -> bool) -> usize {
        self.feeds.iter().filter(|f| kind(&f.outcome)).count()
    }
}

impl fmt::Display for FeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.url;
        match &self.outcome {
            FeedOutcome::New { articles } => write!(f, "new {articles:>4}  {url}")?,
            FeedOutcome::Unchanged { not_modified: true } => {
                write!(f, "unchanged  {url} (304 not modified)")?;
            }
            FeedOutcome::Unchanged {
                not_modified: false,
            } => {
                write!(f, "unchanged  {url} (no new items)")?;
            }
            FeedOutcome::Failed { error } => write!(f, "failed     {error}")?,
            FeedOutcome::Deferred { until } => {
                let when = chrono::DateTime::from_timestamp(*until, 0)
                    .map_or_else(|| until.to_string(), |t| t.to_rfc3339());
                write!(f, "deferred   {url} (not before {when})")?;
            }
            FeedOutcome::NotPolled => write!(f, "skipped    {url} (stopped)")?,
        }
        if self.pages_failed > 0 {
            write!(f, "; {} pages failed", self.pages_failed)?;
        }
        Ok(())
    }
}

impl fmt::Display for PollReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for feed in &self.feeds {
            writeln!(f, "{feed}")?;
        }
        write!(
            f,
            "total: {} feeds, {} new, {} unchanged, {} failed, {} deferred; {} documents stored \
             ({} already stored, {} wire copies), {} events, {} pages failed",
            self.feeds.len(),
            self.count(|o| matches!(o, FeedOutcome::New { .. })),
            self.count(|o| matches!(o, FeedOutcome::Unchanged { .. })),
            self.count(|o| matches!(o, FeedOutcome::Failed { .. })),
            self.count(|o| matches!(o, FeedOutcome::Deferred { .. })),
            self.stored,
            self.already_stored,
            self.duplicates,
            self.events,
            self.pages_failed.len(),
        )?;
        if !self.update_files.is_empty() {
            write!(f, "; {} update files", self.update_files.len())?;
        }
        if self.stopped {
            write!(f, "; stopped early")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_feed_and_a_total() {
        let report = PollReport {
            feeds: vec![
                FeedReport {
                    url: "https://a.example/rss".into(),
                    outcome: FeedOutcome::New { articles: 3 },
                    pages_failed: 1,
                },
                FeedReport {
                    url: "https://b.example/atom".into(),
                    outcome: FeedOutcome::Unchanged { not_modified: true },
                    pages_failed: 0,
                },
                FeedReport {
                    url: "https://c.example/rss".into(),
                    outcome: FeedOutcome::Failed {
                        error: "https://c.example/rss: HTTP 500 Internal Server Error".into(),
                    },
                    pages_failed: 0,
                },
                FeedReport {
                    url: "https://d.example/rss".into(),
                    outcome: FeedOutcome::Deferred { until: 0 },
                    pages_failed: 0,
                },
            ],
            stored: 3,
            events: 2,
            ..PollReport::default()
        };
        let text = report.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        assert_eq!(lines[0], "new    3  https://a.example/rss; 1 pages failed");
        assert!(lines[1].contains("304"));
        assert!(lines[2].starts_with("failed     https://c.example/rss: HTTP 500"));
        assert!(lines[3].contains("1970-01-01"));
        assert!(lines[4].starts_with("total: 4 feeds, 1 new, 1 unchanged, 1 failed, 1 deferred"));
    }
}
