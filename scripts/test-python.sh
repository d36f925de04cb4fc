#!/usr/bin/env bash
# Python package and Spark tests: builds the wheel's extension into a virtual environment with
# maturin, then runs pytest (API, CLI equality, Spark on local[2] and local-cluster[2,1,1024]).
# Needs: python3 (3.9+), Java 17 for Spark, network access to PyPI on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${TIDINGS_VENV:-target/py-venv}
bash scripts/prepare-test-env.sh >/dev/null
# The CLI the equality test compares against (TIDINGS_BIN=path reuses an already built one).
if [ -z "${TIDINGS_BIN:-}" ]; then
  cargo build --release -p tidings-cli
  TIDINGS_BIN="$PWD/target/release/tidings"
fi
(source "$venv/bin/activate" && maturin develop --release -q)
export SPARK_LOCAL_IP=127.0.0.1
export TIDINGS_BIN
"$venv/bin/python" -m pytest -q python/tests "$@"
