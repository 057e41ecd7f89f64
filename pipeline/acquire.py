"""Stage 1 — acquire: turn command-line inputs into raw bytes with their origin.

Inputs are files, directories (searched recursively), glob patterns, ``-`` for
standard input, and http(s) URLs (fetched politely by ``pipeline.fetch``).
Every failure is an :class:`InputError` yielded in place of a document, so a
batch goes on past bad inputs.
"""
from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .types import InputError, RawDocument

READABLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".pdf")
MEDIA_BY_SUFFIX = {
    ".txt": "text/plain", ".text": "text/plain", ".html": "text/html", ".htm": "text/html",
    ".xhtml": "text/html", ".pdf": "application/pdf",
}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a press release is kilobytes; 20 MB covers PDFs with images
ARCHIVE_SUFFIXES = (".warc", ".warc.gz")  # web archives: many documents per file (pipeline.warc)


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


WEB_PREFIXES = ("http://", "https://", "feed:", "sitemap:", "archive:")  # the latter three force an input type


def is_url(s: str) -> bool:
    """A web input: a URL, or a URL prefixed with feed:/sitemap:/archive: (see pipeline.fetch)."""
    return s.startswith(WEB_PREFIXES)


def source_key(path: Path) -> str:
    """Stable key of a file: its path relative to the working directory when under it."""
    p = path.absolute()
    try:
        return p.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return p.as_posix()


def expand(inputs: Iterable[str]) -> Iterator[str | Path | InputError]:
    """Expand inputs into single files, URLs and ``-``; report inputs that name nothing."""
    for item in inputs:
        if item == "-" or is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for p in walk_sorted(path):
                if p.suffix.lower() in READABLE_SUFFIXES or is_archive(p):
                    found = True
                    yield p
            if not found:
                yield InputError(item, f"directory has no readable files ({', '.join(READABLE_SUFFIXES)})")
        elif path.exists():
            # A .txt file of URLs (one per line) is a list of pages to fetch, not a release.
            yield str(path) if path.suffix.lower() == ".txt" and _is_url_list(path) else path
        elif glob.has_magic(item):
            matches = sorted(Path(m) for m in glob.glob(item, recursive=True) if Path(m).is_file())
            if not matches:
                yield InputError(item, "pattern matches no file")
            yield from matches
        else:
            yield InputError(item, "no such file or directory")


def walk_sorted(folder: Path) -> Iterator[Path]:
    """Files under `folder` in sorted path order, streamed (an archive of 10^6 files is not held in memory).

    Same order as ``sorted(folder.rglob("*"))``; like rglob, symlinked folders are not entered.
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.is_dir(follow_symlinks=False):
            yield from walk_sorted(Path(e.path))
        elif e.is_file():
            yield Path(e.path)


def _is_url_list(path: Path) -> bool:
    from .fetch import is_url_list_file  # lazily: file-only runs never import the HTTP stack

    return is_url_list_file(path)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one file, refusing unreadable and oversized ones with a reason."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (--max-bytes)")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None
    return RawDocument(key=source_key(path), data=data, path=name,
                       media_type=MEDIA_BY_SUFFIX.get(path.suffix.lower()))


def read_stdin(max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("-", f"standard input is over the {max_bytes / 1e6:.0f} MB limit (--max-bytes)")
    # Pasted text has no name: its content is its identity.
    return RawDocument(key="stdin:" + hashlib.sha256(data).hexdigest()[:16], data=data, path=None)


def from_text(text: str, name: str | None = None) -> RawDocument:
    """A raw document from a string (pasted text, API calls)."""
    data = text.encode("utf-8")
    key = name or "text:" + hashlib.sha256(data).hexdigest()[:16]
    return RawDocument(key=key, data=data, path=name, media_type="text/plain", encoding="utf-8")


def acquire(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, fetch_settings=None) -> Iterator[RawDocument | InputError]:
    """Yield one RawDocument or InputError per input item, in order."""
    urls: list[str] = []
    for item in expand(inputs):
        if isinstance(item, InputError):
            yield item
        elif item == "-":
            try:
                yield read_stdin(max_bytes)
            except InputError as e:
                yield e
        elif isinstance(item, str):
            urls.append(item)
        elif is_archive(item):
            from .warc import iter_warc

            yield from iter_warc(item, max_bytes)
        else:
            try:
                yield read_file(item, max_bytes)
            except InputError as e:
                yield e
    if urls:
        yield from fetch_urls(urls, fetch_settings)


def fetch_urls(urls: list[str], settings=None) -> Iterator[RawDocument | InputError]:
    """Fetch URLs politely (robots, per-host throttle, retries, cache) via pipeline.fetch."""
    from . import fetch  # imported lazily: file-only runs never pay for the HTTP stack

    settings = dict(settings or {})
    since = settings.pop("since", None)
    url_check = settings.pop("url_check", None)
    yield from fetch.fetch_inputs(urls, settings, since=since, url_check=url_check)

