//! Trains and evaluates the syntax models.
//!
//! ```text
//! tidings-syntax train [--shared DIR] [--out DIR] [--tag-epochs N] [--parse-epochs N] [--ner-epochs N] [--folds N]
//! tidings-syntax eval  [--shared DIR] [--model FILE] [--split dev|test|both]
//! tidings-syntax news  [--shared DIR] [--model FILE] --out DIR   (NER output for ner.py)
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use tidings_core::{Document, OffsetMap, Stage};
use tidings_syntax::train::{self, TrainConfig};
use tidings_syntax::{ner, Syntax};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn num(args: &[String], name: &str, default: usize) -> Result<usize, String> {
    match arg(args, name) {
        Some(v) => v.parse().map_err(|_| format!("{name}: not a number: {v}")),
        None => Ok(default),
    }
}

fn load(args: &[String]) -> Result<Syntax, String> {
    match arg(args, "--model") {
        Some(p) => {
            let b = std::fs::read(&p).map_err(|e| format!("{p}: {e}"))?;
            Syntax::from_bytes(&b).ok_or_else(|| format!("{p}: not a syntax model"))
        }
        None => {
            let s = Syntax::new();
            if s.is_loaded() {
                Ok(s)
            } else {
                Err("no embedded model: run `train` first".into())
            }
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let shared = arg(&args, "--shared")
        .map(PathBuf::from)
        .unwrap_or_else(train::default_shared);
    match args.first().map(String::as_str) {
        Some("train") => {
            let d = TrainConfig::default();
            let cfg = TrainConfig {
                tag_epochs: num(&args, "--tag-epochs", d.tag_epochs)?,
                parse_epochs: num(&args, "--parse-epochs", d.parse_epochs)?,
                ner_epochs: num(&args, "--ner-epochs", d.ner_epochs)?,
                folds: num(&args, "--folds", d.folds)?,
                seed: d.seed,
                limit: num(&args, "--limit", 0)?,
                prune: [
                    num(&args, "--prune-tagger", d.prune[0] as usize)? as i16,
                    num(&args, "--prune-parser", d.prune[1] as usize)? as i16,
                    num(&args, "--prune-ner", d.prune[2] as usize)? as i16,
                ],
            };
            let out = arg(&args, "--out")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("crates/syntax/model"));
            train::train(&shared, &out, &cfg)?;
            Ok(())
        }
        Some("eval") => {
            let syn = load(&args)?;
            let which = arg(&args, "--split").unwrap_or_else(|| "both".into());
            let splits: Vec<&str> = match which.as_str() {
                "dev" => vec!["dev"],
                "test" => vec!["test"],
                _ => vec!["dev", "test"],
            };
            println!("corpus split words   UPOS   XPOS   lemma  UAS    LAS");
            for split in &splits {
                let c = train::load_split(&shared, split)?;
                for (name, sents) in [("EWT", &c.ewt), ("GUM", &c.gum)] {
                    let s = train::eval_treebank(&syn, sents);
                    println!(
                        "{name:<6} {split:<5} {:>6} {:.4} {:.4} {:.4} {:.4} {:.4}",
                        s.words, s.upos, s.xpos, s.lemma, s.uas, s.las
                    );
                }
                println!("NER (GUM {split}, named mentions, core spans): type P R F1 tp pred gold");
                let (mut tp, mut p, mut g) = (0, 0, 0);
                for (t, a, b, c) in train::eval_ner(&syn, &c) {
                    let (pr, re) = (a as f64 / b.max(1) as f64, a as f64 / c.max(1) as f64);
                    let f = if pr + re > 0.0 {
                        2.0 * pr * re / (pr + re)
                    } else {
                        0.0
                    };
                    println!("  {t:<7} {pr:.3} {re:.3} {f:.3} {a} {b} {c}");
                    if t != "OTHER" {
                        tp += a;
                        p += b;
                        g += c;
                    }
                }
                let (pr, re) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
                let f = if pr + re > 0.0 {
                    2.0 * pr * re / (pr + re)
                } else {
                    0.0
                };
                println!("  PER+ORG+PLACE {pr:.3} {re:.3} {f:.3}");
            }
            Ok(())
        }
        Some("prune") => {
            // Applies the pruning step of `train` to an already trained file.
            let inp = arg(&args, "--model").ok_or("--model FILE required")?;
            let out = arg(&args, "--out").ok_or("--out FILE required")?;
            let b = std::fs::read(&inp).map_err(|e| format!("{inp}: {e}"))?;
            let mut m =
                tidings_syntax::model::Models::from_bytes(&b).ok_or("not a syntax model")?;
            m.prune(
                num(&args, "--prune-tagger", 0)? as i16,
                num(&args, "--prune-parser", 0)? as i16,
                num(&args, "--prune-ner", 0)? as i16,
            );
            let bytes = m.to_bytes();
            std::fs::write(&out, &bytes).map_err(|e| e.to_string())?;
            println!("{out}: {} bytes", bytes.len());
            Ok(())
        }
        Some("news") => {
            let syn = load(&args)?;
            let out = PathBuf::from(arg(&args, "--out").ok_or("--out DIR required")?);
            std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            let gold_path = shared.join("eval/ner/gum-news.jsonl");
            let gold = std::fs::read_to_string(&gold_path)
                .map_err(|e| format!("{}: {e}", gold_path.display()))?;
            let (mut gold_sub, mut pred) = (String::new(), String::new());
            for line in gold.lines() {
                let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
                let split = v["meta"]["gum_split"].as_str().unwrap_or("");
                if split != "dev" && split != "test" {
                    continue;
                }
                gold_sub.push_str(line);
                gold_sub.push('\n');
                let mut d = Document::new(
                    v["id"].as_str().unwrap_or(""),
                    v["text"].as_str().unwrap_or(""),
                );
                tidings_syntax::tokenize::tokenize(&mut d);
                syn.process(&mut d);
                let map = OffsetMap::new(&d.text);
                let mut ents = Vec::new();
                for s in &d.sentences {
                    let toks = &d.tokens[s.first_token..s.end_token];
                    let classes: Vec<u8> = toks
                        .iter()
                        .map(|t| class_of(t.ner.as_deref().unwrap_or("O")))
                        .collect();
                    for m in ner::decode(&classes) {
                        let kind = match ner::TYPES[m.kind as usize] {
                            "PERSON" => "PERSON",
                            "ORG" => "ORG",
                            "PLACE" => "GPE",
                            _ => continue,
                        };
                        let (a, b) = (toks[m.start].start, toks[m.end - 1].end);
                        ents.push(serde_json::json!({"text": &d.text[a..b], "start": map.char_of(a), "end": map.char_of(b), "kind": kind}));
                    }
                }
                pred.push_str(&serde_json::json!({"id": d.id, "entities": ents}).to_string());
                pred.push('\n');
            }
            std::fs::write(out.join("gold.jsonl"), gold_sub).map_err(|e| e.to_string())?;
            std::fs::write(out.join("pred.jsonl"), pred).map_err(|e| e.to_string())?;
            println!("wrote {0}/gold.jsonl and {0}/pred.jsonl", out.display());
            Ok(())
        }
        _ => Err(
            "usage: tidings-syntax train|eval|news [--shared DIR] [--out DIR] [--model FILE]"
                .into(),
        ),
    }
}

fn class_of(tag: &str) -> u8 {
    let (b, ty) = tag.split_once('-').unwrap_or(("O", ""));
    match (
        ["B", "I", "L", "U"].iter().position(|x| *x == b),
        ner::TYPES.iter().position(|x| *x == ty),
    ) {
        (Some(b), Some(t)) => ner::class(t, b) as u8,
        _ => 0,
    }
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
