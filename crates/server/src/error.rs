//! JSON errors with stable codes: `{"error": {"code": "...", "message": "..."}}`.
//!
//! Codes are part of the API (clients switch on them); messages are for people and may change.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;

/// Every error code the API returns, with its HTTP status.
pub const ERROR_CODES: &[(&str, u16)] = &[
    ("bad_request", 400),
    ("malformed_json", 400),
    ("invalid_parameter", 400),
    ("invalid_input", 422),
    ("not_found", 404),
    ("no_route", 404),
    ("method_not_allowed", 405),
    ("timeout", 503),
    ("payload_too_large", 413),
    ("unsupported_media_type", 415),
    ("overloaded", 503),
    ("store_error", 500),
    ("no_store", 503),
    ("internal", 500),
];

#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code (see the OpenAPI description).
    pub code: String,
    pub message: String,
}

/// An API error: a stable code, an HTTP status and a message.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        let status = ERROR_CODES
            .iter()
            .find(|(c, _)| *c == code)
            .and_then(|(_, s)| StatusCode::from_u16(*s).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// The code for a status produced outside our handlers (body limit, routing, timeouts).
    pub fn from_status(status: StatusCode) -> Self {
        let code = match status.as_u16() {
            404 => "no_route",
            405 => "method_not_allowed",
            408 | 503 => "timeout",
            413 => "payload_too_large",
            415 => "unsupported_media_type",
            400..=499 => "bad_request",
            _ => "internal",
        };
        let mut e = ApiError::new(code, status.canonical_reason().unwrap_or("error"));
        e.status = status;
        e
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message,
            },
        };
        let bytes = serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec());
        let mut r = (self.status, bytes).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        r
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        ApiError::new("store_error", e.0)
    }
}
