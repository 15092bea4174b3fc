//! # dateline-server
//!
//! Dateline's HTTP API and web UI (`dateline serve`), on axum:
//!
//! - `POST /v1/extract` annotates one article (plain text, HTML or JSON) and answers with its
//!   `dateline/1` JSON;
//! - `GET /v1/{documents,search,events,quotes,speakers,actors,people,network,timeline}` answer the
//!   questions of `dateline query` over a store, read-only;
//! - `GET /openapi.json` describes all of it (OpenAPI 3);
//! - `GET /` (article view) and `GET /corpus` (corpus explorer) serve the embedded UI.
//!
//! Bodies are capped, requests time out, and every failure is a JSON error with its status code.
//!
//! ```
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! use tower::ServiceExt;
//! let app = dateline_server::router(dateline_server::ServerConfig::default())?;
//! let request = axum::http::Request::post("/v1/extract")
//!     .header("content-type", "text/plain")
//!     .body(axum::body::Body::from("Chile and Peru signed a trade pact on Monday."))?;
//! let response = app.oneshot(request).await?;
//! assert_eq!(response.status(), 200);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # }).unwrap();
//! ```

mod assets;
pub mod conn;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod openapi;
mod pool;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use dateline_core::Pipeline;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;

/// Largest request head (request line and headers) a connection buffers; more is 431.
const MAX_HEAD_BYTES: usize = 64 * 1024;

pub use error::ApiError;

/// Errors starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store could not be opened.
    #[error("cannot open the store {path}")]
    Store {
        /// The store file.
        path: PathBuf,
        /// Why.
        source: dateline_store::StoreError,
    },
    /// The address could not be bound, or serving failed.
    #[error("cannot serve on {addr}")]
    Io {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Store to answer corpus questions from; without one the corpus endpoints answer 404.
    pub db: Option<PathBuf>,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Longest a request may take.
    pub timeout: Duration,
    /// Extractions run at once (default: the number of cores).
    pub workers: usize,
    /// Longest wait for a request head, also between requests on a kept-alive connection.
    pub header_timeout: Duration,
    /// Most connections open at once; more are closed as they come.
    pub max_connections: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            db: None,
            max_body: 4 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            workers: std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
            header_timeout: Duration::from_secs(10),
            max_connections: 1024,
        }
    }
}

/// What every handler shares.
pub struct AppState {
    pipeline: Arc<Pipeline>,
    workers: Arc<Semaphore>,
    timeout: Duration,
    store: Option<Arc<pool::StorePool>>,
}

/// Builds the application: API, OpenAPI document and UI.
pub fn router(config: ServerConfig) -> Result<Router, ServerError> {
    let store = config
        .db
        .map(|path| {
            pool::StorePool::open(path.clone())
                .map(Arc::new)
                .map_err(|source| ServerError::Store { path, source })
        })
        .transpose()?;
    let state = Arc::new(AppState {
        pipeline: Arc::new(dateline_nlp::standard_pipeline(
            &dateline_nlp::Config::default(),
        )),
        workers: Arc::new(Semaphore::new(config.workers.max(1))),
        timeout: config.timeout,
        store,
    });
    let api = Router::new()
        .route("/v1/extract", post(extract::extract))
        .route("/v1/documents", get(corpus::documents))
        .route("/v1/documents/{id}", get(corpus::document))
        .route("/v1/search", get(corpus::search))
        .route("/v1/events", get(corpus::events))
        .route("/v1/quotes", get(corpus::quotes))
        .route("/v1/speakers", get(corpus::speakers))
        .route("/v1/actors", get(corpus::actors))
        .route("/v1/people", get(corpus::people))
        .route("/v1/network", get(corpus::network))
        .route("/v1/timeline", get(corpus::timeline))
        .route("/v1/latest", get(corpus::latest))
        .route("/v1/feeds", get(corpus::feeds))
        .route("/v1/places", get(corpus::places))
        .route("/openapi.json", get(openapi_json))
        .route("/", get(assets::article_page))
        .route("/corpus", get(assets::corpus_page))
        .route("/ui/{*path}", get(assets::file))
        .fallback(not_found)
        .with_state(state);
    Ok(api
        .layer(DefaultBodyLimit::max(config.max_body))
        // A Content-Length over the limit is answered 413 at once, before the body is read.
        .layer(RequestBodyLimitLayer::new(config.max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            config.timeout + Duration::from_secs(1),
        ))
        .layer(axum::middleware::from_fn(error::bounded_uri))
        .layer(axum::middleware::map_response(error::json_errors))
        .layer(axum::middleware::from_fn(log_request)))
}

/// The request log: method, path, status and latency of every request, at `info`.
async fn log_request(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    response
}

async fn openapi_json() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(openapi::ApiDoc::openapi())
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!("no endpoint at {}", uri.path()))
}

/// Serves on `addr` until Ctrl-C or SIGTERM; `ready` is told the bound address (useful with
/// port 0). Each connection has the header-read and idle timeout and the cap of `config`, a
/// request head of at most 64 KB, and JSON bodies on the error answers hyper writes itself
/// ([`conn::JsonErrors`]). On a signal, open requests are finished (for up to the request
/// timeout) before it returns.
pub async fn serve(
    addr: SocketAddr,
    config: ServerConfig,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let (header_timeout, max_connections, timeout) = (
        config.header_timeout,
        config.max_connections,
        config.timeout,
    );
    let app = router(config)?;
    let io = |source| ServerError::Io { addr, source };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
    ready(listener.local_addr().map_err(io)?);
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .max_buf_size(MAX_HEAD_BYTES);
    let open = Arc::new(Semaphore::new(max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let stop = shutdown();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let Ok((stream, _)) = accepted else {
            // Out of file descriptors and the like: wait a moment, keep serving.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(conn::JsonErrors::new(stream)), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    let _ = tokio::time::timeout(timeout + Duration::from_secs(2), graceful.shutdown()).await;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
