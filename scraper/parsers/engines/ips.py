"""Invision Community (IP.Board) 3, 4 and 5 topic pages.

IPS 4/5 marks every post ``article#elComment_N``; the comment wrapper carries ``data-quotedata``
(JSON: user id, user name, epoch timestamp), the date is ``<time datetime="…Z" title="local
display">``, the body ``[data-role=commentContent]``, quotes ``blockquote.ipsQuote`` with
``data-ipsquote-*`` attributes.  IP.Board 3 has ``div.post_block#post_id_N`` with
``abbr.published[title]`` and the body in ``div.post.entry-content``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..dates import ResolvedDate
from ..html import Document, norm_space, text_of
from ..model import AttachmentDraft, ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import split_body
from ._kit import (
    Classes,
    canonical_url,
    count,
    filename_of,
    first,
    has_class,
    head_link,
    inside_first,
    present,
    text,
    xpath,
)
from ._when import machine_date, page_hints, record_shown_offset, shown_date

NAME = "ips"
VERSION = "1"

_POSTS4 = "/descendant::article[starts-with(@id, 'elComment_')]"
_POSTS3 = "/descendant::div[starts-with(@id, 'post_id_')][" + has_class("post_block") + "]"
_DROP = (
    "[data-excludequote]", ".ipsReact", ".ipsItemControls", ".ipsComment_controls",
    ".ipsEmbedded_placeholder", ".cPost_contentWrap > .ipsMenu", ".ipsSpoiler_header", ".ipsTruncate_more",
)
_QUOTES = "descendant::blockquote[" + has_class("ipsQuote") + "] | descendant::blockquote[" + has_class("ipsBlockquote") + "]"
_TOPIC_ID = re.compile(r"/topic/(\d+)|[?&/]showtopic=(\d+)|[?&]t=(\d+)")


def declared(doc: Document) -> bool:
    """Whether the page names Invision: its body class or id, or the generator."""
    if "ipsapp" in doc.body_classes.split() or "invision" in doc.generator or "ip.board" in doc.generator:
        return True
    body = doc.body
    return body is not None and body.get("id") == "ipboard_body"


def detect(doc: Document) -> bool:
    if declared(doc):
        return True
    # A substring test first: the XPath test needs these words in the source.
    return "core.front.core.comment" in doc.text and bool(
        xpath(doc.root, "/descendant::div[@data-controller='core.front.core.comment'][@data-commentid][1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    hints = page_hints(doc, ctx)
    elements = xpath(doc.root, _POSTS4)
    reader = _post4
    if not elements:
        elements, reader = xpath(doc.root, _POSTS3), _post3
    posts = [p for p in (reader(el, doc, ctx, hints) for el in elements) if p is not None]
    for position, post in enumerate(posts):
        post.position = position
    url = canonical_url(doc) or ctx.url
    draft = ThreadDraft(NAME, VERSION, posts, url=url, title=_title(doc), language=doc.root.get("lang"))
    topic = _TOPIC_ID.search(url or "") or _TOPIC_ID.search(ctx.url or "")
    draft.native_id = next((g for g in topic.groups() if g), None) if topic else None
    draft.breadcrumbs = [c for c in _breadcrumbs(doc) if c != draft.title]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    draft.page, draft.page_count = _pages(doc)
    if posts and draft.page is None:
        draft.page = draft.page_count = 1  # IPS shows pagination whenever there are more pages
    draft.next_url = head_link(doc, "next") or doc.absolute(first(
        doc.root,
        "/descendant::li[" + has_class("ipsPagination_next") + "][not(" + has_class("ipsPagination_inactive") + ")]/a/@href",
        "/descendant::li[" + has_class("ipsPagination__next") + "][not(" + has_class("ipsPagination__inactive") + ")]/a/@href",
        "/descendant::li[" + has_class("next") + "]/a[@rel='next']/@href",
    ))
    if not posts:
        draft.empty_reason = "Invision Community page without posts (a forum index, a login wall or an error page)"
    return record_shown_offset(draft, ctx)


def _title(doc: Document) -> str | None:
    node = first(doc.root, "/descendant::h1[" + has_class("ipsType_pageTitle") + "][1]",
                 "/descendant::h1[" + has_class("ipsPageHeader__title") + "][1]",
                 "/descendant::h1[ancestor::*[" + has_class("ipsPageHeader") + "]][1]",
                 "/descendant::h1[" + has_class("ipsType_pagetitle") + "][1]")
    if node is not None:
        # Topic badges ("Solved", "Pinned") sit inside the heading beside the title.
        title = norm_space(" ".join(xpath(node, "descendant::text()[not(ancestor::*[" + has_class("ipsBadge") + "])]"
                                            "[not(ancestor::*[" + has_class("ipsBadges") + "])][not(ancestor::*[@data-ipstooltip])]")))
        if title:
            return title
    return norm_space(doc.meta("og:title") or doc.title) or None


def _breadcrumbs(doc: Document) -> list[str]:
    # The breadcrumb bar also holds an "All Activity" stream link (data-action="defaultStream").
    crumbs = xpath(doc.root, "/descendant::*[" + has_class("ipsBreadcrumb") + " and (self::nav or self::div)][1]/descendant::li/a[not(@data-action)]")
    if not crumbs:
        crumbs = xpath(doc.root, "(id('breadcrumb') | /descendant::ol[" + has_class("breadcrumb") + "])[1]/descendant::li/descendant::a")
    names = [norm_space(c.text_content()) for c in crumbs]
    return [n for n in names if n]


def _pagination(doc: Document) -> Any | None:
    """The first ``ul.ipsPagination`` with ``data-pages`` (IPS 4), else the first one (IPS 5): one
    walk over the page's lists, which stops at the first IPS 4 bar."""
    found = None
    for ul in doc.root.iter("ul"):
        value = ul.get("class")
        if value and "ipsPagination" in value.split():
            if ul.get("data-pages") is not None:
                return ul
            if found is None:
                found = ul
    return found


def _pages(doc: Document) -> tuple[int | None, int | None]:
    nav = _pagination(doc)
    if nav is not None and nav.get("data-pages") is not None:
        current = text(nav, "descendant::li[" + has_class("ipsPagination_active") + "]", "descendant::li[" + has_class("ipsPagination__active") + "]")
        return count(current) or 1, count(nav.get("data-pages"))
    if nav is None:
        return None, None
    current = count(text(nav, "descendant::li[" + has_class("ipsPagination__active") + "]", "descendant::li[" + has_class("ipsPagination_active") + "]"))
    last = first(nav, "descendant::li[" + has_class("ipsPagination__last") + "]/a/@href", "descendant::li[" + has_class("ipsPagination_last") + "]/a/@href")
    numbers = [count(norm_space(a.text_content())) for a in xpath(nav, "descendant::li/a")]
    last_page = re.search(r"/page/(\d+)", last or "")
    pages = [n for n in numbers if n] + ([int(last_page[1])] if last_page else []) + [current or 1]
    return current or 1, max(pages)


# ---------------------------------------------------------------- IPS 4 and 5

def _post4(el: Any, doc: Document, ctx: ParseContext, hints) -> PostDraft | None:
    native_id = el.get("id", "")[len("elComment_"):] or None
    c = Classes(el, attrs=("data-role", "data-commentid"))
    wrap = c.attr("data-commentid", native_id) if native_id else None
    quotedata = _quotedata(wrap)
    body_el = c.attr("data-role", "commentContent")
    if body_el is None:
        return None
    body = split_body(body_el, doc.base_url, _DROP, _QUOTES, _quote, skip_image=_is_emoticon)
    # A mobile copy of the author pane comes first; the desktop one sits in the <aside>.
    panes = c.all("cAuthorPane_author")
    pane = next((p for p in panes if p.getparent() is not None and p.getparent().tag == "aside"), panes[0] if panes else None)
    user_link = present(inside_first("descendant::a[@href]", pane, c.first("ipsEntry__username")), c.first("ipsUsername", tag="a"))
    # The name only: the heading also holds reputation badges and an "OP" label.
    author = text(pane, "./strong", "descendant::a[@href]", "descendant::strong") if pane is not None else ""
    if not author:
        name_link = inside_first("./a", *c.all("ipsEntry__username"))
        author = norm_space(text_of(name_link)) if name_link is not None else ""
    author = author or quotedata.get("username")
    author_url = doc.absolute(user_link.get("href")) if user_link is not None else None
    user_id = quotedata.get("userid") or _profile_id(author_url)
    time_el = inside_first("descendant::time", c.first("ipsComment_meta"), c.first("ipsEntry__date"), c.first("ipsEntry__header"))
    if time_el is None:
        time_el = first(el, "descendant::time[not(ancestor::*[@data-role='commentContent'])]")
    published = _time(time_el, ctx, hints)
    if (published is None or published.value is None) and quotedata.get("timestamp"):
        published = machine_date(str(quotedata["timestamp"]), None, ctx, hints)
    edit_el = first(body_el, "descendant::*[@data-excludequote]/descendant::time", "descendant::*[" + has_class("ipsComment_edited") + "]/descendant::time")
    return body.post(
        author=author or None,
        author_url=author_url,
        author_id=str(user_id) if user_id else None,
        native_id=native_id,
        url=_permalink(el, time_el, doc, ctx, native_id),
        published=published,
        edited=_time(edit_el, ctx, hints),
        attachments=_attachments(body_el, doc),
        likes=_reactions(c),
    )


def _quotedata(wrap: Any) -> dict:
    if wrap is None or not wrap.get("data-quotedata"):
        return {}
    try:
        data = json.loads(wrap.get("data-quotedata"))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _profile_id(url: str | None) -> str | None:
    match = re.search(r"/(?:profile|user)/(\d+)-|[?&]showuser=(\d+)", url or "")
    return next((g for g in match.groups() if g), None) if match else None


def _time(time_el: Any, ctx: ParseContext, hints) -> ResolvedDate | None:
    if time_el is None:
        return None
    display = time_el.get("title") or text_of(time_el)
    return machine_date(time_el.get("datetime"), display, ctx, hints)


def _permalink(el: Any, time_el: Any, doc: Document, ctx: ParseContext, native_id: str | None) -> str | None:
    if not native_id:
        return None
    # IPS wraps the post's date in its permalink; the share menu repeats it.
    wrapper = time_el.getparent() if time_el is not None else None
    if wrapper is not None and wrapper.tag == "a" and native_id in (wrapper.get("href") or ""):
        return doc.absolute(wrapper.get("href"))
    href = first(doc.root, "id($share)/@href", share=f"elSharePost_{native_id}") or first(
        el, "descendant::a[contains(@href, $query)]/@href", "descendant::a[contains(@href, $path)]/@href",
        "descendant::*[@data-url][contains(@data-url, $id)]/@data-url",
        query=f"comment={native_id}", path=f"comment-{native_id}", id=native_id)
    if href:
        return doc.absolute(href)
    base = (doc.url or ctx.url or "").split("#", 1)[0]
    return f"{base}{'&' if '?' in base else '?'}do=findComment&comment={native_id}" if base else None


def _quote(node: Any) -> QuoteDraft:
    author = node.get("data-ipsquote-username")
    if not author:
        citation = text(node, "descendant::*[" + has_class("ipsQuote_citation") + "]")
        match = re.match(r"(?:on .*?, )?(.+?) said:?$", citation)
        author = match[1] if match else None
    content = first(node, "descendant::*[" + has_class("ipsQuote_contents") + "]")
    return QuoteDraft(text_of(content if content is not None else node), author or None,
                      node.get("data-ipsquote-contentcommentid") or None)


def _attachments(body_el: Any, doc: Document) -> list[AttachmentDraft]:
    out: list[AttachmentDraft] = []
    seen: set[str] = set()
    for link in xpath(body_el, "descendant::a[" + has_class("ipsAttachLink") + "]"):
        url = doc.absolute(link.get("href"))
        if not url or url in seen:
            continue
        seen.add(url)
        img = first(link, "descendant::img")
        if img is not None:
            out.append(AttachmentDraft(url, img.get("alt") or img.get("title") or filename_of(url), "image"))
        else:
            out.append(AttachmentDraft(url, norm_space(link.text_content()) or filename_of(url), "file"))
    return out


def _reactions(c: Classes) -> int | None:
    counts = [count(text_of(n)) for n in c.all("ipsReact_reactCount")]
    counts = [n for n in counts if n is not None]
    if counts:
        return sum(counts)
    total = present(c.attr("data-role", "reactCountText"), c.first("ipsReact_reactCountOnly"))
    return count(text_of(total)) if total is not None else None


def _is_emoticon(img: Any) -> bool:
    return "ipsEmoji" in (img.get("class") or "") or "emoticons/" in (img.get("src") or "")


# ---------------------------------------------------------------- IP.Board 3

def _post3(el: Any, doc: Document, ctx: ParseContext, hints) -> PostDraft | None:
    native_id = el.get("id", "")[len("post_id_"):] or None
    body_el = first(el, "descendant::div[" + has_class("post") + "][" + has_class("entry-content") + "]", "descendant::div[" + has_class("post_body") + "]")
    if body_el is None:
        return None
    body = split_body(body_el, doc.base_url, (".edit", ".signature", "[data-excludequote]"),
                      "descendant::blockquote[" + has_class("ipsBlockquote") + "]", _quote3, skip_image=_is_emoticon)
    user_link = first(el, "descendant::*[" + has_class("author") + "]/descendant::a[@href]", "descendant::a[@hovercard-ref='member']")
    author = text(el, "descendant::*[" + has_class("author") + "][" + has_class("vcard") + "]/descendant::*[@itemprop='name']",
                  "descendant::*[" + has_class("author") + "][" + has_class("vcard") + "]")
    author_url = doc.absolute(user_link.get("href")) if user_link is not None else None
    date_el = first(el, "descendant::abbr[" + has_class("published") + "]", "descendant::*[@itemprop='commentTime']")
    published = None
    if date_el is not None:
        published = machine_date(date_el.get("title") or date_el.get("content"), text_of(date_el), ctx, hints)
    else:
        published = shown_date(text(el, "descendant::*[" + has_class("posted_info") + "]"), ctx, hints=hints)
    permalink = first(el, "descendant::a[@rel='bookmark']/@href", "descendant::a[contains(@href, $query)]/@href",
                      query=f"p={native_id}")
    return body.post(
        author=author or (norm_space(user_link.text_content()) if user_link is not None else None),
        author_url=author_url,
        author_id=_profile_id(author_url),
        native_id=native_id,
        url=doc.absolute(permalink) if permalink else None,
        published=published,
        likes=count(text(el, "descendant::*[" + has_class("rep_show") + "]")),
    )


def _quote3(node: Any) -> QuoteDraft:
    return QuoteDraft(text_of(node), node.get("data-author") or None, node.get("data-cid") or None)
