"""Spark tests: the job on local[2] and on local-cluster[2,1,1024] (separate executor JVMs)."""
import json
import os
import sys

import pytest

import tidings

pyspark = pytest.importorskip("pyspark")
from pyspark.sql import SparkSession  # noqa: E402

from tidings import spark as job  # noqa: E402

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
