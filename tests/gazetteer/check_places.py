#!/usr/bin/env python3
"""tests/gazetteer/check_places.py BIN GAZETTEER TOP SHARED: the derived place list
(gazetteer/places.tsv, made by scripts/build-gazetteer-tsv) against each of the
"Known problems" of ../shared/data/SOURCES.md, and the compiled gazetteer's
answers for them. Every country's point must lie in its own polygon (that case
needs ../shared/data/countries and is skipped, with a message, without it).
Each case is named; the test fails if any fails."""
import math
import os
import re
import subprocess
import sys

BIN, GAZ, TOP, SHARED = sys.argv[1:5]
sys.dont_write_bytecode = True   # no __pycache__ left in the source tree (#15.8)
sys.path.insert(0, os.path.join(TOP, "scripts", "lib"))
import topojson  # noqa: E402

PERSIAN = re.compile(r"[\u067E\u0686\u0698\u06AF\u06CC\u06A9\u06D5\u06C6\u06BE\u06D2]")
LATIN = re.compile(r"[A-Za-z]")
results = []


def case(name, ok, why=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}" + ("" if ok else f": {why}"))


def km(lat1, lon1, lat2, lon2):
    r = math.pi / 180
    a = math.sin((lat2 - lat1) * r / 2) ** 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(a)))


places = {}
with open(os.path.join(TOP, "gazetteer", "places.tsv"), encoding="utf-8") as f:
    header = f.readline().rstrip("\n").split("\t")
    for line in f:
        r = dict(zip(header, line.rstrip("\n").split("\t")))
        r["lat"], r["lon"] = float(r["lat"]), float(r["lon"])
        r["tagged"] = [n for n in r["names_ar"].split("|") if n]
        r["untagged"] = [n for n in r["names_alt"].split("|") if n]
        places[r["id"]] = r


def named(name, feature_prefix="", country=""):
    return [p for p in places.values() if name in p["tagged"] and p["feature"].startswith(feature_prefix) and
            (not country or p["country"] == country)]


def winner(text):
    """The compiled gazetteer's chosen place for text, as 'id' or None."""
    out = subprocess.run([BIN, "gazetteer", "lookup", "--gazetteer", GAZ, text], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.lstrip().startswith("* "):
            return line.split()[1]
    return None


# WOF duplicates and history: one Rafah a side of the border, one Khan Yunis
rafah_ps = [p for p in named("رفح", "PPL", "PS") if km(p["lat"], p["lon"], 31.29, 34.25) < 10]
case("wof_one_rafah_in_gaza", len(rafah_ps) == 1, f"{[p['id'] for p in rafah_ps]}")
rafah_eg = [p for p in named("رفح", "PPL", "EG") if km(p["lat"], p["lon"], 31.28, 34.24) < 10]
case("wof_one_rafah_in_egypt", len(rafah_eg) == 1, f"{[p['id'] for p in rafah_eg]}")
ky = [p for p in named("خان يونس", "PPL", "PS")]
case("wof_one_khan_yunis", len(ky) == 1, f"{[p['id'] for p in ky]}")
mawasi = [p for p in places.values() if p["name_ar"] == "المواصي" and p["country"] == "PS"]
case("wof_merge_stays_in_its_country", bool(mawasi) and all(p["id"] != "gn:350350" for p in mawasi),
     "Al Mawasi (PS) merged into Egypt's Rafah")
# Latin "Arabic" names, Persian letters
latin = [(p["id"], n) for p in places.values() for n in p["tagged"] + p["untagged"] if LATIN.search(n)]
case("arabic_script_names_only", not latin, f"{latin[:5]}")
persian = [(p["id"], n) for p in places.values() for n in p["tagged"] if PERSIAN.search(n)]
case("persian_letters_untagged", not persian, f"{persian[:5]}")
# GeoNames' ar name is the district's; provinces named like their seat
sirte = places.get("gn:2210554", {})
case("sirte_city_has_bare_name", "سرت" in sirte.get("tagged", []), f"{sirte.get('tagged')}")
nineveh, mosul = places.get("gn:92877", {}), places.get("gn:99072", {})
case("province_keeps_seat_name_untagged", "الموصل" not in nineveh.get("tagged", []) and "الموصل" in mosul.get("tagged", []),
     f"Nineveh {nineveh.get('tagged')} Mosul {mosul.get('tagged')}")
case("bare_seat_name_is_the_city", winner("الموصل") == "gn:99072" and winner("سرت") == "gn:2210554",
     f"الموصل -> {winner('الموصل')}, سرت -> {winner('سرت')}")
sanaa = places.get("gn:71132", {})
case("region_loses_other_citys_name", "تعز" not in sanaa.get("tagged", []) + sanaa.get("untagged", []),
     f"Sana'a {sanaa.get('tagged')}")
# homonyms all kept
case("homonyms_kept", len(named("الرقة")) >= 3 and len(named("الضاحية")) + len(named("جبل الشيخ")) >= 2,
     f"الرقة {len(named('الرقة'))}")
# Suriname's Litani; Lebanon's Litani and the Dahieh as reviewed rows
case("litani_is_lebanons", winner("الليطاني") == "gm:litani-lb", f"الليطاني -> {winner('الليطاني')}")
case("dahieh_reviewed", winner("الضاحية الجنوبية") == "gm:dahieh", f"-> {winner('الضاحية الجنوبية')}")
# historic regions from admin-1 groups
darfur = [p for p in named("دارفور", "RGN", "SD")]
case("historic_regions", bool(darfur) and bool(named("كردفان", "RGN", "SD")), "no Darfur/Kordofan region")

# every country's point in its own polygon
poly = os.path.join(SHARED, "data", "countries", "countries-10m.json")
if os.path.exists(poly):
    import json
    wc = json.load(open(os.path.join(SHARED, "data", "countries", "world-countries.json"), encoding="utf-8"))
    numeric = {c["cca2"]: c.get("ccn3", "") for c in wc}
    polys = topojson.country_polygons(poly)
    outside, checked, flat = [], 0, []
    for p in places.values():
        if p["feature"] in ("PCLI", "PCLD") and numeric.get(p["country"]) in polys:
            if topojson.degenerate(polys[numeric[p["country"]]]):
                flat.append(p["country"])
                continue
            checked += 1
            if not topojson.inside(p["lon"], p["lat"], polys[numeric[p["country"]]]):
                outside.append(p["country"])
    case(f"country_points_inside ({checked} countries; no area at 1:10m: {' '.join(flat) or 'none'})",
         checked > 200 and not outside, f"outside: {outside}")
    kw = [p for p in places.values() if p["country"] == "KW" and p["feature"].startswith("PCL")]
    case("kuwait_inside_kuwait", bool(kw) and topojson.inside(kw[0]["lon"], kw[0]["lat"], polys["414"]),
         "Kuwait's point is not in Kuwait")
else:
    print("SKIP country_points_inside: no ../shared/data/countries (polygons live outside the project)")

print(f"gazetteer sources: {sum(results)} of {len(results)} cases pass")
sys.exit(0 if all(results) else 1)
