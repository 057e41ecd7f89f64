"""Score Release records against the gold files in samples/gold (format: GUIDE-style JSON).

Our own small scorer for the regression gate. Per field it counts true positives,
false positives and false negatives over all documents and reports precision, recall
and F1. Matching:

- people: names compared without academic titles/honorifics, case and punctuation;
- roles: (person, role) pairs for gold people; a role matches when one folded title
  contains the other; roles of people not in the gold are false positives;
- amounts: (value rounded to cents, currency), as sets per document;
- dates: ISO value, as sets per document;
- programs: folded equality, containment (the shorter at least half as long), or
  word overlap >= 0.6, against the gold name and its aliases;
- regions: folded names without generic prefixes (Landkreis, Stadt, ...);
- published: one item per gold document that has a date.

Run as a script for a table: ``python tests/evalscore.py`` (add ``--errors``).
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "samples" / "gold"

FIELDS = ("people", "roles", "amounts", "dates", "programs", "regions", "published")
_HONORIFICS = {"dr", "prof", "herr", "frau", "dipl", "ing", "med", "h", "c", "phil", "rer", "nat"}
_REGION_PREFIXES = ("freie und hansestadt", "kreisfreie stadt", "landkreis", "kreis", "stadt", "gemeinde",
                    "samtgemeinde", "zukunftsregion", "bundesland", "land", "region", "hansestadt",
                    "freistaat", "bezirk", "markt", "flecken")


def fold(s: str | None) -> str:
    """Lower case, NFKC, quotes and brackets to spaces, whitespace collapsed, edge punctuation off."""
    s = unicodedata.normalize("NFKC", s or "").casefold().replace("\u00ad", "")
    s = re.sub(r"[„“”\"'‚‘’«»()\[\]]", " ", s)
    return re.sub(r"\s+", " ", s).strip(" .,;:-–")


def name_key(name: str) -> str:
    return " ".join(t for t in re.split(r"[\s.]+", fold(name)) if t and t not in _HONORIFICS)


def region_key(name: str) -> str:
    s = fold(name)
    stripped = True
    while stripped:
        stripped = False
        for p in _REGION_PREFIXES:
            if s.startswith(p + " ") and len(s) > len(p) + 2:
                s, stripped = s[len(p) + 1:], True
    return s


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", fold(s)))


def loosely_equal(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    short, long_ = sorted((fa, fb), key=len)
    if short == long_ or (short in long_ and 2 * len(short) >= len(long_)):
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) >= 0.6 * len(wa | wb)


def role_equal(gold: str, pred: str) -> bool:
    g, p = fold(gold), fold(pred)
    return bool(g and p) and (g in p or p in g or loosely_equal(gold, pred))


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    counts: dict[str, Count] = field(default_factory=lambda: {f: Count() for f in FIELDS})
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, field, FP/FN, item)

    def f1(self, name: str) -> float:
        return self.counts[name].f1

    def table(self) -> str:
        lines = [f"{'field':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for f, c in self.counts.items():
            lines.append(f"{f:10} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:4} {c.fp:4} {c.fn:4}")
        return "\n".join(lines)


def match(gold: list, pred: Iterable, same: Callable) -> tuple[int, list, list]:
    """One-to-one greedy matching. A prediction that only repeats a matched gold item is ignored."""
    used: set[int] = set()
    extra = []
    for p in pred:
        i = next((i for i, g in enumerate(gold) if i not in used and same(g, p)), None)
        if i is not None:
            used.add(i)
        elif not any(same(g, p) for g in gold):
            extra.append(p)
    return len(used), extra, [g for i, g in enumerate(gold) if i not in used]


def _unique(items: Iterable, key: Callable) -> list:
    seen, out = set(), []
    for x in items:
        k = key(x)
        if k and k not in seen:
            seen.add(k)
            out.append(x)
    return out


def score_one(doc_id: str, gold: dict, rec: dict, report: Report) -> None:
    """Add one document's counts to `report`; `rec` is a Release as a plain dict."""
    def add(name, tp, extra, missing):
        c = report.counts[name]
        c.tp, c.fp, c.fn = c.tp + tp, c.fp + len(extra), c.fn + len(missing)
        report.errors += [(doc_id, name, "FP", str(x)) for x in extra] + [(doc_id, name, "FN", str(x)) for x in missing]

    gold_people = _unique(gold.get("people", []), lambda p: name_key(p["name"]))
    pred_people = _unique(rec.get("people", []), lambda p: name_key(p["name"]))
    add("people", *match([name_key(p["name"]) for p in gold_people], [name_key(p["name"]) for p in pred_people],
                         lambda g, p: g == p))
    by_key = {name_key(p["name"]): p for p in pred_people}
    for g in gold_people:
        pred = by_key.pop(name_key(g["name"]), None)
        titles = [r["title"] for r in pred.get("roles", [])] if pred else []
        tp, extra, missing = match(g.get("roles", []), titles, role_equal)
        add("roles", tp, [f"{g['name']}: {x}" for x in extra], [f"{g['name']}: {x}" for x in missing])
    for p in by_key.values():  # people the gold does not know: each role is a false hit
        add("roles", 0, [f"{p['name']}: {r['title']}" for r in p.get("roles", [])], [])

    def akey(a):
        return (round(float(a["value"]), 2), (a.get("currency") or "EUR").upper())
    add("amounts", *match(sorted({akey(a) for a in gold.get("amounts", [])}),
                          sorted({akey(a) for a in rec.get("amounts", [])}), lambda g, p: g == p))
    add("dates", *match(sorted({d["value"] for d in gold.get("dates", [])}),
                        sorted({d["value"] for d in rec.get("dates", [])}), lambda g, p: g == p))

    aliases: dict[str, list[str]] = {}
    for alias, canon in (gold.get("program_aliases") or {}).items():
        aliases.setdefault(canon, []).append(alias)
    pred_programs = _unique([p["name"] for p in rec.get("programs", [])], fold)
    add("programs", *match(gold.get("programs", []), pred_programs,
                           lambda g, p: any(loosely_equal(x, p) for x in [g, *aliases.get(g, [])])))

    gold_regions = sorted({region_key(r) for r in gold.get("regions", [])})
    known = set(gold_regions)

    def rkey(name):  # genitive "Niedersachsens" counts as "Niedersachsen"
        k = region_key(name)
        return k[:-1] if k not in known and k.endswith("s") and k[:-1] in known else k
    add("regions", *match(gold_regions, sorted({rkey(r["name"]) for r in rec.get("regions", [])}), lambda g, p: g == p))

    if gold.get("published"):
        ok = rec.get("published") == gold["published"]
        add("published", int(ok), [] if ok else [rec.get("published")], [] if ok else [gold["published"]])


def load_gold(gold_dir: Path = GOLD_DIR) -> dict[str, dict]:
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted(gold_dir.glob("*.json"))}


def score(records: dict[str, dict], gold: dict[str, dict]) -> Report:
    """Score records (doc id -> Release dict) against gold (doc id -> gold dict); a missing record scores empty."""
    report = Report()
    for doc_id, g in gold.items():
        score_one(doc_id, g, records.get(doc_id) or {}, report)
    return report


def extract_samples(samples_dir: Path = ROOT / "samples", gold: dict | None = None) -> dict[str, dict]:
    """Run the whole pipeline over the sample releases that have gold."""
    from pipeline.api import extract_path

    gold = gold if gold is not None else load_gold()
    out = {}
    for path in sorted(samples_dir.iterdir()):
        if path.suffix in (".txt", ".html", ".htm") and path.stem in gold:
            out[path.stem] = extract_path(path).model_dump(mode="json")
    return out


def main(argv: list[str]) -> int:
    gold = load_gold()
    report = score(extract_samples(gold=gold), gold)
    if "--errors" in argv:
        for e in report.errors:
            print("\t".join(e))
    print(report.table())
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
