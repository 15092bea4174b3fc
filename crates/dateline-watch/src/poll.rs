//! One poll: every feed in the order given (unless back-off or `Retry-After` holds it), each
//! new article page of each feed, the pipeline and the store, then the update files.
//!
//! Nothing twice, nothing lost: a page already remembered, or whose URL a stored document has,
//! is not fetched; a page is remembered only after its document is stored; a feed's validators
//! (`ETag`, `Last-Modified`) are saved only once every item of its listing was taken or failed
//! for good, so a listing cut short (a stop, a kill, a page that failed for a while) is asked for
//! in full next time instead of answered 304.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};

use dateline_core::{Document, Pipeline};
use dateline_store::Store;
use url::Url;

use crate::annotate::annotate_and_store;
use crate::article::read_article;
use crate::backoff::{backoff, now, secs};
use crate::hosts::Hosts;
use crate::http::{Client, Fetched, Validators};
use crate::listing::{parse_listing, Item, Listing};
use crate::report::{FeedOutcome, FeedReport, PageFailure, PollReport};
use crate::state::{self, FeedState};
use crate::updates::write_updates;
use crate::{FetchError, WatchConfig, WatchError};

/// Polls feeds into a store. Build one and poll as often as wanted; it keeps one HTTP agent
/// (connection pool) and holds no other state: what it remembers is in the store file.
pub struct Watcher {
    config: WatchConfig,
    client: Client,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Watcher {
    /// A watcher with these settings.
    #[must_use]
    pub fn new(config: WatchConfig) -> Watcher {
        Watcher {
            client: Client::new(&config),
            config,
        }
    }

    /// Its settings.
    #[must_use]
    pub fn config(&self) -> &WatchConfig {
        &self.config
    }

    /// Polls `feeds` once: stores every new article of each with `pipeline` into `store`,
    /// remembers what was taken in the store file, and writes update files when the settings
    /// name a directory and something was stored. `stop` is checked before each feed and each
    /// page; the page under way finishes and is stored. A feed's or page's failure is in the
    /// report; an error is returned only when the store, the state tables or the update files
    /// fail.
    pub fn poll(
        &self,
        store: &mut Store,
        pipeline: &Pipeline,
        feeds: &[String],
        stop: &AtomicBool,
    ) -> Result<PollReport, WatchError> {
        let started = chrono::Utc::now();
        let before = state::last_document_id(store.connection())?;
        let mut poll = Poll {
            watcher: self,
            store,
            pipeline,
            stop,
            hosts: Hosts::new(&self.config),
            report: PollReport::default(),
            hashes: Vec::new(),
        };
        for url in feeds {
            let feed = if poll.stopped() {
                FeedReport {
                    url: url.clone(),
                    outcome: FeedOutcome::NotPolled,
                    pages_failed: 0,
                }
            } else {
                poll.feed(url)?
            };
            poll.report.feeds.push(feed);
        }
        let Poll {
            store,
            mut report,
            hashes,
            ..
        } = poll;
        report.stopped = stop.load(Ordering::Relaxed);
        if let Some(dir) = &self.config.updates_dir {
            let ids = state::new_document_ids(store.connection(), &hashes, before)?;
            if !ids.is_empty() {
                report.update_files = write_updates(
                    store,
                    &ids,
                    dir,
                    started,
                    self.config.updates_url.as_deref(),
                )?;
            }
        }
        Ok(report)
    }
}

/// A feed's listing as fetched.
enum Listed {
    NotModified,
    Items {
        items: Vec<Item>,
        etag: Option<String>,
        last_modified: Option<String>,
        status: u16,
        /// A child sitemap failed for a while: ask for the whole listing again next time.
        incomplete: bool,
    },
}

/// What taking a feed's pages did.
#[derive(Debug, Default)]
struct Taken {
    stored: usize,
    /// A page failed for a while (it is to be asked for again).
    incomplete: bool,
    /// The stop flag cut the pages short.
    interrupted: bool,
}

/// Why a page gave no document.
enum PageError {
    /// Not fetched.
    Fetch(FetchError),
    /// Fetched, but no article could be read from it.
    NoArticle(String),
}

/// The state of one poll.
struct Poll<'a> {
    watcher: &'a Watcher,
    store: &'a mut Store,
    pipeline: &'a Pipeline,
    stop: &'a AtomicBool,
    hosts: Hosts,
    report: PollReport,
    /// Text hashes of the documents stored (or found stored) this poll.
    hashes: Vec<String>,
}

impl Poll<'_> {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn config(&self) -> &WatchConfig {
        &self.watcher.config
    }

    /// Polls one feed and remembers what came of it.
    fn feed(&mut self, url: &str) -> Result<FeedReport, WatchError> {
        let now = now();
        let mut state =
            state::feed(self.store.connection(), url)?.unwrap_or_else(|| FeedState::new(url));
        let report = |outcome, pages_failed| FeedReport {
            url: url.to_owned(),
            outcome,
            pages_failed,
        };
        if let Some(until) = state.next_allowed.filter(|&t| t > now) {
            return Ok(report(FeedOutcome::Deferred { until }, 0));
        }
        let failed_before = self.report.pages_failed.len();
        state.last_poll = Some(now);
        let outcome = match self.list(url, &state) {
            Err(error) => {
                self.failed(&mut state, &error, now);
                FeedOutcome::Failed {
                    error: error.to_string(),
                }
            }
            Ok(Listed::NotModified) => {
                succeeded(&mut state, 304, 0);
                FeedOutcome::Unchanged { not_modified: true }
            }
            Ok(Listed::Items {
                items,
                etag,
                last_modified,
                status,
                incomplete,
            }) => {
                let taken = self.take_pages(url, items)?;
                let outcome = if taken.stored > 0 {
                    FeedOutcome::New {
                        articles: taken.stored,
                    }
                } else {
                    FeedOutcome::Unchanged {
                        not_modified: false,
                    }
                };
                let pages_failed = self.report.pages_failed.len() - failed_before;
                if taken.interrupted {
                    // Left as it was: the next poll asks for the whole listing again.
                    return Ok(report(outcome, pages_failed));
                }
                if !(incomplete || taken.incomplete) {
                    state.etag = etag;
                    state.last_modified = last_modified;
                }
                let stored = i64::try_from(taken.stored).unwrap_or(i64::MAX);
                succeeded(&mut state, status, stored);
                outcome
            }
        };
        state::save_feed(self.store.connection(), &state)?;
        Ok(report(
            outcome,
            self.report.pages_failed.len() - failed_before,
        ))
    }

    /// Counts a failure of the feed and sets when it may be asked again.
    fn failed(&self, state: &mut FeedState, error: &FetchError, now: i64) {
        state.failures = state.failures.saturating_add(1);
        let config = self.config();
        let wait = backoff(config.backoff_base, config.backoff_cap, state.failures);
        let mut next = now.saturating_add(secs(wait));
        if let Some(at) = error.retry_after() {
            next = next.max(at);
        }
        state.next_allowed = Some(next);
        state.last_status = error.status().map(i64::from);
        state.last_error = Some(error.to_string());
        state.new_articles_last_poll = 0;
    }

    /// Fetches and parses a feed's listing, following a sitemap index one level.
    fn list(&mut self, url: &str, state: &FeedState) -> Result<Listed, FetchError> {
        let validators = Validators {
            etag: state.etag.as_deref(),
            last_modified: state.last_modified.as_deref(),
        };
        let body = match self.hosts.get(&self.watcher.client, url, validators)? {
            Fetched::NotModified => return Ok(Listed::NotModified),
            Fetched::Body(body) => body,
        };
        let (items, incomplete) = match parse_page_listing(url, &body.bytes)? {
            Listing::Items(items) => (items, false),
            Listing::Index(sitemaps) => self.sitemap_items(url, &sitemaps),
        };
        Ok(Listed::Items {
            items,
            etag: body.etag,
            last_modified: body.last_modified,
            status: body.status,
            incomplete,
        })
    }

    /// The items of the sitemaps of an index (not followed further); a sitemap that fails is
    /// a failed page of the feed. The flag tells whether one failed for a while.
    fn sitemap_items(&mut self, feed: &str, sitemaps: &[String]) -> (Vec<Item>, bool) {
        let mut items = Vec::new();
        let mut incomplete = false;
        for sitemap in sitemaps {
            if self.stopped() {
                return (items, true);
            }
            let listed = self
                .hosts
                .get(&self.watcher.client, sitemap, Validators::default())
                .and_then(|fetched| body_of(sitemap, fetched))
                .and_then(|bytes| match parse_page_listing(sitemap, &bytes)? {
                    Listing::Items(found) => Ok(found),
                    Listing::Index(_) => Err(FetchError::Malformed {
                        url: sitemap.clone(),
                        reason: "a sitemap index inside a sitemap index is not followed".into(),
                    }),
                });
            match listed {
                Ok(mut found) => items.append(&mut found),
                Err(error) => {
                    incomplete |= error.is_transient();
                    self.page_failed(sitemap, feed, error.to_string());
                }
            }
        }
        (items, incomplete)
    }

    /// Takes the new pages of a feed's items: fetches, reads, annotates and stores them in
    /// batches, remembering each page once its document is stored.
    fn take_pages(&mut self, feed: &str, items: Vec<Item>) -> Result<Taken, WatchError> {
        let mut taken = Taken::default();
        let mut pending: Vec<(Item, Document)> = Vec::new();
        let mut seen = HashSet::new();
        let batch = self.config().batch_size.max(1);
        for item in items {
            if !seen.insert(item.link.clone())
                || state::page_known(self.store.connection(), &item.link)?
            {
                continue;
            }
            if self.stopped() {
                taken.interrupted = true;
                break;
            }
            match self.fetch_article(&item) {
                Ok(doc) => pending.push((item, doc)),
                Err(PageError::Fetch(error)) => {
                    taken.incomplete |= error.is_transient();
                    self.page_failed(&item.link, feed, error.to_string());
                }
                Err(PageError::NoArticle(reason)) => {
                    // The page is there but holds no article: remembered, not fetched again.
                    state::save_page(self.store.connection(), &item.link, feed, now(), None)?;
                    self.page_failed(&item.link, feed, reason);
                }
            }
            if pending.len() >= batch {
                taken.stored += self.store_pages(feed, &mut pending)?;
            }
        }
        taken.stored += self.store_pages(feed, &mut pending)?;
        Ok(taken)
    }

    fn fetch_article(&mut self, item: &Item) -> Result<Document, PageError> {
        let bytes_and_charset = self
            .hosts
            .get(&self.watcher.client, &item.link, Validators::default())
            .and_then(|fetched| match fetched {
                Fetched::Body(body) => Ok((body.bytes, body.charset)),
                Fetched::NotModified => Err(unexpected_304(&item.link)),
            });
        let (bytes, charset) = bytes_and_charset.map_err(PageError::Fetch)?;
        read_article(&bytes, item, charset.as_deref())
            .map_err(|e| PageError::NoArticle(format!("{}: {e}", item.link)))
    }

    /// Annotates and stores the pending pages' documents, then remembers the pages; returns
    /// how many documents were new to the store.
    fn store_pages(
        &mut self,
        feed: &str,
        pending: &mut Vec<(Item, Document)>,
    ) -> Result<usize, WatchError> {
        if pending.is_empty() {
            return Ok(0);
        }
        let (items, docs): (Vec<Item>, Vec<Document>) = pending.drain(..).unzip();
        let source = self.watcher.config.source_name.as_deref();
        let annotated = annotate_and_store(self.pipeline, &mut *self.store, docs, source)?;
        let at = now();
        for (item, outcome) in items.iter().zip(&annotated.outcomes) {
            match outcome {
                Ok(hash) => {
                    state::save_page(
                        self.store.connection(),
                        &item.link,
                        feed,
                        at,
                        Some(hash.as_str()),
                    )?;
                    self.hashes.push(hash.clone());
                }
                Err(failure) => {
                    self.page_failed(&item.link, feed, format!("{}: {failure}", item.link));
                }
            }
        }
        let batch = annotated.report;
        self.report.stored += batch.added;
        self.report.already_stored += batch.already_stored;
        self.report.duplicates += batch.duplicates;
        self.report.events += batch.events;
        Ok(batch.added)
    }

    fn page_failed(&mut self, url: &str, feed: &str, reason: String) {
        self.report.pages_failed.push(PageFailure {
            url: url.to_owned(),
            feed: feed.to_owned(),
            reason,
        });
    }
}

/// A successful answer: no failures in a row, nothing held back.
fn succeeded(state: &mut FeedState, status: u16, new_articles: i64) {
    state.last_status = Some(i64::from(status));
    state.failures = 0;
    state.next_allowed = None;
    state.last_error = None;
    state.new_articles_last_poll = new_articles;
}

/// The body of an answer to a request made without validators.
fn body_of(url: &str, fetched: Fetched) -> Result<Vec<u8>, FetchError> {
    match fetched {
        Fetched::Body(body) => Ok(body.bytes),
        Fetched::NotModified => Err(unexpected_304(url)),
    }
}

fn unexpected_304(url: &str) -> FetchError {
    FetchError::Malformed {
        url: url.to_owned(),
        reason: "304 Not Modified to an unconditional request".into(),
    }
}

/// A feed or sitemap body fetched from `url`, parsed.
fn parse_page_listing(url: &str, bytes: &[u8]) -> Result<Listing, FetchError> {
    let base = Url::parse(url).map_err(|_| FetchError::BadUrl {
        url: url.to_owned(),
    })?;
    parse_listing(bytes, &base).map_err(|reason| FetchError::Malformed {
        url: url.to_owned(),
        reason,
    })
}
