"""What the crawler remembers between runs, kept in the archive's ``crawl_state`` table.

Two kinds of state:

* per page URL: the ``ETag`` / ``Last-Modified`` validators for conditional requests, the content
  hash, and the next page of the thread (so that a 304 answer can still be followed);
* per thread: the marker its board row showed (last post link, reply count, last date) and the
  last page archived completely.  A thread whose marker is unchanged is not fetched again.

The state is loaded once when a crawl starts and written in batches after the records it
describes have been flushed, so a run killed at any moment leaves state that is behind the
archive, never ahead of it: the next run refetches a little, and the idempotent upserts keep
the archive free of duplicates.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from archive.store import Archive, crawl_state_connection

log = logging.getLogger(__name__)


@dataclass(slots=True)
class PageState:
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    next_url: str | None = None


@dataclass(slots=True)
class ThreadState:
    marker: str | None = None
    last_page_url: str | None = None


@dataclass(slots=True)
class Fetch:
    """One response the crawl received (a row of ``crawl_fetches``)."""

    url: str
    kind: str
    http_status: int
    fetched_at: datetime | None
    fetched_at_source: str
    content_hash: str | None
    size: int
    page_state: PageState | None = None  # validators to remember for this URL


@dataclass(slots=True)
class ThreadDone:
    """Every page of a thread up to ``last_page_url`` has been archived in this run."""

    key: str
    marker: str | None
    last_page_url: str


class CrawlState:
    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.con = crawl_state_connection(archive)
        self.pages: dict[str, PageState] = {}
        self.threads: dict[str, ThreadState] = {}
        for key, kind, etag, modified, content_hash, next_url, marker, last_page in self.con.execute(
            "SELECT key, kind, etag, last_modified, content_hash, next_url, marker, last_page_url FROM crawl_state"
        ).fetchall():
            if kind == "page":
                self.pages[key] = PageState(etag, modified, content_hash, next_url)
            else:
                self.threads[key] = ThreadState(marker, last_page)
        self._fetches: list[Fetch] = []
        self._pending_pages: dict[str, PageState] = {}
        self._pending_threads: dict[str, ThreadState] = {}

    def page(self, url: str) -> PageState | None:
        return self.pages.get(url)

    def thread(self, key: str) -> ThreadState | None:
        return self.threads.get(key)

    def record_fetch(self, fetch: Fetch) -> None:
        self._fetches.append(fetch)
        if fetch.page_state is not None:
            self._pending_pages[fetch.url] = fetch.page_state

    def thread_done(self, done: ThreadDone) -> None:
        self._pending_threads[done.key] = ThreadState(done.marker, done.last_page_url)

    @property
    def pending(self) -> int:
        return len(self._fetches) + len(self._pending_pages) + len(self._pending_threads)

    def write(self) -> None:
        """Write what this run learned; call after :meth:`Archive.flush`."""
        if not self.pending:
            return
        now = datetime.now(timezone.utc)
        run_id = self.archive.run_id
        con = self.con
        con.execute("BEGIN")
        try:
            if self._fetches:
                con.executemany(
                    "INSERT INTO crawl_fetches VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [[run_id, f.url, f.kind, f.http_status, f.fetched_at, f.fetched_at_source, f.content_hash, f.size]
                     for f in self._fetches],
                )
            rows = [[url, "page", s.etag, s.last_modified, s.content_hash, s.next_url, None, None, now, run_id]
                    for url, s in self._pending_pages.items()]
            rows += [[key, "thread", None, None, None, None, s.marker, s.last_page_url, now, run_id]
                     for key, s in self._pending_threads.items()]
            if rows:
                keys = [[r[0], r[1]] for r in rows]
                con.executemany("DELETE FROM crawl_state WHERE key = ? AND kind = ?", keys)
                con.executemany("INSERT INTO crawl_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        self.pages.update(self._pending_pages)
        self.threads.update(self._pending_threads)
        self._fetches.clear()
        self._pending_pages.clear()
        self._pending_threads.clear()
