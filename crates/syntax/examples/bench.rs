//! Tagging + parsing speed in tokens per second on one core.
//!
//! `cargo run --release -p tidings-syntax --example bench [-- --shared DIR]` parses the EWT and
//! GUM dev sets (pre-tokenised words) with the embedded model, several passes, single-threaded.

use std::time::Instant;

use tidings_syntax::conllu::parse_conllu;
use tidings_syntax::{train, Syntax};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shared = args
        .iter()
        .position(|a| a == "--shared")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(train::default_shared);
    let syn = Syntax::new();
    if !syn.is_loaded() {
        eprintln!("no embedded model");
        return;
    }
    let mut sents = Vec::new();
    for f in [
        "treebanks/ewt/en_ewt-ud-dev.conllu",
        "treebanks/gum/dev.conllu",
    ] {
        let text = std::fs::read_to_string(shared.join(f)).unwrap_or_default();
        sents.extend(parse_conllu(&text));
    }
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let (mut lex, mut heads) = (Vec::new(), Vec::new());
    // Warm up, then time.
    for w in words.iter().take(200) {
        syn.tag_and_parse(w, &mut lex, &mut heads);
    }
    let passes = 3;
    let cpu0 = thread_cpu_ns();
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..passes {
        for w in &words {
            n += syn.tag_and_parse(w, &mut lex, &mut heads);
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = (thread_cpu_ns() - cpu0) as f64 / 1e9;
    println!("tag+parse: {n} tokens in {secs:.2}s wall = {:.0} tokens/s; {cpu:.2}s on-CPU = {:.0} tokens/s/core", n as f64 / secs, n as f64 / cpu);
    let t = Instant::now();
    let mut m = 0usize;
    for w in &words {
        m += syn.analyze(w).len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "full analysis (tag+lemma+parse+NER): {m} tokens in {secs:.2}s = {:.0} tokens/s",
        m as f64 / secs
    );
}

/// Nanoseconds this thread has spent on a CPU (Linux schedstat; 0 elsewhere), so the figure is
/// per core even on a loaded machine.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0)
}
