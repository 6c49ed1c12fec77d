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

import pyarrow as pa

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


_TYPES = {"http_status": pa.int32(), "size": pa.int64(), "fetched_at": pa.timestamp("us", tz="UTC"),
          "updated_at": pa.timestamp("us", tz="UTC")}


def _arrow(columns: dict[str, list]) -> pa.Table:
    """Columns as an Arrow table, so that a batch is written with one INSERT … SELECT."""
    return pa.table({name: pa.array(values, type=_TYPES.get(name, pa.large_string()))
                     for name, values in columns.items()})


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
        fetches = _arrow({
            "run_id": [run_id] * len(self._fetches),
            "url": [f.url for f in self._fetches],
            "kind": [f.kind for f in self._fetches],
            "http_status": [f.http_status for f in self._fetches],
            "fetched_at": [f.fetched_at for f in self._fetches],
            "fetched_at_source": [f.fetched_at_source for f in self._fetches],
            "content_hash": [f.content_hash for f in self._fetches],
            "size": [f.size for f in self._fetches],
        })
        pages, threads = self._pending_pages, self._pending_threads
        keys = list(pages) + list(threads)
        state = _arrow({
            "key": keys,
            "kind": ["page"] * len(pages) + ["thread"] * len(threads),
            "etag": [s.etag for s in pages.values()] + [None] * len(threads),
            "last_modified": [s.last_modified for s in pages.values()] + [None] * len(threads),
            "content_hash": [s.content_hash for s in pages.values()] + [None] * len(threads),
            "next_url": [s.next_url for s in pages.values()] + [None] * len(threads),
            "marker": [None] * len(pages) + [s.marker for s in threads.values()],
            "last_page_url": [None] * len(pages) + [s.last_page_url for s in threads.values()],
            "updated_at": [now] * len(keys),
            "run_id": [run_id] * len(keys),
        })
        con = self.con
        con.register("_crawl_fetches_batch", fetches)
        con.register("_crawl_state_batch", state)
        con.execute("BEGIN")
        try:
            con.execute("INSERT INTO crawl_fetches SELECT * FROM _crawl_fetches_batch")
            con.execute("DELETE FROM crawl_state WHERE (key, kind) IN (SELECT (key, kind) FROM _crawl_state_batch)")
            con.execute("INSERT INTO crawl_state SELECT * FROM _crawl_state_batch")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("_crawl_fetches_batch")
            con.unregister("_crawl_state_batch")
        self.pages.update(self._pending_pages)
        self.threads.update(self._pending_threads)
        self._fetches.clear()
        self._pending_pages.clear()
        self._pending_threads.clear()
