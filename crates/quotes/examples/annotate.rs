//! Runs segment, entities and quotes on a JSON Lines corpus and prints contract JSON Lines, for
//! scoring the quote stage on the segmenter's layers without building the whole pipeline.
//! `cargo run --release -p tidings-quotes --example annotate IN.jsonl > OUT.jsonl`

use tidings_core::{Document, Stage};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: annotate IN.jsonl");
        std::process::exit(2);
    };
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2)
    });
    let stages: [Box<dyn Stage>; 3] = [
        Box::new(tidings_segment::Segmenter::new()),
        Box::new(tidings_entities::Entities::new()),
        Box::new(tidings_quotes::Quotes::new()),
    ];
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let id = v.get("id").and_then(|x| x.as_str()).unwrap_or("");
        let text = v.get("text").and_then(|x| x.as_str()).unwrap_or("");
        let mut d = Document::new(id, text);
        for s in &stages {
            s.process(&mut d);
        }
        let d = d.into_output();
        let out = serde_json::json!({"id": d.id, "quotes": d.quotes, "entities": d.entities});
        println!("{out}");
    }
}
