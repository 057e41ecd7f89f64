"""Funding programmes, funds, projects, laws, strategies."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Mention, Model

ProgramKind = Literal[
    "fund", "programme", "project", "law", "strategy", "guideline", "initiative", "action_plan", "other"
]


class Program(Model):
    """A named programme; acronym and long form of the same text are one programme."""

    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: ProgramKind = "other"
    mentions: list[Mention] = Field(default_factory=list)
