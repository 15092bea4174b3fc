//! API errors: every failure leaves the server as JSON, `{"error": {"status": 400, "message": "…"}}`.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Largest error body read back when a plain-text rejection is turned into JSON.
const MAX_MESSAGE_BYTES: usize = 4096;

/// An API failure with its HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed: bad JSON, a bad parameter, an unreadable article.
    #[error("{0}")]
    BadRequest(String),
    /// The body is larger than the server accepts.
    #[error("{0}")]
    TooLarge(String),
    /// Nothing is at this address (or no corpus store is open).
    #[error("{0}")]
    NotFound(String),
    /// The body's media type is not one the endpoint reads (415).
    #[error("{0}")]
    Unsupported(String),
    /// The work took longer than the server allows.
    #[error("{0}")]
    Timeout(String),
    /// The server failed; the message says where.
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unsupported(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// Status and message of an error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// The HTTP status code, repeated for clients that only see the body.
    pub status: u16,
    /// A sentence naming the input and the reason.
    pub message: String,
}

fn json_error(status: StatusCode, message: String) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            status: status.as_u16(),
            message,
        },
    };
    (status, axum::Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        json_error(status, self.to_string())
    }
}

impl From<dateline_store::StoreError> for ApiError {
    fn from(err: dateline_store::StoreError) -> Self {
        ApiError::Internal(format!("store: {err}"))
    }
}

/// Middleware: turns the error responses that axum and tower-http produce as plain text (body
/// too large, unknown route, bad query string, timeout) into the JSON error shape.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_MESSAGE_BYTES)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let message = if text.is_empty() {
        parts
            .status
            .canonical_reason()
            .unwrap_or("error")
            .to_owned()
    } else {
        text
    };
    let mut out = json_error(status, message);
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

/// A response carrying JSON bytes already serialised.
pub fn json_bytes(bytes: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(bytes));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Longest request target (path and query) taken; a longer one is 414.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Answers 414 with JSON for a request target over [`MAX_URI_BYTES`].
pub async fn bounded_uri(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if length > MAX_URI_BYTES {
        return json_error(
            StatusCode::URI_TOO_LONG,
            format!(
                "the request target is {length} bytes, over the {MAX_URI_BYTES} this server takes: \
                 put long parameters in a POST body"
            ),
        );
    }
    next.run(request).await
}
