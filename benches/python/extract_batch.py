#!/usr/bin/env python3
"""Scaling of `Pipeline.extract_batch` and `to_arrow` from one core to all cores.

    cargo run --release -p dateline-corpus --example write_corpus -- /tmp/corpus 42 300000
    python benches/python/extract_batch.py /tmp/corpus [--repeat 3]

Runs itself twice, pinned (`sched_setaffinity`) to 1 core with jobs=1 and to N cores with jobs=N,
so each run gets exactly the cores it claims (the GIL-holding thread that builds the dicts
included). Each reads every article once (`dateline.read`), then times `extract_batch` and
`to_arrow`, best of `--repeat` runs, and prints words/s; the parent prints the speed-ups.
"""

import argparse
import json
import os
import subprocess
import sys
import time


def measure(corpus, repeat, cores):
    os.sched_setaffinity(0, set(range(cores)))
    import dateline  # after pinning: every thread the package starts inherits the affinity

    docs = list(dateline.read(corpus, errors="ignore"))
    words = sum(len(d.text.split()) for d in docs)
    pipeline = dateline.Pipeline()
    pipeline.extract_batch(docs[:50], jobs=cores)  # warm up: models load on first use
    result = {"documents": len(docs), "words": words}
    for name in ("extract_batch", "to_arrow"):
        call = getattr(pipeline, name)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            call(docs, jobs=cores)
            times.append(time.perf_counter() - start)
        result[name] = min(times)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="directory of articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cores", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cores:
        print(json.dumps(measure(args.corpus, args.repeat, args.cores)))
        return
    all_cores = len(os.sched_getaffinity(0))
    runs = {}
    for cores in sorted({1, all_cores}):
        out = subprocess.run(
            [sys.executable, __file__, args.corpus, "--repeat", str(args.repeat), "--cores", str(cores)],
            check=True, capture_output=True, text=True,
        )
        runs[cores] = r = json.loads(out.stdout)
        print(f"{r['documents']} documents, {r['words']} words, {cores} core(s), jobs={cores}:")
        for name in ("extract_batch", "to_arrow"):
            print(f"  {name:14} {r[name]:6.2f} s  {r['words'] / r[name]:10,.0f} words/s  {r['documents'] / r[name]:7,.0f} docs/s")
    for name in ("extract_batch", "to_arrow"):
        print(f"{name}: {runs[1][name] / runs[all_cores][name]:.2f}x faster on {all_cores} cores than on 1")


if __name__ == "__main__":
    main()
