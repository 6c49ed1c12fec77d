"""Lemmy post pages (lemmy-ui).

The server-rendered page shows the comments but not the post's own text, which is only in the
``window.isoData`` state object of the page (the same JSON the Lemmy API returns).  The post
(position 0) comes from that state; comments follow in page order, their text from the rendered
markdown (``article#comment-N .md-div``), author and date from the state.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..dates import from_attribute
from ..generic import take_quotes
from ..html import Document, clean_copy, css_first, html_of, norm_space, text_of
from ..model import ParseContext, PostDraft, ThreadDraft
from ._kit import names

NAME = "lemmy"
VERSION = "1"

_ISO_DATA = re.compile(r"window\.isoData\s*=\s*")
# The state is a JavaScript literal: JSON except for bare ``undefined`` values.
_UNDEFINED = re.compile(r"(?<=[:,\[])undefined(?=[,}\]])")


def detect(doc: Document) -> bool:
    # The page's names first; the state script is looked for in the first 400 KB (no copy of it).
    return (names(doc).has("app", "lemmy-site") and doc.text.find("window.isoData", 0, 400_000) >= 0
            and doc.css_first("#app, .lemmy-site") is not None)


def _state(doc: Document) -> dict[str, Any]:
    for script in doc.root.iter("script"):
        text = script.text or ""
        match = _ISO_DATA.search(text)
        if not match:
            continue
        try:
            data, _ = json.JSONDecoder().raw_decode(_UNDEFINED.sub("null", text[match.end():]))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return {}


def _get(data: Any, *path: str) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    route = _get(_state(doc), "routeData") or {}
    view = _get(route, "postRes", "data", "post_view") or {}
    post, creator = view.get("post") or {}, view.get("creator") or {}
    community = _get(view, "community", "name")
    thread = ThreadDraft(
        NAME,
        VERSION,
        title=norm_space(post.get("name")) or doc.title,
        native_id=str(post["id"]) if post.get("id") else None,
        board=community,
        breadcrumbs=[community] if community else [],
    )
    if post:
        text = "\n".join(part for part in (post.get("body") or "", post.get("url") or "") if part).strip()
        thread.posts.append(
            PostDraft(
                body_text=text or norm_space(post.get("name")),
                author=creator.get("display_name") or creator.get("name"),
                author_url=creator.get("actor_id"),
                native_id=str(post["id"]) if post.get("id") else None,
                url=doc.absolute(f"/post/{post['id']}") if post.get("id") else None,
                published=from_attribute(post.get("published"), ctx.timezone),
                title=norm_space(post.get("name")) or None,
                likes=_get(view, "counts", "score"),
            )
        )
    by_id = {}
    for item in _get(route, "commentsRes", "data", "comments") or []:
        comment_id = _get(item, "comment", "id")
        if comment_id is not None:
            by_id[str(comment_id)] = item
    for article in doc.css("article[id^='comment-']"):
        comment_id = article.get("id").removeprefix("comment-")
        item = by_id.get(comment_id, {})
        comment, author = item.get("comment") or {}, item.get("creator") or {}
        body = css_first(article, ".md-div")
        body = clean_copy(body) if body is not None else None
        quotes = take_quotes(body) if body is not None else []
        text = text_of(body) if body is not None else (comment.get("content") or "")
        if not text:
            continue
        thread.posts.append(
            PostDraft(
                body_text=text,
                body_html=html_of(body, doc.base_url) if body is not None else None,
                body_element=body,
                author=author.get("display_name") or author.get("name") or _shown_author(article),
                author_url=author.get("actor_id"),
                native_id=comment_id,
                url=doc.absolute(f"/comment/{comment_id}"),
                published=from_attribute(comment.get("published"), ctx.timezone) if comment else None,
                likes=_get(item, "counts", "score"),
                quotes=quotes,
            )
        )
    if not thread.posts:
        thread.empty_reason = "no Lemmy post state in the page"
    return thread


def _shown_author(article: Any) -> str | None:
    link = css_first(article, "a.person-listing")
    return link.get("title") if link is not None else None
