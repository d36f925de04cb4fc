//! Character classes shared by the tokenizer, the quotation pairer and the sentence splitter.

/// Punctuation and symbols: everything that is neither a word character nor whitespace.
pub fn is_punct_or_symbol(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(c as u32,
        0x00A1..=0x00BF | 0x00D7 | 0x00F7 |
        0x2000..=0x206F |   // general punctuation: dashes, quotes, ellipsis
        0x20A0..=0x20CF |   // currency
        0x2100..=0x214F |   // letterlike symbols
        0x2190..=0x23FF |   // arrows, maths, technical
        0x2500..=0x27BF |   // boxes, shapes, dingbats
        0x2E00..=0x2E7F |   // supplemental punctuation
        0x3000..=0x303F |   // CJK punctuation
        0xFE30..=0xFE4F | 0xFE50..=0xFE6F |
        0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 |
        0x1F000..=0x1FAFF   // emoji and pictographs
    )
}

/// A character that can be part of a word: letters, digits, combining marks, other scripts.
pub fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !is_punct_or_symbol(c)
}

/// Symbols (as opposed to punctuation) get their own token shape.
pub fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '%' | '&' | '+' | '<' | '=' | '>' | '@' | '#' | '^' | '~' | '|' | '\\' | '`'
    ) || matches!(c as u32, 0x00A2..=0x00A9 | 0x00AC..=0x00B1 | 0x00B5 | 0x00D7 | 0x00F7
        | 0x20A0..=0x20CF | 0x2100..=0x214F | 0x2190..=0x23FF | 0x2500..=0x27BF
        | 0x1F000..=0x1FAFF)
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

pub fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

pub fn is_quote_mark(c: char) -> bool {
    is_double_quote(c) || matches!(c, '\'' | '’' | '‘' | '‚' | '‹' | '›')
}

/// Sentence-final punctuation.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？'
    )
}

/// Characters that may stand before an opening quotation mark.
pub fn opens_before(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
        || is_quote_mark(c)
}

/// Characters that may follow a closing quotation mark.
pub fn closes_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…' | '—' | '–' | '-' | '/'
        )
        || is_quote_mark(c)
}
