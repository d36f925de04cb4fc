//! Runs segment (+ syntax with the argument `syn`) + events over JSON Lines on stdin and prints
//! `{id, events}` lines for `score/events.py`: the events stage measured without the other
//! stages, with and without the parser.
//!
//!     cargo run --release -p tidings-events --example events_only -- [syn] < IN.jsonl > OUT.jsonl

use std::io::{BufRead, Write};

use tidings_core::{Document, Stage};

fn main() {
    let seg = tidings_segment::Segmenter::new();
    let syn = tidings_syntax::Syntax::new();
    let ev = tidings_events::Events::new();
    let use_syn = std::env::args().nth(1).as_deref() == Some("syn");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = v["id"].as_str().unwrap_or("");
        let mut d = Document::new(id, v["text"].as_str().unwrap_or(""));
        d.date = v["date"].as_str().and_then(|s| s.parse().ok());
        seg.process(&mut d);
        if use_syn {
            syn.process(&mut d);
        }
        ev.process(&mut d);
        let d = d.into_output();
        let _ = writeln!(
            out,
            "{}",
            serde_json::json!({"id": d.id, "events": d.events})
        );
    }
}
