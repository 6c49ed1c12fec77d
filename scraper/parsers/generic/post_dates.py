"""A post block's dates: when it was published (a machine-readable date first, else the date
text of its header), and when it was last edited."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from typing import Any

from .. import dates
from ..html import norm_space
from ..model import ParseContext
from .cues import (DATE_ATTRS, TIME_AFTER_DATE, AnyCase, data_date_name, date_like, date_span, mostly_date,
                   rdfa_date)
from .facts import BlockFacts
from .microdata import item_type, itemprop


class PageDates:
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


def date_of(facts: BlockFacts, when: PageDates) -> tuple[dates.ResolvedDate, Any] | None:
    """The post's date: a machine-readable one first (``<time datetime>``, ``data-time``, a
    ``title`` holding the full date), else the first date-like text outside quotes; a rough
    relative one ("4 years ago") gives way to the full date shown beside it."""
    found = _first_date(facts, when)
    if found is not None and found[0].source == "relative":
        return _exact_beside(facts, found[0], when) or found
    return found


def _first_date(facts: BlockFacts, when: PageDates) -> tuple[dates.ResolvedDate, Any] | None:
    for el in facts.machine:
        value = _machine_value(el)
        if value is None and el.tag != "time":
            continue
        title = el.get("title")
        shown = norm_space(el.text_content()) or title
        if value and title and _HAS_TIME.search(title) and not _HAS_TIME.search(shown) and date_like(title):
            # The day shown, the local time in its tooltip (Invision Community: "June 15, 2024"
            # over "06/15/2024 12:40 AM"): that time gives the site's offset from the instant.
            resolved = replace(_machine_date(value, title, when), raw=shown)
        else:
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
                # Its pieces apart: "<h2>Dmitri Ivanov</h2><span>4 Mar 2025</span>" is no "Ivanov4 Mar".
                around = norm_space(" ".join(wider_el.itertext())) if wider_el is not None else ""
                if len(around) <= 80:
                    wider = when.resolve(_date_text(around))
                    if wider.value is not None and wider.precision == "minute":
                        return wider, wider_el
        if resolved.value is not None:
            return resolved, el
        if fallback is None:
            fallback = (resolved, el)
    return fallback


def _exact_beside(facts: BlockFacts, rough: dates.ResolvedDate,
                  when: PageDates) -> tuple[dates.ResolvedDate, Any] | None:
    """The full date a post shows beside a rough one ("4 years ago", with "June 23, 2021" in its
    tooltip): a finer absolute date of the post's header that falls within the rough one's span."""
    if rough.precision not in SPAN_DAYS:
        return None
    for el, own in facts.dated:
        exact = when.resolve(_date_text(own))
        if (exact.value is not None and exact.source == "absolute" and mostly_date(own)
                and dates.PRECISIONS.index(exact.precision) < dates.PRECISIONS.index(rough.precision)
                and within_span(rough, exact) and el not in facts.joined()):
            return exact, el
    return None


def _machine_date(value: str, shown: str | None, when: PageDates) -> dates.ResolvedDate:
    """An attribute's instant with the page's display text.  When the page shows only a day and
    that day is not the instant's day in our timezone, the site's own (unknown) timezone put it
    there: the day the page showed is the better answer."""
    resolved = when.combine(value, shown)
    if resolved.value is None or not shown or not date_like(shown):
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
    attribute holding an epoch or an ISO date (``data-xutime="1514691453"``), or an RDFa date."""
    value = next((el.get(a) for a in DATE_ATTRS if el.get(a)), None)
    if value:
        return value
    value = el.get("content")
    if value and rdfa_date(el.get("property")) and _MACHINE_VALUE.match(value.strip()):
        return value  # Drupal's <span property="dc:date dc:created" content="2019-04-23T12:00:28+02:00">
    for name, value in el.attrib.items():
        if data_date_name(name) and _MACHINE_VALUE.match(value.strip()):
            return value
    return None


_MACHINE_VALUE = re.compile(r"\d{9,13}(?:\.\d+)?$|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?")
SPAN_DAYS = {"year": 366, "month": 31, "day": 1}


def within_span(rough: dates.ResolvedDate, exact: dates.ResolvedDate) -> bool:
    """Whether an exact date falls near a rough one ("2 years ago"): within twice its span."""
    return abs((exact.value - rough.value).days) <= 2 * SPAN_DAYS[rough.precision]


TIMED = ("minute", "second")
_HAS_TIME = re.compile(r"\d{1,2}[:.h]\d{2}(?!\d)(?![.-]\d)")
_TIME_AFTER = re.compile(TIME_AFTER_DATE, re.I)


def _is_date_line(text: str) -> bool:
    """Whether a date-like text has a time of day, and its date is most of it."""
    return _HAS_TIME.search(text) is not None and mostly_date(text)


def _date_text(text: str) -> str:
    """The date part of a header line such as 'Posted: 12 Mar 2019, 14:05 | #3'."""
    span = date_span(text)
    if not span:
        return text
    start, end = span
    # Keep a trailing time the pattern left out ("12.03.2019 - 14:05 Uhr").
    rest = _TIME_AFTER.match(text, end)
    if rest:
        end = rest.end()
    return text[start:end].strip()


def edit_of(block: Any, facts: BlockFacts, when: PageDates, microdata: bool) -> tuple[Any, dates.ResolvedDate | None]:
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
            if _EDIT_START.match(text) or _edit_class(line.get("class") or ""):
                date = _line_date(line, text, facts, when)
                if date is not None:
                    return line, date
    # A reply's item: a topic's (DiscussionForumPosting, Question) was modified by its last reply.
    reply = microdata and block.get("itemscope") is not None and item_type(block) in ("Comment", "Answer", "Reply")
    modified = itemprop_date(block, when, "dateModified") if reply else None
    return None, (modified[0] if modified else None)


def _line_date(line: Any, text: str, facts: BlockFacts, when: PageDates) -> dates.ResolvedDate | None:
    """The date of a line: a machine-readable one inside it, else the first to the minute of a
    date in a tooltip ("Edited March 23, 2018 2:18PM by X" over "edited March 2018") and its
    ``text``, else the first to the day."""
    for el in facts.machine:
        value = _machine_value(el)
        if value and (el is line or any(parent is line for parent in el.iterancestors())):
            resolved = _machine_date(value, norm_space(el.text_content()) or None, when)
            if resolved.value is not None:
                return resolved
    titles = [title for title in (el.get("title") for el in line.iter()) if title and date_like(title)]
    found = [r for r in (when.resolve(_date_text(t)) for t in (*titles, text)) if r.value is not None]
    return next((r for r in found if r.precision in TIMED), found[0] if found else None)


# An edit line by its class, whatever its words ("X fucked around with this message at DATE").
_EDIT_CLASS = AnyCase(r"edited|last-?edit|edit-?(?:note|notice|info|line)")


def _edit_class(cls: str) -> bool:
    return bool(cls) and _EDIT_CLASS.found_in(cls)


_EDIT_START = re.compile(
    r"\W*(?:this\s+post\s+was\s+)?(?:last\s+(?:edit|modified)|edited|zuletzt\s+(?:bearbeitet|geändert)|bearbeitet|geändert|modifié|dernière\s+modification|"
    r"editado|modificato|modificado|本帖最后由)",  # Discuz!: "[ 本帖最后由 X 于 DATE 编辑 ]"
    re.I,
)


def itemprop_date(block: Any, when: PageDates, *names: str) -> tuple[dates.ResolvedDate, Any] | None:
    el = itemprop(block, *(names or ("datePublished", "dateCreated", "uploadDate")))
    if el is None:
        return None
    value = el.get("datetime") or el.get("content")
    shown = norm_space(el.text_content()) or None
    resolved = when.combine(value, shown) if value else when.resolve(shown)
    return (resolved, el) if resolved.value is not None else None
