"""Phorum 5 message pages (``read.php?FORUM,THREAD[,MESSAGE]``).

Emerald (the default template) puts each message in ``div.message``: the author in
``div.message-author``, subject link (``read.php?F,T,M#msg-M``) and date in the ``small`` line,
the text in ``div.message-body``.  The classic template uses ``div.PhorumReadMessageBlock`` with
``PhorumReadBodyHead`` lines ("Posted by: X", "Date: …") and ``PhorumReadBodyText``.  Each
message is preceded by a named anchor ``<a name="msg-M">``.
"""

from __future__ import annotations

import re
from typing import Any

from ..html import Document, norm_space, remove, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from . import _kit as kit
from . import _when as when
from ._body import is_smilie, split_body

NAME = "phorum"
VERSION = "1"

_BLOCKS = f"/descendant::div[{kit.has_class('message')}][.//div[{kit.has_class('message-body')}]] | /descendant::div[{kit.has_class('PhorumReadMessageBlock')}]"


def detect(doc: Document) -> bool:
    names = kit.names(doc)
    if not (names.has("message") and names.has("message-body") or names.has("PhorumReadMessageBlock")):
        return False  # no message block (_BLOCKS)
    text = doc.text
    # Each mark below needs one of these (XenForo pages have the message classes too).
    if not (names.has("phorum", "phorum_page") or "phorum" in doc.generator or "phorum.org" in text):
        return False
    if "phorum" not in text and "Phorum" not in text:
        return False  # a substring test is much cheaper than the XPath scans below
    root = doc.root
    marked = bool(
        kit.xpath(root, "/descendant::*[@id='phorum'][1]")
        or ("phorum.org" in text and kit.xpath(root, "/descendant::a[contains(@href, 'phorum.org')][1]"))
        or (names.has("phorum_page") and kit.xpath(root, "/descendant::input[@name='phorum_page'][1]"))
        or "phorum" in doc.generator
    )
    return marked and bool(kit.xpath(root, _BLOCKS))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    given, ctx = ctx, when.page_context(doc, ctx)
    posts = []
    for block in kit.xpath(doc.root, _BLOCKS):
        post = _post(doc, ctx, block)
        if post is not None:
            posts.append(post)
    draft = ThreadDraft(NAME, VERSION, posts)
    _thread_fields(doc, ctx, draft)
    return when.record_timezone(draft, ctx, given)


_MESSAGE_LINK = re.compile(r"read\.php\?(\d+),(\d+),(\d+)")


def _native_id(block: Any) -> str | None:
    for href in kit.xpath(block, "descendant::small/descendant::a/@href | descendant::*[contains(@class, 'PhorumReadBodySubject')]/descendant::a/@href | descendant::strong/a/@href"):
        match = _MESSAGE_LINK.search(href) or re.search(r"#msg-(\d+)", href)
        if match:
            return match.groups()[-1]
    anchors = kit.xpath(block, "preceding::a[@name][starts-with(@name, 'msg-')][1]/@name")
    return anchors[0][4:] if anchors and anchors[0][4:].isdigit() else None


def _post(doc: Document, ctx: ParseContext, block: Any) -> PostDraft | None:
    found = kit.xpath(block, f"descendant::div[{kit.has_class('message-body')}] | descendant::div[{kit.has_class('PhorumReadBodyText')}]")
    if not found:
        return None
    native_id = _native_id(block)
    body = split_body(
        found[0], doc.base_url, session_links=True, skip_image=is_smilie,
        drop=(".message-options", ".message-moderation", ".signature", ".message-signature", ".message-editors", ".PhorumReadNavBlock"),
        quote_xpath="descendant::blockquote",
        read_quote=_quote,
        attachment_xpath="descendant::a[contains(@href, 'file.php?')]",
    )
    author, author_node = kit.first_text(block, (
        f"descendant::div[{kit.has_class('message-author')}]/descendant::a",
        f"descendant::div[{kit.has_class('message-author')}]",
        f"descendant::div[{kit.has_class('PhorumReadBodyHead')}]/descendant::strong/descendant::a",
        f"descendant::div[{kit.has_class('PhorumReadBodyHead')}]/descendant::strong",
    ))
    profile = author_node.get("href") if author_node is not None and author_node.tag == "a" else None
    published = None
    # Emerald: the small line under the author; classic: the head line without the author's name.
    for node in kit.xpath(block, f"descendant::div[{kit.has_class('generic')}]/descendant::small | descendant::div[{kit.has_class('PhorumReadBodyHead')}][not(descendant::strong)]"):
        text = when.date_text(node)
        text = re.sub(r"^[^\d:]*:\s*", "", text) if node.tag == "div" else text  # classic: "Date: …"
        resolved = when.resolve_date(ctx, node, text)
        if resolved is not None and resolved.value is not None:
            published = resolved
            break
    permalink = None
    for href in kit.xpath(block, "descendant::small/descendant::a/@href | descendant::*[contains(@class, 'PhorumReadBodySubject')]/descendant::a/@href"):
        if native_id and native_id in href:
            permalink = kit.link(doc, href)
            break
    if permalink is None and native_id:
        permalink = kit.link(doc, f"#msg-{native_id}")
    edited_text, _ = kit.first_text(block, ("descendant::*[contains(@class, 'message-editors')]", "descendant::*[contains(@class, 'PhorumReadBodyEdit')]"))
    edited = None
    if edited_text:
        match = re.search(r"(?:at|le|am|el|il|:)\s+(.+?)\s+(?:by|par|von|por|da)\s+", edited_text)
        edited = when.resolve_text(ctx, match[1] if match else None)
    title, _ = kit.first_text(block, ("descendant::small/descendant::strong", f"descendant::div[{kit.has_class('PhorumReadBodySubject')}]"))
    return body.post(
        author=author,
        author_url=kit.link(doc, profile),
        author_id=_user_id(profile),
        native_id=native_id,
        url=permalink,
        published=published,
        edited=edited if edited is not None and edited.value is not None else None,
        title=title,
        attachments=body.attachments,
    )


def _user_id(href: str | None) -> str | None:
    match = re.search(r"profile\.php\?\d+,(\d+)", href or "")
    return match[1] if match else None


def _quote(node: Any) -> QuoteDraft:
    """``<blockquote class="bbcode"><div><small>Quote<br /><strong>X</strong></small>…``."""
    header = kit.xpath(node, ".//small[1]")
    author = None
    if header:
        named = kit.xpath(header[0], "descendant::strong")
        author = norm_space(named[0].text_content()) if named else None
        remove(header[0])
    return QuoteDraft(text=text_of(node), author=author)


def _thread_fields(doc: Document, ctx: ParseContext, draft: ThreadDraft) -> None:
    root = doc.root
    first = draft.posts[0].title if draft.posts else None
    draft.title = first or norm_space(doc.title) or None
    draft.url = ctx.url
    match = _MESSAGE_LINK.search(ctx.url or "") or re.search(r"read\.php\?(\d+),(\d+)", ctx.url or "")
    draft.native_id = match[2] if match else None
    # Phorum 5.2 prints a breadcrumb trail; older templates only "Forum list"/"Message list" links.
    crumbs = kit.breadcrumbs(doc, "/descendant::div[@id='breadcrumb']/descendant::a")
    draft.breadcrumbs = crumbs
    draft.board = crumbs[-1] if crumbs else None
    draft.language = when.locale_of(doc)
    box = kit.xpath(root, f"(/descendant::div[{kit.has_class('paging')}] | //@class[contains(., 'PhorumNavLink')]/parent::*[contains(., '[')])[1]")
    if box:
        current = kit.xpath(box[0], "descendant::strong[normalize-space()] | descendant::span[contains(@class, 'current')]")
        numbers = [int(t) for t in (norm_space(x) for x in kit.xpath(box[0], "descendant::a/text() | descendant::strong/text() | descendant::span/text()")) if t.isdigit()]
        if current and norm_space(current[0].text_content()).isdigit():
            draft.page = int(norm_space(current[0].text_content()))
            draft.page_count = max(numbers + [draft.page])
            after = kit.xpath(current[0], "following::a[1]")
            if after and draft.page < draft.page_count and kit.is_inside(after[0], box[0]):
                draft.next_url = kit.link(doc, after[0].get("href"))
    else:
        draft.page = draft.page_count = 1
    if draft.next_url is None:
        draft.next_url = kit.next_url(doc)
