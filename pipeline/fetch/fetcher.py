"""`Fetcher`: polite HTTP fetching of press releases, one URL or many hosts at once."""
from __future__ import annotations

import datetime as dt
import queue
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, Iterator
from urllib.parse import urldefrag, urlsplit

import httpx

from pipeline.types import InputError, RawDocument

from .cache import CacheLayer, HttpCache
from .client import FetchError, Handler, HttpClient, Layer, Request, Response, canonical_url, chain, host_key
from .redirects import RedirectLayer
from .retry import RetryLayer
from .robots import RobotsLayer
from .settings import FetchSettings
from .throttle import HostLimiter, LocalHostLimiter, ThrottleLayer


class Fetcher:
    """Fetch URLs as a well-behaved crawler. Use as a context manager.

    Layers, outermost first: redirects -> robots.txt -> retry -> cache -> throttle -> HTTP.
    Each redirect hop is checked against robots.txt and throttled; each retry attempt is
    throttled; the cache turns repeat downloads into conditional requests.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        limiter: HostLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        url_check: Callable[[str], None] | None = None,
    ):
        """`transport` replaces the network (httpx.MockTransport in tests); `limiter` the per-host
        politeness (shared across processes in a distributed run); `url_check` may raise to refuse
        a URL, and sees every redirect hop (e.g. the web app's private-network guard)."""
        self.settings = settings or FetchSettings()
        s = self.settings
        self.limiter = limiter or LocalHostLimiter(sleep=sleep)
        self._client = HttpClient(s, transport)
        layers: list[Layer] = [RedirectLayer(s.max_redirects, url_check)]
        if s.respect_robots:
            layers.append(RobotsLayer(s.robots_agent, s.max_crawl_delay))
        layers.append(RetryLayer(s.retries, s.backoff_base, s.backoff_max, s.retry_after_max, self.limiter, sleep))
        if s.cache_dir is not None:
            layers.append(CacheLayer(HttpCache(s.cache_dir)))
        layers.append(ThrottleLayer(self.limiter, s.delay))
        self._handler: Handler = chain(layers, self._client)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def request(self, url: str, *, allowed_types: tuple[str, ...] | None = (), max_bytes: int | None = None) -> Response:
        """One successful response (2xx, or 304 with cached bytes); raises InputError otherwise.

        `allowed_types=None` accepts any content type; the default `()` means the settings' list.
        """
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise InputError(url, "not an http(s) URL")
        meta: dict = {}
        if allowed_types != ():
            meta["allowed_types"] = allowed_types
        if max_bytes is not None:
            meta["max_bytes"] = max_bytes
        try:
            response = self._handler(Request(urldefrag(url).url, meta=meta))
        except FetchError as exc:
            raise InputError(url, exc.reason) from exc
        if 200 <= response.status < 300 or (response.status == 304 and response.meta.get("from_cache")):
            return response
        phrase = httpx.codes.get_reason_phrase(response.status)
        tries = response.meta.get("attempts", 1)
        suffix = f" after {tries} attempts" if tries > 1 else ""
        raise InputError(url, f"HTTP {response.status} {phrase}".rstrip() + suffix)

    def fetch(self, url: str) -> RawDocument:
        """Fetch one page. `http_status` 304 means "unchanged since the cached copy" (data is that copy)."""
        response = self.request(url)
        final = canonical_url(response.url)
        return RawDocument(
            key=final,
            data=response.body,
            url=final,
            media_type=response.media_type,
            encoding=response.charset,
            fetched_at=dt.datetime.now(dt.timezone.utc),
            http_status=response.status,
        )

    def fetch_many(self, urls: Iterable[str], *, ordered: bool = False) -> Iterator[RawDocument | InputError]:
        """Fetch many URLs: hosts in parallel (up to `max_hosts`), one request at a time per host.

        Results come in completion order, or in input order with `ordered=True` (same total
        time; a result waits for those before it). An InputError's `source` is the URL as given.
        """
        by_host: OrderedDict[str, list[tuple[int, str]]] = OrderedDict()
        for index, url in enumerate(urls):
            try:
                key = host_key(url)
            except ValueError:
                key = url
            by_host.setdefault(key, []).append((index, url))
        if not by_host:
            return
        results: queue.Queue = queue.Queue()
        stop = threading.Event()
        done = object()

        def work(host_urls: list[tuple[int, str]]) -> None:
            try:
                for index, url in host_urls:
                    if stop.is_set():
                        return
                    try:
                        results.put((index, self.fetch(url)))
                    except InputError as exc:
                        results.put((index, exc))
                    except Exception as exc:  # a bug or odd server must not end the whole batch
                        results.put((index, InputError(url, f"unexpected {type(exc).__name__}: {exc}")))
            finally:
                results.put(done)

        pool = ThreadPoolExecutor(max_workers=min(self.settings.max_hosts, len(by_host)), thread_name_prefix="fetch")
        pending: dict[int, RawDocument | InputError] = {}
        next_index = 0
        try:
            for host_urls in by_host.values():
                pool.submit(work, host_urls)
            remaining = len(by_host)
            while remaining:
                item = results.get()
                if item is done:
                    remaining -= 1
                    continue
                index, result = item
                if not ordered:
                    yield result
                    continue
                pending[index] = result
                while next_index in pending:
                    yield pending.pop(next_index)
                    next_index += 1
        finally:
            stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
