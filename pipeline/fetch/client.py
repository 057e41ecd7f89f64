"""The one request path: a single HTTP GET with streaming limits, plus the layer plumbing.

Layers (robots, retry, cache, throttle, redirects) wrap this path the way Scrapy's
middlewares wrap its downloader: each is a callable `layer(request, call_next)`.
"""
from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from typing import Callable, Protocol, Sequence
from urllib.parse import urlsplit, urlunsplit

import httpx

from .settings import FetchSettings


class FetchError(Exception):
    """One request failed; `reason` is meant for the user, `retryable` for the retry layer."""

    def __init__(self, url: str, reason: str, *, retryable: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable


@dataclass
class Request:
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    # Per-request knobs and notes passed between layers: allowed_types, max_bytes, crawl_delay, robots.
    meta: dict = field(default_factory=dict)


@dataclass
class Response:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""
    meta: dict = field(default_factory=dict)  # from_cache, attempts, redirects

    @property
    def media_type(self) -> str | None:
        return media_type(self.headers.get("content-type"))

    @property
    def charset(self) -> str | None:
        return charset(self.headers.get("content-type"))


Handler = Callable[[Request], Response]


class Layer(Protocol):
    def __call__(self, request: Request, call_next: Handler) -> Response: ...


def chain(layers: Sequence[Layer], terminal: Handler) -> Handler:
    """Compose layers outermost-first around `terminal`."""
    handler = terminal
    for layer in reversed(layers):
        handler = _bind(layer, handler)
    return handler


def _bind(layer: Layer, nxt: Handler) -> Handler:
    return lambda request: layer(request, nxt)


def media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'").lower() or None
    return None


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop default port and fragment; path and query stay as sent."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}{':' + parts.password if parts.password else ''}@{host}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def host_key(url: str) -> str:
    """The unit of politeness: host plus non-default port."""
    return urlsplit(canonical_url(url)).netloc


REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class HttpClient:
    """Terminal handler: one GET, body streamed with a size cap counted after decompression."""

    def __init__(self, settings: FetchSettings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,  # the redirect layer follows, so each hop passes robots and throttle
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.connect_timeout,
            ),
            headers={
                "User-Agent": settings.agent,
                # Only what we decode ourselves, so decompressed size can be capped as it streams.
                "Accept-Encoding": "gzip, deflate",
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf;q=0.8,*/*;q=0.5",
            },
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __call__(self, request: Request) -> Response:
        url = request.url
        allowed = request.meta.get("allowed_types", self.settings.allowed_types)
        limit = request.meta.get("max_bytes", self.settings.max_bytes)
        try:
            with self._client.stream("GET", url, headers=request.headers) as resp:
                headers = resp.headers
                if not 200 <= resp.status_code < 300:
                    # Redirects, 304 and errors: the status and headers are all the layers need.
                    return Response(str(resp.url), resp.status_code, headers)
                mtype = media_type(headers.get("content-type"))
                if allowed is not None and mtype and mtype not in allowed:
                    raise FetchError(url, f"content type {mtype!r} is not accepted")
                declared = headers.get("content-length", "")
                if declared.isdigit() and not headers.get("content-encoding") and int(declared) > limit:
                    raise FetchError(url, f"body of {declared} bytes exceeds the limit of {limit} bytes")
                body = self._read(url, resp, limit)
                return Response(str(resp.url), resp.status_code, headers, body)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({type(exc).__name__})", retryable=True) from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise FetchError(url, f"invalid URL ({exc})") from exc
        except httpx.TransportError as exc:
            raise FetchError(url, f"connection failed ({type(exc).__name__}: {exc})", retryable=True) from exc

    def _read(self, url: str, resp: httpx.Response, limit: int) -> bytes:
        if resp.is_stream_consumed:  # built in memory (httpx.MockTransport): already decoded
            if len(resp.content) > limit:
                raise FetchError(url, f"body exceeds the limit of {limit} bytes (after decompression)")
            return resp.content
        decoder = _decoder(url, resp.headers.get("content-encoding", ""))
        deadline = time.monotonic() + self.settings.total_timeout
        chunks: list[bytes] = []
        size = 0
        for raw in resp.iter_raw():
            for piece in decoder(raw, limit - size + 1):
                size += len(piece)
                if size > limit:
                    raise FetchError(url, f"body exceeds the limit of {limit} bytes (after decompression)")
                chunks.append(piece)
            if time.monotonic() > deadline:
                raise FetchError(url, f"body took longer than {self.settings.total_timeout} s", retryable=True)
        return b"".join(chunks)


def _decoder(url: str, content_encoding: str) -> Callable[[bytes, int], list[bytes]]:
    """A function turning raw chunks into decoded pieces, never producing more than `budget` at once.

    zlib's max_length keeps a gzip bomb from expanding a small chunk into gigabytes before
    the size check sees it.
    """
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return lambda raw, budget: [raw]
    if len(codings) > 1 or codings[0] not in {"gzip", "x-gzip", "deflate"}:
        raise FetchError(url, f"unsupported content encoding {content_encoding!r}")
    # gzip: wbits 47 accepts gzip or zlib headers; deflate: zlib header, raw deflate as fallback.
    state = {"obj": zlib.decompressobj(47 if codings[0] != "deflate" else 15), "first": True}

    def decode(raw: bytes, budget: int) -> list[bytes]:
        budget = max(budget, 1)
        try:
            out = [state["obj"].decompress(raw, budget)]
        except zlib.error:
            if not (state["first"] and codings[0] == "deflate"):
                raise FetchError(url, "corrupt compressed body") from None
            state["obj"] = zlib.decompressobj(-15)
            out = [state["obj"].decompress(raw, budget)]
        state["first"] = False
        produced = len(out[0])
        while state["obj"].unconsumed_tail and produced <= budget:
            more = state["obj"].decompress(state["obj"].unconsumed_tail, budget)
            if not more:
                break
            out.append(more)
            produced += len(more)
        return out

    return decode
