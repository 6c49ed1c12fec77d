"""Simple Machines Forum (SMF) 1.x and 2.x topic pages (``index.php?topic=N.M``).

SMF 2 wraps each post in ``div.post_wrapper`` (the message in ``div.inner#msg_N``, the author
in ``div.poster h4``, the date in the ``keyinfo`` line); SMF 1 is a table layout where a named
anchor ``<a name="msgN">`` opens each post's cell and ``div.post`` holds the message.
"""

from __future__ import annotations

import re
from typing import Any

from ..generic.block import quoted_author
from ..html import Document, norm_space, remove, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from . import _kit as kit
from . import _when as when
from ._body import is_smilie, split_body

NAME = "smf"
VERSION = "1"

_NOT_QUOTED = "[not(ancestor::blockquote)][not(ancestor::*[contains(@class, 'quote')])]"
_PROFILE = "contains(@href, 'action=profile')"


def detect(doc: Document) -> bool:
    names = kit.names(doc)
    if not (names.has("post_wrapper") or names.starting("msg")):
        return False  # no post container (_containers) can match
    text = doc.text
    # Each XPath test below needs its words in the source: substring tests first.
    scripted = "smf_theme_url" in text or "smf_scripturl" in text
    credited = "simplemachines.org" in text
    if not scripted and not credited and "smf" not in doc.generator.split():
        return False
    root = doc.root
    marked = bool(
        (scripted and kit.xpath(root, "/descendant::script[contains(., 'smf_theme_url') or contains(., 'smf_scripturl')][1]"))
        or (credited and kit.xpath(root, "/descendant::a[contains(@href, 'simplemachines.org')][contains(., 'SMF') or contains(@title, 'Simple Machines')][1]"))
        or "smf" in doc.generator.split()
    )
    return marked and bool(_containers(doc))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    given, ctx = ctx, when.page_context(doc, ctx)
    posts = [_post(doc, ctx, el, native_id) for el, native_id in _containers(doc)]
    draft = ThreadDraft(NAME, VERSION, [p for p in posts if p is not None])
    _thread_fields(doc, ctx, draft)
    return when.record_timezone(draft, ctx, given)


@kit.per_page  # detection asks too
def _containers(doc: Document) -> list[tuple[Any, str]]:
    found = []
    for wrapper in kit.xpath(doc.root, f"//div[{kit.has_class('post_wrapper')}]"):
        ids = kit.xpath(wrapper, ".//*[starts-with(@id, 'msg_')]/@id | ancestor::*[starts-with(@id, 'msg')][1]/@id")
        native = next((m[1] for m in (re.match(r"^msg_?(\d+)$", i) for i in ids) if m), None)
        if native:
            found.append((wrapper, native))
    if found:
        return found
    # SMF 1: <td><a name="msg123"></a><table>…the post…</table></td>
    for anchor in kit.xpath(doc.root, "//a[@name][starts-with(@name, 'msg')]"):
        match = re.match(r"^msg(\d+)$", anchor.get("name"))
        cell = anchor.getparent()
        if match and cell is not None and kit.xpath(cell, ".//div[@class='post' or starts-with(@id, 'msg_')][1]"):
            found.append((cell, match[1]))
    return found


def _post(doc: Document, ctx: ParseContext, el: Any, native_id: str) -> PostDraft | None:
    found = kit.xpath(el, f".//div[starts-with(@id, 'msg_')][not(contains(@id, 'quick'))][not(contains(@id, 'signature'))][1] | .//div[{kit.has_class('post')}][1]")
    if not found:
        return None
    body = split_body(
        found[0], doc.base_url, session_links=True, skip_image=is_smilie,
        drop=(".signature", ".moderatorbar", ".quickbuttons"),
        quote_xpath="descendant::blockquote | descendant::div[@class='quote']",
        read_quote=_quote,
        attachment_xpath="descendant::a[contains(@href, 'action=dlattach')]",
    )
    for header in kit.xpath(body.element, "descendant::div[contains(@class, 'quoteheader') or contains(@class, 'quotefooter')]"):
        remove(header)  # the header of a quote cut out above
    body.text = text_of(body.element)
    author, author_node = kit.first_text(el, (
        f"descendant::div[{kit.has_class('poster')}]/descendant::h4/descendant::a[{_PROFILE}]",
        f"(descendant::h4 | descendant::b | descendant::strong)/a[{_PROFILE}]{_NOT_QUOTED}",
        f"descendant::div[{kit.has_class('poster')}]/descendant::h4",
        f"descendant::a[{_PROFILE}][not(img)]{_NOT_QUOTED}",
    ))
    profile = author_node.get("href") if author_node is not None and author_node.tag == "a" else None
    attachments = body.attachments + [
        a for a in _attachments(doc, el) if a.url not in {b.url for b in body.attachments}
    ]
    likes_text, _ = kit.first_text(el, ("descendant::*[contains(@class, 'like_count')]",))
    edited_text, _ = kit.first_text(el, ("descendant::*[starts-with(@id, 'modified_')]",))
    title, _ = kit.first_text(el, ("descendant::*[starts-with(@id, 'subject_')]", "descendant::h5"))
    return body.post(
        author=author,
        author_url=kit.link(doc, profile),
        author_id=_user_id(profile),
        native_id=native_id,
        url=_permalink(doc, el, native_id),
        published=_date(ctx, el),
        edited=when.edited_date(ctx, edited_text) if edited_text else None,
        title=title,
        attachments=attachments,
        likes=kit.count(likes_text) if likes_text else None,
    )


def _date(ctx: ParseContext, el: Any):
    for node in kit.xpath(el,
        f"descendant::div[{kit.has_class('postinfo')}]/a[contains(@class, 'smalltext')]"
        f" | descendant::div[{kit.has_class('keyinfo')}]/descendant::*[contains(@class, 'smalltext')][not(contains(@class, 'modified'))]"
        " | descendant::td[div[starts-with(@id, 'subject_')]]/div[@class='smalltext']"
    ):
        resolved = when.resolve_date(ctx, node, when.date_text(node))
        if resolved is not None and resolved.value is not None:
            return resolved
    return None


def _permalink(doc: Document, el: Any, native_id: str) -> str | None:
    hrefs = kit.xpath(el, f"descendant::a[contains(@href, $anchor) or contains(@href, $param)]{_NOT_QUOTED}/@href",
                      anchor=f"msg{native_id}", param=f"msg={native_id}")
    # Not an action on the post ("action=emailuser;sa=email;msg=12", "action=reporttm;msg=12").
    href = next((h for h in hrefs if "action=" not in h), None)
    return kit.link(doc, href) if href else None


def _user_id(href: str | None) -> str | None:
    match = re.search(r"[;&?]u=(\d+)", href or "")
    return match[1] if match else None


def _attachments(doc: Document, el: Any) -> list:
    """SMF lists attachments below the message (``div.attachments``)."""
    from ..model import AttachmentDraft

    found = []
    for a in kit.xpath(el, "descendant::*[contains(@class, 'attachments')]/descendant::a[contains(@href, 'action=dlattach')][normalize-space()]"):
        found.append(AttachmentDraft(kit.link(doc, a.get("href")), norm_space(a.text_content()) or None))
    return found


def _quote(node: Any) -> QuoteDraft:
    """SMF 2.1: ``<blockquote><cite>Quote from: X on DATE</cite>…``; SMF 1/2.0: the header is
    the ``div.quoteheader`` just before the quote."""
    header = None
    cite = kit.xpath(node, "./cite[1]")
    if cite:
        header = cite[0]
    else:
        before = node.getprevious()
        if before is not None and "quoteheader" in (before.get("class") or ""):
            header = before
    author = post_id = None
    if header is not None:
        author = quoted_author(header.text_content())
        hrefs = kit.xpath(header, "descendant::a/@href")
        match = re.search(r"msg=?(\d+)", hrefs[0]) if hrefs else None
        post_id = match[1] if match else None
        if cite:
            remove(header)  # a quoteheader sibling is removed with the others after the quotes
    return QuoteDraft(text=text_of(node), author=author, post_native_id=post_id)


def _thread_fields(doc: Document, ctx: ParseContext, draft: ThreadDraft) -> None:
    root = doc.root
    title = norm_space(doc.meta("og:title") or doc.title) or None
    draft.title = title
    draft.url = ctx.url
    # index.php?topic=123.0, or the search-engine-friendly index.php/topic,123.0.html
    match = re.search(r"[?&;/]topic[=,](\d+)", ctx.url or "")
    if not match:
        for href in kit.xpath(root, "/descendant::link[@rel='canonical']/@href | /descendant::a[contains(@href, 'action=post;topic=')]/@href"):
            match = re.search(r"topic[=,](\d+)", href)
            if match:
                break
    draft.native_id = match[1] if match else None
    crumbs = []
    # Not the board's moderators, linked beside its name: "Board (Moderator: name) »".
    for path in ("/descendant::div[contains(@class, 'navigate_section')][1]/descendant::li/descendant::a", "(/descendant::div[@class='linktree'] | /descendant::*[@id='linktree'])[1]/descendant::a",
                 "/descendant::div[@class='nav'][1]/descendant::a[@class='nav']"):
        crumbs = kit.breadcrumbs(doc, path + "[not(contains(@href, 'action=profile'))]")
        if crumbs:
            break
    draft.breadcrumbs = crumbs
    draft.board = crumbs[-2] if len(crumbs) >= 2 and title and crumbs[-1] == title else (crumbs[-1] if crumbs else None)
    draft.language = when.locale_of(doc)
    subject, _ = kit.first_text(root, ("/descendant::*[@id='top_subject']", "//@class[contains(., 'cat_bar')]/parent::*/descendant::h3"))
    read = re.search(r"\(\D*?([\d.,\u00a0 ]+)\D*\)\s*$", subject or "")
    if read:
        draft.view_count = kit.count(read[1])
    _pagination(doc, draft)


def _pagination(doc: Document, draft: ThreadDraft) -> None:
    """``Pages: [1] 2 3 »``: the current page is bold (``strong``/``b``/``span.current_page``)."""
    boxes = kit.xpath(doc.root, "//@class[contains(., 'pagelinks') or contains(., 'pagesection')]/parent::*[.//a[contains(@href, 'topic=')]]")
    if not boxes:
        boxes = kit.xpath(doc.root, "/descendant::td[contains(@class, 'middletext')][contains(., '[')][.//a[contains(@href, 'topic=')]]")
    if not boxes:
        draft.page = draft.page_count = 1
        return
    box = boxes[0]
    current = kit.xpath(box, ".//*[contains(@class, 'current_page') or self::strong or self::b][normalize-space(translate(., '[]', ''))][1]")
    numbers = [int(t) for t in (norm_space(x).strip("[]") for x in kit.xpath(box, "descendant::text()")) if t.isdigit()]
    if current:
        page = norm_space(current[0].text_content()).strip("[] ")
        if page.isdigit():
            draft.page = int(page)
            draft.page_count = max(numbers + [draft.page])
            after = kit.xpath(current[0], "following::a[contains(@href, 'topic=')][1]")
            if after and draft.page < draft.page_count and kit.is_inside(after[0], box):
                draft.next_url = kit.link(doc, after[0].get("href"))
