"""Dates named in the text."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Anchor


class DateMention(Anchor):
    """A calendar day, month or year named in the text, as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`."""

    value: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    granularity: Literal["day", "month", "year"]
    relative: bool = Field(default=False, description="Resolved against the publication date (heute, gestern, am Montag).")
    range_id: int | None = Field(default=None, description="Both ends of one range share this number.")
    range_part: Literal["start", "end"] | None = None
