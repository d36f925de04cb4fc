"""Spark tests: the job on local[2] and on local-cluster[2,1,1024] (separate executor JVMs)."""
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import tidings

pyspark = pytest.importorskip("pyspark")
from pyspark.sql import SparkSession  # noqa: E402

from tidings import spark as job  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("TIDINGS_BIN", ROOT / "target" / "release" / "tidings"))

TEXTS = [
    "Rebels attacked an army post near Mosul on Monday, killing 12 soldiers, officials said.",
    "\"We will not surrender,\" the governor of Basra told reporters on Tuesday.",
    "Police arrested 40 protesters in Nairobi after a march on parliament.",
    "The president of Kenya met the prime minister of Ethiopia in Addis Ababa on Friday.",
]


def corpus(tmp_path, n=40):
    rows = []
    for i in range(n):
        rows.append({"id": f"a{i}", "date": f"2024-05-{i % 28 + 1:02d}", "title": None,
                     "text": TEXTS[i % len(TEXTS)] + f" Report number {i}."})
    rows.append({"id": "bad", "date": "not-a-date", "title": None, "text": TEXTS[0]})
    # A syndicated copy: the same text again under another id is processed once, as ingest does.
    copy = dict(rows[3], id="copy")
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows + [copy]), encoding="utf-8")
    return p, rows


def session(master):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    return (SparkSession.builder.master(master).appName("tidings-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.executor.memory", "768m")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate())


@pytest.mark.parametrize("master", ["local[2]", "local-cluster[2,1,1024]"])
def test_spark_job_matches_local_extraction(tmp_path, master):
    inp, rows = corpus(tmp_path)
    spark = session(master)
    try:
        counts = job.run(spark, str(inp), str(tmp_path / "out"))
        docs = spark.read.parquet(str(tmp_path / "out" / "documents")).collect()
        events = spark.read.parquet(str(tmp_path / "out" / "events")).count()
        places = spark.read.parquet(str(tmp_path / "out" / "places")).count()
        quotes = spark.read.parquet(str(tmp_path / "out" / "quotes")).count()
        clusters = spark.read.parquet(str(tmp_path / "out" / "event_clusters")).collect()
        mentions = spark.read.parquet(str(tmp_path / "out" / "events")).collect()
    finally:
        spark.stop()
    local = tidings.extract_many(rows, errors="return")
    assert counts["documents"] == len(rows)  # the copy was dropped
    assert counts["errors"] == 1
    bad = [d for d in docs if d["id"] == "bad"]
    assert bad and "bad date" in bad[0]["error"]
    ok = [d for d in local if "error" not in d]
    assert events == counts["events"] == sum(len(d["events"]) for d in ok)
    assert places == counts["places"] == sum(len(d["places"]) for d in ok)
    assert quotes == counts["quotes"] == sum(len(d["quotes"]) for d in ok)
    by_id = {d["id"]: d for d in docs}
    for d in ok:
        assert json.loads(by_id[d["id"]]["document"]) == d

    # Cross-article identity: the reports of the same attack on nearby days merged into events.
    assert counts["event_clusters"] == len(clusters)
    assert 0 < len(clusters) < events
    merged = sum(c["num_mentions"] for c in clusters)
    assert merged == sum(1 for m in mentions if m["cluster"] is not None)
    assert merged == sum(1 for m in mentions if not m["negated"])
    assert max(c["num_articles"] for c in clusters) > 1
    if CLI.exists():
        # The same events as a single-machine ingest of the same file.
        db = tmp_path / "ingest.db"
        subprocess.run([str(CLI), "ingest", "--quiet", "--db", str(db), str(inp)],
                       capture_output=True, text=True)
        con = sqlite3.connect(db)
        stored = con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]
        sizes = sorted(r[0] for r in con.execute("SELECT num_mentions FROM event_clusters"))
        con.close()
        assert stored == len(clusters)
        assert sizes == sorted(c["num_mentions"] for c in clusters)
