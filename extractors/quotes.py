"""Placeholder: replaced by the real component (work in progress)."""
from spacy.language import Language


@Language.component("press_quotes")
def press_quotes(doc):
    return doc
