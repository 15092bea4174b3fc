//! `dateline watch` as a user runs it: a poll killed with SIGKILL in the middle, then run
//! again, stores every article exactly once; the summary has a line per feed and a total.

#![allow(clippy::print_stderr)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../../dateline-watch/tests/server/mod.rs"]
#[allow(dead_code)]
mod server;

use server::{Route, Server};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dateline-watch/tests/fixtures")
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let store = dateline_store::Store::open_read_only(db).unwrap();
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_killed_poll_run_again_stores_everything_once() {
    let server = Server::start();
    let base = server.base();
    let pages = ["rss-1", "rss-2", "rss-3"];
    for (k, name) in pages.iter().enumerate() {
        let html = std::fs::read(fixtures().join(format!("pages/{name}.html"))).unwrap();
        // The last page is slow, so that the kill lands while it is being fetched.
        let route = Route::ok("text/html; charset=utf-8", html);
        let route = if k == 2 {
            route.delay(Duration::from_secs(3))
        } else {
            route
        };
        server.route(&format!("/world/{name}.html"), route);
    }
    let feed = std::fs::read_to_string(fixtures().join("rss.xml"))
        .unwrap()
        .replace("{base}", &base)
        .replace("{extra}", "");
    server.route("/rss.xml", Route::ok("application/rss+xml", feed));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("watch.db");
    let watch = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dateline"));
        command.args([
            "watch",
            &format!("{base}/rss.xml"),
            "--db",
            db.to_str().unwrap(),
            "--once",
            "--host-delay",
            "0s",
        ]);
        command
    };
    let mut child = watch().spawn().unwrap();
    let started = Instant::now();
    while server.hits("/world/rss-3.html") == 0 {
        assert!(started.elapsed() < Duration::from_secs(60), "no poll");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before = count(&db, "SELECT COUNT(*) FROM documents");
    assert!(
        before < 3,
        "killed before the last page was stored: {before}"
    );

    let again = watch().output().unwrap();
    let out = String::from_utf8_lossy(&again.stdout);
    eprintln!("{out}");
    assert!(again.status.success(), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("total: 1 feeds")),
        "{out}"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), 3);
    assert_eq!(
        count(&db, "SELECT COUNT(DISTINCT url) FROM documents"),
        3,
        "each article once"
    );
    for name in &pages[..2] {
        assert!(
            server.hits(&format!("/world/{name}.html")) <= 2,
            "{name} fetched again and again"
        );
    }
}
