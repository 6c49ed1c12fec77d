"""Discourse topics: the server-rendered page, the JSON API and the JavaScript-only shell.

The server-rendered page (what crawlers and saved pages get) lists posts as
``div.crawler-post`` with schema.org microdata: author ``[itemprop=author] [itemprop=name]``,
``<time class="post-time" datetime>``, ``[itemprop=position]`` (the post number) and the cooked
body ``div.post[itemprop=text]``.  Its ``#data-preloaded`` attribute usually carries the topic's
JSON, which adds the site's post ids and user ids.  The API (``/t/<id>.json``,
``/t/<id>/posts.json``, ``/posts.json``) gives ``post_stream.posts[]`` or ``latest_posts[]``.
A page that has neither posts nor preloaded posts is the JavaScript shell: zero posts.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..dates import ResolvedDate, from_attribute
from ..html import Document, norm_space, text_of
from ..model import AttachmentDraft, ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import split_body
from ._kit import canonical_url, count, filename_of, first, has_class, head_link, names, text, xpath
from ._when import machine_date

NAME = "discourse"
VERSION = "1"

_POSTS = "/descendant::div[" + has_class("crawler-post") + "][not(@role='navigation')][descendant::*[@itemprop='text'] or descendant::*[" + has_class("post") + "]]"
_DROP = (".quote-controls", ".lightbox-wrapper .meta", ".cooked-selection-barrier", ".post-likes", ".crawler-linkback-list")
# A reply quoted with the quote button is an <aside class="quote">; one quoted by Markdown's ">" is a
# bare <blockquote> (one inside an <aside> is a quote's words or a link preview's).
_QUOTES = ("descendant::aside[" + has_class("quote") + "]"
           " | descendant::blockquote[not(ancestor::aside)][not(ancestor::blockquote)]")
_TOPIC_ID = re.compile(r"/t/(?:[^/?#]+/)?(\d+)")
_LIKE_ACTION = 2  # actions_summary id of a like
_SMALL_ACTION = 3  # post_type of "closed", "pinned", "moved" notices: not posts anyone wrote
JS_SHELL = "JavaScript-only Discourse page: the posts are loaded by script and are not in the HTML"


def declared(doc: Document) -> bool:
    """Whether the generator names Discourse."""
    return "discourse" in doc.generator


def detect(doc: Document) -> bool:
    if declared(doc):
        return True
    # Each XPath runs only on a page that has its names (the page's ids, classes and meta names)
    # or its tag in the source: most pages are turned away without a scan of the source.
    found = names(doc)
    root = doc.root
    return bool(
        (found.has("discourse_theme_id", "discourse_current_homepage")
         and xpath(root, "/html/head/meta[@name='discourse_theme_id' or @name='discourse_current_homepage']"))
        or (found.has("data-preloaded") and xpath(root, "id('data-preloaded')[@data-preloaded]"))
        or (found.has("crawler-post-meta")
            and xpath(root, "/descendant::div[" + has_class("crawler-post-meta") + "][ancestor::div[" + has_class("crawler-post") + "]][1]"))
        or ("discourse-assets" in doc.text and xpath(root, "/descendant::discourse-assets[1]"))
    )


def detect_json(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    stream = data.get("post_stream")
    if isinstance(stream, dict) and isinstance(stream.get("posts"), list):
        return True
    return isinstance(data.get("latest_posts"), list) or _is_single_post(data)


def _is_single_post(data: dict) -> bool:
    """``/posts/<id>.json``: one post object."""
    return isinstance(data.get("cooked"), str) and "post_number" in data and "topic_id" in data


# ---------------------------------------------------------------- HTML

def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    url = canonical_url(doc) or ctx.url
    preloaded = _preloaded_topic(doc)
    by_number = {p.get("post_number"): p for p in (preloaded or {}).get("post_stream", {}).get("posts", []) if isinstance(p, dict)}
    elements = xpath(doc.root, _POSTS)
    posts = [_html_post(el, doc, ctx, url, by_number) for el in elements]
    posts = [p for p in posts if p is not None]
    if not posts and by_number:
        # No server-rendered posts, but the preloaded JSON has them.
        posts = [_json_post(p, ctx, url, by_number) for p in by_number.values() if p.get("post_type") != _SMALL_ACTION]
    for position, post in enumerate(posts):
        post.position = position
    draft = ThreadDraft(NAME, VERSION, posts, url=url, language=doc.root.get("lang"))
    draft.title = (norm_space(text(doc.root, "id('topic-title')/descendant::h1")) or norm_space((preloaded or {}).get("title"))
                   or norm_space(doc.meta("og:title")) or doc.title or None)
    topic = _TOPIC_ID.search(url or "")
    draft.native_id = str((preloaded or {}).get("id") or "") or (topic[1] if topic else None)
    draft.breadcrumbs = [norm_space(c.text_content()) for c in xpath(doc.root, "id('topic-title')/descendant::*[" + has_class("category-name") + "]")]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    draft.tags = [norm_space(t.text_content()) for t in xpath(doc.root, "id('topic-title')/descendant::a[" + has_class("discourse-tag") + "]")]
    page = re.search(r"[?&]page=(\d+)", ctx.url or url or "")
    draft.page = int(page[1]) if page else 1
    posts_count = (preloaded or {}).get("posts_count")
    chunk = len((preloaded or {}).get("post_stream", {}).get("posts", [])) or len(posts)
    if isinstance(posts_count, int) and chunk:
        draft.page_count = max(draft.page, -(-posts_count // max(chunk, 20)))
    draft.next_url = head_link(doc, "next") or doc.absolute(first(doc.root, "/descendant::a[@rel='next'][ancestor::div[@role='navigation']][1]/@href"))
    if preloaded:
        draft.reply_count = _reply_count(preloaded)
        draft.view_count = preloaded.get("views") if isinstance(preloaded.get("views"), int) else None
    if not posts:
        draft.empty_reason = JS_SHELL
    return draft


# The "topic_<id>" key of an entry whose value is a string (the lookahead).
_TOPIC_ENTRY = re.compile(r'"topic_\w*"\s*:\s*(?=")')
_JSON = json.JSONDecoder()


def _preloaded_topic(doc: Document) -> dict | None:
    """The topic JSON that Discourse embeds in ``#data-preloaded`` (a JSON object of JSON strings).

    Only the topic's entry is decoded: the site's settings beside it are ten times its size
    (0.45 ms of JSON a page).  Its key is the first "topic_…" that opens an entry of the object,
    after "{" or "," (a quote inside a JSON string is escaped: no text of a value is taken).
    """
    raw = first(doc.root, "id('data-preloaded')/@data-preloaded") or ""
    start = raw.find('"topic_')
    while start != -1:
        key = _TOPIC_ENTRY.match(raw, start)
        if key is not None and raw[:start].rstrip()[-1:] in ("{", ","):
            try:
                value, _ = _JSON.raw_decode(raw, key.end())
                topic = json.loads(value)
            except ValueError:
                return None
            return topic if isinstance(topic, dict) else None
        start = raw.find('"topic_', start + 1)
    return None


def _html_post(el: Any, doc: Document, ctx: ParseContext, url: str | None, by_number: dict) -> PostDraft | None:
    body_el = first(el, "descendant::*[@itemprop='text']", "descendant::div[" + has_class("post") + "]")
    if body_el is None:
        return None
    topic_id = str(next(iter(by_number.values()), {}).get("topic_id") or "")
    body = split_body(body_el, doc.base_url, _DROP, _QUOTES, lambda q: _quote(q, topic_id, by_number), skip_image=_is_emoji)
    number = count(text(el, "descendant::*[@itemprop='position']")) or count((el.get("id") or "").replace("post_", ""))
    data = by_number.get(number, {})
    if data.get("post_type") == _SMALL_ACTION:
        return None
    # Discourse 1.x crawler pages have no microdata: a profile link in the post's meta line.
    author_link = first(el, "descendant::*[@itemprop='author']/descendant::a[@href]", "descendant::*[" + has_class("creator") + "]/descendant::a[@href]",
                        "descendant::*[" + has_class("crawler-post-meta") + "]/descendant::a[contains(@href, '/u/') or contains(@href, '/users/')]")
    author = (text(el, "descendant::*[@itemprop='author']/descendant::*[@itemprop='name']", "descendant::*[" + has_class("creator") + "]")
              or data.get("username") or (norm_space(author_link.text_content()) if author_link is not None else None))
    time_el = first(el, "descendant::time[" + has_class("post-time") + "]", "descendant::time[@datetime]")
    # An edited post shows its edit time (<time itemprop=dateModified class=post-time>) beside a
    # <meta itemprop=datePublished>: the post was published then, and edited at the time shown.
    created = first(el, "descendant::meta[@itemprop='datePublished']/@content")
    shown_at = time_el.get("datetime") if time_el is not None else None
    if created and created != shown_at:
        published = from_attribute(created, ctx.timezone)
    else:
        published = machine_date(shown_at, text_of(time_el), ctx) if time_el is not None else None
    if (published is None or published.value is None) and data.get("created_at"):
        published = from_attribute(data["created_at"], ctx.timezone)
    modified = first(el, "descendant::meta[@itemprop='dateModified']/@content",
                     "descendant::time[@itemprop='dateModified']/@datetime")
    edited = None
    if modified and modified != (created or shown_at):
        edited = from_attribute(modified, ctx.timezone)
    likes = first(el, "descendant::*[@itemprop='interactionStatistic'][.//meta[contains(@content, 'LikeAction')]]/descendant::meta[@itemprop='userInteractionCount']/@content")
    native_id = str(data["id"]) if data.get("id") else None
    return body.post(
        author=author or None,
        author_url=doc.absolute(author_link.get("href")) if author_link is not None else None,
        author_id=str(data["user_id"]) if data.get("user_id") else None,
        native_id=native_id,
        url=_post_url(url, number, data),
        published=published,
        edited=edited,
        attachments=_attachments(body.element, doc.base_url),
        likes=count(likes) if likes else _likes(data),
    )


def _post_url(topic_url: str | None, number: int | None, data: dict) -> str | None:
    if data.get("post_url") and topic_url:
        return urljoin(topic_url, data["post_url"])
    if not topic_url or not number:
        return None
    base = re.sub(r"[?#].*$", "", topic_url).rstrip("/")
    base = re.sub(r"(/t/[^/]+/\d+)/\d+$", r"\1", base)
    return f"{base}/{number}"


def _quote(node: Any, topic_id: str = "", by_number: dict | None = None) -> QuoteDraft:
    content = first(node, "descendant::blockquote")
    author = node.get("data-username")
    if not author:
        author = text(node, "descendant::*[" + has_class("title") + "]").rstrip(":") or None
    # data-post is the quoted post's number in data-topic, not the site's post id: the topic's
    # JSON maps numbers of this topic to ids.
    quoted = None
    if by_number and topic_id and node.get("data-topic") == topic_id:
        quoted = (by_number.get(count(node.get("data-post"))) or {}).get("id")
    return QuoteDraft(text_of(content if content is not None else node), author, str(quoted) if quoted else None)


def _is_emoji(img: Any) -> bool:
    classes = img.get("class") or ""
    return "emoji" in classes or "avatar" in classes


def _attachments(body: Any, base: str | None) -> list[AttachmentDraft]:
    out: list[AttachmentDraft] = []
    for link in xpath(body, "descendant::a[" + has_class("attachment") + "][@href]"):
        url = urljoin(base or "", link.get("href"))
        out.append(AttachmentDraft(url, norm_space(link.text_content()) or filename_of(url), "file"))
    for link in xpath(body, "descendant::a[" + has_class("lightbox") + "][@href]"):
        url = urljoin(base or "", link.get("href"))
        name = link.get("title") or filename_of(url)
        out.append(AttachmentDraft(url, name, "image"))
    return out


def _likes(data: dict) -> int | None:
    for action in data.get("actions_summary") or ():
        if isinstance(action, dict) and action.get("id") == _LIKE_ACTION:
            return action.get("count")
    return data.get("like_count") if isinstance(data.get("like_count"), int) else None


def _reply_count(topic: dict) -> int | None:
    if isinstance(topic.get("reply_count"), int):
        return topic["reply_count"]
    posts_count = topic.get("posts_count")
    return posts_count - 1 if isinstance(posts_count, int) and posts_count > 0 else None


# ---------------------------------------------------------------- JSON API

def parse_json(data: Any, ctx: ParseContext) -> ThreadDraft:
    if "post_stream" in data:
        raw_posts = data["post_stream"].get("posts") or []
        topic = data
    elif _is_single_post(data):
        raw_posts, topic = [data], {}
    else:
        raw_posts = data.get("latest_posts") or []
        topic = {}
    raw_posts = [p for p in raw_posts if isinstance(p, dict) and p.get("post_type") != _SMALL_ACTION]
    topic_ids = {p.get("topic_id") for p in raw_posts if p.get("topic_id")}
    topic_id = topic.get("id") or (topic_ids.pop() if len(topic_ids) == 1 else None)
    if topic and all(isinstance(p.get("post_number"), int) for p in raw_posts):
        # The thread's order: /t/<id>/posts.json?post_number=N lists a topic's posts newest first.
        raw_posts.sort(key=lambda p: p["post_number"])
    first_post = raw_posts[0] if raw_posts else {}
    slug = topic.get("slug") or first_post.get("topic_slug")
    topic_url = _topic_url(ctx.url, slug, topic_id)
    by_number = {p.get("post_number"): p for p in raw_posts} if topic else {}
    posts = [_json_post(p, ctx, topic_url, by_number) for p in raw_posts]
    for position, post in enumerate(posts):
        post.position = position
    draft = ThreadDraft(NAME, VERSION, posts, url=topic_url or ctx.url)
    draft.title = norm_space(topic.get("title") or topic.get("fancy_title") or first_post.get("topic_title")) or None
    draft.native_id = str(topic_id) if topic_id else None
    draft.tags = [t if isinstance(t, str) else str(t.get("name", "")) for t in topic.get("tags") or () if t]
    if topic:
        draft.reply_count = _reply_count(topic)
        draft.view_count = topic.get("views") if isinstance(topic.get("views"), int) else None
    if not posts:
        draft.empty_reason = "Discourse JSON without posts"
    return draft


def _topic_url(url: str | None, slug: str | None, topic_id: Any) -> str | None:
    if not url:
        return None
    if topic_id and slug:
        return urljoin(url, f"/t/{slug}/{topic_id}")
    # /t/slug/123.json, /t/123/posts.json → the topic page
    return re.sub(r"(?:/posts)?\.json(?:[?#].*)?$", "", url)


def _json_post(p: dict, ctx: ParseContext, topic_url: str | None, by_number: dict | None = None) -> PostDraft:
    base = topic_url or ctx.url
    cooked = p.get("cooked") or ""
    fragment = _fragment(cooked)
    body = split_body(fragment, base, _DROP, _QUOTES, lambda q: _quote(q, str(p.get("topic_id") or ""), by_number),
                      skip_image=_is_emoji)
    username = p.get("username")
    profile = urljoin(base, f"/u/{username}") if base and username else None
    created = p.get("created_at")
    published: ResolvedDate | None = from_attribute(created, ctx.timezone) if created else None
    edited = None
    if (p.get("version") or 1) > 1 and p.get("updated_at"):
        edited = from_attribute(p["updated_at"], ctx.timezone)
    number = p.get("post_number")
    url = urljoin(base, p["post_url"]) if base and p.get("post_url") else _post_url(base, number, {})
    return body.post(
        author=username or p.get("name"),
        author_url=profile,
        author_id=str(p["user_id"]) if p.get("user_id") is not None else None,
        native_id=str(p["id"]) if p.get("id") is not None else None,
        url=url,
        published=published,
        edited=edited,
        attachments=_attachments(body.element, base),
        likes=_likes(p),
    )


def _fragment(cooked: str) -> Any:
    if not cooked.strip():
        return lxml.html.fragment_fromstring("<div></div>")
    try:
        return lxml.html.fragment_fromstring(cooked, create_parent="div")
    except (etree.ParserError, ValueError):
        return lxml.html.fragment_fromstring("<div></div>")
