"""WoltLab Burning Board (WBB 4/5/6 on WoltLab Suite) thread pages.

Posts are ``article.wbbPost`` inside ``li#post<id>``.  The date is machine-readable:
``<woltlab-core-date-time date>`` (WSC 6) or ``<time datetime data-timestamp>`` (WSC 3-5), with
the local display text beside it.  Quotes are ``blockquote.quoteBox`` whose title reads
"Quote from <name>" and links the quoted post (``postID=``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import dates
from ..html import Document, absolute, clean_copy, html_of, images_in, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import attachments_in, extract_quotes
from ._kit import digits, first, has_class, head_link, names, xp, xpath
from ._when import record_shown_offset

NAME = "woltlab"
VERSION = "1"

_POSTS = "/descendant::article[" + has_class("wbbPost") + "]"
_BODY_DROP = (".messageSignature", ".messageFooter")


def detect(doc: Document) -> bool:
    if not names(doc).has("wbbPost"):
        return False  # the page's names rule out every post lookup below
    return bool(xpath(doc.root, f"{_POSTS}[1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    base = doc.base_url
    draft = ThreadDraft(NAME, VERSION)
    for article in xpath(doc.root, _POSTS):
        text_node = first(article, "descendant::div[" + has_class("messageText") + "]")
        if text_node is not None:
            draft.posts.append(_post(article, text_node, ctx, base))
    title = first(doc.root, "/descendant::header[contains(@class,'contentHeader')]/descendant::h1 | /descendant::h1[contains(@class,'contentTitle')] | /descendant::h1")
    draft.title = norm_space(title.text_content()) if title is not None else doc.meta("og:title")
    draft.url = head_link(doc, "canonical") or doc.url
    crumbs = xpath(doc.root, "/descendant::nav[contains(@class,'breadcrumbs')]/descendant::li/descendant::span[@itemprop='name'] | /descendant::nav[contains(@class,'breadcrumbs')]/descendant::li/a")
    names: list[str] = []
    for node in crumbs:
        name = norm_space(node.text_content())
        if name and name not in names:
            names.append(name)
    draft.breadcrumbs = names
    draft.board = names[-1] if names else None
    m = re.search(r"/thread/(\d+)", draft.url or "") or re.search(r"threadID=(\d+)", draft.url or "")
    draft.native_id = m.group(1) if m else digits(first(doc.root, "/descendant::*[@data-thread-id]/@data-thread-id"))
    pagination = first(doc.root, "/descendant::woltlab-core-pagination | //@class[contains(.,'pagination')]/parent::*[@data-pages]")
    if pagination is not None:
        draft.page = int(pagination.get("page") or pagination.get("data-active-page") or 1)
        draft.page_count = int(pagination.get("count") or pagination.get("data-pages") or 1)
    else:
        draft.page, draft.page_count = 1, 1
    draft.next_url = head_link(doc, "next")
    for stat in xpath(doc.root, "//@class[contains(.,'contentHeaderMetaData')]/parent::*/descendant::li"):
        text = text_of(stat)
        m = re.search(r"([\d,.]+)\s*(Replies|Antworten|Views|Zugriffe)", text, re.I)
        if m:
            value = int(re.sub(r"\D", "", m.group(1)))
            if m.group(2).lower() in ("views", "zugriffe"):
                draft.view_count = value
            else:
                draft.reply_count = value
    draft.language = first(doc.root, "/html/@lang") or None
    return record_shown_offset(draft, ctx)


def _post(article: Any, text_node: Any, ctx: ParseContext, base: str | None) -> PostDraft:
    holder = first(article, "ancestor::li[starts-with(@id,'post')][1]/@id")
    native = digits(holder) or digits(article.get("data-object-id"))
    user = first(article, "descendant::*[contains(@class,'messageAuthor')]/descendant::a[contains(@class,'username')]"
                 " | descendant::a[contains(@class,'username')]")
    author = norm_space(user.text_content()) if user is not None else None
    if not author:
        guest = first(article, "descendant::*[contains(@class,'messageAuthor')]/descendant::*[contains(@class,'username')]")
        author = norm_space(guest.text_content()) if guest is not None else None
    author_url = absolute(user.get("href"), base) if user is not None else None
    published = _date(first(article, "descendant::*[contains(@class,'messagePublicationTime')]/descendant::*[@date or @datetime]"
                            " | descendant::header/descendant::woltlab-core-date-time | descendant::header/descendant::time"), ctx)
    if published is None:
        meta = first(article, "descendant::meta[@itemprop='datePublished']/@content")
        published = dates.from_attribute(meta, ctx.timezone) if meta else None
    link = first(article, "descendant::a[contains(@class,'messagePublicationTime') or contains(@class,'permalink')]/@href")
    body = clean_copy(text_node, drop=_BODY_DROP)
    quotes = extract_quotes(body, "blockquote.quoteBox, .quoteBox", _quote)
    edited = first(article, "descendant::*[contains(@class,'messageFooterNote') and contains(@class,'Edit')]/descendant::*[@date or @datetime]")
    m = re.search(r"/user/(\d+)", author_url or "")
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, base),
        body_element=body,
        author=author,
        author_url=author_url,
        author_id=m.group(1) if m else None,
        native_id=native,
        url=absolute(link, base) if link else None,
        published=published,
        edited=_date(edited, ctx),
        quotes=quotes,
        attachments=attachments_in(xp("descendant::*[contains(@class,'attachmentFileList') or contains(@class,'attachmentThumbnailList')]/descendant::a[@href]")(article), base),
        images=images_in(body, base, skip=lambda img: "smiley" in (img.get("class") or "")),
        likes=_reactions(article),
    )


def _date(node: Any, ctx: ParseContext) -> dates.ResolvedDate | None:
    if node is None:
        return None
    attribute = node.get("date") or node.get("datetime") or node.get("data-timestamp")
    return dates.combine(attribute, text_of(node) or None, ctx.fetched_at, ctx.timezone, ctx.hints)


def _quote(node: Any) -> QuoteDraft:
    title = first(node, "descendant::*[contains(@class,'quoteBoxTitle')]")
    who = None
    post_id = None
    if title is not None:
        m = re.search(r"(?:Quote from|Zitat von|Citation de|Cita de)\s+(.+)", text_of(title), re.I)
        who = norm_space(m.group(1)) if m else None
        link = first(title, "descendant::a/@href")
        pm = re.search(r"postID=(\d+)|#post(\d+)", link or "")
        post_id = next((g for g in pm.groups() if g), None) if pm else None
    said = first(node, "descendant::*[contains(@class,'quoteBoxContent')]")
    if said is not None:
        said = clean_copy(said, drop=(".quoteBoxTitle",))
    return QuoteDraft(text_of(said if said is not None else node), who, post_id)


def _reactions(article: Any) -> int | None:
    summary = first(article, "descendant::woltlab-core-reaction-summary/@data")
    if summary:
        try:
            data = json.loads(summary)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return sum(v[0] if isinstance(v, list) else int(v) for v in data.values() if isinstance(v, (list, int))) or None
        if isinstance(data, list) and data:
            return sum(item[1] for item in data if isinstance(item, list) and len(item) > 1 and isinstance(item[1], int)) or None
        return None
    counts = [int(t) for t in xp("descendant::*[contains(@class,'reactionCount')]/text()")(article) if t.strip().isdigit()]
    return sum(counts) if counts else None
