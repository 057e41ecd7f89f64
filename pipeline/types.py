"""Plain typed objects handed from stage to stage."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


class InputError(Exception):
    """An input could not be turned into a record. The message names the reason; `source` names the input."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class RawDocument:
    """Bytes of one input and where they came from (output of acquire)."""

    key: str                       # stable source key: URL, or path relative to cwd, or "stdin:<sha>"
    data: bytes
    path: str | None = None
    url: str | None = None
    media_type: str | None = None  # e.g. "text/html", "text/plain", "application/pdf"; None = sniff
    encoding: str | None = None    # declared charset (HTTP header), if any
    fetched_at: dt.datetime | None = None
    http_status: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ParsedDocument:
    """A release after parsing: clean text plus page metadata (output of parse)."""

    raw: RawDocument
    text: str                        # clean body text; all offsets refer to it
    title: str | None = None
    published: dt.date | None = None  # from metadata; the nlp stage may still find a dateline
    issuer: str | None = None
    language: str = "de"
    canonical_url: str | None = None
    encoding: str | None = None
    media_type: str | None = None
    extra: dict = field(default_factory=dict)
