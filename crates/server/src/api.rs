//! Handlers of the `/v1` routes and the middleware that keeps every answer JSON.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;
use tidings_core::{Document, Modality};
use tidings_read::ReadOptions;

use crate::error::ApiError;
use crate::store::{EventQuery, EventRecord, Page};
use crate::AppState;

type Params = Query<Vec<(String, String)>>;

const DOCUMENTS_LIMIT: (u64, u64) = (50, 1000);
const EVENTS_LIMIT: (u64, u64) = (100, 1000);
const GEOJSON_LIMIT: (u64, u64) = (1000, 10_000);

/// The JSON form of an extraction request.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtractRequest {
    /// The article text. May start with the dated-article line ` date YYYY-MM-DD headline`.
    pub text: String,
    /// Publication date (`YYYY-MM-DD`) that relative times resolve against.
    #[serde(default)]
    pub date: Option<String>,
    /// Document id; by default derived from the text's hash.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
}

/// Runs blocking work (pipeline, store) off the async workers; a panic becomes a 500.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r,
        Err(_) => Err(ApiError::new(
            "internal",
            "the request failed inside the server",
        )),
    }
}

fn store(state: &AppState) -> Result<std::sync::Arc<dyn crate::Store>, ApiError> {
    state
        .store
        .clone()
        .ok_or_else(|| ApiError::new("no_store", "this server was started without a store"))
}

fn bad(name: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::new("invalid_parameter", format!("parameter {name:?}: {why}"))
}

fn parse_bool(name: &str, v: &str) -> Result<bool, ApiError> {
    match v {
        "" | "1" | "true" | "yes" => Ok(true),
        "0" | "false" | "no" => Ok(false),
        _ => Err(bad(name, "expected true or false")),
    }
}

fn parse_u64(name: &str, v: &str) -> Result<u64, ApiError> {
    v.parse::<u64>()
        .map_err(|_| bad(name, "expected a non-negative integer"))
}

fn parse_date(name: &str, v: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| bad(name, "expected YYYY-MM-DD"))
}

/// `limit` within `1..=max` (default `default`).
fn parse_limit(v: &str, (_, max): (u64, u64)) -> Result<u64, ApiError> {
    let n = parse_u64("limit", v)?;
    if n == 0 || n > max {
        return Err(bad("limit", format!("must be between 1 and {max}")));
    }
    Ok(n)
}

fn list(v: &str) -> impl Iterator<Item = &str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// FNV-1a over the text: a stable id for documents posted without one.
fn content_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("doc-{h:016x}")
}

/// `POST /v1/extract`.
pub async fn extract(
    State(state): State<AppState>,
    Query(params): Params,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let mut date = None;
    let mut tokens = false;
    let mut keep = false;
    for (k, v) in &params {
        match k.as_str() {
            "date" => date = Some(parse_date(k, v)?),
            "tokens" => tokens = parse_bool(k, v)?,
            "store" => keep = parse_bool(k, v)?,
            _ => return Err(bad(k, "unknown parameter")),
        }
    }
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let (text, id, title) = match kind.as_deref() {
        Some("application/json") => {
            let r: ExtractRequest = serde_json::from_slice(&body)
                .map_err(|e| ApiError::new("malformed_json", e.to_string()))?;
            if let Some(d) = &r.date {
                date = Some(parse_date("date", d)?);
            }
            (r.text, r.id, r.title)
        }
        None | Some("text/plain") => {
            let text = String::from_utf8(body.to_vec()).map_err(|e| {
                ApiError::new(
                    "invalid_input",
                    format!(
                        "body is not valid UTF-8 (first bad byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                )
            })?;
            (text, None, None)
        }
        Some(other) => {
            return Err(ApiError::new(
                "unsupported_media_type",
                format!("content type {other:?}: send application/json or text/plain"),
            ))
        }
    };
    if let Some(id) = &id {
        if id.is_empty() || id.len() > 256 {
            return Err(ApiError::new(
                "invalid_input",
                "id must be 1 to 256 bytes long",
            ));
        }
    }
    let opts = ReadOptions {
        date,
        allow_undated: true,
    };
    let mut doc = tidings_read::parse_article("request", "request", &text, &opts)
        .map_err(|e| ApiError::new("invalid_input", e.to_string()))?;
    doc.id = id.unwrap_or_else(|| content_id(&text));
    doc.source = None;
    if title.is_some() {
        doc.title = title;
    }
    let store = if keep { Some(store(&state)?) } else { None };

    // The permit travels into the blocking task, so a timed-out request still holds its slot
    // until the pipeline finishes: the number of running extractions stays bounded.
    let permit = state
        .extract_slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::new("overloaded", "the server is shutting down"))?;
    let extractor = state.extractor.clone();
    let (doc, outcome) = blocking(move || {
        let _permit = permit;
        let mut doc = extractor.extract(doc);
        let outcome = match &store {
            Some(s) => Some(s.put(&doc)?),
            None => None,
        };
        if !tokens {
            doc.tokens.clear();
        }
        Ok((doc, outcome))
    })
    .await?;
    let mut r = Json(doc).into_response();
    if let Some(o) = outcome {
        let v = match o {
            crate::store::PutOutcome::Added => "added",
            crate::store::PutOutcome::Existing => "existing",
        };
        r.headers_mut()
            .insert("x-tidings-stored", HeaderValue::from_static(v));
    }
    Ok(r)
}

/// `GET /v1/documents`.
pub async fn documents(
    State(state): State<AppState>,
    Query(params): Params,
) -> Result<Json<Page<crate::store::DocumentSummary>>, ApiError> {
    let (mut offset, mut limit) = (0, DOCUMENTS_LIMIT.0);
    for (k, v) in &params {
        match k.as_str() {
            "offset" => offset = parse_u64(k, v)?,
            "limit" => limit = parse_limit(v, DOCUMENTS_LIMIT)?,
            _ => return Err(bad(k, "unknown parameter")),
        }
    }
    let store = store(&state)?;
    Ok(Json(
        blocking(move || Ok(store.documents(offset, limit)?)).await?,
    ))
}

/// `GET /v1/documents/{id}`.
pub async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Params,
) -> Result<Json<Document>, ApiError> {
    if let Some((k, _)) = params.first() {
        return Err(bad(k, "unknown parameter"));
    }
    let store = store(&state)?;
    let found = blocking(move || {
        let d = store.document(&id)?;
        Ok(d.ok_or_else(|| ApiError::new("not_found", format!("no document {id:?}"))))
    })
    .await??;
    Ok(Json(found))
}

/// Parses the event filters shared by `/v1/events` and `/v1/events.geojson`.
fn event_query(params: &[(String, String)], limits: (u64, u64)) -> Result<EventQuery, ApiError> {
    let mut q = EventQuery {
        limit: limits.0,
        ..Default::default()
    };
    for (k, v) in params {
        match k.as_str() {
            "type" => q.types.extend(list(v).map(|s| s.to_ascii_uppercase())),
            "actor" => q.actor = Some(v.trim().to_string()).filter(|s| !s.is_empty()),
            "country" => q.countries.extend(list(v).map(|s| s.to_ascii_uppercase())),
            "bbox" => {
                let n: Vec<f64> = list(v)
                    .map(|s| s.parse::<f64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| bad(k, "expected four numbers"))?;
                let ok =
                    n.len() == 4 && n.iter().all(|x| x.is_finite()) && n[0] <= n[2] && n[1] <= n[3];
                if !ok {
                    return Err(bad(k, "expected min_lon,min_lat,max_lon,max_lat"));
                }
                q.bbox = Some([n[0], n[1], n[2], n[3]]);
            }
            "from" => q.from = Some(parse_date(k, v)?.to_string()),
            "to" => q.to = Some(parse_date(k, v)?.to_string()),
            "modality" => {
                for m in list(v) {
                    q.modalities.push(
                        serde_json::from_value::<Modality>(serde_json::Value::String(
                            m.to_ascii_lowercase(),
                        ))
                        .map_err(|_| {
                            bad(k, "expected asserted, claimed, planned or hypothetical")
                        })?,
                    );
                }
            }
            "min_confidence" => {
                let c = v
                    .parse::<f32>()
                    .ok()
                    .filter(|c| (0.0..=1.0).contains(c))
                    .ok_or_else(|| bad(k, "expected a number between 0 and 1"))?;
                q.min_confidence = Some(c);
            }
            "document" => q.document = Some(v.clone()),
            "offset" => q.offset = parse_u64(k, v)?,
            "limit" => q.limit = parse_limit(v, limits)?,
            _ => return Err(bad(k, "unknown parameter")),
        }
    }
    if let (Some(f), Some(t)) = (&q.from, &q.to) {
        if f > t {
            return Err(bad("from", "is after \"to\""));
        }
    }
    Ok(q)
}

/// `GET /v1/events`.
pub async fn events(
    State(state): State<AppState>,
    Query(params): Params,
) -> Result<Json<Page<EventRecord>>, ApiError> {
    let q = event_query(&params, EVENTS_LIMIT)?;
    let store = store(&state)?;
    Ok(Json(blocking(move || Ok(store.events(&q)?)).await?))
}

/// `GET /v1/events.geojson`: the same filters; events without coordinates are left out of
/// `features` (they still count in `total`).
pub async fn events_geojson(
    State(state): State<AppState>,
    Query(params): Params,
) -> Result<Response, ApiError> {
    let q = event_query(&params, GEOJSON_LIMIT)?;
    let store = store(&state)?;
    let page = blocking(move || Ok(store.events(&q)?)).await?;
    let features: Vec<serde_json::Value> = page
        .items
        .iter()
        .filter_map(|e| {
            let (lon, lat) = (e.lon?, e.lat?);
            let mut props = serde_json::to_value(e).ok()?;
            if let Some(m) = props.as_object_mut() {
                m.remove("lat");
                m.remove("lon");
            }
            Some(serde_json::json!({
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }))
        })
        .collect();
    let body = serde_json::json!({
        "type": "FeatureCollection",
        "features": features,
        "total": page.total,
        "offset": page.offset,
        "limit": page.limit,
        "next_offset": page.next_offset,
    });
    let mut r = Json(body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    Ok(r)
}

/// `GET /v1/health`.
pub async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let stats = match state.store.clone() {
        Some(s) => Some(blocking(move || Ok(s.stats()?)).await?),
        None => None,
    };
    Ok(Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "store": stats.is_some(),
        "documents": stats.as_ref().map(|s| s.documents),
        "events": stats.as_ref().map(|s| s.events),
    })))
}

/// `GET /v1/openapi.json`.
pub async fn openapi_json() -> Json<serde_json::Value> {
    Json(crate::openapi::openapi())
}

/// Any path that is not a route.
pub async fn no_route(req: Request) -> ApiError {
    ApiError::new("no_route", format!("no route for {}", req.uri().path()))
}

/// Bounds every request's time; the handler's future is dropped at the deadline.
pub async fn with_timeout(limit: Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            "timeout",
            format!("the request took longer than {} s", limit.as_secs_f64()),
        )
        .into_response(),
    }
}

/// Turns the error answers that axum and its layers produce (405, 413, 400 rejections) into
/// the API's JSON error form, keeping their message.
pub async fn json_errors(r: Response) -> Response {
    let status = r.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return r;
    }
    let is_json = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return r;
    }
    let mut e = ApiError::from_status(status);
    if let Ok(bytes) = axum::body::to_bytes(r.into_body(), 4096).await {
        let text = String::from_utf8_lossy(&bytes);
        if !text.trim().is_empty() {
            e.message = text.trim().to_string();
        }
    }
    e.into_response()
}

/// The answer to a request whose handler panicked.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::new("internal", "the request failed inside the server").into_response()
}
