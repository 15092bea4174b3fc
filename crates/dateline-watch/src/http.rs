//! The HTTP client: `ureq` with connect and whole-request timeouts, a redirect limit,
//! gzip/brotli bodies, a body-size cap and our user agent; conditional GET from remembered
//! validators; `Retry-After` read on 429 and 503.

use std::io::Read;
use std::time::SystemTime;

use ureq::Agent;

use crate::backoff::{retry_after, unix};
use crate::{FetchError, WatchConfig};

/// What was remembered of a resource's last answer, sent back to ask "changed since?".
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Validators<'a> {
    /// The `ETag` answered, sent as `If-None-Match`.
    pub etag: Option<&'a str>,
    /// The `Last-Modified` answered, sent as `If-Modified-Since`.
    pub last_modified: Option<&'a str>,
}

/// A successful answer.
#[derive(Debug)]
pub(crate) enum Fetched {
    /// 304: unchanged since the validators sent.
    NotModified,
    /// 2xx with its body (decompressed) and validators.
    Body(Body),
}

/// A 2xx body and what the headers said about it.
#[derive(Debug)]
pub(crate) struct Body {
    pub bytes: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub charset: Option<String>,
    pub status: u16,
}

/// One agent (connection pool) for a watcher's life.
pub(crate) struct Client {
    agent: Agent,
    max_body: u64,
    max_wait: std::time::Duration,
}

impl Client {
    pub fn new(config: &WatchConfig) -> Client {
        let agent_config = Agent::config_builder()
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .max_redirects(config.max_redirects)
            .user_agent(config.user_agent.as_str())
            // Statuses are answers we act on (304, 429, 503), not errors.
            .http_status_as_error(false)
            .build();
        Client {
            agent: Agent::new_with_config(agent_config),
            max_body: config.max_body_bytes,
            max_wait: config.backoff_cap,
        }
    }

    /// GETs `url`, conditionally when validators are given.
    pub fn get(&self, url: &str, validators: Validators<'_>) -> Result<Fetched, FetchError> {
        let transport = |reason: String| FetchError::Transport {
            url: url.to_owned(),
            reason,
        };
        let mut request = self.agent.get(url);
        if let Some(etag) = validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| transport(describe(&e)))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            let now = SystemTime::now();
            let retry = matches!(status, 429 | 503)
                .then(|| header("retry-after"))
                .flatten()
                .and_then(|v| retry_after(&v, now, self.max_wait));
            let reason = response.status().canonical_reason().unwrap_or_default();
            let mut status_line = format!("HTTP {status} {reason}").trim_end().to_owned();
            if let Some(at) = retry {
                let secs = unix(at) - unix(now);
                status_line = format!("{status_line} (Retry-After: {secs} s)");
            }
            return Err(FetchError::Status {
                url: url.to_owned(),
                status,
                status_line,
                retry_after: retry.map(unix),
            });
        }
        let etag = header("etag");
        let last_modified = header("last-modified");
        let too_large = || FetchError::TooLarge {
            url: url.to_owned(),
            limit: self.max_body,
        };
        let body = response.body_mut();
        let charset = body.charset().map(str::to_owned);
        if body.content_length().is_some_and(|n| n > self.max_body) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        body.as_reader()
            .take(self.max_body.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| transport(e.to_string()))?;
        if bytes.len() as u64 > self.max_body {
            return Err(too_large());
        }
        Ok(Fetched::Body(Body {
            bytes,
            etag,
            last_modified,
            charset,
            status,
        }))
    }
}

/// A ureq error in words a reader of the report understands.
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("timed out ({error})"),
        ureq::Error::TooManyRedirects => "too many redirects (a redirect loop?)".to_owned(),
        ureq::Error::HostNotFound => "host not found".to_owned(),
        other => other.to_string(),
    }
}
