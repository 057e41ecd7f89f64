"""XML sitemaps and sitemap indexes (sitemaps.org 0.9), gzip-compressed or not."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from .xmlutil import child_text, children, local_name, parse_xml, to_local_date


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: dt.date | None = None


def is_sitemap(root) -> bool:
    return root is not None and local_name(root) in ("urlset", "sitemapindex")


def parse_sitemap(data: bytes, base_url: str) -> tuple[str, list[SitemapEntry]]:
    """("urlset" | "sitemapindex", entries). Raises ValueError if `data` is not a sitemap."""
    root = parse_xml(data)
    if not is_sitemap(root):
        raise ValueError("not an XML sitemap")
    kind = local_name(root)
    entries = []
    for element in children(root, "url" if kind == "urlset" else "sitemap"):
        loc = child_text(element, "loc")
        if loc:
            entries.append(SitemapEntry(urljoin(base_url, loc), to_local_date(child_text(element, "lastmod"))))
    return kind, entries
