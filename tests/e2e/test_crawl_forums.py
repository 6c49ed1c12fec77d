"""End-to-end: ``threadkeeper crawl`` against django-machina and Misago running on 127.0.0.1.

Each engine is crawled three times into one archive: from scratch, again with nothing changed,
and again after a post was added on the server through the app's ORM.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timezone

import duckdb
import pytest

from .conftest import seed_content as S

pytestmark = pytest.mark.e2e

CONTENT_TABLES = ("threads", "posts", "refs", "quotes", "attachments", "post_versions", "pages")
NEW_POST_TEXT = "A late reply: the replication data are now public.\n\nPost marker: crawl-test-046"


def crawl(server, db, job="nightly") -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, "-m", "scraper.cli", "crawl", server.index_url, "--db", str(db), "--job", job,
         "--delay", "0", "--no-autothrottle", "--concurrency", "4", "--progress", "0"],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out


def query(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def counts(db) -> dict[str, int]:
    return {t: query(db, f"SELECT count(*) FROM {t}")[0][0] for t in CONTENT_TABLES}


def last_run_fetches(db) -> list[tuple[str, str]]:
    return query(db, "SELECT kind, url FROM crawl_fetches WHERE run_id = "
                     "(SELECT run_id FROM crawl_runs ORDER BY started_at DESC LIMIT 1)")


def long_thread_posts(db) -> list[tuple]:
    return query(db, """
        SELECT p.post_id, p.author, p.published_at, p.body_text FROM posts p JOIN threads t USING (thread_id)
        WHERE t.title = ? ORDER BY p.published_at, p.post_id""", [S.THREAD_TITLE])


def post_with_marker(db, n: int) -> str:
    rows = query(db, "SELECT post_id FROM posts WHERE body_text LIKE ?", [f"%Post marker: seed-post-{n:03d}%"])
    own = [r[0] for r in rows]
    assert own, f"no post carries seed-post-{n:03d}"
    return own[0] if len(own) == 1 else _own_marker(db, n)


def _own_marker(db, n: int) -> str:
    # The quoting post repeats the quoted post's marker: the post's own marker ends its text.
    rows = query(db, "SELECT post_id FROM posts WHERE body_text LIKE ?", [f"%Post marker: seed-post-{n:03d}"])
    assert len(rows) == 1, rows
    return rows[0][0]


@pytest.fixture(params=["machina", "misago"], scope="module")
def forum(request, tmp_path_factory):
    server = request.getfixturevalue(f"{request.param}_server")
    return server, tmp_path_factory.mktemp(request.param) / "archive.duckdb"


def test_first_crawl_archives_both_threads_with_every_post(forum):
    server, db = forum
    crawl(server, db)
    titles = sorted(r[0] for r in query(db, "SELECT title FROM threads"))
    assert titles == sorted([S.THREAD_TITLE, S.SECOND_THREAD_TITLE])
    engines = {r[0] for r in query(db, "SELECT engine FROM threads")}
    assert engines == {server.engine}

    posts = long_thread_posts(db)
    seeded = S.posts()
    assert len(posts) == len({p[0] for p in posts}) == S.N_POSTS == 45
    for (post_id, author, published_at, body), seed in zip(posts, seeded):
        assert author == seed["author"], (post_id, seed["n"])
        assert published_at.astimezone(timezone.utc) == seed["created"], (post_id, seed["n"])
        assert body.rstrip().endswith(f"seed-post-{seed['n']:03d}"), (post_id, body[-60:])
    welcome = query(db, "SELECT count(*) FROM posts p JOIN threads t USING (thread_id) WHERE t.title = ?",
                    [S.SECOND_THREAD_TITLE])[0][0]
    assert welcome == 3


def test_doi_of_post_4_and_quote_of_post_2_in_post_6(forum):
    server, db = forum
    post4 = post_with_marker(db, S.DOI_POST)
    dois = query(db, "SELECT value FROM refs WHERE post_id = ? AND kind = 'doi'", [post4])
    assert dois == [(S.DOI,)]
    post2 = _own_marker(db, S.QUOTED_POST)
    post6 = _own_marker(db, S.QUOTING_POST)
    quotes = query(db, "SELECT quoted_post_id, quoted_author FROM quotes WHERE post_id = ?", [post6])
    assert len(quotes) == 1
    quoted_post_id, quoted_author = quotes[0]
    assert quoted_post_id == post2 or (quoted_post_id is None and quoted_author == "erin")


def test_second_crawl_fetches_only_listings_and_adds_nothing(forum):
    server, db = forum
    before = counts(db)
    crawl(server, db)
    assert counts(db) == before
    kinds = {kind for kind, _ in last_run_fetches(db)}
    assert kinds == {"listing"}, last_run_fetches(db)


def test_third_crawl_after_a_new_post_adds_exactly_that_post(forum):
    server, db = forum
    before = counts(db)
    old_ids = {r[0] for r in query(db, "SELECT post_id FROM posts")}
    native_id = server.add_post("bob", NEW_POST_TEXT)
    crawl(server, db)
    after = counts(db)
    new = query(db, "SELECT post_id, author, body_text, native_id FROM posts WHERE post_id NOT IN "
                    "(SELECT unnest(?::VARCHAR[]))", [sorted(old_ids)])
    assert len(new) == 1, new
    post_id, author, body, native = new[0]
    assert native == native_id and author == "bob" and "crawl-test-046" in body
    assert after["posts"] == before["posts"] + 1
    assert after["post_versions"] == before["post_versions"]
    thread_pages = [url for kind, url in last_run_fetches(db) if kind == "thread"]
    assert 1 <= len(thread_pages) <= 2, thread_pages  # the last page, and a new one if it overflowed
