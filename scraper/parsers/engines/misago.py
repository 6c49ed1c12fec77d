"""Misago (Django forum): server-rendered ``li.post#post-N`` items marked up as schema.org
DiscussionForumPosting, with a UTC ``<time itemprop=datePublished datetime>`` beside the local
display text.

Quotes are ``aside.quote-block`` holding ``blockquote[data-author="@name"]``; they name no post id.
Pages after the first repeat the previous page's last post at the top; the repeat has the same
post id, so it is one post in the archive.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..dates import combine
from ..html import Document, clean_copy, css_first, html_of, mark_quote, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._kit import has_class, head_link, names, xpath

NAME = "misago"
VERSION = "1"

_THREAD_PATH = re.compile(r"^/t/[^/]+/(\d+)/(?:(\d+)/)?$")
_PAGE_OF = re.compile(r"Page\s+(\d+)\s+of\s+(\d+)", re.I)


def detect(doc: Document) -> bool:
    # The page's names first: an absent id needs no XPath walk.
    if "misago-" not in doc.body_classes and not (names(doc).has("misago-container") and doc.css_first("#misago-container")):
        return False
    return doc.css_first("li.post[id^='post-']") is not None or doc.css_first("div.page-thread") is not None


def _quotes(body) -> list[QuoteDraft]:
    """The quotes of a body copy, marked."""
    quotes = []
    for block in xpath(body, f"descendant::aside[{has_class('quote-block')}]"):
        mark_quote(block)
        quoted = css_first(block, "blockquote")
        author = (quoted.get("data-author") or "").lstrip("@") if quoted is not None else ""
        quotes.append(QuoteDraft(text=text_of(quoted if quoted is not None else block), author=author or None))
    return quotes


def _post(item, doc: Document, ctx: ParseContext) -> PostDraft | None:
    body = css_first(item, "div.post-body article.misago-markup")
    if body is None:
        body = css_first(item, "div.post-body")
    if body is None:
        return None
    author = css_first(item, "[itemprop=author]")
    author_link = css_first(item, ".post-side a.item-title[href]")
    when = css_first(item, "time[itemprop=datePublished]")
    published = None
    if when is not None:
        published = combine(when.get("datetime"), norm_space(when.text_content()) or None, ctx.fetched_at, ctx.timezone, ctx.hints)
    permalink = css_first(item, ".post-heading a.posted-on[href]")
    native_id = item.get("id", "").removeprefix("post-") or None
    body = clean_copy(body)
    quotes = _quotes(body)
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, doc.base_url),
        body_element=body,
        author=norm_space(author.text_content()) if author is not None else None,
        author_url=doc.absolute(author_link.get("href")) if author_link is not None else None,
        native_id=native_id,
        url=doc.absolute(permalink.get("href")) if permalink is not None else None,
        published=published,
        quotes=quotes,
    )


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    canonical = head_link(doc, "canonical") or ctx.url
    match = _THREAD_PATH.match(urlsplit(canonical or "").path)
    heading = doc.css_first("div.page-header h1")
    if heading is None:
        heading = doc.css_first("h1")
    crumbs = [norm_space(n.text_content()) for n in doc.css("ul.breadcrumbs .breadcrumbs-item-name")]
    pages = _PAGE_OF.search(norm_space(" ".join(b.text_content() for b in doc.css("nav.thread-paginator button"))))
    posts = [p for p in (_post(item, doc, ctx) for item in doc.css("ul.posts-list li.post[id^='post-']")) if p]
    thread_url = canonical
    if match and match.group(2):  # the canonical URL of a later page: the thread is its first page
        thread_url = canonical[: canonical.rstrip("/").rfind("/") + 1]
    return ThreadDraft(
        NAME,
        VERSION,
        posts=posts,
        title=norm_space(heading.text_content()) if heading is not None else doc.title,
        native_id=match.group(1) if match else None,
        url=thread_url,
        board=crumbs[-1] if crumbs else None,
        breadcrumbs=crumbs,
        page=int(pages.group(1)) if pages else (int(match.group(2)) if match and match.group(2) else 1),
        page_count=int(pages.group(2)) if pages else None,
        next_url=head_link(doc, "next"),
        language=doc.root.get("lang"),
    )
