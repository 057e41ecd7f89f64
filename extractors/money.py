"""press_money: money amounts in German (and English) press releases.

Regular expressions over ``doc.text``, built from the lexicon ``data/de/money.tsv``
(currencies, scale words, number words, qualifiers, connectors), find amounts such as
``rund 40.500 Euro``, ``2,3 Mrd. €``, ``€ 1.250.000``, ``500 TEUR``, ``eine halbe Million
Euro`` or ``$2.5 million``. A second look to the left of each amount finds the first end
of a range (``zwischen 5 und 10 Millionen Euro``), the earlier items of a list
(``2, 3 und 4 Millionen Euro``) and the qualifier words (``bis zu``, ``knapp``).
Values are computed with Decimal, so ``13,5 Millionen`` is exactly 13500000.

Output: ``schemas.Amount`` items via ``add_fact(doc, "amounts", ...)`` and one span per
amount in ``doc.spans["amounts"]`` (label ``MONEY``, ``span._.fact`` = the Amount).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from spacy.language import Language
from spacy.tokens import Doc

from schemas import Amount

from .base import (WORD_MEMO_LIMIT, add_spans, data_table, doc_text, fact_span, facts, literal_alternation,
                   matches_at)
from .scan import in_scan_alphabet, scan_alphabet, scan_digits, scan_lower, word_start_scan

# ----------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Currency:
    code: str
    factor: Decimal
    compound: bool  # may start a hyphen compound ("500-Euro-Schein")
    pre: bool       # may stand before the number ("€ 500")


@dataclass(frozen=True)
class Connector:
    sense: str          # "range", "list" or "change"
    intro: str | None   # word required before the first number ("zwischen")


@dataclass
class Lexicon:
    """Everything the money patterns need, read from one data file."""

    currencies: dict[str, Currency] = field(default_factory=dict)   # folded surface -> Currency
    pre: list[tuple[str, bool]] = field(default_factory=list)       # (surface, case-insensitive)
    post: list[tuple[str, bool]] = field(default_factory=list)
    scales: dict[str, tuple[Decimal, str]] = field(default_factory=dict)  # surface -> (factor, lang)
    scales_ci: set[str] = field(default_factory=set)
    attached: dict[str, Decimal] = field(default_factory=dict)
    numbers: dict[str, Decimal] = field(default_factory=dict)       # lower-case word -> value
    articles: set[str] = field(default_factory=set)
    halves: set[str] = field(default_factory=set)
    qualifiers: dict[str, str] = field(default_factory=dict)        # lower-case words -> Qualifier
    not_qual_before: tuple[str, ...] = ()
    not_compound: frozenset[str] = frozenset()
    rank_words: frozenset[str] = frozenset()
    year_cues: frozenset[str] = frozenset()
    connectors: dict[str, list[Connector]] = field(default_factory=dict)


# patterns used on every amount, compiled once (re's own cache costs a look-up per call)
_WHITE_RUN = re.compile(r"\s+")
_NO_CENTS = re.compile(r"[.,][-–]+$")                  # "500.000,-"
_DIGIT_GROUPING = re.compile(r"[\s'’\u00a0\u2009\u202f]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD_BEFORE = re.compile(r"([^\W\d]+\.?)[\s:]*$")
_NOUN_AFTER = re.compile(r"\s*(?:[A-ZÄÖÜ]|[-‐]\w)")
_WORD_AFTER = re.compile(r"([- ])([^\W\d_]+)")
_DIGIT_AFTER = re.compile(r"[ \u00a0]?\d")
_TRAILING_LETTERS = re.compile(r"[^\W\d_]+$")


def _fold(s: str) -> str:
    return _WHITE_RUN.sub(" ", s.casefold())


@functools.lru_cache(maxsize=None)
def load_lexicon(relpath: str = "de/money.tsv") -> Lexicon:
    lex = Lexicon()
    lists: dict[str, list[str]] = {"not_qual_before": [], "not_compound": [], "rank_word": [], "year_cue": []}
    for row in data_table(relpath):
        kind, surface = row[0], row[1]
        value = row[2] if len(row) > 2 else ""
        flags = set(row[3].split(",")) if len(row) > 3 and row[3] else set()
        if kind == "cur":
            factor = next((Decimal(f[1:]) for f in flags if f.startswith("x")), Decimal(1))
            ci = "ci" in flags
            lex.currencies[_fold(surface) if ci else surface] = Currency(value, factor, "compound" in flags, "pre" in flags)
            if "pre" in flags:
                lex.pre.append((surface, ci))
            if "post" in flags:
                lex.post.append((surface, ci))
        elif kind == "scale":
            lang = "en" if "en" in flags else "de"
            if "attached" in flags:
                lex.attached[surface] = Decimal(value)
            else:
                lex.scales[surface] = (Decimal(value), lang)
                if "ci" in flags:
                    lex.scales_ci.add(surface)
        elif kind == "num":
            lex.numbers[surface.lower()] = Decimal(value)
            if "article" in flags:
                lex.articles.add(surface.lower())
            if "half" in flags:
                lex.halves.add(surface.lower())
        elif kind == "qual":
            lex.qualifiers[_fold(surface)] = value
        elif kind in lists:
            lists[kind].append(surface.lower())
        elif kind == "connector":
            intro = next((f.split("=", 1)[1] for f in flags if f.startswith("intro=")), None)
            lex.connectors.setdefault(_fold(surface), []).append(Connector(value, intro))
    lex.not_qual_before = tuple(lists["not_qual_before"])
    lex.not_compound = frozenset(lists["not_compound"])
    lex.rank_words = frozenset(lists["rank_word"])
    lex.year_cues = frozenset(lists["year_cue"])
    return lex


# ----------------------------------------------------------------------------- patterns


def _alt(items: list[tuple[str, bool]], word_end: bool = True) -> str:
    """Regex alternation of literal surfaces, longest first; `ci` items match in any case."""
    parts = []
    for surface, ci in sorted(items, key=lambda x: -len(x[0])):
        pat = r"\s+".join(re.escape(w) for w in surface.split(" "))
        if ci:
            pat = f"(?i:{pat})"
        if word_end and surface[-1].isalnum():
            pat += r"(?![^\W_])"
        parts.append(pat)
    return "|".join(parts)


def _heads(items: list[tuple[str, bool]]) -> tuple[set[str], set[str]]:
    """How the items (as _alt takes them) begin: their first three characters, up to a space;
    (as written, lower-cased for the case-insensitive items)."""
    cs, ci = set(), set()
    for surface, case_insensitive in items:
        head = surface.split(" ")[0][:3]
        (ci if case_insensitive else cs).add(head.lower() if case_insensitive else head)
    return cs, ci


def _guarded_alt(items: list[tuple[str, bool]]) -> str:
    """_alt(items) behind a look-ahead for how the items begin (_heads): `re` tries the
    alternatives one after the other, which is slow where, as mostly, none of them fits;
    the look-ahead, a trie, fails there at once. Same matches."""
    cs, ci = _heads(items)
    heads = [literal_alternation(cs)] if cs else []
    heads += [f"(?i:{literal_alternation(ci)})"] if ci else []
    return f"(?=(?:{'|'.join(heads)}))(?:{_alt(items)})"


# Digits: grouped thousands (40.500, 1.250.000,50, 26 061, 2,500,000.5, 1'000) or plain
# (13,5 / 300000 / 2.5), optionally with a dash for "no cents" (500.000,-).
_DIGITS = (
    r"(?<![\w.,/])"
    r"(?:\d{1,3}(?:(?:[.,'’\u00a0\u2009\u202f]|[ ](?=\d{3}(?!\d)))\d{3})+(?!\d)(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:[.,][-–]{1,2}(?!\d))?"
)


_GAP = r"[ \t\u00a0\u2009\u202f]"                # spaces within an amount
_SEP = rf"[-{_GAP[1:-1]}]*(?:\n{_GAP}*)?"          # between number, scale and currency
_NUMBER_CHARS = r"\d.,'’\u00a0\u2009\u202f \t\n\-–"   # every character of _DIGITS and _SEP


def _scale_items(lex: Lexicon) -> list[tuple[str, bool]]:
    return [(s, s in lex.scales_ci) for s in lex.scales]


@dataclass(frozen=True)
class Patterns:
    simple: re.Pattern
    partner: re.Pattern
    partner_starts: re.Pattern
    list_item: re.Pattern
    qualifier: re.Pattern
    conn_end: re.Pattern  # cheap test before the partner search: does a connector end here?
    bare: re.Pattern      # a scaled number without currency (see MoneyFinder._elided)
    number_word: re.Pattern  # a whole word made of number morphs ("fünfundzwanzig", "eine")
    pre_starts: tuple[str, ...]  # how the words that open a leading currency ("EUR 5", "US$ 5") begin, casefolded


def _number_word_parts(lex: Lexicon) -> tuple[set[str], str]:
    """The lower-cased words number words are made of ("zwei", "hundert", "und") and the
    alternation of the halves after them ("einhalb"): build_patterns and start_scan must agree."""
    morphs = {m.lower() for m in set(lex.numbers) | {"und", "halb"}}
    return morphs, "|".join(map(re.escape, sorted(lex.halves, key=len, reverse=True)))


@functools.lru_cache(maxsize=None)
def build_patterns(relpath: str = "de/money.tsv") -> Patterns:
    lex = load_lexicon(relpath)
    morphs, halves = _number_word_parts(lex)
    word_num = (
        # a trie of the lower-cased words: the same matches under (?i) as the longest-first list
        r"(?<![\w-])(?i:" + literal_alternation(morphs) + r"+"
        r"(?:\s+(?:" + halves + r"))?)(?!\w)"
    )
    num = f"(?:{_DIGITS}|{word_num})"
    scale = _guarded_alt(_scale_items(lex))
    attached = "|".join(sorted(map(re.escape, lex.attached), key=len, reverse=True))
    pre = _guarded_alt(lex.pre)
    post = _guarded_alt(lex.post)
    gap, sep = _GAP, _SEP
    simple = re.compile(
        # currency first: "€ 1.250.000", "EUR 500.000,-", "$2.5 million", "€10bn"
        rf"(?<![\w$€£¥])(?P<pcur>{pre}){gap}?(?P<pnum>{_DIGITS})"
        rf"(?:(?P<patt>{attached})(?![^\W_])|{gap}*(?P<pscale>{scale}))?"
        # number first: "40.500 Euro", "2,3 Mrd. €", "100-Millionen-Euro-Programm", "500 T€"
        # (a separator may hold one line break: wrapped lines "13,5 Millionen\nEuro")
        rf"|(?P<num>{num})(?:(?P<att>{attached})(?![^\W_]))?(?P<sep1>{sep})"
        rf"(?:(?P<scale>{scale})(?P<sep2>{sep}))?"
        rf"(?P<cur>{post})"
    )
    intros = sorted({c.intro for cs in lex.connectors.values() for c in cs if c.intro} | {"von", "vom", "from"})
    conns = sorted(lex.connectors, key=len, reverse=True)
    conn = "|".join(r"\s+".join(map(re.escape, c.split(" "))) + (r"(?!\w)" if c[-1].isalnum() else "") for c in conns)
    item = rf"(?:{num})(?:{gap}*(?:{scale}))?"
    partner = re.compile(
        rf"(?:(?<!\w)(?P<intro>(?i:{'|'.join(intros)}))\s+)?"
        rf"(?P<list>(?:{item}\s*,\s+)+)?"
        rf"(?:(?P<pcur>{pre}){gap}?)?(?P<num>{num})(?:{gap}*(?P<scale>{scale}))?(?:{gap}*(?P<cur>{post}))?"
        rf"\s*(?P<conn>{conn})\s*$"
    )
    # where a partner match may start (see MoneyFinder._partner_search): at an intro word, a
    # number or a leading currency (as `partner` spells them)
    partner_starts = re.compile(rf"(?<!\w)(?=(?i:{'|'.join(intros)})\s|\d|{word_num})|(?={pre})")
    list_item = re.compile(rf"(?P<num>{num})(?:{gap}*(?P<scale>{scale}))?")
    # a trie of the (case-folded) qualifiers: the same matches as the longest-first list
    qual = literal_alternation(lex.qualifiers, space=r"\s+")
    qualifier = re.compile(rf"(?<![\w.])(?P<q>(?i:{qual}))\s+$")
    conn_end = re.compile(rf"(?:{conn})\s*$")
    # a number with a scale word and no currency: "(45 Mio.)", "2 Millionen für Schulen"
    bare = re.compile(rf"(?<![\w.,])(?P<num>{_DIGITS}){gap}*(?P<scale>{scale})")
    number_word = re.compile(r"(?i:(?:" + "|".join(map(re.escape, morphs)) + r")+)")
    pre_starts = tuple(sorted({m.group().casefold() for c, _ci in lex.pre if (m := re.match(r"\w+", c))}))
    return Patterns(simple, partner, partner_starts, list_item, qualifier, conn_end, bare, number_word, pre_starts)


@functools.lru_cache(maxsize=None)
def start_scan(relpath: str = "de/money.tsv") -> tuple[re.Pattern, re.Pattern] | None:
    """Patterns (see scan.word_start_scan) finding in ``text.lower()`` where the `simple`
    pattern may match, and where `bare` may.

    Each branch of `simple` bars a word character before it, so a match starts a word run:
    one that opens with a digit (group 1 set), a leading currency with a digit after it, or
    a number word (as `simple` spells them), each after what its branch allows before it.
    A number first must come with a scale word or currency after it (see _heads): the
    word-number branch checks that; after a digit the scan looks past the characters numbers
    and separators are made of for how a scale word (group 2 set: where `bare` may match too)
    or a currency or an attached scale ("500k") begins (group 3 set). Each branch opens with
    a character test, its look-behind after it, so that `re` drops most branches at once.
    None if a form holds a character outside scan_alphabet(), so that lower-casing the text
    could hide it."""
    lex = load_lexicon(relpath)
    pre = {surface.lower() for surface, _ci in lex.pre}
    morphs, halves = _number_word_parts(lex)
    scale_heads = {h.lower() for hs in _heads(_scale_items(lex)) for h in hs}
    currency_heads = {h.lower() for hs in _heads(lex.post) for h in hs}
    other_heads = currency_heads | {a.lower() for a in lex.attached}
    alphabet = scan_alphabet()
    if not set("".join(pre | morphs | scale_heads | other_heads)) <= set(alphabet):
        return None
    digit = f"[{scan_digits()}]"
    after_digit = (rf"[{_NUMBER_CHARS}]*+(?:(?:{literal_alternation(scale_heads)})()"
                   rf"|(?:{literal_alternation(other_heads)})())")
    if any(re.match(f"[{_NUMBER_CHARS}]", h) for h in scale_heads | other_heads):
        after_digit = "()()"   # the run could swallow where one begins: no test
    currency = literal_alternation(pre, not_after="[$€£¥]", space=r"\s+")
    then = rf"{_SEP}(?:{literal_alternation(scale_heads | currency_heads)})"   # a scale word or currency
    # the morphs and halves as in build_patterns: the same matches in the lower-cased text
    number_word = (literal_alternation(morphs, not_after="-") + literal_alternation(morphs)
                   + rf"*(?:\s+(?:{halves}))?(?!\w)")
    return word_start_scan(rf"{digit}(?<![.,/].)()(?:(?={after_digit})|)"
                           rf"|{currency}{_GAP}?\d|{number_word}(?={then})")


# ----------------------------------------------------------------------------- numbers


def parse_digits(s: str, scale_lang: str | None = None) -> Decimal | None:
    """Exact value of a digit string in German or English notation.

    A single separator followed by exactly three digits groups thousands (40.500, 2,500),
    except a comma before a German scale word ("1,500 Millionen") or a dot before an
    English one ("1.500 billion"), where it is the decimal mark.
    """
    if s.isdecimal():          # plain digits ("2025"): nothing below changes them
        return Decimal(s)
    if "-" in s or "–" in s:   # else no dash to drop
        s = _NO_CENTS.sub("", s)
    s = _DIGIT_GROUPING.sub("", s)
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if dec == "." else ".", "").replace(dec, ".")
    elif s.count(".") + s.count(",") > 1:
        s = s.replace(".", "").replace(",", "")
    elif "." in s or "," in s:
        sep = "." if "." in s else ","
        head, tail = s.split(sep)
        decimal_mark = len(tail) != 3 or (sep == "," and scale_lang == "de") or (sep == "." and scale_lang == "en")
        s = f"{head}.{tail}" if decimal_mark else head + tail
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def parse_word(word: str, lex: Lexicon) -> Decimal | None:
    """Value of one German/English number word, compounds included ("fünfundzwanzig")."""
    w = word.lower()
    if not w:
        return None
    if w in lex.numbers:
        return lex.numbers[w]
    for joint, mult in (("tausend", 1000), ("hundert", 100)):
        if joint in w:
            left, right = w.split(joint, 1)
            lv = parse_word(left, lex) if left else Decimal(1)
            rv = parse_word(right, lex) if right else Decimal(0)
            return None if lv is None or rv is None else lv * mult + rv
    if w.endswith("einhalb") and len(w) > 7:
        base = parse_word(w[:-7], lex)
        return None if base is None else base + Decimal("0.5")
    if "und" in w:
        unit, tens = w.split("und", 1)
        uv, tv = parse_word(unit, lex), parse_word(tens, lex)
        if uv is not None and tv is not None and 1 <= uv <= 9 and tv % 10 == 0 and 20 <= tv <= 90:
            return uv + tv
    return None


def parse_number(text: str, lex: Lexicon, scale_lang: str | None) -> tuple[Decimal | None, bool]:
    """(value, needs_scale) of a number in digits or words; needs_scale for a bare "eine" or "halbe"."""
    if text[:1].isdigit():
        return parse_digits(text, scale_lang), False
    words = text.split()
    if len(words) == 2:
        if words[0].lower() in lex.articles and words[1].lower() in lex.halves:
            return lex.numbers[words[1].lower()], False  # "eine halbe", "einer dreiviertel"
        return None, False
    w = words[0].lower()
    return parse_word(w, lex), w in lex.articles or w in lex.halves


def _plain(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(v)


# ----------------------------------------------------------------------------- finder


@dataclass
class Found:
    start: int
    end: int
    value: Decimal
    currency: str
    qualifier: str = "exact"
    range_part: str | None = None
    range_key: int | None = None


# a sentence ends at a full stop after a word of four letters or more ("Mio.", "ca.", "Nr." go on) or a line break
# ("(?<=[^\W\d_]{4})[.!?]\s+...|\n" with the mark or line break up front, so that `re` scans for them in C)
_SENTENCE_END = re.compile(r"[\n.!?](?:(?<=\n)|(?<=[^\W\d_]{4}.)\s+(?=[A-ZÄÖÜ„\"]))")


# a run of word characters, or a currency sign (see MoneyFinder._candidates)
_RUN_OR_SIGN = re.compile(r"\w+|[$€£¥]")


def _looks_year(s: str) -> bool:
    return bool(_YEAR.fullmatch(s))


class MoneyFinder:
    """Finds amounts in a string; pure Python, no spaCy needed (used by the component)."""

    def __init__(self, data_file: str = "de/money.tsv", max_range_ratio: float = 10000, window: int = 90):
        self.lex = load_lexicon(data_file)
        self.pat = build_patterns(data_file)
        self._scan = start_scan(data_file)
        self.max_range_ratio = Decimal(str(max_range_ratio))
        self.window = window
        self._start_words: dict[str, bool] = {}   # word -> may a match start with it (see _candidates)
        # currency and scale words as written -> what they stand for (lexicon entries; bounded
        # as white space inside them may vary)
        self._currencies: dict[str, Currency] = {}
        self._scales: dict[str, tuple[tuple[Decimal, str | None], tuple[Decimal, str | None] | None]] = {}
        alphabet = set(scan_alphabet())
        # the last words of the qualifiers, for a look before each search (see _qualifiers):
        # in the lower-cased text, if they are lower-case words of the scan alphabet
        keys = set(self.lex.qualifiers)
        self._qualifier_ends = (tuple(sorted({k.rsplit(" ", 1)[-1] for k in keys}))
                                if all(k == k.lower() for k in keys) and set("".join(keys)) <= alphabet
                                and all(k.rsplit(" ", 1)[-1] for k in keys) else None)
        # how the amount of a partner match may end (see _ends_amount), if its connector is
        # the one conn_end finds: so no connector may end with another one
        conns = list(self.lex.connectors)
        ends = {w.split(" ")[-1].lower() for w, _ci in _scale_items(self.lex) + self.lex.post}
        self._amount_ends = (tuple(sorted(ends)) if set("".join(ends)) <= alphabet and all(ends)
                             and not any(a != b and a.endswith(b) for a in conns for b in conns) else None)
        # the connectors' last words (they match as written: lower-cased, a look before conn_end)
        conn_ends = {c.split(" ")[-1].lower() for c in conns}
        self._conn_ends = tuple(sorted(conn_ends)) if set("".join(conn_ends)) <= alphabet and all(conn_ends) else None

    # -- pieces

    def _scale(self, surface: str | None, english) -> tuple[Decimal, str | None]:
        """(factor, language) of a scale word. `english` (a truth value, maybe worked out on
        demand: see OnDemand) only counts for the few German words that read differently in
        English ("Billion"), so it is looked at last."""
        if not surface:
            return Decimal(1), None
        found = self._scales.get(surface)
        if found is None:
            found = self._scale_of(surface)
            if len(self._scales) < WORD_MEMO_LIMIT:
                self._scales[surface] = found
        reading, english_reading = found
        return english_reading if english_reading is not None and english else reading

    def _scale_of(self, surface: str) -> tuple[tuple[Decimal, str | None], tuple[Decimal, str | None] | None]:
        """(factor, language) of a scale word, and for an English text if that differs."""
        key = _WHITE_RUN.sub(" ", surface)
        if key not in self.lex.scales:
            key = next((k for k in self.lex.scales_ci if k.lower() == key.lower()), key)
        factor, lang = self.lex.scales[key]
        if lang == "de" and key.lower() in self.lex.scales:
            return (factor, lang), self.lex.scales[key.lower()]  # "Billion" in an English title is 10^9
        return (factor, lang), None

    def _currency(self, surface: str) -> Currency:
        found = self._currencies.get(surface)
        if found is None:
            key = _WHITE_RUN.sub(" ", surface)
            found = self.lex.currencies.get(key) or self.lex.currencies[_fold(key)]
            if len(self._currencies) < WORD_MEMO_LIMIT:
                self._currencies[surface] = found
        return found

    def _qualifiers(self, text: str, pos: int, low: str | None = None) -> tuple[int, str]:
        """Walk left from `pos` over qualifier words; return (new start, qualifier).
        `low`: ``text.lower()`` if inside scan.scan_alphabet()."""
        found: list[str] = []
        ends = self._qualifier_ends if low is not None else None
        for _ in range(3):
            lo = max(0, pos - 40)
            # a match ends in white space after a qualifier's last word: mostly none stands
            # there, and that is quicker to see than to search
            if ends is not None and not low[lo:pos].rstrip().endswith(ends):
                break
            m = self.pat.qualifier.search(text, lo, pos)
            if not m:
                break
            q = _fold(m.group("q"))
            if q == "über":
                before = text[max(0, m.start() - 30):m.start()].rstrip().lower()
                if before.endswith(self.lex.not_qual_before):
                    break
            found.append(self.lex.qualifiers[q])
            pos = m.start()
        if not found:
            return pos, "exact"
        specific = [q for q in found if q != "total"]
        return pos, specific[0] if specific else "total"

    @staticmethod
    def _word_before(text: str, pos: int) -> str:
        m = _WORD_BEFORE.search(text[max(0, pos - 30):pos])
        return m.group(1).lower() if m else ""

    # -- main

    def find(self, text: str, english=False, low: str | None = None) -> list[Found]:
        """The amounts in `text`. `english`: is the text English (a truth value; an OnDemand
        works it out only if an amount needs it). `low`: ``text.lower()`` if the caller knows
        that `text` is inside scan.scan_alphabet() (else it is checked here)."""
        if low is None and in_scan_alphabet(text):
            low = text.lower()   # as long as `text` (see scan.scan_alphabet)
        out: list[Found] = []
        ranges = 0
        pos = 0
        starts, digits = self._candidates(text, low)
        while m := self._search(text, pos, starts):
            main = self._main(m, text, english)
            if main is None:  # look again inside: "2025 € 500" holds "€ 500"
                pos = m.start() + 1
                continue
            pos = m.end()
            value, cur, scale, scale_lang, num_start = main
            last = Found(m.start(), m.end(), value, cur.code)
            joined = self._partners(text, num_start, value, cur, scale, scale_lang, english, out, low)
            if joined.linked is not None:
                # "5 Mio. Euro bis 10 Mio. Euro": both ends were found on their own
                ranges += 1
                joined.linked.range_key, joined.linked.range_part = ranges, "start"
                last.range_key, last.range_part = ranges, "end"
                out.append(last)
                continue
            qstart, qual = self._qualifiers(text, joined.left, low)
            parts = joined.items + [last]
            parts[0].start = qstart
            for p in parts:
                p.qualifier = qual
            if joined.sense == "range":
                ranges += 1
                for p, role in zip(parts, ("start", "end")):
                    p.range_key, p.range_part = ranges, role
            out.extend(parts)
        out.extend(self._elided(text, out, english, digits, low))
        out.sort(key=lambda f: f.start)
        return out

    def _candidates(self, text: str, low: str | None) -> tuple[list[int], list[int] | None]:
        """(every position where the `simple` pattern may match, in order (a superset);
        where the `bare` pattern may match, or None if not known).

        Each of its branches opens with a look-behind that bars a word character before
        it, so a match starts a run of word characters or at a currency sign; of the word
        runs only those can open one that begin with a digit, consist of number morphs
        (the word-number branch ends at the word's end) or begin like a leading currency.
        Trying the pattern only there gives what ``simple.search`` gives, several times faster.
        For most texts :func:`start_scan` finds them in `low` (``text.lower()`` if `text` is
        inside scan.scan_alphabet(), else None); else each word run is looked at.
        """
        scan = self._scan
        if scan is not None and low is not None:
            after, first = scan
            starts, bare = [], []
            m = first.match(low)
            hits = [(0, *m.groups())] if m else []
            hits += [(m.end(), *m.groups()) for m in after.finditer(low)]
            for pos, digit, scale, other in hits:
                # a digit opens a `simple` match only with a scale word or currency after it
                if digit is None or scale is not None or other is not None:
                    starts.append(pos)
                if scale is not None:
                    bare.append(pos)
            return starts, bare
        number_word, pre_starts = self.pat.number_word, self.pat.pre_starts
        memo = self._start_words
        out = []
        for m in _RUN_OR_SIGN.finditer(text):
            w = m.group()
            ok = memo.get(w)
            if ok is None:
                ok = (not w[0].isalnum() or w[0].isdigit() or w.casefold().startswith(pre_starts)
                      or number_word.fullmatch(w) is not None)
                if len(memo) < WORD_MEMO_LIMIT:
                    memo[w] = ok
            if ok:
                out.append(m.start())
        return out, None

    def _search(self, text: str, pos: int, starts: list[int]) -> re.Match | None:
        """``self.pat.simple.search(text, pos)``, trying only the positions in `starts`."""
        simple = self.pat.simple
        for i in range(bisect.bisect_left(starts, pos), len(starts)):
            m = simple.match(text, starts[i])
            if m:
                return m
        return None

    def _elided(self, text: str, found: list[Found], english: bool, digits: list[int] | None,
                low: str | None = None) -> list[Found]:
        """Scaled amounts whose currency the text leaves out next to a sibling that names it:
        "Tempelhof (231 Mio. Euro) ... Lichtenberg (45 Mio.)" or "5 Mio. Euro für Kitas und 2 Mio. für Schulen".

        Only millions and billions count (a bare "45.000" could be anything), only in brackets or in the
        sentence of the sibling amount, and never before a noun ("2 Millionen Menschen"). A headline such
        as "Land gibt 2,7 Millionen für Schulen" has no sibling and stays out. `digits`: where the
        pattern may match (it opens with a digit after a non-word character), if known.
        """
        scaled = [f for f in found if f.value >= 1_000_000]
        if not scaled:
            return []
        out: list[Found] = []
        bare = self.pat.bare
        for m in bare.finditer(text) if digits is None else matches_at(bare, text, digits):
            if any(f.start <= m.start("num") < f.end for f in found):
                continue
            factor, lang = self._scale(m.group("scale"), english)
            if factor < 1_000_000 or _NOUN_AFTER.match(text, m.end(), m.end() + 3):
                continue
            in_brackets = text[max(0, m.start() - 1):m.start()] == "(" and text[m.end():m.end() + 1] == ")"
            ends = [e.end() for e in _SENTENCE_END.finditer(text, max(0, m.start() - 400), min(len(text), m.end() + 400))]
            sent_start = max((e for e in ends if e <= m.start()), default=0)
            sent_end = min((e for e in ends if e > m.end()), default=len(text))
            near = [f for f in scaled if (sent_start <= f.start < sent_end)
                    or (in_brackets and 0 < m.start() - f.end <= 300 and "\n\n" not in text[f.end:m.start()])]
            if not near:
                continue
            value, _ = parse_number(m.group("num"), self.lex, lang)
            if value is None:
                continue
            ref = min(near, key=lambda f: abs(f.start - m.start()))
            qstart, qual = self._qualifiers(text, m.start(), low)
            out.append(Found(qstart, m.end(), value * factor, ref.currency, qualifier=qual))
        return out

    def _main(self, m: re.Match, text: str, english: bool):
        """(value, currency, scale factor, scale lang, number start) of a simple match, or None."""
        g = m.groupdict()   # one call instead of one per look-up
        if g["pcur"]:
            cur = self._currency(g["pcur"])
            if g["patt"]:
                factor, lang = self.lex.attached[g["patt"]], "en"
            else:
                factor, lang = self._scale(g["pscale"], english)
            value, _ = parse_number(g["pnum"], self.lex, lang or ("en" if english else None))
            return None if value is None else (value * factor * cur.factor, cur, factor, lang, m.start())
        cur = self._currency(g["cur"])
        num, scale_word, att = g["num"], g["scale"], g["att"]
        if att:
            if scale_word or not num[:1].isdigit():
                return None
            factor, lang = self.lex.attached[att], "en"
        else:
            factor, lang = self._scale(scale_word, english)
        value, needs_scale = parse_number(num, self.lex, lang)
        if value is None or (needs_scale and not (scale_word or att)):
            return None
        end = m.end()
        # "27 Euro-Staaten", "20 euro area countries" are counts; "500-Euro-Gutschein" is money
        follow = _WORD_AFTER.match(text, end, end + 40)
        if follow:
            scaled = scale_word or att
            if follow.group(2).lower() in self.lex.not_compound and (follow.group(1) == "-" or not scaled):
                return None
            if follow.group(1) == "-" and not cur.compound:
                return None
        if cur.pre and _DIGIT_AFTER.match(text, end, end + 2):
            # "im Jahr 2025 € 500", "Anzahl: 12\n€ 5.000": the currency belongs to the number after it
            broken = "\n" in (g["sep1"] or "") + (g["sep2"] or "")
            if broken or (not scale_word and _looks_year(num)):
                return None
        if not scale_word and _looks_year(num) and self._word_before(text, m.start()) in self.lex.year_cues:
            return None  # "seit 2002 Euro-Bargeld"
        return value * factor * cur.factor, cur, factor, lang, m.start("num")

    def _ends_amount(self, before: str) -> bool:
        """May `before` (lower-cased) end with the end of a `partner` match's amount, white
        space aside: a digit, a no-cents dash, the last word of a scale word or currency, or
        a number word? The connector before the amount ends the match, and it is the one
        `conn_end` found (no connector ends another: see __init__)."""
        before = before.rstrip()
        if not before:
            return False
        if before[-1].isdecimal() or before[-1] in "-–" or before.endswith(self._amount_ends):
            return True
        # a number word is a whole word of letters, within the last white-space-free run (where
        # `re` need not try every position of `before`)
        run = _TRAILING_LETTERS.search(before.rsplit(None, 1)[-1])
        return run is not None and self.pat.number_word.fullmatch(run.group()) is not None

    def _partner_search(self, text: str, lo: int, hi: int) -> re.Match | None:
        """``self.pat.partner.search(text, lo, hi)``, trying the pattern only where it may
        start (``partner_starts``) instead of at every position of the window."""
        partner = self.pat.partner
        for start in self.pat.partner_starts.finditer(text, lo, hi):
            m = partner.match(text, start.start(), hi)
            if m:
                return m
        return None

    def _partners(self, text, num_start, value, cur, scale, scale_lang, english, found, low=None) -> "Joined":
        """Amounts joined to the left of one amount by a connector ("5 bis", "2, 3 und").
        `low`: ``text.lower()`` if inside scan.scan_alphabet()."""
        lo = max(0, num_start - 24)
        # conn_end ends in a connector and white space: mostly no connector stands there
        if low is not None and self._conn_ends is not None and not low[lo:num_start].rstrip().endswith(self._conn_ends):
            return Joined([], num_start)
        conn = self.pat.conn_end.search(text, lo, num_start)
        if not conn:
            return Joined([], num_start)
        lo = max(0, num_start - self.window)
        if low is not None and self._amount_ends is not None and not self._ends_amount(low[lo:conn.start()]):
            return Joined([], num_start)   # "Schulen und 5 Mio. Euro": no partner can end before the connector
        none = Joined([], num_start)
        pm = self._partner_search(text, lo, num_start)
        if not pm:
            return none
        intro = (pm.group("intro") or "").lower()
        senses = self.lex.connectors[_fold(pm.group("conn"))]
        sense = next((c.sense for c in senses if c.intro == intro), None) if intro else None
        sense = sense or next((c.sense for c in senses if not c.intro), None)
        if sense is None or (sense == "list" and intro):
            return none
        own_cur = pm.group("cur") or pm.group("pcur")
        if own_cur:
            prev = next((f for f in found if f.start <= pm.start("num") < f.end), None)
            if prev is not None:
                ok = sense == "range" and prev.range_key is None and prev.value < value
                return Joined([], num_start, linked=prev if ok else None, sense=sense)
        last_group = "cur" if pm.group("cur") else "scale" if pm.group("scale") else "num"
        first_group = "pcur" if pm.group("pcur") else "num"
        items = [(pm.group("num"), pm.group("scale"), pm.start(first_group), pm.end(last_group))]
        if sense == "list" and pm.group("list"):
            lst = [(li.group("num"), li.group("scale"), li.start(), li.end())
                   for li in self.pat.list_item.finditer(text, pm.start("list"), pm.end("list"))]
            items = lst + items
        out = []
        dash = pm.group("conn") in ("-", "–", "—")
        factor = self._currency(own_cur).factor if own_cur else cur.factor
        for raw, own_scale, start, end in items:
            own_factor, own_lang = self._scale(own_scale, english)
            pv, needs_scale = parse_number(raw, self.lex, own_lang or scale_lang)
            if pv is None or (needs_scale and not own_scale and scale == 1):
                return none
            if own_scale:
                pv *= own_factor
            elif _looks_year(raw) and (scale != 1 or value / pv > 5):
                return none  # "2025 und 3 Millionen Euro", "Haushalt 2025 – 150.000 Euro": a year
            elif scale != 1 and pv < 1000 and pv * scale <= value:
                pv *= scale  # "zwischen 5 und 10 Millionen Euro": the first end shares the scale
            pv *= factor
            if sense == "range" and (pv >= value or pv == 0 or value / pv > self.max_range_ratio):
                return none
            if dash and (value / pv > 100 or self._word_before(text, start) in self.lex.rank_words):
                return none  # "Platz 3 – 200 Euro" is a rank and a prize, not a range
            out.append(Found(start, end, pv, cur.code))
        if sense == "change":  # "um 2 auf 5 Millionen": "um" is no part of the amount
            return Joined(out, out[0].start, sense=sense)
        left = pm.start("intro") if pm.group("intro") else pm.start()
        return Joined(out, left, sense=sense)


@dataclass
class Joined:
    items: list[Found]
    left: int                      # where qualifier words may end
    linked: Found | None = None    # an amount found before that opens this range
    sense: str | None = None


# r"\b(?:the|and|of|with|for)\b" and the German words, with the word boundary checked after the
# first letter so that `re` scans for the first letters in C; the English words one by one, each
# opening with its own letters so that `re` looks for the whole word in C (a German text holds
# few of them, but many of their first letters)
_EN_WORDS = tuple(re.compile(rf"{w}(?<!\w{w})(?!\w)") for w in ("the", "and", "of", "with", "for"))
_DE_WORDS = re.compile(literal_alternation(("der", "die", "und", "mit", "für", "das"), not_after=r"\w") + r"\b")


class OnDemand:
    """A truth value worked out when first asked for: the language test scans the text, and
    most amounts never ask (see MoneyFinder._scale)."""

    __slots__ = ("_test", "_value")

    def __init__(self, test):
        self._test, self._value = test, None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(self._test())
        return self._value


def _is_english(doc: Doc, low: str | None = None) -> bool:
    """Does the text read as English? `low`: ``doc.text.lower()`` if known to lower 1:1 (see
    scan.scan_alphabet: then its start is the lower-cased start of the text)."""
    if doc.lang_ == "en":
        return True
    sample = low[:3000] if low is not None else doc_text(doc)[:3000].lower()
    en = sum(len(word.findall(sample)) for word in _EN_WORDS)
    if en <= 3:   # then en > 2 * de + 3 for no count of German words: no need to count them
        return False
    de = len(_DE_WORDS.findall(sample))
    return en > 2 * de + 3


@Language.factory(
    "press_money",
    default_config={"data_file": "de/money.tsv", "span_key": "amounts", "max_range_ratio": 10000.0},
)
def make_money(nlp: Language, name: str, data_file: str, span_key: str, max_range_ratio: float):
    return MoneyComponent(data_file, span_key, max_range_ratio)


class MoneyComponent:
    """spaCy component: amounts -> doc.spans[span_key] + Amount facts."""

    def __init__(self, data_file: str = "de/money.tsv", span_key: str = "amounts", max_range_ratio: float = 10000.0):
        self.finder = MoneyFinder(data_file, max_range_ratio)
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        low = scan_lower(doc, text)
        found = self.finder.find(text, english=OnDemand(lambda: _is_english(doc, low)), low=low)
        items = facts(doc, "amounts") if found else None   # as add_fact, looked up once
        spans = []
        for f in found:
            while f.end > f.start and text[f.end - 1].isspace():
                f.end -= 1
            amount = Amount(
                text=text[f.start:f.end], start=f.start, end=f.end, value=_plain(f.value),
                currency=f.currency, qualifier=f.qualifier, range_id=f.range_key, range_part=f.range_part,
            )
            items.append(amount)
            span = fact_span(doc, f.start, f.end, "MONEY", amount)
            if span is not None:
                spans.append(span)
        add_spans(doc, self.span_key, spans)
        return doc
