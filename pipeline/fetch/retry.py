"""Retries with exponential backoff and jitter; honours Retry-After on 429 and 503."""
from __future__ import annotations

import datetime as dt
import email.utils
import random
import time
from typing import Callable

from .client import FetchError, Handler, Request, Response, host_key
from .throttle import HostLimiter

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT by definition
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


class RetryLayer:
    def __init__(
        self,
        retries: int,
        backoff_base: float,
        backoff_max: float,
        retry_after_max: float,
        limiter: HostLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
    ):
        self.retries = retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.retry_after_max = retry_after_max
        self.limiter = limiter
        self.sleep = sleep
        self.rng = rng

    def backoff(self, attempt: int) -> float:
        """Exponential with jitter: base * 2**attempt (capped), times a factor in [0.5, 1.5)."""
        return min(self.backoff_max, self.backoff_base * 2**attempt) * (0.5 + self.rng())

    def __call__(self, request: Request, call_next: Handler) -> Response:
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = call_next(request)
            except FetchError as exc:
                if not exc.retryable or last:
                    if attempt:
                        exc.reason = f"{exc.reason} after {attempt + 1} attempts"
                    raise
                wait = self.backoff(attempt)
            else:
                response.meta["attempts"] = attempt + 1
                if response.status not in RETRY_STATUSES or last:
                    return response
                wait = None
                if response.status in (429, 503):
                    wait = parse_retry_after(response.headers.get("retry-after"))
                wait = self.backoff(attempt) if wait is None else min(wait, self.retry_after_max)
            if self.limiter is not None:
                # Other workers must not hit the host while it asked us to back off.
                self.limiter.defer(host_key(request.url), wait)
            self.sleep(wait)
        raise AssertionError("unreachable")
