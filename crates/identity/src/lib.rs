//! Cross-article identity: near-duplicate articles and same-event mentions, as pure functions.
//!
//! The store (SQLite, one machine) and the Spark job (many machines) both call these, so the two
//! count the same events on the same corpus.
//!
//! **Near-duplicates.** Each document gets a MinHash signature ([`SIGNATURE_LEN`] 64-bit minima)
//! over its word 3-shingles (lowercased alphanumeric words). The signature is cut into
//! [`BANDS`] bands of [`ROWS`] rows (locality-sensitive hashing): documents sharing a band are
//! candidates, and a candidate whose estimated Jaccard similarity reaches
//! [`IdentityRules::duplicate_jaccard`] is a near-duplicate. A syndicated copy joins the
//! duplicate group of the article it copies, and a group counts as **one source**.
//!
//! **Same event.** Two event mentions are the same event when they have the same PLOVER type,
//! compatible actors (equal codes, one a prefix of the other such as `AFG`/`AFGGOV`, or one
//! unknown), places within [`IdentityRules::max_km`] (or the same country when a coordinate is
//! missing, or one place unknown) and dates within [`IdentityRules::date_window_days`].
//! [`cluster`] merges mentions into events in a canonical order (see [`canonical_order`]), so
//! the result depends on the set of mentions, not on the order in which articles arrived; its
//! blocking key ([`blocking_key`]) is the event type, so a cluster of machines can merge each
//! type on its own.

mod cluster;
mod mention;

pub use cluster::{blocking_key, canonical_order, cluster, ClusterKey};
pub use mention::{day_of, event_mentions, EventMention};

use sha2::{Digest, Sha256};

/// SHA-256 of a text, hex: the key of a document (re-ingest is idempotent on it) and the
/// tie-breaker of [`canonical_order`].
pub fn content_hash(text: &str) -> String {
    let d = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in d {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Which of two articles with the same text is kept: the one published first (an undated one
/// after every dated one), then the one with the smaller id. The store and the Spark job keep the
/// same copy whatever order they read them in. `date` is `YYYY-MM-DD`.
pub fn copy_precedes(
    date: Option<&str>,
    id: &str,
    other_date: Option<&str>,
    other_id: &str,
) -> bool {
    let a = (date.is_none(), date.unwrap_or(""), id);
    let b = (other_date.is_none(), other_date.unwrap_or(""), other_id);
    a < b
}

/// Number of hash functions in a MinHash signature.
pub const SIGNATURE_LEN: usize = 60;
/// LSH bands; `BANDS * ROWS == SIGNATURE_LEN`.
pub const BANDS: usize = 20;
/// Rows per LSH band.
pub const ROWS: usize = 3;

/// Thresholds of cross-article identity.
#[derive(Clone, Debug, PartialEq)]
pub struct IdentityRules {
    /// Estimated Jaccard similarity of word 3-shingles at or above which two articles are
    /// copies of one another.
    pub duplicate_jaccard: f64,
    /// Largest distance between two mentions' places for them to be one event.
    pub max_km: f64,
    /// Largest difference between two mentions' dates, in days.
    pub date_window_days: i64,
}

impl Default for IdentityRules {
    fn default() -> Self {
        IdentityRules {
            duplicate_jaccard: 0.6,
            max_km: 100.0,
            date_window_days: 3,
        }
    }
}

/// SplitMix64 finaliser: a fast, well-mixed, *stable* 64-bit hash step (signatures are stored,
/// so the hash must never change between builds, unlike std's `DefaultHasher`).
#[inline]
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over the lowercased bytes of one word.
#[inline]
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    h
}

/// MinHash signature of a text's word 3-shingles (word 1-shingles for texts under 3 words).
pub fn minhash(text: &str) -> [u64; SIGNATURE_LEN] {
    let mut sig = [u64::MAX; SIGNATURE_LEN];
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash);
    let mut window = [0u64; 3];
    let mut n = 0usize;
    let feed = |shingle: u64, sig: &mut [u64; SIGNATURE_LEN]| {
        for (i, m) in sig.iter_mut().enumerate() {
            let h = mix(shingle ^ SEEDS[i]);
            if h < *m {
                *m = h;
            }
        }
    };
    for w in words {
        window = [window[1], window[2], w];
        n += 1;
        if n >= 3 {
            let s = mix(window[0]) ^ mix(window[1]).rotate_left(21) ^ window[2].rotate_left(42);
            feed(s, &mut sig);
        }
    }
    if (1..3).contains(&n) {
        for &w in &window[3 - n..] {
            feed(w, &mut sig);
        }
    }
    sig
}

/// Seeds of the hash family, fixed forever (derived from SplitMix64 of 1..=60).
const SEEDS: [u64; SIGNATURE_LEN] = {
    let mut s = [0u64; SIGNATURE_LEN];
    let mut i = 0;
    while i < SIGNATURE_LEN {
        let mut z = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        s[i] = z ^ (z >> 31);
        i += 1;
    }
    s
};

/// The LSH band keys of a signature: one 63-bit key per band (band index mixed in, so equal rows
/// in different bands do not collide). Kept to 63 bits to fit SQLite's signed integers.
pub fn band_keys(sig: &[u64; SIGNATURE_LEN]) -> [i64; BANDS] {
    let mut keys = [0i64; BANDS];
    for (b, k) in keys.iter_mut().enumerate() {
        let mut h = mix(b as u64);
        for v in &sig[b * ROWS..(b + 1) * ROWS] {
            h = mix(h ^ v);
        }
        *k = (h >> 1) as i64;
    }
    keys
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u64; SIGNATURE_LEN], b: &[u64; SIGNATURE_LEN]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / SIGNATURE_LEN as f64
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().clamp(0.0, 1.0).asin()
}

/// Actor codes are compatible when either is unknown or one is a prefix of the other
/// (`AFG` and `AFGGOV`; not `USAGOV` and `AFGGOV`).
pub fn actors_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
            a.starts_with(b) || b.starts_with(a)
        }
        _ => true,
    }
}

/// Where an event happened, as far as known.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Whereabouts<'a> {
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<&'a str>,
}

/// Places are compatible when both coordinates are within `max_km`; without both coordinates,
/// when the countries agree or either is unknown.
pub fn places_compatible(a: Whereabouts<'_>, b: Whereabouts<'_>, max_km: f64) -> bool {
    if let (Some(la), Some(oa), Some(lb), Some(ob)) = (a.lat, a.lon, b.lat, b.lon) {
        return haversine_km(la, oa, lb, ob) <= max_km;
    }
    match (a.country, b.country) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The river flooded the lower town on Tuesday night, and rescue boats carried \
        two hundred residents to the school on the hill while the mayor asked for army help.";

    #[test]
    fn copies_are_similar_and_strangers_are_not() {
        let copy = format!("{A} Reporting by a wire desk.");
        let other = "Parliament passed the budget after a long debate about taxes on fuel and \
            the price of bread in the northern provinces.";
        let (a, c, o) = (minhash(A), minhash(&copy), minhash(other));
        assert!(similarity(&a, &c) >= 0.6, "{}", similarity(&a, &c));
        assert!(similarity(&a, &o) < 0.2, "{}", similarity(&a, &o));
        assert_eq!(similarity(&a, &a), 1.0);
        // Case and punctuation do not matter.
        assert_eq!(minhash(&A.to_uppercase()), a);
        let ka = band_keys(&a);
        let kc = band_keys(&c);
        assert!(ka.iter().zip(&kc).any(|(x, y)| x == y));
    }

    #[test]
    fn short_texts() {
        let s = minhash("two words");
        assert_ne!(s[0], u64::MAX);
        assert_eq!(minhash("")[0], u64::MAX);
    }

    #[test]
    fn the_earliest_dated_copy_is_kept() {
        assert!(copy_precedes(
            Some("2024-01-02"),
            "z",
            Some("2024-03-01"),
            "a"
        ));
        assert!(!copy_precedes(
            Some("2024-03-01"),
            "a",
            Some("2024-01-02"),
            "z"
        ));
        assert!(copy_precedes(Some("2024-03-01"), "a", None, "a"));
        assert!(!copy_precedes(None, "a", Some("2024-03-01"), "b"));
        assert!(copy_precedes(None, "a", None, "b"));
        assert!(!copy_precedes(
            Some("2024-03-01"),
            "b",
            Some("2024-03-01"),
            "b"
        ));
    }

    #[test]
    fn compatibility_rules() {
        assert!(actors_compatible(Some("AFG"), Some("AFGGOV")));
        assert!(!actors_compatible(Some("USAGOV"), Some("AFGGOV")));
        assert!(actors_compatible(None, Some("AFGGOV")));
        let berlin = Whereabouts {
            lat: Some(52.52),
            lon: Some(13.405),
            country: Some("DE"),
        };
        let potsdam = Whereabouts {
            lat: Some(52.39),
            lon: Some(13.065),
            country: Some("DE"),
        };
        let paris = Whereabouts {
            lat: Some(48.857),
            lon: Some(2.352),
            country: Some("FR"),
        };
        assert!(places_compatible(berlin, potsdam, 100.0));
        assert!(!places_compatible(berlin, paris, 100.0));
        let germany = Whereabouts {
            country: Some("de"),
            ..Default::default()
        };
        assert!(places_compatible(berlin, germany, 100.0));
        assert!(!places_compatible(paris, germany, 100.0));
        let d = haversine_km(52.52, 13.405, 48.857, 2.352);
        assert!((d - 878.0).abs() < 10.0, "{d}");
    }
}
