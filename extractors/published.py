"""press_published: the release's own publication date, read from its text.

Runs only when page metadata left ``doc._.published`` empty. Sources, strongest first:

1. a cue on a short line: "erstellt am: 06.12.2018", "Veröffentlicht: ...",
   "Gespeichert von Max Muster am 19. Oktober 2020", "Pressemitteilung vom 3. März 2025",
   "Nr. 23/2026 vom 12.03.2026" (the date may stand on the next line);
2. a dateline or date line in the header: "Hannover, 12.02.2026 –", "(21. Juli 2022)
   München -", "Pressemitteilung 10.07.2024", "Nr. 176/2024 | 19.07.2024 | ...", a line
   holding only the date under the title;
3. a metadata line anywhere: "Stand: 12.02.2026".

Never from relative words ("ab morgen") nor from an event date in the body or on an
event line ("Beginn: 20.11.2024"); a date in the title counts only as "... vom DATE".
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_span, doc_text
from .dates import data_language, explicit_days, lexicon


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    date: dt.date
    rank: int       # 1 cue, 2 dateline / header line, 3 metadata line
    why: str


@functools.lru_cache(maxsize=None)
def _patterns(lang: str = "de") -> dict[str, re.Pattern]:
    lex = lexicon(lang)
    prep = lex.alt("pub_cue_prep")          # "am", "vom", "on"
    return {
        # "erstellt am:", "Gespeichert von Max Muster am", "Veröffentlicht:" right before the date
        "cue": re.compile(rf"(?<![\w]){lex.alt('pub_cue')}(?:\s+{lex.alt('pub_by')}\s+[^\n]{{1,50}}?)?"
                          rf"(?:\s+{prep})?\s*:?\s*$"),
        # "Pressemitteilung Nr. 57/2018 vom", "Bericht aus dem Kabinett vom", "Nr. 23/2026 vom"
        "doc_vom": re.compile(rf"(?:(?<![\w]){lex.alt('pub_doc')}(?![\w])[^\n]{{0,40}}?|\b(?:Nr|No)\.?\s*[\d/.-]+\s+)"
                              rf"{lex.alt('pub_of')}\s+(?:{lex.alt('article')}\s+)?$"),
        "line": re.compile(rf"^\W*{lex.alt('pub_line')}\s*:?\s*(?:{prep}\s+)?$"),
        # a dateline: optional "(" and place words, then the date opening the line
        "dateline_head": re.compile(
            r"^[\s(]*(?:[A-ZÄÖÜ][\w.'/-]*(?:\s*/\s*|\s+)?){0,4}?(?:\([^)\n]{1,20}\)\s*)?[,.]?\s*"
            rf"(?:{lex.alt('dateline_article')}\s+)?\(?$"),
        "dateline_tail": re.compile(r"^\s*(?:\)|[-–—:|/,(]|\.(?:\s|$)|$)"),
        "words": re.compile(r"[\wÄÖÜäöüß]+"),
        "range_next": re.compile(rf"\s*(?:-|–|{lex.alt('range_to')})\s*\d"),
        # before a dateline date: "Krumbach, " or "Krumbach, den " or "("
        "placed": re.compile(rf"[^\W\d_][^,\n]*,\s*(?:{lex.alt('dateline_article')}\s+)?$|^\s*\($"),
    }


@functools.lru_cache(maxsize=None)
def _cue_sets(lang: str = "de") -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(event words lower-cased, prepositions before a date, words that bar a dateline's head)."""
    lex = lexicon(lang)
    event_words = frozenset(w.lower() for w in lex.cue("pub_event"))
    prep_before = lex.cue("pub_prep")
    return event_words, prep_before, event_words | (prep_before - lex.cue("dateline_article"))


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of `text` (split at "\n") and their start offsets."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1     # the next line starts after this one's "\n"
    return lines, starts


def _line_words(pats: dict[str, re.Pattern], before: str, after: str) -> list[str]:
    """The lower-cased words of a date's line around the date."""
    return [w.lower() for w in pats["words"].findall(before + " " + after)]


def _event_time(line_words: list[str], lex) -> bool:
    """"Mittwoch, 20. November 2024, 13.30 Uhr" on its own line announces an event."""
    return bool(line_words) and "uhr" in line_words and line_words[0] in lex.weekdays


def _eventful(words: list[str], event_words: set[str]) -> bool:
    """Does a short line name an event ("Beginn", "Anmeldeschluss", "Veranstaltungshinweis")?"""
    return any(w in event_words or (len(w) >= 5 and any(w.startswith(e) for e in event_words if len(e) >= 4))
               for w in words)


def find_published(text: str, header_lines: int = 8, max_line_chars: int = 120, lang: str = "de") -> Found | None:
    """The publication date stated in `text`, or None (see module docstring)."""
    lang = data_language(lang)
    pats = _patterns(lang)
    lex = lexicon(lang)
    event_words, prep_before, head_bars = _cue_sets(lang)
    line_texts, line_starts = _lines(text)
    nonempty = list(compress(range(len(line_texts)), map(str.strip, line_texts)))
    header: set[int] = set()
    for i in nonempty[:header_lines]:
        header.add(i)
        if len(line_texts[i]) > 200 and len(header) > 1:
            break                                     # the body has started
    early = set(nonempty[:2 * header_lines])
    title = nonempty[0] if nonempty else -1
    best: Found | None = None

    def offer(f: Found) -> None:
        nonlocal best
        if best is None or (f.rank, f.start) < (best.rank, best.start):
            best = f

    for start, end, day in explicit_days(text, lang):
        li = bisect_right(line_starts, start) - 1      # the line holding the date
        ls = line_starts[li]
        le = ls + len(line_texts[li])
        before, after = text[ls:start], text[end:le]
        short = le - ls <= max_line_chars
        prev_line = ""
        if not before.strip():
            prev = bisect_left(nonempty, li)           # nonempty[:prev]: the lines before li
            if prev:
                prev_line = line_texts[nonempty[prev - 1]]
        line_words = None    # the words of the line: only two rules need them (most dates have neither)

        # a cue opens its line: "Wie in der Pressemitteilung vom 3. März berichtet" is no cue
        lead = len(before) <= 60 and (short or li in header)
        if lead and (pats["cue"].search(before) or (prev_line and pats["cue"].search(prev_line)
                                                    and len(prev_line) <= max_line_chars)):
            offer(Found(start, end, day, 1, "cue"))
            continue
        if lead and pats["range_next"].match(after) is None and pats["doc_vom"].search(before):
            offer(Found(start, end, day, 1, "vom"))
            continue
        if pats["dateline_head"].match(before) and pats["dateline_tail"].match(after):
            # a bare "12.02.2026 –" only in the header (later it may start a list of events);
            # "Krumbach, 12.02.2026 –" and "(3. Juni 2017) Krumbach –" also a little further down
            if li in header or (li in early and pats["placed"].search(before) is not None):
                head_words = {w.lower() for w in pats["words"].findall(before)}
                line_words = _line_words(pats, before, after)
                if not _event_time(line_words, lex) and not head_words & head_bars:
                    offer(Found(start, end, day, 2, "dateline"))
                    continue
        if li in header and li != title and short:
            if line_words is None:
                line_words = _line_words(pats, before, after)
            event_time = _event_time(line_words, lex)
            before_words = pats["words"].findall(before)
            last = before_words[-1].lower() if before_words else ""
            if (len(line_words) <= 8 and not _eventful(line_words, event_words)
                    and last not in prep_before and not event_time):
                offer(Found(start, end, day, 2, "header line"))
                continue
        if short and (pats["line"].match(before) or (prev_line and pats["line"].match(prev_line))):
            offer(Found(start, end, day, 3, "metadata line"))
    return best


@Language.factory("press_published", default_config={"header_lines": 8, "max_line_chars": 120,
                                                     "span_group": "published", "lang": None})
def make_press_published(nlp: Language, name: str, header_lines: int, max_line_chars: int, span_group: str,
                         lang: str | None):
    return PressPublished(header_lines, max_line_chars, span_group, lang or nlp.lang)


class PressPublished:
    """Sets ``doc._.published`` from the text when metadata did not; marks the date span."""

    def __init__(self, header_lines: int = 8, max_line_chars: int = 120, span_group: str = "published",
                 lang: str = "de"):
        self.header_lines = header_lines
        self.max_line_chars = max_line_chars
        self.span_group = span_group
        self.lang = data_language(lang)
        _patterns(self.lang)

    def __call__(self, doc: Doc) -> Doc:
        if doc._.published is not None:
            return doc
        found = find_published(doc_text(doc), self.header_lines, self.max_line_chars, self.lang)
        if found is not None:
            doc._.published = found.date
            span = doc.char_span(found.start, found.end, label="PUBLISHED", alignment_mode="expand")
            if span is not None:
                add_span(doc, self.span_group, span)
        return doc
