//! `tidings`: the command line. Only wires crates together; no annotation logic lives here.
//!
//! One module per subcommand: add a new one as `mod NAME;` with an `Args` struct and a
//! `run(args) -> ExitCode`, plus one variant in [`Command`] and one arm in `main`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod extract;
mod schema;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Schema(args) => schema::run(args),
    }
}
