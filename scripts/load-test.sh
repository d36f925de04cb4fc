#!/usr/bin/env bash
# Bounded load test of the API on loopback (issue #9): wrk (Debian package) for a fixed duration
# against POST /v1/extract and GET /v1/events, on a server holding the browser test's corpus.
# Prints wrk's figures (requests/s, latency percentiles, errors) and the machine load.
#   scripts/load-test.sh [SECONDS=10] [CONNECTIONS=8]
# TIDINGS_DB=FILE serves a copy of an existing store instead of storing the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECS=${1:-10}
CONNS=${2:-8}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 2; }
# TIDINGS_BIN=path uses an already built binary instead of building the release one.
BIN=${TIDINGS_BIN:-}
if [ -z "$BIN" ]; then
  cargo build --release -p tidings-cli --quiet
  BIN=$ROOT/target/release/tidings
fi
TMP=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
[ -n "${TIDINGS_DB:-}" ] && cp "$TIDINGS_DB" "$TMP/store.db"
"$BIN" serve --db "$TMP/store.db" --addr 127.0.0.1:0 2>"$TMP/server.log" &
PID=$!
ADDR=
for _ in $(seq 1 200); do
  ADDR=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$TMP/server.log" | head -1 || true)
  [ -n "$ADDR" ] && break
  sleep 0.1
done
[ -n "$ADDR" ] || { cat "$TMP/server.log" >&2; exit 1; }
if [ -z "${TIDINGS_DB:-}" ]; then
  for f in scripts/web-test/corpus/*.txt; do
    curl -sS --fail-with-body -o /dev/null -X POST -H 'content-type: text/plain' \
      --data-binary @"$f" "$ADDR/v1/extract?store=true"
  done
fi
echo "store: $(curl -sS "$ADDR/v1/health")"
BODY=scripts/web-test/corpus/04-kharkiv-strike.txt
cat >"$TMP/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
local f = io.open("$BODY", "rb"); wrk.body = f:read("*a"); f:close()
LUA
echo "machine: $(nproc) cores; $(uptime)"
echo "== POST /v1/extract ($(wc -c <"$BODY") byte article), ${SECS}s, $CONNS connections"
wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s --latency -s "$TMP/post.lua" "$ADDR/v1/extract"
echo "machine: $(uptime)"
echo "== GET /v1/events?limit=100, ${SECS}s, $CONNS connections"
wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s --latency "$ADDR/v1/events?limit=100"
echo "machine: $(uptime)"
echo "== GET /v1/events.geojson?type=PROTEST, ${SECS}s, $CONNS connections"
wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s --latency "$ADDR/v1/events.geojson?type=PROTEST"
echo "machine: $(uptime)"
