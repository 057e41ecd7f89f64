#!/usr/bin/env python3
"""Per-component extraction time (issue 6). Prints figures; asserts nothing.

    scripts/profile_components.py [--rounds 5] [FILE ...]     (default: samples/*.txt)

Runs the default pipeline component by component over the texts, timing each with the
process CPU clock, plus the record stage (build_release + JSON). The floor is
spacy.blank("de") + sentencizer over the same texts, the issue's yardstick. Each figure is
the best of --rounds passes over all texts: other processes on the machine only ever add
time, so the minimum is the most repeatable figure.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
if _VENV_PYTHON.exists() and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
    os.execv(str(_VENV_PYTHON), [str(_VENV_PYTHON), *sys.argv])  # the project's venv has spaCy


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="text releases (default: samples/*.txt)")
    ap.add_argument("--rounds", type=int, default=5, help="passes over all texts; the best one counts")
    args = ap.parse_args()

    import spacy

    from pipeline.acquire import read_file
    from pipeline.nlp import get_nlp
    from pipeline.parse import parse
    from pipeline.record import build_release

    files = [Path(f) for f in args.files] or sorted((ROOT / "samples").glob("*.txt"))
    parsed = [parse(read_file(p)) for p in files]
    nlp = get_nlp("de")
    blank = spacy.blank("de")
    blank.add_pipe("sentencizer")

    best: dict[str, float] = {}
    tokens = 0
    for _ in range(max(1, args.rounds)):
        times: dict[str, float] = {}
        t = time.process_time()
        tokens = sum(len(blank(p.text)) for p in parsed)
        times["floor"] = time.process_time() - t
        for p in parsed:
            t = time.process_time()
            doc = nlp.make_doc(p.text)
            times["tokenize"] = times.get("tokenize", 0.0) + time.process_time() - t
            doc._.published = p.published
            for name, proc in nlp.pipeline:
                t = time.process_time()
                doc = proc(doc)
                times[name] = times.get(name, 0.0) + time.process_time() - t
            t = time.process_time()
            build_release(p, doc, tuple(nlp.pipe_names)).model_dump_json()
            times["record+json"] = times.get("record+json", 0.0) + time.process_time() - t
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)

    n = len(parsed)
    ms = {k: v / n * 1000 for k, v in best.items()}
    floor = ms.pop("floor")
    total = sum(ms.values())
    print(f"{n} documents, {tokens / n:.0f} tokens each; best of {args.rounds} rounds, CPU ms per document")
    print(f"  floor (blank('de') + sentencizer) {floor:6.2f}")
    for k, v in ms.items():
        print(f"  {k:32} {v:6.2f}")
    extract = total - ms["tokenize"] - ms.get("sentencizer", 0.0)
    print(f"  {'components + record':32} {extract:6.2f}")
    print(f"total {total:.2f} ms per document = {total / floor:.2f}x the floor (goal: <= 2.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
