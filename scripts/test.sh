#!/usr/bin/env bash
# The project's test command (README): every Rust test in the workspace (release profile: the
# tests run real pipelines on real text, and the same build serves the browser and Python tests),
# then the browser test of the web page, then the Python package and Spark tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-targets --release
cargo build --release -p tidings-cli
export TIDINGS_BIN="$PWD/target/release/tidings"
bash scripts/test-web.sh
bash scripts/test-python.sh
