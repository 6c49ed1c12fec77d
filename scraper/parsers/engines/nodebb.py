"""NodeBB topic pages.

Every post is ``[component="post"]`` with ``data-pid``, ``data-uid``, ``data-username`` and
``data-timestamp`` (epoch milliseconds, UTC); the body is ``[component="post/content"]``.  A quote
is a ``<blockquote>`` after an attribution line "@user said in <a href="/post/N">topic</a>:".
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin

from ..dates import from_attribute
from ..html import Document, norm_space, text_of
from ..model import AttachmentDraft, ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._postparts import count, filename_of, find, first, has_class, machine_date, split_body, text

NAME = "nodebb"
VERSION = "1"

_POSTS = "//*[@component='post'][@data-pid]"
_DROP = ("[component='post/signature']", "[component='post/footer']")
# The blockquotes of the post and the attribution line just before each one.
_QUOTES = (".//blockquote[not(ancestor::blockquote)]"
           " | .//p[following-sibling::*[1][self::blockquote]][.//a[contains(@href, '/post/')]][contains(., ':')]")
_TOPIC_ID = re.compile(r"/topic/(\d+)")


def detect(doc: Document) -> bool:
    if "nodebb" in doc.generator:
        return True
    root = doc.root
    return bool(find(root, "(//*[@component='post'][@data-pid]//*[@component='post/content'])[1]")
                or find(root, "(//*[@component='topic'][@data-tid])[1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    url = doc.absolute(first(doc.root, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")) or ctx.url
    posts = [p for p in (_post(el, doc, ctx, url) for el in find(doc.root, _POSTS)) if p is not None]
    for position, post in enumerate(posts):
        post.position = position
    draft = ThreadDraft(NAME, VERSION, posts, url=url, language=doc.root.get("lang"))
    draft.title = text(doc.root, "//*[@component='topic/title']", "//h1[" + has_class("topic-title") + "]") or norm_space(doc.meta("og:title")) or doc.title
    tid = first(doc.root, "//*[@component='topic']/@data-tid")
    topic = _TOPIC_ID.search(url or "")
    draft.native_id = tid or (topic[1] if topic else None)
    # The page's own render data (script#ajaxify-data) has the counts and the pagination.
    data = _ajaxify_data(doc)
    crumbs = [norm_space(c) for c in find(doc.root, "(//ol[" + has_class("breadcrumb") + "])[1]/li//*[@itemprop='name']//text()")]
    if not crumbs:
        crumbs = [norm_space(c.get("text")) for c in data.get("breadcrumbs") or () if isinstance(c, dict) and c.get("url")]
        crumbs = [c for c in crumbs if c and not c.startswith("[[")]  # "[[global:home]]" is an untranslated label
    # The last crumb is the topic itself.
    draft.breadcrumbs = [c for c in crumbs if c and c != draft.title]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    draft.page, draft.page_count = _pages(doc, ctx)
    pagination = data.get("pagination") if isinstance(data.get("pagination"), dict) else {}
    if isinstance(pagination.get("pageCount"), int):
        draft.page, draft.page_count = pagination.get("currentPage") or draft.page, pagination["pageCount"]
    draft.next_url = doc.absolute(first(doc.root, "//link[@rel='next']/@href", "//*[@component='pagination']//li[" + has_class("next") + "]/a[@href][not(@href='#')]/@href"))
    if draft.next_url and (draft.next_url == url or (draft.page_count and draft.page and draft.page >= draft.page_count)):
        draft.next_url = None  # the hidden pagination of a one-page topic links to itself
    draft.reply_count = _stat(doc, "topic/post-count", minus_one=True)
    if draft.reply_count is None and isinstance(data.get("postcount"), int):
        draft.reply_count = max(data["postcount"] - 1, 0)
    draft.view_count = _stat(doc, "topic/view-count")
    if draft.view_count is None and isinstance(data.get("viewcount"), int):
        draft.view_count = data["viewcount"]
    draft.tags = [norm_space(t.text_content()) for t in find(doc.root, "//*[@component='topic/tags']//a")]
    if not posts:
        draft.empty_reason = "NodeBB page without server-rendered posts"
    return draft


def _ajaxify_data(doc: Document) -> dict:
    node = first(doc.root, "//script[@id='ajaxify-data']")
    if node is None or not node.text:
        return {}
    try:
        data = json.loads(node.text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _stat(doc: Document, component: str, minus_one: bool = False) -> int | None:
    node = first(doc.root, f"//*[@component='{component}']")
    if node is None:
        return None
    value = count(node.get("title")) if node.get("title") else count(text_of(node))
    if value is not None and minus_one:
        return max(value - 1, 0)  # the post count includes the opening post
    return value


def _pages(doc: Document, ctx: ParseContext) -> tuple[int | None, int | None]:
    page = re.search(r"[?&]page=(\d+)", ctx.url or "")
    current = int(page[1]) if page else 1
    nav = first(doc.root, "//*[@component='pagination']")
    if nav is None:
        return current, None
    numbers = [count(n) for n in find(nav, ".//li[" + has_class("page") + "]//a/text() | .//li[@data-page]/@data-page")]
    active = count(text(nav, ".//li[" + has_class("active") + "]"))
    numbers = [n for n in numbers if n]
    return active or current, max(numbers + [active or current])


def _post(el: Any, doc: Document, ctx: ParseContext, topic_url: str | None) -> PostDraft | None:
    body_el = first(el, ".//*[@component='post/content']")
    if body_el is None:
        return None
    body = split_body(body_el, doc.base_url, _DROP, _QUOTES, _quote, skip_image=_is_emoji)
    pid = el.get("data-pid")
    username = el.get("data-username") or text(el, ".//*[@itemprop='author']//meta[@itemprop='name']/@content",
                                                ".//a[@data-username]")
    profile = first(el, ".//*[@itemprop='author']//meta[@itemprop='url']/@content", ".//a[@data-username][@href]/@href")
    timestamp = el.get("data-timestamp") or first(el, ".//meta[@itemprop='datePublished']/@content")
    published = machine_date(timestamp, None, ctx) if timestamp else None
    edited = None
    modified = first(el, ".//meta[@itemprop='dateModified']/@content")
    if modified and find(el, ".//*[@component='post/editor']") and published is not None:
        edit = from_attribute(modified, ctx.timezone)
        if edit.value is not None and published.value is not None and (edit.value - published.value).total_seconds() > 0:
            edited = edit
    permalink = first(el, f".//a[" + has_class("post-index") + "]/@href", f".//a[@href='/post/{pid}']/@href",
                      f".//a[contains(@href, '/post/{pid}')]/@href")
    votes = first(el, ".//*[@component='post/vote-count']/@data-votes", "@data-votes")
    return PostDraft(
        body_text=body.text,
        body_html=body.html,
        body_element=body.element,
        author=username or None,
        author_url=doc.absolute(profile) if profile else None,
        author_id=el.get("data-uid"),
        native_id=pid,
        url=doc.absolute(permalink) if permalink else (urljoin(topic_url, f"/post/{pid}") if topic_url and pid else None),
        published=published,
        edited=edited,
        quotes=body.quotes,
        attachments=_attachments(body.element, doc),
        likes=count(votes) if votes is not None else None,
        images=body.images,
    )


def _quote(node: Any) -> QuoteDraft | None:
    if node.tag != "blockquote":
        return None  # the attribution line: read with its blockquote, removed with it
    author = post_id = None
    attribution = node.getprevious()
    if attribution is not None and attribution.tag == "p":
        mention = first(attribution, ".//a[" + has_class("plugin-mentions-user") + "]", ".//a[contains(@href, '/user/')]")
        if mention is not None:
            author = norm_space(mention.text_content()).lstrip("@") or None
        link = first(attribution, ".//a[contains(@href, '/post/')]/@href")
        found = re.search(r"/post/(\d+)", link or "")
        post_id = found[1] if found else None
    return QuoteDraft(text_of(node), author, post_id)


def _attachments(body: Any, doc: Document) -> list[AttachmentDraft]:
    out = []
    for link in find(body, ".//a[contains(@href, '/assets/uploads/files/')]"):
        url = doc.absolute(link.get("href"))
        kind = "image" if find(link, ".//img") else "file"
        out.append(AttachmentDraft(url, filename_of(url), kind))
    return out


def _is_emoji(img: Any) -> bool:
    return "emoji" in (img.get("class") or "")
