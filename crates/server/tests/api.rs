//! Every endpoint of the API through the full router (limits, error mapping and all), with the
//! SQLite event store (`SqliteStore` on a temporary database) and a small fake extractor whose
//! output is known, plus the real pipeline for the contract's shape.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tidings_core::{Argument, Document, Event, Modality, Place, Span};
use tidings_server::store::{DocumentSummary, EventQuery, EventRecord, Page, PutOutcome};
use tidings_server::store::{StoreError, StoreStats};
use tidings_server::{AppState, Config, Extractor, MemoryStore, SqliteStore, Store, ROUTES};
use tower::ServiceExt;

/// A stand-in pipeline: a few city names become places, a few verbs become events placed at the
/// sentence's first city. Its output is in code points, like the real pipeline's.
struct Fake;

const CITIES: &[(&str, f64, f64, &str)] = &[
    ("Oslo", 59.91, 10.75, "NO"),
    ("Lima", -12.05, -77.04, "PE"),
    ("Hanoi", 21.03, 105.85, "VN"),
    ("Porto", 41.15, -8.61, "PT"),
];
const VERBS: &[(&str, &str)] = &[
    ("attacked", "ASSAULT"),
    ("protested", "PROTEST"),
    ("met", "CONSULT"),
];

impl Extractor for Fake {
    fn extract(&self, mut doc: Document) -> Document {
        if doc.text.contains("PANIC-NOW") {
            panic!("the fake pipeline was told to panic");
        }
        if doc.text.contains("SLOW-NOW") {
            std::thread::sleep(Duration::from_millis(1500));
        }
        let text = doc.text.clone();
        let mut pos = 0;
        for sentence in text.split_inclusive('.') {
            let base = pos;
            pos += sentence.len();
            let mut first_place = None;
            for (name, lat, lon, cc) in CITIES {
                for (i, _) in sentence.match_indices(name) {
                    let id = format!("p{}", doc.places.len() + 1);
                    if first_place.is_none() {
                        first_place = Some(id.clone());
                    }
                    doc.places.push(Place {
                        id,
                        text: name.to_string(),
                        start: base + i,
                        end: base + i + name.len(),
                        name: name.to_string(),
                        lat: Some(*lat),
                        lon: Some(*lon),
                        country: Some(cc.to_string()),
                        precision: "city".into(),
                        confidence: 0.9,
                        ..Default::default()
                    });
                }
            }
            for (verb, kind) in VERBS {
                if let Some(i) = sentence.find(verb) {
                    let s = base + i;
                    let hypothetical = sentence.contains(" may ");
                    // The actor: the last capitalised word before the verb.
                    let (src_at, source) = sentence[..i]
                        .split_whitespace()
                        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
                        .map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w))
                        .next_back()
                        .unwrap_or((0, ""));
                    let source = source.to_string();
                    doc.events.push(Event {
                        id: format!("v{}", doc.events.len() + 1),
                        kind: kind.to_string(),
                        cameo: "190".into(),
                        trigger: doc.evidence(Span::new(s, s + verb.len())),
                        source: Some(Argument {
                            text: source.clone(),
                            start: base + src_at,
                            end: base + src_at + source.len(),
                            entity: None,
                            actor_code: (source == "Soldiers").then(|| "MIL".to_string()),
                        }),
                        place: first_place.clone(),
                        date: doc.date.map(|d| d.to_string()),
                        modality: if hypothetical {
                            Modality::Hypothetical
                        } else {
                            Modality::Asserted
                        },
                        confidence: if sentence.contains("reportedly") {
                            0.4
                        } else {
                            0.8
                        },
                        ..Default::default()
                    });
                }
            }
        }
        doc.into_output()
    }
}

/// A [`SqliteStore`] on a database in its own temporary directory, removed with the store.
struct TempStore {
    store: SqliteStore,
    _dir: tempfile::TempDir,
}

impl TempStore {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path().join("events.db")).unwrap();
        TempStore { store, _dir: dir }
    }
}

impl Store for TempStore {
    fn put(&self, doc: &Document) -> Result<PutOutcome, StoreError> {
        self.store.put(doc)
    }
    fn documents(&self, offset: u64, limit: u64) -> Result<Page<DocumentSummary>, StoreError> {
        self.store.documents(offset, limit)
    }
    fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        self.store.document(id)
    }
    fn events(&self, q: &EventQuery) -> Result<Page<EventRecord>, StoreError> {
        self.store.events(q)
    }
    fn stats(&self) -> Result<StoreStats, StoreError> {
        self.store.stats()
    }
}

fn app_on(store: Arc<dyn Store>) -> Router {
    let config = Config::default();
    let state = AppState::new(Arc::new(Fake), Some(store), &config);
    tidings_server::router(state, &config)
}

fn app_with(config: Config, with_store: bool) -> Router {
    let store: Option<Arc<dyn tidings_server::Store>> = if with_store {
        Some(Arc::new(TempStore::new()))
    } else {
        None
    };
    let state = AppState::new(Arc::new(Fake), store, &config);
    tidings_server::router(state, &config)
}

fn app() -> Router {
    app_with(Config::default(), true)
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }
    /// Asserts a JSON error with this status and code.
    fn error(&self, status: u16, code: &str) {
        assert_eq!(
            self.status.as_u16(),
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let v = self.json();
        assert_eq!(v["error"]["code"], code, "{v}");
        assert!(v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
}

async fn call(app: &Router, req: Request<Body>) -> Reply {
    let r = app.clone().oneshot(req).await.expect("router never fails");
    let status = r.status();
    let headers = r.headers().clone();
    let body = r
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

async fn get(app: &Router, uri: &str) -> Reply {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(app: &Router, uri: &str, kind: Option<&str>, body: impl Into<Body>) -> Reply {
    let mut b = Request::post(uri);
    if let Some(k) = kind {
        b = b.header("content-type", k);
    }
    call(app, b.body(body.into()).unwrap()).await
}

async fn post_text(app: &Router, uri: &str, text: &str) -> Reply {
    post(
        app,
        uri,
        Some("text/plain; charset=utf-8"),
        text.to_string(),
    )
    .await
}

/// Five dated articles, stored through the API. Their eight events are eight different
/// real-world events (no two of one type within the store's three-day window and 100 km).
async fn seeded() -> Router {
    let app = app();
    let articles = [
        " date 2023-03-01 Clashes in the north\n\nSoldiers attacked a depot near Oslo. Residents protested in Lima.",
        " date 2023-03-05 Talks\n\nEnvoys met in Hanoi. Soldiers may have attacked a convoy outside Porto.",
        " date 2023-03-09 More talks\n\nDelegates met in Oslo. Workers reportedly protested in Hanoi.",
        " date 2023-03-13 A quiet week\n\nNothing happened. Farmers protested somewhere.",
        " date 2023-04-02 Spring\n\nStudents protested in Porto.",
    ];
    for a in articles {
        let r = post_text(&app, "/v1/extract?store=true", a).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.headers["x-tidings-stored"], "added");
    }
    app
}

#[tokio::test]
async fn health_reports_store_counts() {
    let app = seeded().await;
    let v = get(&app, "/v1/health").await.json();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["store"], true);
    assert_eq!(v["documents"], 5);
    assert_eq!(v["events"], 8);
    let bare = app_with(Config::default(), false);
    let v = get(&bare, "/v1/health").await.json();
    assert_eq!(v["store"], false);
    assert!(v["documents"].is_null());
}

#[tokio::test]
async fn extract_plain_text_with_dated_first_line() {
    let app = app();
    let text = " date 2022-06-30 Unrest\n\nDockers protested in Porto on Tuesday. Café owners in Lima met.";
    let r = post_text(&app, "/v1/extract", text).await;
    assert_eq!(r.status, StatusCode::OK);
    let d = r.json();
    assert_eq!(d["date"], "2022-06-30");
    assert_eq!(d["title"], "Unrest");
    // The reader keeps the headline line and drops the date marker.
    assert_eq!(d["text"], text.strip_prefix(" date 2022-06-30 ").unwrap());
    assert_eq!(d["offsets"], "chars");
    // Code-point offsets: "Lima" comes after the two-byte "é".
    let lima = d["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Lima")
        .unwrap();
    let start = lima["start"].as_u64().unwrap() as usize;
    let chars: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    assert_eq!(chars[start..start + 4].iter().collect::<String>(), "Lima");
    assert!(d.get("tokens").is_none(), "tokens only on request");
    assert!(r.headers.get("x-tidings-stored").is_none());
    // The same text gets the same id.
    let again = post_text(&app, "/v1/extract", text).await.json();
    assert_eq!(d["id"], again["id"]);
    assert!(d["id"].as_str().unwrap().starts_with("doc-"));
}

#[tokio::test]
async fn extract_json_with_date_id_and_title() {
    let app = app();
    let body = json!({"text": "Envoys met in Hanoi.", "date": "2021-01-02", "id": "note-7", "title": "Envoys"});
    let r = post(
        &app,
        "/v1/extract",
        Some("application/json"),
        body.to_string(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let d = r.json();
    assert_eq!(d["id"], "note-7");
    assert_eq!(d["title"], "Envoys");
    assert_eq!(d["events"][0]["type"], "CONSULT");
    assert_eq!(d["events"][0]["date"], "2021-01-02");
    // Date by query parameter for plain text.
    let d = post_text(&app, "/v1/extract?date=2020-05-05", "Envoys met in Hanoi.")
        .await
        .json();
    assert_eq!(d["date"], "2020-05-05");
}

#[tokio::test]
async fn extract_with_the_real_pipeline_keeps_the_contract() {
    let config = Config::default();
    let state = AppState::new(Arc::new(tidings::Tidings::new()), None, &config);
    let app = tidings_server::router(state, &config);
    let text = " date 2024-02-10 A test\n\nThe committee met in Bergen on Friday, officials said.";
    let r = post_text(&app, "/v1/extract?tokens=true", text).await;
    assert_eq!(r.status, StatusCode::OK);
    let d: Document = serde_json::from_slice(&r.body).expect("a contract document");
    assert_eq!(
        d.text,
        "A test\n\nThe committee met in Bergen on Friday, officials said."
    );
    assert_eq!(d.offsets, tidings_core::Offsets::Chars);
    assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2024-02-10"));
}

#[tokio::test]
async fn extract_store_is_idempotent_and_listed() {
    let app = app();
    let text = " date 2023-01-01 One\n\nSoldiers attacked a post near Oslo.";
    let r = post_text(&app, "/v1/extract?store=1", text).await;
    assert_eq!(r.headers["x-tidings-stored"], "added");
    let r = post_text(&app, "/v1/extract?store=true", text).await;
    assert_eq!(r.headers["x-tidings-stored"], "existing");
    let page = get(&app, "/v1/documents").await.json();
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["title"], "One");
    assert_eq!(page["items"][0]["events"], 1);
}

#[tokio::test]
async fn extract_rejects_bad_requests_with_stable_codes() {
    let app = app_with(
        Config {
            body_limit: 4096,
            ..Config::default()
        },
        true,
    );
    let j = Some("application/json");
    post(&app, "/v1/extract", j, "{\"text\": ")
        .await
        .error(400, "malformed_json");
    post(&app, "/v1/extract", j, "[1, 2]")
        .await
        .error(400, "malformed_json");
    post(&app, "/v1/extract", j, r#"{"text": "x", "colour": 1}"#)
        .await
        .error(400, "malformed_json");
    post(&app, "/v1/extract", j, r#"{"txt": "Envoys met."}"#)
        .await
        .error(400, "malformed_json");
    post(
        &app,
        "/v1/extract",
        j,
        r#"{"text": "Envoys met.", "date": "tomorrow"}"#,
    )
    .await
    .error(400, "invalid_parameter");
    post(&app, "/v1/extract", j, r#"{"text": "a", "id": ""}"#)
        .await
        .error(422, "invalid_input");
    post(&app, "/v1/extract", j, r#"{"text": "   "}"#)
        .await
        .error(422, "invalid_input");
    post(
        &app,
        "/v1/extract",
        Some("text/plain"),
        vec![b'a', 0xff, 0xfe, b'b'],
    )
    .await
    .error(422, "invalid_input");
    post(
        &app,
        "/v1/extract",
        Some("text/plain"),
        " date 2021-13-45 Bad\n\nText.",
    )
    .await
    .error(422, "invalid_input");
    post(&app, "/v1/extract", Some("application/xml"), "<a/>")
        .await
        .error(415, "unsupported_media_type");
    post_text(&app, "/v1/extract?date=12/01/2020", "Envoys met.")
        .await
        .error(400, "invalid_parameter");
    post_text(&app, "/v1/extract?tokens=maybe", "Envoys met.")
        .await
        .error(400, "invalid_parameter");
    post_text(&app, "/v1/extract?verbose=1", "Envoys met.")
        .await
        .error(400, "invalid_parameter");
    // Oversize, with and without a truthful content-length.
    let big = "Envoys met in Oslo. ".repeat(400);
    assert!(big.len() > 4096);
    post_text(&app, "/v1/extract", &big)
        .await
        .error(413, "payload_too_large");
    let stream = Body::new(chunked::chunks(big.clone()));
    post(&app, "/v1/extract", Some("text/plain"), stream)
        .await
        .error(413, "payload_too_large");
    // Just under the limit is fine.
    let ok = post_text(&app, "/v1/extract", &big[..4000]).await;
    assert_eq!(ok.status, StatusCode::OK);
    // store=true needs a store.
    let bare = app_with(Config::default(), false);
    post_text(&bare, "/v1/extract?store=true", "Envoys met.")
        .await
        .error(503, "no_store");
}

/// A body sent in chunks, without a content-length.
mod chunked {
    use axum::body::Bytes;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct Chunks(Vec<Bytes>);

    pub fn chunks(s: String) -> Chunks {
        let mut v: Vec<Bytes> = s
            .into_bytes()
            .chunks(1000)
            .map(Bytes::copy_from_slice)
            .collect();
        v.reverse();
        Chunks(v)
    }

    impl http_body::Body for Chunks {
        type Data = Bytes;
        type Error = std::convert::Infallible;
        fn poll_frame(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
            Poll::Ready(self.0.pop().map(|b| Ok(http_body::Frame::data(b))))
        }
    }
}

#[tokio::test]
async fn odd_bodies_never_cause_a_server_error() {
    let app = app();
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "application/json",
            br#"{"text": "\ud800 lone surrogate"}"#.to_vec(),
        ),
        (
            "application/json",
            br#"{"text": "nul \u0000 inside Oslo"}"#.to_vec(),
        ),
        ("application/json", deep.into_bytes()),
        ("application/json", b"".to_vec()),
        ("application/json", br#"{"text": 12}"#.to_vec()),
        (
            "application/json",
            br#"{"text": "x", "date": null, "id": null}"#.to_vec(),
        ),
        ("text/plain", b"\0\0\0".to_vec()),
        ("text/plain", " date ".as_bytes().to_vec()),
        ("text/plain", " date 2020-01-01".as_bytes().to_vec()),
        (
            "text/plain",
            "\u{feff}Envoys met in Hanoi.\u{2028}🙂 Oslo"
                .as_bytes()
                .to_vec(),
        ),
        ("text/plain; charset=latin1", b"Envoys met.".to_vec()),
        ("multipart/form-data; boundary=x", b"--x--".to_vec()),
    ];
    for (kind, body) in cases {
        let r = post(&app, "/v1/extract", Some(kind), body).await;
        assert!(
            r.status.is_success() || r.status.is_client_error(),
            "{kind}: {} {}",
            r.status,
            String::from_utf8_lossy(&r.body)
        );
        r.json(); // Always JSON.
    }
}

#[tokio::test]
async fn a_panicking_pipeline_gives_a_500_and_the_server_goes_on() {
    let app = app();
    post_text(&app, "/v1/extract", "PANIC-NOW in Oslo.")
        .await
        .error(500, "internal");
    let r = post_text(&app, "/v1/extract", "Envoys met in Oslo.").await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn a_slow_request_times_out_with_json() {
    let app = app_with(
        Config {
            timeout: Duration::from_millis(100),
            ..Config::default()
        },
        true,
    );
    post_text(&app, "/v1/extract", "SLOW-NOW in Oslo.")
        .await
        .error(503, "timeout");
}

#[tokio::test]
async fn routing_errors_are_json() {
    let app = app();
    get(&app, "/v1/nothing").await.error(404, "no_route");
    get(&app, "/v1/extract")
        .await
        .error(405, "method_not_allowed");
    post_text(&app, "/v1/events", "x")
        .await
        .error(405, "method_not_allowed");
    get(&app, "/assets/none.js").await.error(404, "not_found");
}

#[tokio::test]
async fn documents_are_paged() {
    let app = seeded().await;
    let p = get(&app, "/v1/documents?limit=2").await.json();
    assert_eq!(p["total"], 5);
    assert_eq!(p["items"].as_array().unwrap().len(), 2);
    assert_eq!(p["next_offset"], 2);
    // Newest first.
    assert_eq!(p["items"][0]["date"], "2023-04-02");
    let mut seen = vec![];
    let mut offset = Some(0);
    while let Some(o) = offset {
        let p = get(&app, &format!("/v1/documents?limit=2&offset={o}"))
            .await
            .json();
        seen.extend(
            p["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["id"].as_str().unwrap().to_string()),
        );
        offset = p["next_offset"].as_u64();
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5);
    let last = get(&app, "/v1/documents?offset=4").await.json();
    assert_eq!(last["items"].as_array().unwrap().len(), 1);
    assert!(last.get("next_offset").is_none());
    let past = get(&app, "/v1/documents?offset=99").await.json();
    assert_eq!(past["items"].as_array().unwrap().len(), 0);
    get(&app, "/v1/documents?limit=0")
        .await
        .error(400, "invalid_parameter");
    get(&app, "/v1/documents?limit=5000")
        .await
        .error(400, "invalid_parameter");
    get(&app, "/v1/documents?offset=-1")
        .await
        .error(400, "invalid_parameter");
    get(&app, "/v1/documents?sort=x")
        .await
        .error(400, "invalid_parameter");
    let bare = app_with(Config::default(), false);
    get(&bare, "/v1/documents").await.error(503, "no_store");
}

#[tokio::test]
async fn one_document_with_its_annotations() {
    let app = seeded().await;
    let p = get(&app, "/v1/documents?limit=1").await.json();
    let id = p["items"][0]["id"].as_str().unwrap().to_string();
    let d = get(&app, &format!("/v1/documents/{id}")).await.json();
    assert_eq!(d["id"], id.as_str());
    assert_eq!(d["places"][0]["name"], "Porto");
    assert_eq!(d["offsets"], "chars");
    get(&app, "/v1/documents/no-such-doc")
        .await
        .error(404, "not_found");
    get(&app, "/v1/documents/%E2%9C%93%20odd")
        .await
        .error(404, "not_found");
    get(&app, "/v1/documents/x?y=1")
        .await
        .error(400, "invalid_parameter");
}

async fn event_ids(app: &Router, query: &str) -> Vec<String> {
    let r = get(app, &format!("/v1/events?{query}")).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{query}: {}",
        String::from_utf8_lossy(&r.body)
    );
    let v = r.json();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}@{}",
                e["type"].as_str().unwrap(),
                e["place"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

#[tokio::test]
async fn events_filters() {
    let app = seeded().await;
    let all = get(&app, "/v1/events").await.json();
    assert_eq!(all["total"], 8);
    // Ordered by date.
    let dates: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let e0 = &all["items"][0];
    assert_eq!(e0["lat"], 59.91);
    assert_eq!(e0["country"], "NO");
    // Records are the store's event clusters, named by their first mention.
    assert!(e0["id"].as_str().unwrap().parse::<i64>().is_ok());
    assert!(e0["document"].as_str().unwrap().starts_with("doc-"));
    assert_eq!(e0["event"], "v1");
    assert_eq!(e0["trigger"], "attacked");
    assert_eq!(e0["title"], "Clashes in the north");
    assert_eq!(
        (&e0["num_mentions"], &e0["num_articles"], &e0["num_sources"]),
        (&json!(1), &json!(1), &json!(1))
    );

    assert_eq!(
        event_ids(&app, "type=assault").await,
        ["ASSAULT@Oslo", "ASSAULT@Porto"]
    );
    assert_eq!(event_ids(&app, "type=ASSAULT,CONSULT").await.len(), 4);
    assert_eq!(event_ids(&app, "type=ASSAULT&type=CONSULT").await.len(), 4);
    assert_eq!(
        event_ids(&app, "country=pt").await,
        ["ASSAULT@Porto", "PROTEST@Porto"]
    );
    assert_eq!(
        event_ids(&app, "country=NO,VN&type=CONSULT").await,
        ["CONSULT@Hanoi", "CONSULT@Oslo"]
    );
    // Around Hanoi only.
    assert_eq!(
        event_ids(&app, "bbox=100,15,110,25").await,
        ["CONSULT@Hanoi", "PROTEST@Hanoi"]
    );
    assert_eq!(
        event_ids(&app, "from=2023-03-09&to=2023-03-13").await,
        ["CONSULT@Oslo", "PROTEST@Hanoi", "PROTEST@-"]
    );
    assert_eq!(event_ids(&app, "from=2023-04-01").await, ["PROTEST@Porto"]);
    assert_eq!(
        event_ids(&app, "to=2023-03-01").await,
        ["ASSAULT@Oslo", "PROTEST@Lima"]
    );
    assert_eq!(
        event_ids(&app, "modality=hypothetical").await,
        ["ASSAULT@Porto"]
    );
    assert_eq!(
        event_ids(&app, "modality=asserted,hypothetical")
            .await
            .len(),
        8
    );
    assert_eq!(event_ids(&app, "min_confidence=0.5").await.len(), 7);
    assert_eq!(
        event_ids(&app, "min_confidence=0.5&type=PROTEST").await,
        ["PROTEST@Lima", "PROTEST@-", "PROTEST@Porto"]
    );
    // Actor by code prefix and by text.
    assert_eq!(
        event_ids(&app, "actor=MIL").await,
        ["ASSAULT@Oslo", "ASSAULT@Porto"]
    );
    assert_eq!(event_ids(&app, "actor=stud").await, ["PROTEST@Porto"]);
    let doc = all["items"][0]["document"].as_str().unwrap();
    assert_eq!(
        event_ids(&app, &format!("document={doc}")).await,
        ["ASSAULT@Oslo", "PROTEST@Lima"]
    );
    assert!(event_ids(&app, "type=SANCTION").await.is_empty());
}

#[tokio::test]
async fn events_bad_filters() {
    let app = seeded().await;
    for q in [
        "bbox=1,2,3",
        "bbox=a,b,c,d",
        "bbox=10,0,0,10",
        "bbox=NaN,0,1,1",
        "from=2023-02-30",
        "to=yesterday",
        "from=2023-05-01&to=2023-01-01",
        "modality=certain",
        "min_confidence=2",
        "min_confidence=x",
        "limit=0",
        "limit=1001",
        "offset=x",
        "colour=red",
    ] {
        get(&app, &format!("/v1/events?{q}"))
            .await
            .error(400, "invalid_parameter");
    }
}

#[tokio::test]
async fn events_are_paged_without_loss_or_duplicates() {
    let app = seeded().await;
    let mut seen = vec![];
    let mut offset = Some(0);
    let mut pages = 0;
    while let Some(o) = offset {
        let p = get(&app, &format!("/v1/events?limit=3&offset={o}"))
            .await
            .json();
        assert_eq!(p["total"], 8);
        assert_eq!(p["limit"], 3);
        seen.extend(
            p["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_string()),
        );
        offset = p["next_offset"].as_u64();
        pages += 1;
    }
    assert_eq!(pages, 3);
    let n = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!((n, seen.len()), (8, 8));
}

#[tokio::test]
async fn events_geojson() {
    let app = seeded().await;
    let r = get(&app, "/v1/events.geojson").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/geo+json");
    let fc = r.json();
    assert_eq!(fc["type"], "FeatureCollection");
    // One event has no place: counted, not drawn.
    assert_eq!(fc["total"], 8);
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), 7);
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert!(c[0].as_f64().unwrap().abs() <= 180.0 && c[1].as_f64().unwrap().abs() <= 90.0);
        assert!(f["properties"]["type"].is_string());
        assert!(f["properties"].get("lat").is_none());
    }
    let oslo = features
        .iter()
        .find(|f| f["properties"]["place"] == "Oslo")
        .unwrap();
    assert_eq!(oslo["geometry"]["coordinates"], json!([10.75, 59.91]));
    let fc = get(&app, "/v1/events.geojson?type=PROTEST&limit=2")
        .await
        .json();
    assert_eq!(fc["total"], 4);
    assert_eq!(fc["features"].as_array().unwrap().len(), 2);
    assert_eq!(fc["next_offset"], 2);
    get(&app, "/v1/events.geojson?limit=10001")
        .await
        .error(400, "invalid_parameter");
    get(&app, "/v1/events.geojson?bbox=1")
        .await
        .error(400, "invalid_parameter");
}

/// Resolves every `$ref` of the document.
fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|x| refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn openapi_matches_the_routes() {
    let app = seeded().await;
    let doc = get(&app, "/v1/openapi.json").await.json();
    assert_eq!(doc, tidings_server::openapi());
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented: Vec<(String, String)> = vec![];
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            documented.push((method.clone(), path.clone()));
        }
    }
    documented.sort();
    let mut routes: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    routes.sort();
    assert_eq!(documented, routes);
    // Every route answers (not `no_route`), with a real id for the path parameter.
    for (method, path) in ROUTES {
        let uri = path.replace("{id}", "x");
        let r = if *method == "post" {
            post_text(&app, &uri, "Envoys met in Oslo.").await
        } else {
            get(&app, &uri).await
        };
        let code = serde_json::from_slice::<Value>(&r.body)
            .ok()
            .map(|v| v["error"]["code"].clone());
        assert_ne!(code, Some(json!("no_route")), "{method} {path}");
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
    }
    let mut all = vec![];
    refs(&doc, &mut all);
    assert!(all.iter().any(|r| r.ends_with("/Document")));
    for r in all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .expect("component ref");
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "dangling {r}"
        );
    }
}

#[tokio::test]
async fn web_page_and_its_assets_are_served() {
    let app = app();
    let r = get(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = String::from_utf8(r.body).unwrap();
    // Every asset the page links is served with a body.
    let mut n = 0;
    for part in html.split("\"/assets/").skip(1) {
        let path = &part[..part.find('"').unwrap()];
        let a = get(&app, &format!("/assets/{path}")).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(a.body.len() > 100, "{path}");
        n += 1;
    }
    assert!(n >= 7, "{n} assets linked");
    let basemap = get(&app, "/assets/vendor/countries-110m.json").await.json();
    assert_eq!(basemap["type"], "Topology");
}

#[test]
fn memory_store_survives_a_reopen() {
    let dir = std::env::temp_dir().join(format!("tidings-server-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("store.jsonl");
    let _ = std::fs::remove_file(&path);
    let mut d = Document::new("a1", "Envoys met in Oslo.");
    d = Fake.extract(d);
    {
        let (s, bad) = MemoryStore::open_jsonl(&path).unwrap();
        assert_eq!(bad, 0);
        s.put(&d).unwrap();
    }
    std::fs::write(
        &path,
        format!("{}not json\n", std::fs::read_to_string(&path).unwrap()),
    )
    .unwrap();
    let (s, bad) = MemoryStore::open_jsonl(&path).unwrap();
    assert_eq!(bad, 1);
    assert_eq!(s.stats().unwrap().documents, 1);
    assert_eq!(s.document("a1").unwrap().unwrap().places.len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

async fn doc_ids(app: &Router) -> Vec<(String, String)> {
    let p = get(app, "/v1/documents").await.json();
    p["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["title"].as_str().unwrap_or("").to_string(),
                d["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn one_event_reported_by_two_articles_is_one_record() {
    let app = app();
    for a in [
        " date 2023-05-01 First\n\nSoldiers attacked a depot near Oslo.",
        " date 2023-05-02 Second\n\nOn Monday Soldiers attacked barracks in Oslo, witnesses said.",
        " date 2023-05-02 Elsewhere\n\nSoldiers attacked a post in Lima.",
    ] {
        let r = post_text(&app, "/v1/extract?store=true", a).await;
        assert_eq!(r.headers["x-tidings-stored"], "added");
    }
    let all = get(&app, "/v1/events?type=ASSAULT").await.json();
    assert_eq!(all["total"], 2, "{all}");
    let oslo = &all["items"][0];
    assert_eq!(oslo["place"], "Oslo");
    assert_eq!(oslo["date"], "2023-05-01");
    assert_eq!(oslo["num_mentions"], 2);
    assert_eq!(oslo["num_articles"], 2);
    assert_eq!(oslo["num_sources"], 2);
    assert_eq!(oslo["title"], "First");
    assert_eq!(get(&app, "/v1/health").await.json()["events"], 2);
    // With a document filter the record names that document's mention.
    let ids = doc_ids(&app).await;
    let second = &ids.iter().find(|(t, _)| t == "Second").unwrap().1;
    let p = get(&app, &format!("/v1/events?document={second}"))
        .await
        .json();
    assert_eq!(p["total"], 1);
    assert_eq!(p["items"][0]["id"], oslo["id"]);
    assert_eq!(p["items"][0]["document"], second.as_str());
    assert_eq!(p["items"][0]["title"], "Second");
    // Actor text matches any mention of the cluster.
    assert_eq!(
        event_ids(&app, "actor=soldiers&country=NO").await,
        ["ASSAULT@Oslo"]
    );
}

/// A document ingested the way `tidings ingest` stores it (`prepare` + `ingest_prepared` of the
/// store crate) is served by a `SqliteStore` on the same file, and the API stores the same text
/// identically (it is found already stored).
#[tokio::test]
async fn a_document_ingested_by_the_store_crate_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    let mut d = Document::new(
        "ingested-1",
        "Soldiers attacked a depot near Oslo. Residents protested in Lima.",
    );
    d.title = Some("Ingested".into());
    d.source = Some("corpus/a.txt".into());
    d.date = chrono::NaiveDate::from_ymd_opt(2022, 9, 1);
    let d = Fake.extract(d);
    {
        let mut w = tidings_store::Store::open(&db).unwrap();
        let out = w
            .ingest_prepared(tidings_store::prepare(d.clone()))
            .unwrap();
        assert!(matches!(out, tidings_store::IngestOutcome::Stored { .. }));
    }
    let app = app_on(Arc::new(SqliteStore::open(&db).unwrap()));
    let p = get(&app, "/v1/documents").await.json();
    assert_eq!(p["total"], 1);
    assert_eq!(p["items"][0]["id"], "ingested-1");
    assert_eq!(p["items"][0]["title"], "Ingested");
    assert_eq!(p["items"][0]["date"], "2022-09-01");
    assert_eq!(p["items"][0]["source"], "corpus/a.txt");
    assert_eq!(
        (&p["items"][0]["places"], &p["items"][0]["events"]),
        (&json!(2), &json!(2))
    );
    let ev = get(&app, "/v1/events").await.json();
    assert_eq!(ev["total"], 2);
    assert_eq!(ev["items"][0]["document"], "ingested-1");
    assert_eq!(ev["items"][0]["source_actor"], "MIL");
    assert_eq!(ev["items"][0]["date"], "2022-09-01");
    assert_eq!(
        event_ids(&app, "document=ingested-1").await,
        ["ASSAULT@Oslo", "PROTEST@Lima"]
    );
    // The document, rebuilt from the store's tables: what the store keeps comes back as it was.
    let back: Document =
        serde_json::from_slice(&get(&app, "/v1/documents/ingested-1").await.body).unwrap();
    assert_eq!(back.text, d.text);
    assert_eq!(back.offsets, tidings_core::Offsets::Chars);
    assert_eq!(back.places, d.places);
    assert_eq!(back.events.len(), d.events.len());
    for (b, e) in back.events.iter().zip(&d.events) {
        assert_eq!(b.id, e.id);
        assert_eq!(b.kind, e.kind);
        assert_eq!(b.trigger, e.trigger);
        assert_eq!(b.source, e.source);
        assert_eq!(b.place, e.place);
        assert_eq!(b.date, e.date);
        assert_eq!(b.modality, e.modality);
        assert_eq!(b.confidence, e.confidence);
    }
    // Posting the same text through the API finds it stored (same content hash).
    let body = json!({"text": d.text, "date": "2022-09-01", "id": "ingested-1"});
    let r = post(
        &app,
        "/v1/extract?store=true",
        Some("application/json"),
        body.to_string(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["x-tidings-stored"], "existing");
}

/// Where the API's filters and the store crate's own `EventQuery` overlap (one value each), they
/// select the same clusters.
#[tokio::test]
async fn filters_agree_with_the_store_crate_query() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    let store = Arc::new(SqliteStore::open(&db).unwrap());
    let app = app_on(store.clone());
    for a in [
        " date 2023-03-01 A\n\nSoldiers attacked a depot near Oslo. Residents protested in Lima.",
        " date 2023-03-05 B\n\nEnvoys met in Hanoi. Soldiers may have attacked a convoy outside Porto.",
        " date 2023-03-09 C\n\nDelegates met in Oslo. Workers reportedly protested in Hanoi.",
        " date 2023-03-10 D\n\nFarmers protested somewhere. Soldiers attacked a post near Oslo.",
    ] {
        post_text(&app, "/v1/extract?store=true", a).await;
    }
    // Eight mentions; the placeless protest of 03-10 joins the Hanoi protest of 03-09.
    assert_eq!(get(&app, "/v1/events").await.json()["total"], 7);
    let reader = tidings_store::Store::open_readonly(&db).unwrap();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let cases: Vec<(&str, tidings_store::EventQuery)> = vec![
        ("", Default::default()),
        (
            "type=PROTEST",
            tidings_store::EventQuery {
                kind: Some("PROTEST".into()),
                ..Default::default()
            },
        ),
        (
            "actor=MIL",
            tidings_store::EventQuery {
                actor: Some("MIL".into()),
                ..Default::default()
            },
        ),
        (
            "country=NO",
            tidings_store::EventQuery {
                country: Some("NO".into()),
                ..Default::default()
            },
        ),
        (
            "bbox=100,15,110,25",
            tidings_store::EventQuery {
                bbox: Some([100.0, 15.0, 110.0, 25.0]),
                ..Default::default()
            },
        ),
        (
            "from=2023-03-05&to=2023-03-09",
            tidings_store::EventQuery {
                date_from: Some(day("2023-03-05")),
                date_to: Some(day("2023-03-09")),
                ..Default::default()
            },
        ),
        (
            "modality=hypothetical",
            tidings_store::EventQuery {
                modality: Some(Modality::Hypothetical),
                ..Default::default()
            },
        ),
        (
            "min_confidence=0.5",
            tidings_store::EventQuery {
                min_confidence: Some(0.5),
                ..Default::default()
            },
        ),
    ];
    for (query, sq) in cases {
        let page = get(&app, &format!("/v1/events?limit=1000&{query}"))
            .await
            .json();
        let mut ours: Vec<i64> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().parse().unwrap())
            .collect();
        ours.sort();
        let theirs = reader.all_events(&sq).unwrap();
        let mut theirs: Vec<i64> = theirs.iter().map(|c| c.id).collect();
        theirs.sort();
        assert_eq!(ours, theirs, "{query}");
        assert_eq!(page["total"], theirs.len(), "{query}");
    }
}
