"""MyBB 1.6/1.8 thread pages (``showthread.php?tid=N``, ``thread-N.html``).

Each post is ``#post_N`` (a ``div.post`` in the 1.8 default theme, a ``table`` in classic
postbits); the message is ``div.post_body#pid_N``, the author the ``largetext`` link, the date
``span.post_date`` (relative dates carry the full date in a ``title``).  MyBB's default date
format is month-first (``m-d-Y``); a page whose dates can only be day-first says so itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..generic.block import quoted_author
from ..html import Document, norm_space, remove, text_of
from ..model import AttachmentDraft, ParseContext, PostDraft, QuoteDraft, ThreadDraft
from . import _kit as kit
from . import _when as when
from ._body import is_smilie, split_body

NAME = "mybb"
VERSION = "1"


def detect(doc: Document) -> bool:
    if not kit.names(doc).starting("pid_"):
        return False  # no post message (id="pid_N")
    text = doc.text
    if "MyBB" not in text and "mybb" not in text:
        return False  # a substring test is much cheaper than the XPath scans below
    root = doc.root
    marked = bool(
        ("mybb.com" in text and "MyBB" in text and kit.xpath(root, "/descendant::a[contains(@href, 'mybb.com')][contains(., 'MyBB')][1]"))
        or ("MyBB" in text and kit.xpath(root, "/descendant::script[contains(., 'MyBB')][1]"))
        or "mybb" in doc.generator
    )
    return marked and bool(kit.xpath(root, "/descendant::*[starts-with(@id, 'pid_')][1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    given, ctx = ctx, when.page_context(doc, ctx)
    containers = _containers(doc)
    ctx = _date_order(ctx, containers)
    posts = [_post(doc, ctx, el, native_id) for el, native_id in containers]
    draft = ThreadDraft(NAME, VERSION, [p for p in posts if p is not None])
    _thread_fields(doc, ctx, draft)
    return when.record_timezone(draft, ctx, given)


def _containers(doc: Document) -> list[tuple[Any, str]]:
    found = []
    for el in kit.xpath(doc.root, "/descendant::*[starts-with(@id, 'post_')][self::div or self::table]"):
        match = re.match(r"^post_(\d+)$", el.get("id"))
        if match and kit.xpath(el, "descendant::*[@id=$id]", id=f"pid_{match[1]}"):
            found.append((el, match[1]))
    return found


def _date_order(ctx: ParseContext, containers: list) -> ParseContext:
    """Numeric dates: the page's own dates decide the order, else MyBB's default (month-first)."""
    texts = [t for el, _ in containers for t in kit.xpath(el, "descendant::span[contains(@class, 'post_date')]/text()")]
    return when.with_day_first(ctx, texts, default=False)


def _post(doc: Document, ctx: ParseContext, el: Any, native_id: str) -> PostDraft | None:
    found = kit.xpath(el, "descendant::*[@id=$id]", id=f"pid_{native_id}")
    if not found:
        return None
    body = split_body(
        found[0], doc.base_url, session_links=True, skip_image=is_smilie,
        drop=(".signature", ".post_controls", ".postbit_buttons"),
        quote_xpath="descendant::blockquote",
        read_quote=_quote,
        attachment_xpath="descendant::a[contains(@href, 'attachment.php?aid=')] | descendant::img[contains(@src, 'attachment.php?')]",
    )
    author, author_node = kit.first_text(el, (
        f"descendant::*[{kit.has_class('largetext')}]/descendant::a",
        "descendant::*[contains(@class, 'post_author')]/descendant::strong/descendant::a",
        f"descendant::*[{kit.has_class('largetext')}]",
        "descendant::*[contains(@class, 'post_author')]/descendant::strong",
    ))
    profile = author_node.get("href") if author_node is not None and author_node.tag == "a" else None
    attachments = list(body.attachments)
    known = {a.url for a in attachments}
    for a in kit.xpath(el, "descendant::a[contains(@href, 'attachment.php?aid=')][normalize-space()]"):
        url = kit.link(doc, a.get("href"))
        if url not in known:
            known.add(url)
            attachments.append(AttachmentDraft(url, norm_space(a.text_content()) or None))
    edited_text, _ = kit.first_text(el, ("descendant::*[contains(@class, 'edited_post')]",))
    permalink = None
    for href in kit.xpath(el, "descendant::a[contains(@href, $anchor)]/@href", anchor=f"#pid{native_id}"):
        permalink = kit.link(doc, href)
        break
    title, _ = kit.first_text(el, ("descendant::*[contains(@class, 'post_head')]/descendant::a[contains(@href, '#pid')]/@title",))
    return body.post(
        author=author,
        author_url=kit.link(doc, profile),
        author_id=_user_id(profile) or _user_id_beside(el, native_id),
        native_id=native_id,
        url=permalink or kit.link(doc, f"showthread.php?pid={native_id}#pid{native_id}"),
        published=_date(ctx, el),
        edited=when.edited_date(ctx, edited_text) if edited_text else None,
        title=title,
        attachments=attachments,
    )


def _date(ctx: ParseContext, el: Any):
    # span.post_date (1.8 default); the classic postbit prints the date in the tcat bar.
    for node in kit.xpath(el, "descendant::span[contains(@class, 'post_date')] | descendant::td[contains(@class, 'tcat')]/descendant::div[contains(@class, 'smalltext')]"):
        # "Today, 09:14 PM" or "3 hours ago" carry the full date in a title attribute.
        titled = kit.xpath(node, "./span[@title][not(contains(@class, 'post_edit'))]/@title")
        own = norm_space(" ".join(kit.xpath(node, "./text()")))
        for text in (titled[0] if titled else None, own):
            resolved = when.resolve_text(ctx, text)
            if resolved is not None and resolved.value is not None:
                if titled and text == titled[0]:
                    resolved = replace(resolved, raw=norm_space(kit.xpath(node, "string(./span[@title])")) or text)
                return resolved
    return None


def _user_id(href: str | None) -> str | None:
    match = re.search(r"(?:uid=|user-)(\d+)", href or "")
    return match[1] if match else None


def _user_id_beside(el: Any, native_id: str) -> str | None:
    """The user id from the post's reputation or "find all posts" link, for boards whose
    profile links are search-friendly names (``User-Sunlight``)."""
    for href in kit.xpath(el, "descendant::a[contains(@href, 'reputation.php?uid=') or contains(@href, 'action=finduser')]"
                          "[not(ancestor::*[@id=$body])]/@href", body=f"pid_{native_id}"):
        found = _user_id(href)
        if found:
            return found
    return None


def _quote(node: Any) -> QuoteDraft:
    """``<blockquote class="mycode_quote"><cite><span> (date)</span>X Wrote: <a href="…#pidN">``."""
    cite = kit.xpath(node, "./cite[1]")
    author = post_id = None
    if cite:
        header = cite[0]
        for extra in kit.xpath(header, "./span"):
            remove(extra)  # the quoted post's date
        author = quoted_author(header.text_content()) or norm_space(header.text_content()) or None
        hrefs = kit.xpath(header, "descendant::a/@href")
        match = re.search(r"pid=?(\d+)", hrefs[0]) if hrefs else None
        post_id = match[1] if match else None
        remove(header)
    return QuoteDraft(text=text_of(node), author=author, post_native_id=post_id)


def _thread_fields(doc: Document, ctx: ParseContext, draft: ThreadDraft) -> None:
    root = doc.root
    title, _ = kit.first_text(root, ("//@class[contains(., 'thread_title')]/parent::*",))
    draft.title = norm_space(doc.meta("og:title")) or title or norm_space(doc.title) or None
    draft.url = ctx.url
    match = re.search(r"(?:[?&]tid=|thread-)(\d+)", ctx.url or "")
    if not match:
        for href in kit.xpath(root, "/descendant::link[@rel='canonical']/@href | /descendant::a[contains(@href, 'newreply.php?tid=')]/@href"):
            match = re.search(r"(?:tid=|thread-)(\d+)", href)
            if match:
                break
    draft.native_id = match[1] if match else None
    crumbs = kit.breadcrumbs(doc, "/descendant::div[contains(@class, 'navigation')][1]/descendant::a[not(contains(@class, 'pagination'))] | /descendant::div[contains(@class, 'navigation')][1]/descendant::span[contains(@class, 'active')]")
    draft.breadcrumbs = crumbs
    if crumbs and draft.title and crumbs[-1] == draft.title:
        draft.board = crumbs[-2] if len(crumbs) > 1 else None
    else:
        draft.board = crumbs[-1] if crumbs else None
    draft.language = when.locale_of(doc)
    box = kit.xpath(root, "/descendant::div[contains(@class, 'pagination')][not(contains(@class, 'pagination_breadcrumb'))][1]")
    if box:
        current = kit.xpath(box[0], "descendant::*[contains(@class, 'pagination_current')]")
        numbers = [int(t) for t in (norm_space(x) for x in kit.xpath(box[0], "descendant::a/text() | descendant::span/text()")) if t.isdigit()]
        if current and norm_space(current[0].text_content()).isdigit():
            draft.page = int(norm_space(current[0].text_content()))
            draft.page_count = max(numbers + [draft.page])
        nxt = kit.xpath(box[0], "descendant::a[contains(@class, 'pagination_next')]/@href")
        draft.next_url = kit.link(doc, nxt[0]) if nxt else None
    else:
        draft.page = draft.page_count = 1
