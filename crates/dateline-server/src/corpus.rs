//! Read-only corpus endpoints over a store: documents, search, events, quotes, speakers, actors,
//! network and timeline — the questions of `dateline query`, answered as JSON.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use dateline_store::query::{Bucket, EventFilter, Table};
use dateline_store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{json_bytes, ApiError, ErrorBody};
use crate::pool::StorePool;
use crate::AppState;

/// Most rows one request may ask for.
const MAX_LIMIT: usize = 1000;

/// Rows of a corpus query: the column names, and one object per row keyed by them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Rows {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// One object per row.
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<serde_json::Map<String, serde_json::Value>>,
}

impl From<Table> for Rows {
    fn from(table: Table) -> Self {
        Rows {
            items: table.to_objects(),
            columns: table.columns,
        }
    }
}

fn pool(state: &AppState) -> Result<Arc<StorePool>, ApiError> {
    state.store.clone().ok_or_else(|| {
        ApiError::NotFound(
            "this server has no corpus store: start it with `dateline serve --db FILE`".into(),
        )
    })
}

async fn rows<F>(state: &AppState, query: F) -> Result<axum::Json<Rows>, ApiError>
where
    F: FnOnce(&Store) -> Result<Table, ApiError> + Send + 'static,
{
    let table = pool(state)?.with(query).await?;
    Ok(axum::Json(Rows::from(table)))
}

fn limit(asked: Option<usize>, default: usize) -> usize {
    asked.unwrap_or(default).clamp(1, MAX_LIMIT)
}

fn day(name: &str, value: Option<&str>) -> Result<Option<String>, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => dateline_core::parse_day(v)
            .map(|d| Some(d.to_string()))
            .map_err(|e| ApiError::BadRequest(format!("{name}: {e}"))),
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Paging.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// Most rows (1–1000, default 50).
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

/// Stored documents, newest first.
#[utoipa::path(get, path = "/v1/documents", tag = "corpus", params(Page),
    responses((status = 200, body = Rows), (status = 404, description = "No store", body = ErrorBody)))]
pub async fn documents(
    State(state): State<Arc<AppState>>,
    Query(page): Query<Page>,
) -> Result<axum::Json<Rows>, ApiError> {
    let (n, skip) = (limit(page.limit, 50), page.offset.unwrap_or(0));
    rows(&state, move |s| Ok(s.documents(n, skip)?)).await
}

/// One stored document as `dateline/1` JSON.
#[utoipa::path(get, path = "/v1/documents/{id}", tag = "corpus",
    params(("id" = i64, Path, description = "Document id in the store")),
    responses((status = 200, description = "The `dateline/1` document", body = serde_json::Value),
              (status = 404, description = "No such document", body = ErrorBody)))]
pub async fn document(
    State(state): State<Arc<AppState>>,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let json = pool(&state)?
        .with(move |s| Ok(s.document_json(id)?))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no document {id} in the store")))?;
    Ok(json_bytes(json.into_bytes()))
}

/// Search parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// FTS5 query: words, "phrases", AND, OR, NOT.
    pub q: String,
    /// Most rows (default 20).
    pub limit: Option<usize>,
}

/// Full-text search over documents and quotes, best first.
#[utoipa::path(get, path = "/v1/search", tag = "corpus", params(SearchParams),
    responses((status = 200, body = Rows), (status = 400, description = "Bad query syntax", body = ErrorBody)))]
pub async fn search(
    State(state): State<Arc<AppState>>,
    Query(params): Query<SearchParams>,
) -> Result<axum::Json<Rows>, ApiError> {
    let q = params.q.trim().to_owned();
    if q.is_empty() {
        return Err(ApiError::BadRequest("q: the search query is empty".into()));
    }
    let n = limit(params.limit, 20);
    rows(&state, move |s| {
        s.search(&q, n).map_err(|e| match e {
            StoreError::Sqlite(err) => {
                ApiError::BadRequest(format!("q: cannot search for {q:?}: {err}"))
            }
            other => other.into(),
        })
    })
    .await
}

/// Event filters, as in `dateline query events`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Source actor code or prefix (`PRK`, `USAGOV`).
    pub actor: Option<String>,
    /// Target actor code or prefix.
    pub target: Option<String>,
    /// CAMEO root, `01`–`20`.
    pub root: Option<String>,
    /// Earliest date, `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Latest date, `YYYY-MM-DD`.
    pub until: Option<String>,
    /// Most rows (default 50).
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

/// Aggregated events, most mentioned first.
#[utoipa::path(get, path = "/v1/events", tag = "corpus", params(EventParams),
    responses((status = 200, body = Rows), (status = 400, description = "Bad filter", body = ErrorBody)))]
pub async fn events(
    State(state): State<Arc<AppState>>,
    Query(p): Query<EventParams>,
) -> Result<axum::Json<Rows>, ApiError> {
    let root = non_empty(p.root);
    if let Some(r) = &root {
        if !(r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit())) {
            return Err(ApiError::BadRequest(format!(
                "root: expected a two-digit CAMEO root such as 19, got {r:?}"
            )));
        }
    }
    let filter = EventFilter {
        actor: non_empty(p.actor),
        target: non_empty(p.target),
        root,
        since: day("since", p.since.as_deref())?,
        until: day("until", p.until.as_deref())?,
        limit: limit(p.limit, 50),
        offset: p.offset.unwrap_or(0),
    };
    rows(&state, move |s| Ok(s.events(&filter)?)).await
}

/// Quote parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuoteParams {
    /// The speaker's canonical name (`Lloyd Austin`) or the words naming an unnamed one.
    pub speaker: String,
    /// Most rows (default 200).
    pub limit: Option<usize>,
}

/// Every quote of one speaker across the corpus.
#[utoipa::path(get, path = "/v1/quotes", tag = "corpus", params(QuoteParams),
    responses((status = 200, body = Rows)))]
pub async fn quotes(
    State(state): State<Arc<AppState>>,
    Query(p): Query<QuoteParams>,
) -> Result<axum::Json<Rows>, ApiError> {
    let n = limit(p.limit, 200);
    rows(&state, move |s| Ok(s.quotes_by(p.speaker.trim(), n)?)).await
}

/// How many to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Top {
    /// How many (default 20).
    pub top: Option<usize>,
}

/// The speakers quoted most.
#[utoipa::path(get, path = "/v1/speakers", tag = "corpus", params(Top),
    responses((status = 200, body = Rows)))]
pub async fn speakers(
    State(state): State<Arc<AppState>>,
    Query(p): Query<Top>,
) -> Result<axum::Json<Rows>, ApiError> {
    let n = limit(p.top, 20);
    rows(&state, move |s| Ok(s.top_speakers(n)?)).await
}

/// The actors most involved in events.
#[utoipa::path(get, path = "/v1/actors", tag = "corpus", params(Top),
    responses((status = 200, body = Rows)))]
pub async fn actors(
    State(state): State<Arc<AppState>>,
    Query(p): Query<Top>,
) -> Result<axum::Json<Rows>, ApiError> {
    let n = limit(p.top, 20);
    rows(&state, move |s| Ok(s.top_actors(n)?)).await
}

/// Which people to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// How many (default 20).
    pub top: Option<usize>,
    /// Only people whose name contains this (any case).
    pub name: Option<String>,
}

/// The people most mentioned across documents, linked by knowledge-base id (else by name and
/// country), with the roles (actor codes) they carried over time.
#[utoipa::path(get, path = "/v1/people", tag = "corpus", params(PeopleQuery),
    responses((status = 200, body = Rows)))]
pub async fn people(
    State(state): State<Arc<AppState>>,
    Query(p): Query<PeopleQuery>,
) -> Result<axum::Json<Rows>, ApiError> {
    let n = limit(p.top, 20);
    let name = p.name.filter(|n| !n.trim().is_empty());
    rows(&state, move |s| Ok(s.top_people(n, name.as_deref())?)).await
}

/// A date range.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Range {
    /// Earliest date, `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Latest date, `YYYY-MM-DD`.
    pub until: Option<String>,
}

impl Range {
    /// The range's dates, each checked as `YYYY-MM-DD`.
    fn days(&self) -> Result<(Option<String>, Option<String>), ApiError> {
        Ok((
            day("since", self.since.as_deref())?,
            day("until", self.until.as_deref())?,
        ))
    }
}

/// Actor-to-actor edges: event mentions and mean Goldstein value per (source, target), the
/// busiest first, paged (default 500 edges).
#[utoipa::path(get, path = "/v1/network", tag = "corpus", params(Range, Page),
    responses((status = 200, body = Rows), (status = 400, description = "Bad date", body = ErrorBody)))]
pub async fn network(
    State(state): State<Arc<AppState>>,
    Query(p): Query<Range>,
    Query(page): Query<Page>,
) -> Result<axum::Json<Rows>, ApiError> {
    let (since, until) = p.days()?;
    let (n, skip) = (limit(page.limit, 500), page.offset.unwrap_or(0));
    rows(&state, move |s| {
        Ok(s.network(since.as_deref(), until.as_deref(), n, skip)?)
    })
    .await
}

/// Timeline parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineParams {
    /// Actor code or prefix.
    pub actor: String,
    /// Bucket: `day` (default), `month` or `year`.
    pub by: Option<String>,
}

/// Event mentions involving an actor per day, month or year, by QuadClass, with the mean
/// Goldstein value.
#[utoipa::path(get, path = "/v1/timeline", tag = "corpus", params(TimelineParams),
    responses((status = 200, body = Rows), (status = 400, description = "Bad bucket", body = ErrorBody)))]
pub async fn timeline(
    State(state): State<Arc<AppState>>,
    Query(p): Query<TimelineParams>,
) -> Result<axum::Json<Rows>, ApiError> {
    let by = match p.by.as_deref().unwrap_or("day") {
        "day" => Bucket::Day,
        "month" => Bucket::Month,
        "year" => Bucket::Year,
        other => {
            return Err(ApiError::BadRequest(format!(
                "by: expected day, month or year, got {other:?}"
            )))
        }
    };
    let actor = p.actor.trim().to_owned();
    if actor.is_empty() {
        return Err(ApiError::BadRequest(
            "actor: give an actor code such as RUS".into(),
        ));
    }
    rows(&state, move |s| Ok(s.timeline(&actor, by)?)).await
}

/// What a live view asks for.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LatestParams {
    /// Only documents stored after this document id (the `newest_document` of the previous
    /// answer; 0 or absent: the newest of all).
    pub after: Option<i64>,
    /// Most events and most quotes (1–1000, default 50).
    pub limit: Option<usize>,
}

/// The newest events and quotes.
#[derive(Debug, Serialize, ToSchema)]
pub struct Latest {
    /// The id of the newest stored document: pass it as `after` to get only what arrives next.
    pub newest_document: i64,
    /// Event mentions of the new documents, newest first.
    pub events: Rows,
    /// Quotes of the new documents, newest first.
    pub quotes: Rows,
}

/// The newest events and quotes as they arrive (a live view polls this with `after`).
#[utoipa::path(get, path = "/v1/latest", tag = "corpus", params(LatestParams),
    responses((status = 200, body = Latest), (status = 404, description = "No store", body = ErrorBody)))]
pub async fn latest(
    State(state): State<Arc<AppState>>,
    Query(p): Query<LatestParams>,
) -> Result<axum::Json<Latest>, ApiError> {
    let n = limit(p.limit, 50);
    let after = p.after.unwrap_or(0).max(0);
    let latest = pool(&state)?
        .with(move |s| {
            Ok(Latest {
                newest_document: s.newest_document()?,
                events: s.latest_events(after, n)?.into(),
                quotes: s.latest_quotes(after, n)?.into(),
            })
        })
        .await?;
    Ok(axum::Json(latest))
}

/// Each watched feed's state: last poll, HTTP status, failures in a row, next poll allowed, new
/// articles of the last poll, last error, pages taken (`dateline watch` fills it).
#[utoipa::path(get, path = "/v1/feeds", tag = "corpus", params(Page),
    responses((status = 200, body = Rows), (status = 404, description = "No store", body = ErrorBody)))]
pub async fn feeds(
    State(state): State<Arc<AppState>>,
    Query(page): Query<Page>,
) -> Result<axum::Json<Rows>, ApiError> {
    let (n, skip) = (limit(page.limit, 100), page.offset.unwrap_or(0));
    rows(&state, move |s| Ok(s.feeds(n, skip)?)).await
}

/// Places of events with coordinates, for the map: name, country, mean latitude and longitude,
/// event mentions and mean Goldstein value, the busiest first (default 500).
#[utoipa::path(get, path = "/v1/places", tag = "corpus", params(Range, Page),
    responses((status = 200, body = Rows), (status = 400, description = "Bad date", body = ErrorBody)))]
pub async fn places(
    State(state): State<Arc<AppState>>,
    Query(p): Query<Range>,
    Query(page): Query<Page>,
) -> Result<axum::Json<Rows>, ApiError> {
    let (since, until) = p.days()?;
    let n = limit(page.limit, 500);
    rows(&state, move |s| {
        Ok(s.places(since.as_deref(), until.as_deref(), n)?)
    })
    .await
}
