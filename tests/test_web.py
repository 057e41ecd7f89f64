"""The web app's JSON API and its safety limits (in-process, no network)."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="web extra not installed")
from fastapi.testclient import TestClient  # noqa: E402

from pipeline.web.app import ServeSettings, create_app  # noqa: E402
from pipeline.web.safety import UnsafeURL, check_public_url  # noqa: E402

RELEASE = ("Land fördert Radwege in Celle\n"
           "Das Land stellt rund 2 Millionen Euro für neue Radwege bereit.\n")


@pytest.fixture
def client():
    return TestClient(create_app(ServeSettings(max_request_bytes=20_000)))


def test_extract_text_returns_a_record(client):
    r = client.post("/extract", json={"text": RELEASE, "published": "2026-02-12"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["title"] == "Land fördert Radwege in Celle"
    assert rec["published"] == "2026-02-12"
    assert rec["text"].startswith("Land fördert")


def test_upload_file(client):
    r = client.post("/extract/file", files={"file": ("pm.txt", RELEASE.encode("cp1252"), "text/plain")})
    assert r.status_code == 200, r.text
    assert r.json()["source"]["path"] == "pm.txt"
    assert "fördert" in r.json()["text"]


def test_needs_exactly_one_input(client):
    assert client.post("/extract", json={}).status_code == 422
    assert client.post("/extract", json={"text": "x", "url": "https://example.org/"}).status_code == 422


def test_refuses_loopback_and_private_urls(client):
    for url in ("http://127.0.0.1:8000/admin", "http://localhost/", "http://10.0.0.5/", "http://[::1]/",
                "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"):
        r = client.post("/extract", json={"url": url})
        assert r.status_code == 400, url
    assert "non-public" in client.post("/extract", json={"url": "http://127.0.0.1/"}).json()["detail"]


def test_private_urls_allowed_only_by_configuration():
    check_public_url("http://127.0.0.1/", allow_private=True)
    with pytest.raises(UnsafeURL):
        check_public_url("http://127.0.0.1/")


def test_request_size_limit(client):
    r = client.post("/extract", json={"text": "x" * 30_000})
    assert r.status_code == 413


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert "/extract" in spec["paths"] and "/extract/file" in spec["paths"]
    assert "Release" in spec["components"]["schemas"]


def test_page_is_served(client):
    r = client.get("/")
    assert r.status_code == 200 and "press-extract" in r.text
    assert client.get("/static/app.js").status_code == 200
