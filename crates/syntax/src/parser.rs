//! Greedy arc-hybrid labelled dependency parser with a dynamic oracle (Goldberg & Nivre 2013),
//! with a rich Zhang & Nivre (2011)-style feature set: words, tags, distance, valency,
//! second- and third-order children and their label sets.

use crate::feat::{f1, f2, f3, mix};
use crate::linear::{Model, Perceptron};
use tidings_core::syntax::Deprel;

pub const N_LABELS: usize = Deprel::LABELS.len();
pub const N_CLASSES: usize = 1 + 2 * N_LABELS;
pub const SHIFT: usize = 0;
const ROOT_LABEL: usize = 1;

#[inline]
pub fn left(l: usize) -> usize {
    1 + 2 * l
}
#[inline]
pub fn right(l: usize) -> usize {
    2 + 2 * l
}

/// Per-word input of the parser: word hash and tag class (index 0 is the root).
#[derive(Clone, Copy, Debug, Default)]
pub struct Node {
    pub word: u64,
    pub tag: u64,
}

const NONE: usize = usize::MAX;

/// Parser state over `n` words (1-based; 0 = root).
pub struct State {
    pub stack: Vec<usize>,
    pub b: usize,
    pub n: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
    l1: Vec<usize>,
    l2: Vec<usize>,
    r1: Vec<usize>,
    r2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        let mut s = State {
            stack: Vec::with_capacity(n + 1),
            b: 1,
            n,
            heads: Vec::new(),
            labels: Vec::new(),
            l1: Vec::new(),
            l2: Vec::new(),
            r1: Vec::new(),
            r2: Vec::new(),
            nl: Vec::new(),
            nr: Vec::new(),
            lset: Vec::new(),
            rset: Vec::new(),
        };
        s.reset(n);
        s
    }
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.b = 1;
        self.stack.clear();
        self.stack.push(0);
        for v in [
            &mut self.heads,
            &mut self.l1,
            &mut self.l2,
            &mut self.r1,
            &mut self.r2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        self.nl.clear();
        self.nl.resize(n + 1, 0);
        self.nr.clear();
        self.nr.resize(n + 1, 0);
        self.lset.clear();
        self.lset.resize(n + 1, 0);
        self.rset.clear();
        self.rset.resize(n + 1, 0);
    }
    pub fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() <= 1
    }
    fn s(&self, k: usize) -> usize {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            NONE
        }
    }
    fn bf(&self, k: usize) -> usize {
        let i = self.b + k;
        if i <= self.n {
            i
        } else {
            NONE
        }
    }
    /// Is action class `a` allowed?
    pub fn valid(&self, a: usize) -> bool {
        let buf = self.b <= self.n;
        let sl = self.stack.len();
        if a == SHIFT {
            return buf;
        }
        let l = (a - 1) / 2;
        if a % 2 == 1 {
            // LEFT: s0 <- b0
            buf && sl >= 2 && l != ROOT_LABEL
        } else if sl >= 3 {
            l != ROOT_LABEL
        } else {
            sl == 2 && !buf && l == ROOT_LABEL
        }
    }
    pub fn apply(&mut self, a: usize) {
        if a == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let l = (a - 1) / 2;
        let d = self.stack.pop().unwrap_or(0);
        let h = if a % 2 == 1 { self.b } else { self.s(0) };
        if h == NONE || h > self.n {
            return;
        }
        self.heads[d] = h;
        self.labels[d] = l as u8;
        if d < h {
            self.l2[h] = self.l1[h];
            self.l1[h] = d;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= 1u64 << (l & 63);
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= 1u64 << (l & 63);
        }
    }

    /// Feature keys of the current state.
    pub fn features(&self, nodes: &[Node], out: &mut Vec<u32>) {
        out.clear();
        const NW: u64 = 0x51;
        const NT: u64 = 0x52;
        let w = |i: usize| if i == NONE { NW } else { nodes[i].word };
        let t = |i: usize| if i == NONE { NT } else { nodes[i].tag };
        let lab = |i: usize| {
            if i == NONE {
                0xAA
            } else {
                self.labels[i] as u64
            }
        };
        let get = |v: &Vec<usize>, i: usize| if i == NONE { NONE } else { v[i] };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.bf(0), self.bf(1), self.bf(2));
        let s0l1 = get(&self.l1, s0);
        let s0l2 = get(&self.l2, s0);
        let s0r1 = get(&self.r1, s0);
        let s0r2 = get(&self.r2, s0);
        let s1r1 = get(&self.r1, s1);
        let s1r2 = get(&self.r2, s1);
        let s1l1 = get(&self.l1, s1);
        let b0l1 = get(&self.l1, b0);
        let b0l2 = get(&self.l2, b0);
        let (s0w, s0t, s1w, s1t, s2w, s2t) = (w(s0), t(s0), w(s1), t(s1), w(s2), t(s2));
        let (b0w, b0t, b1w, b1t, b2w, b2t) = (w(b0), t(b0), w(b1), t(b1), w(b2), t(b2));
        let s0wt = mix(s0w, s0t);
        let s1wt = mix(s1w, s1t);
        let b0wt = mix(b0w, b0t);
        let b1wt = mix(b1w, b1t);
        let dist = |a: usize, b: usize| -> u64 {
            if a == NONE || b == NONE {
                0
            } else {
                let d = b.abs_diff(a);
                match d {
                    0..=4 => d as u64,
                    5..=7 => 5,
                    8..=12 => 6,
                    _ => 7,
                }
            }
        };
        let d0 = dist(s0, b0);
        let d1 = dist(s1, s0);
        let vl = |i: usize| if i == NONE { 99 } else { self.nl[i] as u64 };
        let vr = |i: usize| if i == NONE { 99 } else { self.nr[i] as u64 };
        let ls = |i: usize| if i == NONE { 7 } else { self.lset[i] };
        let rs = |i: usize| if i == NONE { 7 } else { self.rset[i] };
        // Single words.
        out.extend_from_slice(&[
            f1(100, 0),
            f1(101, s0w),
            f1(102, s0t),
            f1(103, s0wt),
            f1(104, s1w),
            f1(105, s1t),
            f1(106, s1wt),
            f1(107, s2t),
            f1(108, s2w),
            f1(109, b0w),
            f1(110, b0t),
            f1(111, b0wt),
            f1(112, b1w),
            f1(113, b1t),
            f1(114, b1wt),
            f1(115, b2w),
            f1(116, b2t),
            f2(117, b2w, b2t),
        ]);
        // Pairs.
        out.extend_from_slice(&[
            f2(120, s0wt, b0wt),
            f2(121, s0wt, b0w),
            f2(122, s0w, b0wt),
            f2(123, s0wt, b0t),
            f2(124, s0t, b0wt),
            f2(125, s0w, b0w),
            f2(126, s0t, b0t),
            f2(127, b0t, b1t),
            f2(128, s1wt, s0wt),
            f2(129, s1t, s0t),
            f2(130, s1w, s0w),
            f2(131, s1t, b0t),
            f2(132, s1w, b0w),
            f2(133, s1wt, s0t),
            f2(134, s1t, s0wt),
            f2(135, b0wt, b1t),
            f2(136, b0w, b1w),
        ]);
        // Triples.
        out.extend_from_slice(&[
            f3(140, b0t, b1t, b2t),
            f3(141, s0t, b0t, b1t),
            f3(142, s1t, s0t, b0t),
            f3(143, s2t, s1t, s0t),
            f3(144, s0w, b0t, b1t),
            f3(145, s0t, b0w, b1t),
            f3(146, s0t, t(s0l1), b0t),
            f3(147, s0t, t(s0r1), b0t),
            f3(148, s0t, b0t, t(b0l1)),
            f3(149, s1t, t(s1r1), s0t),
            f3(150, s1t, s0t, t(s0r1)),
            f3(151, s1t, t(s1l1), s0t),
            f3(152, s1t, s0t, t(s0l1)),
            f3(153, s1t, s0t, b1t),
        ]);
        // Distance.
        out.extend_from_slice(&[
            f2(160, s0w, d0),
            f2(161, s0t, d0),
            f2(162, b0w, d0),
            f2(163, b0t, d0),
            f3(164, s0w, b0w, d0),
            f3(165, s0t, b0t, d0),
            f3(166, s1t, s0t, d1),
            f3(167, s1w, s0w, d1),
            f2(168, s0wt, d1),
        ]);
        // Valency.
        out.extend_from_slice(&[
            f2(170, s0w, vr(s0)),
            f2(171, s0t, vr(s0)),
            f2(172, s0w, vl(s0)),
            f2(173, s0t, vl(s0)),
            f2(174, b0w, vl(b0)),
            f2(175, b0t, vl(b0)),
            f2(176, s1w, vr(s1)),
            f2(177, s1t, vr(s1)),
        ]);
        // First-order children.
        out.extend_from_slice(&[
            f1(180, w(s0l1)),
            f1(181, t(s0l1)),
            f1(182, lab(s0l1)),
            f1(183, w(s0r1)),
            f1(184, t(s0r1)),
            f1(185, lab(s0r1)),
            f1(186, w(b0l1)),
            f1(187, t(b0l1)),
            f1(188, lab(b0l1)),
            f1(189, t(s1r1)),
            f1(190, lab(s1r1)),
            f1(191, lab(s1l1)),
            f2(192, s0t, lab(s0l1)),
            f2(193, s0t, lab(s0r1)),
            f2(194, b0t, lab(b0l1)),
            f2(195, s1t, lab(s1r1)),
        ]);
        // Second-order and third-order.
        out.extend_from_slice(&[
            f1(200, w(s0l2)),
            f1(201, t(s0l2)),
            f1(202, lab(s0l2)),
            f1(203, w(s0r2)),
            f1(204, t(s0r2)),
            f1(205, lab(s0r2)),
            f1(206, w(b0l2)),
            f1(207, t(b0l2)),
            f1(208, lab(b0l2)),
            f3(209, s0t, lab(s0l1), lab(s0l2)),
            f3(210, s0t, lab(s0r1), lab(s0r2)),
            f3(211, b0t, lab(b0l1), lab(b0l2)),
            f3(212, s1t, lab(s1r1), lab(s1r2)),
            f3(213, s0t, t(s0l1), t(s0l2)),
            f3(214, s0t, t(s0r1), t(s0r2)),
            f3(215, b0t, t(b0l1), t(b0l2)),
        ]);
        // Label sets.
        out.extend_from_slice(&[
            f2(220, s0w, ls(s0)),
            f2(221, s0t, ls(s0)),
            f2(222, s0w, rs(s0)),
            f2(223, s0t, rs(s0)),
            f2(224, b0w, ls(b0)),
            f2(225, b0t, ls(b0)),
            f2(226, s1t, rs(s1)),
            f2(227, s1w, rs(s1)),
        ]);
        // Stack depth and buffer end.
        let depth = self.stack.len().min(4) as u64;
        let left_in_buf = if b0 == NONE {
            0
        } else {
            (self.n - b0).min(3) as u64 + 1
        };
        out.push(f3(230, depth, left_in_buf, s0t));
        out.push(f2(231, left_in_buf, b0t));
    }

    /// Unlabelled costs of SHIFT, LEFT and RIGHT against the gold heads (`gold[i]` for word i,
    /// index 0 unused).
    pub fn costs(&self, gold: &[usize]) -> [i32; 3] {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b0 = self.bf(0);
        let in_buf = |i: usize| i != NONE && i >= self.b && i <= self.n;
        let mut c = [0i32; 3];
        if b0 != NONE {
            // SHIFT: b0 loses heads in the stack other than s0 and dependents in the stack.
            for &k in &self.stack {
                if gold[k] == b0 && k != 0 {
                    c[0] += 1;
                }
                if k != s0 && gold[b0] == k {
                    c[0] += 1;
                }
            }
        }
        if s0 != NONE && s0 != 0 {
            let deps =
                gold.get(self.b..=self.n)
                    .map_or(0, |g| g.iter().filter(|&&h| h == s0).count()) as i32;
            // LEFT: s0 <- b0.
            c[1] = deps;
            if gold[s0] != b0 && ((s1 != NONE && gold[s0] == s1) || in_buf(gold[s0])) {
                c[1] += 1;
            }
            // RIGHT: s1 -> s0.
            c[2] = deps;
            if gold[s0] != s1 && in_buf(gold[s0]) {
                c[2] += 1;
            }
        }
        c
    }

    /// Full cost of a labelled action class.
    pub fn cost(&self, a: usize, c: &[i32; 3], gold: &[usize], glab: &[u8]) -> i32 {
        if a == SHIFT {
            return c[0];
        }
        let l = (a - 1) / 2;
        let s0 = self.s(0);
        let h = if a % 2 == 1 { self.bf(0) } else { self.s(1) };
        let base = if a % 2 == 1 { c[1] } else { c[2] };
        let wrong_label = s0 != NONE && gold[s0] == h && glab[s0] as usize != l;
        base + wrong_label as i32
    }
}

/// The run-time parser.
#[derive(Clone, Debug, Default)]
pub struct Parser {
    pub model: Model,
}

impl Parser {
    /// Parses a sentence of `nodes` (index 0 = root) into `state`.
    pub fn parse(
        &self,
        nodes: &[Node],
        state: &mut State,
        feats: &mut Vec<u32>,
        scores: &mut Vec<i32>,
    ) {
        let n = nodes.len().saturating_sub(1);
        state.reset(n);
        scores.resize(N_CLASSES, 0);
        let mut guard = 0;
        while !state.terminal() && guard < 4 * n + 4 {
            guard += 1;
            state.features(nodes, feats);
            self.model.score(feats, scores);
            let mut best = usize::MAX;
            for a in 0..N_CLASSES {
                if state.valid(a) && (best == usize::MAX || scores[a] > scores[best]) {
                    best = a;
                }
            }
            if best == usize::MAX {
                break;
            }
            state.apply(best);
        }
        // Anything left unattached hangs from the first root child (or becomes a root).
        let root = (1..=n).find(|&i| state.heads[i] == 0);
        for i in 1..=n {
            if state.heads[i] == NONE {
                match root {
                    Some(r) if r != i => {
                        state.heads[i] = r;
                        state.labels[i] = 0;
                    }
                    _ => {
                        state.heads[i] = 0;
                        state.labels[i] = ROOT_LABEL as u8;
                    }
                }
            }
        }
    }
}

/// One training sentence for the parser.
pub struct ParseSentence {
    pub nodes: Vec<Node>,
    /// Gold heads and labels, index 0 unused.
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
}

/// Trains with the dynamic oracle and exploration (following the model's own prediction with
/// probability 0.9 from the second epoch on).
pub fn train(
    sents: &[ParseSentence],
    epochs: usize,
    rng: &mut crate::Rng,
    log: &mut dyn FnMut(&str),
) -> Model {
    let mut p = Perceptron::new(N_CLASSES);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; N_CLASSES];
    let mut st = State::new(0);
    for epoch_no in 0..epochs {
        let epoch = epoch_no;
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &sents[si];
            let n = s.nodes.len() - 1;
            st.reset(n);
            let mut guard = 0;
            while !st.terminal() && guard < 4 * n + 4 {
                guard += 1;
                st.features(&s.nodes, &mut feats);
                p.score(&feats, &mut scores);
                let c = st.costs(&s.heads);
                let mut pred = usize::MAX;
                let mut truth = usize::MAX;
                let mut min_cost = i32::MAX;
                for a in 0..N_CLASSES {
                    if st.valid(a) {
                        min_cost = min_cost.min(st.cost(a, &c, &s.heads, &s.labels));
                    }
                }
                for a in 0..N_CLASSES {
                    if !st.valid(a) {
                        continue;
                    }
                    if pred == usize::MAX || scores[a] > scores[pred] {
                        pred = a;
                    }
                    if st.cost(a, &c, &s.heads, &s.labels) == min_cost
                        && (truth == usize::MAX || scores[a] > scores[truth])
                    {
                        truth = a;
                    }
                }
                if pred == usize::MAX {
                    break;
                }
                let pred_cost = st.cost(pred, &c, &s.heads, &s.labels);
                if pred_cost > min_cost {
                    p.update(&feats, truth, pred);
                }
                p.tick();
                let follow = if epoch >= 1 && rng.next_f64() < 0.9 {
                    pred
                } else {
                    truth
                };
                st.apply(follow);
            }
        }
        log(&format!("epoch {} of {epochs}", epoch_no + 1));
    }
    p.finish()
}
