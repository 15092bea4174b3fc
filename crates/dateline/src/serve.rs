//! `dateline serve`: the HTTP API and web UI.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use dateline_server::ServerConfig;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Corpus store (from `dateline ingest`) for the corpus pages and endpoints.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Address to listen on. The default, loopback, keeps the server private to this machine.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 4 * 1024 * 1024)]
    pub max_body: usize,
    /// Longest a request may take, in seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Extractions run at once (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Longest wait for a request's head, and for the next request on an idle connection, in
    /// seconds.
    #[arg(long, default_value_t = 10)]
    pub header_timeout: u64,
    /// Most connections open at once; more are closed as they arrive.
    #[arg(long, default_value_t = 1024)]
    pub max_connections: usize,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    if let Some(db) = &args.db {
        crate::require_store(db)?;
    }
    let defaults = ServerConfig::default();
    let config = ServerConfig {
        db: args.db.clone(),
        max_body: args.max_body,
        timeout: Duration::from_secs(args.timeout.max(1)),
        workers: args.jobs.unwrap_or(defaults.workers),
        header_timeout: Duration::from_secs(args.header_timeout.max(1)),
        max_connections: args.max_connections,
    };
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, reachable from other machines; the API has no authentication",
            args.addr
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(dateline_server::serve(args.addr, config, |addr| {
        // Printed on stdout so scripts (and the browser tests) can read the bound port.
        #[allow(clippy::print_stdout)]
        {
            println!("Dateline serving on http://{addr}/  (API: /v1, OpenAPI: /openapi.json)");
        }
    }))?;
    Ok(ExitCode::SUCCESS)
}
