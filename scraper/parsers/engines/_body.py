"""A post body with its quotes, images and attachments.

A quoted block becomes a :class:`QuoteDraft` record and stays in the body, marked
(``html.mark_quote``): ``body_text`` reads as the page showed the post, and the build step cuts
the marked blocks out for the post's own words (``own_text``) and its references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import lxml.html

from ..html import (absolute, clean_copy, css, cut_signature_rule, html_of, images_in, in_quote, mark_quote, norm_space,
                    post_text, text_of)
from ..model import AttachmentDraft, PostDraft, QuoteDraft
from ._kit import SESSION_HINT, filename_of, is_inside, without_session, xp

_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|bmp|svg)(?:[?#]|$)", re.I)

QuoteReader = Callable[[Any], "QuoteDraft | None"]


def take_quotes(body: Any, nodes: list[Any], read: QuoteReader | None = None) -> list[QuoteDraft]:
    """Quote records for ``nodes`` (quote blocks found in ``body``, a cleaned copy), outermost
    first; each is marked as a quote.  ``read`` returns None for a match that is not a quote
    (a code box).  A quote with neither text nor author (an attribution line read with its
    quote) is marked without a record."""
    quotes: list[QuoteDraft] = []
    for node in nodes:
        if not is_inside(node, body) or in_quote(node):
            continue  # inside a quote already read: part of its text
        quote = read(node) if read else QuoteDraft(text_of(node))
        if quote is None:
            continue
        mark_quote(node)
        if quote.text or quote.author:
            quotes.append(quote)
    return quotes


def extract_quotes(body: Any, selector: str, read: QuoteReader | None = None) -> list[QuoteDraft]:
    """:func:`take_quotes` for the blocks that the CSS ``selector`` matches in ``body``."""
    return take_quotes(body, css(body, selector), read)


def is_smilie(img: Any) -> bool:
    """A smiley of the classic boards (``class="smilies"``, ``/images/smilies/``)."""
    return "smil" in (img.get("class") or "") or "/smil" in (img.get("src") or "")


def attachments_in(nodes: list[Any], base: str | None) -> list[AttachmentDraft]:
    """Attachment links (``<a href>``) and images outside quotes as drafts, session-free, each URL once."""
    out: list[AttachmentDraft] = []
    seen: set[str] = set()
    for node in nodes:
        url = without_session(absolute(node.get("href") or node.get("src") or node.get("data-src"), base))
        if not url or url in seen or in_quote(node):
            continue
        seen.add(url)
        name = norm_space(node.text_content()) if node.tag == "a" else norm_space(node.get("alt") or node.get("title"))
        is_image = node.tag == "img" or _IMAGE_FILE.search(url) is not None
        out.append(AttachmentDraft(url, name or filename_of(url), "image" if is_image else "file"))
    return out


@dataclass(slots=True)
class Body:
    """A cleaned post body: ``element`` without the engine's chrome, its quotes marked (``text``
    is read from it)."""

    html: str
    text: str
    element: Any
    quotes: list[QuoteDraft] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    attachments: list[AttachmentDraft] = field(default_factory=list)

    def post(self, **fields: Any) -> PostDraft:
        """The post with this body: its text, HTML, element, quotes and images, and ``fields``
        (attachments are the engine's choice: ``self.attachments`` or its own)."""
        return PostDraft(body_text=self.text, body_html=self.html, body_element=self.element,
                         quotes=self.quotes, images=self.images, **fields)


def split_body(
    el: Any,
    base_url: str | None,
    drop: tuple[str, ...] = (),
    quote_xpath: str | None = None,
    read_quote: QuoteReader | None = None,
    skip_image: Callable[[Any], bool] | None = None,
    attachment_xpath: str | None = None,
    session_links: bool = False,
    signature_rule: bool = False,
) -> Body:
    """A post body cleaned of scripts and the engine's chrome (``drop``, CSS selectors).

    ``el`` may be a list of elements (the message and the attachment box beside it): their copies
    go into one ``div``.  ``session_links``: the board puts session ids into its links
    (phpBB's ``sid``, SMF's ``PHPSESSID``), which leave the links of the body.  ``signature_rule``:
    the board appends the signature to the message after a line of underscores (phpBB 2).
    """
    if isinstance(el, list):
        clean = lxml.html.Element("div")
        for part in el:
            copy = clean_copy(part, drop)
            copy.tail = None
            clean.append(copy)
    else:
        clean = clean_copy(el, drop)
    if session_links:
        for node in clean.iter("a"):
            href = node.get("href")
            if href and SESSION_HINT.search(href):
                node.set("href", without_session(href))
    quote_nodes = xp(quote_xpath)(clean) if quote_xpath else []
    if signature_rule:
        cut_signature_rule(clean, quote_nodes)
    body_html = html_of(clean, base_url)
    quotes = take_quotes(clean, quote_nodes, read_quote) if quote_xpath else []
    attachments = attachments_in(xp(attachment_xpath)(clean), base_url) if attachment_xpath else []
    images = images_in(clean, base_url, skip_image)
    return Body(body_html, post_text(clean), clean, quotes, images, attachments)
