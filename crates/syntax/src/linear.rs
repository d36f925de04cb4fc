//! Sparse linear models: the averaged perceptron used in training, and the compact quantised
//! model used at run time.
//!
//! Features are 32-bit hashes (see [`crate::feat`]). A feature's weights are a short sparse row
//! of `(class, weight)` pairs: the perceptron only ever touches the true and the predicted class,
//! so most rows hold a handful of entries, which keeps both training memory and the committed
//! file small.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already hashes: mix them once more and use them as is.
#[derive(Default)]
pub struct KeyHasher(u64);
impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
pub type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// An averaged perceptron over hashed features with sparse rows.
pub struct Perceptron {
    pub n_classes: usize,
    rows: KeyMap<Vec<Entry>>,
    now: u32,
}

impl Perceptron {
    pub fn new(n_classes: usize) -> Self {
        Perceptron {
            n_classes,
            rows: KeyMap::default(),
            now: 1,
        }
    }

    /// Adds the current (not averaged) scores of `feats` into `scores` (len = n_classes).
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Counts one training instance (call once per prediction, updated or not).
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Perceptron update: +1 for `truth`, -1 for `guess` on every feature.
    pub fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let now = self.now;
        for f in feats {
            let row = self.rows.entry(*f).or_default();
            for (c, d) in [(truth, 1.0f32), (guess, -1.0f32)] {
                match row.iter_mut().find(|e| e.class as usize == c) {
                    Some(e) => {
                        e.total += (now - e.stamp) as f64 * e.w as f64;
                        e.stamp = now;
                        e.w += d;
                    }
                    None => row.push(Entry {
                        class: c as u16,
                        w: d,
                        total: 0.0,
                        stamp: now,
                    }),
                }
            }
        }
    }

    /// Averages the weights and quantises them to i16 (weights whose quantised value is zero
    /// are pruned, as are features left with no weight).
    pub fn finish(&self) -> Model {
        let now = self.now as f64;
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = Vec::with_capacity(self.rows.len());
        let mut max = 0f32;
        for (k, row) in &self.rows {
            let mut r = Vec::with_capacity(row.len());
            for e in row {
                let avg = ((e.total + (now - e.stamp as f64) * e.w as f64) / now) as f32;
                if avg != 0.0 {
                    max = max.max(avg.abs());
                    r.push((e.class as u8, avg));
                }
            }
            if !r.is_empty() {
                rows.push((*k, r));
            }
        }
        rows.sort_unstable_by_key(|r| r.0);
        let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
        let mut m = Model {
            n_classes: self.n_classes,
            ..Default::default()
        };
        for (k, r) in rows {
            let start = m.entries.len();
            for (c, w) in r {
                let q = (w * scale).round();
                if q != 0.0 {
                    m.entries.push((c, q as i16));
                }
            }
            if m.entries.len() > start {
                m.keys.push(k);
                m.starts.push(start as u32);
            }
        }
        m.starts.push(m.entries.len() as u32);
        m.build_index();
        m
    }
}

/// The run-time model: sorted keys, sparse quantised rows, and an open-addressing index.
#[derive(Default, Clone, Debug)]
pub struct Model {
    pub n_classes: usize,
    keys: Vec<u32>,
    /// `starts[i]..starts[i+1]` are the entries of `keys[i]`.
    starts: Vec<u32>,
    entries: Vec<(u8, i16)>,
    /// Open-addressing table (power-of-two size, at most half full): each slot holds its key and
    /// where its row lies, so that a lookup touches one slot line and one row line.
    slots: Vec<Slot>,
}

/// One slot of the index: a key and its row (`len == 0` marks an empty slot; stored rows are
/// never empty).
#[derive(Default, Clone, Copy, Debug)]
struct Slot {
    key: u32,
    start: u32,
    len: u32,
}

/// Features scored per batch in [`Model::score`]: the lookups of one batch are issued before any
/// of them is used, so their cache misses overlap.
const BATCH: usize = 32;

impl Model {
    fn build_index(&mut self) {
        let n = (self.keys.len() * 2).next_power_of_two().max(2);
        self.slots = vec![Slot::default(); n];
        let mask = n - 1;
        for (i, k) in self.keys.iter().enumerate() {
            let (a, b) = (self.starts[i], self.starts[i + 1]);
            let mut s = slot_of(*k) & mask;
            while self.slots[s].len != 0 {
                s = (s + 1) & mask;
            }
            self.slots[s] = Slot {
                key: *k,
                start: a,
                len: b - a,
            };
        }
    }

    /// Sums the weights of `feats` into `scores` (len >= n_classes), after zeroing it.
    ///
    /// The model is several megabytes, so nearly every lookup misses the cache. Lookups run in
    /// batches: first every home slot of the batch is read (independent loads the CPU overlaps),
    /// then the probes finish and the rows are summed.
    #[inline]
    pub fn score(&self, feats: &[u32], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        if self.slots.is_empty() {
            return;
        }
        let mask = self.slots.len() - 1;
        let mut home = [0usize; BATCH];
        let mut first = [Slot::default(); BATCH];
        let mut rows = [(0u32, 0u32); BATCH];
        for chunk in feats.chunks(BATCH) {
            for (j, f) in chunk.iter().enumerate() {
                let h = slot_of(*f) & mask;
                home[j] = h;
                first[j] = self.slots[h];
            }
            let mut nr = 0;
            for (j, f) in chunk.iter().enumerate() {
                let mut s = first[j];
                let mut at = home[j];
                while s.len != 0 && s.key != *f {
                    at = (at + 1) & mask;
                    s = self.slots[at];
                }
                if s.len != 0 {
                    rows[nr] = (s.start, s.len);
                    nr += 1;
                }
            }
            for &(a, n) in &rows[..nr] {
                let (a, b) = (a as usize, a as usize + n as usize);
                for &(c, w) in self.entries.get(a..b).unwrap_or(&[]) {
                    if let Some(s) = scores.get_mut(c as usize) {
                        *s += w as i32;
                    }
                }
            }
        }
    }

    /// Drops weights with `|w| < min_abs` (quantised units) and features left empty.
    pub fn pruned(&self, min_abs: i16) -> Model {
        let mut m = Model {
            n_classes: self.n_classes,
            ..Default::default()
        };
        for (i, k) in self.keys.iter().enumerate() {
            let start = m.entries.len();
            let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
            m.entries.extend(
                self.entries[a..b]
                    .iter()
                    .filter(|e| e.1.unsigned_abs() >= min_abs.unsigned_abs()),
            );
            if m.entries.len() > start {
                m.keys.push(*k);
                m.starts.push(start as u32);
            }
        }
        m.starts.push(m.entries.len() as u32);
        m.build_index();
        m
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Serialises: n_classes, n_keys, n_entries, then delta-varint keys, row lengths (varint),
    /// entries (class u8, weight i16 LE).
    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.n_classes as u64);
        put_varint(out, self.keys.len() as u64);
        put_varint(out, self.entries.len() as u64);
        let mut prev = 0u32;
        for &k in &self.keys {
            put_varint(out, (k - prev) as u64);
            prev = k;
        }
        for w in self.starts.windows(2) {
            put_varint(out, (w[1] - w[0]) as u64);
        }
        for &(c, w) in &self.entries {
            out.push(c);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }

    pub fn read(r: &mut Reader) -> Option<Model> {
        let n_classes = r.varint()? as usize;
        let n_keys = r.varint()? as usize;
        let n_entries = r.varint()? as usize;
        let mut keys = Vec::with_capacity(n_keys);
        let mut prev = 0u32;
        for _ in 0..n_keys {
            prev = prev.checked_add(u32::try_from(r.varint()?).ok()?)?;
            keys.push(prev);
        }
        let mut starts = Vec::with_capacity(n_keys + 1);
        let mut at = 0u32;
        starts.push(0);
        for _ in 0..n_keys {
            at = at.checked_add(u32::try_from(r.varint()?).ok()?)?;
            starts.push(at);
        }
        if at as usize != n_entries {
            return None;
        }
        let bytes = r.take(n_entries * 3)?;
        let entries = bytes
            .chunks_exact(3)
            .map(|c| (c[0], i16::from_le_bytes([c[1], c[2]])))
            .collect();
        let mut m = Model {
            n_classes,
            keys,
            starts,
            entries,
            slots: Vec::new(),
        };
        m.build_index();
        Some(m)
    }
}

#[inline]
fn slot_of(k: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B9) >> 7) as usize ^ k as usize
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A bounds-checked reader over the model bytes (never panics on a bad file).
pub struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, at: 0 }
    }
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.buf.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    pub fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.varint()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perceptron_learns_and_model_round_trips() {
        let mut p = Perceptron::new(3);
        let data = [(vec![1u32, 10], 0usize), (vec![2, 10], 1), (vec![3, 10], 2)];
        let mut s = vec![0f32; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                p.score(f, &mut s);
                let g = (0..3)
                    .max_by(|a, b| s[*a].partial_cmp(&s[*b]).unwrap())
                    .unwrap();
                p.update(f, *y, g);
                p.tick();
            }
        }
        let m = p.finish();
        let mut buf = Vec::new();
        m.write(&mut buf);
        let m2 = Model::read(&mut Reader::new(&buf)).unwrap();
        let mut si = vec![0i32; 3];
        for (f, y) in &data {
            m2.score(f, &mut si);
            let g = (0..3).max_by_key(|c| si[*c]).unwrap();
            assert_eq!(g, *y);
        }
        assert!(Model::read(&mut Reader::new(&buf[..buf.len() - 1])).is_none());
    }

    #[test]
    fn batched_scores_equal_row_by_row_sums() {
        // Many keys (so probes collide), and more features per call than one batch holds,
        // half of them unknown to the model.
        let mut p = Perceptron::new(5);
        let mut rng = crate::Rng::new(7);
        for _ in 0..2000 {
            let f: Vec<u32> = (0..4).map(|_| (rng.next_u64() % 3000) as u32).collect();
            p.update(
                &f,
                (rng.next_u64() % 5) as usize,
                (rng.next_u64() % 5) as usize,
            );
            p.tick();
        }
        let m = p.finish();
        assert!(m.n_features() > 1000);
        let feats: Vec<u32> = (0..3 * BATCH as u32 + 5).map(|i| i * 97 % 6000).collect();
        let mut expected = vec![0i32; 5];
        for f in &feats {
            if let Ok(i) = m.keys.binary_search(f) {
                for &(c, w) in &m.entries[m.starts[i] as usize..m.starts[i + 1] as usize] {
                    expected[c as usize] += w as i32;
                }
            }
        }
        let mut got = vec![7i32; 5];
        m.score(&feats, &mut got);
        assert_eq!(got, expected);
        assert!(expected.iter().any(|&v| v != 0));
    }
}
