//! Paragraphs and sentences from segmentation, with fallbacks of our own where it has not run,
//! and a light word tokenizer (kept apart from the quote stage's: stages share only `core`).

use tidings_core::{Document, Span};

/// Paragraph spans: the document's, else non-empty lines.
pub fn paragraphs(doc: &Document) -> Vec<Span> {
    if !doc.paragraphs.is_empty() {
        return doc.paragraphs.clone();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in doc.text.bytes().enumerate() {
        if b == b'\n' {
            push_trimmed(&doc.text, start, i, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(&doc.text, start, doc.text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(s + lead, e - trail));
    }
}

/// Sentence spans: the document's, else a simple splitter inside each paragraph.
pub fn sentences(doc: &Document, paras: &[Span], abbrev: &dyn Fn(&str) -> bool) -> Vec<Span> {
    if !doc.sentences.is_empty() {
        return doc.sentences.iter().map(|s| s.span()).collect();
    }
    let mut out = Vec::new();
    for p in paras {
        split_sentences(&doc.text, *p, abbrev, &mut out);
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn split_sentences(text: &str, p: Span, abbrev: &dyn Fn(&str) -> bool, out: &mut Vec<Span>) {
    let s = &text[p.start..p.end];
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Swallow further terminators and closing marks.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if matches!(d, '.' | '!' | '?') || is_closer(d) {
                end = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        // Must be followed by space then an upper-case letter, digit or opening mark.
        let rest = &s[end..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() && !rest.is_empty() {
            continue;
        }
        let next = trimmed.chars().next();
        let ok = match next {
            None => true,
            Some(n) => n.is_uppercase() || n.is_ascii_digit() || "\"“‘'(".contains(n),
        };
        if !ok {
            continue;
        }
        if c == '.' {
            let word_start = s[..i]
                .char_indices()
                .rev()
                .find(|&(_, ch)| ch.is_whitespace() || ch == '(' || ch == '"' || ch == '“')
                .map(|(k, ch)| k + ch.len_utf8())
                .unwrap_or(0);
            let word = &s[word_start..i];
            if abbrev(word) {
                continue;
            }
        }
        if next.is_none() {
            break;
        }
        out.push(Span::new(p.start + start, p.start + end));
        start = end + (rest.len() - trimmed.len());
    }
    if start < s.len() {
        let tail = s[start..].trim_end();
        if !tail.is_empty() {
            out.push(Span::new(p.start + start, p.start + start + tail.len()));
        }
    }
}

/// A word or punctuation token with its byte span.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

/// Tokenizes `text[span]`: words keep inner apostrophes, periods (U.S.), hyphens and digits
/// with separators; a trailing possessive `'s` is split off; everything else is one character.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    let s = &text[span.start..span.end];
    let b = s.as_bytes();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                let joins = matches!(d, '\'' | '’' | '.' | '-' | ',' | '&');
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if joins {
                    // Join only when a letter/digit follows (U.S., don't, 3,000, Al-Qaeda);
                    // a period joins a single-letter chunk (U.S.) even at the end.
                    let k = j + d.len_utf8();
                    let follow = s[k..].chars().next();
                    let is_abbrev_dot = d == '.' && {
                        let chunk = &s[i..end];
                        chunk.chars().last().is_some_and(|l| l.is_uppercase())
                            && chunk
                                .rsplit('.')
                                .next()
                                .is_some_and(|x| x.chars().count() == 1)
                    };
                    let joined = match follow {
                        Some(f) if f.is_alphanumeric() => {
                            d != ',' || (f.is_ascii_digit() && b[i].is_ascii_digit())
                        }
                        _ => false,
                    };
                    if joined || is_abbrev_dot {
                        end = k;
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // Split off a possessive 's.
            let w = &s[i..end];
            let cut = if w.ends_with("'s") || w.ends_with("'S") {
                Some(end - 2)
            } else if w.ends_with("’s") {
                Some(end - 4)
            } else {
                None
            };
            match cut {
                Some(c) if c > i => {
                    out.push(Tok {
                        start: span.start + i,
                        end: span.start + c,
                        word: true,
                    });
                    out.push(Tok {
                        start: span.start + c,
                        end: span.start + end,
                        word: true,
                    });
                }
                _ => out.push(Tok {
                    start: span.start + i,
                    end: span.start + end,
                    word: true,
                }),
            }
        } else {
            out.push(Tok {
                start: span.start + i,
                end: span.start + i + c.len_utf8(),
                word: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut v);
        v.iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn tokenizer_keeps_abbreviations_and_splits_possessives() {
        assert_eq!(
            toks("The U.S. envoy’s 3,000 staff don't stay, Mr. Lee said."),
            vec![
                "The", "U.S.", "envoy", "’s", "3,000", "staff", "don't", "stay", ",", "Mr", ".",
                "Lee", "said", "."
            ]
        );
    }
}
