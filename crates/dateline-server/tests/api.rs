//! The HTTP API end to end, through the router (no socket): extraction, corpus questions,
//! OpenAPI, and the JSON error for every kind of bad request.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use chrono::NaiveDate;
use dateline_core::Document;
use dateline_server::{router, ServerConfig};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const STORY: &str =
    "Pact signed in Lima\n\nLIMA — Chile and Peru signed a fisheries pact in Lima on Monday. \
\"This agreement protects our fishermen,\" Chilean Foreign Minister Ana Soto told reporters. \
Peru's trade minister Luis Rojas said the deal would create 2,000 jobs.";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn app(config: ServerConfig) -> Router {
    router(config).unwrap()
}

/// Sends one request; returns the status, the content type and the body as text.
fn send_raw(app: &Router, request: Request<Body>) -> (StatusCode, String, String) {
    runtime().block_on(async {
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            content_type,
            String::from_utf8(bytes.to_vec()).unwrap(),
        )
    })
}

/// Like [`send_raw`], with the body parsed as JSON (`Value::Null` when it is not JSON).
fn send(app: &Router, request: Request<Body>) -> (StatusCode, String, Value) {
    let (status, content_type, body) = send_raw(app, request);
    let json = serde_json::from_str(&body).unwrap_or(Value::Null);
    (status, content_type, json)
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header("content-type", content_type)
        .body(body.into())
        .unwrap()
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn assert_json_error(answer: &(StatusCode, String, Value), status: StatusCode, words: &str) {
    let (got, content_type, body) = answer;
    assert_eq!(*got, status, "{body}");
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    assert_eq!(body["error"]["status"], status.as_u16(), "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains(words), "{message:?} lacks {words:?}");
}

#[test]
fn extract_takes_text_json_and_html() {
    let app = app(ServerConfig::default());
    let (status, _, doc) = send(
        &app,
        post("/v1/extract?published=2024-03-04", "text/plain", STORY),
    );
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["schema"], "dateline/1");
    assert_eq!(doc["meta"]["published"], "2024-03-04");
    let quote = &doc["quotes"][0];
    let speaker = quote["speaker"].as_u64().unwrap() as usize;
    assert_eq!(doc["entities"][speaker]["name"], "Ana Soto");
    assert!(doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["date"] == "2024-03-04"));

    let body = serde_json::json!({"text": STORY, "published": "2024-03-04", "url": "https://example.org/pact"});
    let (status, _, from_json) = send(
        &app,
        post("/v1/extract", "application/json", body.to_string()),
    );
    assert_eq!(status, StatusCode::OK);
    assert_eq!(from_json["source"]["url"], "https://example.org/pact");
    assert_eq!(from_json["quotes"], doc["quotes"]);
    assert_eq!(from_json["events"], doc["events"]);

    let html = format!(
        "<html><head><title>Pact signed in Lima</title></head><body><article><h1>Pact signed in Lima</h1><p>{}</p></article></body></html>",
        STORY.lines().skip(2).collect::<Vec<_>>().join("</p><p>")
    );
    let (status, _, from_html) = send(&app, post("/v1/extract", "text/html", html));
    assert_eq!(status, StatusCode::OK, "{from_html}");
    assert_eq!(from_html["source"]["format"], "html");
    assert!(from_html["text"]
        .as_str()
        .unwrap()
        .contains("fisheries pact"));
}

#[test]
fn bad_requests_get_json_errors_with_their_status() {
    let small = app(ServerConfig {
        max_body: 1024,
        ..ServerConfig::default()
    });
    let cases = [
        (
            post("/v1/extract", "application/json", "{\"text\": "),
            StatusCode::BAD_REQUEST,
            "not valid JSON",
        ),
        (
            post("/v1/extract", "application/json", "{\"title\": \"x\"}"),
            StatusCode::BAD_REQUEST,
            "\"text\" or an \"html\"",
        ),
        (
            post("/v1/extract", "text/plain", "  \n "),
            StatusCode::BAD_REQUEST,
            "empty",
        ),
        (
            post("/v1/extract", "text/plain", vec![0u8, 159, 146, 150, 0, 0]),
            StatusCode::BAD_REQUEST,
            "binary",
        ),
        (
            post("/v1/extract?published=last-week", "text/plain", STORY),
            StatusCode::BAD_REQUEST,
            "published",
        ),
        (
            post("/v1/extract", "text/plain", "word ".repeat(1000)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "length limit",
        ),
        (
            get("/v1/extract"),
            StatusCode::METHOD_NOT_ALLOWED,
            "Method Not Allowed",
        ),
        (
            get("/v2/everything"),
            StatusCode::NOT_FOUND,
            "/v2/everything",
        ),
        (get("/v1/events"), StatusCode::NOT_FOUND, "--db"),
        (get("/ui/missing.js"), StatusCode::NOT_FOUND, "missing.js"),
    ];
    for (request, status, words) in cases {
        let answer = send(&small, request);
        assert_json_error(&answer, status, words);
    }
}

fn filled_store(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("corpus.db");
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let mut store = dateline_store::Store::open(&path).unwrap();
    let docs: Vec<Document> = [
        ("Chile condemned Peru on Monday over the fishing dispute.", "2024-05-07"),
        ("In a sharp statement, Chile condemned Peru on Monday, officials said.", "2024-05-07"),
        ("Brazil condemned Peru on Monday. \"We will not accept this,\" Brazilian Foreign Minister Paulo Lima told reporters.", "2024-05-08"),
    ]
    .iter()
    .map(|(text, date)| {
        let mut d = Document::from_text(*text);
        d.meta.published = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        pipeline.run(&mut d);
        d
    })
    .collect();
    store.add_batch(&docs, Some("Andes Wire")).unwrap();
    path
}

fn items(body: &Value) -> &Vec<Value> {
    body["items"].as_array().unwrap()
}

#[test]
fn corpus_endpoints_answer_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(ServerConfig {
        db: Some(filled_store(&dir)),
        ..ServerConfig::default()
    });

    let (status, _, events) = send(&app, get("/v1/events?actor=chl&target=PER"));
    assert_eq!(status, StatusCode::OK, "{events}");
    assert_eq!(items(&events).len(), 1, "{events}");
    assert_eq!(items(&events)[0]["num_mentions"], 2);
    let (_, _, paged) = send(&app, get("/v1/events?limit=1&offset=1"));
    let (_, _, all) = send(&app, get("/v1/events"));
    assert_eq!(items(&paged)[0], items(&all)[1]);

    let (_, _, network) = send(&app, get("/v1/network"));
    let edges: Vec<(&str, i64)> = items(&network)
        .iter()
        .map(|e| (e["target"].as_str().unwrap(), e["events"].as_i64().unwrap()))
        .collect();
    assert!(edges.contains(&("PER", 2)), "{network}");

    let (_, _, timeline) = send(&app, get("/v1/timeline?actor=PER&by=day"));
    let days: Vec<&str> = items(&timeline)
        .iter()
        .map(|r| r["bucket"].as_str().unwrap())
        .collect();
    assert!(days.contains(&"2024-05-06"), "{timeline}");
    let first = &items(&timeline)[0];
    let by_class: i64 = [
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
    ]
    .iter()
    .map(|c| first[*c].as_i64().unwrap())
    .sum();
    assert_eq!(by_class, first["events"].as_i64().unwrap());

    let (_, _, docs) = send(&app, get("/v1/documents"));
    assert_eq!(items(&docs).len(), 3);
    let id = items(&docs)[0]["id"].as_i64().unwrap();
    let (status, _, doc) = send(&app, get(&format!("/v1/documents/{id}")));
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["schema"], "dateline/1");

    let (_, _, found) = send(&app, get("/v1/search?q=fishing"));
    assert_eq!(items(&found).len(), 1, "{found}");
    let (_, _, speakers) = send(&app, get("/v1/speakers"));
    assert_eq!(items(&speakers)[0]["speaker"], "Paulo Lima", "{speakers}");
    let (_, _, quotes) = send(&app, get("/v1/quotes?speaker=paulo%20lima"));
    assert_eq!(items(&quotes)[0]["text"], "We will not accept this,");
    let (_, _, actors) = send(&app, get("/v1/actors?top=1"));
    assert_eq!(items(&actors)[0]["actor"], "PER");
    let (_, _, people) = send(&app, get("/v1/people?name=lima"));
    assert_eq!(items(&people).len(), 1, "{people}");
    assert_eq!(items(&people)[0]["name"], "Paulo Lima", "{people}");
    assert!(
        items(&people)[0]["mentions"].as_i64().unwrap() >= 1,
        "{people}"
    );
    let (_, _, nobody) = send(&app, get("/v1/people?name=zzzz"));
    assert!(items(&nobody).is_empty(), "{nobody}");

    for (uri, words) in [
        ("/v1/documents/999", "no document 999"),
        ("/v1/search?q=%22unclosed", "cannot search"),
        ("/v1/search?q=", "empty"),
        ("/v1/events?since=May", "since"),
        ("/v1/events?root=abc", "root"),
        ("/v1/events?limit=many", "limit"),
        ("/v1/timeline?actor=PER&by=week", "by"),
        ("/v1/quotes", "speaker"),
    ] {
        let answer = send(&app, get(uri));
        let status = if uri.starts_with("/v1/documents") {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::BAD_REQUEST
        };
        assert_json_error(&answer, status, words);
    }
}

#[test]
fn openapi_describes_every_endpoint() {
    let (status, _, spec) = send(&app(ServerConfig::default()), get("/openapi.json"));
    assert_eq!(status, StatusCode::OK);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/v1/extract",
        "/v1/documents",
        "/v1/documents/{id}",
        "/v1/search",
        "/v1/events",
        "/v1/quotes",
        "/v1/speakers",
        "/v1/actors",
        "/v1/people",
        "/v1/network",
        "/v1/timeline",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} missing");
    }
    let params: Vec<&str> = spec["paths"]["/v1/events"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        params,
        ["actor", "target", "root", "since", "until", "limit", "offset"]
    );
}

#[test]
fn the_ui_pages_are_served() {
    let app = app(ServerConfig::default());
    for uri in ["/", "/corpus"] {
        let (status, content_type, body) = send_raw(&app, get(uri));
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(body.contains("Dateline"), "{uri}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// No body, whatever its bytes and declared type, makes the server fail (5xx) or answer
    /// anything but JSON.
    #[test]
    fn any_body_gets_a_json_answer(
        body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
        text in "\\PC{0,300}",
        kind in 0usize..4,
    ) {
        let app = app(ServerConfig::default());
        let content_type = ["text/plain", "text/html", "application/json", "application/octet-stream"][kind];
        for bytes in [body.clone(), text.into_bytes()] {
            let (status, ct, json) = send(&app, post("/v1/extract", content_type, bytes));
            proptest::prop_assert!(status == StatusCode::OK || status == StatusCode::BAD_REQUEST, "{status} {json}");
            proptest::prop_assert!(ct.starts_with("application/json"));
            proptest::prop_assert!(!json.is_null());
        }
    }
}
