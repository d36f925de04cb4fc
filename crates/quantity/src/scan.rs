//! A small tokenizer of its own, so the quantity and time stages work on `doc.text` alone (no
//! segmenter needed); the time stage uses it through `tidings_quantity::scan`.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Alpha,
    Digit,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok<'a> {
    /// Lower-cased text (typographic apostrophes folded to `'`).
    pub s: &'a str,
    /// Original text.
    pub raw: &'a str,
    pub start: usize,
    pub end: usize,
    /// Whitespace precedes the token.
    pub sp: bool,
    /// A line break precedes the token.
    pub nl: bool,
    pub kind: Kind,
}

impl Tok<'_> {
    pub fn upper(&self) -> bool {
        self.raw.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Splits `text` into letter runs, digit runs and single other characters. `low` must be
/// `text.to_ascii_lowercase()` (same byte offsets).
pub fn tokenize<'a>(text: &'a str, low: &'a str) -> Vec<Tok<'a>> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    let mut sp = true;
    let mut nl = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            sp = true;
            nl |= c == b'\n';
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            kind = Kind::Digit;
        } else if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            kind = Kind::Alpha;
        } else {
            // One character (which may be multi-byte).
            let ch = text[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                sp = true;
                i += ch.len_utf8();
                continue;
            }
            i += ch.len_utf8();
            if ch.is_alphabetic() {
                while i < b.len() {
                    match text[i..].chars().next() {
                        Some(c2) if c2.is_alphabetic() => i += c2.len_utf8(),
                        _ => break,
                    }
                }
                kind = Kind::Alpha;
            } else {
                kind = Kind::Punct;
            }
        }
        let s = match &text[start..i] {
            "\u{2019}" | "\u{2018}" | "`" => "'",
            "\u{2013}" | "\u{2014}" => "-",
            _ => &low[start..i],
        };
        toks.push(Tok {
            s,
            raw: &text[start..i],
            start,
            end: i,
            sp,
            nl,
            kind,
        });
        sp = false;
        nl = false;
    }
    toks
}
