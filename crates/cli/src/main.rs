//! `tidings`: the command line. Only wires crates together; no annotation logic lives here.
//!
//! One module per subcommand: add a new one as `mod NAME;` with an `Args` struct and a
//! `run(args) -> ExitCode`, plus one variant in [`Command`] and one arm in `main`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod extract;
mod schema;

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
    about = "Turns news articles into geocoded, dated event data",
    long_about = "Turns news articles into structured, geocoded, time-stamped event data: places, \
                  times, quotes, entities, quantities and events, each with an evidence span \
                  (Unicode code points into the document's text).\n\n\
                  Exit status: 0 when every input was read, 1 when any input failed (each \
                  failure is one 'error:' line on stderr), 2 for a usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract places, times, quotes, entities, quantities and events from articles.
    Extract(extract::Args),
    /// Print the JSON Schema of the output document.
    Schema(schema::Args),
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
        /// The SQLite event store (as `tidings ingest --db` writes it; created if missing).
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
        Command::Extract(args) => extract::run(args),
        Command::Schema(args) => schema::run(args),
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
