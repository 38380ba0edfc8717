#!/usr/bin/env python3
"""tests/e2e/fatalities.py SCORE_PY GOLD OUT_DIR [--min SHARE]

Of the events ../shared/tools/score.py matches (same document and type, within
20 km or both placeless; gold events in its order, non-background first), those
whose gold states a fatalities figure: how many state the same figure. The
matching is score.py's own (its type alias, scored types and background rule,
imported from it), so the share speaks of the events it counts as found.
Prints one line; exits 1 below --min.
"""
import importlib.util
import json
import sys

sys.dont_write_bytecode = True   # (no __pycache__ beside score.py or in the tree)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    spec = importlib.util.spec_from_file_location("score", argv[0])
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    minimum = float(argv[argv.index("--min") + 1]) if "--min" in argv else None
    gold = [json.loads(line) for line in open(argv[1], encoding="utf-8") if line.strip()]
    found = sc.load_layer(argv[2] + "/events.geojson") or []
    by_doc = {}
    for e in found:
        t = sc.SCORED_ALIAS.get(e.get("type"), e.get("type"))
        if t in sc.SCORED_TYPES and e.get("background") not in (True, 1, "true", "1"):
            by_doc.setdefault(str(e.get("doc_id")), []).append(dict(e, type=t))
    stated = right = 0
    for g in gold:
        doc, used = g["doc"], set()
        for ge in sorted(g.get("events", []), key=lambda x: bool(x.get("background") or x.get("optional"))):
            for i, e in enumerate(by_doc.get(doc, [])):
                if i in used or e["type"] != ge["type"]:
                    continue
                if ge.get("lat") is None or "_lat" not in e:
                    ok = ge.get("lat") is None and "_lat" not in e
                else:
                    ok = sc.haversine_km(ge["lat"], ge["lon"], e["_lat"], e["_lon"]) <= 20
                if not ok:
                    continue
                used.add(i)
                if ge.get("fatalities") is not None and not (ge.get("background") or ge.get("optional")):
                    stated += 1
                    right += e.get("fatalities") == ge["fatalities"]
                break
    share = right / stated if stated else 0.0
    print(f"fatalities right on {right} of {stated} matched events with a stated figure ({share:.2f})")
    if minimum is not None and share < minimum:
        print(f"below the bar: fatalities right {share:.2f} < {minimum:.2f}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
