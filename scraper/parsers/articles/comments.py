"""Comments shown under an article (WordPress, Blogger and themes that follow their markup), as
the posts after the article."""

from __future__ import annotations

import re
from typing import Any, Callable

from ..dates import ResolvedDate, combine
from ..generic.authors import unverified
from ..generic.block import take_quotes
from ..generic.cues import rdfa_date
from ..html import Document, clean_copy, html_of, norm_space, text_of, xpath
from ..model import ParseContext, PostDraft
from .meta import class_values, has_class_token

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
            # Drupal 7 gives its comment div no id: an RDFa type, and the anchor before it.
            if (tag != "div" or (el.get("id") or "").startswith(("comment-", "div-comment-"))
                    or "Comment" in (el.get("typeof") or "")):
                found.append(el)
        elif tag == "dt" and "comment-author" in value:
            parent = el.getparent()
            if parent is not None and parent.tag == "dl" and parent.get("id") == "comments-block":
                found.append(el)
    return found


_ID = re.compile(r"^(?:li-|div-)?comment-?(\d+)$|^c(\d{6,})$")
_ABOUT = re.compile(r"/comment/(\d+)")  # Drupal's RDFa subject: about="/comment/4068#comment-4068"


# Where a comment's parts are, most reliable first: tests of one element of the comment (given
# the element, its class value or '', and the comment), run on the comment's own elements.  Each
# stands for the XPath ``.//*[…]`` from the comment that its docstring names.
Test = Callable[[Any, str, Any], bool]


def _class_has(*needles: str) -> Test:
    """``.//*[contains(@class, a) or contains(@class, b) …]``."""
    return lambda _el, cls, _comment: any(needle in cls for needle in needles)


def _class_token(token: str) -> Test:
    """``.//*[contains(concat(' ', normalize-space(@class), ' '), ' token ')]``."""
    return lambda _el, cls, _comment: has_class_token(cls, token)


def _tag(tag: str, test: Test | None = None) -> Test:
    """``.//tag`` (``.//tag[test]``)."""
    return lambda el, cls, comment: el.tag == tag and (test is None or test(el, cls, comment))


def _fn_in_comment_author(el: Any, cls: str, comment: Any) -> bool:
    """``.//*[contains(@class, 'comment-author')]//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]``."""
    if not has_class_token(cls, "fn"):
        return False
    for node in el.iterancestors():
        if node is comment:
            return False
        if "comment-author" in (node.get("class") or ""):
            return True
    return False


def _time_with_datetime(el: Any, _cls: str, _comment: Any) -> bool:
    """``.//time[@datetime]``."""
    return el.tag == "time" and el.get("datetime") is not None


_AUTHOR: tuple[Test, ...] = (
    _fn_in_comment_author,
    _tag("cite", _class_has("fn", "user")),
    _class_token("fn"),
    _class_token("user"),
    _class_has("comment-author", "comment_author"),
    _class_token("username"),
    _tag("cite"),
    _class_has("author"),
)


def _rdfa_date(el: Any, _cls: str, _comment: Any) -> bool:
    """``.//*[@content][@property]`` whose property is a date of making (Drupal's "dc:date dc:created")."""
    return el.get("content") is not None and rdfa_date(el.get("property"))


def _abbr_with_title(el: Any, _cls: str, _comment: Any) -> bool:
    """``.//abbr[@title]``: the full date behind a short one (Movable Type's "published")."""
    return el.tag == "abbr" and el.get("title") is not None


_DATE: tuple[Test, ...] = (
    _time_with_datetime,
    _rdfa_date,
    _class_has("comment-metadata", "commentmetadata", "comment-meta", "comment-date", "datetime", "comment-timestamp"),
    _class_has("date", "time"),
    _abbr_with_title,
)
# The comment's words in a block of their own (Drupal's body field inside its "comment-text"
# with the comment's title and links), else in a block shared with the name and date.
_CONTENT: tuple[Test, ...] = (
    _class_has("field-name-comment-body", "field--name-comment-body"),
    _class_has("comment-content", "comment-text", "comment_text", "comment-entry"),
)
_LOOSE_CONTENT: tuple[Test, ...] = (_class_has("comment-body", "comment_body"),)
# A comment's permalink: ``.//a[contains(@href, '#comment-') or contains(@href, '#c') or …]``.
_PERMALINK = ("#comment-", "#c", "comment=")
# Parts of a comment block that are not its words.
_CHROME = (
    ".comment-author", ".comment_author", ".comment-meta", ".comment-metadata", ".commentmetadata", ".reply",
    ".comment-reply-link", ".comment-reply", ".comment-actions", ".comment-footer", ".children", ".avatar", ".says",
)
# A date written in a comment's header: "August 3, 2019 at 3:12 pm", "7. März 2018", "03.08.2019 15:12",
# "19.01.2016 на 09:21".
_DATE_TEXT = re.compile(
    r"(?:\d{1,2}\.?\s+[^\W\d]{3,}\.?,?\s+\d{4}|[^\W\d]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:,?\s*(?:at|um|à|a las|alle|om|às|на|в|o|kl\.?|klo|lúc)?\s*\d{1,2}[:.h]\d{2}"
    r"(?:\s*[ap]\.?m\.?)?)?",
    re.I,
)
_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}")
# The verb after a commenter's name, as a word: "Candice says:" keeps its "dice".
_SAYS = re.compile(r"\s+(?:says|said|sagt|schreibt|dit|dice)\b\s*[:,]?.*$", re.I)
_SIDEBAR = re.compile(r"sidebar|widget|recent", re.I)


def _own_elements(node: Any, comments: set[Any]) -> list[tuple[Any, str]]:
    """The comment's elements that are not in a reply (a comment inside it), with their class
    values, in page order: the elements whose nearest comment is this one.  Read once per
    comment, for all its lookups."""
    found = []
    stack = list(reversed(node))
    while stack:
        el = stack.pop()
        if isinstance(el.tag, str) and el not in comments:
            found.append((el, el.get("class") or ""))
            stack.extend(reversed(el))
    return found


def _own(node: Any, own: list[tuple[Any, str]], tests: tuple[Test, ...]) -> Any | None:
    """The first element that passes a test, tests in turn, among the comment's own elements,
    that shows text."""
    for test in tests:
        for el, cls in own:
            if test(el, cls, node) and (el.get("datetime") or text_of(el)):
                return el
    return None


def _native_id(node: Any) -> str | None:
    for el in [node, *node.iterdescendants()][:4]:
        match = _ID.match(el.get("id") or "")
        if match:
            return match.group(1) or match.group(2)
    about = _ABOUT.search(node.get("about") or "")
    return about[1] if about else None


def _date(el: Any | None, header: Callable[[], str], ctx: ParseContext) -> ResolvedDate | None:
    """The comment's date: a ``<time datetime>`` or RDFa date (with its display text), else a date
    element's text (or the full date in its title), else a date written in the comment's header
    (read only then: the whole comment's text)."""
    text = norm_space(text_of(el)) if el is not None else ""
    title = norm_space(el.get("title")) if el is not None and el.tag == "abbr" else ""
    if title:
        # The full date behind the shown one where that reads as none or lacks the time:
        # "March 14, 2017 9:23 AM" behind "2017年3月14日 09:23" (an ISO day behind "March 11th,
        # 2015 at 02:57" is not).
        shown = _DATE_TEXT.search(text)
        if shown is None or not _CLOCK.search(shown.group(0)) and _CLOCK.search(title):
            text = title
    machine = el.get("datetime") or el.get("content") if el is not None else None
    if machine:
        resolved = combine(machine, text or None, ctx.fetched_at, ctx.timezone, ctx.hints)
        if resolved.value is not None:
            return resolved
    for source in (lambda: text, header):
        match = _DATE_TEXT.search(source())
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
        own = _own_elements(node, comments)
        content = _own(node, own, _CONTENT)
        loose = content is None  # the words share their block with the name and date
        if loose:
            content = _own(node, own, _LOOSE_CONTENT)
        body_el = clean_copy(content if content is not None else node, drop=_CHROME + (".comment",))
        quotes = take_quotes(body_el)  # the quoted comment stays in place, marked, as in a forum post
        body = text_of(body_el)
        if not body:
            continue
        if native_id:
            seen.add(native_id)
        author_el = _own(node, own, _AUTHOR)
        author = unverified(_SAYS.sub("", norm_space(text_of(author_el)))) if author_el is not None else None
        date_el = _own(node, own, _DATE)
        published = _date(date_el, lambda: text_of(node)[:300], ctx)
        if loose:  # drop the block's header lines (name, date)
            lines = body.split("\n")
            while len(lines) > 1 and (lines[0] == author or (published and lines[0] in (published.raw or "")) or len(lines[0]) < 40 and _DATE_TEXT.fullmatch(lines[0].strip())):
                lines.pop(0)
            body = "\n".join(lines)
        permalink = next(
            (a for a, _cls in own if a.tag == "a" and any(part in (a.get("href") or "") for part in _PERMALINK)), None
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
                quotes=quotes,
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
        anchor = xpath(dt, ".//a[starts-with(@name, 'c') or starts-with(@id, 'c')]")
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
                published=_date(footer, lambda: "", ctx) if footer is not None and footer.tag == "dd" else None,
                position=first_position + len(posts),
            )
        )
    return posts
