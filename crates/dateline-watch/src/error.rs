//! Typed errors: [`WatchError`] stops a poll (the store, the state tables, the update files);
//! [`FetchError`] is one feed's or one page's failure, reported and survived.

/// An error that stops a poll or a call of this crate.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The list of sources could not be read or parsed.
    #[error("{path}: {reason}")]
    Sources {
        /// The sources file.
        path: String,
        /// What is wrong, with the line where there is one.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{path}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] dateline_store::StoreError),
    /// The watch state tables failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// An update file's rows could not be exported.
    #[error(transparent)]
    Export(#[from] dateline_export::ExportError),
    /// An update file could not be zipped.
    #[error("{path}: cannot zip: {reason}")]
    Zip {
        /// The update file.
        path: String,
        /// Why.
        reason: String,
    },
}

impl WatchError {
    /// An I/O error on `path`.
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        WatchError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// Why one feed, sitemap or page could not be had. Every message names the URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The address is not an absolute `http` or `https` URL.
    #[error("{url}: not an absolute http(s) URL")]
    BadUrl {
        /// The address as written.
        url: String,
    },
    /// The server answered with a status other than 2xx or 304.
    #[error("{url}: {status_line}")]
    Status {
        /// The address.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// `HTTP 503 Service Unavailable`, with the `Retry-After` asked for, if any.
        status_line: String,
        /// Not before this time (Unix seconds), from `Retry-After` on 429 and 503.
        retry_after: Option<i64>,
    },
    /// The body is larger than the configured cap.
    #[error("{url}: body larger than the limit of {limit} bytes")]
    TooLarge {
        /// The address.
        url: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// The request failed below HTTP: connection, timeout, redirects, TLS, decompression.
    #[error("{url}: {reason}")]
    Transport {
        /// The address.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// The host's robots.txt disallows the address for our user agent.
    #[error("{url}: disallowed by robots.txt")]
    Robots {
        /// The address.
        url: String,
    },
    /// The host's robots.txt could not be fetched (a server error or no answer), which by
    /// RFC 9309 means the whole host is off limits for now.
    #[error("{url}: robots.txt unreachable ({reason}); the host is not crawled this poll")]
    RobotsUnreachable {
        /// The address.
        url: String,
        /// Why robots.txt could not be had.
        reason: String,
    },
    /// The host asked (`Retry-After`) not to be contacted again before a time.
    #[error("{url}: the host asked for no requests before {until} (Unix time)")]
    HostResting {
        /// The address.
        url: String,
        /// Unix seconds.
        until: i64,
    },
    /// The body is not a feed, a sitemap or an article.
    #[error("{url}: {reason}")]
    Malformed {
        /// The address.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl FetchError {
    /// The time (Unix seconds) before which the server asked not to be asked again.
    #[must_use]
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            FetchError::HostResting { until, .. } => Some(*until),
            _ => None,
        }
    }

    /// The HTTP status the server answered with, if it answered.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether trying again later may succeed without anything changing on our side: network
    /// trouble, server errors, rate limits. A page that failed so is not remembered, and its
    /// feed's validators are not saved, so the next poll asks for it again.
    #[must_use]
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Transport { .. }
            | FetchError::RobotsUnreachable { .. }
            | FetchError::HostResting { .. } => true,
            FetchError::Status { status, .. } => {
                *status >= 500 || matches!(*status, 408 | 425 | 429)
            }
            FetchError::BadUrl { .. }
            | FetchError::TooLarge { .. }
            | FetchError::Robots { .. }
            | FetchError::Malformed { .. } => false,
        }
    }
}
