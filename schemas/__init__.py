"""The record contract (Pydantic v2). Imports nothing else of the project."""
from .amounts import Amount
from .common import Anchor, Mention, stable_id
from .dates import DateMention
from .people import Contacts, Person, Quote, Role
from .places import Region
from .programs import Program
from .release import SCHEMA_VERSION, Issuer, Release, Source

__all__ = [
    "Amount", "Anchor", "Contacts", "DateMention", "Issuer", "Mention", "Person", "Program", "Quote",
    "Region", "Release", "Role", "SCHEMA_VERSION", "Source", "stable_id",
]
