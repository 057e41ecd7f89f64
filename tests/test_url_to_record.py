"""A release fetched from a (local) web server gives the same record as its saved file."""
from __future__ import annotations

from pathlib import Path

from conftest import jsonl

from pipeline.fetch.testing import LocalServer, Reply

PAGE = Path(__file__).parent / "fixtures" / "pages" / "nds-ministerium-radwege.html"
EXTRACTED = ("title", "published", "issuer", "language", "text", "people", "amounts", "dates", "programs", "regions")


def test_url_and_saved_file_give_the_same_record(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the HTTP cache lives under the working directory
    body = PAGE.read_bytes()
    with LocalServer() as server:
        server.add("/robots.txt", Reply(404))
        server.add("/presse/radwege.html", Reply(200, {"Content-Type": "text/html; charset=utf-8"}, body))
        url = server.url("/presse/radwege.html")
        code, out, err = cli("extract", url, "--delay", "0")
    assert code == 0, err
    (from_url,) = jsonl(out)
    code, out, err = cli("extract", str(PAGE))
    assert code == 0, err
    (from_file,) = jsonl(out)
    assert from_url["source"]["url"] == url
    assert from_url["source"]["http_status"] == 200 and from_url["source"]["fetched_at"]
    assert from_url["source"]["sha256"] == from_file["source"]["sha256"]
    for key in EXTRACTED:
        assert from_url[key] == from_file[key], key
    assert from_file["title"] and from_file["text"]


def test_unreachable_url_is_a_clear_error(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with LocalServer() as server:
        server.add("/robots.txt", Reply(404))
        server.add("/gone.html", Reply(404))
        code, _, err = cli("extract", server.url("/gone.html"), "--delay", "0")
    assert code == 1
    assert "gone.html" in err and "404" in err
