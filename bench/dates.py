"""Date resolution throughput: ``dates.resolve`` against ``dateparser.parse`` on the same strings.

Run by hand: ``python bench/dates.py [--n 10000] [--seed 7]``.

The mix is made of the forms forum engines print (phpBB, SMF, MyBB, XenForo, vBulletin, IPS,
Discourse, FluxBB, Phorum, …) in English, German, French, Spanish, Italian, Dutch and Portuguese,
each with its own fetch time, site timezone and locale, weighted roughly as they occur in the
corpus, plus a small share of real strings the fast path leaves to dateparser.  dateparser is
called as the fallback calls it (the site's languages, a naive base in the site's local time, past
dates preferred, the site's day/month order); answers are compared at the precision ``resolve``
gives (the minute for "47 minutes ago", the day for "3 days ago", the month for "Nov '24").
Each language is loaded into dateparser before the clock starts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scraper.parsers import dates  # noqa: E402
from scraper.parsers.dates import DateHints, dateparser_settings, resolve  # noqa: E402

EN_MONTHS = "January February March April May June July August September October November December".split()
EN_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
DE_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
FR_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
FR_SHORT = "Jan Fév Mar Avr Mai Juin Juil Aoû Sep Oct Nov Déc".split()
ES_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
IT_MONTHS = "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split()
NL_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
PT_MONTHS = "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split()
DAYS = {
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split(),
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
    "es": "lunes martes miércoles jueves viernes sábado domingo".split(),
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica".split(),
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split(),
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo".split(),
}
ZONES = {"en": ["America/New_York", "Europe/London", "UTC"], "en-US": ["America/Chicago", "America/Los_Angeles"],
         "de": ["Europe/Berlin"], "fr": ["Europe/Paris"], "es": ["Europe/Madrid"], "it": ["Europe/Rome"],
         "nl": ["Europe/Amsterdam"], "pt": ["America/Sao_Paulo"]}


def _h12(d: datetime) -> tuple[int, str]:
    return (d.hour % 12 or 12), ("AM" if d.hour < 12 else "PM")


def _forms(d: datetime, rng: random.Random) -> dict[str, tuple[str, int]]:
    """form name → (locale, weight) builders for the date ``d`` (in the past of the fetch)."""
    h, ap = _h12(d)
    mon, month = EN_MONTHS[d.month - 1][:3], EN_MONTHS[d.month - 1]
    wd = EN_DAYS[d.weekday()]
    n = rng.randint(1, 59)
    return {
        "phpbb": ("en", 12, f"{wd[:3]} {mon} {d.day:02d}, {d.year} {h}:{d.minute:02d} {ap.lower()}"),
        "smf": ("en", 6, f"{month} {d.day:02d}, {d.year}, {h:02d}:{d.minute:02d}:{d.second:02d} {ap}"),
        "xenforo": ("en", 10, f"{mon} {d.day}, {d.year}"),
        "vbulletin": ("en", 6, f"{mon} {d.day}, {d.year}, {h}:{d.minute:02d} {ap}"),
        "vbulletin-us": ("en-US", 4, f"{d.month:02d}-{d.day:02d}-{d.year}, {h:02d}:{d.minute:02d} {ap}"),
        "mybb": ("en", 3, f"{d:%Y-%m-%d}, {h:02d}:{d.minute:02d} {ap}"),
        "fluxbb": ("en", 3, f"{d:%Y-%m-%d %H:%M:%S}"),
        "phpbb-short": ("en", 4, f"{d.day} {mon} {d.year} {d:%H:%M}"),
        "phorum": ("en", 2, f"{d.day:02d}-{month}-{d.year} {d:%H:%M}"),
        "discourse": ("en", 3, f"{d.day} {month} {d.year} {d:%H:%M}"),
        "us-slash": ("en-US", 2, f"{d.month}/{d.day}/{d.year}"),
        "vanilla-month": ("en", 1, f"{month} {d.year}"),
        "discourse-short": ("en", 1, f"{mon} '{d.year % 100:02d}"),
        "today": ("en", 5, f"Today at {h}:{d.minute:02d} {ap}"),
        "yesterday": ("en", 5, f"Yesterday, {h:02d}:{d.minute:02d} {ap}"),
        "weekday": ("en", 5, f"{rng.choice(EN_DAYS)} at {h:02d}:{d.minute:02d} {ap}"),
        "minutes-ago": ("en", 4, f"{n} minutes ago"),
        "hours-ago": ("en", 3, rng.choice(["an hour ago", f"{rng.randint(2, 23)} hours ago"])),
        "days-ago": ("en", 3, f"{rng.randint(2, 30)} days ago"),
        "just-now": ("en", 1, "Just now"),
        "compact": ("en", 2, f"{rng.randint(1, 30)}{rng.choice('mhdw')}"),
        "de-numeric": ("de", 6, f"{d:%d.%m.%Y}, {d:%H:%M}"),
        "de-month": ("de", 3, f"{d.day:02d}. {DE_MONTHS[d.month - 1][:3]} {d.year}, {d:%H:%M}"),
        "de-long": ("de", 2, f"{d.day}. {DE_MONTHS[d.month - 1]} {d.year} {d:%H:%M}"),
        "de-relative": ("de", 2, rng.choice([f"vor {rng.randint(2, 23)} Stunden", f"vor {rng.randint(2, 6)} Tagen",
                                             f"Heute um {d:%H:%M} Uhr", f"Gestern, {d:%H:%M}",
                                             f"{DAYS['de'][d.weekday()]} um {d:%H:%M}"])),
        "fr-month": ("fr", 2, f"{d.day} {FR_SHORT[d.month - 1]} {d.year} {d:%H:%M}"),
        "fr-long": ("fr", 1, f"le {d.day} {FR_MONTHS[d.month - 1]} {d.year} à {d:%H:%M}"),
        "fr-relative": ("fr", 2, rng.choice([f"hier à {d:%H}h{d:%M}", f"il y a {rng.randint(2, 23)} heures",
                                             f"aujourd'hui à {d:%H:%M}", f"il y a {rng.randint(2, 6)} jours"])),
        "es": ("es", 2, rng.choice([f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year} a las {d:%H:%M}",
                                    f"ayer a las {d:%H:%M}", f"hace {rng.randint(2, 23)} horas", f"{d:%d/%m/%Y %H:%M}"])),
        "it": ("it", 2, rng.choice([f"{d.day} {IT_MONTHS[d.month - 1]} {d.year} alle {d:%H:%M}",
                                    f"ieri alle {d:%H:%M}", f"{rng.randint(2, 23)} ore fa", f"{d:%d/%m/%Y, %H:%M}"])),
        "nl": ("nl", 2, rng.choice([f"{d.day} {NL_MONTHS[d.month - 1]} {d.year} om {d:%H:%M}",
                                    f"gisteren om {d:%H:%M}", f"{rng.randint(2, 23)} uur geleden", f"{d:%d-%m-%Y %H:%M}"])),
        "pt": ("pt", 2, rng.choice([f"{d.day} de {PT_MONTHS[d.month - 1]} de {d.year} às {d:%H:%M}",
                                    f"ontem às {d:%H:%M}", f"há {rng.randint(2, 23)} horas", f"{d:%d/%m/%Y %H:%M}"])),
        # forms the fast path leaves to dateparser
        "long-tail": ("en", 0.3, rng.choice(["last week", "yesterday evening", "1.5 hours ago"])),
    }


def make_mix(n: int, seed: int) -> list[tuple[str, str, datetime, object, DateHints]]:
    rng = random.Random(seed)
    mix = []
    for _ in range(n):
        fetched = datetime(2019, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=rng.randrange(7 * 365 * 86400))
        back = rng.choice([timedelta(minutes=rng.randint(1, 600)), timedelta(days=rng.randint(1, 6)),
                           timedelta(days=rng.randint(7, 4000))])
        forms = _forms((fetched - back).replace(tzinfo=None, microsecond=0), rng)
        names = list(forms)
        name = rng.choices(names, weights=[forms[k][1] for k in names])[0]
        locale, _, text = forms[name]
        tz = ZoneInfo(rng.choice(ZONES[locale]))
        mix.append((name, text, fetched, tz, DateHints.for_locale(locale)))
    return mix


def _truncated(value: datetime | None, precision: str) -> str | None:
    width = {"second": 19, "minute": 16, "day": 10, "month": 7, "year": 4}.get(precision, 19)
    return value.replace(tzinfo=None).isoformat()[:width] if value else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=3, help="examples of each disagreement to print")
    args = parser.parse_args()

    import dateparser

    mix = make_mix(args.n, args.seed)
    for languages in {h.languages for *_, h in mix}:  # load every language before timing
        dateparser.parse("1 January 2020", languages=list(languages))

    fallbacks = Counter()
    real_fallback = dates._fallback

    def counting_fallback(raw, *rest):
        fallbacks[raw] += 1
        return real_fallback(raw, *rest)

    dates._fallback = counting_fallback
    ours = [resolve(text, fetched, tz, hints) for _, text, fetched, tz, hints in mix]  # warm up, count
    dates._fallback = real_fallback

    # The machine is shared: time both in alternating chunks, so that both see the same load, and
    # count CPU time (process_time), not the time spent waiting for a core.
    fast = slow = 0.0
    theirs = []
    for start in range(0, len(mix), 250):
        chunk = mix[start : start + 250]
        best = float("inf")
        for _ in range(3):
            began = time.process_time()
            for _, text, fetched, tz, hints in chunk:
                resolve(text, fetched, tz, hints)
            best = min(best, time.process_time() - began)
        fast += best
        began = time.process_time()
        for _, text, fetched, tz, hints in chunk:
            base = fetched.astimezone(tz).replace(tzinfo=None)
            settings = dateparser_settings(base, hints)
            theirs.append(dateparser.parse(text, languages=list(hints.languages), settings=settings))
        slow += time.process_time() - began
    best = fast

    agree = 0
    differ: dict[str, list[str]] = defaultdict(list)
    for (name, text, *_), mine, other in zip(mix, ours, theirs):
        if mine.value is not None and other is not None and _truncated(mine.value, mine.precision) == _truncated(other, mine.precision):
            agree += 1
        else:
            kind = "dateparser: none" if other is None else "resolve: none" if mine.value is None else "different"
            differ[f"{name} ({kind})"].append(f"{text!r}: resolve {_truncated(mine.value, mine.precision)} "
                                              f"[{mine.precision}], dateparser {other}")

    common = [(text, fetched, tz, hints) for _, text, fetched, tz, hints in mix if text not in fallbacks]
    alone = float("inf")
    for _ in range(3):
        began = time.process_time()
        for text, fetched, tz, hints in common:
            resolve(text, fetched, tz, hints)
        alone = min(alone, time.process_time() - began)

    n = len(mix)
    print(f"strings: {n:,} ({len(set(t for _, t, *_ in mix)):,} distinct), fast path {n - sum(fallbacks.values()):,}, "
          f"dateparser fallback {sum(fallbacks.values()):,}")
    print(f"resolve:          {best:8.3f} s  {n / best:12,.0f} strings/s  ({best / n * 1e6:.1f} µs each)")
    print(f"dateparser.parse: {slow:8.3f} s  {n / slow:12,.0f} strings/s  ({slow / n * 1e6:.1f} µs each)")
    print(f"speed-up: {slow / best:.0f}x  (the fast path alone: {alone / len(common) * 1e6:.1f} µs a string, "
          f"{slow / n / (alone / len(common)):.0f}x)")
    print(f"same answer: {agree:,} of {n:,} ({agree / n:.1%})")
    for key, examples in sorted(differ.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(examples):5,}  {key}")
        for example in examples[: args.show]:
            print(f"           {example}")


if __name__ == "__main__":
    main()
