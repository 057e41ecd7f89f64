"""Placeholder: replaced by the real component (work in progress)."""
from spacy.language import Language


@Language.component("press_regions")
def press_regions(doc):
    return doc
