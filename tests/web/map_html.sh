#!/usr/bin/env bash
# tests/web/map_html.sh BIN TOP: map.html in a real browser (Debian's chromium,
# headless), with the network shut off: the page loads with no error, draws a
# marker for every place and every placed event, and a screenshot is taken.
# Skips (77) when chromium is not installed or the build had no Leaflet.
set -u
BIN=$1 TOP=$2
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: chromium is not installed (scripts/test installs it)"
	exit 77
fi
if [ ! -s "$(dirname "$BIN")/web/leaflet.js" ]; then
	echo "SKIP: the build has no Leaflet (no network when it ran scripts/lib/fetch-leaflet)"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN" map -q -o "$T/out" "$TOP/samples" || exit 1
[ -s "$T/out/map.html" ] || { echo "FAIL: no map.html"; exit 1; }
# no network: every host resolves to nothing and any proxy is a dead port
noNet=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions
       --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server=127.0.0.1:9 --virtual-time-budget=8000
       --user-data-dir="$T/profile")
timeout 120 "$CHROMIUM" "${noNet[@]}" --dump-dom "file://$T/out/map.html" >"$T/dom.html" 2>"$T/chromium.log"
timeout 120 "$CHROMIUM" "${noNet[@]}" --window-size=900,600 --screenshot="$T/shot.png" "file://$T/out/map.html" \
	>>"$T/chromium.log" 2>&1
# scripts/screenshots: the README's picture
[ -n "${GM_SCREENSHOTS:-}" ] && [ -s "$T/shot.png" ] && cp "$T/shot.png" "$GM_SCREENSHOTS/map-html.png"
python3 - "$T" <<'PY'
import json, re, sys
t = sys.argv[1]
dom = open(t + "/dom.html", encoding="utf-8").read()
body = re.search(r"<body([^>]*)>", dom)
attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', body.group(1) if body else ""))
fails = []
if "error" in attrs:
    fails.append("a script error: " + attrs["error"])
places = [f for f in json.load(open(t + "/out/places.geojson", encoding="utf-8"))["features"] if f["geometry"]]
events = [f for f in json.load(open(t + "/out/events.geojson", encoding="utf-8"))["features"] if f["geometry"]]
want = len(places) + len(events)
if int(attrs.get("drawn", "0")) != want:
    fails.append(f"drawn {attrs.get('drawn')} markers, want {want} ({len(places)} places, {len(events)} events)")
paths = len(re.findall(r'<path[^>]*class="[^"]*leaflet-interactive', dom))
if paths < want:
    fails.append(f"{paths} marker paths in the page, want at least {want}")
# (#17) the page holds what its markers show of an event, not the layer twice,
# and its scratch copy is not left in the folder
page = open(t + "/out/map.html", encoding="utf-8").read()
if '"event_id"' in page or '"sub_type"' in page:
    fails.append("map.html carries the events layer's ids and ACLED names")
if __import__("os").path.exists(t + "/out/.map-events.geojson"):
    fails.append("the page's copy of the events was left in the output folder")
if "باكو" not in dom:
    fails.append("the Arabic names are not in the page")
png = open(t + "/shot.png", "rb").read() if __import__("os").path.exists(t + "/shot.png") else b""
if not png.startswith(b"\x89PNG") or len(png) < 8000:
    fails.append(f"no screenshot worth the name ({len(png)} bytes)")
for f in fails:
    print("FAIL:", f)
print(f"map.html: {want} markers, {paths} paths, screenshot {len(png)} bytes, no network")
sys.exit(1 if fails else 0)
PY
