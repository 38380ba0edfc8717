#!/usr/bin/env python3
"""tests/cli/memory.py BIN TOP: memory stays flat however long the input.

Maps a generated JSON Lines feed (the project's own sample articles, repeated
under new ids and dates) of N and 8N documents, through stdin, with
`map --stream -` and with `map -o DIR -`, and compares the peak resident
memory of the two runs (getrusage of a child process, not timing): the longer
input may not cost more than a few MB more, and neither may exceed the
compiled gazetteer's size + 64 MB (#5). Every document must come out: the
stream's document records and run.json's counts are checked.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading

sys.dont_write_bytecode = True   # no __pycache__ left in the source tree (#15.8)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed import lines  # noqa: E402

SMALL, FACTOR = 1000, 8
GROWTH_MB = 16      # allowed growth from N to 8N documents
SANITIZED = os.environ.get("GM_SANITIZED") == "1"   # set by ctest in a GM_SANITIZE build


def feed(top, n, out):
    try:
        for line in lines(os.path.join(top, "samples"), n, n, "m"):
            out.write(line.encode("utf-8"))
    finally:
        out.close()


def child(bin_, top, mode, n):
    """Run one map in this process's only child; print its peak RSS in KB and what came out."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [bin_, "map", "-q", "--jobs", "2"]
        args += ["--stream", "-"] if mode == "stream" else ["-o", os.path.join(tmp, "out"), "-f", "GeoJSON", "-"]
        p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        t = threading.Thread(target=feed, args=(top, n, p.stdin))
        t.start()
        docs = 0
        for line in p.stdout:
            if b'"kind":"document"' in line:
                docs += 1
        t.join()
        if p.wait() != 0:
            sys.exit(f"geomention map ({mode}, {n} documents) failed")
        if mode != "stream":
            run = json.load(open(os.path.join(tmp, "out", "run.json"), encoding="utf-8"))
            docs = run["counts"]["documents"]
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, docs)


def main():
    if sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return 0
    bin_, top = sys.argv[1], sys.argv[2]
    gaz_mb = os.path.getsize(os.path.join(os.path.dirname(bin_), "gazetteer.gmz")) / 2**20
    failed = 0
    for mode in ("stream", "folder"):
        peaks = []
        for n in (SMALL, SMALL * FACTOR):
            out = subprocess.run([sys.executable, __file__, "--child", bin_, top, mode, str(n)],
                                 check=True, capture_output=True, text=True).stdout.split()
            kb, docs = int(out[0]), int(out[1])
            if docs != n:
                print(f"FAIL: {mode}: {docs} of {n} documents came out")
                failed += 1
            peaks.append(kb / 1024)
        growth = peaks[1] - peaks[0]
        print(f"{mode}: peak RSS {peaks[0]:.1f} MB for {SMALL} documents, {peaks[1]:.1f} MB for {SMALL * FACTOR} "
              f"(+{growth:.1f} MB; gazetteer {gaz_mb:.1f} MB)")
        if SANITIZED:
            print(f"{mode}: memory bounds not checked: a sanitized build (ASan's shadow and quarantine)")
        elif growth > GROWTH_MB:
            print(f"FAIL: {mode}: memory grows with the input (+{growth:.1f} MB > {GROWTH_MB} MB)")
            failed += 1
        if not SANITIZED and peaks[1] > gaz_mb + 64:
            print(f"FAIL: {mode}: peak {peaks[1]:.1f} MB is more than the gazetteer + 64 MB")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
