"""The records threadkeeper stores: small, frozen and typed.

Raw values sit beside normalised ones (``published_raw`` beside ``published_at``) so that a
reader can always see what the page showed.  Every record knows its JSON form (the record
contract of the JSON-lines output) through :func:`to_json`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hash of what identifies a record, for records without a site id."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=length // 2).hexdigest()


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched or saved page, and what became of parsing it."""

    TYPE: ClassVar[str] = "page"
    page_id: str
    url: str | None
    source: str  # file path or URL the bytes came from
    fetched_at: datetime
    fetched_at_source: str  # http-date, warc-date, flag, file-mtime, crawler-clock
    content_hash: str
    size: int
    engine: str | None
    parser_version: str | None
    status: str  # ok, empty, error
    thread_id: str | None = None
    http_status: int | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Thread:
    """A forum thread, or a blog article with its comments (kind "blog"), as one page shows it."""

    TYPE: ClassVar[str] = "thread"
    thread_id: str
    url: str | None
    title: str | None
    engine: str
    site: str | None
    kind: str = "forum"  # forum or blog
    board: str | None = None
    breadcrumbs: tuple[str, ...] = ()
    page: int | None = None
    page_count: int | None = None
    next_url: str | None = None
    reply_count: int | None = None
    view_count: int | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    timezone: str | None = None
    parser_version: str | None = None
    site_name: str | None = None  # the name the site gives itself (og:site_name, publisher)


@dataclass(frozen=True, slots=True)
class Post:
    """A post of a thread; a blog article is the post at position 0 (``is_article``)."""

    TYPE: ClassVar[str] = "post"
    post_id: str
    thread_id: str
    position: int  # the post's order on its page: a thread's posts are ordered by page, position
    url: str | None
    author: str | None
    published_at: datetime | None
    published_raw: str | None
    body_text: str  # as the page shows it, quoted blocks included
    own_text: str | None = None  # the post's own words when it quotes others; else body_text is
    native_id: str | None = None
    author_url: str | None = None
    author_id: str | None = None
    published_precision: str | None = None
    published_source: str | None = None
    edited_at: datetime | None = None
    edited_raw: str | None = None
    title: str | None = None
    body_html: str | None = None
    headings: tuple[str, ...] = ()
    likes: int | None = None
    is_article: bool = False
    modified_at: datetime | None = None
    authors: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    page: int | None = None  # the thread's page the post was read from, when the page shows it

    @property
    def content_hash(self) -> str:
        return stable_id(self.author, self.published_raw, self.title, self.body_text, length=16)


@dataclass(frozen=True, slots=True)
class Reference:
    """Something a post cites: an identifier, a link, a written-out citation or a mention in prose."""

    TYPE: ClassVar[str] = "reference"
    reference_id: str
    post_id: str
    kind: str  # doi, pmid, pmcid, arxiv, isbn, url, citation, mention
    key: str  # normalised key: the same paper cited twice has the same key
    value: str | None = None  # the normalised identifier (DOI, PMID, URL, …)
    raw: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # as written
    published_date: str | None = None  # normalised: YYYY, YYYY-MM or YYYY-MM-DD
    journal: str | None = None
    note: str | None = None
    surname: str | None = None
    year: int | None = None
    context: str | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file or image attached to a post."""

    TYPE: ClassVar[str] = "attachment"
    attachment_id: str
    post_id: str
    url: str | None
    filename: str | None
    kind: str = "file"  # file or image
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Post ``post_id`` quotes ``quoted_post_id`` (when the page says which) or ``quoted_author``."""

    TYPE: ClassVar[str] = "quote"
    quote_id: str
    post_id: str
    quoted_post_id: str | None
    quoted_author: str | None
    text: str
    position: int = 0


@dataclass(frozen=True, slots=True)
class Faq:
    """A question/answer pair of an article's FAQ section."""

    TYPE: ClassVar[str] = "faq"
    faq_id: str
    post_id: str
    position: int
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class ParseError:
    """A page that could not be parsed (or gave no posts), with the reason."""

    TYPE: ClassVar[str] = "parse_error"
    error_id: str
    source: str
    url: str | None
    reason: str
    content_hash: str | None = None


@dataclass(slots=True)
class ParseResult:
    """Everything one page yields."""

    page: Page
    thread: Thread | None = None
    posts: list[Post] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    faqs: list[Faq] = field(default_factory=list)
    error: ParseError | None = None

    def records(self) -> list[Any]:
        out: list[Any] = [self.thread] if self.thread else []
        out += self.posts + self.references + self.attachments + self.quotes + self.faqs
        if self.error:
            out.append(self.error)
        return out


RECORD_TYPES = (Page, Thread, Post, Reference, Attachment, Quote, Faq, ParseError)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def to_json(record: Any) -> dict[str, Any]:
    """The record as a JSON object of the record contract, with its ``type``."""
    out: dict[str, Any] = {"type": record.TYPE}
    for f in dataclasses.fields(record):
        out[f.name] = _json_value(getattr(record, f.name))
    return out
