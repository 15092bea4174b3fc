//! The OpenAPI 3 description of the API, served at `/openapi.json`.

use utoipa::OpenApi;

use crate::{corpus, error, extract};

/// The API document, generated from the handlers' annotations.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dateline API",
        description = "Political event data from news articles: extract one article, or query a corpus store. Every error is JSON: `{\"error\": {\"status\", \"message\"}}`."
    ),
    paths(
        extract::extract,
        corpus::documents,
        corpus::document,
        corpus::search,
        corpus::events,
        corpus::quotes,
        corpus::speakers,
        corpus::actors,
        corpus::people,
        corpus::network,
        corpus::timeline,
        corpus::latest,
        corpus::feeds,
        corpus::places,
    ),
    components(schemas(
        error::ErrorBody,
        error::ErrorDetail,
        extract::ExtractRequest,
        corpus::Rows,
        corpus::Latest
    )),
    tags(
        (name = "extract", description = "Annotate one article"),
        (name = "corpus", description = "Read-only questions over a store made by `dateline ingest`"),
    )
)]
pub struct ApiDoc;
