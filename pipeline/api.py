"""The public Python API: one obvious way to get a Release.

>>> from pipeline.api import extract_text
>>> rel = extract_text("Land fördert Radwege\\nDas Land gibt 2 Millionen Euro.")
>>> rel.amounts[0].value
2000000.0
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from schemas import Release

from . import acquire as acquire_stage
from .nlp import annotate, get_nlp
from .parse import parse
from .record import build_release
from .types import InputError, RawDocument


def extract(raw: RawDocument, overrides: dict | None = None, published: dt.date | None = None) -> Release:
    """Run parse -> nlp -> record on one raw document. Raises InputError with the reason."""
    parsed = parse(raw)
    if published and not parsed.published:
        parsed.published = published
    doc = annotate(parsed, overrides)
    return build_release(parsed, doc, tuple(get_nlp(parsed.language, overrides).pipe_names))


def extract_text(text: str, *, name: str | None = None, published: dt.date | None = None,
                 overrides: dict | None = None) -> Release:
    """Extract from a string (pasted text or HTML)."""
    raw = acquire_stage.from_text(text, name)
    if text.lstrip()[:1] == "<":
        raw = RawDocument(key=raw.key, data=raw.data, path=raw.path, encoding="utf-8")
    return extract(raw, overrides, published)


def extract_path(path: str | Path, overrides: dict | None = None) -> Release:
    """Extract from one file (.txt, .html, .pdf)."""
    return extract(acquire_stage.read_file(Path(path)), overrides)


def extract_url(url: str, settings=None, overrides: dict | None = None) -> Release:
    """Fetch one URL politely and extract from it."""
    for item in acquire_stage.fetch_urls([url], settings):
        if isinstance(item, InputError):
            raise item
        return extract(item, overrides)
    raise InputError(url, "nothing fetched")


def iter_extract(inputs: Iterable[str], overrides: dict | None = None,
                 max_bytes: int = acquire_stage.DEFAULT_MAX_BYTES, fetch_settings=None,
                 published: dt.date | None = None) -> Iterator[Release | InputError]:
    """Yield a Release or an InputError for every input, in order; never stops on a bad input."""
    for item in acquire_stage.acquire(inputs, max_bytes, fetch_settings):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield extract(item, overrides, published)
        except InputError as e:
            yield e
        except Exception as e:  # noqa: BLE001 — one broken input must not end a batch
            yield InputError(item.path or item.url or item.key, f"internal error: {type(e).__name__}: {e}")


__all__ = ["extract", "extract_text", "extract_path", "extract_url", "iter_extract", "InputError", "Release"]
