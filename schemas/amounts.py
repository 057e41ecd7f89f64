"""Money amounts."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Anchor

Qualifier = Literal[
    "exact", "approx", "at_least", "at_most", "more_than", "less_than", "up_to", "total", "almost"
]


class Amount(Anchor):
    """A monetary amount; `value` in whole currency units (`13,5 Millionen Euro` -> 13500000)."""

    value: float
    currency: str = Field(description="ISO 4217 code, e.g. EUR, USD, CHF, GBP.", pattern=r"^[A-Z]{3}$")
    qualifier: Qualifier = "exact"
    range_id: int | None = Field(default=None, description="Both ends of one range share this number.")
    range_part: Literal["start", "end"] | None = None
