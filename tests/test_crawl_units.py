"""Small pieces of the crawler: link classes, board-row markers, Retry-After, crawl state."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from archive.store import Archive
from scraper.middlewares import retry_after_seconds
from scraper.parsers.engines.machina import django_datetime
from scraper.spiders import links
from scraper.spiders.forum import _fetched_page, _marker, _record_of, _row_of
from scraper.state import CrawlState, Fetch, PageState, ThreadDone


@pytest.mark.parametrize("url, kind, key", [
    ("http://f.test/forum/forum/board-2/topic/some-thread-7/?page=3", "thread", "http://f.test/forum/forum/board-2/topic/some-thread-7/"),
    ("http://f.test/forum/forum/board-2/topic/some-thread-7/?post=48#48", "thread", "http://f.test/forum/forum/board-2/topic/some-thread-7/"),
    ("http://f.test/t/a-title/2/3/", "thread", "http://f.test/t/a-title/2/"),
    ("http://f.test/t/a-title/2/post/9/", "thread", "http://f.test/t/a-title/2/"),
    ("http://f.test/viewtopic.php?f=2&t=55&start=20", "thread", "http://f.test/viewtopic.php?t=55"),
    ("http://f.test/threads/replication.123/page-2", "thread", "http://f.test/threads/replication.123/"),
    ("http://f.test/forum/forum/board-2/", "board", None),
    ("http://f.test/c/replication-studies/5/", "board", None),
    ("http://f.test/viewforum.php?f=2", "board", None),
    ("http://f.test/forum/member/profile/1/", "other", None),
    ("http://f.test/u/erin/5/", "other", None),
    ("mailto:someone@f.test", "other", None),
])
def test_links_are_classified_and_keyed_by_thread(url, kind, key):
    assert links.classify(url) == kind
    if key:
        assert links.thread_key(url) == key


def _board(views: int, last_post: int) -> HtmlResponse:
    html = f"""<html><body><div class="topics">
      <div class="row"><a href="/forum/forum/b-1/topic/one-1/">One</a><span class="topic-count">{views}</span>
        <div class="topic-last-post"><a href="/forum/forum/b-1/topic/one-1/?post={last_post}">»</a> March 7, 2024</div></div>
      <div class="row"><a href="/forum/forum/b-1/topic/two-2/">Two</a><span class="topic-count">3</span>
        <div class="topic-last-post"><a href="/forum/forum/b-1/topic/two-2/?post=9">»</a></div></div>
    </div></body></html>"""
    return HtmlResponse("http://f.test/forum/forum/b-1/", body=html.encode(), encoding="utf-8")


def _row_marker(response) -> str:
    anchor = response.css("a[href$='one-1/']")[0].root
    return _marker(_row_of(anchor, "http://f.test/forum/forum/b-1/topic/one-1/"), response)


def test_board_row_marker_ignores_view_counts_but_sees_new_posts():
    assert _row_marker(_board(views=5, last_post=48)) == _row_marker(_board(views=900, last_post=48))
    assert _row_marker(_board(views=5, last_post=48)) != _row_marker(_board(views=5, last_post=49))


def test_row_stops_before_the_next_thread():
    response = _board(5, 48)
    anchor = response.css("a[href$='one-1/']")[0].root
    row = _row_of(anchor, "http://f.test/forum/forum/b-1/topic/one-1/")
    assert row.get("class") == "row"


def test_retry_after_delta_and_http_date():
    now = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30
    assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


@pytest.mark.parametrize("shown, expected", [
    ("Feb. 1, 2024, noon", "Feb. 1, 2024, 12:00 p.m."),
    ("March 7, 2024, midnight", "March 7, 2024, 12:00 a.m."),
    ("Feb. 1, 2024, 2 p.m.", "Feb. 1, 2024, 2:00 p.m."),
    ("March 4, 2024, 9:15 a.m.", "March 4, 2024, 9:15 a.m."),
])
def test_django_time_format_becomes_a_clock_time(shown, expected):
    assert django_datetime(shown) == expected


def test_crawl_state_survives_reopening_and_keeps_the_latest(tmp_path):
    db = tmp_path / "state.duckdb"
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with Archive(db) as archive:
        state = CrawlState(archive)
        state.record_fetch(Fetch("http://f.test/t/1/", "thread", 200, when, "http-date", "h1", 10,
                                 PageState('"e1"', None, "h1", "http://f.test/t/1/?page=2")))
        state.thread_done(ThreadDone("http://f.test/t/1/", "m1", "http://f.test/t/1/?page=2"))
        state.write()
        state.record_fetch(Fetch("http://f.test/t/1/", "thread", 200, when + timedelta(days=1), "http-date", "h2", 10,
                                 PageState('"e2"', None, "h2", None)))
        state.write()
    with Archive(db) as archive:
        state = CrawlState(archive)
        assert state.page("http://f.test/t/1/").etag == '"e2"'
        assert state.thread("http://f.test/t/1/").marker == "m1"
        assert archive.con.execute("SELECT count(*) FROM crawl_fetches").fetchone()[0] == 2
        assert archive.con.execute("SELECT count(*) FROM crawl_state").fetchone()[0] == 2


@pytest.mark.parametrize("pager", [
    "<link rel='next' href='/t/x/1/2/'>",
    "<a href='/t/x/1/2/'>Next ›</a>",
    "<a href='/t/x/1/'>1</a> <a href='/t/x/1/2/'>2</a> <a href='/t/x/1/3/'>3</a>",
])
def test_next_page_of_a_thread_without_an_engine_parser(pager):
    from scraper.spiders.forum import ForumSpider

    spider = ForumSpider(url="http://f.test/t/x/1/")
    html = f"<html><head></head><body>{pager}<p>post</p></body></html>"
    response = HtmlResponse("http://f.test/t/x/1/", body=html.encode(), encoding="utf-8",
                            request=Request("http://f.test/t/x/1/", meta={"thread_key": "http://f.test/t/x/1/"}))
    assert spider._next_link(response, 1, "http://f.test/t/x/1/") == "http://f.test/t/x/1/2/"


def test_a_start_page_that_lists_nothing_is_read_as_a_thread():
    from pathlib import Path

    from scraper.pipelines import PageItem
    from scraper.spiders.forum import ForumSpider

    body = (Path(__file__).parent / "fixtures" / "machina" / "thread_page1" / "page.html").read_bytes()
    # a URL scheme the link rules do not know
    body = body.replace(b"/forum/forum/replication-studies-2/topic/", b"/read/").replace(b"/forum/forum/", b"/section/")
    url = "http://f.test/discussions/view?id=2"
    spider = ForumSpider(url=url)
    response = HtmlResponse(url, body=body, encoding="utf-8", request=Request(url, meta={"start": True}))
    items = [i for i in spider.parse_listing(response) if isinstance(i, PageItem)]
    assert len(items) == 1 and len(items[0].result.posts) == 15


def test_a_fetch_row_has_its_pages_fetch_time_when_the_server_sends_no_date():
    response = HtmlResponse("http://f.test/t/1/", body=b"<html><body>x</body></html>", encoding="utf-8")
    page = _fetched_page(response)
    row = _record_of(response, "thread", page)
    assert (row.fetched_at, row.fetched_at_source) == (page.fetched_at, "crawler-clock")
    assert (row.content_hash, row.size) == (page.content_hash, len(response.body))
