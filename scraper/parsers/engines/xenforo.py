"""XenForo 1 and 2 thread pages.

XenForo 2 marks every post ``id="js-post-N"`` (``article.message--post`` in the default style,
``div.MessageCard`` in VerticalScope's "california" style, which repeats the id on an inner
element), its date as ``<time datetime>`` in the viewer's zone, the body as
``article.message-body``.  XenForo 1 has ``li#post-N.message`` in ``ol#messageList``, dates as
``span.DateTime[title]`` or ``abbr.DateTime[data-time]`` and the body in ``blockquote.messageText``.
"""

from __future__ import annotations

import re
from typing import Any

from ..dates import ResolvedDate
from ..html import Document, image_url, norm_space, text_of
from ..model import AttachmentDraft, ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ._body import split_body
from ._kit import (
    Classes,
    canonical_url,
    count,
    filename_of,
    first,
    first_classed,
    first_marked,
    has_class,
    head_link,
    inside,
    inside_first,
    marked,
    names,
    present,
    text,
    xpath,
)
from ._when import (
    machine_date,
    page_hints,
    record_shown_offset,
    record_timezone,
    shown_date,
    visitor_zone,
    with_page_timezone,
)

NAME = "xenforo"
VERSION = "1"

# The id attribute, then its element: faster in libxml2 than a predicate on every element.
_XF2_POSTS = "//@id[starts-with(., 'js-post-')]/parent::*[not(ancestor::*[starts-with(@id, 'js-post-')])]"
_XF1_POSTS = "/descendant::li[starts-with(@id, 'post-')][" + has_class("message") + "]"
# The body's chrome, by class name (clean_copy drops noscript, scripts and buttons itself).
_XF2_DROP = {name: f".{name}" for name in (
    "js-selectToQuoteEnd", "bbCodeBlock-expandLink", "bbCodeBlock-shrinkLink", "message-signature",
    "bbCodeSpoiler-button", "js-unfurl-favicon",
)}
# The class names a XenForo 2 post is asked for (``Classes`` indexes only these).
_XF2_NAMES = frozenset((
    "message-body", "bbCodeBlock--quote", *_XF2_DROP, "message-name", "MessageCard__user-info__name", "message-user",
    "message-attribution-main", "MessageCard__date-created", "message-attribution", "message-date", "message-lastEdit",
    "MessageCard__post-position", "message-attachments", "attachmentList", "message-microdata", "reactionsBar-link",
))
_XF1_DROP = (".messageTextEndMarker", ".quoteExpand", ".signature")
_QUOTE_ATTRIBUTION = re.compile(r"^(?:zitat von|quote from|quote|citation de)\s+(.+?)\s*:?$|^(.+?)\s+\S+\s?:$", re.I)
_THREAD_ID = re.compile(r"[./](\d+)/?(?:page-\d+/?)?(?:[?#].*)?$")
_COUNT_LABEL = re.compile(r"^([\d.,]+\s*[kKmM]?)\s+(replies|views)$", re.I)


def declared(doc: Document) -> bool:
    """Whether the page names XenForo: the id of its ``<html>`` or the generator."""
    return doc.root.get("id") in ("XF", "XenForo") or "xenforo" in doc.generator


def detect(doc: Document) -> bool:
    if declared(doc):
        return True
    root = doc.root
    # Copies that lost the <html> attributes still carry XenForo's post and body markup (the
    # page's names, then substring tests, skip the XPath walks on pages that cannot match).
    found = names(doc)
    if not (found.has("message-body") and found.starting("js-post-") or found.has("messageList") and found.has("messageText")):
        return False
    return bool(
        (found.starting("js-post-") and xpath(root, "/descendant::article[" + has_class("message-body") + "][ancestor::*[starts-with(@id, 'js-post-')]][1]"))
        or (found.has("messageList") and xpath(root, "(id('messageList')/li[starts-with(@id, 'post-')]//blockquote[" + has_class("messageText") + "])[1]"))
    )


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    hints = page_hints(doc, ctx)
    given = ctx
    xf2_posts = _xf2_posts(doc)
    if xf2_posts:
        posts = [_xf2_post(el, doc, ctx, hints) for el in xf2_posts]
    else:
        ctx = with_page_timezone(ctx, visitor_zone(doc.text))
        posts = [_xf1_post(el, doc, ctx, hints) for el in xpath(doc.root, _XF1_POSTS)]
    posts = [p for p in posts if p is not None]
    for position, post in enumerate(posts):
        post.position = position
    draft = ThreadDraft(NAME, VERSION, posts, url=canonical_url(doc) or ctx.url)
    draft.title = _title(doc)
    draft.native_id = _thread_id(doc, draft.url)
    # Some styles end the breadcrumb with the thread itself.
    draft.breadcrumbs = [c for c in _breadcrumbs(doc) if c != draft.title]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    draft.page, draft.page_count = _pages(doc)
    if posts and draft.page is None:
        draft.page = draft.page_count = 1  # XenForo shows page navigation whenever there are more pages
    if not (draft.page and draft.page_count and draft.page >= draft.page_count):  # the last page has none
        draft.next_url = head_link(doc, "next")
        if draft.next_url is None and marked(doc, "pageNav-jump--next", "PageNav"):
            draft.next_url = doc.absolute(first(
                doc.root, "/descendant::a[" + has_class("pageNav-jump--next") + "][1]/@href",
                "//div[" + has_class("PageNav") + "]//a[" + has_class("text") + "][contains(@href, 'page-')][last()]/@href"))
    draft.reply_count, draft.view_count = _thread_counts(doc)
    draft.tags = _tags(doc)
    draft.language = doc.root.get("lang")
    if not posts:
        draft.empty_reason = "XenForo page without posts (a board list, a login wall or an error page)"
    return record_shown_offset(record_timezone(draft, ctx, given), ctx)


def _xf2_posts(doc: Document) -> list[Any]:
    """The XenForo 2 post elements: those with an id ``js-post-N`` not inside another."""
    ids = [value for value in names(doc).ids if value.startswith("js-post-")]
    joined = " ".join(ids)
    if len(set(ids)) == len(ids) and len(joined.split()) == len(ids):
        # Each id once (so each in the page's id table) and none with a space (id() splits at
        # spaces): looked up by id, where the XPath tests every id of the page (0.5 -> 0.15 ms).
        return xpath(doc.root, "id($ids)[not(ancestor::*[starts-with(@id, 'js-post-')])]", ids=joined) if ids else []
    return xpath(doc.root, _XF2_POSTS)


# ---------------------------------------------------------------- thread

def _title(doc: Document) -> str | None:
    node = None
    for name in ("p-title-value", "MessageCard__thread-title"):
        if node is None and marked(doc, name):
            node = first_classed(doc.root, "h1", name)
    if node is None:
        node = first_marked(doc, ("titleBar", "/descendant::div[" + has_class("titleBar") + "]/h1"))
    if node is not None:
        # Thread prefixes ("Solved", "Question") are labels, not part of the title.
        title = norm_space("".join(xpath(node, "descendant::text()[not(ancestor::*[" + has_class("label") + "])][not(ancestor::*[" + has_class("prefix") + "])]")))
        if title:
            return title
    return norm_space(doc.meta("og:title") or doc.title) or None


def _thread_id(doc: Document, url: str | None) -> str | None:
    key = doc.root.get("data-content-key") or ""
    if key.startswith("thread-"):
        return key[7:]
    match = _THREAD_ID.search(url or "")
    return match[1] if match else None


def _breadcrumbs(doc: Document) -> list[str]:
    bar = first_classed(doc.root, "ul", "p-breadcrumbs") if marked(doc, "p-breadcrumbs") else None
    crumbs = xpath(bar, "./li/descendant::*[@itemprop='name']") or xpath(bar, "./li/a") if bar is not None else []
    if not crumbs and marked(doc, "breadcrumb", "breadBoxTop"):
        crumbs = xpath(doc.root, "(/descendant::fieldset[" + has_class("breadcrumb") + "] | /descendant::div[" + has_class("breadBoxTop") + "])[1]/descendant::a[" + has_class("crumb") + "]")
    names = [norm_space(c.text_content()) for c in crumbs]
    return [n for n in names if n]


def _thread_counts(doc: Document) -> tuple[int | None, int | None]:
    """"23 replies", "6.3K views" in the thread header of VerticalScope's style (the default
    XenForo 2 style shows no counts on the thread page)."""
    replies = views = None
    if not marked(doc, "MessageCard__thread-info"):
        return None, None
    for span in xpath(doc.root, "/descendant::div[" + has_class("MessageCard__thread-info") + "][1]/span[" + has_class("icon-with-text") + "]"):
        match = _COUNT_LABEL.match(norm_space(span.text_content()))
        if match and match[2].lower() == "replies":
            replies = count(match[1])
        elif match:
            views = count(match[1])
    return replies, views


def _tags(doc: Document) -> list[str]:
    """The thread's tags: XenForo 2's ``a.tagItem`` links (the first list of them, the thread's),
    XenForo 1's ``ul.tagList`` of ``a.tag``."""
    found = names(doc)
    links: list[Any] = []
    if found.has("tagItem"):
        first_tag = first_classed(doc.root, "a", "tagItem")
        if first_tag is not None:
            links = [a for a in first_tag.getparent().iterchildren("a")
                     if "tagItem" in (a.get("class") or "").split()]
    elif found.has("tagList") and found.has("tag"):
        links = xpath(doc.root, f"/descendant::ul[{has_class('tagList')}][1]/li/a[{has_class('tag')}]")
    return list(dict.fromkeys(tag for tag in (norm_space(a.text_content()) for a in links) if tag))


def _pages(doc: Document) -> tuple[int | None, int | None]:
    nav = first(doc.root, "/descendant::div[" + has_class("PageNav") + "][@data-last][1]") if marked(doc, "PageNav") else None
    if nav is not None:
        return count(nav.get("data-page")), count(nav.get("data-last"))
    if not marked(doc, "pageNav"):
        return None, None
    current_el = first_classed(doc.root, "li", "pageNav-page--current")
    current = norm_space(text_of(current_el)) if current_el is not None else ""
    main = first_classed(doc.root, "ul", "pageNav-main")
    pages = [count(norm_space(a.text_content())) for a in xpath(main, "./li/a")] if main is not None else []
    pages = [p for p in pages if p]
    if current or pages:
        return count(current) or 1, max(pages + [count(current) or 1])
    return None, None


# ---------------------------------------------------------------- XenForo 2

def _xf2_post(el: Any, doc: Document, ctx: ParseContext, hints) -> PostDraft | None:
    native_id = el.get("id", "")[len("js-post-"):] or None
    c = Classes(el, only=_XF2_NAMES)
    body_el = c.first("message-body")
    if body_el is None:
        body_el = first(el, "descendant::div[" + has_class("bbWrapper") + "][not(ancestor::*[" + has_class("message-signature") + "])]")
    if body_el is None:
        return None
    # Most posts quote nobody: their cleaned copy needs no quote lookup.
    quoting = "descendant::*[" + has_class("bbCodeBlock--quote") + "]" if c.all("bbCodeBlock--quote") else None
    # Only the selectors whose class the post has: clean_copy would look for each in the copy.
    drop = tuple(selector for name, selector in _XF2_DROP.items() if c.all(name))
    body = split_body(body_el, doc.base_url, drop, quoting, _xf2_quote, skip_image=_is_smilie)
    user_link = inside(c.first("message-name"), "descendant::a[@href]")
    if user_link is None:
        user_link = present(c.first("MessageCard__user-info__name", tag="a"),
                            inside(c.first("message-user"), "descendant::a[" + has_class("username") + "]"))
    author = el.get("data-author") or (norm_space(user_link.text_content()) if user_link is not None else None)
    if not author:
        author = text(el, "descendant::*[@itemprop='author']/descendant::*[@itemprop='name']/@content") or None
    time_el = inside_first("descendant::time", c.first("message-attribution-main"), c.first("MessageCard__date-created"),
                           c.first("message-attribution", tag="header"), c.first("message-date"))
    if time_el is None:
        time_el = first(el, "descendant::time[@datetime][not(ancestor::*[" + has_class("message-body") + "])]"
                            "[not(ancestor::*[" + has_class("message-lastEdit") + "])][not(ancestor::*[" + has_class("MessageCard__thread-info") + "])]")
    edit_el = inside(c.first("message-lastEdit"), "descendant::time")
    author_url = doc.absolute(user_link.get("href")) if user_link is not None else None
    return body.post(
        author=author,
        author_url=author_url,
        author_id=(user_link.get("data-user-id") if user_link is not None else None) or _member_id(author_url),
        native_id=native_id,
        url=_xf2_permalink(el, c, doc, native_id),
        published=_xf2_date(time_el, ctx, hints),
        edited=_xf2_date(edit_el, ctx, hints) if edit_el is not None else None,
        attachments=_xf2_attachments(c, body_el, doc),
        likes=_xf2_reactions(c),
    )


def _member_id(url: str | None) -> str | None:
    """The user id at the end of a member URL: ``/members/name.123/``."""
    found = re.search(r"\.(\d+)/?$", url or "")
    return found[1] if found else None


def _xf2_date(time_el: Any, ctx: ParseContext, hints) -> ResolvedDate | None:
    if time_el is None:
        return None
    display = time_el.get("title") or " ".join(
        v for v in (time_el.get("data-date-string") or time_el.get("data-date"), time_el.get("data-time-string")) if v
    ) or time_el.text_content()
    attribute = time_el.get("datetime") or time_el.get("data-time") or time_el.get("data-timestamp")
    return machine_date(attribute, display, ctx, hints)


def _xf2_permalink(el: Any, c: Classes, doc: Document, native_id: str | None) -> str | None:
    if not native_id:
        return None
    links = [a for holder in c.all("message-attribution") for a in holder.iter("a")] + c.all("MessageCard__post-position")
    for link in links:
        href = link.get("href") or ""
        if _names_number(href, native_id):
            return doc.absolute(href)
    itemid = el.get("itemid") or first(el, "descendant::*[@itemid][contains(@itemid, '/posts/')]/@itemid")
    if itemid and native_id in itemid:
        return doc.absolute(itemid)
    share = first(el, "descendant::*[@data-href][contains(@data-href, $path)]/@data-href", path=f"/posts/{native_id}")
    return doc.absolute(share) if share else None


def _names_number(href: str, number: str) -> bool:
    """``number`` occurs in ``href`` as a whole number (``post-123``, not ``post-1234``)."""
    start = href.find(number)
    while start >= 0:
        end = start + len(number)
        if (start == 0 or not href[start - 1].isdigit()) and (end == len(href) or not href[end].isdigit()):
            return True
        start = href.find(number, start + 1)
    return False


def _xf2_quote(node: Any) -> QuoteDraft:
    author = node.get("data-quote")
    source = node.get("data-source") or ""
    post_id = re.search(r"post:\s*(\d+)", source)
    jump = first(node, "descendant::a[" + has_class("bbCodeBlock-sourceJump") + "]")
    if jump is not None:
        if not post_id:
            post_id = re.search(r"id=(\d+)|post-(\d+)", jump.get("href", "") + " " + (jump.get("data-content-selector") or ""))
        if not author:
            author = _attribution_name(jump.text_content())
    content = first(node, "descendant::*[" + has_class("bbCodeBlock-expandContent") + "]", "descendant::*[" + has_class("bbCodeBlock-content") + "]")
    pid = next((g for g in post_id.groups() if g), None) if post_id else None
    return QuoteDraft(text_of(content if content is not None else node), author or None, pid)


def _attribution_name(value: str) -> str | None:
    value = norm_space(value)
    match = _QUOTE_ATTRIBUTION.match(value)
    if match:
        return match[1] or match[2]
    return value.rstrip(":").strip() or None


def _xf2_attachments(c: Classes, body_el: Any, doc: Document) -> list[AttachmentDraft]:
    out: list[AttachmentDraft] = []
    items = [li for holder in c.all("message-attachments") for li in holder.iter("li") if "attachment" in (li.get("class") or "").split()]
    items += [li for holder in c.all("attachmentList") for li in holder.iterchildren("li")]
    seen: set[str | None] = set()
    for item in items:
        link = first(item, "descendant::*[" + has_class("attachment-name") + "]/descendant::a[@href]", "descendant::a[@href]")
        url = doc.absolute(link.get("href")) if link is not None else None
        if url in seen:
            continue  # styles that list attachments twice (a grid and a list)
        seen.add(url)
        name = text(item, "descendant::*[" + has_class("attachment-name") + "]") or (link.get("title") if link is not None else None)
        kind = "image" if next(item.iter("img"), None) is not None else "file"
        out.append(AttachmentDraft(url, name or filename_of(url), kind))
    # Images embedded from the attachment store (``[ATTACH]``) are attachments too.
    for img in body_el.iter("img"):
        source = img.get("data-src") or img.get("src") or ""
        if "bbImage" not in (img.get("class") or "") or "attachments/" not in source:
            continue
        link = img.getparent()
        url = doc.absolute(link.get("href")) if link is not None and link.tag == "a" and link.get("href") else image_url(img, doc.base_url)
        if url and url not in seen:
            seen.add(url)
            out.append(AttachmentDraft(url, img.get("alt") or img.get("title") or filename_of(url), "image"))
    return out


def _xf2_reactions(c: Classes) -> int | None:
    stated = inside(c.first("message-microdata"), "descendant::meta[@itemprop='userInteractionCount']/@content")
    if stated is not None:
        return count(stated)
    link = c.first("reactionsBar-link", tag="a")
    if link is None:
        return None
    return _named_count(link)


def _named_count(link: Any) -> int:
    """"A, B and 3 others" → 5: the named users plus the number of others."""
    named = len(xpath(link, "descendant::bdi")) or len([n for n in link.text_content().split(",") if n.strip()])
    others = re.search(r"(\d[\d,.]*)\s+\w+\s*$", norm_space(link.text_content()))
    return named + (count(others[1]) or 0 if others else 0)


def _is_smilie(img: Any) -> bool:
    classes = img.get("class") or ""
    return "smilie" in classes or "reaction-sprite" in classes


# ---------------------------------------------------------------- XenForo 1

def _xf1_post(el: Any, doc: Document, ctx: ParseContext, hints) -> PostDraft | None:
    native_id = el.get("id", "")[len("post-"):] or None
    body_el = first(el, "descendant::blockquote[" + has_class("messageText") + "]", "descendant::*[" + has_class("messageContent") + "]")
    if body_el is None:
        return None
    body = split_body(body_el, doc.base_url, _XF1_DROP, "descendant::*[" + has_class("bbCodeQuote") + "]", _xf1_quote, skip_image=_is_smilie)
    user_link = first(el, "descendant::*[" + has_class("messageUserInfo") + "]/descendant::a[" + has_class("username") + "]",
                      "descendant::*[" + has_class("messageMeta") + "]/descendant::a[" + has_class("username") + "]")
    author = el.get("data-author") or (norm_space(user_link.text_content()) if user_link is not None else None)
    user_url = doc.absolute(user_link.get("href")) if user_link is not None else None
    return body.post(
        author=author or text(el, "descendant::*[" + has_class("userText") + "]/text()") or None,
        author_url=user_url,
        author_id=_member_id(user_url),
        native_id=native_id,
        url=_xf1_permalink(el, doc, native_id),
        published=_xf1_date(el, ctx, hints),
        # Edit notes, attachments and likes: looked for only on pages that have them at all.
        edited=_xf1_edit(el, ctx, hints) if marked(doc, "editDate") else None,
        attachments=_xf1_attachments(el, doc) if marked(doc, "attachedFiles") else [],
        likes=_xf1_likes(el) if marked(doc, "LikeText") else None,
    )


def _xf1_date(el: Any, ctx: ParseContext, hints) -> ResolvedDate | None:
    node = first(
        el,
        "descendant::a[" + has_class("datePermalink") + "]/descendant::*[" + has_class("DateTime") + "]",
        "descendant::*[" + has_class("messageMeta") + "]/descendant::*[" + has_class("DateTime") + "]",
        "descendant::*[" + has_class("DateTime") + "][not(ancestor::*[" + has_class("editDate") + "])][not(ancestor::*[" + has_class("messageText") + "])]",
    )
    if node is not None:
        return _xf1_datetime(node, ctx, hints)
    # Some styles print the date as plain text beside the user name (no DateTime markup).
    for raw in xpath(el, "descendant::*[" + has_class("messageUserInfo") + "]/descendant::text() | descendant::*[" + has_class("messageMeta") + "]/descendant::text()"):
        raw = norm_space(raw)
        if re.search(r"\d{1,2}[:.]\d{2}", raw) and re.search(r"\d{4}|\d{1,2}\.\d{1,2}\.\d{2}", raw):
            resolved = shown_date(raw, ctx, hints=hints)
            if resolved.value is not None:
                return resolved
    return None


def _xf1_datetime(node: Any, ctx: ParseContext, hints) -> ResolvedDate:
    if node.get("data-time"):
        display = " ".join(v for v in (node.get("data-datestring"), node.get("data-timestring")) if v) or node.text_content()
        return machine_date(node.get("data-time"), display, ctx, hints)
    return shown_date(node.get("title") or node.text_content(), ctx, hints=hints)


def _xf1_edit(el: Any, ctx: ParseContext, hints) -> ResolvedDate | None:
    node = first(el, "descendant::*[" + has_class("editDate") + "]/descendant::*[" + has_class("DateTime") + "]")
    return _xf1_datetime(node, ctx, hints) if node is not None else None


def _xf1_permalink(el: Any, doc: Document, native_id: str | None) -> str | None:
    if not native_id:
        return None
    for href in xpath(el, "descendant::a[" + has_class("datePermalink") + "]/@href | descendant::a[" + has_class("postNumber") + "]/@href"
                         " | descendant::a[" + has_class("hashPermalink") + "]/@data-href"):
        if native_id in href:
            return doc.absolute(href)
    return None


def _xf1_quote(node: Any) -> QuoteDraft:
    author = node.get("data-author")
    if not author:
        author = _attribution_name(text(node, "descendant::*[" + has_class("attribution") + "]"))
    link = first(node, "descendant::a[" + has_class("AttributionLink") + "]/@href") or ""
    post_id = re.search(r"post-(\d+)|id=(\d+)", link)
    content = first(node, "descendant::*[" + has_class("quote") + "]", "descendant::blockquote")
    pid = next((g for g in post_id.groups() if g), None) if post_id else None
    return QuoteDraft(text_of(content if content is not None else node), author or None, pid)


def _xf1_attachments(el: Any, doc: Document) -> list[AttachmentDraft]:
    out: list[AttachmentDraft] = []
    for item in xpath(el, "descendant::*[" + has_class("attachedFiles") + "]/descendant::li[" + has_class("attachment") + "]"):
        link = first(item, "descendant::*[" + has_class("attachmentInfo") + "]/descendant::a[@href]", "descendant::a[@href]")
        url = doc.absolute(link.get("href")) if link is not None else None
        name = norm_space(link.text_content()) if link is not None else None
        out.append(AttachmentDraft(url, name or filename_of(url), "image" if xpath(item, "descendant::img") else "file"))
    return out


def _xf1_likes(el: Any) -> int | None:
    summary = first(el, "descendant::*[" + has_class("LikeText") + "]")
    if summary is None:
        return None
    named = len(xpath(summary, "descendant::a[" + has_class("username") + "]"))
    others = re.search(r"(\d[\d,.]*)\s+\w+", norm_space("".join(xpath(summary, "descendant::a[" + has_class("OverlayTrigger") + "]/descendant::text()"))))
    return named + (count(others[1]) or 0 if others else 0)

