"""The record contract: published JSON Schema in sync, offsets validated."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas import Amount, Release, Source

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "release.schema.json"


def test_published_json_schema_is_in_sync():
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == Release.model_json_schema(), (
        "schemas/release.schema.json is stale: run `press-extract schema > schemas/release.schema.json`"
    )


def _release(**kw) -> Release:
    return Release(id="pr-1", source=Source(sha256="0" * 64), language="de", text="Es gibt 5 Euro.", **kw)


def test_offsets_must_slice_text():
    ok = _release(amounts=[Amount(text="5 Euro", start=8, end=14, value=5, currency="EUR")])
    assert ok.text[ok.amounts[0].start:ok.amounts[0].end] == "5 Euro"
    with pytest.raises(ValidationError, match="do not slice"):
        _release(amounts=[Amount(text="5 Euro", start=7, end=13, value=5, currency="EUR")])


def test_unknown_keys_and_bad_codes_are_rejected():
    with pytest.raises(ValidationError):
        Amount(text="5 Euro", start=0, end=6, value=5, currency="euro")
    with pytest.raises(ValidationError):
        _release(colour="blue")
