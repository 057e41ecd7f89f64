"""spaCy components, one per kind of fact, registered by name on import.

Importing this package registers every factory below with spaCy, so
``nlp.add_pipe("press_money")`` works. The default order lives in
``pipeline/config.py``.
"""
from __future__ import annotations

import importlib

from . import base  # noqa: F401  (sets the Doc/Span extensions)

COMPONENT_MODULES = (
    "sentences",  # press_sentencizer: spaCy's sentencizer rules, done on arrays
    "contacts",   # press_contacts: contact block -> doc._.zones["contact"], Contacts
    "published",  # press_published: publication date from datelines when metadata had none
    "money",      # press_money
    "dates",      # press_dates
    "regions",    # press_regions
    "programs",   # press_programs
    "people",     # press_people
    "quotes",     # press_quotes
)

for _mod in COMPONENT_MODULES:
    importlib.import_module(f"{__name__}.{_mod}")
