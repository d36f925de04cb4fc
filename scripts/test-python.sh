#!/usr/bin/env bash
# Python package and Spark tests: builds the wheel's extension into a virtual environment with
# maturin, then runs pytest (API, CLI equality, Spark on local[2] and local-cluster[2,1,1024]).
# Needs: python3 (3.9+), Java 17 for Spark, network access to PyPI on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
# Spark needs a Java runtime (17+): Debian's, when none is installed.
if ! command -v java >/dev/null 2>&1; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
venv=${TIDINGS_VENV:-target/py-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check maturin==1.16.0 pytest pyarrow==26.0.1 pandas==2.3.3 pyspark==4.3.0
# The CLI the equality test compares against (TIDINGS_BIN=path reuses an already built one).
if [ -z "${TIDINGS_BIN:-}" ]; then
  cargo build --release -p tidings-cli
  TIDINGS_BIN="$PWD/target/release/tidings"
fi
(source "$venv/bin/activate" && maturin develop --release -q)
export SPARK_LOCAL_IP=127.0.0.1
export TIDINGS_BIN
"$venv/bin/python" -m pytest -q python/tests "$@"
