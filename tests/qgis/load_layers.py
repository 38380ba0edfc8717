"""Load every layer geomention wrote into QGIS and check what an analyst sees:
valid layers, feature counts equal to the GeoJSON's, the CRS, points in the
right place, and Arabic attributes that come back from the Shapefile intact."""
import json
import os
import sys

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsVectorLayer

root = sys.argv[1]
app = QgsApplication([], False)
app.initQgis()
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def load(p, layer, want):
    """The layer at p as QGIS opens it, None when it does not: valid, with the
    GeoJSON's number of features and field names that fit a Shapefile."""
    vl = QgsVectorLayer(p, layer, "ogr")   # one GeoPackage holds every layer: path|layername=...
    check(vl.isValid(), f"{p} loads in QGIS")
    if not vl.isValid():
        return None
    check(vl.featureCount() == want, f"{p}: {vl.featureCount()} features, want {want}")
    names = [f.name() for f in vl.fields()]
    check(all(len(n) <= 10 for n in names), f"{p}: field names within 10 characters: {names}")
    return vl


for layer in ("places", "mentions"):
    gj = json.load(open(os.path.join(root, "wgs84", layer + ".geojson"), encoding="utf-8"))
    want = len(gj["features"])
    check(want > 0, f"{layer}: the samples give features")
    by_id = {}
    for f in gj["features"]:
        key = f["properties"]["place_id"] if layer == "places" else (f["properties"]["doc_id"], f["properties"]["start"])
        by_id[key] = f
    for path, crs in (("wgs84/%s.geojson", "EPSG:4326"), ("wgs84/%s.shp", "EPSG:4326"),
                      ("wgs84/geomention.gpkg|layername=%s", "EPSG:4326"), ("merc/%s.shp", "EPSG:3857")):
        p = os.path.join(root, path % layer)
        vl = load(p, layer, want)
        if vl is None:
            continue
        check(vl.crs() == QgsCoordinateReferenceSystem(crs), f"{p}: CRS {vl.crs().authid()}, want {crs}")
        names = [f.name() for f in vl.fields()]
        for feat in vl.getFeatures():
            a = feat.attributes()
            attrs = dict(zip(names, a))
            key = attrs["place_id"] if layer == "places" else (attrs["doc_id"], attrs["start"])
            ref = by_id.get(key)
            check(ref is not None, f"{p}: feature {key} is in the GeoJSON")
            if ref is None:
                continue
            if layer == "places":
                # the Arabic round trip: the same letters as the GeoJSON holds
                check(attrs["name_ar"] == ref["properties"]["name_ar"],
                      f"{p}: name_ar {attrs['name_ar']!r} != {ref['properties']['name_ar']!r}")
            else:
                check(attrs["surface"] == ref["properties"]["surface"], f"{p}: surface {attrs['surface']!r}")
                whole = ref["properties"]["snippet"]
                if p.endswith(".shp"):
                    # the .dbf keeps 100 bytes of it around the name (--dbf-snippet)
                    cut = attrs["snippet"]
                    check(cut in whole and attrs["surface"] in cut and 0 < len(cut.encode()) <= 100
                          and (len(whole.encode()) > 100 or cut == whole),
                          f"{p}: snippet {cut!r} is not 100 bytes of {whole!r} around {attrs['surface']!r}")
                else:
                    check(attrs["snippet"] == whole[:len(attrs["snippet"])] and len(attrs["snippet"]) > 0,
                          f"{p}: snippet differs")
            pt = feat.geometry().asPoint()
            lon, lat = ref["geometry"]["coordinates"]
            if crs == "EPSG:4326":
                check(abs(pt.x() - lon) < 1e-6 and abs(pt.y() - lat) < 1e-6, f"{p}: {key} at {pt.x()},{pt.y()}")
            else:
                import math
                x = 6378137.0 * math.radians(lon)
                y = 6378137.0 * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
                check(abs(pt.x() - x) < 0.01 and abs(pt.y() - y) < 0.01, f"{p}: {key} at {pt.x()},{pt.y()} want {x},{y}")

# events (some with no geometry) and daily, in every format: every feature
# arrives, NULL geometries stay NULL, Arabic stays Arabic
for layer in ("events", "daily"):
    gj = json.load(open(os.path.join(root, "wgs84", layer + ".geojson"), encoding="utf-8"))
    want = len(gj["features"])
    want_null = sum(f["geometry"] is None for f in gj["features"])
    check(want > 0, f"{layer}: the samples give features")
    for path in ("wgs84/%s.geojson", "wgs84/%s.shp", "wgs84/geomention.gpkg|layername=%s", "merc/%s.shp"):
        p = os.path.join(root, path % layer)
        vl = load(p, layer, want)
        if vl is None:
            continue
        nulls = sum(1 for f in vl.getFeatures() if not f.hasGeometry() or f.geometry().isNull())
        check(nulls == want_null, f"{p}: {nulls} features without a point, want {want_null}")
    if layer == "daily":
        # daily.csv as an analyst adds it: Layer > Add Delimited Text Layer, X/Y columns
        csv = os.path.join(root, "wgs84", "daily.csv")
        uri = "file://" + csv + "?type=csv&xField=X&yField=Y&crs=EPSG:4326&encoding=UTF-8&detectTypes=yes"
        vl = QgsVectorLayer(uri, "daily.csv", "delimitedtext")
        check(vl.isValid(), f"{csv} loads as delimited text")
        if vl.isValid():
            check(vl.featureCount() == want, f"{csv}: {vl.featureCount()} rows, want {want}")
            names = [f.name() for f in vl.fields()]
            check(names[:3] == ["X", "Y", "place_id"], f"{csv}: the BOM is not part of the first column name: {names[:3]}")
            ar = {f["name_ar"] for f in vl.getFeatures()}
            want_ar = {f["properties"]["name_ar"] for f in gj["features"]}
            check(ar == want_ar, f"{csv}: Arabic names read back: {sorted(ar)[:3]}")
            # ISO dates are what QGIS recognises as dates (2023/09/19 would stay text)
            from qgis.PyQt.QtCore import QDate
            dates = [f["date"] for f in vl.getFeatures()]
            check(any(isinstance(d, QDate) and d.isValid() for d in dates), f"{csv}: dates read as dates: {dates[:3]}")

# an Arabic name that must be there: the samples name Baku
shp = QgsVectorLayer(os.path.join(root, "wgs84", "places.shp"), "places", "ogr")
arabic = {f["name_ar"] for f in shp.getFeatures()}
check("باكو" in arabic, f"Baku's Arabic name reads back from the Shapefile: {sorted(arabic)[:5]}")

# the stream (GeoJSON Sequence) opens as one layer: each kind filters to its
# layer's features, Arabic intact; the merge of the stream loads like the run
stream = QgsVectorLayer(os.path.join(root, "stream.geojsons"), "stream", "ogr")
check(stream.isValid(), "stream.geojsons loads in QGIS")
if stream.isValid():
    for kind, layer in (("mention", "mentions"), ("event", "events")):
        gj = json.load(open(os.path.join(root, "wgs84", layer + ".geojson"), encoding="utf-8"))["features"]
        stream.setSubsetString(f"\"kind\" = '{kind}'")
        got = list(stream.getFeatures())
        check(len(got) == len(gj), f"stream: {len(got)} {kind} features, want {len(gj)}")
        if kind == "mention" and got:
            check(got[0]["surface"] == gj[0]["properties"]["surface"], f"stream: first surface {got[0]['surface']}")
    stream.setSubsetString("\"kind\" = 'document'")
    docs = json.load(open(os.path.join(root, "wgs84", "run.json"), encoding="utf-8"))["counts"]["inputs"]
    check(stream.featureCount() == docs, f"stream: {stream.featureCount()} document records, want {docs}")
for layer in ("places", "daily"):
    want = len(json.load(open(os.path.join(root, "wgs84", layer + ".geojson"), encoding="utf-8"))["features"])
    load(os.path.join(root, "merged", layer + ".geojson"), layer, want)
    load(os.path.join(root, "merged", layer + ".shp"), layer, want)

# styles (#18): QGIS applies them on opening, from LAYER.qml beside a file and
# from the GeoPackage's layer_styles: events coloured by type with a legend of
# every type, places sized by mentions and labelled in Arabic; daily.qml holds
# the temporal settings on date (QGIS applies those when the style is loaded)
for p in ("wgs84/events.shp", "wgs84/events.geojson", "wgs84/geomention.gpkg|layername=events"):
    vl = QgsVectorLayer(os.path.join(root, p), "events", "ogr")
    r = vl.renderer()
    check(r is not None and r.type() == "categorizedSymbol" and r.classAttribute() == "type",
          f"{p}: events coloured by type ({r.type() if r else None})")
    if r is not None and r.type() == "categorizedSymbol":
        values = {c.value() for c in r.categories()}
        check({"shelling", "air_strike", "armed_clash", "disaster"} <= values and len(values) >= 15,
              f"{p}: a legend entry per event type: {sorted(values)}")
for p in ("wgs84/places.shp", "wgs84/geomention.gpkg|layername=places"):
    vl = QgsVectorLayer(os.path.join(root, p), "places", "ogr")
    check(vl.labelsEnabled() and vl.labeling() is not None and vl.labeling().settings().fieldName == "name_ar",
          f"{p}: labelled with the Arabic name")
    sym = vl.renderer().symbol() if vl.renderer() and vl.renderer().type() == "singleSymbol" else None
    check(sym is not None and "mentions" in sym.symbolLayer(0).dataDefinedProperties().property(
        sym.symbolLayer(0).PropertySize).expressionString(), f"{p}: circles sized by mentions")
daily = QgsVectorLayer(os.path.join(root, "wgs84", "daily.shp"), "daily", "ogr")
msg, ok = daily.loadNamedStyle(os.path.join(root, "wgs84", "daily.qml"))
check(ok and daily.temporalProperties().isActive() and daily.temporalProperties().startField() == "date",
      f"daily.qml: a time series on date ({msg})")

# geomention.qgs (#18): the project beside the layers opens every layer,
# valid, styled (events by type, places labelled), from the folder it is in
from qgis.core import QgsProject
for folder in ("wgs84", "merged"):
    project = QgsProject()
    qgs = os.path.join(root, folder, "geomention.qgs")
    check(os.path.exists(qgs) and project.read(qgs), f"{qgs} opens")
    layers = {l.name(): l for l in project.mapLayers().values()}
    check({"places", "events", "daily", "mentions"} <= set(layers), f"{qgs}: layers {sorted(layers)}")
    check(all(l.isValid() for l in layers.values()), f"{qgs}: every layer valid")
    if "events" in layers:
        check(layers["events"].renderer().type() == "categorizedSymbol", f"{qgs}: events coloured by type")
        src = layers["events"].source()
        check(src.startswith(os.path.join(root, folder)), f"{qgs}: events read from its own folder: {src}")
    if "places" in layers:
        check(layers["places"].labelsEnabled(), f"{qgs}: places labelled")
    if "daily" in layers:
        check(layers["daily"].temporalProperties().isActive(), f"{qgs}: daily on the temporal controller")

# the styled layers draw: places and events rendered offscreen to an image that
# is not blank (more than a few hundred coloured pixels), as an analyst sees them
from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
drawn = [QgsVectorLayer(os.path.join(root, "wgs84", n + ".shp"), n, "ogr") for n in ("events", "places")]
ms = QgsMapSettings()
ms.setLayers(drawn)
ms.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
ext = QgsRectangle(drawn[0].extent())   # where the events are, as map.html opens
ext.grow(1.0)
ms.setExtent(ext)
ms.setOutputSize(QSize(720, 480))
ms.setBackgroundColor(QColor(255, 255, 255))
job = QgsMapRendererParallelJob(ms)
job.start()
job.waitForFinished()
img = job.renderedImage()
img.save(os.path.join(root, "preview.png"))
if os.environ.get("GM_SCREENSHOTS"):   # scripts/screenshots: the README's picture
    img.save(os.path.join(os.environ["GM_SCREENSHOTS"], "qgis-render.png"))
coloured = sum(1 for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)
               if QColor(img.pixel(x, y)).saturation() > 60)
check(coloured > 100, f"the styled places and events draw: {coloured} coloured pixels of {img.width() * img.height() // 4}")

# the exported gazetteer: every place, readable, with Arabic names intact
gz = QgsVectorLayer(os.path.join(root, "gazetteer.gpkg"), "gazetteer", "ogr")
check(gz.isValid(), "the exported gazetteer loads in QGIS")
if gz.isValid():
    said = int(open(os.path.join(root, "export.txt"), encoding="utf-8").read().split(": ")[1].split()[0])
    check(gz.featureCount() == said, f"gazetteer.gpkg: {gz.featureCount()} features, export said {said}")
    check(gz.crs() == QgsCoordinateReferenceSystem("EPSG:4326"), f"gazetteer.gpkg CRS {gz.crs().authid()}")
    baku = [f for f in gz.getFeatures("\"place_id\" = 'gn:587084'")]
    check(len(baku) == 1 and baku[0]["name_ar"] == "باكو" and "باكو" in baku[0]["names"],
          f"Baku in the exported gazetteer: {[(f['name_ar'], f['names']) for f in baku]}")
    if baku:
        pt = baku[0].geometry().asPoint()
        check(abs(pt.x() - 49.892) < 0.01 and abs(pt.y() - 40.378) < 0.01, f"Baku at {pt.x()},{pt.y()}")

print(f"qgis: {passed} passed, {failed} failed", flush=True)
# QGIS 3.22 can crash in exitQgis() while layers are being torn down; the
# checks are done, so leave without it
sys.stdout.flush()
os._exit(1 if failed else 0)
