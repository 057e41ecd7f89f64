"""press_sentencizer gives spaCy's sentencizer boundaries (extractors/sentences.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import extractors  # noqa: F401  (registers press_sentencizer)
from extractors.base import sentence_bounds
from pipeline.config import DEFAULT_SETTINGS

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PUNCT = DEFAULT_SETTINGS["press_sentencizer"]["punct_chars"]


def _pair(punct_chars):
    ours, theirs = spacy.blank("de"), spacy.blank("de")
    ours.add_pipe("press_sentencizer", config={"punct_chars": punct_chars})
    theirs.add_pipe("sentencizer", config={"punct_chars": punct_chars})
    return ours, theirs


OURS, THEIRS = _pair(PUNCT)
OURS_DEFAULT, THEIRS_DEFAULT = _pair(None)


def starts(doc):
    return [t.is_sent_start for t in doc]


def assert_same(text, ours=OURS, theirs=THEIRS):
    a, b = ours(text), theirs(text)
    assert starts(a) == starts(b)
    assert sentence_bounds(a) == [(s.start_char, s.end_char) for s in b.sents]
    assert [(s.start_char, s.end_char) for s in a.sents] == [(s.start_char, s.end_char) for s in b.sents]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_same_sentences_as_spacy_on_every_sample(path):
    assert_same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "", "Ein Satz", "Ein Satz.", "Erst das. Dann das!", "Was? Ja... (so) „Gut.“ Ende",
    "Titel\nErster Satz. Zweiter Satz.\n\nNeuer Absatz", "... . ! Start", "Dr. Anna Beispiel kam. Sie sprach.",
])
def test_same_sentences_as_spacy_on_tricky_text(text):
    assert_same(text)
    assert_same(text, OURS_DEFAULT, THEIRS_DEFAULT)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Wort", "Satz", ".", "!", "?", "…", ",", "(", ")", "„", "“", "\n", "\n\n",
                                 " ", "Dr.", "3.", "-", ":"]), max_size=30).map(" ".join))
def test_same_sentences_as_spacy_on_random_text(text):
    assert_same(text)
    assert_same(text, OURS_DEFAULT, THEIRS_DEFAULT)
