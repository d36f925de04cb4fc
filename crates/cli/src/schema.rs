//! `tidings schema`: the JSON Schema of the output document, generated from the Rust types.
//! The committed copy is `schema/document.schema.json` (a test keeps the two equal).

use std::process::ExitCode;

use tidings::Document;

#[derive(clap::Args)]
pub struct Args {}

/// The schema as pretty-printed JSON, with a final newline.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Document);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

pub fn run(_args: Args) -> ExitCode {
    print!("{}", schema_json());
    ExitCode::SUCCESS
}
