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
from ..generic.block import quoted_author
from ..html import Document, norm_space, text_of
from ..model import AttachmentDraft, ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import split_body
from ._kit import Classes, canonical_url, count, filename_of, first, has_class, head_link, inside, text, xpath
from ._when import machine_date

NAME = "nodebb"
VERSION = "1"

_POSTS = "/descendant::*[@component='post'][@data-pid]"
_DROP = ("[component='post/signature']", "[component='post/footer']")
# The blockquotes of the post and the attribution line just before each one.
_QUOTES = ("descendant::blockquote[not(ancestor::blockquote)]"
           " | descendant::p[following-sibling::*[1][self::blockquote]][contains(., ':')]"
           "[.//a[contains(@href, '/post/') or contains(@class, 'plugin-mentions')]]")
_TOPIC_ID = re.compile(r"/topic/(\d+)")


def declared(doc: Document) -> bool:
    """Whether the generator names NodeBB."""
    return "nodebb" in doc.generator


def detect(doc: Document) -> bool:
    if declared(doc):
        return True
    if "component=" not in doc.text:  # NodeBB marks everything with component attributes
        return False
    # Every NodeBB page carries its render data as script#ajaxify-data; old themes at least
    # the topic list ul[component=topic].
    return bool(xpath(doc.root, "id('ajaxify-data')[self::script]") or xpath(doc.root, "/descendant::ul[@component='topic'][@data-tid][1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    url = canonical_url(doc) or ctx.url
    # One walk for every [component] of the page; the posts' own components are looked up per post.
    components: dict[str, Any] = {}
    for node in xpath(doc.root, "/descendant::*[@component]"):
        components.setdefault(node.get("component"), node)
    posts = [p for p in (_post(el, doc, ctx, url) for el in xpath(doc.root, _POSTS)) if p is not None]
    for position, post in enumerate(posts):
        post.position = position
    draft = ThreadDraft(NAME, VERSION, posts, url=url, language=doc.root.get("lang"))
    title = components.get("topic/title")
    draft.title = (norm_space(text_of(title)) if title is not None else "") or norm_space(doc.meta("og:title")) or doc.title
    tid = components["topic"].get("data-tid") if "topic" in components else None
    topic = _TOPIC_ID.search(url or "")
    draft.native_id = tid or (topic[1] if topic else None)
    # The page's own render data (script#ajaxify-data) has the counts and the pagination.
    data = _ajaxify_data(doc)
    crumbs = [norm_space(c) for c in xpath(doc.root, "/descendant::ol[" + has_class("breadcrumb") + "][1]/li/descendant::*[@itemprop='name']/descendant::text()")]
    if not crumbs:
        crumbs = [norm_space(c.get("text")) for c in data.get("breadcrumbs") or () if isinstance(c, dict) and c.get("url")]
        crumbs = [c for c in crumbs if c and not c.startswith("[[")]  # "[[global:home]]" is an untranslated label
    # The last crumb is the topic itself.
    draft.breadcrumbs = [c for c in crumbs if c and c != draft.title]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    draft.page, draft.page_count = _pages(components.get("pagination"), ctx)
    pagination = data.get("pagination") if isinstance(data.get("pagination"), dict) else {}
    if isinstance(pagination.get("pageCount"), int):
        draft.page, draft.page_count = pagination.get("currentPage") or draft.page, pagination["pageCount"]
    draft.next_url = head_link(doc, "next") or doc.absolute(
        inside(components.get("pagination"), "descendant::li[" + has_class("next") + "]/a[@href][not(@href='#')]/@href"))
    if draft.next_url and (draft.next_url == url or (draft.page_count and draft.page and draft.page >= draft.page_count)):
        draft.next_url = None  # the hidden pagination of a one-page topic links to itself
    draft.reply_count = _stat(components.get("topic/post-count"), minus_one=True)
    if draft.reply_count is None and isinstance(data.get("postcount"), int):
        draft.reply_count = max(data["postcount"] - 1, 0)
    draft.view_count = _stat(components.get("topic/view-count"))
    if draft.view_count is None and isinstance(data.get("viewcount"), int):
        draft.view_count = data["viewcount"]
    tags = components.get("topic/tags")
    draft.tags = [norm_space(t.text_content()) for t in tags.iter("a")] if tags is not None else []
    if not posts:
        draft.empty_reason = "NodeBB page without server-rendered posts"
    return draft


def _ajaxify_data(doc: Document) -> dict:
    node = first(doc.root, "id('ajaxify-data')")
    if node is None or not node.text:
        return {}
    try:
        data = json.loads(node.text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _stat(node: Any | None, minus_one: bool = False) -> int | None:
    if node is None:
        return None
    value = count(node.get("title")) if node.get("title") else count(text_of(node))
    if value is not None and minus_one:
        return max(value - 1, 0)  # the post count includes the opening post
    return value


def _pages(nav: Any | None, ctx: ParseContext) -> tuple[int | None, int | None]:
    page = re.search(r"[?&]page=(\d+)", ctx.url or "")
    current = int(page[1]) if page else 1
    if nav is None:
        return current, None
    numbers = [count(n) for n in xpath(nav, "descendant::li[" + has_class("page") + "]/descendant::a/text() | descendant::li[@data-page]/@data-page")]
    active = count(text(nav, "descendant::li[" + has_class("active") + "]"))
    numbers = [n for n in numbers if n]
    return active or current, max(numbers + [active or current])


def _post(el: Any, doc: Document, ctx: ParseContext, topic_url: str | None) -> PostDraft | None:
    c = Classes(el, attrs=("component", "itemprop"))
    body_el = c.attr("component", "post/content")
    if body_el is None:
        return None
    body = split_body(body_el, doc.base_url, _DROP, _QUOTES, _quote, skip_image=_is_emoji)
    pid = el.get("data-pid")
    author_box = c.attr("itemprop", "author")
    username = el.get("data-username") or text(el, "descendant::a[@data-username]")
    if not username and author_box is not None:
        username = first(author_box, "descendant::meta[@itemprop='name']/@content")
    profile = inside(author_box, "descendant::meta[@itemprop='url']/@content") or first(el, "descendant::a[@data-username][@href]/@href")
    published_meta = c.attr("itemprop", "datePublished")
    timestamp = el.get("data-timestamp") or (published_meta.get("content") if published_meta is not None else None)
    published = machine_date(timestamp, None, ctx) if timestamp else None
    edited = None
    modified_meta = c.attr("itemprop", "dateModified")
    modified = modified_meta.get("content") if modified_meta is not None else None
    if modified and c.attr("component", "post/editor") is not None and published is not None:
        edit = from_attribute(modified, ctx.timezone)
        if edit.value is not None and published.value is not None and (edit.value - published.value).total_seconds() > 0:
            edited = edit
    index_link = c.first("post-index", tag="a")
    permalink = index_link.get("href") if index_link is not None else first(el, "descendant::a[contains(@href, $path)]/@href", path=f"/post/{pid}")
    vote_count = c.attr("component", "post/vote-count")
    votes = vote_count.get("data-votes") if vote_count is not None else el.get("data-votes")
    return body.post(
        author=username or None,
        author_url=doc.absolute(profile) if profile else None,
        author_id=el.get("data-uid"),
        native_id=pid,
        url=doc.absolute(permalink) if permalink else (urljoin(topic_url, f"/post/{pid}") if topic_url and pid else None),
        published=published,
        edited=edited,
        attachments=_attachments(body.element, doc),
        likes=count(votes) if votes is not None else None,
    )


def _quote(node: Any) -> QuoteDraft:
    if node.tag != "blockquote":
        return QuoteDraft("")  # the attribution line: read with its blockquote, removed with it
    author = post_id = None
    attribution = node.getprevious()
    if attribution is not None and attribution.tag == "p":
        mention = first(attribution, "descendant::a[" + has_class("plugin-mentions-user") + "]", "descendant::a[contains(@href, '/user/')]")
        if mention is not None:
            author = norm_space(mention.text_content()).lstrip("@") or None
        else:  # NodeBB 1.x: <a class="plugin-mentions-a" href="/uid/2">@alice</a> said in …:
            author = quoted_author(text_of(attribution))
        link = first(attribution, "descendant::a[contains(@href, '/post/')]/@href")
        found = re.search(r"/post/(\d+)", link or "")
        post_id = found[1] if found else None
    return QuoteDraft(text_of(node), author, post_id)


def _attachments(body: Any, doc: Document) -> list[AttachmentDraft]:
    out = []
    for link in xpath(body, "descendant::a[contains(@href, '/assets/uploads/files/')]"):
        url = doc.absolute(link.get("href"))
        kind = "image" if xpath(link, "descendant::img") else "file"
        out.append(AttachmentDraft(url, filename_of(url), kind))
    return out


def _is_emoji(img: Any) -> bool:
    return "emoji" in (img.get("class") or "")
