//! Feature hashing: per-word lexical hashes computed once per token, and template hashing.

/// Mixes `v` into `h` (an FxHash-style step).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Folds a 64-bit hash into the 32-bit key the models store.
#[inline]
pub fn key(h: u64) -> u32 {
    let h = h ^ (h >> 29);
    let h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    ((h >> 32) ^ h) as u32
}

/// A feature key from a template id and one value.
#[inline]
pub fn f1(t: u64, a: u64) -> u32 {
    key(mix(mix(t, a), 0x9e37))
}
#[inline]
pub fn f2(t: u64, a: u64, b: u64) -> u32 {
    key(mix(mix(mix(t, a), b), 0x9e37))
}
#[inline]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u32 {
    key(mix(mix(mix(mix(t, a), b), c), 0x9e37))
}

/// Hash of a string (case kept).
pub fn hash_str(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in s.bytes() {
        h = mix(h, b as u64);
    }
    mix(h, s.len() as u64)
}

fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Normalises typographic variants so that `’s` and `'s`, `“` and `"` share features.
fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '–' | '—' => '-',
        _ => lower_char(c),
    }
}

pub const F_TITLE: u8 = 1;
pub const F_UPPER: u8 = 2;
pub const F_DIGIT: u8 = 4;
pub const F_HYPHEN: u8 = 8;
pub const F_ALPHA: u8 = 16;
pub const F_PUNCT: u8 = 32;
pub const F_LOWER: u8 = 64;

/// The lexical hashes of one word.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    /// Exact form.
    pub exact: u64,
    /// Lowercased, normalised form (digits mapped to `0`).
    pub lower: u64,
    /// Word shape (`Xxxx` -> `Xx`, `1,234` -> `d,d`).
    pub shape: u64,
    /// Suffixes of the lowercased form, 1..=4 characters.
    pub suf: [u64; 4],
    /// Prefixes, 1..=3 characters.
    pub pre: [u64; 3],
    pub flags: u8,
    pub len: u8,
}

impl Lex {
    pub fn new(s: &str) -> Lex {
        let mut lower = 0xcbf2_9ce4_8422_2325u64;
        let mut shape = 0x1234u64;
        let mut last_shape = ['\0'; 2];
        let mut flags = 0u8;
        let (mut n_upper, mut n_lower, mut n) = (0, 0, 0usize);
        let mut pre = [0u64; 3];
        for (i, c) in s.chars().enumerate() {
            let l = norm_char(c);
            let l = if l.is_ascii_digit() { '0' } else { l };
            lower = mix(lower, l as u64);
            if i < 3 {
                pre[i] = lower;
            }
            let sc = if c.is_uppercase() {
                n_upper += 1;
                'X'
            } else if c.is_lowercase() {
                n_lower += 1;
                'x'
            } else if c.is_numeric() {
                flags |= F_DIGIT;
                'd'
            } else {
                if c == '-' {
                    flags |= F_HYPHEN;
                }
                l
            };
            if !(last_shape[0] == sc && last_shape[1] == sc) {
                shape = mix(shape, sc as u64);
            }
            last_shape = [last_shape[1], sc];
            n += 1;
        }
        for p in pre.iter_mut().skip(n) {
            *p = lower;
        }
        // Suffixes: hash the last k normalised characters.
        let mut suf = [0u64; 4];
        let mut buf = ['\0'; 4];
        let mut k = 0;
        for c in s.chars().rev().take(4) {
            buf[k] = norm_char(c);
            k += 1;
        }
        for (j, sv) in suf.iter_mut().enumerate() {
            let mut h = 0x5u64 + j as u64;
            for c in buf[..(j + 1).min(k)].iter() {
                h = mix(h, *c as u64);
            }
            *sv = h;
        }
        let first_upper = s.chars().next().is_some_and(|c| c.is_uppercase());
        if first_upper {
            flags |= F_TITLE;
        }
        if n_upper > 0 && n_lower == 0 {
            flags |= F_UPPER;
        }
        if n_lower > 0 && n_upper == 0 {
            flags |= F_LOWER;
        }
        if n_upper + n_lower > 0 {
            flags |= F_ALPHA;
        }
        if s.chars()
            .all(|c| c.is_ascii_punctuation() || !c.is_alphanumeric())
        {
            flags |= F_PUNCT;
        }
        Lex {
            exact: hash_str(s),
            lower: mix(lower, n as u64),
            shape,
            suf,
            pre,
            flags,
            len: n.min(255) as u8,
        }
    }
}
