#!/usr/bin/env python3
"""tests/pg/test_postgis.py: the PostGIS sink (#19) against a real PostgreSQL 15 +
PostGIS 3 of its own (scripts/lib/pg-server: a socket in a temp folder, stopped at
the end).

usage: test_postgis.py GEOMENTION TOP SHARED

- wrong connection strings, a database without PostGIS and a bad schema are refused
  before any work: exit 2, no password in any message, no folder written;
- the seeds and news-dev (the project's samples where ../shared is absent) mapped
  into the database and into files in one run: the places and daily views, the
  events_acled view and the dashboard's queries (scripts/sql/dashboard.sql) give
  what the files give;
- mapped twice, nothing changes; one document changed and mapped again, its rows
  (and only its) are replaced; merge --pg of the files gives the same tables.
Exit 77 (skip) only when no PostgreSQL server is installed.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

BIN, TOP, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


if not any(os.path.exists(f"/usr/lib/postgresql/{v}/bin/initdb") for v in ("15", "16", "17")) or \
        not any(os.path.exists(f"/usr/share/postgresql/{v}/extension/postgis.control") for v in ("15", "16", "17")):
    print("test_postgis: skipped: no PostgreSQL server with PostGIS here "
          "(apt-get install postgresql-15 postgresql-15-postgis-3; scripts/test does)")
    sys.exit(77)

tmp = tempfile.mkdtemp(prefix="gm-pg-")
db = os.path.join(tmp, "db")
os.mkdir(db)
os.chmod(tmp, 0o755)
server = os.path.join(TOP, "scripts", "lib", "pg-server")
conn = subprocess.run([server, "start", db], capture_output=True, text=True, check=True).stdout.strip()
psql_conn = conn[3:]


def psql(sql, dbconn=None):
    """rows of a query as lists of text (NULL as "")"""
    r = subprocess.run(["psql", dbconn or psql_conn, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-c", sql],
                       capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(r.stderr)
    rows = list(csv.reader(io.StringIO(r.stdout)))
    return rows[1:]


def run(args, cwd=None):
    return subprocess.run([BIN] + args, capture_output=True, text=True, cwd=cwd)


try:
    # ------------------------------------------------------------ refusals
    work = os.path.join(tmp, "cwd")
    os.mkdir(work)
    secret = "s3cr3t-pw-xyz"
    refused = [
        (f"PG:host={db} dbname=nosuchdb user=geomention password={secret}", "cannot connect"),
        (f"PG:host={db} dbname=geomention user=nosuchuser password='{secret}'", "cannot connect"),
        (f"PG:host={tmp}/nothere dbname=geomention password={secret}", "cannot connect"),
        (f"dbname=geomention host={db} password={secret}", "PG:"),
    ]
    subprocess.run(["createdb", "-h", db, "-U", "geomention", "plain"], check=True)
    refused.append((f"PG:host={db} dbname=plain user=geomention", "no PostGIS"))
    for c, why in refused:
        r = run(["map", "--pg", c, os.path.join(TOP, "samples")], cwd=work)
        check(r.returncode == 2, f"refused with exit 2: {c} (got {r.returncode}: {r.stderr})")
        check(why in r.stderr, f"says why ({why}): {r.stderr}")
        check(secret not in r.stderr + r.stdout, f"no password in the message: {r.stderr}")
    r = run(["map", "--pg", conn, "--pg-schema", "Bad-Name", os.path.join(TOP, "samples")], cwd=work)
    check(r.returncode == 2 and "schema" in r.stderr, f"bad schema refused: {r.stderr}")
    r = run(["map", "--pg", refused[0][0], "-o", os.path.join(work, "out"), os.path.join(TOP, "samples")], cwd=work)
    check(r.returncode == 2, "refused with -o too")
    check(os.listdir(work) == [], f"nothing written before the refusal: {os.listdir(work)}")

    # ------------------------------------------------------------ an older schema
    # tables an earlier geomention made, without the columns added since: they are added
    psql("CREATE SCHEMA old; CREATE TABLE old.gazetteer (place_id text PRIMARY KEY, name_ar text, name_en text, "
         "country text, admin1 text, feature text, population bigint, geom geometry(Point, 4326)); "
         "CREATE TABLE old.mentions (id bigserial PRIMARY KEY, run_id text NOT NULL, doc_id text, date date, "
         "geom geometry(Point, 4326))")
    r = run(["map", "-q", "--pg", conn, "--pg-schema", "old", os.path.join(TOP, "samples")], cwd=work)
    check(r.returncode == 0, f"map into an older schema: {r.stderr}")
    cols = {c[0] for c in psql("SELECT column_name FROM information_schema.columns WHERE table_schema = 'old' "
                               "AND table_name IN ('gazetteer', 'mentions')")}
    check({"admin1_id", "title", "snippet", "surface"} <= cols, f"columns added: {sorted(cols)}")
    check(int(psql("SELECT count(*) FROM old.places WHERE admin1_id IS NOT NULL")[0][0]) > 0, "admin1_id in places")

    # ------------------------------------------------------------ one run, two sinks
    have_shared = os.path.exists(os.path.join(SHARED, "corpus", "news-dev", "docs.jsonl"))
    if have_shared:
        inputs = [os.path.join(SHARED, "corpus", "seeds.jsonl"), os.path.join(SHARED, "corpus", "news-dev", "docs.jsonl")]
    else:
        print("test_postgis: ../shared absent: the project's samples only")
        inputs = [os.path.join(TOP, "samples")]
    files = os.path.join(tmp, "files")
    r = run(["map", "-q", "--pg", conn, "-o", files, "-f", "GeoJSON", "--demonyms"] + inputs)
    check(r.returncode == 0, f"map --pg -o: {r.stderr}")
    run_json = json.load(open(os.path.join(files, "run.json")))
    check(secret not in json.dumps(run_json), "no password in run.json")
    counts = run_json["counts"]

    def geo(name):
        return [f["properties"] | {"_g": f["geometry"]} for f in
                json.load(open(os.path.join(files, name + ".geojson"), encoding="utf-8"))["features"]]

    mentions, events, places = geo("mentions"), geo("events"), geo("places")
    check(int(psql("SELECT count(*) FROM geomention.mentions")[0][0]) == counts["mentions"] == len(mentions),
          "every mention a row")
    check(int(psql("SELECT count(*) FROM geomention.events")[0][0]) == counts["events"] == len(events),
          "every event a row")
    check(int(psql("SELECT count(*) FROM geomention.demonyms")[0][0]) == counts["demonyms"], "every demonym a row")
    check(int(psql("SELECT count(*) FROM geomention.documents")[0][0]) == len(run_json["documents"]),
          "every document a row")
    types = dict(psql("SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = "
                      "'geomention' AND table_name = 'events'"))
    check(types.get("date") == "date" and types.get("fatalities") == "int4" and types.get("snippet") == "text"
          and types.get("geom") == "geometry", f"column types: {types}")
    check(psql("SELECT type, srid FROM geometry_columns WHERE f_table_schema = 'geomention' AND f_table_name = "
               "'mentions'") == [["POINT", "4326"]], "geometry(Point, 4326)")
    idx = {r[0] for r in psql("SELECT indexname FROM pg_indexes WHERE schemaname = 'geomention'")}
    check({"mentions_doc_id_idx", "events_doc_id_idx", "mentions_geom_idx", "events_geom_idx"} <= idx,
          f"indexes: {sorted(idx)}")
    arabic = psql("SELECT surface, snippet FROM geomention.mentions ORDER BY id LIMIT 1")[0]
    check(arabic == [mentions[0]["surface"], mentions[0]["snippet"]], "Arabic as written")

    # places and daily: the views hold what the layers hold
    got = {r[0]: r[1:] for r in psql("SELECT place_id, mentions, docs, demonyms, events, fatalities, injured, "
                                      "first_date, last_date, iso3, admin1_id FROM geomention.places")}
    want = {p["place_id"]: [str(p[k]) for k in ("mentions", "docs", "demonyms", "events", "fatalities", "injured")]
            + [p["first_date"] or "", p["last_date"] or "", p["iso3"], p["admin1_id"]] for p in places}
    check(sum(1 for p in places if p["iso3"]) > 0.9 * len(places), "places carry iso3")
    check(got == want, f"places view = places layer ({len(got)} / {len(want)} places; "
          f"{[k for k in want if got.get(k) != want[k]][:5]})")
    daily_csv = list(csv.DictReader(open(os.path.join(files, "daily.csv"), encoding="utf-8-sig")))
    tcols = ["mentions", "events", "fatalities", "injured", "shelling", "air_strike", "clash", "territory",
             "displace", "protest", "disaster"]
    got = sorted(tuple(r) for r in psql(f"SELECT coalesce(place_id, ''), coalesce(date::text, ''), "
                                         f"{', '.join(tcols)} FROM geomention.daily"))
    want = sorted(tuple([r["place_id"], r["date"]] + [r[c] for c in tcols]) for r in daily_csv)
    check(got == want, f"daily view = daily.csv ({len(got)} / {len(want)} rows)")

    # events_acled = events.csv (timestamp aside: the database's is the run's end)
    ev_csv = list(csv.reader(open(os.path.join(files, "events.csv"), encoding="utf-8")))
    head = ev_csv[0]
    got = psql("SELECT " + ", ".join(f'"{c}"' for c in head) + " FROM geomention.events_acled")
    ts = head.index("timestamp")
    check(all(r[ts] for r in got), "events_acled timestamps")

    def norm(rows):
        return sorted(tuple(v for i, v in enumerate(r) if i != ts) for r in rows)
    check(norm(got) == norm(ev_csv[1:]), f"events_acled = events.csv ({len(got)} / {len(ev_csv) - 1} rows)")

    # the dashboard's queries, answered from the files too
    queries, name = {}, None
    for line in open(os.path.join(TOP, "scripts", "sql", "dashboard.sql"), encoding="utf-8"):
        if line.startswith("-- query: "):
            name = line.split(": ", 1)[1].strip()
            queries[name] = ""
        elif name and not line.startswith("--"):
            queries[name] += line
    check(set(queries) == {"events_per_type_per_day_per_admin1", "top_places_this_week", "fatalities_by_country"},
          f"dashboard queries: {sorted(queries)}")

    def dash(q):
        r = subprocess.run(["psql", psql_conn, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-v",
                            "schema=geomention"], input=queries[q], capture_output=True, text=True)
        if r.returncode:
            raise RuntimeError(r.stderr)
        return list(csv.reader(io.StringIO(r.stdout)))[1:]

    per = {}
    for e in events:
        if e["background"] or not e["place_id"]:
            continue
        k = (e["date"] or "", e["country"], e["admin1"], e["type"])
        n, f = per.get(k, (0, 0))
        per[k] = (n + 1, f + max(e["fatalities"] or 0, 0))
    got = {tuple(r[:4]): (int(r[4]), int(r[5])) for r in dash("events_per_type_per_day_per_admin1")}
    check(got == per, f"events per type per day per admin1 ({len(got)} / {len(per)} groups)")
    last = max(r["date"] for r in daily_csv if r["date"])
    import datetime
    start = datetime.date.fromisoformat(last) - datetime.timedelta(days=7)
    week = {}
    for r in daily_csv:
        if r["place_id"] and r["date"] and datetime.date.fromisoformat(r["date"]) > start:
            m, e = week.get(r["place_id"], (0, 0))
            week[r["place_id"]] = (m + int(r["mentions"]), e + int(r["events"]))
    top = sorted(week.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))[:10]
    got = [(r[0], (int(r[4]), int(r[5]))) for r in dash("top_places_this_week")]
    check(got == top, f"top places this week: {got[:3]} / {top[:3]}")
    byc = {}
    for r in ev_csv[1:]:
        d = dict(zip(head, r))
        n, f = byc.get(d["country"], (0, 0))
        byc[d["country"]] = (n + 1, f + int(d["fatalities"]))
    got = {r[1]: (int(r[3]), int(r[4])) for r in dash("fatalities_by_country")}
    check(got == byc, f"fatalities by country: {got} / {byc}")

    # ------------------------------------------------------------ incremental
    def snapshot():
        """every table but the run's own ids: what a dashboard sees"""
        s = {}
        for t, cols in (("mentions", "doc_id, start, \"end\", place_id, score, rule, date, snippet, url"),
                        ("events", "event_id, doc_id, date, type, place_id, precision, fatalities, trigger"),
                        ("demonyms", "doc_id, start, place_id"),
                        ("documents", "doc_id, path, line, status, date, url, mentions, events"),
                        ("places", "place_id, mentions, docs, events, fatalities"),
                        ("daily", "place_id, date, mentions, events")):
            s[t] = sorted(tuple(r) for r in psql(f"SELECT {cols} FROM geomention.{t}"))
        return s

    before = snapshot()
    r = run(["map", "-q", "--pg", conn, "--demonyms"] + inputs, cwd=work)
    check(r.returncode == 0 and os.listdir(work) == [], f"map --pg alone writes no folder: {r.stderr}")
    check(snapshot() == before, "mapped twice: nothing changes")
    check(int(psql("SELECT count(DISTINCT run_id) FROM geomention.mentions")[0][0]) == 1, "one run's rows")
    check(int(psql("SELECT count(*) FROM geomention.runs WHERE finished IS NOT NULL")[0][0]) == 2, "two runs")

    # one document changed: its rows go, the new ones come, the others stay
    doc = json.loads(open(inputs[-1], encoding="utf-8").readline()) if inputs[-1].endswith(".jsonl") else None
    if doc is None:
        doc = {"id": "lachin-road", "date": "2022-08-03"}
    doc_id = doc["id"]
    changed = os.path.join(tmp, "changed.jsonl")
    with open(changed, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": doc_id, "date": doc.get("date", "2022-08-03"),
                            "text": "قصفت القوات مدينة باردا وقرية تيرتر، وتظاهر مئات في يريفان."},
                           ensure_ascii=False) + "\n")
    one = os.path.join(tmp, "one")
    check(run(["map", "-q", "-f", "GeoJSON", "-o", one, changed]).returncode == 0, "the changed document alone")
    want_m = len(json.load(open(os.path.join(one, "mentions.geojson")))["features"])
    r = run(["map", "-q", "--pg", conn, changed])
    check(r.returncode == 0, f"map the changed document: {r.stderr}")
    got_m = int(psql(f"SELECT count(*) FROM geomention.mentions WHERE doc_id = '{doc_id}'")[0][0])
    check(got_m == want_m and want_m > 0, f"its mentions replaced: {got_m} rows, want {want_m}")
    old_rows = [m for m in before["mentions"] if m[0] == doc_id]
    check(old_rows and not psql(f"SELECT 1 FROM geomention.mentions WHERE doc_id = '{doc_id}' AND "
                                f"snippet = '{old_rows[0][7]}'"), "its old rows are gone")
    after = snapshot()
    check([m for m in after["mentions"] if m[0] != doc_id] == [m for m in before["mentions"] if m[0] != doc_id],
          "the other documents' rows are as they were")
    check(psql(f"SELECT mentions FROM geomention.documents WHERE doc_id = '{doc_id}'") == [[str(want_m)]],
          "its document row replaced")

    # merge --pg: the files into another schema give the same tables
    r = run(["merge", "-q", "--pg", conn, "--pg-schema", "merged", files])
    check(r.returncode == 0, f"merge --pg: {r.stderr}")
    for t in ("mentions", "events"):
        a = sorted(psql(f"SELECT doc_id, coalesce(place_id, ''), coalesce(date::text, '') FROM merged.{t}"))
        b = sorted([[x["doc_id"], x["place_id"] or "", x["date"] or ""] for x in (mentions if t == "mentions" else events)])
        check(a == b, f"merge --pg: {t} ({len(a)} / {len(b)})")
finally:
    subprocess.run([server, "stop", db])
    shutil.rmtree(tmp, ignore_errors=True)

print(f"test_postgis: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
