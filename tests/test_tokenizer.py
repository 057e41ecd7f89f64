"""The chunk-memo tokenizer gives spaCy's own tokens (pipeline/tokenizer.py)."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp import get_nlp
from pipeline.tokenizer import ChunkMemoTokenizer
from pipeline.types import ParsedDocument, RawDocument

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def spacy_tok():
    return spacy.blank("de").tokenizer


@functools.cache
def blank_tokenizer(lang: str):
    """spaCy's own tokenizer for `lang`, built once (its cache never changes a split)."""
    return spacy.blank(lang).tokenizer


def tokens(doc):
    return [(t.text, t.whitespace_, t.idx) for t in doc]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.*")), ids=lambda p: p.name)
def test_same_tokens_as_spacy_on_every_sample(spacy_tok, path):
    text = path.read_text(encoding="utf-8")
    memo = ChunkMemoTokenizer(spacy.blank("de").tokenizer)
    assert tokens(memo(text)) == tokens(spacy_tok(text))
    assert tokens(memo(text)) == tokens(spacy_tok(text))     # again, from the memo


@pytest.mark.parametrize("text", [
    "",
    " ",
    "  führende Leerzeichen",
    "Ende mit Leerzeichen ",
    "zwei  Leerzeichen und\tTab und\n\nLeerzeilen \n eingerückt",
    "Schulen (z. B. Grundschulen), Dr. Anna Beispiel, Nr. 12/2026, 1,5 Mio. Euro.",
    "„Das ist gut“, sagte sie – und ging. (Foto: Amt)",
    "Kontakt: presse@beispiel.de, https://www.beispiel.de/a?b=1, Tel. 0511 120-0",
    "Nienburg/Weser, Otte-Kinast, St. Andreasberg, u. a. im Jahr 2026; usw.\u00a0Ende",
])
def test_same_tokens_as_spacy_on_tricky_text(spacy_tok, text):
    memo = ChunkMemoTokenizer(spacy.blank("de").tokenizer)
    assert tokens(memo(text)) == tokens(spacy_tok(text))


WORDS = ["Minister", "Landrätin", "Dr.", "Prof.", "Nr.", "z.", "B.", "u.", "a.", "Mio.", "Euro", "€", "2026",
         "12.02.2026", "1.250.000", "Nienburg/Weser", "Otte-Kinast", "EFRE", "ESF+", "bzw.", "St.", "usw.",
         "info@land.de", "www.land.de", "Hannover", "§", "5", "%"]
PREFIXES = ["", "", "", "(", "„", "\"", "»", "["]
SUFFIXES = ["", "", "", ",", ".", ":", ";", ")", "“", "!", "?", "«", "),", "."]
SPACES = [" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", " \n", "\u00a0"]

release_like = st.lists(
    st.tuples(st.sampled_from(PREFIXES), st.sampled_from(WORDS), st.sampled_from(SUFFIXES), st.sampled_from(SPACES)),
    max_size=40,
).map(lambda parts: "".join(p + w + s + sp for p, w, s, sp in parts))


@settings(max_examples=300, deadline=None)
@given(release_like)
def test_same_tokens_as_spacy_on_release_like_text(text):
    memo = ChunkMemoTokenizer(blank_tokenizer("de"))     # a fresh memo: every chunk is new to it
    assert tokens(memo(text)) == tokens(blank_tokenizer("de")(text))


# words never seen, of letters with a mark after them: split without asking spaCy
new_words = st.lists(
    st.tuples(st.text("abcxyzABCXDäöüßÄÖÜé", min_size=1, max_size=8), st.sampled_from(["", ",", ";", ":", "!", "?", ".", "),", "'s"]),
              st.sampled_from([" ", "  ", "\n", ""])),
    max_size=30,
).map(lambda parts: "".join(w + m + sp for w, m, sp in parts))


@pytest.mark.parametrize("lang", ["de", "en", "fr", "it", "nl", "xx"])
@settings(max_examples=100, deadline=None)
@given(text=new_words)
def test_same_tokens_as_spacy_on_new_words(lang, text):
    memo = ChunkMemoTokenizer(blank_tokenizer(lang))     # a fresh memo: every word is new to it
    assert tokens(memo(text)) == tokens(blank_tokenizer(lang)(text))


@pytest.mark.parametrize("lang,text", [("en", "cannot, gonna! Cannot"), ("de", "XD, xD; XDD")])
def test_special_cases_of_letters_are_asked_of_spacy(lang, text):
    memo = ChunkMemoTokenizer(spacy.blank(lang).tokenizer)
    assert tokens(memo(text)) == tokens(spacy.blank(lang).tokenizer(text))


def test_memo_stays_bounded_and_right(spacy_tok):
    memo = ChunkMemoTokenizer(spacy.blank("de").tokenizer, max_chunks=5)
    for n in range(10):
        text = f"Satz {n}: " + " ".join(f"Wort{n}.{i}," for i in range(3))
        assert tokens(memo(text)) == tokens(spacy_tok(text))
        assert len(memo._memo) <= 5 and len(memo._old) <= 5     # two generations at most
    text = " ".join(f"Wort{i}," for i in range(50))   # one text with more new chunks than that
    assert tokens(memo(text)) == tokens(spacy_tok(text))
    assert len(memo._memo) <= 5 and len(memo._old) <= 5


def test_pipeline_uses_it_and_serialises():
    nlp = get_nlp("de")
    assert isinstance(nlp.tokenizer, ChunkMemoTokenizer)
    data = nlp.tokenizer.to_bytes(exclude=["vocab"])
    assert ChunkMemoTokenizer(spacy.blank("de").tokenizer).from_bytes(data, exclude=["vocab"])


def test_pipeline_is_built_afresh_when_its_strings_have_grown(monkeypatch):
    from pipeline import nlp as nlp_stage

    monkeypatch.setattr(nlp_stage, "MAX_NEW_STRINGS", 200)
    monkeypatch.setattr(nlp_stage, "MIN_DOCUMENTS", 2)
    monkeypatch.setattr(nlp_stage, "_PIPELINES", {})
    first = nlp_stage.get_nlp("de")
    assert nlp_stage.get_nlp("de") is first
    first.make_doc(" ".join(f"Neuwort{i}" for i in range(300)))     # 300 strings never seen
    assert nlp_stage.get_nlp("de") is first       # not before it has served MIN_DOCUMENTS
    for _ in range(2):
        nlp_stage.annotate(ParsedDocument(raw=RawDocument(key="k", data=b""), text="Kurz."))
    fresh = nlp_stage.get_nlp("de")
    assert fresh is not first
    assert len(fresh.vocab.strings) < len(first.vocab.strings)
    assert nlp_stage.get_nlp("de") is fresh
    # the fresh pipeline keeps its predecessor's chunk splits (they hold for any vocabulary)
    assert "Neuwort7 " in fresh.tokenizer._memo or "Neuwort7 " in fresh.tokenizer._old
    assert tokens(fresh.make_doc("Neuwort7 und Dr. Neuwort8.")) == tokens(spacy.blank("de")("Neuwort7 und Dr. Neuwort8."))


def test_pipeline_computes_only_the_lexical_attributes_read_here():
    from spacy.attrs import IDS

    from pipeline import nlp as nlp_stage

    doc = get_nlp("de").make_doc("Die Ministerin ( sagte ) :")
    assert [t.is_punct for t in doc] == [False, False, True, False, True, True]
    assert [t.lower_ for t in doc][:2] == ["die", "ministerin"]
    assert set(get_nlp("de").vocab.lex_attr_getters) == {IDS[a] for a in nlp_stage.LEXICAL_ATTRIBUTES}
