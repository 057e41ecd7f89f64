"""press_programs: named funding programmes, funds, projects, laws, strategies.

Finds names four ways (see ``programs_rules``): a name after a head word, quoted or
not (``Programm „Zukunftsregionen in Niedersachsen“``, ``Förderprogramm Dorfentwicklung``);
known names and acronyms from ``data/de/programs.tsv``; compounds that are names on
their own (``Demokratiefördergesetz``, ``Startchancen-Programm``); and definitions
``Long Form (ACR)`` or ``Gesetz zur … (Kurzgesetz)``. English names end in an English head
(``Ukraine Energy Support Fund``); lexicon entries flagged ``strands`` take the strand that
follows (``Interreg North Sea``). Mentions of one programme (acronym and long form, singular
and plural) become one :class:`schemas.Program` with ``aliases``; names are recorded in the
nominative (``dem Kommunalen Wohnraumförderungsprogramm`` -> ``Kommunales …``).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from operator import itemgetter
from typing import Container, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from schemas import Program, stable_id

from .base import WORD_MEMO_LIMIT, doc_text, fact_span, facts, note_span_bounds, span_bounds, zones
from .programs_lexicon import is_acronym_like, lexicon, stem_key, stop_words
from .programs_rules import (
    _YEAR, PRIO_LEXICON, Cand, adjective_heads, compound_lexicon_hits, compounds, definitions, english_names,
    lexicon_hits, names_after_heads, nominative, quoted_long_forms, quoted_names, reverse_definitions, words_of,
)

# Candidate finders that can be switched off in the config (all on by default).
RULES = ("definitions", "quoted", "lexicon", "after_head", "compounds")


_SPACES = re.compile(r"\s+")
_QUOTE_MARKS = re.compile(r"[„“”\"'‚‘’«»]")


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    return _SPACES.sub(" ", _QUOTE_MARKS.sub(" ", s)).strip()


@Language.factory(
    "press_programs",
    default_config={"lexicon": "de/programs.tsv", "rules": list(RULES), "skip_zones": ["contact"],
                    "span_key": "programs"},
)
def make_programs(nlp: Language, name: str, lexicon: str, rules: list[str], skip_zones: list[str],
                  span_key: str) -> "ProgramExtractor":
    return ProgramExtractor(lexicon, tuple(rules), tuple(skip_zones), span_key)


class ProgramExtractor:
    def __init__(self, lexicon_path: str, rules: tuple[str, ...], skip_zones: tuple[str, ...], span_key: str):
        self.lex = lexicon(lexicon_path)
        self.rules = rules
        self.skip_zones = skip_zones
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        regions = _Regions(doc, text)
        cands = self._candidates(text, regions)
        kept = self._resolve(doc, cands, regions)
        merged = self._merge(text, kept)
        # the fact list and the span group are looked up once per document, not once per item
        found = facts(doc, "programs") if merged else []
        found_spans = []
        for prog, spans in merged:
            found.append(prog)
            for sp in spans:
                span = fact_span(doc, sp[0], sp[1], prog.kind, prog)
                if span is not None:
                    found_spans.append(span)
        if self.span_key in doc.spans:
            doc.spans[self.span_key].extend(found_spans)
        else:
            doc.spans[self.span_key] = found_spans   # exists, empty, when no programme was found
            note_span_bounds(doc, self.span_key, found_spans)
        return doc

    # -------------------------------------------------------------- candidates

    def _candidates(self, text: str, places: Container[str] = frozenset()) -> list[Cand]:
        words = words_of(text, self.lex)
        out: list[Cand] = []
        known = lexicon_hits(text, words, self.lex, places)
        if "definitions" in self.rules:
            out += definitions(text, self.lex, known) + reverse_definitions(text, self.lex)
        if "quoted" in self.rules:
            out += quoted_names(text) + quoted_long_forms(text, known)
        if "lexicon" in self.rules:
            out += known + compound_lexicon_hits(words, self.lex)
        if "after_head" in self.rules:
            out += names_after_heads(text, words) + adjective_heads(text, words) + english_names(text)
        if "compounds" in self.rules:
            out += compounds(text, words, self.lex)
        return out

    def _resolve(self, doc: Doc, cands: list[Cand], regions: "_Regions") -> list[Cand]:
        """Keep the best candidate where several overlap; drop stop words, zones and regions."""
        if not cands:
            return []      # no candidate: the zones need not be read
        name_stop = stop_words("name")
        zs = zones(doc)
        skip = [zs[z] for z in self.skip_zones if z in zs]
        kept: list[Cand] = []
        for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
            if fold(c.name) in name_stop or len(c.name) < 2:
                continue
            if any(zs <= c.start and c.end <= ze for zs, ze in skip):
                continue
            if c.prio < PRIO_LEXICON and any(s <= c.start and c.end <= e for s, e in regions.ranges):
                continue   # a region's name ("Projekt Celle" is rare; "Zukunftsregion JadeBay" is not)
            same = next((k for k in kept if (k.start, k.end) == (c.start, c.end)), None)
            if same is not None:
                # one name found by two rules (a quoted name the lexicon knows): keep the entry
                same.entry = same.entry if same.entry is not None else c.entry
                continue
            if any(_overlaps(c.cover, k.cover) for k in kept):
                continue
            kept.append(c)
        for c in kept:
            if c.entry is None:
                c.entry = self._entry_for(c.name)
        return sorted(kept, key=lambda c: c.start)

    def _entry_for(self, name: str) -> int | None:
        key = stem_key(name)
        if len(key) > 1 and _YEAR.fullmatch(key[-1]):
            key = key[:-1]   # „Investitionspakt Beispiel 2021“: the known programme of one year
        for k, idx in self.lex.by_first_stem.get(key[0], ()) if key else ():
            if k == key:
                return idx
        return self.lex.acronym_entry.get(name)

    # -------------------------------------------------------------- merging

    def _merge(self, text: str, kept: list[Cand]) -> list[tuple[Program, list[tuple[int, int]]]]:
        out = []
        for members in self._groups(kept):
            for c in members:
                # a quoted title keeps its own inflection: des Programms „Soziale Stadt“
                c.name = _clean(c.name) if c.rule == "quoted" else nominative(_clean(c.name))
            name, aliases, kind = self._name_and_kind(members)
            spans = sorted({(c.start, c.end) for c in members})
            spans = self._more_mentions(text, [name, *aliases], spans, kept)
            # plain dicts: pydantic validates them into Mentions in the one call that builds the Program
            mentions = [{"text": text[s:e], "start": s, "end": e} for s, e in spans]
            out.append((Program(id=_program_id(fold(name)), name=name, aliases=aliases,
                                kind=kind, mentions=mentions), spans))
        return out

    @staticmethod
    def _groups(kept: list[Cand]) -> list[list[Cand]]:
        """The candidates grouped by programme (same entry, definition pair or stems), in order of
        each group's first mention."""
        if len(kept) < 2:
            return [kept] if kept else []
        parent = list(range(len(kept)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            parent[find(i)] = find(j)

        by_key: dict[object, int] = {}
        for i, c in enumerate(kept):
            for key in (("entry", c.entry) if c.entry is not None else None,
                        ("pair", c.pair) if c.pair is not None else None,
                        ("stem", stem_key(c.name))):
                if key is None:
                    continue
                if key in by_key:
                    union(i, by_key[key])
                else:
                    by_key[key] = i
        # "Projekt PortLink" and „PortLink North Sea“: a one-word name that starts a longer one
        for i, c in enumerate(kept):
            if c.entry is None and " " not in c.name:
                # („Mehrgenerationenhaus. Miteinander – Füreinander“: a title's first sentence too)
                j = next((j for j, d in enumerate(kept) if d.entry is None and d.name.startswith(c.name)
                          and d.name[len(c.name):len(c.name) + 1] in (" ", ".", ":")), None)
                if j is not None:
                    union(i, j)
        groups: dict[int, list[Cand]] = {}
        for i, c in enumerate(kept):
            groups.setdefault(find(i), []).append(c)
        return sorted(groups.values(), key=lambda g: min(c.start for c in g))

    def _name_and_kind(self, members: list[Cand]) -> tuple[str, list[str], str]:
        """The name of the programme that `members` mention, its other forms, and its kind."""
        kind = next((self.lex.entries[c.entry].kind for c in members if c.entry is not None), None)
        if len(members) == 1:      # most programmes are named once: one form, its kind
            return members[0].name, [], kind or members[0].kind
        counts = _counts(c.name for c in members)
        forms = list(counts)   # in order of first use
        long_forms = [f for f in forms if not is_acronym_like(f)] or forms
        # the form the text uses most; ties go to the longer, then the earlier form
        name = max(long_forms, key=lambda f: (counts[f], len(f), -forms.index(f)))
        aliases = [f for f in forms if fold(f) != fold(name)]
        aliases = list({fold(a): a for a in aliases}.values())
        if not kind:   # the most common kind; a tie goes to the earlier one
            kind = max(_counts(c.kind for c in members).items(), key=itemgetter(1))[0]
        return name, aliases, kind

    @staticmethod
    def _more_mentions(text: str, forms: list[str], spans: list[tuple[int, int]],
                       kept: list[Cand]) -> list[tuple[int, int]]:
        """Other places where the text repeats a found form verbatim."""
        taken = [(c.cover[0], c.cover[1]) for c in kept] + list(spans)
        found = list(spans)
        for f in forms:
            if len(f) < 4 or (" " not in f and not is_acronym_like(f) and len(f) < 8):
                continue
            for span in _standalone(text, f):
                if not any(_overlaps(span, t) for t in taken):
                    found.append(span)
                    taken.append(span)
        return sorted(set(found))


class _Regions:
    """The regions found in the Doc, read on first use: most documents need neither their
    ranges nor their names, and spaCy builds a Span object for every span it hands out."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text

    @functools.cached_property
    def ranges(self) -> list[tuple[int, int]]:
        """The character ranges of the region spans (none is empty), as regions noted them."""
        return span_bounds(self.doc, "regions")[1]

    @functools.cached_property
    def names(self) -> frozenset[str]:
        return frozenset(self.text[s:e] for s, e in self.ranges)   # span.text == text[start:end]

    def __contains__(self, name: str) -> bool:
        """Is `name` the text of a region span? (a programme strand may be named after one)"""
        return name in self.names


def _standalone(text: str, form: str) -> Iterator[tuple[int, int]]:
    r"""Spans of `form` in `text`, not inside a longer word: what
    ``re.finditer(rf"(?<![\w\-]){re.escape(form)}(?![\w+])", text)`` finds, without
    compiling a pattern per form."""
    n, pos = len(form), 0
    while (i := text.find(form, pos)) >= 0:
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        if before.isalnum() or before in "_-" or after.isalnum() or after in "_+":
            pos = i + 1
            continue
        yield i, i + n
        pos = i + n


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def _program_id(folded_name: str) -> str:
    """The record id of the programme of this (folded) name: a hash, kept per name."""
    return stable_id("program", folded_name)


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def _clean(name: str) -> str:
    """Names carry no quote marks: Gemeinschaftsaufgabe „Verbesserung …“ -> … Verbesserung …"""
    return re.sub(r"\s+", " ", re.sub(r"[„“”\"‚‘’«»]", "", name)).strip()


def _counts(items) -> dict:
    """How often each item occurs, in order of first occurrence (``Counter`` without its overhead)."""
    out: dict = {}
    for x in items:
        out[x] = out.get(x, 0) + 1
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]

