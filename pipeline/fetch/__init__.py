"""Polite web fetching for press-extract.

    from pipeline.fetch import Fetcher, FetchSettings, expand_inputs, fetch_inputs
    for result in fetch_inputs(urls_or_feeds, FetchSettings(delay=2.0), since=day):
        ...  # RawDocument, or InputError(url, reason)

    # or step by step:
    with Fetcher(FetchSettings(contact="mailto:me@example.org")) as fetcher:
        targets = [t for t in expand_inputs(inputs, fetcher, since=day) if not isinstance(t, InputError)]
        for result in fetcher.fetch_many(t.url for t in targets):
            ...  # RawDocument, or InputError(url, reason)

See docs/fetching.md.
"""
from .archive import SiteRule, SiteRules, load_site_rules, walk_archive
from .client import FetchError, Request, Response, canonical_url
from .fetcher import Fetcher
from .inputs import Target, expand_inputs, fetch_inputs, is_url_list_file
from .retry import parse_retry_after
from .settings import FetchSettings
from .throttle import HostLimiter, LocalHostLimiter

__all__ = [
    "FetchError",
    "FetchSettings",
    "Fetcher",
    "HostLimiter",
    "LocalHostLimiter",
    "Request",
    "Response",
    "SiteRule",
    "SiteRules",
    "Target",
    "canonical_url",
    "expand_inputs",
    "fetch_inputs",
    "is_url_list_file",
    "load_site_rules",
    "parse_retry_after",
    "walk_archive",
]
