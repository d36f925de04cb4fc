#!/usr/bin/env bash
# Browser test of the web page (issue #9): installs Debian's chromium and npm playwright-core,
# builds the release binary, stores a small self-written corpus, serves it on a free loopback
# port, drives the page (markers, timeline brush, filters, pasted example article) and saves a
# screenshot. Exits non-zero on failure; always stops the server it started.
#   scripts/test-web.sh [SCREENSHOT]   (default: target/web-screenshot.png)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${TIDINGS_SHARED:-$ROOT/../shared}
EXAMPLE=$SHARED/examples/kandahar-2021-08-12.txt
SHOT=${1:-$ROOT/target/web-screenshot.png}
[ -f "$EXAMPLE" ] || { echo "missing example article $EXAMPLE (set TIDINGS_SHARED)" >&2; exit 2; }

bash scripts/prepare-test-env.sh >/dev/null
# TIDINGS_BIN=path uses an already built binary instead of building the release one.
BIN=${TIDINGS_BIN:-}
if [ -z "$BIN" ]; then
  cargo build --release -p tidings-cli --quiet
  BIN=$ROOT/target/release/tidings
fi

TMP=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

DB=$TMP/store.db
# Port 0: the kernel picks a free port; the server prints the address it bound.
"$BIN" serve --db "$DB" --addr 127.0.0.1:0 2>"$TMP/server.log" &
PID=$!
ADDR=
for _ in $(seq 1 200); do
  ADDR=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$TMP/server.log" | head -1 || true)
  [ -n "$ADDR" ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$ADDR" ] || { echo "server did not start" >&2; cat "$TMP/server.log" >&2; exit 1; }
echo "server: $ADDR"

# The corpus goes in through the API (stored with ?store=true).
for f in scripts/web-test/corpus/*.txt; do
  curl -sS --fail-with-body -o /dev/null -X POST -H 'content-type: text/plain; charset=utf-8' \
    --data-binary @"$f" "$ADDR/v1/extract?store=true"
done
curl -sS "$ADDR/v1/health"; echo

mkdir -p "$(dirname "$SHOT")"
node scripts/web-test/test.mjs "$ADDR" "$EXAMPLE" "$SHOT"
