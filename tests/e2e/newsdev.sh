#!/usr/bin/env bash
# tests/e2e/newsdev.sh BIN SHARED TOP: map ../shared/corpus/news-dev (36 Arabic
# news leads from 17 countries) as a user would (docs.jsonl as it is) and score
# the mentions with scripts/evaluate, which agrees with ../shared/tools/score.py.
# Fails below mention F1 0.90 or Acc@161 0.95 (issue #13's bar, met), event F1
# 0.70 (score.py; issue #14's bar, met: 0.741) or fatalities right on 80 % of
# the matched events that state them (fatalities.py; issue #14's bar, met:
# 20 of 25), so a change that loses ground fails.
# Third-party text: read from ../shared, skipped (77) where it is absent.
set -u
BIN=$1 SHARED=$2 TOP=$3
. "$(dirname "$0")/common.sh"
ND=$SHARED/corpus/news-dev
e2e_need "no ../shared/corpus/news-dev (third-party text, kept outside the project)" "$ND/docs.jsonl" "$ND/gold.jsonl"
e2e_tmp
"$BIN" map -q -f GeoJSON -o "$T" "$ND/docs.jsonl" || { echo "map failed"; exit 1; }
python3 "$TOP/scripts/evaluate" gold "$ND/gold.jsonl" "$T" --min-f1 0.90 --min-acc161 0.95 || exit 1
e2e_need "no ../shared/tools/score.py" "$SHARED/tools/score.py"
python3 "$SHARED/tools/score.py" "$ND/gold.jsonl" "$T" --json | python3 -c '
import json, sys
r = json.loads(sys.stdin.read().strip().splitlines()[-1])
print("events: P %.3f R %.3f F1 %.3f" % (r["event_precision"], r["event_recall"], r["event_f1"]))
sys.exit(0 if r["event_f1"] >= 0.70 else "below the bar: event F1 %.3f < 0.70" % r["event_f1"])' || exit 1
python3 "$TOP/tests/e2e/fatalities.py" "$SHARED/tools/score.py" "$ND/gold.jsonl" "$T" --min 0.80

