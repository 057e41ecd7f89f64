"""A browser pastes a release into the page, checks the highlights and the downloaded JSON.

Runs Playwright against Debian's chromium (installed by .ci/run); skipped, saying
so, where either is missing.
"""
from __future__ import annotations

import json
import shutil
import socket
import threading
import time

import pytest

pytest.importorskip("fastapi", reason="web extra not installed")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (.ci/run installs it)")

RELEASE = """Land fördert Radwege im Heidekreis
Hannover, 12.02.2026 – Verkehrsministerin Clara Brinkmann hat am Donnerstag einen Förderbescheid über rund 2,5 Millionen Euro an Landrat Tobias Wendt übergeben.
„Gute Radwege verbinden die Dörfer“, sagte Brinkmann.
"""


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from pipeline.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


def test_paste_highlight_and_download(server, tmp_path):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(accept_downloads=True)
        page.goto(server + "/")
        page.fill("#text", RELEASE)
        page.click("#submit")
        page.wait_for_selector("#r-text mark.hl-amount", timeout=20_000)
        assert page.inner_text("#r-title") == "Land fördert Radwege im Heidekreis"
        amounts = page.locator("#r-text mark.hl-amount").all_inner_texts()
        assert any("2,5 Millionen Euro" in a for a in amounts)
        assert page.locator("#r-text mark.hl-date").count() >= 1
        assert page.locator("[data-kind=Beträge] td").first.inner_text()
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        with page.expect_download() as dl:
            page.click("#download")
        downloaded = json.loads(open(dl.value.path(), encoding="utf-8").read())
        browser.close()
    assert downloaded["title"] == "Land fördert Radwege im Heidekreis"
    assert any(a["value"] == 2_500_000 for a in downloaded["amounts"])
