//! The Tidings HTTP API and web page.
//!
//! `POST /v1/extract` runs the pipeline ([`tidings::Tidings`]) on one article; the `GET` routes
//! read a [`Store`]. The web page (map, timeline, annotated article, paste box) is embedded in the
//! binary and served at `/`.
//!
//! Architecture invariant: the server wires the pipeline and a store to HTTP; it adds no
//! annotation of its own and never panics on a request (handlers return [`ApiError`]s, blocking
//! work runs on the blocking pool, and a catch-panic layer turns anything missed into a 500).

mod api;
mod error;
mod openapi;
mod sqlite;
pub mod store;
mod web;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use tidings_core::Document;

pub use error::{ApiError, ERROR_CODES};
pub use openapi::openapi;
pub use sqlite::SqliteStore;
pub use store::{MemoryStore, Store};

/// Anything that annotates a document into the output contract (the pipeline, or a test double).
pub trait Extractor: Send + Sync + 'static {
    fn extract(&self, doc: Document) -> Document;
}

impl Extractor for tidings::Tidings {
    fn extract(&self, doc: Document) -> Document {
        tidings::Tidings::extract(self, doc)
    }
}

/// Limits of the server.
#[derive(Clone, Debug)]
pub struct Config {
    /// Largest request body accepted (bytes).
    pub body_limit: usize,
    /// Longest time one request may take, queueing included.
    pub timeout: Duration,
    /// Extractions run at once (each on its own blocking thread).
    pub extract_concurrency: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 1 << 20,
            timeout: Duration::from_secs(30),
            extract_concurrency: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    pub(crate) extractor: Arc<dyn Extractor>,
    pub(crate) store: Option<Arc<dyn Store>>,
    pub(crate) extract_slots: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    pub fn new(
        extractor: Arc<dyn Extractor>,
        store: Option<Arc<dyn Store>>,
        config: &Config,
    ) -> Self {
        AppState {
            extractor,
            store,
            extract_slots: Arc::new(tokio::sync::Semaphore::new(
                config.extract_concurrency.max(1),
            )),
        }
    }
}

/// Every API route (method, path in OpenAPI syntax). The OpenAPI document and the router are
/// checked against this list by tests.
pub const ROUTES: &[(&str, &str)] = &[
    ("post", "/v1/extract"),
    ("get", "/v1/documents"),
    ("get", "/v1/documents/{id}"),
    ("get", "/v1/events"),
    ("get", "/v1/events.geojson"),
    ("get", "/v1/health"),
    ("get", "/v1/openapi.json"),
];

/// The whole application: API, web page, limits and error mapping.
pub fn router(state: AppState, config: &Config) -> Router {
    let timeout = config.timeout;
    Router::new()
        .route("/v1/extract", post(api::extract))
        .route("/v1/documents", get(api::documents))
        .route("/v1/documents/{id}", get(api::document))
        .route("/v1/events", get(api::events))
        .route("/v1/events.geojson", get(api::events_geojson))
        .route("/v1/health", get(api::health))
        .route("/v1/openapi.json", get(api::openapi_json))
        .route("/", get(web::index))
        .route("/assets/{*path}", get(web::asset))
        .fallback(api::no_route)
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(config.body_limit))
        .layer(axum::middleware::from_fn(move |req, next| {
            api::with_timeout(timeout, req, next)
        }))
        .layer(axum::middleware::map_response(api::json_errors))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            api::panic_response,
        ))
}

/// Serves until Ctrl-C or SIGTERM. Prints the bound address (useful with port 0) to stderr.
pub async fn serve(addr: SocketAddr, app: Router) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    eprintln!("tidings: listening on http://{bound}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
