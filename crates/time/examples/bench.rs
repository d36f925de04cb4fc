//! Throughput of the time and quantity stages, in MB of text per second on one core.
//!
//! `cargo run --release -p tidings-time --example bench [FILE...]`: with no file, a synthetic
//! news-like text of self-written sentences (about 4 MB, far denser in times and numbers than
//! real news) is used; with files, their text (a `.jsonl` file: the `text` of each line).

use std::time::Instant;

use tidings_core::{Document, Stage};
use tidings_quantity::Quantities;
use tidings_time::TimeTagger;

const SENTENCES: &[&str] = &[
    "The army said on Friday that 3,000 troops would be sent to the border within the next 24 to 48 hours.",
    "Officials will meet again next Tuesday, after talks broke down late last month.",
    "At least 12 civilians were killed and dozens wounded when shells hit the market at about 9 a.m.",
    "The government expects growth of 2.5% this year, down from 3.1% in 2020, with $4.5 billion in aid.",
    "Daily flights resumed in early March after an eight-day closure, the airline told reporters.",
    "Protesters plan to march on parliament on May 3, a spokesman for the organisers said.",
    "The company reported third-quarter profit of 120 million euros, compared with a year earlier.",
    "Temperatures reached 41 degrees Celsius on Sunday as a 400-kilometre convoy crossed the desert.",
];

/// CPU seconds used by this process (user + system), from /proc; None elsewhere. The bench
/// reports MB per CPU-second, which is MB/s per core even on a machine shared with other jobs.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = if args.is_empty() {
        let mut t = String::new();
        let mut k = 0;
        while t.len() < 4_000_000 {
            t.push_str(SENTENCES[k % SENTENCES.len()]);
            t.push(if k % 5 == 4 { '\n' } else { ' ' });
            k += 1;
        }
        // documents of ~4 KB, like news articles
        t.as_bytes()
            .chunks(4096)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect()
    } else {
        let mut v = Vec::new();
        for p in &args {
            let Ok(s) = std::fs::read_to_string(p) else {
                continue;
            };
            if p.ends_with(".jsonl") {
                for line in s.lines() {
                    if let Ok(j) = serde_json::from_str::<serde_json::Value>(line) {
                        if let Some(t) = j.get("text").and_then(|t| t.as_str()) {
                            v.push(t.to_string());
                        }
                    }
                }
            } else {
                v.push(s);
            }
        }
        v
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let date = chrono::NaiveDate::from_ymd_opt(2021, 8, 12);
    let time = TimeTagger::new();
    let qty = Quantities::new();
    let mut docs: Vec<Document> = texts
        .iter()
        .map(|t| {
            let mut d = Document::new("b", t.clone());
            d.date = date;
            d
        })
        .collect();
    for round in 0..3 {
        let c0 = cpu_secs();
        let t0 = Instant::now();
        let mut n_times = 0;
        for d in docs.iter_mut() {
            time.process(d);
            n_times += d.times.len();
        }
        let t1 = Instant::now();
        let c1 = cpu_secs();
        let mut n_qty = 0;
        for d in docs.iter_mut() {
            qty.process(d);
            n_qty += d.quantities.len();
        }
        let t2 = Instant::now();
        let c2 = cpu_secs();
        let mb = bytes as f64 / 1e6;
        let (a, b) = ((t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64());
        println!(
            "round {round}: {mb:.1} MB, {} docs | wall: time {:.1} MB/s ({n_times} times), quantity {:.1} MB/s ({n_qty} quantities)",
            docs.len(),
            mb / a,
            mb / b,
        );
        if let (Some(c0), Some(c1), Some(c2)) = (c0, c1, c2) {
            println!(
                "         per CPU-second (= per core): time {:.1} MB/s, quantity {:.1} MB/s, both {:.1} MB/s",
                mb / (c1 - c0).max(0.01),
                mb / (c2 - c1).max(0.01),
                mb / (c2 - c0).max(0.01)
            );
        }
    }
}
