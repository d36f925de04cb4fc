//! Readers turn bytes into [`Document`]s. Every problem becomes an [`InputError`] naming the
//! input (and line) and the reader goes on with the rest: a batch never stops at a bad input, and
//! no input is dropped without either a document or an error.
//!
//! Formats:
//! - **Dated article** (`.txt` or anything that is not JSON Lines): a first line
//!   ` date YYYY-MM-DD headline`, then the article. The document's `text` is the headline line and
//!   the rest of the file verbatim, *without* the ` date YYYY-MM-DD ` marker; `title` is the
//!   headline.
//! - **Plain text**: any other text file; the publication date comes from `--date`
//!   ([`ReadOptions::date`]). Without one it is an error (unless [`ReadOptions::allow_undated`]).
//! - **JSON Lines** (`.jsonl`, `.ndjson`, also gzip-compressed): one `{id, date, title, text}`
//!   object a line, streamed line by line. A `null` or missing date is accepted (falling back to
//!   `--date` when given): relative times in such a document stay unresolved.
//! - **Directories**: walked recursively in sorted order; files ending in `.txt`, `.jsonl`,
//!   `.ndjson` (each optionally `.gz`) are read, others are skipped.
//! - **Standard input** (`-`): JSON Lines when its first non-blank byte is `{`, else an article.
//!
//! Gzip is recognised by its magic bytes, whatever the file is called.
//!
//! Architecture invariant: no annotation happens here; a reader only fills id, date, title,
//! source and text. It depends on `tidings-core` only.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tidings_core::{Document, InputError};

/// Largest document accepted by default (bytes of one article, or one JSON Lines line).
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// Extensions read when walking a directory (each may also end in `.gz`).
pub const DIRECTORY_EXTENSIONS: [&str; 3] = ["txt", "jsonl", "ndjson"];

/// How to read inputs.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Publication date for inputs that carry none (plain text, JSON Lines with a null date).
    pub date: Option<NaiveDate>,
    /// Accept plain-text articles without any date (relative times then stay unresolved).
    /// JSON Lines documents with a null date are always accepted.
    pub allow_undated: bool,
    /// Largest document (or JSON Lines line) in bytes; larger ones are an error, never read whole.
    pub max_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            date: None,
            allow_undated: false,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// One document or the reason one input (or line) gave none.
pub type ReadResult = Result<Document, InputError>;

/// Reads one path (`-` for stdin, a file or a directory), handing each document or error to
/// `sink` in input order. JSON Lines are streamed: only one line is held at a time.
pub fn read_path_with(path: &str, opts: &ReadOptions, sink: &mut dyn FnMut(ReadResult)) {
    if path == "-" {
        let stdin = io::stdin();
        read_stream(path, "stdin", stdin.lock(), Format::Sniff, opts, sink);
        return;
    }
    let p = Path::new(path);
    match std::fs::metadata(p) {
        Err(e) => sink(Err(InputError::new(path, format!("cannot read: {e}")))),
        Ok(m) if m.is_dir() => read_dir(p, opts, sink),
        Ok(_) => read_file(p, path, &stem(path), opts, sink),
    }
}

/// Reads one path and collects its results.
pub fn read_path(path: &str, opts: &ReadOptions) -> Vec<ReadResult> {
    let mut out = Vec::new();
    read_path_with(path, opts, &mut |r| out.push(r));
    out
}

/// Reads an input already in memory; `name` decides the format (as a path would) and is used in
/// ids and errors.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<ReadResult> {
    let mut out = Vec::new();
    read_stream(name, &stem(name), bytes, Format::of(name), opts, &mut |r| {
        out.push(r)
    });
    out
}

/// The input format, decided from the name (after any `.gz`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Jsonl,
    Article,
    /// Unknown: JSON Lines if the first non-blank byte is `{`, else an article.
    Sniff,
}

impl Format {
    fn of(name: &str) -> Format {
        let base = name.strip_suffix(".gz").unwrap_or(name);
        if name == "-" {
            Format::Sniff
        } else if base.ends_with(".jsonl") || base.ends_with(".ndjson") {
            Format::Jsonl
        } else if base.ends_with(".txt") || base == name {
            Format::Article
        } else {
            Format::Sniff
        }
    }
}

/// The file name without directories and without `.gz` and one more extension.
fn stem(name: &str) -> String {
    if name == "-" {
        return "stdin".to_string();
    }
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = base.strip_suffix(".gz").unwrap_or(base);
    match base.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s.to_string(),
        _ => base.to_string(),
    }
}

fn read_file(p: &Path, name: &str, id: &str, opts: &ReadOptions, sink: &mut dyn FnMut(ReadResult)) {
    let f = match File::open(p) {
        Ok(f) => f,
        Err(e) => return sink(Err(InputError::new(name, format!("cannot read: {e}")))),
    };
    read_stream(name, id, f, Format::of(name), opts, sink);
}

/// Walks a directory recursively, in sorted order, reading the files it finds.
fn read_dir(root: &Path, opts: &ReadOptions, sink: &mut dyn FnMut(ReadResult)) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    collect_files(root, 0, &mut files, &mut errors);
    files.sort();
    let root_name = root.display().to_string();
    for e in errors {
        sink(Err(e));
    }
    if files.is_empty() {
        return sink(Err(InputError::new(
            root_name,
            "no input files in directory (looked for .txt, .jsonl, .ndjson, optionally .gz)",
        )));
    }
    for f in files {
        let name = f.display().to_string();
        // Ids of files inside a directory are their path relative to it, without extension,
        // so that `a/x.txt` and `b/x.txt` stay distinct.
        let rel = f.strip_prefix(root).unwrap_or(&f).to_string_lossy();
        let rel = rel.strip_suffix(".gz").unwrap_or(&rel);
        let id = match rel.rsplit_once('.') {
            Some((s, _)) if !s.is_empty() => s.replace('\\', "/"),
            _ => rel.to_string(),
        };
        read_file(&f, &name, &id, opts, sink);
    }
}

fn collect_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    // Deep enough for any corpus; stops symlink cycles.
    if depth > 32 {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError::new(
                dir.display().to_string(),
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let is_dir = std::fs::metadata(&path)
            .map(|m| m.is_dir())
            .unwrap_or(false);
        if is_dir {
            collect_files(&path, depth + 1, out, errors);
        } else {
            let base = name.strip_suffix(".gz").unwrap_or(&name);
            let wanted = base
                .rsplit_once('.')
                .is_some_and(|(_, ext)| DIRECTORY_EXTENSIONS.contains(&ext));
            if wanted {
                out.push(path);
            }
        }
    }
}

/// Reads one byte stream: un-gzips it when it starts with the gzip magic bytes, then reads it in
/// the given format.
fn read_stream<R: Read>(
    name: &str,
    id: &str,
    reader: R,
    format: Format,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(ReadResult),
) {
    let mut r = BufReader::with_capacity(64 * 1024, reader);
    let head = match r.fill_buf() {
        Ok(b) => b,
        Err(e) => return sink(Err(InputError::new(name, format!("cannot read: {e}")))),
    };
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::bufread::MultiGzDecoder::new(r);
        let src = Source { name, id, gz: true };
        read_decoded(
            &src,
            BufReader::with_capacity(64 * 1024, gz),
            format,
            opts,
            sink,
        );
    } else {
        let src = Source {
            name,
            id,
            gz: false,
        };
        read_decoded(&src, r, format, opts, sink);
    }
}

/// An input being read.
struct Source<'a> {
    name: &'a str,
    id: &'a str,
    gz: bool,
}

impl Source<'_> {
    fn io_error(&self, line: Option<usize>, e: &io::Error) -> InputError {
        let problem = if self.gz {
            format!("truncated or corrupt gzip data: {e}")
        } else {
            format!("cannot read: {e}")
        };
        match line {
            Some(l) => InputError::at_line(self.name, l, problem),
            None => InputError::new(self.name, problem),
        }
    }
}

fn read_decoded<R: BufRead>(
    src: &Source,
    mut r: R,
    format: Format,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(ReadResult),
) {
    let format = match format {
        Format::Sniff => match r.fill_buf() {
            Ok(b) => match b.iter().find(|c| !c.is_ascii_whitespace()) {
                Some(b'{') => Format::Jsonl,
                _ => Format::Article,
            },
            Err(e) => return sink(Err(src.io_error(None, &e))),
        },
        f => f,
    };
    match format {
        Format::Jsonl => read_jsonl_stream(src, r, opts, sink),
        _ => sink(read_article_stream(src, r, opts)),
    }
}

fn too_large(max: usize) -> String {
    format!("too large: more than {max} bytes in one document (the limit is set with --max-bytes)")
}

fn read_article_stream<R: BufRead>(src: &Source, r: R, opts: &ReadOptions) -> ReadResult {
    let mut buf = Vec::new();
    let limit = opts.max_bytes as u64 + 1;
    if let Err(e) = r.take(limit).read_to_end(&mut buf) {
        return Err(src.io_error(None, &e));
    }
    if buf.len() > opts.max_bytes {
        return Err(InputError::new(src.name, too_large(opts.max_bytes)));
    }
    let text = check_text(&buf).map_err(|p| InputError::new(src.name, p))?;
    parse_article(src.name, src.id, text, opts)
}

/// Checks that bytes are text worth reading: not empty, not binary, valid UTF-8.
fn check_text(bytes: &[u8]) -> Result<&str, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty input: no text to process".to_string());
    }
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary file, not text (NUL byte at byte offset {i})"
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(format!(
                "not valid UTF-8: bad byte at line {line}, byte offset {at} (convert the file to UTF-8)"
            ));
        }
    };
    // Control characters other than tab, newlines and form feed mark binary data that happens
    // to be valid UTF-8. Look at a prefix: enough to tell, and bounded.
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if controls * 20 > sample.len() {
        return Err(format!(
            "binary file, not text ({} control characters in the first {} bytes)",
            controls,
            sample.len()
        ));
    }
    Ok(text)
}

/// The ` date YYYY-MM-DD headline` first line, if there is one: the date, and the byte offset
/// where the text starts (the headline, or the next non-blank line when there is no headline).
fn dated_header(text: &str) -> Option<(&str, usize)> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = &text[..first_end];
    let lead = first.len() - first.trim_start().len();
    let rest = first[lead..].strip_prefix("date")?;
    let ws = rest.len() - rest.trim_start().len();
    if ws == 0 {
        return None;
    }
    let rest = &rest[ws..];
    let date = rest.get(..10)?;
    let shape = date.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    let after = &rest[10..];
    if !shape || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let headline = after.trim_start_matches([' ', '\t']);
    let start = first_end - headline.len();
    if headline.trim().is_empty() {
        // No headline: the text starts at the next non-blank character.
        let body = &text[first_end.min(text.len())..];
        let skip = body.len() - body.trim_start().len();
        return Some((date, first_end + skip));
    }
    Some((date, start))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    // Accept a timestamp too ("2021-08-12T10:00:00Z"): its date part is the publication date.
    let d = match s.get(..10) {
        Some(d) if s.len() == 10 || s[10..].starts_with(['T', ' ']) => d,
        _ => return None,
    };
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// Parses an article already checked to be text: the dated-article format, else plain text.
pub fn parse_article(
    name: &str,
    id: &str,
    text: &str,
    opts: &ReadOptions,
) -> Result<Document, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut date = None;
    let mut title = None;
    let mut body = text;
    if let Some((d, start)) = dated_header(text) {
        match parse_date(d) {
            Some(d) => date = Some(d),
            None => {
                return Err(InputError::at_line(
                    name,
                    1,
                    format!("bad date {d:?} in the date line: expected a real date YYYY-MM-DD"),
                ))
            }
        }
        body = &text[start..];
        let first = body.lines().next().unwrap_or("").trim();
        if !first.is_empty() && start < text.find('\n').unwrap_or(text.len()) {
            title = Some(first.to_string());
        }
    }
    if body.trim().is_empty() {
        return Err(InputError::new(
            name,
            "empty input: no text after the date line",
        ));
    }
    let date = date.or(opts.date);
    if date.is_none() && !opts.allow_undated {
        return Err(InputError::new(
            name,
            "no publication date: start the file with ' date YYYY-MM-DD headline' or pass --date YYYY-MM-DD",
        ));
    }
    let mut doc = Document::new(id, body);
    doc.source = Some(name.to_string());
    doc.date = date;
    doc.title = title;
    Ok(doc)
}

#[derive(serde::Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    date: Option<String>,
    title: Option<String>,
    text: Option<String>,
}

/// What one bounded line read found.
enum Line {
    Eof,
    Line,
    /// The line was longer than the limit; it was skipped, not stored.
    TooLong,
}

/// Reads one `\n`-terminated line into `line`, storing at most `max` bytes.
fn read_line_limited<R: BufRead>(r: &mut R, line: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    let mut any = false;
    let mut too_long = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => Line::Eof,
                (true, true) => Line::TooLong,
                (true, false) => Line::Line,
            });
        }
        any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(buf.len());
        r.consume(used);
        if done.is_some() {
            return Ok(if too_long { Line::TooLong } else { Line::Line });
        }
    }
}

/// serde_json's message without its "at line 1 column N" suffix (the line is ours to give).
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rsplit_once(" at line ") {
        Some((m, _)) => format!("{m} (column {})", e.column()),
        None => s,
    }
}

/// JSON Lines, streamed: one `{id, date, title, text}` object per line.
fn read_jsonl_stream<R: BufRead>(
    src: &Source,
    mut r: R,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(ReadResult),
) {
    let name = src.name;
    let mut line = Vec::new();
    let mut n = 0usize;
    let mut any = false;
    loop {
        line.clear();
        n += 1;
        match read_line_limited(&mut r, &mut line, opts.max_bytes) {
            Ok(Line::Eof) => break,
            Ok(Line::TooLong) => {
                any = true;
                sink(Err(InputError::at_line(name, n, too_large(opts.max_bytes))));
                continue;
            }
            Ok(Line::Line) => {}
            Err(e) => {
                sink(Err(src.io_error(Some(n), &e)));
                return;
            }
        }
        let mut bytes = line.as_slice();
        if n == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        any = true;
        if let Some(i) = bytes.iter().position(|&b| b == 0) {
            // A binary file: one error for the whole input, not one per "line".
            if n == 1 {
                sink(Err(InputError::new(
                    name,
                    format!("binary file, not JSON Lines (NUL byte at byte offset {i})"),
                )));
                return;
            }
            sink(Err(InputError::at_line(
                name,
                n,
                "binary data (NUL byte), not a JSON object",
            )));
            continue;
        }
        let s = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                sink(Err(InputError::at_line(
                    name,
                    n,
                    format!(
                        "not valid UTF-8: bad byte at byte offset {} of the line",
                        e.valid_up_to()
                    ),
                )));
                continue;
            }
        };
        sink(parse_json_article(src, n, s, opts));
    }
    if !any {
        sink(Err(InputError::new(
            name,
            "empty input: no JSON Lines documents",
        )));
    }
}

fn parse_json_article(src: &Source, n: usize, line: &str, opts: &ReadOptions) -> ReadResult {
    let name = src.name;
    let a: JsonArticle = match serde_json::from_str(line) {
        Ok(a) => a,
        Err(e) if e.is_data() => {
            return Err(InputError::at_line(
                name,
                n,
                format!(
                    "not an article object {{id, date, title, text}}: {}",
                    json_message(&e)
                ),
            ))
        }
        Err(e) => {
            return Err(InputError::at_line(
                name,
                n,
                format!("malformed JSON: {}", json_message(&e)),
            ))
        }
    };
    let text = match a.text {
        None => return Err(InputError::at_line(name, n, "no \"text\" field")),
        Some(t) if t.trim().is_empty() => {
            return Err(InputError::at_line(
                name,
                n,
                "empty \"text\": nothing to process",
            ))
        }
        Some(t) if t.contains('\0') => {
            return Err(InputError::at_line(
                name,
                n,
                "\"text\" contains NUL characters (binary data?)",
            ))
        }
        Some(t) => t,
    };
    let id = match a.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(v) if !v.is_null() && !v.is_string() => v.to_string(),
        _ => format!("{}:{n}", src.id),
    };
    let date = match a.date.as_deref() {
        Some(d) if !d.trim().is_empty() => match parse_date(d.trim()) {
            Some(d) => Some(d),
            None => {
                return Err(InputError::at_line(
                    name,
                    n,
                    format!("bad date {d:?}: expected YYYY-MM-DD or null"),
                ))
            }
        },
        // A null date is accepted: relative times stay unresolved (or use --date).
        _ => opts.date,
    };
    let mut doc = Document::new(id, text);
    doc.title = a.title;
    doc.source = Some(format!("{name}:{n}"));
    doc.date = date;
    Ok(doc)
}

#[cfg(test)]
mod tests;
