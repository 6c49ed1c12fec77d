"""bbPress topic pages (the WordPress forum plugin).

A bbPress page is a WordPress page, so detection looks for the forum markup, not WordPress: posts
are elements carrying WordPress's post classes ``post-<id>`` with ``bbp-parent-topic-<id>`` and a
``.bbp-reply-content``/``.bbp-topic-content`` body.  The stock templates put the date and permalink
in a header ``div#post-<id>.bbp-reply-header`` just before the post; themes move them (and the
author) around the body, so each field is looked up in the post, then its header, then its parent.
"""

from __future__ import annotations

import re
from typing import Any

from ..html import Document, absolute, clean_copy, html_of, images_in, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import attachments_in, extract_quotes
from ._kit import digits, first, head, head_link, lookup, names, under_each, xp, xpath
from ._when import settle_day_order, shown_date

NAME = "bbpress"
VERSION = "1"

# Replies carry bbp-parent-topic-<id>; a lead topic shown above the replies only bbp-parent-forum-<id>.
_POST = ("*[contains(@class,'bbp-parent-topic-') or contains(@class,'bbp-parent-forum-')]"
         "[contains(@class,'type-reply') or contains(@class,'type-topic')]"
         "[.//*[contains(@class,'bbp-reply-content') or contains(@class,'bbp-topic-content')]"
         " or contains(@class,'bbp-reply-content') or contains(@class,'bbp-topic-content')]")
_POSTS = f"/descendant::{_POST}"
# Themes that render the opening post outside the reply loop keep the stock ``bbp-lead-topic`` class.
_LEAD = ("/descendant::*[contains(@class,'bbp-topic-content')][contains(@class,'bbp-lead-topic')]"
         "[not(ancestor-or-self::*[contains(@class,'bbp-parent-topic-')])]")
_BODY_DROP = (".bbp-reply-revision-log", ".bbp-topic-revision-log", ".bbp-signature", ".bbp-admin-links",
              ".bbp-voting", ".d4p-bbt-signature", ".bbp-reply-to-link")


def detect(doc: Document) -> bool:
    found = names(doc)
    if not (found.containing("bbp-parent-topic-") or found.containing("bbp-parent-forum-") or found.containing("bbp-topic-content")):
        return False  # the page's names rule out every post lookup below
    # First matches: "[1]" on the step stops its predicates at the first match, where
    # "(a | b)[1]" tests them on every element of a and b first.
    return bool(xpath(doc.root, f"{_POSTS}[1]") or xpath(doc.root, f"{_LEAD}[1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    base = doc.base_url
    draft = ThreadDraft(NAME, VERSION)
    seen: set[str] = set()
    for lead in lookup(doc, "bbp-lead-topic", _LEAD):
        post = _lead_post(doc, lead, ctx, base)
        seen.add(post.native_id)
        draft.posts.append(post)
    for box in xpath(doc.root, _POSTS):
        # "Best replies" and other featured copies repeat a post elsewhere on the page.
        if xp("ancestor::*[contains(@class,'best-replies') or contains(@class,'featured')]")(box):
            continue
        post = _post(doc, box, ctx, base)
        if post.native_id in seen:
            continue
        seen.add(post.native_id)
        draft.posts.append(post)
    # The page's <h1>; themes without one title the opening post instead.
    title = head(xpath(doc.root, "/descendant::h1") or lookup(doc, "bbp-lead-topic", f"({_LEAD})[1]/descendant::*[self::h2 or self::h3]"))
    draft.title = norm_space(title.text_content()) if title is not None else doc.meta("og:title")
    draft.url = head_link(doc, "canonical") or doc.url
    body_class = doc.body_classes
    m = re.search(r"\bpostid-(\d+)", body_class)
    draft.native_id = m.group(1) if m else None
    draft.breadcrumbs = [c for c in (norm_space(a.text_content()) for a in xpath(doc.root, "//@class[contains(.,'bbp-breadcrumb')]/parent::*/descendant::a")) if c]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    bars = lookup(doc, "bbp-pagination-links", "//@class[contains(.,'bbp-pagination-links')]/parent::*")
    current = head(under_each(bars, "descendant::*[contains(@class,'current')]/text()"))
    numbers = [int(t) for t in under_each(bars, "descendant::a/text()") if t.strip().isdigit()]
    draft.page = int(current) if current and current.strip().isdigit() else 1
    draft.page_count = max(numbers + [draft.page])
    draft.next_url = doc.absolute(head(under_each(bars, "descendant::a[contains(@class,'next')]/@href"))) or head_link(doc, "next")
    total = head(lookup(doc, "bbp-pagination-count", "//@class[contains(.,'bbp-pagination-count')]/parent::*/text()"))
    m = re.search(r"of\s+([\d,.]+)", total or "")
    draft.reply_count = int(re.sub(r"\D", "", m.group(1))) - 1 if m else None
    draft.language = first(doc.root, "/html/@lang") or None
    settle_day_order(draft.posts, ctx)
    return draft


def _find(scopes: list[Any], path: str) -> Any | None:
    for scope in scopes:
        if scope is None:
            continue
        found = xp(path)(scope)
        if found:
            return found[0]
    return None


def _post(doc: Document, box: Any, ctx: ParseContext, base: str | None) -> PostDraft:
    m = re.search(r"\bpost-(\d+)\b", box.get("class", ""))
    native = m.group(1) if m else None
    header = first(doc.root, "/descendant::*[@id=$id]", id=f"post-{native}") if native else None
    scopes = [box, header, box.getparent()]
    content = _find([box], "descendant::*[contains(@class,'bbp-reply-content') or contains(@class,'bbp-topic-content')]")
    if content is None:
        content = box
    user = _find(scopes, "descendant::a[contains(@class,'bbp-author-name')] | descendant::*[contains(@class,'post-name') or contains(@class,'bbp-author')]/descendant::a[@href]")
    author = norm_space(user.text_content()) if user is not None else None
    if user is not None and not author:
        author = norm_space(user.get("title", "")).removeprefix("View ").removesuffix("'s profile") or None
    date = _find(scopes, "descendant::*[contains(@class,'bbp-reply-post-date') or contains(@class,'bbp-topic-post-date')]")
    raw_date = text_of(date).strip(" -–") if date is not None else None
    link = _find(scopes, "descendant::a[contains(@class,'bbp-reply-permalink') or contains(@class,'bbp-topic-permalink')]/@href")
    body = clean_copy(content, drop=_BODY_DROP)
    quotes = extract_quotes(body, "blockquote", _quote)
    author_url = absolute(user.get("href"), base) if user is not None else None
    m = re.search(r"\buser-id-(\d+)", box.get("class", ""))
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, base),
        body_element=body,
        author=author,
        author_url=author_url,
        author_id=m.group(1) if m else None,
        native_id=native,
        url=absolute(link, base) if link else (f"{(doc.url or '').split('#')[0]}#post-{native}" if native and doc.url else None),
        published=shown_date(raw_date, ctx) if raw_date else None,
        quotes=quotes,
        attachments=attachments_in(xp("descendant::*[contains(@class,'bbp-attachments')]/descendant::a[@href]")(box), base),
        images=images_in(body, base, skip=lambda img: "emoji" in (img.get("class") or "") or "wp-smiley" in (img.get("class") or "")),
        likes=_score(box),
    )


def _lead_post(doc: Document, lead: Any, ctx: ParseContext, base: str | None) -> PostDraft:
    holder = first(lead, "ancestor::*[starts-with(@id,'bbp-topic-')][1]/@id")
    native = digits(holder)
    byline = first(lead, "descendant::*[contains(@class,'byline')]")
    user = first(byline, "descendant::a[@href][normalize-space()]") if byline is not None else None
    raw_date = None
    if byline is not None:
        # "<author> <badge> -  July 15, 2020": the date closes the byline.
        raw_date = norm_space(text_of(byline).rsplit(" - ", 1)[-1]) or None
    body = clean_copy(lead, drop=_BODY_DROP + ("h1", "h2", "[class*='byline']", "[class*='topic-tags']"))
    quotes = extract_quotes(body, "blockquote", _quote)
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, base),
        body_element=body,
        author=norm_space(user.text_content()) if user is not None else None,
        author_url=absolute(user.get("href"), base) if user is not None else None,
        native_id=native,
        url=head_link(doc, "canonical") or doc.url,
        published=shown_date(raw_date, ctx) if raw_date else None,
        quotes=quotes,
        images=images_in(body, base),
    )


def _quote(node: Any) -> QuoteDraft:
    cite = first(node, "descendant::cite | descendant::*[contains(@class,'author')]")
    who = norm_space(cite.text_content()).removesuffix(" wrote:").removesuffix(":") if cite is not None else None
    if cite is not None:
        cite = clean_copy(node, drop=("cite",))
    return QuoteDraft(text_of(cite if cite is not None else node), who or None)


def _score(box: Any) -> int | None:
    # A voting theme puts the score beside the post: only look in the post's own row.
    row = box.getparent().getparent() if box.getparent() is not None else None
    if row is None or len(xpath(row, f"descendant::{_POST}")) != 1:
        return None
    score = first(row, "descendant::*[contains(@class,'bbp-voting')]/descendant::*[contains(@class,'score')]/text()")
    return int(score) if score and score.strip().lstrip("-").isdigit() else None
