"""The toolkit the forum engine parsers share (engines/_kit, _body, _when), and what the engines
make of it on real pages: the thread's timezone, post authors on Tapatalk-hosted phpBB."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from scraper.parsers.engines import _body, _kit, _when
from scraper.parsers.html import QUOTE_MARK, Document, cut_quotes, text_of
from scraper.parsers.inputs import read_file
from scraper.parsers.model import ParseContext, QuoteDraft
from scraper.parsers.parse import parse_page

FIXTURES = Path(__file__).parent / "fixtures"
FETCHED = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _records(case: str, tz=None) -> tuple[dict, list[dict]]:
    folder = FIXTURES / case
    meta = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    page_file = next(folder / n for n in ("page.html", "page.html.gz") if (folder / n).exists())
    (page,) = read_file(page_file, meta["url"], FETCHED)
    result = parse_page(page, timezone=tz)
    thread = next(r for r in result.records() if type(r).__name__ == "Thread")
    return thread, [p for p in result.posts]


# -- the thread's timezone ----------------------------------------------------------------------


def test_a_footer_timezone_is_the_threads_timezone():
    thread, posts = _records("phpbb/prosilver30-openoffice")  # "All times are UTC+02:00"
    assert thread.timezone == "UTC+02:00"
    assert posts[0].published_at.utcoffset() == timedelta(hours=2)


def test_a_timezone_the_user_names_wins_over_the_footer():
    thread, posts = _records("phpbb/prosilver30-openoffice", tz=ZoneInfo("Europe/Berlin"))
    assert thread.timezone == "Europe/Berlin"


def test_vbulletin_footer_timezone_reaches_the_thread():
    thread, _ = _records("vbulletin/vb4-webhostingtalk")  # "All times are GMT -4"
    assert thread.timezone == "UTC-04:00"


def test_the_offset_all_machine_dates_share_is_the_threads_timezone():
    thread, posts = _records("xenforo/xf2-california-roadbikereview")
    assert {p.published_at.utcoffset() for p in posts} == {timedelta(hours=-5)}
    assert thread.timezone == "UTC-05:00"


@pytest.mark.parametrize("text, minutes", [
    ("All times are GMT +5.5. The time now is 08:15 AM.", 330),
    ("All times are GMT +9.5", 570),
    ("<p>All times are <span>UTC - 3:30</span></p>", -210),
    ("All times are GMT -5. The time now is 08:15 AM.", -300),
])
def test_footer_offsets_with_half_hours(text, minutes):
    assert _when.footer_timezone(text).utcoffset(None) == timedelta(minutes=minutes)


# -- dates --------------------------------------------------------------------------------------


def test_a_dashed_numeric_date_reads_month_first_unless_the_page_says_otherwise():
    ctx = ParseContext("https://x.org/t/1", FETCHED, timezone.utc)
    assert _when.shown_date("04-05-2020, 10:00 AM", ctx).value.month == 4
    assert _when.shown_date("04-05-2020, 10:00 AM", ctx, day_first=True).value.month == 5
    assert _when.shown_date("04/05/2020, 10:00", ctx).value.month == 5  # the date parser's own default


# -- Tapatalk-hosted phpBB ----------------------------------------------------------------------


def test_tapatalk_authors_are_named_once():
    # The name is rendered twice (a desktop and a mobile block) inside one "avatar-username" box.
    _, posts = _records("phpbb/tapatalk-tfhmagazine")
    assert posts[0].author == "AquaCare"
    assert all(p.author and len(p.author) < 30 and p.author[: len(p.author) // 2] * 2 != p.author for p in posts)


def test_tapatalk_consecutive_posts_keep_their_author():
    # The second of two posts in a row shows no profile; its post_data script names the author.
    _, posts = _records("phpbb/tapatalk-tfhmagazine")
    by_id = {p.native_id: p.author for p in posts}
    assert by_id["341002"] == by_id["341003"] == "C. Andrew Nelson"


# -- bodies -------------------------------------------------------------------------------------


def _el(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_quotes_leave_the_text_and_the_words_after_them_stay():
    body = _body.split_body(_el("<blockquote>quoted words</blockquote> my own words"), None, quote_xpath=".//blockquote")
    assert body.text == "quoted words\nmy own words"  # the text and HTML show the quote as the page did
    assert "quoted words" in body.html and QUOTE_MARK not in body.html
    assert [q.text for q in body.quotes] == ["quoted words"]
    assert cut_quotes(body.element) and text_of(body.element) == "my own words"


def test_a_reader_keeps_a_code_box_and_cuts_an_attribution_line_without_a_record():
    def read(node):
        if "code" in (node.get("class") or ""):
            return None
        return QuoteDraft("") if node.tag == "p" else QuoteDraft(text_of(node), "Ann")

    html = "<pre class='code'>x = 1</pre><p class='said'>Ann said:</p><blockquote>hi</blockquote>mine"
    body = _body.split_body(_el(html), None, quote_xpath=".//pre | .//p[@class='said'] | .//blockquote", read_quote=read)
    assert [(q.text, q.author) for q in body.quotes] == [("hi", "Ann")]
    assert cut_quotes(body.element) and text_of(body.element).split("\n") == ["x = 1", "mine"]


def test_session_ids_leave_links_only_when_asked():
    html = "<a href='https://x.org/viewtopic.php?t=1&sid=abc123'>t</a><a href='https://blog.org/?s=term'>s</a>"
    kept = _body.split_body(_el(html), None)
    assert "sid=abc123" in kept.html and "s=term" in kept.html
    cleaned = _body.split_body(_el(html), None, session_links=True)
    assert "sid=" not in cleaned.html and "https://x.org/viewtopic.php?t=1" in cleaned.html


def test_the_mobile_app_line_leaves_the_text():
    body = _body.split_body(_el("<p>Nice tank.</p><p>Sent from my SM-G991B using Tapatalk</p>"), None)
    assert body.text == "Nice tank."


@pytest.mark.parametrize("line, when", [
    ("Last edited by X on Fri Oct 25, 2013 2:50 pm, edited 1 time in total.", datetime(2013, 10, 25, 14, 50)),
    ("Last edited: Oct 25, 2013", datetime(2013, 10, 25)),  # the year is no count of edits
    ("Last edited by Bob; 10-25-2013 at 02:50 PM. Reason: typo", datetime(2013, 10, 25, 14, 50)),
    ("Zuletzt bearbeitet: 25 Oktober 2013, 14:50 von X", datetime(2013, 10, 25, 14, 50)),
    ("Ultima modificacion: 25 de Octubre de 2013, 02:50:27 pm por Quas4R", datetime(2013, 10, 25, 14, 50, 27)),
    ("Laatst bewerkt door X op 25-10-2013 om 14:50", datetime(2013, 10, 25, 14, 50)),
    ("Senast redigerad av X: 2013-10-25 14:50", datetime(2013, 10, 25, 14, 50)),
    ("Editado pela última vez por X em 25/10/2013 às 14:50", datetime(2013, 10, 25, 14, 50)),
    ("Sửa lần cuối bởi Phovang; 25-10-2013 lúc 02:50 PM.", datetime(2013, 10, 25, 14, 50)),
    ("This post has been reported", None),
])
def test_edit_lines_in_many_languages(line, when):
    ctx = ParseContext("https://example.org/t/1", datetime(2026, 1, 1, tzinfo=timezone.utc), timezone.utc)
    edited = _when.edited_date(ctx, line)
    assert (edited.value.replace(tzinfo=None) if edited else None) == when


@pytest.mark.parametrize("canonical, expected", [
    ("honest-request.html", "https://vanilla.example.org/discussion/10032/honest-request"),  # wget -k's saved file
    ("/discussion/10032/honest-request", "https://vanilla.example.org/discussion/10032/honest-request"),
    ("https://vanilla.example.org/discussion/10032/x", "https://vanilla.example.org/discussion/10032/x"),
])
def test_a_mirrors_canonical_link_to_its_saved_file_gives_way_to_og_url(canonical, expected):
    doc = Document(f'<html><head><link rel="canonical" href="{canonical}"><meta property="og:url" '
                   'content="https://vanilla.example.org/discussion/10032/honest-request"></head><body></body></html>',
                   "https://vanilla.example.org/discussion/10032/honest-request")
    assert _kit.canonical_url(doc) == expected


# -- small helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize("shown, number", [
    ("1,234 replies", 1234), ("1.234", 1234), ("12K", 12000), ("1.2k views", 1200), ("12 members", 12), ("none", None),
])
def test_counts(shown, number):
    assert _kit.count(shown) == number


def test_session_free_urls_keep_the_rest_of_the_query():
    assert _kit.without_session("https://x.org/index.php?topic=5.0;PHPSESSID=ab12#msg3") == "https://x.org/index.php?topic=5.0#msg3"
    assert _kit.without_session("https://x.org/showthread.php?s=ab12&t=9") == "https://x.org/showthread.php?t=9"


def test_the_page_names_hold_every_class_id_and_name_as_parsed():
    from scraper.parsers.html import Document

    doc = Document(
        '<html><body><div class="post\tmessage-body" id="p12"><a name="msg7">x</a></div>'
        '<span class="&#112;ostbody">spelt with a reference</span></body></html>', None
    )
    names = _kit.names(doc)
    assert names is _kit.names(doc)  # read once per page
    assert names.has("message-body") and names.has("p12", "nothing") and names.has("postbody")
    assert not names.has("message") and not names.has("x")
    assert names.containing("sage-bo") and names.starting("msg") and not names.starting("sg")
    assert names.matching(re.compile(r" p\d+ ")) and names.ids == ["p12"] and names.name_values == ["msg7"]


def test_a_selector_group_from_the_class_index_keeps_page_order():
    post = lxml.html.fromstring(
        '<div><p class="post-text">old</p><span itemprop="text">meta</span><p class="js-post-body">new</p></div>'
    )
    c = _kit.Classes(post, ("itemprop",))
    # as ".js-post-body, .post-text, [itemprop='text']" finds them: the first in page order
    assert c.earliest("js-post-body", "post-text", "itemprop=text").text == "old"
    assert c.earliest("js-post-body", "itemprop=text").text == "meta"
    assert c.earliest("js-post-body").text == "new" and c.earliest("missing") is None


def test_classes_limited_to_some_names_finds_those_as_the_full_index_does_and_refuses_others():
    post = lxml.html.fromstring(
        '<div><p class="a\tb x" id="1"></p><p class="b" itemprop="text"></p><span class=" b  c"></span></div>'
    )
    full, only = _kit.Classes(post, ("itemprop",)), _kit.Classes(post, ("itemprop",), only=frozenset({"b", "c"}))
    assert only.all("b") == full.all("b") and len(only.all("b")) == 3
    assert only.first("c") is full.first("c") is post[2] and only.first("b", tag="span") is post[2]
    assert only.earliest("c", "itemprop=text") is post[1] and only.all("itemprop=missing") == []
    with pytest.raises(KeyError):
        only.first("x")


def test_inside_first_takes_the_first_holder_that_has_a_match():
    post = lxml.html.fromstring(
        '<div><p class="meta">no date</p><p class="date"><time>1 May</time></p><p class="head"><time>2 May</time></p></div>'
    )
    c = _kit.Classes(post)
    assert _kit.inside_first(".//time", c.first("missing"), c.first("meta"), c.first("date"), c.first("head")).text == "1 May"
    assert _kit.inside_first(".//time", None, c.first("meta")) is None


def test_a_page_that_names_its_engine_goes_to_it_before_the_others_read_its_markup(monkeypatch):
    from scraper.parsers import engines, pagenames
    from scraper.parsers.html import Document

    def unread(root):
        raise AssertionError("an engine ahead of Discourse in the registry read the page's names")

    monkeypatch.setattr(pagenames, "Names", unread)
    doc = Document('<html><head><meta name="generator" content="Discourse 3.2"></head><body></body></html>', None)
    assert engines.choose(doc).NAME == "discourse"


@pytest.mark.parametrize("module", ["scraper.parsers.articles.detect", "scraper.parsers.article", "scraper.parsers.engines"])
def test_the_parsers_import_in_any_order(module):
    # The article/forum decision reads the page's names, and the engine registry imports the
    # article parser: a fresh interpreter must import each of them first without a cycle.
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)


def test_under_each_reads_the_matches_under_each_node_in_turn():
    page = lxml.html.fromstring('<div><p class="bar"><a>1</a><a>2</a></p><a>out</a><p class="bar"><a>3</a></p></div>')
    bars = _kit.xpath(page, "descendant::p[@class='bar']")
    assert [a.text for a in _kit.under_each(bars, "descendant::a")] == ["1", "2", "3"]
    assert _kit.under_each([], "descendant::a") == []
