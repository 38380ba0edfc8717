#!/usr/bin/env bash
# tests/e2e/events.sh BIN SHARED TOP: the seed articles as JSON Lines with the
# dates issue #4 gives them, mapped, and their events scored against the hand
# annotations by ../shared/tools/score.py; on matched events with a stated
# figure, the share whose fatalities figure is right (fatalities.py, with
# score.py's matching). The bars are issue #14's: event F1 0.80 (#4 asked
# 0.75), fatalities right on 80 % of them.
# Skipped (77) without ../shared.
set -u
BIN=$1 SHARED=$2 TOP=$3
. "$(dirname "$0")/common.sh"
GOLD=$SHARED/corpus/seeds.gold.jsonl
e2e_need "no ../shared/corpus or ../shared/tools (the seed articles and gold live outside the project)" \
	"$GOLD" "$SHARED/corpus/seeds" "$SHARED/tools/score.py"
e2e_tmp
python3 - "$SHARED/corpus/seeds" "$T/seeds.jsonl" <<'PY' || exit 1
import json, os, sys
dates = {"seed-000": "2022-08-03", "seed-001": "2023-09-20", "seed-002": "2020-10-28",
         "seed-003": "2023-09-20", "seed-004": "2023-09-20"}
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for name in sorted(os.listdir(sys.argv[1])):
        if name.endswith(".txt"):
            doc = name[:-4]
            text = open(os.path.join(sys.argv[1], name), encoding="utf-8").read()
            out.write(json.dumps({"id": doc, "date": dates.get(doc), "text": text}, ensure_ascii=False) + "\n")
PY
"$BIN" map -q -f GeoJSON -o "$T/out" "$T/seeds.jsonl" || { echo "map failed"; exit 1; }
python3 "$SHARED/tools/score.py" "$GOLD" "$T/out" --json > "$T/score.json" || exit 1
python3 - "$T/score.json" <<'PY' || exit 1
import json, sys
score = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
f1 = score.get("event_f1", 0.0)
print(f"events: P {score.get('event_precision', 0):.3f} R {score.get('event_recall', 0):.3f} F1 {f1:.3f} "
      f"(tp {score.get('event_tp')} fp {score.get('event_fp')} fn {score.get('event_fn')})")
sys.exit(0 if f1 >= 0.80 else f"below the bar: event F1 {f1:.3f} < 0.80")
PY
python3 "$TOP/tests/e2e/fatalities.py" "$SHARED/tools/score.py" "$GOLD" "$T/out" --min 0.80
