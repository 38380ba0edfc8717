"""TopoJSON country polygons and point-in-polygon, for the gazetteer's country points.

Used by scripts/build-gazetteer-tsv (a country's point must lie inside its own
polygon) and by tests/gazetteer/check_places.py (which checks it). Standard
library only: the polygons are world-atlas' TopoJSON of Natural Earth admin-0
(../shared/data/countries/countries-10m.json), `id` the ISO 3166-1 numeric code.
"""
import json


def _arcs(topo):
    t = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for p in arc:
            if t:
                x += p[0]
                y += p[1]
                pts.append((x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        out.append(pts)
    return out


def _ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts


def country_polygons(path):
    """{iso numeric (str, 3 digits): [polygon, ...]}, a polygon a list of rings (lon, lat), outer first."""
    topo = json.load(open(path, encoding="utf-8"))
    arcs = _arcs(topo)
    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        cid = g.get("id")
        if cid is None:
            continue
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        out.setdefault(str(cid).zfill(3), []).extend([[_ring(arcs, r) for r in poly] for poly in polys])
    return out


def _in_ring(x, y, ring):
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def inside(lon, lat, polygons):
    for poly in polygons:
        if _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, h) for h in poly[1:]):
            return True
    return False


def _area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def _edge_distance(x, y, ring):
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        d = (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2
        best = min(best, d)
    return best ** 0.5


def interior_point(polygons, steps=40):
    """A point well inside the largest polygon: of a grid over its box, the inside
    point farthest from its edges (an approximate pole of inaccessibility); a
    finer grid for a polygon too small for the first (the Vatican)."""
    for n in (steps, steps * 10):
        pt = _grid_point(polygons, n)
        if pt:
            return pt
    return None


def _grid_point(polygons, steps):
    poly = max(polygons, key=lambda p: _area(p[0]))
    xs = [p[0] for p in poly[0]]
    ys = [p[1] for p in poly[0]]
    best, where = -1.0, None
    for i in range(steps + 1):
        for j in range(steps + 1):
            x = min(xs) + (max(xs) - min(xs)) * (i + 0.5) / (steps + 1)
            y = min(ys) + (max(ys) - min(ys)) * (j + 0.5) / (steps + 1)
            if not inside(x, y, [poly]):
                continue
            d = min(_edge_distance(x, y, r) for r in poly)
            if d > best:
                best, where = d, (x, y)
    return where


def degenerate(polygons):
    """No area at this scale (the Vatican quantizes to a line in the 10m file):
    nothing can lie inside, so nothing is checked or moved."""
    return all(_area(p[0]) == 0 for p in polygons)
