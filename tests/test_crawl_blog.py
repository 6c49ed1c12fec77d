"""The blog spider against a tiny blog on 127.0.0.1: a feed, a sitemap and an index lead to articles."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from scraper.spiders.blog import looks_like_article_link

ARTICLES = {
    "/2024/03/replication-crisis-notes/": ("Notes on the replication crisis", "2024-03-04T09:15:00+00:00",
                                           "Smith et al. (2019) reported a large effect; see doi:10.5555/12345678."),
    "/2024/04/power-analysis-primer/": ("A primer on power analysis", "2024-04-02T10:00:00+00:00",
                                        "Power depends on the sample size and the effect size you expect."),
}


def article_html(path: str) -> str:
    title, date, text = ARTICLES[path]
    paragraphs = "".join(f"<p>{text} Paragraph {i} adds more words so the page reads as an article.</p>" for i in range(6))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:type' content='article'>"
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting",'
        f'"headline":"{title}","datePublished":"{date}","author":{{"@type":"Person","name":"Carol"}}}}</script>'
        f"</head><body><article><h1>{title}</h1><div class='entry-content'>{paragraphs}</div></article></body></html>"
    )


FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Blog</title>"
        + "".join(f"<item><title>{t}</title><link>{{base}}{p}</link></item>" for p, (t, _, _) in ARTICLES.items())
        + "</channel></rss>")
SITEMAP = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
           + "".join(f"<url><loc>{{base}}{p}</loc></url>" for p in ARTICLES) + "</urlset>")
INDEX = ("<!DOCTYPE html><html><head><title>Blog</title></head><body><ul>"
         + "".join(f"<li><a href='{p}'>{t}</a></li>" for p, (t, _, _) in ARTICLES.items())
         + "<li><a href='/tag/science/'>science</a></li></ul></body></html>")


@pytest.fixture
def blog():
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            pages = {"/feed.xml": FEED, "/sitemap.xml": SITEMAP, "/": INDEX, "/robots.txt": ""}
            pages.update({p: article_html(p) for p in ARTICLES})
            if self.path not in pages:
                self.send_response(404)
                self.end_headers()
                return
            body = pages[self.path].replace("{base}", base).encode()
            self.send_response(200)
            kind = "application/rss+xml" if self.path == "/feed.xml" else "text/html; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("start", ["/feed.xml", "/sitemap.xml", "/", "/2024/03/replication-crisis-notes/"])
def test_blog_crawl_archives_articles(blog, tmp_path, start):
    db = tmp_path / "blog.duckdb"
    out = subprocess.run(
        [sys.executable, "-m", "scraper.cli", "crawl", "--blog", blog + start, "--db", str(db),
         "--delay", "0", "--no-autothrottle", "--progress", "0"],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    titles = {r[0] for r in con.execute("SELECT title FROM threads WHERE kind = 'blog'").fetchall()}
    articles = con.execute("SELECT count(*) FROM posts WHERE is_article").fetchone()[0]
    dois = con.execute("SELECT value FROM refs WHERE kind = 'doi'").fetchall()
    con.close()
    expected = {t for t, _, _ in ARTICLES.values()}
    if start.startswith("/2024/"):
        expected = {"Notes on the replication crisis"}
    assert titles == expected
    assert articles == len(expected)
    assert dois == [("10.5555/12345678",)]


def test_article_links_are_told_from_listing_links():
    assert looks_like_article_link("https://b.example/2024/03/some-post/")
    assert looks_like_article_link("https://b.example/why-replications-fail-often/")
    assert not looks_like_article_link("https://b.example/tag/science/")
    assert not looks_like_article_link("https://b.example/page/2/")
    assert not looks_like_article_link("https://b.example/")
