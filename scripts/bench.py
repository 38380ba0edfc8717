#!/usr/bin/env python3
"""scripts/bench.py: speed and memory of `geomention map` (run it through scripts/bench,
which installs ripgrep and builds first).

usage: scripts/bench [--quick] [--size MB] [--jobs N] [--gazetteers bundled,1M,5M] [--repeat N] [--out FILE]

1. A corpus of --size MB (default 200; --quick 20) of Arabic news text: the sentences of the
   project's samples and, where present, ../shared/corpus and ../shared/bench/aqmar, shuffled
   with a fixed seed and regrouped into articles of 8 to 24 sentences with a date each, written
   as one JSON Lines file and as one .txt file per article. Cached in build/bench/.
2. Gazetteers: the bundled one and synthetic ones grown to 1 M and 5 M names (real Arabic
   words recombined, as scripts/gazetteer-scale makes them; --quick: bundled only).
3. For each: `geomention map` over the JSON Lines (every layer written: GeoJSON, Shapefile,
   daily.csv) with --jobs 1 and --jobs N (default: the cores), wall time, MB/s, docs/s, peak
   RSS (wait4), gazetteer open time (best of 5 `gazetteer info`) and compiled size.
4. In the same run, on the same files: `cat` to /dev/null (I/O), the floor (tests/bench/floor.c:
   split UTF-8 into letter runs, fold each as the matcher does, one probe of the bundled
   gazetteer per run: the least any word-based reader must do) and `rg -F --count-matches -f
   NAMES` with every Arabic name of the bundled gazetteer (raw multi-literal search, SIMD
   Aho-Corasick). The ratios to them are what to compare across machines.
   Each command runs --repeat times (default 1; --quick 3) and the least
   wall and CPU seconds are shown (other tenants of a shared machine only
   add time). Each run's CPU seconds are shown beside its wall time, and valgrind's
   instruction counts for map --jobs 1 and the floor on the corpus's first
   2 MB give the ratio this shared, noisy machine repeats run after run;
   with more than one gazetteer, the same count with each, less what
   opening it costs (`gazetteer info`), over the bundled one's.

5. One long document (#15): the corpus's text as a single article of 1, 4 and 16 MB (--quick:
   1 and 4), bundled gazetteer, --jobs 1: seconds, MB/s and peak RSS per size, and the time
   per MB of the largest over the smallest (1.0 is linear; a quadratic step shows as the
   size ratio).

The table is printed and written to build/bench/report.txt (or --out).
"""
import importlib.machinery
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True   # (feed.py is loaded from tests/: no __pycache__ in the tree)
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(TOP, "..", "shared")
BIN = os.path.join(TOP, "build", "geomention")
WORK = os.path.join(TOP, "build", "bench")


def arg(name, default):
    if name in sys.argv:
        i = sys.argv.index(name)
        if i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        sys.exit(f"bench: {name} needs a value")
    return default


# ------------------------------------------------------------------ corpus

SENT_END = re.compile(r"(?<=[.!؟?])\s+|\n+")


def sentences():
    """Every sentence of the project's samples and, where present, ../shared's Arabic text."""
    # (the samples are read as the CLI tests' feed reads them)
    feed = importlib.machinery.SourceFileLoader("feed", os.path.join(TOP, "tests", "cli", "feed.py")).load_module()
    texts = feed.texts(os.path.join(TOP, "samples"))
    seeds = os.path.join(SHARED, "corpus", "seeds")
    if os.path.isdir(seeds):
        texts += [open(os.path.join(seeds, n), encoding="utf-8").read() for n in sorted(os.listdir(seeds))
                  if n.endswith(".txt")]
    aqmar = os.path.join(SHARED, "bench", "aqmar")
    if os.path.isdir(aqmar):
        for n in sorted(os.listdir(aqmar)):
            if not n.endswith(".txt"):
                continue
            words = []
            for line in open(os.path.join(aqmar, n), encoding="utf-8"):
                w = line.split(" ")[0].strip()
                if not w:
                    if words:
                        texts.append(" ".join(words))
                    words = []
                else:
                    words.append(w)
            if words:
                texts.append(" ".join(words))
    out = []
    for t in texts:
        out += [s.strip() for s in SENT_END.split(t) if len(s.strip()) > 20]
    return out


def make_corpus(size_mb, seed=2026):
    folder = os.path.join(WORK, f"corpus-{size_mb}MB")
    jsonl = os.path.join(folder, "corpus.jsonl")
    txt_dir = os.path.join(folder, "txt")
    if os.path.exists(os.path.join(folder, "done")):
        return jsonl, txt_dir, json.load(open(os.path.join(folder, "done")))
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(txt_dir)
    sents = sentences()
    rnd = random.Random(seed)
    order = list(range(len(sents)))
    rnd.shuffle(order)
    want = size_mb * 1_000_000
    written = docs = k = 0
    with open(jsonl, "w", encoding="utf-8") as out:
        while written < want:
            n = rnd.randint(8, 24)
            body = []
            for _ in range(n):
                if k == len(order):
                    rnd.shuffle(order)
                    k = 0
                body.append(sents[order[k]])
                k += 1
            text = body[0] + "\n\n" + " ".join(body[1:]) + "\n"
            day = docs % 365
            date = time.strftime("%Y-%m-%d", time.gmtime(1735689600 + day * 86400))  # 2025
            doc_id = f"bench-{docs:07d}"
            out.write(json.dumps({"id": doc_id, "date": date, "text": text}, ensure_ascii=False) + "\n")
            sub = os.path.join(txt_dir, f"{docs // 1000:04d}")
            if docs % 1000 == 0:
                os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, doc_id + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
            written += len(text.encode("utf-8"))
            docs += 1
    meta = {"docs": docs, "bytes": written, "sentences": len(sents)}
    json.dump(meta, open(os.path.join(folder, "done"), "w"))
    return jsonl, txt_dir, meta


# -------------------------------------------------------------- gazetteers

def synthetic_gazetteer(n):
    out = os.path.join(WORK, f"synthetic-{n // 1000000}M.gmz")
    # a cached one of another format (an older build's) is made again
    if os.path.exists(out) and subprocess.run([BIN, "gazetteer", "info", "--gazetteer", out],
                                              capture_output=True).returncode == 0:
        return out
    scale = importlib.machinery.SourceFileLoader("gazetteer_scale", os.path.join(TOP, "scripts", "gazetteer-scale")).load_module()
    dump = os.path.join(WORK, f"synthetic-{n // 1000000}M-dump")
    os.makedirs(dump, exist_ok=True)
    scale.synthetic(dump, n)
    r = subprocess.run([BIN, "gazetteer", "build", "--quiet", "--geonames", dump] + scale.TSV + ["-o", out],
                       capture_output=True, text=True)
    shutil.rmtree(dump)
    if r.returncode != 0:
        sys.exit(f"bench: building the synthetic gazetteer failed: {r.stderr.strip()}")
    return out


def open_ms(gaz):
    best = None
    for _ in range(5):
        info = subprocess.run([BIN, "gazetteer", "info", "--gazetteer", gaz], capture_output=True, text=True)
        m = re.search(r"opened in:\s+([0-9.]+) ms", info.stdout)
        if m:
            best = min(best or 1e9, float(m.group(1)))
    return best


# ------------------------------------------------------------- measurement

LAST_CPU = [0.0]   # the CPU seconds (user + system) of the last run()
GNU_TIME = "/usr/bin/time"   # Debian's time package (scripts/bench installs it)


def run(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (MB) of one command (its CPU seconds in
    LAST_CPU: steadier than wall time on a shared machine). The peak is GNU
    time's report of the command alone: Linux starts a child's peak at what
    its parent held when it forked, and this script holds the corpus (a 1 MB
    document read 540 MB from wait4 after the 200 MB corpus was loaded)."""
    t0 = time.monotonic()
    p = subprocess.Popen([GNU_TIME, "-f", "gm-bench-rss %M %U %S"] + cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, _ = os.wait4(p.pid, 0)
    took = time.monotonic() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    # (GNU time exits with the command's status)
    if code not in (0, 1) or (code == 1 and "rg" not in cmd[0]):
        sys.exit(f"bench: {' '.join(cmd[:3])} ... failed: {err.strip()[:400]}")
    m = re.findall(r"^gm-bench-rss (\d+) ([0-9.]+) ([0-9.]+)$", err, re.M)
    if not m:
        sys.exit(f"bench: no peak RSS from {GNU_TIME} for {' '.join(cmd[:3])} ...: {err.strip()[:400]}")
    kb, user, system = m[-1]
    LAST_CPU[0] = float(user) + float(system)
    return took, int(kb) / 1024


REPEAT = [1]   # how many times best_of() runs a command (--repeat)


def best_of(cmd, out_dir=None):
    """run() REPEAT times (out_dir removed before each): the least wall
    seconds and CPU seconds, the largest peak. On a shared machine the
    least is the figure that repeats: other tenants only ever add time."""
    walls, cpus, peaks = [], [], []
    for _ in range(REPEAT[0]):
        if out_dir:
            shutil.rmtree(out_dir, ignore_errors=True)
        took, rss = run(cmd)
        walls.append(took)
        cpus.append(LAST_CPU[0])
        peaks.append(rss)
    LAST_CPU[0] = min(cpus)
    return min(walls), max(peaks)


def instructions(cmd):
    """Instructions one command executes (valgrind's callgrind): the count
    is the same run after run where seconds are not. None without valgrind."""
    vg = shutil.which("valgrind")
    if not vg:
        return None
    out = os.path.join(WORK, "callgrind.out")
    r = subprocess.run([vg, "--tool=callgrind", f"--callgrind-out-file={out}"] + cmd, capture_output=True, text=True)
    m = re.search(r"Collected\s*:\s*([0-9]+)", r.stderr)
    if os.path.exists(out):
        os.remove(out)
    return int(m.group(1)) if m and r.returncode == 0 else None


def names_file(gaz_tsv, out):
    """Every Arabic name of the bundled gazetteer, one per line, for rg -f."""
    names = set()
    with open(gaz_tsv, encoding="utf-8") as f:
        header = next(f).rstrip("\n").split("\t")
        i_ar, i_names = header.index("name_ar"), header.index("names_ar")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            for n in [cols[i_ar]] + cols[i_names].split("|"):
                n = n.strip()
                if n and re.search(r"[\u0600-\u06FF]", n):
                    names.add(n)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(names)) + "\n")
    return len(names)


def main():
    quick = "--quick" in sys.argv
    REPEAT[0] = int(arg("--repeat", "3" if quick else "1"))
    size = int(arg("--size", "20" if quick else "200"))
    cores = os.cpu_count() or 1
    jobs = int(arg("--jobs", str(cores)))
    gaz_names = arg("--gazetteers", "bundled" if quick else "bundled,1M,5M").split(",")
    report = arg("--out", os.path.join(WORK, "report.txt"))
    os.makedirs(WORK, exist_ok=True)

    t0 = time.monotonic()
    jsonl, txt_dir, meta = make_corpus(size)
    mb = meta["bytes"] / 1e6
    print(f"corpus: {meta['docs']:,} articles, {mb:.1f} MB, from {meta['sentences']:,} sentences "
          f"({time.monotonic() - t0:.1f} s; {jsonl})", flush=True)

    gazetteers = []
    for g in gaz_names:
        if g == "bundled":
            gazetteers.append(("bundled", os.path.join(TOP, "build", "gazetteer.gmz")))
        else:
            n = int(float(g.rstrip("Mm")) * 1_000_000)
            t0 = time.monotonic()
            path = synthetic_gazetteer(n)
            print(f"gazetteer {g}: {path} ({time.monotonic() - t0:.1f} s)", flush=True)
            gazetteers.append((f"synthetic {g}", path))

    rows = []
    out_files = {}
    out_dir = os.path.join(WORK, "out")
    # references first, so the page cache holds the corpus for everyone
    names = os.path.join(WORK, "names.txt")
    n_names = names_file(os.path.join(TOP, "gazetteer", "places.tsv"), names)
    run(["cat", jsonl])
    cat_s, _ = best_of(["cat", jsonl])
    rg = shutil.which("rg")
    rg_s = best_of([rg, "-F", "--count-matches", "-f", names, jsonl])[0] if rg else None
    floor_bin = os.path.join(TOP, "build", "tests", "bench_floor")
    floor_s = best_of([floor_bin, os.path.join(TOP, "build", "gazetteer.gmz"), jsonl])[0]
    floor_cpu = LAST_CPU[0]
    # instructions per byte on the corpus's first 2 MB, map and floor: the
    # ratio this noisy machine repeats (whole articles: the lines that fit)
    slice_path = os.path.join(WORK, "slice-2MB.jsonl")
    with open(jsonl, "rb") as f, open(slice_path, "wb") as o:
        got = 0
        for line in f:
            if got + len(line) > 2_000_000:
                break
            o.write(line)
            got += len(line)
    slice_bytes = os.path.getsize(slice_path)
    # our word and sentence boundaries against ICU's on this very corpus
    # (#17: its shuffled sentences meet new neighbours): test_breaks' case
    breaks = subprocess.run([os.path.join(TOP, "build", "tests", "test_breaks"), os.path.join(TOP, "tests", "data"),
                             "bench_corpus"], env=dict(os.environ, GM_TEST_BREAKS_JSONL=jsonl),
                            capture_output=True, text=True)
    m = re.search(r"(\d+) documents of .*, (\d+) with other boundaries", breaks.stdout)
    breaks_line = (f"word and sentence boundaries on the corpus (test_breaks bench_corpus): ICU's on "
                   f"{int(m.group(1)) - int(m.group(2)):,} of {int(m.group(1)):,} articles" if m and breaks.returncode == 0
                   else "word and sentence boundaries on the corpus (test_breaks bench_corpus): FAILED\n"
                   + breaks.stdout + breaks.stderr)
    print(breaks_line, flush=True)
    shutil.rmtree(out_dir, ignore_errors=True)
    map_ins = instructions([BIN, "map", "-q", "--jobs", "1", "-o", out_dir, slice_path])
    floor_ins = instructions([floor_bin, os.path.join(TOP, "build", "gazetteer.gmz"), slice_path])

    for label, gaz in gazetteers:
        size_mb = os.path.getsize(gaz) / 1e6
        o_ms = open_ms(gaz)
        for j in sorted({1, jobs}):
            took, rss = best_of([BIN, "map", "-q", "--jobs", str(j), "--gazetteer", gaz, "-o", out_dir, jsonl], out_dir)
            rows.append((label, j, took, rss, o_ms, size_mb, LAST_CPU[0]))
            if label == "bundled" and j == 1:
                # what the default layers cost on disk, per byte of input (#17)
                out_files = {n: os.path.getsize(os.path.join(out_dir, n)) for n in os.listdir(out_dir)
                             if os.path.isfile(os.path.join(out_dir, n))}
            print(f"  {label:14} --jobs {j}: {took:.1f} s, {mb / took:.2f} MB/s, peak RSS {rss:.0f} MB", flush=True)
    # instructions on the slice with each gazetteer, and of opening it alone
    # (`gazetteer info`: the map and the checksum of the whole file), so that
    # what a larger gazetteer costs per input byte is the steady figure too
    gaz_ins = []
    if len(gazetteers) > 1:
        for label, gaz in gazetteers:
            shutil.rmtree(out_dir, ignore_errors=True)
            m = instructions([BIN, "map", "-q", "--jobs", "1", "--gazetteer", gaz, "-o", out_dir, slice_path])
            o = instructions([BIN, "gazetteer", "info", "--gazetteer", gaz])
            if m and o:
                gaz_ins.append((label, m, o))
    # the same corpus as .txt files, bundled gazetteer, all cores
    txt_s, txt_rss = best_of([BIN, "map", "-q", "--jobs", str(jobs), "-o", out_dir, txt_dir], out_dir)
    # one long document: the corpus's text run together
    with open(jsonl, encoding="utf-8") as f:
        text = "\n".join(json.loads(line)["text"] for line in f).encode("utf-8")
    long_docs = []
    sizes = [1, 4] if quick else [1, 4, 16]
    for size_doc in sizes:
        want = size_doc * 1_000_000
        with open(os.path.join(WORK, f"long-{size_doc}mb.txt"), "wb") as f:
            f.write((text * (want // max(len(text), 1) + 1))[:want].decode("utf-8", "ignore").encode("utf-8"))
    # (the text let go before the runs; their peaks are GNU time's, run())
    del text
    for size_doc in sizes:
        doc = os.path.join(WORK, f"long-{size_doc}mb.txt")
        took, rss = best_of([BIN, "map", "-q", "--jobs", "1", "-o", out_dir, doc], out_dir)
        long_docs.append((size_doc, took, rss))
        print(f"  one document of {size_doc} MB: {took:.2f} s, peak RSS {rss:.0f} MB", flush=True)

    lines = [f"geomention bench: {meta['docs']:,} articles, {mb:.1f} MB of Arabic news text (JSON Lines), "
             f"{cores} cores, {time.strftime('%Y-%m-%d %H:%M')}"
             + (f"; each time the least of {REPEAT[0]} runs" if REPEAT[0] > 1 else ""),
             "",
             f"{'gazetteer':16} {'jobs':>4} {'seconds':>8} {'cpu s':>6} {'MB/s':>7} {'docs/s':>8} {'peak MB':>8} "
             f"{'open ms':>8} {'gaz MB':>7} {'x cat':>7} {'x rg':>6} {'x floor':>7}"]
    for label, j, took, rss, o_ms, size_mb, cpu in rows:
        lines.append(f"{label:16} {j:4d} {took:8.1f} {cpu:6.2f} {mb / took:7.2f} {meta['docs'] / took:8.0f} {rss:8.0f} "
                     f"{o_ms if o_ms is not None else float('nan'):8.3f} {size_mb:7.1f} {took / cat_s:7.0f} "
                     f"{(took / rg_s) if rg_s else float('nan'):6.1f} {took / floor_s:7.1f}")
    one = {r[0]: r[2] for r in rows if r[1] == 1}
    one_cpu = {r[0]: r[6] for r in rows if r[1] == 1}
    many = {r[0]: r[2] for r in rows if r[1] == jobs and jobs != 1}
    lines.append("")
    lines.append(f"references on the same file: cat {cat_s:.2f} s ({mb / cat_s:.0f} MB/s); floor {floor_s:.2f} s "
                 f"({mb / floor_s:.0f} MB/s); "
                 + (f"rg -F -f NAMES ({n_names:,} Arabic names) {rg_s:.2f} s ({mb / rg_s:.1f} MB/s)" if rg_s
                    else "rg not installed"))
    if "bundled" in one_cpu:
        lines.append(f"CPU seconds, one job, bundled: {one_cpu['bundled']:.2f} s ({mb / one_cpu['bundled']:.1f} MB/s); "
                     f"the floor {floor_cpu:.2f} s: x floor {one_cpu['bundled'] / max(floor_cpu, 1e-9):.1f}")
    if map_ins and floor_ins:
        lines.append(f"instructions on the first {slice_bytes / 1e6:.1f} MB (callgrind, the steady figure): map --jobs 1 "
                     f"{map_ins / 1e6:,.0f} M ({map_ins / slice_bytes:.0f} a byte), floor {floor_ins / 1e6:,.0f} M "
                     f"({floor_ins / slice_bytes:.0f} a byte): x floor {map_ins / floor_ins:.1f}")
    if gaz_ins and gaz_ins[0][0] == "bundled":
        base = gaz_ins[0][1] - gaz_ins[0][2]
        lines.append(f"instructions on the first {slice_bytes / 1e6:.1f} MB by gazetteer (opening it: `gazetteer info`, "
                     f"the whole file's checksum), and past the opening over the bundled one's: "
                     + "; ".join(f"{label} {m / 1e6:,.0f} M (opening {o / 1e6:,.0f} M) {(m - o) / base:.2f}x"
                                 for label, m, o in gaz_ins))
    for label in many:
        lines.append(f"speed-up with {jobs} jobs ({label}): {one[label] / many[label]:.2f}x")
    in_bytes = os.path.getsize(jsonl)
    total = sum(out_files.values())
    biggest = sorted(out_files.items(), key=lambda kv: -kv[1])[:4]
    # the layers themselves (places, mentions, events, daily in the default
    # formats: GeoJSON and the Shapefile's files), apart from the rest of the
    # folder (daily.csv, events.csv, map.html, the QGIS project, run.json)
    layers = sum(b for n, b in out_files.items()
                 if n.split(".")[0] in ("places", "mentions", "events", "daily")
                 and n.split(".", 1)[1] in ("geojson", "shp", "shx", "dbf", "prj", "cpg"))
    lines.append(f"output of the default layers: {layers / 1e6:.0f} MB, {layers / in_bytes:.2f} bytes per input byte "
                 f"(the whole folder {total / 1e6:.0f} MB, {total / in_bytes:.2f}; largest: "
                 f"{', '.join(f'{n} {b / 1e6:.1f} MB' for n, b in biggest)})")
    lines.append(f"the same corpus as {meta['docs']:,} .txt files, bundled, --jobs {jobs}: {txt_s:.1f} s "
                 f"({mb / txt_s:.2f} MB/s), peak {txt_rss:.0f} MB")
    lines.append(breaks_line)
    lines.append("")
    lines.append("one long document, bundled, --jobs 1:")
    per_mb = []
    for size_doc, took, rss in long_docs:
        per_mb.append(took / size_doc)
        lines.append(f"  {size_doc:3d} MB: {took:6.2f} s, {size_doc / took:5.2f} MB/s, peak RSS {rss:.0f} MB")
    if len(per_mb) > 1:
        lines.append(f"  time per MB, {long_docs[-1][0]} MB over {long_docs[0][0]} MB: {per_mb[-1] / per_mb[0]:.2f} "
                     f"(1.0 is linear)")
    text = "\n".join(lines) + "\n"
    print()
    print(text, end="")
    with open(report, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"(written to {report})")


if __name__ == "__main__":
    main()
