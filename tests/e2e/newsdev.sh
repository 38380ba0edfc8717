#!/usr/bin/env bash
# tests/e2e/newsdev.sh BIN SHARED TOP: map ../shared/corpus/news-dev (36 Arabic
# news leads from 17 countries) as a user would (docs.jsonl as it is) and score
# the mentions with scripts/evaluate, which agrees with ../shared/tools/score.py.
# Fails below F1 0.83 or Acc@161 0.92: what holds today (0.852 / 0.933), so a
# change that loses ground fails; issue #13 asks 0.90 and 0.95, not reached yet.
# Third-party text: read from ../shared, skipped (77) where it is absent.
set -u
BIN=$1 SHARED=$2 TOP=$3
. "$(dirname "$0")/common.sh"
ND=$SHARED/corpus/news-dev
e2e_need "no ../shared/corpus/news-dev (third-party text, kept outside the project)" "$ND/docs.jsonl" "$ND/gold.jsonl"
e2e_tmp
"$BIN" map -q -f GeoJSON -o "$T" "$ND/docs.jsonl" || { echo "map failed"; exit 1; }
python3 "$TOP/scripts/evaluate" gold "$ND/gold.jsonl" "$T" --min-f1 0.83 --min-acc161 0.92
