//! A small UD-style tokenizer and sentence splitter, used by the evaluation command and tests
//! when no segmenter has filled `Document::tokens` (the `segment` stage owns tokenization).

use tidings_core::{Document, Sentence, Token, TokenShape};

const CLITICS: [&str; 8] = ["n't", "'s", "'re", "'ll", "'ve", "'m", "'d", "s'"];
const ABBREV: [&str; 16] = [
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "rep", "sen",
    "gov", "inc",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '\''
        || c == '’'
        || c == '-'
        || c == '.'
        || c == ','
        || c == '&'
        || c == '@'
        || c == '/'
        || c == '_'
}

/// Splits `text` into tokens (byte spans) and sentences and stores them in `doc`, replacing
/// any existing tokens and sentences.
pub fn tokenize(doc: &mut Document) {
    let text = doc.text.clone();
    let mut toks: Vec<(usize, usize)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) || c == '\'' || c == '’' || c == '-' || c == '.' || c == ',' {
            // Punctuation: one token per character (runs of the same char such as "..." kept).
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d == c && (c == '.' || c == '-') {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            toks.push((i, end));
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        split_word(&text, i, end, &mut toks);
    }
    let mut tokens = Vec::with_capacity(toks.len());
    let mut sentences = Vec::new();
    let mut first = 0;
    for (k, &(a, b)) in toks.iter().enumerate() {
        let s = &text[a..b];
        let shape = if s.chars().all(|c| c.is_numeric() || c == '.' || c == ',')
            && s.chars().any(|c| c.is_numeric())
        {
            TokenShape::Number
        } else if s.chars().any(|c| c.is_alphanumeric()) {
            TokenShape::Word
        } else {
            TokenShape::Punct
        };
        tokens.push(Token {
            start: a,
            end: b,
            shape,
            sentence: sentences.len(),
            space_after: text[b..].starts_with(char::is_whitespace),
            ..Default::default()
        });
        let next = toks.get(k + 1);
        let gap = next.map_or("", |n| &text[b..n.0]);
        let starts_upper = next.is_some_and(|n| {
            text[n.0..]
                .starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“' || c.is_numeric())
        });
        let end_here = next.is_none()
            || gap.contains("\n\n")
            || (matches!(s, "." | "!" | "?" | "...") && !gap.is_empty() && starts_upper);
        if end_here {
            sentences.push(Sentence {
                start: toks[first].0,
                end: b,
                paragraph: 0,
                first_token: first,
                end_token: k + 1,
            });
            first = k + 1;
        }
    }
    doc.tokens = tokens;
    doc.sentences = sentences;
}

fn is_abbrev(w: &str) -> bool {
    let l = w.to_lowercase();
    ABBREV.contains(&l.as_str()) || (w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()))
}

/// Splits a word-character run: trailing periods/commas, clitics, hyphen-free.
fn split_word(text: &str, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let w = &text[a..b];
    // Trailing punctuation that is not part of an abbreviation.
    let mut end = b;
    let mut trail = Vec::new();
    loop {
        let s = &text[a..end];
        if s.ends_with(',')
            || s.ends_with('-')
            || s.ends_with('\'')
            || s.ends_with('’') && !s.to_lowercase().ends_with("s’")
        {
            let l = s.chars().last().map_or(1, |c| c.len_utf8());
            trail.push((end - l, end));
            end -= l;
        } else if let Some(inner) = s.strip_suffix('.') {
            // Keep the period on abbreviations like "U.S." or "Mr."; otherwise split it off.
            if inner.contains('.') || is_abbrev(inner) || inner.is_empty() {
                break;
            }
            trail.push((end - 1, end));
            end -= 1;
        } else {
            break;
        }
        if end <= a {
            break;
        }
    }
    let _ = w;
    if end > a {
        let s = text[a..end].replace('’', "'").to_lowercase();
        let mut split_at = None;
        for c in CLITICS {
            if s.len() > c.len() && s.ends_with(c) && c != "s'" {
                // byte length is the same after replacing ’ (3 bytes) by ' (1 byte)? Not always:
                // locate the clitic in the original text by character count instead.
                let n_chars = c.chars().count();
                let orig = &text[a..end];
                let at = orig.char_indices().rev().nth(n_chars - 1).map(|x| x.0);
                if let Some(at) = at {
                    split_at = Some(a + at);
                }
                break;
            }
        }
        match split_at {
            Some(at) if at > a => {
                out.push((a, at));
                out.push((at, end));
            }
            _ => out.push((a, end)),
        }
    }
    trail.reverse();
    out.extend(trail);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_clitics_punctuation_and_sentences() {
        let mut d = Document::new(
            "t",
            "The U.S. didn't agree, officials said. Mr. Smith left.",
        );
        tokenize(&mut d);
        let words: Vec<&str> = d.tokens.iter().map(|t| &d.text[t.start..t.end]).collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S.",
                "did",
                "n't",
                "agree",
                ",",
                "officials",
                "said",
                ".",
                "Mr.",
                "Smith",
                "left",
                "."
            ]
        );
        assert_eq!(d.sentences.len(), 2);
        assert_eq!(d.sentences[1].first_token, 9);
    }
}
