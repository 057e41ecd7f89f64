"""Safe XML parsing and date helpers shared by feeds and sitemaps."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
import zlib
from zoneinfo import ZoneInfo

from lxml import etree

# No entity expansion, no network, no huge trees: feeds come from strangers.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True)
_LOCAL_TZ = ZoneInfo("Europe/Berlin")  # publication dates are German calendar days
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_xml(data: bytes, max_bytes: int = 50_000_000):
    """Root element of an XML document (gzip-compressed allowed), or None if it is not XML."""
    if data[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(47)
        data = inflater.decompress(data, max_bytes + 1)
        if len(data) > max_bytes:
            return None
    try:
        root = etree.fromstring(data.lstrip(), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local_name(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname.lower()


def children(element, name: str) -> list:
    return [child for child in element if local_name(child) == name]


def child_text(element, *names: str) -> str | None:
    for name in names:
        for child in children(element, name):
            text = (child.text or "").strip()
            if text:
                return text
    return None


def to_local_date(value: str | None) -> dt.date | None:
    """Calendar day (Europe/Berlin) of an RFC 822 or ISO 8601 timestamp; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    moment: dt.datetime | None = None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            match = _ISO_DAY.search(value)
            if match:
                try:
                    return dt.date(*map(int, match.groups()))
                except ValueError:
                    return None
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(_LOCAL_TZ)
    return moment.date()
