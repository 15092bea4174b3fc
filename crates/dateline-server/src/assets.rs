//! The web UI: HTML, scripts and styles from `ui/`, embedded in the binary so the server works
//! offline with no other files.

use axum::body::Body;
use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::error::ApiError;

#[derive(RustEmbed)]
#[folder = "ui/"]
struct Ui;

fn asset(path: &str) -> Response {
    let Some(file) = Ui::get(path) else {
        return ApiError::NotFound(format!("no page or asset at /{path}")).into_response();
    };
    let mime = file.metadata.mimetype().to_owned();
    let mut response = Response::new(Body::from(file.data.into_owned()));
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    *response.status_mut() = StatusCode::OK;
    response
}

/// `GET /`: the article view.
pub async fn article_page() -> Response {
    asset("index.html")
}

/// `GET /corpus`: the corpus explorer.
pub async fn corpus_page() -> Response {
    asset("corpus.html")
}

/// `GET /ui/{path}`: scripts, styles and vendored libraries.
pub async fn file(Path(path): Path<String>) -> Response {
    asset(&path)
}
