//! Whole-pipeline speed on ~4 KB news articles, one thread (articles/s per core), with each
//! stage's share of the time.
//!
//! The articles are built at run time from the shared evaluation corpus (GeoWebNews texts,
//! concatenated or cut to about 4 KB); nothing from it is stored in the repository.
//!
//!     cargo run --release -p tidings-events --example pipeline_bench [-- CORPUS.jsonl] [ROUNDS]

use std::path::PathBuf;
use std::time::Instant;

use tidings::{Document, Tidings};

fn shared() -> PathBuf {
    std::env::var_os("TIDINGS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| shared().join("eval/geo/geowebnews.jsonl"));
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let raw = match std::fs::read_to_string(&corpus) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {}: {e}", corpus.display());
            std::process::exit(2);
        }
    };
    // Build ~4 KB articles from consecutive texts.
    let mut articles: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(t) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        for para in t.split('\n').filter(|p| !p.trim().is_empty()) {
            cur.push_str(para.trim());
            cur.push_str("\n\n");
            if cur.len() >= 4000 {
                let mut cut = 4096.min(cur.len());
                while !cur.is_char_boundary(cut) {
                    cut -= 1;
                }
                articles.push(cur[..cut].to_string());
                cur.clear();
            }
        }
    }
    if articles.is_empty() {
        eprintln!("no text in {}", corpus.display());
        std::process::exit(2);
    }
    let bytes: usize = articles.iter().map(String::len).sum();
    let t = Instant::now();
    let tidings = Tidings::new();
    let load = t.elapsed();
    let mut times = Vec::new();
    let mut events = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        for (i, a) in articles.iter().enumerate() {
            let mut d = Document::new(format!("a{i}"), a.clone());
            d.date = chrono::NaiveDate::from_ymd_opt(2021, 8, 12);
            tidings.pipeline().run_timed(&mut d, &mut times);
            events += d.events.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = articles.len() * rounds;
    println!(
        "{} articles x {rounds} rounds, mean {:.0} bytes; pipeline load {:.0} ms",
        articles.len(),
        bytes as f64 / articles.len() as f64,
        load.as_secs_f64() * 1e3
    );
    println!(
        "whole pipeline, 1 thread: {:.0} articles/s, {:.2} MB/s, {:.1} events/article",
        n as f64 / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        events as f64 / n as f64
    );
    let total: u128 = times.iter().map(|t| t.1).sum::<u128>().max(1);
    for (name, ns) in &times {
        println!(
            "  {name:<10} {:>5.1}%  {:>8.0} articles/s alone",
            *ns as f64 * 100.0 / total as f64,
            n as f64 / (*ns as f64 / 1e9).max(1e-9)
        );
    }
}
