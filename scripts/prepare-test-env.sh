#!/usr/bin/env bash
# Installs what the browser and Python tests need and Cargo does not build: Debian's chromium and
# Java runtime (when missing), the npm playwright-core package, and the Python virtual environment
# with maturin, pytest, pyarrow, pandas and pyspark (pinned). Network-bound, so scripts/test.sh
# runs it in the background while Cargo compiles. Idempotent: a second run installs nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -f scripts/web-test/node_modules/playwright-core/package.json ]; then
  (cd scripts/web-test && npm ci --no-audit --no-fund --loglevel=error)
fi
venv=${TIDINGS_VENV:-target/py-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
pins="maturin==1.16.0 pytest pyarrow==26.0.1 pandas==2.3.3 pyspark==4.3.0"
if [ "$(cat "$venv/.tidings-pins" 2>/dev/null)" != "$pins" ]; then
  # shellcheck disable=SC2086
  "$venv/bin/pip" install -q --disable-pip-version-check $pins
  echo "$pins" >"$venv/.tidings-pins"
fi
