//! The watcher end to end against a local HTTP server: RSS, Atom, OPML, a news sitemap behind
//! an index, fictional article pages (`tests/fixtures`), conditional GET, failures of every
//! kind, an interrupted poll and the GDELT-style update files.

mod server;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use dateline_core::Pipeline;
use dateline_store::Store;
use dateline_watch::{
    feed_states, md5_hex, read_sources, FeedOutcome, PollReport, WatchConfig, Watcher,
    DEFAULT_USER_AGENT, LAST_UPDATE,
};
use server::{Route, Server};

const RSS: &str = "application/rss+xml";
const XML: &str = "application/xml";
const HTML: &str = "text/html; charset=utf-8";
const RSS_DATE: &str = "Tue, 03 Nov 2026 07:15:00 GMT";

/// Every article page of the fixtures, by the path the feeds give it.
const PAGES: [(&str, &str); 9] = [
    ("/world/rss-1.html", "rss-1"),
    ("/world/rss-2.html", "rss-2"),
    ("/world/rss-3.html", "rss-3"),
    ("/world/rss-4.html", "rss-4"),
    ("/asia/atom-1.html", "atom-1"),
    ("/africa/atom-2.html", "atom-2"),
    ("/africa/news-1.html", "news-1"),
    ("/americas/news-2.html", "news-2"),
    ("/north/late-1.html", "late-1"),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).expect("fixture")
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| dateline_nlp::standard_pipeline(&dateline_nlp::Config::default()))
}

/// Settings for a local server: no delay between requests, no back-off, a 1 MiB body cap.
fn config() -> WatchConfig {
    WatchConfig {
        host_delay: Duration::ZERO,
        backoff_base: Duration::ZERO,
        max_body_bytes: 1024 * 1024,
        ..WatchConfig::default()
    }
}

/// The RSS fixture with `extra` items (fixture files) added.
fn rss(base: &str, extra: &[&str]) -> String {
    let items: String = extra.iter().map(|name| fixture(name)).collect();
    fixture("rss.xml")
        .replace("{extra}", &items)
        .replace("{base}", base)
}

/// Serves every page, robots.txt, the RSS and Atom feeds and the sitemaps.
fn newsroom(server: &Server) {
    let base = server.base();
    for (path, name) in PAGES {
        let html = std::fs::read(fixtures().join(format!("pages/{name}.html"))).expect("page");
        server.route(path, Route::ok(HTML, html));
    }
    server.route(
        "/robots.txt",
        Route::ok("text/plain", fixture("robots.txt")),
    );
    server.route(
        "/rss.xml",
        Route::ok(RSS, rss(&base, &[]))
            .etag("\"rss-v1\"")
            .last_modified(RSS_DATE),
    );
    server.route(
        "/atom.xml",
        Route::ok(
            "application/atom+xml",
            fixture("atom.xml").replace("{base}", &base),
        )
        .last_modified("Tue, 03 Nov 2026 10:20:00 GMT"),
    );
    server.route(
        "/sitemap-index.xml",
        Route::ok(XML, fixture("sitemap-index.xml").replace("{base}", &base)).etag("\"idx-1\""),
    );
    server.route(
        "/sitemaps/news.xml",
        Route::ok(XML, fixture("sitemap-news.xml").replace("{base}", &base)),
    );
}

fn documents(store: &Store) -> u64 {
    store.document_counts().expect("counts").0
}

fn outcome<'a>(report: &'a PollReport, base: &str, path: &str) -> &'a FeedOutcome {
    let url = format!("{base}{path}");
    &report
        .feeds
        .iter()
        .find(|f| f.url == url)
        .unwrap_or_else(|| panic!("no line for {url} in\n{report}"))
        .outcome
}

fn poll(watcher: &Watcher, store: &mut Store, feeds: &[String]) -> PollReport {
    watcher
        .poll(store, pipeline(), feeds, &AtomicBool::new(false))
        .expect("poll")
}

#[test]
fn the_first_poll_stores_every_article_and_the_next_only_the_new_one() {
    let server = Server::start();
    newsroom(&server);
    let base = server.base();
    let dir = tempfile::tempdir().unwrap();
    let opml = dir.path().join("feeds.opml");
    std::fs::write(&opml, fixture("feeds.opml").replace("{base}", &base)).unwrap();
    let feeds = read_sources(&opml).unwrap();
    assert_eq!(
        feeds,
        [
            format!("{base}/rss.xml"),
            format!("{base}/atom.xml"),
            format!("{base}/sitemap-index.xml")
        ]
    );
    let mut store = Store::open(&dir.path().join("watch.db")).unwrap();
    let watcher = Watcher::new(config());

    let first = poll(&watcher, &mut store, &feeds);
    assert_eq!(first.stored, 7, "{first}\n{:?}", first.pages_failed);
    assert_eq!(documents(&store), 7);
    assert_eq!(
        outcome(&first, &base, "/rss.xml"),
        &FeedOutcome::New { articles: 3 }
    );
    assert_eq!(
        outcome(&first, &base, "/atom.xml"),
        &FeedOutcome::New { articles: 2 }
    );
    assert_eq!(
        outcome(&first, &base, "/sitemap-index.xml"),
        &FeedOutcome::New { articles: 2 }
    );
    // The Atom entry's relative link was resolved against the feed.
    let (headline, published): (Option<String>, Option<String>) = store
        .connection()
        .query_row(
            "SELECT headline, published FROM documents WHERE url = ?1",
            [format!("{base}/africa/news-1.html")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // The page gives neither: the sitemap's news:title and news:publication_date fill them.
    assert_eq!(
        headline.as_deref(),
        Some("Kenya and Ethiopia open talks on trade corridor")
    );
    assert_eq!(published.as_deref(), Some("2026-11-05"));
    let relative: i64 = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM documents WHERE url = ?1",
            [format!("{base}/africa/atom-2.html")],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(relative, 1);

    // One more item in the RSS feed: exactly one more article, no old page fetched again.
    server.route(
        "/rss.xml",
        Route::ok(RSS, rss(&base, &["rss-extra-item.xml"]))
            .etag("\"rss-v2\"")
            .last_modified("Wed, 04 Nov 2026 14:45:00 GMT"),
    );
    let second = poll(&watcher, &mut store, &feeds);
    assert_eq!(second.stored, 1, "{second}");
    assert_eq!(documents(&store), 8);
    assert_eq!(
        outcome(&second, &base, "/rss.xml"),
        &FeedOutcome::New { articles: 1 }
    );
    assert_eq!(
        outcome(&second, &base, "/atom.xml"),
        &FeedOutcome::Unchanged { not_modified: true }
    );
    assert_eq!(
        outcome(&second, &base, "/sitemap-index.xml"),
        &FeedOutcome::Unchanged { not_modified: true }
    );
    for (path, _) in PAGES.iter().filter(|(p, _)| !p.starts_with("/north/")) {
        assert_eq!(server.hits(path), 1, "{path}");
    }
    // The child sitemap is not asked again while its index is unchanged.
    assert_eq!(server.hits("/sitemaps/news.xml"), 1);
    // robots.txt once per host per poll.
    assert_eq!(server.hits("/robots.txt"), 2);
    let agents: Vec<String> = server
        .requests_to("/rss.xml")
        .iter()
        .filter_map(|r| r.headers.get("user-agent").cloned())
        .collect();
    assert_eq!(agents, [DEFAULT_USER_AGENT, DEFAULT_USER_AGENT]);
}

#[test]
fn an_unchanged_feed_is_asked_conditionally_and_answered_304() {
    let server = Server::start();
    newsroom(&server);
    let base = server.base();
    let feeds = [format!("{base}/rss.xml"), format!("{base}/atom.xml")];
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("watch.db")).unwrap();
    let watcher = Watcher::new(config());
    let first = poll(&watcher, &mut store, &feeds);
    assert_eq!(first.stored, 5, "{first}");
    let second = poll(&watcher, &mut store, &feeds);
    assert_eq!(second.stored, 0);
    for path in ["/rss.xml", "/atom.xml"] {
        assert_eq!(
            outcome(&second, &base, path),
            &FeedOutcome::Unchanged { not_modified: true },
            "{second}"
        );
    }
    let rss = server.requests_to("/rss.xml");
    assert_eq!(rss.len(), 2);
    assert_eq!(rss[0].headers.get("if-none-match"), None);
    assert_eq!(
        rss[1].headers.get("if-none-match").map(String::as_str),
        Some("\"rss-v1\"")
    );
    assert_eq!(
        rss[1].headers.get("if-modified-since").map(String::as_str),
        Some(RSS_DATE)
    );
    // The Atom feed sends only Last-Modified: the date alone is sent back.
    let atom = server.requests_to("/atom.xml");
    assert_eq!(atom[1].headers.get("if-none-match"), None);
    assert!(atom[1].headers.contains_key("if-modified-since"));
    let states = feed_states(&store).unwrap();
    assert_eq!(states.len(), 2);
    assert!(states
        .iter()
        .all(|s| s.last_status == Some(304) && s.failures == 0));
    assert_eq!(states[1].etag.as_deref(), Some("\"rss-v1\""), "{states:?}");
}

/// Feeds that fail each in its own way, and an RSS feed listing a page robots.txt keeps us from.
fn troubled_newsroom(server: &Server) {
    newsroom(server);
    let base = server.base();
    server.route(
        "/rss.xml",
        Route::ok(RSS, rss(&base, &["private-item.xml"])).etag("\"rss-p\""),
    );
    server.route(
        "/busy.xml",
        Route::status(429).header("Retry-After", "3600"),
    );
    server.route("/broken.xml", Route::status(500));
    server.route(
        "/slow.xml",
        Route::ok(RSS, fixture("late-feed.xml").replace("{base}", &base))
            .delay(Duration::from_secs(3)),
    );
    server.route(
        "/loop.xml",
        Route::status(302).header("Location", "/loop.xml"),
    );
    server.route("/big.xml", Route::ok(RSS, vec![b' '; 2 * 1024 * 1024]));
    server.route("/moved.xml", Route::ok(HTML, fixture("not-a-feed.html")));
    server.route("/private/feed.xml", Route::ok(RSS, rss(&base, &[])));
}

#[test]
fn failures_are_reported_and_survived_and_nothing_is_lost() {
    let server = Server::start();
    troubled_newsroom(&server);
    let base = server.base();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("feeds.txt");
    // A 429 rests its whole host for the rest of the poll (every feed here is on one host), so
    // the busy feed comes last.
    let paths = [
        "/rss.xml",
        "/broken.xml",
        "/slow.xml",
        "/loop.xml",
        "/big.xml",
        "/moved.xml",
        "/private/feed.xml",
        "/busy.xml",
    ];
    let text: String = paths
        .iter()
        .flat_map(|p| [base.as_str(), p, " # ", p, "\n"])
        .collect();
    std::fs::write(&list, format!("# feeds under test\n\n{text}")).unwrap();
    let feeds = read_sources(&list).unwrap();
    assert_eq!(feeds.len(), paths.len());
    let mut store = Store::open(&dir.path().join("watch.db")).unwrap();
    let watcher = Watcher::new(WatchConfig {
        timeout: Duration::from_secs(1),
        ..config()
    });

    let first = poll(&watcher, &mut store, &feeds);
    assert_eq!(
        outcome(&first, &base, "/rss.xml"),
        &FeedOutcome::New { articles: 3 }
    );
    let failure = |path: &str| match outcome(&first, &base, path) {
        FeedOutcome::Failed { error } => error.clone(),
        other => panic!("{path}: {other:?}"),
    };
    let expected = [
        ("/busy.xml", "HTTP 429"),
        ("/broken.xml", "HTTP 500"),
        ("/slow.xml", "timed out"),
        ("/loop.xml", "redirect"),
        ("/big.xml", "larger than the limit"),
        ("/moved.xml", "malformed feed"),
        ("/private/feed.xml", "robots.txt"),
    ];
    for (path, words) in expected {
        let error = failure(path);
        assert!(error.contains(words), "{path}: {error}");
        assert!(error.contains(&format!("{base}{path}")), "{error}");
    }
    // The disallowed article page is reported, never requested.
    assert_eq!(first.pages_failed.len(), 1, "{:?}", first.pages_failed);
    assert!(first.pages_failed[0].reason.contains("robots.txt"));
    assert_eq!(server.hits("/private/briefing.html"), 0);
    assert_eq!(server.hits("/private/feed.xml"), 0);
    assert_eq!(documents(&store), 3);
    assert_eq!(first.to_string().lines().count(), paths.len() + 1);
    let busy = feed_states(&store)
        .unwrap()
        .into_iter()
        .find(|s| s.url.ends_with("/busy.xml"))
        .unwrap();
    assert_eq!(busy.failures, 1);
    assert_eq!(busy.last_status, Some(429));
    let held = busy.next_allowed.unwrap() - busy.last_poll.unwrap();
    assert!((3590..=3610).contains(&held), "{held}");

    // The broken feed mends; the busy one is left alone until its Retry-After.
    server.route(
        "/broken.xml",
        Route::ok(RSS, fixture("late-feed.xml").replace("{base}", &base)),
    );
    let second = poll(&watcher, &mut store, &feeds);
    assert!(matches!(
        outcome(&second, &base, "/busy.xml"),
        FeedOutcome::Deferred { .. }
    ));
    assert_eq!(server.hits("/busy.xml"), 1);
    assert_eq!(
        outcome(&second, &base, "/broken.xml"),
        &FeedOutcome::New { articles: 1 }
    );
    assert_eq!(
        outcome(&second, &base, "/rss.xml"),
        &FeedOutcome::Unchanged { not_modified: true }
    );
    assert_eq!(documents(&store), 4);
    let slow = feed_states(&store)
        .unwrap()
        .into_iter()
        .find(|s| s.url.ends_with("/slow.xml"))
        .unwrap();
    assert_eq!(slow.failures, 2);
    assert!(slow.last_error.is_some_and(|e| e.contains("timed out")));
}

#[test]
fn an_interrupted_poll_run_again_stores_everything_once() {
    let server = Server::start();
    newsroom(&server);
    let base = server.base();
    let stop = Arc::new(AtomicBool::new(false));
    let html = std::fs::read(fixtures().join("pages/rss-2.html")).unwrap();
    server.route("/world/rss-2.html", Route::ok(HTML, html).raises(&stop));
    let feeds = [format!("{base}/rss.xml")];
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("watch.db")).unwrap();
    let watcher = Watcher::new(config());

    // The stop comes while the second page is fetched: it is finished and stored.
    let first = watcher.poll(&mut store, pipeline(), &feeds, &stop).unwrap();
    assert!(first.stopped);
    assert_eq!(first.stored, 2, "{first}");
    assert_eq!(documents(&store), 2);
    assert_eq!(server.hits("/world/rss-3.html"), 0);

    let second = poll(&watcher, &mut store, &feeds);
    assert!(!second.stopped);
    assert_eq!(second.stored, 1, "{second}");
    assert_eq!(documents(&store), 3);
    // The cut-short listing was asked for in full, not conditionally.
    let listing = server.requests_to("/rss.xml");
    assert_eq!(listing.len(), 2);
    assert_eq!(listing[1].headers.get("if-none-match"), None);
    for page in [
        "/world/rss-1.html",
        "/world/rss-2.html",
        "/world/rss-3.html",
    ] {
        assert_eq!(server.hits(page), 1, "{page}");
    }

    // A kill after the store's commit and before the page rows: they are lost, the documents
    // are not. Nothing is fetched or stored twice.
    store
        .connection()
        .execute_batch("DELETE FROM watch_pages; DELETE FROM watch_feeds;")
        .unwrap();
    let third = poll(&watcher, &mut store, &feeds);
    assert_eq!(third.stored, 0, "{third}");
    assert_eq!(documents(&store), 3);
    for page in [
        "/world/rss-1.html",
        "/world/rss-2.html",
        "/world/rss-3.html",
    ] {
        assert_eq!(server.hits(page), 1, "{page}");
    }
}

/// The lines of the one entry of an update file, checking the entry's name.
fn unzip_lines(path: &Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    assert_eq!(archive.len(), 1);
    let mut entry = archive.by_index(0).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    assert_eq!(Some(entry.name()), name.strip_suffix(".zip"));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text.lines().map(str::to_owned).collect()
}

#[test]
fn update_files_hold_61_column_rows_and_lastupdate_lists_them() {
    let server = Server::start();
    newsroom(&server);
    let base = server.base();
    let feeds = [format!("{base}/rss.xml")];
    let dir = tempfile::tempdir().unwrap();
    let updates = dir.path().join("updates");
    let mut store = Store::open(&dir.path().join("watch.db")).unwrap();
    let watcher = Watcher::new(WatchConfig {
        updates_dir: Some(updates.clone()),
        updates_url: Some("https://data.example/updates/".into()),
        ..config()
    });

    let first = poll(&watcher, &mut store, &feeds);
    assert_eq!(first.stored, 3);
    assert_eq!(first.update_files.len(), 2, "{first}");
    let export = &first.update_files[0];
    let gkg = &first.update_files[1];
    let export_name = export
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(export_name.ends_with(".export.CSV.zip"), "{export_name}");
    assert_eq!(export_name.len(), "YYYYMMDDHHMMSS.export.CSV.zip".len());
    let rows = unzip_lines(&export.path);
    assert!(!rows.is_empty(), "the stories report events");
    assert_eq!(rows.len(), export.rows);
    for row in &rows {
        assert_eq!(row.split('\t').count(), 61, "{row}");
    }
    let records = unzip_lines(&gkg.path);
    assert_eq!(records.len(), 3);
    for record in &records {
        assert_eq!(record.split('\t').count(), 27, "{record}");
    }
    let listed = std::fs::read_to_string(updates.join(LAST_UPDATE)).unwrap();
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2);
    for (line, file) in lines.iter().zip(&first.update_files) {
        let bytes = std::fs::read(&file.path).unwrap();
        let name = file.path.file_name().unwrap().to_string_lossy();
        assert_eq!(
            *line,
            format!(
                "{} {} https://data.example/updates/{name}",
                bytes.len(),
                md5_hex(&bytes)
            )
        );
        assert_eq!(file.size, bytes.len() as u64);
    }

    // Nothing new: no update files, lastupdate.txt untouched.
    let second = poll(&watcher, &mut store, &feeds);
    assert!(second.update_files.is_empty());
    assert_eq!(
        std::fs::read_to_string(updates.join(LAST_UPDATE)).unwrap(),
        listed
    );

    // One new article: its update files hold it alone.
    server.route(
        "/rss.xml",
        Route::ok(RSS, rss(&base, &["rss-extra-item.xml"])).etag("\"rss-v2\""),
    );
    let third = poll(&watcher, &mut store, &feeds);
    assert_eq!(third.stored, 1);
    assert_eq!(third.update_files.len(), 2);
    assert_ne!(third.update_files[0].path, export.path);
    assert_eq!(unzip_lines(&third.update_files[1].path).len(), 1);
    assert!(unzip_lines(&third.update_files[0].path).len() <= third.events);
    let relisted = std::fs::read_to_string(updates.join(LAST_UPDATE)).unwrap();
    assert!(relisted.contains(
        &third.update_files[0]
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    ));
}
