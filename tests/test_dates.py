"""Dates: display texts across engines and languages, machine-readable attributes, timezones,
fetch clocks, and the ``threadkeeper date`` command.

The table rows marked "gold" copy a date string and its value from the corpus gold of a real
forum page (the engine is named); the others are the forms the engines print, one per language.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.parsers.dates import (
    DateHints,
    combine,
    day_first_from,
    from_attribute,
    resolve,
    timezone_from_attribute,
    timezone_from_text,
)

F = "2025-12-04T12:00:00+00:00"  # a Thursday
UTC = "UTC"
NY = "America/New_York"
TOKYO = "Asia/Tokyo"
BERLIN = "Europe/Berlin"
PLUS1 = "+01:00"

# raw, fetched_at, timezone, locale (None: no hint), expected value (None: unresolved), precision
CASES = [
    # -- English relative forms (XenForo, IPS, Discourse, vBulletin) -------------------------
    ("Today at 8:38 AM", F, UTC, None, "2025-12-04T08:38:00+00:00", "minute"),
    ("Yesterday, 10:24 PM", F, UTC, None, "2025-12-03T22:24:00+00:00", "minute"),
    ("Tuesday at 08:38 AM", F, UTC, None, "2025-12-02T08:38:00+00:00", "minute"),
    ("Thursday at 08:38 AM", F, UTC, None, "2025-11-27T08:38:00+00:00", "minute"),  # never today
    ("Wednesday at 11:59 PM", F, UTC, None, "2025-12-03T23:59:00+00:00", "minute"),
    ("Friday at 1:00 PM", F, UTC, None, "2025-11-28T13:00:00+00:00", "minute"),
    ("Tuesday", F, UTC, None, "2025-12-02T00:00:00+00:00", "day"),
    ("47 minutes ago", F, UTC, None, "2025-12-04T11:13:00+00:00", "minute"),
    ("an hour ago", F, UTC, None, "2025-12-04T11:00:00+00:00", "minute"),
    ("1 hour ago", F, UTC, None, "2025-12-04T11:00:00+00:00", "minute"),
    ("3 hours ago", F, UTC, None, "2025-12-04T09:00:00+00:00", "minute"),
    ("about 2 hours ago", F, UTC, None, "2025-12-04T10:00:00+00:00", "minute"),
    ("5 mins ago", F, UTC, None, "2025-12-04T11:55:00+00:00", "minute"),
    ("30 seconds ago", F, UTC, None, "2025-12-04T11:59:00+00:00", "minute"),
    ("Just now", F, UTC, None, "2025-12-04T12:00:00+00:00", "minute"),
    ("a moment ago", F, UTC, None, "2025-12-04T12:00:00+00:00", "minute"),
    ("less than a minute ago", F, UTC, None, "2025-12-04T12:00:00+00:00", "minute"),
    ("2d", F, UTC, None, "2025-12-02T00:00:00+00:00", "day"),
    ("3w", F, UTC, None, "2025-11-13T00:00:00+00:00", "day"),
    ("5m", F, UTC, None, "2025-12-04T11:55:00+00:00", "minute"),
    ("2h", F, UTC, None, "2025-12-04T10:00:00+00:00", "minute"),
    ("1y", F, UTC, None, "2024-01-01T00:00:00+00:00", "year"),
    ("2 days ago", F, UTC, None, "2025-12-02T00:00:00+00:00", "day"),
    ("a week ago", F, UTC, None, "2025-11-27T00:00:00+00:00", "day"),
    ("3 months ago", F, UTC, None, "2025-09-01T00:00:00+00:00", "month"),
    ("2 years ago", F, UTC, None, "2023-01-01T00:00:00+00:00", "year"),
    ("1 year 2 days ago", F, UTC, None, "2024-12-02T00:00:00+00:00", "day"),
    ("Today, 00:05", F, UTC, None, "2025-12-04T00:05:00+00:00", "minute"),
    ("09:15", F, UTC, None, "2025-12-04T09:15:00+00:00", "minute"),  # a time alone: today's
    ("12:30", F, UTC, None, "2025-12-03T12:30:00+00:00", "minute"),  # later than the fetch: yesterday's
    # -- English absolute forms ---------------------------------------------------------------
    ("Nov '24", F, UTC, None, "2024-11-01T00:00:00+00:00", "month"),
    ("Sat Nov 29, 2025 8:38 am", F, UTC, None, "2025-11-29T08:38:00+00:00", "minute"),
    ("11-29-2025, 08:38 PM", F, UTC, None, "2025-11-29T20:38:00+00:00", "minute"),
    ("29.11.2025, 20:38", F, UTC, None, "2025-11-29T20:38:00+00:00", "minute"),
    ("Posted: 27 November 2025", F, UTC, None, "2025-11-27T00:00:00+00:00", "day"),
    ("Last edited: 27 November 2025 at 10:15", F, UTC, None, "2025-11-27T10:15:00+00:00", "minute"),
    ("Dec 1", F, UTC, None, "2025-12-01T00:00:00+00:00", "day"),
    ("Dec 25", F, UTC, None, "2024-12-25T00:00:00+00:00", "day"),  # not yet this year: last year's
    ("September 2019", F, UTC, None, "2019-09-01T00:00:00+00:00", "month"),
    ("2023", F, UTC, None, "2023-01-01T00:00:00+00:00", "year"),
    # -- the site's timezone --------------------------------------------------------------------
    ("Today at 6:38 AM", F, NY, None, "2025-12-04T06:38:00-05:00", "minute"),
    ("Yesterday at 11:30 PM", F, NY, None, "2025-12-03T23:30:00-05:00", "minute"),
    ("47 minutes ago", F, NY, None, "2025-12-04T06:13:00-05:00", "minute"),
    ("47 minutes ago", F, TOKYO, None, "2025-12-04T20:13:00+09:00", "minute"),
    ("Yesterday, 10:24 PM", F, TOKYO, None, "2025-12-03T22:24:00+09:00", "minute"),
    ("Wednesday at 08:38 AM", F, TOKYO, None, "2025-12-03T08:38:00+09:00", "minute"),
    ("Yesterday at 9:00 PM", "2025-12-05T03:30:00+00:00", UTC, None, "2025-12-04T21:00:00+00:00", "minute"),
    ("Yesterday at 9:00 PM", "2025-12-05T03:30:00+00:00", NY, None, "2025-12-03T21:00:00-05:00", "minute"),
    # 08:00Z on the day clocks went forward is 04:00 EDT; three hours before is 00:00 EST
    ("3 hours ago", "2025-03-09T08:00:00+00:00", NY, None, "2025-03-09T00:00:00-05:00", "minute"),
    ("Yesterday at 10:00 AM", "2025-03-09T08:00:00+00:00", NY, None, "2025-03-08T10:00:00-05:00", "minute"),
    ("Today at 10:00 AM", "2025-07-01T12:00:00+00:00", BERLIN, None, "2025-07-01T10:00:00+02:00", "minute"),
    ("Today at 8:38 AM", F, PLUS1, None, "2025-12-04T08:38:00+01:00", "minute"),
    ("Nov 3, 2025 10:22 UTC", F, NY, None, "2025-11-03T10:22:00+00:00", "minute"),
    ("03.11.2025 10:22 (GMT+1)", F, UTC, None, "2025-11-03T10:22:00+01:00", "minute"),
    # Lemmy's tooltip: the zone's "03:00" is no second time of day
    ("Friday, October 4th, 2024 at 3:43:10 PM GMT+03:00", F, UTC, None, "2024-10-04T15:43:10+03:00", "second"),
    ("Nov 3, 2025 10:22 AM EST", F, UTC, None, "2025-11-03T10:22:00-05:00", "minute"),
    ("2018-09-27T14:51:09+0200", F, UTC, None, "2018-09-27T14:51:09+02:00", "second"),  # gold xenforo2
    ("2011-12-03T17:27:18-05:00", F, UTC, None, "2011-12-03T17:27:18-05:00", "second"),  # gold medhelp
    # -- French ----------------------------------------------------------------------------------
    ("hier à 10h30", F, UTC, "fr", "2025-12-03T10:30:00+00:00", "minute"),
    ("aujourd'hui à 08:15", F, UTC, "fr", "2025-12-04T08:15:00+00:00", "minute"),
    ("avant-hier à 18:00", F, UTC, "fr", "2025-12-02T18:00:00+00:00", "minute"),
    ("il y a 3 heures", F, UTC, "fr", "2025-12-04T09:00:00+00:00", "minute"),
    ("il y a 5 min", F, UTC, "fr", "2025-12-04T11:55:00+00:00", "minute"),
    ("il y a 2 jours", F, UTC, "fr", "2025-12-02T00:00:00+00:00", "day"),
    ("il y a un mois", F, UTC, "fr", "2025-11-01T00:00:00+00:00", "month"),
    ("à l'instant", F, UTC, "fr", "2025-12-04T12:00:00+00:00", "minute"),
    ("mardi à 10h30", F, UTC, "fr", "2025-12-02T10:30:00+00:00", "minute"),
    ("5 Juil 2018 03:22", F, UTC, "fr", "2018-07-05T03:22:00+00:00", "minute"),  # gold phpbb3
    ("Lun 5 Mar 2018 22:06", F, UTC, "fr", "2018-03-05T22:06:00+00:00", "minute"),  # gold phpbb3
    ("le 5 juillet 2018 à 03:22", F, UTC, "fr", "2018-07-05T03:22:00+00:00", "minute"),
    ("1er janvier 2020", F, UTC, "fr", "2020-01-01T00:00:00+00:00", "day"),
    ("Publié le 12 févr. 2024", F, UTC, "fr", "2024-02-12T00:00:00+00:00", "day"),
    ("29 Oct 2017 16:46", F, UTC, "fr", "2017-10-29T16:46:00+00:00", "minute"),  # gold phpbb3
    # -- German ----------------------------------------------------------------------------------
    ("vor 3 Stunden", F, UTC, "de", "2025-12-04T09:00:00+00:00", "minute"),
    ("vor 5 Minuten", F, UTC, "de", "2025-12-04T11:55:00+00:00", "minute"),
    ("vor 2 Tagen", F, UTC, "de", "2025-12-02T00:00:00+00:00", "day"),
    ("vor einem Monat", F, UTC, "de", "2025-11-01T00:00:00+00:00", "month"),
    ("Heute um 10:24 Uhr", F, UTC, "de", "2025-12-04T10:24:00+00:00", "minute"),
    ("Gestern, 22:24", F, UTC, "de", "2025-12-03T22:24:00+00:00", "minute"),
    ("Vorgestern um 18:00", F, UTC, "de", "2025-12-02T18:00:00+00:00", "minute"),
    ("Dienstag um 10:30", F, UTC, "de", "2025-12-02T10:30:00+00:00", "minute"),
    ("gerade eben", F, UTC, "de", "2025-12-04T12:00:00+00:00", "minute"),
    ("1 Jahr 2 Tage her", F, UTC, "de", "2024-12-02T00:00:00+00:00", "day"),  # proxer
    ("2 Wochen 15 Stunden her", F, UTC, "de", "2025-11-19T21:00:00+00:00", "minute"),  # proxer
    ("am 12.03.2020 um 10:30", F, UTC, "de", "2020-03-12T10:30:00+00:00", "minute"),
    ("29.11.2025 um 20.38 Uhr", F, UTC, "de", "2025-11-29T20:38:00+00:00", "minute"),
    # "at"/"on" in Russian, Ukrainian, the Nordic languages and Vietnamese
    ("19.01.2016 на 09:21", F, UTC, "ru", "2016-01-19T09:21:00+00:00", "minute"),
    ("19.01.2016 о 09:21", F, UTC, "uk", "2016-01-19T09:21:00+00:00", "minute"),
    ("01.09.2012 kl. 16:53", F, UTC, "da", "2012-09-01T16:53:00+00:00", "minute"),
    ("25-10-2013 lúc 02:50 PM", F, UTC, "vi", "2013-10-25T14:50:00+00:00", "minute"),
    ("21. Apr 2020, 19:40", F, BERLIN, "de", "2020-04-21T19:40:00+02:00", "minute"),  # gold hifi-forum
    ("01. Mai 2004, 15:41", F, BERLIN, "de", "2004-05-01T15:41:00+02:00", "minute"),  # gold hifi-forum
    ("14. Juni 2020 10:23", F, BERLIN, "de", "2020-06-14T10:23:00+02:00", "minute"),  # gold inyoka
    ("10. April 2020", F, BERLIN, "de", "2020-04-10T00:00:00+02:00", "day"),  # gold xenforo1
    ("14.12.2019 21:42", F, BERLIN, "de", "2019-12-14T21:42:00+01:00", "minute"),  # gold vbulletin4
    ("08.11.2009, 11:49", F, BERLIN, "de", "2009-11-08T11:49:00+01:00", "minute"),  # gold vbulletin4
    ("22.02.2019", F, UTC, "de", "2019-02-22T00:00:00+00:00", "day"),  # gold xenforo2
    ("19.11.2019, 16:38", F, UTC, "de", "2019-11-19T16:38:00+00:00", "minute"),  # gold amsel
    ("12.03.2020, 19:29", F, UTC, "de", "2020-03-12T19:29:00+00:00", "minute"),  # gold xenforo1
    # -- Spanish ---------------------------------------------------------------------------------
    ("ayer a las 10:30", F, UTC, "es", "2025-12-03T10:30:00+00:00", "minute"),
    ("hoy a las 08:15", F, UTC, "es", "2025-12-04T08:15:00+00:00", "minute"),
    ("anteayer a las 18:00", F, UTC, "es", "2025-12-02T18:00:00+00:00", "minute"),
    ("hace 3 horas", F, UTC, "es", "2025-12-04T09:00:00+00:00", "minute"),
    ("hace 2 días", F, UTC, "es", "2025-12-02T00:00:00+00:00", "day"),
    ("hace un año", F, UTC, "es", "2024-01-01T00:00:00+00:00", "year"),
    ("hace un momento", F, UTC, "es", "2025-12-04T12:00:00+00:00", "minute"),
    ("el martes a las 10:30", F, UTC, "es", "2025-12-02T10:30:00+00:00", "minute"),
    ("5 de julio de 2018 a las 10:30", F, UTC, "es", "2018-07-05T10:30:00+00:00", "minute"),
    ("15 ago 2020", F, UTC, "es", "2020-08-15T00:00:00+00:00", "day"),  # "ago" is August here
    ("mié 5 ago 2020 10:00", F, UTC, "es", "2020-08-05T10:00:00+00:00", "minute"),
    ("29/11/2025 20:38", F, UTC, "es", "2025-11-29T20:38:00+00:00", "minute"),
    # -- Italian ---------------------------------------------------------------------------------
    ("3 ore fa", F, UTC, "it", "2025-12-04T09:00:00+00:00", "minute"),
    ("un'ora fa", F, UTC, "it", "2025-12-04T11:00:00+00:00", "minute"),
    ("2 giorni fa", F, UTC, "it", "2025-12-02T00:00:00+00:00", "day"),
    ("ieri alle 10:30", F, UTC, "it", "2025-12-03T10:30:00+00:00", "minute"),
    ("oggi alle 08:15", F, UTC, "it", "2025-12-04T08:15:00+00:00", "minute"),
    ("l'altro ieri alle 09:00", F, UTC, "it", "2025-12-02T09:00:00+00:00", "minute"),
    ("martedì alle 10:30", F, UTC, "it", "2025-12-02T10:30:00+00:00", "minute"),
    ("5 luglio 2018 alle ore 10:30", F, UTC, "it", "2018-07-05T10:30:00+00:00", "minute"),
    ("3 mar 2020", F, UTC, "it", "2020-03-03T00:00:00+00:00", "day"),  # "mar" is March here
    ("poco fa", F, UTC, "it", "2025-12-04T12:00:00+00:00", "minute"),
    # -- Dutch -----------------------------------------------------------------------------------
    ("3 uur geleden", F, UTC, "nl", "2025-12-04T09:00:00+00:00", "minute"),
    ("2 dagen geleden", F, UTC, "nl", "2025-12-02T00:00:00+00:00", "day"),
    ("1 maand geleden", F, UTC, "nl", "2025-11-01T00:00:00+00:00", "month"),
    ("gisteren om 10:30", F, UTC, "nl", "2025-12-03T10:30:00+00:00", "minute"),
    ("vandaag om 08:15", F, UTC, "nl", "2025-12-04T08:15:00+00:00", "minute"),
    ("eergisteren om 18:00", F, UTC, "nl", "2025-12-02T18:00:00+00:00", "minute"),
    ("dinsdag om 10:30", F, UTC, "nl", "2025-12-02T10:30:00+00:00", "minute"),
    ("5 juli 2018 om 10:30", F, UTC, "nl", "2018-07-05T10:30:00+00:00", "minute"),
    ("12 mrt 2020", F, UTC, "nl", "2020-03-12T00:00:00+00:00", "day"),
    ("zojuist", F, UTC, "nl", "2025-12-04T12:00:00+00:00", "minute"),
    # -- Portuguese ------------------------------------------------------------------------------
    ("há 3 horas", F, UTC, "pt", "2025-12-04T09:00:00+00:00", "minute"),
    ("3 horas atrás", F, UTC, "pt", "2025-12-04T09:00:00+00:00", "minute"),
    ("há 2 semanas", F, UTC, "pt", "2025-11-20T00:00:00+00:00", "day"),
    ("ontem às 10:30", F, UTC, "pt", "2025-12-03T10:30:00+00:00", "minute"),
    ("hoje às 08:15", F, UTC, "pt", "2025-12-04T08:15:00+00:00", "minute"),
    ("anteontem às 18:00", F, UTC, "pt", "2025-12-02T18:00:00+00:00", "minute"),
    ("terça-feira às 10:30", F, UTC, "pt", "2025-12-02T10:30:00+00:00", "minute"),
    ("5 de julho de 2018 às 10:30", F, UTC, "pt", "2018-07-05T10:30:00+00:00", "minute"),
    ("12 de out de 2020", F, UTC, "pt", "2020-10-12T00:00:00+00:00", "day"),  # "out" is October
    ("agora mesmo", F, UTC, "pt", "2025-12-04T12:00:00+00:00", "minute"),
    # -- engines, from the corpus gold ----------------------------------------------------------
    ("Sun Dec 15, 2019 4:58 pm", F, UTC, "en", "2019-12-15T16:58:00+00:00", "minute"),  # gold phpbb3
    ("Thu Apr 02, 2020 3:40 am", F, UTC, "en", "2020-04-02T03:40:00+00:00", "minute"),  # gold phpbb3
    ("Tue Jan 07, 2020 12:38 am", F, UTC, "en", "2020-01-07T00:38:00+00:00", "minute"),  # gold phpbb3
    ("Wed Aug 07, 2019 6:50 am", F, UTC, "en", "2019-08-07T06:50:00+00:00", "minute"),  # gold phpbb3
    ("17 Jul 2011 17:51", F, UTC, "en", "2011-07-17T17:51:00+00:00", "minute"),  # gold phpbb3
    ("April 04, 2020, 09:22:51 AM", F, UTC, "en", "2020-04-04T09:22:51+00:00", "second"),  # gold smf1
    ("October 03, 2024, 12:01:00 PM", F, UTC, "en", "2024-10-03T12:01:00+00:00", "second"),  # gold smf2
    ("2019-02-26, 12:38 AM", F, UTC, "en", "2019-02-26T00:38:00+00:00", "minute"),  # gold mybb
    ("2019-02-23, 09:14 PM", F, UTC, "en", "2019-02-23T21:14:00+00:00", "minute"),  # gold mybb
    ("10-August-2011 20:18", F, UTC, "en", "2011-08-10T20:18:00+00:00", "minute"),  # gold phorum
    ("29-February-2012 20:55", F, UTC, "en", "2012-02-29T20:55:00+00:00", "minute"),  # gold phorum
    ("Apr 11, 2020, 1:02 PM", F, UTC, "en", "2020-04-11T13:02:00+00:00", "minute"),  # gold vbulletin3
    ("2019-09-29 10:46:47", F, UTC, "en", "2019-09-29T10:46:47+00:00", "second"),  # gold fluxbb
    ("May 15, 2018", F, UTC, "en", "2018-05-15T00:00:00+00:00", "day"),  # gold xenforo1
    ("Jun 3, 2019", F, UTC, "en", "2019-06-03T00:00:00+00:00", "day"),  # gold xenforo2
    ("Tue 16-Jun-20 16:12:14", F, UTC, "en-GB", "2020-06-16T16:12:14+00:00", "second"),  # gold mumsnet
    ("11:43pm On Apr 23", "2020-04-24T12:00:00+01:00", "Africa/Lagos", "en",
     "2020-04-23T23:43:00+01:00", "minute"),  # gold nairaland
    ("12:42am On Apr 24", "2020-04-24T12:00:00+01:00", "Africa/Lagos", "en",
     "2020-04-24T00:42:00+01:00", "minute"),  # gold nairaland
    ("Sunday 8th March", F, UTC, "en-GB", "2020-03-08T00:00:00+00:00", "day"),  # gold pistonheads: weekday picks the year
    ("Thursday 23rd April", F, UTC, "en-GB", "2020-04-23T00:00:00+00:00", "day"),  # gold pistonheads
    ("January 30", F, UTC, "en", "2025-01-30T00:00:00+00:00", "day"),  # gold invision4
    ("March 30", F, UTC, "en", "2025-03-30T00:00:00+00:00", "day"),  # gold vanilla
    ("October 2019", F, UTC, "en", "2019-10-01T00:00:00+00:00", "month"),  # gold vanilla
    ("04-23-2020 at 3:40 pm", F, UTC, "en-US", "2020-04-23T15:40:00+00:00", "minute"),  # gold vanilla
    ("3/13/2014", F, UTC, "en-US", "2014-03-13T00:00:00+00:00", "day"),  # gold fanfiction
    ("1/4/2018", F, UTC, "en-US", "2018-01-04T00:00:00+00:00", "day"),  # gold fanfiction: the locale decides
    ("1/4/2018", F, UTC, "en-GB", "2018-04-01T00:00:00+00:00", "day"),
    ("04/05/2020", F, UTC, None, "2020-05-04T00:00:00+00:00", "day"),  # no hint: day-first
    ("2020.03.12 13:17", F, UTC, "en", "2020-03-12T13:17:00+00:00", "minute"),  # gold custom-perl
    ("Dec 23, 1999", F, UTC, "en", "1999-12-23T00:00:00+00:00", "day"),  # gold medhelp
    ("Jun 07, 2020 4:32 AM", F, UTC, "en", "2020-06-07T04:32:00+00:00", "minute"),  # gold msconnection
    ("23 April 2020 09:16", F, UTC, "en", "2020-04-23T09:16:00+00:00", "minute"),  # gold discourse
    ("Last edited by Foo Bar; 12-03-2019 at 10:22 AM", F, UTC, "en-US", "2019-12-03T10:22:00+00:00", "minute"),  # vBulletin
    ("Edited by Jon Snow on 27 November 2025", F, UTC, "en", "2025-11-27T00:00:00+00:00", "day"),
    ("Geändert von MK204 (08.11.2009 um 13:53 Uhr)", F, BERLIN, "de", "2009-11-08T13:53:00+01:00", "minute"),  # vBulletin 4
    ("Modifié par toto le 5 juillet 2018 à 03:22", F, UTC, "fr", "2018-07-05T03:22:00+00:00", "minute"),
    ("1713351524717", F, UTC, None, "2024-04-17T10:58:44.717000+00:00", "second"),  # epoch ms kept as the text
    # UTF-8 read as Windows-1252 (a page that declares Latin-1): gold vbulletin4, and a German month
    ("14.12.2019\u00c2\xa021:42\n\u00c2\xa0-", F, UTC, "de", "2019-12-14T21:42:00+00:00", "minute"),
    ("5. M\u00c3\u00a4rz 2020", F, UTC, "de", "2020-03-05T00:00:00+00:00", "day"),
    # -- nothing to resolve ----------------------------------------------------------------------
    ("31.02.2020", F, UTC, "de", None, "unknown"),
    ("February 30, 2020", F, UTC, "en", None, "unknown"),
    ("13/13/2020", F, UTC, None, None, "unknown"),
    ("25:61", F, UTC, None, None, "unknown"),
    ("sometime soonish", F, UTC, None, None, "unknown"),
    ("Quote", F, UTC, None, None, "unknown"),
    ("", F, UTC, None, None, "unknown"),
    ("   ", F, UTC, None, None, "unknown"),
]


def tz_of(name: str):
    if name == UTC:
        return timezone.utc
    if name[0] in "+-":
        hours, minutes = name[1:].split(":")
        sign = -1 if name[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    return ZoneInfo(name)


def hints_of(locale: str | None) -> DateHints:
    return DateHints.for_locale(locale) if locale else DateHints()


def test_the_table_is_large_and_covers_every_language():
    assert len(CASES) >= 150
    assert {"fr", "de", "es", "it", "nl", "pt", "en"} <= {(c[3] or "en")[:2] for c in CASES}


@pytest.mark.parametrize("raw, fetched, tz, locale, value, precision", CASES, ids=[f"{c[0]!r}@{c[2]}" for c in CASES])
def test_resolve(raw, fetched, tz, locale, value, precision):
    got = resolve(raw, datetime.fromisoformat(fetched), tz_of(tz), hints_of(locale))
    assert (got.value.isoformat() if got.value else None, got.precision) == (value, precision)
    assert got.raw == raw  # the raw text stays beside the value
    if value is None:
        assert got.source == "none"
    else:
        assert got.source in ("absolute", "relative")


def test_sources_say_relative_or_absolute():
    fetched = datetime.fromisoformat(F)
    assert resolve("vor 3 Stunden", fetched, timezone.utc).source == "relative"
    assert resolve("Tuesday at 08:38 AM", fetched, timezone.utc).source == "relative"
    assert resolve("29.11.2025, 20:38", fetched, timezone.utc).source == "absolute"


def test_the_fast_path_never_imports_dateparser():
    forms = [c[0] for c in CASES if c[4] is not None]
    code = (
        "import sys\nfrom datetime import datetime, timezone\n"
        "from scraper.parsers.dates import resolve, DateHints\n"
        f"for raw in {forms!r}:\n"
        "    assert resolve(raw, datetime(2025, 12, 4, 12, tzinfo=timezone.utc), timezone.utc).value\n"
        "print('dateparser' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_dateparser_answers_what_the_fast_path_does_not_know():
    # "the 5th of March, 2020" is no fast-path form; the fallback reads it, restricted to English.
    got = resolve("the 5th of March, 2020", datetime.fromisoformat(F), timezone.utc, DateHints(("en",)))
    assert got.value == datetime(2020, 3, 5, tzinfo=timezone.utc) and got.precision == "day"


@pytest.mark.parametrize(
    "raw, languages, base",
    [
        ("Yesterday, 10:24 PM", ("en",), datetime(2025, 12, 4, 12)),
        ("Tuesday at 08:38 AM", ("en",), datetime(2025, 12, 4, 12)),
        ("47 minutes ago", ("en",), datetime(2025, 12, 4, 12)),
        ("Sat Nov 29, 2025 8:38 am", ("en",), datetime(2025, 12, 4, 12)),
        ("11-29-2025, 08:38 PM", ("en",), datetime(2025, 12, 4, 12)),
        ("April 04, 2020, 09:22:51 AM", ("en",), datetime(2025, 12, 4, 12)),
        ("January 30", ("en",), datetime(2025, 12, 4, 12)),
        ("29.11.2025, 20:38", ("de",), datetime(2025, 12, 4, 12)),
        ("vor 3 Stunden", ("de",), datetime(2025, 12, 4, 12)),
        ("21. Apr 2020, 19:40", ("de",), datetime(2025, 12, 4, 12)),
        ("hier à 10h30", ("fr",), datetime(2025, 12, 4, 12)),
        ("ayer a las 10:30", ("es",), datetime(2025, 12, 4, 12)),
        ("3 uur geleden", ("nl",), datetime(2025, 12, 4, 12)),
        ("há 3 horas", ("pt",), datetime(2025, 12, 4, 12)),
        ("3 ore fa", ("it",), datetime(2025, 12, 4, 12)),
    ],
)
def test_the_fast_path_gives_dateparsers_answers(raw, languages, base):
    import dateparser

    from scraper.parsers.dates import dateparser_settings

    hints = DateHints(languages)
    expected = dateparser.parse(raw, languages=list(languages), settings=dateparser_settings(base, hints))
    got = resolve(raw, base.replace(tzinfo=timezone.utc), timezone.utc, hints)
    width = {"second": 19, "minute": 16, "day": 10}[got.precision]
    assert got.value.replace(tzinfo=None).isoformat()[:width] == expected.isoformat()[:width]


# -- properties -------------------------------------------------------------------------------

WEEKDAY_FORMS = ["{en} at 08:38 AM", "{en}", "{de} um 10:30", "{fr} à 10h30", "el {es} a las 10:30", "{it} alle 10:30",
                 "{nl} om 10:30", "{pt} às 10:30"]
WEEKDAY_NAMES = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split(),
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
    "es": "lunes martes miércoles jueves viernes sábado domingo".split(),
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica".split(),
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split(),
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo".split(),
}
ZONES = ["UTC", "America/New_York", "Asia/Tokyo", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Kiritimati"]


@settings(max_examples=400, deadline=None)
@given(
    fetched=st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(timezone.utc)),
    weekday=st.integers(0, 6),
    form=st.sampled_from(WEEKDAY_FORMS),
    zone=st.sampled_from(ZONES),
)
def test_a_weekday_is_one_of_the_seven_days_before_the_fetch(fetched, weekday, form, zone):
    tz = tz_of(zone)
    raw = form.format(**{lang: names[weekday] for lang, names in WEEKDAY_NAMES.items()})
    got = resolve(raw, fetched, tz)
    assert got.value is not None, raw
    local_today = fetched.astimezone(tz).date()
    assert 1 <= (local_today - got.value.date()).days <= 7
    assert got.value.weekday() == weekday
    assert got.value < fetched


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_nothing_raises_on_garbage(text):
    got = resolve(text, datetime.fromisoformat(F), timezone.utc)
    assert got.raw == text
    assert (got.value is None) == (got.precision == "unknown")


@settings(max_examples=200, deadline=None)
@given(
    fetched=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(timezone.utc)),
    minutes=st.integers(1, 59),
    zone=st.sampled_from(ZONES),
)
def test_minutes_ago_is_that_many_minutes_before_the_fetch(fetched, minutes, zone):
    got = resolve(f"{minutes} minutes ago", fetched, tz_of(zone))
    assert fetched - got.value - timedelta(minutes=minutes) < timedelta(minutes=1)
    assert got.value.utcoffset() == got.value.astimezone(tz_of(zone)).utcoffset()


# -- machine-readable values -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, tz, expected, precision",
    [
        ("1586545000", UTC, "2020-04-10T18:56:40+00:00", "second"),  # data-time (seconds)
        ("1586545000123", UTC, "2020-04-10T18:56:40.123000+00:00", "second"),  # milliseconds
        ("1586545000", BERLIN, "2020-04-10T20:56:40+02:00", "second"),  # shown in the site's zone
        ("2020-04-10T18:56:40Z", BERLIN, "2020-04-10T20:56:40+02:00", "second"),  # UTC: shown locally
        ("2018-09-27T14:51:09+0200", NY, "2018-09-27T14:51:09+02:00", "second"),  # the site's own offset
        ("2015-03-17T16:27:40.294Z", UTC, "2015-03-17T16:27:40.294000+00:00", "second"),
        ("2018-04-05T06:00", NY, "2018-04-05T06:00:00-04:00", "minute"),  # no offset: the site's zone
        ("2019-04-17", UTC, "2019-04-17T00:00:00+00:00", "day"),  # JSON-LD datePublished
        ("2019-04", UTC, "2019-04-01T00:00:00+00:00", "month"),
        ("2019-04-17 10:22:33 +0100", UTC, "2019-04-17T10:22:33+01:00", "second"),
        ("Wed, 25 Mar 2020 10:00:00 GMT", UTC, "2020-03-25T10:00:00+00:00", "second"),  # RSS / meta
        ("Apr 10, 2020", UTC, "2020-04-10T00:00:00+00:00", "day"),  # XenForo data-datestring
        ("not a date", UTC, None, "unknown"),
        ("", UTC, None, "unknown"),
        ("99999999999999999999", UTC, None, "unknown"),
        ("0001-01-01T00:00:00Z", UTC, None, "unknown"),  # a template's empty date
        ("0", UTC, None, "unknown"),
    ],
)
def test_from_attribute(value, tz, expected, precision):
    got = from_attribute(value, tz_of(tz))
    assert (got.value.isoformat() if got.value else None, got.precision) == (expected, precision)
    assert got.source == ("attribute" if expected else "none")


def test_combine_keeps_the_wall_clock_the_page_showed():
    fetched = datetime.fromisoformat(F)
    # a UTC attribute and a display text two hours later: the site is at +02:00
    got = combine("2020-04-21T17:40:00Z", "21. Apr 2020, 19:40", fetched, timezone.utc, DateHints.for_locale("de"))
    assert got.value.isoformat() == "2020-04-21T19:40:00+02:00" and got.source == "attribute"
    got = combine("2020-04-21T17:40:00Z", "Yesterday", fetched, timezone.utc)  # a day: no offset to learn
    assert got.value.isoformat() == "2020-04-21T17:40:00+00:00"
    got = combine(None, "Tuesday at 08:38 AM", fetched, timezone.utc)
    assert got.value.isoformat() == "2025-12-02T08:38:00+00:00" and got.source == "relative"
    got = combine("2020-04-21T12:10:30Z", "21 Apr 2020, 17:40", fetched, timezone.utc)  # India
    assert got.value.isoformat() == "2020-04-21T17:40:30+05:30"


@pytest.mark.parametrize(
    "attribute, display, expected",
    [
        # the display names its zone: the instant is shown in it
        ("2019-11-20T06:35:39Z", "1:39 am EST, Wednesday, November 20, 2019", "2019-11-20T01:35:39-05:00"),
        ("2019-11-19T07:09:00Z", "19 Nov 2019 05:44 GMT", "2019-11-19T07:09:00+00:00"),
        # 6 h 16 min apart: no offset in use anywhere, so not the same moment
        ("2019-11-20T05:47:00Z", "12:03, Nov 20, 2019", "2019-11-20T05:47:00+00:00"),
        # 1 h 25 min apart: not within two minutes of a quarter hour
        ("2019-11-19T07:09:00Z", "19 Nov 2019 05:44", "2019-11-19T07:09:00+00:00"),
    ],
)
def test_combine_learns_no_offset_from_two_different_moments(attribute, display, expected):
    got = combine(attribute, display, datetime.fromisoformat(F), timezone.utc)
    assert got.value.isoformat() == expected


# -- page hints --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, offset",
    [
        ("All times are UTC+1", 60),
        ("All times are UTC", 0),
        ("All times are GMT -5. The time now is 09:26 PM.", -300),
        ("Alle Zeiten sind UTC+02:00", 120),
        ("All times are UTC + 1 hour [ DST ]", 120),
        ("Alle Zeiten sind UTC + 1 Stunde [ Sommerzeit ]", 120),
        ("Alle Zeitangaben in WEZ +1. Es ist jetzt 21:26 Uhr.", 60),
        ("Heures au format UTC+01:00", 60),
        ("Todos los horarios son UTC-03:00", -180),
        ("Tutti gli orari sono GMT +1. Attualmente sono le 21:26.", 60),
        ("Alle tijden zijn GMT +1. Het is nu 21:26.", 60),
        ("Todos os horários são UTC-03:00", -180),
        ("Powered by phpBB. All times are UTC+05:30 | Privacy", 330),
        ("GMT+12, 2020-5-15 18:44 , Processed in 0.060887 second(s)", 720),  # Discuz! X's footer
        ("GMT-5, 2024-1-1 09:05", -300),
    ],
)
def test_timezone_from_text(text, offset):
    tz = timezone_from_text(text)
    assert tz is not None and tz.utcoffset(None) == timedelta(minutes=offset)


def test_timezone_from_text_reads_a_zone_name_and_ignores_other_text():
    assert timezone_from_text("All times are Europe/Paris") == ZoneInfo("Europe/Paris")
    assert timezone_from_text("Posted at 10:00 UTC+1") is None  # not a footer
    assert timezone_from_text("") is None and timezone_from_text(None) is None


def test_timezone_from_attribute():
    assert timezone_from_attribute("2018-09-27T14:51:09+0200").utcoffset(None) == timedelta(hours=2)
    assert timezone_from_attribute("2011-12-03T17:27:18-05:00").utcoffset(None) == timedelta(hours=-5)
    assert timezone_from_attribute("2020-04-10T18:56:40Z") is None  # UTC says nothing of the site
    assert timezone_from_attribute("2020-04-10T18:56:40") is None
    assert timezone_from_attribute("1586545000") is None and timezone_from_attribute(None) is None


def test_day_first_from_the_dates_of_a_page():
    assert day_first_from(["04/05/2020", "29/11/2025"]) is True
    assert day_first_from(["04-05-2020, 10:00", "11-29-2025, 08:38 PM"]) is False
    assert day_first_from(["04/05/2020", "2020-11-29", "29.11.2025"]) is None  # nothing decides it
    assert day_first_from(["13/01/2020", "01/13/2020"]) is None  # they disagree: no guess


# -- the command line -------------------------------------------------------------------------


def cli(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scraper.cli", *args], capture_output=True, text=True, check=check)


def test_cli_date_prints_value_precision_and_source():
    proc = cli("date", "Tuesday at 08:38 AM", "--fetched-at", F, "--timezone", NY, check=True)
    assert proc.stdout.split() == ["2025-12-02T08:38:00-05:00", "precision=minute", "source=relative"]
    proc = cli("date", "vor 3 Stunden", "--fetched-at", F, "--locale", "de", "--json", check=True)
    assert json.loads(proc.stdout) == {
        "raw": "vor 3 Stunden", "value": "2025-12-04T09:00:00+00:00", "precision": "minute", "source": "relative",
    }
    proc = cli("date", "04/05/2020", "--fetched-at", F, "--locale", "en-US", "--json")
    assert json.loads(proc.stdout)["value"] == "2020-04-05T00:00:00+00:00"


def test_cli_date_unresolved_is_null_and_exit_1():
    proc = cli("date", "sometime soonish", "--fetched-at", F, "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == {"raw": "sometime soonish", "value": None, "precision": "unknown", "source": "none"}


@pytest.mark.parametrize(
    "zone, expected",
    [
        (NY, ["2025-12-02T08:38:00-05:00", "2025-12-02T08:50:00-05:00", "2025-12-04T06:13:00-05:00"]),
        (TOKYO, ["2025-12-02T08:38:00+09:00", "2025-12-02T08:50:00+09:00", "2025-12-04T20:13:00+09:00"]),
    ],
)
def test_seed_thread_dates_in_the_sites_timezone(fixtures, zone, expected):
    seed = str(fixtures / "seeds" / "ips_thread_migraine.txt")
    proc = cli("parse", seed, "--fetched-at", F, "--timezone", zone, "--jsonl", "-", check=True)
    posts = [r for r in map(json.loads, proc.stdout.splitlines()) if r["type"] == "post"]
    assert [p["published_at"] for p in posts] == expected
    # the wall clock is the site's; "47 minutes ago" is the same instant in every zone
    assert datetime.fromisoformat(posts[2]["published_at"]) == datetime.fromisoformat(F) - timedelta(minutes=47)


def test_unresolved_dates_keep_their_text_and_are_counted_in_stats(tmp_path):
    page = tmp_path / "thread.txt"
    page.write_text(
        "A thread\nAnna Posted sometime soonish Posted sometime soonish Hello there, a first post. Quote\n"
        "Bob Posted Yesterday, 10:24 PM Posted Yesterday, 10:24 PM A reply to it. Quote\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "a.duckdb")
    cli("parse", str(page), "--db", db, "--fetched-at", F, check=True)
    rows = cli("query", "select published_raw, published_at from posts order by position", "--db", db,
               "--format", "json", check=True).stdout.splitlines()
    assert [json.loads(r)["published_raw"] for r in rows] == ["sometime soonish", "Yesterday, 10:24 PM"]
    assert json.loads(rows[0])["published_at"] is None and json.loads(rows[1])["published_at"] is not None
    stats = json.loads(cli("stats", "--db", db, "--json", check=True).stdout)
    assert stats["unresolved_dates"] == 1
    assert "dates that did not resolve: 1" in cli("stats", "--db", db, check=True).stdout


# -- fetch clocks --------------------------------------------------------------------------------


def test_the_archive_records_where_the_fetch_time_came_from(tmp_path, fixtures):
    seed = tmp_path / "thread.txt"
    seed.write_bytes((fixtures / "seeds" / "ips_thread_migraine.txt").read_bytes())
    import os

    mtime = datetime(2025, 12, 4, 12, tzinfo=timezone.utc).timestamp()
    os.utime(seed, (mtime, mtime))
    db = str(tmp_path / "a.duckdb")
    cli("parse", str(seed), "--db", db, check=True)
    row = json.loads(cli("query", "select fetched_at_source, fetched_at from pages", "--db", db, "--format", "json",
                         check=True).stdout)
    assert row["fetched_at_source"] == "file-mtime"
    # relative dates count back from the file's time when no flag is given
    rows = cli("query", "select published_at from posts order by position", "--db", db, "--format", "json",
               check=True).stdout.splitlines()
    assert datetime.fromisoformat(json.loads(rows[2])["published_at"]) == datetime(2025, 12, 4, 11, 13, tzinfo=timezone.utc)
    db2 = str(tmp_path / "b.duckdb")
    cli("parse", str(seed), "--db", db2, "--fetched-at", "2025-12-05T00:00:00+00:00", check=True)
    row = json.loads(cli("query", "select fetched_at_source from pages", "--db", db2, "--format", "json",
                         check=True).stdout)
    assert row["fetched_at_source"] == "flag"


def test_a_warc_record_without_warc_date_uses_the_http_date(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from scraper.parsers.inputs import read_file

    path = tmp_path / "crawl.warc"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Date", "Thu, 04 Dec 2025 12:00:00 GMT"),
                                           ("Age", "60")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://forum.example/t/1", "response",
                                           payload=io.BytesIO(b"<html><body>hi</body></html>"), http_headers=http)
        record.rec_headers.remove_header("WARC-Date")
        writer.write_record(record)
    (page,) = read_file(path, None, None)
    assert page.fetched_at_source == "http-date"
    assert page.fetched_at == datetime(2025, 12, 4, 11, 59, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "footer, minutes",
    [
        ("All times are GMT +5.5. The time now is 08:15 AM.", 330),
        ("All times are GMT +5.75", 345),
        ("All times are GMT -3.5", -210),
        ("All times are GMT -5. The time now is 08:15 AM.", -300),
    ],
)
def test_footer_offsets_in_decimal_hours(footer, minutes):
    from scraper.parsers.dates import timezone_from_text

    assert timezone_from_text(footer).utcoffset(None) == timedelta(minutes=minutes)
