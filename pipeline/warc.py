"""WARC input: one RawDocument per archived page (``.warc`` and ``.warc.gz``, read with warcio).

A ``response`` record with a 2xx HTTP status, or a ``resource`` record, whose
content type is one the parser reads becomes a document keyed by its target
URI. Redirects, errors, images, scripts and WARC bookkeeping records are not
documents and are passed over. Records are streamed: memory holds one at a time.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from .types import InputError, RawDocument

DOCUMENT_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "application/pdf"}


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8'."""
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for p in params.split(";"):
        name, _, v = p.strip().partition("=")
        if name.lower() == "charset" and v:
            charset = v.strip().strip('"').lower()
    return media.strip().lower() or None, charset


def _warc_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def iter_warc(path: str | Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Yield a RawDocument for each archived document in the WARC file, or InputErrors."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    try:
        fh = open(path, "rb")
    except OSError as e:
        yield InputError(name, f"cannot read: {e.strerror or e}")
        return
    with fh:
        # warcio also reads the older ARC format and so takes any text file for one: check the magic.
        head = fh.read(5)
        fh.seek(0)
        if head[:2] != b"\x1f\x8b" and head != b"WARC/":
            yield InputError(name, "not a WARC file (neither gzip nor a 'WARC/' header)")
            return
        try:
            for rec in ArchiveIterator(fh):
                doc = _document(rec, name, max_bytes)
                if doc is not None:
                    yield doc
        except ArchiveLoadFailed as e:
            yield InputError(name, f"not a readable WARC file: {e}")
        except (OSError, EOFError, ValueError) as e:  # truncated gzip member and the like
            yield InputError(name, f"WARC file is damaged: {type(e).__name__}: {e}")


def _document(rec, warc_name: str, max_bytes: int) -> RawDocument | InputError | None:
    uri = rec.rec_headers.get_header("WARC-Target-URI")
    if rec.rec_type == "response" and rec.http_headers is not None:
        status = int(rec.http_headers.get_statuscode() or 0)
        if not 200 <= status < 300:
            return None
        ctype = rec.http_headers.get_header("Content-Type")
    elif rec.rec_type == "resource":
        status = None
        ctype = rec.rec_headers.get_header("Content-Type")
    else:
        return None
    media, charset = _content_type(ctype)
    if media not in DOCUMENT_TYPES or not uri:
        return None
    data = rec.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return InputError(uri, f"archived document is over the {max_bytes / 1e6:.0f} MB limit (--max-bytes)")
    return RawDocument(
        key=uri, data=data, path=None, url=uri, media_type=media, encoding=charset,
        fetched_at=_warc_date(rec.rec_headers.get_header("WARC-Date")), http_status=status,
    )
