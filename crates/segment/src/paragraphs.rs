//! Paragraphs: runs of lines separated by blank lines. A text with no blank line at all but
//! several lines (common in JSON Lines corpora) takes each line as a paragraph.

use tidings_core::Span;

/// Paragraph spans of `text`, each trimmed of surrounding whitespace, in order.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut blank_seen = false;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.is_empty() {
            blank_seen = true;
            lines.push(None);
        } else {
            let lead = line.len() - line.trim_start().len();
            lines.push(Some(Span::new(pos + lead, pos + lead + t.len())));
        }
        pos += line.len();
    }
    let mut out: Vec<Span> = Vec::new();
    let mut cur: Option<Span> = None;
    for l in lines {
        match (l, cur) {
            (None, Some(c)) => {
                out.push(c);
                cur = None;
            }
            (None, None) => {}
            (Some(s), None) => cur = Some(s),
            (Some(s), Some(c)) if blank_seen => cur = Some(c.cover(&s)),
            (Some(s), Some(c)) => {
                out.push(c);
                cur = Some(s);
            }
        }
    }
    if let Some(c) = cur {
        out.push(c);
    }
    out
}
