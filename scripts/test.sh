#!/usr/bin/env bash
# The project's test command (README): every Rust test in the workspace (release profile: the
# tests run real pipelines on real text, and the same build serves the browser and Python tests),
# then the browser test of the web page, then the Python package and Spark tests. The downloads
# those last two need (chromium, Java, npm and PyPI packages) run in the background meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
step() { echo "== $1 (${SECONDS}s since start)" >&2; }
step "preparing the browser and Python test environment in the background (target/prepare.log)"
bash scripts/prepare-test-env.sh >target/prepare.log 2>&1 &
PREP=$!
step "cargo test --workspace --release --lib --bins --tests"
cargo test --workspace --release --lib --bins --tests
# The CLI's integration tests built target/release/tidings already: the browser and Python
# tests use that binary (a separate `cargo build -p tidings-cli` would resolve features per
# package and recompile much of the tree, two minutes on 2 cores).
if [ ! -x target/release/tidings ]; then
  step "cargo build --release -p tidings-cli"
  cargo build --release -p tidings-cli
fi
export TIDINGS_BIN="$PWD/target/release/tidings"
step "waiting for the test environment"
if ! wait "$PREP"; then
  cat target/prepare.log >&2
  echo "preparing the test environment failed (target/prepare.log above)" >&2
  exit 1
fi
step "browser test (scripts/test-web.sh)"
bash scripts/test-web.sh
step "Python and Spark tests (scripts/test-python.sh)"
bash scripts/test-python.sh
step "all tests passed"
