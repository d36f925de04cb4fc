//! The OpenAPI 3.0 document: paths written here, component schemas generated from the Rust
//! types (schemars), so the document cannot drift from what the handlers serialise. A test checks
//! its paths against [`crate::ROUTES`].

use schemars::gen::SchemaSettings;
use serde_json::{json, Value};
use tidings_core::Document;

use crate::api::ExtractRequest;
use crate::error::{ErrorBody, ERROR_CODES};
use crate::store::{DocumentSummary, EventRecord, Page};

fn param(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema})
}

fn ok(desc: &str, media: &str, schema: Value) -> Value {
    json!({"description": desc, "content": {media: {"schema": schema}}})
}

fn error_ref() -> Value {
    json!({"description": "An error (see the stable codes in the description).",
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}})
}

fn event_params(default_limit: u64, max_limit: u64) -> Vec<Value> {
    let s = json!({"type": "string"});
    vec![
        param(
            "type",
            "PLOVER types, comma separated (ASSAULT,PROTEST).",
            s.clone(),
        ),
        param(
            "actor",
            "Actor code prefix (USA, AFGINS) or part of an argument's text.",
            s.clone(),
        ),
        param(
            "country",
            "ISO 3166 alpha-2 codes of the event place, comma separated.",
            s.clone(),
        ),
        param("bbox", "min_lon,min_lat,max_lon,max_lat", s.clone()),
        param(
            "from",
            "First event date, inclusive.",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "to",
            "Last event date, inclusive.",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "modality",
            "asserted, claimed, planned, hypothetical; comma separated.",
            s.clone(),
        ),
        param(
            "min_confidence",
            "Lowest confidence, 0 to 1.",
            json!({"type": "number", "minimum": 0, "maximum": 1}),
        ),
        param("document", "Only events of this document id.", s),
        param(
            "offset",
            "Items to skip.",
            json!({"type": "integer", "minimum": 0, "default": 0}),
        ),
        param(
            "limit",
            "Page size.",
            json!({"type": "integer", "minimum": 1, "maximum": max_limit, "default": default_limit}),
        ),
    ]
}

/// The OpenAPI document served at `/v1/openapi.json`.
pub fn openapi() -> Value {
    let mut gen = SchemaSettings::openapi3().into_generator();
    let document = gen.subschema_for::<Document>();
    let request = gen.subschema_for::<ExtractRequest>();
    let events = gen.subschema_for::<Page<EventRecord>>();
    let documents = gen.subschema_for::<Page<DocumentSummary>>();
    gen.subschema_for::<ErrorBody>();
    let schemas = gen.take_definitions();
    let value = |s: schemars::schema::Schema| serde_json::to_value(s).unwrap_or(Value::Null);

    let codes: Vec<String> = ERROR_CODES
        .iter()
        .map(|(c, s)| format!("`{c}` ({s})"))
        .collect();
    let page_params = vec![
        param(
            "offset",
            "Items to skip.",
            json!({"type": "integer", "minimum": 0, "default": 0}),
        ),
        param(
            "limit",
            "Page size.",
            json!({"type": "integer", "minimum": 1, "maximum": 1000, "default": 50}),
        ),
    ];
    let err = error_ref();
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Tidings API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": format!(
                "News articles in, geocoded and dated events out. Errors are JSON \
                 `{{\"error\": {{\"code\", \"message\"}}}}` with these stable codes: {}.",
                codes.join(", ")
            ),
        },
        "paths": {
            "/v1/extract": {"post": {
                "operationId": "extract",
                "summary": "Extract places, times, quotes, entities, quantities and events from one article.",
                "parameters": [
                    param("date", "Publication date when the body carries none.", json!({"type": "string", "format": "date"})),
                    param("tokens", "Also return tokens.", json!({"type": "boolean", "default": false})),
                    param("store", "Also save the document in the store.", json!({"type": "boolean", "default": false})),
                ],
                "requestBody": {"required": true, "content": {
                    "application/json": {"schema": value(request)},
                    "text/plain": {"schema": {"type": "string", "description": "An article; may start with ` date YYYY-MM-DD headline`."}},
                }},
                "responses": {
                    "200": ok("The document in the output contract (code-point offsets).", "application/json", value(document.clone())),
                    "400": err, "413": err, "415": err, "422": err, "503": err,
                },
            }},
            "/v1/documents": {"get": {
                "operationId": "listDocuments",
                "summary": "Stored documents, newest first, paged.",
                "parameters": page_params,
                "responses": {"200": ok("A page of documents.", "application/json", value(documents)), "400": err, "503": err},
            }},
            "/v1/documents/{id}": {"get": {
                "operationId": "getDocument",
                "summary": "One stored document with all its annotations.",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": ok("The document.", "application/json", value(document)), "404": err, "503": err},
            }},
            "/v1/events": {"get": {
                "operationId": "listEvents",
                "summary": "Events matching the filters, ordered by date, paged.",
                "parameters": event_params(100, 1000),
                "responses": {"200": ok("A page of events.", "application/json", value(events)), "400": err, "503": err},
            }},
            "/v1/events.geojson": {"get": {
                "operationId": "eventsGeoJson",
                "summary": "The same events as a GeoJSON FeatureCollection (events with coordinates only); paging in foreign members total, offset, limit, next_offset.",
                "parameters": event_params(1000, 10_000),
                "responses": {"200": ok("A FeatureCollection.", "application/geo+json", json!({"type": "object"})), "400": err, "503": err},
            }},
            "/v1/health": {"get": {
                "operationId": "health",
                "summary": "Liveness and store counts.",
                "responses": {"200": ok("Status.", "application/json", json!({"type": "object", "properties": {
                    "status": {"type": "string"}, "version": {"type": "string"}, "store": {"type": "boolean"},
                    "documents": {"type": "integer", "nullable": true}, "events": {"type": "integer", "nullable": true}}}))},
            }},
            "/v1/openapi.json": {"get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": {"200": ok("OpenAPI 3.0 document.", "application/json", json!({"type": "object"}))},
            }},
        },
        "components": {"schemas": Value::Object(
            schemas.into_iter().map(|(k, v)| (k, value(v))).collect()
        )},
    })
}
