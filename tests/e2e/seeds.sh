#!/usr/bin/env bash
# tests/e2e/seeds.sh BIN SHARED: map the seed articles and score them against the
# hand annotations with ../shared/tools/score.py. Fails below the v1 bar:
# mention F1 >= 0.90 and Acc@20 >= 0.90. The seeds are third-party text: read
# from ../shared, never copied; without it this test is skipped (exit 77).
set -u
BIN=$1 SHARED=$2
GOLD=$SHARED/corpus/seeds.gold.jsonl
if [ ! -f "$GOLD" ] || [ ! -d "$SHARED/corpus/seeds" ] || [ ! -f "$SHARED/tools/score.py" ]; then
	echo "SKIP: no ../shared/corpus (the seed articles and gold live outside the project)"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN" map -q -f GeoJSON -o "$T" "$SHARED/corpus/seeds" || { echo "map failed"; exit 1; }
python3 "$SHARED/tools/score.py" "$GOLD" "$T" --details | grep -v "^  FP\|^  FN\|^  FAR" || true
python3 "$SHARED/tools/score.py" "$GOLD" "$T" --json >"$T/score.json" || exit 1
python3 - "$T/score.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"seeds: mention F1 {s['f1']:.3f} (bar 0.90), Acc@20 {s['acc20']:.3f} (bar 0.90), Acc@161 {s['acc161']:.3f}")
ok = s["f1"] >= 0.90 and s["acc20"] >= 0.90 and s["resolved"] > 0
print("seeds: 1 passed, 0 failed" if ok else "seeds: 0 passed, 1 failed")
sys.exit(0 if ok else 1)
PY
