"""Flarum discussion pages.

Flarum renders posts with JavaScript from a JSON:API payload embedded in the page
(``<script id="flarum-json-payload">`` in 1.x, ``flarum.core.app.load({...})`` in the betas):
``apiDocument.data`` is the discussion, ``apiDocument.included`` its posts (``contentHtml``,
``createdAt``, ``number``) and users.  For crawlers it also prints the same posts without dates
in ``<noscript>`` (``#flarum-content``): ``<h3>`` the author, ``div.Post-body`` the body.
The payload is read first; the noscript list is the fallback.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..dates import from_attribute
from ..html import Document, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import split_body
from ._kit import canonical_url, first, has_class, head_link, names, text, xpath

NAME = "flarum"
VERSION = "1"

_LOAD_CALL = re.compile(r"flarum\.core\.app\.load\(\s*")
_DROP = (".Post-footer", ".Post-actions")
_QUOTES = "descendant::blockquote[not(ancestor::blockquote)]"
_DISCUSSION_ID = re.compile(r"/d/(\d+)")


def detect(doc: Document) -> bool:
    # What the lookups below need (its ids, its boot script): most pages are turned away here.
    if not (names(doc).has("flarum-json-payload", "flarum-loading", "flarum-content") or "flarum.core.app" in doc.text):
        return False
    root = doc.root
    return bool(
        xpath(root, "id('flarum-json-payload flarum-loading flarum-content')")
        or xpath(root, "/descendant::script[contains(., 'flarum.core.app')][1]")
    )


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    url = canonical_url(doc) or ctx.url
    payload = _payload(doc)
    api = payload.get("apiDocument") if isinstance(payload.get("apiDocument"), dict) else {}
    discussion = api.get("data") if isinstance(api.get("data"), dict) and api["data"].get("type") == "discussions" else {}
    base = _forum_base(payload, url)
    posts = _payload_posts(api, discussion, base, ctx) if discussion else []
    if not posts:
        posts = _noscript_posts(doc)
    for position, post in enumerate(posts):
        post.position = position
    attributes = discussion.get("attributes") or {}
    draft = ThreadDraft(NAME, VERSION, posts, url=url, language=doc.root.get("lang"))
    draft.title = (norm_space(attributes.get("title")) or text(doc.root, "id('flarum-content')/descendant::h1", "id('flarum-content')/descendant::h2", "/descendant::noscript/descendant::h2") or norm_space(doc.meta("og:title")) or doc.title or None)
    found = _DISCUSSION_ID.search(url or "")
    draft.native_id = str(discussion.get("id") or "") or (found[1] if found else None)
    comments = attributes.get("commentCount")
    if isinstance(comments, int):
        draft.reply_count = max(comments - 1, 0)
        draft.page_count = max(1, -(-comments // 20))  # Flarum serves 20 posts a page to crawlers
    if isinstance(attributes.get("viewCount"), int):
        draft.view_count = attributes["viewCount"]
    page = re.search(r"[?&]page=(\d+)", ctx.url or url or "")
    draft.page = int(page[1]) if page else 1
    draft.next_url = head_link(doc, "next") or doc.absolute(
        first(doc.root, "id('flarum-content')/descendant::a[contains(@href, $page)]/@href", page=f"page={draft.page + 1}"))
    draft.tags = _tags(api, discussion)
    draft.board = draft.tags[0] if draft.tags else None
    if not posts:
        draft.empty_reason = "Flarum page without posts in its payload or its noscript content"
    return draft


def _payload(doc: Document) -> dict:
    node = first(doc.root, "id('flarum-json-payload')")  # a <script> in 1.x, a hidden <div> in some themes
    if node is not None and node.text_content().strip():
        try:
            data = json.loads(node.text_content())
        except ValueError:
            data = None
        if isinstance(data, dict):
            return data
    for script in xpath(doc.root, "/descendant::script[contains(., 'flarum.core.app.load')]"):
        source = script.text or ""
        match = _LOAD_CALL.search(source)
        if not match:
            continue
        try:
            data, _ = json.JSONDecoder().raw_decode(source, match.end())
        except ValueError:
            continue
        if isinstance(data, dict):
            return data
    return {}


def _forum_base(payload: dict, url: str | None) -> str | None:
    for resource in payload.get("resources") or ():
        if isinstance(resource, dict) and resource.get("type") == "forums":
            base = (resource.get("attributes") or {}).get("baseUrl")
            if base:
                return base.rstrip("/") + "/"
    return urljoin(url, "/") if url else None


def _payload_posts(api: dict, discussion: dict, base: str | None, ctx: ParseContext) -> list[PostDraft]:
    included = [r for r in api.get("included") or () if isinstance(r, dict)]
    users = {r.get("id"): r.get("attributes") or {} for r in included if r.get("type") == "users"}
    posts = [r for r in included if r.get("type") == "posts" and (r.get("attributes") or {}).get("contentType") == "comment"]
    # The discussion lists the posts in thread order; included resources have no order of their own.
    order = {ref.get("id"): i for i, ref in enumerate(((discussion.get("relationships") or {}).get("posts") or {}).get("data") or ())
             if isinstance(ref, dict)}
    posts.sort(key=lambda r: (order.get(r.get("id"), len(order)), (r.get("attributes") or {}).get("number") or 0))
    slug = (discussion.get("attributes") or {}).get("slug") or ""
    topic_path = f"d/{discussion.get('id')}" + (f"-{slug}" if slug and not slug.startswith(str(discussion.get("id"))) else "")
    if slug.startswith(f"{discussion.get('id')}-"):
        topic_path = f"d/{slug}"
    out = []
    for resource in posts:
        attributes = resource.get("attributes") or {}
        relationships = resource.get("relationships") or {}
        user_ref = (relationships.get("user") or {}).get("data") or {}
        user = users.get(user_ref.get("id"), {}) if isinstance(user_ref, dict) else {}
        body = split_body(_fragment(attributes.get("contentHtml") or ""), base, _DROP, _QUOTES, _quote)
        username = user.get("username") or user.get("slug")
        number = attributes.get("number")
        likes = (relationships.get("likes") or {}).get("data")
        out.append(body.post(
            author=user.get("displayName") or username,
            author_url=urljoin(base, f"u/{user.get('slug') or username}") if base and (user.get("slug") or username) else None,
            author_id=str(user_ref.get("id")) if isinstance(user_ref, dict) and user_ref.get("id") else None,
            native_id=str(resource.get("id")) if resource.get("id") else None,
            url=urljoin(base, f"{topic_path}/{number}") if base and number else None,
            published=from_attribute(attributes.get("createdAt"), ctx.timezone) if attributes.get("createdAt") else None,
            edited=from_attribute(attributes.get("editedAt"), ctx.timezone) if attributes.get("editedAt") else None,
            likes=len(likes) if isinstance(likes, list) else None,
        ))
    return out


def _noscript_posts(doc: Document) -> list[PostDraft]:
    out = []
    for body_el in xpath(doc.root, "id('flarum-content')/descendant::div[" + has_class("Post-body") + "] | /descendant::noscript/descendant::div[" + has_class("Post-body") + "]"):
        body = split_body(body_el, doc.base_url, _DROP, _QUOTES, _quote)
        holder = body_el.getparent()
        author = text(holder, "./h3", "descendant::*[" + has_class("PostUser-name") + "]") if holder is not None else ""
        out.append(body.post(author=author or None))
    return out


def _tags(api: dict, discussion: dict) -> list[str]:
    refs = ((discussion.get("relationships") or {}).get("tags") or {}).get("data") or ()
    wanted = {r.get("id") for r in refs if isinstance(r, dict)}
    names = [norm_space((r.get("attributes") or {}).get("name")) for r in api.get("included") or ()
             if isinstance(r, dict) and r.get("type") == "tags" and r.get("id") in wanted]
    return [n for n in names if n]


def _quote(node: Any) -> QuoteDraft:
    # Flarum's mentions plugin quotes with a link "@user#123" before or inside the quote.
    mention = first(node, "descendant::a[" + has_class("PostMention") + "]")
    author = post_id = None
    if mention is not None:
        author = norm_space(mention.text_content()).lstrip("@") or None
        post_id = mention.get("data-id")
    words = text_of(node)
    if author and words.startswith(author):
        words = words[len(author):].lstrip()  # the mention link is the attribution, not quoted text
    return QuoteDraft(words, author, post_id)


def _fragment(html: str) -> Any:
    try:
        return lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    except (etree.ParserError, ValueError):
        return lxml.html.fragment_fromstring("<div></div>")

