//! Tags the times of each line of a JSON Lines file (`id`, `date`, `text`) with the time stage
//! alone and prints `{"id", "times"}` per line (code-point offsets), for quick checks.
//!
//! `cargo run --release -p tidings-time --example times_jsonl FILE.jsonl`

use tidings_core::{Document, Stage};
use tidings_time::TimeTagger;

fn main() {
    let tagger = TimeTagger::new();
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: times_jsonl FILE.jsonl");
        return;
    };
    let Ok(s) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    for line in s.lines() {
        let Ok(j) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let id = j.get("id").and_then(|v| v.as_str()).unwrap_or("");
        let text = j.get("text").and_then(|v| v.as_str()).unwrap_or("");
        let mut d = Document::new(id, text);
        d.date = j
            .get("date")
            .and_then(|v| v.as_str())
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        tagger.process(&mut d);
        let d = d.into_output();
        let times = serde_json::to_value(&d.times).unwrap_or_default();
        println!("{}", serde_json::json!({"id": id, "times": times}));
    }
}
