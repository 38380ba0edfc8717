#!/usr/bin/env bash
# tests/cli/test_cli.sh BIN DATA_DIR TOP: the geomention command on small fixtures,
# bad input first: every case has a clear message and the right exit status.
set -u
BIN=$1 DATA=$2 TOP=$3
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
expect_status() { # WANT DESCRIPTION -- command...
	local want=$1 what=$2; shift 3
	"$@" >"$T/stdout" 2>"$T/stderr"; local got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want"; sed 's/^/  /' "$T/stderr" >&2; fi
}
expect_grep() { # PATTERN FILE DESCRIPTION
	if grep -q -- "$1" "$2"; then ok; else bad "$3: no '$1' in $(basename "$2")"; sed 's/^/  /' "$2" | head -5 >&2; fi
}

# --help and --version
expect_status 0 "help" -- "$BIN" map --help
expect_grep "--t_srs" "$T/stdout" "map help names --t_srs"
# options and their help come from one table (src/cli/options.c): every option map takes is
# in its help, with its value's name, and merge's help has the output options
for o in "-o DIR" "-f FORMAT" "--gazetteer PATH" "--no-verify" "--t_srs CRS" "--no-rfc7946" "--demonyms" \
	"--pg CONN" "--pg-schema NAME" "-q, --quiet" "--date YYYY-MM-DD" "-j, --jobs N" "--stream" "--weights W"; do
	grep -qF -- "  $o " "$T/stdout" && ok || bad "map --help lists $o"
done
expect_status 0 "merge help" -- "$BIN" merge --help
expect_grep "--pg CONN" "$T/stdout" "merge help names --pg"
# gazetteer's subcommands read the same kind of table: its help lists every option, a
# subcommand refuses another's option by name, and --opt=value works there too
expect_status 0 "gazetteer help" -- "$BIN" gazetteer --help
for o in "--geonames DIR" "-o FILE" "-f FORMAT" "--gazetteer PATH" "--no-verify" "-q, --quiet"; do
	grep -qF -- "  $o " "$T/stdout" && ok || bad "gazetteer --help lists $o"
done
expect_status 2 "lookup refuses -o" -- "$BIN" gazetteer lookup -o x.gmz باكو
expect_grep "lookup: -o is not one of its options" "$T/stderr" "lookup says -o is not its option"
expect_status 2 "info refuses a word" -- "$BIN" gazetteer info باكو
expect_status 2 "export -f without a value" -- "$BIN" gazetteer export out.gpkg -f
expect_grep "needs a value" "$T/stderr" "export says -f needs a value"
expect_status 2 "build refuses an unknown option" -- "$BIN" gazetteer build --frob x.tsv -o x.gmz
expect_grep "unknown option" "$T/stderr" "build names the unknown option"
GZ=$("$BIN" gazetteer info --no-verify | sed -n 's/^path: *//p')
expect_status 0 "lookup --gazetteer=PATH" -- "$BIN" gazetteer lookup --gazetteer="$GZ" --no-verify باكو
expect_grep "matched:" "$T/stdout" "lookup with --gazetteer=PATH matches"
expect_status 0 "version" -- "$BIN" --version
expect_grep "geomention" "$T/stdout" "version"
expect_status 2 "unknown command" -- "$BIN" frobnicate

# fixtures written here: the project's own text
mkdir -p "$T/in/sub"
printf 'قصفت القوات مدينة باردا، وقالت باكو إن أذربيجان سترد.\n' >"$T/in/a.txt"
: >"$T/in/empty.txt"
printf 'ab\0cd' >"$T/in/binary.txt"
printf 'وصل الوفد إلى يريفان \xff\xfe أمس.\n' >"$T/in/bad-utf8.txt"
{
	printf '{"id": "j1", "date": "2023-09-20", "text": "اشتباكات قرب لاشين في أذربيجان"}\n'
	printf '{"id": "j2", "text": "broken\n'
	printf '{"id": "j3", "date": "2023-09-21", "text": "محادثات في موسكو"}\n'
} >"$T/in/sub/feed.jsonl"

# a whole folder: every input accounted for, the bad JSONL line reported as file:line
expect_status 0 "map folder" -- "$BIN" map -o "$T/out" "$T/in"
expect_grep "feed.jsonl:2: malformed JSON" "$T/stderr" "malformed JSONL line reported with file:line"
expect_grep "skipped .*empty.txt.*empty file" "$T/stderr" "empty file reported"
expect_grep "binary" "$T/stderr" "binary file reported"
expect_grep "invalid UTF-8" "$T/stderr" "invalid UTF-8 reported"
for f in places.geojson mentions.geojson places.shp places.shx places.dbf places.prj places.cpg mentions.shp run.json; do
	[ -s "$T/out/$f" ] && ok || bad "missing $f"
done
python3 - "$T/out" <<'PY' && ok || bad "run.json accounts for every input"
import json, sys
run = json.load(open(sys.argv[1] + "/run.json", encoding="utf-8"))
docs = run["documents"]
ids = [d["id"] for d in docs]
assert ids == ["a", "bad-utf8", "binary", "empty", "j1", "feed-2", "j3"], ids
st = {d["id"]: d["status"] for d in docs}
assert st == {"a": "processed", "bad-utf8": "processed", "binary": "skipped", "empty": "skipped",
              "j1": "processed", "feed-2": "skipped", "j3": "processed"}, st
assert [d for d in docs if d["id"] == "bad-utf8"][0]["invalid_utf8_replaced"] == 2
assert [d for d in docs if d["id"] == "feed-2"][0]["line"] == 2
c = run["counts"]
assert c == {"inputs": 7, "documents": 4, "skipped": 3, "mentions": c["mentions"], "places": c["places"], "demonyms": c["demonyms"], "events": c["events"], "events_acled": c["events_acled"]}, c
m = json.load(open(sys.argv[1] + "/mentions.geojson", encoding="utf-8"))["features"]
got = [(f["properties"]["doc_id"], f["properties"]["surface"], f["properties"]["name_en"]) for f in m]
assert ("a", "باردا", "Barda") in got, got
assert ("j1", "لاشين", "Lachin District") in got, got
assert ("j3", "موسكو", "Moscow") in got, got
assert all(f["properties"]["date"] in (None, "2023-09-20", "2023-09-21") for f in m)
# offsets are code points: text[start:end] is the surface
text = open(sys.argv[1] + "/../in/a.txt", encoding="utf-8").read()
for f in m:
    p = f["properties"]
    if p["doc_id"] == "a":
        assert text[p["start"]:p["end"]] == p["surface"], p
PY

# stdin JSON Lines, and --date for text files
printf '{"id": "s1", "text": "زار الرئيس تبليسي"}\n' | "$BIN" map -q -o "$T/stdin" - && ok || bad "stdin map"
expect_grep '"s1"' "$T/stdin/mentions.geojson" "stdin document mapped"
expect_status 0 "--date" -- "$BIN" map -q --date 2022-08-03 -o "$T/dated" "$T/in/a.txt"
expect_grep '"date":"2022-08-03"' "$T/dated/mentions.geojson" "--date reaches the layer"
expect_status 2 "bad --date" -- "$BIN" map --date 2022-13-40 -o "$T/x" "$T/in/a.txt"

# refusals: exit 2 and a message that says what to do
expect_status 2 "missing input" -- "$BIN" map -o "$T/x" "$T/nope.txt"
expect_grep "nope.txt" "$T/stderr" "missing input named"
mkdir -p "$T/ro" && chmod 555 "$T/ro"
if [ "$(id -u)" -ne 0 ]; then
	expect_status 2 "unwritable output" -- "$BIN" map -o "$T/ro/out" "$T/in/a.txt"
fi
expect_status 2 "output under /proc" -- "$BIN" map -o /proc/geomention-out "$T/in/a.txt"
expect_grep "cannot create output folder\|not writable" "$T/stderr" "unwritable output explained"
expect_status 2 "unknown format" -- "$BIN" map -f NoSuchFormat -o "$T/x" "$T/in/a.txt"
expect_grep "valid formats: .*GPKG" "$T/stderr" "unknown format lists the valid ones"
expect_status 2 "unknown CRS" -- "$BIN" map --t_srs EPSG:999999 -o "$T/x" "$T/in/a.txt"
expect_grep "EPSG:999999" "$T/stderr" "unknown CRS named"
expect_status 2 "no input" -- "$BIN" map -o "$T/x"
expect_status 2 "bad --dbf-snippet" -- "$BIN" map --dbf-snippet 300 -o "$T/x" "$T/in/a.txt"
expect_grep "dbf-snippet wants a number of bytes from 0 to 254, not 300" "$T/stderr" "bad --dbf-snippet explained"
expect_status 2 "--dbf-snippet with no number" -- "$BIN" map --dbf-snippet=x -o "$T/x" "$T/in/a.txt"

# #17: a Shapefile keeps --dbf-snippet bytes of each snippet around its name
# (default 100), the GeoJSON all of it; run.json records the choice
mkdir -p "$T/dbfin"
printf 'قصفت القوات مدينة باردا صباح اليوم، وسقطت قذائف على قرى قرب لاشين وشوشا في أثناء الاشتباكات التي دارت طوال الليل بين الطرفين في محيط مدينة أغدام.\n' >"$T/dbfin/long.txt"
expect_status 0 "--dbf-snippet 40" -- "$BIN" map -q --dbf-snippet=40 -o "$T/dbf40" "$T/in" "$T/dbfin"
expect_status 0 "--dbf-snippet default" -- "$BIN" map -q -o "$T/dbf100" "$T/in" "$T/dbfin"
expect_grep '"dbf_snippet": 40' "$T/dbf40/run.json" "run.json records --dbf-snippet"
/usr/bin/python3 - "$T/dbf40" "$T/dbf100" <<'PY' && ok || bad "--dbf-snippet cuts the .dbf's snippets around their names"
import json, sys
from osgeo import ogr
for folder, cap in ((sys.argv[1], 40), (sys.argv[2], 100)):
    whole = {(f["properties"]["doc_id"], f["properties"]["start"]): f["properties"]["snippet"]
             for f in json.load(open(folder + "/mentions.geojson", encoding="utf-8"))["features"]}
    ds = ogr.Open(folder + "/mentions.shp")   # (kept: a layer outlives no dataset)
    layer = ds.GetLayer(0)
    n = cut = 0
    for f in layer:
        s, w = f.GetField("snippet") or "", whole[(f.GetField("doc_id"), f.GetField("start"))]
        assert s in w and f.GetField("surface") in s and len(s.encode()) <= cap, (s, w)
        assert len(w.encode()) > cap or s == w, (s, w)
        n += 1
        cut += s != w
    assert n == len(whole) and (cap == 100 or cut > 0), (n, cut)
PY
# and 40 bytes of each rule in whole clauses (--dbf-rule), none at 0, all at 254
expect_status 0 "--dbf-rule 0" -- "$BIN" map -q --dbf-rule 0 -o "$T/rule0" "$T/in" "$T/dbfin"
expect_status 0 "--dbf-rule 254" -- "$BIN" map -q --dbf-rule=254 -o "$T/rule254" "$T/in" "$T/dbfin"
expect_grep '"dbf_rule": 40' "$T/dbf100/run.json" "run.json records --dbf-rule"
expect_status 2 "bad --dbf-rule" -- "$BIN" map --dbf-rule -1 -o "$T/x" "$T/in/a.txt"
expect_grep "dbf-rule wants a number of bytes from 0 to 254, not -1" "$T/stderr" "bad --dbf-rule explained"
/usr/bin/python3 - "$T/dbf100" "$T/rule0" "$T/rule254" <<'PY' && ok || bad "--dbf-rule keeps whole clauses of the rule in the .dbf"
import json, sys
from osgeo import ogr
for folder, cap in zip(sys.argv[1:], (40, 0, 254)):
    whole = {(f["properties"]["doc_id"], f["properties"]["start"]): f["properties"]["rule"]
             for f in json.load(open(folder + "/mentions.geojson", encoding="utf-8"))["features"]}
    ds = ogr.Open(folder + "/mentions.shp")
    n = cut = 0
    for f in ds.GetLayer(0):
        r, w = f.GetField("rule") or "", whole[(f.GetField("doc_id"), f.GetField("start"))]
        assert len(r.encode()) <= cap and w.startswith(r), (r, w)
        assert r == w or cap == 0 or w[len(r):].startswith("; "), (r, w)   # whole clauses
        assert cap == 0 or r, (r, w)
        n += 1
        cut += r != w
    assert n == len(whole) and (cap == 254) == (cut == 0), (folder, n, cut)
PY
expect_status 2 "corrupt gazetteer" -- "$BIN" map --gazetteer "$T/in/a.txt" -o "$T/x" "$T/in/a.txt"
expect_grep "not a geomention gazetteer" "$T/stderr" "corrupt gazetteer explained"

# #15.4: the walk trusts no file system. A FIFO named .txt, links to . (two,
# and a self-link), a .txt link to /dev/zero, a second link to a file, an
# unreadable subfolder: each listed as skipped with its reason, the rest read
# once, and the run ends (timeout: a hang fails the test, never the suite).
W=$T/walk
mkdir -p "$W/sub" "$W/locked"
printf 'قصفت القوات مدينة باردا.\n' >"$W/a.txt"
printf 'اشتباكات قرب لاشين.\n' >"$W/sub/b.txt"
printf 'محادثات في موسكو.\n' >"$W/locked/c.txt"
mkfifo "$W/fifo.txt"
ln -s . "$W/loop1"; ln -s . "$W/loop2"; ln -s ../sub "$W/sub/up"
ln -s /dev/zero "$W/zero.txt"
ln -s sub/b.txt "$W/link.txt"
ln -s nowhere.txt "$W/dangling.txt"
chmod 000 "$W/locked"
mkdir -p "$T/walkout"; chmod 777 "$T/walkout" "$T"
as_user=()
if [ "$(id -u)" -eq 0 ]; then   # root reads every folder: run as nobody to see a locked one
	if command -v setpriv >/dev/null; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); else chmod 755 "$W/locked"; fi
fi
expect_status 0 "map a hostile folder" -- timeout 60 "${as_user[@]}" "$BIN" map -q -o "$T/walkout/o" "$W"
python3 - "$T/walkout/o/run.json" "${#as_user[@]}" <<'PY' && ok || bad "run.json lists every refused entry with its reason"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
by = {d["path"].split("/walk/")[1]: d for d in docs}
def skipped(name, why):
    assert by[name]["status"] == "skipped" and why in by[name]["reason"], (name, by[name])
# the walk is sorted: link.txt comes before sub/, so the file is read there, once
assert by["a.txt"]["status"] == "processed" and by["link.txt"]["status"] == "processed", by
skipped("fifo.txt", "FIFO"); skipped("zero.txt", "character device")
skipped("loop1", "already walked"); skipped("loop2", "already walked"); skipped("sub/up", "already walked")
skipped("sub/b.txt", "same file"); skipped("dangling.txt", "cannot read")
if sys.argv[2] != "0" or "locked" in by:
    skipped("locked", "cannot read folder")
assert len(docs) == len(by), "an entry listed twice"
assert sum(d["status"] == "processed" for d in docs) == 2, docs
PY
chmod 755 "$W/locked"
# a pipe named on the command line is read (process substitution); a device is refused
expect_status 0 "map a pipe given by name" -- "$BIN" map -q -o "$T/pipeout" <(printf 'قصفت القوات مدينة باردا.\n')
expect_grep '"processed"' "$T/pipeout/run.json" "the piped document is processed"
expect_status 2 "a device named as input" -- "$BIN" map -q -o "$T/x" /dev/zero
expect_grep "character device" "$T/stderr" "the device refusal says what it is"

# #17: GDAL is opened only for what only GDAL writes (layers/gdalapi.h): the default layers,
# CSV and a Shapefile in WGS 84 never load it (the dynamic linker says what it loads), a
# GeoPackage, GeoJSON in another CRS and a Shapefile's .prj of one do
gdal_loaded() { # OUT_DIR ARGS...: whether that run loaded libgdal
	local o=$1; shift
	LD_DEBUG=libs "$BIN" map -q -o "$o" "$@" "$T/in/a.txt" 2>"$T/ld" >/dev/null && [ -s "$o/run.json" ] ||
		{ echo error; return; }
	grep -q 'calling init: .*libgdal' "$T/ld" && echo yes || echo no
}
expect_loads() { # WANT DESCRIPTION ARGS...
	local want=$1 what=$2; shift 2
	local got
	got=$(gdal_loaded "$T/gdal-$want" "$@")
	[ "$got" = "$want" ] && ok || bad "$what: GDAL loaded: $got, want $want"
}
expect_loads no "the default layers"
expect_loads no "CSV" -f CSV
expect_loads no "GeoJSON" -f GeoJSON
expect_loads no "a Shapefile in WGS 84" -f "ESRI Shapefile" --t_srs EPSG:4326
expect_loads yes "a GeoPackage" -f GPKG
expect_loads yes "GeoJSON in another CRS" -f GeoJSON --no-rfc7946 --t_srs EPSG:3857
expect_loads yes "a Shapefile in another CRS" -f "ESRI Shapefile" --t_srs EPSG:3857
# without a GDAL to open (GEOMENTION_GDAL names one that is not there, or a library that is no
# GDAL): the default layers are written all the same; a GeoPackage, an unknown format or a
# merge is refused before anything is written, saying why; the format list is ours
NOGDAL=/nonexistent/libgdal.so.0
expect_status 0 "the default layers without GDAL" -- env GEOMENTION_GDAL=$NOGDAL "$BIN" map -q -o "$T/nogdal-ok" "$T/in/a.txt"
[ -s "$T/nogdal-ok/mentions.shp" ] && [ -s "$T/nogdal-ok/places.geojson" ] && ok || bad "the default layers without GDAL are there"
expect_status 2 "a GeoPackage without GDAL" -- env GEOMENTION_GDAL=$NOGDAL "$BIN" map -q -f GPKG -o "$T/nogdal-gpkg" "$T/in/a.txt"
expect_grep "cannot open GDAL ($NOGDAL)" "$T/stderr" "a GeoPackage without GDAL says GDAL cannot be opened"
[ ! -e "$T/nogdal-gpkg" ] && ok || bad "a refused run without GDAL writes no folder"
expect_status 2 "an unknown format without GDAL" -- env GEOMENTION_GDAL=$NOGDAL "$BIN" map -q -f NoSuchFormat -o "$T/nogdal-x" "$T/in/a.txt"
expect_grep "cannot open GDAL" "$T/stderr" "an unknown format without GDAL says GDAL cannot be opened"
expect_status 2 "a library that is no GDAL" -- env GEOMENTION_GDAL=libm.so.6 "$BIN" map -q -f GPKG -o "$T/nogdal-m" "$T/in/a.txt"
expect_grep "lacks the function" "$T/stderr" "a library that is no GDAL is named as such"
expect_status 1 "a merge without GDAL" -- env GEOMENTION_GDAL=$NOGDAL "$BIN" merge -q "$T/nogdal-ok" -o "$T/nogdal-merged"
expect_grep "cannot open GDAL" "$T/stderr" "a merge without GDAL says GDAL cannot be opened"
[ ! -e "$T/nogdal-merged" ] && ok || bad "a merge without GDAL writes no folder"

# #15.5: the output folder is replaced as a whole, under a lock
R=$T/swap
mkdir -p "$R"
expect_status 0 "a GPKG run" -- "$BIN" map -q -f GPKG -o "$R/out" "$T/in/a.txt"
[ -e "$R/out/geomention.gpkg" ] && ok || bad "the GPKG run wrote geomention.gpkg"
mkdir -p "$R/.out.geomention-tmp-dead01" && echo junk >"$R/.out.geomention-tmp-dead01/places.shp"   # a killed run's
expect_status 0 "a default run into the same folder" -- "$BIN" map -q -o "$R/out" "$T/in/a.txt"
[ ! -e "$R/out/geomention.gpkg" ] && [ -e "$R/out/mentions.shp" ] && ok || bad "no file of the earlier run survives: $(ls "$R/out")"
[ -z "$(ls -A "$R" | grep geomention-tmp)" ] && ok || bad "a dead run's temporary folder is removed: $(ls -A "$R")"
[ -z "$(ls -A "$R/out" | grep '^\.')" ] && ok || bad "nothing hidden in the output folder: $(ls -A "$R/out")"
if command -v flock >/dev/null; then
	before=$(md5sum <"$R/out/mentions.geojson")
	expect_status 2 "a second run while one holds the lock" -- flock "$R/.out.geomention-lock" "$BIN" map -q -o "$R/out" "$T/in/a.txt"
	expect_grep "another geomention run is writing" "$T/stderr" "the lock refusal says why"
	[ "$(md5sum <"$R/out/mentions.geojson")" = "$before" ] && ok || bad "the locked folder is untouched"
fi
# the user's own files in the folder are kept (output/README.md); a folder of theirs is refused
mkdir -p "$R/mine" && echo "my notes" >"$R/mine/notes.txt"
expect_status 0 "a folder with a file of the user's" -- "$BIN" map -q -f GPKG -o "$R/mine" "$T/in/a.txt"
expect_status 0 "... mapped again" -- "$BIN" map -q -o "$R/mine" "$T/in/a.txt"
[ "$(cat "$R/mine/notes.txt")" = "my notes" ] && [ -e "$R/mine/places.shp" ] && [ ! -e "$R/mine/geomention.gpkg" ] && ok ||
	bad "the user's file is kept, the old run's files are not: $(ls -A "$R/mine")"
mkdir -p "$R/mine/photos"
expect_status 2 "a folder holding a folder of the user's" -- "$BIN" map -q -o "$R/mine" "$T/in/a.txt"
expect_grep "holds photos" "$T/stderr" "the refusal names what it would not move"
[ -d "$R/mine/photos" ] && [ -e "$R/mine/places.shp" ] && ok || bad "the refused folder is untouched"
# SIGINT and SIGTERM while the run waits for stdin: status 128+signal, the
# output as it was, no temporary folder, the lock free for the next run
mkfifo "$R/feed"
exec 7<>"$R/feed"   # read-write: never blocks, and the run's stdin stays open with no writer process
for sig in INT TERM; do
	before=$(md5sum <"$R/out/mentions.geojson")
	printf '{"id": "s1", "text": "قصفت القوات مدينة باردا."}\n' >&7
	"$BIN" map -q -o "$R/out" - <&7 2>"$T/sig.err" &
	pid=$!
	for _ in $(seq 50); do ls -A "$R" | grep -q 'out.geomention-tmp' && break; sleep 0.1; done
	sleep 0.3
	kill -s $sig $pid
	wait $pid; st=$?
	want=$((128 + $(kill -l $sig)))
	[ "$st" = "$want" ] && ok || bad "SIG$sig: exit $st, want $want ($(cat "$T/sig.err"))"
	[ -z "$(ls -A "$R" | grep geomention-tmp)" ] && ok || bad "SIG$sig leaves no temporary folder: $(ls -A "$R")"
	[ "$(md5sum <"$R/out/mentions.geojson")" = "$before" ] && ok || bad "SIG$sig: the output is as it was"
done
exec 7>&-
expect_status 0 "the next run after an interrupt" -- "$BIN" map -q -o "$R/out" "$T/in/a.txt"

# #15.8: a file name that is not UTF-8 (a Latin-1 disk) still gives valid JSON in run.json
mkdir -p "$T/latin1"
printf 'قصفت القوات مدينة باردا.\n' >"$T/latin1/caf$(printf '\351').txt"
expect_status 0 "map a file whose name is not UTF-8" -- "$BIN" map -q -o "$T/latin1out" "$T/latin1/caf$(printf '\351').txt"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1] + "/run.json", encoding="utf-8")); assert r["documents"][0]["status"] == "processed", r
for layer in ("mentions", "events", "places"):
    json.load(open(sys.argv[1] + "/" + layer + ".geojson", encoding="utf-8"))' \
	"$T/latin1out" && ok || bad "run.json and the layers are valid UTF-8 JSON with a Latin-1 file name"

# #16: options as people type them: --opt=value, -j4, -oDIR, -o=DIR, and -- before inputs
expect_status 0 "--jobs=2 -o=DIR" -- "$BIN" map -q --jobs=2 -o="$T/eq1" "$T/in/a.txt"
[ -s "$T/eq1/run.json" ] && ok || bad "-o=DIR wrote into DIR"
expect_status 0 "-j2 -oDIR -fGPKG" -- "$BIN" map -q -j2 -o"$T/eq2" -fGPKG "$T/in/a.txt"
[ -s "$T/eq2/geomention.gpkg" ] && ok || bad "-oDIR -fGPKG wrote a GeoPackage into DIR"
expect_status 0 "--gazetteer=PATH" -- "$BIN" gazetteer info --gazetteer="$(dirname "$BIN")/gazetteer.gmz"
cp "$T/in/a.txt" "$T/-dash.txt"
( cd "$T" && "$BIN" map -q -o eq3 -- -dash.txt ) >/dev/null 2>&1 && grep -q '"-dash"' "$T/eq3/run.json" && ok || bad "-- before an input that starts with -"
expect_status 2 "a flag given a value" -- "$BIN" map --quiet=1 -o "$T/eq4" "$T/in/a.txt"

# #15.8: run.json lists every file written, however many (it stopped at 32)
expect_status 0 "many formats" -- "$BIN" map -q -f GeoJSON -f "ESRI Shapefile" -f GPKG -f FlatGeobuf -f CSV -f KML --demonyms -o "$T/many" "$T/in/a.txt"
python3 -c 'import json, os, sys
d = sys.argv[1]; listed = json.load(open(d + "/run.json", encoding="utf-8"))["files"]
on_disk = sorted(f for f in os.listdir(d) if not f.startswith("."))
assert len(on_disk) > 32, len(on_disk)
assert sorted(listed) == on_disk, (len(listed), len(on_disk))' "$T/many" && ok || bad "run.json lists every file written"

# #18.4: a progress line on a terminal only; never in a pipe or a log
python3 -c 'import json
with open("'"$T"'/progfeed.jsonl", "w", encoding="utf-8") as f:
    for i in range(3000):
        f.write(json.dumps({"id": "p%d" % i, "text": "قصفت القوات مدينة باردا وقالت باكو إن أذربيجان سترد. " * 20}, ensure_ascii=False) + "\n")'
expect_status 0 "map into a log" -- "$BIN" map -o "$T/prog1" "$T/progfeed.jsonl"
! grep -q "MB/s" "$T/stderr" && ok || bad "no progress line when stderr is not a terminal"
if command -v script >/dev/null; then
	script -qec "'$BIN' map --jobs 1 -o '$T/prog2' '$T/progfeed.jsonl'" /dev/null >"$T/tty.out" 2>&1
	grep -q "MB/s" "$T/tty.out" && grep -q "documents mapped" "$T/tty.out" && ok || bad "a progress line on a terminal, and the summary"
fi

# #18.6: FlatGeobuf keeps places most-mentioned first (its spatial index sorted them); help names every layer
expect_status 0 "FlatGeobuf and GeoJSON" -- "$BIN" map -q -f FlatGeobuf -f GeoJSON -o "$T/fgb" "$TOP/samples"
python3 - "$T/fgb" <<'PY' && ok || bad "FlatGeobuf places in the GeoJSON's order"
import json, subprocess, sys
gj = [f["properties"]["place_id"] for f in json.load(open(sys.argv[1] + "/places.geojson", encoding="utf-8"))["features"]]
out = subprocess.run(["ogrinfo", "-ro", "-al", "-q", sys.argv[1] + "/places.fgb"], capture_output=True, text=True).stdout
fg = [l.split("=", 1)[1].strip() for l in out.splitlines() if l.strip().startswith("place_id (String) =")]
assert len(gj) > 5 and gj == fg, (gj[:5], fg[:5])
PY
expect_status 0 "help" -- "$BIN" map --help
expect_grep "events and daily" "$T/stdout" "map help names the events and daily layers"
# an event with no place has no geometry, which GDAL 3.6.2's FlatGeobuf writer drops
# (GDAL issue 7401): never unsaid: run.json's warnings and stderr, even with -q, and
# the GeoJSON layer still has it
printf 'قتل ثلاثة أشخاص في انفجار سيارة مفخخة صباح اليوم.\n' > "$T/noplace.txt"
expect_status 0 "FlatGeobuf with a placeless event" -- "$BIN" map -q -f FlatGeobuf -f GeoJSON -o "$T/fgbnp" "$T/noplace.txt"
python3 - "$T/fgbnp" <<'PY' && ok || bad "a feature FlatGeobuf cannot hold is counted where it is lacking"
import json, subprocess, sys
d = sys.argv[1]
gj = json.load(open(d + "/events.geojson", encoding="utf-8"))["features"]
assert any(f["geometry"] is None for f in gj), "the GeoJSON layer has the placeless event"
out = subprocess.run(["ogrinfo", "-ro", "-al", "-so", d + "/events.fgb"], capture_output=True, text=True).stdout
n_fgb = int([l for l in out.splitlines() if l.startswith("Feature Count:")][0].split(":")[1])
lacking = len(gj) - n_fgb
warnings = json.load(open(d + "/run.json", encoding="utf-8")).get("warnings", [])
if lacking:
    assert any(w.startswith("events.fgb lacks %d feature" % lacking) for w in warnings), warnings
else:
    assert not any(w.startswith("events.fgb") for w in warnings), warnings   # a GDAL that writes them all
PY
if [ -s "$T/fgbnp/events.fgb" ] && python3 -c "import json,sys; sys.exit(0 if json.load(open('$T/fgbnp/run.json')).get('warnings') else 1)"; then
	expect_grep "warning: events.fgb lacks" "$T/stderr" "the warning on stderr despite -q"
fi

# #13: a name a list gave, placed at its town, named again with a type word is the same
# place, not the namesake abroad the type word would lift (بنان: a village of Iran)
printf '{"id":"l","text":"سيطرت القوات على قرى قرب باكو منها بنان والنعيمية. وفي بلدة بنان قتل اثنان"}\n' > "$T/listed.jsonl"
"$BIN" map -q --stream "$T/listed.jsonl" > "$T/listed.seq" 2>"$T/stderr"
python3 - "$T/listed.seq" <<'PY' && ok || bad "a listed name named again is placed where the list put it"
import json, sys
ms = [json.loads(l)["properties"] for l in open(sys.argv[1], encoding="utf-8").read().split("\x1e") if l.strip()]
ms = [p for p in ms if p["kind"] == "mention"]
assert [p["surface"] for p in ms] == ["باكو", "بنان", "النعيمية", "بنان"], [p["surface"] for p in ms]
assert all(p["name_en"] == "Baku" for p in ms), [p["name_en"] for p in ms]
assert "listed before" in ms[3]["rule"], ms[3]["rule"]
PY

# #19: a database driver is refused before any work, and no folder named after the connection string appears
( cd "$T" && "$BIN" map -q -f PostgreSQL -o "PG:dbname=x password=secret" "$T/in/a.txt" ) >"$T/stdout" 2>"$T/stderr"
[ $? = 2 ] && ok || bad "-f PostgreSQL refused with exit 2"
expect_grep "is a database, not a file format" "$T/stderr" "the refusal says why"
[ -z "$(ls -A "$T" | grep -i "PG:\|secret")" ] && ok || bad "no folder named after a connection string"

# #18.3: map.svg, the static overview: valid SVG, a circle per place, the Arabic names, a legend
expect_status 0 "map writes map.svg" -- "$BIN" map -q -o "$T/svg" "$TOP/samples"
python3 - "$T/svg" <<'PY' && ok || bad "map.svg holds every place"
import json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
svg = ET.parse(d + "/map.svg")
ns = {"s": "http://www.w3.org/2000/svg"}
circles = svg.findall(".//s:circle[@class='place']", ns)
places = [f for f in json.load(open(d + "/places.geojson", encoding="utf-8"))["features"] if f["geometry"]]
assert len(circles) == len(places) > 5, (len(circles), len(places))
text = open(d + "/map.svg", encoding="utf-8").read()
assert "باكو" in text and "shelling" in text, "names and legend"
PY

# #19: mentions and events carry their article (url, source, title) and events their country and
# admin1, in every format and through a stream and its merge
printf '{"id": "u1", "url": "https://example.org/a?b=1", "source": "وكالة الأنباء", "title": "قصف باردا", "text": "قصفت القوات مدينة باردا."}\n' >"$T/url.jsonl"
expect_status 0 "map an article with its url" -- "$BIN" map -q -o "$T/url" "$T/url.jsonl"
"$BIN" map -q --stream "$T/url.jsonl" >"$T/url.geojsons" && "$BIN" merge -q "$T/url.geojsons" -o "$T/urlm" && ok || bad "stream and merge an article with its url"
python3 - "$T" <<'PY' && ok || bad "url, source, title, country and admin1 in the layers"
import json, subprocess, sys
t = sys.argv[1]
for d in ("url", "urlm"):
    for layer in ("mentions", "events"):
        p = json.load(open(f"{t}/{d}/{layer}.geojson", encoding="utf-8"))["features"][0]["properties"]
        assert p["url"] == "https://example.org/a?b=1" and p["source"] == "وكالة الأنباء" and p["title"] == "قصف باردا", (d, layer, p)
    e = json.load(open(f"{t}/{d}/events.geojson", encoding="utf-8"))["features"][0]["properties"]
    assert e["country"] == "AZ" and e["admin1"], e
out = subprocess.run(["ogrinfo", "-ro", "-al", "-q", f"{t}/url/events.shp"], capture_output=True, text=True).stdout
assert "url (String) = https://example.org/a?b=1" in out and "title (String) = قصف باردا" in out, out[:800]
for d in ("url", "urlm"):
    doc = json.load(open(f"{t}/{d}/run.json", encoding="utf-8"))["documents"][0]
    assert doc["url"] == "https://example.org/a?b=1" and doc["source"] == "وكالة الأنباء" and doc["title"] == "قصف باردا", doc
PY
# a URL of percent-encoded Arabic runs past a DBF's 254 bytes: whole in every format that can
# hold it (a cut URL is a dead link), cut only in the Shapefile
long_url="https://example.org/$(printf '%%D8%%A8%%D8%%A7%%D8%%B1%%D8%%AF%%D8%%A7-%.0s' $(seq 12))end"
printf '{"id": "u2", "url": "%s", "text": "قصفت القوات مدينة باردا."}\n' "$long_url" >"$T/longurl.jsonl"
"$BIN" map -q -f GeoJSON -f GPKG -f "ESRI Shapefile" -o "$T/longurl" "$T/longurl.jsonl" && ok || bad "map an article with a long url"
python3 - "$T" "$long_url" <<'PY' && ok || bad "a long url is whole in GeoJSON, GeoPackage and run.json"
import json, subprocess, sys
t, url = sys.argv[1], sys.argv[2]
assert len(url) > 254
for layer in ("mentions", "events"):
    assert json.load(open(f"{t}/longurl/{layer}.geojson"))["features"][0]["properties"]["url"] == url, layer
assert json.load(open(f"{t}/longurl/run.json"))["documents"][0]["url"] == url
out = subprocess.run(["ogrinfo", "-ro", "-q", "-sql", "SELECT url FROM events", f"{t}/longurl/geomention.gpkg"],
                     capture_output=True, text=True).stdout
assert "url (String) = " + url in out, out[:600]
out = subprocess.run(["ogrinfo", "-ro", "-al", "-q", f"{t}/longurl/events.shp"], capture_output=True, text=True).stdout
assert "url (String) = " + url[:254] + "\n" in out, out[:600]
PY

# #19: events.csv in ACLED's shape with every run's files; -f CSV writes the events layer as
# events_layer.csv, and a merge of CSV parts reads that one, not events.csv
expect_status 0 "map as CSV" -- "$BIN" map -q -f CSV -o "$T/acsv" "$T/url.jsonl" "$T/longurl.jsonl"
expect_status 0 "merge a CSV part" -- "$BIN" merge -q -f GeoJSON "$T/acsv" -o "$T/acsvm"
python3 - "$T" <<'PY' && ok || bad "events.csv in ACLED's shape, events_layer.csv beside it"
import csv, json, sys
t = sys.argv[1]
acled = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
         "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
         "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
         "tags timestamp").split()
for d in ("acsv", "acsvm", "longurl"):
    raw = open(f"{t}/{d}/events.csv", "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM: the header is ACLED's, byte for byte"
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    assert rows[0] == acled, rows[0]
    r = dict(zip(acled, rows[1]))
    assert r["country"] == "Azerbaijan" and r["iso"] == "31" and r["region"] == "Caucasus and Central Asia", r
    assert r["event_type"] == "Explosions/Remote violence" and r["fatalities"] == "0" and r["notes"], r
    run = json.load(open(f"{t}/{d}/run.json"))
    assert run["counts"]["events_acled"] == len(rows) - 1, (run["counts"], len(rows))
layer = list(csv.DictReader(open(f"{t}/acsv/events_layer.csv", encoding="utf-8-sig")))
assert len(layer) == 2 and layer[0]["event_id"] == "u1#1" and layer[0]["trigger"], layer
merged = json.load(open(f"{t}/acsvm/events.geojson"))["features"]
assert [f["properties"]["event_id"] for f in merged] == ["u1#1", "u2#1"], merged
assert open(f"{t}/acsv/events.csv", "rb").read() == open(f"{t}/acsvm/events.csv", "rb").read()
PY

# a refused run leaves the previous output as it was
before=$(cat "$T/out/places.geojson" | md5sum)
"$BIN" map -q --t_srs EPSG:999999 -o "$T/out" "$T/in/a.txt" 2>/dev/null
[ "$(md5sum <"$T/out/places.geojson")" = "$before" ] && ok || bad "refused run changed the output"
ls -A "$T/out" | grep -q geomention-tmp && bad "temporary folder left behind" || ok

# other formats and a target CRS with its .prj
expect_status 0 "GPKG + FlatGeobuf + UTM" -- "$BIN" map -q -f GPKG -f FlatGeobuf -f "ESRI Shapefile" -f GeoJSON --t_srs EPSG:32638 -o "$T/utm" "$T/in"
for f in geomention.gpkg mentions.fgb places.prj; do [ -s "$T/utm/$f" ] && ok || bad "missing $f"; done
expect_grep "UTM_Zone_38N" "$T/utm/places.prj" ".prj names the target CRS"
python3 - "$T/utm" <<'PY' && ok || bad "GeoJSON stays WGS 84 with --t_srs"
import json, sys
fc = json.load(open(sys.argv[1] + "/places.geojson", encoding="utf-8"))
assert "crs" not in fc
for f in fc["features"]:
    lon, lat = f["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
PY
# #18.6: daily.csv, written whatever is asked, keeps X/Y as longitude and latitude under --t_srs
python3 - "$T/utm" <<'PY' && ok || bad "daily.csv stays lon/lat with --t_srs"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1] + "/daily.csv", encoding="utf-8-sig")) if r["X"]]
assert rows and all(-180 <= float(r["X"]) <= 180 and -90 <= float(r["Y"]) <= 90 for r in rows), rows[:2]
PY

# gazetteer lookup explains itself; build refuses a missing source
expect_status 0 "lookup" -- "$BIN" gazetteer lookup وباكو
expect_grep "clitic و" "$T/stdout" "lookup shows the clitic"
expect_grep "\* gn:587084" "$T/stdout" "lookup marks the winner"
# a spelling the gazetteer lacks matches by skeleton, and lookup says so
expect_status 0 "lookup a variant" -- "$BIN" gazetteer lookup الدينمارك
expect_grep "gn:2623032" "$T/stdout" "the variant is Denmark"
expect_grep "spelling variant" "$T/stdout" "lookup shows the variant used"
# a name of 198 places (إسلام آباد): every one is scored, and the winner shown is the
# resolver's, Pakistan's capital, not the best of the first 16 in the file
expect_status 0 "lookup a name of many places" -- "$BIN" gazetteer lookup "إسلام آباد"
expect_grep "\* gn:1176615 " "$T/stdout" "lookup's winner is the resolver's however many candidates"
expect_status 2 "build missing source" -- "$BIN" gazetteer build "$T/none.tsv" -o "$T/g.gmz"
expect_status 0 "build" -- "$BIN" gazetteer build "$DATA/mini-places.tsv" "$DATA/mini-curated.tsv" -o "$T/g.gmz"
expect_grep "37 places" "$T/stdout" "build reports its counts"
expect_grep "2 source rows skipped" "$T/stderr" "build reports skipped rows"
expect_status 0 "info" -- "$BIN" gazetteer info --gazetteer "$T/g.gmz"
expect_grep "opened in:" "$T/stdout" "info reports the open time"
expect_grep "checksum" "$T/stdout" "info shows the checksum"
expect_status 0 "verify" -- "$BIN" gazetteer verify --gazetteer "$T/g.gmz"
# #15.1: a flipped byte is refused at open by every command; --no-verify maps anyway, no crash
cp "$T/g.gmz" "$T/flip.gmz"
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(-40, 2); b = f.read(1); f.seek(-40, 2); f.write(bytes([b[0] ^ 4]))' "$T/flip.gmz"
expect_status 2 "map refuses a damaged gazetteer" -- "$BIN" map -o "$T/flip" --gazetteer "$T/flip.gmz" "$T/in/a.txt"
expect_grep "fails its checksum" "$T/stderr" "map names the checksum"
[ ! -e "$T/flip" ] && ok || bad "no output folder for a refused gazetteer"
expect_status 2 "lookup refuses a damaged gazetteer" -- "$BIN" gazetteer lookup --gazetteer "$T/flip.gmz" باكو
expect_status 1 "verify finds the flip" -- "$BIN" gazetteer verify --gazetteer "$T/flip.gmz"
expect_status 0 "map --no-verify opens it lazily" -- "$BIN" map -q --no-verify -o "$T/flip" --gazetteer "$T/flip.gmz" "$T/in/a.txt"
expect_status 0 "info --no-verify" -- "$BIN" gazetteer info --no-verify --gazetteer "$T/flip.gmz"
# #15.6: build and export write under unpredictable names (mkstemp, mkdtemp)
# and rename: a link planted at the target is replaced, its victim untouched;
# the old names (<out>.tmp.<pid>, .geomention-export-<pid>-<name>) are not used
echo victim >"$T/victim.txt"
ln -s "$T/victim.txt" "$T/planted.gmz"
expect_status 0 "build over a planted link" -- "$BIN" gazetteer build "$DATA/mini-places.tsv" -o "$T/planted.gmz"
[ "$(cat "$T/victim.txt")" = victim ] && [ ! -L "$T/planted.gmz" ] && ok || bad "build followed a planted link"
ln -s "$T/victim.txt" "$T/planted.gpkg"
expect_status 0 "export over a planted link" -- "$BIN" gazetteer export --gazetteer "$T/g.gmz" "$T/planted.gpkg"
[ "$(cat "$T/victim.txt")" = victim ] && [ ! -L "$T/planted.gpkg" ] && ok || bad "export followed a planted link"
[ -z "$(ls -A "$T" | grep -E 'tmp\.|geomention-export')" ] && ok || bad "build/export left temporary files: $(ls -A "$T")"
! grep -q 'getpid' "$TOP/src/build/gazetteer_build.c" "$TOP/src/layers/write.c" && ok || bad "a temporary name made from the pid"
# GeoNames dumps: --geonames takes a folder, refuses a file
expect_status 0 "build --geonames" -- "$BIN" gazetteer build --geonames "$DATA/geonames" "$DATA/geonames-override.tsv" -o "$T/gn.gmz"
expect_grep "6 places" "$T/stdout" "geonames build counts its places"
expect_status 2 "--geonames on a file" -- "$BIN" gazetteer build --geonames "$DATA/mini-places.tsv" -o "$T/gn2.gmz"
expect_grep "needs a folder" "$T/stderr" "--geonames says it needs a folder"
# export: a GPKG of every place; one-file formats only
expect_status 0 "export GPKG" -- "$BIN" gazetteer export --gazetteer "$T/gn.gmz" "$T/gn.gpkg"
expect_grep "6 places (GPKG)" "$T/stdout" "export counts its places"
if head -c 15 "$T/gn.gpkg" | grep -q "SQLite format 3"; then ok; else bad "export wrote no GeoPackage"; fi
expect_status 2 "export to Shapefile refused" -- "$BIN" gazetteer export --gazetteer "$T/gn.gmz" -f "ESRI Shapefile" "$T/gn.shp"
expect_status 2 "export to an unknown format" -- "$BIN" gazetteer export --gazetteer "$T/gn.gmz" -f Nope "$T/gn.x"

# demonyms: never mentions; counted on places always (a place only its demonyms
# name is listed with mentions 0, so that merged runs count them), a layer of
# their own with --demonyms
mkdir -p "$T/dem"
printf 'قصفت القوات الأذربيجانية مواقع أرمنية قرب لاشين.\n' >"$T/dem/d.txt"
expect_status 0 "map without --demonyms" -- "$BIN" map -o "$T/dem/out1" "$T/dem/d.txt"
[ ! -e "$T/dem/out1/demonyms.geojson" ] && ok || bad "demonyms layer written without --demonyms"
expect_status 0 "map --demonyms" -- "$BIN" map --demonyms -o "$T/dem/out2" "$T/dem/d.txt"
expect_grep "1 mentions; 3 places; 2 demonyms" "$T/stdout" "map --demonyms counts demonyms and lists their places"
python3 - "$T/dem" <<'PY' && ok || bad "demonyms layer and places counts"
import json, sys
d = sys.argv[1]
ment = json.load(open(d + "/out2/mentions.geojson", encoding="utf-8"))["features"]
assert [f["properties"]["name_en"] for f in ment] == ["Lachin District"], ment
dem = json.load(open(d + "/out2/demonyms.geojson", encoding="utf-8"))["features"]
assert [(f["properties"]["surface"], f["properties"]["name_en"]) for f in dem] == [("الأذربيجانية", "Azerbaijan"), ("أرمنية", "Armenia")], dem
places = {f["properties"]["name_en"]: f["properties"] for f in json.load(open(d + "/out2/places.geojson", encoding="utf-8"))["features"]}
assert places["Azerbaijan"]["mentions"] == 0 and places["Azerbaijan"]["demonyms"] == 1, places
plain = {f["properties"]["name_en"] for f in json.load(open(d + "/out1/places.geojson", encoding="utf-8"))["features"]}
assert plain == {"Lachin District", "Azerbaijan", "Armenia"}, plain
run = json.load(open(d + "/out1/run.json", encoding="utf-8"))
assert run["documents"][0]["demonyms"] == 2 and run["counts"]["demonyms"] == 2, run
PY

# daily: one row per place and date, CSV always and each asked format; its
# sums agree with places and events, events with no place keep a row
mkdir -p "$T/day"
{
	printf '{"id": "d1", "date": "2023-09-20", "text": "قصفت القوات باردا أمس وقتل 3 مدنيين. وقصفت القوات لاشين اليوم. وأجرى الوزير اتصالا هاتفيا مع نظيره."}\n'
	printf '{"id": "d2", "date": "2023-09-20", "text": "اشتباكات في لاشين. وقالت باكو إن الوضع في باردا هادئ."}\n'
	printf '{"id": "d3", "text": "زار الوفد باردا."}\n'
	printf '{"id": "d4", "date": "2023-09-20", "text": "وكانت القوات قد قصفت لاشين عام 2016."}\n'
} >"$T/day/in.jsonl"
expect_status 0 "map for daily" -- "$BIN" map -o "$T/day/out" "$T/day/in.jsonl"
for f in daily.csv daily.geojson daily.shp daily.dbf; do
	[ -s "$T/day/out/$f" ] && ok || bad "missing $f"
done
python3 - "$T/day/out" <<'PY' && ok || bad "daily rows and sums"
import csv, json, sys
d = sys.argv[1]
raw = open(d + "/daily.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "daily.csv has no UTF-8 BOM"
rows = list(csv.DictReader(open(d + "/daily.csv", encoding="utf-8-sig")))
key = {(r["name_en"], r["date"]): r for r in rows}
# أمس: the shelling of Barda is on the 19th, with its dead; the mention on the 20th
assert key[("Barda", "2023-09-19")]["shelling"] == "1" and key[("Barda", "2023-09-19")]["fatalities"] == "3", rows
assert key[("Barda", "2023-09-20")]["mentions"] == "2" and key[("Barda", "2023-09-20")]["events"] == "0", rows
assert key[("Lachin District", "2023-09-20")]["shelling"] == "1" and key[("Lachin District", "2023-09-20")]["clash"] == "1", rows
# an undated document keeps its row, with an empty date
assert key[("Barda", "")]["mentions"] == "1", rows
# the phone call has no place: a row with no place and no point
nop = key[("", "2023-09-20")]
assert nop["diplomacy"] == "1" and nop["X"] == "" and nop["place_id"] == "", nop
# rows are unique per place and date, and sum to the other layers
assert len(key) == len(rows)
places = {f["properties"]["name_en"]: f["properties"] for f in json.load(open(d + "/places.geojson", encoding="utf-8"))["features"]}
events = json.load(open(d + "/events.geojson", encoding="utf-8"))["features"]
for name, p in places.items():
    assert sum(int(r["mentions"]) for r in rows if r["name_en"] == name) == p["mentions"], name
    assert sum(int(r["events"]) for r in rows if r["name_en"] == name) == p["events"], name
# history (عام 2016 in a 2023 report) is in the events layer as background, never in daily or places
history = [e for e in events if e["properties"]["background"] == 1]
assert len(history) == 1 and history[0]["properties"]["doc_id"] == "d4", [e["properties"] for e in events]
assert sum(int(r["events"]) for r in rows) == len(events) - len(history)
# places take their first date from the event told of أمس
assert places["Barda"]["first_date"] == "2023-09-19" and places["Barda"]["last_date"] == "2023-09-20", places["Barda"]
g = json.load(open(d + "/daily.geojson", encoding="utf-8"))["features"]
assert len(g) == len(rows) and sum(f["geometry"] is None for f in g) == 1
# daily.geojson leaves a per-type 0 out of every row but the first: the same
# counts as daily.csv once a missing one reads 0, and the first row whole
columns = [c for c in rows[0].keys() if c not in ("X", "Y")]
assert list(g[0]["properties"].keys()) == columns, (list(g[0]["properties"].keys()), columns)
kinds = columns[columns.index("injured") + 1:]
assert len(kinds) == 20, kinds
for f, r in zip(g, rows):
    assert all(int(f["properties"].get(k) or 0) == int(r[k] or 0) for k in kinds), (f["properties"], r)
    assert all(f["properties"].get(k, 1) != 0 for k in kinds) or f is g[0], f["properties"]
PY

# --jobs: the same bytes in every layer whatever the number of threads; a
# corpus of a few hundred documents so that batches and threads interleave
mkdir -p "$T/jobs"
{ python3 "$TOP/tests/cli/feed.py" "$TOP/samples" 400 5 j && echo "{broken"; } >"$T/jobs/in.jsonl" || bad "jobs corpus"
expect_status 0 "map --jobs 1" -- "$BIN" map -q --jobs 1 -f GeoJSON -f "ESRI Shapefile" -f GPKG -o "$T/jobs/one" "$T/jobs/in.jsonl"
expect_status 0 "map --jobs 3" -- "$BIN" map -q --jobs 3 -f GeoJSON -f "ESRI Shapefile" -f GPKG -o "$T/jobs/three" "$T/jobs/in.jsonl"
same=1
for f in "$T/jobs/one"/*; do
	b=$(basename "$f")
	case "$b" in run.json|*.gpkg) continue ;; esac   # run.json has timings, GPKG a creation time
	cmp -s "$f" "$T/jobs/three/$b" || { same=0; echo "differs with --jobs 3: $b" >&2; }
done
[ "$same" = 1 ] && [ -s "$T/jobs/one/mentions.geojson" ] && ok || bad "--jobs 3 writes the same bytes as --jobs 1"
python3 - "$T/jobs" <<'PY' && ok || bad "--jobs keeps run.json's documents in input order"
import json, sys
a = json.load(open(sys.argv[1] + "/one/run.json", encoding="utf-8"))
b = json.load(open(sys.argv[1] + "/three/run.json", encoding="utf-8"))
assert a["documents"] == b["documents"] and a["counts"] == b["counts"], "run.json differs"
assert len(a["documents"]) == 401 and a["documents"][-1]["status"] == "skipped", a["counts"]
PY
expect_status 2 "--jobs 0 refused" -- "$BIN" map --jobs 0 -o "$T/jobs/x" "$T/jobs/in.jsonl"

# merge: the same corpus cut in three (two folders in different formats and a
# stream), merged, gives one run's places and daily byte for byte, in any
# order of the parts; mentions and events follow the parts in the order given
M=$T/merge
mkdir -p "$M"
head -n 130 "$T/jobs/in.jsonl" >"$M/s1.jsonl"
sed -n 131,260p "$T/jobs/in.jsonl" >"$M/s2.jsonl"
tail -n +261 "$T/jobs/in.jsonl" >"$M/s3.jsonl"
expect_status 0 "map part 1" -- "$BIN" map -q -o "$M/p1" "$M/s1.jsonl"
expect_status 0 "map part 2 as GPKG" -- "$BIN" map -q -f GPKG -o "$M/p2" "$M/s2.jsonl"
"$BIN" map -q --stream - <"$M/s3.jsonl" >"$M/p3.geojsons" 2>"$M/p3.err" && ok || bad "map --stream part 3"
expect_grep "-:141: malformed JSON" "$M/p3.err" "a skipped line of a stream is reported on stderr"
expect_status 0 "merge" -- "$BIN" merge "$M/p1" "$M/p2" "$M/p3.geojsons" -o "$M/all"
expect_grep "3 parts; 400 documents, 1 skipped" "$T/stdout" "merge counts every document of every part"
same=1
for f in places.geojson places.dbf daily.csv daily.geojson mentions.geojson mentions.dbf events.geojson events.dbf; do
	cmp -s "$T/jobs/one/$f" "$M/all/$f" || { same=0; echo "merged $f differs from one run's" >&2; }
done
[ "$same" = 1 ] && ok || bad "merge of three parts gives one run's layers"
expect_status 0 "merge in another order" -- "$BIN" merge -q "$M/p3.geojsons" "$M/p1" "$M/p2" -o "$M/shuffled"
cmp -s "$T/jobs/one/places.geojson" "$M/shuffled/places.geojson" && cmp -s "$T/jobs/one/daily.csv" "$M/shuffled/daily.csv" &&
	ok || bad "places and daily do not depend on the order of the parts"
python3 - "$T/jobs/one/run.json" "$M/all/run.json" <<'PY' && ok || bad "merged run.json accounts for every document"
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
# the same documents in the same order; the skipped line is named by its part
key = lambda d: (d["id"], d.get("mentions"), d.get("demonyms"), d.get("events"), d.get("date")) if d["status"] == "processed" else "skipped"
assert [key(d) for d in a["documents"]] == [key(d) for d in b["documents"]]
assert a["counts"] == b["counts"], (a["counts"], b["counts"])
PY
# refusals: nothing is left in the output folder
expect_status 2 "merge a missing part" -- "$BIN" merge "$M/nope" -o "$M/x1"
expect_status 2 "merge without -o" -- "$BIN" merge "$M/p1"
expect_status 1 "merge with another gazetteer" -- "$BIN" merge --gazetteer "$T/gn.gmz" "$M/p1" -o "$M/x2"
expect_grep "another gazetteer" "$T/stderr" "merge names the gazetteer mismatch"
cp -r "$M/p1" "$M/cut"
python3 - "$M/cut/mentions.geojson" <<'PY'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
g["features"].pop()
json.dump(g, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
expect_status 1 "merge a part with a feature missing" -- "$BIN" merge "$M/cut" -o "$M/x3"
expect_grep "incomplete" "$T/stderr" "merge says the part is incomplete"
printf '\036{"type": "Feature", "properties": {"kind": "mention"\n' >"$M/bad.geojsons"
expect_status 1 "merge a broken stream" -- "$BIN" merge "$M/bad.geojsons" -o "$M/x4"
expect_grep "bad.geojsons line 1" "$T/stderr" "merge names the broken line"
# #18.6: the same shard twice would count every document twice: refused, naming both
expect_status 1 "merge a part twice" -- "$BIN" merge "$M/p1" "$M/p2" "$M/p1" -o "$M/x5"
expect_grep "merged twice" "$T/stderr" "merge says a document came twice"
cp -r "$M/p1" "$M/p1-copy"
expect_status 1 "merge a part and its copy" -- "$BIN" merge "$M/p1" "$M/p1-copy" -o "$M/x6"
[ -z "$(find "$M/x2" "$M/x3" "$M/x4" "$M/x5" "$M/x6" -mindepth 1 2>/dev/null)" ] && ok || bad "a failed merge left files behind"

# run.json's options list every input, however many (they were cut at 8 KB)
mkdir -p "$T/many"
for i in $(seq 1 300); do printf 'قصف في باكو %s\n' "$i" >"$T/many/an-input-file-with-a-rather-long-name-$i.txt"; done
"$BIN" map -q -o "$T/many-out" "$T"/many/*.txt && ok || bad "map 300 files"
python3 - "$T/many-out/run.json" <<'PY' && ok || bad "run.json's options list all 300 inputs"
import json, sys
opts = json.load(open(sys.argv[1], encoding="utf-8"))["options"]
assert len(opts["inputs"]) == 300, len(opts["inputs"])
PY

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
