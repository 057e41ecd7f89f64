"""A tiny local HTTP server for tests: scripted replies on 127.0.0.1, every request recorded.

    with LocalServer() as server:
        server.add("/page.html", Reply(body=b"<html>...", headers={"Content-Type": "text/html"}))
        fetcher.fetch(server.url("/page.html"))
        assert server.hits[0].headers["user-agent"].startswith("press-extract/")
"""
from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0        # seconds to wait before answering (slow endpoints)
    chunked: bool = False     # send without Content-Length


@dataclass
class Hit:
    method: str
    path: str                  # path and query as requested
    headers: dict[str, str]    # lower-case names
    started: float             # time.monotonic() on arrival
    finished: float = 0.0


Route = Callable[[Hit], Reply]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        # A short poll interval keeps shutdown (and so each test's teardown) quick.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, reply: Reply | Route) -> None:
        """Answer `path` (with query, or path alone for any query) with a fixed reply or a function of the hit."""
        self.routes[path] = reply if callable(reply) else (lambda hit, r=reply: r)

    def hits_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path or h.path.split("?", 1)[0] == path]

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _reply(self, hit: Hit) -> Reply:
        route = self.routes.get(hit.path) or self.routes.get(urlsplit(hit.path).path)
        return route(hit) if route else Reply(404, {"Content-Type": "text/plain"}, b"not found")


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # Clients dropping connections (timeouts, size limits, closed keep-alives) are expected here.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in separate writes

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            hit = Hit("GET", self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
            with server._lock:
                server.hits.append(hit)
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            try:
                reply = server._reply(hit)
                if reply.delay:
                    time.sleep(reply.delay)
            finally:
                # The request stops counting as in flight before its answer goes out: once the
                # client has the last byte it may send the next request, possibly before this
                # thread runs again, which would look like overlap that never happened.
                with server._lock:
                    server.in_flight -= 1
                    hit.finished = time.monotonic()
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for start in range(0, len(reply.body), 65536):
                        piece = reply.body[start:start + 65536]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.write(b"0\r\n\r\n")
                else:
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeouts, size limits): expected in tests

        def log_message(self, *args) -> None:  # keep test output clean
            pass

    return Handler


def etag_route(body: bytes, etag: str, content_type: str = "text/html; charset=utf-8") -> Route:
    """Serve `body` with an ETag; answer 304 when the client already has it."""

    def route(hit: Hit) -> Reply:
        if hit.headers.get("if-none-match") == etag:
            return Reply(304, {"ETag": etag})
        return Reply(200, {"Content-Type": content_type, "ETag": etag}, body)

    return route
