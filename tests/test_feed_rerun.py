"""A second batch run over the same feed sends only conditional requests and writes no duplicates."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.fetch.testing import LocalServer, Reply, etag_route

N_ITEMS = 5


def release_page(i: int) -> bytes:
    return (f"<html lang='de'><head><title>Land fördert Projekt {i}</title></head><body><main><article>"
            f"<h1>Land fördert Projekt {i}</h1><p>Hannover, 12.02.2026 – Das Land gibt {i + 1} Millionen Euro "
            f"für das Projekt in Celle.</p></article></main></body></html>").encode()


def feed(base: str) -> bytes:
    items = "".join(f"<item><title>P{i}</title><link>{base}/presse/{i}.html</link>"
                    f"<pubDate>Thu, 12 Feb 2026 10:00:00 GMT</pubDate></item>" for i in range(N_ITEMS))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Presse</title>{items}</channel></rss>".encode()


def records(out: Path) -> list[dict]:
    lines = [line for p in sorted((out / "records").glob("*.jsonl")) for line in p.read_text("utf-8").splitlines()]
    return [json.loads(line) for line in lines if line.strip()]


def test_second_feed_run_is_conditional_and_adds_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # HTTP cache under the working directory
    out = tmp_path / "out"
    with LocalServer() as server:
        server.add("/robots.txt", Reply(404))
        server.add("/presse/feed.rss", etag_route(feed(server.url("").rstrip("/")), '"feed-1"', "application/rss+xml"))
        for i in range(N_ITEMS):
            server.add(f"/presse/{i}.html", etag_route(release_page(i), f'"page-{i}"'))
        args = ("run", "feed:" + server.url("/presse/feed.rss"), "--out", str(out), "--delay", "0", "-q", "--workers", "1")
        code, _, err = cli(*args)
        assert code == 0, err
        first = records(out)
        page_hits_before = {i: len(server.hits_for(f"/presse/{i}.html")) for i in range(N_ITEMS)}
        feed_hits_before = len(server.hits_for("/presse/feed.rss"))
        code, _, err = cli(*args)
        assert code == 0, err
        second = records(out)
        for i in range(N_ITEMS):
            later = server.hits_for(f"/presse/{i}.html")[page_hits_before[i]:]
            assert later, f"page {i} not revalidated"
            assert all(h.headers.get("if-none-match") == f'"page-{i}"' for h in later)
        feed_later = server.hits_for("/presse/feed.rss")[feed_hits_before:]
        assert feed_later and all(h.headers.get("if-none-match") == '"feed-1"' for h in feed_later)
    assert len(first) == N_ITEMS
    assert sorted(r["id"] for r in second) == sorted(r["id"] for r in first)
    assert all(r["source"]["url"].endswith(".html") for r in second)
