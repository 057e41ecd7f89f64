"""Placeholder: replaced by the real component (work in progress)."""
from spacy.language import Language


@Language.component("press_programs")
def press_programs(doc):
    return doc
