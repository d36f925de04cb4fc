//! The GeoNames-derived gazetteer: an fst name index and packed records, built once and opened
//! in milliseconds.
//!
//! `build.rs` turns the committed derived data (`data/gazetteer/`, regenerated from pinned
//! registry packages by `scripts/gazetteer/build_gazetteer.py`; GeoNames, CC BY 4.0) into an fst
//! map from normalised name to a postings list, and fixed-size packed records. Both are embedded
//! in the binary, so opening is a few pointer checks and nothing is installed or downloaded.
//!
//! Architecture invariant: knows nothing about documents or text; answers "which entries carry
//! this name" and "what is entry N".

use std::sync::LazyLock;

static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
static POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/postings.bin"));
static RECORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/records.bin"));
static STRINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/strings.bin"));
static COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");
static GIVEN: &str = include_str!("../../../data/gazetteer/given.txt");

/// Bytes per packed record (see build.rs).
const RECORD: usize = 32;

/// The name is a common lower-case English word ("price", "mobile").
pub const FLAG_WORD: u8 = 1;
/// The name is a common given name ("georgia", "florence").
pub const FLAG_GIVEN: u8 = 2;
/// The name is a common surname ("washington", "price").
pub const FLAG_SURNAME: u8 = 4;
/// The name is a demonym; its entries are countries ("afghan", "americans").
pub const FLAG_DEMONYM: u8 = 8;
/// The name is a code-like country variant ("US", "UK") that must match case-exactly.
pub const FLAG_CODE: u8 = 16;

/// One gazetteer entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record {
    /// Index into the record table (stable for one build).
    pub index: u32,
    pub geonameid: u32,
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
    pub name: &'static str,
    /// GeoNames feature code (PPLC, ADM1, PCLI, CONT, RGN, ...).
    pub feature: &'static str,
    /// ISO 3166 alpha-2, empty for continents and macro-regions.
    pub country: &'static str,
    /// First-level division name, empty where unknown.
    pub admin1: &'static str,
}

/// The entries that carry one name.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub flags: u8,
    postings: &'static [u8],
}

impl Entry {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.postings.len() / 4
    }
    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
    /// Record indexes, most populous first.
    pub fn indexes(&self) -> impl Iterator<Item = u32> + 'static {
        self.postings
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }
}

/// A country: codes, name, GeoNames id, capital, continent code.
#[derive(Clone, Debug)]
pub struct Country {
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    pub name: &'static str,
    pub geonameid: u32,
    pub capital: &'static str,
    pub continent: &'static str,
}

/// The embedded gazetteer.
pub struct Gazetteer {
    names: fst::Map<&'static [u8]>,
    countries: Vec<Country>,
    given: fst::Set<Vec<u8>>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::open);

impl Gazetteer {
    /// The shared instance (opened on first use).
    pub fn get() -> &'static Gazetteer {
        &GAZETTEER
    }

    /// Opens the embedded index. Cheap: the fst is used in place; only the small country table
    /// and given-name set are parsed.
    pub fn open() -> Gazetteer {
        let names = fst::Map::new(FST).expect("embedded fst is valid (built by build.rs)");
        let countries = COUNTRIES
            .lines()
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                (c.len() >= 6).then(|| Country {
                    alpha2: c[0],
                    alpha3: c[1],
                    name: c[2],
                    geonameid: c[3].parse().unwrap_or(0),
                    capital: c[4],
                    continent: c[5],
                })
            })
            .collect();
        let mut given: Vec<&str> = GIVEN.lines().filter(|l| !l.is_empty()).collect();
        given.sort_unstable();
        given.dedup();
        let given = fst::Set::from_iter(given).unwrap_or_default();
        Gazetteer {
            names,
            countries,
            given,
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        RECORDS.len() / RECORD
    }
    pub fn is_empty(&self) -> bool {
        RECORDS.is_empty()
    }
    /// Number of distinct names in the index.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Entries for a normalised key (see [`normalize_into`]).
    pub fn lookup(&self, key: &str) -> Option<Entry> {
        let off = self.names.get(key)? as usize;
        let flags = *POSTINGS.get(off)?;
        let n = u16::from_le_bytes([*POSTINGS.get(off + 1)?, *POSTINGS.get(off + 2)?]) as usize;
        let postings = POSTINGS.get(off + 3..off + 3 + 4 * n)?;
        Some(Entry { flags, postings })
    }

    /// Whether some indexed name starts with `prefix` (for multi-word matching).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        use fst::{IntoStreamer, Streamer};
        let mut s = self.names.range().ge(prefix).into_stream();
        matches!(s.next(), Some((k, _)) if k.starts_with(prefix.as_bytes()))
    }

    /// Record `i`, or `None` past the end.
    pub fn record(&self, i: u32) -> Option<Record> {
        let at = i as usize * RECORD;
        let r: &'static [u8] = RECORDS.get(at..at + RECORD)?;
        let u32_at = |o: usize| u32::from_le_bytes([r[o], r[o + 1], r[o + 2], r[o + 3]]);
        let f32_at = |o: usize| f32::from_le_bytes([r[o], r[o + 1], r[o + 2], r[o + 3]]);
        let name = string(u32_at(16) as usize, r[20] as usize);
        let fc_off = u32::from_le_bytes([r[25], r[26], r[27], 0]) as usize;
        let cc = if r[23] != 0 {
            std::str::from_utf8(&r[23..25]).unwrap_or("")
        } else {
            ""
        };
        Some(Record {
            index: i,
            geonameid: u32_at(0),
            lat: f32_at(4),
            lon: f32_at(8),
            population: u32_at(12),
            name,
            feature: string(fc_off, r[21] as usize),
            country: cc,
            admin1: string(u32_at(28) as usize, r[22] as usize),
        })
    }

    /// The country with this alpha-2 code.
    pub fn country(&self, alpha2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.alpha2 == alpha2)
    }

    /// The record of a country (by alpha-2), if the gazetteer has it.
    pub fn country_record(&self, alpha2: &str) -> Option<Record> {
        let c = self.country(alpha2)?;
        let mut key = String::new();
        normalize_into(c.name, &mut key);
        self.lookup(&key)?
            .indexes()
            .filter_map(|i| self.record(i))
            .find(|r| r.geonameid == c.geonameid)
    }

    /// Whether `lower` (lower case) is a common given name.
    pub fn is_given_name(&self, lower: &str) -> bool {
        self.given.contains(lower)
    }
}

fn string(off: usize, len: usize) -> &'static str {
    STRINGS
        .get(off..off + len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

/// Writes the index key of `name` into `out`: lower case, ’ as ', whitespace runs as one space,
/// trimmed. The build script applies the same rule.
pub fn normalize_into(name: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for ch in name.chars() {
        if ch.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if ch == '’' {
            out.push('\'');
        } else if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        let mut k = String::new();
        normalize_into(s, &mut k);
        k
    }

    #[test]
    fn normalises_like_the_build_script() {
        assert_eq!(key("  New   York’s "), "new york's");
        assert_eq!(key("São Paulo"), "são paulo");
    }

    #[test]
    fn finds_capitals_and_countries() {
        let g = Gazetteer::get();
        assert!(g.len() > 200_000, "{} records", g.len());
        let paris = g.lookup("paris").expect("paris");
        let top = paris
            .indexes()
            .filter_map(|i| g.record(i))
            .find(|r| r.feature == "PPLC")
            .unwrap();
        assert_eq!(
            (top.name, top.country, top.geonameid),
            ("Paris", "FR", 2988507)
        );
        assert_eq!(top.admin1, "Île-de-France");
        let fr = g.country_record("FR").unwrap();
        assert_eq!(fr.feature, "PCLI");
        assert!(g.has_prefix("new yor"));
        assert!(!g.has_prefix("zzzzqx"));
    }

    #[test]
    fn flags_demonyms_codes_and_common_words() {
        let g = Gazetteer::get();
        let d = g.lookup("afghans").unwrap();
        assert!(d.flags & FLAG_DEMONYM != 0);
        assert!(g.lookup("us").unwrap().flags & FLAG_CODE != 0);
        assert!(g.lookup("price").map_or(true, |e| e.flags & FLAG_WORD != 0));
        assert!(g.is_given_name("john"));
        assert!(!g.is_given_name("kabul"));
    }
}
