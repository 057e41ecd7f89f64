"""Settings for polite fetching (one object, passed to `Fetcher`)."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline import __version__

DEFAULT_CACHE_DIR = Path(".cache/press-extract/http")

# What a press release (or a feed/sitemap pointing to one) may be served as.
DEFAULT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/pdf",
    "text/plain",
)


class FetchSettings(BaseModel):
    """How to fetch: identity, politeness, limits, cache. Defaults are polite."""

    model_config = ConfigDict(frozen=True)

    contact: str = Field(
        "https://github.com/press-extract/press-extract",
        description="URL or e-mail a site operator can use to reach whoever runs the crawl.",
    )
    user_agent: str | None = Field(None, description="Full User-Agent; default press-extract/<version> (+contact).")
    robots_agent: str = Field("press-extract", description="Product token matched against robots.txt groups.")
    respect_robots: bool = True

    delay: float = Field(1.0, ge=0, description="Seconds between requests to one host (robots Crawl-delay may raise it).")
    max_crawl_delay: float = Field(60.0, ge=0, description="Cap on a robots.txt Crawl-delay/Request-rate.")
    max_hosts: int = Field(8, ge=1, description="Hosts fetched concurrently by fetch_many.")

    connect_timeout: float = Field(10.0, gt=0)
    read_timeout: float = Field(30.0, gt=0, description="Longest silence while waiting for bytes.")
    total_timeout: float = Field(120.0, gt=0, description="Longest time for one response body.")

    max_bytes: int = Field(20_000_000, gt=0, description="Largest body after decompression.")
    max_redirects: int = Field(5, ge=0)

    retries: int = Field(3, ge=0, description="Extra attempts on timeouts, connection errors, 429 and 5xx.")
    backoff_base: float = Field(1.0, ge=0, description="First backoff in seconds; doubles per attempt, with jitter.")
    backoff_max: float = Field(60.0, ge=0)
    retry_after_max: float = Field(300.0, ge=0, description="Cap on a server's Retry-After.")

    cache_dir: Path | None = Field(DEFAULT_CACHE_DIR, description="On-disk HTTP cache; None disables it.")
    allowed_types: tuple[str, ...] = DEFAULT_TYPES
    sites_files: tuple[Path, ...] = Field((), description="Extra per-site rule files; their rules win over shipped ones.")

    @property
    def agent(self) -> str:
        return self.user_agent or f"press-extract/{__version__} (+{self.contact})"
