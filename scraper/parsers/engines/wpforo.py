"""wpForo topic pages (a WordPress forum plugin).

Posts are ``div.post-wrap#post-<id>`` holding ``.wpforo-post``: the author in ``.author-name``
(long names are cut to "Anthony willia..." there; the avatar's alt keeps the whole name), the body
in ``.wpforo-post-content`` and "Posted : 30/03/2025 3:08 pm" in ``.wpforo-post-content-bottom``.
Detection reads the wpForo markup, not WordPress.
"""

from __future__ import annotations

import re
from typing import Any

from ..html import Document, absolute, clean_copy, html_of, images_in, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import attachments_in, extract_quotes
from ._kit import digits, first, has_class, head, head_link, lookup, names, under_each, xp, xpath
from ._when import settle_day_order, shown_date

NAME = "wpforo"
VERSION = "1"

_POSTS = "/descendant::div[starts-with(@id,'post-')][.//div[" + has_class("wpforo-post-content") + "]]"
_BODY_DROP = (".wpf-post-button-actions", ".wpforo-action-buttons-wrap", ".wpf-sb", ".wpforo-post-signature",
              ".wpf-post-actions", ".wpforo-post-attached-files", ".wpf-login-message")


def detect(doc: Document) -> bool:
    if not names(doc).has("wpforo-post-content"):
        return False  # the page's names rule out every post lookup below
    # First matches: "[1]" on the step stops its predicates at the first match, where
    # "(a | b)[1]" tests them on every element of a and b first.
    root = doc.root
    return bool(xpath(root, "/descendant::*[@id='wpforo' or @id='wpforo-wrap'][1]")
                or xpath(root, "/descendant::div[contains(@class,'wpforo-post ') or @class='wpforo-post'][1]")) and bool(
        xpath(root, f"{_POSTS}[1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    base = doc.base_url
    draft = ThreadDraft(NAME, VERSION)
    for box in xpath(doc.root, _POSTS):
        if xpath(box, "ancestor::div[starts-with(@id,'post-')][.//div[contains(@class,'wpforo-post-content')]]"):
            continue  # a nested post-like block inside a post
        draft.posts.append(_post(doc, box, ctx, base))
    title = first(doc.root, "/descendant::h1[@id='wpforo-title']", "//@class[contains(.,'wpforo-topic-head')]/parent::*/descendant::h1", "/descendant::h1")
    draft.title = norm_space(title.text_content()) if title is not None else None
    if not draft.title:
        first_heading = first(doc.root, f"({_POSTS})[1]/descendant::*[contains(@class,'wpforo-post-content')]/h5")
        draft.title = norm_space(first_heading.text_content()) if first_heading is not None else doc.meta("og:title")
    draft.url = head_link(doc, "canonical") or doc.url
    draft.breadcrumbs = [c for c in (norm_space(a.text_content()) for a in xpath(doc.root, "//@class[contains(.,'wpf-breadcrumb')]/parent::*/descendant::a")) if c]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    draft.native_id = digits(first(doc.root, "/descendant::*[@data-topicid]/@data-topicid | /descendant::input[@name='topicid' or @name='thread[topicid]']/@value"))
    bars = lookup(doc, "wpf-navi", "//@class[contains(.,'wpf-navi')]/parent::*")
    current = head(under_each(bars, "descendant::*[contains(@class,'wpf-page-current') or contains(@class,'current')]/text()"
                                    " | descendant::input[contains(@class,'wpf-navi-input')]/@value"))
    draft.page = int(current) if current and current.strip().isdigit() else 1
    total = head(under_each(bars, "descendant::*[contains(@class,'wpf-page-info') or contains(@class,'wpf-navi-info')]/text()"))
    m = re.search(r"(\d+)\s*$", total or "")
    draft.page_count = int(m.group(1)) if m else draft.page
    draft.next_url = doc.absolute(head(under_each(bars, "descendant::a[contains(@class,'wpf-next') or contains(@class,'next')]/@href"))) or head_link(doc, "next")
    draft.language = first(doc.root, "/html/@lang") or None
    for stat in xpath(doc.root, "//@class[contains(.,'wpf-tstat') or contains(.,'wpf-topic-stat')]/parent::*"):
        _count(draft, text_of(stat))
    settle_day_order(draft.posts, ctx)
    return draft


def _count(draft: ThreadDraft, text: str) -> None:
    m = re.search(r"([\d,.]+)\s*(replies|reply|posts|views)", text, re.I)
    if not m:
        return
    value = int(re.sub(r"\D", "", m.group(1)))
    if m.group(2).lower() == "views":
        draft.view_count = value
    elif m.group(2).lower().startswith("repl"):
        draft.reply_count = value


def _post(doc: Document, box: Any, ctx: ParseContext, base: str | None) -> PostDraft:
    native = digits(box.get("id"))
    content = xp("descendant::div[" + has_class("wpforo-post-content") + "]")(box)[0]
    user = first(box, "descendant::*[contains(@class,'author-name')]/descendant::a[@href]")
    author = norm_space(user.text_content()) if user is not None else None
    if author and author.endswith(("...", "…")):
        # The visible name is cut; the avatar's alt text holds it whole.
        alt = first(box, "descendant::*[contains(@class,'author-avatar')]/descendant::img/@alt")
        if alt and alt.lower().startswith(author.rstrip(".…").lower()):
            author = norm_space(alt)
    date = first(box, "descendant::*[contains(@class,'wpforo-post-content-bottom')]/descendant::*[contains(@class,'cbleft')]"
                 " | descendant::*[contains(@class,'wpforo-post-content-bottom')] | descendant::*[contains(@class,'wpf-post-date')] | descendant::time")
    raw_date = None
    if date is not None:
        raw_date = date.get("datetime") if date.tag == "time" else re.sub(r"^\s*(posted|gepostet|publié)\s*:\s*", "", text_of(date).split("\n")[0], flags=re.I)
    body = clean_copy(content, drop=_BODY_DROP)
    # The opening post repeats the topic title as an <h5> above the words.
    heading = first(body, "./h5[1]")
    title = None
    if heading is not None and heading.getprevious() is None and not (body.text or "").strip():
        title = norm_space(heading.text_content())
        body.remove(heading)
    quotes = extract_quotes(body, "blockquote", _quote)
    author_url = absolute(user.get("href"), base) if user is not None else None
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, base),
        body_element=body,
        author=author,
        author_url=author_url,
        author_id=_user_id(author_url),
        native_id=native,
        url=f"{(doc.url or '').split('#')[0]}#post-{native}" if native and doc.url else None,
        published=shown_date(raw_date, ctx, day_first=ctx.hints.day_first) if raw_date else None,
        title=title,
        quotes=quotes,
        attachments=attachments_in(xp("descendant::*[contains(@class,'wpforo-post-attached-files') or contains(@class,'wpfa-item')]/descendant::a[@href]")(box), base),
        images=images_in(body, base, skip=lambda img: "emoji" in (img.get("class") or "") or "wp-smiley" in (img.get("class") or "")),
        likes=_likes(box),
    )


def _user_id(url: str | None) -> str | None:
    m = re.search(r"/(?:participant|profile)/(\d+)/", url or "")
    return m.group(1) if m else None


def _quote(node: Any) -> QuoteDraft:
    header = first(node, "./div[contains(@class,'wpforo-post-quote-author')] | descendant::cite")
    who = None
    if header is not None:
        m = re.search(r"(?:Posted by|Quote from|Zitat von)\s*:?\s*@?(\S[^\n]*)", text_of(header), re.I)
        who = norm_space(m.group(1)) if m else norm_space(header.text_content())
        node = clean_copy(node, drop=(".wpforo-post-quote-author", "cite"))
    post_id = first(node, "./@data-postid") if hasattr(node, "xpath") else None
    return QuoteDraft(text_of(node), who or None, post_id)


def _likes(box: Any) -> int | None:
    count = first(box, "descendant::*[contains(@class,'wpf-like-count') or contains(@class,'wpforo-like-count') or contains(@class,'reaction-count')]/text()")
    return int(count) if count and count.strip().isdigit() else None
