"""Python API tests: same output as the CLI, bad input raising, GIL released."""
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

import tidings

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TIDINGS_SHARED", ROOT.parent / "shared"))
CLI = Path(os.environ.get("TIDINGS_BIN", ROOT / "target" / "release" / "tidings"))

ARTICLE = (
    "Rebels attacked an army post near the northern city of Mosul on Monday, killing 12 soldiers, "
    "officials said.\n\n\"We will not surrender,\" the governor told reporters on Tuesday."
)


def test_extract_returns_contract_document():
    d = tidings.extract(ARTICLE, date="2024-03-06", title="Attack", id="a1")
    assert d["id"] == "a1"
    assert d["date"] == "2024-03-06"
    assert d["title"] == "Attack"
    assert d["text"] == ARTICLE
    for layer in ("entities", "places", "times", "quantities", "quotes", "events"):
        assert isinstance(d[layer], list), layer


def test_dated_article_format_is_read_like_the_cli():
    text = " date 2020-01-02 Floods hit the coast\n\nFloods hit the coast on Monday."
    d = tidings.extract(text)
    assert d["date"] == "2020-01-02"
    assert d["title"] == "Floods hit the coast"


def test_bad_inputs_raise_with_the_cli_message():
    with pytest.raises(tidings.TidingsError, match=r"^x: bad date"):
        tidings.extract("Some text.", date="12/08/2021", id="x")
    with pytest.raises(tidings.TidingsError, match="empty input"):
        tidings.extract("   ")
    with pytest.raises(TypeError):
        tidings.extract(b"bytes")


def test_extract_many_keeps_order_and_reports_errors():
    arts = [{"id": f"d{i}", "date": "2024-01-0%d" % (i % 9 + 1), "text": ARTICLE} for i in range(20)]
    arts.insert(5, {"id": "bad", "date": "nope", "text": ARTICLE})
    out = tidings.extract_many(arts, errors="return")
    assert [d["id"] for d in out] == [a["id"] for a in arts]
    assert "bad date" in out[5]["error"]
    with pytest.raises(tidings.TidingsError, match="bad: bad date"):
        tidings.extract_many(arts)


def test_extract_arrow_batches():
    pa = pytest.importorskip("pyarrow")
    batch = pa.RecordBatch.from_pydict({
        "id": ["a", "b", "c"],
        "date": ["2024-03-06", None, "bad"],
        "text": [ARTICLE, "Police arrested 40 protesters in the capital.", ARTICLE],
    })
    docs, events = tidings.extract_arrow(batch)
    assert docs.num_rows == 3
    assert docs.column("id").to_pylist() == ["a", "b", "c"]
    errs = docs.column("error").to_pylist()
    assert errs[0] is None and errs[1] is None and "bad date" in errs[2]
    assert [n for n, _ in tidings.EVENT_COLUMNS] == events.schema.names
    full = json.loads(docs.column("document").to_pylist()[0])
    assert full == tidings.extract(ARTICLE, date="2024-03-06", id="a")


def test_gil_is_released_during_extraction():
    # A pure-Python thread must keep running while a batch extracts: with the GIL held it would
    # stall for the whole call. The batch grows until one call takes a measurable time.
    arts = [ARTICLE * 10] * 50
    while True:
        stamps = []
        stop = threading.Event()

        def tick():
            while not stop.is_set():
                time.sleep(0.001)
                stamps.append(time.perf_counter())

        t = threading.Thread(target=tick)
        t.start()
        time.sleep(0.02)
        t0 = time.perf_counter()
        tidings.extract_many(arts)
        call = time.perf_counter() - t0
        stop.set()
        t.join()
        if call > 0.5 or len(arts) > 400_000:
            break
        arts = arts * 2
    assert call > 0.5
    # Ticks in the middle 80% of the call: none at all if the call held the GIL.
    inside = [x for x in stamps if t0 + 0.1 * call < x < t0 + 0.9 * call]
    assert len(inside) >= 1, f"only {len(inside)} Python ticks during a {call:.3f}s call"


@pytest.mark.skipif(not CLI.exists(), reason="needs the release CLI (cargo build --release)")
def test_same_output_as_cli_on_geowebnews(tmp_path):
    corpus = SHARED / "eval" / "geo" / "geowebnews.jsonl"
    limit = int(os.environ.get("TIDINGS_EQUALITY_LIMIT", "0"))
    lines = corpus.read_text(encoding="utf-8").splitlines()
    if limit:
        lines = lines[:limit]
    arts = []
    for line in lines:
        d = json.loads(line)
        arts.append({k: d.get(k) for k in ("id", "date", "title", "text")})
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    cli = subprocess.run([str(CLI), "extract", "--format", "jsonl", str(inp)],
                         capture_output=True, text=True, check=True)
    cli_docs = [json.loads(l) for l in cli.stdout.splitlines()]
    py_docs = tidings.extract_many(arts)
    assert len(cli_docs) == len(arts)
    for c, p in zip(cli_docs, py_docs):
        c.pop("source", None)
        p.pop("source", None)
        assert c == p, c["id"]


@pytest.mark.skipif(not CLI.exists(), reason="needs the release CLI (cargo build --release)")
def test_cli_parquet_export_reads_back_in_pyarrow(tmp_path):
    """`tidings events --format parquet` is read by another Parquet reader (pyarrow) and holds
    the same clusters as the JSON Lines export."""
    import pyarrow.parquet as pq

    arts = [
        {"id": "a1", "date": "2024-03-04", "title": None, "text": ARTICLE},
        {"id": "a2", "date": "2024-03-05", "title": None,
         "text": "Protesters marched through Nairobi on Tuesday, demanding lower fuel prices, "
                 "police said. Officers fired tear gas near the parliament."},
    ]
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    db = tmp_path / "store.db"
    subprocess.run([str(CLI), "ingest", str(inp), "--db", str(db)], capture_output=True,
                   check=True)
    out = tmp_path / "events.parquet"
    subprocess.run([str(CLI), "events", "--db", str(db), "--format", "parquet", "-o", str(out)],
                   capture_output=True, check=True)
    jl = subprocess.run([str(CLI), "events", "--db", str(db), "--format", "jsonl"],
                        capture_output=True, text=True, check=True)
    expected = [json.loads(l) for l in jl.stdout.splitlines()]
    table = pq.read_table(out)
    assert table.num_rows == len(expected) > 0
    assert str(table.schema.field("num_sources").type) == "uint64"
    rows = table.to_pylist()
    for row, e in zip(rows, expected):
        assert row["id"] == e["id"]
        assert row["type"] == e["type"]
        assert row["cameo"] == e["cameo"]
        assert row["num_mentions"] == e["num_mentions"]
        assert row["lat"] == e.get("lat")
