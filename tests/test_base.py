"""The shared helpers of extractors.base: per-Doc caches, span groups, trie alternations."""
from __future__ import annotations

import re

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.base import (
    add_fact, add_span, doc_text, fact_span, facts, literal_alternation, nonspace_runs, sentence_bounds, sentence_starts,
    remember_text, token_texts, zones,
)


def _nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def test_doc_text_and_tokens_equal_spacy_and_are_computed_once():
    doc = _nlp()("Die Ministerin kam. Sie sprach lange.\nDanach gab es Kaffee.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
    assert token_texts(doc) == [t.text for t in doc]
    assert token_texts(doc) is token_texts(doc)


def test_sentence_bounds_match_doc_sents():
    doc = _nlp()("Die Ministerin kam. Sie sprach lange.\nDanach gab es Kaffee.")
    assert sentence_bounds(doc) == [(s.start_char, s.end_char) for s in doc.sents]
    assert sentence_starts(doc) == [s.start_char for s in doc.sents]
    assert len(sentence_bounds(doc)) == 3


def test_sentence_bounds_empty_without_boundaries_and_not_cached_then():
    nlp = spacy.blank("de")
    doc = nlp("Erster Satz. Zweiter Satz.")
    assert sentence_bounds(doc) == [] and sentence_starts(doc) == []
    doc = nlp.add_pipe("sentencizer")(doc)   # boundaries set later: now they count
    assert len(sentence_bounds(doc)) == 2


def test_add_span_appends_in_order_and_facts_zones_persist():
    doc = _nlp()("Anna Muster besucht Celle und Uelzen.")
    add_span(doc, "places", doc[3:4])
    add_span(doc, "places", doc[5:6])
    assert [s.text for s in doc.spans["places"]] == ["Celle", "Uelzen"]
    add_fact(doc, "regions", "a")
    add_fact(doc, "regions", "b")
    assert facts(doc, "regions") == ["a", "b"] and facts(doc, "people") == []
    zones(doc)["contact"] = (0, 4)
    assert zones(doc) == {"contact": (0, 4)}
    # the helpers keep them where spaCy keeps extension values: doc._ sees the same objects
    assert doc._.facts == {"regions": ["a", "b"], "people": []} and doc._.zones == {"contact": (0, 4)}


def test_helpers_read_what_doc_underscore_set_and_fact_span_sets_span_fact():
    doc = _nlp()("Anna Muster besucht Celle und Uelzen.")
    doc._.facts = {"amounts": ["earlier"]}
    doc._.zones = {"contact": (5, 9)}
    assert facts(doc, "amounts") == ["earlier"] and zones(doc) == {"contact": (5, 9)}
    span = fact_span(doc, 20, 25, "PLACE", "celle")
    assert span.text == "Celle" and span.label_ == "PLACE" and span._.fact == "celle"
    assert doc[3:4]._.fact == "celle" and doc[5:6]._.fact is None


def _longest_first(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def test_literal_alternation_is_a_trie_with_the_same_matches():
    words = {"Bund", "Bundes", "EU", "EFRE", "ESF", "ESF+"}
    alts = literal_alternation(words)
    assert alts == r"(?:Bund(?:es)?|E(?:FRE|SF(?:\+)?|U))"
    text = "Bundesmittel, ESF+ und ESF, EFRE; Bund."
    assert re.findall(alts, text) == re.findall(_longest_first(words), text) == \
        ["Bundes", "ESF+", "ESF", "EFRE", "Bund"]


def test_literal_alternation_not_after_and_space():
    alts = literal_alternation({"EU", "ESF"}, not_after=r"[\w\-]")
    assert re.findall(alts, "EU, ESF, XEU, -ESF") == ["EU", "ESF"]
    assert re.fullmatch(literal_alternation({"im Jahr"}, space=r"\s+"), "im \n Jahr")
    assert not re.fullmatch(literal_alternation({"im Jahr"}), "im  Jahr")


@settings(max_examples=300, deadline=None)
@given(words=st.sets(st.text(alphabet="abAB-+. ", min_size=1, max_size=5), min_size=1, max_size=10),
       text=st.text(alphabet="abAB-+. sn\n", max_size=40))
def test_literal_alternation_matches_like_a_longest_first_list(words, text):
    for suffix in ("", r"(?:s|n)?(?![\w+])", r"(?!b)"):
        old = re.compile(rf"(?<![\w\-+])(?:{_longest_first(words)}){suffix}")
        new = re.compile(literal_alternation(words, not_after=r"[\w\-+]") + suffix)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


_URL = re.compile(r"\S*(?:https?://|www\.|@)\S*|\S+\.(?:de|com|org)\b\S*", re.I)
_URL_TRIGGER = re.compile(r"https?://|www\.|@|\.(?:de|com|org)", re.I)


def test_nonspace_runs_finds_the_runs_holding_a_trigger():
    text = "Infos: www.example.de/a und presse@land.de.\nSonst nichts, auch kein Punkt.de-Fehler?"
    runs = nonspace_runs(_URL_TRIGGER, text)
    assert [text[s:e] for s, e in runs] == ["www.example.de/a", "presse@land.de.", "Punkt.de-Fehler?"]
    assert nonspace_runs(_URL_TRIGGER, "keine Adresse hier") == []


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "x", " ", "\n", ".", "@", "de", "www.", "http://", "-", "/", "é"]),
                    max_size=15).map("".join))
def test_finditer_over_nonspace_runs_equals_finditer(text):
    whole = [m.span() for m in _URL.finditer(text)]
    in_runs = [m.span() for s, e in nonspace_runs(_URL_TRIGGER, text) for m in _URL.finditer(text, s, e)]
    assert in_runs == whole


def test_remember_text_is_what_doc_text_returns():
    nlp = _nlp()
    text = "Die Ministerin kam.  Sie sprach\n\nlange."
    doc = nlp(text)
    remember_text(doc, text)
    assert doc_text(doc) is text and doc.text == text


def test_memo_map_asks_only_for_new_words_and_stays_bounded(monkeypatch):
    import extractors.base as base

    asked = []

    def answer(w):
        asked.append(w)
        return len(w)

    memo = {}
    assert base.memo_map(memo, answer, ["Land", "fördert", "Land"]) == [4, 7, 4]
    assert base.memo_map(memo, answer, ["fördert", "Radwege"]) == [7, 7]
    assert asked == ["Land", "fördert", "Radwege"]
    monkeypatch.setattr(base, "WORD_MEMO_LIMIT", 2)
    assert base.memo_map(memo, answer, ["neu"]) == [3] and memo == {"neu": 3}   # emptied when full
