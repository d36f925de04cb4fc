//! `tidings bench`: ingests a corpus into a fresh database and reports throughput, the share of
//! time each step took and the peak memory.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::ingest::{ingest, IngestConfig};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Corpus files or directories (any input `tidings ingest` reads).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Database to write (default: a fresh one in a temporary directory, removed afterwards).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Publication date for inputs that carry none.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Peak resident set size of this process in bytes (Linux `VmHWM`), if known.
pub fn peak_rss_bytes() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

pub fn run(args: BenchArgs) -> ExitCode {
    let tmp;
    let db = match &args.db {
        Some(p) => p.clone(),
        None => {
            tmp = match tempfile_dir() {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("error: cannot create a temporary directory: {e}");
                    return ExitCode::from(2);
                }
            };
            tmp.join("bench.db")
        }
    };
    let r = ingest(&IngestConfig {
        paths: &args.paths,
        db: &db,
        date: args.date,
        progress: false,
    });
    if args.db.is_none() {
        if let Some(dir) = db.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    if let Some(f) = &r.fatal {
        eprintln!("error: {f}");
        return ExitCode::from(2);
    }
    let secs = r.elapsed.as_secs_f64().max(1e-9);
    let extracted = r.stored;
    let total_ns: u128 = r.steps.iter().map(|s| s.1).sum::<u128>().max(1);
    let rss = peak_rss_bytes();
    let threads = rayon::current_num_threads();
    if args.json {
        let shares: serde_json::Map<String, serde_json::Value> = r
            .steps
            .iter()
            .map(|(n, ns)| (n.clone(), serde_json::json!(*ns as f64 / total_ns as f64)))
            .collect();
        let v = serde_json::json!({
            "articles": extracted,
            "read": r.read,
            "errors": r.errors,
            "seconds": secs,
            "articles_per_s": extracted as f64 / secs,
            "mb_per_s": r.bytes as f64 / 1e6 / secs,
            "peak_rss_bytes": rss,
            "threads": threads,
            "step_shares": shares,
        });
        println!("{v}");
    } else {
        println!(
            "{} articles extracted and stored of {} read ({:.1} MB of text) in {:.2} s on {} threads, {} errors",
            extracted,
            r.read,
            r.bytes as f64 / 1e6,
            secs,
            threads,
            r.errors
        );
        println!(
            "throughput: {:.0} articles/s, {:.2} MB/s",
            extracted as f64 / secs,
            r.bytes as f64 / 1e6 / secs
        );
        println!(
            "peak RSS: {}",
            rss.map_or("unknown".into(), |b| format!("{:.0} MB", b as f64 / 1e6))
        );
        println!("time per step (CPU time summed over threads):");
        for (n, ns) in &r.steps {
            println!(
                "  {:<10} {:>6.1}%  {:>9.2} s",
                n,
                100.0 * *ns as f64 / total_ns as f64,
                *ns as f64 / 1e9
            );
        }
    }
    if r.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn tempfile_dir() -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir();
    for i in 0..1000u32 {
        let p = base.join(format!("tidings-bench-{}-{i}", std::process::id()));
        if std::fs::create_dir(&p).is_ok() {
            return Ok(p);
        }
    }
    Err(std::io::Error::other("no free temporary directory name"))
}
