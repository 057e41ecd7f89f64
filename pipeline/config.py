"""Which components run, in which order, with which settings.

The default pipeline for every language is ``press_sentencizer`` (spaCy's
sentencizer rules) followed by the project's extractors; each entry is
``(factory name, config dict)``. Users override component settings with
``--set press_people.ner_model=de_core_news_lg`` or a TOML file (``--config FILE``)
of the form::

    [components.press_money]
    ...
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

# Order matters: contact block first (others skip it), publication date before dates
# (relative dates resolve against it), money before dates (years inside amounts are
# not dates), regions and programmes before people (their names are not people).
DEFAULT_COMPONENTS: tuple[str, ...] = (
    "press_sentencizer",
    "press_contacts",
    "press_published",
    "press_money",
    "press_dates",
    "press_regions",
    "press_programs",
    "press_people",
    "press_quotes",
)

ComponentSpec = tuple[str, dict[str, Any]]

# Releases put titles, headings and list items on lines without a full stop:
# a line break ends a sentence too.
_SENTENCE_ENDS = [".", "!", "?", "\n", "\n\n", "…", "。"]
DEFAULT_SETTINGS: dict[str, dict[str, Any]] = {
    "press_sentencizer": {"punct_chars": _SENTENCE_ENDS},
}


def components(overrides: dict[str, dict[str, Any]] | None = None) -> list[ComponentSpec]:
    overrides = overrides or {}
    return [(name, {**DEFAULT_SETTINGS.get(name, {}), **overrides.get(name, {})}) for name in DEFAULT_COMPONENTS]


def load_overrides(config_file: str | None, settings: list[str] | None) -> dict[str, dict[str, Any]]:
    """Component settings from a TOML file and ``component.key=value`` strings (the latter win)."""
    out: dict[str, dict[str, Any]] = {}
    if config_file:
        data = tomllib.loads(Path(config_file).read_text(encoding="utf-8"))
        for name, cfg in (data.get("components") or {}).items():
            out.setdefault(name, {}).update(cfg)
    for item in settings or []:
        key, sep, value = item.partition("=")
        comp, dot, field = key.partition(".")
        if not sep or not dot:
            raise ValueError(f"--set {item!r}: expected COMPONENT.KEY=VALUE, e.g. press_people.ner_model=de_core_news_lg")
        out.setdefault(comp, {})[field] = _parse_value(value)
    return out


def _parse_value(value: str) -> Any:
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return value
