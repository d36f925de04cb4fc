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

/// Parquet, one row per cluster (see the module docs), written with the `parquet` crate's own
/// column writers: the arrow crates would triple the build time of the whole workspace for one
/// export.
#[cfg(feature = "parquet")]
pub fn write_parquet<W: Write + Send>(clusters: &[EventCluster], w: W) -> Result<(), StoreError> {
    use std::sync::Arc;

    use parquet::column::writer::ColumnWriter;
    use parquet::data_type::ByteArray;
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    /// The values of one column.
    enum Col {
        Str(Vec<Option<String>>),
        I64(Vec<Option<i64>>),
        F64(Vec<Option<f64>>),
        F32(Vec<Option<f32>>),
    }
    let err = |e: &dyn std::fmt::Display| StoreError::Export(e.to_string());
    let s =
        |f: &dyn Fn(&EventCluster) -> Option<String>| Col::Str(clusters.iter().map(f).collect());
    let u = |f: &dyn Fn(&EventCluster) -> Option<u64>| {
        // Stored as INT64 with the UINT_64 annotation: readers see unsigned values.
        Col::I64(clusters.iter().map(|c| f(c).map(|v| v as i64)).collect())
    };
    // (name, Parquet type declaration, values); the order is the file's column order.
    let cols: Vec<(&str, &str, Col)> = vec![
        (
            "id",
            "required int64",
            Col::I64(clusters.iter().map(|c| Some(c.id)).collect()),
        ),
        ("type", "required binary", s(&|c| Some(c.kind.clone()))),
        ("mode", "required binary", s(&|c| Some(c.mode.clone()))),
        ("cameo", "required binary", s(&|c| Some(c.cameo.clone()))),
        (
            "source_actor",
            "optional binary",
            s(&|c| c.source_actor.clone()),
        ),
        (
            "source_name",
            "optional binary",
            s(&|c| c.source_name.clone()),
        ),
        (
            "target_actor",
            "optional binary",
            s(&|c| c.target_actor.clone()),
        ),
        (
            "target_name",
            "optional binary",
            s(&|c| c.target_name.clone()),
        ),
        ("place", "optional binary", s(&|c| c.place.clone())),
        ("country", "optional binary", s(&|c| c.country.clone())),
        ("precision", "optional binary", s(&|c| c.precision.clone())),
        ("geonameid", "optional int64", u(&|c| c.geonameid)),
        (
            "lat",
            "optional double",
            Col::F64(clusters.iter().map(|c| c.lat).collect()),
        ),
        (
            "lon",
            "optional double",
            Col::F64(clusters.iter().map(|c| c.lon).collect()),
        ),
        ("date", "optional binary", s(&|c| c.date.clone())),
        (
            "modality",
            "required binary",
            s(&|c| Some(crate::modality_str(c.modality).to_string())),
        ),
        (
            "confidence",
            "required float",
            Col::F32(clusters.iter().map(|c| Some(c.confidence)).collect()),
        ),
        (
            "num_mentions",
            "required int64",
            u(&|c| Some(c.num_mentions)),
        ),
        (
            "num_articles",
            "required int64",
            u(&|c| Some(c.num_articles)),
        ),
        ("num_sources", "required int64", u(&|c| Some(c.num_sources))),
        (
            "first_seen",
            "optional binary",
            s(&|c| c.first_seen.clone()),
        ),
        ("last_seen", "optional binary", s(&|c| c.last_seen.clone())),
        (
            "num_evidence",
            "required int64",
            u(&|c| Some(c.evidence.len() as u64)),
        ),
        (
            "sources",
            "required binary",
            s(&|c| Some(sources(c).join(","))),
        ),
    ];
    let unsigned = [
        "geonameid",
        "num_mentions",
        "num_articles",
        "num_sources",
        "num_evidence",
    ];
    let fields: Vec<String> = cols
        .iter()
        .map(|(name, decl, _)| {
            let note = if decl.ends_with("binary") {
                " (STRING)"
            } else if unsigned.contains(name) {
                " (INTEGER(64,false))"
            } else {
                ""
            };
            format!("{decl} {name}{note};")
        })
        .collect();
    let schema = parse_message_type(&format!(
        "message event_clusters {{ {} }}",
        fields.join(" ")
    ))
    .map_err(|e| err(&e))?;
    let props = Arc::new(WriterProperties::builder().build());
    let mut writer = SerializedFileWriter::new(w, Arc::new(schema), props).map_err(|e| err(&e))?;
    let mut group = writer.next_row_group().map_err(|e| err(&e))?;
    for (_, decl, col) in &cols {
        let Some(mut cw) = group.next_column().map_err(|e| err(&e))? else {
            return Err(StoreError::Export(
                "fewer Parquet columns than declared".into(),
            ));
        };
        // Definition levels: 1 where a value is present (only optional columns carry them).
        fn levels<T>(v: &[Option<T>]) -> Vec<i16> {
            v.iter().map(|x| i16::from(x.is_some())).collect()
        }
        let optional = decl.starts_with("optional");
        let written = match (cw.untyped(), col) {
            (ColumnWriter::ByteArrayColumnWriter(w), Col::Str(v)) => {
                let vals: Vec<ByteArray> = v
                    .iter()
                    .flatten()
                    .map(|x| ByteArray::from(x.as_str()))
                    .collect();
                w.write_batch(&vals, optional.then(|| levels(v)).as_deref(), None)
            }
            (ColumnWriter::Int64ColumnWriter(w), Col::I64(v)) => {
                let vals: Vec<i64> = v.iter().flatten().copied().collect();
                w.write_batch(&vals, optional.then(|| levels(v)).as_deref(), None)
            }
            (ColumnWriter::DoubleColumnWriter(w), Col::F64(v)) => {
                let vals: Vec<f64> = v.iter().flatten().copied().collect();
                w.write_batch(&vals, optional.then(|| levels(v)).as_deref(), None)
            }
            (ColumnWriter::FloatColumnWriter(w), Col::F32(v)) => {
                let vals: Vec<f32> = v.iter().flatten().copied().collect();
                w.write_batch(&vals, optional.then(|| levels(v)).as_deref(), None)
            }
            _ => return Err(StoreError::Export("Parquet column type mismatch".into())),
        };
        written.map_err(|e| err(&e))?;
        cw.close().map_err(|e| err(&e))?;
    }
    group.close().map_err(|e| err(&e))?;
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
