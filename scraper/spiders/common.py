"""Arguments every spider takes (``-a name=value`` or ``threadkeeper crawl`` flags)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from typing import Any


def _split_urls(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [u for u in value if u]
    return [u for u in value.replace(",", " ").split() if u]


def _bool(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def parse_since(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


@dataclass
class CrawlArguments:
    KWARGS = ("max_threads", "max_pages", "since", "timezone", "engine", "follow_offsite", "job")

    urls: list[str] = field(default_factory=list)
    max_threads: int = 0
    max_pages: int = 0
    since: datetime | None = None
    timezone: str | None = None
    engine: str | None = None
    follow_offsite: bool = False
    job: str | None = None

    @classmethod
    def from_spider_kwargs(cls, urls: str | list[str] | None, kwargs: dict[str, Any]) -> CrawlArguments:
        args = cls(
            urls=_split_urls(urls),
            max_threads=int(kwargs.get("max_threads") or 0),
            max_pages=int(kwargs.get("max_pages") or 0),
            since=parse_since(kwargs.get("since")),
            timezone=kwargs.get("timezone") or None,
            engine=kwargs.get("engine") or None,
            follow_offsite=_bool(kwargs.get("follow_offsite", False)),
            job=kwargs.get("job") or None,
        )
        if not args.urls:
            raise ValueError("give the start URL(s): -a url=https://forum.example.org/")
        return args

    @property
    def tz(self) -> tzinfo | None:
        if not self.timezone:
            return None
        from scraper.cli import parse_timezone

        return parse_timezone(self.timezone)

    def as_dict(self, spider: str) -> dict[str, Any]:
        return {
            "spider": spider, "urls": self.urls, "max_threads": self.max_threads, "max_pages": self.max_pages,
            "since": self.since.isoformat() if self.since else None, "timezone": self.timezone,
            "engine": self.engine, "follow_offsite": self.follow_offsite, "job": self.job,
        }


def response_headers(response) -> dict[str, str]:
    """Scrapy's header map as the lower-cased ``str`` dict a :class:`FetchedPage` carries."""
    return {
        key.decode("latin-1").lower(): values[-1].decode("latin-1")
        for key, values in response.headers.items()
        if values
    }
