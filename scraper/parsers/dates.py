"""Raw date text → an aware datetime, resolved against the time the page was fetched.

Relative forms ("47 minutes ago", "Tuesday at 08:38 AM") are computed in the site's local time
and then given its offset, so that a wall-clock time stays what the page showed.
dateparser is the slow fallback behind a fast path for the common forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

PRECISIONS = ("second", "minute", "day", "month", "year", "unknown")


@dataclass(frozen=True, slots=True)
class DateHints:
    languages: tuple[str, ...] = ("en",)
    day_first: bool | None = None  # None: the locale's habit (month-first for en-US)

    @classmethod
    def for_locale(cls, locale: str) -> DateHints:
        """Hints from a locale such as ``en-US``, ``de`` or ``pt_BR``."""
        language, _, region = locale.replace("_", "-").partition("-")
        language = language.lower()
        languages = (language,) if language == "en" else (language, "en")
        return cls(languages=languages, day_first=not (language == "en" and region.upper() in ("US", "")))


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    raw: str | None
    value: datetime | None
    precision: str  # one of PRECISIONS
    source: str  # attribute, absolute, relative, none

    @property
    def ok(self) -> bool:
        return self.value is not None


UNRESOLVED = ResolvedDate(None, None, "unknown", "none")

_UNITS = {
    "second": timedelta(seconds=1),
    "sec": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "hr": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}
_AGO = re.compile(
    r"^(?P<n>\d+|an?|one)\s+(?P<unit>second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago$", re.I
)
_TIME = r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_AT = re.compile(
    rf"^(?P<day>today|yesterday|{'|'.join(_WEEKDAYS)}),?\s*(?:at\s+)?{_TIME}$",
    re.I,
)
_PREFIX = re.compile(r"^(?:posted|last edited|edited|updated|published|on)\s*:?\s*(?:on\s+)?", re.I)


def _local_now(fetched_at: datetime, tz: tzinfo) -> datetime:
    return fetched_at.astimezone(tz).replace(tzinfo=None)


def _aware(naive: datetime, tz: tzinfo) -> datetime:
    # zoneinfo picks the offset in force at that wall-clock time (fold=0 for the repeated hour).
    return naive.replace(tzinfo=tz)


def _clock(match: re.Match) -> tuple[int, int, int] | None:
    hour, minute = int(match["h"]), int(match["m"])
    second = int(match["s"]) if match["s"] else 0
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def from_attribute(value: str | None, tz: tzinfo, raw: str | None = None) -> ResolvedDate:
    """A machine-readable date: ISO 8601 (``<time datetime>``, JSON-LD) or epoch seconds/ms.

    The instant is kept exactly; it is shown in the site's timezone when the value carries no
    offset of its own.
    """
    if not value:
        return ResolvedDate(raw, None, "unknown", "none")
    text = value.strip()
    try:
        if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
            number = float(text)
            if number > 1e11:  # milliseconds
                number /= 1000
            instant = datetime.fromtimestamp(number, tz=timezone.utc)
            return ResolvedDate(raw or value, instant.astimezone(tz), "second", "attribute")
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except (ValueError, OverflowError, OSError):
        return ResolvedDate(raw or value, None, "unknown", "none")
    precision = "day" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else "second"
    if parsed.tzinfo is None:
        parsed = _aware(parsed, tz)
    return ResolvedDate(raw or value, parsed, precision, "attribute")


def combine(attribute: str | None, display: str | None, fetched_at: datetime, tz: tzinfo,
            hints: DateHints | None = None) -> ResolvedDate:
    """A machine-readable instant and the display text of the same date, as one value.

    The attribute gives the exact instant; the display text gives the wall-clock the page showed.
    Their difference (rounded to a quarter hour) is the site's offset, so the value keeps the
    page's local time with that offset.  Without a usable display text the instant is shown in
    ``tz``.
    """
    machine = from_attribute(attribute, tz, raw=display or attribute)
    if machine.value is None:
        return resolve(display, fetched_at, tz, hints)
    if not display:
        return machine
    shown = resolve(display, fetched_at, tz, hints)
    if shown.value is None or shown.precision not in ("minute", "second"):
        return machine
    wall = shown.value.replace(tzinfo=None)
    utc = machine.value.astimezone(timezone.utc).replace(tzinfo=None)
    quarters = round((wall - utc).total_seconds() / 900)
    if abs(quarters) > 14 * 4:  # not the same moment: trust the attribute
        return machine
    offset = timezone(timedelta(minutes=15 * quarters))
    return ResolvedDate(display, machine.value.astimezone(offset), machine.precision, "attribute")


def resolve(
    raw: str | None,
    fetched_at: datetime,
    tz: tzinfo,
    hints: DateHints | None = None,
) -> ResolvedDate:
    """Resolve display text; never raises, and an unparseable text gives ``value`` None."""
    if raw is None or not raw.strip():
        return ResolvedDate(raw, None, "unknown", "none")
    text = " ".join(raw.split())
    text = _PREFIX.sub("", text).strip(" ,.|-–")
    lowered = text.lower()
    now = _local_now(fetched_at, tz)

    if lowered in ("just now", "now", "a moment ago", "moments ago", "a few seconds ago"):
        return ResolvedDate(raw, _aware(now.replace(microsecond=0), tz), "minute", "relative")
    match = _AGO.match(lowered)
    if match:
        n = 1 if match["n"] in ("a", "an", "one") else int(match["n"])
        unit = match["unit"]
        if unit in ("month", "year"):
            months = n * (12 if unit == "year" else 1)
            year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
            value = now.replace(year=year, month=month + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
            return ResolvedDate(raw, _aware(value, tz), "month", "relative")
        value = (now - n * _UNITS[unit]).replace(microsecond=0)
        precision = "day" if unit in ("day", "week") else "minute"
        if precision == "minute":
            value = value.replace(second=0)
        else:
            value = value.replace(hour=0, minute=0, second=0)
        return ResolvedDate(raw, _aware(value, tz), precision, "relative")
    match = _DAY_AT.match(lowered)
    if match:
        clock = _clock(match)
        if clock is None:
            return ResolvedDate(raw, None, "unknown", "none")
        day = match["day"]
        if day == "today":
            back = 0
        elif day == "yesterday":
            back = 1
        else:
            # The last seven days, never today: a weekday name means an earlier day.
            back = (now.weekday() - _WEEKDAYS.index(day)) % 7 or 7
        date = (now - timedelta(days=back)).date()
        value = datetime(date.year, date.month, date.day, *clock)
        return ResolvedDate(raw, _aware(value, tz), "minute", "relative")
    return _fallback(raw, text, now, tz, hints or DateHints())


_HAS_TIME = re.compile(r"\d{1,2}[:.h]\d{2}")


def _fallback(raw: str, text: str, now: datetime, tz: tzinfo, hints: DateHints) -> ResolvedDate:
    import dateparser  # slow to import: only when the fast path has no answer

    settings = {
        "RELATIVE_BASE": now,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["year"] if not re.search(r"ago|hier|gestern|ayer|ieri|gisteren|ontem", text, re.I) else [],
    }
    if hints.day_first is not None:
        settings["DATE_ORDER"] = "DMY" if hints.day_first else "MDY"
    try:
        value = dateparser.parse(text, languages=list(hints.languages), settings=settings)
    except Exception:  # dateparser raises assorted errors on garbage
        value = None
    if value is None:
        return ResolvedDate(raw, None, "unknown", "none")
    precision = "minute" if _HAS_TIME.search(text) else "day"
    if precision == "day":
        value = value.replace(hour=0, minute=0, second=0, microsecond=0)
    return ResolvedDate(raw, _aware(value.replace(microsecond=0), tz), precision, "absolute")
