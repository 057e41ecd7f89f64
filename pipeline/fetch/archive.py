"""Walk paginated archive listing pages with per-site rules (sites.toml, user-extendable)."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from pipeline.types import InputError

from .client import canonical_url

if TYPE_CHECKING:
    from .fetcher import Fetcher

SHIPPED_RULES = Path(__file__).with_name("sites.toml")
LISTING_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class SiteRule:
    """How to read one site's listing pages. Selectors are CSS (BeautifulSoup/soupsieve)."""

    name: str
    hosts: tuple[str, ...]                 # host or parent domain; "*" matches any host
    item: str                              # one element per listed release
    link: str = ""                         # inside an item; empty: the item itself is the link
    date: str = ""                         # inside an item; `datetime`/`content` attribute or text
    next: str = ""                         # the next-page link on the listing page
    list_urls: tuple[re.Pattern, ...] = ()  # URL path+query patterns that mark listing pages
    link_attr: str = "href"
    max_pages: int = 100
    newest_first: bool = True              # lets a `since` bound stop the walk early

    def matches_host(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(h == "*" or host == h or host.endswith("." + h) for h in self.hosts)

    def is_listing(self, url: str) -> bool:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.matches_host(url) and any(p.search(target) for p in self.list_urls)


@dataclass(frozen=True)
class SiteRules:
    rules: tuple[SiteRule, ...]
    months: dict[str, int]

    def for_url(self, url: str) -> SiteRule | None:
        """The first rule for the URL's host (user rules come first, the catch-all last)."""
        return next((r for r in self.rules if r.matches_host(url)), None)

    def listing_rule(self, url: str) -> SiteRule | None:
        """The rule whose `list_urls` say this URL is a listing page, if any."""
        return next((r for r in self.rules if r.is_listing(url)), None)


@lru_cache(maxsize=8)
def load_site_rules(extra_files: tuple[Path, ...] = ()) -> SiteRules:
    """Rules from user files (in order, winning) and then the shipped sites.toml."""
    rules: list[SiteRule] = []
    months: dict[str, int] = {}
    for path in (*extra_files, SHIPPED_RULES):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        for key, value in data.get("dates", {}).get("months", {}).items():
            months.setdefault(key.lower(), int(value))
        for raw in data.get("site", []):
            raw = dict(raw)
            try:
                rules.append(
                    SiteRule(
                        name=raw.pop("name"),
                        hosts=tuple(h.lower() for h in raw.pop("hosts")),
                        item=raw.pop("item"),
                        list_urls=tuple(re.compile(p) for p in raw.pop("list_urls", [])),
                        **raw,
                    )
                )
            except (KeyError, TypeError, re.error) as exc:
                raise ValueError(f"{path}: bad [[site]] rule {raw.get('name', '?')!r}: {exc}") from exc
    # Catch-all rules go last so that any specific rule, shipped or user, wins.
    rules.sort(key=lambda r: "*" in r.hosts)
    return SiteRules(tuple(rules), months)


@dataclass(frozen=True)
class ListingItem:
    url: str
    published: dt.date | None


_NUMERIC = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDED = re.compile(r"\b(\d{1,2})\.?\s+([^\W\d_]{3,})\.?\s+(\d{4})\b")


def parse_listing_date(text: str | None, months: dict[str, int]) -> dt.date | None:
    """A day from listing text: 12.03.2024, 2024-03-12 or 12. März 2024."""
    if not text:
        return None
    for pattern in (_ISO, _NUMERIC, _WORDED):
        for match in pattern.finditer(text):
            a, b, c = match.groups()
            try:
                if pattern is _ISO:
                    return dt.date(int(a), int(b), int(c))
                month = int(b) if pattern is _NUMERIC else months.get(b.lower())
                if month:
                    return dt.date(int(c), month, int(a))
            except ValueError:
                continue
    return None


def _item_date(item, rule: SiteRule, months: dict[str, int]) -> dt.date | None:
    element = item.select_one(rule.date) if rule.date else None
    if element is None:
        return None
    for value in (element.get("datetime"), element.get("content"), element.get_text(" ", strip=True)):
        day = parse_listing_date(value, months)
        if day:
            return day
    return None


def read_listing(body: bytes, url: str, rule: SiteRule, months: dict[str, int], encoding: str | None = None):
    """(items, next page URL or None) of one listing page."""
    soup = BeautifulSoup(body, "lxml", from_encoding=encoding)
    base_tag = soup.find("base", href=True)
    base = urljoin(url, base_tag["href"]) if base_tag else url
    items: list[ListingItem] = []
    for element in soup.select(rule.item):
        link = element if not rule.link else element.select_one(rule.link)
        href = link.get(rule.link_attr) if link is not None else None
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        items.append(ListingItem(canonical_url(urljoin(base, href)), _item_date(element, rule, months)))
    following = soup.select_one(rule.next) if rule.next else None
    next_href = (following.get(rule.link_attr) or following.get("href")) if following is not None else None
    return items, (urljoin(base, next_href) if next_href else None)


def walk_archive(
    fetcher: Fetcher,
    start_url: str,
    rule: SiteRule,
    months: dict[str, int],
    since: dt.date | None = None,
) -> Iterator[ListingItem | InputError]:
    """Items of a listing and its following pages, stopping at the end, a loop, max_pages,
    or (newest-first lists) the first page whose dated items are all older than `since`."""
    seen: set[str] = set()
    page_url: str | None = start_url
    pages = 0
    while page_url and pages < rule.max_pages and canonical_url(page_url) not in seen:
        seen.add(canonical_url(page_url))
        try:
            response = fetcher.request(page_url, allowed_types=LISTING_TYPES)
        except InputError as exc:
            yield exc
            return
        pages += 1
        items, page_url = read_listing(response.body, response.url, rule, months, response.charset)
        if pages == 1 and not items:
            yield InputError(start_url, f"site rule {rule.name!r} finds no items on this page")
            return
        dated = [i for i in items if i.published]
        for item in items:
            if since is None or item.published is None or item.published >= since:
                yield item
        if since and rule.newest_first and dated and all(i.published < since for i in dated):
            return
