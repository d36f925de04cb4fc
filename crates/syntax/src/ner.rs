//! Named-entity recogniser: greedy BILOU tagging with an averaged perceptron over word, shape,
//! affix, context, POS, document-consistency and gazetteer-hint features.

use crate::feat::{f1, f2, f3, Lex, F_LOWER, F_TITLE};
use crate::linear::{KeyMap, Model, Perceptron};
use std::collections::HashSet;

/// Entity types the recogniser predicts (tag names as written to `Token::ner`).
pub const TYPES: [&str; 4] = ["PERSON", "ORG", "PLACE", "OTHER"];
pub const N_CLASSES: usize = 1 + 4 * TYPES.len();
const BILOU: [&str; 4] = ["B", "I", "L", "U"];

/// Class index of (type, position in BILOU order); 0 is `O`.
pub fn class(t: usize, b: usize) -> usize {
    1 + 4 * t + b
}
/// (type, BILOU position) of a non-`O` class.
pub fn split(c: usize) -> Option<(usize, usize)> {
    (c > 0).then(|| ((c - 1) / 4, (c - 1) % 4))
}
/// The tag string of a class (`O`, `B-PERSON`, ...).
pub fn tag_name(c: usize) -> String {
    match split(c) {
        None => "O".to_string(),
        Some((t, b)) => format!("{}-{}", BILOU[b], TYPES.get(t).copied().unwrap_or("OTHER")),
    }
}

/// Gazetteer hints, one bit set per token (filled through [`NerHints`]).
pub const HINT_PLACE: u8 = 1;
pub const HINT_PERSON: u8 = 2;
pub const HINT_ORG: u8 = 4;
pub const HINT_GROUP: u8 = 8;
/// The token starts a gazetteer match.
pub const HINT_BEGIN: u8 = 16;

/// A hook through which later stages (the gazetteer of the places stage, the project's
/// lexicons) give the recogniser per-token membership flags. The shipped model was trained with
/// no hints, so hints only change predictions after retraining with the same hook.
pub trait NerHints: Send + Sync {
    /// Sets `out[i]` (pre-zeroed, same length as `words`) to `HINT_*` bits for word `i`.
    fn hints(&self, words: &[&str], out: &mut [u8]);
}

/// Per-document memory: words seen in lowercase, and the type last predicted for a word.
#[derive(Default, Debug, Clone)]
pub struct DocMemory {
    pub lower_seen: HashSet<u64>,
    pub last_type: KeyMap<u8>,
}

impl DocMemory {
    /// Records the lowercase words of a document (call once with every word of the document).
    pub fn see(&mut self, lex: &[Lex]) {
        for l in lex {
            if l.flags & F_LOWER != 0 {
                self.lower_seen.insert(l.lower);
            }
        }
    }
    fn remember(&mut self, lex: &[Lex], classes: &[u8]) {
        for (l, c) in lex.iter().zip(classes) {
            if let Some((t, _)) = split(*c as usize) {
                self.last_type
                    .insert(crate::feat::key(l.exact), t as u8 + 1);
            }
        }
    }
    fn last(&self, l: Option<&Lex>) -> u64 {
        l.and_then(|l| self.last_type.get(&crate::feat::key(l.exact)).copied())
            .unwrap_or(0) as u64
    }
}

pub struct NerInput<'a> {
    pub lex: &'a [Lex],
    /// Tag classes from the tagger.
    pub tags: &'a [u8],
    pub hints: &'a [u8],
}

fn features(x: &NerInput, mem: &DocMemory, prev: &[u8], i: usize, out: &mut Vec<u32>) {
    out.clear();
    let at = |j: isize| -> Option<&Lex> {
        if j < 0 {
            None
        } else {
            x.lex.get(j as usize)
        }
    };
    let ii = i as isize;
    let nil = 0x99u64;
    let w = &x.lex[i];
    let ex = |j: isize| at(j).map_or(nil + j as u64, |l| l.exact);
    let lw = |j: isize| at(j).map_or(nil + j as u64, |l| l.lower);
    let sh = |j: isize| at(j).map_or(nil + j as u64, |l| l.shape);
    let tg = |j: isize| {
        if j < 0 {
            nil
        } else {
            x.tags.get(j as usize).map_or(nil + 1, |t| *t as u64)
        }
    };
    let hi = |j: isize| {
        if j < 0 {
            0
        } else {
            x.hints.get(j as usize).copied().unwrap_or(0) as u64
        }
    };
    let p1 = if i >= 1 { prev[i - 1] as u64 } else { 99 };
    let p2 = if i >= 2 { prev[i - 2] as u64 } else { 99 };
    let title = |j: isize| at(j).map_or(2, |l| (l.flags & F_TITLE != 0) as u64);
    // Length of the run of title-case words around i, and position in it.
    let mut a = i;
    while a > 0 && x.lex[a - 1].flags & F_TITLE != 0 {
        a -= 1;
    }
    let mut b = i + 1;
    while b < x.lex.len() && x.lex[b].flags & F_TITLE != 0 {
        b += 1;
    }
    let run = if w.flags & F_TITLE != 0 {
        ((b - a).min(5) as u64) * 8 + (i - a).min(4) as u64
    } else {
        0
    };
    out.extend_from_slice(&[
        f1(300, 0),
        f1(301, w.exact),
        f1(302, w.lower),
        f1(303, w.shape),
        f1(304, w.suf[2]),
        f1(305, w.suf[3]),
        f1(306, w.pre[2]),
        f1(307, w.flags as u64),
        f1(308, tg(ii)),
        f2(309, tg(ii - 1), tg(ii)),
        f2(310, tg(ii), tg(ii + 1)),
        f1(311, lw(ii - 1)),
        f1(312, lw(ii + 1)),
        f1(313, ex(ii - 1)),
        f1(314, ex(ii + 1)),
        f1(315, sh(ii - 1)),
        f1(316, sh(ii + 1)),
        f1(317, lw(ii - 2)),
        f1(318, lw(ii + 2)),
        f1(319, p1),
        f2(320, p2, p1),
        f2(321, p1, w.lower),
        f3(322, sh(ii - 1), w.shape, sh(ii + 1)),
        f2(323, (i == 0) as u64, w.exact),
        f2(
            324,
            (w.flags & F_TITLE) as u64,
            mem.lower_seen.contains(&w.lower) as u64,
        ),
        f2(325, mem.last(Some(w)), title(ii)),
        f1(326, mem.last(at(ii + 1))),
        f1(327, mem.last(at(ii - 1))),
        f2(328, run, tg(ii)),
        f2(329, p1, tg(ii)),
        f2(330, p1, w.shape),
        f3(331, lw(ii - 1), w.lower, lw(ii + 1)),
        f2(332, w.suf[3], tg(ii)),
        f2(333, lw(ii - 1), tg(ii)),
        f2(334, tg(ii), lw(ii + 1)),
        f1(335, hi(ii)),
        f2(336, hi(ii), hi(ii + 1)),
        f2(337, hi(ii - 1), hi(ii)),
        f2(338, hi(ii), tg(ii)),
        f2(339, title(ii - 1), title(ii + 1)),
        f3(340, p1, title(ii), tg(ii)),
    ]);
}

fn valid(prev: usize, c: usize, last: bool) -> bool {
    let open = matches!(split(prev), Some((_, 0 | 1)));
    match (split(prev), split(c)) {
        (Some((pt, _)), Some((t, b))) if open => pt == t && (b == 1 || b == 2) && !(last && b == 1),
        _ if open => false,
        (_, None) => true,
        (_, Some((_, b))) => (b == 0 || b == 3) && !(last && b == 0),
    }
}

#[derive(Clone, Debug, Default)]
pub struct Ner {
    pub model: Model,
}

impl Ner {
    /// Tags one sentence, updating the document memory.
    pub fn tag(
        &self,
        x: &NerInput,
        mem: &mut DocMemory,
        out: &mut Vec<u8>,
        feats: &mut Vec<u32>,
        scores: &mut Vec<i32>,
    ) {
        out.clear();
        scores.resize(N_CLASSES, 0);
        let n = x.lex.len();
        for i in 0..n {
            features(x, mem, out, i, feats);
            self.model.score(feats, scores);
            let prev = if i > 0 { out[i - 1] as usize } else { 0 };
            let mut best = usize::MAX;
            for c in 0..N_CLASSES {
                if valid(prev, c, i + 1 == n) && (best == usize::MAX || scores[c] > scores[best]) {
                    best = c;
                }
            }
            out.push(best.min(N_CLASSES - 1) as u8);
        }
        mem.remember(x.lex, out);
    }
}

/// A training document: sentences with their inputs and gold classes.
pub struct NerDoc {
    pub sents: Vec<(Vec<Lex>, Vec<u8>, Vec<u8>)>,
}

/// BILOU classes for mentions over `n` words (overlapping mentions: the first wins).
pub fn encode(n: usize, mentions: &[crate::conllu::Mention]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for m in mentions {
        if m.end > n || m.start >= m.end || out[m.start..m.end].iter().any(|c| *c != 0) {
            continue;
        }
        let t = m.kind as usize;
        if m.end - m.start == 1 {
            out[m.start] = class(t, 3) as u8;
        } else {
            out[m.start] = class(t, 0) as u8;
            for c in &mut out[m.start + 1..m.end - 1] {
                *c = class(t, 1) as u8;
            }
            out[m.end - 1] = class(t, 2) as u8;
        }
    }
    out
}

/// Mentions from BILOU classes (ill-formed sequences are repaired leniently).
pub fn decode(classes: &[u8]) -> Vec<crate::conllu::Mention> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in classes.iter().enumerate() {
        match split(*c as usize) {
            None => open = None,
            Some((t, 3)) => {
                out.push(crate::conllu::Mention {
                    start: i,
                    end: i + 1,
                    kind: t as u8,
                });
                open = None;
            }
            Some((t, 0)) => open = Some((i, t)),
            Some((t, 1)) => {
                if !matches!(open, Some((_, ot)) if ot == t) {
                    open = Some((i, t));
                }
            }
            Some((t, _)) => {
                let s = match open {
                    Some((s, ot)) if ot == t => s,
                    _ => i,
                };
                out.push(crate::conllu::Mention {
                    start: s,
                    end: i + 1,
                    kind: t as u8,
                });
                open = None;
            }
        }
    }
    out
}

pub fn train(
    docs: &[NerDoc],
    epochs: usize,
    rng: &mut crate::Rng,
    log: &mut dyn FnMut(&str),
) -> Model {
    let mut p = Perceptron::new(N_CLASSES);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; N_CLASSES];
    let mut pred = Vec::new();
    for epoch_no in 0..epochs {
        rng.shuffle(&mut order);
        for &di in &order {
            let d = &docs[di];
            let mut mem = DocMemory::default();
            for (lex, _, _) in &d.sents {
                mem.see(lex);
            }
            for (lex, tags, gold) in &d.sents {
                let hints = vec![0u8; lex.len()];
                let x = NerInput {
                    lex,
                    tags,
                    hints: &hints,
                };
                pred.clear();
                let n = lex.len();
                for i in 0..n {
                    features(&x, &mem, &pred, i, &mut feats);
                    p.score(&feats, &mut scores);
                    let prev = if i > 0 { pred[i - 1] as usize } else { 0 };
                    let mut best = usize::MAX;
                    for c in 0..N_CLASSES {
                        if valid(prev, c, i + 1 == n)
                            && (best == usize::MAX || scores[c] > scores[best])
                        {
                            best = c;
                        }
                    }
                    let best = best.min(N_CLASSES - 1);
                    p.update(&feats, gold[i] as usize, best);
                    p.tick();
                    pred.push(best as u8);
                }
                mem.remember(lex, &pred);
            }
        }
        log(&format!("epoch {} of {epochs}", epoch_no + 1));
    }
    p.finish()
}
