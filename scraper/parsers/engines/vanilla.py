"""Vanilla Forums (2.x and the 3/4 "Keystone" theme) discussion pages.

The discussion's opening post is ``div.ItemDiscussion#Discussion_<id>``; replies are
``li.ItemComment#Comment_<id>``.  Dates are ``<time datetime title>``: the attribute is UTC and the
title ("March 23, 2018 2:55PM") the board's local time; the visible text is often shortened to
"March 27" or "September 2019".  Quotes a user inserts are ``blockquote.Quote.UserQuote``; a plain
``blockquote.blockquote`` is quoted text the author wrote out, and stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .. import dates
from ..html import Document, absolute, clean_copy, css, html_of, images_in, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import attachments_in, extract_quotes
from ._kit import digits, first, has_class, head, head_link, lookup, marked, names, xp, xpath
from ._when import record_shown_offset, shown_date

NAME = "vanilla"
VERSION = "1"

# Every Vanilla version keeps these ids (the ItemDiscussion/ItemComment classes came later);
# id tests are also much cheaper than class tests over the whole page.
_POSTS = "/descendant::div[starts-with(@id,'Discussion_')][contains(@class,'Item')] | /descendant::li[starts-with(@id,'Comment_')][contains(@class,'Item')]"
_BODY_DROP = (".Signature", ".UserSignature", ".Reactions", ".Options")


def declared(doc: Document) -> bool:
    """Whether the page names Vanilla: the id or a class of its body."""
    body = doc.body
    return body is not None and (body.get("id", "").startswith("vanilla_") or " Vanilla " in f" {body.get('class', '')} ")


def detect(doc: Document) -> bool:
    found = names(doc)
    if not ((found.starting("Discussion_") or found.starting("Comment_")) and found.containing("Item")
            or found.containing("MessageList") and found.containing("userContent")):
        return False  # the page's names rule out every post lookup below
    if "ItemComment" not in doc.text and "ItemDiscussion" not in doc.text and 'id="Comment_' not in doc.text:
        return False
    root = doc.root
    if declared(doc):
        return bool(xpath(root, f"({_POSTS})[1]"))
    # A message inside a post of a message list: the predicates stop at the first one found
    # ("(a//b//c)[1]" lists every match first).
    return bool(xpath(root, "/descendant::div[contains(@class,'Message') and contains(@class,'userContent')]"
                            "[ancestor::*[contains(@class,'ItemDiscussion') or contains(@class,'ItemComment')]"
                            "[ancestor::div[contains(@class,'MessageList')]]][1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    base = doc.base_url
    draft = ThreadDraft(NAME, VERSION)
    discussion_url = head_link(doc, "canonical") or doc.url
    boxes = xpath(doc.root, _POSTS)
    for box in boxes:
        post = _post(box, ctx, base, discussion_url)
        if post is not None:
            draft.posts.append(post)
    title = first(doc.root, "/descendant::h1[ancestor::div[@id='Item_0']][1]", "/descendant::h1[1]")
    draft.title = norm_space(title.text_content()) if title is not None else doc.meta("og:title")
    draft.url = discussion_url
    opening = next((b for b in boxes if b.get("id", "").startswith("Discussion_")), None)
    draft.native_id = digits(opening.get("id")) if opening is not None else _id_from_url(doc.url)
    crumbs = lookup(doc, "Breadcrumbs", "/descendant::span[contains(@class,'Breadcrumbs')]/descendant::a | /descendant::div[contains(@class,'Breadcrumbs')]/descendant::a")
    draft.breadcrumbs = [c for c in (norm_space(a.text_content()) for a in crumbs) if c]
    category = first(opening, "descendant::*[contains(@class,'Category')]/descendant::a") if opening is not None else None
    draft.board = norm_space(category.text_content()) if category is not None else (draft.breadcrumbs[-1] if draft.breadcrumbs else None)
    pagers = _pagers(doc)
    draft.page, draft.page_count = _pages(pagers)
    nxt = head([href for pager in pagers for href in xp("descendant::a[contains(@class,'Next')]/@href")(pager)])
    draft.next_url = head_link(doc, "next") or (doc.absolute(nxt) if nxt else None)
    replies = head(lookup(doc, "DiscussionComments", "/descendant::span[contains(@class,'DiscussionComments')]/text()")
                    or lookup(doc, "CommentCount", "//@class[contains(.,'CommentCount')]/parent::*/text()"))
    draft.reply_count = int(digits(replies.replace(",", ""))) if replies and digits(replies) else None
    draft.language = doc.root.get("lang") or None
    return record_shown_offset(draft, ctx)


def _id_from_url(url: str | None) -> str | None:
    m = re.search(r"/discussion/(\d+)|/(\d+)-[^/]+\.html", url or "")
    return next((g for g in m.groups() if g), None) if m else None


def _pagers(doc: Document) -> list[Any]:
    return xpath(doc.root, "/descendant::*[contains(@class,'Pager') and (self::div or self::span or self::nav)]") if marked(doc, "Pager") else []


def _pages(pagers: list[Any]) -> tuple[int, int]:
    for pager in pagers:
        current = head([t for t in xp("descendant::*[contains(@class,'Highlight')]/text()")(pager) if t.strip().isdigit()])
        numbers = [int(t) for t in xp("descendant::a/text()")(pager) if t.strip().isdigit()]
        if current:
            return int(current), max(numbers + [int(current)])
        if numbers:
            return 1, max(numbers)
    return 1, 1


def _post(box: Any, ctx: ParseContext, base: str | None, discussion_url: str | None) -> PostDraft | None:
    message = first(box, "descendant::div[" + has_class("Message") + "]")
    if message is None:
        return None
    box_id = box.get("id", "")
    is_comment = box_id.startswith("Comment_")
    native = digits(box_id)
    user = first(box, "descendant::*[contains(@class,'Author')]/descendant::a[" + has_class("Username") + "]"
                 " | descendant::a[" + has_class("Username") + "]")
    author = norm_space(user.text_content()) if user is not None else None
    author_url = absolute(user.get("href"), base) if user is not None else None
    time = first(box, "descendant::*[contains(@class,'DateCreated')]/descendant::time | descendant::time[@datetime]")
    published = None
    if time is not None:
        # The title is the local wall-clock with minutes; the visible text may be "March 27".
        shown = time.get("title") or text_of(time)
        published = dates.combine(time.get("datetime"), shown, ctx.fetched_at, ctx.timezone, ctx.hints)
    permalink = first(box, "descendant::*[contains(@class,'DateCreated')]/descendant::a[contains(@class,'Permalink')]/@href"
                      " | descendant::a[contains(@class,'Permalink')]/@href")
    url = absolute(permalink, base) if permalink else None
    if not is_comment:
        url = url or discussion_url
    body = clean_copy(message, drop=_BODY_DROP)
    quotes = extract_quotes(body, "blockquote.Quote, blockquote.UserQuote, .UserQuote", _quote)
    edited = _edited(box, ctx)
    if edited is not None and published is not None and published.value is not None:
        # The edit note is the same local wall-clock as the post date: give it the same offset.
        edited = replace(edited, value=edited.value.replace(tzinfo=published.value.tzinfo))
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, base),
        body_element=body,
        author=author,
        author_url=author_url,
        author_id=(user.get("data-userid") if user is not None else None) or None,
        native_id=native if is_comment else (f"discussion-{native}" if native else None),
        url=url,
        published=published,
        edited=edited,
        quotes=quotes,
        attachments=attachments_in(xp("descendant::*[contains(@class,'Attachment')]/descendant::a[@href]")(box), base),
        images=images_in(body, base, skip=lambda img: "emoji" in (img.get("class") or "")),
        likes=_reactions(box),
    )


def _quote(node: Any) -> QuoteDraft:
    who = head(css(node, ".QuoteAuthor a")) if css(node, ".QuoteAuthor") else None
    link = first(node, "descendant::a[contains(@class,'QuoteLink')]/@href")
    said = head(css(node, ".QuoteText"))
    said = clean_copy(said if said is not None else node, drop=(".QuoteAuthor",))
    post_id = None
    if link:
        m = re.search(r"/comment/(\d+)|Comment_(\d+)", link)
        opening = re.search(r"/discussion/(\d+)", link)
        post_id = next((g for g in m.groups() if g), None) if m else (f"discussion-{opening.group(1)}" if opening else None)
    # Vanilla 2.0-2.2 BBCode quotes name the author in rel="<name>" instead of a .QuoteAuthor line.
    author = norm_space(who.text_content()) if who is not None else (norm_space(node.get("rel", "")) or None)
    return QuoteDraft(text_of(said), author, post_id)


def _edited(box: Any, ctx: ParseContext) -> dates.ResolvedDate | None:
    node = first(box, "descendant::*[contains(@class,'DateUpdated')]")
    if node is None:
        return None
    # "Edited March 1, 2025 5:00PM by Linc." in the title attribute.
    title = node.get("title") or text_of(node)
    m = re.search(r"(?:edited\s+)?(.+?\d{1,2}:\d{2}\s*[AP]M)", title, re.I)
    resolved = shown_date(m.group(1) if m else title, ctx)
    return resolved if resolved.value else None


def _reactions(box: Any) -> int | None:
    counts = [int(t) for t in xp("descendant::*[contains(@class,'ReactButton')]/descendant::*[contains(@class,'Count')]/text()")(box) if t.strip().isdigit()]
    return sum(counts) if counts else None
