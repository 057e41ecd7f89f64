"""Placeholder: replaced by the real component (work in progress)."""
from spacy.language import Language


@Language.component("press_published")
def press_published(doc):
    return doc
