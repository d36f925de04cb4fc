//! Quantities: numbers, ranges and qualifiers with what they count; casualty counts.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.
//!
//! Numbers in digits and words are parsed by a small grammar over the stage's own tokens; units
//! (currencies, dimensions, percentages, temperatures, ages), qualifiers and casualty cues come
//! from the tables in `data/`. Numbers inside the `times` layer (years, dates, clock times,
//! durations) are left to the time stage.

pub mod scan;

use std::collections::HashMap as StdMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the keys are short words, where SipHash's setup dominates.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<Fnv>>;

use scan::{tokenize, Kind, Tok};
use tidings_core::{Document, Quantity, Stage, Time};

/// The `quantity` stage.
#[derive(Debug, Default)]
pub struct Quantities;

impl Quantities {
    pub fn new() -> Self {
        let _ = &*TABLES;
        Quantities
    }
}

impl Stage for Quantities {
    fn name(&self) -> &'static str {
        "quantity"
    }
    fn process(&self, doc: &mut Document) {
        doc.quantities = extract(doc);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumClass {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Dozen,
    Frac,
    /// "first", "second": only inside a compound denominator ("twenty-first").
    Ord,
    /// A vulgar fraction character: "½", "¾".
    VFrac,
}

struct UnitEntry {
    tokens: Vec<&'static str>,
    /// Per token: written without a space before it ("c$", "m2"), so the text must be too.
    glued: Vec<bool>,
    kind: &'static str,
    name: &'static str,
    /// ISO 4217 code for currencies, with an optional `/divisor` for subunits.
    code: &'static str,
}

struct Tables {
    numbers: HashMap<&'static str, (NumClass, f64)>,
    units: HashMap<&'static str, Vec<UnitEntry>>,
    quals: HashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>,
    casualty: HashMap<&'static str, &'static str>,
    stop: HashMap<&'static str, bool>,
    /// Token sequences after which a number is a label ("Highway 35"), by first token.
    labels: HashMap<&'static str, Vec<Vec<&'static str>>>,
    /// Token sequences joining two numbers into a ratio ("one in five"), by first token.
    ratios: HashMap<&'static str, Vec<Vec<&'static str>>>,
    yearprep: HashMap<&'static str, ()>,
    yeardet: HashMap<&'static str, ()>,
    months: HashMap<&'static str, ()>,
    compounds: Vec<Compound>,
}

/// A compound measure: "6 ft 3 in" is 5 + 2/12 feet.
struct Compound {
    large: &'static str,
    small: &'static str,
    per: f64,
    /// Surface forms of the smaller unit accepted only here ("in" after feet).
    extra: Vec<&'static str>,
}

fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut numbers = HashMap::default();
    for r in rows(include_str!("../data/numbers.tsv")) {
        if r.len() < 3 {
            continue;
        }
        let c = match r[1] {
            "unit" => NumClass::Unit,
            "teen" => NumClass::Teen,
            "tens" => NumClass::Tens,
            "hundred" => NumClass::Hundred,
            "scale" => NumClass::Scale,
            "dozen" => NumClass::Dozen,
            "frac" => NumClass::Frac,
            "ord" => NumClass::Ord,
            "vfrac" => NumClass::VFrac,
            _ => continue,
        };
        if let Ok(v) = r[2].parse() {
            numbers.insert(r[0], (c, v));
        }
    }
    let mut units: HashMap<&'static str, Vec<UnitEntry>> = HashMap::default();
    for r in rows(include_str!("../data/units.tsv")) {
        if r.len() < 3 {
            continue;
        }
        // the stage's own tokens: "m2" is "m" + "2", "km/h" is "km" + "/" + "h"
        let toks = tokenize(r[0], r[0]);
        let tokens: Vec<&'static str> = toks.iter().map(|t| t.s).collect();
        let glued: Vec<bool> = toks.iter().map(|t| !t.sp).collect();
        if tokens.is_empty() {
            continue;
        }
        units.entry(tokens[0]).or_default().push(UnitEntry {
            tokens,
            glued,
            kind: r[1],
            name: r[2],
            code: r.get(3).copied().unwrap_or(""),
        });
    }
    for v in units.values_mut() {
        v.sort_by_key(|u| std::cmp::Reverse(u.tokens.len()));
    }
    let mut quals: HashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>> =
        HashMap::default();
    let mut casualty = HashMap::default();
    let mut stop = HashMap::default();
    let mut labels: HashMap<&'static str, Vec<Vec<&'static str>>> = HashMap::default();
    let mut ratios: HashMap<&'static str, Vec<Vec<&'static str>>> = HashMap::default();
    let mut yearprep = HashMap::default();
    let mut yeardet = HashMap::default();
    let mut months = HashMap::default();
    for r in rows(include_str!("../data/cues.tsv")) {
        if r.len() < 2 {
            continue;
        }
        match r[1] {
            "label" | "ratio" => {
                let toks: Vec<&'static str> = r[0].split(' ').collect();
                let map = if r[1] == "label" {
                    &mut labels
                } else {
                    &mut ratios
                };
                map.entry(toks[0]).or_default().push(toks);
            }
            "yearprep" => {
                yearprep.insert(r[0], ());
            }
            "yeardet" => {
                yeardet.insert(r[0], ());
            }
            "month" => {
                months.insert(r[0], ());
            }
            "qual" if r.len() > 2 => {
                let toks: Vec<&'static str> = r[0].split(' ').collect();
                quals.entry(toks[0]).or_default().push((toks, r[2]));
            }
            "casualty" if r.len() > 2 => {
                casualty.insert(r[0], r[2]);
            }
            "stop" => {
                stop.insert(r[0], true);
            }
            "keep" => {
                stop.insert(r[0], false);
            }
            _ => {}
        }
    }
    for v in quals.values_mut() {
        v.sort_by_key(|q| std::cmp::Reverse(q.0.len()));
    }
    let compounds = rows(include_str!("../data/compound.tsv"))
        .filter(|r| r.len() >= 3)
        .filter_map(|r| {
            Some(Compound {
                large: r[0],
                small: r[1],
                per: r[2].parse().ok()?,
                extra: r
                    .get(3)
                    .map(|e| e.split('|').filter(|x| !x.is_empty()).collect())
                    .unwrap_or_default(),
            })
        })
        .collect();
    Tables {
        numbers,
        units,
        quals,
        casualty,
        stop,
        labels,
        ratios,
        yearprep,
        yeardet,
        months,
        compounds,
    }
});

struct Cx<'a> {
    text: &'a str,
    t: Vec<Tok<'a>>,
    /// Tokens inside a time expression.
    timed: Vec<bool>,
    /// Tokens inside a web address, e-mail address or code ("F-16", "24703L202"): no quantities.
    code: Vec<bool>,
}

/// Marks the tokens of whitespace-delimited chunks that are web or e-mail addresses.
fn mark_addresses(text: &str, t: &[Tok]) -> Vec<bool> {
    let mut code = vec![false; t.len()];
    let mut a = 0;
    while a < t.len() {
        let mut b = a + 1;
        while b < t.len() && !t[b].sp {
            b += 1;
        }
        let chunk = &text[t[a].start..t[b - 1].end];
        let low = chunk.to_ascii_lowercase();
        // three or more digit groups joined by hyphens: an account or part number
        let digit_chain = chunk.split('-').nth(2).is_some()
            && chunk
                .split('-')
                .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
        if low.contains("://")
            || low.starts_with("www.")
            || chunk.contains('@') && chunk.contains('.')
            || digit_chain
        {
            code[a..b].iter_mut().for_each(|c| *c = true);
        }
        a = b;
    }
    code
}

/// A parsed number: value and the token after it.
#[derive(Clone, Copy, Debug)]
struct Num {
    v: f64,
    end: usize,
    /// True when written with words only (e.g. "dozens" alone has `vague`).
    vague: bool,
    /// Ends with a fraction word: "a half", "three fifths".
    frac: bool,
}

impl<'a> Cx<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| t.s)
    }
    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.sp)
    }
    fn digit(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Digit)
    }
    /// One whitespace character (and nothing else) before token `i`.
    fn thin(&self, i: usize) -> bool {
        i > 0
            && i < self.t.len()
            && self.text[self.t[i - 1].end..self.t[i].start]
                .chars()
                .count()
                == 1
            && self.t[i].sp
    }
    /// A "," then a group of `len` digits at `j`: glued ("3,000"), or with single spaces around
    /// the comma where `spaced` ("20 , 000", text tokenized with spaces).
    fn group(&self, j: usize, len: usize, spaced: bool) -> bool {
        let joined = if spaced {
            self.thin(j) && self.thin(j + 1)
        } else {
            self.glued(j) && self.glued(j + 1)
        };
        self.is(j, ",") && joined && self.digit(j + 1) && self.w(j + 1).len() == len
    }
    fn seq(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }

    /// A number in digits: 3,000 / 1.2 / .08 / 3/4 / 10G, then scale words ("1.2 million").
    fn digits(&self, i: usize) -> Option<Num> {
        let mut j = i;
        let mut s = String::new();
        if self.is(i, ".")
            && self.digit(i + 1)
            && self.glued(i + 1)
            && (i == 0 || self.t[i].sp || self.t[i - 1].kind == Kind::Punct)
        {
            s.push_str("0.");
            s.push_str(self.w(i + 1));
            j = i + 2;
        } else {
            if !self.digit(i) {
                return None;
            }
            s.push_str(self.w(i));
            j += 1;
            // thousands groups: "3,000", Indian "12,34,567", spaced "40 000" / "20 , 000"
            let lead = self.w(i).len();
            let two_groups = (0..)
                .take_while(|g| self.group(j + 2 * g, 2, false))
                .count();
            if lead <= 2 && two_groups > 0 && self.group(j + 2 * two_groups, 3, false) {
                for _ in 0..=two_groups {
                    s.push_str(self.w(j + 1));
                    j += 2;
                }
            }
            let spaced = lead <= 3 && !self.timed[i] && self.group(j, 3, true);
            while lead <= 3 && self.group(j, 3, spaced) {
                s.push_str(self.w(j + 1));
                j += 2;
            }
            // spaced thousands without a comma: "2 345 678", "40\u{202f}000"
            if lead <= 3 && s.len() == lead && !self.timed[i] {
                while self.thin(j)
                    && self.digit(j)
                    && self.w(j).len() == 3
                    && !self.timed[j]
                    && !(self.is(j + 1, ",") || self.is(j + 1, "/") || self.is(j + 1, "-"))
                {
                    s.push_str(self.w(j));
                    j += 1;
                }
            }
            // decimals (not an IP address or version: a second ".digits" stops it, and so does
            // a ".digits" before); "6 . 2" where the text is tokenized with spaces
            let dotted_before = i > 1
                && self.is(i - 1, ".")
                && self.glued(i)
                && self.glued(i - 1)
                && self.digit(i - 2);
            let spaced_point = self.thin(j) && self.thin(j + 1) && s.len() <= 3 && !self.timed[i];
            if self.is(j, ".")
                && (self.glued(j) && self.glued(j + 1) || spaced_point)
                && self.digit(j + 1)
                && !dotted_before
                && !(self.is(j + 2, ".") && self.glued(j + 2) && self.digit(j + 3))
            {
                s.push('.');
                s.push_str(self.w(j + 1));
                j += 2;
            }
        }
        let mut v: f64 = s.parse().ok()?;
        // a whole number and a fraction: "10½", "2 1/4", "3 1/2 miles"
        if j == i + 1 && !self.timed[i] {
            if let Some(f) = self.vfrac(j).filter(|_| self.glued(j)) {
                v += f;
                j += 1;
            } else if self.spaces(j)
                && self.digit(j)
                && self.is(j + 1, "/")
                && (self.glued(j + 1) && self.glued(j + 2) || self.thin(j + 1) && self.thin(j + 2))
                && self.digit(j + 2)
                && !self.is(j + 3, "/")
                && !self.timed[j]
            {
                let a: f64 = self.w(j).parse().ok()?;
                let b: f64 = self.w(j + 2).parse().ok()?;
                if a > 0.0 && a < b && b <= 100.0 {
                    v += a / b;
                    j += 3;
                }
            }
        }
        // fraction 3/4; "1 / 4" where the text is tokenized with spaces (a proper fraction)
        let spaced_frac = self.thin(j) && self.thin(j + 1) && !self.timed[i];
        if self.is(j, "/")
            && (self.glued(j) && self.glued(j + 1) || spaced_frac)
            && self.digit(j + 1)
            && !self.is(j + 2, "/")
        {
            let d: f64 = self.w(j + 1).parse().ok()?;
            if d != 0.0 && (!spaced_frac || self.glued(j) || v < d && d <= 64.0) {
                v /= d;
                j += 2;
            }
        }
        // exponent: 1e10, 12.32e+14, 2.5^-1
        if self.glued(j) && matches!(self.w(j), "e" | "^") {
            let mut k = j + 1;
            let mut sign = 1i32;
            while matches!(self.w(k), "+" | "-") && self.glued(k) {
                if self.w(k) == "-" {
                    sign = -sign;
                }
                k += 1;
            }
            if self.digit(k) && self.glued(k) {
                if let Ok(e) = self.w(k).parse::<i32>() {
                    v = if self.w(j) == "e" {
                        v * 10f64.powi(sign * e)
                    } else {
                        v.powi(sign * e)
                    };
                    j = k + 1;
                }
            }
        }
        // "1.3x10^6", "6.23 x 10^-4"
        if matches!(self.w(j), "x" | "×") && self.is(j + 1, "10") && self.is(j + 2, "^") {
            let mut k = j + 3;
            let sign = if self.is(k, "-") {
                k += 1;
                -1
            } else {
                1
            };
            if let Some(e) = self.t.get(k).filter(|t| t.kind == Kind::Digit) {
                if let Ok(e) = e.s.parse::<i32>() {
                    v *= 10f64.powi(sign * e);
                    j = k + 1;
                }
            }
        }
        // magnitude suffixes, glued ("10k", "10M") or a lone letter ending the phrase ("2.33 k")
        let lone = |k: usize| {
            self.t.get(k + 1).is_none_or(|t| t.kind == Kind::Punct)
                && matches!(self.w(k), "k" | "m" | "g" | "b")
        };
        if self.glued(j) || lone(j) {
            let mult = match self.t.get(j).map_or("", |t| t.raw) {
                "k" | "K" => Some(1e3),
                "G" => Some(1e9),
                "bn" | "B" | "b" => Some(1e9),
                "mn" | "mln" | "M" | "MM" => Some(1e6),
                _ => None,
            };
            if let Some(m) = mult {
                v *= m;
                j += 1;
            }
        }
        // scale words: "1.2 million", "4 hundred and 35", "5 dozen"
        let mut n = Num {
            v,
            end: j,
            vague: false,
            frac: false,
        };
        self.scale_tail(&mut n);
        Some(n)
    }

    fn scale_tail(&self, n: &mut Num) {
        let tb = &*TABLES;
        loop {
            match tb.numbers.get(self.w(n.end)) {
                Some(&(NumClass::Scale, s)) if !self.w(n.end).ends_with('s') || n.v > 1.0 => {
                    n.v *= s;
                    n.end += 1;
                    // "5 thousand 2 hundred and 7", "4 crore and three hundred"
                    let k = if self.is(n.end, "and") {
                        n.end + 1
                    } else {
                        n.end
                    };
                    let rest = self.digits_plain(k).or_else(|| self.words(k));
                    if let Some(mut m) = rest {
                        let scaled = matches!(
                            TABLES.numbers.get(self.w(m.end)),
                            Some(&(NumClass::Hundred, _))
                        ) || matches!(
                            TABLES.numbers.get(self.w(m.end)),
                            Some(&(NumClass::Scale, s2)) if s2 < s
                        );
                        if m.end == k + 1 && scaled {
                            self.scale_tail(&mut m);
                        }
                        let is_scale = |i: usize| {
                            matches!(
                                TABLES.numbers.get(self.w(i)),
                                Some((NumClass::Hundred | NumClass::Scale, _))
                            )
                        };
                        let ends_scaled = (k..m.end).any(is_scale) && !is_scale(m.end);
                        if k > n.end && m.frac && m.v < 1.0 {
                            // "7 million and a half"
                            n.v += m.v * s;
                            n.end = m.end;
                        } else if m.v < s && ends_scaled && !m.vague && !self.timed[k] {
                            n.v += m.v;
                            n.end = m.end;
                        }
                    }
                }
                Some((NumClass::Hundred, s)) if n.v < 1000.0 => {
                    n.v *= s;
                    n.end += 1;
                    // "4 hundred and 35" (not "4 hundred and 5 hundred")
                    if self.is(n.end, "and") {
                        if let Some(m) = self
                            .digits_plain(n.end + 1)
                            .or_else(|| self.words(n.end + 1))
                        {
                            let more = matches!(
                                TABLES.numbers.get(self.w(m.end)),
                                Some((NumClass::Hundred | NumClass::Scale, _))
                            );
                            if m.v < 100.0 && !more {
                                n.v += m.v;
                                n.end = m.end;
                            }
                        }
                    }
                }
                Some((NumClass::Dozen, s)) => {
                    n.v *= s;
                    n.end += 1;
                }
                _ => break,
            }
        }
    }

    /// The value of a vulgar fraction character at `i` ("½").
    fn vfrac(&self, i: usize) -> Option<f64> {
        match TABLES.numbers.get(self.w(i)) {
            Some(&(NumClass::VFrac, v)) => Some(v),
            _ => None,
        }
    }

    /// Only spaces or tabs, one to three of them, before token `i` (no line break).
    fn spaces(&self, i: usize) -> bool {
        i > 0
            && i < self.t.len()
            && self.t[i].sp
            && !self.t[i].nl
            && self.text[self.t[i - 1].end..self.t[i].start].len() <= 3
    }

    /// Whether the token sequence `toks` ends right before token `i`.
    fn ends_before(&self, i: usize, toks: &[&str]) -> bool {
        i >= toks.len() && self.seq(i - toks.len(), toks)
    }

    /// A label word before the number at `i`: "Highway 35", "Article 5", "No. 1".
    fn after_label(&self, i: usize) -> bool {
        (1..=2).any(|back| {
            i >= back
                && TABLES.labels.get(self.w(i - back)).is_some_and(|l| {
                    l.iter()
                        .any(|toks| toks.len() == back && self.ends_before(i, toks))
                })
        })
    }

    fn month(&self, i: usize) -> bool {
        TABLES.months.contains_key(self.w(i))
    }

    /// A day number of a date at `i` ("Oct. 13", "nov . 21", "1 May"), with the token after
    /// the date (a year after a comma included), or `None`.
    fn day_of_date(&self, i: usize) -> Option<usize> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Digit || t.s.len() > 2 || self.glued(i + 1) && self.digit(i + 1) {
            return None;
        }
        let d: u32 = t.s.parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let before =
            i >= 1 && self.month(i - 1) || i >= 2 && self.is(i - 1, ".") && self.month(i - 2);
        // "1 May": "may" and "march" are also verbs, so a preposition must come before the day
        let after = self.month(i + 1)
            && (!matches!(self.w(i + 1), "may" | "march" | "mar")
                || i >= 1 && matches!(self.w(i - 1), "on" | "by" | "from" | "until" | "since"));
        if !(before || after) {
            return None;
        }
        let mut end = if after { i + 2 } else { i + 1 };
        if self.is(end, ",") && self.digit(end + 1) && self.w(end + 1).len() == 4 {
            end += 2;
        }
        Some(end)
    }

    /// A currency code with a million prefix: "MUSD", "MEUR" (the code must be one the unit
    /// table knows), with the token after it and the factor.
    fn mcode(&self, i: usize) -> Option<(&'static UnitEntry, usize, f64)> {
        let t = self.t.get(i)?;
        let raw = t.raw.as_bytes();
        if raw.len() != 4 || raw[0] != b'M' || !raw.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        let code = &t.raw[1..];
        let u = TABLES
            .units
            .get(&t.s[1..])?
            .iter()
            .find(|u| u.kind == "currency" && u.tokens.len() == 1 && u.code == code)?;
        Some((u, i + 1, 1e6))
    }

    /// A lower-case word at `i` that could be the thing counted ("passengers").
    fn counted_after(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| {
            t.kind == Kind::Alpha
                && !t.upper()
                && TABLES.stop.get(t.s) != Some(&true)
                && !TABLES.numbers.contains_key(t.s)
        })
    }

    /// A year written alone after a preposition ("in 1990", "since 2001"), or between a
    /// determiner and a singular noun ("a 1983 study").
    fn year_after_prep(&self, i: usize, end: usize) -> bool {
        let t = &self.t[i];
        let year = end == i + 1
            && t.kind == Kind::Digit
            && t.s.len() == 4
            && t.s.parse::<u32>().is_ok_and(|y| (1800..=2099).contains(&y))
            && i > 0;
        let singular_next = self.counted_after(i + 1) && !self.w(i + 1).ends_with('s');
        year && (TABLES.yearprep.contains_key(self.w(i - 1))
            || TABLES.yeardet.contains_key(self.w(i - 1)) && singular_next)
    }

    fn digits_plain(&self, i: usize) -> Option<Num> {
        if !self.digit(i) || self.glued(i + 1) && self.is(i + 1, ".") {
            return None;
        }
        Some(Num {
            v: self.w(i).parse().ok()?,
            end: i + 1,
            vague: false,
            frac: false,
        })
    }

    /// A number in words: "three thousand", "twenty-one", "a quarter million", "two dozen",
    /// "two hundred and three quarters", "five eighths", "one twenty-fifth", "one point five".
    fn words(&self, i: usize) -> Option<Num> {
        let tb = &*TABLES;
        let num = |k: usize| tb.numbers.get(self.w(k)).copied();
        let frac = |v: f64, end: usize| Num {
            v,
            end,
            vague: false,
            frac: true,
        };
        let mut j = i;
        let mut total = 0.0;
        let mut cur = 0.0;
        let mut any = false;
        let mut last: Option<NumClass> = None;
        // the value before the last "and" and the scale word before it: "two hundred and
        // fifty-four hundredths", "six million and one half"
        let mut and_base: Option<(f64, f64)> = None;
        let mut ended_frac = false;
        // "a hundred", "a quarter million", "a fifth", "a twenty-first"
        if matches!(self.w(j), "a" | "an") {
            match num(j + 1) {
                Some((NumClass::Hundred | NumClass::Scale | NumClass::Dozen, _)) => {
                    cur = 1.0;
                    any = true;
                    j += 1;
                }
                Some((NumClass::Frac, d)) => {
                    if let Some((NumClass::Scale, s)) = num(j + 2) {
                        return Some(Num {
                            v: s / d,
                            end: j + 3,
                            vague: false,
                            frac: false,
                        });
                    }
                    if self.w(j + 1).ends_with('s') {
                        return None;
                    }
                    return Some(frac(1.0 / d, j + 2));
                }
                Some((NumClass::Tens, _)) => {
                    let (d, e) = self.compound_ordinal(j + 1)?;
                    return Some(frac(1.0 / d, e));
                }
                _ => return None,
            }
        }
        // "half a million", "half million", "quarter million"
        if let Some((NumClass::Frac, d)) = num(j) {
            let k = if matches!(self.w(j + 1), "a" | "an") && self.is(j, "half") {
                j + 2
            } else {
                j + 1
            };
            if let Some((NumClass::Scale | NumClass::Dozen | NumClass::Hundred, s)) = num(k) {
                if !self.w(j).ends_with('s') {
                    return Some(Num {
                        v: s / d,
                        end: k + 1,
                        vague: false,
                        frac: false,
                    });
                }
            }
        }
        loop {
            let w = self.w(j);
            let Some((c, v)) = num(j) else {
                break;
            };
            ended_frac = false;
            match c {
                NumClass::Ord | NumClass::VFrac => break,
                NumClass::Unit | NumClass::Teen => {
                    if matches!(last, Some(NumClass::Unit | NumClass::Teen)) {
                        break;
                    }
                    if w == "oh" && !any {
                        return None;
                    }
                    cur += v;
                }
                NumClass::Tens => {
                    // "one twenty-fifth", "two hundred forty sevenths": a compound denominator
                    if any && !matches!(last, Some(NumClass::Tens)) {
                        if let Some((d, e)) = self.compound_ordinal(j) {
                            let v = (total + cur) / d;
                            return Some(frac(v, e));
                        }
                    }
                    if matches!(last, Some(NumClass::Unit | NumClass::Teen | NumClass::Tens)) {
                        break;
                    }
                    cur += v;
                }
                NumClass::Hundred => {
                    if !any && w == "hundreds" {
                        // "hundreds of"
                        return self.vague(i, j, v);
                    }
                    // "hundred thousand"
                    if !any && !matches!(num(j + 1), Some((NumClass::Scale, _))) {
                        break;
                    }
                    cur = if cur == 0.0 { 1.0 } else { cur } * v;
                }
                NumClass::Scale => {
                    if !any {
                        if w.ends_with('s') {
                            return self.vague(i, j, v);
                        }
                        break;
                    }
                    total += if cur == 0.0 { 1.0 } else { cur } * v;
                    cur = 0.0;
                }
                NumClass::Dozen => {
                    if !any {
                        if w == "dozens" {
                            return self.vague(i, j, v);
                        }
                        break;
                    }
                    cur = if cur == 0.0 { 1.0 } else { cur } * v;
                }
                NumClass::Frac => {
                    if !any {
                        break;
                    }
                    let plural = w.ends_with('s') || w == "half";
                    // "five eighths", "one fifth", "a hundred billionths"; not "the third"
                    let after_big = matches!(last, Some(NumClass::Hundred | NumClass::Scale));
                    if total + cur == 0.0
                        || matches!(last, Some(NumClass::Frac))
                        || after_big && !plural
                    {
                        break;
                    }
                    let (base, unit) = and_base.unwrap_or((0.0, 1.0));
                    let numer = total + cur - base;
                    if numer > 1.0 && !plural {
                        break;
                    }
                    let mut f = numer / v;
                    j += 1;
                    // "two billion and three quarters million"
                    let unit = match num(j) {
                        Some((NumClass::Scale, s)) if and_base.is_some() => {
                            j += 1;
                            s
                        }
                        _ => unit,
                    };
                    f *= unit;
                    total = 0.0;
                    cur = base + f;
                    any = true;
                    last = Some(c);
                    ended_frac = true;
                    // "one-eighth" has no further parts
                    continue;
                }
            }
            any = true;
            last = Some(c);
            j += 1;
            // hyphen inside "twenty-one", "sixty - four", "one-eighth"; "and" inside "one
            // hundred and two"
            let hyphen = self.is(j, "-")
                && (self.glued(j) && self.glued(j + 1) || self.thin(j) && self.thin(j + 1));
            let after_hyphen = num(j + 1).map(|x| x.0);
            if hyphen
                && (matches!(c, NumClass::Tens)
                    && matches!(after_hyphen, Some(NumClass::Unit | NumClass::Frac))
                    || matches!(c, NumClass::Unit | NumClass::Teen)
                        && matches!(after_hyphen, Some(NumClass::Frac)))
            {
                j += 1;
            } else if self.is(j, "and") && matches!(c, NumClass::Hundred | NumClass::Scale) {
                let unit = if c == NumClass::Scale { v } else { 1.0 };
                match num(j + 1) {
                    Some((NumClass::Unit | NumClass::Teen | NumClass::Tens, _)) => {
                        and_base = Some((total + cur, unit));
                        j += 1;
                    }
                    _ => {
                        // "and a half", "and a quarter million"
                        if let Some(m) = self
                            .words(j + 1)
                            .filter(|m| m.frac || m.v < 1.0 || m.v < unit)
                        {
                            let f = if m.frac { m.v * unit } else { m.v };
                            total += cur + f;
                            cur = 0.0;
                            j = m.end;
                            ended_frac = true;
                        }
                        break;
                    }
                }
            }
        }
        if !any {
            return None;
        }
        // "one point five", "three hundred point forty-two"
        if self.is(j, "point") {
            let mut k = j + 1;
            let mut frac = String::new();
            while let Some((NumClass::Unit, d)) = num(k) {
                frac.push_str(&format!("{}", d as i64));
                k += 1;
            }
            if frac.len() == 1 && k == j + 2 {
                if let Some(m) = self.words(j + 1).filter(|m| m.v >= 10.0 && m.v < 100.0) {
                    frac = format!("{}", m.v as i64);
                    k = m.end;
                }
            } else if frac.is_empty() {
                if let Some(m) = self.words(j + 1).filter(|m| m.v < 100.0 && !m.frac) {
                    frac = format!("{}", m.v as i64);
                    k = m.end;
                }
            }
            if !frac.is_empty() {
                if let Ok(f) = format!("0.{frac}").parse::<f64>() {
                    cur += f;
                    j = k;
                }
            }
        }
        // "nine and a half million": the fraction joins the number before the scale word
        if self.is(j, "and") && !ended_frac && matches!(self.w(j + 1), "a" | "an") {
            if let (Some((NumClass::Frac, d)), Some((NumClass::Scale, s))) =
                (num(j + 2), num(j + 3))
            {
                if !self.w(j + 2).ends_with('s') {
                    cur = (total + cur + 1.0 / d) * s;
                    total = 0.0;
                    j += 4;
                    ended_frac = true;
                }
            }
        }
        // "three quarters of a million"
        if ended_frac && self.is(j, "of") && matches!(self.w(j + 1), "a" | "an") {
            if let Some((NumClass::Scale, s)) = num(j + 2) {
                total *= s;
                cur *= s;
                j += 3;
            }
        }
        // "and a half" / "and three quarters" / "and three fifths" after a small number
        if self.is(j, "and") && !ended_frac {
            if let Some(m) = self.words(j + 1).filter(|m| m.frac) {
                cur += m.v;
                j = m.end;
                ended_frac = true;
            }
        }
        let mut n = Num {
            v: total + cur,
            end: j,
            vague: false,
            frac: ended_frac,
        };
        if self.digit(j) {
            return Some(n);
        }
        self.scale_tail(&mut n);
        Some(n)
    }

    /// "twenty-fifth", "thirty fifths", "twenty-first": a tens word and an ordinal unit, as a
    /// denominator, with the token after it.
    fn compound_ordinal(&self, j: usize) -> Option<(f64, usize)> {
        let tb = &*TABLES;
        let (NumClass::Tens, t) = *tb.numbers.get(self.w(j))? else {
            return None;
        };
        let hyphen = self.is(j + 1, "-") && (self.glued(j + 1) || self.thin(j + 1));
        let k = if hyphen { j + 2 } else { j + 1 };
        match tb.numbers.get(self.w(k)) {
            Some(&(NumClass::Frac | NumClass::Ord, u)) if u < 10.0 && self.w(k) != "half" => {
                Some((t + u, k + 1))
            }
            _ => None,
        }
    }

    fn vague(&self, _i: usize, j: usize, v: f64) -> Option<Num> {
        Some(Num {
            v,
            end: if self.is(j + 1, "of") { j + 2 } else { j + 1 },
            vague: true,
            frac: false,
        })
    }

    fn number(&self, i: usize) -> Option<Num> {
        let t = self.t.get(i)?;
        // not inside a word or an identifier like "m212", "F-16", "SCP-173"
        if i > 0 && !t.sp && self.t[i - 1].kind == Kind::Alpha && t.kind == Kind::Digit {
            return None;
        }
        if t.kind == Kind::Digit
            && i > 1
            && self.is(i - 1, "-")
            && !t.sp
            && !self.t[i - 1].sp
            && self.t[i - 2].kind == Kind::Alpha
        {
            return None;
        }
        self.number_at(i)
    }

    /// A number at `i`, which may follow a glued currency code ("USD115").
    fn number_at(&self, i: usize) -> Option<Num> {
        let t = self.t.get(i)?;
        if self.code[i] {
            return None;
        }
        if t.kind == Kind::Digit || t.s == "." {
            let n = self.digits(i)?;
            return self.not_code(n);
        }
        if t.kind == Kind::Alpha {
            return self.words(i);
        }
        if let Some(v) = self.vfrac(i) {
            let mut n = Num {
                v,
                end: i + 1,
                vague: false,
                frac: true,
            };
            self.scale_tail(&mut n);
            return Some(n);
        }
        None
    }

    /// Digits with letters glued after them are an ordinal ("20th") or a code ("11a", "777F")
    /// unless the letters are a unit ("48m", "5kg") not itself followed by digits ("m212").
    fn not_code(&self, n: Num) -> Option<Num> {
        let e = n.end;
        if !self.glued(e) || self.t.get(e).is_none_or(|t| t.kind != Kind::Alpha) {
            return Some(n);
        }
        if matches!(self.w(e), "st" | "nd" | "rd" | "th") {
            return None;
        }
        let (_, ue) = self.unit(e)?;
        let coded = self.glued(ue) && self.digit(ue);
        (!coded).then_some(n)
    }

    /// The longest unit phrase at `i`.
    fn unit(&self, i: usize) -> Option<(&'static UnitEntry, usize)> {
        let list = TABLES.units.get(self.w(i))?;
        for u in list {
            let spacing_ok = (1..u.tokens.len()).all(|k| !u.glued[k] || self.glued(i + k));
            if spacing_ok && self.seq(i, &u.tokens) {
                return Some((u, i + u.tokens.len()));
            }
        }
        None
    }
}

/// The times overlapping `[s, e)`. The times layer is in text order; an interval may enclose
/// its two ends, so the few times starting before `e` are checked.
fn times_overlapping(doc: &Document, s: usize, e: usize) -> impl Iterator<Item = &Time> {
    let k = doc.times.partition_point(|t| t.start < e);
    doc.times[..k]
        .iter()
        .rev()
        .take(4)
        .filter(move |t| t.end > s)
}

/// Whether `[s, e)` overlaps a time.
fn overlaps_time(doc: &Document, s: usize, e: usize) -> bool {
    times_overlapping(doc, s, e).next().is_some()
}

/// Whether a time overlaps `[s, e)` and is not strictly inside it.
fn overlaps_time_beyond(doc: &Document, s: usize, e: usize) -> bool {
    times_overlapping(doc, s, e)
        .any(|t| !(t.start >= s && t.end <= e && (t.start > s || t.end < e)))
}

/// Extracts the quantities of `doc` (byte offsets).
pub fn extract(doc: &Document) -> Vec<Quantity> {
    let low = doc.text.to_ascii_lowercase();
    let t = tokenize(&doc.text, &low);
    let code = mark_addresses(&doc.text, &t);
    let timed = t
        .iter()
        .map(|x| overlaps_time(doc, x.start, x.end))
        .collect();
    let cx = Cx {
        text: &doc.text,
        t,
        timed,
        code,
    };
    let tb = &*TABLES;
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < cx.t.len() {
        let t = &cx.t[i];
        let in_time =
            |a: usize, b: usize| overlaps_time(doc, cx.t[a].start, cx.t[b.max(a + 1) - 1].end);
        if t.kind == Kind::Alpha
            && !tb.numbers.contains_key(t.s)
            && !tb.units.contains_key(t.s)
            && !matches!(t.s, "a" | "an")
            && cx.mcode(i).is_none()
        {
            i += 1;
            continue;
        }
        // prefix currency: "$ 37 billion", "USD 14.5 million", "£50"
        let mut start = i;
        let mut unit: Option<&'static UnitEntry> = None;
        let mut ni = i;
        // a factor the unit carries: "MUSD" is a million US dollars
        let mut mult = 1.0;
        if let Some((u, k, f)) = cx.mcode(i) {
            if cx.number_at(k).is_some() {
                unit = Some(u);
                ni = k;
                mult = f;
            }
        } else if let Some((u, k)) = cx.unit(i) {
            let symbolish = u.kind == "currency"
                && (u
                    .tokens
                    .iter()
                    .any(|s| !s.chars().all(|c| c.is_ascii_alphabetic()))
                    || t.raw.chars().all(|c| c.is_ascii_uppercase()));
            if symbolish && cx.number_at(k).is_some() {
                unit = Some(u);
                ni = k;
            }
        }
        let parsed = if unit.is_some() {
            cx.number_at(ni)
        } else {
            cx.number(ni)
        };
        let Some(mut n) = parsed else {
            i += 1;
            continue;
        };
        let lone_one = n.end == ni + 1 && cx.w(ni) == "one" && unit.is_none();
        if lone_one
            && (cx.is(ni + 1, "of")
                || ni > 0
                    && matches!(
                        cx.w(ni - 1),
                        "the"
                            | "this"
                            | "that"
                            | "which"
                            | "any"
                            | "no"
                            | "every"
                            | "each"
                            | "another"
                            | "no-"
                            | "someone"
                            | "every-"
                    ))
        {
            i = ni + 1;
            continue;
        }
        // a time claims the number, unless the time is only a part of it ("a quarter" in "one
        // billion and a quarter million") or the number gives an age ("3 years of age")
        let claimed = overlaps_time_beyond(doc, cx.t[ni].start, cx.t[n.end.max(ni + 1) - 1].end)
            && cx.unit(n.end).is_none_or(|(u, _)| u.kind != "age");
        if n.end <= ni || claimed {
            i = n.end.max(i + 1);
            continue;
        }
        // "one-time", "two-door", "zero-coupon": a number word in a compound modifier
        if unit.is_none()
            && cx.t[n.end - 1].kind == Kind::Alpha
            && cx.is(n.end, "-")
            && cx.counted_after(n.end + 1)
            && cx.unit(n.end + 1).is_none()
        {
            i = n.end + 2;
            continue;
        }
        // a label's number ("Highway 35"), a list marker ("2)") or a date's day ("Oct. 13") is
        // no quantity
        if unit.is_none() && cx.t[ni].kind == Kind::Digit {
            let list_marker = n.end == ni + 1
                && cx.is(ni + 1, ")")
                && cx.w(ni).len() <= 2
                && !(ni.saturating_sub(8)..ni).any(|k| cx.is(k, "("));
            if cx.after_label(ni) || list_marker {
                i = n.end.max(i + 1);
                continue;
            }
            if n.end == ni + 1 {
                if let Some(e) = cx.day_of_date(ni) {
                    i = e;
                    continue;
                }
            }
        }
        if ni == start && start > 0 {
            let p = cx.w(start - 1);
            let spaced_before =
                start < 2 || cx.t[start - 1].sp || cx.t[start - 2].kind == Kind::Punct;
            if p == "-" && cx.glued(start) && spaced_before && cx.t[start].kind == Kind::Digit
                || matches!(p, "negative" | "minus")
            {
                n.v = -n.v;
                start -= 1;
            }
        }
        // a ratio: "one in five", "two out of three", "1 over 20" (not when a counted noun
        // follows: "12 out of 20 passengers" keeps its count)
        if unit.is_none() && !n.vague && n.v != 0.0 {
            if let Some(toks) = tb.ratios.get(cx.w(n.end)).and_then(|l| {
                l.iter()
                    .find(|toks| cx.seq(n.end, toks))
                    .map(|toks| toks.len())
            }) {
                let k = n.end + toks;
                if let Some(m) = cx.number(k).filter(|m| {
                    m.v != 0.0 && !m.vague && !in_time(k, m.end) && !cx.counted_after(m.end)
                }) {
                    let whole = |x: f64| x.fract() == 0.0;
                    let ok = match cx.w(n.end) {
                        "in" => whole(n.v) && whole(m.v) && n.v <= 10.0 && m.v > n.v,
                        "out" => m.v >= n.v,
                        _ => true,
                    };
                    if ok {
                        n.v /= m.v;
                        n.end = m.end;
                    }
                }
            }
        }
        let mut end = n.end;
        let mut value_max = None;
        // range: "24 to 48", "24-48", "between 5 and 10"
        if matches!(cx.w(end), "to" | "-" | "or")
            && (cx.w(end) != "-" || cx.glued(end + 1) || cx.glued(end))
        {
            if let Some(m) = cx.number(end + 1) {
                if m.v > n.v && !in_time(end + 1, m.end) {
                    value_max = Some(m.v);
                    end = m.end;
                    n.end = m.end;
                }
            }
        }
        // postfix unit: "3 dollars", "100t", "3-inch", "6 %"
        let mut k = end;
        let hyph = cx.is(k, "-") && cx.glued(k) && cx.glued(k + 1);
        if hyph {
            k += 1;
        }
        if unit.is_none() {
            let at_end = cx.unit(end);
            let after_hyphen = if hyph { cx.unit(k) } else { None };
            let mut found = match (at_end, after_hyphen) {
                (Some(a), Some(b)) => Some(if a.1 >= b.1 { a } else { b }),
                (a, b) => a.or(b),
            };
            if found.is_none() {
                if let Some((u, e, f)) = cx.mcode(end) {
                    found = Some((u, e));
                    mult = f;
                }
            }
            // "3 USD50", "1 $10": the symbol belongs to the number after it
            if found.is_some_and(|(u, e)| u.kind == "currency" && cx.glued(e) && cx.digit(e)) {
                found = None;
                mult = 1.0;
            }
            if let Some((u, e)) = found {
                // a single-letter unit must be glued ("48m") or a symbol; "a" / "p" etc. need care
                let short = u.tokens.len() == 1
                    && u.tokens[0].len() == 1
                    && u.tokens[0].chars().all(|c| c.is_ascii_alphabetic());
                let ok = !short || (!cx.t[e - u.tokens.len()].sp && !cx.glued(e));
                if ok && !(u.kind == "temperature" && u.name == "degree" && cx.is(e, "of")) {
                    unit = Some(u);
                    end = e;
                    // "6 ft 3 in", "6 feet and 1 inch": a smaller unit's part after the larger
                    if let Some(c) = tb.compounds.iter().find(|c| c.large == u.name) {
                        let k2 = if cx.is(end, "and") { end + 1 } else { end };
                        if let Some(m) = cx
                            .number(k2)
                            .filter(|m| m.v > 0.0 && m.v < c.per && !m.vague && !in_time(k2, m.end))
                        {
                            let small = cx
                                .unit(m.end)
                                .filter(|(su, _)| su.name == c.small)
                                .map(|(_, e2)| e2)
                                .or_else(|| {
                                    // "6 ft 3 in", not "6 ft 2 in the photo"
                                    let np = tb.yeardet.contains_key(cx.w(m.end + 1))
                                        || cx.is(m.end + 1, "an");
                                    (c.extra.contains(&cx.w(m.end)) && !np).then_some(m.end + 1)
                                });
                            if let Some(e2) = small {
                                n.v += m.v / c.per;
                                end = e2;
                            }
                        }
                    }
                    // "40 EUR million": a scale word after a currency code
                    if u.kind == "currency"
                        && cx.t[e - 1].raw.chars().all(|c| c.is_ascii_uppercase())
                    {
                        if let Some((NumClass::Scale, s)) = tb.numbers.get(cx.w(end)) {
                            n.v *= s;
                            end += 1;
                        }
                    }
                    // "4 dollars 25 cents", "12 dollars and 40"
                    if u.kind == "currency" && !u.code.contains('/') {
                        let k2 = if cx.is(end, "and") { end + 1 } else { end };
                        if let Some(c) = cx.number(k2) {
                            if c.v < 100.0 && c.v.fract() == 0.0 && !in_time(k2, c.end) {
                                let cents_unit =
                                    cx.unit(c.end).filter(|(cu, _)| cu.code.contains('/'));
                                if cents_unit.is_some()
                                    || cx.is(c.end, ".")
                                    || c.end >= cx.t.len()
                                    || k2 > end
                                {
                                    n.v += c.v / 100.0;
                                    end = cents_unit.map_or(c.end, |(_, e)| e);
                                }
                            }
                        }
                    }
                }
            }
        } else {
            end = n.end;
            // "40 EUR million": scale after the code
            if let Some((NumClass::Scale, s)) = tb.numbers.get(cx.w(end)) {
                n.v *= s;
                end += 1;
            }
        }
        n.v *= mult;
        // "$ 260 million" with prefix unit is already handled; postfix code after scale "30 million EUR"
        let mut q = Quantity {
            value: Some(n.v),
            value_max,
            kind: "number".into(),
            ..Default::default()
        };
        if let Some(u) = unit {
            q.kind = u.kind.to_string();
            let (code, div) = match u.code.split_once('/') {
                Some((c, d)) => (c, d.parse::<f64>().unwrap_or(1.0)),
                None => (u.code, 1.0),
            };
            if u.kind == "currency" {
                q.currency = (!code.is_empty()).then(|| code.to_string());
                if div != 1.0 {
                    q.unit = Some(u.name.to_string());
                } else {
                    q.unit = Some(code.to_string());
                }
            } else {
                q.unit = Some(u.name.to_string());
            }
        } else {
            // the thing counted: "3,000 US troops", "12 civilians"
            let mut k = end;
            let mut steps = 0;
            while steps < 3 {
                let Some(tk) = cx.t.get(k) else { break };
                if tk.kind != Kind::Alpha {
                    break;
                }
                if tb.stop.get(tk.s) == Some(&true) || tb.numbers.contains_key(tk.s) {
                    break;
                }
                if !tk.upper() {
                    if tk.upper() {
                        break;
                    }
                    let plural = tk.s.len() > 3 && tk.s.ends_with('s') && !tk.s.ends_with("ss")
                        || tb.stop.get(tk.s) == Some(&false)
                        || matches!(
                            tk.s,
                            "police"
                                | "personnel"
                                | "children"
                                | "men"
                                | "women"
                                | "staff"
                                | "troops"
                                | "cattle"
                                | "militia"
                        );
                    if plural {
                        q.unit = Some(tk.s.to_string());
                        q.kind = "count".into();
                        end = k + 1;
                    }
                    // one lowercase word decides: stop at the first
                    if plural || steps >= 1 {
                        break;
                    }
                }
                k += 1;
                steps += 1;
            }
        }
        if q.kind == "number" && start == ni && cx.year_after_prep(ni, end) {
            i = end;
            continue;
        }
        let lone_one = lone_one && q.kind == "number" && start == ni && end == ni + 1;
        // qualifier before
        let mut qs = start;
        for back in 1..=3 {
            if start < back {
                break;
            }
            let b = start - back;
            if let Some(list) = tb.quals.get(cx.w(b)) {
                if let Some((toks, qv)) = list
                    .iter()
                    .find(|(toks, _)| toks.len() == back && cx.seq(b, toks))
                {
                    let _ = toks;
                    q.qualifier = Some(qv.to_string());
                    qs = b;
                }
            }
        }
        if n.vague {
            q.qualifier = Some(format!("{} of", cx.w(ni)));
        }
        // casualty: "killing 12 civilians", "12 people were killed", "at least 5 dead"
        if q.kind == "count" || q.kind == "number" {
            let before = qs.checked_sub(1).map(|b| cx.w(b)).unwrap_or("");
            let mut cas = tb.casualty.get(before).copied();
            if cas.is_none() {
                for k in end..(end + 4).min(cx.t.len()) {
                    let w = cx.w(k);
                    if cx.t[k].kind == Kind::Punct && w != "-" {
                        break;
                    }
                    if let Some(c) = tb.casualty.get(w) {
                        cas = Some(c);
                        break;
                    }
                }
            }
            if let Some(c) = cas {
                q.casualty = Some(c.to_string());
            }
        }
        // a bare "one" is a pronoun or determiner ("one dealer said") unless it counts a
        // casualty ("one was killed") or carries a qualifier
        if lone_one && q.casualty.is_none() && q.qualifier.is_none() {
            i = end;
            continue;
        }
        start = qs.min(start);
        let (s, e) = (cx.t[start].start, cx.t[end - 1].end);
        q.id = format!("n{}", out.len() + 1);
        q.text = doc.text[s..e].to_string();
        q.start = s;
        q.end = e;
        out.push(q);
        i = end;
    }
    out
}

#[cfg(test)]
mod tests;
