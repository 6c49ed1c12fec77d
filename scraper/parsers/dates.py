"""Raw date text → an aware datetime, resolved against the time the page was fetched.

One module for every parser.  :func:`resolve` reads what a page shows ("Today at 8:38 AM",
"vor 3 Stunden", "29.11.2025, 20:38", "Nov '24"); :func:`from_attribute` reads machine-readable
values (``<time datetime>``, ``data-time``, epoch seconds or milliseconds, JSON-LD, ``<meta>``);
:func:`combine` joins an attribute and its display text; :func:`timezone_from_text` reads a
page's "All times are UTC+1" footer.

The fast path covers the forms forums print in English, French, German, Spanish, Italian, Dutch
and Portuguese: the text is lower-cased, the clock time and any zone after it are taken out, and
the rest is split into numbers and words whose role (month, weekday, unit, "ago" …) is looked up
in one table per role, so that a word can mean different things in different slots ("mar" is
March after a day number and Tuesday before one).  What the fast path does not know goes to
dateparser, restricted to the site's languages and imported only then.

Relative forms are computed in the site's local time and then given its offset, so that a
wall-clock time stays what the page showed; durations under a day are subtracted from the exact
instant, so that they stay right across a daylight-saving change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PRECISIONS = ("second", "minute", "day", "month", "year", "unknown")


@dataclass(frozen=True, slots=True)
class DateHints:
    languages: tuple[str, ...] = ("en",)
    day_first: bool | None = None  # None: no hint; an ambiguous numeric date is then read day-first

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


_EARLIEST_YEAR = 1971  # a machine-readable date before this is a placeholder, not a web page's date
_DEFAULT_HINTS = DateHints()

# -- vocabulary ------------------------------------------------------------------------------
# Each table maps a lower-cased word (accented and unaccented) to its value in that role.


def _table(groups: dict[int | str, str]) -> dict[str, int | str]:
    table: dict[str, int | str] = {}
    for value, words in groups.items():
        for word in words.split():
            table[word] = value
            plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
            table.setdefault(plain, value)
    return table


_MONTHS = _table({
    1: "january jan januar jänner janvier janv enero ene gennaio gen januari janeiro",
    2: "february feb februar feber février févr fév febrero febbraio februari fevereiro fev",
    3: "march mar märz mär mrz mars marzo maart mrt março",
    4: "april apr avril avr abril abr aprile",
    5: "may mai mayo maggio mag mei maio",
    6: "june jun juni juin junio giugno giu junho",
    7: "july jul juli juillet juil julio luglio lug julho",
    8: "august aug août aoû agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre settembre set setembro",
    10: "october oct oktober okt octobre octubre ottobre ott outubro out",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember dez décembre déc diciembre dic dicembre dezembro",
})
_WEEKDAYS = _table({
    0: "monday mon montag mo lundi lun lunes lunedì maandag ma segunda seg",
    1: "tuesday tue tues dienstag di mardi mar martes martedì dinsdag terça ter",
    2: "wednesday wed mittwoch mi mercredi mer miércoles mié mercoledì woensdag wo quarta qua",
    3: "thursday thu thur thurs donnerstag do jeudi jeu jueves jue giovedì gio donderdag quinta qui",
    4: "friday fri freitag fr vendredi ven viernes vie venerdì vrijdag vr sexta sex",
    5: "saturday sat samstag sonnabend sa samedi sam sábado sáb sabato sab zaterdag za",
    6: "sunday sun sonntag so dimanche dim domingo dom domenica zondag zo",
})
_UNITS = _table({
    "second": "second seconds sec secs s sekunde sekunden sek seconde secondes segundo segundos seg "
              "secondo secondi seconden",
    "minute": "minute minutes min mins m minuten minuto minutos minuti minuut",
    "hour": "hour hours hr hrs h stunde stunden std heure heures hora horas ora ore uur uren u",
    "day": "day days d tag tage tagen jour jours j día días giorno giorni dag dagen dia dias",
    "week": "week weeks wk wks w woche wochen semaine semaines sem semana semanas settimana settimane weken",
    "month": "month months mo mos mon mth mths monat monate monaten mois mes meses mese mesi "
             "maand maanden mês",
    "year": "year years yr yrs y jahr jahre jahren an ans année années año años anno anni jaar jaren "
            "ano anos",
})
_UNIT_WORDS = frozenset(_UNITS)
_NUMBER_WORDS = _table({1: "a an one un une ein eine einem einer einen uno una een één um uma"})
_DAY_WORDS = _table({
    0: "today heute hoy oggi vandaag hoje",
    1: "yesterday gestern hier ayer ieri gisteren ontem",
    2: "vorgestern anteayer antier eergisteren anteontem",
})
_AGO = frozenset(_table({0: "ago vor her hace fa geleden há atrás"}))
_NOW = frozenset(_table({0: "now jetzt maintenant ahora adesso agora zojuist"}))
# Words that carry no date: prepositions, ordinal endings, "Posted", "Last edited", conjunctions.
_FILLER = frozenset(_table({0: (
    "at on the of posted post edited last updated published modified created and "
    "um am den der dem uhr gepostet geschrieben erstellt verfasst bearbeitet zuletzt aktualisiert "
    "veröffentlicht geändert und "
    "à a le la les publié posté modifié édité dernière modification et "
    "el las los de del publicado editado actualizado y "
    "alle il pubblicato modificato ore "
    "om op geplaatst bewerkt gewijzigd en kl klo "
    "às as em do da postado e feira "
    "lúc vào ngày в на о "
    "t st nd rd th er ème eme º ª "
    "about around over almost nearly ca circa etwa ungefähr environ cerca ongeveer"
)}))

# Multi-word phrases, replaced by one word of the tables before the text is split.
_PHRASES = {
    "day before yesterday": "vorgestern", "the day before yesterday": "vorgestern",
    "aujourd'hui": "today", "aujourd’hui": "today", "avant-hier": "vorgestern", "avant hier": "vorgestern",
    "l'altro ieri": "vorgestern", "l’altro ieri": "vorgestern", "altro ieri": "vorgestern",
    "antes de ontem": "anteontem", "antes de ayer": "anteayer",
    "il y a": "ago", "il y a environ": "ago",
    "just now": "now", "right now": "now", "a moment ago": "now", "moments ago": "now",
    "a few seconds ago": "now", "few seconds ago": "now", "less than a minute ago": "now", "< 1m": "now",
    "<1m": "now", "à l'instant": "now", "à l’instant": "now", "a l'instant": "now",
    "gerade eben": "now", "soeben": "now", "eben": "now", "gerade": "now",
    "hace un momento": "now", "hace unos segundos": "now", "ahora mismo": "now", "justo ahora": "now",
    "poco fa": "now", "proprio ora": "now", "pochi secondi fa": "now", "qualche secondo fa": "now",
    "enkele seconden geleden": "now", "een moment geleden": "now", "zojuist": "now",
    "agora mesmo": "now", "há pouco": "now", "agora há pouco": "now", "há instantes": "now",
    "mis à jour": "", "mise à jour": "", "alle ore": "alle", "a las": "at", "a la": "at",
}
# "Last edited by NAME; 12-03-2019 at 10:22 AM" (vBulletin), "Geändert von NAME (04.01.2020 um
# 14:51 Uhr)", "Edited by NAME on …": the name goes.
_EDITED_BY = re.compile(
    r"^(?:last |zuletzt )?"
    r"(?:edited|modified|updated|geändert|bearbeitet|modifié|édité|editado|modificato|"
    r"bewerkt|gewijzigd) (?:by|von|par|por|da|door) .+?(?:[;:|(]|\s(?:on|am|le|el|il|op)\s|\s(?=\d))\s*"
)
_PHRASE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)) + r")(?!\w)"
)
# The phrase pattern is slow to scan; only a text holding the first word of a phrase needs it.
_PHRASE_FIRST_WORDS = frozenset(p.split()[0] for p in _PHRASES)
_PUNCTUATION_TO_SPACE = str.maketrans(",.;:()", "      ")

# -- patterns --------------------------------------------------------------------------------

# A clock time: 8:38, 08:38:12, 10h30, 8:38 pm, 11:43pm, 8 pm, 20.38 Uhr (a bare number is none).
_TIME = re.compile(
    r"(?<![\d:.,/-])(?P<h>\d{1,2})"
    r"(?:(?:[:h](?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?|\.(?P<m2>\d{2})(?=\s*uhr))"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z])))?|\s*(?P<ampm2>[ap]\.?\s?m\.?(?![a-z])))(?![\d:])"
)
# A zone printed after the clock time: UTC, GMT+1, (UTC-05:00), +0200, CET.
_ZONE_AFTER = re.compile(
    r"\s*\(?\s*(?:(?P<name>utc|gmt|z)\s*(?:(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?"
    r"|(?P<nsign>[+\-−])(?P<nh>\d{2}):?(?P<nm>\d{2})|(?P<abbr>cest|cet|mesz|mez|eest|eet|west|wet|bst|"
    r"edt|est|cdt|cst|mdt|mst|pdt|pst))\s*\)?(?![\w])"
)
_ABBREVIATIONS = {
    "wet": 0, "west": 1, "bst": 1, "cet": 1, "mez": 1, "cest": 2, "mesz": 2, "eet": 2, "eest": 3,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
}
# Numeric dates: 2019-02-23, 2020.03.12, 29.11.2025, 11-29-2025, 3/13/2014, 12.03. (no year)
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?![\d])(?!\.\d)")
_NUMERIC_NO_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?!\d)")
_TOKEN = re.compile(r"[^\W\d_]+|\d+|['’]\d{2}(?!\d)")
_COMPACT = re.compile(r"^(\d+)\s?(s|secs?|m|mins?|h|hrs?|d|w|wks?|mo|mos|mon|y|yrs?)(?:\s+ago)?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}")
_EPOCH = re.compile(r"^-?\d{9,13}(?:\.\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_ISO_OFFSET = re.compile(r"(?:z|utc|gmt|[+-]\d{2}:?\d{2})$")
_ISO_UTC = re.compile(r"\s*(?:Z|UTC|GMT)$", re.I)
_ISO_SPACED_OFFSET = re.compile(r"\s+([+-]\d{2}:?\d{2})$")
_ISO_SECONDS = re.compile(r"\d{2}:?\d{2}:?\d{2}")
_RFC_2822 = re.compile(r"\d{1,2} [A-Za-z]{3} \d{4}")
_HAS_DIGIT = re.compile(r"\d")

_DURATION_UNITS = {"second": 1, "minute": 60, "hour": 3600}
_UNIT_PRECISION = {"second": "minute", "minute": "minute", "hour": "minute", "day": "day", "week": "day",
                   "month": "month", "year": "year"}


class _Invalid(Exception):
    """A text of a known form whose numbers name no date (31 February, 25:00)."""


# -- machine-readable values -------------------------------------------------------------------


def from_attribute(
    value: str | None,
    tz: tzinfo,
    raw: str | None = None,
    *,
    fetched_at: datetime | None = None,
    hints: DateHints | None = None,
) -> ResolvedDate:
    """A machine-readable date: ISO 8601 (``<time datetime>``, JSON-LD, ``<meta>``), epoch seconds
    or milliseconds (``data-time``, ``data-timestamp``), RFC 2822, or an absolute text attribute
    such as XenForo's ``data-datestring="Apr 10, 2020"``.

    The instant is kept exactly.  A value in UTC (or without an offset) is shown in the site's
    timezone ``tz``; a value with another offset keeps it, since that is the site's own local time.
    """
    if not value or not str(value).strip():
        return ResolvedDate(raw, None, "unknown", "none")
    text = str(value).strip()
    try:
        parsed = _machine(text, tz)
        if parsed is None:
            # Not ISO nor epoch: an absolute date written out (relative forms need fetched_at).
            shown = resolve(text, fetched_at, tz, hints) if fetched_at else _absolute_only(text, tz, hints)
            if shown.value is None:
                return ResolvedDate(raw or value, None, "unknown", "none")
            return ResolvedDate(raw or value, shown.value, shown.precision, "attribute")
    except (ValueError, OverflowError, OSError):
        return ResolvedDate(raw or value, None, "unknown", "none")
    instant, precision = parsed
    if instant.year < _EARLIEST_YEAR:  # 0001-01-01, epoch 0: a template's empty value
        return ResolvedDate(raw or value, None, "unknown", "none")
    return ResolvedDate(raw or value, instant, precision, "attribute")


def _machine(text: str, tz: tzinfo) -> tuple[datetime, str] | None:
    if _EPOCH.match(text):
        number = float(text)
        if abs(number) > 1e11:  # milliseconds
            number /= 1000
        return datetime.fromtimestamp(number, tz=timezone.utc).astimezone(tz), "second"
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
        precision = "day" if match[3] else "month" if match[2] else "year"
        return datetime(year, month, day, tzinfo=tz), precision
    if text[:4].isdigit() and len(text) >= 8:
        iso = text.replace(" ", "T", 1) if len(text) > 10 and text[10] == " " else text
        iso = _ISO_UTC.sub("+00:00", iso)
        iso = _ISO_SPACED_OFFSET.sub(r"\1", iso)
        try:
            parsed = datetime.fromisoformat(iso)
        except ValueError:
            return None
        _, has_time, clock = iso.upper().partition("T")
        precision = "second" if _ISO_SECONDS.match(clock) else "minute" if has_time else "day"
        return _localise(parsed, tz), precision
    if "," in text or _RFC_2822.search(text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        return _localise(parsed, tz), "second"
    return None


def _localise(parsed: datetime, tz: tzinfo) -> datetime:
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=tz)
    if parsed.utcoffset() == timedelta(0):
        return parsed.astimezone(tz)
    return parsed


def _absolute_only(text: str, tz: tzinfo, hints: DateHints | None) -> ResolvedDate:
    try:
        parsed = _parse(_normalise(text), None, hints or _DEFAULT_HINTS)
    except _Invalid:
        return ResolvedDate(text, None, "unknown", "none")
    if parsed is None or parsed[2] != "absolute":
        return ResolvedDate(text, None, "unknown", "none")
    value, precision, _, offset = parsed
    return ResolvedDate(text, value.replace(tzinfo=offset or tz), precision, "absolute")


# Offsets in use somewhere (minutes east of UTC): whole hours, and the half and three-quarter hours
# of India, Iran, Afghanistan, Myanmar, Nepal, Newfoundland, central Australia, Chatham, Marquesas.
_OFFSETS_IN_USE = frozenset(
    [60 * h for h in range(-12, 15)] + [-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765]
)


def combine(attribute: str | None, display: str | None, fetched_at: datetime, tz: tzinfo,
            hints: DateHints | None = None) -> ResolvedDate:
    """A machine-readable instant and the display text of the same date, as one value.

    The attribute gives the exact instant; the display text gives the wall-clock the page showed.
    Their difference is the site's offset, so the value keeps the page's local time with that
    offset.  A display text that names its zone ("10:22 GMT") gives the offset itself.  A
    difference that is no offset in use anywhere (or not within two minutes of one) means the two
    are not the same moment (an edit date beside a post date): the attribute is kept, in ``tz``.
    """
    machine = from_attribute(attribute, tz, raw=display or attribute, fetched_at=fetched_at, hints=hints)
    if machine.value is None:
        return resolve(display, fetched_at, tz, hints)
    if not display:
        return machine
    shown, stated = _resolve(display, fetched_at, tz, hints)
    if stated is not None and shown.value is not None:
        return ResolvedDate(display, machine.value.astimezone(stated), machine.precision, "attribute")
    if shown.value is None or shown.precision not in ("minute", "second"):
        return machine
    wall = shown.value.replace(tzinfo=None)
    utc = machine.value.astimezone(timezone.utc).replace(tzinfo=None)
    difference = (wall - utc).total_seconds()
    minutes = round(difference / 900) * 15
    if abs(difference - 60 * minutes) > 120 or minutes not in _OFFSETS_IN_USE:
        return machine
    offset = timezone(timedelta(minutes=minutes))
    return ResolvedDate(display, machine.value.astimezone(offset), machine.precision, "attribute")


# -- display text ----------------------------------------------------------------------------


def resolve(
    raw: str | None,
    fetched_at: datetime | None,
    tz: tzinfo,
    hints: DateHints | None = None,
) -> ResolvedDate:
    """Resolve display text; never raises, and an unparseable text gives ``value`` None.

    ``fetched_at`` is the clock relative forms count back from; ``tz`` the site's timezone, in
    which the wall-clock times of the page are read.
    """
    return _resolve(raw, fetched_at, tz, hints)[0]


def _resolve(raw, fetched_at, tz, hints) -> tuple[ResolvedDate, tzinfo | None]:
    """:func:`resolve`, and the zone the text itself names ("10:22 UTC", "+0200"), if any."""
    if raw is None:
        return ResolvedDate(raw, None, "unknown", "none"), None
    text = _normalise(raw)
    if not text or len(text) > 120:
        return ResolvedDate(raw, None, "unknown", "none"), None
    hints = hints or _DEFAULT_HINTS
    if fetched_at is not None and fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=tz)
    now = fetched_at.astimezone(tz).replace(tzinfo=None, microsecond=0) if fetched_at else None
    try:
        if text[0].isdigit() and (_ISO.match(text) or _EPOCH.match(text)):  # a machine value as text
            parsed = _machine(text.upper(), tz)
            if parsed:
                stated = parsed[0].tzinfo if _ISO_OFFSET.search(text) else None
                return ResolvedDate(raw, parsed[0], parsed[1], "absolute"), stated
        result = _parse(text, now, hints)
        if result is None:
            return _fallback(raw, text, now, tz, hints), None
        value, precision, source, offset = result
        if isinstance(value, timedelta):  # a duration under a day: count back from the instant
            value = (fetched_at.astimezone(timezone.utc) - value).astimezone(tz)
            value = value.replace(second=0, microsecond=0) if precision == "minute" else value
            return ResolvedDate(raw, value, precision, source), None
        return ResolvedDate(raw, _attach(value, offset or tz), precision, source), offset
    except (_Invalid, ValueError, OverflowError):
        return ResolvedDate(raw, None, "unknown", "none"), None


def _normalise(raw: str) -> str:
    if "Â" in raw or "Ã" in raw:
        # UTF-8 read as Windows-1252 ("14.12.2019Â\xa021:42", "MÃ¤rz"): a page that declares
        # Latin-1 but holds UTF-8.  Read it back when it is exactly that.
        try:
            raw = raw.encode("cp1252").decode("utf-8")
        except UnicodeError:  # cut short: at least the no-break spaces
            raw = raw.replace("Â\xa0", " ").replace("Â", " ")
    words = raw.lower().split()
    if not words:
        return ""
    text = " ".join(words)
    text = _EDITED_BY.sub("", text, count=1)
    if not _PHRASE_FIRST_WORDS.isdisjoint(text.translate(_PUNCTUATION_TO_SPACE).split()):
        text = _PHRASE.sub(lambda m: _PHRASES[m.group(0)], text)
    return text.strip(" ,.;:|-–—•·()[]")


def _attach(naive: datetime, tz: tzinfo) -> datetime:
    # zoneinfo picks the offset in force at that wall-clock time (fold=0 for the repeated hour).
    return naive.replace(tzinfo=tz)


def _clock(match: re.Match) -> tuple[int, int, int | None]:
    hour = int(match["h"])
    minute = int(match["m"] or match["m2"] or 0)
    second = int(match["s"]) if match["s"] else None
    ampm = match["ampm"] or match["ampm2"]
    if ampm:
        if hour > 12:
            raise _Invalid
        hour = hour % 12 + (12 if ampm[0] == "p" else 0)
    if hour > 23 or minute > 59 or (second or 0) > 59:
        raise _Invalid
    return hour, minute, second


def _year(number: int, digits: int, now: datetime | None) -> int:
    if digits >= 3:
        return number
    # Two-digit years are 20xx unless that is after the page was fetched.
    limit = (now.year + 1) if now else 2049
    return 2000 + number if 2000 + number <= limit else 1900 + number


def _parse(text: str, now: datetime | None, hints: DateHints):
    """(naive local value or timedelta, precision, source, fixed offset or None), or None when
    the text is no form the fast path knows.  Raises _Invalid for an impossible date."""
    compact = _COMPACT.match(text) if text[0].isdigit() and len(text) <= 12 else None
    if compact:
        return _relative(now, [(int(compact[1]), _UNITS[compact[2]])])

    # 1. the clock time, and a zone printed after it
    clock = None
    offset = None
    match = _TIME.search(text)
    if match:
        clock = _clock(match)
        end = match.end()
        zone = _ZONE_AFTER.match(text, end)
        if zone:
            offset = _zone_offset(zone)
            end = zone.end()
        if _TIME.search(text, end):  # after the zone: "GMT+03:00" is no second time
            return None  # two times: a range or two dates, no form of ours
        text = text[: match.start()] + " " + text[end:]

    # 2. a numeric date
    day_month_year = None
    numeric = _NUMERIC.search(text) if ("." in text or "/" in text or "-" in text) else None
    if numeric:
        day_month_year = _numeric_date(numeric, hints, now)
        text = text[: numeric.start()] + " " + text[numeric.end() :]
    elif "." in text:
        no_year = _NUMERIC_NO_YEAR.search(text)
        if no_year:
            day_month_year = (int(no_year[1]), int(no_year[2]), None)
            text = text[: no_year.start()] + " " + text[no_year.end() :]

    # 3. words and numbers
    tokens = _TOKEN.findall(text)
    if day_month_year is None:
        if not tokens:
            return _bare_time(now, clock, offset) if clock is not None else None
        relative = None if _UNIT_WORDS.isdisjoint(tokens) else _relative_tokens(tokens)
        if relative is not None:
            return _relative(now, relative) if clock is None else None
    items: list[tuple[int, int, bool] | str] = []  # numbers as (value, digits, written as 'yy), words
    for token in tokens:
        if token[0] in "'’":
            items.append((int(token[1:]), 2, True))
        elif token[0].isdigit():
            items.append((int(token), len(token), False))
        elif token not in _FILLER or token in _MONTHS or token in _WEEKDAYS:
            items.append(token)
    words = [item for item in items if isinstance(item, str)]
    numbers = [item for item in items if not isinstance(item, str)]

    if day_month_year is not None:
        if numbers or any(word not in _WEEKDAYS for word in words) or len(words) > 1:
            return None
        day, month, year = day_month_year
        return _absolute(now, year, month, day, clock, offset, _WEEKDAYS[words[0]] if words else None)

    if len(words) == 1 and not numbers and (words[0] in _DAY_WORDS or words[0] in _NOW):
        if now is None:
            return None
        if words[0] in _NOW:
            return (timedelta(0), "minute", "relative", None) if clock is None else None
        return _on_day(now.date() - timedelta(days=_DAY_WORDS[words[0]]), clock, offset)

    month_word, weekday = _month_and_weekday(words)
    if month_word is None:
        if weekday is not None and not numbers:
            if now is None:
                return None
            # The last seven days, never today: a weekday name alone means an earlier day.
            back = (now.weekday() - weekday) % 7 or 7
            return _on_day(now.date() - timedelta(days=back), clock, offset)
        if not words and len(numbers) == 1 and numbers[0][1] == 4:
            if clock is not None:
                raise _Invalid  # a year and a time, the day cut off ("2019 14:05")
            return datetime(numbers[0][0], 1, 1), "year", "absolute", None
        return None

    # a month written out: "Nov 29, 2025", "29. November 2025", "16-Jun-20", "Nov '24", "January 30"
    at = items.index(month_word)
    before = [n for n in items[:at] if not isinstance(n, str)]
    after = [n for n in items[at + 1 :] if not isinstance(n, str)]
    if len(before) > 1 or len(after) > 2 or len(numbers) > 2 or any(n[1] == 3 or n[1] > 4 for n in numbers):
        return None
    day = year = None
    if before and not before[0][2] and before[0][1] <= 2:  # 29 November [2025]
        day = before[0][0]
        if len(after) > 1:
            return None
        if after:
            year = _year(after[0][0], after[0][1], now)
    elif before:  # 2020 May [5], '24 May
        year = _year(before[0][0], before[0][1], now)
        if len(after) > 1 or (after and (after[0][2] or after[0][1] > 2)):
            return None
        day = after[0][0] if after else None
    elif len(after) == 2:  # Nov 29, 2025
        if after[0][2] or after[0][1] > 2:
            return None
        day, year = after[0][0], _year(after[1][0], after[1][1], now)
    elif after:  # November 2019, Nov '24, January 30
        if after[0][2] or after[0][1] == 4:
            year = _year(after[0][0], after[0][1], now)
        else:
            day = after[0][0]
    else:
        return None
    month = _MONTHS[month_word]
    if day is None:
        if clock is not None:
            return None
        return datetime(year, month, 1), "month", "absolute", None
    return _absolute(now, year, month, day, clock, offset, weekday)


def _month_and_weekday(words: list[str]) -> tuple[str | None, int | None]:
    """The month word and the weekday among the words.  A word that can be either ("mar": March,
    or Tuesday in French, Spanish and Italian) is the month unless another word is only a month."""
    if not words or len(words) > 2 or any(w not in _MONTHS and w not in _WEEKDAYS for w in words):
        return None, None
    months = [w for w in words if w in _MONTHS]
    if not months:
        return None, (_WEEKDAYS[words[0]] if len(words) == 1 else None)
    only_months = [w for w in months if w not in _WEEKDAYS]
    month_word = only_months[-1] if only_months else months[-1]
    rest = list(words)
    rest.remove(month_word)
    if rest and rest[0] not in _WEEKDAYS:
        return None, None
    return month_word, (_WEEKDAYS[rest[0]] if rest else None)


def _relative_tokens(tokens: list[str]) -> list[tuple[int, str]] | None:
    """Number-unit pairs of a relative text ("3 hours ago", "vor 2 Tagen", "il y a un an",
    "1 Jahr 2 Tage her", and "10 Monate 3 Wochen", an age printed without its "ago"), else None."""
    pairs: list[tuple[int, str]] = []
    marker = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following in _UNITS and ((token.isdigit() and len(token) < 4) or token in _NUMBER_WORDS):
            pairs.append((int(token) if token.isdigit() else 1, _UNITS[following]))
            i += 2
            continue
        if token in _AGO:
            marker = True
        elif token not in _FILLER:
            return None
        i += 1
    # Without an "ago" word, only a text that is nothing but an age: "3 days", "10 Monate 3 Wochen".
    return pairs if pairs and (marker or tokens[0][0].isdigit()) else None


def _relative(now: datetime | None, pairs: list[tuple[int, str]]):
    if now is None:
        return None
    seconds = 0
    days = 0
    months = 0
    finest = "year"
    ranks = list(_UNIT_PRECISION)
    for n, unit in pairs:
        if unit in _DURATION_UNITS:
            seconds += n * _DURATION_UNITS[unit]
        elif unit == "day":
            days += n
        elif unit == "week":
            days += 7 * n
        elif unit == "month":
            months += n
        else:
            months += 12 * n
        if ranks.index(unit) < ranks.index(finest):
            finest = unit
    precision = _UNIT_PRECISION[finest]
    if not days and not months:
        return timedelta(seconds=seconds), precision, "relative", None
    value = now - timedelta(days=days, seconds=seconds)
    if months:
        total = value.year * 12 + value.month - 1 - months
        year, month = divmod(total, 12)
        value = value.replace(year=year, month=month + 1, day=min(value.day, _month_days(year, month + 1)))
    if precision == "day":
        value = value.replace(hour=0, minute=0, second=0)
    elif precision == "month":
        value = value.replace(day=1, hour=0, minute=0, second=0)
    elif precision == "year":
        value = value.replace(month=1, day=1, hour=0, minute=0, second=0)
    return value, precision, "relative", None


def _month_days(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _bare_time(now: datetime | None, clock, offset):
    # A time alone is how a few engines show today's posts; a time later than the fetch was
    # yesterday's.
    if now is None:
        return None
    hour, minute, second = clock
    value = datetime(now.year, now.month, now.day, hour, minute, second or 0)
    if value > now:
        value -= timedelta(days=1)
    return value, "second" if second is not None else "minute", "relative", offset


def _on_day(day: date, clock, offset):
    if clock is None:
        return datetime(day.year, day.month, day.day), "day", "relative", offset
    hour, minute, second = clock
    precision = "second" if second is not None else "minute"
    return datetime(day.year, day.month, day.day, hour, minute, second or 0), precision, "relative", offset


def _absolute(now, year, month, day, clock, offset, weekday):
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise _Invalid
    if year is None:
        if now is None:
            return None
        year = _year_for(now, month, day, weekday)
    hour, minute, second = clock or (0, 0, None)
    try:
        value = datetime(year, month, day, hour, minute, second or 0)
    except ValueError:
        raise _Invalid from None
    precision = "day" if clock is None else "second" if second is not None else "minute"
    return value, precision, "absolute", offset


def _year_for(now: datetime, month: int, day: int, weekday: int | None) -> int:
    """The year of a date shown without one: the latest year in which it is not after the fetch
    (and, when the page names the weekday too, falls on that weekday)."""
    latest = now.year if (month, day) <= (now.month, now.day) else now.year - 1
    if weekday is not None:
        for year in range(latest, latest - 15, -1):
            try:
                if date(year, month, day).weekday() == weekday:
                    return year
            except ValueError:
                continue
    if month == 2 and day == 29:
        while latest % 4 or (latest % 100 == 0 and latest % 400):
            latest -= 1
    return latest


def _numeric_date(match: re.Match, hints: DateHints, now) -> tuple[int, int, int]:
    first, separator, second, third = match[1], match[2], int(match[3]), match[4]
    if len(first) == 4:
        return int(third), second, int(first)
    if len(third) not in (2, 4):
        raise _Invalid
    a, year = int(first), _year(int(third), len(third), now)
    if separator == ".":  # nobody writes month.day.year
        return a, second, year
    if a > 12:
        return a, second, year
    if second > 12:
        return second, a, year
    day_first = hints.day_first if hints.day_first is not None else True
    return (a, second, year) if day_first else (second, a, year)


def _zone_offset(match: re.Match) -> tzinfo:
    if match["abbr"]:
        return timezone(timedelta(hours=_ABBREVIATIONS[match["abbr"]]))
    if match["nsign"]:
        sign = -1 if match["nsign"] in "-−" else 1
        return timezone(sign * timedelta(hours=int(match["nh"]), minutes=int(match["nm"])))
    if match["sign"]:
        sign = -1 if match["sign"] in "-−" else 1
        return timezone(sign * timedelta(hours=int(match["h"]), minutes=int(match["m"] or 0)))
    return timezone.utc


# -- fallback --------------------------------------------------------------------------------

_HAS_TIME = re.compile(r"\d{1,2}[:.h]\d{2}")
_RELATIVE_HINT = re.compile(
    r"ago|last |this |hier|gestern|ayer|ieri|gisteren|ontem|vor |hace|geleden| fa\b|il y a|há", re.I
)
_KNOWN_WORD = frozenset(_MONTHS) | frozenset(_WEEKDAYS) | frozenset(_DAY_WORDS) | _NOW | frozenset(_UNITS)


def _fallback(raw: str, text: str, now: datetime | None, tz: tzinfo, hints: DateHints) -> ResolvedDate:
    if not _HAS_DIGIT.search(text) and not any(word in _KNOWN_WORD for word in _TOKEN.findall(text)):
        return ResolvedDate(raw, None, "unknown", "none")  # no number and no date word: not a date
    import dateparser  # slow to import: only when the fast path has no answer

    relative = bool(_RELATIVE_HINT.search(text))
    if now is None and relative:
        return ResolvedDate(raw, None, "unknown", "none")
    settings = dateparser_settings(now, hints, relative)
    try:
        value = dateparser.parse(text, languages=list(hints.languages), settings=settings)
    except Exception:  # dateparser raises assorted errors on garbage
        value = None
    if value is None:
        return ResolvedDate(raw, None, "unknown", "none")
    small_unit = any(_UNITS.get(word) in _DURATION_UNITS for word in _TOKEN.findall(text))
    precision = "minute" if _HAS_TIME.search(text) or (relative and small_unit) else "day"
    if precision == "day":
        value = value.replace(hour=0, minute=0, second=0, microsecond=0)
    return ResolvedDate(raw, _attach(value.replace(microsecond=0), tz), precision,
                        "relative" if relative else "absolute")


def dateparser_settings(now: datetime | None, hints: DateHints, relative: bool = True) -> dict:
    """The dateparser settings the fallback uses: a naive base in the site's local time (an aware
    base makes dateparser shift relative dates by the offset), past dates preferred, and the
    site's day/month order."""
    settings: dict = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        # an absolute date needs its year and month in the text: dateparser would take them
        # from the real clock otherwise, and a parser must not read the clock
        "REQUIRE_PARTS": [] if relative else ["year", "month"],
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "MDY" if hints.day_first is False else "DMY",
    }
    if now is not None:
        settings["RELATIVE_BASE"] = now
    return settings


# -- page-level hints ------------------------------------------------------------------------

_FOOTER = re.compile(
    r"(?:all\s+times\s+are|alle\s+zeiten\s+sind|alle\s+zeitangaben\s+in|heures\s+au\s+format|"
    r"fuseau\s+horaire|toutes\s+les\s+heures\s+sont(?:\s+au\s+format)?|todas\s+las\s+horas\s+son|"
    r"todos\s+los\s+horarios\s+son|tutti\s+gli\s+orari\s+sono|alle\s+tijden\s+zijn|"
    r"todos\s+os\s+hor[áa]rios\s+s[ãa]o|times\s+are\s+in)\s*:?\s*"
    r"(?:(?P<iana>[A-Z][A-Za-z_]+/[A-Za-z_/+-]+)|"
    r"(?P<zone>utc|gmt|wez|mez|cet|z)?\s*(?:(?P<sign>[+\-−±])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2})|[.,](?P<fraction>\d{1,2})(?!\d))?)?"
    r"(?:\s*(?:hours?|stunden?|heures?|horas?|or[ae]|uu?r)\b)?"
    r"(?P<dst>\s*\[\s*(?:dst|sommerzeit|heure\s+d.[ée]t[ée]|horario\s+de\s+verano|ora\s+legale|zomertijd|"
    r"hor[áa]rio\s+de\s+ver[ãa]o)\s*\])?)",
    re.I,
)


# Discuz!'s footer: the zone beside the clock ("GMT+8, 2024-1-1 12:00").
_ZONE_AND_CLOCK = re.compile(r"\b(?:GMT|UTC)\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\s*,\s*\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}")


def timezone_from_text(text: str | None) -> tzinfo | None:
    """The site's timezone from a footer such as "All times are UTC+1", "All times are GMT -5",
    "Alle Zeiten sind UTC+02:00", "All times are UTC + 1 hour [ DST ]" or "Alle Zeitangaben in
    WEZ +1"; None when the text says nothing of it."""
    if not text:
        return None
    clock = _ZONE_AND_CLOCK.search(text)
    if clock:
        minutes = (-1 if clock["sign"] in "-−" else 1) * (int(clock["h"]) * 60 + int(clock["m"] or 0))
        if abs(minutes) <= 14 * 60:
            return _fixed_offset(minutes)
    for match in _FOOTER.finditer(text):
        if match["iana"]:
            try:
                return ZoneInfo(match["iana"])
            except (ZoneInfoNotFoundError, ValueError):
                continue
        zone = (match["zone"] or "").lower()
        if not zone and not match["sign"]:
            continue
        base = 1 if zone in ("mez", "cet") else 0
        minutes = base * 60
        if match["sign"] and match["h"]:
            sign = -1 if match["sign"] in "-−" else 1
            # vBulletin writes half and three-quarter hours as decimals: "GMT +5.5", "GMT +5.75"
            part = int(match["m"]) if match["m"] else round(60 * float(f"0.{match['fraction']}")) if match["fraction"] else 0
            minutes += sign * (int(match["h"]) * 60 + part)
        if match["dst"]:
            minutes += 60
        if abs(minutes) > 14 * 60:
            continue
        return _fixed_offset(minutes)
    return None


def _fixed_offset(minutes: int) -> tzinfo:
    return timezone.utc if minutes == 0 else timezone(timedelta(minutes=minutes))


def timezone_from_attribute(value: str | None) -> tzinfo | None:
    """The offset a machine-readable date states (``<time datetime="2019-04-17T10:22:33+02:00">``),
    as the site's timezone for the page's other dates; None for UTC values (which say nothing of
    the site's zone) and values without an offset."""
    if not value:
        return None
    text = value.strip()
    if not text[:4].isdigit() or not _ISO_OFFSET.search(text.lower()):
        return None
    parsed = _machine(text, timezone.utc)
    if parsed is None or parsed[0].utcoffset() in (None, timedelta(0)):
        return None
    return parsed[0].tzinfo


def day_first_from(texts) -> bool | None:
    """Whether a site writes numeric dates day-first, from the dates on one of its pages:
    True when some date can only be day-first (29/11/2025), False when some can only be
    month-first (11/29/2025), None when no date decides it (or they disagree).  Engine parsers
    can pass the answer as ``DateHints.day_first`` so that 04/05/2025 reads the site's way."""
    day_first = month_first = False
    for text in texts:
        if not text:
            continue
        for match in _NUMERIC.finditer(text):
            if len(match[1]) == 4 or match[2] == ".":
                continue
            a, b = int(match[1]), int(match[3])
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    if day_first == month_first:
        return None
    return day_first
