"""Placeholder: replaced by the real component (work in progress)."""
from spacy.language import Language


@Language.component("press_dates")
def press_dates(doc):
    return doc
