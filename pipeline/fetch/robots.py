"""robots.txt (RFC 9309) via protego, fetched once per origin and kept for the Fetcher's life.

Outcomes follow RFC 9309 / Google: 2xx parse; 4xx (except 429) means no rules; 429, 5xx or an
unreachable server mean "disallow everything" for now. Crawl-delay and Request-rate become the
request's `crawl_delay`, which the throttle layer honours.
"""
from __future__ import annotations

import threading
from urllib.parse import urljoin, urlsplit

from protego import Protego

from .client import REDIRECT_STATUSES, FetchError, Handler, Request, Response

ROBOTS_MAX_BYTES = 512 * 1024  # Google reads the first 500 KiB; larger files are errors here
_ALLOW_ALL = "allow-all"


class RobotsLayer:
    def __init__(self, agent: str, max_crawl_delay: float):
        self.agent = agent
        self.max_crawl_delay = max_crawl_delay
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, Protego | str] = {}  # origin -> parsed rules, _ALLOW_ALL, or an error reason

    def __call__(self, request: Request, call_next: Handler) -> Response:
        if request.meta.get("robots"):
            return call_next(request)
        rules = self.rules_for(request.url, call_next)
        if isinstance(rules, Protego):
            if not rules.can_fetch(request.url, self.agent):
                raise FetchError(request.url, f"disallowed by robots.txt for {self.agent!r}")
            request.meta["crawl_delay"] = self._delay(rules)
        elif rules != _ALLOW_ALL:
            raise FetchError(request.url, rules)
        return call_next(request)

    def _delay(self, rules: Protego) -> float:
        delays = [rules.crawl_delay(self.agent) or 0.0]
        rate = rules.request_rate(self.agent)
        if rate and rate.requests:
            delays.append(rate.seconds / rate.requests)
        return min(self.max_crawl_delay, max(delays))

    def rules_for(self, url: str, call_next: Handler) -> Protego | str:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt download per origin, even with many threads
            if origin not in self._rules:
                self._rules[origin] = self._load(origin, call_next)
            return self._rules[origin]

    def _load(self, origin: str, call_next: Handler) -> Protego | str:
        target = f"{origin}/robots.txt"
        for _ in range(5):  # RFC 9309: follow at least five redirects
            meta = {"robots": True, "allowed_types": None, "max_bytes": ROBOTS_MAX_BYTES}
            try:
                response = call_next(Request(target, meta=meta))
            except FetchError as exc:
                return f"robots.txt unreachable ({exc.reason}); not fetching from {origin}"
            if response.status in REDIRECT_STATUSES and response.headers.get("location"):
                target = urljoin(target, response.headers["location"])
                continue
            if 200 <= response.status < 300 or response.status == 304:
                return Protego.parse(response.body.decode("utf-8", errors="replace"))
            if 400 <= response.status < 500 and response.status != 429:
                return _ALLOW_ALL
            return f"robots.txt answered HTTP {response.status}; not fetching from {origin}"
        return f"robots.txt redirects too often; not fetching from {origin}"
