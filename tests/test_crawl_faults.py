"""The crawler against a local forum that fails on purpose (tests/faultforum.py).

Crawls run in a subprocess (``python -m scraper.cli crawl``): Twisted's reactor starts once per
process.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from tests.faultforum import BOARD, FaultForum, Faults, topic_path

FAST = ["--delay", "0", "--no-autothrottle", "--progress", "0", "-s", "RETRY_BACKOFF_BASE=0.1"]


def crawl_command(url, db, *extra):
    return [sys.executable, "-m", "scraper.cli", "crawl", url, "--db", str(db), *FAST, *extra]


def crawl(url, db, *extra, timeout=120):
    out = subprocess.run(crawl_command(url, db, *extra), capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, out.stderr[-3000:]
    return out


def query(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def archive_content(db):
    """Everything the archive says about the forum, without run ids and fetch times."""
    return {
        "threads": query(db, "SELECT thread_id, url, title, board FROM threads ORDER BY ALL"),
        "posts": query(db, "SELECT post_id, thread_id, position, author, published_at, body_text FROM posts ORDER BY ALL"),
        "refs": query(db, "SELECT reference_id, post_id, kind, value FROM refs ORDER BY ALL"),
        "quotes": query(db, "SELECT quote_id, post_id, quoted_author, text FROM quotes ORDER BY ALL"),
        "post_versions": query(db, "SELECT count(*) FROM post_versions"),
    }


@pytest.fixture(scope="module")
def faulty_crawl(tmp_path_factory):
    """One crawl of a forum whose pages fail in every way the crawler must survive."""
    faults = Faults(seed=11, error_rate=0.3, special={
        topic_path(1) + "?page=2": "429",
        topic_path(2) + "?page=2": "timeout",
        topic_path(3) + "?page=2": "reset",
        topic_path(4) + "?page=3": "truncate",
        BOARD: "500",
    })
    forum = FaultForum(threads=6, posts=25, per_page=10, faults=faults, slow_seconds=2.5).start()
    db = tmp_path_factory.mktemp("faults") / "a.duckdb"
    try:
        out = crawl(forum.base + "/forum/", db, "--timeout", "1", "--concurrency", "4", "--contact", "ops@example.org")
        yield forum, db, out
    finally:
        forum.stop()


def test_every_post_archived_exactly_once_despite_faults(faulty_crawl):
    forum, db, out = faulty_crawl
    posts = query(db, "SELECT post_id, body_text FROM posts")
    assert len(posts) == len({p for p, _ in posts}) == forum.post_count() == 150
    markers = {body.rsplit("Post marker: ", 1)[1] for _, body in posts}
    assert markers == {f"t{t}-p{n:03d}" for t in range(1, 7) for n in range(1, 26)}
    assert query(db, "SELECT count(*) FROM refs WHERE kind = 'doi'")[0][0] == 150
    assert query(db, "SELECT count(*) FROM parse_errors")[0][0] == 0
    # each fault was met and retried
    statuses = {(path, status) for _, path, status, _ in forum.log}
    assert (topic_path(1) + "?page=2", 429) in statuses
    assert (BOARD, 500) in statuses
    for path in (topic_path(2) + "?page=2", topic_path(3) + "?page=2", topic_path(4) + "?page=3"):
        assert len(forum.requests_to(path)) >= 2, path
    # every page fetched is on record: thread pages in pages, every response in crawl_fetches
    pages = query(db, "SELECT DISTINCT http_status, fetched_at_source, status FROM pages")
    assert pages == [(200, "http-date", "ok")]
    assert query(db, "SELECT count(DISTINCT url) FROM pages")[0][0] == 18
    kinds = dict(query(db, "SELECT kind, count(DISTINCT url) FROM crawl_fetches WHERE http_status = 200 GROUP BY kind"))
    assert kinds == {"listing": 2, "thread": 18}
    runs = query(db, "SELECT status, json_extract_string(arguments, '$.settings.ROBOTSTXT_OBEY') FROM crawl_runs")
    assert runs == [("finished", "true")]
    retries = int(re.search(r"retries (\d+)", out.stderr).group(1))
    assert retries >= 5, out.stderr[-1000:]  # 500s on ~30% of URLs, and the five special faults


def test_retry_after_is_honoured(faulty_crawl):
    forum, _, _ = faulty_crawl
    attempts = forum.requests_to(topic_path(1) + "?page=2")
    assert attempts[0][2] == 429 and attempts[1][2] == 200
    assert attempts[1][0] - attempts[0][0] >= 0.95  # Retry-After: 1, although the backoff base is 0.1 s


def test_polite_defaults_robots_and_user_agent(faulty_crawl):
    forum, _, _ = faulty_crawl
    assert not forum.requests_to("/private/")  # robots.txt disallows it; the index links to it
    assert forum.requests_to("/robots.txt")
    agents = {headers.get("User-Agent", "") for _, _, _, headers in forum.log}
    assert agents == {"threadkeeper/0.1 (+ops@example.org; archival crawler)"}


def test_conditional_requests_get_304_and_add_nothing(tmp_path):
    forum = FaultForum(threads=1, posts=25, per_page=10).start()
    try:
        db = tmp_path / "a.duckdb"
        thread_url = forum.base + topic_path(1)
        crawl(thread_url, db)
        before = archive_content(db)
        forum.log.clear()
        crawl(thread_url, db)
        statuses = [(path, status, headers.get("If-None-Match")) for _, path, status, headers in forum.log
                    if path.startswith(topic_path(1))]
        # a known thread is taken up at its last archived page, which has not changed
        assert [(path, status) for path, status, _ in statuses] == [(topic_path(1) + "?page=3", 304)]
        assert all(tag for _, _, tag in statuses)
        assert archive_content(db) == before
    finally:
        forum.stop()


def test_incremental_run_fetches_only_the_thread_that_grew(tmp_path):
    forum = FaultForum(threads=4, posts=20, per_page=10).start()
    try:
        db = tmp_path / "a.duckdb"
        crawl(forum.base + "/forum/", db)
        assert query(db, "SELECT count(*) FROM posts")[0][0] == 80
        forum.log.clear()
        forum.add_post(3)  # thread 3 grows onto a third page
        crawl(forum.base + "/forum/", db)
        thread_paths = [path for _, path, _, _ in forum.log if "/topic/" in path]
        assert thread_paths == [topic_path(3) + "?page=2", topic_path(3) + "?page=3"]
        assert query(db, "SELECT count(*) FROM posts")[0][0] == 81
    finally:
        forum.stop()


def test_busy_archive_is_a_clear_message(tmp_path):
    db = tmp_path / "busy.duckdb"
    holder = duckdb.connect(str(db))  # another writer holds the file
    try:
        out = subprocess.run(crawl_command("http://127.0.0.1:9/forum/", db), capture_output=True, text=True, timeout=60)
    finally:
        holder.close()
    assert out.returncode == 2
    assert "is busy" in out.stderr and "Traceback" not in out.stderr


def test_sigkill_halfway_then_restart_equals_an_uninterrupted_crawl(tmp_path):
    forum = FaultForum(threads=8, posts=30, per_page=10, delay=0.15).start()
    try:
        whole = tmp_path / "whole.duckdb"
        crawl(forum.base + "/forum/", whole, "--concurrency", "2")
        thread_pages = len(forum.requests_to(BOARD + "topic/"))
        forum.log.clear()

        resumed = tmp_path / "resumed.duckdb"
        args = ("--job", "nightly", "--concurrency", "2", "-s", "THREADKEEPER_BATCH_SECONDS=0.2")
        proc = subprocess.Popen(crawl_command(forum.base + "/forum/", resumed, *args),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while len(forum.requests_to(BOARD + "topic/")) < thread_pages // 2 and time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the crawl ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL

        out = crawl(forum.base + "/forum/", resumed, *args)
        assert "did not stop cleanly" in out.stderr
        assert archive_content(resumed) == archive_content(whole)
    finally:
        forum.stop()


def test_since_and_max_threads_bound_a_run(tmp_path):
    forum = FaultForum(threads=3, posts=5, per_page=10).start()
    forum.posts[2] = 40  # thread 2's last post is on 2024-03-06; threads 1 and 3 ended on 2024-03-04
    try:
        db = tmp_path / "since.duckdb"
        crawl(forum.base + "/forum/", db, "--since", "2024-03-05")
        assert query(db, "SELECT DISTINCT title FROM threads") == [("Thread 2",)]
        db = tmp_path / "max.duckdb"
        crawl(forum.base + "/forum/", db, "--max-threads", "1")
        assert query(db, "SELECT count(DISTINCT thread_id) FROM threads")[0][0] == 1
    finally:
        forum.stop()


def test_sigint_pauses_and_the_same_command_resumes(tmp_path):
    forum = FaultForum(threads=8, posts=30, per_page=10, delay=0.15).start()
    try:
        db = tmp_path / "paused.duckdb"
        args = ("--job", "weekly", "--concurrency", "2")
        proc = subprocess.Popen(crawl_command(forum.base + "/forum/", db, *args),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while len(forum.requests_to(BOARD + "topic/")) < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err[-2000:]
        assert "paused" in err
        assert (tmp_path / "paused.duckdb.jobs" / "weekly" / "requests.queue").exists()
        crawl(forum.base + "/forum/", db, *args)
        posts = query(db, "SELECT count(*), count(DISTINCT post_id) FROM posts")[0]
        assert posts == (240, 240)
        assert not (tmp_path / "paused.duckdb.jobs" / "weekly").exists()  # a finished job leaves no queue
    finally:
        forum.stop()
