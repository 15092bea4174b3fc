//! What a watcher is told: its HTTP limits, its politeness, where update files go.

use std::path::PathBuf;
use std::time::Duration;

/// The user agent sent when the caller gives none.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "dateline-watch/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/dateline-project/dateline)"
);

/// Settings of a [`crate::Watcher`].
#[derive(Debug, Clone)]
pub struct WatchConfig {
    /// `User-Agent` header; its first word (before `/`) is the token matched in robots.txt.
    pub user_agent: String,
    /// Longest wait to open a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Longest time for one whole request, redirects and body included.
    pub timeout: Duration,
    /// Most redirects followed for one request; one more is an error.
    pub max_redirects: u32,
    /// Largest body read (after decompression); a larger one is an error naming the URL.
    pub max_body_bytes: u64,
    /// Least time between two requests to one host.
    pub host_delay: Duration,
    /// Largest robots.txt `Crawl-delay` honoured (a longer one is cut to this).
    pub max_crawl_delay: Duration,
    /// First wait after a feed fails; it doubles with each failure in a row.
    pub backoff_base: Duration,
    /// Longest wait after failures (and longest `Retry-After` honoured).
    pub backoff_cap: Duration,
    /// Documents run through the pipeline and stored together.
    pub batch_size: usize,
    /// Where GDELT-style update files and `lastupdate.txt` go; none are written without it.
    pub updates_dir: Option<PathBuf>,
    /// Prefix of the addresses `lastupdate.txt` gives its files (`https://host/updates`); the
    /// bare file names without it.
    pub updates_url: Option<String>,
    /// Source name stored for every document (the store's `--source`), else each publisher.
    pub source_name: Option<String>,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_body_bytes: 10 * 1024 * 1024,
            host_delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            backoff_base: Duration::from_secs(60),
            backoff_cap: Duration::from_secs(6 * 60 * 60),
            batch_size: 32,
            updates_dir: None,
            updates_url: None,
            source_name: None,
        }
    }
}

impl WatchConfig {
    /// The product token robots.txt groups are matched against: the user agent's first word
    /// up to `/`, lowercase (`dateline-watch`).
    #[must_use]
    pub fn robots_token(&self) -> String {
        self.user_agent
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .split('/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    }
}
