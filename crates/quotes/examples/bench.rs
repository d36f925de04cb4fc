//! Speed of the entity and quote stages on one core.
//!
//! `cargo run --release -p tidings-quotes --example bench [CORPUS.jsonl] [ROUNDS]`
//! (default corpus: the shared PolNeAR dev set). Reads the `text` of each JSON line, runs the
//! entities stage then the quote stage on a single thread, and prints MB/s for each and together.

use std::time::Instant;

use tidings_core::{Document, Stage};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/quotes/polnear-dev.jsonl"
        )
        .to_string()
    });
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let raw = match std::fs::read_to_string(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let entities = tidings_entities::Entities::new();
    let quotes = tidings_quotes::Quotes::new();
    let (mut te, mut tq, mut n) = (0f64, 0f64, 0usize);
    for _ in 0..rounds {
        for t in &texts {
            let mut d = Document::new("b", t.as_str());
            let a = Instant::now();
            entities.process(&mut d);
            let b = Instant::now();
            quotes.process(&mut d);
            te += (b - a).as_secs_f64();
            tq += b.elapsed().as_secs_f64();
            n += d.quotes.len();
        }
    }
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} documents, {:.2} MB x {rounds} rounds, {} quotes/round",
        texts.len(),
        bytes as f64 / 1e6,
        n / rounds.max(1)
    );
    println!("entities: {:.1} MB/s/core", mb / te);
    println!("quotes:   {:.1} MB/s/core", mb / tq);
    println!("both:     {:.1} MB/s/core", mb / (te + tq));
}
