"""Dates on forum pages, read through :mod:`scraper.parsers.dates`: the page's language and
timezone, the day order of its numeric dates, post dates from machine markup or display text,
and "Last edited … on DATE" lines.

Classic boards print dates as text in the board's timezone and language, so the page's own
``lang`` attribute and its "All times are UTC+01:00" footer are read before any date is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta, timezone
from html import unescape
from typing import Any, Iterable

from .. import dates
from ..dates import DateHints, ResolvedDate
from ..html import Document, norm_space
from ..model import ParseContext, ThreadDraft
from ._kit import is_inside, xp

_ISO_639_2 = {"eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "esn": "es",
              "esp": "es", "ita": "it", "nld": "nl", "dut": "nl", "por": "pt", "pol": "pl", "rus": "ru"}
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{2,3}))?", re.I)

# -- the page ---------------------------------------------------------------------------------


def locale_of(doc: Document) -> str | None:
    """The page's language as ``ll`` or ``ll-RR`` (``lang``/``xml:lang``, else the
    Content-Language its head declares; 3-letter codes mapped)."""
    raw = doc.root.get("lang") or doc.root.get("{http://www.w3.org/XML/1998/namespace}lang") or doc.root.get("xml:lang")
    if not raw:
        declared = _CONTENT_LANGUAGE(doc.root)
        raw = declared[0].split(",")[0] if declared else None
    match = _LANG.match((raw or "").strip())
    if not match:
        return None
    language = match[1].lower()
    language = _ISO_639_2.get(language, language if len(language) == 2 else None)
    if not language:
        return None
    region = match[2] if match[2] and len(match[2]) == 2 else ""
    return f"{language}-{region.upper()}" if region else language


# <meta http-equiv="Content-Language">, and its common misspellings (name=, "Language").
_CONTENT_LANGUAGE = xp(
    "/html/head/meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language' or "
    "translate(@name, 'CONTENTLAGU', 'contentlagu')='content-language' or "
    "translate(@http-equiv, 'LANGU', 'langu')='language']/@content"
)


def page_hints(doc: Document, ctx: ParseContext) -> DateHints:
    """The caller's date hints, else the page's own language (``<html lang>``)."""
    if ctx.hints != DateHints():
        return ctx.hints
    lang = (doc.root.get("lang") or "").strip()
    return DateHints.for_locale(lang) if lang else ctx.hints


def page_context(doc: Document, ctx: ParseContext) -> ParseContext:
    """``ctx`` with the page's language hints and, when the board states it, its timezone.

    What the user gave on the command line (a timezone, hints) wins over what the page says.
    """
    if ctx.hints == DateHints():
        locale = locale_of(doc)
        if locale:
            hints = DateHints.for_locale(locale)
            if locale == "en":
                # A bare "en" says nothing about the region: keep the date parser's own order.
                hints = replace(hints, day_first=None)
            ctx = replace(ctx, hints=hints)
    return with_page_timezone(ctx, footer_timezone(doc.text) or visitor_zone(doc.text))


def with_page_timezone(ctx: ParseContext, tz: Any) -> ParseContext:
    """The context in the page's stated timezone, unless the user named one."""
    if tz is None or ctx.timezone_given:
        return ctx
    return replace(ctx, timezone=tz)


def record_timezone(draft: ThreadDraft, ctx: ParseContext, given: ParseContext) -> ThreadDraft:
    """``draft`` with the zone the page stated (when ``ctx`` took one that ``given`` lacked)."""
    if ctx.timezone is not given.timezone:
        draft.timezone = ctx.timezone
    return draft


def record_shown_offset(draft: ThreadDraft, ctx: ParseContext) -> ThreadDraft:
    """``draft`` with the offset every machine-read post date of the page shares, when it is not
    UTC: the zone the page showed its times in (XenForo's ``<time datetime="…+0100">``, a UTC
    instant beside local display text).  Dates across a DST change differ, and then say nothing."""
    if draft.timezone is None and not ctx.timezone_given:
        offsets = {p.published.value.utcoffset() for p in draft.posts
                   if p.published is not None and p.published.value is not None and p.published.source == "attribute"}
        if len(offsets) == 1 and (offset := offsets.pop()):
            draft.timezone = timezone(offset)
    return draft


_ZONE_WORDS = ("GMT", "UTC", "WEZ")
_TAG = re.compile(r"<[^>]*>")


def footer_timezone(html: str) -> Any:
    """The timezone of an "All times are UTC + 1 hour" / "All times are GMT -5" line, from the
    raw page text.

    ``str.rfind`` and a small window around each "UTC"/"GMT"/"WEZ" (tags stripped) cost far less
    than visiting every text node of a large thread page; footers sit near the end, so the last
    mentions are tried first.
    """
    spots: list[int] = []
    for word in _ZONE_WORDS:
        end = len(html)
        for _ in range(3):
            end = html.rfind(word, 0, end)
            if end == -1:
                break
            spots.append(end)
    for spot in sorted(spots, reverse=True):
        window = norm_space(unescape(_TAG.sub(" ", html[max(0, spot - 200): spot + 120])))
        tz = dates.timezone_from_text(window)
        if tz is not None:
            return tz
    return None


# XenForo 1 tells its scripts when the visitor's day began (``today``, an epoch). Dates older
# than a week show only the visitor's wall-clock, and that midnight gives its offset.
_SERVER_TIME = re.compile(r"serverTimeInfo:\s*\{\s*now:\s*\d+,\s*today:\s*(\d+)")


def visitor_zone(html: str) -> timezone | None:
    """The fixed offset of the visitor's zone that the page's scripts are told, when they are."""
    found = _SERVER_TIME.search(html) if "serverTimeInfo" in html else None
    if found is None:
        return None
    offset = -int(found[1]) % 86400
    if offset % 900:
        return None  # not a midnight in any zone
    return timezone(timedelta(seconds=offset - 86400 if offset > 12 * 3600 else offset))


# -- the day order of numeric dates -------------------------------------------------------------

_DASHED = re.compile(r"(?<![\d.])\d{1,2}-\d{1,2}-\d{2,4}(?!\d)")


def _reading(text: str, hints: DateHints, day_first: bool | None) -> DateHints:
    """The hints to read ``text`` with: ``day_first`` when given; without any, a dashed
    "04-05-2020" is the month-first order vBulletin, Vanilla and MyBB print by default (the date
    parser otherwise reads an ambiguous date day-first)."""
    if day_first is None and hints.day_first is None and _DASHED.search(text):
        day_first = False
    if day_first is None or day_first == hints.day_first:
        return hints
    return replace(hints, day_first=day_first)


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


def settle_day_order(posts: list[Any], ctx: ParseContext) -> None:
    """Re-read ambiguous numeric dates (04/05/2025) the way the page's other dates decide: one
    post dated 29/11/2025 shows the whole page writes the day first."""
    if ctx.hints.day_first is not None:
        return
    shown = [d for p in posts for d in (p.published, p.edited) if d is not None and d.source == "absolute"]
    day_first = dates.day_first_from(d.raw for d in shown)
    if day_first is None:
        return
    for p in posts:
        if p.published is not None and p.published.source == "absolute":
            p.published = shown_date(p.published.raw, ctx, day_first=day_first)
        if p.edited is not None and p.edited.source == "absolute":
            p.edited = shown_date(p.edited.raw, ctx, day_first=day_first)


# -- one date ---------------------------------------------------------------------------------

# Boards print month names in the board's language; when the page does not state it (SMF 2.0
# writes no lang attribute), a text that English cannot read is tried in these.
_WIDE_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs", "sv", "da", "fi", "ru", "tr")
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def shown_date(raw: str | None, ctx: ParseContext, *, day_first: bool | None = None,
               hints: DateHints | None = None) -> ResolvedDate:
    """A date as the page printed it, in the context's timezone (``day_first`` decides an
    ambiguous numeric date; ``hints`` replace the context's)."""
    text = norm_space(raw)
    if not text:
        return dates.resolve(raw, ctx.fetched_at, ctx.timezone, hints or ctx.hints)
    hints = _reading(text, hints or ctx.hints, day_first)
    resolved = dates.resolve(text, ctx.fetched_at, ctx.timezone, hints)
    if resolved.value is None and hints.languages == DateHints().languages and _LETTERS.search(text):
        retried = dates.resolve(text, ctx.fetched_at, ctx.timezone, replace(hints, languages=_WIDE_LANGUAGES))
        if retried.value is not None:
            resolved = retried
    return resolved if resolved.raw == raw else replace(resolved, raw=raw)


def resolve_text(ctx: ParseContext, text: str | None) -> ResolvedDate | None:
    """:func:`shown_date`, or None for a missing or blank text."""
    return shown_date(text, ctx) if norm_space(text) else None


_OFFSET = re.compile(r"[+-]\d{2}:?\d{2}$")
_UTC_OFFSET = re.compile(r"(?:Z|[+-]00:?00)$", re.I)


def machine_date(attribute: str | None, display: str | None, ctx: ParseContext,
                 hints: DateHints | None = None, *, display_offset: bool = False) -> ResolvedDate:
    """A date from markup.  An ISO value with a non-UTC offset is already the site's wall-clock
    (XenForo writes the viewer's zone into ``datetime``), and the display text need not be read;
    a UTC value or an epoch is combined with the display text so that the result keeps the local
    time the page showed.  ``display_offset``: the display text decides the offset even beside an
    attribute with its own (vBulletin 5 writes the server's zone into ``datetime`` and shows the
    board's)."""
    display = norm_space(display) or None
    value = (attribute or "").strip()
    if value and not display_offset and _OFFSET.search(value) and not _UTC_OFFSET.search(value):
        return dates.from_attribute(value, ctx.timezone, raw=display)
    if value:
        reading = _reading(display, hints or ctx.hints, None) if display else hints or ctx.hints
        return dates.combine(value, display, ctx.fetched_at, ctx.timezone, reading)
    return shown_date(display, ctx, hints=hints)


def resolve_date(ctx: ParseContext, node: Any, text: str | None = None) -> ResolvedDate | None:
    """A post date: ``<time datetime>`` or a ``data-time``/``data-timestamp`` attribute under
    ``node`` first, else ``text``."""
    if node is not None and isinstance(getattr(node, "tag", None), str):
        machine = xp("descendant-or-self::time[@datetime][1]")(node)
        if machine:
            return machine_date(machine[0].get("datetime"), machine[0].text_content(), ctx)
        stamped = xp("descendant-or-self::*[@data-time or @data-timestamp][1]")(node)
        if stamped:
            value = stamped[0].get("data-time") or stamped[0].get("data-timestamp")
            return machine_date(value, stamped[0].text_content(), ctx)
    return resolve_text(ctx, text)


# "Last edited by X on DATE, edited 2 times in total." / "Zuletzt geändert von X am DATE, insgesamt
# 1-mal geändert." / "Last Edit: DATE by X": the date ends before "by", before a count clause
# (a comma and text with one number) or at a bracket.
# The edit's word (English, German, French, Spanish, Italian, Dutch, Portuguese, Polish, the
# Nordic languages, Vietnamese), then the date after "on"/":"/";", up to the editor's name when
# it comes after the date ("… 02:50:27 pm por Quas4R"), the edit's reason or its count (", edited
# 2 times in total", not the year of "Oct 25, 2013").
_EDITED = re.compile(
    r"(?:last\s+edit(?:ed)?|edited|modified|bearbeitet|geändert|modifié|édition|editado|edición|modificato|modifica|"
    r"modificaci[oó]n|bewerkt|gewijzigd|edytowan[yae]|redigera[dt]|redigert|muokattu|sửa)\b"
    r".*?(?:\bon\b|\bam\b|\ble\b|\bel\b|\bil\b|\bop\b|\bem\b|:|;)\s*"
    r"(?P<date>.+?)(?:\s+(?:by|von|par|por|da|door|przez|av|bởi)\s+.*|[,;]\D*\d+(?=[\s-]*[^\W\d])\D*$|\.\s*$|\s*\(|\s*»"
    r"|\.?\s+(?:reason|grund|raison|motivo|reden)\b.*|$)",
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


_SKIP_TAGS = frozenset({"script", "style", "noscript"})
_RELATIVE_DAY = re.compile(r"^(today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|oggi|ieri|vandaag|gisteren)$", re.I)
_PROFILE_LINK = re.compile(r"profile|member|user", re.I)
_DIGIT = re.compile(r"\d")


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
    del walk  # it refers to itself: a cycle that only the cycle collector would free
    text = norm_space(" ".join(parts))
    pieces = [p.strip(" ,-–|:") for p in re.split(r"[»«|•·]", text)]
    pieces = [p for p in pieces if _DIGIT.search(p)]
    return pieces[-1] if pieces else ""
