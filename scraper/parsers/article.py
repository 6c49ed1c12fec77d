"""Blog and news article pages: the article as the post at position 0, its comments after it.

Metadata comes from the most reliable source first (JSON-LD, OpenGraph and ``<meta>``, microdata,
then the visible byline and dateline: :mod:`.articles.meta`); trafilatura finds the body
(:mod:`.articles.body`); FAQ pairs and comments have their own modules.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timezone as dt_timezone

from .articles import body as body_mod
from .articles import comments as comments_mod
from .articles import faq as faq_mod
from .articles import meta as meta_mod
from .articles.detect import is_article
from .dates import ResolvedDate
from .html import Document
from .model import AttachmentDraft, ParseContext, PostDraft, ThreadDraft

NAME = "article"
VERSION = "1"


def _comments_context(ctx: ParseContext, published: ResolvedDate | None) -> ParseContext:
    """Where neither the user nor the page names a zone, the comments' shown times are at the
    offset the article's own machine date carries (a blog's clock: "2017-03-13T06:56:10+08:00")."""
    offset = published.value.utcoffset() if published is not None and published.value is not None else None
    if ctx.timezone_given or ctx.timezone is not dt_timezone.utc or not offset or published.source != "attribute":
        return ctx
    return replace(ctx, timezone=dt_timezone(offset))


def detect(doc: Document) -> bool:
    return is_article(doc)


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    ctx = meta_mod.page_context(doc, ctx)
    meta = meta_mod.extract(doc, ctx)
    body = body_mod.extract(doc, meta.title)
    images, captions = body_mod.images(doc, meta.image)
    attachments = [
        AttachmentDraft(url, url.rsplit("/", 1)[-1].split("?")[0] or None, "image", caption)
        for url, caption in captions.items()
    ]
    article = PostDraft(
        body_text=body.text,
        body_html=body.html,
        body_element=body.element,
        author=", ".join(meta.authors) or None,
        authors=meta.authors,
        url=meta.url or ctx.url,
        published=meta.published,
        modified=meta.modified,
        title=meta.title,
        headings=body.headings,
        faqs=faq_mod.extract(doc, body.element),
        images=images,
        attachments=attachments,
        is_article=True,
        position=0,
    )
    posts = [article] if body.text else []
    posts += comments_mod.extract(doc, _comments_context(ctx, meta.published), first_position=len(posts))
    return ThreadDraft(
        NAME,
        VERSION,
        posts,
        title=meta.title,
        url=meta.url or ctx.url,
        kind="blog",
        language=meta.language,
        tags=meta.tags,
        site_name=meta.site_name,
        empty_reason=None if body.text else "no article text found",
    )
