"""On-disk cache: a re-run revalidates with conditional requests and downloads only what changed."""
from __future__ import annotations

import datetime as dt
import email.utils
from pathlib import Path

import pytest

from pipeline.fetch import Fetcher, FetchSettings, expand_inputs
from pipeline.fetch.testing import Hit, LocalServer, Reply, etag_route
from pipeline.types import InputError, RawDocument

HTML = {"Content-Type": "text/html; charset=utf-8"}


def settings(tmp_path: Path, **overrides) -> FetchSettings:
    return FetchSettings(**{"delay": 0.01, "cache_dir": tmp_path / "cache", "retries": 0, **overrides})


def rss(base: str, count: int, first_day: dt.date) -> bytes:
    items = []
    for n in range(count):
        day = first_day - dt.timedelta(days=n)
        stamp = email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=dt.timezone.utc))
        items.append(
            f"<item><title>Meldung {n}</title><link>{base}/presse/pm-{n:03d}.html</link>"
            f"<guid isPermaLink=\"false\">pm-{n}</guid><pubDate>{stamp}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Presse</title>'
        f"<link>{base}/</link>{''.join(items)}</channel></rss>"
    ).encode()


@pytest.fixture
def feed_site():
    with LocalServer() as server:
        server.add("/robots.txt", etag_route(b"User-agent: *\nAllow: /\n", '"r1"', "text/plain"))
        server.add("/feed.rss", etag_route(rss(server.url(""), 50, dt.date(2024, 6, 30)), '"f1"', "application/rss+xml"))
        for n in range(50):
            server.add(f"/presse/pm-{n:03d}.html", etag_route(f"<html><p>Meldung {n}</p></html>".encode(), f'"p{n}"'))
        yield server


def crawl(server: LocalServer, tmp_path: Path) -> list[RawDocument | InputError]:
    with Fetcher(settings(tmp_path)) as fetcher:
        targets = list(expand_inputs([server.url("/feed.rss")], fetcher))
        assert all(not isinstance(t, InputError) for t in targets)
        return list(fetcher.fetch_many(t.url for t in targets))


def test_second_run_over_feed_sends_only_conditional_requests(feed_site, tmp_path):
    first = crawl(feed_site, tmp_path)
    assert len(first) == 50 and {d.http_status for d in first} == {200}
    assert not any("if-none-match" in h.headers for h in feed_site.hits)
    count_first = len(feed_site.hits)

    second = crawl(feed_site, tmp_path)
    rerun = feed_site.hits[count_first:]
    assert len(rerun) == 52  # robots.txt, the feed, 50 pages
    assert all("if-none-match" in h.headers for h in rerun)
    assert {d.http_status for d in second} == {304}  # unchanged: marked, with the cached bytes
    assert sorted(d.data for d in second) == sorted(d.data for d in first)


def test_changed_page_is_downloaded_again_and_cache_updated(tmp_path):
    with LocalServer() as server:
        server.add("/pm.html", etag_route(b"<p>alt</p>", '"v1"'))
        with Fetcher(settings(tmp_path)) as fetcher:
            assert fetcher.fetch(server.url("/pm.html")).data == b"<p>alt</p>"
            server.add("/pm.html", etag_route(b"<p>neu</p>", '"v2"'))
            changed = fetcher.fetch(server.url("/pm.html"))
            again = fetcher.fetch(server.url("/pm.html"))
    assert (changed.http_status, changed.data) == (200, b"<p>neu</p>")
    assert (again.http_status, again.data) == (304, b"<p>neu</p>")
    assert [h.headers.get("if-none-match") for h in server.hits_for("/pm.html")] == [None, '"v1"', '"v2"']


def test_last_modified_revalidation(tmp_path):
    stamp = "Tue, 12 Mar 2024 08:00:00 GMT"

    def route(hit: Hit) -> Reply:
        if hit.headers.get("if-modified-since") == stamp:
            return Reply(304)
        return Reply(200, {**HTML, "Last-Modified": stamp}, b"<p>Text</p>")

    with LocalServer() as server:
        server.add("/pm.html", route)
        with Fetcher(settings(tmp_path)) as fetcher:
            fetcher.fetch(server.url("/pm.html"))
            doc = fetcher.fetch(server.url("/pm.html"))
    assert (doc.http_status, doc.data, doc.media_type, doc.encoding) == (304, b"<p>Text</p>", "text/html", "utf-8")


def test_without_validators_or_with_cache_off_nothing_is_conditional(tmp_path):
    with LocalServer() as server:
        server.add("/plain.html", Reply(body=b"<p>x</p>", headers=HTML))
        server.add("/tagged.html", etag_route(b"<p>y</p>", '"t"'))
        with Fetcher(settings(tmp_path)) as fetcher:
            for _ in range(2):
                fetcher.fetch(server.url("/plain.html"))
        with Fetcher(settings(tmp_path, cache_dir=None)) as fetcher:
            for _ in range(2):
                assert fetcher.fetch(server.url("/tagged.html")).http_status == 200
    assert not any("if-none-match" in h.headers or "if-modified-since" in h.headers for h in server.hits)


def test_unsolicited_304_is_an_error(tmp_path):
    with LocalServer() as server:
        server.add("/odd.html", Reply(304))
        with Fetcher(settings(tmp_path)) as fetcher:
            with pytest.raises(InputError, match="HTTP 304"):
                fetcher.fetch(server.url("/odd.html"))


def test_permanent_redirects_are_reused_without_a_request(tmp_path):
    with LocalServer() as server:
        server.add("/kurz/7", Reply(301, {"Location": "/presse/pm-7.html"}))
        server.add("/alt/8", Reply(302, {"Location": "/presse/pm-8.html"}))  # temporary: asked again
        server.add("/presse/pm-7.html", etag_route(b"<p>7</p>", '"7"'))
        server.add("/presse/pm-8.html", etag_route(b"<p>8</p>", '"8"'))
        for _ in range(2):
            with Fetcher(settings(tmp_path)) as fetcher:
                assert fetcher.fetch(server.url("/kurz/7")).key == server.url("/presse/pm-7.html")
                assert fetcher.fetch(server.url("/alt/8")).data == b"<p>8</p>"
    assert len(server.hits_for("/kurz/7")) == 1 and len(server.hits_for("/alt/8")) == 2
    assert [h.headers.get("if-none-match") for h in server.hits_for("/presse/pm-7.html")] == [None, '"7"']
