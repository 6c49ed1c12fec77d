"""Pieces shared by the XenForo, Invision, Discourse, NodeBB and Flarum parsers: a post body split
into its own words and its quotes, its images, dates from machine-readable markup, the page's
date-reading hints and small XPath helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from lxml import etree

from ..dates import DateHints, ResolvedDate, combine, from_attribute
from ..html import Document, absolute, clean_copy, html_of, norm_space, remove, text_of
from ..model import ParseContext, QuoteDraft

# The line mobile apps (Tapatalk and its white-label forum apps) append to every post.
_SENT_FROM_APP = re.compile(r"\n?Sent from my [^\n]{1,80}? using [^\n]{1,60}\Z")
_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2})$")
_UTC_OFFSET = re.compile(r"(?:Z|[+-]00:?00)$", re.I)


@lru_cache(maxsize=1024)
def xp(path: str) -> etree.XPath:
    """A compiled XPath: ``el.xpath(str)`` compiles the expression on every call."""
    return etree.XPath(path)


def find(el: Any, path: str) -> list[Any]:
    return xp(path)(el)


def first(el: Any, *paths: str) -> Any | None:
    """The first node that the first matching XPath finds."""
    for path in paths:
        found = xp(path)(el)
        if found:
            return found[0]
    return None


def inside(node: Any | None, *paths: str) -> Any | None:
    """``first`` under a node that may be missing."""
    return first(node, *paths) if node is not None else None


def present(*nodes: Any) -> Any | None:
    """The first node that is not None (an element with no children is falsy, so ``or`` is wrong)."""
    return next((n for n in nodes if n is not None), None)


class Classes:
    """The elements under one post by class name (and by the value of a few ``attrs``), collected
    in one pass: a post asks a dozen lookups, and one walk over it costs less than a dozen XPath
    class tests."""

    __slots__ = ("_by_name",)

    def __init__(self, el: Any, attrs: tuple[str, ...] = ()) -> None:
        by_name: dict[str, list[Any]] = {}
        for node in el.iter(etree.Element):
            value = node.get("class")
            if value:
                for name in value.split():
                    by_name.setdefault(name, []).append(node)
            for attr in attrs:
                value = node.get(attr)
                if value:
                    by_name.setdefault(f"{attr}={value}", []).append(node)
        self._by_name = by_name

    def first(self, *names: str, tag: str | None = None) -> Any | None:
        """The first element (in page order) with the first of ``names`` that occurs."""
        for name in names:
            for node in self._by_name.get(name, ()):
                if tag is None or node.tag == tag:
                    return node
        return None

    def all(self, name: str) -> list[Any]:
        return self._by_name.get(name, [])

    def attr(self, attr: str, value: str) -> Any | None:
        """The first element whose ``attr`` (one of those indexed) equals ``value``."""
        found = self._by_name.get(f"{attr}={value}")
        return found[0] if found else None


def marked(doc: Document, *markers: str) -> bool:
    """Whether the raw page contains any of ``markers``: a substring test is far cheaper than an
    XPath walk, so a lookup whose class name is absent from the page can be skipped."""
    return any(marker in doc.text for marker in markers)


def canonical_url(doc: Document) -> str | None:
    return doc.absolute(first(doc.root, "/html/head/link[@rel='canonical']/@href", "/html/head/meta[@property='og:url']/@content"))


def head_link(doc: Document, rel: str) -> str | None:
    """A ``<link rel>`` of the head, made absolute (anchored at the head: ``//link`` walks the page)."""
    return doc.absolute(first(doc.root, f"/html/head/link[@rel='{rel}']/@href"))


def text(el: Any, *paths: str) -> str:
    node = first(el, *paths)
    if node is None:
        return ""
    # text_of, not text_content(): buttons and scripts inside a name or a heading are not text.
    return norm_space(node if isinstance(node, str) else text_of(node))


def has_class(name: str) -> str:
    """An XPath predicate: the element's class list contains ``name``."""
    # The plain contains() first: it is cheap and rules out almost every element.
    return f"contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def count(value: str | None) -> int | None:
    """A displayed count: ``1,234``, ``1.234``, ``12K``, ``1.2k``."""
    if not value:
        return None
    match = re.search(r"(\d[\d,.\u00a0 ]*)\s*([kKmM])?", value)
    if not match:
        return None
    digits, suffix = match[1].strip(), match[2]
    if suffix:
        try:
            number = float(digits.replace(",", "."))
        except ValueError:
            return None
        return int(number * (1000 if suffix in "kK" else 1_000_000))
    digits = re.sub(r"\D", "", digits)
    return int(digits) if digits else None


def page_hints(doc: Document, ctx: ParseContext) -> DateHints:
    """The caller's date hints, else the page's own language (``<html lang>``)."""
    if ctx.hints != DateHints():
        return ctx.hints
    lang = (doc.root.get("lang") or "").strip()
    return DateHints.for_locale(lang) if lang else ctx.hints


def machine_date(attribute: str | None, display: str | None, ctx: ParseContext,
                 hints: DateHints | None = None) -> ResolvedDate:
    """A date from markup.  An ISO value with a non-UTC offset is already the site's wall-clock
    (XenForo writes the viewer's zone into ``datetime``); a UTC value or an epoch is combined with
    the display text so that the result keeps the local time the page showed."""
    display = norm_space(display) or None
    value = (attribute or "").strip()
    if value and _OFFSET.search(value) and not _UTC_OFFSET.search(value):
        return from_attribute(value, ctx.timezone, raw=display)
    if value:
        return combine(value, display, ctx.fetched_at, ctx.timezone, hints or ctx.hints)
    return display_date(display, ctx, hints)


def display_date(display: str | None, ctx: ParseContext, hints: DateHints | None = None) -> ResolvedDate:
    from ..dates import resolve

    return resolve(norm_space(display) or None, ctx.fetched_at, ctx.timezone, hints or ctx.hints)


def image_url(img: Any, base: str | None) -> str | None:
    """The real source of an image, lazy-loading placeholders skipped."""
    for attr in ("data-src", "data-url", "data-original", "src"):
        value = img.get(attr)
        if value and not value.startswith("data:"):
            return absolute(value, base)
    return None


@dataclass(slots=True)
class Body:
    html: str
    text: str
    element: Any
    quotes: list[QuoteDraft] = field(default_factory=list)
    images: list[str] = field(default_factory=list)


def split_body(
    el: Any,
    base_url: str | None,
    drop: tuple[str, ...] = (),
    quote_xpath: str | None = None,
    read_quote: Callable[[Any], QuoteDraft | None] | None = None,
    skip_image: Callable[[Any], bool] | None = None,
) -> Body:
    """A post body cleaned of scripts and the engine's chrome (``drop``, CSS selectors); its
    outermost quotes become :class:`QuoteDraft` and leave the text, the HTML keeps them.
    ``read_quote`` may return None for a node that goes with a quote (an attribution line)."""
    clean = clean_copy(el, drop)
    body_html = html_of(clean, base_url)
    quotes: list[QuoteDraft] = []
    if quote_xpath:
        found = xp(quote_xpath)(clean)
        members = set(found)
        for quote in found:
            if any(a in members for a in quote.iterancestors()):
                continue  # a quote inside a quote belongs to the outer one
            draft = read_quote(quote) if read_quote else QuoteDraft(text_of(quote))
            if draft is not None:
                quotes.append(draft)
        for quote in found:
            if quote.getparent() is not None and not any(a in members for a in quote.iterancestors()):
                remove(quote)
    images: list[str] = []
    for img in clean.iter("img"):
        if skip_image and skip_image(img):
            continue
        url = image_url(img, base_url)
        if url and url not in images:
            images.append(url)
    return Body(body_html, _SENT_FROM_APP.sub("", text_of(clean)), clean, quotes, images)


def filename_of(url: str | None) -> str | None:
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    name = path.rsplit("/", 1)[-1]
    return name or None
