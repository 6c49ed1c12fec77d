"""Forumotion (forumieren, forumactif, …: hosted boards) topic pages.

Forumotion serves several look-alike templates (phpBB2, phpBB3, PunBB, Invision, ModernBB).
What they share, and what detection reads, is the host's asset domain (illiweb.com) and post
blocks ``#p<id>.post--<id>``.  The author and the display date ("von lupa am 26/10/13, 03:48 pm",
"by lupa on Today at 10:24") are one line: the date is the text after the author's name.
"""

from __future__ import annotations

import re
from typing import Any

from ..html import Document, absolute, clean_copy, html_of, images_in, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import extract_quotes
from ._kit import digits, first, has_class, head, head_link, lookup, names, under_each, xp, xpath
from ._when import settle_day_order, shown_date

NAME = "forumotion"
VERSION = "1"

_POSTS = "/descendant::*[starts-with(@id,'p')][" + has_class("post") + "][contains(@class,'post--')]"
_BODY_SELECTORS = ("descendant::div[contains(@class,'post-entry')]", "descendant::div[contains(@class,'postbody')]/descendant::div[contains(@class,'content')]",
                   "descendant::div[contains(@class,'post-content')]", "descendant::td[contains(@class,'post-entry')]")
_BODY_DROP = (".signature_div", ".signature", ".fa_like_div", ".post-footer", "[id^='attachments']", ".vote")
# The word between the author and the date ("von X am …", "by X on …", "par X le …").
_DATE_LEAD = re.compile(r"^\s*(?:am|on|le|el|il|em|op|den|dnia|-|,)\s*", re.I)


def detect(doc: Document) -> bool:
    if not (names(doc).has("post") and names(doc).containing("post--")):
        return False  # the page's names rule out every post lookup below
    if "illiweb.com" not in doc.text:
        return False
    if not xpath(doc.root, "(//script[contains(@src,'illiweb.com')] | //link[contains(@href,'illiweb.com')]"
                     " | //img[contains(@src,'illiweb.com')])[1]"):
        return False
    return bool(xpath(doc.root, f"{_POSTS}[1]"))


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    base = doc.base_url
    draft = ThreadDraft(NAME, VERSION)
    for box in xpath(doc.root, _POSTS):
        post = _post(doc, box, ctx, base)
        if post is not None:
            draft.posts.append(post)
    title = first(doc.root, "/descendant::h1[contains(@class,'page-title')] | //@class[contains(.,'maintitle')]/parent::*/descendant::h3"
                  " | /descendant::h1[contains(@class,'topic-title')] | /descendant::a[contains(@class,'topictitle')]")
    draft.title = norm_space(title.text_content()) if title is not None else None
    if not draft.title:
        draft.title = doc.meta("og:title") or doc.title
    draft.url = head_link(doc, "canonical") or doc.url
    draft.breadcrumbs = [c for c in (norm_space(a.text_content()) for a in xpath(doc.root,
        "/descendant::*[@id='navstrip']/descendant::a | //@class[contains(.,'sub-header-path')]/parent::*/descendant::a | //@class[contains(.,'nav')]/parent::*/descendant::a[@itemprop='url']")) if c]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    m = re.search(r"/t(\d+)(?:p\d+)?-", draft.url or "")
    draft.native_id = m.group(1) if m else None
    m = re.search(r"/t\d+p(\d+)-", doc.url or "")
    per_page_offset = int(m.group(1)) if m else 0
    bars = lookup(doc, "pagination", "//@class[contains(.,'pagination')]/parent::*")
    numbers = [int(t) for t in under_each(bars, "descendant::a/text()") if t.strip().isdigit()]
    current = head(under_each(bars, "descendant::strong/text()"))
    draft.page = int(current) if current and current.strip().isdigit() else (1 if not per_page_offset else None)
    draft.page_count = max(numbers + [draft.page or 1])
    nxt = first(doc.root, "/descendant::link[@rel='next']/@href | /descendant::a[contains(@class,'pag-img')][img[contains(@alt,'next') or contains(@class,'next')]]/@href")
    draft.next_url = doc.absolute(nxt) if nxt else None
    draft.language = first(doc.root, "/html/@lang") or None
    settle_day_order(draft.posts, ctx)
    return draft


def _post(doc: Document, box: Any, ctx: ParseContext, base: str | None) -> PostDraft | None:
    content = None
    for selector in _BODY_SELECTORS:
        found = xp(selector)(box)
        if found:
            content = found[0]
            break
    if content is None:
        return None
    native = digits(box.get("id"))
    if native == "0":
        return None  # the template's advertising block dressed as a post
    byline = first(box, "descendant::*[contains(@class,'author')][not(self::a)]")
    user = None
    raw_date = None
    if byline is not None:
        user = first(byline, "descendant::a[contains(@href,'/u')] | descendant::strong | descendant::a[not(contains(@href,'#'))][normalize-space()]")
        if user is not None:
            after = user
            while after.getparent() is not None and after.getparent() is not byline:
                after = after.getparent()
            raw_date = _DATE_LEAD.sub("", norm_space("".join([after.tail or ""] + [text_of(n) + (n.tail or "") for n in after.itersiblings()])))
    if user is None:
        user = first(box, "descendant::*[contains(@class,'postprofile')]/descendant::strong | descendant::*[contains(@class,'postprofile')]/descendant::a[contains(@href,'/u')]")
    name = norm_space(user.text_content()) if user is not None else None
    link = user if user is not None and user.tag == "a" else (first(user, "ancestor::a[1]") if user is not None else None)
    author_url = absolute(link.get("href"), base) if link is not None and link.get("href", "").startswith(("/u", "http")) else None
    body = clean_copy(content, drop=_BODY_DROP)
    quotes = extract_quotes(body, "blockquote", _quote)
    permalink = first(box, "descendant::a[contains(@href,$anchor)]/@href", anchor=f"#{native}") if native else None
    return PostDraft(
        body_text=text_of(body),
        body_html=html_of(body, base),
        body_element=body,
        author=name or None,
        author_url=author_url,
        author_id=_user_id(author_url),
        native_id=native,
        url=absolute(permalink, base) if permalink else (f"{(doc.url or '').split('#')[0]}#{native}" if doc.url and native else None),
        published=shown_date(raw_date, ctx, day_first=True if ctx.hints.day_first is None else ctx.hints.day_first) if raw_date else None,
        quotes=quotes,
        images=images_in(body, base, skip=lambda img: "/smilies/" in (img.get("src") or "") or "illiweb.com" in (img.get("src") or "")),
    )


def _user_id(url: str | None) -> str | None:
    m = re.search(r"/u(\d+)", url or "")
    return m.group(1) if m else None


def _quote(node: Any) -> QuoteDraft:
    cite = first(node, "descendant::cite")
    who = None
    if cite is not None:
        who = re.sub(r"\s*(a écrit|hat geschrieben|wrote|escribió|ha scritto)\s*:?\s*$", "", norm_space(cite.text_content()), flags=re.I) or None
        node = clean_copy(node, drop=("cite",))
    return QuoteDraft(text_of(node), who)
