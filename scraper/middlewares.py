"""Retries that back off: exponential delays on 5xx and network errors, ``Retry-After`` on 429/503.

Scrapy's own RetryMiddleware retries at once; a struggling server is better served by waiting.
The wait is per request (an awaited sleep in the downloader middleware chain), so other sites and
other requests go on meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

log = logging.getLogger(__name__)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A ``Retry-After`` header: delta seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 300.0)

    def _backoff(self, request) -> float:
        attempt = request.meta.get("retry_times", 0)
        delay = min(self.cap, self.base * (2**attempt))
        return delay * random.uniform(0.5, 1.0)  # jitter, so retries of many requests spread out

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = None
        if response.status in (429, 503):
            delay = retry_after_seconds(response.headers.get("Retry-After", b"").decode("latin-1"))
            if delay is not None and delay > self.retry_after_max:
                log.warning("%s asks to retry after %.0f s, more than RETRY_AFTER_MAX: giving up", request.url, delay)
                self.crawler.stats.inc_value("retry/retry_after_too_long")
                return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        delay = self._backoff(request) if delay is None else delay
        self.crawler.stats.inc_value("retry/backoff_seconds", delay)
        await asyncio.sleep(delay)
        return retry

    async def process_exception(self, request, exception, spider=None):
        if request.meta.get("dont_retry", False) or not isinstance(exception, tuple(self.exceptions_to_retry)):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        delay = self._backoff(request)
        self.crawler.stats.inc_value("retry/backoff_seconds", delay)
        await asyncio.sleep(delay)
        return retry
