"""The Release record: the contract every sink and consumer relies on."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .amounts import Amount
from .common import Model
from .dates import DateMention
from .people import Contacts, Person, Quote
from .places import Region
from .programs import Program

SCHEMA_VERSION = "1.0"


class Source(Model):
    """Where the release came from."""

    path: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="Of the raw bytes as read or fetched.")
    fetched_at: dt.datetime | None = None
    http_status: int | None = None
    media_type: str | None = None
    encoding: str | None = None


class Issuer(Model):
    name: str
    url: str | None = None


class Release(Model):
    """One press release, extracted and validated."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(description="Stable: derived from the source key (URL or path), not from the content.")
    source: Source
    language: str = Field(description="ISO 639-1 code of the text.")
    title: str | None = None
    published: dt.date | None = None
    issuer: Issuer | None = None
    text: str = Field(description="Clean body text; every offset in the record refers to it.")
    sentences: list[tuple[int, int]] = Field(default_factory=list, description="[start, end) of each sentence.")
    people: list[Person] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    programs: list[Program] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    contacts: Contacts | None = None
    extractor: dict[str, str] = Field(default_factory=dict, description="Tool version and pipeline name.")

    @model_validator(mode="after")
    def _offsets_slice_text(self) -> "Release":
        """Every anchored item must slice `text` to exactly its own text."""
        for kind, anchor in self.iter_anchors():
            if not (0 <= anchor.start <= anchor.end <= len(self.text)) or self.text[anchor.start:anchor.end] != anchor.text:
                raise ValueError(f"{kind} offsets [{anchor.start}:{anchor.end}] do not slice text to {anchor.text!r}")
        return self

    def iter_anchors(self):
        """Yield (kind, anchor) for every anchored item in the record."""
        for a in self.amounts:
            yield "amounts", a
        for d in self.dates:
            yield "dates", d
        for q in self.quotes:
            yield "quotes", q
        for kind, ents in (("people", self.people), ("programs", self.programs), ("regions", self.regions)):
            for e in ents:
                for m in e.mentions:
                    yield kind, m
        for p in self.people:
            for r in p.roles:
                for m in r.mentions:
                    yield "roles", m
