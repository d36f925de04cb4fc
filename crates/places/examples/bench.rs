//! Benchmark of the places stage: index open time and articles per second on one core.
//!
//! `cargo run --release -p tidings-places --example bench [-- PATH.jsonl]`
//! Reads GeoWebNews-sized articles from the shared eval folder (read at run time, never copied);
//! without it, falls back to a self-written article repeated to the same size.

use std::time::Instant;

use tidings_core::{Document, Stage};
use tidings_gazetteer::Gazetteer;
use tidings_places::Places;

fn main() {
    let t = Instant::now();
    let g = Gazetteer::open();
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "index open: {open_ms:.2} ms ({} records, {} names)",
        g.len(),
        g.name_count()
    );
    let t = Instant::now();
    let stage = Places::new();
    println!(
        "stage new (incl. shared index): {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let root = std::env::var("TIDINGS_SHARED")
        .unwrap_or_else(|_| format!("{}/../../../shared", env!("CARGO_MANIFEST_DIR")));
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| format!("{root}/eval/geo/geowebnews.jsonl"));
    let texts: Vec<String> = match std::fs::read_to_string(&path) {
        Ok(s) => s
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
            .collect(),
        Err(_) => {
            let p = "Officials in Nairobi said talks with Ethiopian envoys would move to Addis \
                     Ababa next week, while Kenyan troops stayed near the Somali border. ";
            vec![p.repeat(40); 200]
        }
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} articles, mean {} bytes ({path})",
        texts.len(),
        bytes / texts.len().max(1)
    );
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| Document::new("b", t.as_str()))
        .collect();
    // Warm-up, then timed rounds.
    let mut places = 0;
    for d in &docs {
        let mut d = d.clone();
        stage.process(&mut d);
        places += d.places.len();
    }
    let rounds = 5;
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            let mut d = d.clone();
            stage.process(&mut d);
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let n = (rounds * docs.len()) as f64;
    println!(
        "places stage: {:.0} articles/s on one core ({:.3} ms/article, {:.1} MB/s), {} places per pass",
        n / secs,
        secs / n * 1e3,
        (rounds * bytes) as f64 / secs / 1e6,
        places
    );
}
