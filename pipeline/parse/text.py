"""Decoding bytes to text and cleaning plain-text releases."""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

from ..types import ParsedDocument, RawDocument

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters that break words or offsets but carry no text: soft hyphen, zero-width (non-)joiners,
# word joiner, zero-width no-break space (a BOM inside text).
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first kilobytes mean this is not a text document."""
    if data.startswith(tuple(bom for bom, _ in BOMS)):
        return False  # UTF-16/32 text is full of NUL bytes
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))   # counted in C, not byte by byte
    return controls > len(head) * 0.05


class UndecodableError(ValueError):
    """No text encoding fits the bytes."""


def decode(raw: RawDocument, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes: BOM, then a declared charset, then strict UTF-8, then Windows-1252, then detection.

    Windows-1252 comes before detection because German releases that are not UTF-8 are
    nearly always 1252 (or Latin-1 mislabelled, whose letters 1252 shares); detectors
    often guess a neighbouring code page for short German texts. Raises
    UndecodableError when nothing yields plausible text.
    """
    data = raw.data
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    for enc in filter(None, (raw.encoding, declared)):
        enc = _norm_encoding(enc)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            continue  # a wrong declaration is common: fall through to sniffing
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if _plausible(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or (best.chaos > 0.1 and best.coherence < 0.1):
        raise UndecodableError("undecodable bytes: not UTF-8, and no text encoding fits")
    enc = _norm_encoding(best.encoding)
    return data.decode(enc, errors="replace"), enc


_ODD = re.compile(r"[^\w\s.,;:!?\-–—„“”‚‘’\"'()/%§&+*€$@#\[\]<>=|]")


def _plausible(text: str) -> bool:
    """Mostly letters, digits, spaces and ordinary punctuation (garbage decodes to symbols)."""
    sample = text[:20_000]
    return bool(sample) and len(_ODD.findall(sample)) <= len(sample) * 0.01


def _norm_encoding(enc: str) -> str:
    enc = enc.strip().strip("\"'").lower()
    return "cp1252" if enc in ("iso-8859-1", "latin-1", "latin1", "iso8859-1", "us-ascii", "ascii") else enc


_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC), line ends and spaces; drop invisible and control characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = INVISIBLE.sub("", text)
    text = CONTROL.sub("", text)
    text = text.replace("\u00a0", " ").replace("\t", " ")
    text = "\n".join(line.strip() for line in _SPACES.sub(" ", text).split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


# Function words that tell German from English in a few hundred characters.
_STOP = {
    "de": {"der", "die", "das", "und", "ist", "mit", "für", "von", "den", "im", "nicht", "auch", "eine", "sich", "wird"},
    "en": {"the", "and", "of", "to", "is", "for", "with", "that", "on", "are", "was", "by", "this", "be", "will"},
    "fr": {"le", "la", "les", "et", "des", "est", "pour", "dans", "une", "sur", "du", "au", "qui"},
}


_WORDS = re.compile(r"[a-zäöüß]+")


def guess_language(text: str, default: str = "de") -> str:
    """The language whose function words are most frequent in the first 5,000 characters."""
    counts = Counter(_WORDS.findall(text[:5000].lower()))
    scores = {lang: sum(counts[w] for w in stop) for lang, stop in _STOP.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 3 else default


def parse_text(raw: RawDocument, text: str) -> ParsedDocument:
    """A plain-text release: the first non-empty line is the title; the whole text is kept."""
    text = clean_text(text)
    title = next((line for line in text.split("\n") if line.strip()), None)
    return ParsedDocument(raw=raw, text=text, title=title, language=guess_language(text), media_type="text/plain")
