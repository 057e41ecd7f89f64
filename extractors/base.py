"""The contract between the pipeline and the extractor components.

The nlp stage builds one spaCy ``Language`` per language and, before the
components run, sets on each ``Doc``:

- ``doc._.published``: ``datetime.date`` of publication if a metadata source knew it
  (a component may fill it from the text, e.g. a dateline).
- ``doc._.zones``: dict of named character ranges, e.g. ``{"contact": (start, end)}``;
  the contact-block component adds to it, later components read it.

Each component writes what it found twice: spans in ``doc.spans[KIND]`` so later
components can see them (dates skip what money already claimed), and typed record
items from ``schemas`` via :func:`add_fact`, which the record stage collects.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any, Callable, Iterator

from spacy.tokens import Doc, Span

DATA_DIR = Path(__file__).parent / "data"

for _name, _default in (("published", None), ("zones", None), ("facts", None), ("source_meta", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("fact"):
    Span.set_extension("fact", default=None)


# spaCy keeps extension values in ``doc.user_data`` under ("._.", name, start_char, end_char),
# with None, None for the Doc's own (spacy.tokens.underscore). Every ``doc._`` and ``span._``
# builds an accessor object first; the helpers below, which the components call thousands of
# times per release, read and write there directly (tests/test_base.py checks that ``doc._``
# and ``span._`` see the same values).
def _extension_key(name: str, start_char: int | None = None, end_char: int | None = None) -> tuple:
    return "._.", name, start_char, end_char


def _doc_dict(doc: Doc, name: str) -> dict:
    """The dict ``doc._.<name>``, created on first use."""
    found = doc.user_data.get(_extension_key(name))
    if found is None:
        found = doc.user_data[_extension_key(name)] = {}
    return found


def facts(doc: Doc, kind: str) -> list[Any]:
    """The list of typed items of one kind collected on `doc` (``doc._.facts[kind]``, created
    on first use)."""
    return _doc_dict(doc, "facts").setdefault(kind, [])


def add_fact(doc: Doc, kind: str, item: Any) -> None:
    facts(doc, kind).append(item)


def zones(doc: Doc) -> dict[str, tuple[int, int]]:
    """``doc._.zones`` (created on first use)."""
    return _doc_dict(doc, "zones")


def in_zone(doc: Doc, name: str, start: int, end: int | None = None) -> bool:
    """True if the character range [start, end) lies inside the named zone."""
    z = zones(doc).get(name)
    if z is None:
        return False
    end = start if end is None else end
    return z[0] <= start and end <= z[1]


def publication_date(doc: Doc) -> dt.date | None:
    return doc._.published


# One bound for every per-word memo of the extractors (word -> lexicon answer). Small on
# purpose: the common words of releases fit, and a batch's memory stops growing after a few
# hundred releases however large the archive (the memos are emptied or trimmed when full).
WORD_MEMO_LIMIT = 5_000

def memo_map(memo: dict, answer: Callable[[str], Any], words: list[str]) -> list:
    """``[answer(w) for w in words]``, each answer kept per word in `memo` (emptied when it holds
    more than WORD_MEMO_LIMIT): one dict look-up per word, run in C by ``map``, and a call only
    for words not seen before. `answer` never returns None."""
    found = list(map(memo.get, words))
    if None in found:
        if len(memo) > WORD_MEMO_LIMIT:
            memo.clear()
        for k in [k for k, x in enumerate(found) if x is None]:
            w = words[k]
            a = memo.get(w)             # a word met twice in this list is answered once
            if a is None:
                a = memo[w] = answer(w)
            found[k] = a
    return found


# Cache keys in doc.user_data (plain dict look-ups: cheaper than doc._ extensions).
_TEXT_KEY = "press_extract.text"
_SENTS_KEY = "press_extract.sentences"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy joins every token on each access."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data[_TEXT_KEY] = cached
    return cached[1]


def remember_text(doc: Doc, text: str, words: list[str] | None = None) -> None:
    """Tell :func:`doc_text` the text `doc` was made from (spaCy's tokenizer keeps every
    character, so ``doc.text == text``): then not even the first call joins the tokens.
    A tokenizer that has the token texts at hand passes them on for :func:`token_texts`."""
    doc.user_data[_TEXT_KEY] = (len(doc), text)
    if words is not None:
        doc.user_data[_TEXT_KEY + ".tokens"] = (len(doc), words)


def token_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]``, computed once per Doc. Do not modify the list."""
    cached = doc.user_data.get(_TEXT_KEY + ".tokens")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), [t.text for t in doc])
        doc.user_data[_TEXT_KEY + ".tokens"] = cached
    return cached[1]


def token_range_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """(start_char, end_char) of ``doc[start:end]`` (start < end), without a Span."""
    words = token_texts(doc)
    return doc[start].idx, doc[end - 1].idx + len(words[end - 1])


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``[(s.start_char, s.end_char) for s in doc.sents]``, computed once per Doc;
    ``[]`` while no component has set sentence boundaries. Do not modify the list."""
    cached = doc.user_data.get(_SENTS_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    if not doc.has_annotation("SENT_START"):
        return []   # not cached: the sentencizer may still run
    bounds = [(s.start_char, s.end_char) for s in doc.sents]
    doc.user_data[_SENTS_KEY] = (len(doc), bounds)
    return bounds


def remember_sentences(doc: Doc, bounds: list[tuple[int, int]]) -> None:
    """Tell :func:`sentence_bounds` the sentences a sentence splitter has just set."""
    doc.user_data[_SENTS_KEY] = (len(doc), bounds)


def sentence_starts(doc: Doc) -> list[int]:
    """Start offsets of :func:`sentence_bounds`, computed once per Doc. Do not modify the list."""
    cached = doc.user_data.get(_SENTS_KEY + ".starts")
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    bounds = sentence_bounds(doc)
    starts = [s for s, _ in bounds]
    if bounds:
        doc.user_data[_SENTS_KEY + ".starts"] = (len(doc), starts)
    return starts


def add_span(doc: Doc, group: str, span: Span) -> None:
    """Append `span` to ``doc.spans[group]`` (creating the group)."""
    if group in doc.spans:
        doc.spans[group].append(span)   # in place: rebuilding the group made n spans cost n²
    else:
        doc.spans[group] = [span]


def add_spans(doc: Doc, group: str, spans: list[Span]) -> None:
    """Append `spans` to ``doc.spans[group]`` in one step (creating the group)."""
    if not spans:
        return
    if group in doc.spans:
        doc.spans[group].extend(spans)
    else:
        doc.spans[group] = spans


_BOUNDS_KEY = "press_extract.bounds"

Bounds = list[tuple[int, int]]


def note_span_bounds(doc: Doc, group: str, spans: list[Span]) -> None:
    """Note the token and character bounds of `spans`, just written as ``doc.spans[group]``,
    for :func:`span_bounds`, with what tells whether the group is still the one written."""
    written = doc.spans[group]
    doc.user_data[_BOUNDS_KEY, group] = (
        id(written), len(written), [(s.start, s.end) for s in spans], [(s.start_char, s.end_char) for s in spans])


def span_bounds(doc: Doc, group: str) -> tuple[Bounds, Bounds]:
    """The (start token, end token) and the (start char, end char) of each span of
    ``doc.spans[group]``, in order.

    Reading a span group makes a Span (and three Tokens) per span: the bounds its component
    noted (:func:`note_span_bounds`) spare later components that while the group is unchanged."""
    if group not in doc.spans:
        return [], []
    spans = doc.spans[group]
    noted = doc.user_data.get((_BOUNDS_KEY, group))
    if noted is not None and noted[0] == id(spans) and noted[1] == len(spans):
        return noted[2], noted[3]
    spans = list(spans)
    return [(s.start, s.end) for s in spans], [(s.start_char, s.end_char) for s in spans]


def fact_span(doc: Doc, start_char: int, end_char: int, label: str | int, item: Any) -> Span | None:
    """A span over [start_char, end_char), widened to whole tokens, carrying `item` as its
    ``span._.fact``; None where the range holds no token. `label`: a string or its key."""
    span = doc.char_span(start_char, end_char, label=label, alignment_mode="expand")
    if span is not None:
        set_fact(doc, span, item)
    return span


def set_fact(doc: Doc, span: Span, item: Any) -> None:
    """``span._.fact = item``."""
    doc.user_data[_extension_key("fact", span.start_char, span.end_char)] = item


def fact_of(doc: Doc, span: Span) -> Any:
    """``span._.fact`` (None when not set)."""
    return doc.user_data.get(_extension_key("fact", span.start_char, span.end_char))


def claimed(doc: Doc, start_char: int, end_char: int, groups: tuple[str, ...]) -> bool:
    """True if [start_char, end_char) overlaps a span already in one of `groups`."""
    for g in groups:
        if g in doc.spans:
            for s in doc.spans[g]:
                if s.start_char < end_char and start_char < s.end_char:
                    return True
    return False


def literal_alternation(strings, not_after: str | None = None, space: str | None = None) -> str:
    r"""A regex matching any of `strings`, longest first, as a trie: ``Bund|Bundes|EU`` ->
    ``(?:Bund(?:es)?|EU)``. Same matches as ``"|".join(sorted(escaped, key=len, reverse=True))``,
    but ``re`` tries one branch per character instead of every string at every position,
    and a pattern that starts with it scans the text for the first characters in C.

    `not_after`: a character class the match may not follow, e.g. ``r"[\w\-]"``: the same as
    ``(?<![\w\-])`` in front, but checked after the first character so the fast scan still works.
    `space`: what a space in the strings matches, e.g. ``r"\s+"`` (default: a space)."""
    trie: dict = {}
    for s in sorted(set(strings)):   # sorted: the same pattern text on every run
        if not s:
            continue
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}   # the end of a string

    def esc(ch: str) -> str:
        return space if ch == " " and space is not None else re.escape(ch)

    def build(node: dict) -> str:
        ends = "" in node
        alts = [esc(ch) + build(child) for ch, child in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:   # greedy: the longer strings are tried first, as in a longest-first alternation
            return body + "?" if len(alts) == 1 and len(alts[0]) == 1 else f"(?:{body})?"
        return body

    if not_after is None:
        return build(trie)
    # (?<!X.) after the first character == (?<!X) before it; (?s:.) is that first character
    return "(?:" + "|".join(esc(ch) + f"(?<!{not_after}(?s:.))" + build(child)
                            for ch, child in trie.items()) + ")"


def nonspace_runs(trigger: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The maximal runs of non-space characters of `text` that hold a match of `trigger`
    (whose matches hold no white space).

    For a pattern whose matches never span white space and always hold a `trigger` match
    (URLs, e-mail addresses, file names), ``pattern.finditer(text, start, end)`` over these
    runs finds exactly what ``pattern.finditer(text)`` finds, without trying the pattern at
    every position of the text."""
    runs: list[tuple[int, int]] = []
    done = 0
    for t in trigger.finditer(text):
        if t.start() < done:
            continue   # in the run just found
        s, e = t.start(), t.end()
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < len(text) and not text[e].isspace():
            e += 1
        runs.append((s, e))
        done = e
    return runs


def matches_at(rx: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for a pattern that can only match at one of `starts` (ascending),
    without trying it at every position of the text (dates and money pass the starts of
    digit runs, month names or trigger words)."""
    done = 0
    for q in starts:
        if q >= done and (m := rx.match(text, q)):
            yield m
            done = m.end()


@functools.lru_cache(maxsize=None)
def data_lines(relpath: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of a data file under ``extractors/data``.

    Data files start with ``#`` header lines naming their source and licence.
    Loaded once per process.
    """
    path = DATA_DIR / relpath
    with path.open(encoding="utf-8") as fh:
        return tuple(line.rstrip("\n") for line in fh if line.strip() and not line.startswith("#"))


def data_table(relpath: str, sep: str = "\t") -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated data file (see :func:`data_lines`)."""
    return tuple(tuple(c.strip() for c in line.split(sep)) for line in data_lines(relpath))
