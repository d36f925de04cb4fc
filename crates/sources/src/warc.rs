//! WARC files (web archives): one document per archived HTML page or plain-text resource.
//!
//! Records are parsed here rather than with a WARC crate: the crates at hand stop at the first
//! damaged record and pull in URL/UUID stacks we do not need. A record is a `WARC/1.x` version
//! line, `Name: value` headers, a blank line, `Content-Length` bytes of block and two CRLFs. A
//! damaged record is reported with its number and the reader resynchronises on the next
//! `WARC/1.x` line, so one broken record costs only itself.

use tidings_core::{Document, InputError};
use tidings_read::ReadOptions;

use crate::html::{article_text, document, leading_date, tidy_paragraphs};

/// One parsed record: headers and block, borrowed from the input.
struct Record<'a> {
    headers: Vec<(&'a str, &'a str)>,
    block: &'a [u8],
}

impl Record<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses the record at the start of `input`; returns it and the rest of the input.
fn record(input: &[u8]) -> Result<(Record<'_>, &[u8]), &'static str> {
    if !input.starts_with(b"WARC/") {
        return Err("malformed record: no WARC/1.x version line");
    }
    let head_end = find(input, b"\r\n\r\n").ok_or("record cut short inside its headers")?;
    let head = std::str::from_utf8(&input[..head_end])
        .map_err(|_| "malformed record: headers are not UTF-8")?;
    let mut headers = Vec::new();
    for line in head.split("\r\n").skip(1) {
        let (k, v) = line
            .split_once(':')
            .ok_or("malformed record: header line without a colon")?;
        headers.push((k.trim(), v));
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .ok_or("malformed record: no Content-Length")?
        .1
        .trim()
        .parse()
        .map_err(|_| "malformed record: Content-Length is not a number")?;
    let start = head_end + 4;
    let end = start
        .checked_add(len)
        .ok_or("malformed record: Content-Length too large")?;
    if end > input.len() {
        return Err("record cut short (truncated file or wrong Content-Length)");
    }
    let rest = &input[end..];
    let rest = rest
        .strip_prefix(b"\r\n\r\n")
        .ok_or("malformed record: block does not end where Content-Length says")?;
    Ok((
        Record {
            headers,
            block: &input[start..end],
        },
        rest,
    ))
}

/// The start of the next record after a damaged one.
fn resync(input: &[u8]) -> Option<usize> {
    find(&input[1.min(input.len())..], b"\nWARC/1.").map(|i| i + 2)
}

/// Every archived page (`response` with an HTML or text payload, `resource`/`conversion` with
/// text) of a WARC file; other records (requests, metadata, warcinfo) are skipped.
pub fn read_warc(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    let mut out = Vec::new();
    let mut rest = bytes;
    let mut n = 0usize;
    while !rest.iter().all(u8::is_ascii_whitespace) {
        n += 1;
        let item = format!("{name}#record{n}");
        let rec = match record(rest) {
            Ok((r, after)) => {
                rest = after;
                r
            }
            Err(why) => {
                out.push(Err(InputError::new(item, why)));
                match resync(rest) {
                    Some(i) => {
                        rest = &rest[i..];
                        continue;
                    }
                    None => break,
                }
            }
        };
        let kind = rec.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let ctype = rec
            .header("Content-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let body = rec.block;
        let (payload, payload_type) = match kind.as_str() {
            "response" if ctype.starts_with("application/http") => {
                let Some(split) = find(body, b"\r\n\r\n") else {
                    out.push(Err(InputError::new(
                        item,
                        "HTTP response without a header end",
                    )));
                    continue;
                };
                let head = String::from_utf8_lossy(&body[..split]).to_ascii_lowercase();
                let t = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-type:"))
                    .unwrap_or("")
                    .trim()
                    .to_string();
                (&body[split + 4..], t)
            }
            "response" | "resource" | "conversion" => (body, ctype.clone()),
            _ => continue,
        };
        let is_html = payload_type.contains("html");
        if !is_html && !payload_type.starts_with("text/plain") {
            continue;
        }
        let text = String::from_utf8_lossy(payload);
        let (title, text, published) = if is_html {
            match article_text(&text) {
                Some(a) => a,
                None => {
                    out.push(Err(InputError::new(
                        item,
                        "no article text found in the archived page",
                    )));
                    continue;
                }
            }
        } else {
            (None, tidy_paragraphs(&text), None)
        };
        let crawled = rec.header("WARC-Date").and_then(leading_date);
        let uri = rec.header("WARC-Target-URI").map(str::to_string);
        let id = uri
            .clone()
            .or_else(|| rec.header("WARC-Record-ID").map(str::to_string))
            .unwrap_or_else(|| crate::item_id(name, n));
        let date = published.or(opts.date).or(crawled);
        out.push(document(&item, id, title, text, date, opts).map(|mut d| {
            if uri.is_some() {
                d.source = uri;
            }
            d
        }));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A WARC record with a correct Content-Length.
    pub(crate) fn record(kind: &str, uri: &str, ctype: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-04-02T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    pub(crate) fn http_page(body: &str) -> String {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}")
    }

    #[test]
    fn pages_are_read_and_a_broken_record_is_skipped() {
        let page = |t: &str| {
            http_page(&format!(
                "<html><head><title>{t}</title></head><body><p>{t} The town council voted on Tuesday to rebuild the flooded library next spring, \
                 using money from the regional recovery fund and a local appeal.</p></body></html>"
            ))
        };
        let mut warc = record(
            "warcinfo",
            "info",
            "application/warc-fields",
            "software: test\r\n",
        );
        warc += &record(
            "response",
            "http://a.example/1",
            "application/http; msgtype=response",
            &page("First."),
        );
        // Broken: declares far more content than there is before the next record.
        warc += "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>cut</p>\r\n\r\n";
        warc += &record(
            "response",
            "http://a.example/3",
            "application/http; msgtype=response",
            &page("Third."),
        );
        warc += &record(
            "resource",
            "http://a.example/4.txt",
            "text/plain",
            "Plain words about the harbour.",
        );
        let docs = read_warc("crawl.warc", warc.as_bytes(), &ReadOptions::default());
        let ok: Vec<_> = docs.iter().filter_map(|d| d.as_ref().ok()).collect();
        let errs: Vec<_> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].input, "crawl.warc#record3");
        let ids: Vec<_> = ok.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "http://a.example/1",
                "http://a.example/3",
                "http://a.example/4.txt"
            ]
        );
        assert!(ok[0].text.contains("flooded library"));
        assert_eq!(ok[0].date.unwrap().to_string(), "2024-04-02");
        assert_eq!(ok[2].text, "Plain words about the harbour.");
    }
}
