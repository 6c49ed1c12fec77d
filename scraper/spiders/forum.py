"""The forum spider: forum index → boards → threads → every page of each thread.

Start it with a forum index, a board or a thread URL::

    scrapy crawl forum -a url=https://forum.example.org/ -a max_threads=50
    threadkeeper crawl https://forum.example.org/ --job nightly

Every thread page is parsed by the engine parsers (the same code as ``threadkeeper parse``) and
its records go to the archive pipeline.  A later run of the same archive is incremental: a board
row whose marker (last-post link, reply count, last date) is what it was when the thread was last
archived completely is not followed, a changed thread is fetched from its last archived page on,
and thread pages are requested with ``If-None-Match`` / ``If-Modified-Since`` when the server gave
validators.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import CloseSpider, DontCloseSpider

from scraper.parsers.html import norm_space
from scraper.parsers.inputs import FetchedPage, fetched_at_from_headers
from scraper.parsers.parse import parse_page
from scraper.pipelines import PageItem
from scraper.state import Fetch, PageState, ThreadDone

from . import links
from .common import CrawlArguments, response_headers

# A board row is the largest element around a thread link that names no other thread; climbing
# stops after this many levels, so that a board with a single thread does not take the page.
_ROW_DEPTH = 7
_NEXT_TEXT = {"next", "next page", "›", "»", ">", "next ›", "next »", "older", "→"}


class ForumSpider(scrapy.Spider):
    name = "forum"
    handle_httpstatus_list = [304]

    def __init__(self, url: str | None = None, urls: str | None = None, **kwargs: Any) -> None:
        self.args = CrawlArguments.from_spider_kwargs(url or urls, kwargs)
        super().__init__(**{k: v for k, v in kwargs.items() if k not in CrawlArguments.KWARGS})
        self.start_urls = self.args.urls
        self.hosts = {(urlsplit(u).hostname or "").lower() for u in self.start_urls}
        if not self.args.follow_offsite:
            self.allowed_domains = sorted(self.hosts)
        self.run_arguments = self.args.as_dict(self.name)
        self.crawl_state = None  # set by the archive pipeline when it opens
        self.threads_scheduled = 0
        self.threads_seen: set[str] = set()
        self.pages_seen = 0
        self.board_row_threads: dict[str, tuple] = {}

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        return spider

    # -- start ---------------------------------------------------------------------------

    async def start(self):
        for url in self.start_urls:
            key = links.thread_key(url)
            if key and links.classify(url) == "thread":
                for request in self._thread_requests(key, None, start_url=url):
                    yield request
            else:
                yield scrapy.Request(url, callback=self.parse_listing, dont_filter=True, meta={"kind": "listing", "start": True})

    # -- listings: forum index, boards, pages of boards --------------------------------------

    def _count_page(self) -> None:
        self.pages_seen += 1
        if self.args.max_pages and self.pages_seen > self.args.max_pages:
            raise CloseSpider("max_pages")

    def parse_listing(self, response):
        if not hasattr(response, "css"):  # not HTML
            self._count_page()
            yield _record_of(response, "listing")
            return
        listings: list[str] = []
        boards = 0
        rows: dict[str, Any] = {}
        for anchor in response.css("a[href]"):
            href = anchor.attrib.get("href", "")
            url = response.urljoin(href)
            if not self._on_site(url):
                continue
            kind = links.classify(url)
            if kind == "board" or (kind == "other" and self._is_next_link(anchor)):
                listings.append(links.clean(url))
                boards += kind == "board"
            elif kind == "thread":
                key = links.thread_key(url)
                if key not in rows:
                    rows[key] = anchor.root
        if response.meta.get("start") and not rows and not boards:
            # A start page that lists nothing: a thread under a URL scheme the link rules do not know.
            meta = {"kind": "thread", "thread_key": links.clean(response.url), "marker": None}
            yield from self._thread_page(response, meta)
            return
        self._count_page()
        yield _record_of(response, "listing")
        for url in listings:
            yield response.follow(url, callback=self.parse_listing, meta={"kind": "listing"})
        for key, anchor in rows.items():
            if key in self.threads_seen:
                continue
            row = _row_of(anchor, key)
            if _headed_by_board(row, anchor):
                # A board's "last post" link on a forum index: the board's own page lists the
                # thread with its full row; keep this one only in case no board page does.
                self.board_row_threads.setdefault(key, (row, response))
                continue
            yield from self._consider_thread(key, row, response)

    def _consider_thread(self, key: str, row, response):
        self.threads_seen.add(key)
        if self.args.since and _row_is_older(row, self.args.since):
            self.crawler.stats.inc_value("threadkeeper/threads_older_than_since")
            return
        yield from self._thread_requests(key, _marker(row, response))

    def _on_idle(self) -> None:
        """Threads seen only as a board's last-post link are crawled once the boards are done."""
        pending = [(k, v) for k, v in self.board_row_threads.items() if k not in self.threads_seen]
        self.board_row_threads.clear()
        scheduled = False
        for key, (row, response) in pending:
            for request in self._consider_thread(key, row, response):
                self.crawler.engine.crawl(request)
                scheduled = True
        if scheduled:
            raise DontCloseSpider

    def _thread_requests(self, key: str, marker: str | None, start_url: str | None = None):
        known = self.crawl_state.thread(key) if self.crawl_state else None
        if known and marker is not None and known.marker == marker:
            self.crawler.stats.inc_value("threadkeeper/threads_unchanged")
            return
        if self.args.max_threads and self.threads_scheduled >= self.args.max_threads:
            self.crawler.stats.inc_value("threadkeeper/threads_over_max")
            return
        self.threads_scheduled += 1
        meta = {"kind": "thread", "thread_key": key, "marker": marker}
        # A thread archived before is taken up from its last archived page: that is where new
        # posts appear.  A thread never completed starts from its first page.
        first = start_url or key
        if known and known.last_page_url:
            first = known.last_page_url
            self.crawler.stats.inc_value("threadkeeper/threads_resumed_at_last_page")
        yield self._thread_page_request(first, meta, dont_filter=True)

    def _thread_page_request(self, url: str, meta: dict, dont_filter: bool = False) -> scrapy.Request:
        headers = {}
        known = self.crawl_state.page(url) if self.crawl_state else None
        if known and known.etag:
            headers["If-None-Match"] = known.etag
        if known and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return scrapy.Request(url, callback=self.parse_thread, headers=headers, meta=dict(meta), dont_filter=dont_filter)

    # -- thread pages ------------------------------------------------------------------------

    def parse_thread(self, response):
        meta = {k: response.meta.get(k) for k in ("kind", "thread_key", "marker")}
        yield from self._thread_page(response, meta)

    def _thread_page(self, response, meta: dict):
        self._count_page()
        if response.status == 304:
            yield _record_of(response, "thread")
            known = self.crawl_state.page(response.url) if self.crawl_state else None
            next_url = known.next_url if known else None
            if next_url:
                yield self._thread_page_request(next_url, meta)
            else:
                yield ThreadDone(meta["thread_key"], meta.get("marker"), response.url)
            return
        page = _fetched_page(response)
        result = parse_page(page, timezone=self.args.tz, engine=self.args.engine)
        if result.page.status == "error" and "truncated" in (result.error.reason if result.error else ""):
            retry = get_retry_request(response.request, spider=self, reason="truncated page")
            if retry is not None:
                yield retry
                return
        number = result.thread.page if result.thread and result.thread.page else 1
        next_url = None
        if result.thread and (result.thread.next_url or result.thread.page_count):
            next_url = result.thread.next_url  # the engine parser knows the thread's pagination
        elif result.page.status != "error":
            next_url = self._next_link(response, number, meta["thread_key"])
        if next_url and (not self._on_site(next_url) or links.clean(next_url) == links.clean(response.url)):
            next_url = None
        yield PageItem(result, number)
        yield _record_of(response, "thread", page, PageState(
            _header(response, "ETag"), _header(response, "Last-Modified"), page.content_hash, next_url))
        if result.page.status == "error":
            return  # the thread stays incomplete, so the next run takes it up again
        if next_url:
            yield self._thread_page_request(links.clean(next_url), meta)
        else:
            yield ThreadDone(meta["thread_key"], meta.get("marker"), response.url)

    # -- helpers -----------------------------------------------------------------------------

    def _on_site(self, url: str) -> bool:
        return self.args.follow_offsite or links.same_site(url, self.hosts)

    @staticmethod
    def _is_next_link(anchor) -> bool:
        rel = (anchor.attrib.get("rel") or "").lower().split()
        text = norm_space(anchor.root.text_content()).lower()
        return "next" in rel or text in _NEXT_TEXT

    def _next_link(self, response, page: int, key: str | None) -> str | None:
        """The next page of a thread whose engine parser did not say: rel=next, a "next" link, or
        the link numbered ``page + 1`` (``?page=N`` and path pages alike)."""
        for href in response.xpath("//link[@rel='next']/@href | //a[contains(concat(' ', @rel, ' '), ' next ')]/@href").getall():
            return response.urljoin(href)
        numbered = None
        for anchor in response.css("a[href]"):
            href = anchor.attrib["href"].strip()
            url = response.urljoin(href) if href else response.url
            if url == response.url or links.thread_key(url) != key:
                continue
            if self._is_next_link(anchor):
                return url
            if numbered is None and norm_space(anchor.root.text_content()) == str(page + 1):
                numbered = url
        return numbered


def _record_of(response, kind: str, page: FetchedPage | None = None, state: PageState | None = None) -> Fetch:
    """The ``crawl_fetches`` row of a response, with the validators to remember for its URL; a
    parsed ``page`` gives its fetch time and hash, so that the row and the page's records agree."""
    page = page or _fetched_page(response)
    return Fetch(
        url=response.url,
        kind=kind,
        http_status=response.status,
        fetched_at=page.fetched_at,
        fetched_at_source=page.fetched_at_source,
        content_hash=page.content_hash if page.body else None,
        size=len(page.body),
        page_state=state,
    )


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _fetched_page(response) -> FetchedPage:
    headers = response_headers(response)
    fetched_at = fetched_at_from_headers(headers)
    return FetchedPage(
        source=response.url,
        url=response.url,
        body=response.body,
        fetched_at=fetched_at or datetime.now(timezone.utc),
        fetched_at_source="http-date" if fetched_at else "crawler-clock",
        headers=headers,
        http_status=response.status,
    )


def _row_of(anchor, key: str):
    row = anchor
    for _ in range(_ROW_DEPTH):
        parent = row.getparent()
        if parent is None or parent.tag in ("body", "html") or _names_other_thread(parent, key):
            break
        row = parent
    return row


def _headed_by_board(row, anchor) -> bool:
    """True when the row's first forum link, before the thread link, names a board."""
    for a in row.iter("a"):
        if a is anchor:
            return False
        href = a.get("href") or ""
        if links.classify(href if "://" in href else "http://host/" + href.lstrip("/")) == "board":
            return True
    return False


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _names_other_thread(element, key: str) -> bool:
    own = _local(key)
    for a in element.iter("a"):
        href = a.get("href") or ""
        # hrefs are as written (often relative); only their path and query matter here
        other = links.thread_key(href if "://" in href else "http://host/" + href.lstrip("/"))
        if other and _local(other) != own:
            return True
    return False


def _marker(row, response) -> str:
    """What a board row says about its thread's activity, without its view count."""
    parts = sorted({response.urljoin(a.get("href")) for a in row.iter("a") if a.get("href")})
    for el in row.iter():
        for attr in ("datetime", "data-time", "data-timestamp", "data-datetime"):
            if el.get(attr):
                parts.append(el.get(attr))
        cls = (el.get("class") or "").lower()
        if "last" in cls or "repl" in cls:
            parts.append(norm_space(el.text_content()))
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


def _row_is_older(row, since: datetime) -> bool:
    """True when every date the row shows is before ``since`` (a row without dates is kept)."""
    from scraper.parsers.dates import from_attribute, resolve

    now = datetime.now(timezone.utc)
    values = [from_attribute(el.get("datetime"), timezone.utc).value for el in row.iter() if el.get("datetime")]
    if not values:
        for el in row.iter():
            if len(el) == 0 and el.text and any(ch.isdigit() for ch in el.text):
                resolved = resolve(norm_space(el.text), now, timezone.utc, None)
                if resolved.source in ("absolute", "relative"):
                    values.append(resolved.value)
    values = [v for v in values if v is not None]
    return bool(values) and max(values) < since
