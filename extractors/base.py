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
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

DATA_DIR = Path(__file__).parent / "data"

for _name, _default in (("published", None), ("zones", None), ("facts", None), ("source_meta", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("fact"):
    Span.set_extension("fact", default=None)


def facts(doc: Doc, kind: str) -> list[Any]:
    """The list of typed items of one kind collected on `doc` (created on first use)."""
    if doc._.facts is None:
        doc._.facts = {}
    return doc._.facts.setdefault(kind, [])


def add_fact(doc: Doc, kind: str, item: Any) -> None:
    facts(doc, kind).append(item)


def zones(doc: Doc) -> dict[str, tuple[int, int]]:
    if doc._.zones is None:
        doc._.zones = {}
    return doc._.zones


def in_zone(doc: Doc, name: str, start: int, end: int | None = None) -> bool:
    """True if the character range [start, end) lies inside the named zone."""
    z = zones(doc).get(name)
    if z is None:
        return False
    end = start if end is None else end
    return z[0] <= start and end <= z[1]


def publication_date(doc: Doc) -> dt.date | None:
    return doc._.published


def add_span(doc: Doc, group: str, span: Span) -> None:
    """Append `span` to ``doc.spans[group]`` (creating the group)."""
    if group in doc.spans:
        doc.spans[group] = list(doc.spans[group]) + [span]
    else:
        doc.spans[group] = [span]


def claimed(doc: Doc, start_char: int, end_char: int, groups: tuple[str, ...]) -> bool:
    """True if [start_char, end_char) overlaps a span already in one of `groups`."""
    for g in groups:
        if g in doc.spans:
            for s in doc.spans[g]:
                if s.start_char < end_char and start_char < s.end_char:
                    return True
    return False


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
