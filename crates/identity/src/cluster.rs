//! Merging event mentions into events, independent of the order in which articles arrive.
//!
//! Mentions are visited in a canonical order: by type, undated before dated, day, then the
//! content hash of their document and their id in it. Each mention joins the best compatible
//! event seen so far (smallest day difference, then distance; the earliest event on a tie) or
//! starts a new one. An event keeps the day of its first mention (the earliest, in this order),
//! takes the longer of two compatible actor codes (`AFG` becomes `AFGGOV`), and fills a missing
//! country or coordinate from later mentions. Negated mentions belong to no event.
//!
//! Because the order depends only on the mentions themselves, any grouping of the same mentions
//! by [`blocking_key`] (one SQLite file, or one Spark task per type) gives the same events.

use std::cmp::Ordering;
use std::collections::VecDeque;

use crate::{actors_compatible, haversine_km, places_compatible, IdentityRules, Whereabouts};

/// What merging needs to know of one mention.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterKey {
    /// PLOVER type.
    pub kind: String,
    pub source_actor: Option<String>,
    pub target_actor: Option<String>,
    /// ISO 3166 alpha-2 country of the mention's place.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Day number of the event (see [`crate::day_of`]).
    pub day: Option<i64>,
    pub negated: bool,
    /// [`crate::content_hash`] of the mention's document.
    pub doc_hash: String,
    /// The mention's id in its document.
    pub event_id: String,
}

impl crate::EventMention {
    /// The merging key of this mention, found in the document whose text hashes to `doc_hash`.
    pub fn key(&self, doc_hash: &str) -> ClusterKey {
        ClusterKey {
            kind: self.kind.clone(),
            source_actor: self.source_actor.clone(),
            target_actor: self.target_actor.clone(),
            country: self.country.clone(),
            lat: self.lat,
            lon: self.lon,
            day: self.day,
            negated: self.negated,
            doc_hash: doc_hash.to_string(),
            event_id: self.id.clone(),
        }
    }
}

/// Mentions with different blocking keys are never the same event: the event type.
pub fn blocking_key(k: &ClusterKey) -> &str {
    &k.kind
}

fn canonical_cmp(a: &ClusterKey, b: &ClusterKey) -> Ordering {
    a.kind
        .cmp(&b.kind)
        .then(a.day.cmp(&b.day)) // None (undated) first
        .then_with(|| a.doc_hash.cmp(&b.doc_hash))
        .then_with(|| a.event_id.cmp(&b.event_id))
}

/// The indices of `keys` in the order [`cluster`] visits them.
pub fn canonical_order(keys: &[ClusterKey]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| canonical_cmp(&keys[a], &keys[b]).then(a.cmp(&b)));
    order
}

/// An event being built: what later mentions are compared with.
struct Open {
    id: usize,
    day: Option<i64>,
    source_actor: Option<String>,
    target_actor: Option<String>,
    country: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

impl Open {
    fn take(&mut self, k: &ClusterKey) {
        let longer = |have: &mut Option<String>, new: &Option<String>| {
            if let Some(n) = new {
                if n.len() > have.as_deref().map_or(0, str::len) {
                    *have = Some(n.clone());
                }
            }
        };
        longer(&mut self.source_actor, &k.source_actor);
        longer(&mut self.target_actor, &k.target_actor);
        if self.country.is_none() {
            self.country.clone_from(&k.country);
        }
        if self.lat.is_none() && k.lat.is_some() {
            self.lat = k.lat;
            self.lon = k.lon;
        }
    }
}

/// Merges mentions into events. Returns, for each key, its event number (`0..n`, numbered in
/// canonical order) or `None` for a negated mention. The numbers depend only on the set of keys
/// given, never on their order in the slice.
pub fn cluster(keys: &[ClusterKey], rules: &IdentityRules) -> Vec<Option<usize>> {
    let mut out = vec![None; keys.len()];
    let mut open: VecDeque<Open> = VecDeque::new();
    let mut block: Option<(&str, bool)> = None;
    let mut next = 0usize;
    for i in canonical_order(keys) {
        let k = &keys[i];
        if k.negated {
            continue;
        }
        let b = (blocking_key(k), k.day.is_some());
        if block != Some(b) {
            open.clear();
            block = Some(b);
        }
        if let Some(d) = k.day {
            // Events open in day order; one more than the window behind can take no more.
            while open
                .front()
                .is_some_and(|c| c.day.is_some_and(|cd| cd < d - rules.date_window_days))
            {
                open.pop_front();
            }
        }
        let here = Whereabouts {
            lat: k.lat,
            lon: k.lon,
            country: k.country.as_deref(),
        };
        let mut best: Option<(usize, (i64, u64))> = None;
        for (j, c) in open.iter().enumerate() {
            if !actors_compatible(k.source_actor.as_deref(), c.source_actor.as_deref())
                || !actors_compatible(k.target_actor.as_deref(), c.target_actor.as_deref())
            {
                continue;
            }
            let there = Whereabouts {
                lat: c.lat,
                lon: c.lon,
                country: c.country.as_deref(),
            };
            if !places_compatible(here, there, rules.max_km) {
                continue;
            }
            let dd = match (k.day, c.day) {
                (Some(a), Some(b)) => (a - b).abs(),
                _ => 0,
            };
            if dd > rules.date_window_days {
                continue;
            }
            let km = match (k.lat, k.lon, c.lat, c.lon) {
                (Some(a), Some(b), Some(c), Some(d)) => haversine_km(a, b, c, d) as u64,
                _ => u64::MAX / 2,
            };
            if best.is_none_or(|(_, s)| (dd, km) < s) {
                best = Some((j, (dd, km)));
            }
        }
        match best {
            Some((j, _)) => {
                let c = &mut open[j];
                c.take(k);
                out[i] = Some(c.id);
            }
            None => {
                open.push_back(Open {
                    id: next,
                    day: k.day,
                    source_actor: k.source_actor.clone(),
                    target_actor: k.target_actor.clone(),
                    country: k.country.clone(),
                    lat: k.lat,
                    lon: k.lon,
                });
                out[i] = Some(next);
                next += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(
        kind: &str,
        src: Option<&str>,
        day: i64,
        doc: &str,
        place: Option<(f64, f64, &str)>,
    ) -> ClusterKey {
        ClusterKey {
            kind: kind.into(),
            source_actor: src.map(Into::into),
            target_actor: None,
            country: place.map(|p| p.2.to_string()),
            lat: place.map(|p| p.0),
            lon: place.map(|p| p.1),
            day: Some(day),
            negated: false,
            doc_hash: doc.into(),
            event_id: "ev1".into(),
        }
    }

    const BERLIN: Option<(f64, f64, &str)> = Some((52.52, 13.405, "DE"));
    const POTSDAM: Option<(f64, f64, &str)> = Some((52.39, 13.065, "DE"));
    const PARIS: Option<(f64, f64, &str)> = Some((48.857, 2.352, "FR"));

    #[test]
    fn same_type_actor_place_and_week_merge() {
        let keys = vec![
            key("PROTEST", Some("DEU"), 100, "a", BERLIN),
            key("PROTEST", Some("DEUCVL"), 101, "b", POTSDAM),
            key("PROTEST", None, 102, "c", None),
            // Too far away, wrong type, too late, incompatible actor.
            key("PROTEST", Some("DEU"), 100, "d", PARIS),
            key("ASSAULT", Some("DEU"), 100, "e", BERLIN),
            key("PROTEST", Some("DEU"), 110, "f", BERLIN),
            key("PROTEST", Some("FRA"), 100, "g", BERLIN),
        ];
        let c = cluster(&keys, &IdentityRules::default());
        assert_eq!(c[0], c[1]);
        assert_eq!(c[0], c[2]);
        for other in 3..7 {
            assert_ne!(c[0], c[other], "key {other}");
        }
        let mut ids: Vec<usize> = c.iter().flatten().copied().collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 5);
    }

    #[test]
    fn negated_mentions_join_nothing() {
        let mut k = key("ASSAULT", Some("DEU"), 100, "a", BERLIN);
        k.negated = true;
        let keys = vec![k, key("ASSAULT", Some("DEU"), 100, "b", BERLIN)];
        assert_eq!(
            cluster(&keys, &IdentityRules::default()),
            vec![None, Some(0)]
        );
    }

    #[test]
    fn the_order_of_arrival_does_not_matter() {
        // A chain where greedy merging in arrival order would depend on who came first: the
        // middle mention's specific actor decides which of the two others it can join.
        let keys = vec![
            key("ASSAULT", Some("AFG"), 200, "x", None),
            key("ASSAULT", Some("AFGGOV"), 201, "y", None),
            key("ASSAULT", Some("AFGREB"), 201, "z", None),
            key("ASSAULT", None, 203, "w", None),
            key("ASSAULT", Some("AFGGOV"), 205, "v", None),
        ];
        let base = cluster(&keys, &IdentityRules::default());
        // Every rotation and the reversal give the same partition, numbers included.
        for r in 0..keys.len() {
            let mut perm: Vec<usize> = (0..keys.len()).collect();
            perm.rotate_left(r);
            if r % 2 == 1 {
                perm.reverse();
            }
            let shuffled: Vec<ClusterKey> = perm.iter().map(|&i| keys[i].clone()).collect();
            let got = cluster(&shuffled, &IdentityRules::default());
            for (pos, &i) in perm.iter().enumerate() {
                assert_eq!(got[pos], base[i], "rotation {r}, key {i}");
            }
        }
        // AFG takes AFGGOV (same hash order: "x" < "y"), so AFGREB starts its own event.
        assert_eq!(base[0], base[1]);
        assert_ne!(base[0], base[2]);
    }

    #[test]
    fn old_events_close_but_chains_within_the_window_stay_open() {
        // Day 300 opens an event; 303 is within 3 days of it, 306 is not (the event keeps its
        // first day), and starts a new one that 308 joins.
        let keys = vec![
            key("COERCE", None, 300, "a", None),
            key("COERCE", None, 303, "b", None),
            key("COERCE", None, 306, "c", None),
            key("COERCE", None, 308, "d", None),
        ];
        let c = cluster(&keys, &IdentityRules::default());
        assert_eq!(c, vec![Some(0), Some(0), Some(1), Some(1)]);
    }
}
