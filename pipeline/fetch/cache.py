"""On-disk HTTP cache with conditional requests (ETag / Last-Modified).

A cached page is always revalidated: the request carries If-None-Match / If-Modified-Since,
and a 304 answer returns the cached bytes with status 304 and meta `from_cache`, so callers
can tell "unchanged since last run" from a fresh download. Permanent redirects (301/308)
are reused without a request for `REDIRECT_TTL`, so re-runs over feeds whose links
redirect (http -> https, short links) send no unconditional requests either.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from .client import Handler, Request, Response, canonical_url

# Headers worth keeping: what describes the body and what revalidates it.
_KEPT = ("content-type", "etag", "last-modified", "content-language", "link", "date", "location")
PERMANENT_REDIRECTS = (301, 308)
REDIRECT_TTL = 7 * 24 * 3600  # seconds; sites do re-point "permanent" redirects now and then


@dataclass
class CacheEntry:
    url: str
    headers: dict[str, str]
    body: bytes
    status: int = 200
    stored_at: float = 0.0


class HttpCache:
    def __init__(self, root: Path):
        self.root = Path(root)

    def _paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()
        folder = self.root / digest[:2]
        return folder / f"{digest}.json", folder / f"{digest}.body"

    def get(self, url: str) -> CacheEntry | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != canonical_url(url) or len(body) != meta.get("size"):
            return None  # partial write or hash collision: treat as absent
        return CacheEntry(url, meta.get("headers", {}), body, meta.get("status", 200), meta.get("stored_at", 0.0))

    def put(self, url: str, headers: httpx.Headers, body: bytes, status: int = 200) -> None:
        meta_path, body_path = self._paths(url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        kept = {name: headers[name] for name in _KEPT if name in headers}
        # Body first, then metadata: a reader seeing new metadata also sees the new body.
        _atomic_write(body_path, body)
        meta = {"url": canonical_url(url), "status": status, "size": len(body), "headers": kept, "stored_at": time.time()}
        _atomic_write(meta_path, json.dumps(meta).encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class CacheLayer:
    def __init__(self, cache: HttpCache):
        self.cache = cache

    def __call__(self, request: Request, call_next: Handler) -> Response:
        entry = self.cache.get(request.url)
        if entry is not None and entry.status in PERMANENT_REDIRECTS:
            if time.time() - entry.stored_at < REDIRECT_TTL:
                return Response(request.url, entry.status, httpx.Headers(entry.headers), b"", {"from_cache": True})
            entry = None
        if entry is not None:
            if "etag" in entry.headers:
                request.headers["If-None-Match"] = entry.headers["etag"]
            if "last-modified" in entry.headers:
                request.headers["If-Modified-Since"] = entry.headers["last-modified"]
        response = call_next(request)
        if response.status == 304 and entry is not None:
            headers = httpx.Headers(entry.headers)
            for name in ("etag", "last-modified", "date"):  # a 304 may refresh validators
                if name in response.headers:
                    headers[name] = response.headers[name]
            if headers != httpx.Headers(entry.headers):
                self.cache.put(request.url, headers, entry.body)
            return Response(request.url, 304, headers, entry.body, {**response.meta, "from_cache": True})
        if "no-store" in response.headers.get("cache-control", "").lower():
            return response
        if response.status == 200 and ("etag" in response.headers or "last-modified" in response.headers):
            self.cache.put(request.url, response.headers, response.body)
        elif response.status in PERMANENT_REDIRECTS and "location" in response.headers:
            # Location is kept as sent; on reuse it is resolved against the same request URL.
            self.cache.put(request.url, response.headers, b"", response.status)
        return response
