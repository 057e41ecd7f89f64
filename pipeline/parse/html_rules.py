"""Load the heuristic tables in data/html_rules.toml once, with compiled patterns."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=4)
def rules(name: str = "html_rules.toml") -> dict:
    with open(DATA / name, "rb") as fh:
        return tomllib.load(fh)


def _alt(patterns: list[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


@lru_cache(maxsize=1)
def compiled() -> dict[str, re.Pattern]:
    r = rules()
    token = lambda pats: re.compile(rf"(?:^|[-_]){_alt(pats)}(?:$|[-_])", re.I)  # noqa: E731
    whole = lambda pats: re.compile(rf"^{_alt(pats)}$", re.I)  # noqa: E731
    name = r"[A-ZÄÖÜ][\w.-]+(?:\s+[\w.-]+){0,3}"
    return {
        "bp_token": token(r["boilerplate"]["class_id"]),
        "weak_token": token(r["boilerplate"]["weak_class_id"]),
        "breadcrumb": re.compile(r"^(?:sie sind hier|you are here)\b|^(?:[^>›»]{1,80}\s[>›»]\s){2,}", re.I),
        # "Von Anna Muster, Jan Beispiel und Eva Test, NDR": names joined by commas/und, optional outlet
        "byline": re.compile(rf"^{_alt(r['lines']['byline'])}\s+{name}(?:(?:,| und| and) {name})*(?:,\s*[\w. ]{{2,30}})?$"),
        "date_filler": re.compile(rf"\b(?:\d{{1,2}}[:.]\d\d(?:\s?(?:uhr|h|am|pm))?|{_alt(r['dates']['filler'])})\b\.?",
                                  re.I),
        "cookie_word": re.compile(r["cookies"]["cookie_word"], re.I),
        "consent_word": re.compile(r["cookies"]["consent_word"], re.I),
        "credit_token": token(r["boilerplate"]["credit_class_id"]),
        # "... Foto: Stadt Freiburg/Lukas Brandhorst", "... © BMFSFJ", "(Quelle: dpa)"
        "caption_credit": re.compile(rf"\s*[(\[]?\b{_alt(r['lines']['credit_labels'])}\s*:.*$|\s*©.*$", re.I),
        "lead_token": token(r["boilerplate"]["lead_class_id"]),
        "contact_token": token(r["boilerplate"]["contact_class_id"]),
        "hidden_token": whole(r["boilerplate"]["hidden_class"]),
        "kicker": token(r["title"]["kicker_class"]),
        "drop_line": whole(r["lines"]["drop"]),
        "stop_line": whole(r["lines"]["stop"]),
        "meta_label": re.compile(rf"^{_alt(r['lines']['meta_labels'])}\b\s*:?", re.I),
        "generic_title": whole(r["title"]["generic"]),
        "title_label": re.compile(rf"^{_alt(r['title']['label'])}\b[^:]{{0,100}}:\s+(?P<rest>.+)$", re.I),
        "issuer_junk": whole(r["issuer"]["junk"]),
        "authority": re.compile(_alt(r["issuer"]["authority_words"]), re.I),
        # "Bayerisches Staatsministerium für ...", "Polizeipräsidium Oberfranken", "Der Bundesrat"
        "authority_head": re.compile(
            rf"^(?:(?:der|die|das|the)\s+)?(?:[A-ZÄÖÜ][\w-]*\s+)?{_alt(r['issuer']['heads'])}\b", re.I),
        "name_joiner": whole(r["issuer"]["name_joiners"]),
        "issued_by_label": re.compile(rf"^{_alt(r['title']['label'])}\s+(?:der|des|vom|von|from|of)\s+", re.I),
        "issuer_label": re.compile(rf"^{_alt(r['issuer']['labels'])}\s*(?::\s*(?P<rest>.*)|$)", re.I),
        # "From Department of ..." without a colon: only when an authority's name follows
        "issuer_label_bare": re.compile(rf"^(?i:{_alt(r['issuer']['labels'])})\s+(?P<rest>[A-ZÄÖÜ].*)$"),
        "date_class": token(r["dates"]["class_id"]),
        "neg_date_class": token(r["dates"]["negative_class_id"]),
        "neg_date_cue": re.compile(rf"{_alt(r['dates']['negative_cues'])}\s*:?\s*$", re.I),
    }


@lru_cache(maxsize=1)
def date_cues() -> list[tuple[re.Pattern, int]]:
    """Cue patterns that must end right before a date, with their score."""
    return [(re.compile(rf"(?:^|\W){c}\s*:?\s*(?:den\s+)?$", re.I), s) for c, s in rules()["dates"]["cues"]]
