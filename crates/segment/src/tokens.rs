//! Tokenization following UD English EWT conventions as far as practical: clitics split
//! (is|n't, army|'s, we|'re), punctuation separate, hyphenated compounds split (eight|-|day),
//! numbers ("3,000", "1.2", "10:30") one token, abbreviations and dotted acronyms with their
//! period ("Gen.", "U.S.") one token, URLs, e-mail addresses and @handles one token.

use tidings_core::{Span, Token, TokenShape};

use crate::chars::{is_apostrophe, is_symbol, is_word_char};
use crate::lexicon::{AbbrevClass, Lexicon};

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|r| r.chars().next_back())
}

/// Appends the tokens of paragraph `para` of `text` to `out` (sentence indices left at 0).
pub fn tokenize(text: &str, para: Span, lex: &Lexicon, out: &mut Vec<Token>) {
    let Some(p) = text.get(para.start..para.end) else {
        return;
    };
    let mut i = 0;
    while let Some(c) = char_at(p, i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut j = i;
        while let Some(c) = char_at(p, j) {
            if c.is_whitespace() {
                break;
            }
            j += c.len_utf8();
        }
        let next_digit = p[j..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
        chunk(text, para.start + i, &p[i..j], next_digit, lex, out);
        i = j;
    }
}

/// Fills `space_after` for tokens `from..` of `tokens`.
pub fn mark_space_after(text: &str, tokens: &mut [Token]) {
    for t in tokens {
        t.space_after = char_at(text, t.end).is_some_and(char::is_whitespace);
    }
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, shape: TokenShape) {
    out.push(Token {
        start,
        end,
        shape,
        ..Default::default()
    });
}

/// Tokenizes one whitespace-free chunk `s` starting at byte `base` of the text.
fn chunk(_text: &str, base: usize, s: &str, next_digit: bool, lex: &Lexicon, out: &mut Vec<Token>) {
    let has_at = s.contains('@');
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        let n = c.len_utf8();
        if is_word_char(c)
            || ((c == '@' || c == '#') && char_at(s, i + 1).is_some_and(is_word_char))
        {
            if let Some(l) = url_len(&s[i..], has_at) {
                push(out, base + i, base + i + l, TokenShape::Word);
                i += l;
                continue;
            }
            let start = i;
            let from = if is_word_char(c) { i } else { i + 1 };
            let end = scan_word(s, from, lex);
            let word = &s[start..end];
            let mut tok_end = end;
            if s[end..].starts_with('.') && !char_at(s, end + 1).is_some_and(char::is_alphanumeric)
            {
                let after = &s[end + 1..];
                let digit_follows = if after.is_empty() {
                    next_digit
                } else {
                    after.starts_with(|c: char| c.is_ascii_digit())
                };
                if takes_period(word, digit_follows, lex) {
                    tok_end = end + 1;
                }
            }
            let shape = if c.is_ascii_digit() {
                TokenShape::Number
            } else {
                TokenShape::Word
            };
            push(out, base + start, base + tok_end, shape);
            i = tok_end;
            continue;
        }
        if is_apostrophe(c) && char_at(s, i + n).is_some_and(is_word_char) {
            let wend = scan_word(s, i + n, lex);
            let w = &s[i + n..wend];
            let after_word = char_before(s, i).is_some_and(is_word_char);
            if w.starts_with(|c: char| c.is_ascii_digit()) {
                // A decade: ’90s.
                push(out, base + i, base + wend, TokenShape::Number);
                i = wend;
                continue;
            }
            if after_word && lex.is_clitic_tail(w) {
                push(out, base + i, base + wend, TokenShape::Word);
                i = wend;
                continue;
            }
            if !after_word && lex.is_elision(w) {
                // 'em, ’til; "’n’" takes its closing apostrophe too.
                let mut end = wend;
                if let Some(a) = char_at(s, end).filter(|&a| is_apostrophe(a)) {
                    if w.eq_ignore_ascii_case("n") {
                        end += a.len_utf8();
                    }
                }
                push(out, base + i, base + end, TokenShape::Word);
                i = end;
                continue;
            }
        }
        // Punctuation and symbols: runs of the same mark ("...", "--", "?!") are one token.
        let mut end = i + n;
        if matches!(c, '.' | '-' | '!' | '?' | '*' | '=' | '_' | '~') {
            while let Some(d) = char_at(s, end) {
                let same = d == c || (matches!(c, '!' | '?') && matches!(d, '!' | '?'));
                if !same {
                    break;
                }
                end += d.len_utf8();
            }
        }
        let shape = if is_symbol(c) {
            TokenShape::Symbol
        } else {
            TokenShape::Punct
        };
        push(out, base + i, base + end, shape);
        i = end;
    }
}

/// The end of the word starting at `i`: word characters joined by connectors that stay inside a
/// token (digit separators, internal periods, internal apostrophes), stopping before a clitic.
fn scan_word(s: &str, i: usize, lex: &Lexicon) -> usize {
    let start = i;
    let mut j = i;
    loop {
        while let Some(c) = char_at(s, j) {
            if !is_word_char(c) {
                break;
            }
            j += c.len_utf8();
        }
        let Some(c) = char_at(s, j) else { break };
        let after = j + c.len_utf8();
        let Some(next) = char_at(s, after).filter(|&n| is_word_char(n)) else {
            break;
        };
        let Some(prev) = char_before(s, j) else { break };
        let keep = match c {
            '.' => prev.is_alphanumeric() && next.is_alphanumeric(),
            ',' => {
                prev.is_ascii_digit()
                    && s.len() >= after + 3
                    && s.as_bytes()[after..after + 3]
                        .iter()
                        .all(u8::is_ascii_digit)
                    && !s
                        .as_bytes()
                        .get(after + 3)
                        .is_some_and(|b| b.is_ascii_digit())
            }
            ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
            '&' => prev.is_uppercase() && next.is_uppercase(),
            // e-mail, x-ray, T-shirt; other hyphenated compounds split as in EWT.
            '-' => j - start == prev.len_utf8() && prev.is_alphabetic() && next.is_alphabetic(),
            c if is_apostrophe(c) => {
                let mut wend = after;
                while let Some(d) = char_at(s, wend) {
                    if !is_word_char(d) {
                        break;
                    }
                    wend += d.len_utf8();
                }
                let tail = &s[after..wend];
                if matches!(prev, 'n' | 'N')
                    && tail.eq_ignore_ascii_case("t")
                    && j - 1 > start
                    && !s[wend..].starts_with(is_word_char)
                {
                    return j - 1;
                }
                if lex.is_clitic_tail(tail) {
                    return j;
                }
                true
            }
            _ => false,
        };
        if !keep {
            break;
        }
        j = after;
    }
    j
}

/// Whether `word` keeps a following period as part of its token.
fn takes_period(word: &str, digit_follows: bool, lex: &Lexicon) -> bool {
    match lex.abbreviation(word) {
        Some(AbbrevClass::Number) => digit_follows,
        Some(_) => true,
        None => is_initial(word) || is_dotted_acronym(word),
    }
}

/// One capital letter: an initial ("J.").
pub fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

/// Letters joined by periods, one or two a group: "U.S", "a.m", "e.g", "D.C".
pub fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|g| {
            let n = g.chars().count();
            (1..=2).contains(&n) && g.chars().all(char::is_alphabetic)
        })
}

/// The length of a URL or e-mail address at the start of `s`, without trailing punctuation.
fn url_len(s: &str, has_at: bool) -> Option<usize> {
    let b = s.as_bytes();
    let lower_starts =
        |p: &str| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let is_url = lower_starts("http://") || lower_starts("https://") || lower_starts("www.");
    let is_email = !is_url && has_at && {
        match s.find('@') {
            Some(at) if at > 0 => {
                s[..at]
                    .chars()
                    .all(|c| is_word_char(c) || matches!(c, '.' | '_' | '-' | '+'))
                    && s[at + 1..]
                        .trim_end_matches(|c: char| !is_word_char(c))
                        .contains('.')
            }
            _ => false,
        }
    };
    if !is_url && !is_email {
        return None;
    }
    let trimmed = s.trim_end_matches(|c: char| {
        matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '}'
                | '"'
                | '\''
                | '”'
                | '’'
                | '»'
                | '>'
        )
    });
    // Keep a closing parenthesis that closes one inside the URL (Wikipedia links).
    let mut len = trimmed.len();
    if s[len..].starts_with(')') && trimmed.contains('(') && !trimmed.contains(')') {
        len += 1;
    }
    (len > 0).then_some(len)
}
