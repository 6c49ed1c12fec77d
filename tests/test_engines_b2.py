"""vBulletin, Vanilla, bbPress, wpForo, WoltLab, Forumotion and inSided: detection, dates, quotes
(and Misago's quotes).

The golden cases (tests/fixtures/<engine>/<case>/) hold every record of a real page; these tests
name the behaviours that matter one by one, so a failure says what broke.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from scraper.parsers.engines import _when, bbpress, forumotion, insided, misago, vanilla, vbulletin, woltlab, wpforo
from scraper.parsers.html import Document, cut_quotes, text_of
from scraper.parsers.inputs import decode, read_file
from scraper.parsers.model import ParseContext
from tests.golden import page_file, parse_case

FIXTURES = Path(__file__).parent / "fixtures"
B2 = {m.NAME: m for m in (vbulletin, vanilla, bbpress, wpforo, woltlab, forumotion, insided)}
CASES = sorted(c for name in B2 for c in (FIXTURES / name).glob("*") if (c / "case.json").exists())
UTC = timezone.utc
FETCHED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _doc(case: Path) -> Document:
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    (page,) = read_file(page_file(case), meta["url"], FETCHED)
    return Document(decode(page.body, page.content_type), meta["url"])


def _posts(case: str) -> tuple[dict, list[dict], list[dict]]:
    _, records = parse_case(FIXTURES / case)
    thread = next(r for r in records if r["type"] == "thread")
    return thread, [r for r in records if r["type"] == "post"], [r for r in records if r["type"] == "quote"]


def _ctx() -> ParseContext:
    return ParseContext("https://example.com/t", FETCHED, UTC)


# -- detection ---------------------------------------------------------------------------------


def test_there_are_two_cases_for_the_engines_with_two_corpus_pages():
    for name in ("vbulletin", "vanilla", "bbpress", "wpforo"):
        assert len(list((FIXTURES / name).glob("*/case.json"))) >= 2, name


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_only_its_own_engine_claims_the_page(case):
    doc = _doc(case)
    claims = [name for name, module in B2.items() if module.detect(doc)]
    assert claims == [case.parent.name]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_no_engine_raises_on_another_engines_page(case):
    doc = _doc(case)
    for module in B2.values():
        module.parse(doc, _ctx())


def test_wordpress_without_forum_markup_is_not_bbpress_or_wpforo():
    doc = Document("<html><body class='home blog wp-embed-responsive'><article class='post-1 post type-post'>"
                   "<div class='entry-content'><p>Hello</p></div></article></body></html>", "https://example.com/")
    assert not bbpress.detect(doc) and not wpforo.detect(doc)


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [
    ("11-29-2024, 01:50 PM", "2024-11-29T13:50"),  # vBulletin's default US order
    ("14.12.2019 21:42", "2019-12-14T21:42"),  # German dots are day-first
    ("30/03/2025 3:08 pm", "2025-03-30T15:08"),  # slashes are day-first unless the page says otherwise
    ("30th March 2025, 16:26", "2025-03-30T16:26"),
    ("Feb 14, 2026 | 9:07 pm", "2026-02-14T21:07"),
    ("Posted Apr 11, 2020, 3:37 PM", "2020-04-11T15:37"),
    ("17th February 2013 at 8:55 pm", "2013-02-17T20:55"),
    ("26/10/13, 03:48 pm", "2013-10-26T15:48"),
    ("Today, 10:24 PM", "2026-03-01T22:24"),
    ("Heute, 10:24", "2026-03-01T10:24"),
])
def test_display_dates(raw, expected):
    resolved = _when.shown_date(raw, _ctx())
    assert resolved.value is not None, raw
    assert resolved.value.strftime("%Y-%m-%dT%H:%M") == expected
    assert resolved.raw == raw


def test_the_pages_other_dates_decide_an_ambiguous_numeric_date():
    from scraper.parsers.model import PostDraft

    ctx = _ctx()
    posts = [PostDraft("a", published=_when.shown_date("04-05-2020, 10:00 AM", ctx)),
             PostDraft("b", published=_when.shown_date("29-11-2020, 11:00 AM", ctx))]
    assert posts[0].published.value.month == 4  # dashes alone: vBulletin's US order
    _when.settle_day_order(posts, ctx)
    assert (posts[0].published.value.month, posts[0].published.value.day) == (5, 4)
    assert posts[0].published.raw == "04-05-2020, 10:00 AM"


def test_a_year_less_date_is_the_last_such_day_before_the_fetch():
    assert _when.shown_date("March 27", _ctx()).value.date().isoformat() == "2025-03-27"
    assert _when.shown_date("February 27", _ctx()).value.date().isoformat() == "2026-02-27"


@pytest.mark.parametrize("text, hours", [
    ("All times are GMT -5. The time now is 08:15 AM.", -5),
    ("Alle Zeitangaben in WEZ +2. Es ist jetzt 13:10 Uhr.", 2),
    ("All times are GMT. The time now is 08:15 AM.", 0),
    ("All times are GMT +5.5", 5.5),
])
def test_footer_timezones(text, hours):
    assert _when.footer_timezone(text).utcoffset(None) == timedelta(hours=hours)


def test_a_utc_attribute_and_local_display_text_keep_the_wall_clock():
    # vBulletin 5 prints the board's local time beside a UTC-offset attribute.
    resolved = _when.machine_date("2024-05-07T00:05:40-07:00", "05-06-2024, 11:05 PM", _ctx(), display_offset=True)
    assert resolved.value.isoformat() == "2024-05-06T23:05:40-08:00"
    assert resolved.raw == "05-06-2024, 11:05 PM"


# -- vBulletin ---------------------------------------------------------------------------------


def test_vbulletin3_posts_authors_and_gmt_footer():
    thread, posts, _ = _posts("vbulletin/vb3-skyscraperpage")
    assert thread["engine"] == "vbulletin" and thread["parser_version"].endswith("/vb3")
    assert thread["breadcrumbs"] == ["SkyscraperPage Forum", "Discussion Forums", "City Discussions"]
    assert [p["author"] for p in posts[:2]] == ["Docere", "Crawford"]
    assert posts[0]["native_id"] == "8868895"
    assert posts[0]["published_at"] == "2020-03-21T00:31:00+00:00"  # "All times are GMT."
    assert "s=" not in posts[0]["url"]  # session ids stripped from permalinks


def test_vbulletin3_next_page_is_the_following_page_number_without_rel_next():
    doc = _doc(FIXTURES / "vbulletin" / "vb3-skyscraperpage-quotes")
    draft = vbulletin.parse(Document(doc.text.replace('rel="next"', 'rel="x"'), doc.url), _ctx())
    assert draft.next_url == "http://skyscraperpage.com/forum/showthread.php?t=242327&page=2"


def test_vbulletin3_quotes_and_page_links():
    thread, posts, quotes = _posts("vbulletin/vb3-skyscraperpage-quotes")
    assert (thread["page"], thread["page_count"]) == (1, 16)
    assert thread["next_url"] == "http://skyscraperpage.com/forum/showthread.php?t=242327&page=2"
    reply = posts[2]
    assert reply["body_text"].startswith("Quote:\nOriginally Posted by dc_denizen\nI kind of feel like")
    assert reply["own_text"].startswith("It probably would")
    assert "Originally Posted by" not in reply["own_text"]
    quote = next(q for q in quotes if q["post_id"] == reply["post_id"])
    assert (quote["quoted_author"], quote["quoted_post_id"]) == ("dc_denizen", posts[1]["post_id"])


def test_vbulletin4_quotes_leave_the_own_words_and_dates_take_the_footer_offset():
    thread, posts, quotes = _posts("vbulletin/vb4-webhostingtalk")
    assert thread["thread_id"].endswith(":t:1930933")
    assert posts[1]["own_text"] == "Phone support."
    assert posts[1]["body_text"].startswith("Originally Posted by HOSTLAR\nHello\n")
    first_quote = next(q for q in quotes if q["post_id"] == posts[1]["post_id"])
    assert first_quote["quoted_author"] == "HOSTLAR"
    assert first_quote["quoted_post_id"] == posts[0]["post_id"]
    assert posts[1]["published_at"] == "2024-11-29T13:50:00-04:00"  # "All times are GMT -4"
    assert all("Reply With Quote" not in p["body_text"] and "Join Date" not in p["body_text"] for p in posts)


@pytest.mark.parametrize("friendly", ["member.php/\\1-name", "member.php?\\1-name"])
def test_vbulletin4_friendly_member_urls_keep_the_user_id(friendly):
    doc = _doc(FIXTURES / "vbulletin" / "vb4-webhostingtalk")
    want = [p.author_id for p in vbulletin.parse(doc, _ctx()).posts]
    text = re.sub(r"member\.php\?u=(\d+)", friendly, doc.text)
    assert [p.author_id for p in vbulletin.parse(Document(text, doc.url), _ctx()).posts] == want
    assert want[0] and all(want)


def test_vbulletin5_keeps_the_displayed_wall_clock():
    thread, posts, _ = _posts("vbulletin/vb5-ascendacoustics")
    assert thread["title"] == "Home Theater Speaker Recommendations"
    assert posts[2]["published_at"] == "2024-05-06T23:05:40-08:00"
    assert posts[1]["edited_at"] is not None
    assert "XGIMI" not in posts[1]["body_text"]  # the signature


def test_vbulletin5_epoch_beats_a_datetime_without_offset():
    doc = _doc(FIXTURES / "vbulletin" / "vb5-ascendacoustics")
    want = [p.published.value for p in vbulletin.parse(doc, _ctx()).posts]
    # vBulletin 5.5: ``datetime`` holds the server's wall-clock (here an hour off the board's)
    # without its offset; the post's ``data-node-publishdate`` is the instant.
    text = re.sub(r"datetime='([^']+)-07:00'", r"datetime='\1'", doc.text)
    stamps = iter(str(int(value.timestamp())) for value in want)
    text = re.sub(r'class="b-post js-post ', lambda m: f'data-node-publishdate="{next(stamps)}" {m[0]}', text)
    posts = vbulletin.parse(Document(text, doc.url), _ctx()).posts
    assert [p.published.value for p in posts] == want and len(want) == 3
    assert str(posts[2].published.value) == "2024-05-06 23:05:40-08:00"


ARCHIVE = """<html><head><meta name="generator" content="vBulletin 3.8.7" /></head><body>
<div id="navbar"><a href="http://x.org/forum/">X Forum</a> &gt; <a href="http://x.org/forum/forumdisplay.php?f=1">Cities</a> &gt; Skylines</div>
<div class="pda"><a href="http://x.org/forum/showthread.php?t=242327">View Full Version : Skylines</a></div>
<div id="pagenumbers"><strong>1</strong> <a href="t-242327-p-2.html">2</a></div>
<div class="post"><div class="posttop"><div class="username">Razor</div><div class="date">04-11-2020, 01:02 PM</div></div>
<div class="posttext">Why do they overperform?</div></div>
<div class="post"><div class="posttop"><div class="username">JManc</div><div class="date">04-11-2020, 03:37 PM</div></div>
<div class="posttext"><div style="margin:20px"><div class="smallfont">Quote:</div><table><tr><td class="alt2">
<div>Originally Posted by <strong>dc_denizen</strong></div><div style="font-style:italic">Little investment.</div></td></tr></table></div>
It probably would.</div></div></body></html>"""


def test_vbulletin_lite_archive_pages():
    doc = Document(ARCHIVE, "http://x.org/forum/archive/index.php/t-242327.html")
    assert vbulletin.detect(doc)
    draft = vbulletin.parse(doc, _ctx())
    assert (draft.title, draft.native_id, draft.page, draft.page_count) == ("Skylines", "242327", 1, 2)
    assert [p.author for p in draft.posts] == ["Razor", "JManc"]
    assert draft.posts[1].published.value.isoformat() == "2020-04-11T15:37:00+00:00"
    assert draft.posts[1].body_text == "Quote:\nOriginally Posted by dc_denizen\nLittle investment.\nIt probably would."
    assert [(q.author, q.text) for q in draft.posts[1].quotes] == [("dc_denizen", "Little investment.")]


# -- Vanilla -----------------------------------------------------------------------------------


def test_vanilla_dates_come_from_the_time_title_with_the_site_offset():
    _, posts, _ = _posts("vanilla/polkaudio")
    assert posts[0]["published_at"] == "2018-03-23T14:15:21-04:00"
    assert posts[0]["native_id"] == "discussion-181290"
    assert posts[1]["url"].endswith("/discussion/comment/2396250/#Comment_2396250")


def test_vanilla_user_quotes_name_the_quoted_post():
    _, posts, quotes = _posts("vanilla/polkaudio")
    quote = next(q for q in quotes if q["quoted_author"] == "FestYboy")
    assert quote["quoted_post_id"].endswith(":p:2396263")
    assert "wrote:" not in quote["text"]
    assert all("wrote:" not in (p["body_text"] if p["own_text"] is None else p["own_text"]) for p in posts)


# -- bbPress, wpForo ---------------------------------------------------------------------------


def test_bbpress_stock_templates():
    thread, posts, _ = _posts("bbpress/charlesdowding")
    assert thread["title"] == "New Raised Beds: mulch or grow?"
    assert [p["author"] for p in posts] == ["kevinspiers", "bluebell", "kevinspiers", "charles", "kevinspiers"]
    assert posts[0]["published_at"] == "2013-02-17T20:55:00+00:00"


def test_bbpress_theme_with_lead_topic_and_featured_copies():
    thread, posts, _ = _posts("bbpress/theprepared")
    assert thread["title"] == "Garden experiments with hard soil"
    assert posts[0]["author"] == "Josh Centers" and posts[0]["published_at"].startswith("2020-11-11")
    assert len({p["native_id"] for p in posts}) == len(posts) == 6


def test_wpforo_cut_names_and_topic_title():
    thread, posts, _ = _posts("wpforo/prusa3d")
    assert thread["title"] == "New to 3D printing"
    assert posts[0]["author"] == "Anthony williams"  # shown as "Anthony willia..."
    assert posts[0]["published_at"] == "2025-03-30T15:08:00+00:00"
    assert "Log in to be able to post" not in posts[0]["body_text"]
    thread, _, _ = _posts("wpforo/redwoodrvowners")
    assert thread["title"] == "Possible broken link on the Common Problems & Solutions page"


# -- WoltLab, Forumotion, inSided --------------------------------------------------------------


def test_woltlab_dates_quotes_and_reactions():
    _, posts, quotes = _posts("woltlab/kemper")
    assert posts[0]["published_at"] == "2024-03-23T19:02:47+01:00"
    assert posts[2]["likes"] == 3
    assert quotes and all(q["quoted_author"] == "dogmanljk" and q["quoted_post_id"].endswith(":p:676122") for q in quotes)


def test_forumotion_skips_the_advert_post():
    thread, posts, _ = _posts("forumotion/wolfsrebellen")
    assert thread["title"] == "Forums-Regeln"
    assert [p["native_id"] for p in posts] == ["7", "655", "702"]
    assert posts[0]["author"] == "lupa" and posts[0]["published_at"] == "2013-10-26T15:48:00+00:00"


def test_insided_dates_from_tooltips_and_the_topic_header():
    thread, posts, _ = _posts("insided/ovoenergy")
    assert thread["view_count"] == 16803 and thread["reply_count"] == 20
    assert posts[0]["published_at"].startswith("2021-06-14")
    assert posts[1]["published_at"].startswith("2021-06-23") and posts[1]["likes"] == 1
    assert all("Carbon neutral" not in p["body_text"] for p in posts)  # signatures


def test_insided_next_page_from_a_next_link_written_without_quotes():
    case = FIXTURES / "insided" / "ovoenergy"
    doc = _doc(case)
    html = doc.text.replace("</body>", "<a rel=next href='?page=2'>Next</a></body>")
    draft = insided.parse(Document(html, doc.url), _ctx())
    assert draft.next_url == doc.url.split("?")[0] + "?page=2"


def test_quoted_text_leaves_the_own_words_for_quote_records():
    draft = vbulletin.parse(Document(ARCHIVE, "http://x.org/forum/archive/index.php/t-242327.html"), _ctx())
    post = draft.posts[1]
    assert cut_quotes(post.body_element) and text_of(post.body_element) == "It probably would."
    assert "Little investment." in draft.posts[1].quotes[0].text
    assert [q.author for q in draft.posts[1].quotes] == ["dc_denizen"]


def test_misago_quote_block_class_may_be_written_with_line_breaks():
    body = Document('<div><aside class="quote-block\n  x"><blockquote data-author="@ann">quoted</blockquote></aside>'
                    "reply</div>", None).css_first("div")
    assert [(q.author, q.text) for q in misago._quotes(body)] == [("ann", "quoted")]
    assert cut_quotes(body) and text_of(body) == "reply"
