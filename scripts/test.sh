#!/usr/bin/env bash
# The project's test command (README): every Rust test in the workspace.
# Later stages append their suites here (browser test, Python/Spark tests).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-targets
