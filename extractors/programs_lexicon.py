"""Data for the programme extractor: known programmes, head words, stop words.

Everything here is loaded once from ``extractors/data/de/programs*.tsv``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .base import WORD_MEMO_LIMIT, data_table, literal_alternation

# A word as the programme rules see it: hyphens, "+" and "!" stay inside
# ("ESF+", "Gute-KiTa-Gesetz", "Demokratie leben!" -> "leben!").
WORD_RE = re.compile(r"[\w][\w\-+]*[\w+]|\w")
_ENDINGS = ("en", "er", "es", "em", "e", "s")


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def stem(word: str) -> str:
    """Casefold and strip German inflection endings, so that "Europäischen" and
    "Europäischer", "Raumes" and "Raums", "Zukunftsregionen" and "Zukunftsregion"
    compare equal. Crude on purpose: it only has to be consistent."""
    w = word.casefold().strip("-")
    changed = True
    while changed:
        changed = False
        for e in _ENDINGS:
            if w.endswith(e) and len(w) - len(e) >= 4:
                w, changed = w[: -len(e)], True
                break
    return w


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def stem_key(text: str) -> tuple[str, ...]:
    """The stems of the words of `text` (quotes and punctuation dropped)."""
    return tuple(stem(w) for w in WORD_RE.findall(text))


def is_acronym_like(form: str) -> bool:
    """EFRE, ESF+, DigitalPakt, REACT-EU: matched case-sensitively."""
    return " " not in form and sum(map(str.isupper, form)) >= 2


@dataclass(frozen=True)
class Entry:
    """One known programme: its name, kind and every other form it goes by."""

    name: str
    kind: str
    forms: tuple[str, ...]
    # "exact": only the listed forms, no inflection ("Überbrückungshilfen" is often generic);
    # "strands": proper-name words may follow ("Interreg VI-A Deutschland-Danmark")
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    # case-sensitive forms: one alternation regex, longest first; group name -> entry index
    acronym_re: re.Pattern | None
    acronym_entry: dict[str, int]
    # case-insensitive forms: first stem -> [(stems, entry index)], longest first
    by_first_stem: dict[str, list[tuple[tuple[str, ...], int]]]
    # (entry index, stems) -> (its first form with these stems, and that form's words; its first
    # such form that is not acronym-like, or None)
    forms_by_key: dict[tuple[int, tuple[str, ...]], tuple[str, tuple[str, ...], str | None]]
    # what a word must be to start a match of acronym_re (None: anything): a start of a
    # case-sensitive form (a set), or a word that starts with such a form (a pattern)
    acronym_starts: tuple[frozenset[str], re.Pattern] | None
    # what the programme rules found out about a word, filled as words come (programs_rules.Words)
    word_cache: dict = field(default_factory=dict, compare=False, repr=False)


@functools.lru_cache(maxsize=None)
def lexicon(path: str = "de/programs.tsv") -> Lexicon:
    entries: list[Entry] = []
    acronyms: dict[str, int] = {}
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    forms_by_key: dict[tuple[int, tuple[str, ...]], tuple[str, tuple[str, ...], str | None]] = {}
    for row in data_table(path):
        name, kind = row[0], (row[1] if len(row) > 1 and row[1] else "other")
        others = tuple(f.strip() for f in row[2].split("|") if f.strip()) if len(row) > 2 else ()
        flags = frozenset(f.strip() for f in row[3].split(",") if f.strip()) if len(row) > 3 else frozenset()
        idx = len(entries)
        entries.append(Entry(name, kind, (name, *others), flags))
        for form in (name, *others):
            fk = (idx, stem_key(form))
            first, fws, plain = forms_by_key.get(fk) or (form, tuple(WORD_RE.findall(form)), None)
            forms_by_key[fk] = first, fws, plain or (None if is_acronym_like(form) else form)
            if is_acronym_like(form):
                acronyms.setdefault(form, idx)
            else:
                key = stem_key(form)
                if key:
                    by_first.setdefault(key[0], []).append((key, idx))
    for lst in by_first.values():
        lst.sort(key=lambda x: -len(x[0]))
    acr_re = None
    # every form opens with a word character: a match starts where a word starts
    starts = None
    if all(re.match(r"\w", f) for f in acronyms):
        starts = (frozenset(f[:n] for f in acronyms for n in range(1, len(f) + 1)),
                  re.compile(literal_alternation(acronyms) or "(?!)"))
    if acronyms:
        # longest form first, not inside a word; optional inflection of all-caps names ("der REGIONALEN");
        # a hyphen may follow (EFRE-Mittel) but no further letters or "+" (ESF must not match ESF+).
        alts = literal_alternation(acronyms, not_after=r"[\w\-+]")
        acr_re = re.compile(alts + r"(?:s|n|N)?(?![\w+])")
    return Lexicon(tuple(entries), acr_re, acronyms, by_first, forms_by_key, starts)


def acronym_entry(lex: Lexicon, surface: str) -> int | None:
    """The entry of a case-sensitive match (with or without its inflection ending)."""
    if surface in lex.acronym_entry:
        return lex.acronym_entry[surface]
    if surface[:-1] in lex.acronym_entry:
        return lex.acronym_entry[surface[:-1]]
    return None


@dataclass(frozen=True)
class Head:
    stem: str
    kind: str
    hyphen: bool
    closed: bool
    plain: bool
    gender: str = "n"


@functools.lru_cache(maxsize=None)
def heads(path: str = "de/programs_heads.tsv") -> tuple[Head, ...]:
    out = []
    for row in data_table(path):
        flags = set(row[2].split(",")) if len(row) > 2 else set()
        gender = row[3] if len(row) > 3 and row[3] else "n"
        out.append(Head(row[0].casefold(), row[1], "hyphen" in flags, "closed" in flags, "plain" in flags, gender))
    # longest stem first: "aktionsprogramm" before "programm"
    return tuple(sorted(out, key=lambda h: -len(h.stem)))


HEAD_ENDINGS = ("", "s", "es", "e", "en", "n")


@functools.lru_cache(maxsize=None)
def _head_re() -> tuple[re.Pattern, dict[str, Head]]:
    by_stem = {h.stem: h for h in heads()}
    alts = "|".join(re.escape(st) for st in sorted(by_stem, key=len, reverse=True))
    ends = "|".join(sorted(HEAD_ENDINGS, key=len, reverse=True)[:-1])
    return re.compile(rf"({alts})({ends})?$"), by_stem


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def head_of(word: str) -> tuple[Head, str] | None:
    """(head, ending) if `word` is a capitalised head word or a compound ending in one."""
    if not word or not (word[0].isupper() or word[0].isdigit()):
        return None
    low = word.casefold()
    rx, by_stem = _head_re()
    m = rx.search(low)
    if not m:
        return None
    if low[: m.start(2) if m.group(2) else len(low)] in stop_words("nohead"):
        return None   # Rahmenprogramm, Bürgerinitiative: not a funding programme
    return by_stem[m.group(1)], m.group(2) or ""


@functools.lru_cache(maxsize=None)
def stop_words(scope: str, path: str = "de/programs_stop.tsv") -> frozenset[str]:
    return frozenset(r[0].casefold() for r in data_table(path) if len(r) > 1 and r[1] == scope)


@functools.lru_cache(maxsize=None)
def _gender_endings(path: str = "de/programs_genders.tsv") -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((r[0].casefold(), r[1]) for r in data_table(path) if len(r) > 1), key=lambda x: -len(x[0])))


def noun_gender(noun: str) -> tuple[str, str] | None:
    """(nominative singular, gender) of a capitalised singular noun, or None when unknown.
    A masculine/neuter genitive ending is dropped: "Wohnraumförderungsprogramms" -> "…programm"."""
    if not noun[:1].isupper():
        return None
    hd = head_of(noun)
    if hd:
        h, ending = hd
        if ending not in ("", "s", "es") or (ending and h.gender == "f"):
            return None                      # a plural ("Projekte") or no noun we can tell
        return (noun[: -len(ending)] if ending else noun), h.gender
    low = noun.casefold()
    for cut in (0, 1, 2):
        if cut and not low.endswith(("s", "es")[cut - 1]):
            continue
        base = low[: len(low) - cut] if cut else low
        for end, gender in _gender_endings():
            if base.endswith(end) and (len(base) > len(end) or len(end) >= 4) and (not cut or gender != "f"):
                return noun[: len(noun) - cut], gender
    return None
