"""Candidate finders for named programmes; `extractors.programs` picks and merges them.

Each finder returns :class:`Cand` items: the name's character span, the name as it
should be recorded, its kind, and a priority used to settle overlaps.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import Container, NamedTuple

from .base import WORD_MEMO_LIMIT, data_lines, literal_alternation, matches_at, memo_map
from .programs_lexicon import (
    WORD_RE, Lexicon, acronym_entry, head_of, is_acronym_like, noun_gender, stem, stem_key, stop_words,
)

# Priorities: a definition "Long Form (ACR)" beats a quoted name after a head word,
# which beats a lexicon hit, an unquoted name after a head, and a bare compound.
PRIO_DEFINITION, PRIO_QUOTED, PRIO_LEXICON, PRIO_AFTER_HEAD, PRIO_COMPOUND = 100, 90, 80, 70, 60


@dataclass
class Cand:
    start: int                 # the name's span in the text
    end: int
    name: str                  # as recorded: no quote marks, nominative where we can tell
    kind: str
    rule: str
    prio: int
    cover: tuple[int, int]     # what the candidate uses up (name plus head word / quotes)
    entry: int | None = None   # index into the lexicon when known
    pair: int | None = None    # acronym definitions: both halves share this number


# ------------------------------------------------------------------ words

class Word(NamedTuple):
    start: int
    end: int
    text: str


class Words:
    """The words of a text (:func:`words_of`) as a read-only sequence of :class:`Word`, with the
    per-word facts the finders need (:attr:`index`), looked up once per word on first use
    instead of once per finder. A Word is built only when a finder asks for it: most words are
    never looked at."""

    __slots__ = ("texts", "starts", "ends", "lex", "__dict__")

    def __init__(self, texts: list[str], starts: list[int], ends: list[int], lex: Lexicon):
        self.texts, self.starts, self.ends, self.lex = texts, starts, ends, lex

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [tuple.__new__(Word, w) for w in zip(self.starts[i], self.ends[i], self.texts[i])]
        # tuple.__new__ skips the NamedTuple constructor's argument handling
        return tuple.__new__(Word, (self.starts[i], self.ends[i], self.texts[i]))

    def stem(self, i: int) -> str:
        """stem() of word i."""
        info = self.index.info[i]
        return info[0] if info else stem(self.texts[i])

    @functools.cached_property
    def index(self) -> "WordIndex":
        # One look-up per word, run in C by map(), in a plain dict: the look-up touches memory
        # (its table, the stored word) that other components have pushed out of the CPU cache
        # since the last document, so every further per-word look-up would cost as much again.
        info = memo_map(self.lex.word_cache, functools.partial(_word_info, lex=self.lex), self.texts)
        # 0 for most words: collect the few that a finder starts at, in one pass over them
        index = WordIndex(info, [], [], [], [], [])
        last = len(info) - 1
        for i in compress(range(len(info)), info):
            _, special, starter, first_part, acronym = info[i]
            if acronym:
                index.acronyms.append(i)
            if starter or first_part:
                index.starters.append(i)
            if special:
                head, adjective, tail = special
                if head:
                    index.heads.append((i, head))
                if adjective and 0 < i < last:
                    index.adjectives.append((i, adjective))
                if tail:
                    index.tails.append((i, tail))
        return index


@dataclass
class WordIndex:
    info: list                                       # _word_info() of every word
    acronyms: list[int]                              # words that may start a match of acronym_re
    starters: list[int]                              # words that start a lexicon form, or whose first part is one
    heads: list[tuple[int, tuple]]                   # (word index, head_of()) of head words
    adjectives: list[tuple[int, re.Match]]           # capitalised inflected adjectives (not first or last)
    tails: list[tuple[int, re.Match]]                # capitalised compounds with a known tail


# Bound of a lexicon's per-word cache (Lexicon.word_cache): emptied when it grows beyond.


def _word_info(word: str, lex: Lexicon) -> int | tuple:
    """0 for a word no finder starts at, else (stem, _word_special(), starts a lexicon form,
    _first_part_hit() unless it starts one, may start a case-sensitive form)."""
    st = stem(word)
    special = _word_special(word)
    starter = st in lex.by_first_stem
    first_part = _first_part_hit(word, lex) if "-" in word and not starter else None
    # the word and a case-sensitive form start alike: one is the start of the other
    acronym = lex.acronym_starts is None or word in lex.acronym_starts[0] \
        or lex.acronym_starts[1].match(word) is not None
    return (st, special, starter, first_part, acronym) if special or starter or first_part or acronym else 0


def _first_part_hit(word: str, lex: Lexicon) -> tuple[int, str, int] | None:
    """(length, name as recorded, entry index) of the known one-word name that the first part of
    a hyphenated word is ("Interreg-Programm", "Städtebauförderung-Mittel"), or None."""
    first = word.split("-", 1)[0]
    options = lex.by_first_stem.get(stem(first)) if len(first) >= 4 else None
    options = [o for o in options or () if len(o[0]) == 1]
    if not options:
        # "Leader-Region", "Leader-Mittel": a capitalised spelling of a known all-caps name of
        # four or more letters before a hyphen (alone, "Leader" is an English word)
        idx = lex.acronym_entry.get(first.upper()) if len(first) >= 4 and first.istitle() else None
        return (len(first), first.upper(), idx) if idx is not None else None
    key, idx = options[0]
    return len(first), _lexicon_name(first, lex, idx, key), idx


def _word_special(word: str) -> tuple | None:
    """None, or (head_of(), adjective match, compound tail match) of one word."""
    if not (word[:1].isupper() or word[:1].isdigit()):
        return None      # heads, adjectives and compound names are capitalised
    tail = None
    if "-" not in word and _is_cap(word):
        tail = _COMPOUND_TAILS.search(word.casefold())
        if tail and tail.start() < 4:
            tail = None
    special = (head_of(word), _ADJECTIVE.match(word), tail)
    return special if any(special) else None


# WORD_RE as one group: split() returns [gap, word, gap, word, …, gap]. Written without
# backtracking (possessive): a word character, then runs of word characters and "+", each
# further run after hyphens; the same matches as WORD_RE, found a little faster.
_WORD_SPLIT = re.compile(r"(\w[\w+]*+(?:-++[\w+]++)*+)")


def words_of(text: str, lex: Lexicon) -> Words:
    """The words (WORD_RE matches) of `text`, as ``WORD_RE.finditer`` finds them; `lex` is the
    lexicon whose forms the index marks (:attr:`WordIndex.starters`, :attr:`WordIndex.acronyms`).

    Built without a Python step per word: split() cuts the text at the words, and the
    running sum of the pieces' lengths gives every word's start and end."""
    parts = _WORD_SPLIT.split(text)
    ends = list(accumulate(map(len, parts)))
    return Words(parts[1::2], ends[:-1:2], ends[1::2], lex)


_DETERMINERS = {"der", "die", "das", "dem", "den", "des", "im", "ins", "vom", "zum", "zur", "beim", "am",
                "unser", "unserem", "unseres", "unseren", "unsere", "dieses", "diesem", "dieser"}
_INDEFINITE = {"ein", "eine", "einem", "einen", "einer", "eines", "kein", "keine", "keinem", "keinen",
               "jedes", "jedem", "weitere", "weiteren", "neue", "neuen", "neues", "eigene", "eigenen"}
# "in", "an", "bei" usually start a place ("MakerSpace an der KGS …"), not part of a name
_CONNECTORS = {"des", "der", "für", "und", "zur", "zum"}
_ARTICLES_AFTER_CONNECTOR = {"den", "die", "das", "dem", "der", "des"}
_GENITIVE = ("es", "s")
_FUNCTION_WORDS = {"der", "die", "das", "dem", "den", "des", "für", "und", "in", "im", "zur", "zum", "von",
                   "vom", "mit", "an", "am", "auf", "bei", "gegen", "ohne", "durch", "über", "unter", "nach",
                   "aus", "bis", "um", "&", "oder", "plus"}


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _is_title_token(w: str) -> bool:
    """A token that on its own looks like a name: PFEIL, MakerSpace, ESF+, 2030-Plan."""
    letters = [c for c in w if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    if sum(c.isupper() for c in w[1:]) >= 1 and _is_cap(w) and "-" not in w:
        return True   # CamelCase
    return any(c.isdigit() for c in w) or "+" in w


def _nominative_head(word: str, ending: str) -> str:
    """Strip a genitive ending from a head compound: Landesbeamtengesetzes -> Landesbeamtengesetz."""
    return word[: -len(ending)] if ending in _GENITIVE else word


# An inflected attributive adjective at the start of a name: "Bayerischen", "regionalen",
# "Einkommensorientierten". Place adjectives ("Berliner") do not match: they never inflect.
# Strong adjective endings in the nominative singular, by the noun's gender: "Nationaler Aktionsplan".
_STRONG_ENDING = {"m": "er", "f": "e", "n": "es"}
_INFLECTED_ADJ = re.compile(r"^([A-Za-zÄÖÜäöüß]+?(?:sch|al|ig|lich|iv|ell|sam|iert|ar))(e|er|es|en|em)$")


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def nominative(name: str) -> str:
    """The name as it stands without article, in the nominative: "Bayerischen regionalen
    Förderprogramm" -> "Bayerisches regionales Förderprogramm", "Stadt-Umland-Wettbewerbs" ->
    "Stadt-Umland-Wettbewerb". Unchanged when the first noun's gender or number is unknown."""
    toks = name.split(" ")
    i = 0
    while i < len(toks) and _INFLECTED_ADJ.match(toks[i]) and (i or _is_cap(toks[i])):
        i += 1
    if i >= len(toks) or (i == 0 and len(toks) > 1):
        return name
    ng = noun_gender(toks[i])
    if ng is None:
        return name
    noun, gender = ng
    out = [_INFLECTED_ADJ.match(t).group(1) + _STRONG_ENDING[gender] for t in toks[:i]]
    return " ".join(out + [noun] + toks[i + 1:])


# ------------------------------------------------------------------ lexicon

def lexicon_hits(text: str, words: Words, lex: Lexicon,
                 places: Container[str] = frozenset()) -> list[Cand]:
    """`places`: region names found in the text; they may name a programme strand."""
    out: list[Cand] = []
    if words.lex is not lex:
        words = Words(words.texts, words.starts, words.ends, lex)
    if lex.acronym_re is not None:
        for m in _acronym_matches(text, words, lex):
            idx = acronym_entry(lex, m.group())
            if idx is None:
                continue
            surface = m.group() if m.group() in lex.acronym_entry else m.group()[:-1]
            end = m.start() + len(surface)
            out.append(Cand(m.start(), end, surface, lex.entries[idx].kind, "lexicon", PRIO_LEXICON,
                            (m.start(), end), entry=idx))
    out += _word_lexicon_hits(text, words, lex)
    for c in out:
        if "strands" in lex.entries[c.entry].flags:
            end = _strand_end(text, c.end, places)
            if end > c.end:
                c.end, c.cover, c.name = end, (c.start, end), text[c.start:end]
    return out


def _acronym_matches(text: str, words: Words, lex: Lexicon):
    """``lex.acronym_re.finditer(text)``, tried only where a word that may start a match starts
    (a match starts a word: no word character, "-" or "+" comes before it)."""
    if lex.acronym_starts is None:
        return lex.acronym_re.finditer(text)
    return matches_at(lex.acronym_re, text, [words.starts[i] for i in words.index.acronyms])


# A programme strand after a family name: period numeral, strand letter ("VI-A", "B").
_STRAND_CODE = re.compile(r"(?:[IVX]{1,4}(?:-?[A-D])?|[A-D])")


def _strand_end(text: str, pos: int, places: Container[str]) -> int:
    """Where the proper-name words after a programme family end: "Interreg| VI Alpenrhein-
    Bodensee-Hochrhein|", "Interreg| North Sea| der EU". Area words are region names, hyphenated
    capitalised compounds, or the few foreign area words listed in programs_stop.tsv ("strand")."""
    area = stop_words("strand")
    end = pos
    for m in re.finditer(r" ([\w\-]+)", text[pos:pos + 120]):
        if pos + m.start() != end:
            break
        w = m.group(1)
        is_area = (_STRAND_CODE.fullmatch(w) or w in places or w.casefold() in area
                   or ("-" in w and all(_is_cap(p) and not p.isupper() for p in w.split("-")) and not head_of(w)))
        if not is_area:
            break
        end = pos + m.end()
    return end


def _word_lexicon_hits(text: str, words: Words, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    by_first = lex.by_first_stem
    index = words.index
    texts, starts, ends = words.texts, words.starts, words.ends
    # only words that start a lexicon form, or whose first part is one, can start a hit
    for i in index.starters:
        ws, info = starts[i], index.info[i]
        if not info[2]:
            # "Interreg-Programm", "Städtebauförderung-Mittel": the first part is the name
            n, name, idx = info[3]
            out.append(Cand(ws, ws + n, name, lex.entries[idx].kind, "lexicon", PRIO_LEXICON, (ws, ws + n), entry=idx))
            continue
        stems: list[str] = []   # of words i, i + 1, …: as many as the options (longest first) need
        for key, idx in by_first[info[0]]:      # a starter's info holds its stem
            n = len(key)
            if i + n > len(texts):
                continue
            if not _stems_may_fit(texts, i, key):
                continue
            while len(stems) < n:
                stems.append(words.stem(i + len(stems)))
            if tuple(stems[:n]) != key:
                continue
            if any(not _joinable(text[ends[k]:starts[k + 1]]) for k in range(i, i + n - 1)):
                continue
            if not _case_fits(texts[i:i + n], lex, idx, key):
                continue
            start, end = ws, ends[i + n - 1]
            if "exact" in lex.entries[idx].flags and \
                    text[start:end].casefold() not in {f.casefold() for f in lex.entries[idx].forms}:
                continue   # "an Überbrückungshilfen": a generic plural, not the programme
            if _matched_form(lex, idx, key).endswith("!"):
                if text[end:end + 1] != "!":
                    continue   # "Demokratie leben!" is a name, "die Demokratie leben" is not
                end += 1
            out.append(Cand(start, end, _lexicon_name(text[start:end], lex, idx, key), lex.entries[idx].kind,
                            "lexicon", PRIO_LEXICON, (start, end), entry=idx))
            break
    return out


def _stems_may_fit(texts: list[str], i: int, key: tuple[str, ...]) -> bool:
    """Does each word after word i start with its stem in `key`, casefolded? A stem is the start
    of the casefolded word: most options fail this test, and it needs no stem() look-up (a cache
    miss) for the words after the first."""
    for k in range(1, len(key)):
        if not texts[i + k].casefold().startswith(key[k]):
            return False
    return True


def _case_fits(ws: list[str], lex: Lexicon, idx: int, key: tuple[str, ...]) -> bool:
    """A capitalised word of the name may not be lower case in the text (`ws`: the words there):
    "Kleinere Städte und Gemeinden" is a programme, "die kleineren Städte und Gemeinden" is not.
    The name is entry `idx`'s first form with the stems `key`."""
    found = lex.forms_by_key.get((idx, key))
    if found is None:
        return True
    return all(not (f[:1].isupper() and w[:1].islower()) for f, w in zip(found[1], ws))


# Second parts of compounds whose first part is a known name: "Zukunftsräumeprojekt",
# "Städtebauförderungsmittel".
_COMPOUND_TAILS = re.compile(r"(?:s)?(projekte?|projekts|programme?|programms|mitteln?|förderung|gebiete?|"
                             r"regionen?|geldern?|anträge?|antrags)$")


def compound_lexicon_hits(words: Words, lex: Lexicon) -> list[Cand]:
    out = []
    for i, m in words.index.tails:   # capitalised, no hyphen, a tail after at least 4 letters
        w = words[i]
        for cut in (m.start(), m.start(1)):
            first = w.text[:cut]
            options = [o for o in lex.by_first_stem.get(stem(first), ()) if len(o[0]) == 1]
            if options and len(first) >= 6:
                idx = options[0][1]
                out.append(Cand(w.start, w.start + len(first), _lexicon_name(first, lex, idx, options[0][0]),
                                lex.entries[idx].kind, "lexicon", PRIO_LEXICON - 1, (w.start, w.start + len(first)),
                                entry=idx))
                break
    return out


def _matched_form(lex: Lexicon, idx: int, key: tuple[str, ...]) -> str:
    """Entry `idx`'s first form with the stems `key`, else its name."""
    found = lex.forms_by_key.get((idx, key))
    return found[0] if found else lex.entries[idx].name


_JOINER = re.compile(r"[ \t„“”\"‚‘’,\-–]*")


def _joinable(gap: str) -> bool:
    """Words of one name are separated by spaces, hyphens, quote marks or commas only."""
    return len(gap) <= 4 and _JOINER.fullmatch(gap) is not None


def _lexicon_name(surface: str, lex: Lexicon, idx: int, key: tuple[str, ...]) -> str:
    """The lexicon's spelling of the form the text used (nominative), else the surface."""
    found = lex.forms_by_key.get((idx, key))
    form = found[2] if found else None      # the first form with these stems, not acronym-like
    if form is None or form.casefold() == surface.casefold():
        return surface
    return form


# ------------------------------------------------------------------ quoted names

# The runs inside the quotes are possessive ({2,120}+): a shorter run ends before a character of
# the run, never before the closing quote, so backtracking into it could only fail again.
_QUOTE_RES = (
    re.compile(r"„([^„“”\"\n]{2,120}+)[“”\"]"),
    re.compile(r"‚([^‚‘’\n]{2,120}+)[‘’]"),
    re.compile(r"»([^»«\n]{2,120}+)«"),
    re.compile(r"«([^»«\n]{2,120}+)»"),
    # (?<![\w"]") after the quote == (?<![\w"]) before it, but lets `re` scan for the quote in C
    re.compile(r"\"(?<![\w\"]\")([^\"\n]{2,120}+)\"(?!\w)"),
    re.compile(r"'(?<![\w']')([A-ZÄÖÜ][^'\n]{1,80}+)'(?!\w)"),
    re.compile(r"“([^“”\n]{2,120}+)”"),
    # a comma typed for the low quote: "Förderprogramm ,digitale Bildung‘" (kept only after a head word);
    # (?<= ,) after the comma == (?<= ) before it, but lets `re` scan for the comma in C
    re.compile(r",(?<= ,)([^\s,‘’][^,‚‘’\n]{1,118}+)‘"),
)
# each pattern's opening quote (the closing one for the comma typo) and its closing quotes: no
# match without both ("“" closes most German quotes, but opens a pattern whose "”" is rare)
_QUOTE_MARKS = (("„", "“”\""), ("‚", "‘’"), ("»", "«"), ("«", "»"), ("\"", "\""), ("'", "'"), ("“", "”"), ("‘", "‘"))
# between a head word and its quoted name: "Programm des Landes „…“", "Programm mit dem Titel „…“"
_QUALIFIERS = re.compile(
    r"\s+(?:(?:des|der)\s+(?:Landes|Bundes|EU|Europäischen\s+Union|Landesregierung|Bundesregierung|Freistaats"
    r"|Freistaates)(?:\s+[A-ZÄÖÜ][\w\-]+)?|mit\s+dem\s+(?:Titel|Namen)|unter\s+dem\s+(?:Titel|Namen)|namens)\s*$")


# compiled once: _title_like and _slogan_like run for every quote
_SENTENCE_MARK = re.compile(r"[.?:;,]\s")
_SLOGAN_STOP = re.compile(r"\.(?:\s+|$)")
_NON_SLOGAN_MARK = re.compile(r"[?:;,!]")
_VERSIONED = re.compile(r" \d\.\d$")


def _title_like(name: str, head_before: bool) -> bool:
    """A quoted span that can be a name: short, no sentence inside, not speech."""
    ws = name.split()
    if not ws or len(ws) > (12 if head_before else 7) or len(name) > 110:
        return False
    if head_before and _slogan_like(name):
        return True
    if _SENTENCE_MARK.search(name) or name[-1] in ".,:;?":
        return False
    if ws[0][:1].islower() and len(ws) > 3:
        return False   # „ist ein wichtiger Schritt“: speech, even after a head word
    if not head_before:
        if not _is_cap(ws[0]) or ws[0].casefold() in stop_words("start"):
            return False
        if any(w[:1].islower() and w.casefold() not in _FUNCTION_WORDS for w in ws[1:]):
            return False   # a verb: „Förderprogramm läuft gut“ is a sentence
    return True


def _slogan_like(name: str) -> bool:
    """A name made of short capitalised phrases ending in full stops: "Heimat. Zukunft.
    Nordrhein-Westfalen.", "Mehrgenerationenhaus. Miteinander – Füreinander" (a sentence is not)."""
    parts = [p for p in _SLOGAN_STOP.split(name) if p]
    if len(parts) < 2 or _NON_SLOGAN_MARK.search(name):
        return False
    return all(len(p.split()) <= 4 and _is_cap(p) and
               all(w[:1].isupper() or w in ("–", "-", "&") or w in _FUNCTION_WORDS for w in p.split())
               for p in parts)


@functools.lru_cache(maxsize=4)
def _quote_matches(text: str) -> tuple[tuple[tuple[int, int, int, int], ...], ...]:
    """Per pattern of _QUOTE_RES, in order: (quote start, quote end, name start, name end).
    Both quote finders read the same text: match it once."""
    return tuple(tuple((m.start(), m.end(), m.start(1), m.end(1)) for m in rx.finditer(text))
                 if opener in text and any(c in text for c in closers) else ()
                 for rx, (opener, closers) in zip(_QUOTE_RES, _QUOTE_MARKS))


def quoted_long_forms(text: str, known: list[Cand]) -> list[Cand]:
    """A quoted name that starts with a known programme and goes on after a dash, or with a
    genitive or "für …" phrase, is that programme's full name: „Lebendige Zentren – Erhalt und
    Entwicklung der Ortskerne“, „Überbrückungshilfe des Bundes für Kleinunternehmen“."""
    by_start = {k.start: k for k in known if k.entry is not None}
    out: list[Cand] = []
    if not by_start:
        return out
    for matches in _quote_matches(text):
        for qs, qe, cs, ce in matches:
            k = by_start.get(cs)
            if k is None:
                continue
            name = text[cs:ce].rstrip()
            if not (_DASH_GOES_ON.match(text[k.end:ce]) or _QUALIFIER_GOES_ON.match(text[k.end:ce])) \
                    or not _title_like(name, True):
                continue
            out.append(Cand(cs, cs + len(name), name, k.kind, "quoted", PRIO_QUOTED, (qs, qe), entry=k.entry))
    return out


_DASH_GOES_ON = re.compile(r" [–\-] [A-ZÄÖÜ]")
# „Überbrückungshilfe des Bundes für Kleinunternehmen“: the quote holds the full name
_QUALIFIER_GOES_ON = re.compile(r" (?:des|der|für|zur|zum) (?:[a-zäöü]\w+(?:e|en|er|es) )?[A-ZÄÖÜ]")
_TITLE_OF = re.compile(r"(?:Titel|Name)\s+(?:des|der)\s+([\w\-]+)\s*:\s*$")


def _shortened(name: str) -> str | None:
    """A usable name from an over-long or dotted quote after a head word: the title before a
    subtitle dash ("„Land hält zusammen – für … (13 words)“"), or the title without its final "."."""
    if " – " in name:
        first = name.split(" – ")[0].strip()
        if len(first) > 3 and _title_like(first, True):
            return first
    if name.endswith(".") and _title_like(name[:-1], True):
        return name[:-1]
    return None


def _head_before(text: str, pos: int) -> tuple[str, str] | None:
    """The head word (and its kind) right before `pos`, skipping "des Landes" and the like."""
    before = text[max(0, pos - 120):pos]
    t = _TITLE_OF.search(before) if ":" in before[-4:] else None
    if t:
        before = before[:t.end(1)]        # "Titel des Programms: „…“": the head is "Programms"
    else:
        # a qualifier is at most four words (and white space) at the end: search no further back
        words = before.rsplit(None, 4)
        q = _QUALIFIERS.search(before, len(words[0]) if len(words) == 5 else 0)
        if q:
            before = before[:q.start()]
    word = _last_word(before)
    if not word:
        return None
    hd = head_of(word)
    return (word, hd[0].kind) if hd else None


def _last_word(s: str) -> str:
    r"""The word (``[\w\-]+``) that `s` ends with, white space after it allowed, or "": what
    ``re.search(r"([\w\-]+)\s*$", s)`` finds, without trying the pattern at every position."""
    s = s.rstrip()
    i = len(s)
    while i and (s[i - 1].isalnum() or s[i - 1] in "_-"):
        i -= 1
    return s[i:]


def quoted_names(text: str) -> list[Cand]:
    found = sorted(q for matches in _quote_matches(text) for q in matches)   # (qstart, qend, cstart, cend)
    out: list[Cand] = []
    prev_ok: tuple[int, str] | None = None   # end of the last accepted quote and its kind
    for qs, qe, cs, ce in found:
        raw = text[cs:ce]
        name = raw.strip()
        if not name:
            continue
        cs += len(raw) - len(raw.lstrip())
        ce = cs + len(name)
        kind = None
        cover_start = qs
        hb = _head_before(text, qs)
        if text[qs] == "," and not hb:
            prev_ok = None
            continue
        if hb and not hb[0][0].islower():
            kind = hb[1]
            cover_start = qs - len(hb[0]) - 1
        elif prev_ok and _LIST_JOINER.fullmatch(text[prev_ok[0]:qs]):
            kind = prev_ok[1]                     # Programme ‚A‘ und ‚B‘
        else:
            after = _HYPHEN_WORD.match(text[qe:qe + 40])
            hd_after = head_of(after.group(1)[:1].upper() + after.group(1)[1:]) if after else None
            if hd_after:
                kind = hd_after[0].kind           # „X“-Programm
            elif _title_like(name, False):
                # „Aktionsprogramm Zukunft“; „Sprung über die Elbe 2.0“: a versioned title is a programme
                kind = _inner_head_kind(name) or ("programme" if _VERSIONED.search(name) else None)
        if kind is not None and hb:
            if text[qs] in "‚,":
                # ‚digitale Bildung an Schulen‘: single quotes after a head word hold a name, not speech
                # (an adjective first: "‚ein echter Gewinn‘" after "Projekt" is a remark)
                probe = name[:1].upper() + name[1:]
                if (not _title_like(name, True) and _INFLECTED_ADJ.match(name.split()[0])
                        and _title_like(probe, True)):
                    out.append(Cand(cs, ce, name, kind, "quoted", PRIO_QUOTED, (cover_start, qe)))
                    prev_ok = (qe, kind)
                    continue
            if not _title_like(name, True):
                short = _shortened(name)
                if short:
                    name, ce = short, cs + len(short)
        if kind is None or not _title_like(name, True):
            prev_ok = None
            continue
        out.append(Cand(cs, ce, name, kind, "quoted", PRIO_QUOTED, (cover_start, qe)))
        prev_ok = (qe, kind)
    return out


# between listed names; an amount in brackets may follow a name: "„A“ (rund 400 Mio. Euro), „B“"
_LIST_JOINER = re.compile(r"\s*(?:\([^()\n]{1,60}\)\s*)?(?:,|und|sowie|oder|bzw\.)\s*")
_HYPHEN_WORD = re.compile(r"-([\w\-]+)")


def _inner_head_kind(name: str) -> str | None:
    """The kind of a head word inside a quoted name, if the name has one
    ("„Aktionsprogramm Zukunft“" yes, "„Projektarbeit macht Spaß“" no)."""
    kind = None
    for w in WORD_RE.findall(name):
        hd = head_of(w)
        if hd and hd[1] in ("", "s", "es"):
            kind = hd[0].kind
    return kind


# ------------------------------------------------------------------ unquoted name after a head

def names_after_heads(text: str, words: Words) -> list[Cand]:
    out: list[Cand] = []
    starts_stop = stop_words("start")
    for i, hd in words.index.heads:
        w = words[i]
        if hd[1] not in ("", "s", "es") or i + 1 >= len(words):
            continue
        prev = words[i - 1].text.casefold() if i > 0 else ""
        # "dem neuen Landesprogramm für …" names one; "ein neues Programm", "neue Projekte" do not
        after_indefinite = prev in _INDEFINITE
        if after_indefinite and not _after_adjective(words, i):
            continue
        definite = prev in _DETERMINERS or (i > 1 and words[i - 2].text.casefold() in ("rahmen",)) \
            or _starts_line(text, words.ends[i - 1] if i else 0, w.start)
        if not hd[0].plain:
            # "des Gesetzes zur Stärkung der Familien": a law's title after the bare head word
            if hd[0].stem == "gesetz" and w.text.casefold() in ("gesetz", "gesetzes") \
                    and (definite or _after_adjective(words, i)):
                m = _LAW_PHRASE.match(text, w.end)
                if m and m.group(1).casefold() not in starts_stop:
                    name = "Gesetz" + text[w.end:m.end()]
                    out.append(Cand(w.start, m.end(), name, hd[0].kind, "after_head", PRIO_AFTER_HEAD,
                                    (w.start, m.end())))
            continue
        span = _name_words(text, words, i + 1, starts_stop) if not after_indefinite else None
        if span and span[1] - span[0] == 1 and _is_apposed_acronym(words[span[0]].text, w.text):
            # "Kommunalinvestitionsprogramm KIP": the head compound is the name, the acronym its alias
            acr = words[span[0]]
            base = _nominative_head(w.text, hd[1])
            pair = 2000 + i
            out.append(Cand(w.start, w.start + len(base), base, hd[0].kind, "after_head", PRIO_AFTER_HEAD,
                            (w.start, w.start + len(base)), pair=pair))
            out.append(Cand(acr.start, acr.end, acr.text, hd[0].kind, "after_head", PRIO_AFTER_HEAD,
                            (acr.start, acr.end), pair=pair))
            continue
        if span:
            prefix = w.text.split("-")[0] if "-" in w.text else ""
            if span[1] - span[0] == 1 and is_acronym_like(prefix) and not _is_title_token(words[span[0]].text):
                continue   # "des EFRE-Programms Brandenburg": the programme is EFRE, the word its area
            if _plausible_name(text, words, *span, definite):
                j, k = span
                out.append(Cand(words[j].start, words[k - 1].end, text[words[j].start:words[k - 1].end],
                                hd[0].kind, "after_head", PRIO_AFTER_HEAD, (words[j].start, words[k - 1].end)))
            continue
        # "aus dem Bundesförderprogramm für den Breitbandausbau": the head is part of the name
        low = w.text.casefold()
        named_for = (low.startswith(("bundes", "landes")) and "programm" in low) or hd[0].stem == "pakt"
        if named_for and (definite or _after_adjective(words, i)):
            m = _FOR_PHRASE.match(text, w.end)
            if m and m.group(1).casefold() not in starts_stop:
                name = _nominative_head(w.text, hd[1]) + text[w.end:m.end()]
                out.append(Cand(w.start, m.end(), name, hd[0].kind, "after_head", PRIO_AFTER_HEAD,
                                (w.start, m.end())))
    return out


# " für den Breitbandausbau", " zur Stärkung der Innenstädte": ends at punctuation or a verb-like
# lower-case word, never in the middle of a longer phrase ("für den Ausbau von Radwegen").
# Nouns may be coordinated: " für Demokratie, Vielfalt und Weltoffenheit".
_FOR_NOUNS = r"([A-ZÄÖÜ][\w\-]{3,})(?:(?:, | und | sowie )[A-ZÄÖÜ][\w\-]{3,})*"
_PHRASE_END = r"(?=[.,;:)]|$| (?!(?:von|des|der|für|und|in|im|zur|zum|mit|auf|an)\b)[a-zäöüß])"
_FOR_PHRASE = re.compile(
    r" (?:für|zur|zum)(?: (?:den|die|das|dem))? " + _FOR_NOUNS + r"(?: (?:des|der) [A-ZÄÖÜ][\w\-]+)?" + _PHRASE_END)
# A law's title: " zur Kooperation und Information im Kinderschutz", " über die Feststellung des Haushaltsplans"
_LAW_PHRASE = re.compile(
    r" (?:zur|zum|über|für)(?: (?:den|die|das|dem))? " + _FOR_NOUNS
    + r"(?: (?:des|der|im|von) (?:[a-zäöü]\w+(?:e|en|er|es) )?[A-ZÄÖÜ][\w\-]+)?" + _PHRASE_END)


def _starts_line(text: str, gap_start: int, start: int) -> bool:
    """Does the word at `start` open the text or a line (a title, a heading, a list item)? There a
    head word stands without its article: "Förderprogramm Dorfentwicklung: 14 Gemeinden dabei"."""
    if gap_start == 0 and start < 4:
        return text[:start].strip(" \t•*-–") == ""
    gap = text[gap_start:start]
    return "\n" in gap and gap.rsplit("\n", 1)[1].strip(" \t•*-–") == ""


def _after_adjective(words: Words, i: int) -> bool:
    """"dem neuen Landesprogramm": a determiner and one lower-case adjective before the head."""
    return (i > 1 and words[i - 2].text.casefold() in _DETERMINERS
            and _LOWER_ADJECTIVE.fullmatch(words[i - 1].text) is not None
            and words[i - 1].text not in _FUNCTION_WORDS)


# Endings of abstract nouns that can stand alone as a programme name ("Förderprogramm Dorfentwicklung").
_NAME_NOUN = re.compile(r"(?:ung|heit|keit|schaft|ion|tät|ik|ismus|nis|tum|ment|enz|anz|ei|ie|ur|werk|um|"
                        r"netz|hilfe|zukunft|räume|raum|land|stadt|dorf|zentren|bonus|scheck|prämie|kasse|"
                        r"paket|wesen|kultur|heimat|forum)$")
_ORG_TAIL = {"ag", "gmbh", "ggmbh", "eg", "e.v", "kg", "mbh", "verein", "stiftung", "gbr", "se"}


def _is_apposed_acronym(token: str, head_word: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return (2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and len(head_word) > 2 * len(token)
            and _initials_fit(token, head_word))


def _plausible_name(text: str, words: Words, j: int, k: int, definite: bool) -> bool:
    """Is words[j:k], right after a head word, a name rather than the next noun of the sentence?"""
    ws = words[j:k]
    if ws[-1].text.casefold() in _ORG_TAIL:
        return False                    # "das Projekt Theater AG": an organisation
    if len(ws) > 1:
        # "Nationale Projekte des Städtebaus", "Start-up BW", "Bildung für nachhaltige Entwicklung"
        # but not "im Projekt Schülerinnen und Schüler"
        return (any(_is_title_token(x.text) for x in ws)
                or any(text[a.end:b.start] == " " and _is_cap(a.text) and _is_cap(b.text) for a, b in zip(ws, ws[1:]))
                or any(x.text in _CONNECTORS - {"und"} for x in ws))
    word = ws[0].text
    if _is_title_token(word):
        return True                     # PFEIL, MakerSpace
    if not definite or len(word) < 6 or head_of(word):
        return False
    # "Förderprogramm Dorfentwicklung", "Bundesprogramm Mehrgenerationenhaus": an abstract noun,
    # or a long singular compound after a funding head (plurals are objects: "… Investitionen")
    funding_head = words[j - 1].text.casefold().startswith(("bundes", "landes", "förder", "sonder"))
    if not (_NAME_NOUN.search(word.casefold())
            or (funding_head and len(word) >= 10 and not word.endswith(("en", "e", "er", "n")))):
        return False
    # the sentence must not go on with the name: "Digitalisierung kleiner Unternehmen"
    nxt = words[k:k + 2]
    if nxt and text[ws[-1].end:nxt[0].start] == " ":
        if _is_cap(nxt[0].text) or nxt[0].text in _CONNECTORS:
            return False
        if len(nxt) == 2 and text[nxt[0].end:nxt[1].start] == " " and _is_cap(nxt[1].text) \
                and nxt[0].text.endswith(("e", "en", "er", "es", "em")) and nxt[0].text not in _FUNCTION_WORDS:
            return False
    return True


# compiled once: _name_words runs for every head word
_YEAR = re.compile(r"(?:19|20)\d\d")
_PERIOD_GOES_ON = re.compile(r"\s*(?:[–\-/]|bis\b)\s*\d")
_LOWER_ADJECTIVE = re.compile(r"[a-zäöü]\w+(?:e|en|er|es)")


def _name_words(text: str, words: Words, j: int, starts_stop: frozenset[str]) -> tuple[int, int] | None:
    """Words j..k-1 forming a capitalised name right after a head, or None."""
    texts, starts, ends = words.texts, words.starts, words.ends   # no Word built per step
    n = len(texts)
    first = texts[j]
    if text[ends[j - 1]:starts[j]] != " " or not _is_cap(first):
        return None
    if first.casefold() in starts_stop or first.isdigit():
        return None
    k = j + 1
    while k < n:
        gap = text[ends[k - 1]:starts[k]]
        if gap == "/" and _YEAR.fullmatch(texts[k]) and _is_title_token(texts[k - 1]):
            k += 1                  # a guideline code: "Förderrichtlinie AB/2023" is one name
            break
        if gap != " ":
            break
        t = texts[k]
        if _is_cap(t) and t.casefold() not in starts_stop and not head_of(t):
            k += 1
            continue
        if _YEAR.fullmatch(t):
            # "Strategie Niedersachsen 2030", but "EFRE-Programm Brandenburg 2021–2027" is a period
            if not _PERIOD_GOES_ON.match(text[ends[k]:ends[k] + 8]):
                k += 1
            break
        if t in _CONNECTORS:
            m = k + 1
            if m < n and texts[m] in _ARTICLES_AFTER_CONNECTOR and text[ends[m - 1]:starts[m]] == " ":
                m += 1
            # "für nachhaltige Entwicklung": one lower-case adjective may come first
            if (m + 1 < n and _LOWER_ADJECTIVE.fullmatch(texts[m])
                    and texts[m] not in _FUNCTION_WORDS and _is_cap(texts[m + 1])):
                m += 1
            if (m < n and text[ends[m - 1]:starts[m]] == " " and _is_cap(texts[m])
                    and texts[m].casefold() not in starts_stop):
                k = m + 1
                continue
        break
    return j, k


# ------------------------------------------------------------------ "die Nationale Wasserstoffstrategie"

# A capitalised adjective in mid-sentence marks a proper name: "der Nationale Aktionsplan".
_ADJECTIVE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+(?:sch|al|ig|lich|iv|ell|sam|iert|ar))(e|er|es|en|em)$")


def adjective_heads(text: str, words: Words) -> list[Cand]:
    out: list[Cand] = []
    starts_stop = stop_words("start")
    for i, m in words.index.adjectives:
        adj = words[i]
        prev = words[i - 1].text
        if not prev[:1].islower() or prev.casefold() in _INDEFINITE:
            continue
        if text[words[i - 1].end:adj.start] != " ":
            continue
        # up to two lower-case adjectives may follow: "dem Bayerischen regionalen Förderprogramm"
        h_i = i + 1
        while (h_i < len(words) - 1 and h_i - i <= 2 and words[h_i].text[:1].islower()
               and _INFLECTED_ADJ.match(words[h_i].text) and text[words[h_i - 1].end:words[h_i].start] == " "):
            h_i += 1
        head = words[h_i]
        if text[words[h_i - 1].end:head.start] != " ":
            continue
        hd = head_of(head.text)
        if not hd or hd[1] not in ("", "s", "es"):
            continue
        h, ending = hd
        if h_i == i + 1:
            name = m.group(1) + _STRONG_ENDING.get(h.gender, "e") + " " + _nominative_head(head.text, ending)
        else:
            name = nominative(text[adj.start:head.end])
        end = head.end
        rest = _name_words(text, words, h_i + 1, starts_stop) if h_i + 1 < len(words) else None
        if rest:
            # "Nationaler Aktionsplan Integration": take the name after the head unless it is
            # one word and the sentence goes on with another capitalised word
            j, k = rest
            goes_on = k < len(words) and _is_cap(words[k].text) and text[words[k - 1].end:words[k].start] == " "
            if k - j > 1 or _is_title_token(words[j].text) or not goes_on:
                end = words[k - 1].end
        else:
            f = _FOR_PHRASE.match(text, head.end)    # "Nationale Strategie für Soziale Innovationen"
            if f and f.group(1).casefold() not in starts_stop:
                end = f.end()
        name += text[head.end:end]
        out.append(Cand(adj.start, end, name, h.kind, "adjective_head", PRIO_AFTER_HEAD + 1, (adj.start, end)))
    return out


# ------------------------------------------------------------------ English names: "Ukraine Energy Support Fund"

_ENGLISH_HEADS = {"Fund": "fund", "Facility": "fund", "Programme": "programme", "Program": "programme",
                  "Act": "law", "Mechanism": "programme"}
_ENGLISH_HEAD_RE = re.compile("(" + literal_alternation(_ENGLISH_HEADS, not_after=r"[\w\-]") + r")(?![\w\-])")
_ENGLISH_JOINERS = {"and", "for", "of", "&"}


_ENGLISH_WORD = re.compile(r"[\w\-&]+")
# a German word among the name words: "Zwei Neue Förderung Programme" is German plural
_GERMAN_WORD = re.compile(r"[äöüßÄÖÜ]|(?:ung|heit|keit|schaft)$")


@functools.lru_cache(maxsize=None)
def _english_stop() -> frozenset[str]:
    """Words that end an English name going back from its head."""
    return frozenset(_FUNCTION_WORDS | _DETERMINERS | stop_words("english"))


def english_names(text: str) -> list[Cand]:
    """Capitalised words before an English head: "European Chips Act", "Ukraine Energy Support
    Fund". At least two name words, or one acronym ("AI Act"); articles and German function words
    ("Der", "The") end the name."""
    out: list[Cand] = []
    stop = _english_stop()
    for m in _ENGLISH_HEAD_RE.finditer(text):
        ws = list(_ENGLISH_WORD.finditer(text[max(0, m.start() - 100):m.start()]))
        off = max(0, m.start() - 100)
        start, n, pos = m.start(), 0, m.start()
        for x in reversed(ws):
            w = x.group()
            if text[off + x.end():pos] != " ":
                break
            if _is_cap(w) and w.casefold() not in stop:
                start, pos, n = off + x.start(), off + x.start(), n + 1
            elif w in _ENGLISH_JOINERS and n:
                pos = off + x.start()
            else:
                break
        words = text[start:m.start()].split()
        if n < 2 and not (n == 1 and m.group(1) == "Act" and is_acronym_like(words[0])):
            continue                       # "AI Act" yes, "Energy Fund" and "ESF Programme" no
        if any(_GERMAN_WORD.search(w) for w in words):
            continue                       # German words: "Zwei Neue Förderung Programme" is German plural
        out.append(Cand(start, m.end(), text[start:m.end()], _ENGLISH_HEADS[m.group(1)], "english",
                        PRIO_AFTER_HEAD, (start, m.end())))
    return out


# ------------------------------------------------------------------ compounds

# A version number after a name: "2.0", "3.0" (not a date "2.10.2025", not "2.000").
_VERSION = re.compile(r" \d\.\d(?![\d.]*\d)")


def compounds(text: str, words: Words, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    name_stop, prefix_stop = stop_words("name"), stop_words("prefix")
    for i, hd in words.index.heads:
        w = words[i]
        if i and words[i - 1].text.casefold() in _INDEFINITE:
            continue                           # "ein Sirenenförderprogramm": any such programme
        if hd[1] not in ("", "s", "es"):
            continue
        h, ending = hd
        base = _nominative_head(w.text, ending)
        if base.casefold() in name_stop:
            continue
        last = base.rsplit("-", 1)[-1]
        first = last[: len(last) - len(h.stem)]
        if h.closed and len(last) >= len(h.stem) + 4:
            # "ERP-Wirtschaftsplangesetz": a closed compound after all; "Bundesförderprogramm" is generic
            if first.casefold() in prefix_stop or first.casefold().rstrip("s") in prefix_stop:
                continue
        elif "-" in base:
            if not h.hyphen:
                continue
            prefix = base.rsplit("-", 1)[0]
            parts = prefix.split("-")
            if parts[0].isdigit():
                parts = parts[1:]             # "5-Standorte-Programm", not "100-Millionen-Programm"
            if not parts or not _is_cap(parts[0]) or prefix.casefold() in prefix_stop \
                    or parts[-1].casefold() in prefix_stop:
                continue
            letters = [c for c in prefix if c.isalpha()]
            if letters and (all(c.isupper() for c in letters) or (len(parts) == 1 and is_acronym_like(prefix)
                                                                 and len(prefix) <= 6)):
                continue   # BMWSB-Programm, EU-Fonds, KfW-Richtlinie: an issuer, or a lexicon acronym
            if stem(prefix) in lex.by_first_stem:
                continue   # Interreg-Programm: the lexicon names it
        elif not h.closed or len(base) < len(h.stem) + 4:
            # "Umweltsofortprogramm", "Zukunftsinvestitionsfonds": a topic before a programme-type
            # word names one programme; "Sofortprogramm", "Landessonderprogramm" stay generic
            if not _typed_compound(first, prefix_stop):
                continue
        end = w.start + len(base)
        version = _VERSION.match(text, end) if base == w.text else None
        if version:
            base, end = base + version.group(), version.end()   # "Gigabit-Richtlinie 2.0"
        # "ERP-Wirtschaftsplangesetz" is a law, not a mention of ERP
        prio = PRIO_LEXICON + 1 if h.closed and "-" in base else PRIO_COMPOUND
        out.append(Cand(w.start, end, base, h.kind, "compound", prio, (w.start, end)))
    return out


def _typed_compound(first: str, prefix_stop: frozenset[str]) -> bool:
    """Is `first` (a compound before its head, casefolded or not) a topic plus a programme-type
    word ("Umwelt|sofort", data/de/programs_types.txt)? The topic must be a word of its own
    (4+ letters, no issuer or generic prefix, not itself a type: "Sonder|investitions")."""
    low = first.casefold()
    types = data_lines("de/programs_types.txt")
    for t in types:
        if low.endswith(t):
            topic = low[: -len(t)]
            return len(topic) >= 4 and topic not in prefix_stop and topic.rstrip("s") not in prefix_stop \
                and not topic.endswith(types)
    return False


# ------------------------------------------------------------------ "Long Form (ACR)"

# "(EFRE)", "(ESF+)", and a short qualifier after the acronym: "(ILERL M-V)", "(KIP Bildung)"
_ACR_DEF = re.compile(r"\(([A-ZÄÖÜ][A-Za-zÄÖÜäöüß0-9+\-]{1,11}"
                      r"(?: [A-ZÄÖÜ][A-Za-zÄÖÜäöüß0-9+\-]{0,10})?)\)")
_DEF_HEADS = ("fonds", "programm", "gesetz", "aufgabe", "förderung", "initiative", "strategie", "pakt",
              "richtlinie", "aktionsplan", "offensive", "fazilität", "projekt")
_ORG_WORDS = ("amt", "ministerium", "agentur", "bank", "institut", "anstalt", "gesellschaft", "verband",
              "stiftung", "kammer", "behörde", "zentrum", "verein", "kommission", "rat", "gmbh", "dienst",
              "referat", "abteilung", "hochschule", "universität", "partei", "union", "organisation")


def _long_form_kind(long_words: list[str]) -> str | None:
    """The kind of an unknown long form, or None when it names no programme: one of its words
    must be a head ("Stadt-Umland-Wettbewerbs", "Förderrichtlinie") and none an organisation."""
    lows = [x.casefold() for x in long_words]
    if any(x.endswith(_ORG_WORDS) for x in lows) or " ".join(lows) in stop_words("name"):
        return None
    hd = next((head_of(x) for x in reversed(long_words) if head_of(x) and head_of(x)[1] in ("", "s", "es")), None)
    if hd:
        return hd[0].kind
    if long_words and long_words[-1] in _ENGLISH_HEADS and len(long_words) > 1:
        return _ENGLISH_HEADS[long_words[-1]]          # "Digital Services Act (DSA)"
    if any(x.endswith(_DEF_HEADS) or x.startswith("gemeinschaftsaufgabe") for x in lows):
        return "programme"
    return None


def _sh_long_form(acr: str, long: str) -> int | None:
    """Schwartz & Hearst (2003): start offset in `long` of the shortest long form of `acr`."""
    s, l_ = len(acr) - 1, len(long) - 1
    while s >= 0:
        c = acr[s].casefold()
        if not c.isalnum():
            s -= 1
            continue
        while l_ >= 0 and (long[l_].casefold() != c or (s == 0 and l_ > 0 and long[l_ - 1].isalnum())):
            l_ -= 1
        if l_ < 0:
            return None
        l_ -= 1
        s -= 1
    return l_ + 1


# (?<![\w\-].) after the first letter == (?<![\w\-]) before it, but lets `re` scan in C
_ACR_FIRST = re.compile(r"([A-ZÄÖÜ](?<![\w\-].)[A-Za-zÄÖÜäöüß0-9+\-]{1,11}) \(([A-ZÄÖÜ][^()\n]{4,120})\)")
# _ACR_FIRST up to its bracket: found where a match of it can start
_ACR_FIRST_HEAD = re.compile(r"[A-ZÄÖÜ](?<![\w\-].)[A-Za-zÄÖÜäöüß0-9+\-]{1,11} \(")


def _acronym_first_matches(text: str):
    """``_ACR_FIRST.finditer(text)``, tried only right before each " (": the acronym of a match
    (at most 12 characters, no space) ends there. Its start is the first start of
    _ACR_FIRST_HEAD in those 12 characters; the rest of the match does not depend on it."""
    pos = 0
    while (p := text.find(" (", pos)) >= 0:
        head = _ACR_FIRST_HEAD.search(text, max(pos, p - 12), p + 2)
        m = _ACR_FIRST.match(text, head.start()) if head else None
        if m is None:
            pos = p + 1
            continue
        yield m
        pos = m.end()


def _initials_fit(acr: str, long: str) -> bool:
    """Every letter of the acronym, in order, in the long form; the first one starts it."""
    letters = [c.casefold() for c in acr if c.isalnum()]
    if not letters or long[:1].casefold() != letters[0]:
        return False
    pos = 1
    for c in letters[1:]:
        pos = long.casefold().find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def reverse_definitions(text: str, lex: Lexicon, first_pair: int = 1000) -> list[Cand]:
    """"EFRE (Europäischer Fonds für regionale Entwicklung)": acronym first, long form in brackets."""
    out: list[Cand] = []
    pair = first_pair
    for m in _acronym_first_matches(text):
        acr, long = m.group(1), m.group(2).strip()
        if sum(c.isupper() for c in acr) < 2 or not _initials_fit(acr, long) or len(long.split()) > 12 \
                or len(long) < 2 * len(acr) or is_acronym_like(long.replace("/", "")):
            continue
        idx = acronym_entry(lex, acr)
        if idx is None:
            kind = _long_form_kind(long.split())
            if kind is None:
                continue
        else:
            kind = lex.entries[idx].kind
        ls = m.start(2) + (len(m.group(2)) - len(m.group(2).lstrip()))
        out.append(Cand(m.start(1), m.end(1), acr, kind, "definition", PRIO_DEFINITION, (m.start(1), m.end(1)),
                        idx, pair))
        out.append(Cand(ls, ls + len(long), long, kind, "definition", PRIO_DEFINITION, (ls, ls + len(long)),
                        idx, pair))
        pair += 1
    return out


# what ends the clause before a long form
# (the same as r"[.!?:;\n(]\s|\n", written to start with one character class: `re` then scans
# for its characters in C instead of trying both branches at every position)
_CLAUSE_END = re.compile(r"[.!?:;\n(](?:(?<=\n)\s?|\s)")


def definitions(text: str, lex: Lexicon, known: list[Cand] = (), first_pair: int = 0) -> list[Cand]:
    """`known`: lexicon hits; one that ends right before "(ACR)" is the long form."""
    out: list[Cand] = []
    pair = first_pair
    if "(" not in text:
        return out   # both kinds of definition are in brackets
    for m in _ACR_DEF.finditer(text):
        acr = m.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        idx = acronym_entry(lex, acr)
        lend = _end_before_space(text, m.start())
        hit = next((k for k in known if k.end == lend and k.entry is not None and k.entry == idx
                    and not is_acronym_like(k.name)), None)
        if hit is not None:
            out.append(Cand(hit.start, hit.end, hit.name, hit.kind, "definition", PRIO_DEFINITION,
                            (hit.start, hit.end), idx, pair))
            out.append(Cand(m.start(1), m.end(1), acr, hit.kind, "definition", PRIO_DEFINITION,
                            (m.start(1), m.end(1)), idx, pair))
            pair += 1
            continue
        # the long form: up to a few words before "(", within the sentence
        left = text[max(0, m.start() - 200):m.start()]
        left = _CLAUSE_END.split(left)[-1].rstrip()
        ws = left.split(" ")
        limit = min(len(acr) + 5, 2 * len(acr) + 1)
        left = " ".join(ws[-limit:])
        off = _sh_long_form(acr.split(" ")[0], left)
        long = left[off:] if off is not None else ""
        kind = None
        if long[:1].isupper() and len(long) > len(acr):
            kind = _long_form_kind(long.split()) if idx is None else lex.entries[idx].kind
        if kind is None:
            # "Richtlinie zur Förderung der integrierten ländlichen Entwicklung (ILERL M-V)":
            # initials that do not spell out, but a head word with its complement. Not when the
            # initials spell one word: "Gesetz zur Änderung des Baugesetzbuchs (BauGB)".
            if long and " " not in long.strip():
                continue
            headed = _headed_long_form(text, lend)
            if headed is None:
                continue
            long, kind = text[headed:lend], (lex.entries[idx].kind if idx is not None else head_of(
                text[headed:lend].split(" ")[0])[0].kind)
        lstart = lend - len(long)
        if text[lstart:lend] != long:
            continue
        name = long
        if idx is not None:
            key = stem_key(long)
            name = next((f for f in lex.entries[idx].forms if not is_acronym_like(f) and stem_key(f) == key), long)
        out.append(Cand(lstart, lend, name, kind, "definition", PRIO_DEFINITION, (lstart, lend), idx, pair))
        out.append(Cand(m.start(1), m.end(1), acr, kind, "definition", PRIO_DEFINITION, (m.start(1), m.end(1)),
                        idx, pair))
        pair += 1
    # "Gesetz zur Stärkung von Wachstumschancen (Wachstumschancengesetz)": a short name in brackets
    for m in _SHORT_NAME_DEF.finditer(text):
        short = m.group(1)
        hd = head_of(short)
        if not hd or hd[1] or not (hd[0].closed or hd[0].hyphen) or len(short) < len(hd[0].stem) + 4 \
                or short.casefold() in stop_words("name"):
            continue
        lend = _end_before_space(text, m.start())
        headed = _headed_long_form(text, lend)
        if headed is None:
            continue
        kind = hd[0].kind
        out.append(Cand(headed, lend, text[headed:lend], kind, "definition", PRIO_DEFINITION, (headed, lend),
                        None, pair))
        out.append(Cand(m.start(1), m.end(1), short, kind, "definition", PRIO_DEFINITION, (m.start(1), m.end(1)),
                        None, pair))
        pair += 1
    return out


def _end_before_space(text: str, pos: int) -> int:
    """``len(text[:pos].rstrip())``, without copying the text before `pos`."""
    while pos and text[pos - 1].isspace():
        pos -= 1
    return pos


_SHORT_NAME_DEF = re.compile(r"\(([A-ZÄÖÜ][\w\-]{5,60})\)")
# A head word with its complement: "Richtlinie zur Förderung …", "Gesetz über …", "Programm für …".
# (?<![\w\-].) after the capital == (?<![\w\-]) before it, but lets `re` scan for capitals in C
_HEADED = re.compile(r"([A-ZÄÖÜ](?<![\w\-].)[\w\-]*) (?:zur|zum|für|über|zu|gegen|zwischen) ")
_HEADED_REST = re.compile(r"[^.;:!?„“\"()\n]{3,}")


def _headed_long_form(text: str, lend: int) -> int | None:
    """Start of "Head zur/für/über …" ending at `lend` (right before a bracket), or None.
    The nearest head wins; the phrase has at most 12 words and no sentence punctuation."""
    left = text[max(0, lend - 160):lend]
    for m in reversed(list(_HEADED.finditer(left))):
        hd = head_of(m.group(1))
        if not hd or hd[1] != "" or m.group(1).casefold() in stop_words("nohead"):
            continue
        if _HEADED_REST.fullmatch(left, m.end()) and len(left[m.start():].split()) <= 12:
            return lend - len(left) + m.start()
        return None
    return None

