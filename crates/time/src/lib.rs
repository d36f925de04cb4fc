//! Temporal expressions: TIMEX3 types and values normalised against the publication date.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document`, writes only its own.
//!
//! The tagger tokenizes `doc.text` itself (so it works before or without segmentation), then at
//! each token tries a set of small grammars (dates, weekdays, relative expressions, durations,
//! sets, clock times, parts of day, modified and fuzzy expressions) whose words come from the
//! tables in `data/`. The longest match wins. Underspecified expressions (a bare weekday or
//! month) are resolved against the publication date using the tense of their clause: syntax
//! tags when the syntax stage ran, else lexical cues.

mod lex;

use std::cell::Cell;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use lex::{Class, LEX};
use tidings_core::{Document, Stage, Time, TimeType};
use tidings_quantity::scan::{tokenize, Kind, Tok};

/// The `time` stage.
#[derive(Debug, Default)]
pub struct TimeTagger;

impl TimeTagger {
    pub fn new() -> Self {
        // Parse the tables now rather than on the first document.
        let _ = &*LEX;
        TimeTagger
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }
    fn process(&self, doc: &mut Document) {
        let times = tag(doc);
        doc.times = times;
    }
}

/// Tags every temporal expression of `doc` (byte offsets), without modifying it.
pub fn tag(doc: &Document) -> Vec<Time> {
    let low = doc.text.to_ascii_lowercase();
    let toks = tokenize(&doc.text, &low);
    let cx = Cx {
        t: toks,
        dct: doc.date,
        doc,
        depth: Cell::new(0),
    };
    let mut cands: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < cx.t.len() {
        match cx.best(i) {
            Some(c) if c.end > i => {
                i = c.end;
                cands.push(c);
            }
            _ => i += 1,
        }
    }
    let mut cands = cx.ranges(cands);
    story_quarters(&mut cands, cx.dct);
    cx.anaphors(&mut cands);
    let mut out = Vec::new();
    for c in cands {
        {
            {
                let (s, e) = (cx.t[c.start].start, cx.t[c.end - 1].end);
                out.push(Time {
                    id: format!("t{}", out.len() + 1),
                    text: doc.text[s..e].to_string(),
                    start: s,
                    end: e,
                    kind: c.kind,
                    value: c.value,
                    modifier: c.modifier.map(str::to_string),
                    value_max: c.value_max,
                    quant: c.quant,
                    freq: c.freq,
                    reasoning: c.reasoning,
                });
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gran {
    Year,
    Month,
    Day,
    Clock,
}

/// The start point of a value usable as a range end, with its granularity.
fn endpoint(v: &str) -> Option<(String, Gran)> {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if v.starts_with('T') && digits(1..3) {
        return Some((v.to_string(), Gran::Clock));
    }
    if v.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
    {
        let g = if v.len() > 10 && b[10] == b'T' {
            Gran::Clock
        } else {
            Gran::Day
        };
        return Some((v.to_string(), g));
    }
    if v.len() == 7 && digits(0..4) && b[4] == b'-' && digits(5..7) {
        return Some((format!("{v}-01"), Gran::Month));
    }
    if v.len() == 4 && digits(0..4) {
        return Some((format!("{v}-01-01"), Gran::Year));
    }
    None
}

fn minutes_of(v: &str) -> Option<i64> {
    let t = v.split('T').nth(1)?;
    let mut it = t.split(':');
    let h: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next().map_or(Some(0), |x| x.parse().ok())?;
    Some(h * 60 + m)
}

/// A Recognizers-style range value `(begin,end,duration)`, or None.
fn range_value(a: &str, b: &str) -> Option<String> {
    let (sa, ga) = endpoint(a)?;
    let (sb, gb) = endpoint(b)?;
    let dur = match (ga, gb) {
        (Gran::Clock, Gran::Clock) => {
            let d = minutes_of(&sb)? - minutes_of(&sa)?;
            let same_day = sa.split('T').next() == sb.split('T').next();
            if d <= 0 || !same_day {
                return None;
            }
            let (h, m) = (d / 60, d % 60);
            match (h, m) {
                (0, m) => format!("PT{m}M"),
                (h, 0) => format!("PT{h}H"),
                (h, m) => format!("PT{h}H{m}M"),
            }
        }
        (Gran::Clock, _) | (_, Gran::Clock) => return None,
        (Gran::Day, _) | (_, Gran::Day) => {
            let da = NaiveDate::parse_from_str(&sa, "%Y-%m-%d").ok()?;
            let db = NaiveDate::parse_from_str(&sb, "%Y-%m-%d").ok()?;
            let n = (db - da).num_days();
            if n <= 0 {
                return None;
            }
            format!("P{n}D")
        }
        (Gran::Year, Gran::Year) => {
            let n: i32 = sb[..4].parse::<i32>().ok()? - sa[..4].parse::<i32>().ok()?;
            if n <= 0 {
                return None;
            }
            format!("P{n}Y")
        }
        _ => {
            let ya: i32 = sa[..4].parse().ok()?;
            let yb: i32 = sb[..4].parse().ok()?;
            let ma: i32 = sa[5..7].parse().ok()?;
            let mb: i32 = sb[5..7].parse().ok()?;
            let n = (yb - ya) * 12 + mb - ma;
            if n <= 0 {
                return None;
            }
            format!("P{n}M")
        }
    };
    Some(format!("({sa},{sb},{dur})"))
}

#[derive(Clone, Debug, Default)]
struct Cand {
    start: usize,
    end: usize,
    kind: TimeType,
    value: String,
    modifier: Option<&'static str>,
    value_max: Option<String>,
    quant: Option<String>,
    freq: Option<String>,
    reasoning: Option<String>,
    /// A calendar date of day precision, for combining with clock times and parts of day.
    day: Option<NaiveDate>,
    /// Read against the story's quarter (see [`story_quarters`]).
    story_quarter: Option<StoryQuarter>,
    /// "the following year" / "the previous month": (unit code, direction), read against the
    /// last date the text gave with its year (see [`Cx::anaphors`]).
    anaphor: Option<(&'static str, i32)>,
}

/// An expression whose quarter is the one an earnings story is about: "the quarter" (shift 0),
/// "a year earlier" / "the year-ago period" (shift -4), "the 1979 quarter" (that year's).
#[derive(Clone, Copy, Debug)]
struct StoryQuarter {
    shift: i32,
    year: Option<i32>,
}

/// A quarter value `YYYY-Qn` as a running quarter number (`year * 4 + n - 1`).
fn quarter_index(v: &str) -> Option<i32> {
    let (y, q) = v.split_once("-Q")?;
    let (y, q): (i32, i32) = (y.parse().ok()?, q.parse().ok()?);
    (y.to_string().len() == 4 && (1..=4).contains(&q)).then_some(y * 4 + q - 1)
}

fn quarter_value(k: i32) -> String {
    format!("{:04}-Q{}", k.div_euclid(4), k.rem_euclid(4) + 1)
}

/// Resolves story-relative quarters: an earnings report names its quarter in the lede ("the
/// third quarter", "third-quarter profit") and then compares it with "a year earlier", which
/// TimeML reads as the same quarter a year before. The story's quarter is the first one it
/// names within the past year (later ones are outlooks and asides: "the fourth quarter is
/// expected to..."); without
/// one before the expression, it keeps its publication-date value.
fn story_quarters(cands: &mut [Cand], dct: Option<NaiveDate>) {
    let Some(dct) = dct else { return };
    let now = dct.year() * 4 + (dct.month0() / 3) as i32;
    let mut named: Option<i32> = None;
    for c in cands.iter_mut() {
        match c.story_quarter {
            Some(sq) => {
                let Some(q) = named else { continue };
                let k = match sq.year {
                    Some(y) => y * 4 + q.rem_euclid(4),
                    None => q + sq.shift,
                };
                c.value = quarter_value(k);
                c.kind = TimeType::Date;
                c.reasoning = Some(format!(
                    "read against the story's quarter ({}): {}",
                    quarter_value(q),
                    c.value
                ));
            }
            // a quarter reported on lies within the past year ("the third quarter of 1984" is
            // history, not the story's quarter)
            None if c.kind == TimeType::Date && named.is_none() => {
                named = quarter_index(&c.value).filter(|k| (now - 4..=now).contains(k));
            }
            None => {}
        }
    }
}

impl Cand {
    fn new(start: usize, end: usize, kind: TimeType, value: impl Into<String>) -> Cand {
        Cand {
            start,
            end,
            kind,
            value: value.into(),
            ..Default::default()
        }
    }
    fn day(start: usize, end: usize, d: NaiveDate) -> Cand {
        Cand {
            day: Some(d),
            ..Cand::new(start, end, TimeType::Date, ymd(d))
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

struct Cx<'a> {
    t: Vec<Tok<'a>>,
    dct: Option<NaiveDate>,
    doc: &'a Document,
    /// How deep `core` is nested through anchors ("3 days after 2 weeks after Monday"): bounded,
    /// so that a long chain in the text cannot overflow the stack.
    depth: Cell<u8>,
}

/// The largest count read in an offset ("3 days ago"): larger ones are no dates.
const MAX_COUNT: f64 = 100_000.0;

/// The deepest nesting of anchored expressions that is read.
const MAX_DEPTH: u8 = 2;

/// A word joining the two ends of a range ("to", "through", "until", "-"; `rangeto` in
/// `data/lexicon.tsv`).
fn range_to(w: &str) -> bool {
    LEX.get(w, Class::RangeTo).is_some()
}

/// `d` shifted by `k` days, or `None` outside the calendar's range.
fn add_days(d: NaiveDate, k: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(k)?)
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week_of(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let k = y
        .saturating_mul(12)
        .saturating_add(m as i32 - 1)
        .saturating_add(n);
    (k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
}

fn weekday_from(n: i64) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// The `n`th weekday `wd` (1 = Monday) of a month; `n = -1` for the last one.
fn nth_weekday(y: i32, m: u32, wd: u32, n: i32) -> Option<NaiveDate> {
    let wd = weekday_from(wd as i64)?;
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(y, m, wd, n as u8)
    } else {
        let (ny, nm) = add_months(y, m, 1);
        let mut d = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
        while d.weekday() != wd {
            d = d.pred_opt()?;
        }
        Some(d)
    }
}

/// A granularity code from the unit table and its TIMEX3 duration letter(s).
fn unit_letter(u: &str) -> (&'static str, i64, bool) {
    // (letter, multiplier, is time-of-day unit)
    match u {
        "S" => ("S", 1, true),
        "MI" => ("M", 1, true),
        "H" => ("H", 1, true),
        "D" => ("D", 1, false),
        "W" => ("W", 1, false),
        "FN" => ("W", 2, false),
        "MO" => ("M", 1, false),
        "Q" => ("Q", 1, false),
        "Y" => ("Y", 1, false),
        "DE" => ("DE", 1, false),
        "CE" => ("CE", 1, false),
        "WE" => ("WE", 1, false),
        _ => ("D", 1, false),
    }
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// A TIMEX3 duration value for `n` (None = unspecified, `X`) units of granularity `u`.
fn duration(n: Option<f64>, u: &str) -> String {
    let (l, k, t) = unit_letter(u);
    let num = |x: f64| fmt_num(x);
    match (n, l) {
        (Some(0.5), "Y") => "P6M".into(),
        (Some(x), "DE") => format!("P{}Y", num(x * 10.0)),
        (Some(x), "CE") => format!("P{}Y", num(x * 100.0)),
        (Some(x), "Q") => format!("P{}M", num(x * 3.0)),
        (None, "DE") => "P10XY".replace("10X", "X"),
        (None, "CE") => "PXY".into(),
        (None, "Q") => "PXQ".into(),
        (Some(0.5), "H") => "PT30M".into(),
        // "a minute and a half": minutes and seconds (TimeML); "1.5 hours" stays decimal
        (Some(x), "M") if t && x.fract() == 0.5 => format!("PT{}M30S", x as i64),
        (Some(x), _) if t => format!("PT{}{l}", num(x * k as f64)),
        (Some(x), _) => format!("P{}{l}", num(x * k as f64)),
        (None, _) if t => format!("PTX{l}"),
        (None, _) => format!("PX{l}"),
    }
}

/// A duration counted with a vulgar fraction ("2 1/2 years") is written in whole units
/// (`P2Y6M`, `PT5H30M`); a decimal or a spelled half ("1.5 hours", "one and a half hours")
/// keeps the decimal (`PT1.5H`).
fn duration_mixed(n: f64, u: &str) -> String {
    match unit_letter(u) {
        ("Y", 1, _) if n.fract() == 0.5 && n > 1.0 => format!("P{}Y6M", n as i64),
        ("H", 1, _) if n.fract() == 0.5 && n > 1.0 => format!("PT{}H30M", n as i64),
        _ => duration(Some(n), u),
    }
}

const MOD_PREFIXES: &[(&[&str], &str)] = &[
    (&["more", "than"], "MORE_THAN"),
    (&["less", "than"], "LESS_THAN"),
    (&["fewer", "than"], "LESS_THAN"),
    (&["at", "least"], "EQUAL_OR_MORE"),
    (&["at", "most"], "EQUAL_OR_LESS"),
    (&["up", "to"], "EQUAL_OR_LESS"),
    (&["no", "more", "than"], "EQUAL_OR_LESS"),
    (&["nearly"], "APPROX"),
    (&["almost"], "APPROX"),
    (&["about"], "APPROX"),
    (&["around"], "APPROX"),
    (&["roughly"], "APPROX"),
    (&["approximately"], "APPROX"),
];

const EDGE_PREFIXES: &[(&[&str], &str)] = &[
    (&["the", "end", "of"], "END"),
    (&["the", "close", "of"], "END"),
    (&["the", "beginning", "of"], "START"),
    (&["the", "start", "of"], "START"),
    (&["the", "middle", "of"], "MID"),
    (&["the", "first", "half", "of"], "START"),
    (&["the", "second", "half", "of"], "END"),
    (&["the", "early", "part", "of"], "START"),
    (&["the", "latter", "part", "of"], "END"),
    (&["early"], "START"),
    (&["late"], "END"),
    (&["mid"], "MID"),
    (&["middle"], "MID"),
];

impl<'a> Cx<'a> {
    /// Joins "from X to Y", "between X and Y", "X - Y" into one range expression.
    fn ranges(&self, cands: Vec<Cand>) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
        // "4 to 5pm": a bare hour before a clock time takes its half of the day.
        let mut with_hours: Vec<Cand> = Vec::with_capacity(cands.len());
        for b in cands {
            let k = b.start;
            let bare = k >= 2
                && b.kind == TimeType::Time
                && b.value.starts_with('T')
                && matches!(self.w(k - 1), "to" | "-" | "and" | "until" | "till")
                && self.t[k - 2].kind == Kind::Digit
                && self.t[k - 2].s.len() <= 2
                && with_hours.last().is_none_or(|p| p.end <= k - 2);
            if bare {
                if let (Ok(h), Ok(hb)) =
                    (self.w(k - 2).parse::<u32>(), b.value[1..3].parse::<u32>())
                {
                    let h = if hb >= 12 && h < 12 && h + 12 <= hb {
                        h + 12
                    } else {
                        h
                    };
                    if (1..=23).contains(&h) && h < hb {
                        with_hours.push(Cand::new(
                            k - 2,
                            k - 1,
                            TimeType::Time,
                            format!("T{h:02}"),
                        ));
                    }
                }
            }
            with_hours.push(b);
        }
        let mut it = with_hours.into_iter().peekable();
        while let Some(a) = it.next() {
            let pre = a.start > 0 && matches!(self.w(a.start - 1), "from" | "between");
            if let Some(b) = it.peek() {
                let gap = b.start.saturating_sub(a.end);
                let conn = gap == 1
                    && (range_to(self.w(a.end)) || self.is(a.end, "and"))
                    && (self.w(a.end) != "and" || pre);
                if conn
                    && a.kind != TimeType::Duration
                    && b.kind != TimeType::Duration
                    && a.kind != TimeType::Set
                {
                    let (mut av, mut bv) = self.range_years(&a, b);
                    // "between 1:00 tomorrow and 3:00": one end's day dates the other
                    let day_of = |v: &str| {
                        v.split_once('T')
                            .map(|(d, _)| d.to_string())
                            .filter(|d| d.len() == 10)
                    };
                    if av.starts_with('T') {
                        if let Some(d) = day_of(&bv) {
                            av = format!("{d}{av}");
                        }
                    } else if bv.starts_with('T') {
                        if let Some(d) = day_of(&av) {
                            bv = format!("{d}{bv}");
                        }
                    }
                    if let Some(v) = range_value(&av, &bv) {
                        // The interval itself, as TimeML anchors a duration between two
                        // points; its two ends stay as their own expressions.
                        let b = it.next().unwrap_or_default();
                        let clock = v.contains('T');
                        let interval = Cand {
                            start: if pre { a.start - 1 } else { a.start },
                            end: b.end,
                            kind: if clock {
                                TimeType::Time
                            } else {
                                TimeType::Duration
                            },
                            value: v,
                            value_max: Some(bv.clone()),
                            reasoning: Some(format!(
                                "interval from {av} to {bv}, written as (begin,end,duration)"
                            )),
                            ..Default::default()
                        };
                        out.push(interval);
                        out.push(a);
                        out.push(b);
                        continue;
                    }
                }
            }
            // "November 18-19", "May 3rd through 11th": a bare day ends a range of days
            if let Some(r) = self.day_range_after(&a, it.peek().map(|b| b.start)) {
                out.push(r);
            } else if let Some(r) = self.day_range_before(&a, out.last().map(|p| p.end)) {
                out.push(r);
            }
            out.push(a);
        }
        out
    }

    /// Whether an expression writes its year.
    fn written_year(&self, c: &Cand) -> bool {
        (c.start..c.end).any(|k| {
            let t = &self.t[k];
            t.kind == Kind::Digit && t.s.len() == 4
                || t.s == "'" && self.t.get(k + 1).is_some_and(|n| n.kind == Kind::Digit)
        })
    }

    /// The two ends of a range of dates with their years settled: an end without its year
    /// takes the other's ("from February to May 2013", "Oct 3-Nov 9, 2013"), and the end
    /// comes after the start ("from November to March" crosses a new year).
    fn range_years(&self, a: &Cand, b: &Cand) -> (String, String) {
        let (mut av, mut bv) = (a.value.clone(), b.value.clone());
        let dated = |v: &str| {
            v.len() >= 7
                && v.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && v.as_bytes()[4] == b'-'
                && v.as_bytes()[5].is_ascii_digit()
                && !v.contains('T')
        };
        if !dated(&av) || !dated(&bv) {
            return (av, bv);
        }
        // "this May" settles its year as a written one does
        let fixed = |c: &Cand| {
            self.written_year(c)
                || (c.start..c.end).any(|k| matches!(self.w(k), "this" | "next" | "last"))
        };
        let (ya, yb) = (fixed(a), fixed(b));
        let year = |v: &str| v[..4].parse::<i32>().unwrap_or(0);
        let key = |v: &str| endpoint(v).map(|e| e.0).unwrap_or_default();
        // "from next Tuesday to Thursday": a weekday end is the first one after the start
        let weekday_end = (b.start..b.end).any(|k| LEX.int(self.w(k), Class::Weekday).is_some());
        if weekday_end && bv.len() == 10 && av.len() == 10 {
            if let (Ok(da), Ok(mut db)) = (
                NaiveDate::parse_from_str(&av, "%Y-%m-%d"),
                NaiveDate::parse_from_str(&bv, "%Y-%m-%d"),
            ) {
                while db <= da {
                    db += Duration::weeks(1);
                }
                return (av, ymd(db));
            }
        }
        if !ya && (yb || av.len() == bv.len()) {
            av = format!("{}{}", &bv[..4], &av[4..]);
            if key(&av) > key(&bv) {
                av = format!("{:04}{}", year(&av) - 1, &av[4..]);
            }
        } else if !yb && key(&bv) < key(&av) && av.len() == bv.len() {
            let y = if ya { year(&av) } else { year(&bv) };
            bv = format!("{:04}{}", y + 1, &bv[4..]);
            if !ya && key(&bv) > key(&av) && year(&bv) - year(&av) > 1 {
                bv = format!("{:04}{}", year(&av) + 1, &bv[4..]);
            }
        }
        (av, bv)
    }

    /// A range ended by a bare day after a full date: "November 18-19", "April 9th through
    /// the 17th". `next` is where the next expression starts.
    fn day_range_after(&self, a: &Cand, next: Option<usize>) -> Option<Cand> {
        if a.kind != TimeType::Date || a.value.len() != 10 {
            return None;
        }
        let da = NaiveDate::parse_from_str(&a.value, "%Y-%m-%d").ok()?;
        let conn = self.w(a.end);
        let pre = a.start > 0 && matches!(self.w(a.start - 1), "from" | "between");
        let joins = range_to(conn) || conn == "and" && pre;
        if !joins {
            return None;
        }
        let k = if self.is(a.end + 1, "the") {
            a.end + 2
        } else {
            a.end + 1
        };
        let (d, e) = self.day_num(k)?;
        if next.is_some_and(|n| n < e)
            || self.month(e).is_some()
            || self.is(e, ":")
            || self.glued_digit_after(e)
        {
            return None;
        }
        let db = if d > da.day() {
            da.with_day(d)?
        } else {
            let (y, m) = add_months(da.year(), da.month(), 1);
            NaiveDate::from_ymd_opt(y, m, d)?
        };
        let v = range_value(&a.value, &ymd(db))?;
        let mut c = Cand::new(
            if pre { a.start - 1 } else { a.start },
            e,
            TimeType::Duration,
            v,
        );
        c.value_max = Some(ymd(db));
        Some(c)
    }

    /// A range begun by a bare day before a full date: "4 to 8 of July", "between the ninth
    /// and the seventeenth of April". `prev` is where the previous expression ends.
    fn day_range_before(&self, b: &Cand, prev: Option<usize>) -> Option<Cand> {
        if b.kind != TimeType::Date || b.value.len() != 10 || b.start < 2 {
            return None;
        }
        let db = NaiveDate::parse_from_str(&b.value, "%Y-%m-%d").ok()?;
        let conn = self.w(b.start - 1);
        if !(range_to(conn) || conn == "and") {
            return None;
        }
        let (s, d) =
            (b.start.saturating_sub(4)..b.start - 1).find_map(|s| match self.day_num(s) {
                Some((d, e)) if e == b.start - 1 => Some((s, d)),
                _ => None,
            })?;
        // not the day of a date before it ("10/1-11/7")
        if s > 0 && self.glued(s) && matches!(self.w(s - 1), "/" | "-" | ".") {
            return None;
        }
        let s = if s > 0 && self.is(s - 1, "the") {
            s - 1
        } else {
            s
        };
        let pre = s > 0 && matches!(self.w(s - 1), "from" | "between");
        if conn == "and" && !pre || d >= db.day() || prev.is_some_and(|p| p > s) {
            return None;
        }
        let da = db.with_day(d)?;
        let v = range_value(&ymd(da), &b.value)?;
        let mut c = Cand::new(if pre { s - 1 } else { s }, b.end, TimeType::Duration, v);
        c.value_max = Some(b.value.clone());
        Some(c)
    }

    /// "On May 22, 1995, ... and the following year": "the following/previous year (month)"
    /// counts from the last date written with its year, not from the publication date.
    fn anaphors(&self, cands: &mut [Cand]) {
        let mut anchor: Option<(i32, Option<u32>)> = None;
        for c in cands.iter_mut() {
            if let Some((u, dir)) = c.anaphor {
                let v = match (u, anchor) {
                    ("Y", Some((y, _))) => format!("{:04}", y + dir),
                    ("MO", Some((y, Some(m)))) => {
                        let (y, m) = add_months(y, m, dir);
                        format!("{y:04}-{m:02}")
                    }
                    _ => continue,
                };
                c.reasoning = Some(format!("counted from the last dated expression: {v}"));
                c.value = v;
                continue;
            }
            let written_year =
                (c.start..c.end).any(|k| self.t[k].kind == Kind::Digit && self.t[k].s.len() == 4);
            if c.kind != TimeType::Date || !written_year {
                continue;
            }
            let b = c.value.as_bytes();
            let digits = |r: std::ops::Range<usize>| {
                b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit))
            };
            if !digits(0..4) || b.len() > 4 && b[4] != b'-' {
                continue;
            }
            let y: i32 = c.value[..4].parse().unwrap_or(0);
            let m = if digits(5..7) {
                c.value[5..7].parse().ok()
            } else {
                None
            };
            anchor = Some((y, m));
        }
    }

    fn w(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| t.s)
    }
    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }
    /// Token `i` is attached to the previous one (no space between).
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.sp)
    }
    fn seq(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }
    /// Skips an optional abbreviation period.
    fn dot(&self, i: usize) -> usize {
        if self.is(i, ".") && self.glued(i) {
            i + 1
        } else {
            i
        }
    }

    // ---------- numbers ----------

    /// A small cardinal (digits or words, up to 99 in words); returns (value, next index).
    fn num(&self, i: usize, allow_article: bool) -> Option<(f64, usize)> {
        let t = self.t.get(i)?;
        if t.kind == Kind::Digit {
            if t.s.len() > 6 {
                return None;
            }
            let mut v: f64 = t.s.parse().ok()?;
            let mut j = i + 1;
            // 1.5 / 2,000
            if (self.is(j, ".") || self.is(j, ","))
                && self.glued(j)
                && self
                    .t
                    .get(j + 1)
                    .is_some_and(|n| n.kind == Kind::Digit && !n.sp)
            {
                let frac = self.w(j + 1);
                if self.is(j, ".") {
                    v += format!("0.{frac}").parse::<f64>().ok()?;
                } else if frac.len() == 3 {
                    v = v * 1000.0 + frac.parse::<f64>().ok()?;
                } else {
                    return Some((v, j));
                }
                j += 2;
            }
            // "2 1/2 years"
            if self.t.get(j).is_some_and(|x| x.kind == Kind::Digit && x.sp)
                && self.is(j + 1, "/")
                && self.glued(j + 1)
                && self.glued(j + 2)
            {
                if let (Ok(a), Ok(b)) = (self.w(j).parse::<f64>(), self.w(j + 2).parse::<f64>()) {
                    if b > a && b > 0.0 {
                        return Some((v + a / b, j + 3));
                    }
                }
            }
            return Some((v, j));
        }
        if t.kind != Kind::Alpha {
            return None;
        }
        if (t.s == "a" || t.s == "an") && !allow_article {
            return None;
        }
        if t.s == "a" && self.is(i + 1, "few") {
            return None;
        }
        if t.s == "a" && self.seq(i + 1, &["couple", "of"]) {
            return Some((2.0, i + 3));
        }
        // "the next couple of years"
        if t.s == "couple" && self.is(i + 1, "of") {
            return Some((2.0, i + 2));
        }
        let mut v = LEX.int(t.s, Class::Num)? as f64;
        let mut j = i + 1;
        if (20..=90).contains(&(v as i64)) && v as i64 % 10 == 0 {
            let k = if self.is(j, "-") { j + 1 } else { j };
            if let Some(u) = LEX.int(self.w(k), Class::Num) {
                if (1..=9).contains(&u) && !matches!(self.w(k), "a" | "an") {
                    v += u as f64;
                    j = k + 1;
                }
            }
        }
        if self.is(j, "hundred") && v < 10.0 {
            v *= 100.0;
            j += 1;
        }
        if let Some((f, e)) = self.and_fraction(j) {
            v += f;
            j = e;
        }
        Some((v, j))
    }

    /// A one-letter unit glued to its digits: "3h" (any case), "10D", "2W", "3Y" (capitals
    /// only, so that "3d" or "2w" written as other things stay out).
    fn short_unit(&self, uj: usize) -> Option<&'static str> {
        let t = self.t.get(uj)?;
        let digit_before = uj > 0 && self.t[uj - 1].kind == Kind::Digit;
        let glued_after = self
            .t
            .get(uj + 1)
            .is_some_and(|n| !n.sp && n.kind != Kind::Punct);
        if !digit_before || t.sp || glued_after {
            return None;
        }
        match t.raw {
            "h" | "H" => Some("H"),
            "D" => Some("D"),
            "W" => Some("W"),
            "Y" => Some("Y"),
            _ => None,
        }
    }

    /// "two nights", "1 night" as a stay: days (a count, not "a night": "$50 a night").
    fn nights_unit(&self, k: usize, uj: usize) -> Option<&'static str> {
        (matches!(self.w(uj), "night" | "nights") && !matches!(self.w(k), "a" | "an"))
            .then_some("D")
    }

    /// "on the 18th" standing alone at the end of a clause: a day of an unnamed month.
    fn bare_day_ordinal(&self, i: usize) -> Option<Cand> {
        if i == 0
            || !matches!(self.w(i - 1), "on" | "of" | "by" | "until" | "till")
            || !self.is(i, "the")
            || self.t.get(i + 1)?.kind != Kind::Digit
        {
            return None;
        }
        let (n, e) = self.ordinal(i + 1)?;
        if !(1..=31).contains(&n) || !matches!(self.w(e), "." | "," | "?" | "!" | ";" | "") {
            return None;
        }
        Some(Cand::new(i, e, TimeType::Date, format!("XXXX-XX-{n:02}")))
    }

    /// "April of 87": two digits after "of" that end the phrase, a year within the century
    /// before ten years past the publication year.
    fn short_year_after_of(&self, k: usize) -> Option<(i32, usize)> {
        let t = self.t.get(k)?;
        if k == 0 || !self.is(k - 1, "of") || t.kind != Kind::Digit || t.s.len() != 2 {
            return None;
        }
        if self.t.get(k + 1).is_some_and(|n| n.kind != Kind::Punct) {
            return None;
        }
        let yy: i32 = t.s.parse().ok()?;
        let limit = self.dct.map_or(2030, |d| d.year() + 10);
        let y = if 2000 + yy <= limit {
            2000 + yy
        } else {
            1900 + yy
        };
        Some((y, k + 1))
    }

    /// "and a half", "and half", "and a quarter" after a count or a unit: the fraction added.
    fn and_fraction(&self, j: usize) -> Option<(f64, usize)> {
        if !self.is(j, "and") {
            return None;
        }
        let k = if self.is(j + 1, "a") { j + 2 } else { j + 1 };
        match self.w(k) {
            "half" => Some((0.5, k + 1)),
            "quarter" if k == j + 2 => Some((0.25, k + 1)),
            _ => None,
        }
    }

    /// An ordinal 1..31: "3rd", "third", "twenty-first", "thirty first".
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        if t.kind == Kind::Digit {
            let n: u32 = t.s.parse().ok()?;
            if matches!(self.w(i + 1), "st" | "nd" | "rd" | "th") && self.glued(i + 1) {
                return Some((n, i + 2));
            }
            return None;
        }
        if let Some(n) = LEX.int(t.s, Class::Ord) {
            if n > 0 {
                return Some((n as u32, i + 1));
            }
        }
        if matches!(t.s, "twenty" | "thirty") {
            let k = if self.is(i + 1, "-") { i + 2 } else { i + 1 };
            if let Some(u) = LEX.int(self.w(k), Class::Ord) {
                if (1..=9).contains(&u) {
                    let base = if t.s == "twenty" { 20 } else { 30 };
                    return Some((base + u as u32, k + 1));
                }
            }
        }
        None
    }

    /// A day of month: digits 1..31 (optionally with a suffix) or an ordinal.
    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        let (d, j) = if t.kind == Kind::Digit {
            if t.s.len() > 2 {
                return None;
            }
            if let Some(o) = self.ordinal(i) {
                o
            } else {
                (t.s.parse().ok()?, i + 1)
            }
        } else {
            self.ordinal(i)?
        };
        // not "12.5", "12:30", "12,000"
        let digit_after = |k: usize| {
            self.t
                .get(k)
                .is_some_and(|m| !m.sp && m.kind == Kind::Digit)
        };
        if self.t.get(j).is_some_and(|n| {
            !n.sp && (n.s == "%" || n.s == ":" && digit_after(j + 1))
                || (n.s == "," || n.s == ".")
                    && self
                        .t
                        .get(j + 1)
                        .is_some_and(|m| !m.sp && m.kind == Kind::Digit && m.s.len() == 3)
        }) {
            return None;
        }
        (1..=31).contains(&d).then_some((d, j))
    }

    /// A four-digit year 1000..2199, or `'98`.
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.t.get(i)?;
        if t.s == "'"
            && self
                .t
                .get(i + 1)
                .is_some_and(|n| n.kind == Kind::Digit && n.s.len() == 2 && !n.sp)
        {
            if self
                .t
                .get(i + 2)
                .is_some_and(|n| !n.sp && n.kind == Kind::Alpha)
            {
                return None;
            }
            let y: i32 = self.w(i + 1).parse().ok()?;
            return Some((if y < 30 { 2000 + y } else { 1900 + y }, i + 2));
        }
        if t.kind != Kind::Digit || t.s.len() != 4 {
            return None;
        }
        let y: i32 = t.s.parse().ok()?;
        if !(1000..=2199).contains(&y) {
            return None;
        }
        // "2015-32", "14 - 2013": numbers joined by a dash are not years
        let dash_digit = |a: usize, b: usize| {
            self.is(a, "-")
                && self.t.get(b).is_some_and(|x| x.kind == Kind::Digit)
                && !self.year_pair(a)
        };
        if dash_digit(i + 1, i + 2) || i >= 2 && dash_digit(i - 1, i - 2) {
            return None;
        }
        if let Some(n) = self.t.get(i + 1) {
            if !n.sp && (n.kind == Kind::Digit || n.kind == Kind::Alpha && n.s != "s") {
                return None;
            }
            if !n.sp
                && matches!(n.s, "," | "." | ":" | "%")
                && self
                    .t
                    .get(i + 2)
                    .is_some_and(|m| !m.sp && m.kind == Kind::Digit)
            {
                return None;
            }
        }
        if i > 0 {
            let p = &self.t[i - 1];
            if matches!(p.s, "$" | "#" | "\u{a3}" | "\u{20ac}")
                || (!t.sp
                    && matches!(p.s, "." | "," | ":" | "-" | "/")
                    && i >= 2
                    && self.t[i - 2].kind == Kind::Digit
                    && !self.year_pair(i - 1))
            {
                return None;
            }
        }
        Some((y, i + 1))
    }

    /// "2014-2018": a dash at `k` between two years, the second the later.
    fn year_pair(&self, k: usize) -> bool {
        if k == 0 || !self.is(k, "-") {
            return false;
        }
        let y = |i: usize| {
            self.t
                .get(i)
                .filter(|x| x.kind == Kind::Digit && x.s.len() == 4)
                .and_then(|x| x.s.parse::<i32>().ok())
                .filter(|y| (1000..=2199).contains(y))
        };
        // not inside a longer number ("138-2010-2015")
        let glued_on = |i: usize| {
            self.t
                .get(i)
                .is_some_and(|x| !x.sp && (x.kind == Kind::Digit || x.s == "-"))
        };
        matches!((y(k - 1), y(k + 1)), (Some(a), Some(b)) if a < b && b - a <= 100)
            && self
                .t
                .get(k + 2)
                .is_none_or(|x| x.sp || x.kind == Kind::Punct)
            && !glued_on(k + 2)
            && !(k >= 2 && !self.t[k - 1].sp && glued_on(k - 2))
    }

    /// A year said in words, as transcripts write it: "nineteen ninety-seven", "two thousand",
    /// "two thousand and one". Only after a month or "the year", where a count cannot stand.
    fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
        let century = |k: usize| {
            let (c, e) = self.num(k, false)?;
            (self.t[k].kind == Kind::Alpha && c.fract() == 0.0 && (10.0..=21.0).contains(&c))
                .then_some((c as i32, e))
        };
        let (y, j) = if self.is(i, "nineteen") {
            let (n, j) = self.num(i + 1, false)?;
            if !(10.0..100.0).contains(&n) || n.fract() != 0.0 {
                return None;
            }
            (1900 + n as i32, j)
        } else if let Some((c, e)) = century(i).filter(|(_, e)| self.is(*e, "hundred")) {
            // "eighteen hundred forty one", "nineteen hundred and ninety"
            let k = if self.is(e + 1, "and") { e + 2 } else { e + 1 };
            match self.num(k, false) {
                Some((n, j)) if (1.0..100.0).contains(&n) && n.fract() == 0.0 => {
                    (c * 100 + n as i32, j)
                }
                _ => (c * 100, e + 1),
            }
        } else if self.seq(i, &["two", "thousand"]) {
            let k = if self.is(i + 2, "and") { i + 3 } else { i + 2 };
            match self.num(k, false) {
                Some((n, j)) if (1.0..100.0).contains(&n) && n.fract() == 0.0 => {
                    (2000 + n as i32, j)
                }
                _ => (2000, i + 2),
            }
        } else {
            return None;
        };
        Some((y, j))
    }

    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        let m = LEX.int(t.s, Class::Month)? as u32;
        let full = t.s.len() >= 5 || matches!(t.s, "june" | "july" | "may");
        let j = if full { i + 1 } else { self.dot(i + 1) };
        if !full && j == i + 1 && t.s != "may" {
            // An abbreviation without its period needs a day or year next to it.
            let next_num = self.t.get(j).is_some_and(|n| n.kind == Kind::Digit);
            // "Oct to February"
            let month_end = range_to(self.w(j)) && LEX.int(self.w(j + 1), Class::Month).is_some();
            let comma_year = self.is(j, ",") && self.year(j + 1).is_some();
            if !next_num && !self.is(j, "-") && !self.is(j, "/") && !month_end && !comma_year {
                return None;
            }
        }
        Some((m, j))
    }

    /// Whether a month word is read as a month here (guards "may" the verb, "march" the noun).
    fn month_ok(&self, i: usize, with_day_or_year: bool) -> bool {
        let t = &self.t[i];
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        match t.s {
            "may" | "march" => {
                if !t.upper() {
                    let prep = matches!(
                        prev,
                        "on" | "in"
                            | "of"
                            | "since"
                            | "until"
                            | "till"
                            | "by"
                            | "before"
                            | "after"
                            | "from"
                            | "to"
                            | "through"
                            | "last"
                            | "next"
                            | "this"
                            | "early"
                            | "late"
                            | "mid"
                    );
                    return with_day_or_year && (t.s == "march" || prep);
                }
                if with_day_or_year {
                    return true;
                }
                let cue = matches!(
                    prev,
                    "in" | "of"
                        | "since"
                        | "until"
                        | "till"
                        | "by"
                        | "last"
                        | "this"
                        | "next"
                        | "early"
                        | "late"
                        | "mid"
                        | "during"
                        | "before"
                        | "after"
                        | "from"
                        | "through"
                        | "to"
                        | "and"
                        | "-"
                        | "between"
                        | "on"
                        | "each"
                        | "every"
                        | "end"
                        | "beginning"
                        | "middle"
                );
                let next = self.w(self.dot(i + 1));
                let verb_next = t.s == "may"
                    && self.t.get(i + 1).is_some_and(|n| n.kind == Kind::Alpha)
                    && !matches!(
                        next,
                        "and" | "or" | "to" | "through" | "until" | "last" | "this" | "next"
                    );
                // "from April to June": a month at the other end
                let month_end =
                    range_to(next) && LEX.int(self.w(self.dot(i + 1) + 1), Class::Month).is_some();
                let noun_next = t.s == "march"
                    && !month_end
                    && matches!(
                        next,
                        "on" | "to"
                            | "against"
                            | "through"
                            | "for"
                            | "of"
                            | "in"
                            | "from"
                            | "was"
                            | "is"
                            | "will"
                    );
                month_end
                    || cue && !verb_next && !noun_next
                    || (!verb_next
                        && !noun_next
                        && !matches!(
                            prev,
                            "a" | "the"
                                | "their"
                                | "his"
                                | "her"
                                | "its"
                                | "our"
                                | "you"
                                | "we"
                                | "they"
                                | "i"
                                | "he"
                                | "she"
                                | "it"
                                | "who"
                                | "which"
                                | "that"
                        )
                        && matches!(next, "." | "," | ";" | ")" | "and" | "or" | "when" | "as"))
            }
            _ => {
                let full = t.s.len() > 3;
                full || with_day_or_year || t.upper()
            }
        }
    }

    // ---------- tense ----------

    fn tense(&self, a: usize, b: usize) -> (Tense, String) {
        let (lo, hi) = self.sentence(a);
        // Syntax tags first.
        let mut best: Option<(usize, Tense, &str)> = None;
        let mut consider = |k: usize, tn: Tense, w: &'a str| {
            let d = if k < a {
                a - k
            } else {
                k.saturating_sub(b) + 1
            };
            // cues before the expression weigh a little more
            let d = if k < a { d * 2 } else { d * 3 };
            if best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, tn, w));
            }
        };
        let tagged = !self.doc.tokens.is_empty()
            && self.doc.tokens.iter().take(50).any(|t| t.xpos.is_some());
        for k in lo..hi {
            if (a..b).contains(&k) {
                continue;
            }
            let t = &self.t[k];
            let xpos = if tagged {
                let dt = &self.doc.tokens;
                let p = dt.partition_point(|x| x.start < t.start);
                dt.get(p)
                    .filter(|x| x.start == t.start)
                    .map(|x| x.xpos.as_deref())
            } else {
                None
            };
            // "due to" and "next to" are not future; "the plan" is a noun
            let to = self.is(k + 1, "to");
            let future = (LEX.is(t.s, Class::Fut) && !to || LEX.is(t.s, Class::FutTo) && to)
                && !matches!(xpos, Some(Some("NN" | "NNS")));
            if future {
                // a future seen from the past ("had been due to expire Friday") is past
                let seen_from_past = k >= 1 && matches!(self.w(k - 1), "had" | "been")
                    || k >= 2 && self.is(k - 2, "had");
                let tn = if seen_from_past {
                    Tense::Past
                } else {
                    Tense::Future
                };
                consider(k, tn, t.s);
                continue;
            }
            if let Some(xpos) = xpos {
                {
                    match xpos {
                        Some("MD") if matches!(t.s, "will" | "ll" | "shall" | "wo") => {
                            consider(k, Tense::Future, t.s)
                        }
                        Some("VBD") => consider(k, Tense::Past, t.s),
                        // a bare participle ("the ruling, announced Wednesday"), as the
                        // untagged -ed rule below; not "will be announced Monday"
                        Some("VBN")
                            if !matches!(
                                self.w(k.wrapping_sub(1)),
                                "be" | "is" | "are" | "been" | "being" | "will" | "to"
                            ) =>
                        {
                            consider(k, Tense::Past, t.s)
                        }
                        Some("VBZ" | "VBP") if !matches!(t.s, "has" | "have") => {
                            consider(k, Tense::Present, t.s)
                        }
                        _ => {}
                    }
                    continue;
                }
            }
            if LEX.is(t.s, Class::Past) {
                consider(k, Tense::Past, t.s);
            } else if LEX.is(t.s, Class::Pres) {
                consider(k, Tense::Present, t.s);
            } else if t.kind == Kind::Alpha
                && t.s.len() >= 5
                && t.s.ends_with("ed")
                && !t.upper()
                && !matches!(
                    self.w(k.wrapping_sub(1)),
                    "be" | "is" | "are" | "been" | "being" | "will" | "the" | "a"
                )
            {
                consider(k, Tense::Past, t.s);
            }
        }
        match best {
            Some((_, tn, w)) => (tn, w.to_string()),
            None => (Tense::Unknown, String::new()),
        }
    }

    /// Token range of the sentence around token `i` (heuristic unless segmented).
    fn sentence(&self, i: usize) -> (usize, usize) {
        if let Some(si) = self.doc.sentence_at(self.t[i].start) {
            let s = &self.doc.sentences[si];
            let lo = self.t.partition_point(|t| t.start < s.start);
            let hi = self.t.partition_point(|t| t.start < s.end);
            return (lo, hi.max(i + 1));
        }
        let boundary = |k: usize| -> bool {
            let t = &self.t[k];
            if t.nl {
                return true;
            }
            matches!(t.s, "!" | "?" | ";")
                || t.s == "."
                    && self
                        .t
                        .get(k + 1)
                        .is_none_or(|n| n.upper() || n.kind == Kind::Punct)
                    && k > 0
                    && (self.t[k - 1].s.len() > 3 || self.t[k - 1].kind == Kind::Digit)
        };
        let mut lo = i;
        while lo > 0 && i - lo < 60 && !boundary(lo - 1) && !self.t[lo].nl {
            lo -= 1;
        }
        let mut hi = i + 1;
        while hi < self.t.len() && hi - i < 60 && !boundary(hi - 1) && !self.t[hi].nl {
            hi += 1;
        }
        (lo, hi)
    }

    // ---------- the grammar ----------

    /// The best (longest) expression starting at token `i`.
    fn best(&self, i: usize) -> Option<Cand> {
        let t = self.t.get(i)?;
        if t.kind == Kind::Punct && t.s != "'" {
            return None;
        }
        if i > 0 && !t.sp && self.t[i - 1].kind == Kind::Alpha && t.kind == Kind::Alpha {
            return None;
        }
        if t.kind == Kind::Alpha && !LEX.starters.contains(t.s) {
            return None;
        }
        // Modifier prefixes: "more than two weeks", "about 3 p.m.", "the end of the month".
        let core = self.core(i);
        let mut best = core.clone();
        for (words, m) in MOD_PREFIXES.iter().chain(EDGE_PREFIXES) {
            if self.seq(i, words) {
                let mut k = i + words.len();
                if matches!(*m, "START" | "END" | "MID") && self.is(k, "-") {
                    k += 1;
                }
                if let Some(mut c) = self.core(k) {
                    let edge = matches!(*m, "START" | "END" | "MID");
                    let ok = if edge {
                        c.kind == TimeType::Date
                            && !c.value.contains("REF")
                            && c.value
                                .chars()
                                .next()
                                .is_some_and(|ch| ch.is_ascii_digit() || ch == 'X')
                    } else {
                        c.kind == TimeType::Duration
                            || c.kind == TimeType::Time
                            || (*m == "APPROX"
                                && c.kind == TimeType::Date
                                && !c.value.contains("REF"))
                    };
                    if ok && best.as_ref().is_none_or(|b| c.end > b.end) {
                        c.start = i;
                        c.modifier = Some(m);
                        if edge && words[0] == "mid" || words[0] == "middle" {
                            c.modifier = Some("MID");
                        }
                        best = Some(c);
                    }
                }
            }
        }
        for c in [
            self.clock_range_day(i),
            self.clock_range_pod(i),
            self.clock_for(i, core.as_ref()),
            self.clock_range_words(i),
        ]
        .into_iter()
        .flatten()
        {
            if best.as_ref().is_none_or(|b| c.end > b.end) {
                best = Some(c);
            }
        }
        // "earlier this month", "later this year"
        if matches!(t.s, "earlier" | "later") && matches!(self.w(i + 1), "this" | "in") {
            if let Some(mut c) = self.core(i + 1) {
                if c.kind == TimeType::Date && best.as_ref().is_none_or(|b| c.end > b.end) {
                    c.start = i;
                    best = Some(c);
                }
            }
        }
        best
    }

    fn core(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut take = |c: Option<Cand>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        };
        take(self.phrase(i));
        take(self.holiday(i));
        take(self.numeric_date(i));
        take(self.mixed_date(i));
        take(self.month_date(i));
        take(self.day_month(i));
        take(self.year_expr(i));
        take(self.weekday(i));
        take(self.relative(i));
        take(self.ago(i));
        take(self.quarter(i));
        take(self.year_period(i));
        take(self.week_expr(i));
        take(self.spoken_year_expr(i));
        take(self.holiday_weekend(i));
        take(self.duration_expr(i));
        take(self.set_expr(i));
        take(self.clock(i));
        take(self.part_of_day(i));
        take(self.bare_day_ordinal(i));
        let mut c = best?;
        if let Some(w) = self.weekday_in_week(&c) {
            c = w;
        }
        // A clock range on a day: "tomorrow from 10am to noon", "Monday 8-9am",
        // "tonight from 7 to 9".
        let day_or_pod = match (c.day, pod_value(&c.value)) {
            (Some(d), _) if c.kind == TimeType::Date => Some((ymd(d), "")),
            (_, Some((date, pod))) if c.kind == TimeType::Time => Some((date.to_string(), pod)),
            _ => None,
        };
        if let Some((date, pod)) = day_or_pod {
            let mut j = c.end;
            let mut pod = pod;
            if pod.is_empty() {
                if let Some((p, k)) = self.pod_after(j) {
                    pod = p;
                    j = k;
                }
            }
            let k = if matches!(self.w(j), "," | "at" | "on") {
                j + 1
            } else {
                j
            };
            if let Some((a, b, e, x, _)) = self.clock_range(k) {
                if let Some(r) = self.clock_interval(c.start, e, &date, pod, &a, &b, x) {
                    return Some(r);
                }
            }
        }
        // Attach a clock time or a part of day to a day ("Friday night", "tomorrow 8am").
        if let Some(d) = c.day {
            let j = c.end;
            if let Some((pod, k)) = self.pod_after(j).or_else(|| self.half_day_after(j)) {
                c = Cand {
                    end: k,
                    kind: TimeType::Time,
                    value: format!("{}T{pod}", ymd(d)),
                    ..c
                };
                // "Saturday early morning at 7:00"
                let k2 = self.clock_sep(k);
                if k2 > k {
                    if let Some((clk, e, explicit)) = self.loose_clock(k2) {
                        c.value = format!("{}T{}", ymd(d), pm_shift(&clk, explicit, pod));
                        c.end = e;
                    }
                }
            } else {
                let k = self.clock_sep(j);
                let clock = if k > j {
                    self.loose_clock(k)
                } else {
                    // "april ninth ten fifteen": a time said in words right after the day
                    self.clock_full(k).or_else(|| {
                        self.range_clock(k)
                            .filter(|r| !r.3 && self.t[k].kind == Kind::Alpha)
                            .map(|(v, e, x, _)| (v, e, x))
                    })
                };
                if let Some((mut clk, mut k2, explicit)) = clock {
                    // "Thursday by 3 in the afternoon"
                    if let Some((pod, k3)) = self.pod_after(k2).filter(|_| self.is(k2, "in")) {
                        clk = pm_shift(&clk, explicit, pod);
                        k2 = k3;
                    }
                    c = Cand {
                        end: k2,
                        kind: TimeType::Time,
                        value: format!("{}T{clk}", ymd(d)),
                        ..c
                    };
                }
            }
        } else if c.kind == TimeType::Set && c.value.starts_with("XXXX-WXX-") && c.value.len() == 10
        {
            // "Thursdays at 10am"
            if self.is(c.end, "at") {
                if let Some((clk, k2, _)) = self.loose_clock(c.end + 1) {
                    c = Cand {
                        end: k2,
                        value: format!("{}T{clk}", c.value),
                        ..c
                    };
                }
            }
        } else if let Some((date, pod)) = pod_value(&c.value)
            .or_else(|| {
                let p = c.value.strip_prefix('T')?;
                (p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase())).then_some(("", p))
            })
            .filter(|_| c.kind == TimeType::Time)
        {
            // "tonight at 11", "last night at 9", "in the morning at 6": the part of day
            // settles the half of the day
            let k = self.clock_sep(c.end);
            if k > c.end {
                if let Some((clk, k2, explicit)) = self.loose_clock(k) {
                    let clk = pm_shift(&clk, explicit, pod);
                    let start =
                        if c.start > 0 && self.is(c.start, "the") && self.is(c.start - 1, "in") {
                            c.start - 1
                        } else {
                            c.start
                        };
                    c = Cand {
                        start,
                        end: k2,
                        value: format!("{date}T{clk}"),
                        day: None,
                        ..c
                    };
                }
            }
        }
        if pod_value(&c.value).is_some() {
            if let Some(w) = self.weekday_in_week(&c) {
                return Some(w);
            }
        }
        Some(c)
    }

    /// A clock time, or a bare hour as one end of a clock range ("5" in "4 to 5pm"): value,
    /// end, whether its half of the day is written, whether it is a bare number.
    fn range_clock(&self, i: usize) -> Option<(String, usize, bool, bool)> {
        if let Some((v, e, x)) = self.clock_full(i) {
            return Some((v, e, x, false));
        }
        let t = self.t.get(i)?;
        if t.kind == Kind::Alpha {
            // "four to six": an hour in words
            let (n, e) = self.num(i, false)?;
            if n.fract() != 0.0 || !(1.0..=12.0).contains(&n) || e != i + 1 {
                return None;
            }
            // "six pm", "nine thirty", "two fifteen p m", "seven twenty-seven"
            let mut e = e;
            let mut min = None;
            if let Some((m, e2)) = self
                .num(e, false)
                .filter(|(m, _)| m.fract() == 0.0 && (10.0..60.0).contains(m))
                .filter(|_| self.t[e].kind == Kind::Alpha)
            {
                min = Some(m as u32);
                e = e2;
                if matches!(self.w(e), "minutes" | "minute") {
                    e += 1;
                }
            }
            let pm = match (self.w(e), self.w(e + 1)) {
                ("am" | "pm", _) => {
                    e += 1;
                    Some(self.w(e - 1) == "pm")
                }
                ("a" | "p", "m") => {
                    e += 2;
                    Some(self.w(e - 2) == "p")
                }
                ("a" | "p", ".") if self.is(e + 2, "m") => {
                    let p = self.w(e) == "p";
                    e += 3;
                    if self.is(e, ".") {
                        e += 1;
                    }
                    Some(p)
                }
                _ => None,
            };
            let mut h = n as u32;
            match pm {
                Some(true) if h < 12 => h += 12,
                Some(false) if h == 12 => h = 0,
                _ => {}
            }
            let v = match min {
                Some(m) => format!("{h:02}:{m:02}"),
                None => format!("{h:02}"),
            };
            return Some((v, e, pm.is_some(), pm.is_none() && min.is_none()));
        }
        // "between 0730-0930": four-digit clock times as range ends
        if t.kind == Kind::Digit && t.s.len() == 4 && t.s.starts_with(['0', '1', '2']) {
            let ctx = i > 0 && matches!(self.w(i - 1), "between" | "from" | "-" | "to");
            let (h, m): (u32, u32) = (t.s[..2].parse().ok()?, t.s[2..].parse().ok()?);
            if ctx && h < 24 && m < 60 && !self.glued_digit_after(i + 1) {
                return Some((format!("{h:02}:{m:02}"), i + 1, true, false));
            }
            return None;
        }
        if t.kind != Kind::Digit || t.s.len() > 2 {
            return None;
        }
        let h: u32 = t.s.parse().ok()?;
        if h > 24
            || self
                .t
                .get(i + 1)
                .is_some_and(|n| !n.sp && n.kind != Kind::Punct)
        {
            return None;
        }
        // not "5.5", "3/4", "2,000", nor the decimals of "37.1"
        if matches!(self.w(i + 1), "." | ":" | "/" | ",") && self.glued(i + 1) && self.glued(i + 2)
            || i > 0 && self.glued(i) && matches!(self.w(i - 1), "." | "," | ":" | "/")
        {
            return None;
        }
        Some((format!("{h:02}"), i + 1, h > 12 || h == 0, true))
    }

    /// A clock time after "at" on a day: a bare hour counts ("tomorrow at 8"), unless a word
    /// other than a part of day follows it ("at 8 percent", "at 3 points").
    fn loose_clock(&self, i: usize) -> Option<(String, usize, bool)> {
        let (v, e, x, bare) = self.range_clock(i)?;
        if bare
            && self.t.get(e).is_some_and(|n| n.kind == Kind::Alpha)
            && self.pod_after(e).is_none()
        {
            return None;
        }
        Some((v, e, x))
    }

    /// A range of clock times: "from 9am to 11am", "between 3 and 5:30", "8-9am", "10 - 4".
    /// Returns both ends (the first takes the second's half of the day where it has none, the
    /// second comes after the first), the end index, whether each end wrote its half of the
    /// day, and whether either end is more than a bare number.
    fn clock_range(&self, i: usize) -> Option<(String, String, usize, [bool; 2], bool)> {
        let between = self.is(i, "between");
        let k = if between || self.is(i, "from") {
            i + 1
        } else {
            i
        };
        let (mut a, k1, xa, bare_a) = self.range_clock(k)?;
        let conn = self.w(k1);
        let ok = range_to(conn) || conn == "and" && between;
        if !ok {
            return None;
        }
        let (mut b, e, xb, bare_b) = self.range_clock(k1 + 1)?;
        let hour = |v: &str| v.get(..2).and_then(|h| h.parse::<u32>().ok()).unwrap_or(0);
        let (ha, hb) = (hour(&a), hour(&b));
        if !xa && xb && hb >= 12 && ha < 12 && ha + 12 <= hb {
            a = format!("{:02}{}", ha + 12, &a[2..]);
        } else if !xb && hb < ha && hb + 12 > ha && hb < 12 {
            b = format!("{:02}{}", hb + 12, &b[2..]);
        }
        Some((a, b, e, [xa, xb], !(bare_a && bare_b)))
    }

    /// A clock range on a day: "4-6 next Thursday", "between 2 and 4 on 3/2/2013".
    fn clock_range_day(&self, i: usize) -> Option<Cand> {
        let (a, b, e, x, _) = self.clock_range(i)?;
        let j = if matches!(self.w(e), "on" | "of" | ",") {
            e + 1
        } else {
            e
        };
        let d = self.core(j)?;
        let (date, pod) = match (d.day, pod_value(&d.value)) {
            (Some(day), _) if d.kind == TimeType::Date => (ymd(day), ""),
            (_, Some((date, pod))) if d.kind == TimeType::Time => (date.to_string(), pod),
            _ => return None,
        };
        self.clock_interval(i, d.end, &date, pod, &a, &b, x)
    }

    /// A clock range said in words: "from three fifteen to three forty" (a range of digit
    /// clock times is joined by [`Cx::ranges`], which keeps its ends).
    fn clock_range_words(&self, i: usize) -> Option<Cand> {
        if !matches!(self.w(i), "from" | "between") || self.t.get(i + 1)?.kind != Kind::Alpha {
            return None;
        }
        let (a, b, e, x, strong) = self.clock_range(i)?;
        let both = self.range_clock(i + 1).is_some_and(|r| !r.3);
        if !strong || !both {
            return None;
        }
        self.clock_interval(i, e, "", "", &a, &b, x)
    }

    /// A clock range in a part of day: "6 to eight in the evening", "between 5 and 6 in the
    /// afternoon".
    fn clock_range_pod(&self, i: usize) -> Option<Cand> {
        let (a, b, e, x, _) = self.clock_range(i)?;
        let (pod, end) = self.pod_after(e)?;
        let mut c = self.clock_interval(i, end, "", pod, &a, &b, x)?;
        c.reasoning = Some(format!("clock times {a} to {b} in the part of day {pod}"));
        Some(c)
    }

    /// A clock time and a stretch of hours: "from 3pm for 4 hours", "for 2 hours from 11 am",
    /// "3rd May from 8:30am for 5 hours" (the day before it dates both ends).
    /// `core` is `self.core(i)`, which the caller has already computed.
    fn clock_for(&self, i: usize, core: Option<&Cand>) -> Option<Cand> {
        // cheap guard first: a "for" close ahead
        if !(i..(i + 14).min(self.t.len())).any(|k| self.is(k, "for")) {
            return None;
        }
        // an optional day first
        let day = if self.is(i, "for") || self.is(i, "from") {
            None
        } else {
            core
        };
        let (date, k) = match day {
            Some(c) if c.kind == TimeType::Date && c.value.len() == 10 => {
                let k = if self.is(c.end, "on") {
                    c.end + 1
                } else {
                    c.end
                };
                (c.value.clone(), k)
            }
            _ => (String::new(), i),
        };
        let clock_at = |k: usize| {
            if !self.is(k, "from") {
                return None;
            }
            self.range_clock(k + 1)
        };
        let span = |k: usize| -> Option<(i64, String, usize)> {
            if !self.is(k, "for") {
                return None;
            }
            let d = self.duration_expr(k + 1)?;
            let mut mins = 0i64;
            let mut rest = d.value.strip_prefix("PT")?;
            while !rest.is_empty() {
                let n = rest.find(|ch: char| !ch.is_ascii_digit() && ch != '.')?;
                let x: f64 = rest[..n].parse().ok()?;
                mins += match &rest[n..=n] {
                    "H" => (x * 60.0) as i64,
                    "M" => x as i64,
                    _ => return None,
                };
                rest = &rest[n + 1..];
            }
            (mins > 0).then_some((mins, d.value, d.end))
        };
        let (clk, mins, dur, end) = if let Some((clk, e, _, _)) = clock_at(k) {
            let (mins, dur, end) = span(e)?;
            (clk, mins, dur, end)
        } else {
            let (mins, dur, e) = span(k)?;
            if !self.is(e, "from") {
                return None;
            }
            let (clk, end, _, _) = clock_at(e)?;
            (clk, mins, dur, end)
        };
        let h: i64 = clk.get(..2)?.parse().ok()?;
        let m: i64 = clk.get(3..5).map_or(Some(0), |x| x.parse().ok())?;
        let t = h * 60 + m + mins;
        if t >= 24 * 60 {
            return None;
        }
        let sep = if date.is_empty() { "" } else { date.as_str() };
        let v = format!("({sep}T{clk},{sep}T{:02}:{:02}:00,{dur})", t / 60, t % 60);
        let mut c = Cand::new(i, end, TimeType::Time, v);
        c.reasoning = Some(format!("{dur} from {clk}"));
        Some(c)
    }

    /// The interval between two clock times of one day, read in its part of day.
    #[allow(clippy::too_many_arguments)]
    fn clock_interval(
        &self,
        start: usize,
        end: usize,
        date: &str,
        pod: &str,
        a: &str,
        b: &str,
        x: [bool; 2],
    ) -> Option<Cand> {
        let a = pm_shift(a, x[0], pod);
        let b = pm_shift(b, x[1], pod);
        let v = range_value(&format!("{date}T{a}"), &format!("{date}T{b}"))?;
        let mut c = Cand::new(start, end, TimeType::Time, v);
        c.reasoning = Some(format!("clock times {a} to {b} on {date}"));
        Some(c)
    }

    /// Skips a word that joins a day and its clock time ("at", ",", "@", "around").
    fn clock_sep(&self, j: usize) -> usize {
        if matches!(
            self.w(j),
            "at" | "," | "@" | "around" | "before" | "after" | "by"
        ) {
            j + 1
        } else if self.seq(j, &["no", "later", "than"]) {
            j + 3
        } else if self.seq(j, &["later", "than"]) {
            j + 2
        } else {
            j
        }
    }

    /// "today pm", "tomorrow am": a half of the day right after a day.
    fn half_day_after(&self, j: usize) -> Option<(&'static str, usize)> {
        let p = match self.w(j) {
            "am" => "MO",
            "pm" => "AF",
            _ => return None,
        };
        self.t
            .get(j + 1)
            .is_none_or(|x| x.kind == Kind::Punct)
            .then_some((p, j + 1))
    }

    fn pod_after(&self, j: usize) -> Option<(&'static str, usize)> {
        // "Saturday early morning", "Friday late evening"
        if matches!(self.w(j), "early" | "late") {
            if let Some(p) = LEX.get(self.w(j + 1), Class::Pod) {
                return Some((p, j + 2));
            }
        }
        if let Some(p) = LEX.get(self.w(j), Class::Pod) {
            return Some((p, j + 1));
        }
        if self.seq(j, &["in", "the"]) {
            if let Some(p) = LEX.get(self.w(j + 2), Class::Pod) {
                return Some((p, j + 3));
            }
        }
        if self.seq(j, &["at", "night"]) {
            return Some(("NI", j + 2));
        }
        None
    }

    fn phrase(&self, i: usize) -> Option<Cand> {
        let list = LEX.phrases.get(self.w(i))?;
        for p in list {
            if !self.seq(i, &p.tokens) {
                continue;
            }
            let end = i + p.tokens.len();
            // "once" and "current" only as adverbs/adjectives of time, "now" not in "now that"?
            let kind = match p.kind {
                "TIME" => TimeType::Time,
                "SET" => TimeType::Set,
                "DURATION" => TimeType::Duration,
                _ => TimeType::Date,
            };
            if p.tokens == ["once"]
                && !self
                    .t
                    .get(end)
                    .is_some_and(|t| t.s == "," || t.kind == Kind::Alpha && t.s.ends_with("ed"))
            {
                continue;
            }
            // "up to date", "up-to-date", "equal to date 1" are no time
            if p.tokens == ["to", "date"]
                && (i > 0 && self.is(i - 1, "up")
                    || self.is(end, "-") && self.glued(end)
                    || self.t.get(end).is_some_and(|x| x.kind == Kind::Digit))
            {
                continue;
            }
            if p.tokens == ["the", "day"]
                && !matches!(self.w(end), "." | "," | "before" | "after" | "")
            {
                continue;
            }
            if (p.tokens == ["the", "week"] || p.tokens == ["the", "month"])
                && !matches!(self.w(end), "." | "," | "ended" | "before" | "after" | "")
            {
                continue;
            }
            // "the year-ago results": the phrase is "year-ago"
            if p.tokens == ["the", "year"] && matches!(self.w(end), "of" | "'" | "-") {
                continue;
            }
            // "the year 2000", "the year two thousand"
            if p.tokens == ["the", "year"] {
                if let Some((y, e)) = self.year(end).or_else(|| self.spoken_year(end)) {
                    return Some(Cand::new(i, e, TimeType::Date, format!("{y:04}")));
                }
            }
            // "the year ended March 31": a fiscal year, a span of one year (TimeML: P1Y)
            if p.tokens == ["the", "year"] && matches!(self.w(end), "ended" | "ending") {
                return Some(Cand::new(i, end, TimeType::Duration, "P1Y"));
            }
            if p.tokens == ["future"]
                && i > 0
                && matches!(
                    self.w(i - 1),
                    "a" | "its" | "his" | "her" | "their" | "our" | "my" | "your"
                )
            {
                continue;
            }
            let mut c = self.template(i, end, kind, p.value)?;
            c.story_quarter = p
                .story_quarter
                .map(|shift| StoryQuarter { shift, year: None });
            return Some(c);
        }
        None
    }

    /// Expands a value template from the phrase table.
    fn template(&self, i: usize, end: usize, kind: TimeType, tpl: &str) -> Option<Cand> {
        let (body, m) = match tpl.split_once('|') {
            Some((b, m)) => (b, Some(m)),
            None => (tpl, None),
        };
        let modifier: Option<&'static str> =
            m.and_then(|m| ["END", "START", "MID"].into_iter().find(|x| *x == m));
        let mut c = Cand::new(i, end, kind, body);
        c.modifier = modifier;
        let Some((g, rest)) = body.split_once(':') else {
            return Some(c);
        };
        let (n, suffix) = match rest.split_once(':') {
            Some((n, s)) => (n, Some(s)),
            None => (rest, None),
        };
        let n: i32 = n.parse().ok()?;
        let Some(d) = self.dct else {
            c.value = "XXXX-XX-XX".into();
            return Some(c);
        };
        c.value = match g {
            "day" => {
                let x = d + Duration::days(n as i64);
                c.day = Some(x);
                ymd(x)
            }
            "week" => week_of(d + Duration::weeks(n as i64)),
            "weekend" => format!("{}-WE", week_of(d + Duration::weeks(n as i64))),
            // "the weekend" in a past-tense clause: the one just past (else this week's)
            "nearweekend" => {
                let (tn, _) = self.tense(i, end);
                let wd = d.weekday().number_from_monday() as i64;
                let back = if tn == Tense::Past && wd < 6 { 1 } else { 0 };
                format!(
                    "{}-WE",
                    week_of(d - Duration::weeks(back) + Duration::weeks(n as i64))
                )
            }
            "month" => {
                let (y, m) = add_months(d.year(), d.month(), n);
                format!("{y:04}-{m:02}")
            }
            "quarter" => {
                let q = (d.year() * 4 + (d.month0() / 3) as i32) + n;
                format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
            }
            "year" => format!("{:04}", d.year() + n),
            "yearend" => format!("{:04}-12-31", d.year() + n),
            _ => return None,
        };
        if let Some(s) = suffix {
            c.value.push_str(s);
            c.day = None;
        }
        Some(c)
    }

    /// "last Easter", "next Christmas": the holiday's nearest date before or after the
    /// publication date.
    fn holiday_rel(&self, i: usize) -> Option<Cand> {
        let dir = match self.w(i) {
            "last" | "previous" => -1,
            "next" | "following" => 1,
            "this" => 0,
            _ => return None,
        };
        let list = LEX.holidays.get(self.w(i + 1))?;
        let p = list.iter().find(|p| self.seq(i + 1, &p.tokens))?;
        let end = i + 1 + p.tokens.len();
        let dct = self.dct?;
        let y = dct.year();
        let at = |y: i32| holiday_rule(p.value, y);
        let d = match dir {
            1 => at(y).filter(|d| *d > dct).or_else(|| at(y + 1))?,
            -1 => at(y).filter(|d| *d < dct).or_else(|| at(y - 1))?,
            _ => at(y)?,
        };
        let mut c = Cand::day(i, end, d);
        c.reasoning = Some(format!(
            "'{} {}': {}",
            self.w(i),
            p.tokens.join(" "),
            ymd(d)
        ));
        Some(c)
    }

    fn holiday(&self, i: usize) -> Option<Cand> {
        if let Some(c) = self.holiday_rel(i) {
            return Some(c);
        }
        let list = LEX.holidays.get(self.w(i))?;
        let p = list.iter().find(|p| self.seq(i, &p.tokens))?;
        if !self.t[i].upper()
            && p.tokens.len() == 1
            && self.year(i + 1).is_none()
            && !self.is(i + 1, "weekend")
            && !(i >= 2 && self.seq(i - 2, &["weekend", "of"]))
        {
            return None;
        }
        // "Easter week", "Christmas season": a stretch around the day, not the day
        if matches!(
            self.w(i + p.tokens.len()),
            "week" | "season" | "holidays" | "period"
        ) {
            return None;
        }
        let mut end = i + p.tokens.len();
        let mut year = None;
        if let Some((y, k)) = self.year(end) {
            year = Some(y);
            end = k;
        } else if self.is(end, "of") {
            if let Some((y, k)) = self.year(end + 1) {
                year = Some(y);
                end = k;
            }
        }
        // "Labor Day weekend", "thanksgiving weekend 2013"
        let weekend = self.is(end, "weekend");
        if weekend {
            end += 1;
            if year.is_none() {
                if let Some((y, k)) = self.year(end) {
                    year = Some(y);
                    end = k;
                }
            }
        }
        let y = year.or(self.dct.map(|d| d.year()));
        let date = |y: i32| holiday_rule(p.value, y);
        match y {
            Some(y) => {
                let mut d = date(y)?;
                // "next Christmas" handled by relative(); a bare one in a future clause is the next.
                if year.is_none() {
                    if let Some(dct) = self.dct {
                        let (tn, _) = self.tense(i, end);
                        if tn == Tense::Future && d < dct {
                            d = date(y + 1)?;
                        } else if tn == Tense::Past && d > dct {
                            d = date(y - 1)?;
                        }
                    }
                }
                if weekend {
                    return Some(Cand::new(i, end, TimeType::Date, weekend_of(d)));
                }
                Some(Cand::day(i, end, d))
            }
            None => {
                let v = p
                    .value
                    .split_once('-')
                    .map(|(m, d)| format!("XXXX-{m}-{d}"))?;
                Some(Cand::new(i, end, TimeType::Date, v))
            }
        }
    }

    /// 2021-08-12, 20210812, 8/12/2021, 8/12/21, 12.08.2021 (day first when unambiguous).
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Digit {
            return None;
        }
        // "report-2018-09-23.pdf": a year-first date may follow a dash in a name, not a number
        let year_first = t.s.len() == 4 || t.s.len() == 8;
        // "10/1/2018-10/7/2018": the second date of a range after a dash
        let after_slash_date = i >= 3 && self.is(i - 1, "-") && self.is(i - 3, "/");
        if i > 0
            && !t.sp
            && matches!(self.t[i - 1].s, "/" | "-" | "." | ":")
            && !(year_first
                && self.t[i - 1].s == "-"
                && (i < 2 || self.t[i - 2].kind != Kind::Digit))
            && !after_slash_date
        {
            return None;
        }
        // a month/day whose day could be a month too, where a range or "this" calls for a date
        let dash_to_date = self.is(i + 3, "-") && self.is(i + 5, "/");
        let date_ctx = after_slash_date
            || i > 0 && matches!(self.w(i - 1), "from" | "between" | "this" | "next")
            || i >= 5
                && matches!(self.w(i - 1), "to" | "until" | "till" | "through")
                && self.is(i - 3, "/")
                && matches!(self.w(i - 5), "from" | "between")
            || dash_to_date;
        if t.s.len() == 8 {
            let (y, m, d) = (
                t.s[..4].parse().ok()?,
                t.s[4..6].parse().ok()?,
                t.s[6..].parse().ok()?,
            );
            if (1900..2100).contains(&y) && !self.glued_digit_after(i + 1) {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some(Cand::day(i, i + 1, date));
            }
            return None;
        }
        let sep = self.w(i + 1);
        if !matches!(sep, "-" | "/" | ".") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let b = self.t.get(i + 2).filter(|x| x.kind == Kind::Digit)?;
        let has_third = self.is(i + 3, sep)
            && self.glued(i + 3)
            && self.glued(i + 4)
            && self.t.get(i + 4).is_some_and(|x| x.kind == Kind::Digit);
        if !has_third {
            // MM-YYYY, MM/YYYY
            if t.s.len() <= 2 && b.s.len() == 4 && !self.glued_digit_after(i + 3) {
                let m: u32 = t.s.parse().ok()?;
                let y: i32 = b.s.parse().ok()?;
                if (1900..2100).contains(&y) && (1..=12).contains(&m) && sep != "." {
                    return Some(Cand::new(
                        i,
                        i + 3,
                        TimeType::Date,
                        format!("{y:04}-{m:02}"),
                    ));
                }
            }
            // YYYY-MM, YYYY-M
            if t.s.len() == 4 && sep == "-" && b.s.len() <= 2 {
                let y: i32 = t.s.parse().ok()?;
                let m: u32 = b.s.parse().ok()?;
                if (1900..2100).contains(&y) && (1..=12).contains(&m) && !self.glued(i + 3) {
                    return Some(Cand::new(
                        i,
                        i + 3,
                        TimeType::Date,
                        format!("{y:04}-{m:02}"),
                    ));
                }
            }
            // M/D only with a slash and a date-like context (no digits around); D/M where the
            // first cannot be a month ("22/04")
            if sep == "/"
                && t.s.len() <= 2
                && b.s.len() <= 2
                && (!self.glued_digit_after(i + 3) || dash_to_date)
            {
                let (p, q): (u32, u32) = (t.s.parse().ok()?, b.s.parse().ok()?);
                let (m, d) = if p > 12 { (q, p) } else { (p, q) };
                if (1..=12).contains(&m) && (1..=31).contains(&d) && (d > 12 || date_ctx) {
                    let y = self.dct.map_or(2000, |x| x.year());
                    NaiveDate::from_ymd_opt(if m == 2 && d == 29 { 2000 } else { y }, m, d)?;
                    return self.resolve_md(i, i + 3, None, m, d);
                }
            }
            return None;
        }
        let c = &self.t[i + 4];
        if self.glued(i + 5)
            && self.t.get(i + 5).is_some_and(|x| {
                x.kind == Kind::Digit || x.s == sep && self.glued_digit_after(i + 6)
            })
        {
            return None;
        }
        let (a, bb, cc) = (t.s, b.s, c.s);
        let (y, m, d): (i32, u32, u32) = if a.len() == 4 {
            (a.parse().ok()?, bb.parse().ok()?, cc.parse().ok()?)
        } else if cc.len() == 4 || cc.len() == 2 {
            let mut y: i32 = cc.parse().ok()?;
            if cc.len() == 2 {
                y += if y < 50 { 2000 } else { 1900 };
            }
            let (p, q): (u32, u32) = (a.parse().ok()?, bb.parse().ok()?);
            if sep == "." || p > 12 {
                (y, q, p)
            } else {
                (y, p, q)
            }
        } else {
            return None;
        };
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        Some(Cand::day(i, i + 5, date))
    }

    /// A date written with a month name between separators, in any order: "Sep-23-2020",
    /// "2020/Sep/23", "23/Sep/2020", "2019-aug-01".
    fn mixed_date(&self, i: usize) -> Option<Cand> {
        let sep = self.w(i + 1);
        if !matches!(sep, "-" | "/" | ".") {
            return None;
        }
        let parts = [i, i + 2, i + 4];
        if !(i + 1..i + 5).all(|k| self.glued(k)) || !self.is(i + 3, sep) {
            return None;
        }
        if self.glued_digit_after(i + 5)
            || self
                .t
                .get(i + 5)
                .is_some_and(|x| !x.sp && x.kind == Kind::Alpha)
            || i > 0 && self.glued(i) && self.t[i - 1].kind != Kind::Punct
        {
            return None;
        }
        let (mut y, mut m, mut d) = (None, None, None);
        for k in parts {
            let t = &self.t[k];
            match t.kind {
                Kind::Digit if t.s.len() == 4 && y.is_none() => y = t.s.parse::<i32>().ok(),
                Kind::Digit if t.s.len() <= 2 && d.is_none() => d = t.s.parse::<u32>().ok(),
                Kind::Alpha if m.is_none() => m = LEX.int(t.s, Class::Month).map(|v| v as u32),
                _ => return None,
            }
        }
        let date = NaiveDate::from_ymd_opt(y?, m?, d?)?;
        Some(Cand::day(i, i + 5, date))
    }

    /// Token `k` is glued to the one before and is a digit, or a "/", "-", "." or ":" glued to
    /// a digit (the number goes on: "3/4/5", "12:30").
    fn glued_digit_after(&self, k: usize) -> bool {
        let digit = |k: usize| {
            self.t
                .get(k)
                .is_some_and(|x| !x.sp && x.kind == Kind::Digit)
        };
        digit(k) || self.glued(k) && matches!(self.w(k), "/" | "-" | "." | ":") && digit(k + 1)
    }

    /// Resolves a month/day without a year by tense.
    fn resolve_md(&self, i: usize, end: usize, year: Option<i32>, m: u32, d: u32) -> Option<Cand> {
        // a day past the month's end ("Feb 30") is kept as written, with no calendar day
        let as_written = |y: &str| {
            ((1..=12).contains(&m) && (1..=31).contains(&d))
                .then(|| Cand::new(i, end, TimeType::Date, format!("{y}-{m:02}-{d:02}")))
        };
        if let Some(y) = year {
            return match NaiveDate::from_ymd_opt(y, m, d) {
                Some(date) => Some(Cand::day(i, end, date)),
                None if (0..=9999).contains(&y) => as_written(&format!("{y:04}")),
                None => None,
            };
        }
        let Some(dct) = self.dct else {
            return Some(Cand::new(
                i,
                end,
                TimeType::Date,
                format!("XXXX-{m:02}-{d:02}"),
            ));
        };
        let (tn, cue) = self.tense(i, end);
        let mut y = dct.year();
        // Dates more than ~half a year away in the tense's wrong direction wrap to the other year.
        // Months between the date and the publication date, signed (date later = positive).
        let gap = (m as i32 - dct.month() as i32) * 31 + d as i32 - dct.day() as i32;
        match tn {
            Tense::Future if gap < -62 => y += 1,
            Tense::Past if gap > 62 => y -= 1,
            // a present-tense clause ("is payable Jan. 2") takes the nearer year
            Tense::Unknown | Tense::Present if gap > 186 => y -= 1,
            Tense::Unknown | Tense::Present if gap < -186 => y += 1,
            _ => {}
        }
        let Some(date) =
            NaiveDate::from_ymd_opt(y, m, d).or_else(|| NaiveDate::from_ymd_opt(y - 1, m, d))
        else {
            return as_written("XXXX");
        };
        let mut c = Cand::day(i, end, date);
        c.reasoning = Some(format!(
            "month and day without a year, {} (cue '{cue}'): year {y}",
            tense_words(tn)
        ));
        Some(c)
    }

    fn resolve_month(&self, i: usize, end: usize, m: u32) -> Cand {
        let Some(dct) = self.dct else {
            return Cand::new(i, end, TimeType::Date, format!("XXXX-{m:02}"));
        };
        let (tn, cue) = self.tense(i, end);
        let mut y = dct.year();
        let gap = m as i32 - dct.month() as i32;
        match tn {
            Tense::Future if gap < -1 => y += 1,
            Tense::Past if gap > 1 => y -= 1,
            Tense::Unknown | Tense::Present if gap > 6 => y -= 1,
            Tense::Unknown | Tense::Present if gap < -6 => y += 1,
            _ => {}
        }
        let mut c = Cand::new(i, end, TimeType::Date, format!("{y:04}-{m:02}"));
        c.reasoning = Some(format!(
            "month without a year, {} (cue '{cue}'): year {y}",
            tense_words(tn)
        ));
        c
    }

    /// "Aug. 12", "August 12, 2021", "August 2021", "July of 1987", "Dec-2018", "August", "May 22nd".
    fn month_date(&self, i: usize) -> Option<Cand> {
        let (m, j) = self.month(i)?;
        // month day ("Oct/2" too)
        // "October, 1st": a comma before a day with its ordinal suffix
        let comma_ordinal = self.is(j, ",")
            && self.t.get(j + 1).is_some_and(|x| x.kind == Kind::Digit)
            && matches!(self.w(j + 2), "st" | "nd" | "rd" | "th");
        let k = if self.is(j, "the")
            || self.is(j, "/") && self.glued(j) && self.glued(j + 1)
            || comma_ordinal
        {
            j + 1
        } else {
            j
        };
        if let Some((d, mut k2)) = self.day_num(k) {
            if !(k == j
                && self
                    .t
                    .get(k)
                    .is_some_and(|x| x.kind == Kind::Digit && x.s.len() == 4))
                && self.month_ok(i, true)
            {
                // year
                let mut y = None;
                let mut k3 = if self.is(k2, ",") { k2 + 1 } else { k2 };
                if self.is(k3, "of") || self.is(k3, "in") && self.year(k3 + 1).is_some() {
                    k3 += 1;
                }
                if let Some((yy, k4)) = self
                    .year(k3)
                    .or_else(|| self.spoken_year(k3))
                    .or_else(|| self.short_year_after_of(k3))
                {
                    y = Some(yy);
                    k2 = k4;
                }
                return self.resolve_md(i, k2, y, m, d);
            }
        }
        // "April twenty two", "March twelve nineteen seventy two": a day said as a number,
        // at the end of a phrase or before a year said in words
        if self.t.get(k).is_some_and(|x| x.kind == Kind::Alpha) && self.month_ok(i, true) {
            if let Some((n, e)) = self.num(k, false) {
                let end_ok = self.t.get(e).is_none_or(|x| x.kind == Kind::Punct);
                if n.fract() == 0.0 && (1.0..=31.0).contains(&n) {
                    if let Some((y, e2)) = self.spoken_year(e) {
                        return self.resolve_md(i, e2, Some(y), m, n as u32);
                    }
                    if end_ok {
                        return self.resolve_md(i, e, None, m, n as u32);
                    }
                }
            }
        }
        // month year
        let mut k = j;
        if matches!(self.w(k), "," | "of" | "-" | "/")
            || self.is(k, "in") && self.year(k + 1).is_some()
        {
            k += 1;
        }
        if let Some((y, k2)) = self
            .year(k)
            .or_else(|| self.spoken_year(k))
            .or_else(|| self.short_year_after_of(k))
        {
            if self.month_ok(i, true) {
                return Some(Cand::new(i, k2, TimeType::Date, format!("{y:04}-{m:02}")));
            }
        }
        // "June last year", "January this year"
        if let (Some(d), Some(dir)) = (
            self.dct,
            match (self.w(j), self.w(j + 1)) {
                ("last", "year") => Some(-1),
                ("this", "year") => Some(0),
                ("next", "year") => Some(1),
                _ => None,
            },
        ) {
            if self.month_ok(i, true) {
                let y = d.year() + dir;
                return Some(Cand::new(
                    i,
                    j + 2,
                    TimeType::Date,
                    format!("{y:04}-{m:02}"),
                ));
            }
        }
        if !self.month_ok(i, false) {
            return None;
        }
        if i > 0 && self.t[i - 1].kind == Kind::Digit && self.t[i].sp {
            // "12 August" handled by day_month
            return None;
        }
        Some(self.resolve_month(i, j, m))
    }

    /// "12 August 2021", "the 4th of July", "14 nov".
    fn day_month(&self, i: usize) -> Option<Cand> {
        let k0 = if self.is(i, "the") { i + 1 } else { i };
        let (d, mut j) = self.day_num(k0)?;
        // "the 12th day of next month", "the twenty-first day of the month"
        if self.seq(j, &["day", "of"]) {
            let this_month = || {
                let d = self.dct?;
                self.seq(j + 2, &["the", "month"]).then(|| {
                    Cand::new(
                        j + 2,
                        j + 4,
                        TimeType::Date,
                        format!("{:04}-{:02}", d.year(), d.month()),
                    )
                })
            };
            let m = self
                .phrase(j + 2)
                .or_else(|| self.relative(j + 2))
                .or_else(this_month)
                .filter(|c| {
                    c.kind == TimeType::Date && c.value.len() == 7 && c.value.as_bytes()[4] == b'-'
                });
            if let Some(c) = m {
                let y: i32 = c.value[..4].parse().ok()?;
                let m: u32 = c.value[5..].parse().ok()?;
                return self.resolve_md(i, c.end, Some(y), m, d);
            }
            j += 1;
        }
        if self.is(j, "of") {
            j += 1;
        }
        if self.is(j, "-") && self.glued(j) {
            j += 1;
        }
        // "14th Feb", "3rd of Nov": after an ordinal day a bare abbreviation is a month
        // ("14 nov" too, where nothing but punctuation follows)
        let ordinal_day = j >= 2 && matches!(self.w(j - 1), "st" | "nd" | "rd" | "th" | "of")
            || self.t[k0].kind == Kind::Digit
                && self
                    .t
                    .get(j + 1)
                    .is_none_or(|x| x.kind == Kind::Punct && x.s != "-");
        let abbrev = || {
            let m = LEX.int(self.w(j), Class::Month)? as u32;
            (ordinal_day || self.spoken_year(j + 1).is_some()).then_some((m, self.dot(j + 1)))
        };
        let (m, mut k) = self.month(j).or_else(abbrev)?;
        // the month's own end: an abbreviation's period, not a full stop after a full name
        let mend = k;
        if !self.month_ok(j, true) {
            return None;
        }
        if self.is(k, "-") || self.is(k, ",") {
            k += 1;
        }
        if self.is(k, "of") || self.is(k, "in") && self.year(k + 1).is_some() {
            k += 1;
        }
        match self.year(k).or_else(|| self.spoken_year(k)) {
            Some((y, k2)) => self.resolve_md(i, k2, Some(y), m, d),
            None => self.resolve_md(i, mend, None, m, d),
        }
    }

    /// Years, decades and fiscal years: "2021", "the 1990s", "'80s", "fiscal 1989", "mid-2020".
    fn year_expr(&self, i: usize) -> Option<Cand> {
        let mut k = i;
        let the = self.is(k, "the");
        if the {
            k += 1;
        }
        let fiscal = matches!(self.w(k), "fiscal" | "fy" | "cy" | "year" | "calendar");
        if fiscal {
            k += 1;
            if self.is(k, "year") {
                k += 1;
            }
        }
        let (y, j) = self.year(k)?;
        // decades
        if self.is(j, "s") && self.glued(j) {
            return Some(Cand::new(
                i,
                j + 1,
                TimeType::Date,
                format!("{:03}", y / 10),
            ));
        }
        if the && !fiscal {
            return None;
        }
        let tok = &self.t[k];
        if tok.s == "'" {
            return None;
        }
        // A bare number is a year only in a year-like context.
        if !fiscal {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            let next = self.w(j);
            let unitish = self
                .t
                .get(j)
                .is_some_and(|n| n.kind == Kind::Alpha && !n.upper())
                && !matches!(
                    next,
                    "and"
                        | "or"
                        | "to"
                        | "through"
                        | "thru"
                        | "until"
                        | "till"
                        | "when"
                        | "after"
                        | "before"
                        | "as"
                        | "with"
                        | "at"
                        | "in"
                        | "on"
                        | "for"
                        | "from"
                        | "the"
                        | "but"
                        | "was"
                        | "were"
                        | "is"
                        | "had"
                        | "has"
                        | "saw"
                        | "levels"
                        | "level"
                        | "figure"
                        | "figures"
                        | "period"
                        | "season"
                        | "election"
                        | "elections"
                        | "budget"
                        | "census"
                        | "model"
                        | "q"
                        | "s"
                        | "rate"
                        | "plan"
                        | "law"
                        | "act"
                        | "agreement"
                        | "accord"
                        | "contract"
                        | "war"
                        | "deadline"
                        | "results"
                );
            if unitish
                || matches!(
                    prev,
                    "$" | "no"
                        | "number"
                        | "page"
                        | "pages"
                        | "flight"
                        | "route"
                        | "room"
                        | "about"
                        | "some"
                        | "nearly"
                        | "over"
                        | "than"
                        | "of"
                ) && !matches!(prev, "of" if self.t[i].s.starts_with("19") || self.t[i].s.starts_with("20"))
            {
                return None;
            }
            if y < 1500
                && !matches!(
                    prev,
                    "in" | "since" | "until" | "by" | "of" | "from" | "year"
                )
            {
                return None;
            }
        }
        Some(Cand::new(i, j, TimeType::Date, format!("{y:04}")))
    }

    fn weekday_num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        let n = LEX.int(t.s, Class::Weekday)? as u32;
        // short forms only when capitalized ("Sun" vs "sun")
        if t.s.len() <= 4
            && !t.upper()
            && matches!(
                t.s,
                "sun" | "sat" | "wed" | "mon" | "tue" | "thu" | "fri" | "thur" | "tues" | "thurs"
            )
        {
            return None;
        }
        if matches!(t.s, "sun" | "sat" | "wed") && t.raw.chars().all(char::is_uppercase) {
            return None;
        }
        let short = t.s.len() <= 5 && !t.s.ends_with("day");
        if short
            && !matches!(self.w(i + 1), "." | "," | "at")
            && !self.t.get(i + 1).is_some_and(|x| x.kind == Kind::Digit)
        {
            return None;
        }
        Some((n, if short { self.dot(i + 1) } else { i + 1 }))
    }

    /// Weekday names, resolved by tense: "Friday", "on Friday", "last Friday", "Friday, Oct. 23".
    fn weekday(&self, i: usize) -> Option<Cand> {
        let mut k = i;
        // "this past Wednesday", "past Wednesday": the latest one before the publication date
        let recent = self.is(i, "past") || self.seq(i, &["this", "past"]);
        if self.seq(i, &["this", "past"]) {
            k += 1;
        }
        let rel = match self.w(k) {
            "last" | "past" | "previous" => Some(-1),
            "next" | "coming" => Some(1),
            "this" => Some(0),
            _ => None,
        };
        if rel.is_some() {
            k += 1;
        }
        if let Some(n) = LEX.int(self.w(k), Class::Weekdays) {
            if rel.is_none() {
                if let Some(p) = LEX.get(self.w(k + 1), Class::Pods) {
                    return Some(Cand::new(
                        i,
                        k + 2,
                        TimeType::Set,
                        format!("XXXX-WXX-{n}T{p}"),
                    ));
                }
                return Some(Cand::new(i, k + 1, TimeType::Set, format!("XXXX-WXX-{n}")));
            }
        }
        let (n, j) = self.weekday_num(k)?;
        // "Friday mornings": a weekly part of day
        if rel.is_none() {
            if let Some(p) = LEX.get(self.w(j), Class::Pods) {
                return Some(Cand::new(
                    i,
                    j + 1,
                    TimeType::Set,
                    format!("XXXX-WXX-{n}T{p}"),
                ));
            }
        }
        // "Friday, Oct. 23" / "Thursday 14th" / "Wednesday the 31st": an explicit date follows.
        let k2 = if self.is(j, ",") { j + 1 } else { j };
        if let Some(mut c) = self.month_date(k2).or_else(|| self.day_month(k2)) {
            if c.value.len() >= 10 {
                c.start = i;
                return Some(c);
            }
        }
        // "Friday 5/12", "this Thursday 4.9": a month/day after a weekday
        let small = |k: usize| {
            self.t
                .get(k)
                .filter(|x| x.kind == Kind::Digit && x.s.len() <= 2)
                .and_then(|x| x.s.parse::<u32>().ok())
        };
        if let (Some(m), Some(d)) = (small(k2), small(k2 + 2)) {
            // ("Monday 3-8" is a range of hours)
            if matches!(self.w(k2 + 1), "/" | ".")
                && self.glued(k2 + 1)
                && self.glued(k2 + 2)
                && !self.glued_digit_after(k2 + 3)
                && self
                    .t
                    .get(k2 + 3)
                    .is_none_or(|x| x.sp || x.kind == Kind::Punct)
            {
                let (m, d) = if m > 12 { (d, m) } else { (m, d) };
                if let Some(mut c) = self
                    .resolve_md(i, k2 + 3, None, m, d)
                    .filter(|_| (1..=12).contains(&m))
                {
                    c.start = i;
                    return Some(c);
                }
            }
        }
        if rel.is_none() {
            let k3 = if self.is(k2, "the") { k2 + 1 } else { k2 };
            if let Some((d, e)) = self.day_num(k3) {
                if (k3 > k2
                    || self.t.get(k3).is_some_and(|x| x.kind == Kind::Alpha)
                    || matches!(self.w(k3 + 1), "st" | "nd" | "rd" | "th")
                    || self.t[k3].kind == Kind::Digit
                        && !matches!(
                            self.w(e),
                            ":" | "am" | "pm" | "a" | "p" | "-" | "to" | "oclock" | "o"
                        )
                        && !(self.is(e, ".") && self.glued(e + 1)))
                    && !LEX.is(self.w(e), Class::Units)
                    && !LEX.is(self.w(e), Class::Unit)
                    // "Friday, the fourth decline in a row": an ordinal before a noun
                    && !(self.t[k3].kind == Kind::Alpha
                        && self.t.get(e).is_some_and(|x| x.kind == Kind::Alpha)
                        && !matches!(self.w(e), "at" | "from" | "between"))
                {
                    if let Some(dct) = self.dct {
                        // the nearest month in which that day falls on that weekday
                        for off in [0i32, -1, 1, -2, 2, -3, 3] {
                            let (y, m) = add_months(dct.year(), dct.month(), off);
                            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                                if date.weekday().number_from_monday() == n {
                                    return Some(Cand::day(i, e, date));
                                }
                            }
                        }
                    }
                    return Some(Cand::new(i, e, TimeType::Date, format!("XXXX-WXX-{n}")));
                }
            }
        }
        let Some(dct) = self.dct else {
            return Some(Cand::new(i, j, TimeType::Date, format!("XXXX-WXX-{n}")));
        };
        let cur = dct.weekday().number_from_monday() as i64;
        let n64 = n as i64;
        let name = self.t[k].raw;
        let (date, why) = match rel {
            Some(_) if recent => {
                let back = (cur - n64 - 1).rem_euclid(7) + 1;
                (
                    dct - Duration::days(back),
                    format!("'past {name}': the latest {name} before {}", ymd(dct)),
                )
            }
            Some(r) => {
                let monday = dct - Duration::days(cur - 1);
                let d = monday + Duration::days(7 * r + n64 - 1);
                let which = match r {
                    -1 => "last week's",
                    1 => "next week's",
                    _ => "this week's",
                };
                (d, format!("'{} {name}': {which} {name}", self.w(i)))
            }
            None => {
                let (tn, cue) = self.tense(i, j);
                if n64 == cur && tn != Tense::Future {
                    (dct, format!("weekday '{name}' equals the publication date's weekday, {}: the publication date", tense_words(tn)))
                } else if n64 == cur {
                    (dct, format!("weekday '{name}' equals the publication date's weekday (future cue '{cue}' taken as later that day): the publication date"))
                } else if tn == Tense::Future {
                    let ahead = (n64 - cur).rem_euclid(7);
                    (dct + Duration::days(ahead), format!("weekday '{name}' in a future-tense clause (cue '{cue}'): the next {name} after {}", ymd(dct)))
                } else {
                    let back = (cur - n64).rem_euclid(7);
                    let why = if tn == Tense::Unknown {
                        format!("weekday '{name}' with no tense cue, news default past: the {name} before {}", ymd(dct))
                    } else {
                        format!(
                            "weekday '{name}' in a {} (cue '{cue}'): the {name} before {}",
                            tense_words(tn),
                            ymd(dct)
                        )
                    };
                    (dct - Duration::days(back), why)
                }
            }
        };
        let mut c = Cand::day(i, j, date);
        c.reasoning = Some(why);
        Some(c)
    }

    /// "last week", "next month", "this year", "the past two weeks", "next April", "last summer".
    fn relative(&self, i: usize) -> Option<Cand> {
        let mut k = i;
        let the = self.is(k, "the");
        if the {
            k += 1;
        }
        let dir: i32 = match self.w(k) {
            "last" | "past" | "previous" | "preceding" => -1,
            "next" | "coming" | "following" | "upcoming" => 1,
            "this" | "current" | "present" => 0,
            "recent" => -2,
            _ => return None,
        };
        k += 1;
        // a count: "the past two weeks" -> duration
        if let Some((n, j)) = self.num(k, false) {
            let j2 = if self.is(j, "to") || self.is(j, "-") || self.is(j, "or") {
                // "the next 24 to 48 hours"
                self.num(j + 1, false).map(|(_, e)| e).unwrap_or(j)
            } else {
                j
            };
            let u = LEX
                .get(self.w(j2), Class::Units)
                .or_else(|| LEX.get(self.w(j2), Class::Unit))?;
            let mut c = Cand::new(i, j2 + 1, TimeType::Duration, duration(Some(n), u));
            if j2 != j {
                let (m, _) = self.num(j + 1, false)?;
                c.value_max = Some(duration(Some(m), u));
            }
            return Some(c);
        }
        if let Some(v) = LEX.get(self.w(k), Class::Vague) {
            let _ = v;
            if let Some(u) = LEX.get(self.w(k + 1), Class::Units) {
                return Some(Cand::new(i, k + 2, TimeType::Duration, duration(None, u)));
            }
        }
        if self.is(k, "few") || self.seq(k, &["a", "few"]) || self.seq(k, &["several"]) {
            let kk = if self.is(k, "a") { k + 2 } else { k + 1 };
            let u = LEX.get(self.w(kk), Class::Units)?;
            return Some(Cand::new(i, kk + 1, TimeType::Duration, duration(None, u)));
        }
        // plural units: "recent weeks", "the coming months", "the past years"
        if let Some(u) = LEX.get(self.w(k), Class::Units) {
            let v = duration(None, u);
            return Some(Cand::new(i, k + 1, TimeType::Duration, v));
        }
        if dir == -2 {
            return None;
        }
        let dct = self.dct;
        let unit = LEX.get(self.w(k), Class::Unit);
        if let Some(u) = unit {
            let end = k + 1;
            // "the past decade"/"the last year" as durations
            if the && dir != 0 && matches!(self.w(i + 1), "past" | "last" | "next" | "coming") {
                if u == "Y" && dir == -1 && self.w(i + 1) == "past" {
                    // "the past year": the previous calendar year in news usage
                } else if u != "WE" {
                    return Some(Cand::new(
                        i,
                        end,
                        TimeType::Duration,
                        duration(Some(1.0), u),
                    ));
                }
            }
            let Some(d) = dct else {
                return Some(Cand::new(i, end, TimeType::Date, "XXXX-XX-XX"));
            };
            let v = match u {
                "D" => {
                    let x = d + Duration::days(dir as i64);
                    return Some(Cand::day(i, end, x));
                }
                "W" => week_of(d + Duration::weeks(dir as i64)),
                "WE" => format!("{}-WE", week_of(d + Duration::weeks(dir as i64))),
                "MO" => {
                    let (y, m) = add_months(d.year(), d.month(), dir);
                    format!("{y:04}-{m:02}")
                }
                "Q" => {
                    let q = d.year() * 4 + (d.month0() / 3) as i32 + dir;
                    format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
                }
                "Y" => format!("{:04}", d.year() + dir),
                "DE" => format!("{:03}", (d.year() / 10) + dir),
                "CE" => format!("{:02}", (d.year() / 100) + dir),
                _ => return None,
            };
            let mut c = Cand::new(i, end, TimeType::Date, v);
            if matches!(self.w(k - 1), "following" | "preceding" | "previous")
                && matches!(u, "Y" | "MO")
            {
                c.anaphor = Some((u, dir));
            }
            if the && self.w(i + 1) == "past" && u == "Y" {
                c.reasoning = Some("'the past year': the previous calendar year".into());
            }
            return Some(c);
        }
        if the {
            return None;
        }
        // "next April", "last summer", "this morning"
        if let Some((m, end)) = self.month(k) {
            if matches!(self.w(k), "may" | "march") && !self.t[k].upper() {
                return None;
            }
            let d = dct?;
            let y = match dir {
                -1 if m >= d.month() => d.year() - 1,
                1 if m <= d.month() => d.year() + 1,
                _ => d.year(),
            };
            // "next 9th of May" etc. not handled here
            if let Some((dd, e2)) = self.day_num(end) {
                let date = NaiveDate::from_ymd_opt(y, m, dd)?;
                return Some(Cand::day(i, e2, date));
            }
            return Some(Cand::new(i, end, TimeType::Date, format!("{y:04}-{m:02}")));
        }
        if let Some(s) = LEX.get(self.w(k), Class::Season) {
            let d = dct?;
            let start_month = match s {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            let in_season = if s == "WI" {
                d.month() == 12 || d.month() <= 2
            } else {
                (start_month..start_month + 3).contains(&d.month())
            };
            let base = if s == "WI" && d.month() <= 2 {
                d.year() - 1
            } else {
                d.year()
            };
            let y = match dir {
                -1 if in_season || d.month() < start_month => base - 1,
                -1 => base,
                1 if in_season || d.month() >= start_month => base + 1,
                _ => base,
            };
            return Some(Cand::new(i, k + 1, TimeType::Date, format!("{y:04}-{s}")));
        }
        if let Some(p) = LEX.get(self.w(k), Class::Pod) {
            // "this morning"; "next evening" is tomorrow's, "last evening" yesterday's
            // ("the next morning" is the morning after a day the text names, not tomorrow's)
            if dir == 0 || dir.abs() == 1 && !(i > 0 && self.is(i - 1, "the")) {
                let d = dct? + Duration::days(dir as i64);
                return Some(Cand::new(
                    i,
                    k + 1,
                    TimeType::Time,
                    format!("{}T{p}", ymd(d)),
                ));
            }
        }
        None
    }

    /// "two weeks ago", "a year earlier", "three days later", "5 days from now", "5 days from today".
    fn ago(&self, i: usize) -> Option<Cand> {
        let (n, u, j) = if let Some((n, j)) = self.num(i, true).filter(|(n, _)| *n <= MAX_COUNT) {
            let u = LEX
                .get(self.w(j), Class::Units)
                .or_else(|| LEX.get(self.w(j), Class::Unit))?;
            (n, u, j + 1)
        } else {
            return None;
        };
        // "for 5 days from today", "a week starting tomorrow": a stretch that begins on a day
        let for_ = i > 0 && self.is(i - 1, "for");
        let k = if self.is(j, ",") && for_ { j + 1 } else { j };
        let from = match (self.w(k), self.w(k + 1)) {
            ("starting" | "beginning", "from" | "on") => Some(k + 2),
            ("starting" | "beginning", _) => Some(k + 1),
            ("from", _) if for_ => Some(k + 1),
            _ => None,
        };
        if let Some(f) = from {
            if let Some((mut c, a)) = self.offset_from_day(i, n, u, f - 1) {
                let (a, dur) = (ymd(a), duration(Some(n), u));
                c.value_max = Some(c.value.clone());
                c.value = format!("({a},{},{dur})", c.value);
                c.kind = TimeType::Duration;
                c.day = None;
                c.start = if for_ { i - 1 } else { i };
                c.reasoning = Some(format!("{dur} beginning {a}"));
                return Some(c);
            }
        }
        // "6 days after March 4th", "two weeks before Christmas", "3 weeks from tomorrow":
        // counted from the day named
        if matches!(self.w(j), "after" | "before" | "from" | "since") {
            if let Some((c, _)) = self.offset_from_day(i, n, u, j) {
                return Some(c);
            }
        }
        let (dir, end) = match self.w(j) {
            "ago" | "earlier" | "before" if !matches!(self.w(j + 1), "than" | "the") => (-1, j + 1),
            "later" | "hence" => (1, j + 1),
            "from" if matches!(self.w(j + 1), "now" | "today") => (1, j + 2),
            "after" if self.is(j + 1, "today") => (1, j + 2),
            "before" if self.is(j + 1, "today") => (-1, j + 2),
            _ => return None,
        };
        let Some(d) = self.dct else {
            return Some(Cand::new(i, end, TimeType::Date, "XXXX-XX-XX"));
        };
        let n = n as i64;
        let story_quarter = (u == "Y" && n == 1 && dir == -1).then_some(StoryQuarter {
            shift: -4,
            year: None,
        });
        let v = match u {
            "D" => return Some(Cand::day(i, end, add_days(d, dir * n)?)),
            "W" => return Some(Cand::day(i, end, add_days(d, dir * n * 7)?)),
            "FN" => return Some(Cand::day(i, end, add_days(d, dir * n * 14)?)),
            "MO" => {
                let (y, m) = add_months(d.year(), d.month(), (dir * n) as i32);
                format!("{y:04}-{m:02}")
            }
            "Y" if n == 1 && dir == -1 && self.quarterly_context(i) => {
                // earnings reports compare with the same quarter a year before
                let q = d.year() * 4 + (d.month0() / 3) as i32 - 5;
                format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
            }
            "Y" => format!("{:04}", d.year() + (dir * n) as i32),
            "DE" => format!("{:03}", (d.year() + (dir * n * 10) as i32) / 10),
            "Q" => {
                let q = d.year() * 4 + (d.month0() / 3) as i32 + (dir * n) as i32;
                format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
            }
            _ => return None,
        };
        let mut c = Cand::new(i, end, TimeType::Date, v);
        c.story_quarter = story_quarter;
        Some(c)
    }

    /// A weekday in a named week: "next week on Thursday", "Friday of the following week".
    fn weekday_in_week(&self, c: &Cand) -> Option<Cand> {
        let week = |v: &str| {
            let (y, w) = v.split_once("-W")?;
            (y.len() == 4 && w.len() == 2)
                .then(|| Some((y.parse::<i32>().ok()?, w.parse::<u32>().ok()?)))
                .flatten()
        };
        let wd = |k: usize| {
            let t = self.t.get(k)?;
            let n = LEX.int(t.s, Class::Weekday)?;
            (t.upper() || t.s.ends_with("day")).then_some((n, self.dot(k + 1)))
        };
        let at_day = |y: i32, w: u32, n: i64, start: usize, end: usize| {
            let d = NaiveDate::from_isoywd_opt(y, w, weekday_from(n)?)?;
            let mut r = Cand::day(start, end, d);
            r.reasoning = Some(format!("weekday {n} of week {y}-W{w:02}"));
            Some(r)
        };
        // "Thursday evening next week": the part of day rides along
        if let Some((_, pod)) = pod_value(&c.value).filter(|_| c.kind == TimeType::Time) {
            let (n, _) = (c.start..c.end).find_map(wd)?;
            let wk = self.phrase(c.end).or_else(|| self.relative(c.end))?;
            let (y, w) = week(&wk.value)?;
            let mut r = at_day(y, w, n, c.start, wk.end)?;
            r.value = format!("{}T{pod}", r.value);
            r.kind = TimeType::Time;
            r.day = None;
            return Some(r);
        }
        if c.kind != TimeType::Date {
            return None;
        }
        if let Some((y, w)) = week(&c.value) {
            let k = if matches!(self.w(c.end), "on" | "," | "-") {
                c.end + 1
            } else {
                c.end
            };
            let (n, e) = wd(k)?;
            return at_day(y, w, n, c.start, e);
        }
        c.day?;
        let (n, _) = (c.start..c.end).find_map(wd)?;
        if c.end - c.start > 2 {
            return None;
        }
        let k = if self.is(c.end, "of") {
            c.end + 1
        } else {
            c.end
        };
        let wk = self.phrase(k).or_else(|| self.relative(k))?;
        let (y, w) = week(&wk.value)?;
        at_day(y, w, n, c.start, wk.end)
    }

    /// A year said in words after "in"/"since"/"until": "in nineteen eighty four", "since two
    /// thousand and fifteen" (not "in two thousand and fifteen cases").
    fn spoken_year_expr(&self, i: usize) -> Option<Cand> {
        if i == 0 || !matches!(self.w(i - 1), "in" | "since" | "until" | "till" | "by") {
            return None;
        }
        let (y, e) = self.spoken_year(i)?;
        if self
            .t
            .get(e)
            .is_some_and(|x| x.kind != Kind::Punct && !matches!(x.s, "and" | "or"))
        {
            return None;
        }
        // a bare "two thousand" is a count as often as a year
        if e == i + 2 && self.seq(i, &["two", "thousand"]) {
            return None;
        }
        Some(Cand::new(i, e, TimeType::Date, format!("{y:04}")))
    }

    /// "the weekend of Thanksgiving": the weekend a holiday falls in or next to.
    fn holiday_weekend(&self, i: usize) -> Option<Cand> {
        let k = if self.is(i, "the") { i + 1 } else { i };
        if !self.seq(k, &["weekend", "of"]) {
            return None;
        }
        let h = self.holiday(k + 2)?;
        let mut c = Cand::new(i, h.end, TimeType::Date, weekend_of(h.day?));
        c.reasoning = Some(format!("the weekend of {}", h.value));
        Some(c)
    }

    /// A week counted in a month or year: "the first week of 2015", "the last week of March"
    /// (`XXXX-03-W05` style: the week of the month), "week 31", "week 5 of 2031".
    fn week_expr(&self, i: usize) -> Option<Cand> {
        let k = if self.is(i, "the") { i + 1 } else { i };
        let (n, j) = if self.is(k, "last") {
            (-1, k + 1)
        } else if self.is(k, "week") {
            // "week 31"
            let t = self.t.get(k + 1)?;
            if t.kind != Kind::Digit || t.s.len() > 2 || k > i {
                return None;
            }
            let n: i32 = t.s.parse().ok()?;
            if !(1..=53).contains(&n) || self.glued(k + 2) && !self.is(k + 2, ".") {
                return None;
            }
            let end = k + 2;
            let (year, end) = match self.week_anchor(end) {
                Some((v, e)) if v.len() == 4 => (v, e),
                Some(_) => return None,
                None => (format!("{:04}", self.dct?.year()), end),
            };
            return Some(Cand::new(i, end, TimeType::Date, format!("{year}-W{n:02}")));
        } else {
            let (n, j) = self.ordinal(k)?;
            (n as i32, j)
        };
        if !self.is(j, "week") || !(1..=5).contains(&n) && n != -1 {
            return None;
        }
        let (v, end) = self.week_anchor(j + 1)?;
        let value = match (v.len(), n) {
            (4, -1) => format!("{v}-W52"),
            (4, n) => format!("{v}-W{n:02}"),
            (7, -1) => format!("{v}-W05"),
            (7, n) => format!("{v}-W{n:02}"),
            _ => return None,
        };
        Some(Cand::new(i, end, TimeType::Date, value))
    }

    /// Separator `sep` glued at `j`, then a glued two-digit number: the ":30" of "8:30".
    fn two_digits_after(&self, j: usize, sep: &str) -> bool {
        self.is(j, sep)
            && self.glued(j)
            && self
                .t
                .get(j + 1)
                .is_some_and(|x| x.kind == Kind::Digit && x.s.len() == 2 && !x.sp)
    }

    /// `core` at `i`, one level deeper, or `None` past [`MAX_DEPTH`].
    fn nested_core(&self, i: usize) -> Option<Cand> {
        let d = self.depth.get();
        if d >= MAX_DEPTH {
            return None;
        }
        self.depth.set(d + 1);
        let c = self.core(i);
        self.depth.set(d);
        c
    }

    /// "of 2015", "of July", "of next year" after a counted week: the year or month value.
    fn week_anchor(&self, j: usize) -> Option<(String, usize)> {
        if !self.is(j, "of") {
            return None;
        }
        // "the 3rd week of Jan": a bare abbreviation is a month here
        let c = self.nested_core(j + 1).or_else(|| {
            let m = LEX.int(self.w(j + 1), Class::Month)? as u32;
            Some(self.resolve_month(j + 1, self.dot(j + 2), m))
        })?;
        let b = c.value.as_bytes();
        let ok = c.kind == TimeType::Date
            && (b.len() == 4 || b.len() == 7 && b[4] == b'-')
            && b[..4].iter().all(u8::is_ascii_digit);
        ok.then(|| (c.value.clone(), c.end))
    }

    /// `n` units (granularity code `u`) after or before the day named after the word at `j`.
    /// Returns the day reached and the day counted from.
    fn offset_from_day(&self, i: usize, n: f64, u: &str, j: usize) -> Option<(Cand, NaiveDate)> {
        if n.fract() != 0.0 {
            return None;
        }
        let dir: i64 = if self.is(j, "before") { -1 } else { 1 };
        let anchor = self.nested_core(j + 1)?;
        let day = anchor.day.or_else(|| {
            (anchor.kind == TimeType::Date && anchor.value.len() == 10)
                .then(|| NaiveDate::parse_from_str(&anchor.value, "%Y-%m-%d").ok())
                .flatten()
        })?;
        let k = dir * n as i64;
        let d = match u {
            "D" => add_days(day, k)?,
            "W" => add_days(day, k.checked_mul(7)?)?,
            "FN" => add_days(day, k.checked_mul(14)?)?,
            "MO" | "Y" => {
                let months = if u == "Y" { 12 * k } else { k };
                let (y, m) = add_months(day.year(), day.month(), months as i32);
                (0..4)
                    .find_map(|back| NaiveDate::from_ymd_opt(y, m, day.day().checked_sub(back)?))?
            }
            _ => return None,
        };
        let mut c = Cand::day(i, anchor.end, d);
        c.reasoning = Some(format!(
            "{} {} {} {}",
            fmt_num(n),
            u,
            if dir < 0 { "before" } else { "after" },
            ymd(day)
        ));
        Some((c, day))
    }

    /// The sentence around token `i` speaks of a quarter.
    fn quarterly_context(&self, i: usize) -> bool {
        let (lo, hi) = self.sentence(i);
        (lo..hi).any(|k| matches!(self.w(k), "quarter" | "quarterly"))
    }

    /// "the third quarter", "third-quarter", "the first half", "Q3", "the fourth quarter of 1988".
    fn quarter(&self, i: usize) -> Option<Cand> {
        let mut k = i;
        if self.is(k, "the") {
            k += 1;
        }
        let mut year = None;
        if let Some((y, j)) = self.year(k) {
            year = Some(y);
            k = j;
        }
        // "the year-ago third quarter", "next year's second quarter": years from the publication's
        let mut year_shift = None;
        if self.seq(k, &["year", "-"]) && matches!(self.w(k + 2), "ago" | "earlier") {
            year_shift = Some(-1);
            k += 3;
        } else if self.seq(k + 1, &["year", "'", "s"]) {
            year_shift = match self.w(k) {
                "last" => Some(-1),
                "this" => Some(0),
                "next" => Some(1),
                _ => None,
            };
            if year_shift.is_some() {
                k += 4;
            }
        }
        if matches!(self.w(k), "fiscal" | "calendar") {
            k += 1;
        }
        let (n, j) = if self.w(k).len() == 2 && self.w(k).starts_with('q') {
            (self.w(k)[1..].parse::<u32>().ok()?, k + 1)
        } else if self.is(k, "q")
            && self
                .t
                .get(k + 1)
                .is_some_and(|x| x.kind == Kind::Digit && !x.sp)
        {
            (self.w(k + 1).parse().ok()?, k + 2)
        } else {
            let (n, j) = self.ordinal(k)?;
            (n, j)
        };
        let hy = self.is(j, "-");
        let start = if hy && year.is_none() {
            k.min(if self.is(i, "the") { i + 1 } else { i })
        } else {
            i
        };
        let j = if hy { j + 1 } else { j };
        let (g, end) = match self.w(j) {
            "quarter" | "qtr" => ("Q", j + 1),
            "half" => ("H", j + 1),
            _ if self.w(k).starts_with('q') => ("Q", j),
            _ => return None,
        };
        if (g == "Q" && !(1..=4).contains(&n)) || (g == "H" && !(1..=2).contains(&n)) {
            return None;
        }
        let mut end = end;
        // "the quarter a year ago"
        if year.is_none()
            && year_shift.is_none()
            && self.seq(end, &["a", "year"])
            && matches!(self.w(end + 2), "ago" | "earlier")
        {
            year_shift = Some(-1);
            end += 3;
        }
        if let (Some(dy), Some(d)) = (year_shift, self.dct) {
            year = Some(d.year() + dy);
        }
        if year.is_none() {
            let k2 = if self.is(end, "of") || self.is(end, ",") {
                end + 1
            } else {
                end
            };
            if let Some((y, e)) = self.year(k2) {
                year = Some(y);
                end = e;
            }
        }
        let y = match year {
            Some(y) => format!("{y:04}"),
            None => match self.dct {
                Some(d) => {
                    // a quarter still to come this year in a past-tense report is last year's
                    let cur = d.month0() / 3 + 1;
                    if g == "Q" && n > cur && self.tense(i, end).0 == Tense::Past {
                        format!("{:04}", d.year() - 1)
                    } else {
                        format!("{:04}", d.year())
                    }
                }
                None => "XXXX".into(),
            },
        };
        Some(Cand::new(start, end, TimeType::Date, format!("{y}-{g}{n}")))
    }

    /// "the 1979 quarter", "the 1989 period": the story's quarter in that year.
    fn year_period(&self, i: usize) -> Option<Cand> {
        if !self.is(i, "the") {
            return None;
        }
        let (y, j) = self.year(i + 1)?;
        let v = match self.w(j) {
            "quarter" => format!("{y:04}-QX"),
            "period" => format!("{y:04}"),
            _ => return None,
        };
        let mut c = Cand::new(i, j + 1, TimeType::Date, v);
        c.story_quarter = Some(StoryQuarter {
            shift: 0,
            year: Some(y),
        });
        Some(c)
    }

    /// Durations: "two days", "an eight-day offensive", "24 to 48 hours", "several years", "weeks".
    fn duration_expr(&self, i: usize) -> Option<Cand> {
        let mut k = i;
        let mut lead = false;
        if self.is(k, "the") {
            k += 1;
            lead = true;
            if matches!(
                self.w(k),
                "first" | "last" | "latest" | "final" | "past" | "next" | "same"
            ) {
                k += 1;
            }
        }
        // vague: "several years", "a few days", "a couple of weeks"
        let vague_end = if self.seq(k, &["a", "few"]) {
            Some(k + 2)
        } else if LEX.is(self.w(k), Class::Vague) || self.is(k, "few") {
            Some(k + 1)
        } else {
            None
        };
        if let Some(j) = vague_end {
            let u = LEX.get(self.w(j), Class::Units)?;
            return Some(Cand::new(i, j + 1, TimeType::Duration, duration(None, u)));
        }
        if let Some(u) = LEX.get(self.w(k), Class::Units) {
            // bare plural units "years", "weeks" (not "the years")
            if lead || u == "S" || u == "WE" {
                return None;
            }
            if matches!(self.w(k + 1), "old" | "ago") {
                return None;
            }
            return Some(Cand::new(i, k + 1, TimeType::Duration, duration(None, u)));
        }
        // half an hour
        if self.seq(k, &["half", "an", "hour"]) || self.seq(k, &["half", "a", "day"]) {
            let v = if self.w(k + 2) == "hour" {
                "PT30M"
            } else {
                "PT12H"
            };
            return Some(Cand::new(i, k + 3, TimeType::Duration, v));
        }
        let (n, mut j) = self.num(k, true)?;
        let mut max = None;
        if (self.is(j, "to") || self.is(j, "-") || self.is(j, "or")) && !self.glued(j + 1)
            || self.is(j, "to")
        {
            if let Some((m, e)) = self.num(j + 1, false) {
                if m > n {
                    max = Some(m);
                    j = e;
                }
            }
        }
        // "two more weeks", "eight trading days"
        if LEX.is(self.w(j), Class::Filler) && !self.glued(j) {
            j += 1;
        }
        let hyphen = self.is(j, "-") && self.glued(j) && self.glued(j + 1);
        let uj = if hyphen { j + 1 } else { j };
        let u = if hyphen {
            LEX.get(self.w(uj), Class::Unit)?
        } else {
            LEX.get(self.w(uj), Class::Units)
                .or_else(|| LEX.get(self.w(uj), Class::Unit))
                .or_else(|| self.short_unit(uj))
                .or_else(|| self.nights_unit(k, uj))?
        };
        if self.w(k) == "a" || self.w(k) == "an" {
            // "a year" is a duration except in "a year ago" (handled by ago())
        }
        if matches!(self.w(uj + 1), "old") || self.seq(uj + 1, &["-", "old"]) {
            return None;
        }
        // "a year-earlier loss": the phrase is "year-earlier"
        if self.is(uj + 1, "-") && self.glued(uj + 1) && matches!(self.w(uj + 2), "earlier" | "ago")
        {
            return None;
        }
        // "the 1979 quarter" is a date, not 1,988 quarters
        if !hyphen && LEX.is(self.w(uj), Class::Unit) && self.year(k).is_some() {
            return None;
        }
        // "a second round" is not a duration
        if u == "S"
            && matches!(self.w(k), "a" | "an")
            && self.t.get(uj + 1).is_some_and(|x| x.kind == Kind::Alpha)
        {
            return None;
        }
        // "one hour and a half", "a year and a quarter"
        let (n, end) = match self.and_fraction(uj + 1) {
            Some((f, e)) if !hyphen && max.is_none() && n.fract() == 0.0 => (n + f, e),
            _ => (n, uj + 1),
        };
        // singular unit only with 1 or a hyphen ("two day" allowed in tbaq-like usage)
        let start = if hyphen { k } else { i };
        let v = if (k..uj).any(|x| self.is(x, "/")) {
            duration_mixed(n, u)
        } else {
            duration(Some(n), u)
        };
        let mut c = Cand::new(start, end, TimeType::Duration, v);
        if let Some(m) = max {
            c.value_max = Some(duration(Some(m), u));
        }
        Some(c)
    }

    /// Sets: "daily", "every week", "each July", "every other day", "twice a week", "every Monday".
    fn set_expr(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        if let Some(v) = LEX.get(w, Class::Set) {
            let mut c = Cand::new(i, i + 1, TimeType::Set, v);
            c.freq = Some("1X".into());
            return Some(c);
        }
        if matches!(w, "every" | "each") {
            let k = i + 1;
            if let Some((n, j)) = self.weekday_num(k) {
                let mut v = format!("XXXX-WXX-{n}");
                let mut end = j;
                let kk = if self.is(j, "at") { j + 1 } else { j };
                if let Some((clk, e)) = self.clock_core(kk) {
                    v.push('T');
                    v.push_str(&clk);
                    end = e;
                }
                let mut c = Cand::new(i, end, TimeType::Set, v);
                c.quant = Some(w.to_uppercase());
                return Some(c);
            }
            if let Some((m, j)) = self.month(k) {
                return Some(Cand::new(i, j, TimeType::Set, format!("XXXX-{m:02}")));
            }
            if let Some((n, j)) = self.num(k, false) {
                let u = LEX
                    .get(self.w(j), Class::Units)
                    .or_else(|| LEX.get(self.w(j), Class::Unit))?;
                return Some(Cand::new(i, j + 1, TimeType::Set, duration(Some(n), u)));
            }
            if let Some(u) = LEX.get(self.w(k), Class::Unit) {
                let mut c = Cand::new(i, k + 1, TimeType::Set, duration(Some(1.0), u));
                c.quant = Some(w.to_uppercase());
                return Some(c);
            }
            return None;
        }
        // "twice a week", "three times a year", "once a month"
        let (times, j) = match w {
            "once" => (1.0, i + 1),
            "twice" => (2.0, i + 1),
            "thrice" => (3.0, i + 1),
            _ => {
                let (n, j) = self.num(i, false)?;
                if !self.is(j, "times") {
                    return None;
                }
                (n, j + 1)
            }
        };
        if matches!(self.w(j), "a" | "an" | "per" | "each" | "every") {
            let u = LEX.get(self.w(j + 1), Class::Unit)?;
            let mut c = Cand::new(i, j + 2, TimeType::Set, duration(Some(1.0), u));
            c.freq = Some(format!("{}X", fmt_num(times)));
            return Some(c);
        }
        None
    }

    /// A clock time: "3 p.m.", "15:30", "10 o'clock", "noon", "7:56:30 pm" -> "15:00"-style value.
    fn clock_core(&self, i: usize) -> Option<(String, usize)> {
        self.clock_full(i).map(|(v, e, _)| (v, e))
    }

    /// A clock time: its value (`HH`, `HH:MM`, `HH:MM:SS`), end, and whether its half of the
    /// day is written (am/pm, noon, midnight, a 24-hour reading).
    fn clock_full(&self, i: usize) -> Option<(String, usize, bool)> {
        let t = self.t.get(i)?;
        if let Some(v) = LEX.get(t.s, Class::Clock) {
            let h = &v[..2];
            return Some((
                if v.ends_with(":00") && t.s != "midnight" {
                    format!("{h}:00")
                } else {
                    v.to_string()
                },
                i + 1,
                true,
            ));
        }
        if let Some(r) = self.past_clock(i) {
            return Some(r);
        }
        if t.kind != Kind::Digit || t.s.len() > 2 {
            // 1530 / 0800 hours
            if t.kind == Kind::Digit && t.s.len() == 4 && self.is(i + 1, "hours") {
                let h: u32 = t.s[..2].parse().ok()?;
                let m: u32 = t.s[2..].parse().ok()?;
                if h < 24 && m < 60 {
                    return Some((format!("{h:02}:{m:02}"), i + 2, true));
                }
            }
            return None;
        }
        let mut h: u32 = t.s.parse().ok()?;
        let mut j = i + 1;
        let mut min = None;
        let mut sec = None;
        // "8.30pm", "at 6.45": a period between hour and minutes, only with am/pm or after "at"
        let mut dotted = false;
        if self.two_digits_after(j, ".") {
            min = self.w(j + 1).parse::<u32>().ok();
            dotted = true;
            j += 2;
        } else if self.two_digits_after(j, ":") {
            min = self.w(j + 1).parse::<u32>().ok();
            j += 2;
            if self.two_digits_after(j, ":") {
                sec = self.w(j + 1).parse::<u32>().ok();
                j += 2;
            }
        }
        // am/pm
        let (ampm, e) = match self.w(j) {
            "am" | "pm" => (Some(self.w(j) == "pm"), j + 1),
            "a" | "p" if self.is(j + 1, ".") && self.is(j + 2, "m") => {
                let e = if self.is(j + 3, ".") && self.glued(j + 3) {
                    j + 4
                } else {
                    j + 3
                };
                (Some(self.w(j) == "p"), e)
            }
            "o" if self.is(j + 1, "'") && self.is(j + 2, "clock") => (None, j + 3),
            "oclock" => (None, j + 1),
            "ish" if self.glued(j) => (None, j + 1),
            // "9a", "8:45p": a bare letter glued to the time
            "a" | "p" if self.glued(j) && !(self.is(j + 1, ".") && self.is(j + 2, "m")) => {
                (Some(self.w(j) == "p"), j + 1)
            }
            _ => {
                min?;
                (None, j)
            }
        };
        if dotted
            && ampm.is_none()
            && !(i > 0 && matches!(self.w(i - 1), "at" | "@" | "around" | "by"))
        {
            return None;
        }
        if dotted && matches!(self.w(e), "%" | "percent" | "per" | "million" | "billion") {
            return None;
        }
        if self
            .t
            .get(e)
            .is_some_and(|x| !x.sp && x.kind != Kind::Punct)
            || i > 0 && self.glued(i) && self.t[i - 1].kind != Kind::Punct
        {
            return None;
        }
        if h > 24 || min.is_some_and(|m| m > 59) {
            return None;
        }
        let explicit = ampm.is_some() || h > 12 || h == 0;
        if let Some(pm) = ampm {
            if h == 0 || h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        let mut v = format!("{h:02}");
        if let Some(m) = min {
            v.push_str(&format!(":{m:02}"));
        }
        if let Some(s) = sec {
            v.push_str(&format!(":{s:02}"));
        }
        Some((v, e, explicit))
    }

    /// "half past seven", "20 past 6", "twenty minutes to six", "a quarter past eight
    /// o'clock": minutes counted from or to an hour.
    fn past_clock(&self, i: usize) -> Option<(String, usize, bool)> {
        let k0 = if self.is(i, "a") { i + 1 } else { i };
        let (m, mut k) = match self.w(k0) {
            "half" => (30.0, k0 + 1),
            "quarter" => (15.0, k0 + 1),
            _ if k0 == i => self.num(i, false)?,
            _ => return None,
        };
        let unit = matches!(self.w(k), "min" | "mins" | "minute" | "minutes")
            || matches!(self.w(k0), "quarter" | "half");
        if matches!(self.w(k), "min" | "mins" | "minute" | "minutes") {
            k += 1;
        }
        // "three to five people": counting "to" or "after" needs minutes or a quarter
        let dir = match self.w(k) {
            "past" => 1,
            "after" if unit => 1,
            "to" | "before" if unit => -1,
            _ => return None,
        };
        let (h, mut e) = self.num(k + 1, false)?;
        if m.fract() != 0.0
            || h.fract() != 0.0
            || !(1.0..60.0).contains(&m)
            || !(1.0..=12.0).contains(&h)
        {
            return None;
        }
        // not "20 past 6 pm" misread: am/pm or o'clock may follow; any other word may not
        let mut pm = None;
        match self.w(e) {
            "o" if self.is(e + 1, "'") && self.is(e + 2, "clock") => e += 3,
            "oclock" => e += 1,
            "am" | "pm" => {
                pm = Some(self.w(e) == "pm");
                e += 1;
            }
            _ => {}
        }
        let (mut hh, mut mm) = (h as i64, m as i64);
        if dir < 0 {
            hh -= 1;
            mm = 60 - mm;
        }
        if pm == Some(true) && hh < 12 {
            hh += 12;
        }
        Some((format!("{hh:02}:{mm:02}"), e, pm.is_some()))
    }

    fn clock(&self, i: usize) -> Option<Cand> {
        // "one in the morning", "5 in the afternoon": a bare hour read in its part of day
        let bare = self
            .range_clock(i)
            .filter(|r| r.3 && self.is(r.1, "in") && self.pod_after(r.1).is_some());
        let (clk, mut j) = match bare {
            Some((v, e, _, _)) => (v, e),
            None => self.clock_core(i)?,
        };
        let mut clk = clk;
        // a part of day disambiguates: "8 in the evening"
        if let Some((p, k)) = self.pod_after(j) {
            if let Ok(h) = clk[..2].parse::<u32>() {
                if matches!(p, "AF" | "EV" | "NI") && h < 12 {
                    clk = format!("{:02}{}", h + 12, &clk[2..]);
                }
            }
            if self.w(j) == "in" {
                j = k;
            }
        }
        if let Some(z) = LEX.get(self.w(j), Class::Zone) {
            let _ = z;
            j += 1;
        }
        // a date after it: "10 p.m. Wednesday", "5 p.m. EST Nov. 9", "7am this morning", "noon tomorrow"
        let k = if self.is(j, ",") || self.is(j, "on") {
            j + 1
        } else {
            j
        };
        let date = self
            .weekday(k)
            .or_else(|| self.month_date(k))
            .or_else(|| self.phrase(k))
            .or_else(|| self.relative(k))
            .filter(|c| {
                c.day.is_some()
                    || c.value.len() == 10 && c.value.starts_with(|ch: char| ch.is_ascii_digit())
                    || c.kind == TimeType::Time && c.value.contains('T')
            });
        let (value, end) = match date {
            Some(c) => {
                let day = c.value.split('T').next().unwrap_or("").to_string();
                (format!("{day}T{clk}"), c.end)
            }
            None => {
                if LEX.get(self.t[i].s, Class::Clock).is_some()
                    && !matches!(self.t[i].s, "noon" | "midnight" | "midday")
                {
                    return None;
                }
                (format!("T{clk}"), j)
            }
        };
        Some(Cand::new(i, end, TimeType::Time, value))
    }

    /// "this morning" (via relative), "the morning", "in the afternoon", "tonight", "mid afternoon".
    fn part_of_day(&self, i: usize) -> Option<Cand> {
        let mut k = i;
        if self.is(k, "in") {
            k += 1;
        }
        if self.is(k, "the") {
            k += 1;
        }
        // "early morning", "late afternoon"
        let edge = matches!(self.w(k), "early" | "late") && k == i;
        if edge {
            k += 1;
        }
        let p = LEX.get(self.w(k), Class::Pod)?;
        if self.t[k].s == "overnight" {
            return None;
        }
        if k == i {
            return None;
        }
        if edge {
            return Some(Cand::new(i, k + 1, TimeType::Time, format!("T{p}")));
        }
        let v = match self.dct {
            Some(d) if i == k - 1 && self.w(i) == "the" => format!("{}T{p}", ymd(d)),
            _ => format!("T{p}"),
        };
        let start = if self.is(i, "in") { i + 1 } else { i };
        if self.is(i, "in") && self.w(i + 1) != "the" {
            return None;
        }
        Some(Cand::new(start, k + 1, TimeType::Time, v))
    }
}

/// The weekend of a holiday: the one its week ends with, or, for a Monday holiday, the one
/// just before it (`2021-W35-WE` for Labor Day 2021).
fn weekend_of(d: NaiveDate) -> String {
    let d = if d.weekday() == Weekday::Mon {
        d - Duration::days(1)
    } else {
        d
    };
    format!("{}-WE", week_of(d))
}

/// The date of a holiday rule from `data/holidays.tsv` in year `y`.
fn holiday_rule(value: &str, y: i32) -> Option<NaiveDate> {
    // a rule may end in "@N": N days after the day it names ("Black Friday")
    let (rule, shift) = match value.split_once('@') {
        Some((r, n)) => (r, n.parse::<i64>().ok()?),
        None => (value, 0),
    };
    let d = if rule == "E" {
        easter(y)?
    } else if let Some((m, d)) = rule.split_once('-').filter(|(a, _)| !a.is_empty()) {
        NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)?
    } else {
        let v: Vec<i32> = rule.split(':').filter_map(|x| x.parse().ok()).collect();
        if v.len() != 3 {
            return None;
        }
        nth_weekday(y, v[2] as u32, v[1] as u32, v[0])?
    };
    Some(d + Duration::days(shift))
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// A day with a part of day (`2021-08-12TEV`): the date and the part.
fn pod_value(v: &str) -> Option<(&str, &str)> {
    let (d, p) = v.split_once('T')?;
    (d.len() == 10 && p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase())).then_some((d, p))
}

/// A clock time read in a part of day: "8" in the evening is 20:00, unless its half of the day
/// is written.
fn pm_shift(clk: &str, explicit: bool, pod: &str) -> String {
    let h: u32 = clk.get(..2).and_then(|h| h.parse().ok()).unwrap_or(0);
    let late = match pod {
        "AF" | "EV" => h < 12,
        "NI" => (5..12).contains(&h),
        _ => false,
    };
    if late && !explicit {
        format!("{:02}{}", h + 12, &clk[2..])
    } else {
        clk.to_string()
    }
}

fn tense_words(t: Tense) -> &'static str {
    match t {
        Tense::Past => "past-tense clause",
        Tense::Present => "present-tense clause",
        Tense::Future => "future-tense clause",
        Tense::Unknown => "no tense cue",
    }
}

#[cfg(test)]
mod tests;
