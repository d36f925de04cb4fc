#!/usr/bin/env python3
"""Derive data/ontology.tsv (CAMEO code -> PLOVER type, mode) from the public CAMEO-to-PLOVER
table in ../shared/reference/plover/CAMEO2PLOVER-2021.txt (PLOVER, CC BY-SA 4.0).

Only the code, type and mode columns are kept (no description text). CAMEO roots 01 and 02
(statements and appeals) have no row in the table; PLOVER folds appeals into REQUEST, so 02x is
added as REQUEST. Run from the repository root:

    python3 crates/events/scripts/derive_ontology.py > crates/events/data/ontology.tsv
"""
import os
import sys

root = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("TIDINGS_SHARED") or os.path.join(root, "..", "..", "..", "..", "shared")
path = os.path.join(shared, "reference", "plover", "CAMEO2PLOVER-2021.txt")

rows = {}
for line in open(path, encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line or ":" not in line:
        continue
    code, rest = line.split(":", 1)
    code = code.strip()
    if not code.isdigit() or len(code) < 3:
        continue
    cols = [c.strip() for c in rest.split(",")]
    kind = cols[0].upper()
    mode = cols[1].replace(" ", "") if len(cols) > 1 else ""
    rows.setdefault(code, (kind, mode))

for code in ["020", "021", "022", "023", "024", "025", "026", "027", "028"]:
    rows.setdefault(code, ("REQUEST", ""))

print("# cameo\tplover_type\tplover_mode  (derived by scripts/derive_ontology.py; do not edit)")
for code in sorted(rows):
    kind, mode = rows[code]
    print(f"{code}\t{kind}\t{mode}")
