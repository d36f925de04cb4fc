//! Training and evaluation from the treebanks in `shared/treebanks` (read in place, never
//! copied). Everything is deterministic: fixed seed, sorted class tables, no parallelism, so the
//! same data gives a byte-identical `syntax.bin`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::conllu::{is_projective, parse_conllu, Mention, TreeSentence};
use crate::feat::Lex;
use crate::lemma::Lemmatizer;
use crate::model::Models;
use crate::ner::{self, NerDoc};
use crate::parser::{self, Node, ParseSentence};
use crate::tagger::{self, TagSentence, Tagger};
use crate::{Rng, Syntax};
use tidings_core::syntax::Upos;

pub const PRUNE_TAGGER: i16 = 20;
pub const PRUNE_PARSER: i16 = 400;
pub const PRUNE_NER: i16 = 0;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub tag_epochs: usize,
    pub parse_epochs: usize,
    pub ner_epochs: usize,
    /// Folds for jackknifed tags in parser training (0 or 1: the final tagger's tags).
    pub folds: usize,
    pub seed: u64,
    /// Pruning thresholds (|quantised weight| below which a weight is dropped) for the
    /// tagger, parser and recogniser, to keep the committed file small.
    pub prune: [i16; 3],
    /// Use only the first `limit` sentences of each treebank (quick experiments); 0 = all.
    pub limit: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tag_epochs: 16,
            parse_epochs: 10,
            ner_epochs: 10,
            folds: 4,
            seed: 20261202,
            limit: 0,
            prune: [PRUNE_TAGGER, PRUNE_PARSER, PRUNE_NER],
        }
    }
}

/// A GUM entity sentence: its word count and named mentions (word indices, core spans).
#[derive(Clone, Debug, Default)]
pub struct EntSentence {
    pub doc: String,
    pub mentions: Vec<Mention>,
    pub n_words: usize,
}

/// The treebank and entity files of one split.
pub struct Corpora {
    pub ewt: Vec<TreeSentence>,
    pub gum: Vec<TreeSentence>,
    pub gum_ents: Vec<EntSentence>,
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads one split (`train`, `dev` or `test`) from `shared/treebanks`.
pub fn load_split(shared: &Path, split: &str) -> Result<Corpora, String> {
    let tb = shared.join("treebanks");
    let ewt = parse_conllu(&read(&tb.join(format!("ewt/en_ewt-ud-{split}.conllu")))?);
    let gum = parse_conllu(&read(&tb.join(format!("gum/{split}.conllu")))?);
    let ents = read(&tb.join(format!("gum/entities-{split}.jsonl")))?;
    let mut gum_ents = Vec::new();
    for (line, s) in ents.lines().zip(&gum) {
        gum_ents.push(parse_entities(line, s)?);
    }
    if gum_ents.len() != gum.len() {
        return Err(format!(
            "{split}: {} entity lines for {} GUM sentences",
            gum_ents.len(),
            gum.len()
        ));
    }
    Ok(Corpora { ewt, gum, gum_ents })
}

/// GUM type -> recogniser type index.
fn type_index(t: &str) -> u8 {
    match t {
        "person" => 0,
        "organization" => 1,
        "place" => 2,
        _ => 3,
    }
}

/// Parses one entities JSON line; named mentions are reduced to their core name span (the name
/// without leading determiners/descriptors, possessive or post-modifiers), which is what news NER
/// marks and what `shared/eval/score/ner.py` scores.
pub fn parse_entities(line: &str, tree: &TreeSentence) -> Result<EntSentence, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let toks = v["tokens"].as_array().ok_or("no tokens")?;
    if toks.len() != tree.words.len() {
        return Err(format!("token count mismatch in {}", v["sent_id"]));
    }
    let starts: Vec<u64> = toks
        .iter()
        .map(|t| t["start"].as_u64().unwrap_or(0))
        .collect();
    let ends: Vec<u64> = toks
        .iter()
        .map(|t| t["end"].as_u64().unwrap_or(0))
        .collect();
    let mut mentions = Vec::new();
    for e in v["entities"].as_array().into_iter().flatten() {
        if e["named"].as_bool() != Some(true) {
            continue;
        }
        let (s, en) = (
            e["start"].as_u64().unwrap_or(0),
            e["end"].as_u64().unwrap_or(0),
        );
        let (Some(a), Some(b)) = (
            starts.iter().position(|x| *x == s),
            ends.iter().position(|x| *x == en),
        ) else {
            continue;
        };
        if let Some((a, b)) = core_span(tree, a, b + 1) {
            mentions.push(Mention {
                start: a,
                end: b,
                kind: type_index(e["type"].as_str().unwrap_or("")),
            });
        }
    }
    // Longest first at equal start (outer mentions win in BILOU encoding).
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    Ok(EntSentence {
        doc: v["doc"].as_str().unwrap_or("").to_string(),
        mentions,
        n_words: toks.len(),
    })
}

/// The core name inside a mention `[a, b)`: from the first proper noun up to the head, then
/// right over flat/compound/fixed dependents of the name.
fn core_span(t: &TreeSentence, a: usize, b: usize) -> Option<(usize, usize)> {
    let w = &t.words;
    let inside = |h: usize| h > a && h <= b; // 1-based head inside the span
    let head = (a..b).find(|&i| !inside(w[i].head))?;
    // GUM tags adjectival name parts ("New", "United") ADJ with XPOS NNP: count them as name.
    let is_name = |i: usize| w[i].upos == Upos::Propn || w[i].xpos.starts_with("NNP");
    let start = (a..=head).find(|&i| is_name(i))?;
    let mut end = head + 1;
    while end < b {
        let x = &w[end];
        let rel = x.deprel.as_str();
        let attached = x.head > start && x.head <= end + 1;
        let namey = matches!(
            rel,
            "flat" | "flat:name" | "compound" | "fixed" | "goeswith" | "nummod"
        ) || (is_name(end) && attached && rel != "appos" && rel != "conj");
        if attached && namey {
            end += 1;
        } else {
            break;
        }
    }
    Some((start, end))
}

fn lex_of(s: &TreeSentence) -> Vec<Lex> {
    s.words.iter().map(|w| Lex::new(&w.form)).collect()
}

/// Trains all models from the train split and returns the bundle.
pub fn train_models(train: &Corpora, cfg: &TrainConfig, log: &mut dyn FnMut(&str)) -> Models {
    let mut rng = Rng::new(cfg.seed);
    let all: Vec<&TreeSentence> = train.ewt.iter().chain(&train.gum).collect();
    // Tag classes: sorted (UPOS, XPOS) pairs.
    let classes: Vec<(u8, String)> = all
        .iter()
        .flat_map(|s| {
            s.words
                .iter()
                .map(|w| (w.upos.index() as u8, w.xpos.clone()))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let class_of = |u: Upos, x: &str| {
        classes
            .iter()
            .position(|(cu, cx)| *cu == u.index() as u8 && cx == x)
            .unwrap_or(0) as u8
    };
    let tag_sents: Vec<TagSentence> = all
        .iter()
        .map(|s| TagSentence {
            lex: lex_of(s),
            gold: s.words.iter().map(|w| class_of(w.upos, &w.xpos)).collect(),
        })
        .collect();
    let forms: Vec<Vec<String>> = all
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    let tagdict = tagger::build_tagdict(&tag_sents, &forms);
    log(&format!(
        "tagger: {} sentences, {} classes, {} tagdict words",
        tag_sents.len(),
        classes.len(),
        tagdict.len()
    ));
    let model = tagger::train(
        &tag_sents,
        classes.len(),
        cfg.tag_epochs,
        &mut rng,
        &tagdict,
        &mut |m| log(&format!("tagger {m}")),
    );
    let tagger = Tagger {
        model,
        classes: classes.clone(),
        tagdict: tagdict.clone(),
    };
    log(&format!(
        "tagger: {} features, {} weights",
        tagger.model.n_features(),
        tagger.model.n_weights()
    ));

    // Tags for parser training: jackknifed so that the parser sees realistic tagging errors.
    let mut pred_tags: Vec<Vec<u8>> = vec![Vec::new(); tag_sents.len()];
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    if cfg.folds >= 2 {
        for k in 0..cfg.folds {
            let rest: Vec<TagSentence> = tag_sents
                .iter()
                .enumerate()
                .filter(|(i, _)| i % cfg.folds != k)
                .map(|(_, s)| TagSentence {
                    lex: s.lex.clone(),
                    gold: s.gold.clone(),
                })
                .collect();
            let m = tagger::train(
                &rest,
                classes.len(),
                cfg.tag_epochs,
                &mut rng,
                &tagdict,
                &mut |_| {},
            );
            let t = Tagger {
                model: m,
                classes: classes.clone(),
                tagdict: tagdict.clone(),
            };
            for (i, s) in tag_sents
                .iter()
                .enumerate()
                .filter(|(i, _)| i % cfg.folds == k)
            {
                t.tag(&s.lex, &mut pred_tags[i], &mut feats, &mut scores);
            }
            log(&format!("jackknife fold {}/{} done", k + 1, cfg.folds));
        }
    } else {
        for (i, s) in tag_sents.iter().enumerate() {
            tagger.tag(&s.lex, &mut pred_tags[i], &mut feats, &mut scores);
        }
    }
    let parse_sents: Vec<ParseSentence> = all
        .iter()
        .zip(&tag_sents)
        .zip(&pred_tags)
        .filter(|((s, _), _)| is_projective(&s.words.iter().map(|w| w.head).collect::<Vec<_>>()))
        .map(|((s, ts), tags)| {
            let mut nodes = vec![Node {
                word: 0x5EED,
                tag: 0x5EED,
            }];
            nodes.extend(ts.lex.iter().zip(tags).map(|(l, t)| Node {
                word: l.lower,
                tag: *t as u64,
            }));
            let mut heads = vec![usize::MAX];
            heads.extend(s.words.iter().map(|w| w.head));
            let mut labels = vec![0u8];
            labels.extend(s.words.iter().map(|w| w.deprel.0));
            ParseSentence {
                nodes,
                heads,
                labels,
            }
        })
        .collect();
    log(&format!(
        "parser: {} projective sentences of {}",
        parse_sents.len(),
        all.len()
    ));
    let pmodel = parser::train(&parse_sents, cfg.parse_epochs, &mut rng, &mut |m| {
        log(&format!("parser {m}"))
    });
    log(&format!(
        "parser: {} features, {} weights",
        pmodel.n_features(),
        pmodel.n_weights()
    ));

    let lemmatizer = Lemmatizer::train(all.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            (
                w.form.as_str(),
                w.xpos.as_str(),
                w.lemma.as_str(),
                w.upos == Upos::Propn,
            )
        })
    }));
    log(&format!(
        "lemmatizer: {} rules, {} exceptions",
        lemmatizer.rules.len(),
        lemmatizer.exceptions.len()
    ));

    // The recogniser sees the tags of the pruned (shipped) tagger.
    let tagger = Tagger {
        model: tagger.model.pruned(cfg.prune[0]),
        ..tagger
    };
    let nmodel = train_ner(train, &tagger, cfg, log);
    let mut models = Models {
        tagger,
        lemmatizer,
        parser: crate::parser::Parser { model: pmodel },
        ner: crate::ner::Ner { model: nmodel },
    };
    models.prune(cfg.prune[0], cfg.prune[1], cfg.prune[2]);
    log(&format!(
        "pruned: tagger {} / parser {} / ner {} weights",
        models.tagger.model.n_weights(),
        models.parser.model.n_weights(),
        models.ner.model.n_weights()
    ));
    models
}

/// Trains the recogniser on GUM train with `tagger`'s tags (its own seeded generator, so it can
/// be retrained alone with the same result as in a full run).
pub fn train_ner(
    train: &Corpora,
    tagger: &Tagger,
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> crate::linear::Model {
    let mut rng = Rng::new(cfg.seed ^ 0x4E45_5200);
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    // NER on GUM train, with the final tagger's tags, grouped by document in corpus order.
    let mut docs: Vec<NerDoc> = Vec::new();
    let mut last_doc = String::new();
    for (s, e) in train.gum.iter().zip(&train.gum_ents) {
        let lex = lex_of(s);
        let mut tags = Vec::new();
        tagger.tag(&lex, &mut tags, &mut feats, &mut scores);
        let gold = ner::encode(lex.len(), &e.mentions);
        if docs.is_empty() || e.doc != last_doc {
            docs.push(NerDoc { sents: Vec::new() });
            last_doc = e.doc.clone();
        }
        if let Some(d) = docs.last_mut() {
            d.sents.push((lex, tags, gold));
        }
    }
    let nmodel = ner::train(&docs, cfg.ner_epochs, &mut rng, &mut |m| {
        log(&format!("ner {m}"))
    });
    log(&format!(
        "ner: {} documents, {} features, {} weights",
        docs.len(),
        nmodel.n_features(),
        nmodel.n_weights()
    ));
    nmodel
}

/// Trains from `shared` and writes `out/syntax.bin`; returns the bundle.
pub fn train(shared: &Path, out: &Path, cfg: &TrainConfig) -> Result<Models, String> {
    let t = std::time::Instant::now();
    let mut corpora = load_split(shared, "train")?;
    if cfg.limit > 0 {
        corpora.ewt.truncate(cfg.limit);
        corpora.gum.truncate(cfg.limit);
        corpora.gum_ents.truncate(cfg.limit);
    }
    // Licence hygiene: GUM's non-commercial genres are already absent from shared/treebanks.
    let models = train_models(&corpora, cfg, &mut |m| {
        eprintln!("[{:>6.1}s] {m}", t.elapsed().as_secs_f64())
    });
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let path = out.join("syntax.bin");
    std::fs::write(&path, models.to_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!(
        "[{:>6.1}s] wrote {}",
        t.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(models)
}

/// Tagging, lemma and attachment scores over a treebank (all words, punctuation included).
#[derive(Clone, Debug, Default)]
pub struct TreeScores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
}

pub fn eval_treebank(syn: &Syntax, sents: &[TreeSentence]) -> TreeScores {
    let (mut n, mut u, mut x, mut l, mut ua, mut la) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let a = syn.analyze(&words);
        for (w, p) in s.words.iter().zip(&a) {
            n += 1;
            u += (w.upos == p.upos) as usize;
            x += (w.xpos == p.xpos) as usize;
            l += (w.lemma == p.lemma) as usize;
            if w.head == p.head {
                ua += 1;
                la += (w.deprel == p.deprel) as usize;
            }
        }
    }
    let r = |k: usize| k as f64 / n.max(1) as f64;
    TreeScores {
        words: n,
        upos: r(u),
        xpos: r(x),
        lemma: r(l),
        uas: r(ua),
        las: r(la),
    }
}

/// Per-type exact-span precision/recall/F1 of the recogniser (gold: core spans of named
/// mentions; documents processed in order so the document memory works as at run time).
pub fn eval_ner(syn: &Syntax, c: &Corpora) -> Vec<(String, usize, usize, usize)> {
    let mut counts = vec![(0usize, 0usize, 0usize); ner::TYPES.len()];
    let mut doc = String::new();
    let mut group: Vec<usize> = Vec::new();
    let flush = |group: &mut Vec<usize>, counts: &mut Vec<(usize, usize, usize)>| {
        if group.is_empty() {
            return;
        }
        // Build a document of the group's sentences so memory and document context apply.
        let mut text = String::new();
        let mut d = tidings_core::Document::default();
        for &si in group.iter() {
            let first = d.tokens.len();
            let start = text.len();
            for w in &c.gum[si].words {
                let a = text.len();
                text.push_str(&w.form);
                d.tokens.push(tidings_core::Token {
                    start: a,
                    end: text.len(),
                    sentence: d.sentences.len(),
                    ..Default::default()
                });
                text.push(' ');
            }
            d.sentences.push(tidings_core::Sentence {
                start,
                end: text.len(),
                first_token: first,
                end_token: d.tokens.len(),
                ..Default::default()
            });
        }
        d.text = text;
        let n_sent = d.sentences.len();
        syn.parse_sentences(&mut d, &(0..n_sent).collect::<Vec<_>>());
        for (k, &si) in group.iter().enumerate() {
            let s = &d.sentences[k];
            let classes: Vec<u8> = d.tokens[s.first_token..s.end_token]
                .iter()
                .map(|t| {
                    let tag = t.ner.as_deref().unwrap_or("O");
                    let (b, ty) = tag.split_once('-').unwrap_or(("O", ""));
                    match (
                        ["B", "I", "L", "U"].iter().position(|x| *x == b),
                        ner::TYPES.iter().position(|x| *x == ty),
                    ) {
                        (Some(b), Some(t)) => ner::class(t, b) as u8,
                        _ => 0,
                    }
                })
                .collect();
            let pred = ner::decode(&classes);
            // Gold: outer mentions only would be unfair to nested gold; score all gold mentions.
            let gold = &c.gum_ents[si].mentions;
            for m in &pred {
                counts[m.kind as usize].1 += 1;
                if gold.contains(m) {
                    counts[m.kind as usize].0 += 1;
                }
            }
            for m in gold {
                counts[m.kind as usize].2 += 1;
            }
        }
        group.clear();
    };
    for (si, e) in c.gum_ents.iter().enumerate() {
        if e.doc != doc {
            flush(&mut group, &mut counts);
            doc = e.doc.clone();
        }
        group.push(si);
    }
    flush(&mut group, &mut counts);
    ner::TYPES
        .iter()
        .zip(counts)
        .map(|(t, (tp, p, g))| (t.to_string(), tp, p, g))
        .collect()
}

/// `<workspace>/../shared`, or `$TIDINGS_SHARED`.
pub fn default_shared() -> PathBuf {
    std::env::var_os("TIDINGS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}
