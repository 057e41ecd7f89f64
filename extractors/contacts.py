"""press_contacts: the press contact / source block at the end of a release (or, failing that, under its title).

Finds the block (``Quelle: Pressestelle …``, ``Pressekontakt``, ``Ansprechpartner: …``,
``V.i.S.d.P.``), marks it as ``zones(doc)["contact"]`` so later components can skip
postal addresses and phone numbers, and adds one ``schemas.Contacts`` item: press office,
names, e-mail addresses, phone numbers, postal address and web addresses.
"""
from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from schemas import Contacts

from .base import add_fact, data_lines, doc_text, literal_alternation, token_texts, zones
from .people_rules import Finder


class _Guarded:
    """A pattern behind a cheap test for a part every match contains: most lines and texts fail the
    test, and the full pattern (slow where it backtracks at each word) then never runs."""

    def __init__(self, pattern: re.Pattern, guard):
        self.pattern, self.guard = pattern, guard

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.guard(text) else None

    def findall(self, text: str) -> list:
        return self.pattern.findall(text) if self.guard(text) else []

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.guard(text) else iter(())


_EMAIL = _Guarded(re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), lambda s: "@" in s)
# 'presse [at] mhkbg.nrw.de', 'info(at)example(dot)de'
_EMAIL_OBFUSCATED = _Guarded(re.compile(r"([\w.+-]+)\s*[\[(]\s*(?:at|ät)\s*[\])]\s*"
                                        r"([\w-]+(?:\s*(?:\.|[\[(]\s*(?:dot|punkt)\s*[\])])\s*[\w-]+)+)", re.I),
                             re.compile(r"[\[(]\s*(?:at|ät)\s*[\])]", re.I).search)
_PHONE = re.compile(literal_alternation(("Tel", "Tel.", "Telefon", "Telefon.", "Fon", "Mobil", "Handy", "Phone"),
                                        not_after=r"[\w-]") + r"\s*:?\s*(\+?\(?\d[\d /()\-–.]{4,}\d)")


class _AtLineStarts:
    """A multi-line pattern that starts with "^" (and matches no empty string), tried only at
    the line starts: the same matches as its own search() and findall(), without trying it at
    every character."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern

    def finditer(self, text: str):
        pos = 0
        while True:
            m = self.pattern.match(text, pos)
            if m:
                yield m
                pos = m.end()
                if pos and text[pos - 1] == "\n":
                    continue              # the match ended at a line start: try there next
            pos = text.find("\n", pos) + 1
            if not pos:
                return

    def search(self, text: str) -> re.Match | None:
        return next(self.finditer(text), None)

    def findall(self, text: str) -> list:
        return [m.group(1) if self.pattern.groups == 1 else m.group(0) for m in self.finditer(text)]


_BARE_PHONE = _AtLineStarts(re.compile(r"(?m)^\s*(\+49[\d /()\-–]{6,}\d|0\d{2,5}[ /\-–]\s?\d[\d \-–]{2,}\d)\s*$"))
_URL = re.compile(r"(?:https?://|www\.)[^\s,;)<>]+")
_STREET = (r"[A-ZÄÖÜ][\wäöüß.\-]*(?:[ -][A-ZÄÖÜ][\wäöüß.\-]*)*?"
           r"[ -]?(?i:straße|strasse|str\.|weg|platz|allee|ring|damm|ufer|gasse|chaussee|markt|promenade|kai|hof"
           r"|steig|graben)"
           r"\s+\d+\s?[a-z]?(?:\s?[-–]\s?\d+)?")
# in the contact block any capitalised name with a house number before a postcode is a street ('Trift 26')
_ANY_STREET = r"[A-ZÄÖÜ][\wäöüß.\-]+(?: [A-ZÄÖÜ][\wäöüß.\-]+)?\s+\d+\s?[a-z]?(?:\s?[-–]\s?\d+)?"


class _Address:
    """The postal address pattern, searched from where its first match can start at the earliest:
    the pattern backtracks at every capital letter, slowly where words are joined by hyphens.
    Same result as ``pattern.search(text)`` whenever the text has a `postcode` hit.

    Before its postcode and town (a hit of `postcode`) a match holds only word characters, ".",
    "-", "–", "," and white space. Its street part ("Franz-Josef-Röder-Straße", "Postfach") holds
    only word characters, ".", "-" and spaces, and white space and a digit (the house number)
    follow it. So no match starts before the last other character ahead of the first postcode;
    nor, if the first white space + digit after that is at `gap`, before the last character
    other than those of a street part ahead of `gap`."""

    _BARRIER = re.compile(r"[^\w.\-–,\s]")
    _STREET_BARRIER = re.compile(r"[^\w.\- ]")
    _NUMBER = re.compile(r"\s\d")

    def __init__(self, pattern: re.Pattern, postcode: re.Pattern):
        self.pattern, self.postcode = pattern, postcode

    def search(self, text: str) -> re.Match | None:
        first = self.postcode.search(text)
        if first is None:
            return None
        lo = _after_last(self._BARRIER, text, first.start())
        number = self._NUMBER.search(text, lo)
        if number is None:
            return None
        gap = number.start()
        while gap > lo and text[gap - 1].isspace():
            gap -= 1              # to the start of the white space: a street part ends there
        return self.pattern.search(text, max(lo, _after_last(self._STREET_BARRIER, text, gap)))


def _after_last(pattern: re.Pattern, text: str, pos: int) -> int:
    """Where the text after the last match of the one-character `pattern` before `pos` starts
    (0 if there is none)."""
    last = pattern.search(text[pos - 1::-1]) if pos else None   # the first one in the reversed text
    return pos - last.start() if last else 0


_ADDRESS = _Address(re.compile(rf"(?:{_STREET}|{_ANY_STREET}|Postfach\s+[\d ]+\d)\s*,?\s*\n?\s*"
                               rf"(?:D-)?\d{{5}}\s+[A-ZÄÖÜ][\wäöüß.\- ()/]*[\wäöüß)]"),
                    # the postcode and town; the first digit on its own, so that `re` scans for it in C
                    re.compile(r"\d\d{4}\s+[A-ZÄÖÜ]"))
_OFFICE_WORDS = re.compile(r"(?i:presse(?!mitteil|information)|ministerium|kanzlei|senat|referat|kommunikation|behörde|"
                           r"landkreis|verwaltung|regierung|agentur|commission|ministry|\boffice\b|\bpress\b)|Amt\b|Stadt\b")
# cue words that name the office themselves ('Pressestelle der Staatskanzlei …')
_OFFICE_CUES = ("pressestelle", "pressebüro", "press office")
# where the labels after an office name start: ", Tel", "Fax:" (the white space before them
# is cut too: see _before_label)
_LABEL = re.compile(r"[,\n]\s*(?:Tel|Telefon|Fax|E-Mail|Mail|Internet|Web)\b|(?:Tel(?:efon)?\.?|Fax|E-Mail)\s*:", re.I)


@functools.lru_cache(maxsize=None)
def _cue_pattern() -> re.Pattern:
    # a trie of the lower-cased cues: under (?i) the same matches as the longest-first list,
    # and `re` tries one branch per character instead of every cue
    alt = literal_alternation({c.lower() for c in data_lines("de/contact_cues.txt")})
    return re.compile(rf"(?im)^[ \t]*(?:{alt})(?=[ \t]*(?::|$|\n|/|[ \t]+[A-ZÄÖÜ]))")


def _features(line: str) -> bool:
    return bool(_EMAIL.search(line) or _EMAIL_OBFUSCATED.search(line) or _PHONE.search(line)
                or _BARE_PHONE.search(line) or _ADDRESS.search(line))


def _feature_kinds(line: str) -> int:
    """How many kinds of contact data (e-mail, phone, postal address) a line holds."""
    return (bool(_EMAIL.search(line) or _EMAIL_OBFUSCATED.search(line))
            + bool(_PHONE.search(line) or _BARE_PHONE.search(line)) + bool(_ADDRESS.search(line)))


def _is_prose(line: str) -> bool:
    """A body paragraph: long, many words, no contact data."""
    return len(line) > 200 and len(line.split()) > 25 and not _features(line)


def find_block(text: str, min_share: float = 0.3) -> tuple[int, int] | None:
    """Character range of the contact block, or None."""
    n = len(text)
    for m in _AtLineStarts(_cue_pattern()).finditer(text):
        if m.start() < min_share * n and not _features(text[m.start():m.start() + 400]):
            continue
        rest = text[m.start():]
        if any(_is_prose(line) for line in rest.splitlines()):
            continue
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        return start, len(text.rstrip())
    # no cue: trailing lines with an e-mail address or phone number
    lines = text.rstrip().splitlines(keepends=True)
    pos, start = len(text.rstrip()), None
    for line in reversed(lines):
        pos -= len(line)
        if not line.strip():
            continue
        sentence = line.rstrip().endswith(".") and len(line.split()) > 10
        # a sentence of the body that happens to name an e-mail address is no contact block;
        # a long line packed with address, phone and mail is ('Stadt X, Pressestelle, Markt 1, …')
        if len(line) > 100 or sentence:
            if _feature_kinds(line) < 2:
                break
            start = pos
        elif _features(line):      # one kind of contact data or more: cheaper than counting them
            start = pos
    if start is not None and start >= min_share * n:
        return start + (len(text[start:]) - len(text[start:].lstrip())), len(text.rstrip())
    return None


def find_top_block(text: str, max_share: float = 0.3) -> tuple[int, int] | None:
    """A contact block above the body ('Ansprechpartnerin: …', 'Telefon: …' under the title), or None.

    It runs from the cue to the first blank line or body paragraph and must hold contact data."""
    for m in _AtLineStarts(_cue_pattern()).finditer(text):
        if m.start() >= max_share * len(text):
            break
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        end = pos = start
        for line in text[start:].splitlines(keepends=True):
            body = line.strip()
            if not body or _is_prose(line) or (len(body) > 100 and not _features(line)):
                break
            pos += len(line)
            end = pos - (len(line) - len(line.rstrip()))
        if end > start and _features(text[start:end]):
            return start, end
    return None


_DOT = re.compile(r"\s*[\[(]\s*(?:dot|punkt)\s*[\])]\s*", re.I)   # "(dot)" in an obfuscated address
_SPACES = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\s*\n\s*")


def parse_block(doc: Doc, start: int, end: int) -> Contacts:
    block = doc_text(doc)[start:end]
    emails = _EMAIL.findall(block)
    for m in _EMAIL_OBFUSCATED.finditer(block):
        domain = _DOT.sub(".", m.group(2)).replace(" ", "")
        emails.append(f"{m.group(1)}@{domain}")
    phones = [_SPACES.sub(" ", p).strip() for p in _PHONE.findall(block)]
    phones += [p.strip() for p in _BARE_PHONE.findall(block)]
    urls = [u.rstrip(".") for u in _URL.findall(block) if "@" not in u]
    am = _ADDRESS.search(block)
    address = _LINE_BREAK.sub(", ", am.group(0)).strip() if am else None
    names = _names(doc, start, end)
    return Contacts(
        text=block, start=start, end=end,
        office=_office(block, am.start() if am else None, names),
        names=names,
        emails=_dedupe(emails), phones=_dedupe(phones), address=address, urls=_dedupe(urls),
    )


def _office(block: str, address_at: int | None, names: list[str]) -> str | None:
    """The press office: the cue line's text (up to the address or first label), else an office-like line."""
    m = _cue_pattern().match(block)
    pos = m.end() if m else 0
    if m and m.group(0).strip().lower() in _OFFICE_CUES and block[pos:pos + 1] not in (":", "\n"):
        pos = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    while pos < len(block) and block[pos] in " \t:":
        pos += 1
    first = block[pos:].split("\n", 1)[0]
    if address_at is not None and 0 < address_at - pos < len(first):
        first = first[:address_at - pos]
    first = _before_label(first).strip(" ,;:")

    def usable(line: str) -> bool:
        # the office word first: most lines have none, and then the slower tests need not run
        return bool(line) and len(line) < 120 and _OFFICE_WORDS.search(line) is not None \
            and not _features(line) and not any(n in line for n in names)

    if usable(first):
        return first
    for line in block.splitlines()[1:]:
        line = line.strip(" \t,;:")
        if usable(line) and not _cue_pattern().match(line):
            return line
    return None


def _before_label(line: str) -> str:
    r"""`line` up to the white space before its first label (", Tel", "Fax:"). The same as
    splitting at ``\s*`` and a label, but `re` scans for the label's first character instead of
    trying ``\s*`` at every position (str.rstrip strips what \s matches)."""
    m = _LABEL.search(line)
    return line if m is None else line[:m.start()].rstrip()


def _names(doc: Doc, start: int, end: int) -> list[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    out = []
    for c in Finder(doc, words=token_texts(doc)).run(span.start, span.end):
        if c.full and c.strength != "link":
            name = " ".join(c.given + c.particles + [c.surname])
            if name not in out:
                out.append(name)
    return out


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@Language.factory("press_contacts", default_config={"min_share": 0.3})
def make_contacts(nlp: Language, name: str, min_share: float):
    return ContactsComponent(min_share)


class ContactsComponent:
    def __init__(self, min_share: float = 0.3):
        self.min_share = min_share

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        block = find_block(text, self.min_share) or find_top_block(text, self.min_share)
        if block:
            zones(doc)["contact"] = block
            add_fact(doc, "contacts", parse_block(doc, *block))
        return doc
