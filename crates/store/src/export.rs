//! Exports of event clusters: JSON Lines, CSV (GDELT 2.0 event columns), GeoJSON, Parquet.
//!
//! # CSV columns
//! The CSV has a header row. Its first columns carry GDELT 2.0 event-table names where a Tidings
//! field maps onto them; GDELT columns with no Tidings counterpart (religion, ethnic and known
//! group codes, Goldstein scale, tone, the per-actor geographies, `IsRootEvent`) are left out
//! rather than filled with guesses. Then come Tidings-only columns, prefixed `Tidings`.
//!
//! | column | meaning |
//! | --- | --- |
//! | `GlobalEventID` | cluster id (stable within one database) |
//! | `Day` | event date `YYYYMMDD` (earliest among the mentions) |
//! | `MonthYear` | `YYYYMM` |
//! | `Year` | `YYYY` |
//! | `FractionDate` | year + (day of year / 365), as GDELT |
//! | `Actor1Code` / `Actor2Code` | CAMEO actor code of the source / target (`AFGGOV`) |
//! | `Actor1Name` / `Actor2Name` | the actor's text in the first mention |
//! | `Actor1CountryCode` / `Actor2CountryCode` | first 3 letters of the actor code when they are a country code (CAMEO uses ISO alpha-3) |
//! | `Actor1Type1Code` / `Actor2Type1Code` | the role part after the country (`GOV`, `MIL`, ...) |
//! | `EventCode` | CAMEO code (3 or 4 digits) |
//! | `EventBaseCode` | first 3 digits |
//! | `EventRootCode` | first 2 digits |
//! | `QuadClass` | 1 verbal cooperation (roots 01-05), 2 material cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20) |
//! | `NumMentions` | event mentions in all articles |
//! | `NumSources` | independent reports (syndicated copies count once; GDELT counts outlets) |
//! | `NumArticles` | distinct articles |
//! | `ActionGeo_Type` | 1 country, 4 city or landmark, 5 first-level division (GDELT's codes 2/3 are US-specific and not used) |
//! | `ActionGeo_FullName` | gazetteer name of the place |
//! | `ActionGeo_CountryCode` | **ISO 3166 alpha-2** (GDELT uses FIPS 10-4 here) |
//! | `ActionGeo_Lat` / `ActionGeo_Long` | coordinates |
//! | `ActionGeo_FeatureID` | **GeoNames id** (GDELT uses GNS feature ids) |
//! | `DATEADDED` | publication date of the first article, `YYYYMMDD` |
//! | `SOURCEURL` | source (path or URL) of the first mention's article |
//! | `TidingsPloverType` / `TidingsPloverMode` | PLOVER type and mode |
//! | `TidingsModality` | asserted, claimed, planned, hypothetical |
//! | `TidingsConfidence` | highest mention confidence |
//! | `TidingsFirstSeen` / `TidingsLastSeen` | publication dates of the first / last article, `YYYY-MM-DD` |
//!
//! # GeoJSON
//! A `FeatureCollection` with one `Point` feature per cluster that has coordinates (clusters
//! without coordinates are left out); properties are the cluster's fields without evidence, plus
//! `sources` (the distinct article sources).
//!
//! # Parquet
//! One row per cluster, uncompressed (no codec is compiled in, to keep builds light), columns as
//! the JSON field names; `evidence` becomes `num_evidence` and `sources` (comma-separated).

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

use crate::{EventCluster, StoreError};

/// One JSON object per line, evidence included.
pub fn write_jsonl<W: Write>(clusters: &[EventCluster], mut w: W) -> Result<(), StoreError> {
    for c in clusters {
        serde_json::to_writer(&mut w, c)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

/// The CSV header (see the module docs).
pub const CSV_COLUMNS: &[&str] = &[
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
    "TidingsPloverType",
    "TidingsPloverMode",
    "TidingsModality",
    "TidingsConfidence",
    "TidingsFirstSeen",
    "TidingsLastSeen",
];

fn date(s: &Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.as_deref()?.get(..10)?, "%Y-%m-%d").ok()
}

fn actor_parts(code: &Option<String>) -> (String, String) {
    match code.as_deref() {
        Some(c)
            if c.len() >= 3
                && c.is_char_boundary(3)
                && c[..3].chars().all(|x| x.is_ascii_uppercase()) =>
        {
            let (country, role) = c.split_at(3);
            // IGO, NGO and the like are roles, not countries.
            if matches!(country, "IGO" | "NGO" | "MNC" | "REB" | "INS" | "UIS") {
                (String::new(), c.to_string())
            } else {
                (country.to_string(), role.to_string())
            }
        }
        Some(c) => (String::new(), c.to_string()),
        None => (String::new(), String::new()),
    }
}

/// GDELT QuadClass of a CAMEO code.
pub fn quad_class(cameo: &str) -> Option<u8> {
    let root: u8 = cameo.get(..2)?.parse().ok()?;
    Some(match root {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        15..=20 => 4,
        _ => return None,
    })
}

fn geo_type(precision: Option<&str>) -> &'static str {
    match precision {
        Some("country") => "1",
        Some("admin") => "5",
        Some("city") | Some("landmark") => "4",
        _ => "",
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// CSV with the columns of [`CSV_COLUMNS`].
pub fn write_csv<W: Write>(clusters: &[EventCluster], w: W) -> Result<(), StoreError> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_COLUMNS)?;
    for c in clusters {
        let d = date(&c.date);
        let (a1c, a1t) = actor_parts(&c.source_actor);
        let (a2c, a2t) = actor_parts(&c.target_actor);
        let first = date(&c.first_seen);
        let url = c
            .evidence
            .iter()
            .find_map(|e| e.source.clone())
            .unwrap_or_default();
        let row: Vec<String> = vec![
            c.id.to_string(),
            opt(d.map(|d| d.format("%Y%m%d"))),
            opt(d.map(|d| d.format("%Y%m"))),
            opt(d.map(|d| d.year())),
            opt(d.map(|d| format!("{:.4}", d.year() as f64 + d.ordinal() as f64 / 365.0))),
            c.source_actor.clone().unwrap_or_default(),
            c.source_name.clone().unwrap_or_default(),
            a1c,
            a1t,
            c.target_actor.clone().unwrap_or_default(),
            c.target_name.clone().unwrap_or_default(),
            a2c,
            a2t,
            c.cameo.clone(),
            c.cameo.get(..3).unwrap_or(&c.cameo).to_string(),
            c.cameo.get(..2).unwrap_or(&c.cameo).to_string(),
            opt(quad_class(&c.cameo)),
            c.num_mentions.to_string(),
            c.num_sources.to_string(),
            c.num_articles.to_string(),
            geo_type(c.precision.as_deref()).to_string(),
            c.place.clone().unwrap_or_default(),
            c.country.clone().unwrap_or_default(),
            opt(c.lat),
            opt(c.lon),
            opt(c.geonameid),
            opt(first.map(|d| d.format("%Y%m%d"))),
            url,
            c.kind.clone(),
            c.mode.clone(),
            crate::modality_str(c.modality).to_string(),
            format!("{:.3}", c.confidence),
            c.first_seen.clone().unwrap_or_default(),
            c.last_seen.clone().unwrap_or_default(),
        ];
        out.write_record(&row)?;
    }
    out.flush()?;
    Ok(())
}

fn sources(c: &EventCluster) -> Vec<String> {
    let mut s: Vec<String> = c.evidence.iter().filter_map(|e| e.source.clone()).collect();
    s.sort();
    s.dedup();
    s
}

/// A GeoJSON FeatureCollection of the clusters with coordinates.
pub fn geojson_value(clusters: &[EventCluster]) -> Value {
    let features: Vec<Value> = clusters
        .iter()
        .filter_map(|c| {
            let (lat, lon) = (c.lat?, c.lon?);
            let mut props = serde_json::to_value(EventCluster {
                evidence: Vec::new(),
                ..c.clone()
            })
            .ok()?;
            if let Some(o) = props.as_object_mut() {
                o.remove("lat");
                o.remove("lon");
                o.insert("sources".into(), json!(sources(c)));
            }
            Some(json!({
                "type": "Feature",
                "id": c.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Writes [`geojson_value`].
pub fn write_geojson<W: Write>(clusters: &[EventCluster], mut w: W) -> Result<(), StoreError> {
    serde_json::to_writer(&mut w, &geojson_value(clusters))?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// Parquet, one row per cluster (see the module docs).
#[cfg(feature = "parquet")]
pub fn write_parquet<W: Write + Send>(clusters: &[EventCluster], w: W) -> Result<(), StoreError> {
    use std::sync::Arc;

    use arrow_array::{
        ArrayRef, Float32Array, Float64Array, Int64Array, RecordBatch, StringArray, UInt64Array,
    };
    use arrow_schema::{DataType, Field, Schema};

    fn arr<A: arrow_array::Array + 'static>(a: A) -> ArrayRef {
        Arc::new(a)
    }
    let err = |e: &dyn std::fmt::Display| StoreError::Export(e.to_string());
    let s = |f: &dyn Fn(&EventCluster) -> Option<String>| -> ArrayRef {
        Arc::new(StringArray::from(
            clusters.iter().map(f).collect::<Vec<_>>(),
        ))
    };
    let u = |f: &dyn Fn(&EventCluster) -> u64| -> ArrayRef {
        Arc::new(UInt64Array::from(
            clusters.iter().map(f).collect::<Vec<_>>(),
        ))
    };
    let cols: Vec<(&str, DataType, bool, ArrayRef)> = vec![
        (
            "id",
            DataType::Int64,
            false,
            arr(Int64Array::from(
                clusters.iter().map(|c| c.id).collect::<Vec<_>>(),
            )),
        ),
        ("type", DataType::Utf8, false, s(&|c| Some(c.kind.clone()))),
        ("mode", DataType::Utf8, false, s(&|c| Some(c.mode.clone()))),
        (
            "cameo",
            DataType::Utf8,
            false,
            s(&|c| Some(c.cameo.clone())),
        ),
        (
            "source_actor",
            DataType::Utf8,
            true,
            s(&|c| c.source_actor.clone()),
        ),
        (
            "source_name",
            DataType::Utf8,
            true,
            s(&|c| c.source_name.clone()),
        ),
        (
            "target_actor",
            DataType::Utf8,
            true,
            s(&|c| c.target_actor.clone()),
        ),
        (
            "target_name",
            DataType::Utf8,
            true,
            s(&|c| c.target_name.clone()),
        ),
        ("place", DataType::Utf8, true, s(&|c| c.place.clone())),
        ("country", DataType::Utf8, true, s(&|c| c.country.clone())),
        (
            "precision",
            DataType::Utf8,
            true,
            s(&|c| c.precision.clone()),
        ),
        (
            "geonameid",
            DataType::UInt64,
            true,
            arr(UInt64Array::from(
                clusters.iter().map(|c| c.geonameid).collect::<Vec<_>>(),
            )),
        ),
        (
            "lat",
            DataType::Float64,
            true,
            arr(Float64Array::from(
                clusters.iter().map(|c| c.lat).collect::<Vec<_>>(),
            )),
        ),
        (
            "lon",
            DataType::Float64,
            true,
            arr(Float64Array::from(
                clusters.iter().map(|c| c.lon).collect::<Vec<_>>(),
            )),
        ),
        ("date", DataType::Utf8, true, s(&|c| c.date.clone())),
        (
            "modality",
            DataType::Utf8,
            false,
            s(&|c| Some(crate::modality_str(c.modality).to_string())),
        ),
        (
            "confidence",
            DataType::Float32,
            false,
            arr(Float32Array::from(
                clusters.iter().map(|c| c.confidence).collect::<Vec<_>>(),
            )),
        ),
        (
            "num_mentions",
            DataType::UInt64,
            false,
            u(&|c| c.num_mentions),
        ),
        (
            "num_articles",
            DataType::UInt64,
            false,
            u(&|c| c.num_articles),
        ),
        (
            "num_sources",
            DataType::UInt64,
            false,
            u(&|c| c.num_sources),
        ),
        (
            "first_seen",
            DataType::Utf8,
            true,
            s(&|c| c.first_seen.clone()),
        ),
        (
            "last_seen",
            DataType::Utf8,
            true,
            s(&|c| c.last_seen.clone()),
        ),
        (
            "num_evidence",
            DataType::UInt64,
            false,
            u(&|c| c.evidence.len() as u64),
        ),
        (
            "sources",
            DataType::Utf8,
            false,
            s(&|c| Some(sources(c).join(","))),
        ),
    ];
    let schema = Arc::new(Schema::new(
        cols.iter()
            .map(|(n, t, null, _)| Field::new(*n, t.clone(), *null))
            .collect::<Vec<_>>(),
    ));
    let batch = RecordBatch::try_new(schema.clone(), cols.into_iter().map(|c| c.3).collect())
        .map_err(|e| err(&e))?;
    let mut writer = parquet::arrow::ArrowWriter::try_new(w, schema, None).map_err(|e| err(&e))?;
    writer.write(&batch).map_err(|e| err(&e))?;
    writer.close().map_err(|e| err(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quad_classes_and_actor_parts() {
        assert_eq!(quad_class("190"), Some(4));
        assert_eq!(quad_class("0231"), Some(1));
        assert_eq!(quad_class("112"), Some(3));
        assert_eq!(quad_class("073"), Some(2));
        assert_eq!(quad_class("x"), None);
        assert_eq!(
            actor_parts(&Some("AFGGOV".into())),
            ("AFG".into(), "GOV".into())
        );
        assert_eq!(
            actor_parts(&Some("IGOUNO".into())),
            ("".into(), "IGOUNO".into())
        );
        assert_eq!(actor_parts(&None), ("".into(), "".into()));
    }
}
