"""django-machina (Django forum app): Bootstrap cards ``div.card.post`` whose id is the post id.

Machina shows no machine-readable dates: a post says "By: <a>alice</a> on March 4, 2024, 9:15 a.m."
in Django's default ``DATETIME_FORMAT`` (``N j, Y, P``), rendered in the site's ``TIME_ZONE``.
Quotes are Markdown blockquotes opening with "<strong>NAME wrote:</strong>"; they name no post id.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from ..dates import ResolvedDate
from ..html import Document, clean_copy, css_first, html_of, mark_quote, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._kit import names, xpath

NAME = "machina"
VERSION = "1"

_TOPIC_ID = re.compile(r"/topic/[^/]*?-(\d+)/")
_WROTE = re.compile(r"^\s*(.+?)\s+wrote:\s*$", re.I)


def detect(doc: Document) -> bool:
    if not names(doc).has("card") or not names(doc).has("post"):
        return False  # no div.card.post (looked up in the page's names before an XPath walk)
    if doc.css_first("div.card.post") is None:
        return False
    assets = xpath(doc.root, "//link/@href | //script/@src | //script[not(@src)]/text()")
    return any("machina" in value for value in assets)


def django_datetime(text: str) -> str:
    """Django's ``P`` time format ("9 a.m.", "noon", "midnight") as a plain clock time."""
    text = re.sub(r"\bnoon\b", "12:00 p.m.", text)
    text = re.sub(r"\bmidnight\b", "12:00 a.m.", text)
    return re.sub(r"(?<![:\d])(\d{1,2})\s+([ap]\.m\.)", r"\1:00 \2", text)


def _page_number(doc: Document, url: str | None) -> int:
    current = doc.css_first("ul.pagination li.active a")
    if current is not None and current.text_content().strip().isdigit():
        return int(current.text_content())
    value = parse_qs(urlsplit(url or "").query).get("page", ["1"])[0]
    return int(value) if value.isdigit() else 1


def _pagination(doc: Document) -> tuple[int | None, str | None]:
    """The page count and the next page's URL, from the Bootstrap pagination list."""
    numbers = [int(a.text_content()) for a in doc.css("ul.pagination a.page-link") if a.text_content().strip().isdigit()]
    next_url = None
    current = doc.css_first("ul.pagination li.active a")
    if current is not None:
        following = current.getparent().getnext()
        while following is not None and following.tag == "li":
            link = css_first(following, "a[href]")
            if link is not None and link.get("href") and "disabled" not in following.get("class", ""):
                next_url = doc.absolute(link.get("href"))
            break
    return (max(numbers) if numbers else None), next_url


def _quotes(content) -> list[QuoteDraft]:
    """The quotes of a body copy, marked."""
    quotes = []
    for block in content.iterchildren("blockquote"):
        mark_quote(block)
        author = None
        lead = css_first(block, "strong")
        if lead is not None:
            match = _WROTE.match(lead.text_content())
            if match:
                author = norm_space(match.group(1))
        text = text_of(clean_copy(block, ("strong",))) if author else text_of(block)
        quotes.append(QuoteDraft(text=text, author=author))
    return quotes


def _post(card, doc: Document, ctx: ParseContext) -> PostDraft | None:
    content = css_first(card, "div.post-content")
    if content is None:
        return None
    byline = css_first(card, "small.text-muted")
    author_link = css_first(byline, "a") if byline is not None else None
    published = None
    if byline is not None:
        match = re.search(r"\bon\s+(.+)$", norm_space(byline.text_content()))
        if match:
            raw = match.group(1)
            resolved = ctx.resolve(django_datetime(raw))
            published = ResolvedDate(raw, resolved.value, resolved.precision, resolved.source)
    permalink = css_first(card, "h4.subject a[href]")
    subject = css_first(card, "h4.subject")
    body = clean_copy(content)
    quotes = _quotes(body)
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, doc.base_url),
        body_element=body,
        author=norm_space(author_link.text_content()) if author_link is not None else None,
        author_url=doc.absolute(author_link.get("href")) if author_link is not None else None,
        native_id=card.get("id"),
        url=doc.absolute(permalink.get("href")) if permalink is not None else None,
        published=published,
        title=norm_space(clean_copy(subject, ("a",)).text_content()) if subject is not None else None,
        quotes=quotes,
    )


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    crumbs = [norm_space(a.text_content()) for a in doc.css("ol.breadcrumb li a")]
    heading = doc.css_first("#main_container h1")
    title = norm_space(heading.text_content()) if heading is not None else (crumbs[-1] if crumbs else doc.title)
    canonical = doc.css("ol.breadcrumb li a")
    thread_url = doc.absolute(canonical[-1].get("href")) if canonical else ctx.url
    match = _TOPIC_ID.search(urlsplit(thread_url or "").path)
    page_count, next_url = _pagination(doc)
    posts = []
    for card in doc.css("div.card.post[id]"):
        post = _post(card, doc, ctx)
        if post is not None:
            posts.append(post)
    return ThreadDraft(
        NAME,
        VERSION,
        posts=posts,
        title=title,
        native_id=match.group(1) if match else None,
        url=thread_url,
        board=crumbs[-2] if len(crumbs) >= 2 else None,
        breadcrumbs=crumbs[:-1],
        page=_page_number(doc, ctx.url),
        page_count=page_count or 1,
        next_url=next_url,
        language=doc.root.get("lang"),
    )
