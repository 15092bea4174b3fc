//! The web UI in a real browser: fills a store from `examples/` (and the dev articles when
//! `../shared` is present), then runs the Playwright test in
//! `crates/dateline-server/tests/browser/` against `dateline serve`. Screenshots land in
//! `target/browser/`.
//!
//! Needs Node.js, Chromium (`/usr/bin/chromium` or `$CHROMIUM`) and `npm ci` run in that folder.
//! Without them the test prints why and passes, unless `DATELINE_REQUIRE_BROWSER=1` (CI), where a
//! missing piece is a failure.

#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Why the browser test cannot run here, if it cannot.
fn missing_piece(browser_dir: &Path, chromium: &Path) -> Option<String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not on PATH".into());
    }
    if !chromium.exists() {
        return Some(format!(
            "no Chromium at {} (apt-get install chromium, or set CHROMIUM)",
            chromium.display()
        ));
    }
    if !browser_dir.join("node_modules/playwright-core").exists() {
        return Some(format!(
            "playwright-core is not installed (run `npm ci` in {})",
            browser_dir.display()
        ));
    }
    None
}

#[test]
fn the_web_ui_in_chromium() {
    let repo = repo();
    let browser_dir = repo.join("crates/dateline-server/tests/browser");
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if let Some(why) = missing_piece(&browser_dir, &chromium) {
        assert!(
            std::env::var("DATELINE_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "DATELINE_REQUIRE_BROWSER=1 but {why}"
        );
        eprintln!("skipping the browser test: {why}");
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corpus.db");
    let mut ingest = Command::new(env!("CARGO_BIN_EXE_dateline"));
    ingest
        .args(["ingest", "--date-from-path", "--db"])
        .arg(&db)
        .arg(repo.join("examples"));
    let seed = repo.join("../shared/eval/dev/seed-reuters.txt");
    if seed.exists() {
        for name in ["seed-reuters.txt", "voa-01.txt", "voa-02.txt", "voa-03.txt"] {
            ingest.arg(repo.join("../shared/eval/dev").join(name));
        }
    } else {
        eprintln!("../shared is absent: the seed-article checks will be skipped");
    }
    let out = ingest.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from);
    let mut node = Command::new("node");
    node.arg("--test")
        .arg("browser.test.mjs")
        .current_dir(&browser_dir)
        .env("DATELINE_BIN", env!("CARGO_BIN_EXE_dateline"))
        .env("DATELINE_DB", &db)
        .env("DATELINE_SCREENSHOTS", target.join("browser"))
        .env("CHROMIUM", &chromium);
    if seed.exists() {
        node.env("DATELINE_SEED", seed.canonicalize().unwrap());
    }
    let out = node.output().unwrap();
    let report = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{report}");
    assert!(
        out.status.success(),
        "the Playwright test failed:\n{report}"
    );
}
