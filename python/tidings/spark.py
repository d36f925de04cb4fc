"""Run Tidings over a corpus on Apache Spark.

    python -m tidings.spark INPUT OUTPUT [--master local[2]] [--format jsonl|parquet]

INPUT holds articles as JSON Lines or Parquet with columns ``id, date, title, text``. The job runs
the Rust pipeline inside ``mapInArrow`` (one pipeline per executor process, GIL released, parallel
within a batch) and writes four Parquet tables under OUTPUT, partitioned by ``date``:
``documents/`` (one row per article, the full JSON document included), ``events/`` (one row
per event mention, with the event it belongs to in ``cluster``), ``event_clusters/`` (one row per
real-world event, merged across articles), ``places/`` and ``quotes/``. Bad articles are kept in
``documents`` with their ``error``; nothing is dropped silently.

Cross-article identity is the store's: mentions are grouped by the blocking key (the event type)
and each group is merged by the same Rust function ``tidings ingest`` uses, in a canonical order,
so the events counted here equal those of a single-machine ingest of the same corpus.
"""
from __future__ import annotations

import argparse
import json
import sys

from . import DOCUMENT_COLUMNS, EVENT_COLUMNS, _tidings, event_rows, extract_arrow

PLACE_COLUMNS = [
    ("doc_id", "string"), ("date", "string"), ("place_id", "string"), ("text", "string"),
    ("start", "long"), ("end", "long"), ("name", "string"), ("geonameid", "long"),
    ("lat", "double"), ("lon", "double"), ("country", "string"), ("feature", "string"),
    ("confidence", "double"),
]
QUOTE_COLUMNS = [
    ("doc_id", "string"), ("date", "string"), ("quote_id", "string"), ("text", "string"),
    ("start", "long"), ("end", "long"), ("kind", "string"), ("closed", "boolean"),
    ("cue", "string"), ("speaker", "string"), ("speaker_entity", "string"),
]

# An event mention: the flattened event (as ``tidings.event_rows``, with the actor codes resolved
# through entities as the store does) plus what merging needs.
MENTION_COLUMNS = EVENT_COLUMNS + [("doc_hash", "string"), ("day", "int64")]
CLUSTERED_COLUMNS = MENTION_COLUMNS + [("cluster", "string")]

_SPARK_TYPES = {"string": "string", "int64": "long", "float64": "double", "bool": "boolean"}


def _ddl(columns):
    return ", ".join(f"`{n}` {_SPARK_TYPES.get(t, t)}" for n, t in columns)


def _extract_partition(batches):
    for batch in batches:
        docs, _events = extract_arrow(batch)
        yield docs


def _explode(kind):
    import pyarrow as pa

    def rows(doc, text):
        if kind == "events":
            out = event_rows(doc)
            keys = _tidings.cluster_keys_json(text)
            for r, k in zip(out, keys):
                # The merging key's actor codes fall back to the argument's entity, as stored.
                r["source_actor"], r["target_actor"] = k[2], k[3]
                r["day"], r["doc_hash"] = k[7], k[9]
            return out
        out = []
        for x in doc.get(kind, []):
            if kind == "places":
                out.append({"doc_id": doc["id"], "date": doc.get("date"), "place_id": x["id"],
                            "text": x["text"], "start": x["start"], "end": x["end"],
                            "name": x.get("name"), "geonameid": x.get("geonameid"),
                            "lat": x.get("lat"), "lon": x.get("lon"),
                            "country": x.get("country"), "feature": x.get("feature"),
                            "confidence": x.get("confidence")})
            else:
                sp = x.get("speaker") or {}
                out.append({"doc_id": doc["id"], "date": doc.get("date"), "quote_id": x["id"],
                            "text": x["text"], "start": x["start"], "end": x["end"],
                            "kind": x.get("kind"), "closed": x.get("closed"),
                            "cue": (x.get("cue") or {}).get("text"), "speaker": sp.get("text"),
                            "speaker_entity": sp.get("entity")})
        return out

    columns = {"events": MENTION_COLUMNS, "places": PLACE_COLUMNS, "quotes": QUOTE_COLUMNS}[kind]
    arrow_types = {"string": pa.string(), "int64": pa.int64(), "long": pa.int64(),
                   "float64": pa.float64(), "double": pa.float64(), "bool": pa.bool_(),
                   "boolean": pa.bool_()}
    schema = pa.schema([(n, arrow_types[t]) for n, t in columns])

    def fn(batches):
        for b in batches:
            docs = b.column(b.schema.names.index("document")).to_pylist()
            out = []
            for d in docs:
                if d:
                    out.extend(rows(json.loads(d), d))
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return fn, _ddl(columns)


def _merge_group(max_km: float, date_window_days: int):
    """applyInPandas function: merges one blocking group's mentions into events."""

    def fn(pdf):
        import pandas as pd

        def col(name, conv):
            return [None if v is None or (not isinstance(v, str) and pd.isna(v)) else conv(v)
                    for v in pdf[name].tolist()]

        rows = list(zip(col("event_id", str), col("type", str), col("source_actor", str),
                        col("target_actor", str), col("country", str), col("lat", float),
                        col("lon", float), col("day", int),
                        [bool(v) if v is not None and not pd.isna(v) else False
                         for v in pdf["negated"].tolist()],
                        col("doc_hash", str)))
        ids = _tidings.cluster(rows, max_km, date_window_days)
        out = pdf.copy()
        out["cluster"] = [None if c is None else f"{t}/{c}" for t, c in zip(pdf["type"], ids)]
        return out

    return fn


def merge_events(mentions, max_km: float = 100.0, date_window_days: int = 3):
    """Cross-article identity at cluster scale.

    ``mentions`` is a DataFrame of :data:`MENTION_COLUMNS`. Groups by the blocking key (the event
    type) and merges each group with the Rust function the store uses; returns ``(events,
    clusters)``: the mentions with their ``cluster`` (null for a negated one), and one row per
    event with its type, day, number of mentions and of articles.
    """
    from pyspark.sql import functions as F

    events = mentions.groupBy("type").applyInPandas(_merge_group(max_km, date_window_days),
                                                    _ddl(CLUSTERED_COLUMNS))
    clusters = (events.filter("cluster is not null").groupBy("cluster")
                .agg(F.first("type").alias("type"), F.min("day").alias("day"),
                     F.min("date").alias("date"), F.count(F.lit(1)).alias("num_mentions"),
                     F.countDistinct("doc_hash").alias("num_articles"),
                     F.min("doc_date").alias("first_seen"), F.max("doc_date").alias("last_seen"),
                     F.max("confidence").alias("confidence")))
    return events, clusters


def run(spark, input_path: str, output: str, fmt: str = "auto", batch_rows: int = 256,
        dedupe: bool = True) -> dict:
    """Runs the job; returns the row counts of the four tables.

    With ``dedupe`` (the default) a text that appears several times is processed once, from the
    copy ``tidings ingest`` keeps (the earliest date, undated last, then the smallest id), so the
    two agree on what they count.
    """
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_rows))
    if fmt == "auto":
        fmt = "parquet" if input_path.rstrip("/").endswith(".parquet") else "jsonl"
    if fmt == "parquet":
        df = spark.read.parquet(input_path)
    else:
        df = spark.read.schema("id string, date string, title string, text string").json(input_path)
    for c in ("id", "date", "title"):
        if c not in df.columns:
            from pyspark.sql import functions as F
            df = df.withColumn(c, F.lit(None).cast("string"))
    df = df.select("id", "date", "title", "text")
    if dedupe:
        # The copy of each text that ingest keeps (tidings_identity::copy_precedes).
        from pyspark.sql import Window
        from pyspark.sql import functions as F
        first = Window.partitionBy("text").orderBy(F.col("date").asc_nulls_last(),
                                                   F.col("id").asc_nulls_last())
        df = (df.withColumn("_n", F.row_number().over(first))
              .filter("_n = 1").select("id", "date", "title", "text"))
    docs = df.mapInArrow(_extract_partition, _ddl(DOCUMENT_COLUMNS)).persist()
    counts = {}
    docs.write.mode("overwrite").partitionBy("date").parquet(f"{output}/documents")
    counts["documents"] = docs.count()
    for kind in ("events", "places", "quotes"):
        fn, ddl = _explode(kind)
        table = docs.select("document").mapInArrow(fn, ddl)
        if kind == "events":
            table, clusters = merge_events(table)
            table = table.persist()
            clusters = clusters.persist()
            counts["event_clusters"] = clusters.count()
            clusters.write.mode("overwrite").parquet(f"{output}/event_clusters")
            clusters.unpersist()
        else:
            table = table.persist()
        counts[kind] = table.count()
        part = "doc_date" if kind == "events" else "date"
        writer = table.write.mode("overwrite")
        # An empty partitioned write leaves no file to read the schema from: write it flat.
        if counts[kind]:
            writer = writer.partitionBy(part)
        writer.parquet(f"{output}/{kind}")
        table.unpersist()
    counts["errors"] = docs.filter("error is not null").count()
    docs.unpersist()
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tidings.spark", description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: from spark-submit)")
    ap.add_argument("--format", default="auto", choices=["auto", "jsonl", "parquet"])
    ap.add_argument("--batch-rows", type=int, default=256)
    ap.add_argument("--keep-duplicates", action="store_true",
                    help="process articles whose text repeats an earlier one (default: once per text)")
    args = ap.parse_args(argv)
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("tidings")
    if args.master:
        b = b.master(args.master)
    spark = b.getOrCreate()
    try:
        counts = run(spark, args.input, args.output, args.format, args.batch_rows,
                     dedupe=not args.keep_duplicates)
    finally:
        spark.stop()
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
