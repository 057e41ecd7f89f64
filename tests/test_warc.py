"""WARC input: one document per archived page, written here with warcio."""
from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.acquire import acquire
from pipeline.batch import iter_records
from pipeline.types import InputError, RawDocument
from pipeline.warc import iter_warc

PAGE = """<html><head><title>Kreis fördert Schulbusse</title></head><body><article>
<h1>Kreis fördert Schulbusse</h1>
<p>Verden, 04.05.2026 – Der Landkreis Verden stellt 750.000 Euro für neue Schulbusse bereit.
Landrätin Petra Sommerfeld sagte, das Geld komme noch in diesem Jahr.</p>
</article></body></html>"""

# The HTML parser is tested elsewhere; batch tests archive the same release as plain text.
PAGE_TEXT = ("Kreis fördert Schulbusse\nVerden, 04.05.2026 – Der Landkreis Verden stellt 750.000 Euro für neue "
             "Schulbusse bereit.\n")
TEXT = "Stadt saniert Brücke\nCelle, 06.05.2026 – Die Stadt Celle gibt 1,2 Millionen Euro für die Allerbrücke aus.\n"


def _response(writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes, extra=()):
    http = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def write_warc(path: Path, page: str = PAGE, gzip: bool = True, page_type: str = "text/html") -> Path:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        _response(w, "https://www.example.de/presse/schulbusse.html", "200 OK", f"{page_type}; charset=UTF-8",
                  page.encode("utf-8"))
        _response(w, "https://www.example.de/alt.html", "301 Moved Permanently", "text/html", b"",
                  [("Location", "https://www.example.de/presse/schulbusse.html")])
        _response(w, "https://www.example.de/fehlt.html", "404 Not Found", "text/html", b"<p>nicht gefunden</p>")
        _response(w, "https://www.example.de/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
        w.write_record(w.create_warc_record("https://www.example.de/presse/bruecke.txt", "resource",
                                            payload=io.BytesIO(TEXT.encode("utf-8")),
                                            warc_content_type="text/plain; charset=utf-8"))
    return path


def test_iter_warc_yields_documents_only(tmp_path):
    docs = list(iter_warc(write_warc(tmp_path / "crawl.warc.gz"), max_bytes=1_000_000))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.key for d in docs] == ["https://www.example.de/presse/schulbusse.html",
                                     "https://www.example.de/presse/bruecke.txt"]
    page, text = docs
    assert (page.media_type, page.encoding, page.http_status) == ("text/html", "utf-8", 200)
    assert page.url == page.key and page.data == PAGE.encode("utf-8")
    assert page.fetched_at is not None
    assert (text.media_type, text.http_status) == ("text/plain", None)


def test_uncompressed_warc_and_size_limit(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", gzip=False)
    items = list(iter_warc(path, max_bytes=200))
    assert isinstance(items[0], InputError) and "over the" in items[0].reason
    assert items[0].source.endswith("schulbusse.html")
    assert isinstance(items[1], RawDocument)


def test_damaged_or_foreign_file_is_an_input_error(tmp_path):
    bad = tmp_path / "not.warc.gz"
    bad.write_bytes(b"this is not an archive\n" * 3)
    (err,) = list(iter_warc(bad, max_bytes=1000))
    assert isinstance(err, InputError) and err.source == str(bad)


def test_acquire_reads_warc_in_directories(tmp_path):
    write_warc(tmp_path / "a.warc.gz")
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    keys = [d.key for d in acquire([str(tmp_path)])]
    assert len(keys) == 3 and keys[0].startswith("https://") and keys[2].endswith("c.txt")


def test_batch_run_over_warc_is_incremental(cli, tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz", PAGE_TEXT, page_type="text/plain")
    out = tmp_path / "out"
    assert cli("run", str(warc), "--out", str(out), "--workers", "1", "-q")[0] == 0
    recs = {r["source"]["url"]: r for r in map(json.loads, iter_records(out / "records"))}
    assert set(recs) == {"https://www.example.de/presse/schulbusse.html", "https://www.example.de/presse/bruecke.txt"}
    assert recs["https://www.example.de/presse/schulbusse.html"]["title"] == "Kreis fördert Schulbusse"

    write_warc(warc, PAGE_TEXT.replace("750.000", "800.000"), page_type="text/plain")  # a re-crawl: one page changed
    assert cli("run", str(warc), "--out", str(out), "--workers", "1", "-q")[0] == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (m["changed"], m["unchanged"], m["records_total"]) == (1, 1, 2)
    again = {r["source"]["url"]: r for r in map(json.loads, iter_records(out / "records"))}
    page = again["https://www.example.de/presse/schulbusse.html"]
    assert page["id"] == recs["https://www.example.de/presse/schulbusse.html"]["id"] and "800.000" in page["text"]
