//! Greedy averaged-perceptron POS tagger predicting a joint (UPOS, XPOS) class.

use crate::feat::{f1, f2, f3, Lex};
use crate::linear::{Model, Perceptron};
use std::collections::HashMap;

/// Sentinel tag classes for positions before the sentence.
pub const START: u64 = 0xFFFF_0001;
pub const START2: u64 = 0xFFFF_0002;

/// Collects the tagger's features for position `i`, given the classes already chosen for
/// `0..i` in `prev`.
pub fn features(lex: &[Lex], prev: &[u8], i: usize, out: &mut Vec<u32>) {
    out.clear();
    let w = &lex[i];
    let at = |j: isize| -> Option<&Lex> {
        if j < 0 {
            None
        } else {
            lex.get(j as usize)
        }
    };
    let ii = i as isize;
    let nil = 0x77u64;
    let lw = |j: isize| at(j).map_or(nil + j as u64, |l| l.lower);
    let sh = |j: isize| at(j).map_or(nil + j as u64, |l| l.shape);
    let s3 = |j: isize| at(j).map_or(nil + j as u64, |l| l.suf[2]);
    let p1 = if i >= 1 { prev[i - 1] as u64 } else { START };
    let p2 = if i >= 2 {
        prev[i - 2] as u64
    } else if i == 1 {
        START
    } else {
        START2
    };
    out.push(f1(0, 0));
    out.push(f1(1, w.lower));
    out.push(f1(2, w.exact));
    for (k, s) in w.suf.iter().enumerate() {
        out.push(f1(3 + k as u64, *s));
    }
    for (k, s) in w.pre.iter().enumerate() {
        out.push(f1(7 + k as u64, *s));
    }
    out.push(f1(10, w.shape));
    out.push(f1(11, p1));
    out.push(f2(12, p2, p1));
    out.push(f2(13, p1, w.lower));
    out.push(f1(14, lw(ii - 1)));
    out.push(f1(15, s3(ii - 1)));
    out.push(f1(16, lw(ii - 2)));
    out.push(f1(17, lw(ii + 1)));
    out.push(f1(18, s3(ii + 1)));
    out.push(f1(19, lw(ii + 2)));
    out.push(f1(20, sh(ii + 1)));
    out.push(f1(21, sh(ii - 1)));
    out.push(f2(22, w.flags as u64, (i == 0) as u64));
    out.push(f2(23, p1, w.suf[2]));
    out.push(f2(24, lw(ii - 1), w.lower));
    out.push(f2(25, w.lower, lw(ii + 1)));
    out.push(f2(26, w.shape, p1));
    out.push(f3(27, p1, w.lower, lw(ii + 1)));
    out.push(f2(28, w.suf[3], lw(ii + 1)));
    out.push(f2(29, s3(ii + 1), w.suf[2]));
    out.push(f2(30, (i == 0) as u64, w.exact));
}

/// The run-time tagger.
#[derive(Clone, Debug, Default)]
pub struct Tagger {
    pub model: Model,
    /// Class -> (UPOS index, XPOS string).
    pub classes: Vec<(u8, String)>,
    /// Unambiguous frequent words (lowercased hash) -> class.
    pub tagdict: HashMap<u64, u8>,
}

impl Tagger {
    /// Tags a sentence; `out` receives one class per word.
    pub fn tag(&self, lex: &[Lex], out: &mut Vec<u8>, feats: &mut Vec<u32>, scores: &mut Vec<i32>) {
        out.clear();
        scores.resize(self.classes.len().max(1), 0);
        for i in 0..lex.len() {
            if let Some(c) = self.tagdict.get(&lex[i].exact) {
                out.push(*c);
                continue;
            }
            features(lex, out, i, feats);
            self.model.score(feats, scores);
            let mut best = 0;
            for c in 1..self.classes.len() {
                if scores[c] > scores[best] {
                    best = c;
                }
            }
            out.push(best as u8);
        }
    }
}

/// Training data for the tagger: lexical hashes and gold classes per sentence.
pub struct TagSentence {
    pub lex: Vec<Lex>,
    pub gold: Vec<u8>,
}

pub fn build_tagdict(sents: &[TagSentence], forms: &[Vec<String>]) -> HashMap<u64, u8> {
    let mut counts: HashMap<u64, HashMap<u8, u32>> = HashMap::new();
    for (s, f) in sents.iter().zip(forms) {
        for (i, c) in s.gold.iter().enumerate() {
            let _ = &f[i];
            *counts
                .entry(s.lex[i].exact)
                .or_default()
                .entry(*c)
                .or_default() += 1;
        }
    }
    let mut d = HashMap::new();
    for (w, cs) in counts {
        let n: u32 = cs.values().sum();
        let (c, m) = cs
            .iter()
            .max_by_key(|(c, m)| (**m, u8::MAX - **c))
            .map(|(c, m)| (*c, *m))
            .unwrap_or((0, 0));
        if n >= 20 && m as f64 / n as f64 >= 0.995 {
            d.insert(w, c);
        }
    }
    d
}

/// Trains the tagger for `epochs` passes over `sents` (shuffled with `rng`).
pub fn train(
    sents: &[TagSentence],
    n_classes: usize,
    epochs: usize,
    rng: &mut crate::Rng,
    tagdict: &HashMap<u64, u8>,
    log: &mut dyn FnMut(&str),
) -> Model {
    let mut p = Perceptron::new(n_classes);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; n_classes];
    let mut pred: Vec<u8> = Vec::new();
    for epoch_no in 0..epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &sents[si];
            pred.clear();
            for i in 0..s.lex.len() {
                if let Some(c) = tagdict.get(&s.lex[i].exact) {
                    pred.push(*c);
                    continue;
                }
                features(&s.lex, &pred, i, &mut feats);
                p.score(&feats, &mut scores);
                let mut best = 0;
                for c in 1..n_classes {
                    if scores[c] > scores[best] {
                        best = c;
                    }
                }
                p.update(&feats, s.gold[i] as usize, best);
                p.tick();
                // Condition the next positions on the prediction (as at run time).
                pred.push(best as u8);
            }
        }
        log(&format!("epoch {} of {epochs}", epoch_no + 1));
    }
    p.finish()
}
