"""Shared building blocks of the record: text anchors and id helpers."""
from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    """Base of every record model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Anchor(Model):
    """A stretch of the record's `text`: `text[start:end] == self.text`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: int | None = Field(
        default=None, description="Index into Release.sentences of the sentence holding this stretch."
    )


class Mention(Anchor):
    """One place in the text where an entity (person, programme, region) is named."""


def stable_id(prefix: str, *parts: str, length: int = 16) -> str:
    """A short id that depends only on `parts`: same input, same id, on every run and machine."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}-{h}"
