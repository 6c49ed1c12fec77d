"""The blog spider: article URLs, a blog index, a sitemap or an RSS/Atom feed.

    scrapy crawl blog -a url=https://blog.example.org/feed.xml
    threadkeeper crawl --blog https://blog.example.org/sitemap.xml --max-threads 100

A start URL is read for what it is: a sitemap (``<urlset>`` / ``<sitemapindex>``) or a feed
(RSS ``<item><link>``, Atom ``<entry><link href>``) lists articles; an HTML page that the article
detector accepts is an article (parsed with its comments, where the page shows them); any other
HTML page is an index whose article links and next-page links are followed.  Articles are
requested with the validators of the last fetch, so an unchanged article costs a 304.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from parsel import Selector

from scraper.parsers.article import detect as is_article_page
from scraper.parsers.html import Document
from scraper.parsers.inputs import decode
from scraper.parsers.parse import parse_page
from scraper.pipelines import PageItem
from scraper.state import PageState

from . import links
from .common import CrawlArguments
from .forum import _fetched_page, _header, _record_of

# Paths of listing pages, not articles.
_NOT_ARTICLE = re.compile(
    r"/(?:tag|tags|category|categories|author|authors|page|feed|rss|search|wp-admin|wp-json|login|"
    r"comments|archive|archives)(?:/|$)|\.(?:xml|jpe?g|png|gif|pdf|zip|css|js)$",
    re.I,
)


def looks_like_article_link(url: str) -> bool:
    path = urlsplit(url).path
    if not path.strip("/") or _NOT_ARTICLE.search(path):
        return False
    last = path.rstrip("/").rsplit("/", 1)[-1]
    # a dated path or a slug of several words
    return bool(re.search(r"/(19|20)\d\d/", path)) or last.count("-") >= 2 or last.endswith((".html", ".htm"))


def _is_single_article(doc: Document) -> bool:
    """An article page, not an index that the article detector would also accept."""
    if not is_article_page(doc):
        return False
    declared = {str(item.get("@type")) for item in doc.json_ld} | {doc.meta("og:type") or ""}
    return looks_like_article_link(doc.url or "") or bool(declared & {"article", "BlogPosting", "Article", "NewsArticle"})


class BlogSpider(scrapy.Spider):
    name = "blog"
    handle_httpstatus_list = [304]

    def __init__(self, url: str | None = None, urls: str | None = None, **kwargs) -> None:
        self.args = CrawlArguments.from_spider_kwargs(url or urls, kwargs)
        super().__init__(**{k: v for k, v in kwargs.items() if k not in CrawlArguments.KWARGS})
        self.hosts = {(urlsplit(u).hostname or "").lower() for u in self.args.urls}
        if not self.args.follow_offsite:
            self.allowed_domains = sorted(self.hosts)
        self.run_arguments = self.args.as_dict(self.name)
        self.crawl_state = None  # set by the archive pipeline
        self.articles_scheduled = 0

    async def start(self):
        for url in self.args.urls:
            yield scrapy.Request(url, callback=self.parse_start, dont_filter=True)

    def parse_start(self, response):
        head = response.body[:2048].lstrip().lower()
        if b"<urlset" in head or b"<sitemapindex" in head:
            yield from self.parse_sitemap(response)
        elif b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            yield from self.parse_feed(response)
        else:
            text = decode(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
            if _is_single_article(Document(text, response.url)):
                yield from self.parse_article(response)
            else:
                yield from self.parse_index(response)

    def parse_sitemap(self, response):
        yield _record_of(response, "sitemap")
        sel = Selector(text=response.text, type="xml")
        sel.remove_namespaces()
        for loc in sel.xpath("//sitemap/loc/text()").getall():
            yield scrapy.Request(loc.strip(), callback=self.parse_sitemap)
        for loc in sel.xpath("//url/loc/text()").getall():
            yield from self._article_request(loc.strip())

    def parse_feed(self, response):
        yield _record_of(response, "feed")
        sel = Selector(text=response.text, type="xml")
        sel.remove_namespaces()
        found = sel.xpath("//item/link/text()").getall()
        found += sel.xpath("//entry/link[not(@rel) or @rel='alternate']/@href").getall()
        for url in found:
            yield from self._article_request(response.urljoin(url.strip()))

    def parse_index(self, response):
        yield _record_of(response, "listing")
        for anchor in response.css("a[href]"):
            url = links.clean(response.urljoin(anchor.attrib["href"]))
            if not self._on_site(url):
                continue
            rel = (anchor.attrib.get("rel") or "").lower().split()
            text = anchor.xpath("normalize-space(.)").get("").lower()
            if "next" in rel or text.startswith(("older", "next")) or re.search(r"/page/\d+/?$", url):
                yield scrapy.Request(url, callback=self.parse_index)
            elif looks_like_article_link(url):
                yield from self._article_request(url)

    def _article_request(self, url: str):
        if not self._on_site(url):
            return
        if self.args.max_threads and self.articles_scheduled >= self.args.max_threads:
            return
        self.articles_scheduled += 1
        headers = {}
        known = self.crawl_state.page(url) if self.crawl_state else None
        if known and known.etag:
            headers["If-None-Match"] = known.etag
        if known and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        yield scrapy.Request(url, callback=self.parse_article, headers=headers)

    def parse_article(self, response):
        if response.status == 304:
            yield _record_of(response, "article")
            return
        page = _fetched_page(response)
        result = parse_page(page, timezone=self.args.tz, engine=self.args.engine)
        yield PageItem(result, 1, kind="article")
        yield _record_of(response, "article", page, PageState(
            _header(response, "ETag"), _header(response, "Last-Modified"), page.content_hash, None))

    def _on_site(self, url: str) -> bool:
        return self.args.follow_offsite or links.same_site(url, self.hosts)
