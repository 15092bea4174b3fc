//! # dateline-watch
//!
//! The engine of `dateline watch`: poll news feeds politely and turn each new article into
//! stored events exactly once.
//!
//! - **Sources** ([`read_sources`]): a text file of feed URLs or an OPML export. A feed is RSS
//!   2.0 or Atom (`feed-rs`), or a news sitemap (`<url><loc>` with `news:news`), or a sitemap
//!   index followed one level ([`parse_listing`]).
//! - **HTTP**: `ureq` with connect and whole-request timeouts, a redirect limit, gzip and brotli
//!   bodies, a body-size cap and a configurable user agent ([`WatchConfig`]). Conditional GET
//!   from the remembered `ETag`/`Last-Modified` (304 is "unchanged"); one request at a time and
//!   a least delay per host; robots.txt fetched once per host per poll and honoured
//!   ([`Robots`]); `Retry-After` on 429/503 and exponential back-off after failures hold a feed
//!   until then.
//! - **State** ([`FeedState`]): tables `watch_feeds` and `watch_pages` in the store's own SQLite
//!   file. A page is fetched once: not when remembered, nor when a stored document has its URL.
//!   It is remembered only after its document is stored, so a killed poll run again stores
//!   everything exactly once.
//! - **Articles**: the ingest HTML reader, with the listing's date, title and link as fallbacks
//!   through `DocumentOptions`; the standard pipeline and the store through
//!   [`annotate_and_store`], as `dateline ingest` does.
//! - **Update files** ([`write_updates`]): GDELT-style `…export.CSV.zip` and `…gkg.csv.zip` of
//!   the documents a poll stored first, and `lastupdate.txt`.
//! - **Report** ([`PollReport`]): per feed new, unchanged, failed or deferred, pages failed, and
//!   a total; its `Display` is one line per feed and a total line.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use dateline_watch::{read_sources, WatchConfig, Watcher};
//!
//! let feeds = read_sources("feeds.opml".as_ref())?;
//! let mut store = dateline_store::Store::open("dateline.db".as_ref())?;
//! let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
//! let watcher = Watcher::new(WatchConfig::default());
//! let report = watcher.poll(&mut store, &pipeline, &feeds, &AtomicBool::new(false))?;
//! assert!(report.feeds.len() == feeds.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod annotate;
mod article;
mod backoff;
mod config;
mod error;
mod hosts;
mod http;
mod listing;
mod poll;
mod report;
mod robots;
mod sources;
mod state;
mod updates;

pub use annotate::{annotate_and_store, Annotated};
pub use config::{WatchConfig, DEFAULT_USER_AGENT};
pub use error::{FetchError, WatchError};
pub use listing::{parse_listing, Item, Listing};
pub use poll::Watcher;
pub use report::{FeedOutcome, FeedReport, PageFailure, PollReport};
pub use robots::Robots;
pub use sources::{parse_sources, read_sources};
pub use state::FeedState;
pub use updates::{md5_hex, write_updates, UpdateFile, LAST_UPDATE};

/// Every feed the store file remembers, by address (none before the first poll). Reads only,
/// so a store opened read-only will do.
pub fn feed_states(store: &dateline_store::Store) -> Result<Vec<FeedState>, WatchError> {
    Ok(state::feeds(store.connection())?)
}
