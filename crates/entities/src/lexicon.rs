//! Lexicons of the entity stage, kept as data files and embedded at build time.

use std::collections::{HashMap, HashSet};

use tidings_core::EntityKind;

#[derive(Clone, Debug)]
pub struct Country {
    pub alpha3: String,
    pub alpha2: String,
    /// The first listed name, used as canonical.
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct KnownActor {
    pub kind: EntityKind,
    pub country: Option<String>,
    pub role: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Nominal {
    pub role: Option<String>,
    pub kind: EntityKind,
}

pub struct Lexicon {
    pub countries: Vec<Country>,
    /// Country name (as written) -> index into `countries`.
    pub country_names: HashMap<String, usize>,
    /// Demonym -> index into `countries`.
    pub demonyms: HashMap<String, usize>,
    /// Known organisation or group name -> actor.
    pub actors: HashMap<String, KnownActor>,
    /// Lower-cased title (may be several words) -> role.
    pub titles: HashMap<String, Option<String>>,
    pub max_title_words: usize,
    pub org_suffixes: HashMap<String, Option<String>>,
    pub nominals: HashMap<String, Nominal>,
    pub not_names: HashSet<String>,
    /// Capitalised words that end a run of capitalised words (`data/run_breaks.txt`).
    pub run_breaks: HashSet<String>,
    /// Given name -> gender (M, F, U).
    pub given: HashMap<String, char>,
    pub surnames: HashSet<String>,
    /// Words that make an unknown name a place when they open it ("Lake ..."): word -> kind.
    place_first: HashMap<String, EntityKind>,
    /// The same, when they close it ("... Airport").
    place_last: HashMap<String, EntityKind>,
    /// Longest name in words among countries and known actors.
    pub max_name_words: usize,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn opt(s: &str) -> Option<String> {
    (s != "-" && !s.is_empty()).then(|| s.to_string())
}

fn kind(s: &str) -> EntityKind {
    match s {
        "PERSON" => EntityKind::Person,
        "GROUP" => EntityKind::Group,
        "GPE" => EntityKind::Gpe,
        "NORP" => EntityKind::Norp,
        "LOC" => EntityKind::Loc,
        "FAC" => EntityKind::Fac,
        "ORG" => EntityKind::Org,
        _ => EntityKind::Other,
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

impl Lexicon {
    /// The kind a place word gives a name it opens (`first`) or closes.
    pub fn place_word(&self, w: &str, first: bool) -> Option<&EntityKind> {
        if first {
            self.place_first.get(w)
        } else {
            self.place_last.get(w)
        }
    }

    pub fn load() -> Lexicon {
        let mut countries = Vec::new();
        let mut country_names = HashMap::new();
        let mut demonyms = HashMap::new();
        let mut max_name_words = 1;
        for l in lines(include_str!("../data/countries.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let k = countries.len();
            let names: Vec<&str> = f[2].split('|').filter(|n| !n.is_empty()).collect();
            countries.push(Country {
                alpha3: f[0].to_string(),
                alpha2: f[1].to_string(),
                name: names.first().copied().unwrap_or(f[0]).to_string(),
            });
            for n in names {
                max_name_words = max_name_words.max(words(n));
                country_names.entry(n.to_string()).or_insert(k);
            }
            for d in f
                .get(3)
                .copied()
                .unwrap_or("")
                .split('|')
                .filter(|n| !n.is_empty())
            {
                max_name_words = max_name_words.max(words(d));
                demonyms.entry(d.to_string()).or_insert(k);
            }
        }
        let mut actors = HashMap::new();
        for l in lines(include_str!("../data/actors.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let a = KnownActor {
                kind: kind(f[1]),
                country: opt(f[2]),
                role: opt(f[3]),
            };
            for n in f[0].split('|').filter(|n| !n.is_empty()) {
                max_name_words = max_name_words.max(words(n));
                actors.entry(n.to_string()).or_insert_with(|| a.clone());
            }
        }
        let mut titles = HashMap::new();
        let mut max_title_words = 1;
        for l in lines(include_str!("../data/titles.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 2 {
                max_title_words = max_title_words.max(words(f[0]));
                titles.entry(f[0].to_string()).or_insert(opt(f[1]));
            }
        }
        let mut org_suffixes = HashMap::new();
        for l in lines(include_str!("../data/org_suffixes.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 2 {
                org_suffixes.entry(f[0].to_string()).or_insert(opt(f[1]));
            }
        }
        let mut nominals = HashMap::new();
        for l in lines(include_str!("../data/nominals.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 3 {
                for n in f[0].split('|') {
                    nominals.entry(n.to_string()).or_insert(Nominal {
                        role: opt(f[1]),
                        kind: kind(f[2]),
                    });
                }
            }
        }
        let not_names = lines(include_str!("../data/not_names.txt"))
            .flat_map(str::split_whitespace)
            .map(str::to_string)
            .collect();
        let run_breaks = lines(include_str!("../data/run_breaks.txt"))
            .flat_map(str::split_whitespace)
            .map(str::to_string)
            .collect();
        let mut given = HashMap::new();
        for l in lines(include_str!("../data/given_names.tsv")) {
            let mut f = l.split('\t');
            if let (Some(n), Some(g)) = (f.next(), f.next()) {
                given.insert(n.to_string(), g.chars().next().unwrap_or('U'));
            }
        }
        let surnames = lines(include_str!("../data/surnames.txt"))
            .map(|l| l.trim().to_string())
            .collect();
        let mut place_first = HashMap::new();
        let mut place_last = HashMap::new();
        for l in lines(include_str!("../data/place_words.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 3 {
                let map = if f[1] == "first" {
                    &mut place_first
                } else {
                    &mut place_last
                };
                map.insert(f[0].to_string(), kind(f[2]));
            }
        }
        Lexicon {
            place_first,
            place_last,
            countries,
            country_names,
            demonyms,
            actors,
            titles,
            max_title_words,
            org_suffixes,
            nominals,
            not_names,
            run_breaks,
            given,
            surnames,
            max_name_words,
        }
    }

    pub fn alpha3_of_alpha2(&self, a2: &str) -> Option<&str> {
        self.countries
            .iter()
            .find(|c| c.alpha2.eq_ignore_ascii_case(a2) || c.alpha3.eq_ignore_ascii_case(a2))
            .map(|c| c.alpha3.as_str())
    }
}

/// Every name of the `GROUP` rows of `data/actors.tsv`.
pub(crate) fn group_names() -> Vec<&'static str> {
    let mut out = Vec::new();
    for l in lines(include_str!("../data/actors.tsv")) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() >= 4 && f[1] == "GROUP" {
            out.extend(f[0].split('|').filter(|n| !n.is_empty()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let l = Lexicon::load();
        let afg = l.country_names["Afghanistan"];
        assert_eq!(l.countries[afg].alpha3, "AFG");
        assert_eq!(l.demonyms["Afghan"], afg);
        assert_eq!(l.actors["Pentagon"].role.as_deref(), Some("MIL"));
        assert_eq!(l.titles["spokesman"], None);
        assert_eq!(l.given.get("Mary"), Some(&'F'));
        assert!(l.surnames.contains("Smith"));
        assert_eq!(l.alpha3_of_alpha2("GB"), Some("GBR"));
    }
}
