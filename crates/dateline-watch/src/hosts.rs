//! Politeness per host for one poll: requests to a host go one at a time (the poll is
//! sequential) and at least the configured delay apart (longer if its robots.txt asks for a
//! `Crawl-delay`); robots.txt is fetched once per host and honoured; a host that answered
//! `Retry-After` is left alone until then.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use url::Url;

use crate::backoff::now;
use crate::http::{Client, Fetched, Validators};
use crate::robots::Robots;
use crate::{FetchError, WatchConfig};

/// A host's robots.txt as it stood for this poll.
enum RobotsState {
    Rules(Robots),
    /// Could not be fetched (5xx, no answer): the host is off limits (RFC 9309).
    Unreachable(String),
}

/// Per-host politeness state for one poll.
pub(crate) struct Hosts {
    token: String,
    delay: Duration,
    max_crawl_delay: Duration,
    last_request: HashMap<String, Instant>,
    robots: HashMap<String, RobotsState>,
    resting: HashMap<String, i64>,
}

impl Hosts {
    pub fn new(config: &WatchConfig) -> Hosts {
        Hosts {
            token: config.robots_token(),
            delay: config.host_delay,
            max_crawl_delay: config.max_crawl_delay,
            last_request: HashMap::new(),
            robots: HashMap::new(),
            resting: HashMap::new(),
        }
    }

    /// GETs `url` if robots.txt allows it and the host is not resting, after waiting for the
    /// host's turn.
    pub fn get(
        &mut self,
        client: &Client,
        url: &str,
        validators: Validators<'_>,
    ) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .ok_or_else(|| FetchError::BadUrl {
                url: url.to_owned(),
            })?;
        let origin = parsed.origin().ascii_serialization();
        if let Some(&until) = self.resting.get(&origin).filter(|&&t| t > now()) {
            return Err(FetchError::HostResting {
                url: url.to_owned(),
                until,
            });
        }
        self.check_robots(client, &parsed, &origin)?;
        self.wait_turn(&origin);
        let fetched = client.get(url, validators);
        if let Err(e) = &fetched {
            if let Some(until) = e.retry_after() {
                self.resting.insert(origin, until);
            }
        }
        fetched
    }

    /// Err when the host's robots.txt (fetched on first use this poll) keeps us off `url`.
    fn check_robots(&mut self, client: &Client, url: &Url, origin: &str) -> Result<(), FetchError> {
        if !self.robots.contains_key(origin) {
            let state = self.fetch_robots(client, origin);
            self.robots.insert(origin.to_owned(), state);
        }
        let mut path = url.path().to_owned();
        if let Some(query) = url.query() {
            path.push('?');
            path.push_str(query);
        }
        match self.robots.get(origin) {
            Some(RobotsState::Rules(robots)) if !robots.allows(&path) => Err(FetchError::Robots {
                url: url.to_string(),
            }),
            Some(RobotsState::Unreachable(reason)) => Err(FetchError::RobotsUnreachable {
                url: url.to_string(),
                reason: reason.clone(),
            }),
            _ => Ok(()),
        }
    }

    fn fetch_robots(&mut self, client: &Client, origin: &str) -> RobotsState {
        self.wait_turn(origin);
        match client.get(&format!("{origin}/robots.txt"), Validators::default()) {
            Ok(Fetched::Body(body)) => {
                let robots = Robots::parse(&String::from_utf8_lossy(&body.bytes), &self.token);
                RobotsState::Rules(robots)
            }
            // A 4xx (404 above all) means there are no rules; so does a file too large to read
            // or one that redirects too often (RFC 9309, 2.3.1).
            Ok(Fetched::NotModified) | Err(FetchError::TooLarge { .. }) => {
                RobotsState::Rules(Robots::allow_all())
            }
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                RobotsState::Rules(Robots::allow_all())
            }
            Err(FetchError::Transport { reason, .. }) if reason.contains("redirect") => {
                RobotsState::Rules(Robots::allow_all())
            }
            Err(e) => RobotsState::Unreachable(match e {
                FetchError::Status { status_line, .. } => status_line,
                FetchError::Transport { reason, .. } => reason,
                other => other.to_string(),
            }),
        }
    }

    /// Sleeps until the host's last request is the delay (or its crawl delay) ago.
    fn wait_turn(&mut self, origin: &str) {
        let crawl_delay = match self.robots.get(origin) {
            Some(RobotsState::Rules(r)) => r.crawl_delay().map(|d| d.min(self.max_crawl_delay)),
            _ => None,
        };
        let delay = crawl_delay.map_or(self.delay, |d| d.max(self.delay));
        if let Some(last) = self.last_request.get(origin) {
            if let Some(wait) = delay.checked_sub(last.elapsed()) {
                std::thread::sleep(wait);
            }
        }
        self.last_request.insert(origin.to_owned(), Instant::now());
    }
}
