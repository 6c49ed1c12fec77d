"""inSided (Gainsight Customer Communities) topic pages.

Every post, the opening one included, is ``div.post.qa-topic-post-box`` (``#topic<id>`` for the
opening post, ``#post<id>`` for replies) with the author in ``a.qa-username``, the body in
``.post__content`` and the signature apart in ``.post__footer``.  The visible date is relative
("4 years ago"); the absolute day sits in the tooltip beside it (``.tooltip__content--publish-date``)
and, for the opening post, in ``<time datetime>``.
"""

from __future__ import annotations

import re
from typing import Any

from .. import dates
from ..html import Document, absolute, clean_copy, html_of, images_in, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import attachments_in, extract_quotes
from ._kit import digits, first, has_class, head, head_link, lookup, names, next_url, under_each, xp, xpath
from ._when import record_shown_offset, shown_date

NAME = "insided"
VERSION = "1"

_POST = "div[" + has_class("qa-topic-post-box") + "]"
_POSTS = f"/descendant::{_POST}"
_BODY_DROP = (".post__footer", ".signature", ".qa-post-actions")


def detect(doc: Document) -> bool:
    if not (names(doc).has("qa-topic-post-box") and names(doc).containing("post__content")):
        return False  # the page's names rule out every post lookup below
    # A post's words inside a post box: the predicates stop at the first one found ("(box//div)[1]"
    # lists every box's divs before it takes the first: 3 ms on a large thread).
    return bool(xpath(doc.root, f"/descendant::div[contains(@class,'post__content')][ancestor::{_POST}][1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    base = doc.base_url
    draft = ThreadDraft(NAME, VERSION)
    for box in xpath(doc.root, _POSTS):
        content = first(box, "descendant::div[" + has_class("post__content") + "]")
        if content is not None:
            draft.posts.append(_post(doc, box, content, ctx, base))
    title = first(doc.root, "/descendant::h1")
    draft.title = norm_space(title.text_content()) if title is not None else doc.meta("og:title")
    draft.url = head_link(doc, "canonical") or doc.url
    draft.breadcrumbs = [c for c in (norm_space(a.text_content()) for a in lookup(
        doc, "breadcrumb", "/descendant::ol[contains(@class,'breadcrumb')]/descendant::a | /descendant::ul[contains(@class,'breadcrumb')]/descendant::a")) if c]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    m = re.search(r"-(\d+)/?(?:[?#]|$)", draft.url or "")
    draft.native_id = m.group(1) if m else None
    replies = head(lookup(doc, "qa-link-to-replies", "/descendant::a[contains(@class,'qa-link-to-replies')]"))
    if replies is not None and digits(text_of(replies).replace(",", "")):
        draft.reply_count = int(digits(text_of(replies).replace(",", "")))
    views = head(lookup(doc, "qa-count-views", "/descendant::li[contains(@class,'qa-count-views')]"))
    if views is not None and digits(text_of(views).replace(",", "")):
        draft.view_count = int(digits(text_of(views).replace(",", "")))
    bars = lookup(doc, "pagination", "//@class[contains(.,'pagination')]/parent::*")
    current = head(under_each(bars, "descendant::*[contains(@class,'is-active') or contains(@class,'current')]/text()"))
    numbers = [int(t) for t in under_each(bars, "descendant::a/text()") if t.strip().isdigit()]
    draft.page = int(current) if current and current.strip().isdigit() else 1
    draft.page_count = max(numbers + [draft.page])
    draft.next_url = next_url(doc)
    draft.language = doc.root.get("lang") or None
    return record_shown_offset(draft, ctx)


def _post(doc: Document, box: Any, content: Any, ctx: ParseContext, base: str | None) -> PostDraft:
    box_id = box.get("id", "")
    native = digits(box_id)
    is_topic = box_id.startswith("topic")
    user = first(box, "descendant::a[contains(@class,'qa-username')] | descendant::*[contains(@class,'post__user__meta')]/descendant::a[contains(@class,'username')]")
    author_url = absolute(user.get("href"), base) if user is not None else None
    body = clean_copy(content, drop=_BODY_DROP)
    quotes = extract_quotes(body, "blockquote", _quote)
    likes = first(box, "descendant::button[contains(@class,'liked-users')]/@aria-label")
    m = re.search(r"-(\d+)/?$", author_url or "")
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, base),
        body_element=body,
        author=norm_space(user.text_content()) if user is not None else None,
        author_url=author_url,
        author_id=m.group(1) if m else None,
        native_id=f"topic-{native}" if is_topic and native else native,
        url=(head_link(doc, "canonical") or doc.url) if is_topic else
            (f"{(doc.url or '').split('#')[0]}#{box_id}" if doc.url and box_id else None),
        published=_published(box, ctx) or (_published(head(lookup(doc, "qa-topic-meta", "/descendant::ul[contains(@class,'qa-topic-meta')]")), ctx) if is_topic else None),
        quotes=quotes,
        attachments=attachments_in(xp("descendant::*[contains(@class,'attachment')]/descendant::a[@href]")(box), base),
        images=images_in(body, base),
        likes=int(digits(likes)) if likes and digits(likes) else None,
    )


def _published(box: Any, ctx: ParseContext) -> dates.ResolvedDate | None:
    if box is None:
        return None
    shown = first(box, "descendant::*[contains(@class,'tooltip__content--publish-date')]")
    shown_text = text_of(shown) if shown is not None else None
    time = first(box, "descendant::time[@datetime or @dateTime]")
    attribute = time.get("datetime") or time.get("dateTime") if time is not None else None
    if shown_text:
        resolved = shown_date(shown_text, ctx)
        if resolved.value is not None:
            return resolved
    if attribute:
        return dates.from_attribute(attribute, ctx.timezone, raw=shown_text or attribute)
    return None


def _quote(node: Any) -> QuoteDraft:
    who = first(node, "descendant::*[contains(@class,'quote-author') or contains(@class,'author')] | descendant::cite")
    name = norm_space(who.text_content()).removesuffix(" wrote:").removesuffix(":") if who is not None else None
    said = clean_copy(node, drop=("cite", "[class*='author']")) if who is not None else node
    return QuoteDraft(text_of(said), name or None)
