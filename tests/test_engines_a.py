"""XenForo, Invision Community, Discourse, NodeBB and Flarum parsers: one test per behaviour, on
the golden fixture pages (real pages, plus synthetic Discourse JSON and Flarum pages modelled on
the documented API and templates)."""

from __future__ import annotations

import gzip
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from scraper.parsers.engines import ENGINES as ENGINE_MODULES
from scraper.parsers.engines import discourse, flarum, ips, nodebb, xenforo
from scraper.parsers.html import Document, cut_quotes, text_of
from scraper.parsers.model import ParseContext
from tests.golden import ROOT, page_file, parse_case

ENGINES = {"xenforo": xenforo, "ips": ips, "discourse": discourse, "nodebb": nodebb, "flarum": flarum}
HTML_CASES = sorted(c for name in ENGINES for c in (ROOT / name).glob("*/case.json") if not page_file(c.parent).name.endswith(".json"))


def _records(engine: str, case: str) -> dict[str, list[dict]]:
    _, records = parse_case(ROOT / engine / case)
    out: dict[str, list[dict]] = {}
    for record in records:
        out.setdefault(record["type"], []).append(record)
    return out


def _document(path: Path, url: str | None = None) -> Document:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return Document(data.decode("utf-8", "replace"), url)


def _ctx(url: str = "https://example.org/t/1") -> ParseContext:
    return ParseContext(url=url, fetched_at=datetime(2026, 3, 1, tzinfo=timezone.utc), timezone=timezone.utc)


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize("case", HTML_CASES, ids=[f"{c.parent.parent.name}/{c.parent.name}" for c in HTML_CASES])
def test_detection_claims_only_its_own_pages(case):
    owner = case.parent.parent.name
    doc = _document(page_file(case.parent))
    claims = [name for name, module in ENGINES.items() if module.detect(doc)]
    assert claims == [owner]


def test_detection_ignores_a_plain_article_page():
    doc = Document("<html><head><title>A blog</title></head><body><article><p>Text with the word discourse "
                   "and xenforo and flarum.</p></article></body></html>", None)
    assert not any(module.detect(doc) for module in ENGINES.values())


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_a_page_without_posts_gives_an_empty_thread_not_an_error(name):
    doc = Document("<html><head><title>Nothing</title></head><body><p>Not found</p></body></html>", "https://example.org/x")
    draft = ENGINES[name].parse(doc, _ctx())
    assert draft.posts == [] and draft.empty_reason


# ---------------------------------------------------------------- XenForo


def test_xenforo2_quotes_leave_the_own_words_and_keep_author_and_post_id():
    records = _records("xenforo", "xf2-statcounter-quotes-attachments")
    post = next(p for p in records["post"] if p["native_id"] == "270539")
    quote = next(q for q in records["quote"] if q["post_id"] == post["post_id"])
    assert quote["quoted_author"] == "Jose Webcamer"
    assert quote["quoted_post_id"].endswith(":p:261688")
    assert "footer of your web page" in quote["text"]
    assert "footer of your web page" in post["body_text"]  # as the page shows it
    assert post["own_text"] == "yes."
    assert "Click to expand" not in post["body_text"]


def test_xenforo2_dates_keep_the_sites_offset_and_the_edit_date():
    first = _records("xenforo", "xf2-statcounter-quotes-attachments")["post"][0]
    assert first["published_at"] == "2017-09-09T01:19:18+01:00"
    assert first["edited_at"] == "2017-09-14T21:29:37+01:00"
    assert first["url"] == "https://forum.statcounter.com/threads/custom-tags-examples.44340/post-261438"
    assert first["author"] == "Rory_A" and first["author_id"] == "56111"


def test_xenforo2_attachment_has_url_and_file_name():
    (attachment,) = _records("xenforo", "xf2-statcounter-quotes-attachments")["attachment"]
    assert attachment["filename"] == "upload_2017-9-8_19-15-36.png"
    assert attachment["url"].startswith("https://forum.statcounter.com/attachments/")


def test_xenforo2_california_style_gives_one_post_per_repeated_id():
    records = _records("xenforo", "xf2-california-roadbikereview")
    assert [p["native_id"] for p in records["post"]] == ["4990819", "5003524", "5197575"]
    assert records["post"][1]["author_id"] == "285279"  # from the member URL: no data-user-id here
    assert records["post"][0]["published_at"] == "2016-02-08T12:25:14-05:00"
    (thread,) = records["thread"]
    assert (thread["reply_count"], thread["view_count"]) == (2, 2000)  # "2 replies", "2K views"


def test_xenforo1_reads_display_dates_quotes_and_thread_fields():
    records = _records("xenforo", "xf1-gtplanet-historic-cars")
    (thread,) = records["thread"]
    assert thread["title"] == "Historic cars in F1 2018 feel slugish"
    assert thread["board"] == "F1 2018" and thread["page"] == 1
    posts = records["post"]
    assert len(posts) == 5
    assert posts[1]["published_at"].startswith("2019-05-08T15:51")
    (quote,) = records["quote"]
    assert quote["quoted_author"] == "flooderqb19" and quote["quoted_post_id"].endswith(":p:12732004")


@pytest.mark.parametrize("today,offset", [(1557270000, "+01:00"), (1557291600, "-05:00"), (1557253800, "+05:30")])
def test_xenforo1_shown_times_are_in_the_zone_of_the_visitors_midnight(today, offset):
    # XenForo 1 gives its scripts the epoch of the visitor's midnight: 23:00Z is a day that
    # began at UTC+1, 05:00Z one at UTC-5.
    path = page_file(ROOT / "xenforo" / "xf1-gtplanet-historic-cars")
    doc = _document(path, "https://www.gtplanet.net/forum/threads/historic-cars-in-f1-2018-feel-slugish.387294/")
    text = re.sub(r"today: \d+", f"today: {today}", doc.text)
    draft = xenforo.parse(Document(text, doc.url), _ctx(doc.url))
    assert str(draft.posts[1].published.value) == f"2019-05-08 15:51:00{offset}"
    assert str(draft.timezone) == f"UTC{offset}"


def test_xenforo_next_page_url_and_page_count():
    doc = Document('<html id="XF"><head><link rel="next" href="/threads/a.1/page-2"></head><body>'
                   '<ul class="pageNav-main"><li class="pageNav-page pageNav-page--current"><a href="/threads/a.1/">1</a></li>'
                   '<li class="pageNav-page"><a href="/threads/a.1/page-7">7</a></li></ul></body></html>', "https://f.example/threads/a.1/")
    draft = xenforo.parse(doc, _ctx("https://f.example/threads/a.1/"))
    assert (draft.page, draft.page_count) == (1, 7)
    assert draft.next_url == "https://f.example/threads/a.1/page-2"


# ---------------------------------------------------------------- Invision Community


def test_ips_author_is_the_name_without_badges():
    posts = _records("ips", "ips4-neowin-quotes-reactions")["post"]
    assert posts[0]["author"] == "Wanyoike Alex"
    assert posts[1]["author"] == "+Raze"


def test_ips_date_keeps_the_wall_clock_of_the_display_title():
    posts = _records("ips", "ips5-kerbal-paged")["post"]
    # datetime="2024-06-14T15:11:58Z", title="06/14/2024 06:11 PM": the site shows UTC+3.
    assert posts[1]["published_at"] == "2024-06-14T18:11:58+03:00"


def test_ips_thread_pages_and_breadcrumbs():
    (thread,) = _records("ips", "ips5-kerbal-paged")["thread"]
    assert (thread["page"], thread["page_count"]) == (1, 2)
    assert thread["next_url"].endswith("/page/2/")
    assert "All Activity" not in thread["breadcrumbs"]


def test_ips_quote_and_attachments():
    records = _records("ips", "ips4-prestashop-attachments")
    (quote,) = records["quote"]
    assert quote["quoted_author"] == "GrinGEO" and quote["quoted_post_id"].endswith(":p:3538177")
    assert all(a["url"].startswith("https://") and a["filename"] for a in records["attachment"])
    assert records["post"][0]["url"].endswith("?do=findComment&comment=3538177")


# ---------------------------------------------------------------- Discourse


def test_discourse_crawler_posts_get_ids_from_the_preloaded_json():
    records = _records("discourse", "crawler-rust-lang-preloaded")
    first = records["post"][0]
    assert first["native_id"] == "561656" and first["author"] == "sorairolake"
    assert first["published_at"] == "2026-02-20T16:55:07+00:00"
    quote = records["quote"][0]
    assert quote["quoted_author"] == "sorairolake" and quote["quoted_post_id"] == first["post_id"]
    reply = records["post"][1]
    assert quote["text"] in reply["body_text"] and quote["text"] not in reply["own_text"]


def test_discourse_javascript_shell_gives_a_thread_without_posts():
    page, records = parse_case(ROOT / "discourse" / "jsshell-keebtalk")
    assert [r["type"] for r in records] == ["thread"]
    assert page["status"] == "empty"
    doc = _document(page_file(ROOT / "discourse" / "jsshell-keebtalk"))
    assert "JavaScript-only" in discourse.parse(doc, _ctx()).empty_reason


def test_discourse_topic_json_reads_posts_and_skips_small_actions():
    records = _records("discourse", "json-topic")
    (thread,) = records["thread"]
    assert thread["title"] == "Pin the toolbar?" and thread["view_count"] == 212
    assert [p["native_id"] for p in records["post"]] == ["880101", "880144"]  # 880190 is a "closed" notice
    reply = records["post"][1]
    assert reply["edited_at"] == "2024-05-03T08:00:00+00:00"
    assert reply["url"] == "https://forum.example.net/t/pin-the-toolbar/5120/2"
    assert records["post"][0]["likes"] == 3
    assert {r["kind"] for r in records["reference"]} == {"doi"}


def test_discourse_posts_json_listed_newest_first_keeps_the_threads_order():
    # /t/<id>/posts.json?post_number=N lists a topic's posts newest first.
    data = json.loads((ROOT / "discourse" / "json-topic" / "page.json").read_text(encoding="utf-8"))
    in_order = [p["id"] for p in data["post_stream"]["posts"] if p.get("post_type") != 3]
    posts = list(reversed(data["post_stream"]["posts"]))
    ctx = ParseContext("https://forum.example.net/t/5120/posts.json?post_number=5", datetime(2026, 1, 1, tzinfo=timezone.utc), timezone.utc)
    draft = discourse.parse_json({"post_stream": {"posts": posts}}, ctx)
    assert [p.native_id for p in draft.posts] == [str(i) for i in in_order]
    assert [p.position for p in draft.posts] == list(range(len(in_order)))


def test_discourse_markdown_quote_is_a_quote_and_a_link_previews_is_not():
    # Markdown's ">" writes a bare <blockquote>, as forum.ionicframework.com's post #5 does; a
    # onebox <aside> holds the linked page's words, and the quote button's <aside> its own.
    cooked = ("<p>Hey, did you read the question?</p>\n<blockquote>\n<p>without using Android Studio</p>\n</blockquote>\n"
              "<p>Looking for same</p>\n<aside class=\"onebox\"><article><blockquote><p>A linked tweet</p></blockquote>"
              "</article></aside>")
    post = {"id": 9, "post_number": 5, "username": "roboter", "cooked": cooked, "created_at": "2019-11-20T11:13:52Z"}
    ctx = ParseContext("https://forum.example.net/t/177814.json", datetime(2026, 1, 1, tzinfo=timezone.utc), timezone.utc)
    (draft,) = discourse.parse_json({"post_stream": {"posts": [post]}}, ctx).posts
    assert [(q.author, q.text) for q in draft.quotes] == [(None, "without using Android Studio")]
    assert draft.body_text.startswith("Hey, did you read the question?\nwithout using Android Studio\nLooking for same")


def test_a_forced_parser_reads_json_only_if_it_can():
    page, records = parse_case(ROOT / "discourse" / "json-topic", engine="generic")
    assert page["status"] == "error" and not records
    assert page["message"] == "JSON input, which the generic parser does not read (JSON parsers: discourse)"
    page, records = parse_case(ROOT / "discourse" / "json-topic", engine="discourse")
    assert page["engine"] == "discourse" and any(r["type"] == "post" for r in records)


@pytest.mark.parametrize("engine", sorted(m.NAME for m in ENGINE_MODULES))
def test_every_parser_forced_on_another_engines_page_says_why_it_found_nothing(engine):
    page, records = parse_case(ROOT / "xenforo" / "xf1-juraforum-de", engine=engine)
    if page["status"] == "error":
        assert not records and "crashed" not in page["message"], page["message"]


def test_discourse_latest_posts_json():
    records = _records("discourse", "json-latest-posts")
    assert records["thread"][0]["title"] == "Sync fails after update"
    assert [p["author"] for p in records["post"]] == ["kofi", "lee_dev"]


def test_discourse_json_detection_is_specific():
    assert discourse.detect_json({"post_stream": {"posts": []}})
    assert discourse.detect_json({"latest_posts": []})
    assert not discourse.detect_json({"posts": []})
    assert not discourse.detect_json([1, 2])


# ---------------------------------------------------------------- NodeBB


def test_nodebb_timestamp_in_milliseconds_and_votes():
    posts = _records("nodebb", "qt-quotes-edits")["post"]
    assert posts[1]["published_at"].startswith("2024-04-17T11:12:22.933")
    assert posts[1]["edited_at"].startswith("2024-04-17T11:13:58")
    assert posts[6]["likes"] == 2
    assert posts[1]["url"] == "https://forum.qt.io/post/797022"


def test_nodebb_quote_takes_its_attribution_line_with_it():
    records = _records("nodebb", "qt-quotes-edits")
    quote = records["quote"][0]
    assert quote["quoted_author"] == "JonB" and quote["quoted_post_id"].endswith(":p:797018")
    reply = records["post"][1]
    assert reply["body_text"].startswith("@JonB said in Which Qt6 version for Ubuntu 24.04:\nHas anybody tried")
    assert "said in" not in reply["own_text"]
    assert "Has anybody tried" not in reply["own_text"]


def test_nodebb_thread_counts_and_next_page():
    (thread,) = _records("nodebb", "windy-paged")["thread"]
    assert (thread["page"], thread["page_count"], thread["view_count"], thread["reply_count"]) == (1, 2, 928, 22)
    assert thread["next_url"].endswith("page=2")


# ---------------------------------------------------------------- Flarum


def test_flarum_payload_gives_ids_dates_and_thread_order():
    records = _records("flarum", "payload-synthetic")
    posts = records["post"]
    assert [p["native_id"] for p in posts] == ["30001", "30002", "30004"]  # 30003 is a tag event, not a comment
    assert posts[0]["published_at"] == "2023-03-14T09:12:44+00:00"
    assert posts[0]["author"] == "Bread Head" and posts[0]["author_url"] == "https://discuss.example.org/u/breadhead"
    assert posts[1]["likes"] == 2
    (quote,) = records["quote"]
    assert quote["quoted_author"] == "Milla K." and quote["quoted_post_id"].endswith(":p:30002")
    assert quote["text"] == "Feed it twice a day for a week."


def test_flarum_noscript_content_is_the_fallback():
    posts = _records("flarum", "noscript-synthetic")["post"]
    assert [p["author"] for p in posts] == ["Bread Head", "Milla K.", "yeastwhisperer"]
    assert posts[2]["body_text"] == "Milla K. Feed it twice a day for a week.\nSeconded. Discard half before each feeding."
    assert posts[2]["own_text"] == "Seconded. Discard half before each feeding."


def test_flarum_old_app_load_payload():
    payload = {"apiDocument": {"data": {"type": "discussions", "id": "9", "attributes": {"title": "Old beta"},
                                        "relationships": {"posts": {"data": [{"type": "posts", "id": "1"}]}}},
                               "included": [{"type": "posts", "id": "1", "attributes": {"number": 1, "contentType": "comment",
                                             "contentHtml": "<p>Hello</p>", "createdAt": "2016-01-02T03:04:05+00:00"}}]}}
    html = f"<html><body><script>var app = flarum.core.app; flarum.core.app.load({json.dumps(payload)}); app.boot();</script></body></html>"
    draft = flarum.parse(Document(html, "https://f.example/d/9-old-beta"), _ctx("https://f.example/d/9-old-beta"))
    assert draft.title == "Old beta" and [p.body_text for p in draft.posts] == ["Hello"]
    assert draft.posts[0].url == "https://f.example/d/9/1"


# ---------------------------------------------------------------- markup variants without a corpus page


def test_xenforo1_epoch_date_keeps_the_displayed_wall_clock():
    html = ('<html id="XenForo"><head><base href="https://f.example/"></head><body><div class="titleBar"><h1>Old thread</h1></div>'
            '<ol class="messageList" id="messageList"><li id="post-77" class="message" data-author="alice">'
            '<div class="messageUserInfo"><h3 class="userText"><a href="members/alice.5/" class="username">alice</a></h3></div>'
            '<div class="messageInfo"><div class="messageContent"><article><blockquote class="messageText ugc baseHtml">Hello'
            '<div class="messageTextEndMarker">&nbsp;</div></blockquote></article></div>'
            '<div class="messageMeta"><a href="threads/old.9/#post-77" title="Permalink" class="datePermalink">'
            '<abbr class="DateTime" data-time="1555492953" data-datestring="Apr 17, 2019" data-timestring="10:22 AM">'
            'Apr 17, 2019 at 10:22 AM</abbr></a></div>'
            '<div class="likesSummary"><span class="LikeText"><a href="members/bob.6/" class="username">bob</a> and '
            '<a href="posts/77/likes" class="OverlayTrigger">3 others</a> like this.</span></div></div></li></ol></body></html>')
    (post,) = xenforo.parse(Document(html, "https://f.example/threads/old.9/"), _ctx("https://f.example/threads/old.9/")).posts
    # 1555492953 is 09:22:33 UTC; the page showed 10:22, so the site was at UTC+1.
    assert post.published.value.isoformat() == "2019-04-17T10:22:33+01:00"
    assert (post.author, post.author_id, post.likes) == ("alice", "5", 4)
    assert post.url == "https://f.example/threads/old.9/#post-77"


def test_ipboard3_post_block():
    html = ('<html><body id="ipboard_body"><h1 class="ipsType_pagetitle">Old topic</h1>'
            '<div class="post_block hentry clear clearfix" id="post_id_12345"><div class="post_wrap">'
            '<h3 class="row2"><span class="author vcard"><a class="url fn name" href="https://f.example/user/77-bob/" '
            'hovercard-ref="member"><span itemprop="name">bob</span></a></span></h3>'
            '<div class="post_body"><p class="posted_info desc">Posted <abbr class="published" itemprop="commentTime" '
            'title="2013-05-04T10:11:12+00:00">04 May 2013 - 10:11 AM</abbr></p>'
            '<div itemprop="commentText" class="post entry-content "><blockquote class="ipsBlockquote" data-author="alice" '
            'data-cid="12300"><p>quoted words</p></blockquote><p>Reply text</p></div>'
            '<div class="signature">my signature</div></div>'
            '<span class="post_id"><a href="https://f.example/topic/55-old-topic/#entry12345" rel="bookmark">#2</a></span>'
            '</div></div></body></html>')
    doc = Document(html, "https://f.example/topic/55-old-topic/")
    assert ips.detect(doc)
    draft = ips.parse(doc, _ctx("https://f.example/topic/55-old-topic/"))
    (post,) = draft.posts
    assert (draft.title, draft.native_id) == ("Old topic", "55")
    assert (post.native_id, post.author, post.author_id) == ("12345", "bob", "77")
    assert post.body_text == "quoted words\nReply text"
    assert cut_quotes(post.body_element) and text_of(post.body_element) == "Reply text"
    assert (post.quotes[0].author, post.quotes[0].post_native_id, post.quotes[0].text) == ("alice", "12300", "quoted words")
    assert post.published.value.isoformat() == "2013-05-04T10:11:12+00:00"
    assert post.url == "https://f.example/topic/55-old-topic/#entry12345"


def test_mobile_app_signature_line_leaves_the_text():
    html = ('<html id="XF"><body><article class="message message--post js-post" data-author="kim" id="js-post-5">'
            '<div class="message-content"><article class="message-body"><div class="bbWrapper">Get the Garmin.<br><br>'
            'Sent from my SM-S908U using <a href="http://r.tapatalk.com/byo?rid=1">AC Forums mobile app</a></div></article>'
            '</div></article></body></html>')
    (post,) = xenforo.parse(Document(html, "https://f.example/threads/w.1/"), _ctx("https://f.example/threads/w.1/")).posts
    assert post.body_text == "Get the Garmin."


def test_discourse_old_crawler_page_without_microdata():
    html = ('<html><head><meta name="generator" content="Discourse 1.4.0"></head><body><div id="main-outlet">'
            '<div class="topic-body crawler-post"><div class="crawler-post-meta"><a href="/users/ana"><b>ana</b></a>'
            '<span class="crawler-post-infos"><time datetime="2015-06-01T10:00:00Z" class="post-time">Jun 1, 2015</time>'
            '</span></div><div class="post"><p>First words.</p></div></div></div></body></html>')
    draft = discourse.parse(Document(html, "https://d.example/t/old/7"), _ctx("https://d.example/t/old/7"))
    (post,) = draft.posts
    assert (post.author, post.author_url, post.body_text) == ("ana", "https://d.example/users/ana", "First words.")
    assert post.published.value.isoformat() == "2015-06-01T10:00:00+00:00"


def test_discourse_single_post_json():
    post = {"id": 42, "username": "ana", "cooked": "<p>Hi</p>", "post_number": 3, "topic_id": 7, "topic_slug": "old",
            "created_at": "2015-06-01T10:00:00Z"}
    assert discourse.detect_json(post)
    draft = discourse.parse_json(post, _ctx("https://d.example/posts/42.json"))
    assert (draft.native_id, draft.posts[0].native_id, draft.posts[0].url) == ("7", "42", "https://d.example/t/old/7/3")
