"""vBulletin 3, 4 and 5 (and 6, which keeps the 5 markup) thread pages.

The three generations share post ids (``post_message_<id>`` in 3 and 4, ``post<id>`` anchors
everywhere) but little else:

* vBulletin 3: table or div postbits; the date is the text beside the ``<a name="post<id>">``
  status icon; the author is ``a.bigusername`` (or the ``postmenu_<id>`` text for guests).
* vBulletin 4: ``li.postcontainer#post_<id>``; ``span.postdate span.date``; ``.username``.
* vBulletin 5/6: ``li.b-post`` with ``<time datetime>`` and ``.js-post__content-text``.
* The "lite" archive (``archive/index.php``) of 3 and 4: ``div.post`` with ``.posttop .username``,
  ``.date`` and ``.posttext``, and no post ids.

Versions 3 and 4 print dates as text only, in the board's timezone, which the footer states
("All times are GMT -5", "Zeitangaben in WEZ +2").
"""

from __future__ import annotations

import re
from typing import Any

from .. import dates
from ..html import Document, absolute, clean_copy, css, html_of, images_in, norm_space, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from ..generic.thread import breadcrumbs_of
from ._body import attachments_in, extract_quotes
from ._kit import (
    count,
    digits,
    first,
    has_class,
    head,
    head_link,
    lookup,
    marked,
    names,
    next_url,
    per_page,
    query,
    without_session,
    xp,
    xpath,
)
from ._when import (
    footer_timezone,
    machine_date,
    record_timezone,
    settle_day_order,
    shown_date,
    with_page_timezone,
)

NAME = "vbulletin"
VERSION = "1"

_V3_V4_POST = "/descendant::div[starts-with(@id,'post_message_')]"
_V5_POST = "/descendant::li[" + has_class("b-post") + "]"
_LEGACY_QUOTE = re.compile(r"^\s*(quote|zitat|citation|cita|citazione|citaat)\s*:?\s*$", re.I)
# Inside a body, never part of the post's words: vB3/4 chrome and vB5 tag lists.
_BODY_DROP = (".bbcode_postedby img", ".js-content-tag", ".postbit-appended")


def declared(doc: Document) -> bool:
    """Whether the page names vBulletin: the generator, or the html or body id of its styles."""
    body = doc.body
    return ("vbulletin" in doc.generator or doc.root.get("id") == "vbulletin_html"
            or body is not None and body.get("id") == "vb-page-body")


def detect(doc: Document) -> bool:
    # What each test below needs, from cached facts first: most pages are not vBulletin, and
    # scans of the source and XPath walks are slow.
    if declared(doc):
        # A page with posts: the post markup of one of its styles.
        return "post_message_" in doc.text or "b-post" in doc.text or "posttop" in doc.text
    found = names(doc)
    if not (found.has("posttop") or found.starting("post_message_")):
        return False
    # Customised styles drop the generator: the vB3/4 message ids with their postcount anchors.
    if _is_archive(doc):
        return "vbulletin" in doc.text.lower()
    return (found.starting("post_message_") and (found.starting("postcount") or found.containing("postcontainer"))
            and bool(xpath(doc.root, f"{_V3_V4_POST}[1]"))
            and bool(xpath(doc.root, "(//a[starts-with(@id,'postcount')] | //li[contains(@class,'postcontainer')])[1]")))


@per_page  # detection asks too
def _is_archive(doc: Document) -> bool:
    return names(doc).has("posttop") and "post_message_" not in doc.text and bool(
        xpath(doc.root, "(//div[@class='post']/div[@class='posttop'])[1]"))


def _version(doc: Document) -> int:
    if "js-post__content-text" in doc.text and xpath(doc.root, f"{_V5_POST}[1]"):
        return 5
    if re.search(r"<li[^>]+class=\"[^\"]*(?:postcontainer|postbit)", doc.text):
        return 4
    return 3


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    given, ctx = ctx, with_page_timezone(ctx, footer_timezone(doc.text))
    if _is_archive(doc):
        return record_timezone(_parse_archive(doc, ctx), ctx, given)
    version = _version(doc)
    if version == 5:
        posts = _parse_v5(doc, ctx)
    else:
        posts = _parse_v3_v4(doc, ctx, version)
        settle_day_order(posts, ctx)
    draft = ThreadDraft(NAME, f"{VERSION}/vb{version}", posts=posts)
    _thread_fields(doc, draft)
    return record_timezone(draft, ctx, given)


def _parse_archive(doc: Document, ctx: ParseContext) -> ThreadDraft:
    base = doc.base_url
    draft = ThreadDraft(NAME, f"{VERSION}/archive")
    for box in xpath(doc.root, "/descendant::div[@class='post'][div[@class='posttop']]"):
        text_node = first(box, "./div[@class='posttext']")
        if text_node is None:
            continue
        body = clean_copy(text_node, drop=_BODY_DROP)
        quotes = extract_quotes(body, ".bbcode_container", _v4_quote) + _v3_quotes(body)
        user = first(box, "./div[@class='posttop']/div[@class='username']")
        date = first(box, "./div[@class='posttop']/div[@class='date']")
        author, author_url = _author(user, base)
        draft.posts.append(PostDraft(
            body_text=text_of(body),
            body_html=html_of(body, base),
            body_element=body,
            author=author,
            author_url=author_url,
            author_id=_user_id(author_url),
            published=shown_date(text_of(date), ctx) if date is not None else None,
            quotes=quotes,
            images=images_in(body, base, skip=_is_smilie),
        ))
    settle_day_order(draft.posts, ctx)
    full = first(doc.root, "/descendant::div[@class='pda']/descendant::a | /descendant::p[@class='largefont']/descendant::a")
    if full is not None:
        draft.title = norm_space(full.text_content()).removeprefix("View Full Version :").strip() or None
        draft.url = without_session(doc.absolute(full.get("href")))
    crumbs = [norm_space(a.text_content()) for a in xpath(doc.root, "/descendant::div[@id='navbar']/a")]
    draft.breadcrumbs = [c for c in crumbs if c]
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    if not draft.title:
        draft.title = _title_from_head(doc)
    numbers = [int(t) for t in xpath(doc.root, "/descendant::div[@id='pagenumbers']/descendant::a/text() | /descendant::div[@id='pagenumbers']/descendant::strong/text()") if t.strip().isdigit()]
    current = first(doc.root, "/descendant::div[@id='pagenumbers']/descendant::strong/text()")
    draft.page = int(current) if current and current.strip().isdigit() else 1
    draft.page_count = max(numbers + [draft.page])
    m = re.search(r"[?&]t=(\d+)|/t-(\d+)", f"{draft.url or ''} {doc.url or ''}")
    draft.native_id = next((g for g in m.groups() if g), None) if m else None
    return draft


# -- thread ----------------------------------------------------------------------------------


def _thread_fields(doc: Document, draft: ThreadDraft) -> None:
    crumbs = (query(doc, 'id="breadcrumb"', "/descendant::div[@id='breadcrumb']/descendant::li[contains(@class,'navbit')]/descendant::a")
              or query(doc, 'id="breadcrumbs"', "/descendant::ul[@id='breadcrumbs']/descendant::a")
              or query(doc, 'class="navbar"', "/descendant::span[@class='navbar']/descendant::a"))
    names = [c for c in (norm_space(a.text_content()) for a in crumbs) if c]
    if names and names[0] in names[1:]:  # vB3 repeats the navbar below the posts
        names = names[:names.index(names[0], 1)]
    # A restyled board's own trail (pprune's schema.org BreadcrumbList spans).
    draft.breadcrumbs = names or breadcrumbs_of(doc)
    draft.board = draft.breadcrumbs[-1] if draft.breadcrumbs else None
    title = head(lookup(doc, "threadtitle", "/descendant::span[contains(@class,'threadtitle')]/descendant::a | /descendant::h1[contains(@class,'threadtitle')]")
                  or query(doc, "main-title", "/descendant::h1[contains(@class,'main-title') or contains(@class,'b-page-title')]")
                  or query(doc, 'class="navbar"', "/descendant::td[@class='navbar']/strong | /descendant::span[@class='navbar']/following-sibling::strong"))
    draft.title = norm_space(title.text_content()) if title is not None else None
    if not draft.title:
        draft.title = doc.meta("og:title") or _title_from_head(doc)
    draft.native_id = _thread_id(doc)
    draft.page, draft.page_count = _pages(doc)
    if draft.page is None and draft.posts:
        draft.page, draft.page_count = 1, 1
    numbered = ""
    if draft.page and draft.page_count and draft.page < draft.page_count:
        # vBulletin 3 page links have no rel="next": the link to the following page number.
        numbered = _NUMBERED_PAGE_LINK
    draft.next_url = next_url(doc, numbered, number=str((draft.page or 0) + 1))
    draft.url = without_session(head_link(doc, "canonical") or doc.url)
    draft.language = doc.root.get("lang") or None


_NUMBERED_PAGE_LINK = ("/descendant::div[contains(@class,'pagenav') or contains(@class,'pagination')]"
                       "/descendant::a[normalize-space()=$number]/@href")


def _title_from_head(doc: Document) -> str | None:
    title = doc.title
    if not title:
        return None
    # "<thread> - Page 2 - <site>": the thread is the longest part before the site name.
    return re.split(r"\s+[-|]\s+", title)[0] or title


def _thread_id(doc: Document) -> str | None:
    value = first(doc.root, "/descendant::input[@name='t' or @name='threadid']/@value")
    if value and value.isdigit():
        return value
    url = doc.url or ""
    m = re.search(r"[?&]t=(\d+)|/threads?/(\d+)|/(\d+)-[^/]*(?:\.html)?$", url)
    return next((g for g in m.groups() if g), None) if m else None


def _pages(doc: Document) -> tuple[int | None, int | None]:
    # "Page 2 of 5" (vB3 pagenav, vB4 popup control, vB5 page counter)
    for text in (lookup(doc, "vbmenu_control", "/descendant::div[contains(@class,'pagenav')]/descendant::td[contains(@class,'vbmenu_control')]/text()")
                 or lookup(doc, "popupctrl", "/descendant::div[contains(@class,'pagination')]/descendant::span/a[contains(@class,'popupctrl')]/text()")
                 or lookup(doc, "pagenav-", "//@class[contains(.,'pagenav-') or contains(.,'js-pagenav-current')]/parent::*/text()")):
        m = re.search(r"(\d+)\D+(\d+)", text)
        if m:
            return int(m.group(1)), int(m.group(2))
    # Page links around the current page, which is marked (span.selected, span.current) or bold.
    if marked(doc, "pagenav", "pagination"):
        for nav in xpath(doc.root, "/descendant::div[contains(@class,'pagenav') or contains(@class,'pagination')]"):
            current = head([t for t in xpath(nav, "descendant::*[contains(@class,'selected') or contains(@class,'current')]/descendant::text()"
                                                  " | descendant::strong/text()") if t.strip().isdigit()])
            if current:
                numbers = [int(t) for t in xp("descendant::a/text()")(nav) if t.strip().isdigit()]
                return int(current), max(numbers + [int(current)])
    return _pages_from_results(doc)


_RESULTS = re.compile(r"(\d[\d,.]*) to (\d[\d,.]*) of (\d[\d,.]*)")
_TITLE_PAGE = re.compile(r" - Page (\d+) - ")


def _pages_from_results(doc: Document) -> tuple[int | None, int | None]:
    """A restyled vBulletin 3 pager (pprune): its links' titles ("Show results 41 to 60 of 1,721")
    give the page size and the post count, the page's title ("Thread - Page 2 - Site") the page."""
    if "Show results" not in doc.text:
        return None, None
    for title in xpath(doc.root, "/descendant::a[starts-with(@title, 'Show results ')]/@title"):
        found = _RESULTS.search(title)
        if found:
            low, high, total = (count(n) for n in found.groups())
            if low and high and total and high >= low:
                shown = _TITLE_PAGE.search(doc.title or "")
                return (int(shown[1]) if shown else 1), -(-total // (high - low + 1))
    return None, None


# -- vBulletin 3 and 4 -----------------------------------------------------------------------


def _parse_v3_v4(doc: Document, ctx: ParseContext, version: int) -> list[PostDraft]:
    posts: list[PostDraft] = []
    thanks = _thanks_boxes(doc)
    # Which optional postbit parts the page has at all, so posts skip the subtree scans for the rest.
    marks = ({name for name in ("edited", "Zuletzt", "attachment") if name in doc.text}  # words and links
             | {name for name in ("vbseo_liked", "postbit_thanks", "bbcode_container", "bbcode_quote") if marked(doc, name)})  # class names
    for message in xpath(doc.root, _V3_V4_POST):
        native = message.get("id")[len("post_message_"):]
        if not native.isdigit():
            continue
        if version == 4:
            box = first(message, "ancestor::li[@id=$box] | ancestor::*[contains(@class,'postcontainer') or contains(@class,'postbit')][1]", box=f"post_{native}")
        else:
            box = first(message, "ancestor::*[@id=$post or @id=$edit][1]", post=f"post{native}", edit=f"edit{native}")
        if box is None:
            box = message.getparent()
        posts.append(_v3_v4_post(doc, ctx, box, message, native, version, thanks.get(native), marks))
    return posts


def _v3_v4_post(doc: Document, ctx: ParseContext, box: Any, message: Any, native: str, version: int,
                thanks: Any, marks: set[str]) -> PostDraft:
    base = doc.base_url
    if version == 4:
        user = _first_of(box, ".username_container .username", ".userinfo .username", "a.username", ".username")
        date_node = _first_of(box, ".postdate .date", ".postdate", "span.timepost")
        raw_date = text_of(date_node) if date_node is not None else None
        counter = head(css(box, "a.postcounter"))
    else:
        user = first(box, "descendant::a[contains(@class,'bigusername')] | descendant::*[@id=$menu]", menu=f"postmenu_{native}")
        anchor = first(box, "descendant::a[@name=$name]", name=f"post{native}")
        raw_date = _v3_date_text(anchor)
        counter = first(box, "descendant::a[@id=$counter]", counter=f"postcount{native}")
    author, author_url = _author(user, base)
    if not raw_date:
        raw_date = _date_text_near(box, message)
    body = clean_copy(message, drop=_BODY_DROP)
    quotes = extract_quotes(body, ".bbcode_container", _v4_quote) if version == 4 and "bbcode_container" in marks else []
    quotes += extract_quotes(body, ".bbcode_quote", _v4_quote) if "bbcode_quote" in marks else []
    quotes += _v3_quotes(body)
    text = text_of(body)
    href = counter.get("href") if counter is not None else None
    url = without_session(doc.absolute(href)) if href else _permalink(doc, native)
    edited = first(box, "descendant::*[contains(@class,'lastedited')] | descendant::em[starts-with(normalize-space(.),'Last edited')"
                   " or starts-with(normalize-space(.),'Zuletzt')]") if marks & {"edited", "Zuletzt"} else None
    post = PostDraft(
        body_text=text,
        body_html=html_of(body, base),
        body_element=body,
        author=author,
        author_url=author_url,
        author_id=_user_id(author_url),
        native_id=native,
        url=url,
        published=shown_date(raw_date, ctx) if raw_date else None,
        edited=_edit_date(edited, ctx),
        quotes=quotes,
        attachments=_attachments(box, base) if "attachment" in marks else [],
        images=images_in(body, base, skip=_is_smilie),
        likes=_likes(box, thanks, marks),
        title=_post_title(box) or None,
    )
    return post


def _attachments(box: Any, base: str | None) -> list[Any]:
    """The attachment links inside an attachment box (``.attachments``, a ``fieldset``) of the post.

    The few attachment links are found first and kept when one of their ancestors is a box: the
    XPath ``.//*[box]//a[link]`` lists the links under every box-like element and merges the
    lists (0.25 -> 0.11 ms per vBulletin page)."""
    found = []
    for link in xp("descendant::a[contains(@href,'attachment.php') or contains(@href,'/attachments/')]")(box):
        for holder in link.iterancestors():
            if holder is box:
                break
            if holder.tag == "fieldset" or "attachments" in (holder.get("class") or ""):
                found.append(link)
                break
    return attachments_in(found, base)


def _first_of(node: Any, *selectors: str) -> Any | None:
    """The first match of the first selector that matches (selectors in order of preference)."""
    for selector in selectors:
        found = css(node, selector)
        if found:
            return found[0]
    return None


_DATE_LIKE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(today|yesterday|heute|gestern)\b", re.I)


def _date_text_near(box: Any, message: Any) -> str | None:
    """Restyled postbits move the date: the first date-like text of the post header."""
    for text in xp("descendant::text()[normalize-space()][not(ancestor::script or ancestor::style)]")(box):
        if text.getparent() is message or message in text.getparent().iterancestors():
            break
        if _DATE_LIKE.search(text) and not re.search(r"join|registriert|seit|member since", text, re.I):
            return norm_space(text)
    return None


def _v3_date_text(anchor: Any) -> str | None:
    if anchor is None:
        return None
    holder = anchor.getparent()
    text = text_of(holder)
    return text or None


def _author(node: Any, base: str | None) -> tuple[str | None, str | None]:
    if node is None:
        return None, None
    link = node if node.tag == "a" else first(node, "descendant::a[@href]")
    name = norm_space(node.text_content())
    if node.tag != "a" and link is not None and norm_space(link.text_content()):
        name = norm_space(link.text_content())
    url = without_session(absolute(link.get("href"), base)) if link is not None and link.get("href") else None
    return name or None, url


def _user_id(url: str | None) -> str | None:
    if not url:
        return None
    # member.php?u=5, vB 4's friendly member.php/5-name and member.php?5-name, vB 5's /member/5-name
    m = re.search(r"[?&](?:u|userid)=(\d+)|/members?/(\d+)|member\.php[/?](\d+)(?:-|$)", url)
    return next((g for g in m.groups() if g), None) if m else None


def _permalink(doc: Document, native: str) -> str | None:
    url = doc.url
    if not url:
        return None
    return f"{url.split('#', 1)[0]}#post{native}"


def _edit_date(node: Any, ctx: ParseContext) -> dates.ResolvedDate | None:
    if node is None:
        return None
    text = text_of(node)
    # "Last edited by X; 04-12-2020 at 10:02 AM. Reason: …": the date follows the semicolon.
    part = text.split(";", 1)[1] if ";" in text else text
    part = re.split(r"\.\s|Reason|Grund", part)[0].strip()
    resolved = shown_date(part, ctx)
    return resolved if resolved.value else None


def _is_smilie(img: Any) -> bool:
    cls = img.get("class") or ""
    src = img.get("src") or ""
    return "inlineimg" in cls or "smilie" in cls or "/smilies/" in src or "/images/buttons/" in src


def _thanks_boxes(doc: Document) -> dict[str, Any]:
    """The "Post Thank You" add-on's boxes by post id: they may sit outside the postbit."""
    if not marked(doc, "post_thanks_box_"):
        return {}
    return {node.get("id")[len("post_thanks_box_"):]: node for node in xpath(doc.root, "/descendant::div[starts-with(@id,'post_thanks_box_')]")}


def _likes(box: Any, thanks: Any, marks: set[str]) -> int | None:
    """Members who liked (vBSEO) or thanked the post."""
    names: list[Any] = []
    if marks & {"vbseo_liked", "postbit_thanks"}:
        names = xp("descendant::*[contains(@class,'vbseo_liked')]/descendant::a | descendant::*[contains(@class,'postbit_thanks')]/descendant::a[contains(@href,'member')]")(box)
    if not names and thanks is not None:
        names = xp("descendant::a[contains(@href,'member') or contains(@href,'/members/')]")(thanks)
    return len(names) or None


def _post_title(box: Any) -> str:
    title = first(box, "descendant::h2[contains(@class,'title')]")
    return norm_space(title.text_content()) if title is not None else ""


def _v4_quote(node: Any) -> QuoteDraft | None:
    if node.tag != "div" or not css(node, ".bbcode_quote") and "bbcode_quote" not in (node.get("class") or ""):
        return None  # a code or PHP box, not a quote: keep it in the body
    who = head(css(node, ".bbcode_postedby strong"))
    link = first(node, "descendant::*[contains(@class,'bbcode_postedby')]/descendant::a[@href]/@href")
    message = _first_of(node, ".message", ".quote_container")
    message = node if message is None else message
    return QuoteDraft(text_of(message), norm_space(who.text_content()) if who is not None else None, _quoted_post(link))


def _quoted_post(href: str | None) -> str | None:
    if not href:
        return None
    m = re.search(r"[?&]p=(\d+)|#post(\d+)|/(\d+)-post", href)
    return next((g for g in m.groups() if g), None) if m else None


def _v3_quotes(body: Any) -> list[QuoteDraft]:
    """vBulletin 3 quotes have no class: a box holding a "Quote:" label, then the quoted panel."""
    boxes = [div for div in body.iter("div")
             if len(div) >= 2 and div[0].tag in ("div", "label") and _LEGACY_QUOTE.match(div[0].text_content() or "")]
    for div in boxes:
        div.set("class", f"{div.get('class', '')} vb3-quote".strip())
    return extract_quotes(body, "div.vb3-quote", _v3_quote) if boxes else []


def _v3_quote(box: Any) -> QuoteDraft:
    panel = box[1]
    who = first(panel, "descendant::strong")
    link = first(panel, "descendant::a[contains(@href,'p=') or contains(@href,'#post')]/@href")
    said = xp("descendant::div[contains(@style,'italic')]")(panel) or xp("descendant::td")(panel) or [panel]
    return QuoteDraft(text_of(said[-1]), norm_space(who.text_content()) if who is not None else None, _quoted_post(link))


# -- vBulletin 5 -----------------------------------------------------------------------------


def _parse_v5(doc: Document, ctx: ParseContext) -> list[PostDraft]:
    base = doc.base_url
    posts: list[PostDraft] = []
    for box in xpath(doc.root, _V5_POST):
        content = head(css(box, ".js-post__content-text"))
        if content is None:
            continue
        native = digits(first(box, "./a[starts-with(@id,'post')]/@id")) or box.get("data-node-id")
        user = first(box, "descendant::*[contains(@class,'author')][@itemprop='author']/descendant::a | descendant::*[contains(@class,'b-userinfo__details')]/descendant::*[contains(@class,'author')]")
        author, author_url = _author(user, base)
        time = _first_of(box, ".b-post__timestamp time", "time[datetime]")
        # vBulletin 5.5 writes the server's wall-clock into ``datetime``, with no offset; the
        # post's epoch is the instant.
        epoch = box.get("data-node-publishdate")
        if time is None:
            published = None
        elif epoch and epoch.isdigit():
            published = machine_date(epoch, text_of(time), ctx)
        else:
            published = machine_date(time.get("datetime"), text_of(time), ctx, display_offset=True)
        body = clean_copy(content, drop=_BODY_DROP)
        quotes = extract_quotes(body, ".bbcode_container", _v4_quote)
        href = first(box, "descendant::a[contains(@class,'b-post__count')]/@href")
        posts.append(PostDraft(
            body_text=text_of(body),
            body_html=html_of(body, base),
            body_element=body,
            author=author,
            author_url=author_url,
            author_id=_user_id(author_url),
            native_id=native,
            url=absolute(href, base) or (_permalink(doc, native) if native else None),
            published=published,
            edited=_edit_date(head(css(box, ".b-post__edit")), ctx),
            quotes=quotes,
            attachments=attachments_in(xp("descendant::*[contains(@class,'b-post-attachments')]/descendant::a[@href]")(box), base),
            images=images_in(body, base, skip=_is_smilie),
        ))
    return posts
