//! Syntax: averaged-perceptron POS tagger, transition-based dependency parser and NER, trained on UD treebanks.
//!
//! The `syntax` stage fills, for each token of each sentence, `upos`, `xpos`, `lemma`, `head`
//! (a document-level token index; `None` for the root), `deprel` and `ner` (a BILOU tag such
//! as `B-PERSON`). Models: a greedy averaged-perceptron tagger over joint (UPOS, XPOS) classes, a
//! suffix-rule lemmatiser, a greedy arc-hybrid parser trained with a dynamic oracle, and a BILOU
//! recogniser; all are trained by `tidings-syntax train` (see [`train`]) and embedded in the
//! binary from `model/syntax.bin`, so nothing needs training at run time.
//!
//! Architecture invariant: depends only on `tidings-core` (and data it embeds); reads earlier
//! layers of the `Document` (sentences and tokens), writes only the token fields above.

pub mod conllu;
pub mod feat;
pub mod lemma;
pub mod linear;
pub mod model;
pub mod ner;
pub mod parser;
pub mod tagger;
pub mod tokenize;
pub mod train;
/// The dependency-tree helpers live in `tidings-core` (they read only the document), so that
/// stages can use them without depending on this crate.
pub use tidings_core::tree;

use std::sync::{Arc, OnceLock};

use feat::Lex;
use model::Models;
use ner::{DocMemory, NerHints, NerInput};
use parser::{Node, State};
use tidings_core::syntax::{Deprel, Upos};
use tidings_core::{Document, Stage};

#[cfg(has_model)]
static MODEL_BYTES: &[u8] = include_bytes!("../model/syntax.bin");
#[cfg(not(has_model))]
static MODEL_BYTES: &[u8] = &[];

/// The embedded models, decoded once per process.
fn embedded() -> Arc<Models> {
    static M: OnceLock<Arc<Models>> = OnceLock::new();
    M.get_or_init(|| Arc::new(Models::from_bytes(MODEL_BYTES).unwrap_or_default()))
        .clone()
}

/// A deterministic xorshift random generator for training.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Which sentences the stage parses (all when unset).
pub type SentenceFilter = dyn Fn(&Document, usize) -> bool + Send + Sync;

/// The `syntax` stage.
#[derive(Clone)]
pub struct Syntax {
    models: Arc<Models>,
    hints: Option<Arc<dyn NerHints>>,
    only: Option<Arc<SentenceFilter>>,
}

impl std::fmt::Debug for Syntax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Syntax")
            .field("loaded", &!self.models.is_empty())
            .finish()
    }
}

impl Default for Syntax {
    fn default() -> Self {
        Self::new()
    }
}

/// One word's analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct WordAnalysis {
    pub upos: Upos,
    pub xpos: String,
    pub lemma: String,
    /// 0 = root, else 1-based index of the head word in the sentence.
    pub head: usize,
    pub deprel: Deprel,
    pub ner: String,
}

/// Reusable buffers for one sentence.
#[derive(Default)]
struct Scratch {
    tags: Vec<u8>,
    nodes: Vec<Node>,
    feats: Vec<u32>,
    scores: Vec<i32>,
    ner: Vec<u8>,
    hints: Vec<u8>,
    state: Option<State>,
}

impl Syntax {
    /// The stage with the embedded models.
    pub fn new() -> Self {
        Syntax {
            models: embedded(),
            hints: None,
            only: None,
        }
    }

    /// The stage with models read from a `syntax.bin` file's bytes.
    pub fn from_bytes(buf: &[u8]) -> Option<Self> {
        Some(Syntax {
            models: Arc::new(Models::from_bytes(buf)?),
            hints: None,
            only: None,
        })
    }

    pub fn from_models(models: Models) -> Self {
        Syntax {
            models: Arc::new(models),
            hints: None,
            only: None,
        }
    }

    /// True when trained models are loaded.
    pub fn is_loaded(&self) -> bool {
        !self.models.is_empty()
    }

    pub fn models(&self) -> &Models {
        &self.models
    }

    /// Adds gazetteer-style hints for the recogniser.
    pub fn with_hints(mut self, hints: Arc<dyn NerHints>) -> Self {
        self.hints = Some(hints);
        self
    }

    /// Parses only the sentences for which `pred(doc, sentence_index)` holds (lazy parsing).
    pub fn only_sentences(
        mut self,
        pred: impl Fn(&Document, usize) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.only = Some(Arc::new(pred));
        self
    }

    /// Tags, lemmatises, parses and recognises entities in one tokenised sentence.
    pub fn analyze(&self, words: &[&str]) -> Vec<WordAnalysis> {
        let lex: Vec<Lex> = words.iter().map(|w| Lex::new(w)).collect();
        let mut mem = DocMemory::default();
        mem.see(&lex);
        let mut sc = Scratch::default();
        self.run(words, &lex, &mut mem, &mut sc);
        let st = sc.state.as_ref();
        (0..words.len())
            .map(|i| {
                let (u, x) = self.class(sc.tags.get(i).copied().unwrap_or(0));
                WordAnalysis {
                    upos: u,
                    lemma: self.models.lemmatizer.lemma(words[i], x, u == Upos::Propn),
                    xpos: x.to_string(),
                    head: st.map_or(0, |s| s.heads[i + 1]),
                    deprel: Deprel(st.map_or(0, |s| s.labels[i + 1])),
                    ner: ner::tag_name(sc.ner.get(i).copied().unwrap_or(0) as usize),
                }
            })
            .collect()
    }

    fn class(&self, c: u8) -> (Upos, &str) {
        match self.models.tagger.classes.get(c as usize) {
            Some((u, x)) => (
                Upos::ALL.get(*u as usize).copied().unwrap_or(Upos::X),
                x.as_str(),
            ),
            None => (Upos::X, "_"),
        }
    }

    /// Tagging and parsing only (for benchmarks); returns the number of words.
    pub fn tag_and_parse(
        &self,
        words: &[&str],
        lex_buf: &mut Vec<Lex>,
        heads: &mut Vec<usize>,
    ) -> usize {
        lex_buf.clear();
        lex_buf.extend(words.iter().map(|w| Lex::new(w)));
        thread_local! {
            static SC: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SC.with(|sc| {
            let mut sc = sc.borrow_mut();
            let sc = &mut *sc;
            let m = &self.models;
            m.tagger
                .tag(lex_buf, &mut sc.tags, &mut sc.feats, &mut sc.scores);
            sc.nodes.clear();
            sc.nodes.push(Node {
                word: 0x5EED,
                tag: 0x5EED,
            });
            sc.nodes
                .extend(lex_buf.iter().zip(&sc.tags).map(|(l, t)| Node {
                    word: l.lower,
                    tag: *t as u64,
                }));
            let st = sc.state.get_or_insert_with(|| State::new(0));
            m.parser.parse(&sc.nodes, st, &mut sc.feats, &mut sc.scores);
            heads.clear();
            heads.extend_from_slice(&st.heads[1..]);
        });
        words.len()
    }

    fn run(&self, words: &[&str], lex: &[Lex], mem: &mut DocMemory, sc: &mut Scratch) {
        let m = &self.models;
        m.tagger
            .tag(lex, &mut sc.tags, &mut sc.feats, &mut sc.scores);
        sc.nodes.clear();
        sc.nodes.push(Node {
            word: 0x5EED,
            tag: 0x5EED,
        });
        sc.nodes.extend(lex.iter().zip(&sc.tags).map(|(l, t)| Node {
            word: l.lower,
            tag: *t as u64,
        }));
        let st = sc.state.get_or_insert_with(|| State::new(0));
        m.parser.parse(&sc.nodes, st, &mut sc.feats, &mut sc.scores);
        sc.hints.clear();
        sc.hints.resize(words.len(), 0);
        if let Some(h) = &self.hints {
            h.hints(words, &mut sc.hints);
        }
        let x = NerInput {
            lex,
            tags: &sc.tags,
            hints: &sc.hints,
        };
        m.ner
            .tag(&x, mem, &mut sc.ner, &mut sc.feats, &mut sc.scores);
    }

    /// Parses sentence `i` of `doc` (lazy use); see [`Syntax::parse_sentences`].
    pub fn parse_sentence(&self, doc: &mut Document, i: usize) {
        self.parse_sentences(doc, &[i]);
    }

    /// Annotates the tokens of the given sentences of `doc`. Entity memory (a word's earlier
    /// type in the document) is taken from tokens already annotated before each sentence.
    #[allow(clippy::needless_range_loop)]
    pub fn parse_sentences(&self, doc: &mut Document, which: &[usize]) {
        if self.models.is_empty() || doc.tokens.is_empty() {
            return;
        }
        let text = std::mem::take(&mut doc.text);
        let lex: Vec<Lex> = doc
            .tokens
            .iter()
            .map(|t| Lex::new(text.get(t.start..t.end).unwrap_or("")))
            .collect();
        let mut mem = DocMemory::default();
        mem.see(&lex);
        let mut sc = Scratch::default();
        let mut words: Vec<&str> = Vec::new();
        let mut done = 0usize;
        let mut order: Vec<usize> = which.to_vec();
        order.sort_unstable();
        order.dedup();
        for si in order {
            let Some(s) = doc.sentences.get(si) else {
                continue;
            };
            let (a, b) = (s.first_token, s.end_token);
            if a >= b || b > doc.tokens.len() {
                continue;
            }
            // Remember types of entities tagged earlier in the document.
            for t in done..a {
                if let Some(tag) = doc.tokens[t].ner.as_deref() {
                    if let Some(ty) = tag
                        .get(2..)
                        .and_then(|ty| ner::TYPES.iter().position(|x| *x == ty))
                    {
                        mem.last_type.insert(feat::key(lex[t].exact), ty as u8 + 1);
                    }
                }
            }
            done = done.max(a);
            words.clear();
            words.extend(
                doc.tokens[a..b]
                    .iter()
                    .map(|t| text.get(t.start..t.end).unwrap_or("")),
            );
            self.run(&words, &lex[a..b], &mut mem, &mut sc);
            done = done.max(b);
            let st = sc.state.as_ref();
            for k in 0..(b - a) {
                let (u, x) = self.class(sc.tags[k]);
                let lemma = self.models.lemmatizer.lemma(words[k], x, u == Upos::Propn);
                let (h, l) = st.map_or((0, 0), |s| (s.heads[k + 1], s.labels[k + 1]));
                let t = &mut doc.tokens[a + k];
                t.upos = Some(u);
                t.xpos = Some(x.to_string());
                t.lemma = Some(lemma);
                t.head = if h == 0 || h > b - a {
                    None
                } else {
                    Some(a + h - 1)
                };
                t.deprel = Some(Deprel(l));
                t.ner = Some(ner::tag_name(sc.ner[k] as usize));
            }
        }
        doc.text = text;
    }
}

impl Stage for Syntax {
    fn name(&self) -> &'static str {
        "syntax"
    }
    fn process(&self, doc: &mut Document) {
        let which: Vec<usize> = (0..doc.sentences.len())
            .filter(|&i| match &self.only {
                Some(p) => p(doc, i),
                None => true,
            })
            .collect();
        self.parse_sentences(doc, &which);
    }
}
