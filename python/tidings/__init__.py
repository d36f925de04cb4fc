"""Tidings: news articles in, structured, geocoded, dated event data out.

The functions here call the same Rust pipeline as the ``tidings`` command line and return the same
JSON document (as a dict). Extraction releases the GIL and runs in parallel over a batch.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Optional, Sequence

from . import _tidings

__version__ = _tidings.__version__

__all__ = ["extract", "extract_many", "extract_arrow", "TidingsError", "EVENT_COLUMNS"]


class TidingsError(ValueError):
    """A bad input: the message names the input and the problem, as the CLI's error line does."""


def extract(text: str, date: Optional[str] = None, title: Optional[str] = None,
            id: Optional[str] = None) -> dict:
    """Extract one article. ``date`` is the publication date (``YYYY-MM-DD``)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    try:
        return json.loads(_tidings.extract_json(text, date, title, id))
    except ValueError as e:
        if isinstance(e, json.JSONDecodeError):
            raise
        raise TidingsError(str(e)) from None


def _rows(articles: Iterable[Any]) -> list:
    rows = []
    for a in articles:
        if isinstance(a, str):
            rows.append((None, None, None, a))
        elif isinstance(a, dict):
            rows.append((None if a.get("id") is None else str(a.get("id")), a.get("date"),
                         a.get("title"), a.get("text") if a.get("text") is not None else ""))
        else:
            raise TypeError("articles must be str or dict with id/date/title/text")
    return rows


def extract_many(articles: Iterable[Any], errors: str = "raise") -> list:
    """Extract many articles in parallel, in order.

    Each article is a ``str`` or a dict ``{id, date, title, text}``. With ``errors="raise"`` the
    first bad input raises :class:`TidingsError` (after all were processed); with
    ``errors="return"`` a bad input yields ``{"id": ..., "error": message}`` in its place.
    """
    if errors not in ("raise", "return"):
        raise ValueError("errors must be 'raise' or 'return'")
    rows = _rows(articles)
    out = []
    first_error = None
    for i, (ok, payload) in enumerate(_tidings.extract_json_many(rows)):
        if ok:
            out.append(json.loads(payload))
        else:
            first_error = first_error or payload
            out.append({"id": rows[i][0] or f"doc-{i + 1}", "error": payload})
    if first_error is not None and errors == "raise":
        raise TidingsError(first_error)
    return out


EVENT_COLUMNS = [
    ("doc_id", "string"), ("doc_date", "string"), ("event_id", "string"), ("type", "string"),
    ("mode", "string"), ("cameo", "string"), ("trigger", "string"), ("trigger_start", "int64"),
    ("trigger_end", "int64"), ("source", "string"), ("source_actor", "string"),
    ("target", "string"), ("target_actor", "string"), ("place", "string"),
    ("geonameid", "int64"), ("lat", "float64"), ("lon", "float64"), ("country", "string"),
    ("date", "string"), ("modality", "string"), ("negated", "bool"), ("confidence", "float64"),
    ("fatalities", "float64"), ("size", "float64"),
]


def event_rows(doc: dict) -> list:
    """Flattens a document's events into rows of :data:`EVENT_COLUMNS`."""
    places = {p["id"]: p for p in doc.get("places", [])}
    rows = []
    for e in doc.get("events", []):
        p = places.get(e.get("place")) or {}
        src, tgt = e.get("source") or {}, e.get("target") or {}
        trig = e.get("trigger") or {}
        rows.append({
            "doc_id": doc.get("id"), "doc_date": doc.get("date"), "event_id": e.get("id"),
            "type": e.get("type"), "mode": e.get("mode"), "cameo": e.get("cameo"),
            "trigger": trig.get("text"), "trigger_start": trig.get("start"),
            "trigger_end": trig.get("end"), "source": src.get("text"),
            "source_actor": src.get("actor_code"), "target": tgt.get("text"),
            "target_actor": tgt.get("actor_code"), "place": p.get("name"),
            "geonameid": p.get("geonameid"), "lat": p.get("lat"), "lon": p.get("lon"),
            "country": p.get("country"), "date": e.get("date"), "modality": e.get("modality"),
            "negated": e.get("negated"), "confidence": e.get("confidence"),
            "fatalities": e.get("fatalities"), "size": e.get("size"),
        })
    return rows


DOCUMENT_COLUMNS = [
    ("id", "string"), ("date", "string"), ("title", "string"), ("n_places", "int64"),
    ("n_times", "int64"), ("n_quotes", "int64"), ("n_entities", "int64"), ("n_events", "int64"),
    ("error", "string"), ("document", "string"),
]


def extract_arrow(batch: Any):
    """Vectorised extraction over Arrow.

    ``batch`` is a ``pyarrow.RecordBatch`` (or Table) with a ``text`` column and optional
    ``id``, ``date`` and ``title`` columns. Returns ``(documents, events)``: two RecordBatches, one
    row per input article (with the full document as JSON text in ``document`` and the error in
    ``error`` for a bad input) and one row per event (:data:`EVENT_COLUMNS`).
    """
    import pyarrow as pa

    names = batch.schema.names
    if "text" not in names:
        raise TidingsError("arrow batch: no 'text' column")

    def col(name):
        if name not in names:
            return [None] * batch.num_rows
        values = batch.column(names.index(name)).to_pylist()
        return [None if v is None else str(v) for v in values]

    ids, dates, titles, texts = col("id"), col("date"), col("title"), col("text")
    rows = [(ids[i], dates[i], titles[i], texts[i] or "") for i in range(batch.num_rows)]
    results = _tidings.extract_json_many(rows)
    docs = {k: [] for k, _ in DOCUMENT_COLUMNS}
    events = []
    for i, (ok, payload) in enumerate(results):
        d = json.loads(payload) if ok else {}
        docs["id"].append(d.get("id", ids[i] or f"doc-{i + 1}"))
        docs["date"].append(d.get("date", dates[i]))
        docs["title"].append(d.get("title", titles[i]))
        for key in ("places", "times", "quotes", "entities", "events"):
            docs[f"n_{key}"].append(len(d.get(key, [])))
        docs["error"].append(None if ok else payload)
        docs["document"].append(payload if ok else None)
        events.extend(event_rows(d))
    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    doc_schema = pa.schema([(k, types[t]) for k, t in DOCUMENT_COLUMNS])
    ev_schema = pa.schema([(k, types[t]) for k, t in EVENT_COLUMNS])
    doc_batch = pa.RecordBatch.from_pydict(docs, schema=doc_schema)
    ev_batch = pa.RecordBatch.from_pylist(events, schema=ev_schema)
    return doc_batch, ev_batch
