#!/usr/bin/env bash
# Spark benchmark (issue #11): the Spark job on local-cluster[2,1,1024] over a corpus, its rows/s
# and peak memory (sum of the resident sets of every process of the job: driver, executor JVMs,
# Python workers), then `tidings ingest` over the same corpus and a comparison of the counts
# (documents, event mentions, events merged across articles, places, quotes).
#   scripts/bench-spark.sh CORPUS_DIR [MASTER]
# Build the corpus first: python3 scripts/make_ingest_corpus.py --out /tmp/tidings-corpus
# Needs the venv of scripts/test-python.sh (target/py-venv) and target/release/tidings.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:?corpus directory}
MASTER=${2:-local-cluster[2,1,1024]}
PY=$(realpath "${TIDINGS_VENV:-target/py-venv}")/bin/python
BIN=${TIDINGS_BIN:-target/release/tidings}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$PY PYSPARK_DRIVER_PYTHON=$PY
"$PY" scripts/spark_bench.py "$CORPUS" "$OUT/spark" "$MASTER" >"$OUT/spark.json"
cat "$OUT/spark.json"
/usr/bin/env time -f '%e s wall, %M KB peak RSS' "$BIN" ingest --quiet --db "$OUT/ingest.db" "$CORPUS" 2>"$OUT/ingest.err" || true
tail -2 "$OUT/ingest.err"
"$PY" - "$OUT/ingest.db" "$OUT/spark.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
spark = json.load(open(sys.argv[2]))["counts"]
ingest = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
          for t in ("documents", "events", "places", "quotes", "event_clusters")}
print(json.dumps({"ingest": ingest}))
ok = all(ingest[k] == spark[k] for k in ingest)
print("counts equal" if ok else "COUNTS DIFFER")
sys.exit(0 if ok else 1)
PY
