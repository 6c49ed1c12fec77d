"""Slash (slashcode) story pages with their comments: Slashdot, and SoylentNews's rehash fork.

The story is post 0.  Slashdot wraps it in ``article.fhitem-story``: the title in
``span.story-title``, "Posted by X <time>on Friday January 12, 2024 @11:40AM</time> from the … dept."
in ``span.story-byline``, the text ("X writes: …") in ``div.body``.  rehash prints ``div.article``
with "posted by <a>X</a> on DATE" in ``div.details`` and ``div.intro``/``div.full`` in ``div.body``.
Both put the story's topic icons (``img alt``) in its header.

Each comment is ``li#tree_CID`` holding ``div#comment_CID``: ``div.commentTop`` (the subject link in
``div.title h4``, ``span.score``; ``div.details`` with the author, the user id and
``span.otherdetails`` "on DATE (#CID)"), then ``div.commentBody`` (``div#comment_body_CID`` and the
signature).  Replies follow in nested lists outside that div, so a comment's div holds only its own
words.  A comment below the reader's threshold is an empty div without ``commentTop``: the page does
not show it.  Slashdot's abbreviated ("oneline") comments show no date and cut a reply's subject to
"Re:"; the discussion's script ``D2.comments({CID: {…, subject: "…"}})`` keeps the whole one.
Quotes are ``<blockquote>`` and ``div.quote`` (Slash's ``<quote>`` tag).  The score (-1 to 5, with a
reason) is a moderation grade, not a count of likes, and is not kept.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..html import Document, norm_space, text_of
from ..model import ParseContext, PostDraft, ThreadDraft
from . import _kit as kit
from . import _when as when
from ._body import split_body

NAME = "slash"
VERSION = "1"

_COMMENT_TOPS = kit.xp("/descendant::div[starts-with(@id, 'comment_top_')]")
_QUOTES = f"descendant::blockquote | descendant::quote | descendant::div[{kit.has_class('quote')}]"


def detect(doc: Document) -> bool:
    names = kit.names(doc)
    if names.has("commentTop") and names.has("commentBody") and names.has("otherdetails"):
        return names.starting("comment_top_") and names.starting("tree_")
    # A story whose discussion the page does not show: one story with Slash's hidden info block
    # (a front page has one per story).
    return names.has("sd-info-block") and len(_stories(doc)) == 1


@kit.per_page  # detection asks too
def _stories(doc: Document) -> list[Any]:
    """Slashdot's ``article.fhitem-story`` or rehash's ``div.article`` elements."""
    names = kit.names(doc)
    if names.has("fhitem-story"):
        return kit.xpath(doc.root, "/descendant::article[contains(@class, 'fhitem-story')]")
    return kit.xpath(doc.root, "/descendant::div[@class='article']") if names.has("article") else []


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    given, ctx = ctx, when.page_context(doc, ctx)
    url = ctx.url or kit.canonical_url(doc)
    story = kit.head(_stories(doc))
    posts = [_story(doc, ctx, story, url)] if story is not None else []
    subjects = _script_subjects(doc)
    for top in _COMMENT_TOPS(doc.root):
        post = _comment(doc, ctx, top, subjects)
        if post is not None:
            posts.append(post)
    draft = ThreadDraft(NAME, VERSION, posts, url=url)
    _thread_fields(doc, draft, story)
    return when.record_timezone(draft, ctx, given)


# -- the story --------------------------------------------------------------------------------

# "Posted by X on DATE from the … dept." (Slashdot), "[Journal written by Y and] posted by X on DATE".
_BYLINE = re.compile(r"\bposted\s+by\s+(?P<name>.+?)(?:\s+on\s+(?P<date>.+?))?(?:\s+from\s+the\s.*)?$",
                     re.IGNORECASE)


def _story(doc: Document, ctx: ParseContext, story: Any, url: str | None) -> PostDraft:
    byline_node = kit.first(story, "descendant::span[contains(@class, 'story-byline')]",
                            f"descendant::div[{kit.has_class('details')}]")
    byline = norm_space(text_of(byline_node)) if byline_node is not None else ""
    match = _BYLINE.search(byline)
    # Slashdot's <time datetime> repeats the display text ("on Friday …"): it is no machine date.
    time = kit.first(story, "descendant::time")
    if time is not None:
        shown = re.sub(r"^on\s+", "", norm_space(time.text_content()))
    else:
        shown = match["date"] if match else None
    poster = kit.inside(byline_node, "descendant::a[contains(@href, '/~')]")
    body = split_body(
        kit.present(kit.first(story, f"descendant::div[{kit.has_class('body')}]"), story), doc.base_url,
        drop=(".topic", "label", "input"),
    )
    return body.post(
        author=match["name"] if match else None,
        author_url=doc.absolute(poster.get("href")) if poster is not None else None,
        url=url,
        published=when.resolve_text(ctx, shown),
        title=_story_title(doc, story),
    )


def _story_title(doc: Document, story: Any) -> str | None:
    title, _ = kit.first_text(story, ("descendant::span[contains(@class, 'story-title')]/a[1]", "descendant::h3", "descendant::h1"))
    return title or norm_space(doc.title) or None


# -- comments ---------------------------------------------------------------------------------

_USER_ID = re.compile(r"\(\s*(\d+)\s*\)")
_ON_DATE = re.compile(r"\bon\s+(?P<date>[^()]+?)\s*(?:\(|$)")


def _comment(doc: Document, ctx: ParseContext, top: Any, subjects: dict[str, str]) -> PostDraft | None:
    cid = top.get("id")[len("comment_top_"):]
    body_el = _body_of(top.getparent(), cid)
    if body_el is None:
        return None
    body = split_body(body_el, doc.base_url, drop=(".sig", ".commentshrunk"), quote_xpath=_QUOTES)
    found = kit.Classes(top)
    author, author_url, author_id = _author(doc, found)
    title = _subject(found.first("title"))
    if title == "Re:" and cid in subjects:
        title = subjects[cid]
    return body.post(
        author=author,
        author_url=author_url,
        author_id=author_id,
        native_id=cid,
        url=_permalink(doc, top, cid),
        published=when.resolve_text(ctx, _date_text(found.first("otherdetails"))),
        title=title,
    )


def _subject(heading: Any) -> str | None:
    """The subject in ``div.title``: its ``h4`` link (Slashdot) or named anchor (rehash)."""
    line = heading.find(".//h4") if heading is not None else None
    if line is None:
        return None
    link = line.find("a")
    return norm_space((link if link is not None else line).text_content()) or None


def _body_of(box: Any, cid: str) -> Any | None:
    """``div#comment_body_CID`` in the comment's ``div.commentBody`` (without the signature and
    the "Read the rest" link beside it), else the whole ``div.commentBody``."""
    for part in box:
        if "commentBody" in (part.get("class") or ""):
            for child in part:
                if child.get("id") == f"comment_body_{cid}":
                    return child
            return part
    return None


def _author(doc: Document, found: kit.Classes) -> tuple[str | None, str | None, str | None]:
    """The name, profile URL and user id: Slashdot writes ``<span.by>by <a>name</a>
    <span.uid>(123)</span></span>``, rehash ``by <a>name (123)</a>`` in ``div.details``; an
    anonymous poster ("Anonymous Coward") has no link."""
    line = kit.present(found.first("by"), found.first("details"))
    if line is None:
        return None, None, None
    named = line.find("a")  # a direct child: the links inside "otherdetails" are the comment's
    if named is None:
        shown = line.text_content() if line.tag == "span" else line.text or ""
        name = re.sub(r"^by\s+", "", norm_space(shown), flags=re.IGNORECASE)
        return name or None, None, None
    shown = norm_space(named.text_content())
    uid = found.first("uid")
    number = _USER_ID.search(shown) or (_USER_ID.search(uid.text_content()) if uid is not None else None)
    name = norm_space(_USER_ID.sub("", shown))
    return name or None, doc.absolute(named.get("href")), number[1] if number else None


def _date_text(details: Any) -> str | None:
    """"on Friday January 12, 2024 @01:47PM (#64154011)": the text of ``span.otherdetails``
    itself, without the links and the "Homepage"/"Journal" line inside it."""
    if details is None:
        return None
    own = " ".join([details.text or ""] + [child.tail or "" for child in details])
    match = _ON_DATE.search(norm_space(own))
    return match["date"] if match else None


# One pattern for every comment: a pattern of each comment's own id is compiled once per comment
# (0.07 ms each, some 6 ms of a Slashdot page's 26 ms with its 100 comments).
_CID_PARAM = re.compile(r"[?&;]cid=(\w+)")


def _permalink(doc: Document, top: Any, cid: str) -> str | None:
    """The comment's own link (``comments.pl?sid=…&cid=CID``), else its anchor on this page."""
    for link in top.iter("a"):
        href = link.get("href")
        if href and any(found[1] == cid for found in _CID_PARAM.finditer(href)):
            return doc.absolute(href)
    return doc.absolute(f"#comment_{cid}")


_SCRIPT_COMMENT = re.compile(r"(\d+): \{([^{}]*)\}")
_SUBJECT = re.compile(r"\bsubject: (\"(?:[^\"\\]|\\.)*\")")


def _script_subjects(doc: Document) -> dict[str, str]:
    """Comment subjects from Slashdot's ``D2.comments({…})`` call (abbreviated comments show "Re:")."""
    start = doc.text.find("D2.comments({")
    if start == -1:
        return {}
    end = doc.text.find("});", start)
    subjects = {}
    for cid, fields in _SCRIPT_COMMENT.findall(doc.text, start, end if end != -1 else len(doc.text)):
        quoted = _SUBJECT.search(fields)
        try:
            if quoted:
                subjects[cid] = json.loads(quoted[1])
        except ValueError:
            continue  # an escape JSON does not read
    return subjects


# -- the thread -------------------------------------------------------------------------------

_STORY_SID = re.compile(r"/story/(\d{2}/\d{2}/\d{2}/\d+)|[?&;]sid=([\w/]+)")


def _thread_fields(doc: Document, draft: ThreadDraft, story: Any) -> None:
    draft.title = draft.posts[0].title if story is not None else norm_space(doc.title) or None
    # rehash names the story's sid in its info block; Slashdot only in the story's URL.
    sid = kit.text(story, "descendant::span[contains(@class, 'sd-key-sid')]") if story is not None else ""
    match = None if sid else _STORY_SID.search(draft.url or "")
    draft.native_id = sid or (match[1] or match[2] if match else None)
    topics: list[str] = []
    if story is not None:
        for alt in kit.xpath(story, "descendant::*[contains(@class, 'topic')]/descendant::img/@alt"):
            topic = norm_space(alt)
            if topic and topic not in topics:
                topics.append(topic)
    draft.board = topics[0] if topics else None
    draft.tags = topics
    if kit.names(doc).has("totalcommentcnt", "comment-bubble"):
        shown = kit.first(doc.root, "/descendant::span[contains(@class, 'totalcommentcnt')"
                                    " or contains(@class, 'comment-bubble')][1]")
        draft.reply_count = kit.count(shown.text_content()) if shown is not None else None
    draft.language = when.locale_of(doc)
