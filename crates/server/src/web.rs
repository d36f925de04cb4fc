//! The web page, embedded in the binary: our own HTML/JS/CSS plus the vendored front-end packages
//! (web/vendor, made by web/build.sh from pinned npm packages). Works without internet.

use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// `(path under /assets/, content type, bytes)`.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../web/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../web/app.css"),
    ),
    (
        "vendor/leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../web/vendor/leaflet.js"),
    ),
    (
        "vendor/leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../web/vendor/leaflet.css"),
    ),
    (
        "vendor/leaflet.markercluster.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../web/vendor/leaflet.markercluster.js"),
    ),
    (
        "vendor/MarkerCluster.css",
        "text/css; charset=utf-8",
        include_bytes!("../web/vendor/MarkerCluster.css"),
    ),
    (
        "vendor/MarkerCluster.Default.css",
        "text/css; charset=utf-8",
        include_bytes!("../web/vendor/MarkerCluster.Default.css"),
    ),
    (
        "vendor/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../web/vendor/topojson-client.min.js"),
    ),
    (
        "vendor/countries-110m.json",
        "application/json",
        include_bytes!("../web/vendor/countries-110m.json"),
    ),
    (
        "vendor/VERSIONS.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../web/vendor/VERSIONS.txt"),
    ),
];

const INDEX: &str = include_str!("../web/index.html");

fn with_type(body: &'static [u8], kind: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

/// `GET /`.
pub async fn index() -> Response {
    with_type(INDEX.as_bytes(), "text/html; charset=utf-8")
}

/// `GET /assets/{path}`.
pub async fn asset(Path(path): Path<String>) -> Response {
    match ASSETS.iter().find(|(p, _, _)| *p == path) {
        Some((_, kind, body)) => with_type(body, kind),
        None => ApiError::new("not_found", format!("no asset {path:?}")).into_response(),
    }
}
