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

    #[pymodule]
    fn _tidings(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(self::extract_json, m)?)?;
        m.add_function(wrap_pyfunction!(self::extract_json_many, m)?)?;
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
}
