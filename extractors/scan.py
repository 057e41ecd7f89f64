"""Fast scans of a release's lower-cased text, shared by press_dates and press_money.

Many patterns open with one of a few words or with a digit; one scan finds where those stand
and each pattern is tried only there. The scan looks for a non-word character followed by one
of the words in ``text.lower()``: plain character tests, fast in `re`. That needs a text whose
lower case `re` agrees with, which is what scan_alphabet() checks; other texts are scanned
pattern by pattern.
"""
from __future__ import annotations

import functools
import re

from spacy.tokens import Doc

# The Unicode blocks the fast scans know: Latin (Basic, Latin-1, Extended-A and -B), general
# punctuation and currency signs, the script of German and English releases.
_SCAN_BLOCKS = ((0x0000, 0x0250), (0x2000, 0x2070), (0x20A0, 0x20D0))
_WORD_CHAR = re.compile(r"\w")


def _lowers_cleanly(c: str, chars: set[str], alphabet: str) -> bool:
    """Does ``c.lower()`` stand in for `re`'s case-insensitive matching of `c` within `chars`?"""
    low = c.lower()
    if len(low) != 1 or low not in chars or bool(_WORD_CHAR.match(c)) != bool(_WORD_CHAR.match(low)):
        return False
    return all(y.lower() == low for y in re.findall("(?i)" + re.escape(c), alphabet))


@functools.lru_cache(maxsize=None)
def scan_alphabet() -> str:
    """The characters of _SCAN_BLOCKS a text may hold for the fast scans, sorted.

    Each lowers to one character of the alphabet, a word character exactly when it is one, and
    `re` matches it case-insensitively only with the characters that lower to the same one, so a
    case-insensitive match in the text stands at the same place in ``text.lower()``, lower-cased.
    That drops e.g. "ı", "İ" and "ſ", which `re` folds to "i" and "s"."""
    chars = {chr(i) for lo, hi in _SCAN_BLOCKS for i in range(lo, hi)}
    while True:
        alphabet = "".join(sorted(chars))
        bad = {c for c in chars if not _lowers_cleanly(c, chars, alphabet)}
        if not bad:
            return alphabet
        chars -= {c for c in bad if not c.isascii()} or bad   # keep ASCII while others can go


def _char_class(chars) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


@functools.lru_cache(maxsize=None)
def _outside_alphabet() -> re.Pattern:
    return re.compile("[^" + _char_class(scan_alphabet())[1:])


def in_scan_alphabet(text: str) -> bool:
    """May the fast scans (WordTrigger) look at `text`?"""
    return _outside_alphabet().search(text) is None


_LOWER_KEY = "press_extract.scan_lower"   # in doc.user_data, as base.doc_text's cache


def scan_lower(doc: Doc, text: str) -> str | None:
    """``text.lower()`` for the doc's text (base.doc_text) if it is inside scan_alphabet(),
    else None: worked out once per Doc, as press_money and press_dates both scan it."""
    cached = doc.user_data.get(_LOWER_KEY)
    if cached is None or cached[0] is not text:
        cached = (text, text.lower() if in_scan_alphabet(text) else None)
        doc.user_data[_LOWER_KEY] = cached
    return cached[1]


@functools.lru_cache(maxsize=None)
def scan_digits() -> str:
    """The characters of scan_alphabet() that ``\\d`` matches (no word opens with one)."""
    return "".join(c for c in scan_alphabet() if re.match(r"\d", c))


def word_start_scan(body: str) -> tuple[re.Pattern, re.Pattern]:
    """(after, first): patterns that find where `body` matches at the start of a word run
    of a text inside scan_alphabet(): `after` matches a non-word character followed by
    `body` (which it only looks at, so every such place is found), `first` is `body` to try
    at the start of the text. The scan tests plain character sets until a word starts."""
    non_word = {c for c in scan_alphabet() if not _WORD_CHAR.match(c)}
    return re.compile(rf"{_char_class(non_word)}(?={body})"), re.compile(body)
