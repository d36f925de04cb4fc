//! HTML pages: boilerplate (navigation, ads, footers) removed by `dom_smoothie`, a port of
//! Mozilla's Readability; a small tag stripper for HTML fragments (feed items).

use chrono::NaiveDate;
use dom_smoothie::{Config, Readability, TextMode};
use tidings_core::{Document, InputError};
use tidings_read::ReadOptions;

/// A date at the start of a timestamp (`2024-03-05T10:00:00Z` -> 2024-03-05).
pub(crate) fn leading_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim().get(..10)?, "%Y-%m-%d").ok()
}

/// Collapses runs of blank lines and trims lines, so paragraphs are separated by one blank line.
pub(crate) fn tidy_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

/// The main article of an HTML page as a document (`source` = `name`).
pub fn read_html(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Document, InputError> {
    let html = String::from_utf8_lossy(bytes);
    let (title, text, published) = article_text(&html)
        .ok_or_else(|| InputError::new(name, "no article text found in the HTML page"))?;
    let id = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name)
        .to_string();
    document(name, id, title, text, published.or(opts.date), opts)
}

/// Builds a document, applying the date policy of [`ReadOptions`].
pub(crate) fn document(
    name: &str,
    id: String,
    title: Option<String>,
    text: String,
    date: Option<NaiveDate>,
    opts: &ReadOptions,
) -> Result<Document, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(name, "empty article: no text to process"));
    }
    if date.is_none() && !opts.allow_undated {
        return Err(InputError::new(
            name,
            "no publication date in the input: pass --date YYYY-MM-DD",
        ));
    }
    let mut doc = Document::new(id, text);
    doc.title = title.filter(|t| !t.trim().is_empty());
    doc.date = date;
    doc.source = Some(name.to_string());
    Ok(doc)
}

/// Title, main text (paragraphs separated by a blank line) and publication date of a page.
/// Falls back to the whole page's text when Readability finds no article.
pub(crate) fn article_text(html: &str) -> Option<(Option<String>, String, Option<NaiveDate>)> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    if let Ok(mut r) = Readability::new(html, None, Some(cfg)) {
        if let Ok(a) = r.parse() {
            let text = tidy_paragraphs(&a.text_content);
            if !text.is_empty() {
                let date = a.published_time.as_deref().and_then(leading_date);
                return Some((Some(a.title.trim().to_string()), text, date));
            }
        }
    }
    let text = html_to_text(html);
    (!text.is_empty()).then_some((None, text, None))
}

/// Plain text of an HTML fragment: tags dropped (script and style with their content), block
/// elements become paragraph breaks, common entities decoded. Never fails.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            // A lone '<' is text.
            push_text(&mut out, rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[gt + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&close) {
                Some(i) => rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]),
                None => "",
            };
            continue;
        }
        match name.as_str() {
            "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr"
            | "blockquote" | "article" | "section" | "ul" | "ol" | "table" => out.push_str("\n\n"),
            _ => {}
        }
    }
    push_text(&mut out, rest);
    tidy_paragraphs(&out)
}

fn push_text(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c.is_whitespace() || c == '&')
            .map(|i| i + 1);
        let decoded = match end {
            Some(e) if rest.as_bytes().get(e) == Some(&b';') => {
                entity(&rest[1..e]).map(|c| (c, e + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        _ => {
            let n = name.strip_prefix('#')?;
            let v = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(v)?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_scripts_and_entities() {
        let t = html_to_text(
            "<p>Rain &amp; wind hit the coast.</p><script>var x = '<p>';</script><p>Ferries &#8220;stopped&#x201D; at 5 &lt; 6 &bogus; AT&T</p>",
        );
        assert_eq!(
            t,
            "Rain & wind hit the coast.\n\nFerries “stopped” at 5 < 6 &bogus; AT&T"
        );
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn readability_drops_navigation_and_footer() {
        let para = "The harbour authority closed the northern pier on Thursday after a storm \
            damaged its supports, and engineers said repairs would take at least three weeks \
            while ferries use the southern quay instead.";
        let html = format!(
            r#"<html><head><title>Pier closed after storm</title>
            <meta property="article:published_time" content="2024-02-15T08:00:00Z"></head>
            <body><nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
            <article><h1>Pier closed after storm</h1><p>{para}</p><p>{para}</p><p>{para}</p></article>
            <footer>Copyright Example Media. All rights reserved. Subscribe to our newsletter.</footer>
            </body></html>"#
        );
        let opts = ReadOptions::default();
        let d = read_html("pages/pier.html", html.as_bytes(), &opts).unwrap();
        assert_eq!(d.id, "pier");
        assert!(d.text.contains("harbour authority"), "{}", d.text);
        assert!(!d.text.contains("Subscribe"), "{}", d.text);
        assert!(!d.text.contains("Sport"), "{}", d.text);
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2024, 2, 15));
        assert_eq!(d.title.as_deref(), Some("Pier closed after storm"));
    }
}
