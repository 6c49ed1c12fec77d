"""Comments shown under an article (WordPress, Blogger and themes that follow their markup), as
the posts after the article."""

from __future__ import annotations

import re
from typing import Any

from ..dates import ResolvedDate, combine
from ..html import Document, clean_copy, html_of, norm_space, text_of
from ..model import ParseContext, PostDraft
from .meta import class_values, has_class_token, xp_on

# A comment is an element whose class names it "comment" (WordPress li.comment, Blogger
# li.comment, article.comment) or whose id is a comment anchor; on Blogger's classic layout, the
# comment-author <dt> of <dl id="comments-block">.  Every such element has "comment" in its
# class: testing the page's class values finds them far faster than an XPath over every element.


def _comment_nodes(doc: Document) -> list[Any]:
    """The comment elements, in page order."""
    found = []
    for value in class_values(doc):
        if "comment" not in value:
            continue
        el = value.getparent()
        tag = el.tag
        if tag in ("li", "article", "div") and has_class_token(value, "comment"):
            if tag != "div" or (el.get("id") or "").startswith(("comment-", "div-comment-")):
                found.append(el)
        elif tag == "dt" and "comment-author" in value:
            parent = el.getparent()
            if parent is not None and parent.tag == "dl" and parent.get("id") == "comments-block":
                found.append(el)
    return found


_ID = re.compile(r"^(?:li-|div-)?comment-?(\d+)$|^c(\d{6,})$")
_AUTHOR = (
    ".//*[contains(@class, 'comment-author')]//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
    ".//cite[contains(@class, 'fn') or contains(@class, 'user')]",
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' user ')]",
    ".//*[contains(@class, 'comment-author') or contains(@class, 'comment_author')]",
    ".//cite",
    ".//*[contains(@class, 'author')]",
)
_DATE = (
    ".//time[@datetime]",
    ".//*[contains(@class, 'comment-metadata') or contains(@class, 'commentmetadata') or contains(@class, 'comment-meta')"
    " or contains(@class, 'comment-date') or contains(@class, 'datetime') or contains(@class, 'comment-timestamp')]",
    ".//*[contains(@class, 'date') or contains(@class, 'time')]",
)
_CONTENT = (
    ".//*[contains(@class, 'comment-content') or contains(@class, 'comment-text') or contains(@class, 'comment_text')"
    " or contains(@class, 'comment-entry')]",
    ".//*[contains(@class, 'comment-body') or contains(@class, 'comment_body')]",
)
# Parts of a comment block that are not its words.
_CHROME = (
    ".comment-author", ".comment_author", ".comment-meta", ".comment-metadata", ".commentmetadata", ".reply",
    ".comment-reply-link", ".comment-actions", ".comment-footer", ".children", ".avatar", ".says",
)
# A date written in a comment's header: "August 3, 2019 at 3:12 pm", "7. März 2018", "03.08.2019 15:12".
_DATE_TEXT = re.compile(
    r"(?:\d{1,2}\.?\s+[^\W\d]{3,}\.?,?\s+\d{4}|[^\W\d]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:,?\s*(?:at|um|à|a las|alle)?\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?)?",
    re.I,
)
_SAYS = re.compile(r"\s*(?:says|said|sagt|schreibt|dit|dice)\s*[:,]?.*$", re.I)
_SIDEBAR = re.compile(r"sidebar|widget|recent", re.I)


def _owner(el: Any, comments: set[Any]) -> Any:
    """The comment an element belongs to: its nearest comment ancestor."""
    for node in el.iterancestors():
        if node in comments:
            return node
    return None


def _own(node: Any, paths: tuple[str, ...], comments: set[Any]) -> Any | None:
    """The first element on ``paths`` that belongs to this comment (not a reply) and shows text."""
    for path in paths:
        for el in xp_on(node, path):
            if el not in comments and _owner(el, comments) is node and (el.get("datetime") or text_of(el)):
                return el
    return None


def _native_id(node: Any) -> str | None:
    for el in [node, *node.iterdescendants()][:4]:
        match = _ID.match(el.get("id") or "")
        if match:
            return match.group(1) or match.group(2)
    return None


def _date(el: Any | None, header: str, ctx: ParseContext) -> ResolvedDate | None:
    """The comment's date: a ``<time datetime>`` (with its display text), else a date element's
    text, else a date written in the comment's header."""
    text = norm_space(text_of(el)) if el is not None else ""
    if el is not None and el.get("datetime"):
        resolved = combine(el.get("datetime"), text or None, ctx.fetched_at, ctx.timezone, ctx.hints)
        if resolved.value is not None:
            return resolved
    for source in (text, header):
        match = _DATE_TEXT.search(source)
        if match:
            resolved = ctx.resolve(match.group(0))
            if resolved.value is not None:
                return resolved
    if text and len(text) <= 40 and re.search(r"\d", text):  # "3 days ago", "Yesterday at 3:12"
        resolved = ctx.resolve(text)
        if resolved.value is not None:
            return resolved
    return None


def extract(doc: Document, ctx: ParseContext, first_position: int = 0) -> list[PostDraft]:
    nodes = [
        n for n in _comment_nodes(doc)
        if not any(_SIDEBAR.search(f"{a.get('class', '')} {a.get('id', '')}") or a.tag in ("aside", "nav") for a in n.iterancestors())
    ]
    if nodes and nodes[0].tag == "dt":
        return _blogger_classic(nodes, doc, ctx, first_position)
    comments = set(nodes)
    posts: list[PostDraft] = []
    seen: set[str] = set()
    for node in nodes:
        native_id = _native_id(node)
        if native_id and native_id in seen:
            continue
        content = _own(node, _CONTENT[:1], comments)
        loose = content is None  # the words share their block with the name and date
        if loose:
            content = _own(node, _CONTENT[1:], comments)
        body_el = clean_copy(content if content is not None else node, drop=_CHROME + (".comment",))
        body = text_of(body_el)
        if not body:
            continue
        if native_id:
            seen.add(native_id)
        author_el = _own(node, _AUTHOR, comments)
        author = _SAYS.sub("", norm_space(text_of(author_el))) if author_el is not None else None
        date_el = _own(node, _DATE, comments)
        header = text_of(node)[:300]
        published = _date(date_el, header, ctx)
        if loose:  # drop the block's header lines (name, date)
            lines = body.split("\n")
            while len(lines) > 1 and (lines[0] == author or (published and lines[0] in (published.raw or "")) or len(lines[0]) < 40 and _DATE_TEXT.fullmatch(lines[0].strip())):
                lines.pop(0)
            body = "\n".join(lines)
        permalink = next(
            (a for a in xp_on(node, ".//a[contains(@href, '#comment-') or contains(@href, '#c') or contains(@href, 'comment=')]")
             if _owner(a, comments) is node),
            None,
        )
        url = doc.absolute(permalink.get("href")) if permalink is not None else None
        if url is None and native_id and node.get("id") and doc.url:
            url = f"{doc.url.split('#')[0]}#{node.get('id')}"
        posts.append(
            PostDraft(
                body_text=body,
                body_html=html_of(body_el, doc.base_url),
                body_element=body_el,
                author=author or None,
                native_id=native_id,
                url=url,
                published=published,
                position=first_position + len(posts),
            )
        )
    return posts


def _blogger_classic(nodes: list[Any], doc: Document, ctx: ParseContext, first_position: int) -> list[PostDraft]:
    """Old Blogger templates: ``<dl id="comments-block">`` with dt (author), dd (body), dd (footer)."""
    posts: list[PostDraft] = []
    for dt in nodes:
        body_dd = dt.getnext()
        footer = body_dd.getnext() if body_dd is not None else None
        if body_dd is None or body_dd.tag != "dd":
            continue
        body = text_of(body_dd)
        if not body:
            continue
        anchor = xp_on(dt, ".//a[starts-with(@name, 'c') or starts-with(@id, 'c')]")
        native_id = None
        if anchor:
            match = _ID.match(anchor[0].get("name") or anchor[0].get("id") or "")
            native_id = (match.group(1) or match.group(2)) if match else None
        author = _SAYS.sub("", norm_space(text_of(dt)))
        posts.append(
            PostDraft(
                body_text=body,
                body_html=html_of(body_dd, doc.base_url),
                body_element=body_dd,
                author=author or None,
                native_id=native_id,
                published=_date(footer, "", ctx) if footer is not None and footer.tag == "dd" else None,
                position=first_position + len(posts),
            )
        )
    return posts
