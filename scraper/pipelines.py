"""The archive pipeline: crawled pages' records into the DuckDB archive, in batches.

It writes with the same upserts as ``threadkeeper parse`` (:meth:`Archive.add`), so a page crawled
twice, or a post shown on two pages, is one row.  Crawl state (conditional-request validators,
completed threads) is written only after the records it vouches for are flushed.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from archive.records import ParseResult

from .state import CrawlState, Fetch, ThreadDone

log = logging.getLogger(__name__)


# An archive opened by the caller (threadkeeper crawl opens it first, so that a busy archive is
# a clean error before the crawl starts); Scrapy settings are deep-copied, so it is handed over here.
_HANDED_OVER: dict[str, object] = {}


def hand_over(archive) -> None:
    _HANDED_OVER[archive.path] = archive


# The settings that shape a run, kept with its arguments in crawl_runs.
_RECORDED_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "AUTOTHROTTLE_ENABLED", "CONCURRENT_REQUESTS_PER_DOMAIN",
                      "DOWNLOAD_DELAY", "DOWNLOAD_TIMEOUT", "RETRY_TIMES", "DOWNLOAD_MAXSIZE", "JOBDIR")


@dataclass(slots=True)
class PageItem:
    """The parse of one crawled page; ``page_number`` orders posts a thread shows twice."""

    result: ParseResult
    page_number: int = 1
    kind: str = "thread"


@dataclass(slots=True)
class Totals:
    pages: int = 0
    threads: set[str] = field(default_factory=set)
    posts: int = 0
    references: int = 0
    quotes: int = 0
    parse_errors: int = 0
    listings: int = 0
    not_modified: int = 0
    threads_completed: int = 0


class ArchivePipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.batch_records = settings.getint("THREADKEEPER_BATCH_RECORDS", 5000)
        self.batch_seconds = settings.getfloat("THREADKEEPER_BATCH_SECONDS", 5.0)
        self.progress_seconds = settings.getfloat("THREADKEEPER_PROGRESS_SECONDS", 0)
        self.archive = None
        self.state: CrawlState | None = None
        self.totals = Totals()
        self._buffered = 0
        self._last_flush = time.monotonic()
        self._last_progress = time.monotonic()
        # post_id -> the lowest page number it was seen on in this run (Misago repeats a post
        # across page boundaries; the first page that shows it owns it)
        self._post_pages: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        pipeline = cls(crawler)
        # The run's stats and close reason are known only after the pipelines are closed.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider=None) -> None:
        from archive.store import Archive

        settings = self.crawler.settings
        spider = spider or self.crawler.spider
        path = settings.get("THREADKEEPER_DB", "threadkeeper.duckdb")
        self.archive = _HANDED_OVER.pop(path, None)
        self._owns_archive = self.archive is None
        if self.archive is None:
            self.archive = Archive(path, wait=settings.getfloat("THREADKEEPER_WAIT", 0.0))
        self.state = CrawlState(self.archive)
        spider.crawl_state = self.state
        arguments = dict(getattr(spider, "run_arguments", {}))
        arguments["settings"] = {name: settings.get(name) for name in _RECORDED_SETTINGS}
        self.archive.start_run(settings.get("THREADKEEPER_JOB") or spider.name, arguments)

    def process_item(self, item: Any, spider=None) -> Any:
        totals = self.totals
        if isinstance(item, PageItem):
            result = item.result
            totals.pages += 1
            self.archive.add([result.page])
            posts = []
            for post in result.posts:
                seen_on = self._post_pages.get(post.post_id)
                if seen_on is not None and seen_on <= item.page_number:
                    continue
                self._post_pages[post.post_id] = item.page_number
                posts.append(post)
            records = ([result.thread] if result.thread else []) + posts + result.references
            records += result.attachments + result.quotes + result.faqs
            if result.error:
                records.append(result.error)
                totals.parse_errors += 1
            self.archive.add(records)
            if result.thread:
                totals.threads.add(result.thread.thread_id)
            totals.posts += len(posts)
            totals.references += len(result.references)
            totals.quotes += len(result.quotes)
            self._buffered += len(records) + 1
        elif isinstance(item, Fetch):
            self.state.record_fetch(item)
            if item.kind == "listing":
                totals.listings += 1
            if item.http_status == 304:
                totals.not_modified += 1
        elif isinstance(item, ThreadDone):
            self.state.thread_done(item)
            totals.threads_completed += 1
        now = time.monotonic()
        if self._buffered >= self.batch_records or now - self._last_flush >= self.batch_seconds:
            self.flush()
        if self.progress_seconds and now - self._last_progress >= self.progress_seconds:
            self._last_progress = now
            self.print_progress()
        return item

    def flush(self) -> None:
        self.archive.flush()
        self.state.write()
        self._buffered = 0
        self._last_flush = time.monotonic()

    def print_progress(self) -> None:
        t = self.totals
        print(f"  … {t.pages} pages, {len(t.threads)} threads, {t.posts} posts, {t.listings} listing pages",
              file=sys.stderr, flush=True)

    def close_spider(self, spider=None) -> None:
        self.flush()

    def spider_closed(self, spider, reason: str) -> None:
        if self.archive is None:
            return
        stats = dict(self.crawler.stats.get_stats())
        t = self.totals
        stats.update({
            "archive/pages": t.pages, "archive/threads": len(t.threads), "archive/posts_seen": t.posts,
            "archive/written": dict(self.archive.written), "archive/threads_completed": t.threads_completed,
        })
        self.archive.finish_run(stats, status=reason)
        self.crawler.stats.set_value("threadkeeper/written", dict(self.archive.written))
        self.crawler.stats.set_value("threadkeeper/totals", {
            "pages": t.pages, "threads": len(t.threads), "posts": t.posts, "references": t.references,
            "quotes": t.quotes, "parse_errors": t.parse_errors, "listing_pages": t.listings,
            "not_modified": t.not_modified, "threads_completed": t.threads_completed,
        })
        if self._owns_archive:
            self.archive.close()
