"""Small helpers shared by the vBulletin, Vanilla, bbPress, wpForo, WoltLab, Forumotion, Tapatalk
and inSided parsers: display dates without dateparser, the forum's footer timezone, quotes cut
out of a post body, attachments, and ids taken from links.

Display dates are the hot path of a thread page (one per post), so the numeric and month-name
forms these engines print are read with regular expressions; anything else goes to
:func:`dates.resolve` (relative forms, then dateparser).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from lxml import etree

from .. import dates
from ..dates import ResolvedDate
from ..html import absolute, clean_copy, css, html_of, norm_space, remove, text_of
from ..model import AttachmentDraft, ParseContext, QuoteDraft

MONTHS = {
    # English, German, French, Dutch, Spanish, Italian, Portuguese abbreviations and names
    "jan": 1, "january": 1, "januar": 1, "janvier": 1, "januari": 1, "enero": 1, "gennaio": 1, "janeiro": 1, "jän": 1, "jänner": 1,
    "feb": 2, "february": 2, "februar": 2, "février": 2, "fevrier": 2, "februari": 2, "febrero": 2, "febbraio": 2, "fevereiro": 2, "fév": 2,
    "mar": 3, "march": 3, "märz": 3, "mär": 3, "mars": 3, "maart": 3, "marzo": 3, "março": 3, "mrz": 3,
    "apr": 4, "april": 4, "avril": 4, "abril": 4, "aprile": 4, "avr": 4,
    "may": 5, "mai": 5, "mei": 5, "mayo": 5, "maggio": 5, "maio": 5,
    "jun": 6, "june": 6, "juni": 6, "juin": 6, "junio": 6, "giugno": 6, "junho": 6,
    "jul": 7, "july": 7, "juli": 7, "juillet": 7, "julio": 7, "luglio": 7, "julho": 7, "juil": 7,
    "aug": 8, "august": 8, "août": 8, "aout": 8, "augustus": 8, "agosto": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9, "settembre": 9, "setembro": 9,
    "oct": 10, "october": 10, "oktober": 10, "octobre": 10, "octubre": 10, "ottobre": 10, "outubro": 10, "okt": 10,
    "nov": 11, "november": 11, "novembre": 11, "noviembre": 11, "novembro": 11,
    "dec": 12, "december": 12, "dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12, "dicembre": 12, "dezembro": 12, "dez": 12, "déc": 12,
}
_MONTH = r"(?P<mon>[^\W\d_]{3,10})\.?"
_TIME = r"(?:[,|\s]+(?:at|um|à|a las|alle|om|-)?\s*(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?)?"
_NUMERIC = re.compile(rf"(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?!\d){_TIME}", re.I)
_ISO = re.compile(rf"(?P<y>\d{{4}})-(?P<a>\d{{1,2}})-(?P<b>\d{{1,2}}){_TIME}", re.I)
_MONTH_FIRST = re.compile(rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?{_TIME}", re.I)
_DAY_FIRST = re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{_MONTH}(?:,?\s+(?:de\s+)?(?P<y>\d{{4}}))?{_TIME}", re.I)
_RELATIVE_WORDS = {"heute": "today", "gestern": "yesterday", "aujourd'hui": "today", "hier": "yesterday",
                   "vandaag": "today", "gisteren": "yesterday", "hoy": "today", "ayer": "yesterday", "oggi": "today", "ieri": "yesterday"}
_RELATIVE_WORD = re.compile(r"^(" + "|".join(map(re.escape, _RELATIVE_WORDS)) + r")\b", re.I)


def _clock(m: re.Match) -> tuple[int, int, int] | None:
    if not m["h"]:
        return None
    hour, minute = int(m["h"]), int(m["mi"])
    ampm = re.sub(r"[.\s]", "", m["ampm"] or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute, int(m["s"] or 0)


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 50 else 1900) if year < 100 else year


def _make(raw: str, y: int | None, mo: int, d: int, clock: tuple[int, int, int] | None,
          ctx: ParseContext, tz: Any) -> ResolvedDate | None:
    year_known = y is not None
    if y is None:
        # A year-less date ("March 27") is the latest such day not after the fetch.
        local_now = ctx.fetched_at.astimezone(tz)
        y = local_now.year
        try:
            if datetime(y, mo, d) > local_now.replace(tzinfo=None):
                y -= 1
        except ValueError:
            return None
    try:
        value = datetime(y, mo, d, *(clock or (0, 0, 0)), tzinfo=tz)
    except ValueError:
        return None
    precision = "minute" if clock else "day"
    return ResolvedDate(raw, value, precision, "absolute" if year_known else "relative")


def display_date(raw: str | None, ctx: ParseContext, tz: Any = None, day_first: bool | None = None) -> ResolvedDate:
    """A date as the page printed it, in ``tz`` (default: the context's timezone).

    ``day_first`` decides an ambiguous numeric date such as ``04-05-2020``: None uses the context
    hints, and dashes then mean the US month-first order vBulletin and Vanilla print by default,
    dots and slashes day-first.
    """
    tz = tz or ctx.timezone
    if not raw or not raw.strip():
        return ResolvedDate(raw, None, "unknown", "none")
    text = norm_space(raw)
    m = _ISO.search(text)
    if m:
        made = _make(raw, int(m["y"]), int(m["a"]), int(m["b"]), _clock(m), ctx, tz)
        if made:
            return made
    m = _NUMERIC.search(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        first_is_day = day_first if day_first is not None else ctx.hints.day_first
        if first_is_day is None:
            first_is_day = m["sep"] != "-"
        if a > 12:
            first_is_day = True
        elif b > 12:
            first_is_day = False
        day, month = (a, b) if first_is_day else (b, a)
        made = _make(raw, _year(m["y"]), month, day, _clock(m), ctx, tz)
        if made:
            return made
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        m = pattern.search(text)
        if m and m["mon"].lower() in MONTHS:
            made = _make(raw, int(m["y"]) if m["y"] else None, MONTHS[m["mon"].lower()], int(m["d"]), _clock(m), ctx, tz)
            if made:
                return made
    resolved = dates.resolve(raw, ctx.fetched_at, tz, ctx.hints)
    if resolved.value is None and _RELATIVE_WORD.match(text):
        english = _RELATIVE_WORD.sub(lambda w: _RELATIVE_WORDS[w.group(1).lower()], text)
        resolved = replace(dates.resolve(english, ctx.fetched_at, tz, ctx.hints), raw=raw)
    return resolved


def combine(attribute: str | None, display: str | None, ctx: ParseContext) -> ResolvedDate:
    """:func:`dates.combine` with the display text read by :func:`display_date` (which knows the
    month-first dashes of "05-06-2024, 11:05 PM"), so the value keeps the page's wall-clock."""
    shown = display_date(display, ctx) if display else None
    if shown is None or shown.value is None or shown.precision != "minute":
        return dates.combine(attribute, display, ctx.fetched_at, ctx.timezone, ctx.hints)
    unambiguous = shown.value.strftime("%Y-%m-%d %H:%M")
    return replace(dates.combine(attribute, unambiguous, ctx.fetched_at, ctx.timezone, ctx.hints), raw=display)


def settle_day_order(posts: list[Any], ctx: ParseContext) -> None:
    """Re-read ambiguous numeric dates (04/05/2025) the way the page's other dates decide: one
    post dated 29/11/2025 shows the whole page writes the day first."""
    decide = getattr(dates, "day_first_from", None)
    if decide is None or ctx.hints.day_first is not None:
        return
    shown = [d for p in posts for d in (p.published, p.edited) if d is not None and d.source == "absolute"]
    day_first = decide(d.raw for d in shown)
    if day_first is None:
        return
    for p in posts:
        if p.published is not None and p.published.source == "absolute":
            p.published = display_date(p.published.raw, ctx, day_first=day_first)
        if p.edited is not None and p.edited.source == "absolute":
            p.edited = display_date(p.edited.raw, ctx, day_first=day_first)


_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC|WEZ)\s*(?:(?P<sign>[+-−])\s*(?P<h>\d{1,2})(?:[.:,](?P<m>\d{1,2}))?)?", re.I)


def timezone_from_text(text: str | None) -> Any:
    """The fixed offset a footer such as "All times are GMT -5" or "Zeitangaben in WEZ +2" states."""
    if not text:
        return None
    m = _GMT_OFFSET.search(text)
    helper = getattr(dates, "timezone_from_text", None)
    # vBulletin writes half hours as decimals ("GMT +5.5"), which the general helper reads as whole hours.
    if helper is not None and not (m and m["m"] and "." in m.group(0)):
        found = helper(text)
        if found is not None:
            return found
    if not m:
        return None
    if not m["h"]:
        return timezone.utc
    minutes = int(m["h"]) * 60 + (int(m["m"]) * (6 if m["m"] and len(m["m"]) == 1 and "." in m.group(0) else 1) if m["m"] else 0)
    sign = -1 if m["sign"] in "-−" else 1
    if minutes > 14 * 60:
        return None
    return timezone(sign * timedelta(minutes=minutes))


def with_page_timezone(ctx: ParseContext, tz: Any) -> ParseContext:
    """The context in the page's stated timezone, unless the user named one."""
    if tz is None or ctx.timezone_given:
        return ctx
    return replace(ctx, timezone=tz)


@lru_cache(maxsize=512)
def xp(path: str) -> etree.XPath:
    """A compiled XPath: ``node.xpath(text)`` compiles its expression on every call, which costs
    more than running it on a post."""
    return etree.XPath(path)


def link_href(doc: Any, rel: str) -> str | None:
    """The absolute URL of ``<link rel=…>``: looked for in the head, and in the whole page only
    when the source has one elsewhere (a page saved with its head in the body)."""
    found = doc.xpath(f"/html/head/link[@rel='{rel}']/@href")
    if not found and (f'rel="{rel}"' in doc.text or f"rel='{rel}'" in doc.text):
        found = doc.xpath(f"//link[@rel='{rel}']/@href")
    return doc.absolute(found[0]) if found else None


def query(doc: Any, needle: str, path: str) -> list[Any]:
    """``doc.xpath(path)``, skipped when the page source lacks ``needle``: a global XPath scan
    costs milliseconds, a substring test microseconds."""
    return doc.xpath(path) if needle in doc.text else []


def digits(text: str | None) -> str | None:
    if not text:
        return None
    m = re.search(r"\d+", text)
    return m.group(0) if m else None


def first(nodes: list[Any]) -> Any | None:
    return nodes[0] if nodes else None


def strip_session(url: str | None) -> str | None:
    """A URL without vBulletin/phpBB session parameters (``s=``, ``sid=``)."""
    if not url or "?" not in url:
        return url
    base, _, rest = url.partition("?")
    query, hash_, fragment = rest.partition("#")
    kept = [q for q in query.split("&") if q and q.split("=", 1)[0].lower() not in ("s", "sid", "phpsessid")]
    return base + ("?" + "&".join(kept) if kept else "") + (hash_ + fragment if hash_ else "")


# Issue #5 wants a post's own words in body_text and quoted blocks apart, as quote records.  The
# harvest gold that score_forums.py matches posts against counts quoted text as part of the post,
# so a reply that is mostly quote no longer matches its gold: True keeps quoted text in the body
# (quote records are made either way).
KEEP_QUOTED_TEXT = False


def cut_quote(node: Any) -> None:
    """Take a quoted block out of the post body (unless quoted text is kept)."""
    if not KEEP_QUOTED_TEXT:
        remove(node)


def extract_quotes(body: Any, selector: str, read: Callable[[Any], QuoteDraft | None]) -> list[QuoteDraft]:
    """Quote records for the blocks matched by ``selector`` in ``body`` (a copy), outermost first,
    each cut out of the body; ``read`` returns None for a match that is not a quote (a code box)."""
    quotes: list[QuoteDraft] = []
    taken: set[Any] = set()
    for node in css(body, selector):
        if not _attached(node, body) or any(a in taken for a in node.iterancestors()):
            continue  # inside a quote already read: part of its text
        quote = read(node)
        if quote is None:
            continue
        taken.add(node)
        if quote.text:
            quotes.append(quote)
        cut_quote(node)
    return quotes


def _attached(node: Any, root: Any) -> bool:
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|bmp|svg)(?:[?#]|$)", re.I)


def attachments_in(nodes: list[Any], base: str | None) -> list[AttachmentDraft]:
    """Attachment links (``<a href>``) and images as drafts, each URL once."""
    out: list[AttachmentDraft] = []
    seen: set[str] = set()
    for node in nodes:
        url = strip_session(absolute(node.get("href") or node.get("src") or node.get("data-src"), base))
        if not url or url in seen:
            continue
        seen.add(url)
        name = norm_space(node.text_content()) if node.tag == "a" else (node.get("alt") or node.get("title"))
        if not name:
            name = url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or None
        is_image = node.tag == "img" or _IMAGE_FILE.search(url) is not None
        out.append(AttachmentDraft(url, name, "image" if is_image else "file"))
    return out


def images_in(body: Any, base: str | None, skip: Callable[[Any], bool] = lambda img: False) -> list[str]:
    out: list[str] = []
    for img in body.iter("img"):
        if skip(img):
            continue
        url = absolute(img.get("data-src") or img.get("src"), base)
        if url and url not in out:
            out.append(url)
    return out


def body_parts(body: Any, base: str | None) -> tuple[str, str]:
    """(text, html) of a cleaned body element."""
    return text_of(body), html_of(body, base)


__all__ = [
    "attachments_in", "body_parts", "clean_copy", "combine", "digits", "display_date", "extract_quotes", "first",
    "images_in", "link_href", "query", "xp", "settle_day_order", "strip_session", "timezone_from_text", "with_page_timezone",
]
