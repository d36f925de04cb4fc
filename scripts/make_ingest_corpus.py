#!/usr/bin/env python3
"""Generates a large ingest corpus by recombining the paragraphs of the shared eval corpora.

The output goes to a temporary directory (never into the repository): the texts come from
../shared/eval and are for evaluation only.

    python3 scripts/make_ingest_corpus.py [--n 20000] [--out /tmp/tidings-corpus] [--txt]

Each article is a random sequence of paragraphs drawn from all news texts of the shared corpora,
about as long as a GeoWebNews article (~400 words), dated within 2024. A small share (--syndicated,
default 5%) are syndicated copies of an earlier article with a wire tagline, so the near-duplicate
detection has work to do. Output: JSON Lines parts of 1,000 articles (`part000.jsonl`, ...), or one
dated-article `.txt` file per article with --txt.
"""

import argparse
import datetime
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("TIDINGS_SHARED", os.path.join(HERE, "..", "..", "shared"))
SOURCES = [
    "eval/geo/geowebnews.jsonl",
    "eval/ner/gum-news.jsonl",
    "eval/quotes/polnear-train.jsonl",
    "eval/quotes/polnear-dev.jsonl",
    "eval/time/tbaq.jsonl",
]


def paragraphs():
    pool = []
    for rel in SOURCES:
        path = os.path.join(SHARED, rel)
        if not os.path.exists(path):
            print(f"skipping missing {path}", file=sys.stderr)
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                for p in text.replace("\r", "").split("\n"):
                    p = " ".join(p.split())
                    if len(p.split()) >= 8:
                        pool.append(p)
    return pool


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--out", default="/tmp/tidings-corpus")
    ap.add_argument("--words", type=int, default=400, help="target words per article")
    ap.add_argument("--syndicated", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--txt", action="store_true", help="one .txt file per article")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    pool = paragraphs()
    if not pool:
        sys.exit("no paragraphs found under " + SHARED)
    os.makedirs(args.out, exist_ok=True)
    start = datetime.date(2024, 1, 1)
    articles = []
    total_words = 0
    for i in range(args.n):
        if articles and rng.random() < args.syndicated:
            src = rng.choice(articles[-500:])
            text = src["text"] + "\n\nDistributed by a wire service."
            date = src["date"]
            title = src["title"]
        else:
            paras, words = [], 0
            while words < args.words * rng.uniform(0.5, 1.5):
                p = rng.choice(pool)
                paras.append(p)
                words += len(p.split())
            text = "\n\n".join(paras)
            date = (start + datetime.timedelta(days=rng.randrange(366))).isoformat()
            title = " ".join(paras[0].split()[:8])
        total_words += len(text.split())
        articles.append({"id": f"gen-{i:06d}", "date": date, "title": title, "text": text})

    if args.txt:
        for a in articles:
            with open(os.path.join(args.out, a["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(f" date {a['date']} {a['title']}\n{a['text']}\n")
    else:
        for part in range(0, len(articles), 1000):
            name = os.path.join(args.out, f"part{part // 1000:03d}.jsonl")
            with open(name, "w", encoding="utf-8") as f:
                for a in articles[part : part + 1000]:
                    f.write(json.dumps(a, ensure_ascii=False) + "\n")
    size = sum(len(a["text"].encode()) for a in articles)
    print(
        f"{len(articles)} articles, {total_words} words, {size / 1e6:.1f} MB of text "
        f"from {len(pool)} paragraphs -> {args.out}"
    )


if __name__ == "__main__":
    main()
