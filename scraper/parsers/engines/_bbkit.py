"""Shared pieces of the classic bulletin-board engines (phpBB, SMF, MyBB, FluxBB, Phorum,
UBB.threads): the page's date hints and timezone, display dates, post bodies with their quotes
split off, session-free links, pagination.

These boards print dates as text in the board's timezone and language, so the page's own
``lang`` attribute and its "All times are UTC+01:00" footer are read before any date is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from html import unescape
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

import lxml.html
from lxml import etree

from .. import dates
from ..dates import DateHints, ResolvedDate
from ..html import Document, clean_copy, html_of, norm_space, remove, text_of
from ..model import AttachmentDraft, ParseContext, QuoteDraft

# Session parameters: the same post must get the same URL on every crawl.
_SESSION_PARAMS = frozenset({"sid", "s", "phpsessid", "sessionid"})
_SESSION_HINT = re.compile(r"[?&;](?:sid|s|PHPSESSID|sessionid)=", re.I)
_ISO_639_2 = {"eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "esn": "es",
              "esp": "es", "ita": "it", "nld": "nl", "dut": "nl", "por": "pt", "pol": "pl", "rus": "ru"}
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{2,3}))?", re.I)
_DIGIT = re.compile(r"\d")


def locale_of(doc: Document) -> str | None:
    """The page's language as ``ll`` or ``ll-RR`` (``lang``/``xml:lang``; 3-letter codes mapped)."""
    raw = doc.root.get("lang") or doc.root.get("{http://www.w3.org/XML/1998/namespace}lang") or doc.root.get("xml:lang")
    match = _LANG.match((raw or "").strip())
    if not match:
        return None
    language = match[1].lower()
    language = _ISO_639_2.get(language, language if len(language) == 2 else None)
    if not language:
        return None
    region = match[2] if match[2] and len(match[2]) == 2 else ""
    return f"{language}-{region.upper()}" if region else language


def page_context(doc: Document, ctx: ParseContext) -> ParseContext:
    """``ctx`` with the page's language hints and, when the board states it, its timezone.

    What the user gave on the command line (a timezone, hints) wins over what the page says.
    """
    changes: dict[str, Any] = {}
    if ctx.hints == DateHints():
        locale = locale_of(doc)
        if locale:
            hints = DateHints.for_locale(locale)
            if locale == "en":
                # A bare "en" says nothing about the region: keep the date parser's own order.
                hints = replace(hints, day_first=None)
            changes["hints"] = hints
    if not ctx.timezone_given and hasattr(dates, "timezone_from_text"):
        tz = footer_timezone(doc.text)
        if tz is not None:
            changes["timezone"] = tz
    return replace(ctx, **changes) if changes else ctx


@lru_cache(maxsize=1024)
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path)


def xpath(el: Any, path: str, **variables: Any) -> list[Any]:
    """``el.xpath(path)`` with the expression compiled once per process (lxml recompiles a
    string expression on every call, which dominated the parse time of large threads)."""
    return _compiled(path)(el, **variables)


_ZONE_WORD = re.compile(r"UTC|GMT")
_TAG = re.compile(r"<[^>]*>")


def footer_timezone(html: str):
    """The timezone of an "All times are UTC + 1 hour" line, read from the raw page text.

    A text search and a small window around each "UTC"/"GMT" (tags stripped) is far cheaper than
    visiting every text node of a large thread page; the footer is near the end, so the last
    mentions are tried first.
    """
    spots = [m.start() for m in _ZONE_WORD.finditer(html)]
    for spot in reversed(spots[-6:]):
        window = _TAG.sub(" ", html[max(0, spot - 200): spot + 120])
        tz = dates.timezone_from_text(norm_space(unescape(window)))
        if tz is not None:
            return tz
    return None


def with_day_first(ctx: ParseContext, texts: Iterable[str], default: bool | None = None) -> ParseContext:
    """``ctx`` whose numeric dates read the way this page writes them.

    A date that can only be day-first (29/11/2025) or only month-first (11/29/2025) among the
    page's own date texts decides; without one the locale's habit stays, else ``default`` (the
    engine's own default format).
    """
    evidence = dates.day_first_from([norm_space(t) for t in texts])
    day_first = evidence if evidence is not None else (ctx.hints.day_first if ctx.hints.day_first is not None else default)
    if day_first == ctx.hints.day_first:
        return ctx
    return replace(ctx, hints=replace(ctx.hints, day_first=day_first))


def without_session(url: str | None) -> str | None:
    """``url`` without session ids (``sid``, ``PHPSESSID``, ``s``); the rest of the query as written
    (SMF separates its pairs with ``;``)."""
    if not url or "?" not in url:
        return url
    parts = urlsplit(url)
    pieces = re.split(r"([&;])", parts.query)
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        pair = pieces[i]
        if not pair or pair.split("=", 1)[0].lower() in _SESSION_PARAMS:
            continue
        if kept:
            kept.append(pieces[i - 1] if i else "&")
        kept.append(pair)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "".join(kept), parts.fragment))


def link(doc: Document, href: str | None) -> str | None:
    return without_session(doc.absolute(href))


def first_text(el: Any, paths: Iterable[str]) -> tuple[str, Any] | tuple[None, None]:
    """The first non-empty text (and its node) found by the XPaths, tried in order."""
    for path in paths:
        for node in xpath(el, path):
            text = norm_space(node if isinstance(node, str) else node.text_content())
            if text:
                return text, node
    return None, None


def date_text(node: Any, after: Any = None) -> str:
    """The date words of a header line such as ``by <a>name</a> » Sun Dec 15, 2019 4:58 pm``.

    Text inside profile links, ``<strong>`` and name spans (the author) is skipped, and when
    ``after`` (the author's link) is inside ``node`` only what follows it counts, so "by"/"par"/
    "von" never reach the date parser.  Of the pieces between separators (» « |) the last one with
    a digit is the date.
    """
    parts: list[str] = []
    on = [after is None or not is_inside(after, node)]

    def walk(el: Any, skipped: bool) -> None:
        if el is after:
            on[0] = True
        tag = el.tag if isinstance(el.tag, str) else None
        skip = skipped or tag is None or tag in _SKIP_TAGS or "username" in (el.get("class") or "") or (
            tag == "a" and _PROFILE_LINK.search(el.get("href") or "") is not None) or (
            # bold labels ("Reply #2 on:", "Posted:") and names, but not SMF's bold "Today"
            tag in ("strong", "b") and not _RELATIVE_DAY.match(norm_space(el.text_content())))
        if el.text and not skip and on[0]:
            parts.append(el.text)
        for child in el:
            walk(child, skip)
        if el is not node and el.tail and not skipped and on[0]:
            parts.append(el.tail)

    walk(node, False)
    text = norm_space(" ".join(parts))
    pieces = [p.strip(" ,-–|:") for p in re.split(r"[»«|•·]", text)]
    pieces = [p for p in pieces if _DIGIT.search(p)]
    return pieces[-1] if pieces else ""


_SKIP_TAGS = frozenset({"script", "style", "noscript"})
_RELATIVE_DAY = re.compile(r"^(today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|oggi|ieri|vandaag|gisteren)$", re.I)
_PROFILE_LINK = re.compile(r"profile|member|user", re.I)


def is_inside(item: Any, node: Any) -> bool:
    while item is not None:
        if item is node:
            return True
        item = item.getparent()
    return False


def resolve_date(ctx: ParseContext, node: Any, text: str | None = None) -> ResolvedDate | None:
    """A post date: ``<time datetime>`` or a ``data-time``/``title`` attribute first, else ``text``."""
    if node is not None and isinstance(getattr(node, "tag", None), str):
        machine = xpath(node, "descendant-or-self::time[@datetime][1]")
        if machine:
            shown = norm_space(machine[0].text_content()) or None
            return dates.combine(machine[0].get("datetime"), shown, ctx.fetched_at, ctx.timezone, ctx.hints)
        stamped = xpath(node, "descendant-or-self::*[@data-time or @data-timestamp][1]")
        if stamped:
            value = stamped[0].get("data-time") or stamped[0].get("data-timestamp")
            shown = norm_space(stamped[0].text_content()) or None
            return dates.combine(value, shown, ctx.fetched_at, ctx.timezone, ctx.hints)
    return resolve_text(ctx, text)


# Boards print month names in the board's language; when the page does not state it (SMF 2.0
# writes no lang attribute), a text that English cannot read is tried in these.
_WIDE_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs", "sv", "da", "fi", "ru", "tr")


def resolve_text(ctx: ParseContext, text: str | None) -> ResolvedDate | None:
    text = norm_space(text)
    if not text:
        return None
    resolved = ctx.resolve(text)
    if resolved.value is None and ctx.hints.languages == DateHints().languages and _LETTERS.search(text):
        wide = replace(ctx.hints, languages=_WIDE_LANGUAGES)
        retried = dates.resolve(text, ctx.fetched_at, ctx.timezone, wide)
        if retried.value is not None:
            return retried
    return resolved


_LETTERS = re.compile(r"[^\W\d_]{3,}")


# "Last edited by X on DATE, edited 2 times in total." / "Zuletzt geändert von X am DATE, insgesamt
# 1-mal geändert." / "Last Edit: DATE by X": the date ends before "by", before a count clause
# (a comma and text with one number) or at a bracket.
_EDITED = re.compile(
    r"(?:last\s+edit(?:ed)?|edited|modified|bearbeitet|geändert|modifié|édition|editado|edición|modificato|modifica)\b"
    r".*?(?:\bon\b|\bam\b|\ble\b|\bel\b|\bil\b|:)\s*"
    r"(?P<date>.+?)(?:\s+by\s+.*|[,;]\s*\D*\d+\D*$|\.\s*$|\s*\(|\s*»|$)",
    re.I,
)


def is_edit_line(text: str | None) -> bool:
    return bool(text and _EDITED.search(text))


def edited_date(ctx: ParseContext, text: str | None) -> ResolvedDate | None:
    """The date of a "Last edited by X on DATE, edited 2 times in total." line."""
    text = norm_space(text)
    if not text:
        return None
    match = _EDITED.search(text)
    if not match:
        return None  # a notice that is not an edit line ("post reported", "locked")
    resolved = resolve_text(ctx, match["date"].strip(" .,)"))
    return resolved if resolved is not None and resolved.value is not None else None


class Body:
    """A post body split into its own words and its quotes.

    ``element`` is a cleaned copy (no scripts, buttons, the engine's chrome, no quotes);
    ``text`` is made from it, ``html`` keeps the quotes.  ``el`` may be a list of elements (the
    message and the attachment box beside it): their copies go into one ``div``.
    """

    def __init__(self, el: Any, doc: Document, *, drop: tuple[str, ...] = (), quote_xpath: str = "",
                 read_quote: Callable[[Any, Document], QuoteDraft] | None = None,
                 attachment_xpath: str = "") -> None:
        if isinstance(el, list):
            wrapper = lxml.html.Element("div")
            for part in el:
                copy = clean_copy(part, drop)
                copy.tail = None
                wrapper.append(copy)
            self.element = wrapper
        else:
            self.element = clean_copy(el, drop)
        for node in self.element.iter("a"):
            href = node.get("href")
            if href and _SESSION_HINT.search(href):
                node.set("href", without_session(href))
        self.html = html_of(self.element, doc.base_url)  # the HTML keeps the quotes, the text does not
        self.quotes: list[QuoteDraft] = []
        if quote_xpath:
            found = xpath(self.element, quote_xpath)
            chosen = set(found)
            for node in found:
                if any(a in chosen for a in node.iterancestors()):
                    continue  # a quote inside a quote belongs to the outer one
                tail, node.tail = node.tail, None  # text_of reads an element's tail too
                quote = read_quote(node, doc) if read_quote else QuoteDraft(text_of(node))
                node.tail = tail
                if quote.text or quote.author:
                    self.quotes.append(quote)
                remove(node)
        self.attachments: list[AttachmentDraft] = []
        self.images: list[str] = []
        seen: set[str] = set()
        if attachment_xpath:
            for node in xpath(self.element, attachment_xpath):
                href = node.get("href") or node.get("src")
                url = link(doc, href)
                if not url or url in seen:
                    continue
                seen.add(url)
                name = norm_space(node.text_content()) if node.tag == "a" else (node.get("alt") or node.get("title"))
                kind = "image" if node.tag == "img" else "file"
                self.attachments.append(AttachmentDraft(url, norm_space(name) or None, kind))
        for img in self.element.iter("img"):
            src = doc.absolute(img.get("src"))
            if not src or "smil" in (img.get("class") or "") or "/smil" in src:
                continue
            if src not in self.images:
                self.images.append(src)
        self.text = text_of(self.element)


_WROTE = re.compile(
    r"^\s*(?:quote\s*(?:from)?\s*:?\s*)?(?P<name>.+?)\s+(?:wrote|said|a écrit|hat geschrieben|schrieb|escribió|ha scritto|schreef|napisał)\b",
    re.I,
)
_QUOTE_FROM = re.compile(r"^\s*(?:quote|zitat|citation|cita|citazione)\s+(?:from|von|de|di)\s*:?\s*(?P<name>.+?)(?:\s+(?:on|am|le|el|il)\s+.*)?$", re.I)


def quoted_author(header: str | None) -> str | None:
    """The quoted name in "X wrote:" / "Quote from: X on DATE" headers."""
    header = norm_space(header)
    if not header:
        return None
    match = _QUOTE_FROM.match(header) or _WROTE.match(header)
    if match:
        return match["name"].strip(" :\"'“”") or None
    return None


def int_of(text: str | None) -> int | None:
    """The first whole number in ``text`` ("1,234 replies" → 1234)."""
    match = re.search(r"\d[\d,.\u00a0 ]*", text or "")
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(0))
    return int(digits) if digits else None


def next_url(doc: Document, extra_xpath: str = "") -> str | None:
    """The next page of the thread: ``rel=next`` first, else the engine's own "next" link."""
    for path in ("//link[@rel='next']/@href", "//a[@rel='next']/@href", extra_xpath):
        if not path:
            continue
        found = xpath(doc.root, path)
        if found:
            return link(doc, found[0])
    return None


def breadcrumbs(doc: Document, path: str) -> list[str]:
    crumbs: list[str] = []
    for node in xpath(doc.root, path):
        text = norm_space(node if isinstance(node, str) else node.text_content())
        if text and (not crumbs or crumbs[-1] != text):
            crumbs.append(text)
    return crumbs


__all__ = [
    "Body", "breadcrumbs", "date_text", "edited_date", "first_text", "footer_timezone", "int_of", "is_edit_line",
    "is_inside", "link", "locale_of", "next_url", "page_context", "quoted_author", "remove", "resolve_date",
    "resolve_text", "with_day_first", "without_session", "xpath",
]
