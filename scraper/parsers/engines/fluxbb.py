"""FluxBB and PunBB topic pages (``viewtopic.php?id=N``).

Each post is ``div.blockpost#pN``: the permalink and date in its ``h2``, the author in
``div.postleft dt``, the message in ``div.postmsg`` (quotes are ``div.quotebox`` with a
``cite``), the edit line ``p.postedit`` and the signature ``div.postsignature``.  PunBB 1.3+
(``div.post#pN``, ``div.entry-content``) is read by the same rules with its own class names.
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

NAME = "fluxbb"
VERSION = "1"

_POSTS = (
    f"/descendant::div[{kit.has_class('blockpost')}][starts-with(@id, 'p')]"
    f" | /descendant::div[{kit.has_class('post')}][starts-with(@id, 'p')][.//*[{kit.has_class('entry-content')}]]"
)


def detect(doc: Document) -> bool:
    names = kit.names(doc)
    if not (names.has("blockpost") or names.has("post") and names.has("entry-content")):
        return False  # no post container (_POSTS) can match
    text = doc.text
    root = doc.root
    marked = bool(
        (names.has("punviewtopic", "brdfooter", "brdmenu")
         and kit.xpath(root, "/descendant::*[@id='punviewtopic' or @id='brdfooter' or @id='brdmenu'][1]"))
        or (("fluxbb.org" in text or "punbb" in text)
            and kit.xpath(root, "/descendant::a[contains(@href, 'fluxbb.org') or contains(@href, 'punbb')][1]"))
        or "punbb" in doc.generator or "fluxbb" in doc.generator
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
    for el in kit.xpath(doc.root, _POSTS):
        match = re.match(r"^p(\d+)$", el.get("id"))
        if match:
            found.append((el, match[1]))
    return found


def _post(doc: Document, ctx: ParseContext, el: Any, native_id: str) -> PostDraft | None:
    found = kit.xpath(el, f"descendant::div[{kit.has_class('postmsg')}] | descendant::div[{kit.has_class('entry-content')}]")
    if not found:
        return None
    body = split_body(
        found[0], doc.base_url, session_links=True, skip_image=is_smilie,
        drop=(".postsignature", ".sig-content", ".postedit", ".postfoot"),
        quote_xpath=f"descendant::div[{kit.has_class('quotebox')}] | descendant::blockquote[not(ancestor::div[{kit.has_class('quotebox')}])]",
        read_quote=_quote,
        attachment_xpath="descendant::a[contains(@href, 'attachment.php?item=')]",
    )
    author, author_node = kit.first_text(el, (
        f"descendant::div[{kit.has_class('postleft')}]/descendant::dt/descendant::a",
        f"descendant::div[{kit.has_class('postleft')}]/descendant::dt",
        "descendant::*[contains(@class, 'username')]/descendant::a",
        "descendant::*[contains(@class, 'username')]",
    ))
    profile = author_node.get("href") if author_node is not None and author_node.tag == "a" else None
    permalink = None
    date_node = None
    for a in kit.xpath(el, "descendant::h2/descendant::a[contains(@href, $id)] | descendant::*[contains(@class, 'post-link')]/descendant::a[contains(@href, $id)]", id=native_id):
        permalink = kit.link(doc, a.get("href"))
        date_node = a
        break
    edited = None
    edited_text, _ = kit.first_text(el, (f"descendant::*[{kit.has_class('postedit')}]", "descendant::*[contains(@class, 'post-edit')]"))
    if edited_text:
        inside = re.search(r"\(([^()]*\d[^()]*)\)\s*$", edited_text)  # "Last edited by X (2019-09-30 11:46:18)"
        edited = when.resolve_text(ctx, inside[1] if inside else edited_text)
    title, _ = kit.first_text(el, (f"descendant::div[{kit.has_class('postright')}]/h3", "descendant::h3[contains(@class, 'hn')]"))
    return body.post(
        author=author,
        author_url=kit.link(doc, profile),
        author_id=_user_id(profile),
        native_id=native_id,
        url=permalink or kit.link(doc, f"viewtopic.php?pid={native_id}#p{native_id}"),
        published=when.resolve_date(ctx, date_node, norm_space(date_node.text_content())) if date_node is not None else None,
        edited=edited if edited is not None and edited.value is not None else None,
        title=title,
        attachments=body.attachments,
    )


def _user_id(href: str | None) -> str | None:
    match = re.search(r"[?&]id=(\d+)", href or "")
    return match[1] if match else None


def _quote(node: Any) -> QuoteDraft:
    # PunBB 1.2 heads a quote "<div class=incqbox><h4>X wrote:</h4>", FluxBB "<cite>X wrote:</cite>".
    cite = kit.xpath(node, "(./cite | ./div[@class='incqbox']/h4)[1]")
    author = None
    if cite:
        author = quoted_author(cite[0].text_content())
        remove(cite[0])
    return QuoteDraft(text=text_of(node), author=author)


def _thread_fields(doc: Document, ctx: ParseContext, draft: ThreadDraft) -> None:
    root = doc.root
    # PunBB 1.2's trail is a bare list in the bar above the posts.
    crumbs = (kit.breadcrumbs(doc, "/descendant::ul[contains(@class, 'crumbs')][1]/li")
              or kit.breadcrumbs(doc, "/descendant::div[@class='linkst'][1]/div/ul[1]/li"))
    crumbs = [c.lstrip("»› ").strip() for c in crumbs]
    draft.breadcrumbs = crumbs
    draft.title = crumbs[-1] if len(crumbs) >= 2 else (norm_space((doc.title or "").split(" / ")[0]) or None)
    draft.board = crumbs[-2] if len(crumbs) >= 2 else None
    draft.url = ctx.url
    match = re.search(r"[?&]id=(\d+)", ctx.url or "")
    if not match:
        for href in kit.xpath(root, "/descendant::a[contains(@href, 'post.php?tid=')]/@href | /descendant::link[@rel='canonical']/@href"):
            match = re.search(r"(?:tid|id)=(\d+)", href)
            if match:
                break
    draft.native_id = match[1] if match else None
    draft.language = when.locale_of(doc)
    box = kit.xpath(root, "/descendant::p[contains(@class, 'pagelink')][1]")
    if box:
        current = kit.xpath(box[0], "descendant::strong[normalize-space()]")
        numbers = [int(t) for t in (norm_space(x) for x in kit.xpath(box[0], "descendant::a/text() | descendant::strong/text()")) if t.isdigit()]
        if current and norm_space(current[0].text_content()).isdigit():
            draft.page = int(norm_space(current[0].text_content()))
            draft.page_count = max(numbers + [draft.page])
    draft.next_url = kit.next_url(doc, "/descendant::p[contains(@class, 'pagelink')][1]/descendant::a[contains(@class, 'item-next')]/@href")
    if draft.next_url is None and draft.page and draft.page_count and draft.page < draft.page_count:
        after = kit.xpath(root, "/descendant::p[contains(@class, 'pagelink')][1]/descendant::strong/following-sibling::a[1]/@href")
        draft.next_url = kit.link(doc, after[0]) if after else None
