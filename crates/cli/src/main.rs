//! `tidings`: the command line. Only wires crates together; no annotation logic lives here.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use tidings::{Document, Tidings};
use tidings_read::ReadOptions;

#[cfg(feature = "store")]
mod bench;
#[cfg(feature = "store")]
mod events;
#[cfg(feature = "store")]
mod ingest;
#[cfg(feature = "server")]
mod serve;

#[derive(Parser)]
#[command(
    name = "tidings",
    version,
    about = "Turns news articles into geocoded, dated event data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One pretty-printed JSON document per input document.
    Json,
    /// One compact JSON document per line (what the eval scorers read).
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
    /// Extract places, times, quotes, entities, quantities and events from articles.
    Extract {
        /// Files (dated article, plain text, .jsonl, .jsonl.gz) or `-` for stdin.
        #[arg(default_value = "-")]
        paths: Vec<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Publication date for inputs that carry none (YYYY-MM-DD).
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Also emit tokens with their POS, lemma and dependency labels.
        #[arg(long)]
        tokens: bool,
    },
    /// Print the JSON Schema of the output document.
    Schema,
    /// Extract a corpus into an event store (SQLite), merging reports of the same event.
    #[cfg(feature = "store")]
    Ingest(ingest::IngestArgs),
    /// Query the event store and export events (JSON Lines, CSV, GeoJSON, Parquet).
    #[cfg(feature = "store")]
    Events(events::EventsArgs),
    /// Ingest a corpus and report articles/s, MB/s, time per stage and peak memory.
    #[cfg(feature = "store")]
    Bench(bench::BenchArgs),
    /// Serve the HTTP API (/v1/...) and the web page (/) over a store.
    #[cfg(feature = "server")]
    Serve {
        /// The store file.
        #[arg(long)]
        db: std::path::PathBuf,
        /// Address to listen on (port 0 picks a free port; the bound address is printed).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Largest request body in bytes.
        #[arg(long, default_value_t = 1 << 20)]
        body_limit: usize,
        /// Longest time one request may take, in seconds.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            paths,
            format,
            date,
            tokens,
        } => extract(&paths, format, date, tokens),
        Command::Schema => {
            let schema = schemars::schema_for!(Document);
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).expect("schema serialises")
            );
            ExitCode::SUCCESS
        }
        #[cfg(feature = "store")]
        Command::Ingest(args) => ingest::run(args),
        #[cfg(feature = "store")]
        Command::Events(args) => events::run(args),
        #[cfg(feature = "store")]
        Command::Bench(args) => bench::run(args),
        #[cfg(feature = "server")]
        Command::Serve {
            db,
            addr,
            body_limit,
            timeout,
        } => serve::run(&db, addr, body_limit, timeout),
    }
}

fn extract(paths: &[String], format: Format, date: Option<NaiveDate>, tokens: bool) -> ExitCode {
    let opts = ReadOptions {
        date,
        ..Default::default()
    };
    // JSON Lines corpora without dates are still processed (relative times stay unresolved).
    let mut failed = false;
    let tidings = Tidings::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in paths {
        let results = tidings_read::read_path(
            path,
            &ReadOptions {
                allow_undated: is_jsonl(path),
                ..opts.clone()
            },
        );
        let mut docs = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(d) => docs.push(d),
                Err(e) => {
                    failed = true;
                    eprintln!("error: {e}");
                }
            }
        }
        let docs: Vec<Document> = docs
            .into_par_iter()
            .map(|d| {
                let mut d = tidings.extract(d);
                if !tokens {
                    d.tokens.clear();
                }
                d
            })
            .collect();
        for d in &docs {
            let res = match format {
                Format::Json => serde_json::to_writer_pretty(&mut out, d),
                Format::Jsonl => serde_json::to_writer(&mut out, d),
            };
            if res.is_err() || writeln!(out).is_err() {
                return ExitCode::from(1);
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn is_jsonl(path: &str) -> bool {
    [".jsonl", ".jsonl.gz", ".ndjson"]
        .iter()
        .any(|s| path.ends_with(s))
}
