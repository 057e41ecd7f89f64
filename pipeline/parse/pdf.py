"""Turn a PDF press release into a ParsedDocument with pypdf (BSD licence).

Text comes from pypdf's page extraction; wrapped lines are rejoined into
paragraphs (one per line in `text`), hyphenated line breaks undone. The title
is the document's metadata title when it looks like one, else the first
substantial line; the date comes from a dateline/cue near the top, else from
the PDF creation date.
"""
from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from pipeline.parse.html import guess_language
from pipeline.parse.html_dates import find_dates
from pipeline.parse.html_issuer import looks_authoritative
from pipeline.parse.html_page import clean_text, squash
from pipeline.parse.html_rules import compiled, date_cues
from pipeline.types import InputError, ParsedDocument, RawDocument

# Metadata titles that are file names or producer boilerplate, not headlines
_JUNK_TITLE = re.compile(r"(?i)^(microsoft (word|powerpoint)|untitled|unbenannt|dokument\d*|document\d*|"
                         r"pressemitteilung|presseinformation|medienmitteilung|press release)\b|\.(docx?|pdf|odt|indd)$")
_HEADER_LINE = re.compile(r"(?i)^(pressemitteilung|presseinformation|medienmitteilung|press release|"
                          r"pressemeldung|mitteilung)(\s+(nr\.?|nummer)?\s*[\d/.-]+)?\s*:?$")
_ADDRESS = re.compile(r"(?i)\b(tel\.?|telefon|fax|e-mail|www\.|postfach|\d{5}\s+[A-ZÄÖÜ]|str(aße|\.)\s*\d)")
_SENTENCE_END = re.compile(r"[.!?:“”\"»«)]$")
_PAGE_NO = re.compile(r"(?i)^(seite|page)?\s*[-–]?\s*\d{1,3}\s*[-–]?\s*((von|of|/)\s*\d{1,3})?$")


def _page_lines(pages: list[str]) -> list[list[str]]:
    """Lines per page without page numbers and running headers/footers repeated on every page."""
    split = [[clean_text(x) for x in p.replace("\r", "\n").split("\n")] for p in pages]
    repeated: set[str] = set()
    if len(split) > 1:
        edges = [set(filter(None, lines[:3] + lines[-3:])) for lines in split]
        repeated = set.intersection(*edges)
    return [[x for x in lines if x not in repeated and not _PAGE_NO.match(x)] for lines in split]


def _paragraphs(raw: list[str]) -> list[str]:
    """Rejoin wrapped lines into paragraphs."""
    widths = sorted(len(x) for x in raw if x)
    full = widths[int(len(widths) * 0.9)] if widths else 0  # a typical full line
    out: list[str] = []
    cur = ""
    for line in raw:
        if not line:
            if cur:
                out.append(cur)
            cur = ""
            continue
        if cur.endswith("-") and line[:1].islower() and not cur.endswith(" -"):
            cur = cur[:-1] + line  # "Landes-" + "straßen"
        elif cur:
            cur = cur + " " + line
        else:
            cur = line
        # a short line ending a sentence (or any short line) closes the paragraph
        if len(line) < 0.7 * full or (_SENTENCE_END.search(line) and len(line) < 0.85 * full):
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def _pdf_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    m = re.match(r"D?:?(\d{4})(\d\d)(\d\d)", str(value or ""))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def parse_pdf(raw: RawDocument) -> ParsedDocument:
    """Parse a PDF release; raises InputError if the bytes are not a readable PDF."""
    try:
        reader = PdfReader(io.BytesIO(raw.data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [p.extract_text() or "" for p in reader.pages]
        meta = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(raw.key, f"unreadable PDF ({exc})") from exc
    paras = [p for lines in _page_lines(pages) for p in _paragraphs(lines)]
    if not any(paras):
        raise InputError(raw.key, "PDF has no extractable text (scanned image?)")

    title = clean_text(str(meta.get("/Title") or "")) or None
    if title and (_JUNK_TITLE.search(title) or len(title) < 8):
        title = None
    # the letterhead: authority lines above a "Presseinformation" header (without one, the first
    # line may as well be a headline such as "Stadt saniert Freibad")
    head_end = next((i for i, p in enumerate(paras[:8]) if _HEADER_LINE.match(p)), 0)
    letterhead = [p for p in paras[:head_end] if looks_authoritative(p) and len(p) < 120 and not p.endswith(".")]
    if title is None:
        for p in paras[:10]:
            if (len(p) >= 15 and not _HEADER_LINE.match(p) and not find_dates(p[:40])
                    and p not in letterhead and not _ADDRESS.search(p)):
                title = p
                break
    published = None
    for p in paras[:12]:
        hits = find_dates(p)
        if hits and hits[0][1] < 60:
            prefix = p[:hits[0][1]]
            if (not prefix.strip() or any(rx.search(prefix) for rx, _ in date_cues())
                    or re.match(r"^[A-ZÄÖÜ][\w. -]{1,40},\s*(den\s+)?$", prefix)) \
                    and not compiled()["neg_date_cue"].search(prefix):
                published = hits[0][0]
                break
    published = published or _pdf_date(meta.get("/CreationDate"))
    author = clean_text(str(meta.get("/Author") or "")) or None
    issuer = author if author and looks_authoritative(author) else (letterhead[0] if letterhead else None)

    tsq = squash(title) if title else None
    body = [p for p in paras if not (tsq and squash(p) == tsq) and not _HEADER_LINE.match(p)]
    text = "\n".join(body)
    return ParsedDocument(
        raw=raw, text=text, title=title, published=published, issuer=issuer,
        language=guess_language(text, None), media_type="application/pdf",
        extra={"pages": len(pages)},
    )
