"""Stage 3 — nlp: one spaCy ``Language`` per language and process, running the extractors.

The only stage that knows spaCy. It hands the publication date and source
metadata to the components through ``Doc`` extensions before they run.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import spacy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.tokens import Doc

import extractors  # noqa: F401  (registers the press_* factories)

from . import config
from .tokenizer import ChunkMemoTokenizer
from .types import ParsedDocument

# Languages with a spaCy tokenizer; anything else is tokenised as multi-language text.
SUPPORTED_LANGUAGES = {"de", "en", "fr", "it", "nl"}


# spaCy keeps every string and word it has met for the life of a pipeline; over an archive of
# millions of releases (names, numbers, compounds) that grows without end. A pipeline that has
# taken in MAX_NEW_STRINGS new strings (about 430 bytes each with their words) is replaced by a
# fresh one before its next document, so a batch's memory stays level. A rebuild costs some
# 50 ms and the words in use are met again; so a pipeline serves at least MIN_DOCUMENTS
# releases, even where an archive's common words alone take up the allowance.
MAX_NEW_STRINGS = 10_000
MIN_DOCUMENTS = 1_000

# spaCy computes some 25 lexical attributes for every new word, one Python call each: most of
# what a new word costs, and an archive brings new words in every release. The components read
# token texts; these are the attributes anything here reads (the optional NER model path in
# people.py: is_punct, is_space), the rest stay unset (False/empty) on this pipeline's tokens.
LEXICAL_ATTRIBUTES = ("LOWER", "NORM", "IS_PUNCT", "IS_SPACE")


@dataclass
class _Built:
    nlp: Language
    strings: int          # the size of its string store when it was built
    documents: int = 0    # documents annotated with it

    def worn_out(self) -> bool:
        return (self.documents >= MIN_DOCUMENTS
                and len(self.nlp.vocab.strings) > self.strings + MAX_NEW_STRINGS)


# (language, configuration) -> the pipeline
_PIPELINES: dict[tuple[str, str], _Built] = {}


def _build(lang: str, overrides_json: str, predecessor: Language | None = None) -> Language:
    overrides = json.loads(overrides_json)
    nlp = spacy.blank(lang if lang in SUPPORTED_LANGUAGES else "xx")
    keep = {IDS[name] for name in LEXICAL_ATTRIBUTES}
    nlp.vocab.lex_attr_getters = {k: f for k, f in nlp.vocab.lex_attr_getters.items() if k in keep}
    # the same tokens as spaCy's tokenizer, about five times faster on releases (see tokenizer.py)
    nlp.tokenizer = ChunkMemoTokenizer(nlp.tokenizer)
    if predecessor is not None:
        nlp.tokenizer.adopt(predecessor.tokenizer)   # same rules: its chunk splits still hold
    for name, cfg in config.components(overrides):
        nlp.add_pipe(name, config=cfg)
    return nlp


def get_nlp(lang: str = "de", overrides: dict | None = None) -> Language:
    """The pipeline for `lang`, built once per process and configuration (and built afresh
    when its string store has grown by MAX_NEW_STRINGS)."""
    return _pipeline(lang, overrides).nlp


def _pipeline(lang: str, overrides: dict | None) -> _Built:
    key = (lang, json.dumps(overrides, sort_keys=True) if overrides else "{}")
    built = _PIPELINES.get(key)
    if built is None or built.worn_out():
        built = _PIPELINES[key] = _Built(nlp := _build(*key, predecessor=built.nlp if built else None),
                                         len(nlp.vocab.strings))
    return built


def annotate(parsed: ParsedDocument, overrides: dict | None = None) -> Doc:
    """Run the extractors over the parsed text."""
    built = _pipeline(parsed.language, overrides)
    built.documents += 1
    nlp = built.nlp
    doc = nlp.make_doc(parsed.text)      # the tokenizer also hands the text to the extractors
    doc._.published = parsed.published
    doc._.source_meta = {"title": parsed.title, "issuer": parsed.issuer, "url": parsed.raw.url}
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
