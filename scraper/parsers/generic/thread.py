"""The thread's own fields: its title, breadcrumb trail, page number and count and next page,
and why a page without posts has none."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, pairwise
from typing import Any
from unicodedata import east_asian_width
from urllib.parse import urlsplit

from lxml import etree

from ..html import Document, next_topic, norm_space, without_session, xpath


def title_of(doc: Document, breadcrumbs: list[str]) -> str | None:
    headings = [text for text in (_heading_text(h1) for h1 in doc.root.iter("h1") if not _home_link(h1))
                if 3 <= len(text) <= 300]
    page_title = norm_space(doc.meta("og:title") or doc.title)
    named = _named_after_site(doc, page_title)
    if named:
        return named
    titled = _titled_heading(doc, headings)
    if titled:
        return titled
    if len(headings) == 1:
        return headings[0]
    if headings and page_title:
        # A section's heading ("Discussion Forum") may come before the thread's: the page's
        # title names the thread first.
        lowered = page_title.lower()
        named = [(lowered.find(h.lower()), i) for i, h in enumerate(headings) if h.lower() in lowered]
        if named:
            return headings[min(named)[1]]
    if headings:
        return headings[0]
    # No <h1> but the site's logo: a second-level heading classed as the thread's title, or
    # classed as a title and named by the page's title (not a sidebar's "widget-title").
    for h2 in doc.root.iter("h2"):
        text, cls = norm_space(h2.text_content()), h2.get("class") or ""
        if 3 <= len(text) <= 300 and (_THREAD_TITLE_CLASS.search(cls) or (
                "title" in cls.lower() and text.lower() in page_title.lower())):
            return text
    # No heading: a breadcrumb trail that ends in the thread names it without the board and
    # site names the page's title adds ("Login-Schleife › Ubuntu installieren › Forum › …").
    if breadcrumbs and page_title and page_title.lower().startswith(breadcrumbs[-1].lower()):
        return breadcrumbs[-1]
    # "Thread - Page 152 - Site": the page's number and what follows it are not the thread's name.
    stem = _PAGE_PART.split(page_title, maxsplit=1)[0]
    shown = _shown_part(doc, stem)
    if shown and shown.lower() in {crumb.lower() for crumb in breadcrumbs}:
        # "Site - Thread" (vBulletin 2): the part the trail names is the site's, the rest is the thread's.
        separator = _TITLE_PARTS.match(stem, len(shown))
        rest = stem[separator.end():] if separator else ""
        if rest and _TEXT_ENDING(doc.root, text=rest):  # the trail's end: "… > Thread"
            return rest
    return shown or stem or None


def _shown_part(doc: Document, title: str) -> str | None:
    """The longest leading part of a page title ("Thread - Topic - Site") that the page shows as
    a text of its own (a breadcrumb's last item, the topic's link): the thread's name."""
    for cut in reversed([m.start() for m in _TITLE_PARTS.finditer(title)]):
        if _TEXT_EQUAL(doc.root, text=title[:cut]):
            return title[:cut]
    return None


_TEXT_EQUAL = etree.XPath("/descendant::body[1]/descendant::text()[normalize-space(.) = $text][1]")
_TEXT_ENDING = etree.XPath("/descendant::body[1]/descendant::text()"
                           "[substring(normalize-space(.), string-length(normalize-space(.)) - string-length($text) + 1) = $text][1]")


def _named_after_site(doc: Document, page_title: str) -> str | None:
    """An <h2> that the page's title names after the site's name ("Site • Topic", phpBB 3.0),
    on a page whose only <h1> is that name, in its header."""
    parts = [part.lower() for part in _TITLE_PARTS.split(page_title)]
    if len(parts) < 2:
        return None
    for h1 in doc.root.iter("h1"):
        if _heading_text(h1).lower() != parts[0] or not _in_site_header(h1):
            return None
    return next((text for text in (norm_space(h2.text_content()) for h2 in doc.root.iter("h2"))
                 if len(text) >= 5 and text.lower() in parts[1:]), None)


def _in_site_header(heading: Any) -> bool:
    """Whether a heading stands in the site's header: in an element named so, or beside the logo."""
    for parent in islice(heading.iterancestors(), 3):
        if _SITE_HEADER.search(f"{parent.get('id') or ''} {parent.get('class') or ''}"):
            return True
        if any(_SITE_HEADER.search(f"{el.get('id') or ''} {el.get('class') or ''}") for el in parent if el is not heading):
            return True
    return False


_SITE_HEADER = re.compile(r"site|logo|banner|masthead", re.I)


def _titled_heading(doc: Document, headings: list[str]) -> str | None:
    """The heading the page's title begins with ("Thread - Page 3 - Site"; the site's logo heading
    is not it): an <h1>, a label before it left out ("Thread: …"), else an <h2> classed as the
    thread's title; or the first part of the page's title where an <h1> ends with it (a trail of
    links before the thread's name), or an <h2> does below an <h1> that is the site's name.  The
    <title> is asked first: an og:title may begin with the site's name."""
    titles = [t for t in (norm_space(doc.title), norm_space(doc.meta("og:title"))) if t]
    topics = [norm_space(h2.text_content()) for h2 in doc.root.iter("h2")
              if _THREAD_TITLE_CLASS.search(h2.get("class") or "")]
    for title in titles:
        lowered = title.lower()
        for text in headings:
            label, _, rest = text.partition(": ")
            for candidate in (text, rest if len(label) <= 20 else ""):
                if len(candidate) >= 5 and lowered.startswith(candidate.lower()):
                    return candidate
        for text in topics:
            if len(text) >= 5 and lowered.startswith(text.lower()):
                return text
    for title in titles:
        parts = _TITLE_PARTS.split(title)
        first = parts[0]
        # Where the <h1> is the site's name that ends the page's title, the thread's name may end
        # an <h2> instead ("Audio > Thread", a static archive's board and thread).
        ending = headings if len(parts) < 2 or any(h.lower() != parts[-1].lower() for h in headings) else [
            norm_space(h2.text_content()) for h2 in doc.root.iter("h2")]
        if _width(first) >= 10 and any(h.lower().endswith(first.lower()) for h in ending):
            return first
    return None


_TITLE_PARTS = re.compile(r"\s+[-|–—•·:]+\s+")
_PAGE_PART = re.compile(r"\s+[-|–—•·]\s+(?:page|seite|página|pagina|strona|sida|side)\s+\d+\b.*", re.I)


def _width(text: str) -> int:
    """A text's length with wide (CJK) characters counted twice: seven of them make a title."""
    return len(text) if text.isascii() else sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def _heading_text(heading: Any) -> str:
    """A heading's text without its labels ("<span class=label>Player</span> Squad 2024") and
    buttons (Askbot's "edit", Discuz!'s "[复制链接]": a link that runs a script)."""
    parts: list[str] = []

    def gather(el: Any) -> None:
        parts.append(el.text or "")
        for child in el:
            if (isinstance(child.tag, str) and child.tag != "button" and not _label_name(child.get("class") or "")
                    and not _script_link(child)):
                gather(child)
            parts.append(child.tail or "")

    gather(heading)
    return norm_space("".join(parts))


def _script_link(el: Any) -> bool:
    return el.tag == "a" and bool(el.get("onclick") or (el.get("href") or "").startswith("javascript:"))


@lru_cache(maxsize=256)
def _label_name(cls: str) -> bool:
    return bool(cls) and _LABEL_CLASS.search(cls) is not None


_LABEL_CLASS = re.compile(r"(?:^|[-_\s])(?:label|prefix|badge)(?:$|[-_\s])", re.I)
_THREAD_TITLE_CLASS = re.compile(r"(?:post|topic|thread|discussion|question)\S*title|title\S*(?:post|topic|thread|discussion|question)", re.I)


def _home_link(heading: Any) -> bool:
    """Whether a heading is the site's logo: nothing but a link to the home page (beside a named
    anchor, ``<a name="top">``)."""
    links = [child for child in heading if not (child.tag == "a" and child.get("href") is None and not len(child))]
    if len(links) != 1 or links[0].tag != "a" or (heading.text or "").strip() or any((c.tail or "").strip() for c in heading):
        return False
    href = urlsplit(links[0].get("href") or "")
    return (href.path == "/" or (href.netloc and not href.path)) and not href.query and not href.fragment


# These select attributes, then their elements: libxml2 tests an attribute's value far faster
# than an element's attribute in a predicate (the same elements, in page order).
_BREADCRUMB_CONTAINERS = (
    etree.XPath("//@itemtype[contains(.,'BreadcrumbList')]/.."),
    # A class that names a breadcrumb trail (see _CRUMB_CLASS); the plain contains() first.
    etree.XPath(
        "//@class[contains(.,'readcrumb')]/.. | //@id[contains(.,'breadcrumb')]/.."
        " | //@aria-label[.='breadcrumb' or .='Breadcrumb']/.."
    ),
)
# A class token that is a trail's: "breadcrumb", "breadcrumbs", "breadcrumb-nav", "forum-breadcrumb",
# "wpf-breadcrumb", "ipsBreadcrumb"; not what comes after or before one ("global_after_breadcrumb"),
# nor a pager beside one (MyBB's "pagination_breadcrumb").
_CRUMB_CLASS = re.compile(
    r"(?:^|\s|[-_](?<!after_)(?<!before_)(?<!pagination_)|(?<=[a-z])(?=B))[bB]readcrumbs?(?:$|\s|[-_])")


def breadcrumbs_of(doc: Document) -> list[str]:
    if not doc.may_contain("readcrumb"):  # in every attribute value the XPaths test
        return _unmarked_trail(doc)
    for path in _BREADCRUMB_CONTAINERS:
        for container in path(doc.root):
            cls = container.get("class") or ""
            named = ("breadcrumb" in (container.get("id") or "")
                     or container.get("aria-label") in ("breadcrumb", "Breadcrumb"))
            if "readcrumb" in cls and not _CRUMB_CLASS.search(cls) and not named:
                continue  # found by a class that names no trail
            crumbs = _crumbs(container.iter("a"))
            if crumbs:
                return crumbs
    return _unmarked_trail(doc)


def _crumbs(links: Any) -> list[str]:
    return [c for c in (norm_space(a.text_content()) for a in links) if c and len(c) < 120]


# Links that a "»" ("›", ">", "→") joins to the next, spaces and no-break spaces around it: a trail
# no class names (Discuz!'s "<p><a>Site</a> &raquo; <a>Board</a> &raquo; Thread</p>", amsel.de's
# "pagepath", UBB.classic's "&nbsp; &#187;").
_JOINED_LINKS = etree.XPath(
    "//a[following-sibling::node()[1][self::text()][translate(normalize-space(translate(., '\u00a0', ' ')), '»›>→', '')='']"
    "[contains(translate(., '›>→', '»»»'), '»')]]/following-sibling::*[1][self::a]/..")
_TRAIL_SEPARATOR = re.compile(r"\s*[»›>→]\s*")


def _unmarked_trail(doc: Document) -> list[str]:
    """The first element whose links are all joined by a trail's separator."""
    for container in _JOINED_LINKS(doc.root):
        links = [child for child in container if child.tag == "a"]
        if all(a.getnext() is b and _TRAIL_SEPARATOR.fullmatch(a.tail or "") for a, b in pairwise(links)):
            return _crumbs(links)
    return []


_PAGE_OF = re.compile(r"\b(?:page|seite|página|pagina)\s+(\d+)\s+(?:of|von|de|di|sur)\s+(\d+)", re.I)
# A part of every _PAGE_OF match that scans fast: the full pattern is slow over a pager's text
# (often a large container), and nearly all fail this part.
_NUMBER_OF_NUMBER = re.compile(r"\d\s+(?:of|von|de|di|sur)\s+\d", re.I)
_NEXT_HREFS = etree.XPath("//@rel[.='next']/parent::*[self::link or self::a]/@href")  # one walk, not two
# "pages" holds "pag"; Discuz!'s pager is "pg".
_PAGERS = etree.XPath("//@class[contains(.,'pag') or contains(.,'Pag') or .='pg']/..")


def pagination(doc: Document) -> tuple[int | None, int | None, str | None]:
    # Not the page itself: the last page's "Next" link, greyed out (IPS's "ipsPagination_inactive").
    nxt = [url for url in (doc.absolute(href) for href in _NEXT_HREFS(doc.root) if not next_topic(href))
           if url and not _same_page(url, doc.url)]
    next_url = without_session(nxt[0]) if nxt else None
    page = count = None
    pagers = _PAGERS(doc.root)[:20]
    texts = [node.text_content() for node in pagers]
    for text in texts:
        # Not space-normalised: the patterns match runs of spaces, and a pager can hold much text.
        match = _NUMBER_OF_NUMBER.search(text) and _PAGE_OF.search(text)
        if match:
            page, count = int(match[1]), int(match[2])
            break
    if page is None:
        page, count = _page_select(pagers)
    if page is None:
        page, count = _page_marked(doc, [node for node, text in zip(pagers, texts) if len(norm_space(text)) <= 400])
    if next_url is None:
        # No rel=next: the pager's link titled or labelled so ("Next page", "›"), else the one
        # to the page numbered after this one (an arrow icon, "»": "?page=2" from page 1).
        current = page or _page_number(doc.url) or 1
        # Pagers, not a page's wrapper ("page-wrapper"), nor a list's page shortcuts beside each
        # thread ("2 3 … 9"): a pager shows this page's number, or says "Page 1 of 2".
        small = [node for node, text in zip(pagers, texts) if len(norm_space(text)) <= 400]
        links = [(a, doc.absolute(a.get("href"))) for node in small for a in node.iter("a") if a.get("href")]
        href = next((url for a, url in links if url and _NEXT_LABEL.match(
            a.get("title") or a.get("aria-label") or norm_space(a.text_content())) and _later_page(doc.url, url)), None)
        if href is None:
            numbered = [a for node in small if page is not None or _shows(node, str(current)) for a in node.iter("a")]
            href = next((url for url in (doc.absolute(a.get("href")) for a in numbered if a.get("href"))
                         if url and _page_number(url) == current + 1 and _later_page(doc.url, url)), None)
        next_url = without_session(href) if href else None
    if next_url is None and page is not None and count is not None and page < count:
        # No rel=next: the pager's link to the page after this one ("Page 2 of 10 · 1, 2, 3 …").
        after = str(page + 1)
        href = next((a.get("href") for node in pagers for a in node.iter("a")
                     if a.get("href") and norm_space(a.text_content()) == after and not next_topic(a.get("href"))), None)
        next_url = without_session(doc.absolute(href)) if href else None
    return page, count, next_url


def _later_page(page_url: str | None, url: str) -> bool:
    """Whether ``url`` may be another page of the thread at ``page_url``: not the page itself, on
    its site, and carrying its id (``thread-222085.html``; a board's pager is "Next" too), or,
    where the URL has none, below its path (``/topic/name/page/2/``)."""
    if not page_url or url == page_url or next_topic(url):
        return False
    here, there = urlsplit(page_url), urlsplit(url)
    if here.netloc != there.netloc:
        return False
    ids = _ID_RUN.findall(f"{here.path}?{here.query}")
    return any(i in url for i in ids) if ids else there.path.startswith(here.path.rstrip("/"))


_ID_RUN = re.compile(r"\d{3,}")


def _shows(pager: Any, number: str) -> bool:
    """Whether one of a pager's elements reads ``number`` alone (the page shown)."""
    return any(norm_space(el.text_content()) == number for el in pager.iterdescendants() if isinstance(el.tag, str))


def _page_number(url: str | None) -> int | None:
    """The page number a thread page's URL names (``?page=2``, ``/page/2/``, ``-page-2``)."""
    found = _PAGE_NUMBER.search(url or "")
    return int(found[1]) if found else None


_PAGE_NUMBER = re.compile(r"(?:[?&;](?:page|pg|pagenumber|pagenum|pageno)=|/page[-/]?|-page-)(\d+)(?!\d)", re.I)


def _same_page(url: str, page_url: str | None) -> bool:
    return bool(page_url) and url.split("#")[0].rstrip("/") == page_url.split("#")[0].rstrip("/")


def _page_select(pagers: list[Any]) -> tuple[int | None, int | None]:
    """This page and the page count from a pager's page menu (``<option selected>17</option>`` of
    18 numbered options)."""
    for node in pagers:
        for select in node.iter("select"):
            options = [(norm_space(o.text_content()), o.get("selected") is not None) for o in select.iter("option")]
            chosen = next((int(value) for value, selected in options if selected and value.isdigit()), None)
            if chosen is not None and all(value.isdigit() for value, _ in options):
                return chosen, max(int(value) for value, _ in options)
    return None, None


def _page_marked(doc: Document, pagers: list[Any]) -> tuple[int | None, int | None]:
    """This page and the page count from a pager's numbers: the one marked current (MyBB's
    "pagination_current", an "active" item, Douban's "thispage", ``aria-current="page"``) among
    the nearest links to the thread's other pages (a board's pager beside it leads elsewhere); the
    count is the highest number shown."""
    for node in pagers:
        for current in node.iter(etree.Element):
            marked = _CURRENT.search(current.get("class") or "") or current.get("aria-current") == "page"
            # Or the one number in bold that links nowhere (Discuz!'s "<strong>1</strong><a>2</a>").
            if not (marked or current.tag == "strong" and not any(a.tag == "a" for a in current.iterancestors())):
                continue
            shown = norm_space(current.text_content())
            if not shown.isdigit():
                continue
            own = set(current.iter("a"))
            links: list[tuple[str, Any]] = []
            for holder in (current, *current.iterancestors()):
                links = [(t, a) for t, a in ((norm_space(a.text_content()), a) for a in holder.iter("a"))
                         if t.isdigit() and a not in own]
                if links or holder is node:
                    break
            hrefs = [(t, doc.absolute(a.get("href"))) for t, a in links]
            numbers = [int(t) for t, href in hrefs if href and _later_page(doc.url, href)]
            if numbers:
                return int(shown), max(numbers + [int(shown)])
    return None, None


_CURRENT = re.compile(r"(?:^|[-_\s])(?:current|active|selected|thispage)(?:$|[-_\s])", re.I)
_NEXT_LABEL = re.compile(r"^(?:next(?:\s+page)?|weiter|nächste(?:\s+seite)?|suivante?|siguiente|下一页|›)\s*[›»>→]?$",
                         re.I)
_LOGIN_WALL = re.compile(
    r"(?:you must|you need to|please)\s+(?:be\s+)?(?:log ?in|logged in|sign ?in|register)|"
    r"(?:log ?in|sign ?in) (?:to (?:view|continue|read|see))|anmelden, um|not logged in",
    re.I,
)


def empty_reason(doc: Document) -> str:
    body = doc.body
    text = norm_space(body.text_content()) if body is not None else ""
    if xpath(doc.root, "//input[@type='password']") or _LOGIN_WALL.search(text[:5000]):
        return "login required"
    if len(text) < 200 and xpath(doc.root, "//script"):
        return "JavaScript-only page: the posts are loaded by a script"
    return "no repeated post structure found"
