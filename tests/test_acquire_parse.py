"""Acquire and parse stages: inputs, encodings, bad input."""
from __future__ import annotations

import codecs

import pytest

from pipeline.acquire import acquire, read_file
from pipeline.parse import parse
from pipeline.parse.text import clean_text, guess_language
from pipeline.types import InputError, RawDocument

RELEASE = "Land fördert Radwege in Celle\nDie Ministerin übergab „großzügige“ Mittel für Straßen.\n"


def raw(data: bytes, **kw) -> RawDocument:
    return RawDocument(key="t", data=data, path="t.txt", **kw)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_decodes_common_encodings(encoding):
    doc = parse(raw(RELEASE.encode(encoding)))
    assert doc.text.startswith("Land fördert Radwege in Celle")
    assert "„großzügige“" in doc.text and "Straßen" in doc.text
    assert doc.title == "Land fördert Radwege in Celle"


def test_latin1_declared_is_read_as_windows_1252():
    # „ and “ exist in cp1252 but not latin-1: a page declaring latin-1 almost always means 1252.
    data = "„Zitat“ in Göttingen".encode("cp1252")
    doc = parse(raw(data, encoding="ISO-8859-1"))
    assert doc.text == "„Zitat“ in Göttingen"


def test_clean_text_removes_invisible_characters_and_normalises():
    assert clean_text("För\u00adder\u200bung  im\r\nLand\n\n\n\nEnde") == "Förderung im\nLand\n\nEnde"
    assert clean_text("Go\u0308ttingen") == "Göttingen"  # NFC


def test_language_guess():
    assert guess_language("Die Ministerin hat mit dem Landrat über die Förderung für das Projekt gesprochen.") == "de"
    assert guess_language("The minister said that the funding for the project is on its way to the region.") == "en"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary"),
])
def test_bad_content_is_refused_with_reason(data, reason):
    with pytest.raises(InputError) as e:
        parse(raw(data))
    assert reason in str(e.value) and "t.txt" in str(e.value)


def test_oversized_file_is_refused_without_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB sparse file
    with pytest.raises(InputError, match="over the"):
        read_file(big)


def test_acquire_reports_each_bad_input_and_goes_on(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(RELEASE, encoding="utf-8")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    items = list(acquire([str(tmp_path / "missing.txt"), str(empty_dir), str(good), str(tmp_path / "*.none")]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["InputError", "InputError", "RawDocument", "InputError"]
    assert "no such file" in items[0].reason
    assert "no readable files" in items[1].reason
    assert "matches no file" in items[3].reason


def test_directory_is_searched_recursively_for_known_suffixes(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "gold.json").write_text("{}")
    names = sorted(i.path.split("/")[-1] for i in acquire([str(tmp_path)]))
    assert names == ["a.txt", "b.html"]


def test_utf16_bom_is_not_mistaken_for_binary():
    doc = parse(raw(codecs.BOM_UTF16_LE + RELEASE.encode("utf-16-le")))
    assert doc.title == "Land fördert Radwege in Celle"


def test_undecodable_bytes_are_refused_with_reason():
    import random

    rnd = random.Random(1)
    # Invalid UTF-8 with bytes Windows-1252 leaves undefined: no encoding gives text.
    data = bytes(rnd.choice([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC3, 0x28, 0xA0, 0xE2, 0x82]) for _ in range(3000))
    with pytest.raises(InputError, match="undecodable bytes") as e:
        parse(raw(data))
    assert "t.txt" in str(e.value)


def test_undeclared_windows_1252_german_text_is_read_as_such():
    text = "Die Ministerin übergab „großzügige“ Fördermittel – 40.500 € – an die Gemeinde Süderbrarup."
    doc = parse(raw(text.encode("cp1252")))
    assert doc.text == text and doc.encoding == "cp1252"
