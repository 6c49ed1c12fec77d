"""UBB.threads 7 topic pages (``ubbthreads.php/topics/N/…``, ``showflat.php``).

Each post is the table after an anchor ``<a id="PostN">`` (``name`` in older releases): the
subject line holds the post number link (``#numberN``) and the date (``span.date`` +
``span.time``), ``.author-name`` the author, ``div.post_inner`` the message.  UBB.threads writes
numeric dates in the board's format, month-first (``m/d/y``) by default; a page whose dates can
only be day-first says so itself.
"""

from __future__ import annotations

import re
from typing import Any

from ..html import Document, norm_space, remove, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from . import _kit as kit
from . import _when as when
from ._body import is_smilie, split_body

NAME = "ubbthreads"
VERSION = "1"

_ANCHORS = "/descendant::a[starts-with(@id, 'Post') or starts-with(@name, 'Post')]"


def detect(doc: Document) -> bool:
    if not kit.names(doc).starting("Post"):
        return False  # no post anchor (_ANCHORS)
    text = doc.text
    if "UBB" not in text and "ubbthreads" not in text:
        return False  # a substring test is much cheaper than the XPath scans below
    root = doc.root
    marked = "ubb.threads" in doc.generator or (("ubbcentral.com" in text or "ubbthreads.php" in text) and bool(
        kit.xpath(root, "/descendant::a[contains(@href, 'ubbcentral.com') or contains(@href, 'ubbthreads.php')][1]")
    ))
    return marked and bool(_containers(doc))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    given, ctx = ctx, when.page_context(doc, ctx)
    containers = _containers(doc)
    texts = [t for el, _ in containers for t in kit.xpath(el, "descendant::td[contains(@class, 'subjecttable')]/descendant::span[@class='date']/text()")]
    ctx = when.with_day_first(ctx, texts, default=False)  # UBB.threads' default format is m/d/y
    posts = [_post(doc, ctx, el, native_id) for el, native_id in containers]
    draft = ThreadDraft(NAME, VERSION, [p for p in posts if p is not None])
    _thread_fields(doc, ctx, draft)
    return when.record_timezone(draft, ctx, given)


@kit.per_page  # detection asks too
def _containers(doc: Document) -> list[tuple[Any, str]]:
    found = []
    seen: set[str] = set()
    for anchor in kit.xpath(doc.root, _ANCHORS):
        match = re.match(r"^Post(\d+)$", anchor.get("id") or anchor.get("name") or "")
        table = kit.xpath(anchor, "following-sibling::*[1][self::table]")
        # Gallery and reply views show the topic's first post again above the reply: keep it once.
        if match and match[1] not in seen and table and kit.xpath(table[0], ".//div[contains(@class, 'post_inner')] | .//*[starts-with(@id, 'body')]"):
            seen.add(match[1])
            found.append((table[0], match[1]))
    return found


def _post(doc: Document, ctx: ParseContext, el: Any, native_id: str) -> PostDraft | None:
    found = kit.xpath(el, "descendant::div[contains(@class, 'post_inner')]/div[starts-with(@id, 'body')] | descendant::div[contains(@class, 'post_inner')]")
    if not found:
        return None
    body = split_body(
        found[0], doc.base_url, session_links=True, skip_image=is_smilie,
        drop=(".signature", ".edit", ".post-edit"),
        quote_xpath=(
            "descendant::div[contains(@class, 'ubbcode-block')][div[contains(@class, 'ubbcode-header')]"
            "[not(starts-with(normalize-space(), 'Code'))]] | descendant::blockquote"
        ),
        read_quote=_quote,
        attachment_xpath="descendant::a[contains(@href, 'download.php') or contains(@href, '/attachments/')]",
    )
    author, author_node = kit.first_text(el, (
        "descendant::*[contains(@class, 'author-name')]/descendant::a[contains(@href, 'users')]",
        "descendant::*[contains(@class, 'author-name')]",
        "descendant::a[contains(@href, 'showprofile')]",
    ))
    profile = author_node.get("href") if author_node is not None and author_node.tag == "a" else None
    published = None
    subject = kit.xpath(el, "descendant::td[contains(@class, 'subjecttable')]")
    if subject:
        day = kit.xpath(subject[0], "descendant::span[@class='date']/text()")
        time = kit.xpath(subject[0], "descendant::span[@class='time']/text()")
        published = when.resolve_text(ctx, " ".join(day[:1] + time[:1]))
    permalink = None
    for href in kit.xpath(el, "descendant::a[@id=$number]/@href | descendant::a[contains(@href, $anchor)]/@href", number=f"number{native_id}", anchor=f"#Post{native_id}"):
        permalink = kit.link(doc, href)
        break
    edited_text, _ = kit.first_text(el, ("descendant::*[contains(@class, 'edit')][contains(., 'dit')]",))
    edited = None
    if edited_text:
        match = re.search(r";\s*(.+?)\.?\s*$", edited_text)  # "Last edited by X; 01/29/13 09:30 AM."
        edited = when.resolve_text(ctx, match[1] if match else None)
    title, _ = kit.first_text(el, ("descendant::td[contains(@class, 'subjecttable')]/descendant::div[contains(@class, 'truncate')]/@title",))
    return body.post(
        author=author,
        author_url=kit.link(doc, profile),
        author_id=_user_id(profile),
        native_id=native_id,
        url=permalink or kit.link(doc, f"#Post{native_id}"),
        published=published if published is not None and published.value is not None else None,
        edited=edited if edited is not None and edited.value is not None else None,
        title=title,
        attachments=body.attachments,
    )


def _user_id(href: str | None) -> str | None:
    match = re.search(r"/users/(\d+)|[?&]User=(\d+)", href or "")
    return (match[1] or match[2]) if match else None


def _quote(node: Any) -> QuoteDraft:
    """``div.ubbcode-block`` with ``div.ubbcode-header`` ("Originally Posted by: X")."""
    header = kit.xpath(node, "./div[contains(@class, 'ubbcode-header')]")
    author = None
    if header:
        match = re.search(r"(?:by|von|par|de)\s*:?\s*(.+)$", norm_space(header[0].text_content()), re.I)
        author = match[1].strip() if match else None
        remove(header[0])
    return QuoteDraft(text=text_of(node), author=author)


def _thread_fields(doc: Document, ctx: ParseContext, draft: ThreadDraft) -> None:
    root = doc.root
    crumb_bar = kit.first(root, "(/descendant::*[@id='breadcrumbs']/descendant::h1 | //@class[contains(., 'breadcrumbs')]/parent::*/descendant::h1)[1]")
    crumbs: list[str] = []
    title = None
    if crumb_bar is not None:
        links = kit.xpath(crumb_bar, "descendant::a")
        crumbs = [name for name in (norm_space(a.text_content()) for a in links) if name]
        tail = norm_space(" ".join(t for t in kit.xpath(crumb_bar, "descendant::text()[count(preceding::a[1] | $last) = 1]", last=links[-1]) if t)) if links else ""
        title = tail or None
    first = next((p.title for p in draft.posts if p.title), None)
    draft.title = title or first or norm_space((doc.title or "").rsplit(" - ", 1)[0]) or None
    draft.breadcrumbs = crumbs
    draft.board = crumbs[-1] if crumbs else None
    draft.url = ctx.url
    canonical = doc.meta("og:url") or ctx.url or ""
    match = re.search(r"/topics/(\d+)|[?&]Number=(\d+)|/galleries/(\d+)", canonical)
    draft.native_id = next((g for g in match.groups() if g), None) if match else None
    draft.language = when.locale_of(doc)
    draft.next_url = kit.next_url(doc)
