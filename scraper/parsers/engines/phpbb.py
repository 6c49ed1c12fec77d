"""phpBB 2 and 3 topic pages (viewtopic.php), including themed boards.

phpBB 3 (prosilver and its many derivatives) marks each post with ``id="p123"`` — on the post's
``div.post`` or on an anchor inside it — and puts the words in ``div.content``; subsilver2 and
phpBB 2 are table layouts where a named anchor (``<a name="p123">``, ``<a name="123">``) opens
each post and ``.postbody`` holds the words.  Table layouts are read region by region: from one
post's anchor to the next.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..generic.block import quoted_author
from ..html import Document, norm_space, post_text, remove, text_of
from ..model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from . import _kit as kit
from . import _when as when
from ._body import Body, is_smilie, split_body

NAME = "phpbb"
VERSION = "1"

_ID = re.compile(r"^p(\d+)$")
# Elements of the page with a class name: the class attribute, then its element (libxml2 tests an
# attribute node faster than an element's attribute in a predicate; same elements, page order).
_CLASSED = "//@class[contains(., '{0}') and contains(concat(' ', normalize-space(.), ' '), ' {0} ')]/parent::*"
_NOT_QUOTED = "[not(ancestor::blockquote)]"
_EDIT_NOTICE = f"descendant::*[contains(@class, 'notice') or contains(@class, 'edited')]{_NOT_QUOTED}"
# Links only phpBB prints (FluxBB, SMF and MyBB name theirs differently), found in the raw page.
_MARKERS = ("memberlist.php?mode=viewprofile", "posting.php?mode=", "ucp.php?mode=", "viewforum.php?f=")
_POWERED = "/descendant::a[contains(@href, 'phpbb.com')][1]"
# Where phpBB styles print post and join dates; their numeric forms tell the board's date order.
# Each lookup needs its class name, so only those the page has are run (as one union).
_DATE_TEXTS = (
    ("author", "/descendant::p[contains(@class, 'author')]/descendant::text()"),
    ("postdetails", "/descendant::span[contains(@class, 'postdetails')]/text()"),
    ("timestamp", "//@class[contains(., 'timestamp')]/parent::*/text()"),
    ("profile-joined", "/descendant::dd[contains(@class, 'profile-joined')]/text()"),
)


def detect(doc: Document) -> bool:
    names = kit.names(doc)
    # Each layout's posts need an id "pN" (_v3_containers), an anchor named "pN"
    # (_subsilver_anchors) or, phpBB 2, an anchor with a numbered name by a class "…name…"
    # (_v2_anchors): the page's ids and names rule them out before any scan of the source.
    if not (any(map(_ID.match, names.ids)) or any(map(_ID.match, names.name_values))
            or names.containing("name") and any(value.isdigit() for value in names.name_values)
            or "phpbb" in doc.generator):
        return False
    text = doc.text
    if not any(word in text for word in ("viewtopic", "phpBB", "phpbb", "memberlist.php", "posting.php")):
        return False  # a substring test is much cheaper than the XPath scans below
    root = doc.root
    if "phpbb" in doc.generator:
        return True
    if names.has("blockpost") and kit.xpath(root, f"/descendant::div[{kit.has_class('blockpost')}][1]"):
        return False  # FluxBB/PunBB share viewtopic.php and the ids
    marked = (any(marker in text for marker in _MARKERS) or ("phpbb.com" in text and bool(kit.xpath(root, _POWERED)))
              or doc.body is not None and doc.body.get("id") == "phpbb")
    if not marked:
        return False
    return bool(_v3_containers(doc) or _v2_anchors(doc) or _subsilver_anchors(doc))


def _date_texts(doc: Document) -> list[str]:
    paths = [path for name, path in _DATE_TEXTS if kit.marked(doc, name)]
    return kit.xpath(doc.root, " | ".join(paths)) if paths else []


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    given, ctx = ctx, when.page_context(doc, ctx)
    ctx = when.with_day_first(ctx, _date_texts(doc))
    containers = _v3_containers(doc)
    if containers:
        posts = [_v3_post(doc, ctx, el, native_id, body_el) for el, native_id, body_el in containers]
    else:
        anchors = _subsilver_anchors(doc) or _v2_anchors(doc)
        posts = _table_posts(doc, ctx, anchors)
    draft = ThreadDraft(NAME, VERSION, [p for p in posts if p is not None])
    _thread_fields(doc, ctx, draft)
    return when.record_timezone(draft, ctx, given)


# --- phpBB 3: div.post#p123 -------------------------------------------------------------------


@kit.per_page
def _v3_containers(doc: Document) -> list[tuple[Any, str, Any]]:
    """Each post's element, id and message: the element with ``id="pN"``, or the post around an
    anchor (read once: detection asks too)."""
    found: list[tuple[Any, str, Any]] = []
    seen: set[Any] = set()
    # The attribute, then its element: libxml2 tests an attribute node faster than an element's
    # attribute in a predicate (the same elements, in page order).
    for node in kit.xpath(doc.root, "//@id[starts-with(., 'p')]/.."):
        match = _ID.match(node.get("id"))
        if not match:
            continue
        el, body = node, (_body_of(node) if node.tag != "a" else None)
        if body is None:
            el, body = next(((a, b) for a in node.iterancestors() if (b := _body_of(a)) is not None), (None, None))
        if el is None or el in seen or el.tag in ("body", "html"):
            continue
        seen.add(el)
        found.append((el, match[1], body))
    return found


def _body_of(el: Any) -> Any | None:
    return kit.first(el, f".//div[{kit.has_class('content')}]{_NOT_QUOTED}[1]", f".//*[{kit.has_class('postbody')}]{_NOT_QUOTED}[1]")


def _v3_post(doc: Document, ctx: ParseContext, el: Any, native_id: str, body_el: Any) -> PostDraft:
    # Attachments sit beside the message (dl.attachbox), not inside it.
    extras = kit.xpath(body_el, f"following-sibling::*[{kit.has_class('attachbox')}]")
    body = _body(doc, [body_el, *extras] if extras else body_el)
    author, author_node = _author(el)
    if author is None:
        author = _scripted_author(el)
    profile = _profile(el, author, author_node)
    permalink = _permalink(doc, el, native_id)
    published = _v3_date(ctx, el, native_id)
    edited_text, _ = kit.first_text(el, (_EDIT_NOTICE,)) if kit.marked(doc, "notice", "edited") else (None, None)
    title, _ = kit.first_text(el, (f"descendant::h3{_NOT_QUOTED}",))
    return body.post(
        author=author,
        author_url=kit.link(doc, profile),
        author_id=_user_id(profile),
        native_id=native_id,
        url=permalink,
        published=published,
        edited=when.edited_date(ctx, edited_text) if edited_text else None,
        title=title,
        attachments=body.attachments,
    )


_AUTHOR_PATHS = (
    f"descendant::*[{kit.has_class('postprofile')}]/descendant::a[contains(@class, 'username')]",
    f"descendant::*[{kit.has_class('author')}]/descendant::a[contains(@class, 'username')]{_NOT_QUOTED}",
    f"descendant::*[{kit.has_class('author')}]/descendant::strong/descendant::a{_NOT_QUOTED}",
    f"descendant::a[contains(@class, 'username')]{_NOT_QUOTED}[not(ancestor::*[{kit.has_class('content')}])]",
    f"descendant::*[{kit.has_class('postprofile')}]/descendant::dt/descendant::a[not(img)][normalize-space()]",
    # the class token, not a substring: Tapatalk's "avatar-username" box holds the name twice
    # (a desktop and a mobile copy)
    f"descendant::*[{kit.has_class('postprofile')}]/descendant::*[{kit.has_class('username')}]",
    f"descendant::*[{kit.has_class('author')}]/descendant::strong{_NOT_QUOTED}",
    "descendant::a[contains(@href, 'mode=viewprofile')][not(img)][normalize-space()]" + _NOT_QUOTED,
)


def _author(el: Any) -> tuple[str | None, Any]:
    for path in _AUTHOR_PATHS:
        for node in kit.xpath(el, path):
            name = norm_space(node.text_content())
            if name:
                return name, node
    return None, None


def _profile(el: Any, author: str | None, node: Any) -> str | None:
    """The author's profile link: the name's own link, unless that leads nowhere but this page
    (a mod's name link "#postform" puts the name into the reply box), where the profile link
    with the name is the one."""
    href = node.get("href") if node is not None and node.tag == "a" else None
    if href and not href.startswith(("#", "javascript:")):
        return href
    if not author:
        return None
    return kit.first(el, f"descendant::a[contains(@href, 'mode=viewprofile')][normalize-space()=$name]{_NOT_QUOTED}/@href",
                     name=author)


_POST_AUTHOR = re.compile(r'"POST_AUTHOR"\s*:\s*("(?:[^"\\]|\\.)*")')


def _scripted_author(el: Any) -> str | None:
    """Tapatalk-hosted boards show no profile beside a member's consecutive posts; the post's
    ``post_data_<id>`` script still names the author."""
    for script in kit.xpath(el, "descendant::script[contains(., 'POST_AUTHOR')]"):
        match = _POST_AUTHOR.search(script.text or "")
        if match:
            try:
                return norm_space(json.loads(match[1])) or None
            except ValueError:
                return None
    return None


def _user_id(href: str | None) -> str | None:
    if not href:
        return None
    query = parse_qs(urlsplit(href).query)
    if query.get("u"):
        return query["u"][0]
    match = re.search(r"(\d+)/?(?:\.html)?$", urlsplit(href).path)  # SEO profile URLs: /membre6665/
    return match[1] if match else None


def _permalink(doc: Document, el: Any, native_id: str) -> str:
    for href in kit.xpath(el, f"descendant::a[contains(@href, $anchor)]{_NOT_QUOTED}/@href", anchor=f"#p{native_id}"):
        if not href.startswith("#"):
            return kit.link(doc, href)
    return kit.link(doc, f"#p{native_id}") or f"#p{native_id}"


def _v3_date(ctx: ParseContext, el: Any, native_id: str):
    blocks = kit.xpath(el, f"descendant::*[{kit.has_class('author')}]{_NOT_QUOTED}[not(ancestor::*[{kit.has_class('postprofile')}])]")
    if not blocks:
        blocks = kit.xpath(el, f"descendant::*[contains(@class, 'timestamp') or contains(@class, 'timepost')]{_NOT_QUOTED}[not(ancestor::*[{kit.has_class('postprofile')}])]")
    if not blocks:
        blocks = [a.getparent() for a in kit.xpath(el, f"descendant::a[contains(@href, $param)]{_NOT_QUOTED}", param=f"p={native_id}")]
    for block in blocks:
        # The date follows the author's name ("by NAME » DATE"); words before the name are not the date.
        names = kit.xpath(block, "descendant::a[contains(@class, 'username') or contains(@href, 'viewprofile') or contains(@href, 'memberlist')]")
        after = names[-1] if names else None
        resolved = when.resolve_date(ctx, block, when.date_text(block, after))
        if resolved is not None and resolved.value is not None:
            return resolved
    return None


# --- post bodies ------------------------------------------------------------------------------

_DROP = (
    "div.codebox > p", "dl.codebox > dt", "dl.attachbox > dt", "span.hidden", ".signature", ".notice", ".post-buttons",
    ".profile-icons", ".back2top",
)
_ATTACHMENTS = (
    "descendant::dl[contains(@class, 'attachbox')]/descendant::a[@href]"
    " | descendant::*[contains(@class, 'attach') or contains(@class, 'file')]"
    "/descendant::a[contains(@href, 'download/file.php') or contains(@href, 'download.php')]"
    " | descendant::img[contains(@src, 'download/file')]"  # file.php?id=, or a mirror's file-42368.php
)
_ATTACHMENT_TABLES = ("following-sibling::table[descendant::img[contains(@src, 'download/file')]"
                      " or descendant::a[contains(@href, 'download/file')]]")
_BRACKETED_COUNT = re.compile(r"^\[\s*(\d[\d,.]*)\s+[^\W\d]+\s*\]$")


def _body(doc: Document, body_el: Any) -> Body:
    return split_body(body_el, doc.base_url, session_links=True, skip_image=is_smilie, drop=_DROP, quote_xpath="descendant::blockquote | descendant::td[@class='quote']/ancestor::table[1]",
                    read_quote=_quote, attachment_xpath=_ATTACHMENTS)


def _quote(node: Any) -> QuoteDraft:
    header = kit.first(node, ".//cite[1] | .//span[@class='genmed'][1]")
    before = node.getprevious()
    if header is None and before is not None and before.get("class") == "quotetitle":
        header = before  # subsilver2: <div class="quotetitle">X wrote:</div><div class="quotecontent">
    author = None
    post_id = None
    if header is not None:
        named = kit.xpath(header, ".//a[contains(@href, 'mode=viewprofile') or contains(@href, 'memberlist')][1]")
        author = norm_space(named[0].text_content()) if named else quoted_author(header.text_content())
        post_id = kit.first(header, "descendant::a/@data-post-id")
    if post_id is None:
        match = re.search(r"[?&]p=(\d+)", node.get("cite") or "")
        post_id = match[1] if match else None
    if header is not None:
        remove(header)
    for inner in kit.xpath(node, "descendant::blockquote/descendant::cite[1]"):
        remove(inner)  # a quote's quote: its "X wrote: ↑ DATE" header is no quoted words either
    return QuoteDraft(text=text_of(node), author=author, post_native_id=post_id)


# --- subsilver2 and phpBB 2: table rows, one region per post ----------------------------------


@kit.per_page  # detection asks too
def _subsilver_anchors(doc: Document) -> list[tuple[Any, str]]:
    found = []
    for node in kit.xpath(doc.root, "//@name[starts-with(., 'p')]/parent::a"):  # as in _v3_containers
        match = _ID.match(node.get("name"))
        if match:
            found.append((node, match[1]))
    return found


@kit.per_page  # detection asks too
def _v2_anchors(doc: Document) -> list[tuple[Any, str]]:
    """phpBB 2 (subSilver): ``<span class="name"><a name="123"></a><b>user</b></span>``."""
    found = []
    for node in kit.xpath(doc.root, "//span[contains(@class, 'name')]//a[@name] | //a[@name][following-sibling::*[1][contains(@class, 'name')]]"):
        name = node.get("name")
        if name.isdigit():
            found.append((node, name))
    return found


def _table_posts(doc: Document, ctx: ParseContext, anchors: list[tuple[Any, str]]) -> list[PostDraft | None]:
    order = {el: i for i, el in enumerate(doc.root.iter())}
    starts = [order[a] for a, _ in anchors] + [len(order)]
    bodies = kit.xpath(doc.root, _CLASSED.format("postbody") + _NOT_QUOTED)
    posts = []
    for i, (anchor, native_id) in enumerate(anchors):
        lo, hi = starts[i], starts[i + 1]
        # The anchor sits in the author's cell, which starts before the anchor itself.
        row = next((a for a in anchor.iterancestors("tr")), None)
        inside = [b for b in bodies if lo <= order[b] < hi]
        if not inside:
            posts.append(None)
            continue
        posts.append(_table_post(doc, ctx, anchor, native_id, row, inside[0], order, lo, hi))
    return posts


@kit.per_page
def _table_page_links(doc: Document) -> tuple[list[Any], list[Any], list[Any]]:
    """The page's profile links, post links (permalinks, date icons) and small-print notes, in page
    order: each table post takes those between its anchor and the next (read once a page, not once
    a post)."""
    return (kit.xpath(doc.root, "/descendant::a[contains(@href, 'mode=viewprofile')]"),
            kit.xpath(doc.root, "/descendant::a[contains(@href, 'viewtopic.php?p=') or contains(@href, '#p')]"),
            kit.xpath(doc.root, "/descendant::*[contains(@class, 'gensmall') and (self::span or self::div or self::td)]"))


# A table post's small print, its inline attachment's "Attachment:" label and its list's
# "Attachments:" heading (subsilver2).
_TABLE_DROP = ("span.gensmall", "div.gensmall", "div.attachtitle", "td.row3 > b.genmed")
_TABLE_QUOTES = ("descendant::blockquote | descendant::td[@class='quote']/ancestor::table[1]"
                 " | descendant::div[@class='quotetitle']/following-sibling::div[@class='quotecontent'][1]")


def _table_post(doc: Document, ctx: ParseContext, anchor: Any, native_id: str, row: Any, first_body: Any,
                order: dict, lo: int, hi: int) -> PostDraft:
    # phpBB 2 closes the body span around quotes: the whole cell is the body.
    cell = first_body if first_body.tag == "div" else next(first_body.iterancestors("td"), first_body)
    # subsilver2 lists a post's attachments in a table after its message ("Attachments:").
    extras = kit.xpath(cell, _ATTACHMENT_TABLES) if cell is first_body else []
    body = split_body([cell, *extras] if extras else cell, doc.base_url, session_links=True,
                      skip_image=is_smilie, drop=_DROP + _TABLE_DROP, quote_xpath=_TABLE_QUOTES,
                      read_quote=_quote, attachment_xpath=_ATTACHMENTS, signature_rule=True)
    text = post_text(body.element)
    scope = row if row is not None else anchor.getparent()
    name_node = None
    for path in ("descendant::b[contains(@class, 'postauthor')]", "descendant::span[contains(@class, 'name')]/descendant::b", "descendant::span[contains(@class, 'name')]"):
        found = kit.xpath(scope, path) or kit.xpath(anchor, "ancestor::*[1]/" + path)
        if found:
            name_node = found[0]
            break
    author = norm_space(name_node.text_content()) if name_node is not None else None
    profile_links, post_links, notes = _table_page_links(doc)
    profile = None
    for href in profile_links:
        if lo <= order[href] < hi:
            profile = href.get("href")
            break
    published = None
    # The date sits beside the post's permalink icon: "Posted: DATE  Post subject: …" in a
    # span.postdetails (phpBB 2), "<b>Posted:</b> DATE" in the same div (subsilver2).
    for a in post_links:
        if not (lo <= order[a] < hi and re.search(rf"p={native_id}\b|#p?{native_id}$", a.get("href") or "")):
            continue
        parent = a.getparent()
        details = kit.xpath(parent, "./span[contains(@class, 'postdetails')]")
        if details:
            raw = re.sub(r"^[^\d:]*:\s*", "", norm_space(details[0].text))
        else:
            raw = when.date_text(parent)
        resolved = when.resolve_text(ctx, raw)
        if resolved is not None and resolved.value is not None:
            published = resolved
            break
    edited = None
    for el in notes:
        if lo <= order[el] < hi and when.is_edit_line(el.text_content()):
            edited = when.edited_date(ctx, el.text_content())
            break
    permalink = None
    for a in post_links:
        if lo <= order[a] < hi and "viewtopic.php?p=" in a.get("href") and re.search(rf"p={native_id}\b", a.get("href")):
            permalink = kit.link(doc, a.get("href"))
            break
    return PostDraft(
        body_text=text,
        body_html=body.html,
        body_element=body.element,
        author=author,
        author_url=kit.link(doc, profile),
        author_id=_user_id(profile),
        native_id=native_id,
        url=permalink or kit.link(doc, f"viewtopic.php?p={native_id}#{anchor.get('name')}"),
        published=published,
        edited=edited,
        quotes=body.quotes,
        attachments=body.attachments,
        images=body.images,
    )


# --- thread -----------------------------------------------------------------------------------


def _thread_fields(doc: Document, ctx: ParseContext, draft: ThreadDraft) -> None:
    root = doc.root
    title, title_node = kit.first_text(root, (
        f"/descendant::h2[{kit.has_class('topic-title')}]", "/descendant::h2[a[contains(@href, 'viewtopic.php')]]",
        "/descendant::a[contains(@class, 'titles')]", "/descendant::a[contains(@class, 'maintitle')]",
        "/descendant::h1[a[contains(@href, 'viewtopic.php')]]",
    ))
    if not title and draft.posts:
        # Themed boards drop the link from the topic heading: the last h2 before the first post.
        first = kit.xpath(root, "/descendant::*[@id=$id]", id=f"p{draft.posts[0].native_id}")
        heading = kit.xpath(first[0], "preceding::h2[1]") if first else []
        title = norm_space(heading[0].text_content()) if heading else None
    if not title:
        title = norm_space(doc.meta("og:title") or (doc.title or "").split(" - ")[0]) or None
    draft.title = title
    draft.url = ctx.url
    query = parse_qs(urlsplit(ctx.url or "").query)
    topic = query.get("t", [None])[0]
    if not topic and title_node is not None:
        hrefs = kit.xpath(title_node, "descendant-or-self::a/@href")
        match = re.search(r"[?&;]t=(\d+)", hrefs[0]) if hrefs else None
        topic = match[1] if match else None
    if not topic:
        for href in kit.xpath(root, "/descendant::a[contains(@href, 'posting.php?mode=reply')]/@href | /descendant::link[@rel='canonical']/@href"):
            match = re.search(r"[?&;]t=(\d+)|-t(\d+)(?:-\d+)?\.html", href)
            if match:
                topic = match[1] or match[2]
                break
    draft.native_id = topic
    crumbs = _breadcrumbs(doc)
    draft.breadcrumbs = crumbs
    draft.board = crumbs[-1] if crumbs else None
    draft.language = when.locale_of(doc)
    _pagination(doc, draft)


def _breadcrumbs(doc: Document) -> list[str]:
    crumbs = kit.xpath(doc.root, _CLASSED.format("crumb"))
    if crumbs:
        parent = crumbs[0].getparent()  # the first breadcrumb bar; boards repeat it in the footer
        # the crumb's name or link: styles put the separator ("›", "&gt;") inside the crumb
        names = (kit.first_text(c, ("descendant::*[@itemprop='name']", "descendant::a", "."))[0] for c in crumbs if c.getparent() is parent)
        return [t for t in names if t]
    for path in ("/descendant::li[contains(@class, 'icon-home')][1]/a", "/descendant::p[contains(@class, 'breadcrumbs')][1]/a",
                 "/descendant::*[@id='breadcrumbs' or @id='breadcrumb'][1]/descendant::a[normalize-space()]",
                 # phpBB 2: "Forum Index -> Board"; the first nav span may hold the post buttons
                 "/descendant::span[@class='nav'][a[@class='nav'][contains(@href, 'index.php')]][1]/a[@class='nav']"):
        found = kit.breadcrumbs(doc, path)
        if found:
            return found
    return []


_PAGE_OF_STRONGS = "descendant::strong[not(ancestor::a[not(contains(@onclick, 'jumpto')) and not(@href='#')])]"


def _pagination(doc: Document, draft: ThreadDraft) -> None:
    root = doc.root
    boxes = kit.xpath(root, _CLASSED.format("pagination"))
    for box in boxes:
        # "Page <strong>2</strong> of <strong>10</strong>", inside phpBB 3.0's jump-to-page link on a
        # topic of several pages (href "#"); a <strong> in another link is that page's number.
        strongs = [s for s in kit.xpath(box, _PAGE_OF_STRONGS) if norm_space(s.text_content()).isdigit()]
        if len(strongs) >= 2:
            draft.page, draft.page_count = int(strongs[0].text_content()), int(strongs[1].text_content())
            break
        active = kit.xpath(box, "descendant::li[contains(@class, 'active')]")
        numbers = [int(t) for t in (norm_space(x) for x in kit.xpath(box, "descendant::li/descendant::text()")) if t.isdigit()]
        if active and norm_space(active[0].text_content()).isdigit():
            draft.page = int(norm_space(active[0].text_content()))
            draft.page_count = max(numbers + [draft.page])
            break
    if draft.page is None and not boxes:
        # phpBB 2 / subsilver2: "Page <b>1</b> of <b>2</b>" in the nav line.
        for node in kit.xpath(root, "/descendant::span[contains(@class, 'nav')] | /descendant::td[contains(@class, 'nav')] | /descendant::td[contains(@class, 'gensmall')]"):
            numbers = [norm_space(b.text_content()) for b in kit.xpath(node, "./b | ./strong")]
            if len(numbers) == 2 and all(n.isdigit() for n in numbers):
                draft.page, draft.page_count = int(numbers[0]), int(numbers[1])
                break
    if draft.page is None:
        draft.page, draft.page_count = 1, 1
    total = next((kit.count(t) for t in (norm_space(b.text_content()) for b in boxes) if re.match(r"^\d[\d,.]*\s+\w+", t)), None)
    if total is None and not boxes:
        # subsilver2: "[ 35 posts ]" beside "Page 2 of 4".
        total = next((kit.count(m[1]) for m in (_BRACKETED_COUNT.match(norm_space(td.text_content()))
                      for td in kit.xpath(root, "/descendant::td[contains(@class, 'gensmall')]")) if m), None)
    if total:
        draft.reply_count = max(total - 1, 0)
    if draft.page is not None and draft.page_count is not None and draft.page >= draft.page_count:
        return  # the last page: no next page to look for
    draft.next_url = kit.next_url(doc, (
        f"$boxes/descendant::li[{kit.has_class('next')}]/a/@href"
        " | ($boxes/descendant::strong[not(ancestor::a)]/following::a[1][contains(@href, 'start=')])[1]/@href"
        # phpBB 2: "Goto page <b>1</b>, <a>2</a>" — the link after the bold current page
        " | (/descendant::span[contains(@class, 'gensmall')]/descendant::b/b/following-sibling::a[1][contains(@href, 'start=')])[1]/@href"
    ), boxes=boxes)  # the pagination bars found above
