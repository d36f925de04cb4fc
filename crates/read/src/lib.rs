//! Readers turn bytes into [`Document`]s. Every problem becomes an [`InputError`] naming the
//! input (and line) and the reader goes on with the rest: a batch never stops at a bad input.
//!
//! Architecture invariant: no annotation happens here; a reader only fills id, date, title,
//! source and text.

use std::path::Path;

use chrono::NaiveDate;
use tidings_core::{Document, InputError};

/// How to read inputs.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Publication date for inputs that carry none (plain text).
    pub date: Option<NaiveDate>,
    /// Accept documents without any date (relative times then stay unresolved).
    pub allow_undated: bool,
}

/// Reads one path (`-` for stdin). Yields one result per document found.
pub fn read_path(path: &str, opts: &ReadOptions) -> Vec<Result<Document, InputError>> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        match std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
            Ok(_) => buf,
            Err(e) => return vec![Err(InputError::new(path, format!("cannot read: {e}")))],
        }
    } else {
        match std::fs::read(Path::new(path)) {
            Ok(b) => b,
            Err(e) => return vec![Err(InputError::new(path, format!("cannot read: {e}")))],
        }
    };
    read_bytes(path, &bytes, opts)
}

/// Reads an input already in memory; `name` is used in ids and errors.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return read_jsonl(name, bytes, opts);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return vec![Err(InputError::new(
                name,
                format!(
                    "not valid UTF-8 (first bad byte at offset {})",
                    e.valid_up_to()
                ),
            ))]
        }
    };
    vec![read_article(name, text, opts)]
}

/// The dated-article format (` date YYYY-MM-DD headline` first line), else plain text.
pub fn read_article(name: &str, text: &str, opts: &ReadOptions) -> Result<Document, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(name, "empty input: no text to process"));
    }
    let id = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name)
        .to_string();
    let mut doc = Document::new(id, text);
    doc.source = Some(name.to_string());
    let first = text.lines().next().unwrap_or("");
    if let Some(rest) = first.trim_start().strip_prefix("date ") {
        let (d, headline) = rest.split_once(' ').unwrap_or((rest, ""));
        match NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") {
            Ok(date) => doc.date = Some(date),
            Err(_) => {
                return Err(InputError::at_line(
                    name,
                    1,
                    format!("bad date {d:?}: expected YYYY-MM-DD"),
                ))
            }
        }
        let h = headline.trim();
        if !h.is_empty() {
            doc.title = Some(h.to_string());
        }
    }
    if doc.date.is_none() {
        doc.date = opts.date;
    }
    if doc.date.is_none() && !opts.allow_undated {
        return Err(InputError::new(
            name,
            "no publication date: start the file with ' date YYYY-MM-DD headline' or pass --date YYYY-MM-DD",
        ));
    }
    Ok(doc)
}

#[derive(serde::Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    date: Option<String>,
    title: Option<String>,
    text: Option<String>,
}

/// JSON Lines: one `{id, date, title, text}` object per line.
pub fn read_jsonl(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    let mut out = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let a: JsonArticle = match serde_json::from_slice(line) {
            Ok(a) => a,
            Err(e) => {
                out.push(Err(InputError::at_line(
                    name,
                    n,
                    format!("malformed JSON: {e}"),
                )));
                continue;
            }
        };
        let Some(text) = a.text else {
            out.push(Err(InputError::at_line(name, n, "no \"text\" field")));
            continue;
        };
        let id = match a.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) if !v.is_null() => v.to_string(),
            _ => format!("{name}:{n}"),
        };
        let mut doc = Document::new(id, text);
        doc.title = a.title;
        doc.source = Some(format!("{name}:{n}"));
        doc.date = match a.date.as_deref() {
            Some(d) => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    out.push(Err(InputError::at_line(
                        name,
                        n,
                        format!("bad date {d:?}: expected YYYY-MM-DD"),
                    )));
                    continue;
                }
            },
            None => opts.date,
        };
        out.push(Ok(doc));
    }
    out
}
