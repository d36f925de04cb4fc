"""Run Tidings over a corpus on Apache Spark.

    python -m tidings.spark INPUT OUTPUT [--master local[2]] [--format jsonl|parquet]

INPUT holds articles as JSON Lines or Parquet with columns ``id, date, title, text``. The job runs
the Rust pipeline inside ``mapInArrow`` (one pipeline per executor process, GIL released, parallel
within a batch) and writes four Parquet tables under OUTPUT, partitioned by ``date``:
``documents/`` (one row per article, the full JSON document included), ``events/``,
``places/`` and ``quotes/``. Bad articles are kept in ``documents`` with their ``error``; nothing
is dropped silently.
"""
from __future__ import annotations

import argparse
import json
import sys

from . import DOCUMENT_COLUMNS, EVENT_COLUMNS, extract_arrow

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

_SPARK_TYPES = {"string": "string", "int64": "long", "float64": "double", "bool": "boolean"}


def _ddl(columns):
    return ", ".join(f"`{n}` {_SPARK_TYPES.get(t, t)}" for n, t in columns)


def _extract_partition(batches):
    for batch in batches:
        docs, _events = extract_arrow(batch)
        yield docs


def _explode(kind):
    import pyarrow as pa

    def rows(doc):
        if kind == "events":
            from . import event_rows
            return event_rows(doc)
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

    columns = {"events": EVENT_COLUMNS, "places": PLACE_COLUMNS, "quotes": QUOTE_COLUMNS}[kind]
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
                    out.extend(rows(json.loads(d)))
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return fn, _ddl(columns)


def run(spark, input_path: str, output: str, fmt: str = "auto", batch_rows: int = 256,
        dedupe: bool = True) -> dict:
    """Runs the job; returns the row counts of the four tables.

    With ``dedupe`` (the default) an article whose text repeats an earlier one is processed once,
    as ``tidings ingest`` stores each distinct text once, so the two agree on what they count.
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
        # Keep the first article of each text in input order, as ingest keeps the first it reads.
        from pyspark.sql import Window
        from pyspark.sql import functions as F
        seq = F.monotonically_increasing_id()
        first = Window.partitionBy("text").orderBy("_seq")
        df = (df.withColumn("_seq", seq).withColumn("_n", F.row_number().over(first))
              .filter("_n = 1").orderBy("_seq").select("id", "date", "title", "text"))
    docs = df.mapInArrow(_extract_partition, _ddl(DOCUMENT_COLUMNS)).persist()
    counts = {}
    docs.write.mode("overwrite").partitionBy("date").parquet(f"{output}/documents")
    counts["documents"] = docs.count()
    for kind in ("events", "places", "quotes"):
        fn, ddl = _explode(kind)
        table = docs.select("document").mapInArrow(fn, ddl).persist()
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
