"""Stage 4 — record: collect the extractors' items from the Doc into a validated Release."""
from __future__ import annotations

import bisect

from pydantic import ValidationError
from spacy.tokens import Doc

from extractors.base import sentence_bounds, sentence_starts
from schemas import Issuer, Release, Source, stable_id

from . import __version__
from .types import InputError, ParsedDocument

ANCHORED_KINDS = ("amounts", "dates", "quotes")
ENTITY_KINDS = ("people", "programs", "regions")


def release_id(key: str) -> str:
    """Stable id from the source key: a re-extracted (changed) release keeps its id."""
    return stable_id("pr", key)


def build_release(parsed: ParsedDocument, doc: Doc, pipe_names: tuple[str, ...] = ()) -> Release:
    """Turn one annotated Doc into a Release; raise InputError if validation fails."""
    raw = parsed.raw
    found = doc._.facts or {}
    sentences = list(sentence_bounds(doc))   # computed once per Doc, shared with the extractors
    _assign_sentences(found, sentence_starts(doc))
    contacts = (found.get("contacts") or [None])[0]
    issuer_name = parsed.issuer or (contacts.office if contacts is not None else None)
    published = parsed.published or doc._.published
    try:
        return Release(
            id=release_id(raw.key),
            source=Source(
                path=raw.path, url=raw.url, canonical_url=parsed.canonical_url, sha256=raw.sha256,
                fetched_at=raw.fetched_at, http_status=raw.http_status,
                media_type=parsed.media_type, encoding=parsed.encoding,
            ),
            language=parsed.language,
            title=parsed.title,
            published=published,
            issuer=Issuer(name=issuer_name) if issuer_name else None,
            text=parsed.text,
            sentences=sentences,
            people=found.get("people", []),
            amounts=sorted(found.get("amounts", []), key=lambda a: (a.start, a.end)),
            dates=sorted(found.get("dates", []), key=lambda d: (d.start, d.end)),
            programs=found.get("programs", []),
            regions=found.get("regions", []),
            quotes=sorted(found.get("quotes", []), key=lambda q: q.start),
            contacts=contacts,
            extractor={"name": "press-extract", "version": __version__, "pipeline": ",".join(pipe_names)},
        )
    except ValidationError as e:
        # A record that fails its own contract is a bug; report it per input, keep the batch going.
        raise InputError(raw.path or raw.url or raw.key, f"record failed validation: {e.errors()[0]['msg']}") from e


def _assign_sentences(found: dict, starts: list[int]) -> None:
    """Set each anchor's sentence index (from the sentences' start offsets) so every value
    can be traced to its sentence."""
    if not starts:
        return

    def index(char: int) -> int:
        return max(0, bisect.bisect_right(starts, char) - 1)

    for kind in ANCHORED_KINDS:
        for item in found.get(kind, []):
            item.sentence = index(item.start)
    for kind in ENTITY_KINDS:
        for ent in found.get(kind, []):
            for m in ent.mentions:
                m.sentence = index(m.start)
            for role in getattr(ent, "roles", []):
                for m in role.mentions:
                    m.sentence = index(m.start)
