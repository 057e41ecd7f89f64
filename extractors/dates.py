"""press_dates: calendar days, months and years named in a German release.

Candidates come only from our own patterns over the text ("12. Februar 2026",
"12.02.2026", "Februar 2026", "im September", "2021-2027", "2026", "heute",
"am Montag", "des diesjährigen Wettbewerbs" ...) and are normalised here; no
free-text date search runs (dateparser's turns "die", "mit" or "13,5" into dates).

Values are ISO at the granularity the text names: day, month or year. A day or
month without a year takes it from the publication date, else from the nearest year
in its sentence or the one year the text names, else it is left out. Relative expressions are kept only when the
publication date is known (``doc._.published``) and are marked ``relative``.
Numbers inside URLs, e-mails, file names, phone numbers, reference numbers
("Nr. 23/2026"), paragraph references and money amounts never become years.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from schemas import DateMention

from .base import (DATA_DIR, add_spans, data_table, doc_text, fact_span, facts, literal_alternation,
                   matches_at, nonspace_runs, zones)
from .scan import in_scan_alphabet, scan_alphabet, scan_digits, scan_lower, word_start_scan

MIN_YEAR, MAX_YEAR = 1900, 2100
# web addresses and file names never hold a date (the "url" and "file" patterns, _TRIGGERS)
_TLDS = "de|com|org|net|eu|info"
_FILE_TYPES = "pdf|docx?|xlsx?|pptx?|odt|jpe?g|png|gif|zip|csv"
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")   # inflection endings of the relative adjectives


# ------------------------------------------------------------------ lexicon


def alternation(words, flags: str = "") -> str:
    """Regex alternation of literal `words`, longest first; spaces match any whitespace."""
    parts = {w for w in words if w}
    if not parts:
        return "(?!)"                    # an empty list matches nothing, not the empty string
    if "i" in flags:
        parts = {w.lower() for w in parts}   # one trie branch per letter, whatever its case
    # a trie ("Mai|März" -> "M(?:ai|ärz)"): the same matches as the longest-first list, found faster
    body = literal_alternation(parts, space=r"\s+")
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def literal_branches(words) -> str:
    r"""The alternation of literal `words` as top-level branches, one trie per first character
    ("Tel|Telefon|Fax" -> "Tel(?:efon)?|Fax"; spaces match any white space), to join with
    other branches by "|": where every branch of a pattern opens with a literal character,
    `re` scans the text for those characters in C; a branch that opens with a group makes it
    try the pattern at every position. Matches nothing if `words` is empty."""
    by_first: dict[str, set[str]] = {}
    for w in words:
        if w:
            by_first.setdefault(w[0], set()).add(w)
    if not by_first:
        return "(?!)"
    return "|".join(literal_alternation(ws, space=r"\s+") for _first, ws in sorted(by_first.items()))


def case_variants(words) -> set[str]:
    """`words` as written, capitalised and upper-cased (sentence starts, datelines)."""
    out = set()
    for w in words:
        out |= {w, w[:1].upper() + w[1:], w.upper()}
    return out


@dataclass(frozen=True)
class Lexicon:
    lang: str
    months: dict[str, int]
    weekdays: dict[str, int]
    cues: dict[str, frozenset[str]]
    phrases: dict[str, dict[str, tuple[str, int]]]  # case rule -> surface -> (unit, offset)
    adjs: tuple[tuple[str, str, int, str], ...]       # stem, unit, offset, noun|free
    periods: tuple[str, ...]
    ordinals: tuple[str, ...]
    re: dict[str, re.Pattern]
    digit_free_joints: bool    # no connector word ("bis", "und") opens with a digit (see _digit_starts)
    dotted_days: bool          # a day is always followed by its dot ("12."; see _digit_starts)
    month_first: bool          # dates may open with the month ("February 12, 2026")

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())

    def alt(self, kind: str, flags: str = "") -> str:
        """Regex alternation of the cue words of `kind` (as written, capitalised, upper case)."""
        return alternation(case_variants(self.cue(kind)), flags)


@functools.lru_cache(maxsize=None)
def data_language(lang: str | None) -> str:
    """The language whose ``data/LANG/dates_*.tsv`` files serve `lang` (German if none exist)."""
    return lang if lang and (DATA_DIR / lang / "dates_months.tsv").exists() else "de"


@functools.lru_cache(maxsize=None)
def lexicon(lang: str = "de") -> Lexicon:
    """Word lists from ``data/LANG/dates_*.tsv`` and the patterns built from them (once per language)."""
    lang = data_language(lang)
    table = lambda name: data_table(f"{lang}/dates_{name}.tsv")  # noqa: E731
    months, full_months, abbr_months = {}, [], []
    for surface, num, kind in table("months"):
        for v in case_variants([surface]):
            months[v.lower()] = int(num)
        (full_months if kind == "full" else abbr_months).append(surface)
    weekdays, full_wd, abbr_wd = {}, [], []
    for surface, num, kind in table("weekdays"):
        weekdays[surface.lower()] = int(num)
        (full_wd if kind == "full" else abbr_wd).append(surface)
    cue_sets: dict[str, set[str]] = {}
    for kind, word in table("cues"):
        cue_sets.setdefault(kind, set()).add(word)
    cues = {k: frozenset(v) for k, v in cue_sets.items()}
    c = lambda kind: alternation(case_variants(cues.get(kind, ())))  # noqa: E731
    # relative phrases by case rule; each maps its normalised surface to (unit, offset)
    phrases: dict[str, dict[str, tuple[str, int]]] = {"any": {}, "exact": {}, "merge": {}}
    adjs, blocks = [], []
    for row in table("relative"):
        if row[0] == "phrase":
            phrases[row[4]][row[1].lower()] = (row[2], int(row[3]))
        elif row[0] == "adj":
            adjs.append((row[1], row[2], int(row[3]), row[4]))
        elif row[0] == "block":
            blocks.append(row[1])
    periods = tuple(w for k, w in table("periods") if k == "period")
    ordinals = tuple(w for k, w in table("periods") if k == "ordinal")
    links = tuple(w for k, w in table("periods") if k == "link")
    forms = cues.get("form", frozenset())

    year = r"(?:19\d{2}|20\d{2}|2100)"
    day = r"(?:0?[1-9]|[12]\d|3[01])"
    suffix = r"(?:st|nd|rd|th)?" if "ordinal_suffix" in forms else ""
    mon_full = alternation(case_variants(full_months))
    # an abbreviation needs its period or a year right after it ("Feb. 2026", "Feb 2026")
    mon_abbr = rf"(?:{alternation(case_variants(abbr_months))}(?:\.|(?=\s+{year}(?!\d))))"
    mon_any = rf"(?:{mon_full}(?![\w])|{mon_abbr})"
    end_num = r"(?![\d]|[.,]\d)"
    start_num = r"(?<![\w.,/§])"   # a hyphen before is checked per form ("1.-3. März", "0511-2026")
    wd_full = alternation(case_variants(full_wd))
    wd_abbr = alternation(abbr_wd)
    to = rf"(?:[-–—]|{c('range_to')})"                   # "bis", "to": the two ends of a range
    joint = rf"(?:[-–—/,]|{c('range_to')}|{c('list_and')})"  # also "und", "and": a list
    art = rf"(?:{c('article')})"                          # "den", "the" between the parts
    day_dot = r"\." if "day_nodot" not in forms else r"\.?"
    rx = {
        "iso": rf"(?<![\w.,/-])(?P<y>{year})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])",
        "num_full": rf"{start_num}(?P<d>{day})\.\s?(?P<m>0?[1-9]|1[0-2])\.\s?(?P<y>{year}|\d{{2}}){end_num}",
        # "12. Februar 2026"; English also "12 February 2026", "12th February"
        "text_date": (rf"{start_num}(?P<d>{day})(?:{suffix}{day_dot})(?:\s+(?:of\s+)?|(?<=\.))"
                      rf"(?P<mon>{mon_any})(?![\w-])(?:,?\s+(?P<y>{year}){end_num})?"),
        # English "February 12, 2026", "February 12"
        "month_first": (rf"(?<![\w.])(?P<mon>{mon_any})\s+(?P<d>{day}){suffix}(?![\w]|[.,]\d)(?:,?\s+(?P<y>{year}){end_num})?"
                        if "month_first" in forms else r"(?!)"),
        # "June 13 to 17": the second day of a month-first range
        "day_tail": (rf"\s*{joint}\s*(?P<d>{day}){suffix}(?![\w]|[.,]\d)(?:,?\s+(?P<y>{year}){end_num})?"),
        "num_dm": rf"{start_num}(?P<d>{day})\.(?P<m>0?[1-9]|1[0-2])\.(?!\d)",
        "mon_year": rf"(?<![\w.])(?P<mon>{mon_any})\s*,?\s*(?P<y>{year}){end_num}",
        "num_month": rf"{start_num}(?P<m>0[1-9]|1[0-2])\.(?P<y>20\d{{2}}){end_num}",
        "year_range": (rf"{start_num}(?P<y1>{year})\s*(?P<conn>[-–—/]|{c('range_to')}|{c('list_and')})\s*"
                       rf"(?P<y2>{year}|\d{{2}})(?![\d/]|[.,]\d)"),
        "between": rf"(?:{c('range_between')})\s+(?:{art}\s+)?$",
        "day_partial": (rf"{start_num}(?P<d>{day})(?P<tail>{suffix}{day_dot})\s*"
                        rf"(?=(?:{joint})\s*(?:{art}\s+)?{day}{suffix}{day_dot}(?!\d))"),
        "month_partial": (rf"(?<![\w.])(?P<mon>{mon_full})(?=\s*(?:[-–—/]|{c('range_to')}|{c('list_and')})\s*"
                          rf"{mon_full}\s+{year})"),
        "month_cue": rf"(?<![\w.])(?P<cue>{c('month_cue')})\s+(?P<mon>{mon_full})(?![\w-])(?!\s*\d)",
        "month_chain": (rf"(?<![\w.])(?P<m1>{mon_full})\s*(?:{joint}|{c('month_chain')})\s*"
                        rf"(?P<mon>{mon_full})(?![\w-])(?!\s*\d)"),
        "year": rf"{start_num}(?P<y>{year})(?![\w]|[.,]\d|/\d|[-–]\d)",
        "weekday": (rf"(?<![\w])(?P<pre>(?:{c('weekday_prep')}\s+)+)"
                    rf"(?:{art}\s+)?(?:\(?(?P<adj>{c('weekday_adj')})\)?\s+)?"
                    rf"(?P<wd>{wd_full})(?:{c('part_of_day')})?(?![\w])"
                    # "am Montag nächster Woche", "am Freitag der vergangenen Woche"
                    rf"(?:\s+(?:{art}\s+)?(?P<week>{c('week_next')}|{c('week_prev')})\s+(?:{c('week_word')}))?"),
        "weekday_prefix": rf"(?:{wd_full}|{wd_abbr}\.?)\s*,?\s*(?:{art}\s+)?$",
        "weekday_span": rf"\s*{to}\s*(?:{wd_full}|{wd_abbr}\.)",
        "weekday_span_end": rf"(?:{wd_full}|{wd_abbr}\.)\s*{to}\s*$",
        "absorb": rf"\s*,?\s*(?:{art}\s+)?\(?",
        "conn_range": rf"^\s*{to}\s*(?:{art}\s+)?$",
        "conn_list": rf"^\s*{joint}\s*(?:{art}\s+)?$",
        "conn_and": rf"^\s*(?:{c('list_and')})\s+(?:{art}\s+)?$",
        "rel_adj": (rf"(?<![\w])(?P<adj>(?P<stem>{alternation(case_variants(a[0] for a in adjs))})"
                    rf"(?:{'|'.join(_ADJ_ENDINGS)}))"
                    rf"\s+(?P<noun>[\w-]+)"),
        "idiom": rf"(?<![\w]){alternation(blocks, 'i')}(?![\w])",
        "rel_any": rf"(?<![\w-]){alternation(phrases['any'], 'i')}(?![\w-])",
        "rel_merge": rf"(?<![\w-]){alternation(phrases['merge'], 'i')}(?![\w-])",
        # "morgen", and "Morgen" only opening a sentence before a lower-case word:
        # elsewhere the capitalised form is the noun ("am Morgen", "Guten Morgen")
        "rel_exact": (rf"(?m:(?<![\w-]){alternation(phrases['exact'])}(?![\w-])"
                      rf"|(?:^|(?<=[.!?:]\s)|(?<=[„\"])){alternation(w.capitalize() for w in phrases['exact'])}"
                      rf"(?=\s+[a-zäöü]))"),
        "count_before": rf"(?<![\w])(?:{c('count_before')})\s*$",
        "count_exception": rf"\s*(?:{c('count_exception')})(?![\w])",
        "period_before": (rf"(?:(?:{alternation(ordinals)})\s+)?{alternation(case_variants(periods))}(?:es|s)?\s+"
                          rf"(?:{alternation(links)}\s+)?$"),
        "url": rf"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:{_TLDS})(?:/\S*)?(?![\w])",
        "email": r"(?<![\w.+-])[\w.+-]+(?:@| ?\[at\] ?)[\w-]+(?:\.[\w-]+)+",
        "file": rf"(?<![\w./-])[\w./-]+\.(?:{_FILE_TYPES})\b",
        # numbers never continue across a line break: "Absatz\n12.03.2026" is two things
        "phone": (rf"(?:\b(?:{c('phone_word')})\.?[ \t]*:?[ \t]*|\+)[\d(][\d \t/().–-]{{4,}}\d"
                  r"|(?<![\d.,])0\d{2,5}[ \t]?[/ -][ \t]?\d{2,}(?:[ \t-]\d+)*"),
        "reference": (rf"(?:(?<![\w])(?:{alternation(cues.get('year_blocker', set()) - {'A', 'B', 'L', 'K'})})[ \t]*:?[ \t]*|"
                      r"(?<![\w])(?:[ABLK])[ \t])\d[\w./-]*"),
        # what every match of "email", "phone" and "reference" holds (none spans a line break):
        # they are tried only on the lines holding one (see _Blocked); each alternative opens
        # with a literal character, so that `re` scans for those in C (see literal_branches)
        "email_trigger": r"@|\[at\]",
        "phone_trigger": "|".join([r"\+", r"0(?<![\d.,]0)\d",   # not the 0 of "2026"
                                   literal_branches(case_variants(cues.get("phone_word", ())))]),
        "reference_trigger": "|".join([literal_branches(cues.get("year_blocker", set()) - {"A", "B", "L", "K"}),
                                       *(rf"{c}[ \t]" for c in "ABLK")]),
    }
    return Lexicon(
        lang=lang, months=months, weekdays=weekdays, cues=cues,
        phrases=phrases, adjs=tuple(adjs), periods=periods, ordinals=ordinals,
        re={k: re.compile(v) for k, v in rx.items()},
        digit_free_joints=not any(re.match(r"\d", w) for k in ("range_to", "list_and") for w in cues.get(k, ())),
        dotted_days=not suffix and day_dot == r"\.",
        month_first="month_first" in forms,
    )


# ------------------------------------------------------------------ candidates


@dataclass
class Atom:
    """One date expression found in the text, before and after resolution."""

    start: int
    end: int
    kind: str                       # explicit | partial | year | month_cue | relative | weekday
    y: int | None = None
    m: int | None = None
    d: int | None = None
    unit: str | None = None         # relative: day | month | year
    offset: int = 0                 # relative: in `unit` from the publication date
    weekday: int | None = None
    mode: str | None = None         # weekday: next | prev | upcoming | week+1 | week-1 | None (tense)
    range_id: int | None = None
    range_part: str | None = None
    year_offset: int | None = None  # "September dieses Jahres": year from the publication date
    merge_only: bool = False        # "des Vorjahres": a date only as part of "15.12. des Vorjahres"

    @property
    def weak(self) -> bool:
        """Bare years and relative words: skipped in the press-contact block."""
        return self.kind in ("year", "relative", "weekday")


class _Blocked:
    """Character ranges that never hold a date: URLs, e-mails, files, phones, references.

    Asked range by range (:meth:`overlaps`): the e-mail, phone and reference patterns match
    within a line, and most lines hold no candidate date, so they are tried only on the lines
    a candidate touches, once per line; URLs and files are found up front (cheap scans)."""

    _LINE_BOUND = ("email", "phone", "reference")   # each with a "_trigger" pattern (see lexicon)

    def __init__(self, text: str, lex: Lexicon):
        self.text, self.lex = text, lex
        # matches without white space: only the non-space runs holding a trigger
        self.spans = [m.span() for name in ("url", "file") for s, e in nonspace_runs(_TRIGGERS[name], text)
                      for m in lex.re[name].finditer(text, s, e)]
        self._lines: dict[int, list[tuple[int, int]]] = {}   # line start -> the matches on it

    def overlaps(self, start: int, end: int) -> bool:
        """Does [start, end) overlap a blocked range?"""
        if _overlaps(self.spans, start, end):
            return True
        text = self.text
        line = text.rfind("\n", 0, start) + 1
        while True:                     # the lines [start, end) touches
            line_end = text.find("\n", line)
            line_end = len(text) if line_end < 0 else line_end
            if _overlaps(self._on_line(line, line_end), start, end):
                return True
            if line_end + 1 >= end:
                return False
            line = line_end + 1

    def _on_line(self, start: int, end: int) -> list[tuple[int, int]]:
        """The e-mail, phone and reference matches on the line [start, end): what
        ``pattern.finditer(text)`` finds there: these patterns match within a line, and
        only where their trigger does."""
        found = self._lines.get(start)
        if found is None:
            text, rx = self.text, self.lex.re
            found = self._lines[start] = [m.span() for name in self._LINE_BOUND
                                          if rx[name + "_trigger"].search(text, start, end)
                                          for m in rx[name].finditer(text, start, end)]
        return found


@functools.lru_cache(maxsize=4)
def _blocked(text: str, lang: str) -> _Blocked:
    # one per text: press_published and press_dates both ask about the same document
    return _Blocked(text, lexicon(lang))


# What every match of the "url" and "file" patterns holds (neither spans white space).
_TRIGGERS = {
    "url": re.compile(rf"https?://|www\.|\.(?:{_TLDS})"),
    "file": re.compile(rf"\.(?:{_FILE_TYPES})"),
}
_DIGIT_RUN = re.compile(r"\d+")
# the digit runs of one or two digits followed by a dot (group 1 set), and those of four
# digits (see _digit_starts); the first digit up front, so that `re` scans for it in C
_DAY_OR_YEAR_RUN = re.compile(r"\d(?<!\d\d)(?:(\d?\.)|\d{3}(?!\d))")


def _digit_starts(text: str, lex: Lexicon, runs: list[tuple[int, int]] | None = None
                  ) -> tuple[list[int], list[int]]:
    """(day starts, year starts): the starts of the digit runs where the patterns opening with
    a day or month ("num_full", "text_date", "num_dm", "num_month", "day_partial") and those
    opening with a year ("iso", "year_range", "year") may match.

    A day or month has one or two digits, a year four, and every pattern follows them with a
    non-digit, so the run holds just them: with "year_range" and "day_partial" that needs
    connector words that do not open with a digit (checked when the lexicon is built).
    Without ordinal suffixes and with the day's dot required (German) every day or month
    is followed by a dot.
    `runs`: the (start, end) of the digit runs, if known (those preceded by a word character
    may be left out: the patterns bar one before them)."""
    if runs is None:
        if lex.digit_free_joints and lex.dotted_days:   # the common case: one scan in C
            days, years = [], []
            for m in _DAY_OR_YEAR_RUN.finditer(text):
                (years if m.lastindex is None else days).append(m.start())
            return days, years
        runs = [m.span() for m in _DIGIT_RUN.finditer(text)]
    if not lex.digit_free_joints:
        return [s for s, _ in runs], [s for s, _ in runs]
    if lex.dotted_days:
        return [s for s, e in runs if e - s <= 2 and text[e:e + 1] == "."], [s for s, e in runs if e - s == 4]
    return [s for s, e in runs if e - s <= 2], [s for s, e in runs if e - s == 4]


@functools.lru_cache(maxsize=None)
def _month_trigger(lang: str) -> re.Pattern | None:
    """Where a month name may start: the first word of every written form of the month
    names (as the patterns spell them), or None if a form does not open with a word character."""
    firsts = set()
    for surface, _num, _kind in data_table(f"{lang}/dates_months.tsv"):
        for v in case_variants([surface]):
            m = re.match(r"\w+", v)
            if m is None:
                return None
            firsts.add(m.group())
    return re.compile(literal_alternation(firsts))


def _month_starts(text: str, lang: str) -> list[int] | None:
    """The candidate starts of the patterns that open with a month name after a look-behind
    barring a word character ("mon_year", "month_partial", "month_chain", "month_first"):
    such a match starts a word run that is the first word of a month form. None: not known."""
    trigger = _month_trigger(lang)
    return None if trigger is None else [m.start() for m in trigger.finditer(text)]


# ------------------------------------------------------------------ word-led scans
#
# `re` tries a pattern that opens with a look-behind such as (?<![\w-]) at every position of
# the text, and there the \w test alone costs about as much as a whole failed attempt. Most
# patterns here open with one of a few words, so one scan finds where those words stand and
# each pattern is tried only there (as with the digit runs and month names above): see scan.py.

_LEADING_RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class WordTrigger:
    """Finds where the words that may open a match of some patterns stand (see word_trigger),
    and the digit runs that open a word."""

    after: re.Pattern                    # a non-word character, then one of the words or digits
    first: re.Pattern                    # the same at the start of the text
    names: dict[str, tuple[str, ...]]    # word -> the patterns it may open
    covered: tuple[str, ...]             # the patterns whose starts it finds

    def starts(self, text: str, low: str | None = None) -> dict[str, list] | None:
        """Pattern name -> where in `text` it may match, ascending, for the covered patterns,
        and DIGIT_RUNS -> (start, end) of the digit runs not preceded by a word character;
        None if `text` is outside scan_alphabet() (then scan the whole text). `low`:
        ``text.lower()`` if the caller knows `text` is inside scan_alphabet()."""
        if low is None:
            if not in_scan_alphabet(text):
                return None
            low = text.lower()               # as long as `text`: the alphabet lowers 1:1
        out: dict[str, list] = {name: [] for name in self.covered}
        runs = out[DIGIT_RUNS] = []
        names = self.names
        m = self.first.match(low)
        for m in ([m] if m else []) + list(self.after.finditer(low)):
            word = m.group(1)
            if word is None:
                runs.append(m.span(2))
            else:
                pos = m.start(1)
                for name in names[word]:
                    out[name].append(pos)
        return out


DIGIT_RUNS = "digit runs"   # see WordTrigger.starts


def first_words(forms, case_insensitive: bool) -> set[str] | None:
    """The lower-cased leading word runs of `forms`, the literal texts a pattern opens with
    (as written, or lower-cased for a case-insensitive pattern); None if one does not open
    with a letter or holds a character outside scan_alphabet()."""
    alphabet = set(scan_alphabet())
    out = set()
    for form in forms:
        form = form.lower() if case_insensitive else form
        m = _LEADING_RUN.match(form)
        if m is None or m.group()[0].isdigit() or not set(form) <= alphabet:
            return None
        out.add(m.group().lower())
    return out


def word_trigger(words: dict[str, set[str] | None]) -> WordTrigger:
    r"""A WordTrigger for patterns that match only at the start of a word run of the text
    (after a non-word character or at the start) that is one of their `words` (lower-cased,
    see first_words); a pattern whose words are None is left out.

    The caller vouches that in every match the run ends where the form's run ends: the form
    goes on with a non-word character, or the pattern with white space or (?!\w)."""
    names: dict[str, list[str]] = {}
    for name, ws in words.items():
        for w in ws or ():
            names.setdefault(w, []).append(name)
    # the alphabet's digits are \d's; no word opens with one (first_words)
    after, first = word_start_scan(rf"({literal_alternation(names) if names else '(?!)'})(?!\w)|([{scan_digits()}]+)")
    return WordTrigger(after, first, {w: tuple(ns) for w, ns in names.items()},
                       tuple(name for name, ws in words.items() if ws is not None))


@functools.lru_cache(maxsize=None)
def _led_trigger(lang: str) -> WordTrigger:
    """The WordTrigger of the word-led patterns of `lang` (those _scan takes)."""
    lex = lexicon(lang)
    blocks = [row[1] for row in data_table(f"{lex.lang}/dates_relative.tsv") if row[0] == "block"]
    variants = lambda kind: case_variants(lex.cue(kind))  # noqa: E731
    adj_forms = {v + e for v in case_variants(a[0] for a in lex.adjs) for e in _ADJ_ENDINGS}
    exact = set(lex.phrases["exact"]) | {w.capitalize() for w in lex.phrases["exact"]}
    # each pattern follows these forms with white space or a look-ahead barring \w
    return word_trigger({
        "idiom": first_words(blocks, True),
        "rel_any": first_words(lex.phrases["any"], True),
        "rel_merge": first_words(lex.phrases["merge"], True),
        "rel_exact": first_words(exact, False),
        "weekday": first_words(variants("weekday_prep"), False),
        "rel_adj": first_words(adj_forms, False),
        "month_cue": first_words(variants("month_cue"), False),
    })


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    for a, b in spans:
        if a < e and s < b:
            return True
    return False


def _two_digit_year(y: str) -> int:
    return 2000 + int(y) if len(y) == 2 else int(y)


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    try:
        dt.date(y or 2000, m or 1, d or 1)
    except ValueError:
        return False
    return y is None or MIN_YEAR <= y <= MAX_YEAR


def _prev_word(text: str, pos: int) -> str:
    r"""The run of non-space characters ending `pos` but for spaces and tabs (within 40
    characters), else "": what ``re.search(r"(\S+)[ \t\u00a0]*$", ...)`` finds, without
    trying that pattern at every position of the window."""
    chunk = text[max(0, pos - 40):pos]
    if chunk.endswith("\n"):              # "$" matches before a final line break too
        chunk = chunk[:-1]
    chunk = chunk.rstrip(" \t\u00a0")
    if not chunk or chunk[-1].isspace():   # str.isspace is re's \s
        return ""
    return chunk.rsplit(None, 1)[-1]


_NEXT_WORD = re.compile(r"[ \t\u00a0]*([^\s,;:()]+)")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, pos + 40)
    return m.group(1) if m else ""


@functools.lru_cache(maxsize=None)
def _lower_cues(lang: str, kind: str) -> frozenset[str]:
    """The cue words of `kind`, lower-cased."""
    return frozenset(w.lower() for w in lexicon(lang).cue(kind))


def _is_year(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """Is the bare 4-digit number at [s, e) a year rather than a count, code or measure?"""
    prev, nxt = _prev_word(text, s), _next_word(text, e)
    if s >= 2 and text[s - 1] in "-–" and text[s - 2].isdigit():     # "0511 120-2026"
        return False
    if s >= 2 and text[s - 2].isdecimal() and text[s - 1].isspace():   # "26 061": digit groups
        # (what r"\d[\s\u00a0\u202f]$" finds in the two characters before: isdecimal is \d, isspace \s)
        return False
    blockers, units = lex.cue("year_blocker"), lex.cue("unit_after")
    if prev in blockers or prev.rstrip(":") in blockers:
        return False
    if nxt in units or nxt.rstrip(".") in units:
        return False
    if lex.re["count_before"].search(text, max(0, s - 30), s) and not lex.re["count_exception"].match(text, e):
        return False                                            # "rund 2030 Gäste", not "über 2030 hinaus"
    if text[s:e].endswith("00") and prev.lower() not in _lower_cues(lex.lang, "year_cue"):  # "2000 Gäste"
        return False
    return True


def _find_atoms(text: str, lex: Lexicon, blocked: _Blocked, days_only: bool = False,
                starts: dict[str, list] | None = None, skip: list[tuple[int, int]] = ()) -> list[Atom]:
    """Every candidate expression, longest forms first; later forms skip taken ranges.

    `days_only`: stop after the full dates with day and year (all the dateline search needs).
    `starts`: where the word-led patterns may match, and the digit runs (WordTrigger.starts).
    `skip`: ranges taken before (money amounts).
    """
    taken: list[tuple[int, int]] = list(skip)
    atoms: list[Atom] = []

    def add(atom: Atom) -> None:
        if _overlaps(taken, atom.start, atom.end) or blocked.overlaps(atom.start, atom.end):
            return
        taken.append((atom.start, atom.end))
        atoms.append(atom)

    month = lambda s: lex.months.get(s.rstrip(".").lower())  # noqa: E731
    R = lex.re
    days, years = _digit_starts(text, lex, starts.get(DIGIT_RUNS) if starts else None)
    months: list[int] | None = None   # found when a pattern first needs them (in days_only mode: none in German)

    def month_matches(name: str) -> Iterator[re.Match]:
        nonlocal months
        if months is None:
            months = _month_starts(text, lex.lang)
            if months is None:
                return R[name].finditer(text)
        return matches_at(R[name], text, months)

    for mt in matches_at(R["iso"], text, years):
        y, mo, d = int(mt["y"]), int(mt["m"]), int(mt["d"])
        if _valid(y, mo, d):
            add(Atom(mt.start(), mt.end(), "explicit", y, mo, d))
    for mt in matches_at(R["num_full"], text, days):
        y, mo, d = _two_digit_year(mt["y"]), int(mt["m"]), int(mt["d"])
        if _valid(y, mo, d):
            add(Atom(mt.start(), mt.end(), "explicit", y, mo, d))
    # "February 12, 2026" only where the language writes the month first
    for name in ("text_date", "month_first") if lex.month_first else ("text_date",):
        found = matches_at(R[name], text, days) if name == "text_date" else month_matches(name)
        for mt in found:
            y = int(mt["y"]) if mt["y"] else None
            mo, d = month(mt["mon"]), int(mt["d"])
            if _valid(y, mo, d):
                add(Atom(mt.start(), mt.end(), "explicit", y, mo, d))
            tail = R["day_tail"].match(text, mt.end()) if name == "month_first" and not mt["y"] else None
            if tail and _valid(None, mo, int(tail["d"])):
                ty = int(tail["y"]) if tail["y"] else None
                atoms[-1].y = atoms[-1].y or ty
                add(Atom(tail.start("d"), tail.end(), "explicit", ty, mo, int(tail["d"])))
    if days_only:
        return sorted((a for a in atoms if a.y), key=lambda a: a.start)
    for mt in matches_at(R["num_dm"], text, days):
        d, mo = int(mt["d"]), int(mt["m"])
        # "1.2." is often an outline number: need a two-digit month or a date word before
        prev = _prev_word(text, mt.start()).rstrip(":,").lower()
        # a weekday before it makes it a date too: "Montag, 18.8.", "Di. 19.8."
        if _valid(None, mo, d) and (len(mt["m"]) == 2 or prev in lex.cue("day_cue")
                                    or prev.rstrip(".") in lex.weekdays):
            add(Atom(mt.start(), mt.end(), "explicit", None, mo, d))
    for mt in month_matches("mon_year"):
        add(Atom(mt.start(), mt.end(), "explicit", int(mt["y"]), month(mt["mon"])))
    for mt in matches_at(R["num_month"], text, days):
        add(Atom(mt.start(), mt.end(), "explicit", int(mt["y"]), int(mt["m"])))
    for mt in matches_at(R["year_range"], text, years):
        y1, y2s, conn = int(mt["y1"]), mt["y2"], mt["conn"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        ok = y1 < y2 <= y1 + 50 and _valid(y2, None, None)
        if conn == "/":
            ok = ok and y2 == y1 + 1                       # "2023/24", a school or fiscal year
        if conn.lower() in lex.cue("list_and"):
            # "zwischen 2021 und 2027" is a range; "2017 und 2018" are two years (found below)
            ok = ok and lex.re["between"].search(text, max(0, mt.start() - 16), mt.start()) is not None
        if ok and not _overlaps(taken, mt.start(), mt.end()) and not blocked.overlaps(mt.start(), mt.end()):
            a = Atom(mt.start("y1"), mt.end("y1"), "year", y1)
            b = Atom(mt.start("y2"), mt.end("y2"), "year", y2)
            if conn != "/":                            # "2023/24" names two years, not a period
                a.range_part, b.range_part = "start", "end"
                a.range_id = b.range_id = -1          # numbered in _link
            taken.append((mt.start(), mt.end()))
            atoms += [a, b]
    for mt in matches_at(R["day_partial"], text, days):
        add(Atom(mt.start(), mt.end("tail"), "partial", d=int(mt["d"])))
    for mt in month_matches("month_partial"):
        add(Atom(mt.start(), mt.end(), "partial", m=month(mt["mon"])))
    for mt in _scan(lex, "month_cue", text, starts):
        cue = mt["cue"]
        start = mt.start() if cue.lower() in {p.lower() for p in lex.periods} else mt.start("mon")
        if month(mt["mon"]) == 8 and re.match(r"\s+[A-ZÄÖÜ]\w*", text[mt.end():]) and not re.match(
                r"\s+(?:\d|[A-ZÄÖÜ]\w*\s+\d)", text[mt.end():]):
            # "August Müller": a given name, not the month
            continue
        add(Atom(start, mt.end(), "month_cue", m=month(mt["mon"])))
    cue_spans = [(a.start, a.end) for a in atoms if a.kind == "month_cue"]
    for mt in month_matches("month_chain"):
        if _overlaps(cue_spans, mt.start("m1"), mt.end("m1")):     # "im Juli und August"
            add(Atom(mt.start("mon"), mt.end("mon"), "month_cue", m=month(mt["mon"])))
    for mt in matches_at(R["year"], text, years):
        if _is_year(text, mt.start(), mt.end(), lex):
            add(Atom(mt.start(), mt.end(), "year", int(mt["y"])))
    atoms.sort(key=lambda a: a.start)
    _widen_periods(text, atoms, lex)
    return atoms


@functools.lru_cache(maxsize=None)
def _period_ends(lang: str) -> tuple[str, ...] | None:
    """How the text before the last white space of a "period_before" match ends: with the last
    word of a period (and "es" or "s") or of a link, as the pattern spells them (a space in
    them matches any white space); None if one is not known."""
    lex = lexicon(lang)
    links = tuple(w for k, w in data_table(f"{lex.lang}/dates_periods.tsv") if k == "link")
    ends = tuple(v + s for v in case_variants(lex.periods) for s in ("", "es", "s")) + links
    ends = tuple(e.rsplit(" ", 1)[-1] for e in ends)
    return None if any(not e or any(c.isspace() for c in e) for e in ends) else ends


def _widen_periods(text: str, atoms: list[Atom], lex: Lexicon) -> None:
    """Let "Ende März 2026", "1. Halbjahr 2025" span their period word (value unchanged)."""
    ends = _period_ends(lex.lang)
    for a in atoms:
        # the pattern ends in white space (before "$") after a period or link word: no need to
        # try it elsewhere
        if a.kind in ("explicit", "year", "month_cue") and a.d is None and a.start and text[a.start - 1].isspace():
            lo = max(0, a.start - 40)
            if ends is not None and not text[lo:a.start].rstrip().endswith(ends):
                continue
            m = lex.re["period_before"].search(text, lo, a.start)
            if m:
                a.start = m.start()


def _relative_atoms(text: str, lex: Lexicon, blocked: _Blocked,
                    taken: list[tuple[int, int]], starts: dict[str, list[int]] | None = None) -> list[Atom]:
    """Relative expressions: "heute", "am Montag", "in diesem Jahr", "die heutige Sitzung".

    `starts`: where the word-led patterns may match (see :func:`_scan`)."""
    out: list[Atom] = []
    block = [m.span() for m in _scan(lex, "idiom", text, starts)]

    def add(atom: Atom) -> None:
        spans = taken + [(a.start, a.end) for a in out]
        if (not _overlaps(spans, atom.start, atom.end) and not _overlaps(block, atom.start, atom.end)
                and not blocked.overlaps(atom.start, atom.end)):
            out.append(atom)

    for mt in _scan(lex, "weekday", text, starts):
        if lex.re["weekday_span"].match(text, mt.end()) or lex.re["weekday_span_end"].search(
                text, max(0, mt.start("wd") - 20), mt.start("wd")):
            continue                      # "von Montag bis Freitag": opening hours, no date
        pre = {w.lower() for w in mt["pre"].split()}
        adj = (mt["adj"] or "").lower()
        mode = None
        if pre & {w.lower() for w in lex.cue("weekday_next")}:
            mode = "next"
        elif pre & {w.lower() for w in lex.cue("weekday_prev")}:
            mode = "prev"
        elif pre & {w.lower() for w in lex.cue("weekday_upcoming")}:
            mode = "upcoming"                    # a deadline or start: this day or the next such
        week = (mt["week"] or "").lower()
        if week:
            mode = "week+1" if week in {w.lower() for w in lex.cue("week_next")} else "week-1"
        offset = next((o for stem, u, o, _ in lex.adjs if u == "day" and adj.startswith(stem.lower())), None)
        if adj and offset is not None:           # "am (heutigen) Donnerstag" names the day itself
            add(Atom(mt.start(), mt.end(), "relative", unit="day", offset=offset))
        else:
            add(Atom(mt.start(), mt.end(), "weekday", weekday=lex.weekdays[mt["wd"].lower()], mode=mode))
    for mt in _scan(lex, "rel_adj", text, starts):
        stem = mt["stem"].lower()
        _, unit, offset, need = next(a for a in lex.adjs if a[0].lower() == stem)
        noun = mt["noun"]
        if need == "noun":
            low = noun.lower()
            ok = (noun in lex.cue("event_noun") or low in lex.weekdays
                  or any(low.endswith(s) for s in lex.cue("event_suffix")))
            if not ok:
                continue                  # "heutige Anforderungen": present-day, not a date
        end = mt.end("noun") if need == "noun" else mt.end("adj")
        add(Atom(mt.start(), end, "relative", unit=unit, offset=offset))
    for rule in ("exact", "any", "merge"):
        for mt in _scan(lex, f"rel_{rule}", text, starts):
            found = lex.phrases[rule].get(" ".join(mt.group(0).lower().split()))
            if found:                     # None only for odd case folds ("ſ" matches "s")
                add(Atom(mt.start(), mt.end(), "relative", unit=found[0], offset=found[1],
                         merge_only=rule == "merge"))
    return out


@functools.lru_cache(maxsize=None)
def _needles(lang: str) -> dict[str, tuple[str, ...]]:
    """For case-sensitive patterns built from word lists: strings one of which every match
    holds (the first word of each form the pattern spells), so a text without any of them
    need not be scanned."""
    lex = lexicon(lang)
    firsts = lambda forms: tuple({f.split()[0] for f in forms if f.strip()})  # noqa: E731
    full_wd = [surface for surface, _num, kind in data_table(f"{lex.lang}/dates_weekdays.tsv") if kind == "full"]
    return {
        "rel_exact": firsts(w for p in lex.phrases["exact"] for w in (p, p.capitalize())),
        "weekday": firsts(case_variants(full_wd)),
        "rel_adj": firsts(case_variants(a[0] for a in lex.adjs)),
    }


def _scan(lex: Lexicon, name: str, text: str, starts: dict[str, list[int]] | None = None) -> Iterator[re.Match]:
    """``lex.re[name].finditer(text)`` for a word-led pattern: tried only at its `starts`
    (from :func:`_led_trigger`) if known, else skipped when the text holds none of the
    pattern's needles (if it has any)."""
    if starts is not None and name in starts:
        return matches_at(lex.re[name], text, starts[name])
    needles = _needles(lex.lang).get(name)
    if needles is not None and not any(w in text for w in needles):
        return iter(())
    return lex.re[name].finditer(text)


# ------------------------------------------------------------------ resolution


# r"(?<!\d)[.!?]\s|\n" and r"(?<!\d)[.!?](?:\s|$)|\n" with the mark or line break up front, so that
# `re` scans for them in C (a pattern whose branches do not all open so is tried at every position)
_CLAUSE_END_LEFT = re.compile(r"[\n.!?](?:(?<=\n)|(?<!\d.)\s)")
_CLAUSE_END_RIGHT = re.compile(r"[\n.!?](?:(?<=\n)|(?<!\d.)(?:\s|$))")


def _tense(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """'future' or 'past' from the cue verb nearest to [start, end) in its sentence."""
    left = _CLAUSE_END_LEFT.split(text[max(0, start - 200):start])[-1]
    right = _CLAUSE_END_RIGHT.split(text[end:end + 200])[0]
    future, past = lex.cue("future"), lex.cue("past")
    best = None
    for side, chunk in (("l", left), ("r", right)):
        words = _LEADING_RUN.findall(chunk)
        if future.isdisjoint(words) and past.isdisjoint(words):
            continue                      # mostly: no cue verb on this side
        if side == "l":
            words = words[::-1]
        for dist, w in enumerate(words):
            kind = "future" if w in future else "past" if w in past else None
            if kind and (best is None or dist < best[0]):
                best = (dist, kind)
                break
    return best[1] if best else None


def _link(text: str, atoms: list[Atom], lex: Lexicon) -> None:
    """Fill partial atoms from their right neighbour and mark ranges ("vom 1. bis 3. März")."""
    conn_range, conn_list = lex.re["conn_range"], lex.re["conn_list"]
    for i in range(len(atoms) - 2, -1, -1):
        a, b = atoms[i], atoms[i + 1]
        gap = text[a.end:b.start]
        if (a.kind == "partial" and b.kind in ("explicit", "partial", "month_cue") and b.m is not None
                and conn_list.match(gap)):
            if a.d is not None and b.d is None:
                continue
            a.m = a.m or b.m
            a.y = b.y
            a.kind = "explicit" if b.kind != "month_cue" else "month_cue"
            if b.y and a.m and b.m and (a.m, a.d or 0) > (b.m, b.d or 0):
                a.y = b.y - 1                                 # "28. Dezember bis 3. Januar 2026"
        elif a.kind == "explicit" and b.kind == "explicit" and a.y is None and b.y and conn_list.match(gap):
            a.y = b.y - 1 if (a.m, a.d or 0) > (b.m, b.d or 0) else b.y
    rid = 0
    for i in range(len(atoms) - 1):
        a, b = atoms[i], atoms[i + 1]
        if a.range_id == -1 and b.range_id == -1:          # a year range found as one match
            rid += 1
            a.range_id = b.range_id = rid
            continue
        if a.kind != b.kind or a.kind not in ("explicit", "month_cue"):
            continue
        gap = text[a.end:b.start]
        zwischen = (lex.re["between"].search(text, max(0, a.start - 16), a.start)
                    and lex.re["conn_and"].match(gap))
        if conn_range.match(gap) or zwischen:
            rid += 1
            a.range_id, a.range_part, b.range_id, b.range_part = rid, "start", rid, "end"


def _merge_relative_years(text: str, atoms: list[Atom], lex: Lexicon) -> list[Atom]:
    """'Ende Januar dieses Jahres', 'im März des vorigen Jahres': one month or day, not a year too."""
    out: list[Atom] = []
    for a in atoms:
        prev = out[-1] if out else None
        if (prev is not None and a.kind == "relative" and a.unit == "year" and prev.y is None
                and prev.kind in ("explicit", "month_cue")
                and text[prev.end:a.start].strip().lower() in {""} | lex.cue("genitive")):
            prev.year_offset, prev.end = a.offset, a.end
            continue
        out.append(a)
    return out


def _absorb_weekdays(text: str, atoms: list[Atom], rel: list[Atom], lex: Lexicon) -> list[Atom]:
    """'am Dienstag, 30. April 2024', 'morgen, den 19. November': one explicit date, no relative."""
    starts = {a.start: a for a in atoms if a.kind == "explicit"}
    keep = []
    for r in rel:
        m = lex.re["absorb"].match(text, r.end)
        target = starts.get(m.end()) if m else None
        if target is not None and r.unit in (None, "day"):
            target.start = r.start
            continue
        keep.append(r)
    # a bare weekday name right before an explicit date ("Mittwoch, 20. November 2024")
    for a in atoms:
        if a.kind == "explicit":
            m = lex.re["weekday_prefix"].search(text, max(0, a.start - 20), a.start)
            if m:
                a.start = m.start()
    return keep


def _context_year(a: Atom, atoms: list[Atom], sent_bounds: list[tuple[int, int]]) -> int | None:
    """The nearest explicit year in the same sentence, else the one year the text's dates share."""
    for s, e in sent_bounds:
        if s <= a.start < e:
            near = [(abs(b.start - a.start), b.y) for b in atoms
                    if b is not a and b.y and s <= b.start < e and b.kind in ("explicit", "year")]
            if near:
                return min(near)[1]
            break
    years = {b.y for b in atoms if b.kind == "explicit" and b.d and b.y}
    if not years:                                   # no full date: the one year the text names
        years = {b.y for b in atoms if b.kind in ("explicit", "year") and b.y}
    return years.pop() if len(years) == 1 else None


def _shift_month(d: dt.date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def _year_shift(text: str, a: Atom, published: dt.date, lex: Lexicon) -> int:
    """-1, 0 or +1: a December release's "ab 15. Januar" is next year's, a February
    release's "seit Oktober" or "am 6. November eröffnete sie" last year's."""
    prev = _prev_word(text, a.start).lower()
    if prev in lex.cue("article"):                              # "seit dem 1. Oktober"
        prev = _prev_word(text, a.start - len(prev) - 1).lower()
    direction = ("future" if prev in lex.cue("dir_future") else "past" if prev in lex.cue("dir_past")
                 else _tense(text, a.start, a.end, lex))
    if direction == "future" and a.m < published.month - 3:
        return 1
    if direction == "past" and a.m > published.month + 3:
        return -1
    return 0


def _relative_value(text: str, a: Atom, published: dt.date, lex: Lexicon) -> tuple[str, str]:
    """ISO value and granularity of a relative or weekday atom, given the publication date."""
    if a.kind == "weekday":
        mode = a.mode or ("next" if _tense(text, a.start, a.end, lex) == "future" else None)
        ahead = (a.weekday - published.weekday()) % 7           # 0 = the publication day itself
        if mode in ("week+1", "week-1"):                        # that weekday of next / last week
            monday = published - dt.timedelta(days=published.weekday())
            day = monday + dt.timedelta(days=a.weekday + (7 if mode == "week+1" else -7))
            return day.isoformat(), "day"
        days = {"next": ahead or 7, "upcoming": ahead, "prev": ahead - 7 if ahead else -7}.get(
            mode, ahead - 7 if ahead else 0)                    # default: this week's, in the past
        return (published + dt.timedelta(days=days)).isoformat(), "day"
    if a.unit == "day":
        return (published + dt.timedelta(days=a.offset)).isoformat(), "day"
    if a.unit == "month":
        y, m = _shift_month(published, a.offset)
        return f"{y:04d}-{m:02d}", "month"
    return f"{published.year + a.offset:04d}", "year"


def _resolve(text: str, atoms: list[Atom], published: dt.date | None,
             lex: Lexicon) -> Iterator[tuple[Atom, str, str, bool]]:
    """(atom, ISO value, granularity, relative) for every atom that resolves."""
    # own sentence bounds for the context year (the sentencizer splits at "!" inside quotes),
    # found only when an atom needs them: with a publication date none does
    sent_bounds: list[tuple[int, int]] | None = None
    for a in atoms:
        if a.kind == "partial":
            continue
        if a.kind in ("relative", "weekday"):
            if published is not None:
                yield a, *_relative_value(text, a, published, lex), True
            continue
        y = a.y
        if y is None and a.year_offset is not None:
            if published is None or not _valid(published.year + a.year_offset, a.m, a.d):
                continue
            y = published.year + a.year_offset
            value = f"{y:04d}-{a.m:02d}" + (f"-{a.d:02d}" if a.d else "")
            yield a, value, "day" if a.d else "month", True
            continue
        if y is None:
            if published is not None:
                y = published.year + _year_shift(text, a, published, lex)
            else:
                if sent_bounds is None:
                    sent_bounds = _rough_sentences(text)
                y = _context_year(a, atoms, sent_bounds)
        if y is None or not _valid(y, a.m, a.d):      # "29. bis 12.02.2026": no 29 February
            continue
        if a.d is not None:
            yield a, f"{y:04d}-{a.m:02d}-{a.d:02d}", "day", False
        elif a.m is not None:
            yield a, f"{y:04d}-{a.m:02d}", "month", False
        else:
            yield a, f"{y:04d}", "year", False


def find_dates(text: str, published: dt.date | None = None, *, lang: str = "de",
               skip: list[tuple[int, int]] = (), weak_skip: list[tuple[int, int]] = (),
               low: str | None = None) -> list[tuple[Atom, str, str, bool]]:
    """All dates in `text` as (atom, value, granularity, relative), in text order.

    `skip`: character ranges already claimed (money amounts); `weak_skip`: ranges where
    bare years and relative words are ignored (the press-contact block). `lang` picks the
    word lists (``data/LANG/dates_*.tsv``; German where a language has none). `low`:
    ``text.lower()`` if the caller knows `text` is inside scan_alphabet() (scan_lower).
    """
    lex = lexicon(lang)
    blocked = _blocked(text, lex.lang)
    starts = _led_trigger(lex.lang).starts(text, low)
    atoms = _find_atoms(text, lex, blocked, starts=starts, skip=skip)
    rel = _relative_atoms(text, lex, blocked, [*skip, *((a.start, a.end) for a in atoms)], starts)
    rel = _absorb_weekdays(text, atoms, rel, lex)
    atoms = sorted(atoms + rel, key=lambda a: a.start)
    atoms = [a for a in _merge_relative_years(text, atoms, lex) if not a.merge_only]
    _link(text, atoms, lex)
    atoms = [a for a in atoms if not (a.weak and _overlaps(list(weak_skip), a.start, a.end))]
    return list(_resolve(text, atoms, published, lex))


# "\n|(?<!\d)[.!?]\s+(?=[A-ZÄÖÜ„\"])" with the first character up front, so that `re` scans for it in C
_ROUGH_SENTENCE_END = re.compile(r"[\n.!?](?:(?<=\n)|(?<!\d.)\s+(?=[A-ZÄÖÜ„\"]))")


def _rough_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds: lines, split after ./!/? before a capital, not after "6." (a day)."""
    out, start = [], 0
    for m in _ROUGH_SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    return out + [(start, len(text))]


def explicit_days(text: str, lang: str = "de") -> list[tuple[int, int, dt.date]]:
    """Explicit calendar days with a year ("12.02.2026", "3. März 2025"), outside URLs etc."""
    return list(_explicit_days(text, data_language(lang)))


@functools.lru_cache(maxsize=4)
def _explicit_days(text: str, lang: str) -> tuple[tuple[int, int, dt.date], ...]:
    lex = lexicon(lang)
    atoms = _find_atoms(text, lex, _blocked(text, lang), days_only=True)
    return tuple((a.start, a.end, dt.date(a.y, a.m, a.d)) for a in atoms)


# ------------------------------------------------------------------ component


@Language.factory(
    "press_dates",
    default_config={"span_group": "dates", "skip_groups": ["amounts"], "relative": True, "lang": None},
)
def make_press_dates(nlp: Language, name: str, span_group: str, skip_groups: list[str], relative: bool,
                     lang: str | None):
    return PressDates(span_group, tuple(skip_groups), relative, lang or nlp.lang)


class PressDates:
    """Writes `DateMention` items (kind "dates") and spans in ``doc.spans[span_group]``."""

    def __init__(self, span_group: str = "dates", skip_groups: tuple[str, ...] = ("amounts",),
                 relative: bool = True, lang: str = "de"):
        self.span_group = span_group
        self.skip_groups = skip_groups
        self.relative = relative
        self.lang = data_language(lang)
        lexicon(self.lang)  # load the data files now, not on the first document
        _led_trigger(self.lang)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        skip = [(s.start_char, s.end_char) for g in self.skip_groups if g in doc.spans for s in doc.spans[g]]
        contact = zones(doc).get("contact")
        found = find_dates(text, doc._.published if self.relative else None, lang=self.lang,
                           skip=skip, weak_skip=[contact] if contact else [], low=scan_lower(doc, text))
        items = facts(doc, "dates") if found else None   # as add_fact, looked up once
        spans = []
        for atom, value, gran, rel in found:
            item = DateMention(
                # the record stage sets `sentence` for every anchored item
                text=text[atom.start:atom.end], start=atom.start, end=atom.end,
                value=value, granularity=gran, relative=rel,
                range_id=atom.range_id, range_part=atom.range_part if atom.range_id else None,
            )
            items.append(item)
            span = fact_span(doc, atom.start, atom.end, "DATE", item)
            if span is not None:
                spans.append(span)
        add_spans(doc, self.span_group, spans)
        return doc


__all__ = ["PressDates", "find_dates", "explicit_days", "lexicon"]
