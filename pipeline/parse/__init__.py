"""Stage 2 — parse: bytes to clean text plus title, date, issuer and language.

Dispatches on the media type (declared, by suffix, or sniffed): PDF, HTML, or
plain text. Empty, binary and undecodable inputs raise :class:`InputError`.
"""
from __future__ import annotations

import re

from ..types import InputError, ParsedDocument, RawDocument
from .text import UndecodableError, decode, looks_binary, parse_text

_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)


def media_type_of(raw: RawDocument) -> str:
    if raw.data[:5] == b"%PDF-":
        return "application/pdf"
    mt = (raw.media_type or "").split(";")[0].strip().lower()
    if mt in ("text/html", "application/xhtml+xml"):
        return "text/html"
    if mt == "application/pdf":
        return mt
    if _HTML_SNIFF.match(raw.data[:1024].lstrip(b"\xef\xbb\xbf")):
        return "text/html"
    return "text/plain"


def _decodes_as_declared(raw: RawDocument) -> bool:
    """Text handed over as a string (API, paste) is text whatever control characters it holds."""
    if not raw.encoding:
        return False
    try:
        raw.data.decode(raw.encoding)
        return True
    except (LookupError, UnicodeDecodeError):
        return False


def parse(raw: RawDocument) -> ParsedDocument:
    """Parse one raw document; raise InputError naming the input and the reason."""
    name = raw.path or raw.url or raw.key
    if not raw.data.strip():
        raise InputError(name, "empty input: nothing to extract")
    try:
        doc = _parse_by_type(raw, name)
    except UndecodableError as e:
        raise InputError(name, str(e)) from None
    if "\ufffd" in doc.text and doc.text.count("\ufffd") > max(10, len(doc.text) // 100):
        raise InputError(name, "undecodable bytes: the text encoding could not be determined")
    if not doc.text.strip():
        raise InputError(name, "no text found in the document")
    return doc


def _parse_by_type(raw: RawDocument, name: str) -> ParsedDocument:
    mt = media_type_of(raw)
    if mt == "application/pdf":
        from .pdf import parse_pdf

        doc = parse_pdf(raw)
    else:
        if not _decodes_as_declared(raw) and looks_binary(raw.data):
            raise InputError(name, "binary content, not a text, HTML or PDF document")
        if mt == "text/html":
            from .html import declared_charset, parse_html

            html, enc = decode(raw, declared_charset(raw.data))
            doc = parse_html(raw, html)
        else:
            text, enc = decode(raw)
            doc = parse_text(raw, text)
        doc.encoding = doc.encoding or enc
    return doc


__all__ = ["parse", "media_type_of", "InputError"]
