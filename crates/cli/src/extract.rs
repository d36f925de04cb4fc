//! `tidings extract`: read inputs, run the pipeline, print one JSON document per article.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;
use rayon::prelude::*;
use tidings::{Document, Tidings};
use tidings_read::{ReadOptions, DEFAULT_MAX_BYTES};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One pretty-printed JSON document per input document.
    Json,
    /// One compact JSON document per line (what the eval scorers read).
    Jsonl,
}

#[derive(clap::Args)]
#[command(
    after_help = "Inputs: a dated article (first line ' date YYYY-MM-DD headline'), plain \
    text (needs --date), JSON Lines {id, date, title, text} (.jsonl, .ndjson, also gzip), a \
    directory (walked for .txt, .jsonl, .ndjson, optionally .gz) or - for standard input. A JSON \
    Lines document with a null date is accepted; its relative times stay unresolved.\n\n\
    Exit status: 0 when every input was read; 1 when any input (or JSON Lines line) failed, \
    each failure reported as one 'error: INPUT[:LINE]: PROBLEM' line on stderr while every good \
    document is still printed."
)]
pub struct Args {
    /// Files or directories to read, or `-` for standard input.
    #[arg(default_value = "-")]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Publication date for inputs that carry none (YYYY-MM-DD).
    #[arg(long)]
    date: Option<NaiveDate>,
    /// Also emit tokens (with POS, lemma and dependency labels once the syntax stage runs).
    #[arg(long)]
    tokens: bool,
    /// Largest document (or JSON Lines line) to accept, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Leave out a stage (repeatable: segment, syntax, time, quantity, places, entities, quotes,
    /// events), to measure what it contributes; the later stages use their own fallbacks.
    #[arg(long, value_name = "STAGE", value_parser = ["segment", "syntax", "time", "quantity", "places", "entities", "quotes", "events"])]
    without: Vec<String>,
}

/// Documents annotated together in parallel, then printed in input order.
const BATCH: usize = 256;

pub fn run(args: Args) -> ExitCode {
    let opts = ReadOptions {
        date: args.date,
        ..Default::default()
    };
    let skip: Vec<&str> = args.without.iter().map(String::as_str).collect();
    let tidings = Tidings::without(&skip);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut write_failed = false;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Document>, out: &mut dyn Write| -> bool {
        let docs: Vec<Document> = std::mem::take(batch)
            .into_par_iter()
            .map(|d| {
                let mut d = tidings.extract(d);
                if !args.tokens {
                    d.tokens.clear();
                }
                d
            })
            .collect();
        for d in &docs {
            let res = match args.format {
                Format::Json => serde_json::to_writer_pretty(&mut *out, d),
                Format::Jsonl => serde_json::to_writer(&mut *out, d),
            };
            if res.is_err() || writeln!(out).is_err() {
                return false;
            }
        }
        true
    };
    for path in &args.paths {
        tidings_read::read_path_with(path, &opts, args.max_bytes, &mut |r| match r {
            Ok(d) if write_failed => drop(d),
            Ok(d) => {
                batch.push(d);
                if batch.len() >= BATCH {
                    write_failed = !flush(&mut batch, &mut out);
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
            }
        });
    }
    if !write_failed {
        write_failed = !flush(&mut batch, &mut out);
    }
    if write_failed || out.flush().is_err() {
        return ExitCode::from(1);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
