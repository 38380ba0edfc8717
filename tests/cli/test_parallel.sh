#!/usr/bin/env bash
# tests/cli/test_parallel.sh BIN TOP: scripts/parallel-example runs a real GNU
# parallel job (-S :, this machine) over shards of a generated feed, both as
# stdin blocks of map --stream and as shard files mapped into folders, and
# the merge is one run's layers byte for byte.
set -u
BIN=$1 TOP=$2
command -v parallel >/dev/null || { echo "SKIP: GNU parallel is not installed (scripts/test installs it)"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 "$TOP/tests/cli/feed.py" "$TOP/samples" 1500 7 p "$T/feed.jsonl" || exit 1
fail=0
"$BIN" map -q --jobs 1 -o "$T/one" "$T/feed.jsonl" || fail=1
for mode in pipe files; do
	flag=; [ "$mode" = files ] && flag=--files
	GEOMENTION=$BIN "$TOP/scripts/parallel-example" -S : -j 2 $flag -o "$T/$mode" "$T/feed.jsonl" >"$T/$mode.log" 2>&1 ||
		{ echo "FAIL: parallel-example ($mode)"; cat "$T/$mode.log"; fail=1; continue; }
	grep -q "parts; 1500 documents, 0 skipped" "$T/$mode.log" || { echo "FAIL: $mode: not every document merged"; cat "$T/$mode.log"; fail=1; }
	for f in places.geojson daily.csv mentions.geojson events.geojson places.dbf; do
		cmp -s "$T/one/$f" "$T/$mode/$f" || { echo "FAIL: $mode: $f differs from one run's"; fail=1; }
	done
done
# more than one part really ran: the pipe mode had several blocks, the files mode ten folders
n_blocks=$(grep -c '"kind":"document","doc_id": "p0"' "$T/pipe.parts/parts.geojsons")
[ "$(ls "$T/files.parts/parts" | wc -l)" = 10 ] || { echo "FAIL: files mode did not map ten shards"; fail=1; }
grep -q '"line": 1,' "$T/pipe.parts/parts.geojsons" && [ "$(grep -c '"line": 1,' "$T/pipe.parts/parts.geojsons")" -gt 1 ] ||
	{ echo "FAIL: pipe mode ran one block only"; fail=1; }
[ "$n_blocks" = 1 ] || { echo "FAIL: document p0 appears $n_blocks times"; fail=1; }
[ "$fail" = 0 ] && echo "parallel: pipe and files shards merge to one run's layers"
exit $fail
