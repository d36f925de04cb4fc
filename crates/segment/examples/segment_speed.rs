//! Segmentation throughput: `cargo run --release -p tidings-segment --example segment_speed [FILE.jsonl]`
//!
//! Reads the `text` of every JSON Lines document in FILE (default: the shared GeoWebNews eval
//! corpus, `$TIDINGS_SHARED` or `<workspace>/../shared`), segments all of them several times on
//! one thread and prints MB/s. Falls back to generated text when no corpus is found.

use std::time::Instant;

use tidings_core::Document;
use tidings_segment::Segmenter;

fn texts() -> Vec<String> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        let shared = std::env::var("TIDINGS_SHARED")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
        format!("{shared}/eval/geo/geowebnews.jsonl")
    });
    let mut out = Vec::new();
    if let Ok(data) = std::fs::read_to_string(&path) {
        for line in data.lines() {
            let mut rest = line;
            // Pull the "text" string out without a JSON dependency: good enough for a benchmark.
            if let Some(i) = rest
                .find("\"text\": \"")
                .or_else(|| rest.find("\"text\":\""))
            {
                rest = &rest[i..];
                let start = rest
                    .find(": \"")
                    .map(|j| j + 3)
                    .or_else(|| rest.find(":\"").map(|j| j + 2));
                if let Some(s) = start {
                    let body = &rest[s..];
                    let mut end = 0;
                    let b = body.as_bytes();
                    while end < b.len() && !(b[end] == b'"' && (end == 0 || b[end - 1] != b'\\')) {
                        end += 1;
                    }
                    out.push(body[..end].replace("\\n", "\n").replace("\\\"", "\""));
                }
            }
        }
        eprintln!("{} documents from {path}", out.len());
    }
    if out.is_empty() {
        let para =
            "“We will stay,” Gen. Ada Moss told U.S. reporters on Aug. 3, adding that 3,000 \
                    troops weren't leaving. The rebels' eight-day push stalled near the city.\n\n";
        out.push(para.repeat(2000));
        eprintln!("generated text");
    }
    out
}

fn main() {
    let texts = texts();
    let seg = Segmenter::new();
    let bytes: usize = texts.iter().map(String::len).sum();
    let reps = (50_000_000 / bytes.max(1)).clamp(1, 200);
    let mut tokens = 0;
    let t = Instant::now();
    for _ in 0..reps {
        for text in &texts {
            let mut d = Document::new("b", text.as_str());
            seg.segment(&mut d);
            tokens += d.tokens.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = (bytes * reps) as f64 / 1e6;
    println!(
        "{mb:.1} MB in {secs:.2} s: {:.1} MB/s, {:.2} M tokens/s (one thread)",
        mb / secs,
        tokens as f64 / secs / 1e6
    );
}
