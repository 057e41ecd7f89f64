"""Regions: administrative units with official keys, and named areas."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Mention, Model

RegionKind = Literal[
    "country", "supranational", "state", "government_region", "district", "district_free_city",
    "municipality", "collective_municipality", "region", "landscape", "metropolitan_region", "other",
]


class Region(Model):
    """A named place or area; `code` is the German AGS (2, 3, 5 or 8 digits) where it exists."""

    id: str
    name: str = Field(description="Proper name, nominative, no generic prefix unless official.")
    kind: RegionKind = "other"
    code: str | None = Field(default=None, description="Amtlicher Gemeindeschlüssel (AGS) or ISO code for countries.")
    nuts: str | None = None
    mentions: list[Mention] = Field(default_factory=list)
