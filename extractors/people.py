"""Placeholder: replaced by the real component (work in progress)."""
from spacy.language import Language


@Language.component("press_people")
def press_people(doc):
    return doc
