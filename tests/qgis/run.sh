#!/usr/bin/env bash
# tests/qgis/run.sh BIN TOP: write every layer from the project's samples, in
# GeoJSON, Shapefile (WGS 84 and EPSG:3857) and GPKG, and load them in QGIS.
set -u
BIN=$1 TOP=$2
PY=/usr/bin/python3   # Debian's python3: the one python3-qgis installs into
if ! "$PY" -c "import qgis.core" 2>/dev/null; then
	if dpkg-query -W -f='${Status}' python3-qgis 2>/dev/null | grep -q "install ok installed"; then
		echo "python3-qgis is installed but 'import qgis.core' fails:"
		"$PY" -c "import qgis.core"
		exit 1
	fi
	echo "SKIP: python3-qgis is not installed (scripts/test installs it)"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN" map -q -f GeoJSON -f "ESRI Shapefile" -f GPKG -o "$T/wgs84" "$TOP/samples" || exit 1
"$BIN" map -q -f "ESRI Shapefile" --t_srs EPSG:3857 -o "$T/merc" "$TOP/samples" || exit 1
# the same as a stream (map --stream) and merged back into layers
"$BIN" map -q --stream "$TOP/samples" >"$T/stream.geojsons" || exit 1
"$BIN" merge -q "$T/stream.geojsons" -o "$T/merged" || exit 1
# the bundled gazetteer exported for review in QGIS (gazetteer export)
"$BIN" gazetteer export -f GPKG "$T/gazetteer.gpkg" >"$T/export.txt" || exit 1
QT_QPA_PLATFORM=offscreen "$PY" "$TOP/tests/qgis/load_layers.py" "$T"
