"""Per-host politeness: one request at a time per host, with a pause between requests.

The limiter is pluggable: a distributed runner can pass any object with the same two
methods (e.g. backed by Redis) to `Fetcher(limiter=...)`.
"""
from __future__ import annotations

import threading
import time
from contextlib import AbstractContextManager, contextmanager
from typing import Callable, Iterator, Protocol

from .client import Handler, Request, Response, host_key


class HostLimiter(Protocol):
    def slot(self, host: str, interval: float) -> AbstractContextManager[None]:
        """Hold the host exclusively; on entry wait until its pause is over; on exit start a new pause of `interval`."""

    def defer(self, host: str, seconds: float) -> None:
        """Keep everyone off `host` for `seconds` from now (e.g. after a Retry-After)."""


class LocalHostLimiter:
    """In-process limiter: a lock and a next-allowed time per host."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._clock = clock
        self._sleep = sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    @contextmanager
    def slot(self, host: str, interval: float) -> Iterator[None]:
        with self._lock(host):
            wait = self._next.get(host, 0.0) - self._clock()
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                self._push(host, interval)

    def defer(self, host: str, seconds: float) -> None:
        self._push(host, seconds)

    def _push(self, host: str, seconds: float) -> None:
        with self._guard:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + seconds)


class ThrottleLayer:
    """Wraps the network call in the host's slot; the pause is max(delay, robots crawl delay)."""

    def __init__(self, limiter: HostLimiter, delay: float):
        self.limiter = limiter
        self.delay = delay

    def __call__(self, request: Request, call_next: Handler) -> Response:
        interval = max(self.delay, request.meta.get("crawl_delay") or 0.0)
        with self.limiter.slot(host_key(request.url), interval):
            return call_next(request)
