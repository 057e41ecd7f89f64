#!/usr/bin/env python3
"""Print what loading the place gazetteer costs (time and memory), and matching speed.

Run from the project root: .venv/bin/python scripts/bench_gazetteer.py
Each load runs in a fresh process, so the lru caches start empty.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, time, tracemalloc, sys
sys.path.insert(0, ROOT)
import spacy, extractors  # noqa: F401  (spaCy itself is not part of the gazetteer's cost)
from extractors import base
from extractors.regions import _given_names
from extractors.regions_gazetteer import gazetteer
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
g = gazetteer()
_given_names()
t1 = time.perf_counter()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# memory in a second load, traced (tracing slows loading, so it is not timed)
gazetteer.cache_clear(); base.data_lines.cache_clear()
tracemalloc.start()
g = gazetteer()
cur, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
nlp = spacy.blank("de"); nlp.add_pipe("sentencizer"); nlp.add_pipe("press_regions")
text = ("Niedersachsen unterstützt den Heidekreis und die Landkreise Celle und Uelzen. "
        "Die Stadt Celle, Bergen (Lk Celle) und Nienburg/Weser erhalten Mittel aus Hannover. ") * 20
nlp(text)
t2 = time.perf_counter()
for _ in range(50):
    nlp(text)
t3 = time.perf_counter()
print(json.dumps({"entries": len(g.entries), "load_s": round(t1 - t0, 3),
                  "python_alloc_mb": round(cur / 2**20, 1), "peak_alloc_mb": round(peak / 2**20, 1),
                  "rss_growth_mb": round((rss1 - rss0) / 1024, 1),
                  "ms_per_doc": round((t3 - t2) / 50 * 1000, 2), "doc_chars": len(text)}))
""".replace("ROOT", repr(str(ROOT)))


def main() -> int:
    runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                                      check=True).stdout) for _ in range(3)]
    best = min(runs, key=lambda r: r["load_s"])
    print(f"gazetteer entries:        {best['entries']}")
    print(f"load time (best of 3):    {best['load_s']:.3f} s   (all: {[r['load_s'] for r in runs]})")
    print(f"memory, Python objects:   {best['python_alloc_mb']} MB (peak while loading {best['peak_alloc_mb']} MB)")
    print(f"memory, process RSS grew: {best['rss_growth_mb']} MB")
    print(f"matching:                 {best['ms_per_doc']} ms per {best['doc_chars']}-character document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
