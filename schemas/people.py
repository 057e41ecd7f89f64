"""People, their roles, quotes and the press contact block."""
from __future__ import annotations

from pydantic import Field

from .common import Anchor, Mention, Model


class Role(Model):
    """An office or function the text attaches to a person (`Landrat des Heidekreises`)."""

    title: str = Field(description="Nominative singular, without name or article.")
    organisation: str | None = None
    region: str | None = Field(default=None, description="The place the role refers to, e.g. 'Heidekreis'.")
    mentions: list[Mention] = Field(default_factory=list)


class Person(Model):
    """A named natural person; all mentions (full name, surname only, genitive) grouped."""

    id: str
    name: str = Field(description="Fullest form of the name in the text, without academic titles.")
    honorifics: list[str] = Field(default_factory=list, description="Academic titles kept apart: Dr., Prof. Dr.")
    roles: list[Role] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Quote(Anchor):
    """A quotation with its speaker where the text attributes it."""

    speaker: str | None = Field(default=None, description="Person.id of the speaker.")
    speaker_name: str | None = None


class Contacts(Model):
    """The press contact block of the release."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    office: str | None = None
    names: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    address: str | None = None
    urls: list[str] = Field(default_factory=list)
