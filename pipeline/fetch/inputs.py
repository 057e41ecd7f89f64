"""Turn user inputs (URLs, URL list files, feeds, sitemaps, archive listings) into page URLs."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from pipeline.types import InputError, RawDocument

from .archive import LISTING_TYPES, SiteRules, load_site_rules, walk_archive
from .client import canonical_url
from .feeds import is_feed, parse_feed
from .fetcher import Fetcher
from .settings import FetchSettings
from .sitemaps import is_sitemap, parse_sitemap
from .xmlutil import parse_xml

# Explicit prefixes force how an input is read ("feed:https://...").
PREFIXES = ("feed:", "sitemap:", "archive:")
# URLs that are worth downloading to check whether they are a feed or sitemap.
_XML_HINT = re.compile(r"(rss|atom|feed|sitemap|\.xml(\.gz)?$|\.rdf$)", re.IGNORECASE)
_XML_TYPES = (
    "application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/gzip", "application/x-gzip", "text/html", "application/xhtml+xml", "text/plain", "application/pdf",
)
MAX_SITEMAP_DEPTH = 3


@dataclass(frozen=True)
class Target:
    """A page to fetch, where it was found, and the date the listing gave it (if any)."""

    url: str
    published: dt.date | None = None
    origin: str | None = None  # the input it came from (feed, sitemap, listing or list file)
    via: str = "url"           # "url" | "list" | "feed" | "sitemap" | "archive"


def is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_url_list_file(path: str | Path) -> bool:
    """A text file whose non-empty, non-comment lines are all http(s) URLs (at least one)."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size > 50_000_000:
        return False
    try:
        lines = _list_lines(path)
    except (OSError, UnicodeDecodeError):
        return False
    return bool(lines) and all(is_url(line.split(":", 1)[1] if line.startswith(PREFIXES) else line) for line in lines)


def _list_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def expand_inputs(
    inputs: Iterable[str],
    fetcher: Fetcher,
    *,
    since: dt.date | None = None,
    rules: SiteRules | None = None,
) -> Iterator[Target | InputError]:
    """Page URLs from inputs, each once (by canonical URL), in input order.

    An input is: a page URL; a URL list file (one per line, `#` comments); a feed or sitemap
    URL (recognised from its content when the URL hints at XML, or forced with `feed:` /
    `sitemap:`); a listing page matching a site rule's `list_urls` (or forced with
    `archive:`). `since` drops older feed items, sitemap entries and listing items and
    ends archive walks early. Problems come out as InputError, and the rest goes on.
    """
    rules = rules or load_site_rules(tuple(fetcher.settings.sites_files))
    seen: set[str] = set()
    for item in _expand(inputs, fetcher, since, rules, from_file=None):
        if isinstance(item, Target):
            key = canonical_url(item.url)
            if key in seen:
                continue
            seen.add(key)
        yield item


def _expand(inputs, fetcher, since, rules, from_file) -> Iterator[Target | InputError]:
    for raw in inputs:
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        forced = next((p[:-1] for p in PREFIXES if text.startswith(p) and is_url(text[len(p):])), None)
        url = text[len(forced) + 1:] if forced else text
        if not is_url(url):
            if from_file is None and is_url_list_file(text):
                yield from _expand(_list_lines(Path(text)), fetcher, since, rules, from_file=text)
            else:
                yield InputError(text, "neither an http(s) URL nor a file listing URLs")
            continue
        if forced == "archive" or (forced is None and rules.listing_rule(url)):
            rule = rules.listing_rule(url) or rules.for_url(url)
            if rule is None:
                yield InputError(url, "no site rule for this host (add one to a sites file)")
                continue
            for found in walk_archive(fetcher, url, rule, rules.months, since):
                yield found if isinstance(found, InputError) else Target(found.url, found.published, url, "archive")
        elif forced in ("feed", "sitemap") or (forced is None and _XML_HINT.search(urlsplit(url).path + "?" + urlsplit(url).query)):
            yield from _expand_xml(url, fetcher, since, forced, from_file)
        else:
            yield Target(url, None, from_file, "list" if from_file else "url")


def _expand_xml(url, fetcher, since, forced, from_file, depth=0) -> Iterator[Target | InputError]:
    try:
        response = fetcher.request(url, allowed_types=_XML_TYPES)
    except InputError as exc:
        yield exc
        return
    root = parse_xml(response.body, fetcher.settings.max_bytes)
    if is_feed(root) and forced != "sitemap":
        for item in parse_feed(response.body, response.url):
            if since is None or item.published is None or item.published >= since:
                yield Target(item.url, item.published, url, "feed")
    elif is_sitemap(root) and forced != "feed":
        kind, entries = parse_sitemap(response.body, response.url)
        for entry in entries:
            if since is not None and entry.lastmod is not None and entry.lastmod < since:
                continue
            if kind == "sitemapindex":
                if depth >= MAX_SITEMAP_DEPTH:
                    yield InputError(entry.url, "sitemap index nested too deeply")
                else:
                    yield from _expand_xml(entry.url, fetcher, since, "sitemap", from_file, depth + 1)
            else:
                yield Target(entry.url, entry.lastmod, url, "sitemap")
    elif forced:
        yield InputError(url, f"not {'an RSS/Atom feed' if forced == 'feed' else 'an XML sitemap'}")
    elif response.media_type in LISTING_TYPES + ("text/plain", "application/pdf") or root is None:
        # The URL only looked like XML: it is an ordinary page.
        yield Target(url, None, from_file, "list" if from_file else "url")
    else:
        yield InputError(url, "XML that is neither a feed nor a sitemap")


def fetch_inputs(
    inputs: Iterable[str],
    settings: FetchSettings | dict | None = None,
    *,
    since: dt.date | None = None,
    url_check: Callable[[str], None] | None = None,
    ordered: bool = True,
) -> Iterator[RawDocument | InputError]:
    """Expand inputs (see `expand_inputs`) and fetch every page found, politely.

    Expansion problems come first, then one result per page in the order found
    (`ordered=False`: as they complete). Problems are InputError.
    """
    if not isinstance(settings, FetchSettings):
        settings = FetchSettings(**(settings or {}))
    with Fetcher(settings, url_check=url_check) as fetcher:
        urls: list[str] = []
        for item in expand_inputs(inputs, fetcher, since=since):
            if isinstance(item, InputError):
                yield item
            else:
                urls.append(item.url)
        yield from fetcher.fetch_many(urls, ordered=ordered)
