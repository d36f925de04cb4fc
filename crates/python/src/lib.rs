//! Python bindings for Tidings: a thin pyo3 layer over [`tidings::Tidings`].
//!
//! Architecture invariant: no extraction logic here. The bindings parse arguments, release the
//! GIL, call the same pipeline as the CLI and hand back the same JSON document, so Python and CLI
//! output are identical for the same input.

use std::sync::OnceLock;

use chrono::NaiveDate;
use tidings::{Document, InputError, Tidings};

/// The pipeline, built once per process (lexicons, gazetteer and models loaded once).
pub fn pipeline() -> &'static Tidings {
    static PIPELINE: OnceLock<Tidings> = OnceLock::new();
    PIPELINE.get_or_init(Tidings::new)
}

/// One article as Python hands it over.
#[derive(Clone, Debug, Default)]
pub struct Article {
    pub id: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub text: String,
}

/// Builds the document the CLI would build for a JSON Lines line with these fields.
pub fn to_document(a: &Article, index: usize) -> Result<Document, InputError> {
    let name = a.id.clone().unwrap_or_else(|| format!("doc-{}", index + 1));
    if a.text.trim().is_empty() {
        return Err(InputError::new(&name, "empty input: no text to process"));
    }
    let date = match a.date.as_deref() {
        Some(d) => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                return Err(InputError::new(
                    &name,
                    format!("bad date {d:?}: expected YYYY-MM-DD"),
                ))
            }
        },
        None => None,
    };
    // Same reader as the CLI: a text in the dated-article format gives its own date and headline.
    let opts = tidings_read::ReadOptions {
        date,
        allow_undated: true,
    };
    let mut doc = tidings_read::parse_article(&name, &name, &a.text, &opts)?;
    doc.id = name;
    doc.source = None;
    if a.title.is_some() {
        doc.title = a.title.clone();
    }
    if date.is_some() {
        doc.date = date;
    }
    Ok(doc)
}

/// Extracts one article to the contract's JSON text: the same document as `tidings extract`
/// prints (tokens left out, as the CLI does without `--tokens`).
pub fn extract_json(a: &Article, index: usize) -> Result<String, InputError> {
    let doc = to_document(a, index)?;
    let mut out = pipeline().extract(doc);
    out.tokens.clear();
    serde_json::to_string(&out)
        .map_err(|e| InputError::new(a.id.clone().unwrap_or_default(), e.to_string()))
}

/// The merging key of one event mention, as a flat tuple for Arrow and pandas:
/// (event_id, type, source_actor, target_actor, country, lat, lon, day, negated, doc_hash).
pub type KeyRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    bool,
    String,
);

/// The merging keys of a document's events, from the document's JSON (as [`extract_json`]
/// writes it): the same keys the store computes when it ingests the document.
pub fn cluster_keys_json(doc_json: &str) -> Result<Vec<KeyRow>, String> {
    let doc: Document =
        serde_json::from_str(doc_json).map_err(|e| format!("document JSON: {e}"))?;
    let hash = tidings_identity::content_hash(&doc.text);
    Ok(tidings_identity::event_mentions(&doc)
        .into_iter()
        .map(|m| {
            let k = m.key(&hash);
            (
                k.event_id,
                k.kind,
                k.source_actor,
                k.target_actor,
                k.country,
                k.lat,
                k.lon,
                k.day,
                k.negated,
                k.doc_hash,
            )
        })
        .collect())
}

/// Merges mentions given as [`KeyRow`]s into events ([`tidings_identity::cluster`]): one event
/// number per row, `None` for a negated mention.
pub fn cluster_rows(rows: &[KeyRow], max_km: f64, date_window_days: i64) -> Vec<Option<usize>> {
    let keys: Vec<tidings_identity::ClusterKey> = rows
        .iter()
        .map(|r| tidings_identity::ClusterKey {
            event_id: r.0.clone(),
            kind: r.1.clone(),
            source_actor: r.2.clone(),
            target_actor: r.3.clone(),
            country: r.4.clone(),
            lat: r.5,
            lon: r.6,
            day: r.7,
            negated: r.8,
            doc_hash: r.9.clone(),
        })
        .collect();
    let rules = tidings_identity::IdentityRules {
        max_km,
        date_window_days,
        ..Default::default()
    };
    tidings_identity::cluster(&keys, &rules)
}

#[cfg(feature = "python")]
mod py {
    use super::*;
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;
    use rayon::prelude::*;

    fn err(e: InputError) -> PyErr {
        PyValueError::new_err(e.to_string())
    }

    /// extract_json(text, date=None, title=None, id=None) -> str
    ///
    /// The document as the CLI's JSON text. The GIL is released while extracting.
    #[pyfunction]
    #[pyo3(signature = (text, date=None, title=None, id=None))]
    fn extract_json(
        py: Python<'_>,
        text: String,
        date: Option<String>,
        title: Option<String>,
        id: Option<String>,
    ) -> PyResult<String> {
        let a = Article {
            id,
            date,
            title,
            text,
        };
        py.allow_threads(|| super::extract_json(&a, 0)).map_err(err)
    }

    /// extract_json_many(articles) -> list[str | Exception message]
    ///
    /// `articles` is a list of (id, date, title, text) tuples. Returns, in order, a list of
    /// (ok, payload) pairs: the JSON text, or the error message naming the input. The GIL is
    /// released and the articles are processed in parallel.
    #[pyfunction]
    #[allow(clippy::type_complexity)]
    fn extract_json_many(
        py: Python<'_>,
        articles: Vec<(Option<String>, Option<String>, Option<String>, String)>,
    ) -> Vec<(bool, String)> {
        let arts: Vec<Article> = articles
            .into_iter()
            .map(|(id, date, title, text)| Article {
                id,
                date,
                title,
                text,
            })
            .collect();
        py.allow_threads(|| {
            arts.par_iter()
                .enumerate()
                .map(|(i, a)| match super::extract_json(a, i) {
                    Ok(s) => (true, s),
                    Err(e) => (false, e.to_string()),
                })
                .collect()
        })
    }

    /// cluster_keys_json(document_json) -> list[tuple]
    ///
    /// The merging keys of a document's events: (event_id, type, source_actor, target_actor,
    /// country, lat, lon, day, negated, doc_hash), as the store computes them.
    #[pyfunction]
    fn cluster_keys_json(doc_json: &str) -> PyResult<Vec<KeyRow>> {
        super::cluster_keys_json(doc_json).map_err(PyValueError::new_err)
    }

    /// cluster(rows, max_km=100.0, date_window_days=3) -> list[int | None]
    ///
    /// Merges mentions (rows of cluster_keys_json, any order) into events: an event number per
    /// row, None for a negated mention. The numbers depend only on the set of rows.
    #[pyfunction]
    #[pyo3(signature = (rows, max_km=100.0, date_window_days=3))]
    fn cluster(
        py: Python<'_>,
        rows: Vec<KeyRow>,
        max_km: f64,
        date_window_days: i64,
    ) -> Vec<Option<usize>> {
        py.allow_threads(|| super::cluster_rows(&rows, max_km, date_window_days))
    }

    #[pymodule]
    fn _tidings(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(self::extract_json, m)?)?;
        m.add_function(wrap_pyfunction!(self::extract_json_many, m)?)?;
        m.add_function(wrap_pyfunction!(self::cluster_keys_json, m)?)?;
        m.add_function(wrap_pyfunction!(self::cluster, m)?)?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_json_as_pipeline_and_errors_name_input() {
        let a = Article {
            id: Some("a1".into()),
            date: Some("2024-03-01".into()),
            title: None,
            text: "Rebels said on Monday they had left the town.".into(),
        };
        let json = extract_json(&a, 0).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["id"], "a1");
        assert_eq!(v["date"], "2024-03-01");
        let bad = Article {
            id: Some("b".into()),
            date: Some("March".into()),
            ..a.clone()
        };
        let e = extract_json(&bad, 0).unwrap_err();
        assert!(e.to_string().starts_with("b: bad date"), "{e}");
        let empty = Article {
            text: "  ".into(),
            id: None,
            ..a
        };
        assert!(extract_json(&empty, 4)
            .unwrap_err()
            .to_string()
            .starts_with("doc-5: empty input"));
    }

    #[test]
    fn cluster_keys_from_json_merge_two_reports() {
        let reports = [
            "Rebels attacked an army base near Goma on Monday, officials said.",
            "Rebel fighters attacked a military base outside Goma on Monday, a witness said.",
        ];
        let mut rows = Vec::new();
        for (i, text) in reports.iter().enumerate() {
            let a = Article {
                id: Some(format!("r{i}")),
                date: Some("2024-03-06".into()),
                title: None,
                text: text.to_string(),
            };
            let keys = cluster_keys_json(&extract_json(&a, i).unwrap()).unwrap();
            assert!(!keys.is_empty(), "{text}");
            assert_eq!(keys[0].9, tidings_identity::content_hash(text));
            rows.extend(keys);
        }
        let c = cluster_rows(&rows, 100.0, 3);
        let assault: Vec<_> = rows
            .iter()
            .zip(&c)
            .filter(|(r, _)| r.1 == "ASSAULT")
            .map(|(_, c)| *c)
            .collect();
        assert_eq!(assault.len(), 2, "{rows:?}");
        assert_eq!(assault[0], assault[1]);
        assert!(cluster_keys_json("{not json").is_err());
    }
}
