#!/usr/bin/env python3
"""Render the web page with a sample release and save docs/screenshot.png (for the README).

Usage: .venv/bin/python scripts/screenshot.py [SAMPLE.txt] [OUT.png]
Needs Debian's chromium (apt-get install chromium) and the playwright package.
"""
from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline.web.app import create_app  # noqa: E402


def main() -> None:
    sample = Path(sys.argv[1]) if len(sys.argv) > 1 else sorted((ROOT / "samples").glob("*.txt"))[0]
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "screenshot.png"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    chromium = shutil.which("chromium") or sys.exit("chromium not found: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu",
                                                                    "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"http://127.0.0.1:{port}/")
        page.fill("#text", sample.read_text(encoding="utf-8"))
        page.click("#submit")
        page.wait_for_selector("#r-text mark")
        page.screenshot(path=str(out), full_page=False)
        browser.close()
    server.should_exit = True
    print(out)


if __name__ == "__main__":
    main()
