"""Generic forum parser for pages of no known engine.

Two strategies:

1. schema.org markup: microdata items typed DiscussionForumPosting / Comment / Question / Answer
   in the page, when they are more than the posts the structure finds;
2. structure: the set of elements sharing a tag+class signature that repeats on the page, each
   holding a date-like text (or ``<time>``) and an author-like link (a profile/member/user URL)
   next to substantial text.  The best-scoring set is taken as the posts; inside each block the
   author, date, native id, permalink and body (the largest text container that holds neither the
   author nor the date) are found by the same markup cues.

Nested comment trees work too: a block that contains other blocks of the same set is read
without them, so a reply is never merged into its parent.
"""

from __future__ import annotations

import copy
import math
import re
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from functools import lru_cache
from itertools import islice
from typing import Any
from unicodedata import east_asian_width
from urllib.parse import urlsplit

from lxml import etree

from . import dates
from .html import (
    Document,
    html_of,
    mark_quote,
    next_topic,
    norm_space,
    per_page,
    remove,
    text_of,
    without_session,
    xpath,
)
from .model import ParseContext, PostDraft, QuoteDraft, ThreadDraft
from .pagenames import names

NAME = "generic"
VERSION = "1"


class _AnyCase:
    """A case-insensitive pattern, written in lower case, asked whether a text holds it and where.
    An ASCII text (nearly every class, id, URL and date) is lowercased and searched with the
    pattern's case-sensitive form: in an ASCII text a pattern letter matches just its two cases,
    so the answer and the span are the same, and SRE tells a case-sensitive alternative from the
    text at a glance where it lowercases letter after letter (the user-link, class and signature
    tests take half the time, the date search 0.6 of it)."""

    __slots__ = ("_any_case", "_lower_case")

    def __init__(self, pattern: str) -> None:
        self._any_case = re.compile(pattern, re.I)
        self._lower_case = re.compile(pattern)

    def found_in(self, text: str) -> bool:
        return self._search(text) is not None

    def span_in(self, text: str) -> tuple[int, int] | None:
        """Where the pattern first matches in the text."""
        match = self._search(text)
        return match.span() if match else None

    def _search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            return self._lower_case.search(text.lower())
        return self._any_case.search(text)


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    "september|october|november|december|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|"
    "janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    "januari|februari|maart|mei|augustus|"
    # abbreviated as French, German, Dutch and Spanish boards print them ("5 Juil 2018")
    "janv|févr|fevr|avr|juil|déc|mär|okt|dez|mrt|ene|abr|dic"
)


def _word_trie(words: list[str]) -> str:
    """A pattern matching the words that their alternation matches, longest first when several
    match at one place (so that "August-2011" is not read as "Aug" and a stray "ust-2011"), and in
    the same order when the pattern backtracks.  As a plain alternation, a word start tried every
    name in turn: DATE_SPAN took 2.2 times as long over the corpus pages' texts."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: the longer words through this node are tried before the one ending here.
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


_MONTHS = _word_trie(_MONTHS.split("|"))
_TIME = r"\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr|h)?"
_DATE_CORE = (
    r"(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}"  # 2019-03-12, 2020.03.12
    r"|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"  # 12.03.2019, 3/13/2014
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?(?:\s+|-)(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}}|-\d{{2,4}})?"  # 12 March 2019, 16-Jun-20
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"  # March 12, 2019
    rf"|(?:{_MONTHS})\.?\s+\d{{4}}"  # March 2019
    r"|(?:today|yesterday|heute|gestern|aujourd'hui|hier)"
    r")"
)
_RELATIVE = (
    r"(?:(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago"
    r"|vor\s+(?:\d+|einer?|einem)\s+(?:sekunde|minute|stunde|tag|woche|monat|jahr)\w*"
    r"|il y a\s+\d+\s+\w+"
    r"|\d+\s*(?:s|m|h|d|w|mo|y|yr)\s+ago)"
)
DATE_SPAN = _AnyCase(
    rf"(?<!\w)(?:(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?{_DATE_CORE}(?:,?\s*(?:at|um|à|@|-|,)?\s*{_TIME})?"
    rf"|{_RELATIVE}|{_TIME}\s*,?\s*(?:on\s+|am\s+|le\s+)?{_DATE_CORE})"
)


# Where a date lives as a machine value.
_DATE_ATTRS = ("datetime", "data-time", "data-timestamp", "data-utime", "data-date", "data-datetime",
               "data-created", "data-created-at", "data-epoch", "data-publish-date")
_DATE_ATTR_SET = frozenset(_DATE_ATTRS)
# A link to a member's profile page (relative ones too: "user?id=pg").
_USER_HREF = _AnyCase(
    r"(?:/(?:users?|members?|profiles?|u|people|persons?|authors?|benutzer|mitglied(?:er)?|"
    r"utilisateurs?|usuarios?|personal_pages|community/profile|membres?|user-profile|accounts?)[/._?=\d-]"
    r"|user_?info|showprofile|viewprofile|member\.php|profile\.php|userprofile|[?&](?:\w*user\w*|\w*member\w*|\w*profile\w*|uid|u|showuser)=\w"
    r"|action=profile|^(?:https?://[^/]+)?/@[\w.-]+/?(?:$|[?#])|^(?:users?|members?|profiles?)[/?])"
)
# Not a modifier ("ipsRichText--user": the user's own text; "has-profile": a post that shows one)
# nor a user's content or text.
_AUTHOR_CLASS = _AnyCase(
    r"(?:^|[_\s]|(?<!-)(?<!has)-)(?:author|username|user-?name|poster|postername|post-?author|nick(?:name)?|"
    r"member-?name|user(?![-_]?(?:content|text|generated|html))|byline|screen-?name|profile|postprofile)"
    r"(?:$|[-_\s])"
)
_NOT_A_NAME = re.compile(
    r"^(?:view profile|profile|pm|send (?:a )?(?:private )?message|message|quote|reply|report|"
    r"posts?|visit homepage|website|homepage|find.*posts|more|edit|delete|follow|block|\W*)$",
    re.I,
)
_SIGNATURE_CLASS = _AnyCase(r"signature|sig(?:$|[-_\s])|usersig|post-?footer|postfoot")
_QUOTE_CLASS = _AnyCase(r"(?:^|[-_\s])(?:bb-?)?quote(?:$|[-_\s]|box|content|container|block)|bbcode_?quote|quotecontent")
_WROTE = re.compile(r"^\s*(.{1,60}?)\s+(?:wrote|said|schrieb|a écrit|escribió|scrisse|ha scritto)\b", re.I)
# A block id naming the post: "post-123", "p123", "comment_123", "m221431", "msg123".
_NATIVE_ID = re.compile(r"^(?:[a-z]{1,12}[-_]?){0,2}(\d{3,})$", re.I)
_ID_ATTRS = ("data-post-id", "data-postid", "data-pid", "data-comment-id", "data-commentid", "data-answerid",
             "data-message-id", "data-reply-id")
# Class tokens that vary between posts of one set, not what the block is.
_VOLATILE_CLASS = _AnyCase(
    r"\d|^(?:odd|even|alt|first|last|new|unread|read|active|highlight(?:ed)?|selected|sticky|hidden|"
    r"clearfix|cf|row|bypostauthor|staff|moderator|admin|op|is-op|owner|deleted|collapsed|expanded|"
    r"has-\S+|is-\S+|js-\S+|ng-\S+|ember-\S+)$"
)
_POST_TYPES = ("DiscussionForumPosting", "Comment", "Answer", "Question", "SocialMediaPosting", "Reply")
_LOGIN_WALL = re.compile(
    r"(?:you must|you need to|please)\s+(?:be\s+)?(?:log ?in|logged in|sign ?in|register)|"
    r"(?:log ?in|sign ?in) (?:to (?:view|continue|read|see))|anmelden, um|not logged in",
    re.I,
)
# Never post text.  (Not DROP_TAGS: ASP.NET pages wrap the whole page in one <form>.)
_NEVER_TEXT = frozenset(("script", "style", "template", "svg", "iframe", "object", "embed", "select",
                         "textarea", "button", "head"))
# Page frame, or a post's own header/footer: their names and dates count, their text does not.
_FRAME = frozenset(("nav", "header", "footer", "aside"))
# Dropped from a post's copy; not <form>: some sites wrap each post in one.
_FURNITURE = ("script", "style", "noscript", "template", "button", "svg", "iframe", "object", "embed", "input",
              "select", "textarea", "nav")
_HAS_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")


def detect(doc: Document) -> bool:
    return True


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    # Imported here: the engine registry imports this module, and _when is one of its engines' kit.
    from .engines import _when

    given, ctx = ctx, _when.page_context(doc, ctx)  # the page's language and stated timezone
    thread = ThreadDraft(NAME, VERSION)
    thread.language = _when.locale_of(doc)
    thread.breadcrumbs = _breadcrumbs(doc)
    thread.title = _title(doc, thread.breadcrumbs)
    thread.page, thread.page_count, thread.next_url = _pagination(doc)
    when = _PageDates(ctx)
    # Most pages have no itemprop attribute: then no post's itemprop lookup can find anything.
    microdata = _HAS_ITEMPROP(doc.root)
    # schema.org markup where it names posts the page structure does not show (sites mark up
    # some posts only, or leave the author out: on a tie the structure is read).
    items = _marked_items(doc)
    if items and len(items) > _structural_count(doc):
        posts = _microdata_posts(doc, items, when, microdata) or _structural_posts(doc, when, microdata)
    else:
        posts = _structural_posts(doc, when, microdata)
    if posts:
        _when.settle_day_order(posts, ctx)  # one 29/11/2025 shows the order of every 04/05/2025
        _refine_lead_date(doc, posts[0], when)
        for post in posts:
            _edit_in_shown_zone(post)
    thread.posts = posts
    if not posts:
        thread.empty_reason = _empty_reason(doc)
    return _when.record_timezone(thread, ctx, given)


_LEAD_TYPES = frozenset(("DiscussionForumPosting", "Article", "Question", "SocialMediaPosting"))
_SPAN_DAYS = {"year": 366, "month": 31, "day": 1}


def _edit_in_shown_zone(post: PostDraft) -> None:
    """An edit date read from text was shown in the zone whose offset the post's instant and
    its shown time gave."""
    edited, published = post.edited, post.published
    if edited and published and published.value and edited.source == "absolute" and published.source == "attribute":
        post.edited = replace(edited, value=edited.value.replace(tzinfo=published.value.tzinfo))


def _refine_lead_date(doc: Document, post: PostDraft, when: _PageDates) -> None:
    """An opening post shown with a rough date ("Posted: 2 years ago") takes the page's schema.org
    date of publication, when that names the same author and falls near the rough date."""
    shown = post.published
    if shown is None or shown.value is None or shown.precision not in _SPAN_DAYS or not doc.may_contain("datePublished"):
        return
    for item in doc.json_ld:
        types = item.get("@type")
        if not _LEAD_TYPES.intersection(types if isinstance(types, list) else [types]):
            continue
        author = item.get("author")
        name = author.get("name") if isinstance(author, dict) else author
        value = item.get("datePublished")
        if not isinstance(value, str) or (isinstance(name, str) and norm_space(name) != post.author):
            continue
        exact = dates.from_attribute(value, when.ctx.timezone, raw=shown.raw)
        if exact.value is not None and _within_span(shown, exact) and exact.value <= when.ctx.fetched_at:
            post.published = exact
        return


def _within_span(rough: dates.ResolvedDate, exact: dates.ResolvedDate) -> bool:
    """Whether an exact date falls near a rough one ("2 years ago"): within twice its span."""
    return abs((exact.value - rough.value).days) <= 2 * _SPAN_DAYS[rough.precision]


# --- thread-level fields -------------------------------------------------------------------------


def _title(doc: Document, breadcrumbs: list[str]) -> str | None:
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
    return _PAGE_PART.split(page_title, maxsplit=1)[0] or None


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
    links before the thread's name).  The <title> is asked first: an og:title may begin with the
    site's name."""
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
        first = _TITLE_PARTS.split(title)[0]
        if _width(first) >= 10 and any(h.lower().endswith(first.lower()) for h in headings):
            return first
    return None


_TITLE_PARTS = re.compile(r"\s+[-|–—•·:]+\s+")
_PAGE_PART = re.compile(r"\s+[-|–—•·]\s+(?:page|seite|página|pagina|strona|sida|side)\s+\d+\b.*", re.I)


def _width(text: str) -> int:
    """A text's length with wide (CJK) characters counted twice: seven of them make a title."""
    return len(text) if text.isascii() else sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def _heading_text(heading: Any) -> str:
    """A heading's text without its labels ("<span class=label>Player</span> Squad 2024")."""
    parts: list[str] = []

    def gather(el: Any) -> None:
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and not _label_name(child.get("class") or ""):
                gather(child)
            parts.append(child.tail or "")

    gather(heading)
    return norm_space("".join(parts))


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
    # A class with a "breadcrumb" token, or holding "breadcrumbs"; the plain contains() first.
    etree.XPath(
        "//@class[contains(.,'breadcrumb') and (contains(concat(' ',normalize-space(.),' '),' breadcrumb')"
        " or contains(.,'breadcrumbs'))]/.."
        " | //@id[contains(.,'breadcrumb')]/.. | //@aria-label[.='breadcrumb' or .='Breadcrumb']/.."
    ),
)


def _breadcrumbs(doc: Document) -> list[str]:
    if not doc.may_contain("readcrumb"):  # in every attribute value the XPaths test
        return []
    for path in _BREADCRUMB_CONTAINERS:
        for container in path(doc.root):
            crumbs = [norm_space(a.text_content()) for a in container.iter("a")]
            crumbs = [c for c in crumbs if c and len(c) < 120]
            if crumbs:
                return crumbs
    return []


_PAGE_OF = re.compile(r"\b(?:page|seite|página|pagina)\s+(\d+)\s+(?:of|von|de|di|sur)\s+(\d+)", re.I)
# A part of every _PAGE_OF match that scans fast: the full pattern is slow over a pager's text
# (often a large container), and nearly all fail this part.
_NUMBER_OF_NUMBER = re.compile(r"\d\s+(?:of|von|de|di|sur)\s+\d", re.I)


_NEXT_HREFS = etree.XPath("//@rel[.='next']/parent::*[self::link or self::a]/@href")  # one walk, not two
_PAGERS = etree.XPath("//@class[contains(.,'pag') or contains(.,'Pag')]/..")  # "pages" holds "pag"


def _pagination(doc: Document) -> tuple[int | None, int | None, str | None]:
    nxt = [href for href in _NEXT_HREFS(doc.root) if not next_topic(href)]
    next_url = without_session(doc.absolute(nxt[0])) if nxt else None
    page = count = None
    pagers = _PAGERS(doc.root)[:20]
    for node in pagers:
        # Not space-normalised: the patterns match runs of spaces, and a pager can hold much text.
        text = node.text_content()
        match = _NUMBER_OF_NUMBER.search(text) and _PAGE_OF.search(text)
        if match:
            page, count = int(match[1]), int(match[2])
            break
    if next_url is None and page is not None and count is not None and page < count:
        # No rel=next: the pager's link to the page after this one ("Page 2 of 10 · 1, 2, 3 …").
        after = str(page + 1)
        href = next((a.get("href") for node in pagers for a in node.iter("a")
                     if a.get("href") and norm_space(a.text_content()) == after and not next_topic(a.get("href"))), None)
        next_url = without_session(doc.absolute(href)) if href else None
    return page, count, next_url


def _empty_reason(doc: Document) -> str:
    body = doc.body
    text = norm_space(body.text_content()) if body is not None else ""
    if xpath(doc.root, "//input[@type='password']") or _LOGIN_WALL.search(text[:5000]):
        return "login required"
    if len(text) < 200 and xpath(doc.root, "//script"):
        return "JavaScript-only page: the posts are loaded by a script"
    return "no repeated post structure found"


# --- structural analysis -------------------------------------------------------------------------


class _Stats:
    """Per-element facts: its subtree's text length, dates and author cues (and whether it is a
    date itself), page position, and the tag and class key of its signature (and the pattern of
    its numbered id when the class gave the key)."""

    __slots__ = ("dates", "tree_text", "tree_links", "tree_dates", "tree_authors", "position", "tag", "key",
                 "id_key")

    def __init__(self, position: int, tag: str, dates: int, authors: int, key: str, id_key: str) -> None:
        self.tree_text = self.tree_links = 0
        self.dates = self.tree_dates = dates
        self.tree_authors = authors
        self.position = position
        self.tag = tag
        self.key = key
        self.id_key = id_key


@lru_cache(maxsize=8192)
def _date_span(text: str) -> tuple[int, int] | None:
    """Where the first date-like span of a text is.  DATE_SPAN is the parser's costliest pattern,
    and a post's date text is searched by the page analysis, the block walk and the date search."""
    return DATE_SPAN.span_in(text)


@lru_cache(maxsize=8192)
def _date_like(text: str) -> bool:
    return 0 < len(text) <= 120 and _HAS_DIGIT.search(text) is not None and _date_span(text) is not None


@lru_cache(maxsize=4096)
def _author_class(cls: str) -> bool:
    return _AUTHOR_CLASS.found_in(cls)


def _is_date(tag: str, attrib: Any, own: str) -> bool:
    if tag == "time":
        return True
    if attrib:
        keys = attrib.keys()
        if not _DATE_ATTR_SET.isdisjoint(keys):
            return True
        title = _tooltip(attrib)
        if title and len(title) <= 80 and _date_like(title):
            return True
    return bool(own) and _date_like(own)


# Where a page shows the full date of a rough one on hover.
_TOOLTIPS = ("title", "data-tippy-content", "data-tooltip", "data-original-title")
_TOOLTIP_SET = frozenset(_TOOLTIPS)


def _tooltip(attrib: Any) -> str | None:
    if _TOOLTIP_SET.isdisjoint(attrib.keys()):  # most elements: one test in C
        return None
    for name in _TOOLTIPS:
        value = attrib.get(name)
        if value:
            return value
    return None


def _is_author(tag: str, attrib: Any) -> bool:
    if tag == "a":
        href = attrib.get("href") or ""
        if href.startswith(("#", "javascript:")):
            return False
        if _user_href(href):
            return True
    elif attrib.get("itemprop") == "author":
        return True
    cls = attrib.get("class")
    return bool(cls) and _author_class(cls)


@lru_cache(maxsize=8192)
def _user_href(href: str) -> bool:
    # A page links each member many times, and each link is tested by several passes.
    return _USER_HREF.found_in(href)


def _user_id(url: str | None) -> str | None:
    """The member number a profile URL names: ``?u=5996``, ``/members/name.123/``,
    ``/profile/13603-name/``, ``/users/3231846/profile``, ``/membre6665/`` (not a name:
    ``/u/alice`` is a login, not an id)."""
    if not url:
        return None
    found = _USER_NUMBER.search(url)
    return next(group for group in found.groups() if group) if found else None


_USER_NUMBER = re.compile(
    r"[?&;](?:u|uid|userid|user_id|user|memberid|member_id|showuser)=(\d+)(?:$|[&;#])"
    r"|/(?:users?|members?|membres?|profiles?|u|benutzer|mitglied(?:er)?)/(?:[^/?#]*?[.-])?(\d+)(?:$|[-./?#])"
    r"|/(?:users?|members?|membres?)(\d+)(?:$|[./?#])",
    re.I,
)


def _own_text(el: Any) -> str:
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return norm_space(" ".join(parts))


_TEXT_PIECES = etree.XPath("descendant::text()[normalize-space()]")  # blank ones add no words


def _own_texts(root: Any, owners: Any) -> dict[Any, str]:
    """The normalised own text (as ``_own_text`` joins it) of each element of ``owners`` that has
    one under ``root``: its non-blank pieces are found in C, so elements without text cost nothing."""
    by_owner: dict[Any, list[str]] = {}
    for piece in _TEXT_PIECES(root):
        owner = piece.getparent()
        if piece.is_tail:
            owner = owner.getparent()
        if owner in owners:
            by_owner.setdefault(owner, []).append(piece)
    return {el: " ".join(" ".join(parts).split()) for el, parts in by_owner.items()}


def _analysed_elements(body: Any) -> list[Any]:
    """The body and its elements outside never-text ones, in page order."""
    hidden: set[Any] = set()
    for el in body.iter(*_NEVER_TEXT):
        if el not in hidden:
            hidden.update(el.iter())
    elements = list(body.iter(etree.Element))
    return [el for el in elements if el not in hidden] if hidden else elements


# Keyed by all of an element's attributes: a page repeats its markup on every post, so a few
# thousand entries serve a page (more would only keep other pages' attribute values alive).
@lru_cache(maxsize=4096)
def _markup_cues(tag: str, items: tuple) -> tuple[int, int, str, str]:
    """Whether an element's tag and attributes mark a date and an author, its class key, and the
    pattern of its numbered id when the class gave the key.  Each post repeats the same markup:
    each distinct one is tested once."""
    attrib = dict(items)
    ident = attrib.get("id")
    key = _key_of(attrib.get("class") or "", ident)
    id_key = "#" + _DIGITS.sub("N", ident) if key[:1] == "." and ident and _NATIVE_ID.match(ident) else ""
    return int(_is_date(tag, attrib, "")), int(_is_author(tag, attrib)), key, id_key


def _analyse(body: Any) -> dict[Any, _Stats]:
    """Facts for every element of the page body, subtree totals included.  The totals are summed
    from the last element up, so that each is complete before it is added to its parent."""
    elements = _analysed_elements(body)
    stats = {}
    for i, el in enumerate(elements):
        tag = el.tag
        stats[el] = _Stats(i, tag, *_markup_cues(tag, tuple(el.items())))
    for el, own in _own_texts(body, stats).items():
        s = stats[el]
        s.tree_text = len(own)
        if not s.dates and _date_like(own):
            s.dates = s.tree_dates = 1
    for el in reversed(elements[1:]):  # elements[0] is the body
        s, p = stats[el], stats[el.getparent()]
        if s.tag == "a":
            s.tree_links = s.tree_text
        # A post's <header>/<footer> holds its author and date: count them, not their text.
        if s.tag not in _FRAME:
            p.tree_text += s.tree_text
            p.tree_links += s.tree_links
        if not p.dates:  # a date's parts ("<time><span>June 14, 2024</span><span>1 yr</span>") are that date
            p.tree_dates += s.tree_dates
        p.tree_authors += s.tree_authors
    return stats


@lru_cache(maxsize=4096)
def _key_of_class(cls: str) -> str:
    stable = next((t for t in cls.split() if not _VOLATILE_CLASS.found_in(t)), None)
    return "." + stable if stable else ""


def _key_of(cls: str, ident: str | None) -> str:
    """The class key of an element of this class and id: its first stable class token, else its
    numbered id with the number left out."""
    key = _key_of_class(cls)
    if key:
        return key
    if ident and _HAS_DIGIT.search(ident):
        return "#" + _DIGITS.sub("N", ident)
    return ""


def _signature(el: Any, stats: dict[Any, _Stats]) -> tuple:
    """What makes two elements 'the same kind of block'.  Classless elements also need their
    parent's kind, or every bare ``<div>`` of the page would be one set."""
    s = stats[el]
    if s.key:
        return (s.tag, s.key)
    parent = el.getparent()
    p = stats[parent]
    return (s.tag, "", p.tag, p.key, 0 if p.key else id(parent))


class _Group:
    """Elements of one signature; ``parts[i]`` is the post of member ``i`` (the member, plus the
    sibling rows that carry its text in table layouts), ``own[i]`` its (text, dates, authors)."""

    __slots__ = ("members", "parts", "nested", "own", "score", "posts", "dates_only")

    def __init__(self, members: list[Any]) -> None:
        self.members = members
        self.parts: list[list[Any]] = [[m] for m in members]
        self.nested: list[list[Any]] = [[] for _ in members]
        self.own: list[tuple[int, int, int]] = []
        self.score = 0.0
        self.posts = 0  # members with an author, a date and some text
        self.dates_only = False  # found without names or post ids: too weak to call a page a forum


def _own_stats(parts: list[Any], nested: list[Any], stats: dict[Any, _Stats]) -> tuple[int, int, int]:
    text = d = a = 0
    for el in parts:
        s = stats[el]
        text, d, a = text + s.tree_text, d + s.tree_dates, a + s.tree_authors
    for inner in nested:
        n = stats[inner]
        text, d, a = text - n.tree_text, d - n.tree_dates, a - n.tree_authors
    return text, d, a


def _link_nested(group: _Group) -> None:
    index = {id(m): i for i, m in enumerate(group.members)}
    for m in group.members:
        for parent in m.iterancestors():
            if id(parent) in index:
                group.nested[index[id(parent)]].append(m)
                break


def _extend_rows(group: _Group, stats: dict[Any, _Stats]) -> None:
    """Table layouts put a post's header and its text in sibling rows (``<tr>`` after ``<tr>``),
    bbPress a dated header before the post's author and words: when the members with an author
    (or a post id) and a date are siblings whose following siblings hold most of the text, each
    post is such a member and the siblings up to the next one."""
    anchors = [m for m, (t, d, a) in zip(group.members, group.own) if d and a]
    parent = anchors[0].getparent() if anchors else None
    if len(anchors) < 2 or parent is None or any(m.getparent() is not parent for m in anchors):
        return
    anchor_set = set(anchors)
    parts: list[list[Any]] = []
    own_text = extra_text = 0
    for m in anchors:
        run = [m]
        own_text += stats[m].tree_text
        # A header that names nobody (its date and post id only) is followed by its author's row.
        named = stats[m].tree_authors > 0
        for sib in m.itersiblings():
            if sib in anchor_set:
                break
            s = stats.get(sib)
            if s is None:
                continue
            if s.tree_authors:
                if named:
                    break
                named = True
            run.append(sib)
            extra_text += s.tree_text
        parts.append(run)
    if extra_text > 1.5 * own_text:
        group.members = anchors
        group.parts = parts
        group.nested = [[] for _ in anchors]
        group.own = [_own_stats(p, [], stats) for p in parts]


def _score(group: _Group, stats: dict[Any, _Stats], dates_only: bool) -> None:
    _link_nested(group)
    group.own = [_own_stats(p, n, stats) for p, n in zip(group.parts, group.nested)]
    if not any(d and a for _, d, a in group.own):
        # No profile links (a guest's view of some boards): a post id on every block will do;
        # as a last resort, blocks that each carry one date and a paragraph.
        if all(_post_id_attr(m) for m in group.members) or (
            dates_only and sum(1 for t, d, _ in group.own if 1 <= d <= 2 and t >= 40) >= 3
        ):
            group.own = [(t, d, max(a, 1)) for t, d, a in group.own]
    _extend_rows(group, stats)
    good = 0
    total = 0.0
    merged = short = 0
    for text, d, a in group.own:
        if d and a and text >= 15:
            good += 1
            total += math.log(1 + text)
            if d > 4:
                merged += 1
            if text < 40:
                short += 1
    group.posts = good
    if good < 1:
        group.score = 0.0
        return
    # Several posts in one block show as many dates; such a set is a wrapper, not the posts.
    group.score = total * (1 - merged / good) if good >= 2 else total * 0.5
    if _split_cells(group.members):
        group.score *= 0.3
    if _mostly_links(group, stats):
        group.score *= 0.1
    if short * 2 > good:  # mostly a name and a date each: the posts' header lines, not the posts
        group.score *= 0.5


def _mostly_links(group: _Group, stats: dict[Any, _Stats]) -> bool:
    """Whether the blocks' words are mostly links: a list of other threads ("Similar threads",
    "Recent discussions", each a title link with its starter and date), not posts."""
    text = sum(t for t, _, _ in group.own)  # as _own_stats counts it: parts less nested replies
    links = sum(stats[el].tree_links for parts in group.parts for el in parts)
    links -= sum(stats[el].tree_links for nested in group.nested for el in nested)
    return links * 2 > text


def _post_id_attr(el: Any) -> bool:
    ident = el.get("id")
    return bool(ident and _NATIVE_ID.match(ident)) or any(el.get(a) for a in _ID_ATTRS)


def _split_cells(members: list[Any]) -> bool:
    """Whether the blocks are the cells of posts rather than posts: a post's user cell and its
    message cell share a class token ("message-cell message-cell--user" / "--main") and a parent,
    while replies that share a parent are alike."""
    by_parent: dict[Any, set[str]] = {}
    for m in members:
        by_parent.setdefault(m.getparent(), set()).add(m.get("class") or "")
    # The same cells under each post; comments nested under a comment differ by their zebra and
    # thread classes ("comment even thread-even depth-1 parent", "comment odd alt depth-2").
    roles = Counter(frozenset(classes) for classes in by_parent.values() if len(classes) > 1)
    shared = roles.most_common(1)[0][1] if roles else 0
    crowded = sum(1 for m in members if len(by_parent[m.getparent()]) > 1)
    return (len(by_parent) > 1 and len(members) <= 5 * len(by_parent)
            and shared * 2 >= len(by_parent) and crowded * 2 >= len(members))


def _blocks_by_signature(body: Any, stats: dict[Any, _Stats]) -> dict[tuple, list[Any]]:
    """The elements with text of each signature, in page order.  Elements with a numbered id
    (``id="150881832"``, ``post-12``) are also grouped by its pattern: where class names are
    styling utilities ("relative border rounded-xl"), a post shares its first one with its own
    header and with the page's containers, and only the ids tell the posts apart."""
    by_sig: dict[tuple, list[Any]] = {}
    for el, s in stats.items():
        if el is not body and s.tree_text:
            by_sig.setdefault(_signature(el, stats), []).append(el)
            if s.id_key:
                by_sig.setdefault((s.tag, s.id_key), []).append(el)
    return by_sig


def _candidate_groups(by_sig: dict[tuple, list[Any]], stats: dict[Any, _Stats], dates_only: bool) -> list[_Group]:
    groups = []
    for members in by_sig.values():
        for el in members:
            s = stats[el]
            if s.tree_dates and s.tree_text >= 15 and (s.tree_authors or dates_only or _post_id_attr(el)):
                groups.append(_Group(list(members)))
                break
    # Page order, so that of two sets scoring the same the outer one wins, on every run.
    groups.sort(key=lambda g: stats[g.members[0]].position)
    return groups


def looks_like_forum(doc: Document) -> bool:
    """Whether the page shows at least two posts (schema.org posts, or repeated blocks with an
    author and a date): for the article/forum decision made before the generic parser runs."""
    if len(_ITEM_POSTS(doc.root)) >= 2:
        return True
    found = best_group(doc)
    if found is None:
        return False
    group, stats = found
    if group.dates_only:
        return False
    texts = sorted(t for t, d, a in group.own if d and a)
    if len(texts) < 2:
        return False
    # A blog post with comments has repeated blocks too, beside one long text of its own.
    return _largest_text_outside(group, stats) < max(1500, 3 * texts[len(texts) // 2], sum(texts) // 2)


def _largest_text_outside(group: _Group, stats: dict[Any, _Stats]) -> int:
    """The text of the largest element that neither holds nor sits in a post block."""
    holders: set[Any] = set()
    for m in group.members:
        holders.update(m.iterancestors())
    members = set(group.members)
    largest = 0
    for holder in holders:
        for child in holder:
            if child not in holders and child not in members and child in stats and child.tag not in _FRAME:
                largest = max(largest, stats[child].tree_text)
    return largest


@per_page
def best_group(doc: Document) -> tuple[_Group, dict[Any, _Stats]] | None:
    """The best-scoring set of post blocks."""
    best: _Group | None = None
    stats: dict[Any, _Stats] = {}
    body = doc.body
    if body is not None:
        stats = _analyse(body)
        by_sig = _blocks_by_signature(body, stats)
        best = _best_scored(by_sig, stats, dates_only=False)
        if best is None or best.posts < 2:
            # One block with a name in it may be the page's wrapper, where the posts show their
            # authors in no markup: a set of dated blocks that are nearly all posts wins then.
            dated = _best_scored(by_sig, stats, dates_only=True)
            if dated is not None and (best is None or (
                    dated.posts >= 3 and dated.posts * 2 >= len(dated.members) and dated.score > best.score)):
                best = dated
    return (best, stats) if best is not None else None


def _best_scored(by_sig: dict[tuple, list[Any]], stats: dict[Any, _Stats], dates_only: bool) -> _Group | None:
    best = None
    for group in _candidate_groups(by_sig, stats, dates_only):
        _score(group, stats, dates_only)
        if group.score > 0 and (best is None or group.score > best.score):
            best = group
    if best is not None:
        best.dates_only = dates_only
    return best


def _structural_posts(doc: Document, when: _PageDates, microdata: bool) -> list[PostDraft]:
    found = best_group(doc)
    if found is None:
        return []
    best, stats = found
    posts = []
    lead = _lead_post(best, stats)
    if lead is not None:
        post = _read_block(doc, when, microdata, [lead[0]], lead[1])
        # Without a name, or with words that are mostly links and headings (a breadcrumb trail,
        # the title) it is the thread's header (beside its starter and start date), not a post.
        if post is not None and post.author and not _mostly_furniture(post.body_element):
            posts.append(post)
    lead_post = posts[0] if posts else None
    lead_item = _lead_item(best.members) if microdata else None
    skipped = _without_post_id(best.members) | _in_sidebar(doc, best)
    # A member with neither author nor date is not a post (a guest's post still has its date), nor
    # a few undated characters.
    for i, (member, parts, nested, own) in enumerate(zip(best.members, best.parts, best.nested, best.own)):
        text, d, a = own
        if text < 1 or not (d or a) or (text < 15 and not d) or member in skipped:
            continue
        post = _read_block(doc, when, microdata, parts, nested, lead_item if i == 0 else None)
        if post is None:
            continue
        if len(posts) == 1 and posts[0] is lead_post and _same_header(lead_post, post):
            # The "thread started by X, date" header above a list whose first item is that post.
            posts.pop()
        posts.append(post)
    if (len(posts) > 2 and posts[0] is not lead_post and posts[0].native_id is None
            and all(p.native_id for p in posts[1:]) and _mostly_furniture(posts[0].body_element)):
        posts.pop(0)  # the page's trail of links, set out like the posts (vBulletin 3's tables)
    return posts


def _mostly_furniture(body: Any) -> bool:
    """Whether a short body (a thread's header is) has half its words in links, headings,
    breadcrumbs, pagination and list headers.  A long one is a post, be it a list of links."""
    total = len(norm_space(body.text_content()))
    if total >= 500:
        return False
    furniture = 0
    counted: set[Any] = set()
    for el in body.iterdescendants(etree.Element):
        if el.tag == "a" or el.tag in _HEADINGS or _furniture_name(el.get("class") or ""):
            if not any(a in counted for a in el.iterancestors()):
                furniture += len(norm_space(el.text_content()))
                counted.add(el)
    return furniture * 2 >= total


def _in_sidebar(doc: Document, group: _Group) -> set[Any]:
    """The members in a sidebar ("right_col": boards style its boxes as posts), when posts stand
    outside it (a theme may name its main column so)."""
    page_names = names(doc)  # the page's class names and ids: most have no sidebar
    if not any(page_names.containing_any_case(part) for part in _SIDEBAR_PARTS):
        return set()
    under: dict[Any, bool] = {}  # whether an element is in a sidebar: members share their ancestors

    def in_sidebar(el: Any) -> bool:
        chain = []
        for a in el.iterancestors():
            if a in under:
                found = under[a]
                break
            chain.append(a)
        else:
            found = False
        for a in reversed(chain):
            found = found or _sidebar_name(a.get("class") or "") or _sidebar_name(a.get("id") or "")
            under[a] = found
        return found

    inside = {m for m in group.members if in_sidebar(m)}
    posts_outside = any(d and a and text >= 15
                        for m, (text, d, a) in zip(group.members, group.own) if m not in inside)
    return inside if posts_outside else set()


@lru_cache(maxsize=1024)
def _sidebar_name(name: str) -> bool:
    return bool(name) and _SIDEBAR.found_in(name)


_SIDEBAR = _AnyCase(r"(?:^|[-_\s])(?:sidebar|side-bar|right_?col|left_?col)(?:$|[-_\s])")
_SIDEBAR_PARTS = ("sidebar", "side-bar", "right_col", "rightcol", "left_col", "leftcol")


@lru_cache(maxsize=1024)
def _furniture_name(cls: str) -> bool:
    return bool(cls) and _FURNITURE_CLASS.found_in(cls)


_FURNITURE_CLASS = _AnyCase(r"breadcrumb|paginat|pager|(?:^|[-_\s])header(?:$|[-_\s])")


def _without_post_id(members: list[Any]) -> set[Any]:
    """The members after the first without the post id that all the others have: an
    advertisement dressed as a post.  (An opening post may lack the replies' ids.)"""
    lacking = [m for m in members[1:] if not _post_id_attr(m)]
    if not lacking or len(members) - len(lacking) < 3 or len(lacking) * 4 > len(members):
        return set()
    return set(lacking)


def _same_header(a: PostDraft, b: PostDraft) -> bool:
    """Whether the lead names the first post's author and moment: the moment to the minute when
    both show a time (the starter's own reply the same day is a post), else the day."""
    if a.author is None or a.author != b.author or a.published is None or b.published is None:
        return False
    x, y = a.published.value, b.published.value
    if x is None or y is None:
        return False
    if a.published.precision in _TIMED and b.published.precision in _TIMED:
        return abs(x - y) < timedelta(minutes=1)
    return x.date() == y.date()


_TIMED = ("minute", "second")


def _lead_post(group: _Group, stats: dict[Any, _Stats]) -> tuple[Any, list[Any]] | None:
    """The opening post when it is marked up apart from the replies (a question above its
    answers): what comes just before the replies, in their own container or inside a near
    ancestor, when it has a date, a paragraph of text and an author (where the replies show
    theirs).  Returns (ancestor, the parts to leave out)."""
    members = [m for m, (t, d, a) in zip(group.members, group.own) if d and a]
    if not members:
        return None
    common = set(members[0].iterancestors())
    for m in members[1:]:
        common &= set(m.iterancestors())
    region = next((a for a in members[0].iterancestors() if a in common), None)
    # Replies found by their post ids alone show no author markup; nor will their opening post.
    authors = any(stats[m].tree_authors for m in members)
    first = members[0]
    if region is not None and first.getparent() is region:
        found = _lead_in(list(first.itersiblings(preceding=True)), stats, authors)
        if found is not None:
            return (region, [first, *first.itersiblings()]) if found else None
    for _ in range(3):
        holder = region.getparent() if region is not None else None
        if holder is None or holder not in stats:
            return None
        # What the replies' container holds before them is the opening post's too (its words,
        # below a header that is the container's sibling).
        top = next(a for a in (first, *first.iterancestors()) if a.getparent() is region)
        before = [*region.itersiblings(preceding=True), *top.itersiblings(preceding=True)]
        found = _lead_in(before, stats, authors)
        if found is not None:
            return (holder, [top, *top.itersiblings(), *region.itersiblings()]) if found else None
        region = holder
    return None


def _lead_in(before: list[Any], stats: dict[Any, _Stats], authors: bool) -> bool | None:
    """Whether the elements before the replies hold the opening post; None when they hold no
    date, so that the search goes on further out."""
    shown = [stats[el] for el in before if el in stats]
    dates_before = sum(s.tree_dates for s in shown)
    if not dates_before:
        return None
    text = sum(s.tree_text for s in shown)
    return text >= 100 and dates_before <= 4 and (any(s.tree_authors for s in shown) or not authors)


# --- reading one post block ----------------------------------------------------------------------


def _read_block(doc: Document, when: _PageDates, microdata: bool, parts: list[Any], nested: list[Any],
                outer: Any = None) -> PostDraft | None:
    """The post of a block (``parts``, without its ``nested`` replies); ``microdata``: whether the
    page may have itemprop attributes; ``outer``: the post's schema.org item around the block,
    whose author and date are the post's."""
    if len(parts) == 1:
        block = _copy_without(parts[0], nested)
    else:
        block = _new_div(parts[0])
        for part in parts:
            block.append(_copy_without(part, []))
    facts = _read_facts(block)
    edit_line, edited = _edited(block, facts, when, microdata)
    if edit_line is not None:
        # "Last edited by X on DATE": its name and date are the edit's, and it is not the words.
        remove(edit_line)
        facts = _read_facts(block)
    author_el = _itemprop(block, "author", "creator") if microdata else None
    if author_el is None:
        author_el = _author_element(doc, facts)
    date = (_itemprop_date(block, when) if microdata else None) or _date_of(facts, when)
    date_el = date[1] if date else None
    # In a table layout the first row is the post's header; its words are in the rows after it.
    text_root = block if len(parts) == 1 else _rows_after_header(block)
    body_el = _itemprop(block, "text", "articleBody", "commentText") if microdata else None
    if body_el is None:
        body_facts = facts if text_root is block else _rows_facts(facts, block[0], text_root)
        # Every <time> outside quotes is the post's furniture (its date, an edit date), and a join
        # date is its author's details: not its words.
        meta = [e for e in (author_el, date_el) if e is not None]
        meta += [e for e in facts.machine if e.tag == "time"]
        meta += facts.joined()
        body_el = _body_element(body_facts, meta)
    if body_el is None:
        return None
    if outer is not None:
        # The wrapper's schema.org author and date beat the block's header, which may name the
        # thread's last poster; the header's elements stay out of the body all the same.
        outer_author = _itemprop(outer, "author", "creator")
        author_el = outer_author if outer_author is not None else author_el
        date = _itemprop_date(outer, when) or date
    named = _data_author(block)
    if author_el is None and named is None:
        author_el = _bold_name(block, body_el)
        if author_el is None and date_el is not None:
            named = _name_before(date_el)
    quotes = take_quotes(body_el)
    if edited and date and edited.value == date[0].value:
        edited = None  # a post never edited: modified when published
    for el in (*facts.signatures, *facts.controls):  # controls: "Click to expand...", "Show more"
        if any(parent is body_el for parent in el.iterancestors()):
            remove(el)
    _drop_reply_title(body_el)
    text = text_of(body_el)
    if not text:
        return None
    author, author_url = _author_of(doc, author_el)
    if named:  # the site's own attribute beats anything read from the text
        author = named
    native_id, anchor = _native_id(block, parts[0])
    link_scope = block
    if native_id is None and parts[0].get("itemscope") is not None:
        # A microdata item inside the post's container: the id and permalink are the container's.
        for container in list(parts[0].iterancestors())[:4]:
            native_id, anchor = _own_id(container)
            if native_id:
                link_scope = container
                break
    return PostDraft(
        body_text=text,
        body_html=html_of(body_el, doc.base_url),
        body_element=body_el,
        author=author,
        author_url=author_url,
        author_id=_user_id(author_url),
        native_id=native_id,
        url=_permalink(doc, link_scope, native_id, anchor),
        published=date[0] if date else None,
        edited=edited,
        quotes=quotes,
    )


def _edited(block: Any, facts: _BlockFacts, when: _PageDates, microdata: bool) -> tuple[Any, dates.ResolvedDate | None]:
    """The post's edit line ("Last edited by X on DATE, edited 2 times in total."), a short
    element outside quotes that begins so, around one of the block's dates, and its date; else
    the date its schema.org item was modified."""
    for el, _ in facts.dated:
        for line in (el, *islice(el.iterancestors(), 2)):
            if line is facts.root:
                break
            text = norm_space(line.text_content())
            if len(text) > 200 or len(text) * 2 > facts.sizes.get(facts.root, 0):
                break  # a post's words that begin "Edited:", not its edit line
            if _EDIT_START.match(text):
                date = _line_date(line, text, facts, when)
                if date is not None:
                    return line, date
    # A reply's item: a topic's (DiscussionForumPosting, Question) was modified by its last reply.
    reply = microdata and block.get("itemscope") is not None and _item_type(block) in ("Comment", "Answer", "Reply")
    modified = _itemprop_date(block, when, "dateModified") if reply else None
    return None, (modified[0] if modified else None)


def _line_date(line: Any, text: str, facts: _BlockFacts, when: _PageDates) -> dates.ResolvedDate | None:
    """The date of a line: a machine-readable one inside it, else the first to the minute of a
    date in a tooltip ("Edited March 23, 2018 2:18PM by X" over "edited March 2018") and its
    ``text``, else the first to the day."""
    for el in facts.machine:
        value = _machine_value(el)
        if value and (el is line or any(parent is line for parent in el.iterancestors())):
            resolved = _machine_date(value, norm_space(el.text_content()) or None, when)
            if resolved.value is not None:
                return resolved
    titles = [title for title in (el.get("title") for el in line.iter()) if title and _date_like(title)]
    found = [r for r in (when.resolve(_date_text(t)) for t in (*titles, text)) if r.value is not None]
    return next((r for r in found if r.precision in _TIMED), found[0] if found else None)


_EDIT_START = re.compile(
    r"\W*(?:this\s+post\s+was\s+)?(?:last\s+(?:edit|modified)|edited|zuletzt\s+(?:bearbeitet|geändert)|bearbeitet|geändert|modifié|dernière\s+modification|"
    r"editado|modificato|modificado)",
    re.I,
)


def _drop_reply_title(body: Any) -> None:
    """A reply's title heading its words ("Re: …", "AW: …") is the thread's title again."""
    heading = next(body.iterdescendants(*_HEADINGS), None)
    if heading is not None and _REPLY_TITLE.match(heading.text_content()):
        title = norm_space(heading.text_content())
        if norm_space(body.text_content()).startswith(title):
            remove(heading)


_REPLY_TITLE = re.compile(r"\s*(?:re|aw|antw|rép|sv|vs|odp|ynt)\s*(?:\^\d+)?\s*:", re.I)


def _new_div(el: Any) -> Any:
    """A new <div> of the page's document, to hold copied post parts.  Not lxml.html.Element:
    the elements moved into one of its <div>s become Python objects through lxml.html's element
    class lookup, a Python call per element; the page's parser looks them up in C."""
    return el.makeelement("div")


def _rows_after_header(block: Any) -> Any:
    rows = _new_div(block)
    for part in list(block)[1:]:
        rows.append(part)
    return rows


def _copy_without(block: Any, nested: list[Any]) -> Any:
    """A clean copy of a post block without the nested blocks (replies) and page furniture."""
    paths = []
    for inner in nested:
        path = []
        el = inner
        while el is not block:
            parent = el.getparent()
            path.append(parent.index(el))
            el = parent
        paths.append(path[::-1])
    copied = copy.deepcopy(block)
    targets = []
    for path in paths:
        el = copied
        for i in path:
            el = el[i]
        targets.append(el)
    for el in targets:
        if el.getparent() is not None:
            remove(el)
    for el in list(copied.iter(*_FURNITURE, etree.Comment)):
        if el is not copied:
            remove(el)
    return copied


def _author_element(doc: Document, facts: _BlockFacts) -> Any | None:
    # Whom a post answers is tested last, on the candidates only: it reads the text around them.
    authors = facts.authors
    if facts.signatures:  # a signature's links (the member's channel, a friend) name nobody here
        signed = set(facts.signatures)
        authors = [a for a in authors if a not in signed and not any(p in signed for p in a.iterancestors())]
    links = [a for a in authors if a.tag == "a"]
    for a in links:
        name = norm_space(a.text_content())
        # One letter: an avatar showing the member's initial; the name comes later.
        if (1 < len(name) <= 60 and not _NOT_A_NAME.match(name) and not _off_site(doc, a)
                and not _replied_to(a)):
            return a
    for el in authors:
        if el.tag != "a":
            name = norm_space(el.text_content())
            if name and len(name) <= 60 and not _NOT_A_NAME.match(name) and not _replied_to(el):
                return el
    links = [a for a in links if not _off_site(doc, a) and not _replied_to(a)]
    # A one-letter name ("氏") before a link without text (an avatar).
    return next((a for a in links if a.text_content().strip()), links[0] if links else None)


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _off_site(doc: Document, link: Any) -> bool:
    """Whether a link leads to another site: a profile there is not a member of this forum."""
    href = link.get("href") or ""
    if not href.startswith(("http:", "https:", "//")) or not doc.url:
        return False
    # The same site by its last two labels: forum.example.org links members at www.example.org.
    return _site(href) != _site(doc.url)


@lru_cache(maxsize=1024)
def _site(url: str) -> tuple[str, ...]:
    return tuple((urlsplit(url).hostname or "").split(".")[-2:])


_REPLY_TO = r"(?:in reply to|replying to|reply to|antwort an|réponse à|en respuesta a)"
_ENDS_WITH_REPLY_TO = re.compile(_REPLY_TO + r"\W*$", re.I)
_STARTS_WITH_REPLY_TO = re.compile(r"\W*" + _REPLY_TO, re.I)


def _replied_to(el: Any) -> bool:
    """Whether an element names whom the post answers ("in reply to <a>member</a>"), not its author."""
    if el.tag == "a":
        return _ENDS_WITH_REPLY_TO.search(_text_before(el)) is not None
    return _STARTS_WITH_REPLY_TO.match(el.text_content()) is not None


def _text_before(el: Any) -> str:
    """The text of the element's parent before it."""
    parent = el.getparent()
    if parent is None:
        return ""
    parts = [parent.text or ""]
    for sib in parent:
        if sib is el:
            break
        parts.append(sib.text_content() if isinstance(sib.tag, str) else "")
        parts.append(sib.tail or "")
    return "".join(parts)


def _data_author(block: Any) -> str | None:
    for el in (block, *block[:1]):
        for attr in ("data-author", "data-username", "data-user-name", "data-poster"):
            value = norm_space(el.get(attr))
            if value and not value.isdigit():
                return value
    return None


def _bold_name(block: Any, body: Any) -> Any | None:
    """A guest view without profile links: the name is the first short bold text of the
    header (``<dt><strong>name</strong></dt>``)."""
    inside_body = set(body.iter())
    for el in block.iter("strong", "b", "dt"):
        if el in inside_body:
            continue
        name = norm_space(el.text_content())
        if (0 < len(name) <= 40 and len(name.split()) <= 4 and not name.endswith(":") and not _date_like(name)
                and not _NOT_A_NAME.match(name)):
            return el
    return None


_NAME_SEPARATOR = "·•|–—-"


def _name_before(date_el: Any) -> str | None:
    """The author's name where a post's header marks up neither it nor a profile link: the text
    just before the date element, ended by a separator ("name · date"), or all alone in the
    element before it (``<div>name</div><div>date</div>``)."""
    parent = date_el.getparent()
    if parent is None:
        return None
    prev = date_el.getprevious()
    before = ((prev.tail if prev is not None else parent.text) or "").strip()
    if before:
        if before[-1] not in _NAME_SEPARATOR:
            return None
        name = norm_space(before.rstrip(_NAME_SEPARATOR + " "))
    elif (prev is not None and isinstance(prev.tag, str) and len(prev) == 0 and prev.getprevious() is None
          and not (parent.text or "").strip()):
        name = norm_space(prev.text)
    else:
        return None
    name = _BY.sub("", name)
    if (0 < len(name) <= 40 and len(name.split()) <= 4 and _has_letter(name)
            and not _date_like(name) and not _NOT_A_NAME.match(name) and not _LABEL.match(name)):
        return name
    return None


_BY = re.compile(r"^(?:posted |written )?by\s+", re.I)
# "Posted in General · 3 days ago", "Last reply · …": a label, not a name.
_LABEL = re.compile(r"(?:posted|replied|updated|edited|last|latest|started|created|in|on|at|comments?|repl(?:y|ies)|views?)\b", re.I)


def _author_of(doc: Document, el: Any) -> tuple[str | None, str | None]:
    if el is None:
        return None, None
    link = el if el.tag == "a" else next((a for a in el.iter("a") if a.get("href") and not _replied_to(a)), None)
    if link is None:
        # <a href="/user/1"><span itemprop="author">…</span></a>: the name sits inside its link.
        link = next((a for a in islice(el.iterancestors(), 3) if a.tag == "a"), None)
    name_el = el.find(".//*[@itemprop='name']")
    if name_el is None and el.tag != "a":
        # A profile box: the name is its first link or bold text, not the rank and post count.
        name_el = next((n for n in el.iter("a", "b", "strong")
                        if _has_letter(n.text_content()) and not _replied_to(n)), None)
    name = norm_space((name_el if name_el is not None else el).text_content())
    if name_el is not None and not name:  # <meta itemprop="name" content="…">
        name = norm_space(name_el.get("content"))
    if el.tag != "a" and name_el is None:
        # Its first line, in the source too: a name before the rank or reputation beside it.
        name = text_of(el, text_lines=True).split("\n")[0]
    if not name:
        img = el.find(".//img")
        name = norm_space(img.get("alt") or img.get("title") or "") if img is not None else ""
    if not name:
        name = norm_space(el.get("title") or "")
    if not _has_letter(name):  # "#10": the post's number, not a name
        name = ""
    name = _SAYS.sub("", name)  # WordPress's "<cite>Ann</cite> <span>says:</span>"
    url = doc.absolute(link.get("href")) if link is not None and _user_href(link.get("href") or "") else None
    return (name or None), url


_SAYS = re.compile(r"\s+(?:says|said|wrote|sagt|schreibt|schrieb|dit|a écrit|dice|escribió)\s*:$", re.I)


class _PageDates:
    """The page's display dates resolved in its context, each distinct text once (one per parse):
    posts repeat their dates' texts (one day, a member's join date), and the date search tries a
    text again with the element around it.  Resolution is pure, so a kept answer is the same
    answer."""

    __slots__ = ("ctx", "_resolved")

    def __init__(self, ctx: ParseContext) -> None:
        self.ctx = ctx
        self._resolved: dict[str | None, dates.ResolvedDate] = {}

    def resolve(self, raw: str | None) -> dates.ResolvedDate:
        resolved = self._resolved.get(raw)
        if resolved is None:
            resolved = self._resolved[raw] = self.ctx.resolve(raw)
        return resolved

    def combine(self, value: str, shown: str | None) -> dates.ResolvedDate:
        """A machine-readable date with the text the page shows for it (:func:`dates.combine`)."""
        ctx = self.ctx
        return dates.combine(value, shown, ctx.fetched_at, ctx.timezone, ctx.hints)


def _machine_date(value: str, shown: str | None, when: _PageDates) -> dates.ResolvedDate:
    """An attribute's instant with the page's display text.  When the page shows only a day and
    that day is not the instant's day in our timezone, the site's own (unknown) timezone put it
    there: the day the page showed is the better answer."""
    resolved = when.combine(value, shown)
    if resolved.value is None or not shown or not _date_like(shown):
        return resolved
    day = when.resolve(_date_text(shown))
    if day.value is None or day.precision != "day":
        return resolved
    ctx = when.ctx
    if day.source == "absolute" and ctx.hints.day_first is None:
        # An ambiguous numeric day is read day first ("1/3/2018": 1 March); the instant tells
        # whether the page meant the month first (3 January).
        month_first = dates.resolve(day.raw, ctx.fetched_at, ctx.timezone, replace(ctx.hints, day_first=False))
        if month_first.value is not None and abs((month_first.value.date() - resolved.value.date()).days) <= 1:
            day = month_first
    # Only a neighbouring day: the same moment seen from another timezone.
    return day if abs((day.value.date() - resolved.value.date()).days) == 1 else resolved


def _machine_value(el: Any) -> str | None:
    """The machine-readable date of an element: a known attribute, else any data-*time/date
    attribute holding an epoch or an ISO date (``data-xutime="1514691453"``)."""
    value = next((el.get(a) for a in _DATE_ATTRS if el.get(a)), None)
    if value:
        return value
    for name, value in el.attrib.items():
        if _data_date_name(name) and _MACHINE_VALUE.match(value.strip()):
            return value
    return None


_MACHINE_VALUE = re.compile(r"\d{9,13}(?:\.\d+)?$|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?")


def _data_date_name(name: str) -> bool:
    """Whether an attribute is a data-*time/date one, or a custom element's bare ``date``/``time``
    (``<woltlab-core-date-time date="…">``), which may hold a machine-readable date."""
    return (name.startswith("data-") and ("time" in name or "date" in name)) or name in _BARE_DATE_NAMES


_BARE_DATE_NAMES = frozenset(("date", "time", "timestamp"))


@lru_cache(maxsize=4096)
def _is_quote_class(cls: str) -> bool:
    return bool(cls) and _QUOTE_CLASS.found_in(cls)


@lru_cache(maxsize=4096)  # keyed by all attributes, as _markup_cues
def _block_markup(tag: str, items: tuple) -> tuple[bool, bool, bool, bool, bool, bool, str, bool]:
    """What an element's tag and attributes tell the searches of a post block: it is a quote; it
    names an author; it names an author or a date; it is a signature; its class says
    "message"/"content"; it may hold a machine-readable date (see _machine_value); its title holds
    a date (that title, else ""); it is a control ("Click to expand...").  Each post repeats the
    same markup: each distinct one is tested once."""
    attrib = dict(items)
    cls = attrib.get("class") or ""
    quote = _is_quote(tag, cls)
    date, author, _, _ = _markup_cues(tag, items)  # as the page's analysis read them
    names = author or date
    signature = _signature_name(cls) or _signature_name(attrib.get("id") or "")
    machine = tag == "time" or any(n in _DATE_ATTR_SET or _data_date_name(n) for n in attrib)
    title = _tooltip(attrib)
    dated_title = title if title and len(title) < 80 and _date_like(title) else ""
    control = attrib.get("role") == "button" or _control_name(cls) or _control_name(attrib.get("data-role") or "")
    return quote, bool(author), bool(names), signature, _is_content_class(cls), machine, dated_title, control


class _BlockFacts:
    """What one walk over a post block finds.  In page order, quotes included: the elements that
    name an author, and the signatures and controls (taken out of the body).  Where its date may
    be, outside quotes, in page order: the elements below the block with a machine-readable date,
    those whose title holds a date, those whose own text is date-like (with that text).  For its
    body, children before parents: each element's text size (signatures left out), the part of it
    that is names and dates, and its weight (a class that says "message"/"content" outweighs a
    larger profile column)."""

    __slots__ = ("root", "authors", "signatures", "controls", "machine", "titled", "dated", "sizes",
                 "candidates", "_joined")

    def __init__(self, root: Any) -> None:
        self.root = root
        self.authors: list[Any] = []
        self.signatures: list[Any] = []
        self.controls: list[Any] = []
        self.machine: list[Any] = []
        self.titled: list[tuple[Any, str]] = []
        self.dated: list[tuple[Any, str]] = []
        self.sizes: dict[Any, int] = {}
        self.candidates: list[tuple[Any, int, int, int]] = []
        self._joined: list[Any] | None = None

    def joined(self) -> list[Any]:
        """The dated elements that are a member's join date (see _joined), found once."""
        if self._joined is None:
            self._joined = [el for el, own in self.dated if _joined(el, own)]
        return self._joined


def _read_facts(root: Any) -> _BlockFacts:
    facts = _BlockFacts(root)
    dated_texts: list[tuple[int, Any, str]] = []
    position = 0

    def walk(el: Any, tag: str, quoted: bool, aside: bool) -> tuple[int, int]:
        nonlocal position
        markup = _block_markup(tag, tuple(el.items()))
        quote, author, names, signature, content, machine, dated_title, control = markup
        if author:
            facts.authors.append(el)
        if control:
            facts.controls.append(el)
        if signature:
            facts.signatures.append(el)
        quoted = quoted or quote
        if not quoted:
            index = position
            position += 1
            if machine and el is not root:
                facts.machine.append(el)
            if dated_title:
                facts.titled.append((el, dated_title))
        # The element's own text (its text and its children's tails) is read in the same loop.
        text = el.text
        parts = [text] if text else []
        size = cues = 0
        first_candidate = len(facts.candidates)
        for child in el:
            tail = child.tail
            if tail:
                parts.append(tail)
            child_tag = child.tag
            if isinstance(child_tag, str):
                outside = aside or signature or child_tag in _FRAME
                child_size, child_cues = walk(child, child_tag, quoted, outside)
                size += child_size
                cues += child_cues
        own = " ".join(" ".join(parts).split()) if parts else ""
        dated = bool(own) and _date_like(own)
        if dated and not quoted:
            dated_texts.append((index, el, own))
        size += len(own)
        if names or dated:
            cues = size  # all of a name or date element is name or date
        if quote:
            cues = 0  # "X wrote on <date>" heads a quote inside the post's words
        if not signature and own.startswith(_SIGNATURE_RULE):
            # vBulletin 3 and its kin set the signature off by a rule: "__________________<br>…".
            # What it holds was walked already: none of it may stand for the post's words.
            facts.signatures.append(el)
            del facts.candidates[first_candidate:]
            signature = True
        if signature:
            return 0, 0  # a signature is never the post's words
        facts.sizes[el] = size
        # A post's <aside>/<header>/<footer> holds its author's details, and a signature is the
        # author's too: none of it is the post's words.
        if not aside:
            facts.candidates.append((el, size, cues, size * 10 if content else size))
        return size, cues

    walk(root, root.tag, False, False)
    # walk holds itself through its closure: that cycle kept every block's facts and copied tree
    # alive until the cycle collector ran, a collection every few pages for a thousand objects a page.
    del walk
    dated_texts.sort(key=lambda owner: owner[0])
    facts.dated = [(el, own) for _, el, own in dated_texts]
    return facts


def _rows_facts(facts: _BlockFacts, header: Any, rows: Any) -> _BlockFacts:
    """What ``_read_facts(rows)`` finds for a body's search, taken from the walk over the whole
    post before its rows after the ``header`` row moved to ``rows``: each row was read the same
    way there (both roots are bare <div>s), so only the new root's own entry is new."""
    in_header = set(header.iter())
    rows_facts = _BlockFacts(rows)
    rows_facts.sizes = facts.sizes
    tops = set(rows)
    kept = rows_facts.candidates
    size = cues = 0
    for entry in facts.candidates[:-1]:  # the last one is the old root
        el = entry[0]
        if el not in in_header:
            kept.append(entry)
            if el in tops:
                size += entry[1]
                cues += entry[2]
    # The root's own text is the rows' tails, as the walk reads it.
    own = norm_space(" ".join(row.tail for row in rows if row.tail))
    size += len(own)
    if own and _date_like(own):
        cues = size
    facts.sizes[rows] = size
    kept.append((rows, size, cues, size))
    return rows_facts


def _date_of(facts: _BlockFacts, when: _PageDates) -> tuple[dates.ResolvedDate, Any] | None:
    """The post's date: a machine-readable one first (``<time datetime>``, ``data-time``, a
    ``title`` holding the full date), else the first date-like text outside quotes; a rough
    relative one ("4 years ago") gives way to the full date shown beside it."""
    found = _first_date(facts, when)
    if found is not None and found[0].source == "relative":
        return _exact_beside(facts, found[0], when) or found
    return found


def _first_date(facts: _BlockFacts, when: _PageDates) -> tuple[dates.ResolvedDate, Any] | None:
    for el in facts.machine:
        value = _machine_value(el)
        if value is None and el.tag != "time":
            continue
        shown = norm_space(el.text_content()) or el.get("title")
        resolved = _machine_date(value, shown, when) if value else when.resolve(shown)
        if resolved.value is not None:
            return resolved, el
    for el, title in facts.titled:
        resolved = when.resolve(title)  # whole: "… 3:43:10 PM GMT+03:00" names its zone
        if resolved.value is None:
            resolved = when.resolve(_date_text(title))
        if resolved.value is not None and resolved.precision in ("minute", "second"):
            return resolved, el
    fallback = None
    # A member's join date sits in the profile column beside the post date; it has no time of
    # day and a label: try dates with a time first, labelled join dates never.
    joined = facts.joined()
    texts = [(el, own) for el, own in facts.dated if el not in joined]
    # A date line with a time beats an earlier one without (a join date), but a date mentioned
    # in a sentence of the post does not count: the date must be most of its element's text.
    texts.sort(key=lambda t: not _is_date_line(t[1]))
    for el, own in texts:
        resolved = when.resolve(_date_text(own))
        if resolved.value is not None and resolved.precision == "day" and resolved.source == "absolute":
            # "16.03.2020 <span>13:10</span>", "<b>12:42am</b> On <b>Apr 24</b>": the time sits
            # in a child or a sibling element.
            for wider_el in (el, el.getparent()):
                around = norm_space(wider_el.text_content()) if wider_el is not None else ""
                if len(around) <= 80:
                    wider = when.resolve(_date_text(around))
                    if wider.value is not None and wider.precision == "minute":
                        return wider, wider_el
        if resolved.value is not None:
            return resolved, el
        if fallback is None:
            fallback = (resolved, el)
    return fallback


def _exact_beside(facts: _BlockFacts, rough: dates.ResolvedDate,
                  when: _PageDates) -> tuple[dates.ResolvedDate, Any] | None:
    """The full date a post shows beside a rough one ("4 years ago", with "June 23, 2021" in its
    tooltip): a finer absolute date of the post's header that falls within the rough one's span."""
    if rough.precision not in _SPAN_DAYS:
        return None
    for el, own in facts.dated:
        exact = when.resolve(_date_text(own))
        if (exact.value is not None and exact.source == "absolute" and _mostly_date(own)
                and dates.PRECISIONS.index(exact.precision) < dates.PRECISIONS.index(rough.precision)
                and _within_span(rough, exact) and el not in facts.joined()):
            return exact, el
    return None


_JOINED = _AnyCase(
    r"regist|joined|join date|member since|mitglied seit|dabei seit|anmeldung|inscri|membre depuis|miembro desde|"
    r"iscritto|last (?:visit|seen|active|login)|letzter besuch|zuletzt online"
)
_HAS_TIME = re.compile(r"\d{1,2}[:.h]\d{2}(?!\d)(?![.-]\d)")


def _joined(el: Any, own: str) -> bool:
    """Whether a date is a member's join date (or last visit): by its text, its label before it
    (``<dt>Joined</dt><dd>date</dd>``) or inside it (``<dd><b>Joined:</b> date</dd>``), or its
    class (``profile-joined``)."""
    return (_JOINED.found_in(own) or _JOINED.found_in(_label_before(el))
            or _JOINED.found_in(el.get("class") or "")
            or (len(el) > 0 and _JOINED.found_in(norm_space(el.text_content())[:40])))


def _label_before(el: Any) -> str:
    """The text just before an element: its previous sibling (``<dt>Joined</dt><dd>date</dd>``)
    or the start of its parent."""
    prev = el.getprevious()
    if prev is not None:
        return norm_space(prev.text_content())[-40:] + " " + (prev.tail or "")
    parent = el.getparent()
    return (parent.text or "") if parent is not None else ""


_TIME_AFTER = re.compile(rf"\s*(?:,|-|at|um|à|@)?\s*{_TIME}", re.I)


def _is_date_line(text: str) -> bool:
    """Whether a date-like text has a time of day, and its date is most of it."""
    return _HAS_TIME.search(text) is not None and _mostly_date(text)


def _mostly_date(text: str) -> bool:
    """Whether the date of a date-like text is most of it (not a date in a sentence)."""
    start, end = _date_span(text)
    return (end - start) * 5 >= len(text) * 2


def _date_text(text: str) -> str:
    """The date part of a header line such as 'Posted: 12 Mar 2019, 14:05 | #3'."""
    span = _date_span(text)
    if not span:
        return text
    start, end = span
    # Keep a trailing time the pattern left out ("12.03.2019 - 14:05 Uhr").
    rest = _TIME_AFTER.match(text, end)
    if rest:
        end = rest.end()
    return text[start:end].strip()


def _body_element(facts: _BlockFacts, meta: list[Any]) -> Any | None:
    """The post's words: the largest element that holds neither the post's author nor its date,
    and is not mostly other names and dates (a reply's "X in reply to Y, 3 days ago" line)."""
    holds_meta = set()
    for m in meta:
        holds_meta.add(m)
        holds_meta.update(m.iterancestors())
    best, best_len, best_weight = None, -1, -1
    for el, size, cues, weight in facts.candidates:
        if weight > best_weight and el not in holds_meta and cues * 4 < size:
            best, best_len, best_weight = el, size, weight
    if best is None:
        return facts.root
    sizes = facts.sizes
    # The paragraph the largest element stands in (<p><span>words</span></p>: no words of its own).
    top = best
    while (parent := top.getparent()) is not None and parent not in holds_meta and sizes.get(parent) == best_len:
        top = parent
    if parent is not None and parent in holds_meta and not _is_content_class(top.get("class") or ""):
        # Paragraphs standing loose beside the post's name and date (no wrapper of their own):
        # the post is all of them, not the largest one.
        run = [c for c in parent if isinstance(c.tag, str) and c not in holds_meta and sizes.get(c, 0) > 0
               and c.tag not in _HEADINGS and not _is_author(c.tag, c.attrib) and not _is_date(c.tag, c.attrib, _own_text(c))]
        if len(run) > 1 and top in run and sum(sizes[c] for c in run) * 2 >= best_len * 3:
            wrapper = _new_div(best)
            for child in run:
                wrapper.append(child)
            return wrapper
    # Without the name beside it, the largest block may still carry the poster's details
    # column: narrow it to the element whose class says it is the message, when that holds
    # most of the words (not a quote's content: the reply below it is the post's own).
    narrowest = best
    for el in best.iterdescendants():
        size = sizes.get(el, 0)
        if (size * 10 >= best_len * 6 and size < sizes[narrowest] and _is_content_class(el.get("class") or "")
                and not _in_quote(el, best)):
            narrowest = el
    return narrowest


def _in_quote(el: Any, top: Any) -> bool:
    """Whether an element is a quote, or inside one below ``top``."""
    while el is not None and el is not top:
        if _is_quote(el.tag, el.get("class") or ""):
            return True
        el = el.getparent()
    return False


@lru_cache(maxsize=4096)
def _control_name(name: str) -> bool:
    return bool(name) and _CONTROL_CLASS.found_in(name)


# A post's buttons and reaction counts: ipsItemControls, post-controls, post-buttons, quickbuttons,
# post-tools, message-actionBar, reactCount.
_CONTROL_CLASS = _AnyCase(r"(?:controls|buttons|tools|actionbar|reactions?|reactcount)(?:$|[-_\s])")


@lru_cache(maxsize=4096)
def _signature_name(name: str) -> bool:
    return bool(name) and _SIGNATURE_CLASS.found_in(name)


_SIGNATURE_RULE = "_" * 10
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CONTENT_CLASS = _AnyCase(
    r"(?:^|[-_\s])(?:message|content|body|text|msg|entry|prose|markdown|bbwrapper)(?:$|[-_\s])"
    r"|(?:post|message|comment|entry|topic|reply|forum)[-_]?(?:body|text|content|msg|message)"
)


@lru_cache(maxsize=4096)
def _is_content_class(cls: str) -> bool:
    return bool(cls) and _CONTENT_CLASS.found_in(cls) and not _SIGNATURE_CLASS.found_in(cls)


def _is_quote(tag: str, cls: str) -> bool:
    # vBulletin 4 writes the post itself as <blockquote class="postcontent">.
    return _is_quote_class(cls) or (tag == "blockquote" and not _is_content_class(cls))


def take_quotes(body: Any) -> list[QuoteDraft]:
    """The quoted posts of a body, marked as quotes; a post that is nothing but a quote keeps its
    text as its own."""
    found = []
    for q in body.iterdescendants():
        if isinstance(q.tag, str) and _is_quote(q.tag, q.get("class") or "") and not any(q in f[0].iterdescendants() for f in found):
            found.append((q, text_of(q)))
    if not found or not _text_without(body, [q for q, _ in found]):
        return []
    quotes = []
    for q, text in found:
        cite = q.find(".//cite")
        header = norm_space(cite.text_content()) if cite is not None else ""
        match = _WROTE.match(header or text)
        author = match[1].strip(" :@") if match else None
        if cite is not None and header and match:
            # "X wrote:" names the quote; it is not quoted text.
            remove(cite)
            text = text_of(q)
        # A "X wrote:" line just before the quote belongs to it.
        prev = q.getprevious()
        line = norm_space(prev.text_content()) if prev is not None else ""
        said = _WROTE.match(line) if len(line) < 80 else None
        if said:
            author = author or said[1].strip(" :@")
            remove(prev)
        quotes.append(QuoteDraft(text=text, author=author))
        mark_quote(q)
    return quotes


def _text_without(body: Any, cut: list[Any]) -> bool:
    """Whether the body has words of its own outside the elements in ``cut``."""
    skip = set()
    for el in cut:
        skip.update(el.iter())
    for el in body.iter():
        if el in skip or not isinstance(el.tag, str):
            if el in cut and el.tail and el.tail.strip():
                return True
            continue
        if (el.text and el.text.strip()) or (el.tail and el.tail.strip() and el is not body):
            return True
    return False


def _own_id(el: Any, id_attrs: tuple[str, ...] = ("id",)) -> tuple[str | None, str | None]:
    """The post id an element carries itself (not its descendants), and the attribute value
    naming it when that is a page anchor (one of ``id_attrs``)."""
    for attr in _ID_ATTRS:
        value = el.get(attr)
        if value and value.isdigit():
            # ``<div id="post-12" data-post-id="12">``: the id is the anchor that leads to it.
            match = _NATIVE_ID.match(el.get("id") or "")
            return value, (el.get("id") if match and match[1] == value else None)
    for attr in id_attrs:
        value = el.get(attr)
        if not value:
            continue
        match = _NATIVE_ID.match(value)
        if match and not _PERSON_ID.match(value):
            return match[1], value
        if _ULID.match(value):
            return value, value
    return None, None


# An author link's id ("user_1926436") numbers the person, not the post.
_PERSON_ID = re.compile(r"(?:user|member|avatar)", re.I)

# Sites that number their posts with ULIDs (a time-ordered 26-character id: 01KB5YANQENXP5EE0EZ14JY0A2).
_ULID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}$")


_ID_NAMES = frozenset((*_ID_ATTRS, "id", "name"))  # what _native_id reads


def _native_id(block: Any, original: Any) -> tuple[str | None, str | None]:
    """The site's id of the post and the page anchor that leads to it."""
    anchor = None
    for el in islice(block.iter(), 60):
        if not isinstance(el.tag, str) or _ID_NAMES.isdisjoint(el.keys()):
            continue
        native_id, named = _own_id(el, ("id", "name"))
        if native_id:
            return native_id, named
        if anchor is None and el.tag == "a" and el.get("name") and not el.get("href"):
            anchor = el.get("name")
    # <a name="32677"></a><table>…post…</table>: the anchor stands just before the block, or
    # alone in the element before it (<p><a name="32678"></a></p>, the parser's closing of a <p>).
    prev = original.getprevious()
    if prev is not None and prev.tag != "a" and len(prev) == 1 and not (prev.text or "").strip():
        prev = prev[0]
    if prev is not None and prev.tag == "a" and not prev.get("href") and (prev.get("name") or prev.get("id")):
        value = prev.get("name") or prev.get("id")
        match = _NATIVE_ID.match(value)
        return (match[1] if match else None), value
    return None, anchor


def _permalink(doc: Document, block: Any, native_id: str | None, anchor: str | None) -> str | None:
    if native_id:
        # The post's own link, not its quote/reply/report/likes action links.
        for a in block.iter("a"):
            href = a.get("href") or ""
            if _names_id(href, native_id) and not _user_href(href) and not _ACTION_LINK.found_in(href):
                return doc.absolute(href)
    if anchor and doc.url:
        return doc.url.split("#")[0] + "#" + anchor
    return None


_ACTION_LINK = _AnyCase(r"quote|reply|edit|report|delete|vote|like|flag|share|menu|do=|action=|mode=")


def _names_id(href: str, native_id: str) -> bool:
    """Whether a link names the post id as a whole number ('#p123', '/post-123', '?p=123')."""
    start = href.find(native_id)
    while start > 0:
        end = start + len(native_id)
        if href[start - 1] in "#/=_-p" and (end == len(href) or not href[end].isdigit()):
            return True
        start = href.find(native_id, end)
    return False


# --- schema.org --------------------------------------------------------------------------------


_ITEM_POSTS = etree.XPath(
    "//@itemtype[" + " or ".join(f"contains(., '/{t}')" for t in _POST_TYPES) + "]/parent::*[@itemscope]"
)


def _marked_items(doc: Document) -> list[Any]:
    """Elements typed as posts in microdata."""
    return [el for el in _ITEM_POSTS(doc.root) if _item_type(el) in _POST_TYPES]


def _lead_item(members: list[Any]) -> Any | None:
    """The post item around the first member when that is not an item itself and no other such
    member shares it: an opening post whose schema.org author and date sit in a wrapper, beside
    a thread header that names the last poster."""
    if members[0].get("itemscope") is not None:
        return None
    item = _nearest_post_item(members[0])
    if item is None or any(m.get("itemscope") is None and _nearest_post_item(m) is item for m in members[1:]):
        return None
    return item


def _nearest_post_item(el: Any) -> Any | None:
    return next((a for a in el.iterancestors()
                 if a.get("itemscope") is not None and _item_type(a) in _POST_TYPES), None)


def _item_type(el: Any) -> str:
    return (el.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1]


def _structural_count(doc: Document) -> int:
    found = best_group(doc)
    return sum(1 for text, d, a in found[0].own if text and (d or a)) if found else 0


def _microdata_posts(doc: Document, items: list[Any], when: _PageDates, microdata: bool) -> list[PostDraft]:
    item_set = set(items)
    posts = []
    wrapper = None  # the post of an item around others, until the first of them is read
    for item in items:
        # A reply marked up inside its parent (Comment in a DiscussionForumPosting) is its own post.
        nested = [el for el in item.iterdescendants() if el in item_set
                  and next(a for a in el.iterancestors() if a in item_set) is item]
        post = _read_block(doc, when, microdata, [item], nested)
        if post is None:
            continue
        if wrapper is not None and wrapper is posts[-1] and _same_header(replace(wrapper, author=wrapper.author or post.author), post):
            # The thread's item around every post, the first of which is the opening post (its
            # author and moment, NodeBB): what the item holds besides them is the topic's furniture.
            posts.pop()
        wrapper = post if nested else None
        posts.append(post)
    return posts


# The parsed page, not its source: the parser lowercases attribute names (ITEMPROP=, itemProp=).
_HAS_ITEMPROP = etree.XPath("boolean(//@itemprop)")
_WITH_ITEMPROP = etree.XPath("descendant-or-self::*/@itemprop/..")  # the attribute test is the fast one


def _itemprop(block: Any, *names: str) -> Any | None:
    """The first element of the block's own item with one of these itemprops."""
    for el in _WITH_ITEMPROP(block):
        if el.get("itemprop") in names and _own_item(el, block):
            return el
    return None


def _own_item(el: Any, block: Any) -> bool:
    """Whether an itemprop belongs to the block's item, not to an item nested in it."""
    for parent in el.iterancestors():
        if parent is block:
            return True
        if parent.get("itemscope") is not None:
            return False
    return True


def _itemprop_date(block: Any, when: _PageDates, *names: str) -> tuple[dates.ResolvedDate, Any] | None:
    el = _itemprop(block, *(names or ("datePublished", "dateCreated", "uploadDate")))
    if el is None:
        return None
    value = el.get("datetime") or el.get("content")
    shown = norm_space(el.text_content()) or None
    resolved = when.combine(value, shown) if value else when.resolve(shown)
    return (resolved, el) if resolved.value is not None else None

