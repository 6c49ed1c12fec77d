"""What a parser returns before ids and references are attached: drafts, and the parse context.

Engine modules fill drafts; :mod:`scraper.parsers.build` turns them into archive records.  A
parser is pure: everything it may know about the world (URL, fetch time, site timezone) is in
:class:`ParseContext`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urlsplit

from .dates import DateHints, ResolvedDate


class ParserError(Exception):
    """Base class of parser errors; the message is the reason recorded in ``parse_errors``."""


@dataclass(frozen=True, slots=True)
class ParseContext:
    url: str | None
    fetched_at: datetime
    timezone: tzinfo  # the site's timezone (from the page, --timezone, else UTC)
    timezone_given: bool = False  # True when the user named it: the page's own hints do not override it
    hints: DateHints = field(default_factory=DateHints)

    @property
    def site(self) -> str | None:
        if not self.url:
            return None
        parts = urlsplit(self.url)
        host = (parts.hostname or "").lower()
        host = host[4:] if host.startswith("www.") else host
        try:
            port = parts.port
        except ValueError:
            port = None
        # Two forums on one host are two sites: a port other than the scheme's default is kept.
        if host and port and port != {"http": 80, "https": 443}.get(parts.scheme):
            return f"{host}:{port}"
        return host or None

    def resolve(self, raw: str | None, **kwargs: Any) -> ResolvedDate:
        from .dates import resolve

        return resolve(raw, self.fetched_at, self.timezone, self.hints, **kwargs)


@dataclass(slots=True)
class QuoteDraft:
    text: str
    author: str | None = None
    post_native_id: str | None = None


@dataclass(slots=True)
class AttachmentDraft:
    url: str | None
    filename: str | None
    kind: str = "file"
    caption: str | None = None


@dataclass(slots=True)
class PostDraft:
    # the text as the page shows it, quoted blocks included
    body_text: str
    body_html: str | None = None
    # the cleaned body element, its quotes marked (html.mark_quote): the build step cuts them out
    # of it for the post's own words and references
    body_element: Any = None
    author: str | None = None
    author_url: str | None = None
    author_id: str | None = None
    native_id: str | None = None
    url: str | None = None
    published: ResolvedDate | None = None
    edited: ResolvedDate | None = None
    modified: ResolvedDate | None = None
    title: str | None = None
    quotes: list[QuoteDraft] = field(default_factory=list)
    attachments: list[AttachmentDraft] = field(default_factory=list)
    likes: int | None = None
    headings: list[str] = field(default_factory=list)
    faqs: list[tuple[str, str]] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    is_article: bool = False
    position: int | None = None  # the position in the thread when the page shows it


@dataclass(slots=True)
class ThreadDraft:
    engine: str
    parser_version: str
    posts: list[PostDraft] = field(default_factory=list)
    title: str | None = None
    native_id: str | None = None
    url: str | None = None
    kind: str = "forum"
    board: str | None = None
    breadcrumbs: list[str] = field(default_factory=list)
    page: int | None = None
    page_count: int | None = None
    next_url: str | None = None
    reply_count: int | None = None
    view_count: int | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    site_name: str | None = None
    # why a page gave no posts (a JavaScript-only shell, a login wall), for the parse error
    empty_reason: str | None = None
    # the site's timezone when the page itself says it (a footer, a <time> offset)
    timezone: tzinfo | None = None
