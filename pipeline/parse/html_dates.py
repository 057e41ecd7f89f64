"""Find calendar dates in short strings (metadata values, date lines, datelines).

Only explicit day-month-year forms are read: ISO, German/European numeric,
month names (German/English), and US numeric when the page is American.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pipeline.parse.html_rules import rules


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str]]:
    months = sorted(rules()["months"], key=len, reverse=True)
    mon = "(?P<mon>" + "|".join(re.escape(m) for m in months) + r")\.?"
    d = r"(?P<d>[0-3]?\d)"
    y = r"(?P<y>(?:19|20)\d\d)"
    return [
        (re.compile(rf"(?<!\d){y}-(?P<m>[01]?\d)-{d}(?!\d)"), "ymd"),
        (re.compile(rf"(?<![\d.]){d}\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)?\d\d)(?![\d])"), "dmy"),
        (re.compile(rf"(?<![\d-]){d}-(?P<m>[01]?\d)-{y}(?!\d)"), "dmy"),
        (re.compile(rf"(?<![\d/]){d}/(?P<m>[01]?\d)/{y}(?!\d)"), "slash"),
        (re.compile(rf"(?<!\d){d}(?:\.|th|st|nd|rd|er|°)?\s+{mon}\s+{y}", re.I), "dMy"),
        (re.compile(rf"\b{mon}\s+{d}(?:th|st|nd|rd)?,?\s+{y}", re.I), "Mdy"),
    ]


def find_dates(text: str, us: bool = False) -> list[tuple[dt.date, int, int]]:
    """All dates in `text` as (date, start, end), in order of position."""
    found: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []
    months = rules()["months"]
    for rx, kind in _patterns():
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            try:
                year = int(g["y"])
                if year < 100:
                    year += 2000 if year < 70 else 1900
                if kind in ("dMy", "Mdy"):
                    month = months[g["mon"].lower().rstrip(".")]
                    day = int(g["d"])
                elif kind == "slash":
                    a, b = int(g["d"]), int(g["m"])
                    # US pages write month/day; swap back when that cannot be
                    day, month = (b, a) if (us and a <= 12) or b > 12 else (a, b)
                else:
                    day, month = int(g["d"]), int(g["m"])
                date = dt.date(year, month, day)
            except (KeyError, ValueError):
                continue
            found.append((date, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda x: x[1])


def parse_iso(value: str) -> dt.date | None:
    """Date of an ISO-like metadata value ("2022-01-25T08:00:00+01:00", "20220125")."""
    value = (value or "").strip()
    m = re.match(r"((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)", value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    hits = find_dates(value)
    return hits[0][0] if hits else None
