//! `tidings ingest`: reads corpora in parallel, extracts with rayon, stores through one writer.
//!
//! Readers and the pipeline run on rayon's pool; a single writer thread owns the SQLite store and
//! commits each document with its extractions in one transaction. Documents whose text is
//! already stored are skipped before extraction, so a rerun after a crash only does what is left.
//! After the batch the writer rebuilds the event clusters ([`Store::recluster`]): documents
//! arrive in completion order, and the rebuilt clusters do not depend on it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use tidings::Tidings;
use tidings_sources::ReadOptions;
use tidings_store::{IngestOutcome, Store};

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files or directories: .txt (dated article or plain text), .html, .jsonl[.gz], .rss/.atom/.xml
    /// feeds, .warc[.gz].
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The SQLite database (created if missing).
    #[arg(long)]
    pub db: PathBuf,
    /// Publication date for inputs that carry none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What an ingest did, with timings for `tidings bench`.
#[derive(Default, Debug)]
pub struct IngestReport {
    /// Documents read without error (including ones skipped as already stored).
    pub read: u64,
    pub stored: u64,
    /// Stored documents found to copy an earlier one.
    pub near_duplicates: u64,
    pub already_stored: u64,
    /// Copies of a stored text that took its place (published earlier; see
    /// `tidings_store::identity::copy_precedes`).
    pub replaced: u64,
    pub errors: u64,
    /// Events (clusters of mentions) in the store after the run.
    pub events: u64,
    /// Bytes of text of the documents extracted.
    pub bytes: u64,
    pub elapsed: Duration,
    /// CPU nanoseconds per step, summed over threads: reading, each pipeline stage, preparing,
    /// storing.
    pub steps: Vec<(String, u128)>,
    /// A store error that stopped the run.
    pub fatal: Option<String>,
}

pub struct IngestConfig<'a> {
    pub paths: &'a [PathBuf],
    pub db: &'a std::path::Path,
    pub date: Option<NaiveDate>,
    pub progress: bool,
}

pub fn run(args: IngestArgs) -> ExitCode {
    let report = ingest(&IngestConfig {
        paths: &args.paths,
        db: &args.db,
        date: args.date,
        progress: !args.quiet,
    });
    let secs = report.elapsed.as_secs_f64().max(1e-9);
    eprintln!(
        "ingested {} new documents ({} near-duplicates), {} already stored, {} replaced by an earlier copy, {} errors, {} events in the store, in {:.1} s ({:.0} articles/s)",
        report.stored,
        report.near_duplicates,
        report.already_stored,
        report.replaced,
        report.errors,
        report.events,
        secs,
        report.stored as f64 / secs
    );
    if let Some(f) = &report.fatal {
        eprintln!("error: {f}");
        return ExitCode::from(2);
    }
    if report.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn nanos(t: Instant) -> u64 {
    t.elapsed().as_nanos() as u64
}

/// Runs an ingest; errors of single inputs are printed to stderr and counted, never fatal.
pub fn ingest(cfg: &IngestConfig<'_>) -> IngestReport {
    let start = Instant::now();
    let mut report = IngestReport::default();
    let store = match Store::open(cfg.db) {
        Ok(s) => s,
        Err(e) => {
            report.fatal = Some(format!("{}: {e}", cfg.db.display()));
            return report;
        }
    };
    let known = match store.known_copies() {
        Ok(k) => k,
        Err(e) => {
            report.fatal = Some(format!("{}: {e}", cfg.db.display()));
            return report;
        }
    };
    let pb = if cfg.progress {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    pb.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {pos} articles stored, {per_sec} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(200));

    let tidings = Tidings::new();
    let stage_names: Vec<&'static str> = tidings.pipeline().stages().map(|s| s.name()).collect();
    let stage_ns: Vec<AtomicU64> = stage_names.iter().map(|_| AtomicU64::new(0)).collect();
    let (read_ns, prep_ns) = (AtomicU64::new(0), AtomicU64::new(0));
    let (read, skipped, errors, bytes) = (
        AtomicU64::new(0),
        AtomicU64::new(0),
        AtomicU64::new(0),
        AtomicU64::new(0),
    );
    let report_error = |e: &dyn std::fmt::Display| {
        let n = errors.fetch_add(1, Ordering::Relaxed) + 1;
        pb.suspend(|| eprintln!("error: {e}"));
        pb.set_message(format!("{n} errors"));
    };
    let (files, walk_errors) = tidings_sources::expand_paths(cfg.paths);
    for e in &walk_errors {
        report_error(e);
    }
    let opts = ReadOptions {
        date: cfg.date,
        allow_undated: true,
    };

    let (tx, rx) = mpsc::sync_channel::<tidings_store::Prepared>(256);
    let writer = {
        let pb = pb.clone();
        std::thread::spawn(move || {
            let mut store = store;
            let (mut stored, mut dups, mut again, mut replaced, mut busy) =
                (0u64, 0u64, 0u64, 0u64, 0u128);
            for p in rx {
                let t = Instant::now();
                match store.ingest_prepared(p) {
                    Ok(IngestOutcome::Stored { duplicate_of, .. }) => {
                        stored += 1;
                        dups += duplicate_of.is_some() as u64;
                        pb.inc(1);
                    }
                    Ok(IngestOutcome::AlreadyStored) => again += 1,
                    // An earlier copy of a stored text: it takes the stored one's place.
                    Ok(IngestOutcome::Replaced { .. }) => {
                        replaced += 1;
                        pb.inc(1);
                    }
                    Err(e) => return Err(e.to_string()),
                }
                busy += t.elapsed().as_nanos();
            }
            let t = Instant::now();
            let events = if stored + replaced > 0 {
                store.recluster().map_err(|e| e.to_string())? as u64
            } else {
                store.stats().map_err(|e| e.to_string())?.clusters
            };
            busy += t.elapsed().as_nanos();
            Ok((stored, dups, again, replaced, busy, events))
        })
    };

    files.par_iter().for_each(|f| {
        let t = Instant::now();
        let docs = tidings_sources::read_file(f, &opts);
        read_ns.fetch_add(nanos(t), Ordering::Relaxed);
        docs.into_par_iter().for_each(|r| {
            let mut doc = match r {
                Ok(d) => d,
                Err(e) => return report_error(&e),
            };
            read.fetch_add(1, Ordering::Relaxed);
            if let Some((date, id)) = known.get(&tidings_store::content_hash(&doc.text)) {
                let date_of_doc = doc.date.map(|d| d.format("%Y-%m-%d").to_string());
                let kept = tidings_store::identity::copy_precedes(
                    date_of_doc.as_deref(),
                    &doc.id,
                    date.as_deref(),
                    id,
                );
                if !kept {
                    skipped.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            }
            bytes.fetch_add(doc.text.len() as u64, Ordering::Relaxed);
            let mut times = Vec::with_capacity(stage_names.len());
            tidings.pipeline().run_timed(&mut doc, &mut times);
            for (i, (_, ns)) in times.iter().enumerate() {
                stage_ns[i].fetch_add(*ns as u64, Ordering::Relaxed);
            }
            let t = Instant::now();
            let p = tidings_store::prepare(doc);
            prep_ns.fetch_add(nanos(t), Ordering::Relaxed);
            // A closed channel means the writer stopped on a store error, reported below.
            let _ = tx.send(p);
        });
    });
    drop(tx);
    let written = writer.join();
    pb.finish_and_clear();

    let mut store_ns = 0u128;
    match written {
        Ok(Ok((stored, dups, again, replaced, busy, events))) => {
            report.stored = stored;
            report.replaced = replaced;
            report.events = events;
            report.near_duplicates = dups;
            report.already_stored = again + skipped.load(Ordering::Relaxed);
            store_ns = busy;
        }
        Ok(Err(e)) => report.fatal = Some(e),
        Err(_) => report.fatal = Some("the writer thread panicked".into()),
    }
    report.read = read.load(Ordering::Relaxed);
    report.errors = errors.load(Ordering::Relaxed);
    report.bytes = bytes.load(Ordering::Relaxed);
    report
        .steps
        .push(("read".into(), read_ns.load(Ordering::Relaxed) as u128));
    for (name, ns) in stage_names.iter().zip(&stage_ns) {
        report
            .steps
            .push((name.to_string(), ns.load(Ordering::Relaxed) as u128));
    }
    report
        .steps
        .push(("prepare".into(), prep_ns.load(Ordering::Relaxed) as u128));
    report.steps.push(("store".into(), store_ns));
    report.elapsed = start.elapsed();
    report
}
