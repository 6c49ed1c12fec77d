"""The generic forum parser: schema.org markup first, then repeated post blocks.

Golden pages under ``tests/fixtures/generic/<case>/`` are forced cases (``"force": true`` in
``case.json``): they are read with the generic parser forced, because which parser *detection* picks for a page
of unknown software is the article/forum decision, tested apart (``looks_like_forum``).
The unit tests below build small pages for one behaviour each.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import lxml.html
import pytest

from scraper.parsers import generic
from scraper.parsers.build import thread_key
from scraper.parsers.generic.authors import user_id
from scraper.parsers.generic.cues import user_href
from scraper.parsers.generic.facts import is_content_class
from scraper.parsers.generic.groups import mostly_furniture
from scraper.parsers.html import Document, cut_quotes, text_of
from scraper.parsers.inputs import decode, read_file
from scraper.parsers.model import ParseContext
from tests.golden import ROOT, cases, expected, page_file, parse_case

FORCED = [case for case in cases() if json.loads((case / "case.json").read_text(encoding="utf-8")).get("force")]
FETCHED = datetime(2020, 6, 15, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("case", FORCED, ids=[c.name for c in FORCED])
def test_golden_pages_look_like_forums(case):
    """The forced golden pages are forums by the generic parser's own test (their records are
    checked by tests/test_golden.py)."""
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    (page,) = read_file(page_file(case), meta["url"], FETCHED)
    assert generic.looks_like_forum(Document(decode(page.body, page.content_type), meta["url"]))


def test_there_are_generic_golden_pages():
    assert len(FORCED) >= 4


# Engine golden pages the generic parser, forced, reads as their engine does: they stand for the
# forums of unknown software it must read, with an answer key.
AS_THEIR_ENGINE = [
    "bbpress/charlesdowding", "discourse/crawler-blizzard-2020", "discourse/crawler-rust-lang-preloaded",
    "fluxbb/archlinux-249553", "fluxbb/archlinux-309936", "fluxbb/punbb12-textdrive", "forumotion/wolfsrebellen", "machina/thread_page1",
    "machina/thread_page3", "misago/thread_page1", "misago/thread_page3", "mybb/mybb18-community",
    "nodebb/windy-paged", "phorum/emerald-angelman-132", "phorum/emerald-angelman-736",
    "phpbb/french-seo-maladiesraresinfo", "phpbb/phpbb2-subsilver-oldclassiccar", "phpbb/prosilver-dark-nesdev-quotes",
    "phpbb/prosilver30-openoffice", "phpbb/prosilver32-videolan",
    "phpbb/prosilver33-raspberrypi", "phpbb/themed-anchors-airliners", "phpbb/themed-ebaumsworld", "smf/smf1-bpdfamily",
    "smf/smf21-simplemachines", "ubbthreads/ubb77-ambergriscaye", "vanilla/bitdefender",
    "vanilla/collegeconfidential-recent-box",
    "vbulletin/vb3-doom9", "vbulletin/vb3-skyscraperpage", "vbulletin/vb3-skyscraperpage-quotes",
    "vbulletin/vb4-drwindows-de", "vbulletin/vb4-webhostingtalk", "vbulletin/vb5-ascendacoustics",
    "woltlab/kemper", "wpforo/redwoodrvowners", "xenforo/xf1-gtplanet-historic-cars",
    "xenforo/xf1-juraforum-de", "xenforo/xf1-sufficientvelocity-threadmarks", "xenforo/xf2-california-roadbikereview", "xenforo/xf2-physicsforums-summary",
    "xenforo/xf2-statcounter-quotes-attachments",
]


@pytest.mark.parametrize("name", AS_THEIR_ENGINE)
def test_generic_reads_engine_pages_as_their_engines_do(name):
    """Every post, its author, its instant, and its words."""
    ours, theirs = _generic_and_engine_posts(name)
    assert len(ours) == len(theirs)
    for post, want in zip(ours, theirs):
        assert post["author"] == want["author"]
        assert post["published_at"] is not None and want["published_at"] is not None
        assert datetime.fromisoformat(post["published_at"]) == datetime.fromisoformat(want["published_at"])
        assert _same_words(post, want), post["body_text"][:80]


def test_generic_reads_a_table_per_post_as_one_post_not_its_rows():
    """phpBB 3.0's subsilver2: each post a table of three rows (name and date, profile and words,
    buttons), beside the page's other tables of that class."""
    ours, theirs = _generic_and_engine_posts("phpbb/subsilver2-dildano-tables")
    assert [(p["author"], p["published_at"]) for p in ours] == [(p["author"], p["published_at"]) for p in theirs]
    assert sum(_same_words(post, want) for post, want in zip(ours, theirs)) >= 9  # "at?" gains the row's "Top"


def test_generic_reads_ips5_authors_and_words_as_the_engine_does():
    """IPS 5: a <time>'s inner spans are one date (else each post looks like several merged), and
    the body class "ipsRichText--user" names no author.  (Its dates differ on purpose: a shown day
    beside a UTC instant of the day before is read as that day.)"""
    ours, theirs = _generic_and_engine_posts("ips/ips5-kerbal-paged")
    assert [p["author"] for p in ours] == [r["author"] for r in theirs]
    for post, want in zip(ours, theirs):
        assert _same_words(post, want), post["body_text"][:80]


# Engine golden pages whose quotes the generic parser, forced, reads as their engine does: the
# quoted text without its header ("X said:", "Quote from: X on DATE", "On DATE, X said:",
# "Originally Posted by X"), the quoted member, and the quoted post its header links to.
QUOTES_AS_THEIR_ENGINE = [
    "ips/ips4-neowin-quotes-reactions", "ips/ips5-kerbal-paged", "mybb/mybb18-community",
    "phpbb/phpbb2-subsilver-oldclassiccar", "phpbb/prosilver-dark-nesdev-quotes", "phpbb/themed-ebaumsworld", "smf/smf1-bpdfamily", "smf/smf21-simplemachines", "vbulletin/vb4-webhostingtalk",
    "woltlab/kemper", "xenforo/xf1-gtplanet-historic-cars", "xenforo/xf1-juraforum-de",
    "xenforo/xf2-statcounter-quotes-attachments",
]


@pytest.mark.parametrize("name", QUOTES_AS_THEIR_ENGINE)
def test_generic_reads_quotes_as_their_engines_do(name):
    case = ROOT / name
    _, records = parse_case(case, engine="generic")
    fields = ("post_id", "quoted_author", "quoted_post_id", "text")
    ours = [tuple(r.get(f) for f in fields) for r in records if r["type"] == "quote"]
    theirs = [tuple(r.get(f) for f in fields) for r in expected(case) if r["type"] == "quote"]
    assert ours == theirs


def _generic_and_engine_posts(name: str) -> tuple[list[dict], list[dict]]:
    """The posts the generic parser gives for an engine's golden page, and the engine's."""
    case = ROOT / name
    _, records = parse_case(case, engine="generic")
    return [r for r in records if r["type"] == "post"], [r for r in expected(case) if r["type"] == "post"]


def _same_words(post: dict, want: dict) -> bool:
    """Whether two posts share at least 80 % of their words."""
    words, want_words = set(post["body_text"].split()), set(want["body_text"].split())
    return len(words & want_words) >= 0.8 * len(words | want_words)


# --- one behaviour per small page ------------------------------------------------------------------

URL = "https://forum.example.org/thread/42"


def _parse(html: str):
    ctx = ParseContext(URL, FETCHED, timezone.utc)
    return generic.parse(Document(html, URL), ctx)


def _post(n: int, author: str, day: int, text: str, *, extra: str = "", cls: str = "post") -> str:
    return (
        f'<div class="{cls}" id="post-{1000 + n}"><div class="head"><a href="/members/{author.lower()}.{n}/">{author}</a> '
        f'<time datetime="2020-05-{day:02d}T10:0{n % 10}:00+02:00">{day} May 2020</time></div>'
        f'<div class="message">{text}{extra}</div></div>'
    )


# Bob's reply on PAGE, quoting Alice; tests swap it for other markup.
_BOBS_REPLY = _post(12, "Bob", 2, "A forged one with a tang through the handle.",
                    extra='<blockquote class="quote"><cite>Alice wrote:</cite>Mine bent in a week.</blockquote>')
PAGE = (
    "<html><head><title>Best trowel? | Example Forum</title></head><body>"
    '<nav class="breadcrumb"><a href="/">Home</a> <a href="/garden">Garden</a></nav>'
    "<h1>Best trowel?</h1>"
    + _post(11, "Alice", 1, "Which trowel lasts longest in clay soil? Mine bent in a week.")
    + _BOBS_REPLY
    + _post(13, "Carol", 3, "Stainless, and keep it out of the rain over winter.")
    + '<link rel="next" href="/thread/42/page-2"><div class="pagination">Page 1 of 3</div>'
    "</body></html>"
)


def test_posts_are_the_repeated_blocks_in_page_order():
    thread = _parse(PAGE)
    assert [p.author for p in thread.posts] == ["Alice", "Bob", "Carol"]
    assert thread.posts[0].body_text.startswith("Which trowel lasts longest")


def test_an_rdfa_date_is_read_from_its_content_and_a_guests_mark_is_no_part_of_the_name():
    # Drupal: <span property="dc:date dc:created" content="…+02:00">04/23/2019 - 12:00</span>;
    # a guest's name is followed by "(not verified)".
    def comment(n: int, name: str, moment: str, shown: str) -> str:
        return (f'<a id="comment-{n}"></a><div class="comment" about="/comment/{n}#comment-{n}" typeof="sioc:Post sioct:Comment">'
                f'<div class="submitted"><span class="username" property="foaf:name">{name}</span> '
                f'<span property="dc:date dc:created" content="{moment}" datatype="xsd:dateTime">{shown}</span></div>'
                f'<div class="content"><p>Reply number {n} with some words of its own.</p></div></div>')
    thread = _parse("<html><body><h1>Clinic hours</h1>"
                    + comment(4068, "Jeaacalay (not verified)", "2019-04-23T12:00:28+02:00", "Tue, 04/23/2019 - 12:00")
                    + comment(4070, "Ann", "2019-04-24T09:15:00+02:00", "Wed, 04/24/2019 - 09:15")
                    + comment(4071, "Bo (未验证)", "2019-04-25T18:40:00+02:00", "Thu, 04/25/2019 - 18:40") + "</body></html>")
    assert [p.author for p in thread.posts] == ["Jeaacalay", "Ann", "Bo"]
    assert [p.published.value.isoformat() for p in thread.posts] == [
        "2019-04-23T12:00:28+02:00", "2019-04-24T09:15:00+02:00", "2019-04-25T18:40:00+02:00"]


def test_native_id_and_permalink_come_from_the_block_id():
    post = _parse(PAGE).posts[0]
    assert post.native_id == "1011"
    assert post.url == URL + "#post-1011"


def test_a_short_reply_is_the_element_its_id_calls_the_message_not_the_profile_beside_it():
    # Discuz! X: each reply "好房出租！" (5 characters) beside a profile column of figures, in
    # td.t_f#postmessage_N, with "jammer" characters that the stylesheet hides.
    def floor(n: int, day: int) -> str:
        return (f'<div id="post_{n}"><table id="pid{n}"><tr><td class="pls"><div class="pi"><a href="/space-uid-7.html">汤圆</a></div>'
                '<dl class="pil cl"><dt>UID</dt><dd>292199</dd><dt>热情</dt><dd>106</dd><dt>人气</dt><dd>891</dd><dt>主题</dt>'
                '<dd>57</dd><dt>帖子</dt><dd>540</dd><dt>积分</dt><dd>805</dd><dt>阅读权限</dt><dd>20</dd></dl></td>'
                f'<td class="plc"><div class="authi"><em id="authorposton{n}">发表于 2020-4-{day} 16:27:02</em></div>'
                f'<table><tr><td class="t_f" id="postmessage_{n}">好房出租！<font class="jammer">9 u% h0 G+</font></td></tr></table>'
                '</td></tr></table></div>')
    thread = _parse("<html><body>" + "".join(floor(710 + n, 10 + n) for n in range(4)) + "</body></html>")
    assert [p.body_text for p in thread.posts] == ["好房出租！"] * 4


def test_a_link_that_writes_to_the_poster_about_the_post_is_no_permalink():
    # Discuz! X: "发消息" (send a message) carries the post's id before its "1#" floor link does.
    links = ('<a href="/home.php?mod=spacecp&amp;ac=pm&amp;op=showmsg&amp;touid=7&amp;pid={id}&amp;tid=42">PM</a>'
             '<a href="/forum.php?mod=redirect&amp;goto=findpost&amp;ptid=42&amp;pid={id}">#</a>')
    html = re.sub(r'(id="post-(\d+)".*?)(<div class="message">)', lambda m: m[1] + links.format(id=m[2]) + m[3], PAGE)
    assert [p.url for p in _parse(html).posts] == [
        f"https://forum.example.org/forum.php?mod=redirect&goto=findpost&ptid=42&pid={n}" for n in (1011, 1012, 1013)]


def test_the_id_of_an_author_link_is_no_post_id():
    page = re.sub(r' id="post-\d+"', "", PAGE)
    page = re.sub(r'<a href="/members/(\w+)\.(\d+)/">', r'<a href="/members/\1.\2/" id="user_90\2">', page)
    assert [(p.native_id, p.url) for p in _parse(page).posts] == [(None, None)] * 3


def test_the_author_id_is_the_member_number_of_the_profile_link():
    assert [(p.author_url, p.author_id) for p in _parse(PAGE).posts][:2] == [
        ("https://forum.example.org/members/alice.11/", "11"), ("https://forum.example.org/members/bob.12/", "12")]
    # A name marked up inside its link (MedHelp): the link around it is the profile.
    page = re.sub(r'<a href="/members/(\w+)\.(\d+)/">(\w+)</a>',
                  r'<a href="/personal_pages/user/90\2"><span itemprop="author"><span itemprop="name">\3</span></span></a>', PAGE)
    assert [(p.author, p.author_id) for p in _parse(page).posts] == [("Alice", "9011"), ("Bob", "9012"), ("Carol", "9013")]


def test_an_anchor_before_a_post_table_names_it_even_inside_a_paragraph():
    row = ("<a name='{n}'></a><table class='post'><tr><td><a href='/members/{a}/'>{a}</a> 2019.08.0{d} 15:35</td></tr>"
           "<tr><td>{t}</td></tr></table>")
    page = ("<html><body><center>" + row.format(n=32554, a="reluctantcare", d=3, t="How do you deal with giving up driving?")
            + "</center><p>" + row.format(n=32555, a="lurkingforacure", d=4, t="Wait, are you afraid he might lose his license?")
            + "<p>" + row.format(n=32556, a="VioletV", d=5, t="Some have said the doctor should be the one to tell him.")
            + "</body></html>")
    assert [(p.native_id, p.url) for p in _parse(page).posts] == [(n, f"{URL}#{n}") for n in ("32554", "32555", "32556")]


def test_a_rough_opening_date_takes_the_pages_schema_org_date_by_the_same_author():
    ld = ('<script type="application/ld+json">{"@type": "Article", "author": {"@type": "Person", "name": "%s"},'
          ' "datePublished": "2018-04-03T09:00:00"}</script>')
    page = PAGE.replace('<time datetime="2020-05-01T10:01:00+02:00">1 May 2020</time>', "<span>Posted: 2 years ago</span>")
    lead = _parse(page.replace("</head>", ld % "Alice" + "</head>")).posts[0]
    other = _parse(page.replace("</head>", ld % "Bob" + "</head>")).posts[0]
    assert (lead.published.value, lead.published.precision) == (datetime(2018, 4, 3, 9, 0, tzinfo=timezone.utc), "second")
    assert (other.published.value.year, other.published.precision) == (2018, "year")
    assert lead.published.raw == other.published.raw == "2 years ago"  # the text the page shows stays


def test_an_ambiguous_shown_day_is_read_the_way_its_instant_allows():
    # 1515026001 is 2018-01-04 00:33 UTC: the page (in a zone behind UTC) showed 3 January.
    page = PAGE.replace('<time datetime="2020-05-03T10:03:00+02:00">3 May 2020</time>', '<span data-xutime="1515026001">1/3/2018</span>')
    carol = _parse(page).posts[2]
    assert (carol.published.value, carol.published.precision, carol.published.raw) == (
        datetime(2018, 1, 3, tzinfo=timezone.utc), "day", "1/3/2018")


def test_the_member_a_post_replies_to_is_not_its_author():
    def reply(n: int, author: str, to: str) -> str:
        return (f'<div class="comment" id="post-resp-{n}"><div class="response-header"><div class="author-content">{author}'
                f'<div class="reply-author">in reply to <a href="/user/{to}">{to}</a></div></div>'
                f'<time datetime="2019-11-1{n % 10}T00:36:38">{n % 10} days ago</time></div><p>Reply number {n} with some words.</p></div>')
    page = ("<html><body>" + reply(141, '<a href="/user/Alice">Alice</a>', "Bob") + reply(142, "<span>Hidden</span>", "Alice")
            + reply(143, '<a href="/user/Carol">Carol</a>', "Alice") + "</body></html>")
    assert [(p.author, p.author_url) for p in _parse(page).posts] == [
        ("Alice", "https://forum.example.org/user/Alice"), ("Hidden", None), ("Carol", "https://forum.example.org/user/Carol")]


def test_loose_paragraphs_beside_the_name_are_all_the_post_even_when_the_largest_sits_in_a_span():
    def row(n: int, name: str, words: str) -> str:
        return (f"<tr><td><a href='/u/{n}/{name}'>{name}</a> <p><strong>Overview</strong></p><ul><li>A map of the world.</li></ul>"
                f"<p><span>{words}</span></p><p><span>Short second paragraph.</span></p>"
                f"<small><span data-xutime='139473376{n}'>3/13/2014</span> #{n}</small></td></tr>")
    long_words = "Like every world before it, this one is unique in its own way, with two islands and a bridge."
    page = "<html><body><table>" + "".join(row(n, name, long_words) for n, name in enumerate(("Ana", "Ben", "Cy"), 1)) + "</table></body></html>"
    posts = _parse(page).posts
    assert [p.author for p in posts] == ["Ana", "Ben", "Cy"]
    assert posts[0].body_text == f"Overview\nA map of the world.\n{long_words}\nShort second paragraph."


def test_the_title_is_the_heading_the_page_title_names_first():
    page = PAGE.replace("<h1>Best trowel?</h1>", '<h1 class="section">Garden Forum</h1><h1>Best trowel?</h1>')
    assert _parse(page).title == "Best trowel?"
    assert _parse(page.replace("Best trowel? | Example Forum", "Example Forum")).title == "Garden Forum"


def test_the_title_is_the_heading_the_page_title_begins_with_without_its_labels():
    def title(head: str, body: str) -> str | None:
        return _parse(f"<html><head>{head}</head><body>{body}{PAGE[PAGE.index('<div class'):]}").title

    logo = "<h1>The Puffer Forum</h1>"
    assert title("<title>Brackish tanks - Page 3 - The Puffer Forum</title>",
                 logo + '<h2 class="topic-title">Brackish tanks</h2>') == "Brackish tanks"
    assert title("<title>Brackish tanks | Puffers</title>",
                 "<h1>Thread: Brackish tanks</h1>") == "Brackish tanks"
    assert title("<title>Player - Brackish tanks | Puffers</title>",
                 '<h1><span class="label">Player</span> Brackish tanks</h1>') == "Brackish tanks"
    # og:title may begin with the site's name: the <title> is asked first
    og = '<meta property="og:title" content="The Puffer Forum-Brackish">'
    assert title("<title>Brackish tanks - Puffers</title>" + og,
                 logo + '<h2 class="topic-title">Brackish tanks</h2>') == "Brackish tanks"
    # a static archive: the site's name heads the page and ends its title, an <h2> ends with the thread
    assert title("<title>Stereo sound for GBA - gbadev.org forum archive</title>",
                 "<h1>gbadev.org forum archive</h1><h2>Audio > Stereo sound for GBA</h2>") == "Stereo sound for GBA"


def test_a_logo_heading_is_no_title_and_a_trail_ending_in_the_thread_names_it():
    page = PAGE.replace("<h1>Best trowel?</h1>", '<h1><a href="/">Example Forum</a></h1>').replace(
        '<a href="/garden">Garden</a></nav>', '<a href="/garden">Garden</a> <a href="/thread/42">Best trowel?</a></nav>')
    assert _parse(page).title == "Best trowel?"
    assert _parse(page.replace("Best trowel?</a></nav>", "Trowels</a></nav>")).title == "Best trowel? | Example Forum"
    sidebar = '<h2 class="widget-title">Latest posts</h2><h2 class="topic-title">Best trowel?</h2>'
    assert _parse(page.replace("<h1>", sidebar + "<h1>")).title == "Best trowel?"
    assert _parse(page.replace("<h1>", sidebar.replace("topic-title", "x") + "<h1>")).title == "Best trowel?"  # the trail's


@pytest.mark.parametrize("header", [
    '<div id="header"><div id="logo"><a href="/"><img src="/logo.png"></a></div><div id="heading"><h1>Example Forum</h1></div></div>',
    "",  # no <h1> at all
])
def test_the_title_names_the_thread_after_the_sites_name(header):
    # phpBB 3.0: "Site • Topic", the site's name the page's <h1>, the topic an <h2>.
    page = PAGE.replace("<title>Best trowel? | Example Forum</title>", "<title>Example Forum &bull; Best trowel?</title>")
    page = page.replace("<h1>Best trowel?</h1>", header + "<h2>Best trowel?</h2>")
    assert _parse(page).title == "Best trowel?"
    # A page header's <h1> is the thread's own, whatever <h2> the title names after it.
    page = page.replace(header + "<h2>Best trowel?</h2>", '<header class="page-header"><h1>Example Forum</h1><h2>Best trowel?</h2></header>')
    assert _parse(page).title == "Example Forum"


def test_a_logo_beside_a_named_anchor_is_no_title_nor_the_pages_number_part_of_it():
    logo = '<h1><a name="top"></a><a href="/" title="Example Forums"><span style="display:none">Example Forums</span></a></h1>'
    page = PAGE.replace("<title>Best trowel? | Example Forum</title>", "<title>Best trowel? - Page 3 - Example Forum</title>")
    assert _parse(page.replace("<h1>Best trowel?</h1>", logo)).title == "Best trowel?"


def _utility_post(n: int, name: str, text: str) -> str:
    # Styling utilities for classes (shared with the header and the page's containers), no
    # profile links: the post id and "name · date" are all that mark a post.
    return (
        f'<div id="{150881800 + n}" class="relative pt-3 border rounded-xl" data-reply-id="{150881800 + n}">'
        f'<div class="mt-1 relative"><div class="font-bold">{name} · <span>03/03/2026 19:{40 + n}</span></div></div>'
        f'<div class="prose w-full"><p>{text}</p></div></div>'
    )


UTILITY_PAGE = (
    '<html><body><div class="relative flex flex-col"><main><div class="relative mx-auto">'
    '<nav class="relative flex">Talk</nav>'
    '<div><div class="px-4 border rounded-xl"><h1 class="text-2xl">Cheap family meals</h1>'
    '<div id="original-post"><p class="font-bold">longshot · <span>03/03/2026 19:30</span></p>'
    '<div class="prose w-full"><p>I need to cut our food bill: which meals for four come in cheapest for you?</p></div>'
    "</div></div></div>"
    + _utility_post(1, "keepingsanity", "Chicken thighs as a tray bake with whatever vegetables are cheap.")
    + '<div class="relative min-h-[628px]">advert</div>'
    + _utility_post(2, "FolioQuarto", "Jacket potatoes, grated cheese and baked beans.")
    + _utility_post(3, "Hattie", "A roast chicken, then fajitas from what is left.")
    + "</div></main></div></body></html>"
)


def test_posts_marked_only_by_ids_and_name_dot_date_headers():
    posts = _parse(UTILITY_PAGE).posts
    assert [p.author for p in posts] == ["longshot", "keepingsanity", "FolioQuarto", "Hattie"]
    assert [p.native_id for p in posts] == [None, "150881801", "150881802", "150881803"]
    assert posts[1].url == URL + "#150881801"
    assert [p.published.raw for p in posts] == ["03/03/2026 19:30", "03/03/2026 19:41", "03/03/2026 19:42", "03/03/2026 19:43"]
    assert posts[0].body_text.startswith("I need to cut our food bill") and posts[3].body_text.startswith("A roast chicken")


def test_a_label_before_the_date_is_no_name_and_by_is_left_out():
    assert [p.author for p in _parse(UTILITY_PAGE.replace("keepingsanity ·", "Posted in Food ·")).posts][:3] == [
        "longshot", None, "FolioQuarto"]
    assert _parse(UTILITY_PAGE.replace("Hattie ·", "by Hattie ·")).posts[3].author == "Hattie"


def test_a_name_needs_the_separator_before_the_date_and_an_unnamed_lead_is_no_post():
    posts = _parse(UTILITY_PAGE.replace(" · <span>", " <span>")).posts
    assert [(p.author, p.native_id) for p in posts] == [(None, "150881801"), (None, "150881802"), (None, "150881803")]


def _styled_post(name: str, hour: int, text: str) -> str:
    # Generated class names, the name alone in the element before the date's.
    return (
        f'<div><div class="sc-dYdCZC cUEmDw"><div class="sc-fSnZTl"><img alt="{name.upper()}" src="/a.png">'
        f'<div class="sc-eTLXjT"><div class="sc-jQbJRc">{name}</div><div class="sc-fcmNWj">28/11/2025 at {hour}:16 pm</div></div></div>'
        f'<div class="sc-tYqdw"><p>{text}</p></div><button>Reply</button></div></div>'
    )


def test_dated_blocks_beat_a_wrapper_with_the_only_name_of_the_page():
    page = (
        '<html><body><div class="sc-wrap"><header><a href="/members/mod-sharon/">Mod Sharon</a> started this, '
        "last reply 01/12/2025 at 6:49 pm</header>"
        + _styled_post("Judith C(157)", 7, "So the answer for me would be no, the pay is too low for the work.")
        + _styled_post("Otterlie B(197)", 8, "I did work in early years once and loved it, but the hours spilled over.")
        + _styled_post("Indi I(164)", 9, "I would love a career with little ones, but the stress put me off.")
        + "</div></body></html>"
    )
    posts = _parse(page).posts
    assert [(p.author, p.published.raw) for p in posts] == [
        ("Judith C(157)", "28/11/2025 at 7:16 pm"), ("Otterlie B(197)", "28/11/2025 at 8:16 pm"), ("Indi I(164)", "28/11/2025 at 9:16 pm"),
    ]
    assert posts[1].body_text == "I did work in early years once and loved it, but the hours spilled over."


def test_the_starters_own_reply_the_same_day_is_a_post_not_the_threads_header():
    lead = ('<div class="topic"><div class="head"><a href="/members/alice.1/">Alice</a> '
            '<time datetime="2020-05-01T10:00:00+02:00">1 May 2020</time></div>'
            '<div class="message">Which trowel lasts longest in clay soil? Mine bent in a week, and the '
            'handle split where it meets the blade. Is there one that survives a whole season?</div></div>')
    replies = ('<ul class="replies">'
               + _post(1, "Alice", 1, "Forgot to say: the soil is heavy clay.", cls="reply")
               + _post(2, "Bob", 2, "A forged one with a tang.", cls="reply")
               + _post(3, "Carol", 3, "Stainless, kept dry.", cls="reply") + "</ul>")
    posts = _parse(f"<html><body><h1>Best trowel?</h1>{lead}{replies}</body></html>").posts
    assert [p.author for p in posts] == ["Alice", "Alice", "Bob", "Carol"]
    assert posts[1].body_text == "Forgot to say: the soil is heavy clay."


def test_a_block_without_the_post_id_all_the_others_have_is_no_post():
    advert = _post(5, "Advertisement", 2, "Buy trowels at our partner shop!").replace(' id="post-1005"', "")
    carol = _post(13, "Carol", 3, "Stainless, and keep it out of the rain over winter.")
    page = PAGE.replace(carol, advert + carol)
    assert [p.author for p in _parse(page).posts] == ["Alice", "Bob", "Carol"]


def _table_post(n: int, name: str, text: str) -> str:
    return (f'<div class="page"><table class="tborder" id="post{1000 + n}"><tr><td><a href="/members/{name.lower()}.{n}/">{name}</a> '
            f'<time datetime="2020-05-0{n % 9 + 1}T10:00:00Z">{n % 9 + 1} May 2020</time></td></tr><tr><td>{text}</td></tr></table></div>')


def test_the_trail_set_out_like_the_posts_before_them_is_no_post():
    # vBulletin 3: the trail and the signed-in member's welcome sit in a table like each post's.
    trail = ('<div class="page"><table class="tborder"><tr><td><a href="/">Example Forum</a> &gt; <a href="/garden">Garden</a> &gt; '
             '<a href="/thread/42">Best trowel?</a></td><td><b>Welcome, <a href="/members/dave.9/">Dave</a>.</b> You last visited: '
             'Yesterday at <span class="time">21:43</span></td></tr></table></div>')
    html = ("<html><head><title>Best trowel?</title></head><body>" + trail
            + _table_post(11, "Alice", "Which trowel lasts longest in clay soil? Mine bent.")
            + _table_post(12, "Bob", "A forged one with a tang through the handle.")
            + _table_post(13, "Carol", "Stainless, and keep it out of the rain.") + "</body></html>")
    assert [(p.native_id, p.author) for p in _parse(html).posts] == [("1011", "Alice"), ("1012", "Bob"), ("1013", "Carol")]


def test_a_longer_list_of_other_threads_is_not_the_posts():
    def similar(i: int) -> str:
        return (f'<li class="item"><a href="/threads/other-{i}/">'
                f'Which trowel should I buy for heavy clay soil, part {i}?</a>'
                f' <span>Started by <a href="/members/user{i}.{i}/">user{i}</a></span>'
                f' <time datetime="2019-0{i}-01T10:00:00Z">{i} Jan 2019</time></li>')

    page = PAGE.replace("</body>", '<h3>Similar threads</h3><ul class="similar">'
                        + "".join(similar(i) for i in range(1, 8)) + "</ul></body>")
    assert [p.author for p in _parse(page).posts] == ["Alice", "Bob", "Carol"]


def _item(ident: str, name: str, day: int, words: str) -> str:
    return (f'<li class="Item" id="{ident}"><a href="/profile/{name}" class="Username">{name}</a> '
            f'<time datetime="2020-04-{day:02d}T13:40:00+00:00">April {day}</time> <div class="Message">{words}</div></li>')


# Vanilla styles a thread's replies and a box of other threads alike (``li.Item``); notices above
# the opening post name members.
RECENT_BOX_PAGE = (
    '<html><body><main class="Content">'
    '<div class="Notice">Student of the week: <a href="/profile/zai">zai</a> got into NYU with a low GPA.</div>'
    '<div class="Item Discussion" id="Discussion_2184314"><a href="/profile/tommy" class="Username">tommy</a> '
    '<time datetime="2020-04-23T09:40:00+00:00">April 23</time><div class="Message">Can I apply to the ivy '
    'leagues before my 12th grade results come out? They are due in July.</div></div>'
    '<div class="CommentsWrap"><ul class="Comments">'
    + _item("Comment_22753709", "tom", 23, "Are you international? In the US students apply in the fall of senior year.")
    + _item("Comment_22753740", "mod", 23, "You have to apply by their deadline, results or not; send them later.")
    + _item("Comment_22756099", "tommy", 24, "Thanks a lot. I am a student in India and our results come out in May.")
    + '</ul></div></main><section class="Content"><div class="RecentActivityModule"><ul class="Discussions">'
    + "".join(_item(f"Discussion_21885{i}", f"user{i}", i, f'<a href="/discussion/21885{i}">Other thread {i}</a> '
                    f"{i}8 Views {i} Replies") for i in range(1, 6))
    + "</ul></div></section></body></html>"
)


def test_a_box_of_other_threads_styled_as_the_replies_is_not_posts_nor_hides_the_opening_post():
    posts = _parse(RECENT_BOX_PAGE).posts
    assert [(p.native_id, p.author) for p in posts] == [
        ("2184314", "tommy"), ("22753709", "tom"), ("22753740", "mod"), ("22756099", "tommy")]
    assert posts[0].body_text.startswith("Can I apply to the ivy leagues")


def test_posts_beat_the_more_numerous_name_and_date_lines_inside_them():
    def line(verb: str, who: str, day: int) -> str:
        return (f'<div class="user-info">{verb} <time datetime="2014-03-{day:02d}T11:38:28Z">Mar {day}, 2014</time>'
                f' by <a href="/users/{day}/{who}">{who}</a></div>')

    def post(n: int, who: str, editor: str, text: str) -> str:
        return (f'<div class="post-{n}"><div class="text">{text}</div>'
                + line("asked", who, n) + line("edited", editor, n + 10) + "</div>")

    words = " ".join(["I am moving to another country this autumn and wonder how to book the flight."] * 2)
    page = (f"<html><body>{post(1, 'drat', 'GregD', words)}"
            f"{post(2, 'GregD', 'vartec', 'Book one way: the return date is unknown, and a return ticket is rarely cheaper.')}"
            "</body></html>")
    assert [p.author for p in _parse(page).posts] == ["drat", "GregD"]


def test_words_that_mention_a_day_are_the_post_not_a_date_line():
    """A short post saying "today" beside its author's title: the words are the post."""
    def post(n: int, name: str, text: str) -> str:
        return (f'<div class="post" id="post-{n}"><div class="user"><a href="/members/{name.lower()}.{n}/">{name}</a>'
                f'<div class="title">Senior member</div></div><div class="main">'
                f'<time datetime="2020-05-0{n}T10:00:00+02:00">{n} May 2020</time>'
                f'<div class="message">{text}</div></div></div>')
    page = ("<html><body>" + post(1, "Alice", "Which dose helps a migraine that started at 6 this morning?")
            + post(2, "Bob", "I took 2 of them this morning and feel better today.")
            + post(3, "Carol", "Sent from my phone on 5 May: rest in a dark room.") + "</body></html>")
    assert [p.body_text for p in _parse(page).posts] == [
        "Which dose helps a migraine that started at 6 this morning?",
        "I took 2 of them this morning and feel better today.",
        "Sent from my phone on 5 May: rest in a dark room.",
    ]


def test_a_posts_own_controls_are_not_its_words():
    expand = '<div class="expand"><a role="button" tabindex="0">Click to expand...</a></div>'
    page = PAGE.replace("Mine bent in a week.</div>", "Mine bent in a week." + expand + "</div>", 1)
    assert _parse(page).posts[0].body_text == "Which trowel lasts longest in clay soil? Mine bent in a week."


@pytest.mark.parametrize("controls", [
    # Invision Community's, under the words: a reaction count, then the Quote button.
    '<div class="ipsItemControls"><div data-role="reactCount"><a href="?do=showReactionsComment"><span>0</span></a></div>'
    '<ul class="ipsComment_controls" data-role="commentControls"><li><a href="#" data-action="quoteComment">Quote</a></li></ul></div>',
    '<ul class="post-buttons"><li><a href="#">Reply</a></li><li><a href="#">Report</a></li></ul>',
    '<div class="message-actionBar actionBar"><a href="#">Like</a> <a href="#">Reply</a></div>',
])
def test_a_posts_buttons_and_reaction_counts_are_not_its_words(controls):
    page = PAGE.replace("Mine bent in a week.</div>", "Mine bent in a week." + controls + "</div>", 1)
    assert _parse(page).posts[0].body_text == "Which trowel lasts longest in clay soil? Mine bent in a week."


def test_a_menu_anchor_named_after_the_post_is_not_its_permalink():
    menu = '<a href="#elControls_1011_menu" title="More options...">…</a>'
    page = PAGE.replace('<div class="message">Which', menu + '<div class="message">Which', 1)
    assert _parse(page).posts[0].url == URL + "#post-1011"


@pytest.mark.parametrize("line,edited", [
    ('<div class="notice">Last edited by <a href="/members/alice.11/">Alice</a> on 5 May 2020 18:20, edited 1 time in total.</div>',
     "2020-05-05T18:20:00+02:00"),  # in the zone the post's own date shows
    ('<div class="edit">Last edited by Alice; 05-16-2020 at <span class="time">09:15 AM</span>.</div>', "2020-05-16T09:15:00+02:00"),
    ('<p class="ipsEdited"><strong>Edited <time datetime="2020-05-07T03:37:27Z">May 7</time> by Alice</strong></p>',
     "2020-05-07T03:37:27+00:00"),
])
def test_an_edit_line_gives_the_edit_date_and_is_not_the_posts_words(line, edited):
    page = PAGE.replace("Mine bent in a week.</div>", "Mine bent in a week." + line + "</div>", 1)
    post = _parse(page).posts[0]
    assert post.body_text == "Which trowel lasts longest in clay soil? Mine bent in a week."
    assert post.edited.value.isoformat() == edited
    assert _parse(PAGE).posts[0].edited is None


def test_a_replys_schema_org_modified_date_is_its_edit_the_topics_is_not():
    page = _topic_item(10).replace('content="2016-02-17T08:30:44.000Z">', 'content="2016-02-17T08:30:44.000Z">'
                                   '<meta itemprop="dateModified" content="2016-02-17T08:43:02.000Z">')
    page = page.replace('content="2016-02-17T07:10:59.000Z">', 'content="2016-02-17T07:10:59.000Z">'
                        '<meta itemprop="dateModified" content="2016-02-17T08:30:44.000Z">', 1)
    assert [p.edited and p.edited.value.isoformat() for p in _parse(page).posts] == [None, "2016-02-17T08:43:02+00:00"]


def test_a_rough_date_gives_way_to_the_full_date_beside_it():
    page = PAGE.replace('<time datetime="2020-05-02T10:02:00+02:00">2 May 2020</time>',
                        '<span class="when">4 years ago</span><span class="tooltip">June 23, 2016</span>')
    bob = _parse(page).posts[1]
    want = ("June 23, 2016", datetime(2016, 6, 23, tzinfo=timezone.utc))
    assert (bob.published.raw, bob.published.value) == want


@pytest.mark.parametrize("separator", [" | ", " · ", " • ", " – "])
def test_a_time_set_off_from_its_date_by_a_bar_or_dot_is_the_posts_time(separator):
    shown = f"May 2, 2020{separator}9:05 pm"
    page = PAGE.replace('<time datetime="2020-05-02T10:02:00+02:00">2 May 2020</time>', f'<span>{shown}</span>')
    bob = _parse(page).posts[1]
    assert (bob.published.raw, bob.published.value) == (shown, datetime(2020, 5, 2, 21, 5, tzinfo=timezone.utc))


def test_the_local_time_in_a_dates_tooltip_gives_the_sites_offset_to_its_instant():
    # Invision Community: the instant in UTC, the site's day shown, its local time on hover.
    time = '<time datetime="2020-05-12T21:40:50Z" title="05/13/2020 12:40 AM">May 13, 2020</time>'
    page = PAGE.replace('<time datetime="2020-05-02T10:02:00+02:00">2 May 2020</time>', time)
    bob = _parse(page).posts[1]
    want = datetime(2020, 5, 13, 0, 40, 50, tzinfo=timezone(timedelta(hours=3)))
    assert (bob.published.raw, bob.published.value, bob.published.value.utcoffset()) == ("May 13, 2020", want, want.utcoffset())


def test_a_rough_date_takes_the_full_date_of_its_tooltip_with_its_zone():
    page = PAGE.replace('<time datetime="2020-05-02T10:02:00+02:00">2 May 2020</time>',
                        '<span data-tippy-content="Friday, October 4th, 2024 at 3:43:10 PM GMT+03:00">'
                        "1 year ago</span>")
    bob = _parse(page).posts[1]
    assert bob.published.value == datetime(2024, 10, 4, 12, 43, 10, tzinfo=timezone.utc)


def test_signature_and_off_site_links_name_nobody():
    # The name is plain text before the date; the only profile-like links are another site's and
    # the signature's.
    post = ('<div class="post" id="post-{n}"><div class="head"><span class="who">{a}</span> '
            '<time datetime="2020-05-0{n}T10:00:00+02:00">{n} May 2020</time></div>'
            '<div class="message">Words number {n} of the thread, long enough to be a post.'
            ' See <a href="https://www.youtube.com/user/trowelfan">my channel</a>.</div>'
            '<div class="signature"><a href="/members/sponsor.9/">Sponsor</a></div></div>')
    posts = "".join(post.format(n=n, a=a) for n, a in ((1, "Alice"), (2, "Bob"), (3, "Carol")))
    page = f"<html><body>{posts}</body></html>"
    assert [p.author for p in _parse(page).posts] == ["Alice", "Bob", "Carol"]


def test_nothing_under_a_signature_rule_is_the_posts_words():
    # vBulletin 3 sets a signature off with a rule of underscores; its own markup may hold more
    # words than a short post.
    def post(n: int, name: str, words: str) -> str:
        return (f'<table id="post{n}"><tr><td><a href="/members/{name.lower()}.{n}/">{name}</a> '
                f'<span>0{n}-05-2020, 10:0{n} AM</span></td></tr><tr><td><div>{words}</div>'
                '<div>__________________<br><i>Never trust a trowel that bends in clay, my grandfather said.</i></div>'
                "</td></tr></table>")
    posts = post(1, "Alice", "Which trowel lasts longest in clay soil?") + post(2, "Bob", "Agreed.") + post(3, "Carol", "Forged.")
    thread = _parse(f"<html><body>{posts}</body></html>")
    assert [(p.author, p.body_text) for p in thread.posts] == [
        ("Alice", "Which trowel lasts longest in clay soil?"), ("Bob", "Agreed."), ("Carol", "Forged.")]


def test_a_ulid_is_a_post_id():
    page = PAGE.replace('id="post-1011"', 'id="01KB5YANQENXP5EE0EZ14JY0A2"').replace('id="post-1012"', 'id="sidebar-main"')
    first, second = _parse(page).posts[:2]
    assert (first.native_id, first.url) == ("01KB5YANQENXP5EE0EZ14JY0A2", URL + "#01KB5YANQENXP5EE0EZ14JY0A2")
    assert second.native_id is None


def test_machine_date_keeps_the_page_offset():
    post = _parse(PAGE).posts[1]
    assert post.published.value.isoformat() == "2020-05-02T10:02:00+02:00"


def test_author_profile_url_is_absolute():
    assert _parse(PAGE).posts[2].author_url == "https://forum.example.org/members/carol.13/"


def test_quotes_stay_in_the_body_leave_the_own_words_and_become_quote_drafts():
    post = _parse(PAGE).posts[1]
    assert "Mine bent in a week." in post.body_text
    assert cut_quotes(post.body_element) and "Mine bent" not in text_of(post.body_element)
    assert [(q.author, q.text) for q in post.quotes] == [("Alice", "Mine bent in a week.")]


def test_a_quote_is_its_own_words_not_the_reply_after_it():
    reply = _post(12, "Bob", 2, '<blockquote class="quote"><cite>Alice wrote:</cite>Mine bent in a week.</blockquote>Get a forged one.')
    page = PAGE.replace(_BOBS_REPLY, reply)
    post = _parse(page).posts[1]
    assert [(q.author, q.text) for q in post.quotes] == [("Alice", "Mine bent in a week.")]
    assert cut_quotes(post.body_element) and text_of(post.body_element) == "Get a forged one."


def _quoted(quote_html: str, words: str = "Get a forged one, with a tang through the handle, and oil it each winter."):
    """The quotes of Bob's reply when it quotes with this markup."""
    post = _parse(PAGE.replace(_BOBS_REPLY, _post(12, "Bob", 2, quote_html + words))).posts[1]
    return [(q.author, q.post_native_id, q.text) for q in post.quotes], post.body_text


@pytest.mark.parametrize("quote", [
    # Invision: the citation names the moment first.
    '<blockquote class="ipsQuote" data-ipsquote-contentcommentid="1011"><div class="ipsQuote_citation">'
    "On 5/1/2020 at 10:01 AM, Alice said:</div><div class=\"ipsQuote_contents\"><p>Mine bent in a week.</p></div></blockquote>",
    # XenForo 1: a bare "name:" with a jump link, and a "Click to expand..." control.
    '<div class="bbCodeBlock bbCodeQuote"><aside><div class="attribution type">Alice: '
    '<a href="goto/post?id=1011#post-1011" class="AttributionLink">↑</a></div><blockquote class="quoteContainer">'
    '<div class="quote">Mine bent in a week.</div><div class="quoteExpand">Click to expand...</div></blockquote></aside></div>',
    # vBulletin 4: "Originally Posted by" and a "View Post" link.
    '<div class="bbcode_container"><div class="bbcode_quote"><div class="quote_container"><div class="bbcode_postedby">'
    'Originally Posted by <strong>Alice</strong> <a href="showthread.php?p=1011#post1011">»</a></div>'
    '<div class="message">Mine bent in a week.</div></div></div></div>',
    # MyBB: the date in brackets before the name, in the <cite>.
    '<blockquote class="mycode_quote"><cite><span> (2020-05-01, 10:01 AM)</span>Alice Wrote: '
    '<a href="showthread.php?pid=1011#pid1011" class="quick_jump"> </a></cite>Mine bent in a week.</blockquote>',
    # SMF 1: the header is the line before the quote.
    '<div class="quoteheader"><a href="index.php?topic=7.msg1011#msg1011">Quote from: Alice on May 01, 2020, 10:01:00 AM</a></div>'
    '<div class="quote">Mine bent in a week.</div>',
    # NodeBB: "@name said in <title>:" above the quote.
    '<p><a href="/user/alice">@Alice</a> said in <a href="/post/1011">Best trowel?</a>:</p><blockquote><p>Mine bent in a week.</p></blockquote>',
    # NodeBB 1.x: the mention links the member by number (/uid/6258), which is no post's.
    '<p><a class="plugin-mentions-user plugin-mentions-a" href="https://forum.example.org/uid/6258">@Alice</a> said in '
    '<a href="/post/1011">Best trowel?</a>:</p><blockquote><p>Mine bent in a week.</p></blockquote>',
])
def test_a_quote_header_names_the_member_and_post_and_is_not_quoted_text(quote):
    quotes, body = _quoted(quote)
    assert quotes == [("Alice", "1011", "Mine bent in a week.")]
    assert "Click to expand" not in body and body.endswith("oil it each winter.")


def test_a_sentence_before_a_quote_is_the_reply_not_its_header():
    quotes, body = _quoted('<p>Alice said it bent in a week</p><blockquote>Mine bent in a week.</blockquote>')
    assert quotes == [(None, None, "Mine bent in a week.")]
    assert body.startswith("Alice said it bent in a week")


@pytest.mark.parametrize("head,language", [
    ("", None), ('<meta http-equiv="Content-Language" content="de-de, en">', "de-DE"), ('<meta http-equiv="Language" content="de">', "de")])
def test_the_threads_language_is_the_one_the_page_declares(head, language):
    assert _parse(PAGE.replace("<head>", "<head>" + head)).language == language
    assert _parse(PAGE.replace("<html>", '<html lang="fr">').replace("<head>", "<head>" + head)).language == "fr"


def test_a_lead_whose_words_are_one_link_is_furniture():
    # IPS's byline "By X, <date> in <a>Board</a>" above page 4: its only words are the board's link.
    assert mostly_furniture(lxml.html.fragment_fromstring('<a href="/forum/85/">[Software] - malware, exploits, bundles</a>'))
    assert not mostly_furniture(lxml.html.fragment_fromstring('<p>See <a href="/forum/85/">this</a> for the old thread.</p>'))


def test_thread_title_breadcrumbs_and_pagination():
    thread = _parse(PAGE)
    assert thread.title == "Best trowel?"
    assert (thread.breadcrumbs, thread.board) == (["Home", "Garden"], "Garden")
    assert (thread.page, thread.page_count) == (1, 3)
    assert thread.next_url == "https://forum.example.org/thread/42/page-2"


@pytest.mark.parametrize("trail,crumbs,board", [
    # The site's and the thread's names around the board (woodworkingmasterclasses' "forum-breadcrumb").
    ('<nav class="forum-breadcrumb"><a href="/d/">Discussion Archive</a> › <a href="/d/projects/">Projects</a> › '
     '<a href="/thread/42">Best trowel?</a></nav>', ["Discussion Archive", "Projects"], "Projects"),
    ('<div class="wpf-breadcrumb"><a href="/">Forums</a><a href="/garden/">Garden</a></div>', ["Forums", "Garden"], "Garden"),
    # MyBB's page jump beside its trail is no trail; nor what a theme puts after one.
    ('<div class="pagination_breadcrumb"><a href="/thread/42?page=2">2</a></div>'
     '<div class="js-global_after_breadcrumb"><a href="/ads">Ads</a></div>', [], None),
])
def test_the_breadcrumb_trail_and_the_board_before_the_thread(trail, crumbs, board):
    thread = _parse(PAGE.replace('<nav class="breadcrumb"><a href="/">Home</a> <a href="/garden">Garden</a></nav>', trail))
    assert (thread.breadcrumbs, thread.board) == (crumbs, board)


def _sa_page(pager: str, url: str = URL) -> str:
    posts = "".join(_post(n, name, 3 + n, "Voted, and told my friends to.") for n, name in [(1, "Ann"), (2, "Bob")])
    return f'<html><body><div class="pages top">{pager}</div>{posts}</body></html>'


@pytest.mark.parametrize("pager,page,count,next_url", [
    # Something Awful: a page menu, and "›" titled "Next page".
    ('<a href="/thread/42?pagenumber=16" title="Previous page">&lsaquo;</a><select><option value="1">1</option>'
     '<option value="17" selected>17</option><option value="18">18</option></select>'
     '<a href="/thread/42?pagenumber=18" title="Next page">&rsaquo;</a>', 17, 18, "https://forum.example.org/thread/42?pagenumber=18"),
    # MyBB's pager for the board's threads, then the thread's own: only the thread's is its next page.
    ('<a href="/forum-11-page-6" class="pagination_next">Next &raquo;</a>'
     '<a href="/thread/42/page-2" class="pagination_next">Next &raquo;</a>', None, None, "https://forum.example.org/thread/42/page-2"),
    ('<a href="/thread/42" aria-label="Next">Next</a>', None, None, None),  # the page itself (a script pages)
    # MyBB: the page shown, marked current among links to the thread's other pages; a board's
    # pager beside it (its threads' list, page 5 of 446) is not the thread's.
    ('<div class="pagination_breadcrumb"><a href="/forum-11-page-4">4</a> <span class="pagination_current">5</span>'
     '<a href="/forum-11-page-446">446</a></div><div class="pagination"><a href="/thread/42?page=1">1</a> '
     '<span class="pagination_current">2</span></div>', 2, 2, None),
    # Discuz!: the page shown in bold among the links, "下一页" (next page).
    ('<div class="pg"><strong>1</strong><a href="/thread/42?page=2">2</a><a href="/thread/42?page=2" class="nxt">下一页</a>'
     '</div>', 1, 2, "https://forum.example.org/thread/42?page=2"),
    # Douban: the page shown as "thispage", "后页>" (next page).
    ('<div class="paginator"><span class="thispage" data-total-page="2">1</span><a href="/thread/42?start=100">2</a>'
     '<span class="next"><a href="/thread/42?start=100">后页&gt;</a></span></div>', 1, 2, "https://forum.example.org/thread/42?start=100"),
    # The last page's "Next", greyed out, leads to the page itself (IPS).
    ('<li class="ipsPagination_next ipsPagination_inactive"><a href="/thread/42" rel="next">Next</a></li>', None, None, None),
])
def test_the_next_page_is_the_pagers_next_link_within_the_thread(pager, page, count, next_url):
    thread = _parse(_sa_page(pager))
    assert (thread.page, thread.page_count, thread.next_url) == (page, count, next_url)


def test_the_pages_of_a_thread_share_its_key():
    # A thread no engine names is keyed by its URL without the page's own parameters.
    shown = "https://forums.somethingawful.com/showthread.php?threadid=3526065&userid=0"
    assert (thread_key(f"{shown}&perpage=40&pagenumber=17") == thread_key(f"{shown}&perpage=40&pagenumber=18")
            == thread_key(f"{shown}&highlight=logie") != thread_key(shown.replace("3526065", "3526066")))


@pytest.mark.parametrize("pager,url,next_url", [
    # FlaskBB: "»" to page 2, the page shown as an active "1"; Spirit: an icon, below "Page 1 of 2".
    ('<ul class="pagination"><li class="active"><a href="#">1</a></li><li><a href="/topic/1-pine?page=2">2</a></li>'
     '<li><a href="/topic/1-pine?page=2">&raquo;</a></li></ul>', "https://forum.example.org/topic/1-pine",
     "https://forum.example.org/topic/1-pine?page=2"),
    ('<ul class="paginator"><li>Page 1 of 2</li><li><a href="?page=2"><i class="fa fa-chevron-right"></i></a></li></ul>',
     "https://forum.example.org/topic/1/starter/", "https://forum.example.org/topic/1/starter/?page=2"),
    # A thread list's page shortcuts ("2 3 … 9" beside a thread): no page of this one is shown.
    ('<span class="structItem-pageJump"><a href="/threads/other.1497231/page-2">2</a></span>',
     "https://forum.example.org/threads/other.1497231/", None),
])
def test_the_next_page_is_the_pagers_link_to_the_page_after_this_one(pager, url, next_url):
    html = _sa_page(pager)
    thread = generic.parse(Document(html, url), ParseContext(url, FETCHED, timezone.utc))
    assert thread.next_url == next_url


def test_the_title_is_the_part_of_the_pages_title_that_the_page_shows():
    # FlaskBB: no heading; "<title>Thread - Topic - FlaskBB" and the breadcrumb's last item.
    posts = "".join(_post(n, name, 3 + n, "Boiled linseed oil, three coats.") for n, name in [(1, "Ann"), (2, "Bob")])
    html = ('<html><head><title>Best finish for a pine workbench? - Topic - FlaskBB</title></head><body>'
            '<ol class="breadcrumb"><li><a href="/">Forum</a></li><li class="active">Best finish for a pine workbench?</li>'
            f'</ol>{posts}</body></html>')
    assert _parse(html).title == "Best finish for a pine workbench?"


def test_a_headings_script_button_is_not_the_titles():
    # Discuz! X: "<h1>… <a onclick="return copyThreadUrl(this)">[复制链接]</a></h1>" (copy the link).
    thread = _parse(PAGE.replace("<h1>Best trowel?</h1>", '<h1><span id="thread_subject">Best trowel?</span> '
                                 '<span class="xw0"><a href="/thread/42" onclick="return copyThreadUrl(this)">[复制链接]</a>'
                                 '</span></h1>'))
    assert thread.title == "Best trowel?"


def test_the_title_after_the_sites_name_that_the_trail_ends_with():
    # vBulletin 2: "<title>Site - Thread", no heading, a trail "Site > Board > Thread" in one line.
    posts = "".join(_post(n, name, 3 + n, "Delete the shader cache, then verify the files.")
                    for n, name in [(1, "Ann"), (2, "Bob")])
    html = ('<html><head><title>Steam Users Forums - Hl2 crashes, my fix</title></head><body><b>'
            '<a href="index.php">Steam Users Forums</a> &gt; <a href="forumdisplay.php?forumid=17">Community Help and Tips</a>'
            f' &gt; Hl2 crashes, my fix</b>{posts}</body></html>')
    thread = _parse(html)
    assert (thread.title, thread.board) == ("Hl2 crashes, my fix", "Community Help and Tips")


def test_a_posts_own_images_without_its_smileys_and_icons():
    text = ('See my jar: <img src="https://images.example.org/starter-jar.jpg" alt="my jar"> '
            '<img src="/inc/images/wink.gif" alt="wink"> <img class="faces" src="/faces/cheesy.png"> '
            '<img src="/static/copypost.svg/3"> <img src="/images/smilies/icon_smile.gif">'
            '<img src="/forum/attachments/341878/photo.png">')
    thread = _parse(f"<html><body>{_post(1, 'Ann', 3, text)}{_post(2, 'Bob', 4, 'Nice jar.')}</body></html>")
    assert thread.posts[0].images == ["https://images.example.org/starter-jar.jpg",
                                      "https://forum.example.org/forum/attachments/341878/photo.png"]


@pytest.mark.parametrize("titled", [False, True])
def test_a_post_of_a_picture_alone_has_no_words_and_its_picture(titled):
    # Its header (name, date) and its "Re:" title are not its words.
    title = '<h3 class="title"><a href="#post-{n}">Re: Sourdough</a></h3>' if titled else ""
    posts = "".join(
        f'<div class="post" id="post-{n}">{title.format(n=n)}<div class="head"><a href="/members/{a}.{n}/">{a}</a> '
        f'<time datetime="2020-05-0{n % 10}T10:00:00+02:00">{n % 10} May 2020</time></div><div class="message">{x}</div></div>'
        for n, a, x in [(1001, "ann", "Here is the photo of my starter, day three."),
                        (1002, "bob", '<img src="https://images.example.org/jar.jpg">'), (1003, "cid", "Looks good!")])
    thread = _parse(f"<html><body>{posts}</body></html>")
    assert [(p.author, p.body_text, p.images) for p in thread.posts] == [
        ("ann", "Here is the photo of my starter, day three.", []),
        ("bob", "", ["https://images.example.org/jar.jpg"]), ("cid", "Looks good!", [])]


def test_a_block_without_the_posts_id_is_an_advertisement_but_a_young_forums_short_id_is_a_post():
    def block(ident: str, name: str, day: int, words: str) -> str:
        return (f'<li class="Item ItemComment" id="{ident}"><a href="/profile/{name}">{name}</a> '
                f'<time datetime="2015-01-{day:02d}T10:00:00+00:00">January {day}</time><div class="Message">{words}</div></li>')
    replies = [("Comment_88", "Reid", 1), ("Comment_93", "Lev", 2), ("Comment_102", "Gifford", 3), ("Comment_103", "Morse", 4),
               ("Comment_180", "Noye", 5)]
    html = "".join(block(i, n, d, f"{n} rates the song: eight out of ten, a fine choice.") for i, n, d in replies)
    assert [p.author for p in _parse(f"<ul>{html}</ul>").posts] == ["Reid", "Lev", "Gifford", "Morse", "Noye"]
    # Forumotion's "sponsored content", dressed as a post after the last one: "p0".
    ad = block("Comment_0", "Gesponserte Inhalte", 6, "Gesponserte Inhalte und noch mehr Werbung hier.")
    assert [p.author for p in _parse(f"<ul>{html}{ad}</ul>").posts] == ["Reid", "Lev", "Gifford", "Morse", "Noye"]


def test_a_posts_number_as_its_permalink_is_no_words_and_a_profile_url_leaves_the_session_out():
    # vBulletin 2 (eqgui.com): "Post# 1" links to the post beside its title; every link carries
    # the reader's session ("?s=0b5d…").  A tag's "#2024" stays a word.
    def post(n: int, name: str, day: int, words: str) -> str:
        return (f'<table><tr><td><a name="post{n}"></a><a href="member.php?s=0b5d1f4c&amp;action=getinfo&amp;userid={n}">{name}</a>'
                f'</td><td><a href="showthread.php?s=0b5d1f4c&amp;postid={n}#post{n}">Post# {n % 10}</a> 07-2{day}-2002 12:22 PM'
                f'<p>{words} <a href="/tag/2024">#2024</a></p></td></tr></table>')
    thread = _parse("<html><body>" + post(796, "guice", 1, "Here are a couple of mods I did today.")
                    + post(797, "Akshue", 2, "Pizzas for everyone who tries them.") + post(798, "Jarvis", 3, "Nice work!")
                    + "</body></html>")
    assert [p.body_text for p in thread.posts] == ["Here are a couple of mods I did today. #2024",
                                                   "Pizzas for everyone who tries them. #2024", "Nice work! #2024"]
    assert thread.posts[0].author_url == "https://forum.example.org/thread/member.php?action=getinfo&userid=796"


def test_a_trail_joined_by_no_break_spaces_and_a_guillemet_names_the_board_and_the_site_part_of_the_title():
    # UBB.classic: "<A>Site</A> &nbsp; &#187; <A>Category</A> &nbsp; &#187; <A>Board</A> &nbsp; &#187; <B>Thread</B>"
    # under the page title "Site : Thread".
    trail = ('<font size="1"><a href="/cgi-bin/ultimatebb.cgi"><b>EverQuest Realm Forums</b></a>\n&nbsp;\n&#187;  '
             '<a href="/cgi-bin/ultimatebb.cgi?category=5"><b>Enchanters</b></a>\n&nbsp;\n&#187;  '
             '<a href="/cgi-bin/ultimatebb.cgi?ubb=forum&amp;f=20"><b>Strategy and Tactics</b></a>\n&nbsp;\n&#187;  '
             '<b>Spell Line-up </b></font>')
    page = PAGE.replace("<title>Best trowel? | Example Forum</title>", "<title>EverQuest Realm Forums : Spell Line-up </title>")
    page = page.replace('<nav class="breadcrumb"><a href="/">Home</a> <a href="/garden">Garden</a></nav>', trail)
    thread = _parse(page.replace("<h1>Best trowel?</h1>", ""))
    assert (thread.title, thread.board) == ("Spell Line-up", "Strategy and Tactics")
    assert thread.breadcrumbs == ["EverQuest Realm Forums", "Enchanters", "Strategy and Tactics"]


def test_a_code_boxs_select_all_button_and_its_label_are_no_words():
    # phpBB's code box, read without its engine: "Code: <a href="#" onclick="selectCode(this)">Select all</a>".
    box = ('<div class="codebox"><p>Code: <a href="#" onclick="selectCode(this); return false;">Select all</a></p>'
           '<pre><code>dtparam=act_led_trigger=none</code></pre></div>')
    page = PAGE.replace("Stainless, and keep it out of the rain over winter.",
                        f"Stainless, and keep it out of the rain over winter.{box}")
    assert _parse(page).posts[2].body_text == "Stainless, and keep it out of the rain over winter.\ndtparam=act_led_trigger=none"


def test_a_profile_button_is_no_name_and_the_profile_icon_names_the_member():
    # UBB.classic: the name in bold, "Rate Member" linking to the profile, and a profile icon
    # whose words name the member.
    def post(n: int, name: str, words: str) -> str:
        profile = f"/cgi-bin/ultimatebb.cgi?ubb=get_profile&amp;u=000{n}"
        return (f'<tr><td width="18%" valign="top"><font size="2"><b>{name}</b></font><br><font size="1">Member # {n}<p>'
                f'<a href="{profile}">Rate Member</a></font></td><td width="82%"><font size="1">posted December 1{n % 10}, 2001 12:38 AM'
                f' &nbsp; <a href="{profile}"><img src="/profile.gif" alt="Profile for {name}"></a></font><hr>'
                f'<font size="2">{words}</font></td></tr>')
    thread = _parse('<html><body><table>' + post(19407, "abitoo", "Which spell line-up do you use for raids?")
                    + post(17955, "Ruala", "Mana tap the warriors all day.") + post(15729, "Celara", "Mostly slows and stuns.")
                    + "</table></body></html>")
    assert [(p.author, p.author_url) for p in thread.posts] == [
        (name, f"https://forum.example.org/cgi-bin/ultimatebb.cgi?ubb=get_profile&u=000{n}")
        for n, name in [(19407, "abitoo"), (17955, "Ruala"), (15729, "Celara")]]


def test_a_reply_beside_the_quote_it_answers_keeps_the_quote_and_a_header_line_names_the_poster():
    # A static archive of a phpBB 2 board (gbadev.org): the message div holds the quote's table
    # between two "postbody" spans, the reply in the second; the quote is the post's, as a quote.
    # The header, one line of text, names the poster before the date.
    def post(n: int, name: str, body: str) -> str:
        return f'<div class="post"><h4>#{n} - {name} - Wed Jan 0{n % 9 + 1}, 2003 9:31 pm</h4><div class="postbody">{body}</div></div>'
    quoted = ('<span class="postbody"></span><table align="center" width="90%"><tr><td><span class="genmed"><b>Vortex wrote:</b>'
              '</span></td></tr><tr><td class="quote">The question is whether it is worth it.</td></tr></table>'
              '<span class="postbody"><br><br>I have played some of my games with headphones and the sound was much better.'
              '<br><br>This really depends on whether you enjoy the sound yourself.</span>')
    thread = _parse("<html><body>" + post(1, "Vortex", "<span class='postbody'>Is there a point to true stereo sound?</span>")
                    + post(2, "sgeos", quoted) + post(3, "tepples", "<span class='postbody'>It has been done before.</span>")
                    + "</body></html>")
    assert [p.author for p in thread.posts] == ["Vortex", "sgeos", "tepples"]  # "#572 - Vortex - DATE"
    reply = thread.posts[1]
    assert reply.body_text.endswith("\nThis really depends on whether you enjoy the sound yourself.")
    assert [(q.author, q.text) for q in reply.quotes] == [("Vortex", "The question is whether it is worth it.")]


@pytest.mark.parametrize("subject, kept", [("Best trowel?", False), ("Which trowel?", True)])
def test_the_threads_title_in_bold_above_the_opening_posts_words_is_no_part_of_them(subject, kept):
    # vBulletin 2: the post's subject in bold at the top of its cell; the page title "Site - Thread".
    lead = f'<font size="1"><b>{subject}</b></font><p>Mine bent in a week in clay soil. Which lasts?</p>'
    html = PAGE.replace("<title>Best trowel? | Example Forum</title>", "<title>Example Forum - Best trowel?</title>").replace(
        "Which trowel lasts longest in clay soil? Mine bent in a week.", lead)
    words = _parse(html).posts[0].body_text
    assert words == (f"{subject}\n" if kept else "") + "Mine bent in a week in clay soil. Which lasts?"


def test_a_mail_archives_messages_whole_hours_quotes_and_hidden_template():
    # HyperKitty: "8 a.m."; an attribution with the sender's date and address, then a "..." toggle,
    # then <blockquote class="blockquote quoted-text">.  Askbot-like: a hidden template of a post.
    def message(n: int, name: str, time: str, body: str) -> str:
        return (f'<div class="email" id="msg{n}"><div class="email-header"><h2 class="name">{name}</h2>'
                f'<span class="date">4 Mar 2025</span> <span class="time">{time}</span></div>'
                f'<div class="email-body">{body}</div></div>')
    quoted = ('<p>On Tue, Mar 4, 2025 at 10:34 AM Dmitri Ivanov &lt;dmitri@example.net&gt; wrote:</p>'
              '<div class="quoted-switch"><a href="#">...</a></div><blockquote class="blockquote quoted-text">'
              '<p>It works for me on aarch64.</p></blockquote><p>Thanks Dmitri, I will add it to the docs.</p>')
    template = ('<div class="js-templates" style="display: none;"><div class="email" id="msg0"><h2 class="name"></h2>'
                '<span class="date">22 Nov 2026 3:21 a.m.</span><div class="email-body">more delete</div></div></div>')
    html = (f"<html><body>{template}{message(8, 'Dmitri Ivanov', '9:34 a.m.', '<p>Here is the one I use.</p>')}"
            f"{message(9, 'Alice Martin', '10 a.m.', quoted)}</body></html>")
    thread = _parse(html)
    assert [(p.author, p.published.value.isoformat(), p.body_text) for p in thread.posts] == [
        ("Dmitri Ivanov", "2025-03-04T09:34:00+00:00", "Here is the one I use."),
        ("Alice Martin", "2025-03-04T10:00:00+00:00",
         "...\nIt works for me on aarch64.\nThanks Dmitri, I will add it to the docs.")]
    assert [(q.author, q.text) for q in thread.posts[1].quotes] == [("Dmitri Ivanov", "It works for me on aarch64.")]


def test_a_quote_that_opens_with_its_members_name_in_italics():
    # pybbm: "<blockquote><em>alice</em><br>words</blockquote>"; emphasis that is a sentence is words.
    text = ("<blockquote><em>alice</em><br>I've kept my starter on the counter for a month.</blockquote>"
            "Move it to the fridge.<blockquote><em>Never</em> feed it flour straight from the freezer.</blockquote>")
    thread = _parse(f"<html><body>{_post(1, 'Bob', 3, text)}{_post(2, 'Ann', 4, 'Thanks!')}</body></html>")
    assert [(q.author, q.text) for q in thread.posts[0].quotes] == [
        ("alice", "I've kept my starter on the counter for a month."),
        (None, "Never feed it flour straight from the freezer.")]


def test_a_quote_whose_first_line_names_the_member():
    # Spirit: "<p><a>@alice</a> said:<br>first line</p><p>…</p>": the header is the first line only.
    text = ('<blockquote><p><a class="comment-mention" href="/user/1/alice/">@alice</a> said:<br>'
            "I've kept my starter on the counter for a month.</p><p>Should I move it to the fridge?</p></blockquote>"
            "<p>Yes, the fridge.</p>")
    thread = _parse(f"<html><body>{_post(1, 'Bob', 3, text)}{_post(2, 'Ann', 4, 'Thanks!')}</body></html>")
    assert [(q.author, q.text) for q in thread.posts[0].quotes] == [
        ("alice", "I've kept my starter on the counter for a month.\nShould I move it to the fridge?")]


def test_a_quote_headed_by_a_linked_posted_line_and_an_edit_line_by_its_class():
    # Something Awful: "<h4><a class=quote_link>X posted:</a></h4><blockquote>", and an edit line
    # whose words are the board's own ("X fucked around with this message at DATE").
    text = ('<div class="bbc-block"><h4><a class="quote_link" href="/showthread.php?goto=post&amp;postid=411637955'
            '#post411637955">AgentF posted:</a></h4><blockquote>How easy is it to write a script?</blockquote></div>'
            'Lets not give them an excuse.<p class="editedby"><span>Ann fucked around with this message at '
            'Jan 18, 2013 around 11:35</span></p>')
    thread = _parse(f"<html><body>{_post(1, 'Ann', 3, text)}{_post(2, 'Bob', 4, 'Seen it, thanks.')}</body></html>")
    post = thread.posts[0]
    assert [(q.author, q.post_native_id, q.text) for q in post.quotes] == [
        ("AgentF", "411637955", "How easy is it to write a script?")]
    assert post.body_text == "How easy is it to write a script?\nLets not give them an excuse."
    assert post.edited.value.date().isoformat() == "2013-01-18"


def test_a_link_to_the_next_topic_is_no_next_page():
    # phpBB 2's and SMF's <link rel=next> go to the next topic, before the thread's next page.
    for topic in ("viewtopic.php?t=41&amp;view=next", "index.php?topic=41.0;prev_next=next#new"):
        page = PAGE.replace("<title>", f'<link rel="next" href="/{topic}"><title>')
        assert _parse(page).next_url == "https://forum.example.org/thread/42/page-2"


def test_the_next_page_is_the_pagers_link_after_this_page_without_the_session():
    pager = ('<div class="pagination">247 posts &bull; <a href="#" onclick="jumpto()">Page <strong>2</strong> of <strong>10</strong></a>'
             ' <a href="/thread/42?sid=0123abcd">1</a>, <strong>2</strong>, <a href="/thread/42?sid=0123abcd&amp;start=50">3</a></div>')
    page = PAGE.replace('<link rel="next" href="/thread/42/page-2"><div class="pagination">Page 1 of 3</div>', pager)
    thread = _parse(page)
    assert (thread.page, thread.page_count, thread.next_url) == (2, 10, "https://forum.example.org/thread/42?start=50")
    assert _parse(PAGE.replace("page-2", "page-2?sid=0123abcd")).next_url == "https://forum.example.org/thread/42/page-2"


def test_nested_replies_are_separate_posts_never_merged():
    inner = _post(22, "Bob", 5, "Agreed, the forged ones last.", cls="comment")
    outer = _post(21, "Alice", 4, "Carbon steel is better than stainless.", cls="comment",
                  extra=f'<div class="children">{inner}</div>')
    thread = _parse(f"<html><body>{outer}{_post(23, 'Carol', 6, 'Depends on the soil.', cls='comment')}</body></html>")
    assert [p.author for p in thread.posts] == ["Alice", "Bob", "Carol"]
    assert "Agreed" not in thread.posts[0].body_text


def test_nested_comments_whose_classes_alternate_are_not_one_posts_cells():
    # WordPress numbers its comments' depth and alternates their classes under each parent: the
    # replies under a comment are not a post's user and message cells.
    def comment(n: int, cls: str, author: str, replies: str = "") -> str:
        return (f'<li id="comment-{n}" class="{cls}"><div class="comment-author vcard"><b class="fn">{author}</b>'
                f' <span class="says">says:</span></div><div class="comment-metadata"><time datetime="2018-11-17T0{n % 10}:51:01+00:00">'
                f'November 17, 2018</time></div><div class="comment-content"><p>Comment {n} by {author}, long enough to read.</p>'
                f'</div>{replies}</li>')
    replies = ('<ol class="children">' + comment(2, "comment odd alt depth-2", "Bea")
               + comment(3, "comment even depth-2", "Cy") + "</ol>")
    comments = (comment(1, "comment even thread-even depth-1 parent", "Al", replies)
                + comment(4, "comment odd alt thread-odd thread-alt depth-1", "Di")
                + comment(5, "comment even thread-even depth-1 parent", "Ed",
                          '<ol class="children">' + comment(6, "comment byuser bypostauthor odd alt depth-2", "Fi") + "</ol>"))
    thread = _parse(f'<html><body><ol class="comment-list">{comments}</ol></body></html>')
    assert [(p.author, p.body_text) for p in thread.posts] == [
        (a, f"Comment {n} by {a}, long enough to read.") for n, a in enumerate(("Al", "Bea", "Cy", "Di", "Ed", "Fi"), 1)]


def test_a_relative_profile_link_names_the_author():
    # Hacker News's 2011 markup: the name is a link to "user?id=…", the header line has no class.
    def comment(n: int, name: str) -> str:
        return (f'<tr><td class="default"><div><span class="comhead"><a href="user?id={name}">{name}</a> {n} hours ago |'
                f' <a href="item?id={300 + n}">link</a></span></div><br><span class="comment"><font color=#000000>'
                f"Words of comment {n}, long enough to be a comment.</font></span></td></tr>")
    thread = _parse(f"<html><body><table>{comment(1, 'tzury')}{comment(2, 'ch0wn')}{comment(3, 'Spyro7')}</table></body></html>")
    assert [(p.author, p.author_url, p.body_text) for p in thread.posts] == [
        (name, f"https://forum.example.org/thread/user?id={name}", f"Words of comment {n}, long enough to be a comment.")
        for n, name in ((1, "tzury"), (2, "ch0wn"), (3, "Spyro7"))]


def test_a_name_without_a_link_leaves_its_says_out():
    page = re.sub(r'<a href="/members/\w+\.\d+/">(\w+)</a>', r'<div class="comment-author vcard"><cite class="fn">\1</cite> <span class="says">says:</span></div>', PAGE)
    assert [p.author for p in _parse(page).posts] == ["Alice", "Bob", "Carol"]


def test_a_date_line_classed_as_the_authors_names_nobody():
    # Tapatalk shows no profile on a member's second post in a row, only "date #N" classed "author".
    carol = '<a href="/members/carol.13/">Carol</a> <time datetime="2020-05-03T10:03:00+02:00">3 May 2020</time>'
    page = PAGE.replace(carol, '<p class="author"><time datetime="2020-05-03T10:03:00+02:00">3 May 2020</time>'
                               ' <a href="#post-1013">#3</a></p>')
    assert [p.author for p in _parse(page).posts] == ["Alice", "Bob", None]


def test_a_one_letter_name_after_an_avatar_link_is_the_author():
    def post(n: int, uid: int, name: str) -> str:
        return (f'<div class="reply" id="post_{1614050 + n}"><a href="/user/{uid}" class="avatar"><img src="/a.jpg"></a>'
                f'<div class="inner"><span class="userInfo"><strong><a href="/user/{uid}" class="l">{name}</a></strong></span>'
                f'<small>#{n} - 2020-5-4 0{n}:27</small><div class="message">第{n}楼的回复，足够长的一段文字。</div></div></div>')
    thread = _parse(f"<html><body>{post(1, 455074, '氏')}{post(2, 492963, 'valar')}{post(3, 455074, '氏')}</body></html>")
    assert [p.author for p in thread.posts] == ["氏", "valar", "氏"]


def test_a_short_cjk_page_title_ends_the_heading_after_its_trail():
    page = ("<html><head><title>来推冻鳗群啦！</title></head><body><h1><span><a href='/group/boring'>靠谱人生茶话会</a> » "
            "<a href='/group/boring/forum'>讨论</a></span><br>来推冻鳗群啦！</h1>"
            + "".join(_post(n, a, n, "Words of a post, long enough.") for n, a in ((1, "Al"), (2, "Bea")))
            + "</body></html>")
    assert _parse(page).title == "来推冻鳗群啦！"


@pytest.mark.parametrize("cls,content", [
    ("postbody", True), ("message-body", True), ("bbWrapper", True), ("text", True), ("post-text", True),
    # Styling utilities: vBulletin 3's restyled header cell "#21 (permalink)", a Bootstrap badge.
    ("tcell text-right", False), ("text-center smallfont", False), ("badge text-bg-light", False), ("text-body", False),
])
def test_a_class_that_says_message_and_a_styling_utility_that_does_not(cls, content):
    assert is_content_class(cls) is content


@pytest.mark.parametrize("url,number", [
    ("https://www.pprune.org/members/112496-22-04", "112496"),  # member "22/04": the number comes first
    ("https://www.pprune.org/members/291583-tu-114", "291583"),
    ("https://forum.example.org/members/name.123/", "123"),
    ("https://forum.example.org/profile/13603-name/", "13603"),
    ("https://forum.example.org/memberlist.php?mode=viewprofile&u=5996", "5996"),
    ("https://forum.example.org/u/alice", None),
])
def test_the_member_number_a_profile_url_names(url, number):
    assert user_id(url) == number


def test_a_profile_icons_words_name_the_member_and_moderation_links_are_no_words():
    # vBulletin 2 (forums.steampowered.com): the profile link is an icon whose alt text names him;
    # each post ends "Report this post to a moderator | IP: Logged".
    def post(n: int, name: str, uid: int, words: str) -> str:
        return (f'<tr><td><a name="post{n}"></a><b>{name}</b><br>Registered: Nov 2004</td>'
                f'<td><font size="1">Posted - 11-2{n % 10}-2004 11:36 PM</font><p>{words}</p>'
                f'<a href="member.php?action=getinfo&amp;userid={uid}"><img src="images/profile.gif" '
                f'alt="Click Here to See the Profile for {name}"></a><p align="right"><font size="1">'
                f'<a href="report.php?s=d0a3&amp;postid={n}">Report this post to a moderator</a> | IP: '
                f'<a href="postings.php?s=d0a3&amp;action=getip&amp;postid={n}">Logged</a></font></p></td></tr>')
    rows = post(1570001, "Tu17", 154500, "Delete the shader cache, then verify the game files.") + post(
        1570002, "Saiyaman", 98765, "You are my hero. The steam fix did not work but this did.")
    thread = _parse(f"<html><body><table>{rows}</table></body></html>")
    assert [(p.author, p.author_id, p.body_text) for p in thread.posts] == [
        ("Tu17", "154500", "Delete the shader cache, then verify the game files."),
        ("Saiyaman", "98765", "You are my hero. The steam fix did not work but this did.")]


def test_table_layout_posts_span_header_and_text_rows():
    rows = "".join(
        f'<tr class="head"><td><a href="/profile.php?id={n}">{name}</a> 0{n}.03.2019, 14:0{n}</td></tr>'
        f"<tr><td>{text}</td></tr>"
        for n, name, text in [(1, "Uwe", "Hat jemand Erfahrung mit dem neuen Medikament?"),
                              (2, "Eva", "Ja, seit einem Jahr, ohne Nebenwirkungen bisher.")]
    )
    thread = _parse(f"<html><body><table>{rows}</table></body></html>")
    assert [(p.author, p.body_text) for p in thread.posts] == [
        ("Uwe", "Hat jemand Erfahrung mit dem neuen Medikament?"),
        ("Eva", "Ja, seit einem Jahr, ohne Nebenwirkungen bisher."),
    ]
    assert thread.posts[1].published.value.isoformat() == "2019-03-02T14:02:00+00:00"


def test_a_short_message_beside_its_button_bar_and_its_bracketed_edit_note():
    # Discuz! 7 (1984bbs.com): each post a table, its second row the buttons ("引用 回复 TOP")
    # in a cell of the message cell's class; an edit note closes the message.
    def post(n: int, name: str, words: str) -> str:
        return (f'<div class="mainbox viewthread"><table id="pid{n}"><tr><td class="postauthor"><cite>'
                f'<a href="space.php?uid={n % 100}">{name}</a></cite></td><td class="postcontent">'
                f'<div class="postinfo"><strong>{n % 10}楼</strong> 发表于 2010-6-23 07:0{n % 10}&nbsp;</div>'
                f'<div class="postmessage defaultpost"><div id="postmessage_{n}" class="t_msgfont">{words}</div></div>'
                f'</td></tr><tr><td class="postauthor"></td><td class="postcontent"><div class="postactions"><p>'
                f'<a href="post.php?action=reply&amp;repquote={n}">引用</a> <a href="###">回复</a> '
                f'<strong onclick="scroll(0,0)">TOP</strong></p></div></td></tr></table></div>')
    edited = "难道不成是赤匪控股的？<br />\r\n<br />\n[<i> 本帖最后由 高渐离 于 2010-6-23 07:10 编辑 </i>]"
    page = f"<html><body>{post(698641, '高渐离', edited)}{post(698652, 'Adon', '好贴，收藏。')}</body></html>"
    first, second = _parse(page).posts
    assert (first.body_text, first.edited.raw) == ("难道不成是赤匪控股的？", "2010-6-23 07:10")
    assert (second.author, second.body_text) == ("Adon", "好贴，收藏。")


def test_a_short_message_beside_a_hidden_profile():
    # Discuz! X: the author's cell holds a pop-up (display:none) of the member's counts and days
    # ("注册时间 2011-8-5": registered); the message says two words.
    def post(n: int, words: str) -> str:
        return (f'<div id="post_{n}"><table id="pid{n}"><tr><td class="pls"><div class="authi">'
                f'<a href="home.php?mod=space&amp;uid=292199" class="xw1">汤圆</a></div>'
                f'<div class="p_pop blk bui" id="userinfo{n}" style="display: none; margin-top: -11px;"><dl class="cl">'
                f'<dt>UID</dt><dd>292199</dd><dt>热情</dt><dd>106</dd><dt>在线时间</dt><dd>797 小时</dd>'
                f'<dt>注册时间</dt><dd>2011-8-5</dd><dt>最后登录</dt><dd>2020-5-15</dd></dl></div></td>'
                f'<td class="plc"><div class="pi"><em id="authorposton{n}">发表于 2020-4-1{n % 10} 21:22:22</em></div>'
                f'<table><tr><td class="t_f" id="postmessage_{n}">{words}</td></tr></table></td></tr></table></div>')
    thread = _parse(f"<html><body>{post(71083112, '好房出租！')}{post(71088943, '还在吗？')}</body></html>")
    assert [p.body_text for p in thread.posts] == ["好房出租！", "还在吗？"]


@pytest.mark.parametrize("registered,visited", [
    ("Registered:", "Last visit:"), ("注册时间:", "最后登录:"), ("Зарегистрирован:", "Last visit:")])
def test_profile_boxes_dated_by_join_dates_are_not_the_posts(registered, visited):
    # PunBB: the post's date heads the post, outside the box that holds the poster's profile
    # ("Registered: ...") and the message; the board's welcome box shows a last visit.
    posts = "".join(
        f'<div id="p{n}" class="blockpost"><h2><a href="viewtopic.php?pid={n}#p{n}">Yesterday 2{n % 2}:47:30</a></h2>'
        f'<div class="box"><dl><dt><a href="profile.php?id={n}">{name}</a></dt><dd>{registered} 2005-03-17</dd>'
        f'</dl><div class="postmsg"><p>{text}</p></div></div></div>'
        for n, name, text in [(62698, "geography", "Lighttpd says Insufficient memory when the image is large."),
                              (62708, "jqshenker", "Yeah, it is the limits. Are you resizing it as well?")]
    )
    welcome = ('<div class="box"><ul><li><a href="profile.php?id=1">Profile</a></li></ul>'
               f'<ul><li>Logged in as <strong>geography</strong></li><li>{visited} Today 21:29:23</li></ul></div>')
    thread = _parse(f"<html><body>{welcome}{posts}</body></html>")
    assert [(p.author, p.native_id, p.published.raw, p.body_text) for p in thread.posts] == [
        ("geography", "62698", "Yesterday 20:47:30", "Lighttpd says Insufficient memory when the image is large."),
        ("jqshenker", "62708", "Yesterday 20:47:30", "Yeah, it is the limits. Are you resizing it as well?"),
    ]


@pytest.mark.parametrize("after,kept", [
    ("Rick (Admin)<br>Various 1930s-1960s relics", False),  # a signature
    ("Part two. " + "Then the clutch went, and the gearbox after it, all in one week. " * 6, True),  # a divider
])
def test_words_after_a_line_of_underscores_are_a_signature_when_short(after, kept):
    text = "The rear wheels fell off before the end of the programme.<br>_________________<br>" + after
    thread = _parse(f"<html><body>{_post(1, 'Rick', 3, text)}{_post(2, 'Journer', 4, 'Seen it too.')}</body></html>")
    assert thread.posts[0].body_text.startswith("The rear wheels fell off before the end of the programme.")
    assert ("_____" in thread.posts[0].body_text) is kept
    assert (after[:10] in thread.posts[0].body_text) is kept


@pytest.mark.parametrize("href,member", [
    ("/account.php?action=logout&ma=x", False), ("/members/logout?t=1", False), ("/user/sign-out", False),
    ("/accounts/login/?next=/thread/1/", False),
    ("/accounts/42/", True), ("/member.php?action=getinfo&userid=12345", True), ("/profile.php?id=1067", True),
])
def test_the_readers_own_account_links_are_no_member_profiles(href, member):
    assert user_href(href) is member


def test_the_readers_log_out_link_and_a_members_post_history_name_nobody():
    # Something Awful (vBulletin 2): the name in <dt class="author"> without a link; the links
    # to the member are "Post History"; the page's navigation links the reader's log-out.
    posts = "".join(
        f'<table class="post" id="post{n}"><tr><td class="userinfo"><dl><dt class="author">{name}</dt>'
        f'<dd class="registered">Feb 2, 2007</dd></dl></td><td class="postbody">{text}</td></tr>'
        f'<tr><td class="postdate">Dec 1{n % 10}, 2022 3:20 PM</td><td class="postlinks">'
        f'<a href="/query.php?action=posthistory&amp;userid={n}">Post History</a></td></tr></table>'
        for n, name, text in [(528346260, "test user", "Testing the poll with a first vote."),
                              (528346261, "other user", "Voted too, the results show now.")]
    )
    nav = '<ul class="navigation"><li><a href="/usercp.php">User Control Panel</a></li>' \
          '<li><a href="/account.php?action=logout&amp;ma=x">Log Out</a></li></ul>'
    thread = _parse(f"<html><body>{nav}{posts}</body></html>")
    assert [(p.author, p.body_text) for p in thread.posts] == [
        ("test user", "Testing the poll with a first vote."), ("other user", "Voted too, the results show now.")]


def test_guest_view_without_profile_links_uses_post_ids_and_bold_names():
    blocks = "".join(
        f'<div class="blockpost" id="p{n}"><h2><a href="viewtopic.php?pid={n}#p{n}">2019-09-{n % 100} 10:46:47</a></h2>'
        f'<dl><dt><strong>{name}</strong></dt><dd>Member</dd></dl><div class="postmsg"><p>{text}</p></div></div>'
        for n, name, text in [(1865921, "wzrd", "The dock stops working after a replug."),
                              (1865922, "nick", "Try the LTS kernel first.")]
    )
    thread = _parse(f"<html><body>{blocks}</body></html>")
    assert [(p.author, p.native_id, p.body_text) for p in thread.posts] == [
        ("wzrd", "1865921", "The dock stops working after a replug."),
        ("nick", "1865922", "Try the LTS kernel first."),
    ]


def test_schema_org_microdata_posts():
    item = (
        '<div itemscope itemtype="http://schema.org/DiscussionForumPosting">'
        '<span itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="/u/{0}">'
        '<span itemprop="name">{0}</span></a></span>'
        '<time itemprop="datePublished" datetime="2020-04-23T09:1{1}:04Z">23 April 2020</time>'
        '<div itemprop="articleBody"><p>{2}</p></div></div>'
    )
    html = "<html><body>" + item.format("Tes", 6, "Can I transfer back?") + item.format("Aba", 7, "Not yet.") + "</body></html>"
    thread = _parse(html)
    assert [(p.author, p.body_text, p.published.value.isoformat()) for p in thread.posts] == [
        ("Tes", "Can I transfer back?", "2020-04-23T09:16:04+00:00"),
        ("Aba", "Not yet.", "2020-04-23T09:17:04+00:00"),
    ]


def _topic_item(lead_minute: int, lead: str = '<div class="scroller"><span>First post</span> <span>Last post</span></div>') -> str:
    """A topic item around its posts, as NodeBB marks it up: the opening post is the first
    Comment, the topic's own author named through ``itemref``."""
    comment = ('<li itemscope itemtype="http://schema.org/Comment"><meta itemprop="datePublished" content="2016-02-17T{1}Z">'
               '<a itemprop="author" href="/user/{0}">{0}</a><div itemprop="text"><p>{2}</p></div></li>')
    return (
        '<html><body><div class="topic" itemscope itemtype="https://schema.org/DiscussionForumPosting">'
        f'<meta itemprop="datePublished" content="2016-02-17T07:{lead_minute:02d}:59.000Z">'
        '<meta itemprop="author" itemscope itemtype="https://schema.org/Person" itemref="topicAuthorName">'
        '<meta id="topicAuthorName" itemprop="name" content="Bee"><h3 itemprop="name">Too many links</h3>'
        + lead + '<ul class="posts">'
        + comment.format("Bee", "07:10:59.000", "Our pages have 600 links each. Is that a problem?")
        + comment.format("Clay", "08:30:44.000", "Not since 2013, as long as they serve the reader.")
        + "</ul></div></body></html>"
    )


def test_a_topic_item_around_its_opening_post_is_no_post_itself():
    thread = _parse(_topic_item(10))
    assert [(p.author, p.body_text) for p in thread.posts] == [
        ("Bee", "Our pages have 600 links each. Is that a problem?"),
        ("Clay", "Not since 2013, as long as they serve the reader."),
    ]
    # Started at another moment than its first comment, the item is a post of its own.
    lead = '<div itemprop="articleBody">We moved the shop to a new theme last week.</div>'
    assert [p.body_text for p in _parse(_topic_item(2, lead)).posts][0] == "We moved the shop to a new theme last week."


@pytest.mark.parametrize("spelt", ["itemprop", "ITEMPROP"])  # HTML attribute names are case-insensitive
def test_microdata_gives_what_the_structure_does_not_show(spelt):
    item = ('<div itemscope itemtype="http://schema.org/Comment"><div class="meta"><span itemprop="author">{0}</span> '
            '<span itemprop="dateCreated" content="2020-04-23T09:1{1}:04Z">a while ago</span></div>'
            '<div itemprop="text"><p>{2}</p></div></div>')
    posts = [("Tes", "Can I transfer back?"), ("Aba", "Not yet."), ("Cy", "Ask again in May.")]
    html = "<html><body>" + "".join(item.format(name, i, text) for i, (name, text) in enumerate(posts)) + "</body></html>"
    thread = _parse(html.replace("itemprop", spelt))
    assert [(p.author, p.body_text, p.published.value.isoformat()) for p in thread.posts] == [
        (name, text, f"2020-04-23T09:1{i}:04+00:00") for i, (name, text) in enumerate(posts)
    ]


def test_login_wall_gives_no_posts_and_says_why():
    thread = _parse('<html><body><h1>Members only</h1><p>You must be logged in to view this thread.</p>'
                    '<form><input type="password" name="pw"></form></body></html>')
    assert thread.posts == []
    assert thread.empty_reason == "login required"


def test_page_without_posts_says_no_structure_was_found():
    thread = _parse("<html><body><h1>Welcome</h1><p>" + "Plain prose. " * 40 + "</p></body></html>")
    assert thread.posts == []
    assert thread.empty_reason == "no repeated post structure found"


@pytest.mark.parametrize("html", ["", "<html></html>", "<html><body><div><div></div></div></body></html>", "<p>x" * 2000])
def test_odd_pages_do_not_raise(html):
    thread = _parse(html or "<html><body></body></html>")
    assert thread.posts == []


def test_a_blog_post_with_comments_does_not_look_like_a_forum():
    article = "<article><h1>Pruning roses</h1>" + "<p>" + "Cut above an outward-facing bud. " * 80 + "</p></article>"
    comments = _post(1, "Ann", 1, "Thanks, very clear.", cls="comment") + _post(2, "Ben", 2, "When in spring?", cls="comment")
    assert not generic.looks_like_forum(Document(f"<html><body>{article}{comments}</body></html>", URL))
    assert generic.looks_like_forum(Document(PAGE, URL))


# --- the Q&A and social engines beside the generic parser ---------------------------------------


def test_old_reddit_comments_page():
    from scraper.parsers.engines import reddit

    def thing(kind: str, fullname: str, author: str, text: str, inner: str = "") -> str:
        return (
            f'<div class="thing {kind}" data-type="{kind}" data-fullname="{fullname}" data-author="{author}" '
            f'data-permalink="/r/garden/comments/abc/x/{fullname}/" data-domain="self.garden">'
            f'<div class="entry"><a class="title" href="/r/garden/comments/abc/x/">Best trowel?</a>'
            f'<time datetime="2020-05-01T10:00:00+00:00">1 day ago</time>'
            f'<div class="usertext-body"><div class="md"><p>{text}</p></div></div></div>{inner}</div>'
        )

    reply = thing("comment", "t1_b2", "bob", "Forged steel.")
    page = ('<html><head><meta property="og:site_name" content="reddit"></head><body>'
            + thing("link", "t3_abc", "alice", "Which one lasts?") + thing("comment", "t1_a1", "carol", "Stainless.", reply)
            + "</body></html>")
    doc = Document(page, "https://old.reddit.com/r/garden/comments/abc/x/")
    assert reddit.detect(doc)
    thread = reddit.parse(doc, ParseContext(doc.url, FETCHED, timezone.utc))
    assert [(p.native_id, p.author, p.body_text) for p in thread.posts] == [
        ("abc", "alice", "Best trowel?\nWhich one lasts?"),
        ("a1", "carol", "Stainless."),
        ("b2", "bob", "Forged steel."),
    ]
