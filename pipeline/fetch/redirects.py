"""Follow redirects ourselves, so every hop passes robots.txt, the per-host throttle and the URL check."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable
from urllib.parse import urldefrag, urljoin, urlsplit

from .client import REDIRECT_STATUSES, FetchError, Handler, Request, Response, canonical_url


class RedirectLayer:
    """`url_check(url)` may raise (e.g. for private-network hosts); it sees the first URL and every hop."""

    def __init__(self, max_redirects: int, url_check: Callable[[str], None] | None = None):
        self.max_redirects = max_redirects
        self.url_check = url_check

    def _check(self, url: str) -> None:
        if self.url_check is None:
            return
        try:
            self.url_check(url)
        except Exception as exc:  # the check decides what is refused; we report its reason
            raise FetchError(url, getattr(exc, "reason", None) or str(exc) or "URL refused") from exc

    def __call__(self, request: Request, call_next: Handler) -> Response:
        seen = {canonical_url(request.url)}
        hops = 0
        while True:
            self._check(request.url)
            response = call_next(request)
            if response.status not in REDIRECT_STATUSES:
                response.meta["redirects"] = hops
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError(request.url, f"HTTP {response.status} redirect without a Location header")
            target = urldefrag(urljoin(request.url, location.strip())).url
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(request.url, f"redirect to a non-HTTP URL {target!r}")
            hops += 1
            if canonical_url(target) in seen:
                raise FetchError(request.url, f"redirect loop (back to {target} after {hops} hops)")
            if hops > self.max_redirects:
                raise FetchError(request.url, f"more than {self.max_redirects} redirects")
            seen.add(canonical_url(target))
            request = replace(request, url=target, meta=dict(request.meta))
