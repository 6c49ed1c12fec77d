"""Reddit comment pages: the current web front end (``<shreddit-post>``/``<shreddit-comment>``
custom elements) and old.reddit.com (``div.thing`` blocks).

The submission is the post at position 0.  Its ``body_text`` starts with the submission title:
on a link post the title (and the linked URL) is all the submission says.  Comments follow in
page order, each with its own text only (replies are separate posts).
"""

from __future__ import annotations

from typing import Any

from ..dates import from_attribute
from ..generic import take_quotes
from ..html import Document, clean_copy, css_first, html_of, norm_space, text_of
from ..model import ParseContext, PostDraft, ThreadDraft
from ._kit import names

NAME = "reddit"
VERSION = "1"


def detect(doc: Document) -> bool:
    if doc.css_first("shreddit-post") is not None:
        return True
    return names(doc).has("thing") and doc.css_first("div.thing[data-type='link'][data-fullname]") is not None and "reddit" in (
        doc.meta("og:site_name") or doc.url or ""
    ).lower()


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    if doc.css_first("shreddit-post") is not None:
        return _parse_shreddit(doc, ctx)
    return _parse_old(doc, ctx)


def _thread(doc: Document, title: str | None, native_id: str | None, subreddit: str | None) -> ThreadDraft:
    return ThreadDraft(NAME, VERSION, title=norm_space(title) or doc.title, native_id=native_id,
                       board=subreddit, breadcrumbs=[subreddit] if subreddit else [])


def _parse_shreddit(doc: Document, ctx: ParseContext) -> ThreadDraft:
    post = doc.css_first("shreddit-post")
    title = post.get("post-title")
    thread = _thread(doc, title, _bare(post.get("id")), post.get("subreddit-prefixed-name"))
    body = css_first(post, "shreddit-post-text-body, [slot='text-body']")
    body = clean_copy(body) if body is not None else None
    text = text_of(body) if body is not None else ""
    link = post.get("content-href") if post.get("post-type") == "link" or post.get("is-link-post") is not None else None
    thread.posts.append(
        PostDraft(
            body_text="\n".join(part for part in (norm_space(title), text, link) if part),
            body_html=html_of(body, doc.base_url) if body is not None else None,
            body_element=body,
            author=post.get("author") or _overflow_author(post),
            author_url=_profile(doc, post.get("author") or _overflow_author(post)),
            native_id=_bare(post.get("id")),
            url=doc.absolute(post.get("permalink")),
            published=from_attribute(post.get("created-timestamp"), ctx.timezone),
            title=norm_space(title) or None,
            likes=_int(post.get("score")),
        )
    )
    for comment in doc.css("shreddit-comment"):
        content = css_first(comment, "[slot='comment']")
        if content is None or _owner(content, "shreddit-comment") is not comment:
            continue
        content = clean_copy(content)
        quotes = take_quotes(content)
        text = text_of(content)
        if not text:
            continue
        stamp = css_first(comment, "faceplate-timeago[ts], time[datetime]")
        thread.posts.append(
            PostDraft(
                body_text=text,
                body_html=html_of(content, doc.base_url),
                body_element=content,
                author=comment.get("author"),
                author_url=_profile(doc, comment.get("author")),
                native_id=_bare(comment.get("thingid")),
                url=doc.absolute(comment.get("permalink")),
                published=from_attribute(stamp.get("ts") or stamp.get("datetime"), ctx.timezone) if stamp is not None else None,
                likes=_int(comment.get("score")),
                quotes=quotes,
            )
        )
    return thread


def _parse_old(doc: Document, ctx: ParseContext) -> ThreadDraft:
    link = doc.css_first("div.thing[data-type='link']")
    if link is None:
        thread = _thread(doc, None, None, None)
        thread.empty_reason = "no Reddit post on the page (neither <shreddit-post> nor old Reddit's div.thing)"
        return thread
    title_el = css_first(link, "a.title")
    title = norm_space(title_el.text_content()) if title_el is not None else None
    thread = _thread(doc, title, _bare(link.get("data-fullname")), link.get("data-subreddit-prefixed"))
    for thing in [link, *doc.css("div.thing[data-type='comment']")]:
        body = css_first(thing, "div.usertext-body div.md")
        if body is not None and _thing_of(body) is not thing:
            body = None  # a reply's text: the comment itself has none (deleted)
        body = clean_copy(body) if body is not None else None
        text = text_of(body) if body is not None else ""
        if thing is link:
            url = None if (thing.get("data-domain") or "").startswith("self.") else thing.get("data-url")
            text = "\n".join(part for part in (title, text, url) if part)
        if not text:
            continue
        stamp = css_first(thing, "time[datetime]")
        thread.posts.append(
            PostDraft(
                body_text=text,
                body_html=html_of(body, doc.base_url) if body is not None else None,
                body_element=body,
                author=thing.get("data-author"),
                author_url=_profile(doc, thing.get("data-author")),
                native_id=_bare(thing.get("data-fullname")),
                url=doc.absolute(thing.get("data-permalink")),
                published=from_attribute(stamp.get("datetime"), ctx.timezone) if stamp is not None else None,
                title=title if thing is link else None,
            )
        )
    return thread


def _owner(el: Any, tag: str) -> Any | None:
    return next((a for a in el.iterancestors(tag)), None)


def _thing_of(el: Any) -> Any | None:
    return next((a for a in el.iterancestors("div") if "thing" in (a.get("class") or "").split()), None)


def _overflow_author(post: Any) -> str | None:
    menu = css_first(post, "shreddit-post-overflow-menu[author-name]")
    return menu.get("author-name") if menu is not None else None


def _profile(doc: Document, author: str | None) -> str | None:
    if not author or author == "[deleted]":
        return None
    return doc.absolute(f"/user/{author}/")


def _bare(fullname: str | None) -> str | None:
    """``t3_1rl0nt4`` → ``1rl0nt4`` (the type prefix is not part of the id)."""
    if not fullname:
        return None
    return fullname.split("_", 1)[1] if fullname[:1] == "t" and "_" in fullname[:3] else fullname


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
