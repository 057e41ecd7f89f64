"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> item URLs with their dates."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from .xmlutil import child_text, children, local_name, parse_xml, to_local_date

FEED_ROOTS = frozenset({"rss", "rdf", "feed"})


@dataclass(frozen=True)
class FeedItem:
    url: str
    published: dt.date | None = None
    title: str | None = None


def is_feed(root) -> bool:
    return root is not None and local_name(root) in FEED_ROOTS


def parse_feed(data: bytes, base_url: str) -> list[FeedItem]:
    """Items in document order. Raises ValueError if `data` is not a feed."""
    root = parse_xml(data)
    if not is_feed(root):
        raise ValueError("not an RSS or Atom feed")
    items: list[FeedItem] = []
    for element in root.iter():
        name = local_name(element)
        if name == "item":
            url = _rss_link(element)
            date = child_text(element, "pubdate", "date", "published", "updated", "issued", "modified")
        elif name == "entry":
            url = _atom_link(element)
            date = child_text(element, "published", "updated", "issued", "modified", "date")
        else:
            continue
        if url:
            items.append(FeedItem(urljoin(base_url, url.strip()), to_local_date(date), child_text(element, "title")))
    return items


def _rss_link(item) -> str | None:
    link = child_text(item, "link")
    if link:
        return link
    for guid in children(item, "guid"):  # a guid is a permalink unless it says otherwise
        if (guid.get("isPermaLink") or "true").lower() == "true" and (guid.text or "").strip().startswith("http"):
            return guid.text.strip()
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    return about


def _atom_link(entry) -> str | None:
    links = children(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return links[0].get("href") if links and links[0].get("href") else None
