//! `POST /v1/extract`: one article in (plain text, HTML or JSON), its `dateline/1` JSON out.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use dateline_core::{Document, RunError};
use dateline_ingest::{read_html, read_text, DocumentOptions, HtmlOrigin, IngestError};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::error::{json_bytes, ApiError};
use crate::AppState;

/// Options given in the query string; a JSON body may give the same fields.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExtractParams {
    /// Read the body as HTML even when its content type says otherwise.
    pub html: Option<bool>,
    /// Publication date, `YYYY-MM-DD`, for resolving "on Wednesday"; the article's own date wins.
    pub published: Option<String>,
    /// Address of the article, kept in `source.url`.
    pub url: Option<String>,
}

/// A JSON request body: give `text` or `html`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ExtractRequest {
    /// The article as plain text (a first-line headline and a byline are recognised).
    pub text: Option<String>,
    /// The article as an HTML page; its main text and metadata are extracted.
    pub html: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Address of the article.
    pub url: Option<String>,
    /// Headline, when the text does not start with one.
    pub headline: Option<String>,
}

fn ingest_error(err: IngestError) -> ApiError {
    match err {
        IngestError::TooLarge { .. } => ApiError::TooLarge(format!("request body: {err}")),
        other => ApiError::BadRequest(format!("request body: {other}")),
    }
}

fn media_type(headers: &HeaderMap) -> (String, Option<String>) {
    let raw = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/plain");
    let mut parts = raw.split(';');
    let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_owned())
    });
    (media, charset)
}

/// Fails with 415 for a body that is not an article: anything but text, HTML, XHTML, JSON, a
/// form-encoded body (what `curl --data-binary` sends by default, read as text) or bytes of no
/// declared type. Multipart uploads are refused with a hint rather than read with their MIME
/// boundaries in the text.
fn accepted(media: &str) -> Result<(), ApiError> {
    let ok = media.is_empty()
        || media.starts_with("text/")
        || matches!(
            media,
            "application/json"
                | "application/xhtml+xml"
                | "application/x-www-form-urlencoded"
                | "application/octet-stream"
        )
        || media.ends_with("+json");
    if ok {
        return Ok(());
    }
    Err(ApiError::Unsupported(if media.starts_with("multipart/") {
        format!(
            "{media} bodies are not read: send the article itself as the body, e.g. \
             curl --data-binary @story.html -H 'Content-Type: text/html'"
        )
    } else {
        format!(
            "a {media} body is not an article: send text/plain, text/html or application/json \
             with a \"text\" or \"html\" field"
        )
    }))
}

/// Reads the request into a document, before any annotation.
fn read_request(
    params: ExtractParams,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Document, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(
            "request body is empty: send the article as text/plain, text/html or JSON".into(),
        ));
    }
    let (media, charset) = media_type(headers);
    accepted(&media)?;
    let mut request = ExtractRequest {
        published: params.published,
        url: params.url,
        ..ExtractRequest::default()
    };
    let as_html = params.html.unwrap_or(false) || media == "text/html";
    let mut doc = if media == "application/json" || media.ends_with("+json") {
        let json: ExtractRequest = serde_json::from_slice(body)
            .map_err(|e| ApiError::BadRequest(format!("request body is not valid JSON: {e}")))?;
        request = ExtractRequest {
            published: json.published.or(request.published),
            url: json.url.or(request.url),
            ..json
        };
        match (request.html.take(), request.text.take()) {
            (Some(html), _) => read_html(html.as_bytes(), origin(request.url.as_deref(), None)),
            (None, Some(text)) => read_text(text.as_bytes(), None),
            (None, None) => {
                return Err(ApiError::BadRequest(
                    "JSON body needs a \"text\" or an \"html\" string field".into(),
                ))
            }
        }
    } else if as_html {
        read_html(body, origin(request.url.as_deref(), charset.as_deref()))
    } else {
        read_text(body, None)
    }
    .map_err(ingest_error)?;
    let options = DocumentOptions {
        published: request
            .published
            .as_deref()
            .map(DocumentOptions::published_from)
            .transpose()
            .map_err(|e| ApiError::BadRequest(format!("published: {e}")))?,
        url: request.url,
        headline: request.headline,
        ..DocumentOptions::default()
    };
    options.apply(&mut doc);
    Ok(doc)
}

fn origin<'a>(url: Option<&'a str>, charset: Option<&'a str>) -> HtmlOrigin<'a> {
    HtmlOrigin {
        url,
        charset,
        ..HtmlOrigin::default()
    }
}

/// Extract events, quotes, entities and claims from one article.
#[utoipa::path(
    post,
    path = "/v1/extract",
    tag = "extract",
    params(ExtractParams),
    request_body(
        description = "The article: `text/plain`, `text/html`, or `application/json` with `text` or `html`.",
        content(
            (String = "text/plain"),
            (String = "text/html"),
            (ExtractRequest = "application/json"),
        ),
    ),
    responses(
        (status = 200, description = "The `dateline/1` document (see docs/schema.md)", body = serde_json::Value),
        (status = 400, description = "Empty, malformed or unreadable body, or a bad parameter", body = crate::error::ErrorBody),
        (status = 413, description = "Body larger than the server's limit", body = crate::error::ErrorBody),
        (status = 415, description = "Body of a type that is no article (an image, a multipart form)", body = crate::error::ErrorBody),
        (status = 503, description = "Extraction took longer than the server's time limit", body = crate::error::ErrorBody),
    )
)]
pub async fn extract(
    State(state): State<Arc<AppState>>,
    params: Result<Query<ExtractParams>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let mut doc = read_request(params, &headers, &body)?;
    let permit = Arc::clone(&state.workers)
        .acquire_owned()
        .await
        .map_err(|_| ApiError::Internal("the extraction workers have stopped".into()))?;
    let pipeline = Arc::clone(&state.pipeline);
    // Set when the deadline passes: the worker stops at its next stage and frees its permit.
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let work = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        pipeline
            .run_cancellable(&mut doc, &stopped)
            .map_err(|e| match e {
                RunError::Cancelled { .. } => ApiError::Timeout("extraction cancelled".into()),
                RunError::Failed(failure) => {
                    ApiError::Internal(format!("extraction failed: {failure}"))
                }
            })?;
        let mut out = Vec::with_capacity(doc.text.len() * 4);
        doc.write_json(&mut out, false)
            .map_err(|e| ApiError::Internal(format!("cannot serialise the document: {e}")))?;
        Ok::<_, ApiError>(out)
    });
    let out = tokio::time::timeout(state.timeout, work)
        .await
        .map_err(|_| {
            stop.store(true, Ordering::Relaxed);
            ApiError::Timeout(format!(
                "extraction took longer than {} s",
                state.timeout.as_secs_f64()
            ))
        })?
        .map_err(|e| ApiError::Internal(format!("extraction worker failed: {e}")))??;
    Ok(json_bytes(out))
}
