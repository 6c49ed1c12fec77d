"""Stack Exchange Q&A pages (Stack Overflow, Super User, Ask Ubuntu, *.stackexchange.com).

A question page is read as a thread: the question is the post at position 0, the answers follow
in page order (votes order, as the page shows them).  Comments are not posts here.

Markup cues: ``#question[data-questionid]`` and ``.answer[data-answerid]``; the body is
``.js-post-body`` (``.post-text`` on older pages); the author is the *owner's* signature (a post
edited by someone else shows the editor's signature first); dates are UTC, from
``time[itemprop=dateCreated]`` or the owner signature's ``span.relativetime[title]``.
"""

from __future__ import annotations

import re
from typing import Any

from ..dates import ResolvedDate, from_attribute
from ..html import Document, clean_copy, css_first, html_of, norm_space, text_of
from ..model import ParseContext, PostDraft, ThreadDraft
from ._kit import Classes, first, has_class, names, per_page, xpath

NAME = "stackexchange"
VERSION = "1"

_DROP = (".post-menu", ".js-post-menu", ".s-notice", "aside")


# "#question, div.question[data-questionid]", the first in page order (the predicates stop there).
_QUESTION = f"/descendant::*[@id='question' or @data-questionid and self::div and {has_class('question')}][1]"
_ANSWERS = f"/descendant::div[{has_class('answer')}][@data-answerid or starts-with(@id, 'answer-')]"
_TITLES = ("/descendant::h1[ancestor::*[@id='question-header']][1]", "/descendant::h1[@itemprop='name'][1]", "/descendant::h1[1]")
_TAGS = f"/descendant::a[{has_class('post-tag')}][ancestor::*[{has_class('post-taglist')} or {has_class('js-post-tag-list-item')}]]"
_QUESTION_ID = re.compile(r"/(?:questions|q)/(\d+)")


# A post's body is .js-post-body, .post-text or [itemprop='text'] (_post reads them from its class
# index).  Whether the question has one: one walk whose predicates stop at the first match, where
# the CSS selector group is three walks whose matches are sorted (0.17 ms on a question page).
_HAS_BODY = f"descendant-or-self::*[{has_class('js-post-body')} or {has_class('post-text')} or @itemprop='text'][1]"


def declared(doc: Document) -> bool:
    """Whether the page is built with Stack Exchange's own front end (Stacks): its html class."""
    return "html__responsive" in (doc.root.get("class") or "").split()


def detect(doc: Document) -> bool:
    question = _question(doc)
    return question is not None and bool(xpath(question, _HAS_BODY))


@per_page
def _question(doc: Document) -> Any | None:
    # The page's names rule out #question and div.question before an XPath walk; a page of
    # Stack Exchange's own needs no such test (and nothing else here reads its names).
    if not declared(doc) and not names(doc).has("question"):
        return None
    return first(doc.root, _QUESTION)


def _question_id(doc: Document, question: Any) -> str | None:
    if question.get("data-questionid"):
        return question.get("data-questionid")
    for href in xpath(doc.root, "/descendant::link[@rel='canonical']/@href | /descendant::*[@id='question-header']/descendant::a/@href"):
        match = _QUESTION_ID.search(href)
        if match:
            return match[1]
    return None


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    question = _question(doc)
    title_el = first(doc.root, *_TITLES)
    thread = ThreadDraft(
        NAME,
        VERSION,
        title=norm_space(title_el.text_content()) if title_el is not None else doc.title,
        native_id=_question_id(doc, question) if question is not None else None,
        # dict.fromkeys: a tag shown twice (list and sidebar) is one tag
        tags=list(dict.fromkeys(norm_space(a.text_content()) for a in xpath(doc.root, _TAGS))),
    )
    if question is None:
        thread.empty_reason = "no question on the page"
        return thread
    for node in [question, *xpath(doc.root, _ANSWERS)]:
        post = _post(doc, ctx, node, thread.native_id)
        if post is not None:
            thread.posts.append(post)
    if not thread.posts:
        thread.empty_reason = "the question has no body"
    return thread


def _post(doc: Document, ctx: ParseContext, node: Any, question_id: str | None) -> PostDraft | None:
    # The post's elements by class and itemprop, in one pass (as the selectors in the comments).
    c = Classes(node, ("itemprop",))
    body = c.earliest("js-post-body", "post-text", "itemprop=text")  # as _HAS_BODY
    if body is None:
        return None
    body = clean_copy(body, drop=_DROP)
    text = text_of(body)
    if not text:
        return None
    is_answer = "answer" in (node.get("class") or "").split()
    answer_id = node.get("data-answerid") or (node.get("id") or "").removeprefix("answer-")
    native_id = answer_id if is_answer else question_id
    owner = _owner_signature(c)
    author, author_url = _author(doc, owner)
    share = c.first("js-share-link", tag="a")
    if share is not None and share.get("href"):
        url = doc.absolute(share.get("href"))
    elif doc.url:
        url = f"{doc.url.split('#')[0]}#{'answer-' if is_answer else 'question-'}{native_id}"
    else:
        url = None
    score = c.earliest("itemprop=upvoteCount", "js-vote-count")
    return PostDraft(
        body_text=text,
        body_html=html_of(body, doc.base_url),
        body_element=body,
        author=author,
        author_url=author_url,
        native_id=native_id,
        url=url,
        published=_created(c, owner, ctx),
        edited=_edited(c, owner, ctx),
        likes=_int(score.get("data-value") or score.text_content()) if score is not None else None,
    )


def _owner_signature(c: Classes) -> Any | None:
    """The signature of whoever wrote the post: marked ``.owner`` on questions, else the last
    signature of the post (an editor's signature comes first)."""
    owners = set(c.all("owner"))
    own = [s for s in c.all("post-signature") if s in owners]  # .post-signature.owner
    if own:
        return own[-1]
    signatures = [s for s in c.all("post-signature") if not _in_comments(s)]
    return signatures[-1] if signatures else None


def _in_comments(el: Any) -> bool:
    return any("comments" in (a.get("class") or "") for a in el.iterancestors())


def _author(doc: Document, signature: Any) -> tuple[str | None, str | None]:
    if signature is None:
        return None, None
    details = css_first(signature, ".user-details")
    if details is None:
        return None, None
    link = css_first(details, "a[href*='/users/']")
    if link is not None:
        return norm_space(link.text_content()) or None, doc.absolute(link.get("href"))
    name = css_first(details, "[itemprop='name']")
    if name is not None and name.get("content"):
        return norm_space(name.get("content")), None
    # A deleted account or a community wiki: the name is plain text.
    first_line = text_of(details).split("\n")[0]
    return first_line or None, None


def _created(c: Classes, owner: Any, ctx: ParseContext) -> ResolvedDate | None:
    created = c.first("itemprop=dateCreated", tag="time")
    if created is not None and not _in_comments(created):
        resolved = from_attribute(created.get("datetime"), ctx.timezone)
        if resolved.value is not None:
            return resolved
    if owner is not None:
        span = css_first(owner, ".user-action-time .relativetime, .relativetime")
        if span is not None:
            return _span_date(span, ctx)
    return None


def _edited(c: Classes, owner: Any, ctx: ParseContext) -> ResolvedDate | None:
    for signature in c.all("post-signature"):
        if signature is owner or _in_comments(signature):
            continue
        span = css_first(signature, ".relativetime")
        if span is not None:
            return _span_date(span, ctx)
    return None


def _span_date(span: Any, ctx: ParseContext) -> ResolvedDate | None:
    # title='2018-10-05 14:26:18Z': the instant; Stack Exchange shows times in UTC.
    title = (span.get("title") or "").split(",")[0]
    resolved = from_attribute(title, ctx.timezone, raw=norm_space(span.text_content()) or title)
    return resolved if resolved.value is not None else ctx.resolve(norm_space(span.text_content()))


def _int(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None
