"""Scrapy settings for threadkeeper: polite by default.

robots.txt is obeyed, AutoThrottle adapts the pace to the server, each domain gets few
concurrent requests and a delay, retries back off (and honour ``Retry-After`` on 429/503), and a
page larger than DOWNLOAD_MAXSIZE is dropped.  The user agent names the project and a contact:
set THREADKEEPER_CONTACT (or ``threadkeeper crawl --contact``) to your e-mail or URL.
"""

import os

BOT_NAME = "threadkeeper"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

THREADKEEPER_CONTACT = os.environ.get("THREADKEEPER_CONTACT", "https://github.com/threadkeeper/threadkeeper")
USER_AGENT = f"threadkeeper/0.1 (+{THREADKEEPER_CONTACT}; archival crawler)"

ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50 %

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 5
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0  # seconds; doubles with each retry of a request
RETRY_BACKOFF_MAX = 120.0
RETRY_AFTER_MAX = 600.0  # a Retry-After longer than this gives the page up

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scraper.middlewares.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {"scraper.pipelines.ArchivePipeline": 300}

# Cookies only add session noise to archived pages; forums render the same for anonymous readers.
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

THREADKEEPER_DB = os.environ.get("THREADKEEPER_DB", "threadkeeper.duckdb")
THREADKEEPER_BATCH_RECORDS = 5000
THREADKEEPER_BATCH_SECONDS = 5.0
