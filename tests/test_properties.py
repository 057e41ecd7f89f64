"""Property tests: extraction never raises, and every offset slices the text to its item."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.api import extract_text

# Fragments that exercise the extractors' patterns, mixed with arbitrary text.
FRAGMENTS = st.sampled_from([
    "rund 40.500 Euro", "13,5 Millionen Euro", "zwischen 5 und 10 Mio. €", "am 12. Februar 2026",
    "vom 1. bis 3. März", "heute", "am Montag", "Landrat Jens Grote", "Ministerin Walter sagte",
    "„Das ist gut“, so Grote.", "Landkreis Uelzen", "des Heidekreises", "Programm „Zukunft Land“",
    "EFRE", "(EFRE)", "Tel.: 0511 120-6946", "30169 Hannover", "Nr. 23/2026", "§ 12", "1.450 Anträge",
    "\n", ". ", "“", "„", "Dr.", "Prof. Dr.", "-", "/", "€", "2021-2027",
])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.booleans())
def test_extraction_never_raises_and_offsets_slice(text, with_date):
    if not text.strip():
        return
    rel = extract_text("Titel\n" + text, published=dt.date(2026, 2, 12) if with_date else None)
    for kind, anchor in rel.iter_anchors():
        assert rel.text[anchor.start:anchor.end] == anchor.text, kind
    for s, e in rel.sentences:
        assert 0 <= s <= e <= len(rel.text)
