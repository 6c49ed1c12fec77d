"""Drafts → records: stable ids, references, quotes, attachments and FAQ rows."""

from __future__ import annotations

import re
from datetime import tzinfo
from urllib.parse import urlsplit, urlunsplit

from archive.records import Attachment, Faq, Page, ParseResult, Post, Quote, Reference, Thread, stable_id

from . import references
from .html import cut_quotes, post_text
from .model import ParseContext, PostDraft, QuoteDraft, ThreadDraft

# Query parameters that name a page of a thread (or how it is shown), not the thread.
_PAGE_PARAMS = re.compile(
    r"^(page|p|start|pg|pagenumber|pagenum|pageno|page_no|perpage|per_page|highlight|sid|s|PHPSESSID|sessionid)$", re.I)


def thread_key(url: str | None) -> str | None:
    """The thread's URL without page numbers, fragments and session ids."""
    if not url:
        return None
    parts = urlsplit(url)
    query = "&".join(
        q for q in parts.query.split("&") if q and not _PAGE_PARAMS.match(q.split("=", 1)[0])
    )
    path = re.sub(r"/(page-?\d+|\d+-page|page/\d+)/?$", "/", parts.path)
    return urlunsplit((parts.scheme.lower(), (parts.hostname or "").lower(), path.rstrip("/"), query, ""))


def _zone_name(tz: tzinfo) -> str:
    """An IANA name where there is one (Europe/Paris), else the offset (UTC+02:00)."""
    return getattr(tz, "key", None) or str(tz)


def reference_records(post_id: str, drafts: list[references.RefDraft]) -> list[Reference]:
    return [
        Reference(
            reference_id=stable_id(post_id, ref.key),
            post_id=post_id,
            kind=ref.kind,
            key=ref.key,
            value=ref.value,
            raw=ref.raw,
            title=ref.title,
            authors=tuple(ref.authors),
            published=ref.published,
            published_date=ref.published_date,
            journal=ref.journal,
            note=ref.note,
            surname=ref.surname,
            year=ref.year,
            context=ref.context,
            position=i,
        )
        for i, ref in enumerate(drafts)
    ]


def _own_text(post: PostDraft) -> str | None:
    """The post's words without the quotes marked in its body (cut from the element, which only
    references read after this), or None when the quotes took no words out of ``body_text``."""
    if post.body_element is None or not cut_quotes(post.body_element):
        return None
    own = post_text(post.body_element)
    return None if own == post.body_text else own


def build(draft: ThreadDraft, ctx: ParseContext, page: Page) -> ParseResult:
    site = ctx.site
    url = draft.url or ctx.url
    scope = site or "local"
    if draft.native_id:
        thread_id = f"{scope}:t:{draft.native_id}"
    else:
        thread_id = f"{scope}:t:{stable_id(thread_key(url) or page.source)}"
    thread = Thread(
        thread_id=thread_id,
        url=url,
        title=draft.title,
        engine=draft.engine,
        site=site,
        kind=draft.kind,
        board=draft.board,
        breadcrumbs=tuple(draft.breadcrumbs),
        page=draft.page,
        page_count=draft.page_count,
        next_url=draft.next_url,
        reply_count=draft.reply_count,
        view_count=draft.view_count,
        language=draft.language,
        tags=tuple(draft.tags),
        timezone=_zone_name(draft.timezone or ctx.timezone),
        parser_version=f"{draft.engine}/{draft.parser_version}",
        site_name=draft.site_name,
    )
    result = ParseResult(page=page, thread=thread)
    native_to_post_id: dict[str, str] = {}
    seen: set[str] = set()
    quotes: list[tuple[str, int, QuoteDraft]] = []
    for position, p in enumerate(draft.posts):
        own_text = _own_text(p)
        own_words = p.body_text if own_text is None else own_text
        if p.native_id:
            post_id = f"{scope}:p:{p.native_id}"
        else:
            published_raw = p.published.raw if p.published else None
            post_id = f"{thread_id}:{stable_id(p.author, published_raw, own_words[:2000])}"
        if post_id in seen:
            # The same post twice on one page (some engines repeat the first post): keep one.
            continue
        seen.add(post_id)
        if p.native_id:
            native_to_post_id[p.native_id] = post_id
        published = p.published
        result.posts.append(
            Post(
                post_id=post_id,
                thread_id=thread_id,
                position=p.position if p.position is not None else position,
                url=p.url,
                author=p.author,
                published_at=published.value if published else None,
                published_raw=published.raw if published else None,
                body_text=p.body_text,
                own_text=own_text,
                native_id=p.native_id,
                author_url=p.author_url,
                author_id=p.author_id,
                published_precision=published.precision if published and published.value else None,
                published_source=published.source if published and published.value else None,
                edited_at=p.edited.value if p.edited else None,
                edited_raw=p.edited.raw if p.edited else None,
                title=p.title,
                body_html=p.body_html,
                headings=tuple(p.headings),
                likes=p.likes,
                is_article=p.is_article,
                modified_at=p.modified.value if p.modified else None,
                authors=tuple(p.authors),
                images=tuple(p.images),
                page=draft.page,
            )
        )
        result.references.extend(reference_records(post_id, references.extract(own_words, p.body_element)))
        for a in p.attachments:
            result.attachments.append(
                Attachment(stable_id(post_id, a.url or a.filename), post_id, a.url, a.filename, a.kind, a.caption)
            )
        for i, (question, answer) in enumerate(p.faqs):
            result.faqs.append(Faq(stable_id(post_id, "faq", i), post_id, i, question, answer))
        quotes.extend((post_id, i, q) for i, q in enumerate(p.quotes))
    # A quote names the quoted post by the site's id; link it to our post id when we have it
    # (the quoted post may come later on the page: all posts first).
    for post_id, i, q in quotes:
        native = q.post_native_id
        # No site numbers a post 0: such an id comes from a broken quote link.
        quoted = native_to_post_id.get(native, f"{scope}:p:{native}") if native and native.strip("0") else None
        result.quotes.append(Quote(stable_id(post_id, "quote", i), post_id, quoted, q.author, q.text, i))
    return result
