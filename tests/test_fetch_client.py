"""Fetcher layers against a local HTTP server: politeness, retries, limits, content checks."""
from __future__ import annotations

import datetime as dt
import gzip
import threading
import zlib
from pathlib import Path

import pytest

from pipeline.fetch import Fetcher, FetchSettings, LocalHostLimiter, parse_retry_after
from pipeline.fetch.testing import LocalServer, Reply
from pipeline.types import InputError, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "web"
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = "<html><head><title>Test</title></head><body><p>Pressemitteilung</p></body></html>".encode()


def settings(tmp_path: Path, **overrides) -> FetchSettings:
    base = dict(delay=0.01, cache_dir=tmp_path / "cache", retries=2, backoff_base=0.01, contact="mailto:test@example.org")
    return FetchSettings(**{**base, **overrides})


class FakeTime:
    """A clock that sleeping advances: records waits so retry tests need no real time."""

    def __init__(self):
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def fake_fetcher(tmp_path: Path, **overrides) -> tuple[Fetcher, FakeTime]:
    t = FakeTime()
    fetcher = Fetcher(settings(tmp_path, **overrides), limiter=LocalHostLimiter(t.clock, t.sleep), sleep=t.sleep)
    return fetcher, t


@pytest.fixture
def server():
    with LocalServer() as srv:
        yield srv


def test_fetch_returns_raw_document_with_canonical_url_and_charset(server, tmp_path):
    server.add("/start", Reply(301, {"Location": "/presse/pm-1.html#oben"}))
    server.add("/presse/pm-1.html", Reply(body=PAGE, headers={"Content-Type": "text/html; charset=ISO-8859-1"}))
    with Fetcher(settings(tmp_path)) as fetcher:
        doc = fetcher.fetch(server.url("/start"))
    assert isinstance(doc, RawDocument)
    assert doc.key == doc.url == server.url("/presse/pm-1.html")  # final URL, fragment removed
    assert doc.data == PAGE
    assert (doc.media_type, doc.encoding, doc.http_status) == ("text/html", "iso-8859-1", 200)
    assert doc.fetched_at.tzinfo is dt.timezone.utc
    agents = {h.headers["user-agent"] for h in server.hits}
    assert agents == {"press-extract/0.1.0 (+mailto:test@example.org)"}


def test_robots_disallow_blocks_without_requesting_the_page(server, tmp_path):
    robots = b"User-agent: *\nDisallow: /intern/\n\nUser-agent: press-extract\nDisallow: /entwurf/\n"
    server.add("/robots.txt", Reply(body=robots, headers={"Content-Type": "text/plain"}))
    server.add("/intern/a.html", Reply(body=PAGE, headers=HTML))
    server.add("/entwurf/b.html", Reply(body=PAGE, headers=HTML))
    server.add("/intern/c.html", Reply(body=PAGE, headers=HTML))
    with Fetcher(settings(tmp_path)) as fetcher:
        with pytest.raises(InputError, match="disallowed by robots.txt"):
            fetcher.fetch(server.url("/entwurf/b.html"))
        # Our own group replaces the * group, so /intern/ is allowed for us.
        assert fetcher.fetch(server.url("/intern/c.html")).http_status == 200
    assert not server.hits_for("/entwurf/b.html")
    assert len(server.hits_for("/robots.txt")) == 1  # cached per host


def test_robots_can_be_switched_off(server, tmp_path):
    server.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n", headers={"Content-Type": "text/plain"}))
    server.add("/a.html", Reply(body=PAGE, headers=HTML))
    with Fetcher(settings(tmp_path, respect_robots=False)) as fetcher:
        assert fetcher.fetch(server.url("/a.html")).data == PAGE
    assert not server.hits_for("/robots.txt")


def test_robots_server_error_means_do_not_crawl(server, tmp_path):
    server.add("/robots.txt", Reply(500))
    server.add("/a.html", Reply(body=PAGE, headers=HTML))
    with Fetcher(settings(tmp_path, retries=0)) as fetcher:
        with pytest.raises(InputError, match="robots.txt answered HTTP 500"):
            fetcher.fetch(server.url("/a.html"))
    assert not server.hits_for("/a.html")


def test_crawl_delay_spaces_requests_to_one_host(server, tmp_path):
    server.add("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 0.15\n", headers={"Content-Type": "text/plain"}))
    for n in range(3):
        server.add(f"/p{n}.html", Reply(body=PAGE, headers=HTML))
    with Fetcher(settings(tmp_path)) as fetcher:  # own delay 0.01 s; robots asks for more
        for n in range(3):
            fetcher.fetch(server.url(f"/p{n}.html"))
    pages = [h for h in server.hits if h.path.startswith("/p")]
    # Arrival times: the next request starts >= delay after the previous one ended, so after it started.
    gaps = [b.started - a.started for a, b in zip(pages, pages[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.15


def test_request_rate_counts_as_crawl_delay(server, tmp_path):
    server.add("/robots.txt", Reply(body=b"User-agent: *\nRequest-rate: 4/1\n", headers={"Content-Type": "text/plain"}))
    server.add("/a.html", Reply(body=PAGE, headers=HTML))
    server.add("/b.html", Reply(body=PAGE, headers=HTML))
    with Fetcher(settings(tmp_path)) as fetcher:
        fetcher.fetch(server.url("/a.html"))
        fetcher.fetch(server.url("/b.html"))
    a, b = server.hits_for("/a.html")[0], server.hits_for("/b.html")[0]
    assert b.started - a.started >= 0.25


def test_429_honours_retry_after_seconds(server, tmp_path):
    replies = iter([Reply(429, {"Retry-After": "7"}), Reply(body=PAGE, headers=HTML)])
    server.add("/busy.html", lambda hit: next(replies))
    fetcher, time = fake_fetcher(tmp_path)
    with fetcher:
        doc = fetcher.fetch(server.url("/busy.html"))
    assert doc.data == PAGE and len(server.hits_for("/busy.html")) == 2
    assert 7.0 in time.waits


def test_retry_after_is_capped(server, tmp_path):
    replies = iter([Reply(503, {"Retry-After": "86400"}), Reply(body=PAGE, headers=HTML)])
    server.add("/busy.html", lambda hit: next(replies))
    fetcher, time = fake_fetcher(tmp_path, retry_after_max=30)
    with fetcher:
        fetcher.fetch(server.url("/busy.html"))
    assert 30.0 in time.waits and max(time.waits) == 30.0


def test_parse_retry_after_http_date_and_garbage():
    now = dt.datetime(2024, 3, 12, 10, 0, 0, tzinfo=dt.timezone.utc)
    assert parse_retry_after("Tue, 12 Mar 2024 10:02:00 GMT", now) == 120.0
    assert parse_retry_after("Tue, 12 Mar 2024 09:00:00 GMT", now) == 0.0  # in the past
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("bald", now) is None
    assert parse_retry_after(None, now) is None


def test_500_then_success_retries_with_growing_backoff(server, tmp_path):
    replies = iter([Reply(500), Reply(502), Reply(body=PAGE, headers=HTML)])
    server.add("/flaky.html", lambda hit: next(replies))
    fetcher, time = fake_fetcher(tmp_path, backoff_base=1.0, backoff_max=100)
    with fetcher:
        assert fetcher.fetch(server.url("/flaky.html")).data == PAGE
    backoffs = [w for w in time.waits if w >= 0.5]  # throttle waits are 0.01 s
    # Jitter keeps each wait within [0.5, 1.5) of 1 s, then of 2 s.
    assert len(backoffs) == 2 and 0.5 <= backoffs[0] < 1.5 and 1.0 <= backoffs[1] < 3.0


def test_persistent_5xx_gives_up_with_clear_reason(server, tmp_path):
    server.add("/down.html", Reply(503))
    fetcher, _ = fake_fetcher(tmp_path, retries=2)
    with fetcher:
        with pytest.raises(InputError, match=r"HTTP 503 Service Unavailable after 3 attempts") as err:
            fetcher.fetch(server.url("/down.html"))
    assert err.value.source == server.url("/down.html")
    assert len(server.hits_for("/down.html")) == 3


def test_404_is_not_retried(server, tmp_path):
    fetcher, _ = fake_fetcher(tmp_path)
    with fetcher:
        with pytest.raises(InputError, match="HTTP 404 Not Found$"):
            fetcher.fetch(server.url("/fehlt.html"))
    assert len(server.hits_for("/fehlt.html")) == 1


def test_slow_endpoint_times_out(server, tmp_path):
    server.add("/slow.html", Reply(body=PAGE, headers=HTML, delay=1.0))
    fetcher, _ = fake_fetcher(tmp_path, read_timeout=0.1, retries=1)
    with fetcher:
        with pytest.raises(InputError, match=r"timed out \(ReadTimeout\) after 2 attempts"):
            fetcher.fetch(server.url("/slow.html"))


def test_redirect_loop_is_detected(server, tmp_path):
    server.add("/a", Reply(302, {"Location": "/b"}))
    server.add("/b", Reply(302, {"Location": "/a"}))
    with Fetcher(settings(tmp_path)) as fetcher:
        with pytest.raises(InputError, match="redirect loop"):
            fetcher.fetch(server.url("/a"))
    assert len(server.hits_for("/a")) == 1 and len(server.hits_for("/b")) == 1


def test_redirect_limit(server, tmp_path):
    for n in range(5):
        server.add(f"/r{n}", Reply(302, {"Location": f"/r{n + 1}"}))
    server.add("/r5", Reply(body=PAGE, headers=HTML))
    with Fetcher(settings(tmp_path, max_redirects=3)) as fetcher:
        with pytest.raises(InputError, match="more than 3 redirects"):
            fetcher.fetch(server.url("/r0"))
    with Fetcher(settings(tmp_path, max_redirects=5)) as fetcher:
        assert fetcher.fetch(server.url("/r0")).key == server.url("/r5")


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_oversized_body_is_rejected(server, tmp_path, chunked):
    server.add("/big.html", Reply(body=b"<p>" + b"x" * 200_000, headers=HTML, chunked=chunked))
    server.add("/small.html", Reply(body=b"<p>" + b"x" * 90_000, headers=HTML, chunked=chunked))
    with Fetcher(settings(tmp_path, max_bytes=100_000)) as fetcher:
        with pytest.raises(InputError, match="exceeds the limit of 100000 bytes"):
            fetcher.fetch(server.url("/big.html"))
        assert len(fetcher.fetch(server.url("/small.html")).data) == 90_003


def test_gzip_bomb_is_stopped_by_decompressed_size(server, tmp_path):
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing, built without 50 MB in memory
    zeros = b"\0" * 1_000_000
    bomb = b"".join(packer.compress(zeros) for _ in range(50)) + packer.flush()
    assert len(bomb) < 100_000  # ~50 KB on the wire, 50 MB unpacked
    server.add("/bomb.html", Reply(body=bomb, headers={**HTML, "Content-Encoding": "gzip"}))
    with Fetcher(settings(tmp_path, max_bytes=1_000_000)) as fetcher:
        with pytest.raises(InputError, match="after decompression"):
            fetcher.fetch(server.url("/bomb.html"))


def test_gzip_and_deflate_bodies_are_decoded(server, tmp_path):
    server.add("/gz.html", Reply(body=gzip.compress(PAGE), headers={**HTML, "Content-Encoding": "gzip"}))
    server.add("/df.html", Reply(body=zlib.compress(PAGE), headers={**HTML, "Content-Encoding": "deflate"}))
    with Fetcher(settings(tmp_path)) as fetcher:
        assert fetcher.fetch(server.url("/gz.html")).data == PAGE
        assert fetcher.fetch(server.url("/df.html")).data == PAGE
    assert "gzip" in server.hits_for("/gz.html")[0].headers["accept-encoding"]


def test_wrong_charset_declaration_passes_bytes_through(server, tmp_path):
    data = (FIXTURES / "wrong_charset.html").read_bytes()
    server.add("/dorflaeden.html", Reply(body=data, headers={"Content-Type": "text/html; charset=UTF-8"}))
    with Fetcher(settings(tmp_path)) as fetcher:
        doc = fetcher.fetch(server.url("/dorflaeden.html"))
    # Fetching neither decodes nor "repairs": parse sniffs. The declared charset is kept as declared.
    assert doc.data == data and doc.encoding == "utf-8"
    with pytest.raises(UnicodeDecodeError):
        doc.data.decode("utf-8")


@pytest.mark.parametrize("ctype", ["image/png", "application/zip", "application/octet-stream"])
def test_non_document_content_type_is_rejected(server, tmp_path, ctype):
    server.add("/datei", Reply(body=b"\x89PNG....", headers={"Content-Type": ctype}))
    with Fetcher(settings(tmp_path)) as fetcher:
        with pytest.raises(InputError, match=f"content type '{ctype}' is not accepted"):
            fetcher.fetch(server.url("/datei"))


@pytest.mark.parametrize("ctype", ["application/pdf", "text/plain; charset=utf-8", "application/xhtml+xml"])
def test_document_content_types_are_accepted(server, tmp_path, ctype):
    server.add("/doc", Reply(body=b"%PDF-1.4 ...", headers={"Content-Type": ctype}))
    with Fetcher(settings(tmp_path)) as fetcher:
        assert fetcher.fetch(server.url("/doc")).media_type == ctype.split(";")[0]


def test_non_http_input_is_an_input_error(tmp_path):
    with Fetcher(settings(tmp_path)) as fetcher:
        with pytest.raises(InputError, match="not an http"):
            fetcher.fetch("ftp://example.org/x.html")


def test_fetch_many_one_request_per_host_many_hosts_at_once(tmp_path):
    b_seen = threading.Event()
    overlapped = []

    def slow_a(hit):
        # Wait (bounded) for host B: only possible if both hosts are fetched concurrently.
        overlapped.append(b_seen.wait(5))
        return Reply(body=PAGE, headers=HTML)

    def fast_b(hit):
        b_seen.set()
        return Reply(body=PAGE, headers=HTML)

    with LocalServer() as a, LocalServer() as b:
        for n in range(4):
            a.add(f"/a{n}.html", slow_a)
            b.add(f"/b{n}.html", fast_b)
        urls = [a.url(f"/a{n}.html") for n in range(4)] + [b.url(f"/b{n}.html") for n in range(4)]
        urls.append(a.url("/fehlt.html"))
        with Fetcher(settings(tmp_path)) as fetcher:
            results = list(fetcher.fetch_many(urls))
        assert a.max_in_flight == 1 and b.max_in_flight == 1  # never two at once on one host
    docs = [r for r in results if isinstance(r, RawDocument)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(docs) == 8 and [e.source for e in errors] == [a.url("/fehlt.html")]
    assert overlapped and overlapped[0] is True


def test_fetch_many_ordered_keeps_input_order(tmp_path):
    with LocalServer() as a, LocalServer() as b:
        for n in range(3):
            a.add(f"/a{n}.html", Reply(body=f"a{n}".encode(), headers=HTML, delay=0.05))  # the slower host
            b.add(f"/b{n}.html", Reply(body=f"b{n}".encode(), headers=HTML))
        urls = [u for n in range(3) for u in (a.url(f"/a{n}.html"), b.url(f"/b{n}.html"))] + [b.url("/fehlt")]
        with Fetcher(settings(tmp_path)) as fetcher:
            results = list(fetcher.fetch_many(urls, ordered=True))
    assert [r.key if isinstance(r, RawDocument) else r.source for r in results] == urls


def test_url_check_sees_every_redirect_hop(server, tmp_path):
    server.add("/weiter", Reply(302, {"Location": "/intern/admin"}))
    server.add("/intern/admin", Reply(body=PAGE, headers=HTML))

    def no_internal(url: str) -> None:
        if "/intern/" in url:
            raise ValueError("internal address refused")

    with Fetcher(settings(tmp_path), url_check=no_internal) as fetcher:
        with pytest.raises(InputError, match="internal address refused"):
            fetcher.fetch(server.url("/weiter"))
    assert not server.hits_for("/intern/admin")


def test_mock_transport_replaces_the_network(tmp_path):
    import httpx

    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, headers={"Content-Type": "text/html; charset=windows-1252"}, content=b"<p>\xe4</p>")

    with Fetcher(settings(tmp_path), transport=httpx.MockTransport(handler)) as fetcher:
        doc = fetcher.fetch("https://www.ml.niedersachsen.de/startseite/presse/pm-1.html")
    assert (doc.data, doc.encoding, doc.key) == (b"<p>\xe4</p>", "windows-1252",
                                                 "https://www.ml.niedersachsen.de/startseite/presse/pm-1.html")
    assert seen == ["https://www.ml.niedersachsen.de/robots.txt",
                    "https://www.ml.niedersachsen.de/startseite/presse/pm-1.html"]
