#!/usr/bin/env python3
"""tests/cli/large_doc.py BIN TOP: one 20 MB document maps within a memory bound (#15.3).

The project's own sample articles, run together and repeated into one .txt of
20 MB (and, the same way, of 1 MB), are mapped with --jobs 1. Checked, with no
timing (the bench reports the seconds): the peak resident memory of the run
(getrusage of the child) stays under the gazetteer's size + 64 MB + 16 bytes
per byte of the document; the document is processed, and it yields as many
mentions per MB as the 1 MB one (within 5 %): nothing is dropped or cut in a
long document. A quadratic step would not finish within ctest's timeout.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed import texts  # noqa: E402

BIN, TOP = sys.argv[1], sys.argv[2]
GAZ = os.path.join(os.path.dirname(BIN), "gazetteer.gmz")


def sample_text():
    return "\n".join(texts(os.path.join(TOP, "samples"))) + "\n"


def map_one(path, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = subprocess.run([BIN, "map", "-q", "--jobs", "1", "-f", "GeoJSON", "-o", out, path],
                       capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if r.returncode != 0:
        sys.exit(f"FAIL: map exit {r.returncode}: {r.stderr[:400]}")
    run = json.load(open(os.path.join(out, "run.json"), encoding="utf-8"))
    return run, max(peak, before) / 1024


def main():
    text = sample_text().encode("utf-8")
    fails = 0
    with tempfile.TemporaryDirectory() as t:
        runs = {}
        for mb in (1, 20):
            doc = os.path.join(t, f"long-{mb}.txt")
            whole = text * (mb * 1_000_000 // len(text) + 1)
            with open(doc, "wb") as f:
                f.write(whole[: whole.rfind(b"\n", 0, mb * 1_000_000) + 1])
            runs[mb] = (os.path.getsize(doc) / 1e6,) + map_one(doc, os.path.join(t, f"out-{mb}"))
        size20, run20, peak20 = runs[20]
        bound = os.path.getsize(GAZ) / 2**20 + 64 + 16 * size20
        if os.environ.get("GM_SANITIZED") == "1":
            print("memory bound not checked: a sanitized build (ASan's shadow and quarantine)")
        elif peak20 > bound:
            print(f"FAIL: a {size20:.1f} MB document peaked at {peak20:.0f} MB, over {bound:.0f} MB")
            fails += 1
        if run20["counts"]["documents"] != 1 or run20["documents"][0]["status"] != "processed":
            print(f"FAIL: the document is not processed: {run20['documents'][0]}")
            fails += 1
        per = {mb: runs[mb][1]["counts"]["mentions"] / runs[mb][0] for mb in runs}
        if not per[1] or abs(per[20] / per[1] - 1) > 0.05:
            print(f"FAIL: mentions per MB {per[20]:.0f} in 20 MB against {per[1]:.0f} in 1 MB")
            fails += 1
        print(f"large document: {size20:.1f} MB, {run20['counts']['mentions']:,} mentions, "
              f"{run20['counts']['events']:,} events, peak {peak20:.0f} MB (bound {bound:.0f}); "
              f"{per[20]:.0f} mentions/MB against {per[1]:.0f} for 1 MB")
    sys.exit(1 if fails else 0)


main()
