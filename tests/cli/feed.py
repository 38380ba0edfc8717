#!/usr/bin/env python3
"""tests/cli/feed.py SAMPLES N SEED PREFIX [OUT]: a JSON Lines feed of N documents
made of the project's own sample articles (samples/*.txt and *.jsonl) drawn at
random with a fixed seed, ids PREFIX0, PREFIX1, ..., dates cycling through a
year; on OUT or stdout. The CLI, parallel and memory tests share it."""
import json
import os
import random
import sys


def texts(samples):
    out = []
    for name in sorted(os.listdir(samples)):
        p = os.path.join(samples, name)
        if name.endswith(".txt"):
            out.append(open(p, encoding="utf-8").read())
        elif name.endswith(".jsonl"):
            out += [json.loads(l)["text"] for l in open(p, encoding="utf-8") if l.strip()]
    return out


def lines(samples, n, seed, prefix):
    pool, rnd = texts(samples), random.Random(seed)
    for i in range(n):
        doc = {"id": f"{prefix}{i}", "date": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": rnd.choice(pool)}
        yield json.dumps(doc, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    out = open(sys.argv[5], "w", encoding="utf-8") if len(sys.argv) > 5 else sys.stdout
    out.writelines(lines(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]))
