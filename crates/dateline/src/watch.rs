//! `dateline watch`: keep a store current from news feeds, once (for cron) or every few
//! minutes, and optionally publish GDELT-style update files after each poll.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use dateline_store::Store;
use dateline_watch::{read_sources, PollReport, WatchConfig, Watcher};

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Feed addresses: RSS 2.0, Atom, news sitemaps or sitemap indexes.
    pub urls: Vec<String>,
    /// A file of feed addresses (one per line, `#` comments) or an OPML export of a feed reader.
    #[arg(long)]
    pub feeds: Option<PathBuf>,
    /// The store file.
    #[arg(long, default_value = "dateline.db")]
    pub db: PathBuf,
    /// Time between polls (`90s`, `15m`, `1h`).
    #[arg(long, default_value = "15m", value_parser = humantime::parse_duration)]
    pub every: Duration,
    /// Poll once and exit (for cron or a systemd timer).
    #[arg(long)]
    pub once: bool,
    /// Write `YYYYMMDDHHMMSS.export.CSV.zip`, `….gkg.csv.zip` and `lastupdate.txt` here after
    /// each poll that stored something.
    #[arg(long, value_name = "DIR")]
    pub gdelt_dir: Option<PathBuf>,
    /// Address prefix of the update files in `lastupdate.txt` (default: bare file names).
    #[arg(long, value_name = "URL")]
    pub gdelt_url: Option<String>,
    /// The `User-Agent` sent; its first word is the name robots.txt rules are matched against.
    #[arg(long, default_value = dateline_watch::DEFAULT_USER_AGENT)]
    pub user_agent: String,
    /// Least time between two requests to the same host.
    #[arg(long, default_value = "1s", value_parser = humantime::parse_duration)]
    pub host_delay: Duration,
    /// Longest time one request may take, redirects and body included.
    #[arg(long, default_value = "30s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
    /// Largest response body read, in bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    pub max_body: u64,
    /// Source name to record for every document (instead of each page's publisher).
    #[arg(long)]
    pub source: Option<String>,
}

pub fn run(args: &WatchArgs) -> anyhow::Result<ExitCode> {
    let mut feeds = args.urls.clone();
    if let Some(path) = &args.feeds {
        feeds.extend(
            read_sources(path)
                .with_context(|| format!("cannot read the feed list {}", path.display()))?,
        );
    }
    anyhow::ensure!(
        !feeds.is_empty(),
        "no feeds to watch: give their addresses or --feeds FILE (a list or an OPML file)"
    );
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot listen for SIGINT/SIGTERM")?;
    }
    let mut store =
        Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let watcher = Watcher::new(WatchConfig {
        user_agent: args.user_agent.clone(),
        timeout: args.timeout,
        host_delay: args.host_delay,
        max_body_bytes: args.max_body,
        updates_dir: args.gdelt_dir.clone(),
        updates_url: args.gdelt_url.clone(),
        source_name: args.source.clone(),
        ..WatchConfig::default()
    });
    let mut failed = false;
    loop {
        let started = Instant::now();
        let report = watcher
            .poll(&mut store, &pipeline, &feeds, &stop)
            .with_context(|| format!("poll into {} failed", args.db.display()))?;
        failed = print(&report) || failed;
        if args.once || stop.load(Ordering::Relaxed) {
            break;
        }
        // Sleep until the next poll, waking for a signal.
        while started.elapsed() < args.every && !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
        }
        if stop.load(Ordering::Relaxed) {
            break;
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints a poll's lines (one per feed and a total) and its failed pages; true when something
/// failed.
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn print(report: &PollReport) -> bool {
    println!("{report}");
    for page in &report.pages_failed {
        eprintln!("error: {}: {}", page.url, page.reason);
    }
    for file in &report.update_files {
        println!(
            "wrote {} ({} rows, {} bytes)",
            file.path.display(),
            file.rows,
            file.size
        );
    }
    report.has_failures()
}
