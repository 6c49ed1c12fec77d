"""Crawl throughput against a local django-machina forum, archive writes included.

    python bench/crawl.py                 # start a bench forum, add 40 topics x 45 posts, measure
    python bench/crawl.py --topics 10 --runs 1

It starts django-machina on 127.0.0.1:18411 with the project's scripts (tests/e2e/forumservers,
venv reused from .forums/), seeds it, and measures pages per second for

* ``threadkeeper crawl`` at concurrency 1 and 8 (AutoThrottle off, no delay), each into a fresh
  archive: responses / (crawl run's finished_at - started_at), so process start-up is left out;
* a plain sequential loop over the same URLs: urllib fetch, ``parse_page``, ``Archive.add``.

The best of ``--runs`` runs is reported for each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVERS = ROOT / "tests" / "e2e" / "forumservers"
sys.path.insert(0, str(ROOT))


def forum_env(cache: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PORT": str(port), "VENV": str(cache / "venv-machina"), "FORUM_DATA_DIR": str(cache / "bench-machina"),
                "FORUM_RESET": "1", "FORUM_SEED_CONTENT_DIR": str(SERVERS),
                "DJANGO_SETTINGS_MODULE": "forumsite.settings"})
    env.pop("PYTHONPATH", None)
    return env


def crawl_once(url: str, concurrency: int) -> tuple[float, int, float]:
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scraper.cli", "crawl", url, "--db", str(db), "--delay", "0",
                        "--no-autothrottle", "--concurrency", str(concurrency), "--progress", "0"],
                       check=True, capture_output=True, text=True)
        wall = time.perf_counter() - started
        con = duckdb.connect(str(db), read_only=True)
        seconds = con.execute("SELECT epoch(finished_at) - epoch(started_at) FROM crawl_runs").fetchone()[0]
        pages = con.execute("SELECT count(*) FROM crawl_fetches").fetchone()[0]
        con.close()
    return pages / seconds, pages, wall


def page_urls(url: str) -> list[str]:
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "urls.duckdb"
        subprocess.run([sys.executable, "-m", "scraper.cli", "crawl", url, "--db", str(db), "--delay", "0",
                        "--no-autothrottle", "--concurrency", "8", "--progress", "0"], check=True, capture_output=True)
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute("SELECT url, kind FROM crawl_fetches ORDER BY fetched_at").fetchall()
        con.close()
    return rows


def sequential(rows: list[tuple[str, str]]) -> float:
    """The reference: fetch, parse and archive one page after another, no Scrapy."""
    from archive.store import Archive
    from scraper.parsers.inputs import FetchedPage, fetched_at_from_headers
    from scraper.parsers.parse import parse_page

    with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "seq.duckdb") as archive:
        started = time.perf_counter()
        for url, kind in rows:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                headers = {k.lower(): v for k, v in response.headers.items()}
            if kind != "thread":
                continue  # listing pages are fetched, not parsed, as in the crawl
            page = FetchedPage(url, url, body, fetched_at_from_headers(headers), "http-date", headers, 200)
            result = parse_page(page)
            archive.add([result.page])
            archive.add(result.records())
        archive.flush()
        return len(rows) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", type=int, default=40)
    parser.add_argument("--posts", type=int, default=45)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--port", type=int, default=18411)
    parser.add_argument("--cache", default=str(ROOT / ".forums"))
    args = parser.parse_args()

    env = forum_env(Path(args.cache), args.port)
    subprocess.run([str(SERVERS / "stop_machina.sh")], env=env, capture_output=True)
    subprocess.run([str(SERVERS / "start_machina.sh")], env=env, check=True, capture_output=True)
    try:
        subprocess.run([env["VENV"] + "/bin/python", "manage.py", "seed_bulk", "--topics", str(args.topics),
                        "--posts", str(args.posts)], cwd=SERVERS / "machina", env=env, check=True, capture_output=True)
        url = f"http://127.0.0.1:{args.port}/forum/"
        rows = page_urls(url)
        print(f"forum: {args.topics + 2} topics, {len(rows)} pages ({sum(k == 'thread' for _, k in rows)} thread pages)")
        for concurrency in (1, 8):
            best = max(crawl_once(url, concurrency) for _ in range(args.runs))
            print(f"threadkeeper crawl, concurrency {concurrency}: {best[0]:6.1f} pages/s "
                  f"({best[1]} pages; {best[2]:.1f} s wall with process start-up)")
        best = max(sequential(rows) for _ in range(args.runs))
        print(f"sequential urllib + parse_page + Archive.add: {best:6.1f} pages/s")
    finally:
        subprocess.run([str(SERVERS / "stop_machina.sh")], env=env, capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
