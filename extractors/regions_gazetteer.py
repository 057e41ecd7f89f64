"""The place gazetteer behind press_regions: entries, their surface forms, and a phrase index.

Data files (under ``extractors/data/de``): ``gazetteer.tsv`` (Länder, Regierungsbezirke, Kreise,
Gemeinden with AGS and NUTS, rebuilt by ``scripts/build_gazetteer.py``), ``regions_named.tsv``
(countries, the EU, Zukunftsregionen, ArL regions, Metropolregionen, landscapes, cities abroad),
``regions_aliases.tsv`` (NRW, English names, what a short name usually means),
``regions_common_words.txt`` (names that are also ordinary words: they need place context) and
``regions_heads.tsv`` (the context words press_regions reads). Names become token tuples
(``"Nienburg (Weser)"`` -> ``("Nienburg", "Weser")``), so ``Nienburg/Weser`` and ``Nienburg (Weser)``
meet in one key; variants add the bare town (``Nienburg``), the ``ss`` spelling of ``ß`` and the
Kreis name without ``-Kreis``. Everything is built once per process (:func:`gazetteer`).
"""
from __future__ import annotations

import functools
import re
from itertools import accumulate
from dataclasses import dataclass, field

from .base import WORD_MEMO_LIMIT, data_lines, data_table

GAZETTEER = "de/gazetteer.tsv"
NAMED = "de/regions_named.tsv"
COMMON = "de/regions_common_words.txt"
HEADS = "de/regions_heads.tsv"
ALIASES = "de/regions_aliases.tsv"

# A word: letters and digits, inner hyphens allowed ("Leine-Weser", "Zukunftsregion4Klima").
WORD_RE = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")
# WORD_RE as one group, for split() (see word_table); written without backtracking (possessive),
# and with \w in a text without "_" (where [^\W_] is \w), found faster
_WORD_SPLIT = re.compile(r"([^\W_]++(?:[-‐][^\W_]++)*+)")
_WORD_SPLIT_NO_UNDERSCORE = re.compile(r"(\w++(?:[-‐]\w++)*+)")
# Suffixes of town names that only help locate a town ("a.d. Fulda", "b. München", "(Weser)").
_QUALIFIER_RE = re.compile(r"\s*(?:\(.*\)|/.*|\s(?:a\.|a\.d\.|an der|am|b\.|bei|i\.|i\.d\.|in der|im|ob der)\s.*)$")
# official abbreviations in town names and how texts write them out
_ABBREVIATIONS = ((r"\ba\.\s?d\.\s?", "an der "), (r"\bi\.\s?d\.\s?", "in der "), (r"\bi\.\s?", "im "),
                  (r"\ba\.\s?", "am "), (r"\bb\.\s?", "bei "), (r"\bSt\.\s?", "Sankt "))
_TITLE_TOWNS = ("Lutherstadt ", "Hansestadt ", "Universitätsstadt ", "Kreisstadt ", "Stadt ")
_STREET_ENDS = ("straße", "str.", "weg", "allee", "platz", "ring", "damm", "gasse", "ufer")

_LOWER_CLASSES = frozenset({"prep", "article"})
STATE, GOV, DISTRICT, FREE_CITY, MUNI = "state", "government_region", "district", "district_free_city", "municipality"


@dataclass(slots=True, eq=False)
class Entry:
    """One place: an administrative unit (with AGS) or a named area."""

    id: str
    name: str
    kind: str
    code: str | None = None
    nuts: str | None = None
    parent: str | None = None      # AGS of the Kreis (Gemeinde) or Land (Kreis)
    designation: str = ""          # official designation: Landkreis, Stadt, Gemeinde, Markt, ...
    needs: str = ""                # "" any mention, "ctx" place context, "head" a generic head
    named: bool = False            # from regions_named.tsv
    aliases: tuple[str, ...] = ()  # other names (regions_named.tsv)

    @property
    def land(self) -> str | None:
        return self.code[:2] if self.code and self.code.isdigit() else None


@dataclass
class Variant:
    entry: Entry
    bare: bool = False  # a shortened form ("Nienburg" for "Nienburg (Weser)"): weaker evidence
    needs: str = ""     # context this surface needs: "", "ctx" or "head" (see Entry.needs)
    preferred: bool = False  # the entry this short name usually means (regions_aliases.tsv)
    inflected: bool = False  # a case form of the name ("Märkischen Kreis"): report the name itself


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    # first word -> list of (word tuple, variants), longest tuples first
    index: dict[str, list[tuple[tuple[str, ...], list[Variant]]]] = field(default_factory=dict)
    common: frozenset[str] = frozenset()
    heads: dict[str, frozenset[str]] = field(default_factory=dict)
    org_suffixes: tuple[str, ...] = ()
    # {word: heads_of(word)} while `heads` stays the one they were read from
    _memo: dict = field(default_factory=dict, repr=False)
    _memo_heads: object = field(default=None, repr=False)

    def lookup(self, words: tuple[str, ...]) -> list[Variant]:
        for key, variants in self.index.get(words[0], ()):
            if key == words:
                return variants
        return []

    def heads_of(self, word: str) -> frozenset[str]:
        """The classes of `word` in regions_heads.tsv (a capitalised word also those of its
        lower-case form that apply at a sentence start)."""
        # asked for many words of every text: answers are kept per word (bounded)
        if self._memo_heads is not self.heads:
            self._memo, self._memo_heads = {}, self.heads
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) > WORD_MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[word] = self._classes(word)
        return found

    def is_org(self, word: str) -> bool:
        """An organisation head: listed, or ending like one ("Datenschutzbehörde")."""
        return "org" in self.heads_of(word) or (word[:1].isupper() and word.casefold().endswith(self.org_suffixes))

    def _classes(self, word: str) -> frozenset[str]:
        classes = self.heads.get(word)
        if classes is None and word[:1].isupper():  # sentence start: "In Halle", "Der Regen"
            classes = self.heads.get(word.lower(), frozenset()) & _LOWER_CLASSES
        return classes or frozenset()


def word_table(text: str) -> tuple[list[str], list[int], list[int], list[str]]:
    """The words of `text` (``WORD_RE.finditer``), their starts and ends, and the gaps around
    them: gaps[k] is the text before word k (after word k - 1); the last gap ends the text.

    Built without a Python step per word: split() cuts the text into [gap, word, gap, …, gap],
    and the running sum of the pieces' lengths gives every word's start and end."""
    parts = (_WORD_SPLIT if "_" in text else _WORD_SPLIT_NO_UNDERSCORE).split(text)
    ends = list(accumulate(map(len, parts)))
    return parts[1::2], ends[:-1:2], ends[1::2], parts[0::2]


def words(text: str) -> tuple[str, ...]:
    if text.isalpha():
        return (text,)  # most names are one plain word: skip the regex
    return tuple(m.group() for m in WORD_RE.finditer(text))


def _surfaces(e: Entry) -> list[tuple[str, bool, bool]]:
    """(surface, bare, inflected) forms under which `e` is looked up."""
    out = [(e.name, False, False)]
    if not any(ch in e.name for ch in "(/.") and " " not in e.name and "ß" not in e.name and "Kreis" not in e.name \
            and not e.name.startswith(_TITLE_TOWNS):
        return out
    base = _QUALIFIER_RE.sub("", e.name).strip()
    if base and base != e.name:
        out.append((base, True, False))
    if e.name.startswith(_TITLE_TOWNS) and " " in e.name:
        out.append((e.name.split(" ", 1)[1], True, False))  # "Lutherstadt Wittenberg" -> "Wittenberg"
    long_form = e.name
    for abbr, full in _ABBREVIATIONS:
        long_form = re.sub(abbr, full, long_form)
    if long_form != e.name:
        out.append((long_form, False, False))  # "Sohland a.d. Spree" -> "Sohland an der Spree"
    if e.kind == DISTRICT and re.match(r"\w*kreis ", e.name, re.I):
        out.append((e.name.split(" ", 1)[1], False, False))  # "Eifelkreis Bitburg-Prüm" -> "Bitburg-Prüm"
    if e.kind in (DISTRICT,) and re.search(r"[-‐]Kreis$", e.name):
        out.append((e.name[: -len("-Kreis")], False, False))  # Rheingau-Taunus-Kreis -> Rheingau-Taunus
    first, _, rest = e.name.partition(" ")
    if rest and first[:1].isupper() and len(first) > 3 and re.search(r"(er|es|e)$", first) \
            and not first.endswith("burger"):
        # an adjective in front declines: "im Märkischen Kreis", "der Sächsischen Schweiz"
        stem = re.sub(r"(er|es|e)$", "", first)
        out += [(f"{stem}{end} {rest}", False, True) for end in ("en", "e") if f"{stem}{end}" != first]
    for s, bare, infl in list(out):
        if "ß" in s:
            out.append((s.replace("ß", "ss"), bare, infl))
    return out


def _add(index: dict, key: tuple[str, ...], variant: Variant) -> None:
    if not key:
        return
    variants = index.setdefault(key[0], {}).setdefault(key, [])
    if all(v.entry.id != variant.entry.id for v in variants):
        variants.append(variant)


@functools.lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    """Load the data files and build the phrase index (once per process)."""
    g = Gazetteer()
    index: dict[str, dict[tuple[str, ...], list[Variant]]] = {}
    g.common = frozenset(data_lines(COMMON))
    heads: dict[str, set[str]] = {}
    for word, cls in data_table(HEADS):
        heads.setdefault(word, set()).add(cls)
    g.heads = {w: frozenset(c) for w, c in heads.items() if not w.startswith("-")}
    g.org_suffixes = tuple(w[1:] for w, c in heads.items() if "orgsuffix" in c)

    for code, kind, name, nuts, parent, designation in data_table(GAZETTEER):
        needs = "ctx" if name in g.common else ""
        if name.endswith(_STREET_ENDS):
            needs = "head"  # "Bergstraße" is a Kreis, but mostly a street
        e = Entry(id=f"de-ags-{code}", name=name, kind=kind, code=code, nuts=nuts or None,
                  parent=parent or None, designation=designation, needs=needs)
        g.entries[e.id] = e
        for surface, bare, infl in _surfaces(e):
            v_needs = needs or ("ctx" if surface in g.common else "")
            _add(index, words(surface), Variant(e, bare, v_needs, inflected=infl))

    for row in data_table(NAMED):
        kind, name, code, aliases, needs = (list(row) + [""] * 5)[:5]
        ident = f"iso-{code}" if code else "region-" + re.sub(r"\W+", "-", name.casefold()).strip("-")
        alias_list = tuple(a for a in aliases.split("|") if a)
        e = Entry(id=ident, name=name, kind=kind, code=code or None, needs=needs, named=True, aliases=alias_list)
        g.entries[e.id] = e
        for surface in (name,) + alias_list:
            _add(index, words(surface), Variant(e, needs=needs or ("ctx" if surface in g.common else "")))
        for surface, _bare, infl in _surfaces(e)[1:]:
            if infl:
                _add(index, words(surface), Variant(e, needs=needs, inflected=True))

    for alias, code in data_table(ALIASES):
        e = g.entries.get(f"de-ags-{code}")
        if e is None:
            continue
        key = words(alias)
        for v in index.get(key[0], {}).get(key, []):
            if v.entry is e:
                v.preferred = True
                break
        else:
            _add(index, key, Variant(e, needs="ctx" if alias in g.common else "", preferred=True))

    # first word -> phrases starting with it, longest first
    g.index = {w: sorted(b.items(), key=lambda kv: -len(kv[0])) for w, b in index.items()}
    return g


_CASE_ENDINGS = frozenset({"", "s", "es", "n", "en", "e", "er", "em", "ns"})


def _inflection_of(form: str, base: str) -> bool:
    """True if `form` is `base` with other case endings ("Bergischen Land" ~ "Bergisches Land")."""
    a, b = form.split(), base.split()
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        k = 0
        while k < min(len(x), len(y)) and x[k] == y[k]:
            k += 1
        if k < 3 or x[k:] not in _CASE_ENDINGS or y[k:] not in _CASE_ENDINGS:
            return False
    return True


def nominative(e: Entry, surface: str) -> str:
    """The name to report for a named entry seen as `surface`: the nominative form of what the
    text wrote ("Großbritanniens" -> "Großbritannien"), the main name for its inflections and for
    longer official forms that contain it ("Bundesrepublik Deutschland" -> "Deutschland")."""
    if surface == e.name or _inflection_of(surface, e.name) or e.name in surface.split():
        return e.name
    same = [a for a in e.aliases if _inflection_of(surface, a)] + [surface]
    return min(same, key=len)


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)   # asked for every place of every text
def qualifier_free(name: str) -> str:
    """The town without its locating suffix: "Rotenburg (Wümme)" -> "Rotenburg"."""
    return _QUALIFIER_RE.sub("", name).strip() or name
