#!/usr/bin/env bash
# tests/e2e/seeds.sh BIN SHARED TOP: map the seed articles and score them
# against the hand annotations with the project's own scripts/evaluate.
# Fails below issue #13's bar: mention F1 >= 0.97 and Acc@20 >= 0.97. The seeds
# are third-party text: read from ../shared, never copied; without it this
# test is skipped (exit 77).
set -u
BIN=$1 SHARED=$2 TOP=$3
. "$(dirname "$0")/common.sh"
GOLD=$SHARED/corpus/seeds.gold.jsonl
e2e_need "no ../shared/corpus (the seed articles and gold live outside the project)" "$GOLD" "$SHARED/corpus/seeds"
e2e_tmp
"$BIN" map -q -f GeoJSON -o "$T" "$SHARED/corpus/seeds" || { echo "map failed"; exit 1; }
python3 "$TOP/scripts/evaluate" gold "$GOLD" "$T" --details --min-f1 0.97 --min-acc20 0.97
