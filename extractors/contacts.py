"""Placeholder: replaced by the real component (work in progress)."""
from spacy.language import Language


@Language.component("press_contacts")
def press_contacts(doc):
    return doc
