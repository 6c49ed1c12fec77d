"""phpBB, SMF, MyBB, FluxBB, Phorum and UBB.threads: detection, and the fields the golden files
cannot show on their own (phpBB 2 and subsilver2 layouts, quotes, edit lines, timezones).

The real pages are the golden cases under tests/fixtures/<engine>/; the layouts the corpus lacks
(phpBB 2 subSilver, phpBB 3 subsilver2, SMF 2.0 Curve, Phorum classic, PunBB 1.2) are hand-written from the engines' own
templates (tests/fixtures/b1_markup).
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from scraper.parsers.engines import _kit, _when, fluxbb, mybb, phorum, phpbb, smf, ubbthreads
from scraper.parsers.generic.block import quoted_author
from scraper.parsers.html import Document
from scraper.parsers.inputs import FetchedPage, decode
from scraper.parsers.model import ParseContext
from scraper.parsers.parse import parse_page

FIXTURES = Path(__file__).parent / "fixtures"
B1 = (phpbb, smf, mybb, fluxbb, phorum, ubbthreads)
FETCHED = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _cases() -> list[tuple[str, Path]]:
    found = []
    for module in B1:
        for case in sorted((FIXTURES / module.NAME).glob("*/case.json")):
            found.append((module.NAME, case.parent))
    return found


def _page_text(case: Path) -> str:
    for name in ("page.html", "page.html.gz"):
        path = case / name
        if path.exists():
            raw = path.read_bytes()
            return decode(gzip.decompress(raw) if name.endswith(".gz") else raw)
    raise FileNotFoundError(case)


def _document(case: Path) -> Document:
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    return Document(_page_text(case), meta["url"])


def _parse(path: Path, url: str):
    raw = path.read_bytes()
    page = FetchedPage(str(path), url, raw, FETCHED, "flag")
    return parse_page(page)


CASES = _cases()


def test_every_b1_engine_has_two_real_pages_where_the_corpus_has_them():
    counts = {m.NAME: sum(1 for name, _ in CASES if name == m.NAME) for m in B1}
    assert counts["phpbb"] >= 2 and counts["smf"] >= 2 and counts["fluxbb"] >= 2 and counts["phorum"] >= 2
    assert counts["mybb"] >= 1 and counts["ubbthreads"] >= 1  # the corpus has one page of each


@pytest.mark.parametrize("engine,case", CASES, ids=[f"{e}/{c.name}" for e, c in CASES])
def test_only_its_own_engine_claims_the_page(engine, case):
    doc = _document(case)
    claims = [m.NAME for m in B1 if m.detect(doc)]
    assert claims == [engine]


@pytest.mark.parametrize("name,engine", [
    ("phpbb2_subsilver.html", "phpbb"), ("phpbb3_subsilver2.html", "phpbb"), ("phorum5_classic.html", "phorum"),
    ("smf20_curve.html", "smf"), ("punbb12_oxygen.html", "fluxbb"),
])
def test_hand_written_layouts_are_detected_by_their_engine_only(name, engine):
    doc = Document((FIXTURES / "b1_markup" / name).read_text(encoding="utf-8"), "http://example.org/forum/viewtopic.php?t=1")
    assert [m.NAME for m in B1 if m.detect(doc)] == [engine]


def test_pages_of_other_engines_are_not_claimed():
    others = [p for p in FIXTURES.glob("*/*/page.html*") if p.parts[-3] not in {m.NAME for m in B1}]
    assert others, "other engines' fixtures to check against"
    for path in others:
        raw = path.read_bytes()
        doc = Document(decode(gzip.decompress(raw) if path.suffix == ".gz" else raw), "https://example.org/")
        assert not [m.NAME for m in B1 if m.detect(doc)], path


# --- phpBB 2 (subSilver) ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def phpbb2():
    return _parse(FIXTURES / "b1_markup" / "phpbb2_subsilver.html", "http://example.org/forum/viewtopic.php?t=4711&sid=0123456789abcdef")


def test_phpbb2_posts_authors_and_ids(phpbb2):
    assert phpbb2.thread.engine == "phpbb"
    assert [p.native_id for p in phpbb2.posts] == ["1001", "1002"]
    assert [p.author for p in phpbb2.posts] == ["Gräfin", "Anonymous"]
    assert phpbb2.posts[0].author_url == "http://example.org/forum/profile.php?mode=viewprofile&u=77"
    assert phpbb2.posts[1].author_url is None  # a guest has no profile
    assert phpbb2.posts[0].url == "http://example.org/forum/viewtopic.php?p=1001#1001"


def test_phpbb2_dates_keep_the_wall_clock_in_the_footer_timezone(phpbb2):
    first = phpbb2.posts[0]
    assert first.published_raw == "Mon Mar 15, 2004 9:05 pm"
    assert first.published_at == datetime(2004, 3, 15, 21, 5, tzinfo=timezone(timedelta(hours=1)))
    assert first.edited_at == datetime(2004, 3, 16, 8, 1, tzinfo=timezone(timedelta(hours=1)))


def test_phpbb2_signature_and_quote_leave_the_text(phpbb2):
    assert phpbb2.posts[0].body_text == "Does anyone know when the café on the square opens on Sundays?"
    assert phpbb2.posts[1].body_text == "Does anyone know when the café on the square opens on Sundays?\nAt ten, and it closes at six."
    assert phpbb2.posts[0].own_text is None  # no quote: its own words are body_text, signature cut
    assert phpbb2.posts[1].own_text == "At ten, and it closes at six."
    (quote,) = phpbb2.quotes
    assert quote.quoted_author == "Gräfin"
    assert quote.text.startswith("Does anyone know")


def test_phpbb2_thread_fields(phpbb2):
    thread = phpbb2.thread
    assert thread.title == "Café opening hours"
    assert thread.breadcrumbs == ("Example Board Forum Index", "Town life")
    assert thread.board == "Town life"
    assert (thread.page, thread.page_count) == (1, 2)
    assert thread.next_url == "http://example.org/forum/viewtopic.php?t=4711&postdays=0&postorder=asc&start=15"


# --- phpBB 3 subsilver2, German ---------------------------------------------------------------


@pytest.fixture(scope="module")
def subsilver2():
    return _parse(FIXTURES / "b1_markup" / "phpbb3_subsilver2.html", "http://example.org/forum/viewtopic.php?f=2&t=88")


def test_subsilver2_posts(subsilver2):
    assert [(p.native_id, p.author) for p in subsilver2.posts] == [("310", "Bahnfan"), ("311", "Schaffnerin")]
    assert subsilver2.posts[0].body_text == "Fährt die Linie 5 im Winter auch sonntags?"  # signature cut
    assert subsilver2.posts[1].own_text == "Ja, aber erst ab zehn Uhr."
    assert subsilver2.posts[1].body_text == "Fährt die Linie 5 im Winter auch sonntags?\nJa, aber erst ab zehn Uhr."
    assert [(q.quoted_author, q.text) for q in subsilver2.quotes] == [("Bahnfan", "Fährt die Linie 5 im Winter auch sonntags?")]


def test_subsilver2_german_numeric_dates_are_day_first(subsilver2):
    plus_one = timezone(timedelta(hours=1))  # "Alle Zeiten sind UTC + 1 Stunde"
    assert subsilver2.posts[0].published_at == datetime(2009, 1, 14, 18, 45, tzinfo=plus_one)
    assert subsilver2.posts[0].edited_at == datetime(2009, 1, 14, 19, 2, tzinfo=plus_one)
    assert subsilver2.posts[1].published_at == datetime(2009, 1, 15, 7, 10, tzinfo=plus_one)
    assert subsilver2.thread.title == "Fahrplan im Winter"
    assert subsilver2.thread.board == "Verkehr"


# --- real pages: what the golden files hold, stated as rules ---------------------------------


def _golden(engine: str, case: str):
    folder = FIXTURES / engine / case
    meta = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    page = folder / ("page.html.gz" if (folder / "page.html.gz").exists() else "page.html")
    raw = page.read_bytes()
    if page.suffix == ".gz":
        raw = gzip.decompress(raw)
    fetched = FetchedPage(str(page), meta["url"], raw, datetime.fromisoformat(meta["fetched_at"]), "flag")
    return parse_page(fetched)


def test_phpbb_quotes_leave_body_text_but_stay_in_body_html():
    result = _golden("phpbb", "prosilver33-raspberrypi")
    quoted = {q.post_id for q in result.quotes}
    assert quoted
    for post in result.posts:
        if post.post_id in quoted:
            assert "<blockquote" in post.body_html
            assert " wrote:" not in post.body_text
    first_quote = next(q for q in result.quotes if q.quoted_post_id)
    assert first_quote.quoted_post_id.startswith("forums.raspberrypi.com:p:")


def test_phpbb_time_element_gives_the_instant_and_the_display_gives_the_offset():
    result = _golden("phpbb", "prosilver33-time-shopsmith")
    first = result.posts[0]
    assert first.published_source == "attribute"
    assert first.published_raw == "Wed Apr 07, 2010 3:39 pm"
    assert first.published_at.replace(tzinfo=None) == datetime(2010, 4, 7, 15, 39, 46)  # the wall-clock shown
    assert first.published_at.utcoffset() == timedelta(hours=-4)


def test_phpbb_footer_timezone_gives_the_offset_of_display_dates():
    result = _golden("phpbb", "prosilver32-videolan")
    first = result.posts[0]
    assert first.published_source == "absolute"
    assert first.published_at.utcoffset() == timedelta(hours=2)  # "All times are UTC+02:00"


def test_phpbb_attachments_keep_their_caption_in_the_text():
    result = _golden("phpbb", "prosilver33-time-shopsmith")
    assert any(a.filename == "DSC00808.JPG" and a.url.startswith("https://forum.shopsmith.com/download/file.php?id=")
               for a in result.attachments)
    assert any("DSC00808.JPG (24.34 KiB)" in p.body_text for p in result.posts)


def test_phpbb_session_ids_never_reach_urls():
    for case in ("prosilver30-openoffice", "themed-ebaumsworld", "themed-anchors-airliners"):
        result = _golden("phpbb", case)
        for post in result.posts:
            for url in (post.url, post.author_url):
                assert url is None or "sid=" not in url, url


def test_phpbb_french_board_dates_and_seo_links():
    result = _golden("phpbb", "french-seo-maladiesraresinfo")
    assert result.thread.title == "Crédit immobilier et maladie rare"
    assert result.thread.board == "Emprunts bancaires et maladies rares"
    for post in result.posts:
        assert post.published_at is not None
        assert post.url.endswith(f"#p{post.native_id}")


def test_smf1_quote_headers_name_the_quoted_post():
    result = _golden("smf", "smf1-bpdfamily")
    assert len(result.posts) == 30
    assert result.thread.view_count == 1050
    assert (result.thread.page, result.thread.page_count) == (1, 2)
    assert result.thread.next_url == "https://bpdfamily.com/message_board/index.php?topic=343886.30"
    named = [q for q in result.quotes if q.quoted_author]
    assert named and all(q.text for q in named)
    for post in result.posts:
        assert "Quote from:" not in post.body_text
        assert "PHPSESSID" not in (post.url or "") + (post.author_url or "")


def test_smf21_keyinfo_date_is_the_post_date_not_the_edit():
    result = _golden("smf", "smf21-simplemachines")
    assert [p.author for p in result.posts][:2] == ["Biology Forums", "Arantor"]
    assert result.posts[0].published_at.replace(tzinfo=None) == datetime(2024, 6, 4, 11, 23, 55)


def test_mybb_edit_line_and_month_first_default():
    result = _golden("mybb", "mybb18-community")
    first = result.posts[0]
    assert first.published_at.replace(tzinfo=None) == datetime(2019, 2, 23, 21, 14)
    assert first.edited_at.replace(tzinfo=None) == datetime(2024, 1, 5, 3, 27)
    assert result.thread.next_url == "https://community.mybb.com/thread-222085-page-2.html"
    assert result.thread.board == "General Discussion"


def test_mybb_user_id_beside_a_search_friendly_profile_link():
    case = FIXTURES / "mybb" / "mybb18-community"
    url = json.loads((case / "case.json").read_text(encoding="utf-8"))["url"]
    expected = [p.author_id for p in _golden("mybb", "mybb18-community").posts]
    # Boards with search-friendly URLs name the profile ("User-Name"); the id stays in the
    # reputation and "find all posts" links beside it.
    html = re.sub(r'href="(?:https://community\.mybb\.com/)?user-\d+\.html"', 'href="User-Someone"', _page_text(case))
    draft = mybb.parse(Document(html, url), ParseContext(url, FETCHED, timezone.utc))
    assert all(p.author_url.endswith("/User-Someone") for p in draft.posts)
    assert [p.author_id for p in draft.posts] == expected and all(expected)


@pytest.mark.parametrize("jump", [' onclick="jumpto(); return false;"', ""])  # a board's style may drop the script
def test_phpbb30_page_of_pages_inside_the_jump_to_page_link(jump):
    case = FIXTURES / "phpbb" / "prosilver30-openoffice"
    url = "https://forum.openoffice.org/en/forum/viewtopic.php?f=9&t=15&start=25"
    bar = (f'247 posts &bull; <a href="#"{jump} title="Click to jump to page">Page <strong>2</strong> '
           'of <strong>10</strong></a> &bull; <span><a href="./viewtopic.php?f=9&amp;t=15">1</a><span class="page-sep">, </span>'
           '<strong>2</strong><span class="page-sep">, </span><a href="./viewtopic.php?f=9&amp;t=15&amp;start=50">3</a>'
           '<span class="page-dots"> ... </span><a href="./viewtopic.php?f=9&amp;t=15&amp;start=225">10</a></span>')
    html = re.sub(r"7 posts\s*&bull; Page <strong>1</strong> of <strong>1</strong>", bar, _page_text(case))
    draft = phpbb.parse(Document(html, url), ParseContext(url, FETCHED, timezone.utc))
    assert (draft.page, draft.page_count) == (2, 10)
    assert draft.next_url == "https://forum.openoffice.org/en/forum/viewtopic.php?f=9&t=15&start=50"


def test_phpbb3_name_link_that_fills_the_reply_box_is_no_profile():
    case = FIXTURES / "phpbb" / "prosilver30-openoffice"
    url = "https://forum.openoffice.org/en/forum/viewtopic.php?f=9&t=15"
    # A mod turns the name above the post into a button that puts "[b]RGB[/b], " into the reply
    # box; the profile link is the one in the poster's column.
    html = re.sub(r'<strong><a href="\./memberlist\.php\?mode=viewprofile&amp;u=100&amp;sid=\w+">RGB</a></strong>',
                  """<strong><a href="#postform" onclick="insert_text('[b]RGB[/b], '); return false;">RGB</a></strong>""",
                  _page_text(case))
    assert 'href="#postform"' in html
    post = next(p for p in phpbb.parse(Document(html, url), ParseContext(url, FETCHED, timezone.utc)).posts if p.author == "RGB")
    assert post.author_url == "https://forum.openoffice.org/en/forum/memberlist.php?mode=viewprofile&u=100"
    assert post.author_id == "100"


def test_fluxbb_edit_line_in_brackets():
    result = _golden("fluxbb", "archlinux-249553")
    first = result.posts[0]
    assert first.author == "wzrdtales"
    assert first.edited_at.replace(tzinfo=None) == datetime(2019, 9, 30, 11, 46, 18)
    assert "Last edited by" not in first.body_text


def test_punbb12_trail_title_and_quote_header():
    result = _parse(FIXTURES / "b1_markup" / "punbb12_oxygen.html", "http://example.org/forum/viewtopic.php?id=73")
    thread = result.thread
    assert (thread.engine, thread.title, thread.board) == ("fluxbb", "Backups fail at night", "Troubleshooting")
    assert thread.breadcrumbs == ("Index", "Troubleshooting", "Backups fail at night")
    assert [(p.native_id, p.author, p.published_raw) for p in result.posts] == [
        ("601", "marguerite", "2006-02-03 20:47:30"), ("602", "tobias", "2006-02-04 04:14:08")]
    reply = result.posts[1]
    assert reply.own_text == "Then the job runs with another user's limits at night. Check its crontab."
    (quote,) = result.quotes
    assert (quote.quoted_author, quote.text) == ("marguerite", "It works when I start it by hand.")


def test_phorum_message_ids_come_from_the_subject_links():
    result = _golden("phorum", "emerald-angelman-736")
    assert result.posts[0].native_id == "736"  # the opening message has no named anchor
    assert result.posts[1].url == "http://blog.angelman-asa.org/read.php?2,736,737#msg-737"


def test_ubbthreads_repeated_first_post_is_kept_once_and_positions_stay_dense():
    result = _golden("ubbthreads", "ubb77-ambergriscaye")
    ids = [p.native_id for p in result.posts]
    assert len(ids) == len(set(ids))
    assert [p.position for p in result.posts] == list(range(len(ids)))
    assert result.posts[0].published_at.replace(tzinfo=None) == datetime(2013, 1, 29, 9, 28)  # 01/29/13


def test_ubbthreads_title_is_the_text_after_the_last_breadcrumb_link_not_a_namesake():
    case = FIXTURES / "ubbthreads" / "ubb77-ambergriscaye"
    url = json.loads((case / "case.json").read_text(encoding="utf-8"))["url"]
    html = _page_text(case).replace(">Forums</a>", ">Chat</a>")  # an earlier link named as the last one
    draft = ubbthreads.parse(Document(html, url), ParseContext(url, FETCHED, timezone.utc))
    assert draft.title == "5 Photography Tips For Beginners"
    assert draft.breadcrumbs[1:] == ["Chat", "Talk Belize", "Photographs", "Chat"]


# --- helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url,expected", [
    ("https://a.org/index.php?PHPSESSID=04de&action=profile;u=114944", "https://a.org/index.php?action=profile;u=114944"),
    ("https://a.org/viewtopic.php?p=1&sid=abc#p1", "https://a.org/viewtopic.php?p=1#p1"),
    ("https://a.org/viewtopic.php?f=3&t=1&sid=1&start=50", "https://a.org/viewtopic.php?f=3&t=1&start=50"),
    ("https://a.org/showthread.php?tid=5", "https://a.org/showthread.php?tid=5"),
])
def test_without_session(url, expected):
    assert _kit.without_session(url) == expected


@pytest.mark.parametrize("header,name", [
    ("Quote from: once removed on April 06, 2020, 01:28:03 AM", "once removed"),
    ("Tim_Kerr wrote:", "Tim_Kerr"),
    ("Bahnfan hat geschrieben:", "Bahnfan"),
    ("Nanette63 a écrit :", "Nanette63"),
    ("Code: Select all", None),
])
def test_quoted_author(header, name):
    assert quoted_author(header) == name


@pytest.mark.parametrize("line,raw_date", [
    ("Last edited by John_Ha on Sun Apr 08, 2018 1:00 pm, edited 1 time in total.", "Sun Apr 08, 2018 1:00 pm"),
    ("« Last Edit: April 07, 2020, 02:20:14 PM by juju2 »", "April 07, 2020, 02:20:14 PM"),
    ("Zuletzt geändert von Bahnfan am 14.01.2009 19:02, insgesamt 1-mal geändert.", "14.01.2009 19:02"),
    ("(This post was last modified: 2024-01-05, 03:27 AM by StarredSkies. Edited 1 time in total.)", "2024-01-05, 03:27 AM"),
])
def test_edit_lines(line, raw_date):
    assert _when._EDITED.search(line)["date"] == raw_date


@pytest.mark.parametrize("html,expected", [
    ('<p class="author">by <strong><a href="./memberlist.php?mode=viewprofile&u=2">Ann</a></strong> » Sun Dec 15, 2019 4:58 pm</p>', "Sun Dec 15, 2019 4:58 pm"),
    ('<div class="smalltext">« <b>Reply #2 on:</b> April 06, 2020, 06:46:25 AM »</div>', "April 06, 2020, 06:46:25 AM"),
    ('<div class="smalltext">« <b>on:</b> <strong>Today</strong> at 09:45:21 PM »</div>', "Today at 09:45:21 PM"),
    ('<p class="author"><a href="./viewtopic.php?p=5#p5">Wed Dec 27, 2023 10:00 am</a></p>', "Wed Dec 27, 2023 10:00 am"),
])
def test_date_text(html, expected):
    node = Document(f"<html><body>{html}</body></html>", None).root.find(".//body")[0]
    assert _when.date_text(node) == expected


def test_footer_timezone():
    assert _when.footer_timezone('<li class="rightside">All times are <span title="UTC+1">UTC+01:00</span></li>') == timezone(timedelta(hours=1))
    assert _when.footer_timezone("<p>All times are UTC + 1 hour [ <abbr>DST</abbr> ]</p>") == timezone(timedelta(hours=2))
    assert _when.footer_timezone("<p>Nothing about time here, UTC or otherwise</p>") is None


def test_month_names_of_a_page_without_lang_are_read_in_other_languages():
    from scraper.parsers.model import ParseContext

    ctx = ParseContext(url=None, fetched_at=FETCHED, timezone=timezone.utc)
    assert _when.resolve_text(ctx, "Marzec 12, 2019, 10:15:23").value.replace(tzinfo=None) == datetime(2019, 3, 12, 10, 15, 23)
    assert _when.resolve_text(ctx, "no date at all") is not None and _when.resolve_text(ctx, "no date at all").value is None


def test_phorum_classic_template():
    result = _parse(FIXTURES / "b1_markup" / "phorum5_classic.html", "http://example.org/phorum/read.php?3,501")
    assert result.thread.engine == "phorum"
    assert [(p.native_id, p.author) for p in result.posts] == [("501", "greenthumb"), ("502", "visitor")]
    assert [p.published_at.replace(tzinfo=None) for p in result.posts] == [datetime(2008, 3, 3, 10, 22), datetime(2008, 3, 4, 19, 5)]
    assert result.posts[0].author_url == "http://example.org/phorum/profile.php?3,17"
    assert result.posts[1].body_text == "Is it too early to sow tomatoes indoors?\nNot at all, go ahead."
    assert result.posts[1].own_text == "Not at all, go ahead."
    assert [(q.quoted_author, q.text) for q in result.quotes] == [("greenthumb", "Is it too early to sow tomatoes indoors?")]
    assert result.thread.title == "Tomatoes in March"


def test_smf20_curve_layout():
    result = _parse(FIXTURES / "b1_markup" / "smf20_curve.html", "http://example.org/smf/index.php?topic=77.0")
    assert result.thread.engine == "smf"
    assert [(p.native_id, p.author) for p in result.posts] == [("900", "Rallye"), ("901", "Guest Walter")]
    first, reply = result.posts
    assert first.url == "http://example.org/smf/index.php?topic=77.msg900#msg900"  # not "email this post"
    assert first.published_at.replace(tzinfo=None) == datetime(2013, 11, 2, 20, 15)
    assert first.edited_at.replace(tzinfo=None) == datetime(2013, 11, 2, 20, 20, 11)
    assert first.body_text == "Which brand do you run in winter?"  # no signature
    assert reply.published_raw == "Today at 09:45:21 AM"
    assert reply.published_at.replace(tzinfo=None) == datetime(2026, 1, 1, 9, 45, 21)  # "Today" of the fetch
    assert reply.body_text == "Which brand do you run in winter?\nWhatever the shop had in stock."
    assert reply.own_text == "Whatever the shop had in stock."
    assert [(q.quoted_author, q.quoted_post_id) for q in result.quotes] == [("Rallye", "example.org:p:900")]
    thread = result.thread
    assert (thread.board, thread.view_count, thread.page, thread.page_count) == ("Tyres", 1234, 1, 2)  # not its moderator
    assert thread.next_url == "http://example.org/smf/index.php?topic=77.15"  # not rel=next: that is the next topic


def test_post_html_has_absolute_links_without_session_ids():
    result = _golden("phpbb", "themed-ebaumsworld")
    html = " ".join(p.body_html for p in result.posts)
    assert 'href="./' not in html and "sid=" not in html
    assert "<script" not in html and "onclick" not in html
