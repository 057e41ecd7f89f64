"""press_sentencizer: spaCy's rule-based sentence splitting, done on arrays.

It finds the same sentence starts as spaCy's ``sentencizer``: a sentence ends after a token of
`punct_chars`, at the next token that is neither punctuation nor one of them. It works from the
token texts the tokenizer already holds and the IS_PUNCT/IDX columns. It sets all starts in one
``Doc.from_array`` call and notes each sentence's character bounds for ``base.sentence_bounds``,
so no later component walks ``doc.sents``. Tests compare it with spaCy's sentencizer.
"""
from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_PUNCT, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .base import remember_sentences, token_texts


_NOT_START = numpy.uint64(2**64 - 1)


class PressSentencizer:
    """Sets sentence starts as spaCy's sentencizer does with these `punct_chars`."""

    def __init__(self, punct_chars: list[str] | None = None):
        self.punct_chars = frozenset(punct_chars or Sentencizer.default_punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words = token_texts(doc)
        columns = doc.to_array([IS_PUNCT, IDX])
        starts = start_tokens(words, columns[:, 0].tolist(), self.punct_chars)
        # 1 opens a sentence, -1 (as uint64, the type from_array takes) does not
        flags = numpy.full((len(doc), 1), _NOT_START, dtype="uint64")
        flags[starts, 0] = 1
        doc.from_array([SENT_START], flags)
        idx = columns[:, 1].tolist()
        ends = [s - 1 for s in starts[1:]] + [len(doc) - 1]
        remember_sentences(doc, [(idx[s], idx[e] + len(words[e])) for s, e in zip(starts, ends)])
        return doc


def start_tokens(words: list[str], is_punct: list[int], punct_chars: frozenset[str]) -> list[int]:
    """Token indices that open a sentence (spaCy's Sentencizer.predict, on plain lists)."""
    starts = [0]
    seen_end = False
    for i, word in enumerate(words):
        if word in punct_chars:
            seen_end = True
        elif seen_end and not is_punct[i]:
            starts.append(i)
            seen_end = False
    return starts


@Language.factory("press_sentencizer", default_config={"punct_chars": None})
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None) -> PressSentencizer:
    return PressSentencizer(punct_chars)
