"""PDF releases: text, title, date and issuer from a PDF built in the test."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from pipeline.parse.pdf import parse_pdf
from pipeline.types import InputError, RawDocument


def make_pdf(lines: list[str], metadata: dict | None = None) -> bytes:
    """A one-page PDF showing `lines` in Helvetica (WinAnsi, so umlauts work)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    ops = ["BT", "/F1 11 Tf", "14 TL", "60 780 Td"]
    for line in lines:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({esc}) Tj T*")
    ops.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("cp1252"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    if metadata:
        writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


RELEASE = [
    "Presseinformation Nr. 17/2025",
    "Hannover, 04.02.2025",
    "Land unterstützt Dorfläden mit neuem Förderprogramm",
    "Das Land Niedersachsen fördert kleine Dorfläden in diesem Jahr mit insgesamt 3,2",
    "Millionen Euro. Anträge können ab sofort bei der Landwirtschaftskammer gestellt",
    "werden. Ministerin Karla Beispiel sagte am Dienstag in Hannover, die Läden seien",
    "für viele Dörfer unverzichtbar.",
    "Gefördert werden Umbauten, Kühltechnik und digitale Kassensysteme.",
]


def raw(data: bytes) -> RawDocument:
    return RawDocument(key="mem.pdf", data=data, media_type="application/pdf")


def test_pdf_text_title_date():
    doc = parse_pdf(raw(make_pdf(RELEASE)))
    assert doc.title == "Land unterstützt Dorfläden mit neuem Förderprogramm"
    assert doc.published == dt.date(2025, 2, 4)
    assert doc.media_type == "application/pdf"
    assert "Das Land Niedersachsen fördert kleine Dorfläden" in doc.text
    # wrapped lines are rejoined into one paragraph, the title is not repeated in the body
    assert "insgesamt 3,2 Millionen Euro." in doc.text
    assert "Land unterstützt Dorfläden mit neuem Förderprogramm" not in doc.text
    assert "Presseinformation Nr. 17/2025" not in doc.text
    assert doc.language == "de"


def test_pdf_metadata_title_and_author_win():
    data = make_pdf(RELEASE, {"/Title": "Dorfläden erhalten Landesförderung",
                              "/Author": "Niedersächsisches Ministerium für Ernährung, Landwirtschaft und Verbraucherschutz",
                              "/CreationDate": "D:20250203120000+01'00'"})
    doc = parse_pdf(raw(data))
    assert doc.title == "Dorfläden erhalten Landesförderung"
    assert doc.issuer.startswith("Niedersächsisches Ministerium")
    assert doc.published == dt.date(2025, 2, 4)  # the dateline beats the file's creation date


def test_pdf_junk_metadata_title_ignored_and_creation_date_fallback():
    lines = ["Neue Kita in Lindenau eröffnet", "Die Stadt hat am Montag eine Kita für 80 Kinder eröffnet."]
    data = make_pdf(lines, {"/Title": "Microsoft Word - PM_Kita_final.docx", "/Author": "Max Muster",
                            "/CreationDate": "D:20240911083000"})
    doc = parse_pdf(raw(data))
    assert doc.title == "Neue Kita in Lindenau eröffnet"
    assert doc.published == dt.date(2024, 9, 11)
    assert doc.issuer is None  # a person's name is not an issuer


def test_not_a_pdf_raises_input_error():
    with pytest.raises(InputError):
        parse_pdf(raw(b"%PDF-1.4 this is not really a pdf"))


def make_pages(pages: list[list[str]]) -> bytes:
    """A multi-page PDF: one page per list of lines."""
    from pypdf import PdfReader
    writer = PdfWriter()
    for lines in pages:
        writer.append(PdfReader(io.BytesIO(make_pdf(lines))))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_running_headers_and_page_numbers_dropped():
    head = "Stadt Lindenau – Pressestelle"
    data = make_pages([
        [head, "Neue Kita in Lindenau eröffnet", "Die Stadt hat am Montag eine Kita für 80 Kinder eröffnet.", "Seite 1 von 2"],
        [head, "Die Kosten lagen bei 3,8 Millionen Euro.", "Seite 2 von 2"],
    ])
    doc = parse_pdf(raw(data))
    assert doc.extra["pages"] == 2
    assert doc.title == "Neue Kita in Lindenau eröffnet"
    assert "Die Kosten lagen bei 3,8 Millionen Euro." in doc.text
    assert "Pressestelle" not in doc.text and "Seite" not in doc.text


def test_letterhead_is_issuer_not_title():
    lines = ["Niedersächsisches Ministerium für Inneres und Sport", "Lavesallee 6, 30169 Hannover",
             "Presseinformation", "Mehr Geld für Feuerwehrhäuser im ländlichen Raum",
             "Das Land stellt in diesem Jahr 20 Millionen Euro für neue Feuerwehrhäuser bereit."]
    doc = parse_pdf(raw(make_pdf(lines)))
    assert doc.title == "Mehr Geld für Feuerwehrhäuser im ländlichen Raum"
    assert doc.issuer == "Niedersächsisches Ministerium für Inneres und Sport"
