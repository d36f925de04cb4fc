//! Corpus inputs beyond the core readers: directories of `.txt`/`.html` files (HTML boilerplate
//! removed with a readability port), RSS/Atom feeds, WARC files and JSON Lines (plain or gzip).
//!
//! Every problem becomes an [`InputError`] naming the input (and the line or record) and what is
//! wrong; the documents that can be read are still returned, so one bad file, feed item or WARC
//! record never stops a batch.
//!
//! Architecture invariant: no annotation happens here; a source only fills id, date, title,
//! source and text (through `tidings-read` for the formats it knows).

mod feed;
mod html;
mod warc;

use std::io::Read;
use std::path::{Path, PathBuf};

use tidings_core::{Document, InputError};
pub use tidings_read::ReadOptions;

pub use feed::read_feed;
pub use html::{html_to_text, read_html};
pub use warc::read_warc;

/// What a path holds, decided by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Dated article or plain text (`tidings-read`).
    Text,
    Html,
    JsonLines,
    Feed,
    Warc,
}

/// The format of a file name; `gz` is true when it is gzip-compressed.
pub fn format_of(name: &str) -> (Format, bool) {
    let lower = name.to_ascii_lowercase();
    let (base, gz) = match lower.strip_suffix(".gz") {
        Some(b) => (b.to_string(), true),
        None => (lower, false),
    };
    let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let f = match ext {
        "jsonl" | "ndjson" => Format::JsonLines,
        "html" | "htm" | "xhtml" => Format::Html,
        "rss" | "atom" | "xml" | "feed" => Format::Feed,
        "warc" | "arc" => Format::Warc,
        _ => Format::Text,
    };
    (f, gz)
}

/// The files under `paths`: files as given, directories walked recursively (sorted, hidden
/// entries skipped). Unreadable directories are reported.
pub fn expand_paths(paths: &[impl AsRef<Path>]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        walk(p.as_ref(), &mut files, &mut errors);
    }
    (files, errors)
}

fn walk(p: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    if !p.is_dir() {
        files.push(p.to_path_buf());
        return;
    }
    let entries = match std::fs::read_dir(p) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError::new(
                p.display().to_string(),
                format!("cannot list directory: {e}"),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    children.sort();
    for c in children {
        walk(&c, files, errors);
    }
}

/// Reads every document of one file (`-` for stdin as plain text or dated article).
pub fn read_file(path: &Path, opts: &ReadOptions) -> Vec<Result<Document, InputError>> {
    let name = path.display().to_string();
    if name == "-" {
        return tidings_read::read_path("-", opts);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return vec![Err(InputError::new(name, format!("cannot read: {e}")))],
    };
    read_named(&name, &bytes, opts)
}

/// Reads an input already in memory; `name` decides the format and names errors.
pub fn read_named(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    let (format, gz) = format_of(name);
    let mut out = Vec::new();
    let owned;
    let bytes = if gz {
        let (data, err) = gunzip(bytes);
        if let Some(e) = err {
            out.push(Err(InputError::new(name, e)));
        }
        owned = data;
        &owned[..]
    } else {
        bytes
    };
    let docs = match format {
        // Already decompressed: tidings-read sees plain JSON Lines (its format follows the name).
        Format::JsonLines => tidings_read::read_bytes(name, bytes, opts),
        Format::Html => vec![read_html(name, bytes, opts)],
        Format::Feed => read_feed(name, bytes, opts),
        Format::Warc => read_warc(name, bytes, opts),
        Format::Text => tidings_read::read_bytes(name, bytes, opts),
    };
    // Errors of the decompression go first; then what could be read.
    out.extend(docs);
    out
}

/// Decompresses gzip (multi-member too). On a truncated or corrupt stream returns what was
/// decoded up to the damage, cut back to the last complete line, plus the problem.
pub fn gunzip(bytes: &[u8]) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(bytes);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match dec.read(&mut buf) {
            Ok(0) => return (out, None),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) => {
                let kept = out.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                out.truncate(kept);
                return (
                    out,
                    Some(format!(
                        "truncated or corrupt gzip ({e}); kept the {kept} bytes decoded before the damage"
                    )),
                );
            }
        }
    }
}

/// An id for the `n`-th item (1-based) of an input with no id of its own.
pub(crate) fn item_id(name: &str, n: usize) -> String {
    let stem = Path::new(name)
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    format!("{stem}#{n}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn opts() -> ReadOptions {
        ReadOptions {
            allow_undated: true,
            ..Default::default()
        }
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(format_of("a/b.jsonl.gz"), (Format::JsonLines, true));
        assert_eq!(format_of("x.HTML"), (Format::Html, false));
        assert_eq!(format_of("crawl.warc.gz"), (Format::Warc, true));
        assert_eq!(format_of("news.rss"), (Format::Feed, false));
        assert_eq!(format_of("story.txt"), (Format::Text, false));
    }

    #[test]
    fn gzip_jsonl_reads_and_truncated_gzip_keeps_whole_lines() {
        let mut lines = String::new();
        for i in 0..200 {
            lines.push_str(&format!(
                "{{\"id\":\"n{i}\",\"date\":\"2024-03-0{}\",\"text\":\"Story number {i} about the harbour strike and the ferries that did not sail.\"}}\n",
                1 + i % 9
            ));
        }
        let full = gz(lines.as_bytes());
        let docs = read_named("batch.jsonl.gz", &full, &opts());
        assert_eq!(docs.len(), 200);
        assert!(docs.iter().all(|d| d.is_ok()));

        let cut = &full[..full.len() * 2 / 3];
        let docs = read_named("cut.jsonl.gz", cut, &opts());
        let errs: Vec<_> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].input, "cut.jsonl.gz");
        assert!(errs[0].problem.contains("truncated"), "{}", errs[0].problem);
        let ok = docs.iter().filter(|d| d.is_ok()).count();
        assert!(ok > 10 && ok < 200, "{ok}");
    }

    #[test]
    fn directories_are_walked_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "The council met on Monday.").unwrap();
        std::fs::write(
            dir.path().join("sub/a.html"),
            "<html><body><p>Hi</p></body></html>",
        )
        .unwrap();
        std::fs::write(dir.path().join(".hidden"), "x").unwrap();
        let (files, errs) = expand_paths(&[dir.path()]);
        assert!(errs.is_empty());
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["b.txt", "sub/a.html"]);
    }
}
