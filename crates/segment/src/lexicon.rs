//! The word lists segmentation reads, embedded from `crates/segment/data/`.

use std::collections::{HashMap, HashSet};

/// How an abbreviation behaves at a possible sentence end (see `data/abbreviations.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Before a name ("Gen. Smith"): never ends a sentence.
    Title,
    /// Before a number ("No. 5"): one token only when a number follows.
    Number,
    /// Month or weekday ("Aug. 12"): ends a sentence only before a sentence starter.
    Month,
    /// Anything else ("Inc.", "etc."): ends a sentence only before a sentence starter.
    General,
}

/// Lexicons for tokenization and sentence splitting.
#[derive(Debug)]
pub struct Lexicon {
    abbreviations: HashMap<&'static str, AbbrevClass>,
    starters: HashSet<&'static str>,
    elisions: HashSet<&'static str>,
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    pub fn new() -> Self {
        let abbreviations = lines(include_str!("../data/abbreviations.tsv"))
            .filter_map(|l| {
                let (w, class) = l.split_once('\t')?;
                let class = match class.trim() {
                    "title" => AbbrevClass::Title,
                    "number" => AbbrevClass::Number,
                    "month" => AbbrevClass::Month,
                    _ => AbbrevClass::General,
                };
                Some((w.trim(), class))
            })
            .collect();
        Lexicon {
            abbreviations,
            starters: lines(include_str!("../data/sentence_starters.txt")).collect(),
            elisions: lines(include_str!("../data/elisions.txt")).collect(),
        }
    }

    /// The class of `word` (without its period) if it is a known abbreviation.
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        self.abbreviations.get(word).copied()
    }

    /// True when `word` (any case) is a closed-class word that can begin a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        with_lower(word, |w| self.starters.contains(w))
    }

    /// True when `word` (any case, without its apostrophe) is an elided word like 'em.
    pub fn is_elision(&self, word: &str) -> bool {
        with_lower(word, |w| self.elisions.contains(w))
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

/// Calls `f` with the ASCII-lowercased `word` without allocating (short words only).
fn with_lower(word: &str, f: impl FnOnce(&str) -> bool) -> bool {
    let mut buf = [0u8; 24];
    let b = word.as_bytes();
    if b.len() > buf.len() || !word.is_ascii() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    match std::str::from_utf8(&buf[..b.len()]) {
        Ok(w) => f(w),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let l = Lexicon::new();
        assert_eq!(l.abbreviation("Gen"), Some(AbbrevClass::Title));
        assert_eq!(l.abbreviation("Aug"), Some(AbbrevClass::Month));
        assert_eq!(l.abbreviation("No"), Some(AbbrevClass::Number));
        assert_eq!(l.abbreviation("Inc"), Some(AbbrevClass::General));
        assert_eq!(l.abbreviation("Taliban"), None);
        assert!(l.is_starter("The"));
        assert!(!l.is_starter("Army"));
        assert!(l.is_elision("Em"));
    }
}
