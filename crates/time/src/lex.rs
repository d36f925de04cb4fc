//! Word tables and phrase tables, embedded from `data/` and parsed once.

use std::collections::{HashMap as StdMap, HashSet as StdSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the keys are short words, where SipHash's setup dominates.
#[derive(Default)]
pub struct Fnv(u64);

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

pub type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<Fnv>>;
pub type HashSet<K> = StdSet<K, BuildHasherDefault<Fnv>>;

/// A class of word in `data/lexicon.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Month,
    Weekday,
    Weekdays,
    Num,
    Ord,
    Vague,
    Unit,
    Units,
    Pod,
    Pods,
    Clock,
    Season,
    Set,
    Zone,
    Fut,
    FutTo,
    Filler,
    Past,
    Pres,
    /// A word joining the two ends of a range: "to", "through", "until", "-".
    RangeTo,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub class: Class,
    pub value: &'static str,
}

/// A multi-token phrase from `data/phrases.tsv` or `data/holidays.tsv`.
#[derive(Clone, Debug)]
pub struct Phrase {
    pub tokens: Vec<&'static str>,
    /// TIMEX3 type (phrases) or empty (holidays).
    pub kind: &'static str,
    pub value: &'static str,
    /// `story:N` in the fourth column: the story's quarter (the first it names), shifted by N quarters
    /// (the template value is the fallback when the story names none).
    pub story_quarter: Option<i32>,
}

pub struct Lexicon {
    words: HashMap<&'static str, Vec<Entry>>,
    /// Phrases keyed by their first token, longest first.
    pub phrases: HashMap<&'static str, Vec<Phrase>>,
    pub holidays: HashMap<&'static str, Vec<Phrase>>,
    /// Every word that can begin an expression (a fast pre-filter).
    pub starters: HashSet<&'static str>,
}

fn lines(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn phrase_table(src: &'static str, with_kind: bool) -> HashMap<&'static str, Vec<Phrase>> {
    let mut map: HashMap<&'static str, Vec<Phrase>> = HashMap::default();
    for cols in lines(src) {
        let (kind, value) = if with_kind {
            (
                cols.get(1).copied().unwrap_or(""),
                cols.get(2).copied().unwrap_or(""),
            )
        } else {
            ("", cols.get(1).copied().unwrap_or(""))
        };
        let story_quarter = cols
            .get(3)
            .and_then(|c| c.strip_prefix("story:"))
            .and_then(|n| n.parse().ok());
        let tokens: Vec<&'static str> = cols[0].split(' ').filter(|t| !t.is_empty()).collect();
        if tokens.is_empty() || value.is_empty() {
            continue;
        }
        map.entry(tokens[0]).or_default().push(Phrase {
            tokens,
            kind,
            value,
            story_quarter,
        });
    }
    for v in map.values_mut() {
        v.sort_by_key(|p| std::cmp::Reverse(p.tokens.len()));
    }
    map
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut words: HashMap<&'static str, Vec<Entry>> = HashMap::default();
        for cols in lines(include_str!("../data/lexicon.tsv")) {
            if cols.len() < 3 {
                continue;
            }
            let class = match cols[1] {
                "month" => Class::Month,
                "weekday" => Class::Weekday,
                "weekdays" => Class::Weekdays,
                "num" => Class::Num,
                "ord" => Class::Ord,
                "vague" => Class::Vague,
                "unit" => Class::Unit,
                "units" => Class::Units,
                "pod" => Class::Pod,
                "pods" => Class::Pods,
                "clock" => Class::Clock,
                "season" => Class::Season,
                "set" => Class::Set,
                "zone" => Class::Zone,
                "fut" => Class::Fut,
                "futto" => Class::FutTo,
                "filler" => Class::Filler,
                "past" => Class::Past,
                "pres" => Class::Pres,
                "rangeto" => Class::RangeTo,
                _ => continue,
            };
            words.entry(cols[0]).or_default().push(Entry {
                class,
                value: cols[2],
            });
        }
        let phrases = phrase_table(include_str!("../data/phrases.tsv"), true);
        let holidays = phrase_table(include_str!("../data/holidays.tsv"), false);
        let mut starters: HashSet<&'static str> = HashSet::default();
        for (w, es) in &words {
            if es.iter().any(|e| {
                !matches!(
                    e.class,
                    Class::Fut
                        | Class::FutTo
                        | Class::Filler
                        | Class::Past
                        | Class::Pres
                        | Class::Zone
                )
            }) {
                starters.insert(*w);
            }
        }
        starters.extend(phrases.keys().copied());
        starters.extend(holidays.keys().copied());
        for line in include_str!("../data/starters.txt").lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                starters.insert(w);
            }
        }
        Lexicon {
            words,
            phrases,
            holidays,
            starters,
        }
    }

    /// The value of `word` in `class`, if the word has that class.
    pub fn get(&self, word: &str, class: Class) -> Option<&'static str> {
        self.words
            .get(word)?
            .iter()
            .find(|e| e.class == class)
            .map(|e| e.value)
    }

    pub fn is(&self, word: &str, class: Class) -> bool {
        self.get(word, class).is_some()
    }

    pub fn int(&self, word: &str, class: Class) -> Option<i64> {
        self.get(word, class)?.parse().ok()
    }
}

pub static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);
