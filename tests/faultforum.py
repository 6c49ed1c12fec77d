"""A small forum on 127.0.0.1 that misbehaves on purpose, for the crawler's fault tests.

It renders django-machina markup (so the machina engine parser reads it): an index, one board and
``threads`` threads of ``posts`` posts, ``per_page`` to a page.  A :class:`Faults` plan decides
how the first requests of some URLs fail: HTTP 500, 429 with ``Retry-After``, a response slower
than the crawler's timeout, a connection reset, or a body cut short of its Content-Length.
Thread pages carry an ``ETag`` and answer ``If-None-Match`` with 304.  Every request is logged.
"""

from __future__ import annotations

import hashlib
import random
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

START = datetime(2024, 3, 4, 9, 15, tzinfo=timezone.utc)
STEP = timedelta(minutes=97)
BOARD = "/forum/forum/board-1/"


def topic_path(t: int) -> str:
    return f"{BOARD}topic/thread-{t}-{t}/"


def _django_time(when: datetime) -> str:
    hour = when.hour % 12 or 12
    return f"{when:%B} {when.day}, {when.year}, {hour}:{when.minute:02d} {'a.m.' if when.hour < 12 else 'p.m.'}"


@dataclass
class Faults:
    """Which failure the first attempts at a URL meet; later attempts succeed."""

    seed: int = 7
    error_rate: float = 0.3  # share of URLs whose first attempt is a 500
    special: dict[str, str] = field(default_factory=dict)  # path?query -> 429 | timeout | reset | truncate

    def plan(self, key: str, attempt: int) -> str | None:
        if attempt == 0 and key in self.special:
            return self.special[key]
        if attempt == 0 and random.Random(f"{self.seed}:{key}").random() < self.error_rate:
            return "500"
        return None


class FaultForum:
    def __init__(self, threads: int = 6, posts: int = 25, per_page: int = 10, faults: Faults | None = None,
                 delay: float = 0.0, slow_seconds: float = 3.0) -> None:
        self.posts = {t: posts for t in range(1, threads + 1)}
        self.per_page = per_page
        self.faults = faults or Faults(error_rate=0.0)
        self.delay = delay
        self.slow_seconds = slow_seconds
        # (arrival time, path?query, status answered, request headers), in order of arrival
        self.log: list[tuple[float, str, int, dict[str, str]]] = []
        self._attempts: dict[str, int] = {}
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FaultForum:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add_post(self, thread: int) -> None:
        with self._lock:
            self.posts[thread] += 1

    def requests_to(self, prefix: str) -> list[tuple[float, str, int, dict[str, str]]]:
        with self._lock:
            return [entry for entry in self.log if entry[1].startswith(prefix)]

    def post_count(self) -> int:
        return sum(self.posts.values())

    # -- pages -------------------------------------------------------------------------------

    def pages_of(self, thread: int) -> int:
        return max(1, -(-self.posts[thread] // self.per_page))

    def _frame(self, title: str, body: str) -> str:
        return (
            "<!DOCTYPE html><html lang='en-us'><head><meta charset='utf-8'>"
            f"<title>Fault Board &mdash; {title}</title>"
            "<link rel='stylesheet' href='/static/css/machina.board_theme.min.css'></head><body>"
            f"<div class='my-5 container' id='main_container'>{body}</div></body></html>"
        )

    def index(self) -> str:
        last = max(self.posts)
        return self._frame("Index", (
            f"<a href='{BOARD}'>Board one</a> <a href='/private/secret/'>staff only</a>"
            f"<div class='topic-last-post'><a href='{topic_path(last)}?post=last'>last</a></div>"
        ))

    def board(self) -> str:
        rows = []
        for t, n in self.posts.items():
            last = START + (n - 1) * STEP
            rows.append(
                "<div class='row m-0 px-3 py-2 border-bottom'><div class='topic-name'>"
                f"<a href='{topic_path(t)}' class='topic-name-link'>Thread {t}</a></div>"
                f"<div class='topic-count'>{n - 1}</div><div class='topic-count'>{random.randint(0, 999)}</div>"
                f"<div class='topic-last-post'>By: user{n % 5} <a href='{topic_path(t)}?post={t * 1000 + n}#{t * 1000 + n}'>»</a>"
                f"<small>{_django_time(last)}</small></div></div>"
            )
        return self._frame("Board one", "<div class='card topiclist'>" + "".join(rows) + "</div>")

    def thread_page(self, t: int, page: int) -> str:
        count = self.pages_of(t)
        path = topic_path(t)
        crumbs = (f"<ol class='breadcrumb'><li class='breadcrumb-item'><a href='/forum/'>Forum index</a></li>"
                  f"<li class='breadcrumb-item'><a href='{BOARD}'>Board one</a></li>"
                  f"<li class='breadcrumb-item'><a href='{path}'>Thread {t}</a></li></ol>")
        items = []
        for p in range(1, count + 1):
            active = " active" if p == page else ""
            items.append(f"<li class='page-item{active}'><a href='?page={p}' class='page-link'>{p}</a></li>")
        nxt = f"?page={page + 1}" if page < count else ""
        disabled = "" if nxt else " disabled"
        items.append(f"<li class='page-item{disabled}'><a href='{nxt}' class='page-link'>&raquo;</a></li>")
        posts = []
        first = (page - 1) * self.per_page + 1
        for n in range(first, min(self.posts[t], page * self.per_page) + 1):
            pid = t * 1000 + n
            when = START + (n - 1) * STEP
            quote = ""
            if n == 3:
                quote = f"<blockquote><p><strong>user{2 % 5} wrote:</strong><br>Post two of thread {t}.</p></blockquote>"
            posts.append(
                f"<div id='{pid}' class='my-3 card post'><div class='card-body'>"
                f"<h4 class='m-0 subject'>Re: Thread {t} <a href='{path}?post={pid}#{pid}'>&#182;</a></h4>"
                f"<p><small class='text-muted'>By: <a href='/forum/member/profile/{n % 5}/'>user{n % 5}</a>"
                f" on {_django_time(when)}</small></p>"
                f"<div class='post-content'>{quote}<p>Post {n} of thread {t}. See doi:10.5555/{t}{n:04d}.</p>"
                f"<p>Post marker: t{t}-p{n:03d}</p></div></div></div>"
            )
        body = (f"<nav>{crumbs}</nav><h1>Thread {t}</h1><ul class='pagination'>{''.join(items)}</ul>"
                + "".join(posts))
        return self._frame(f"Thread {t}", body)

    # -- HTTP --------------------------------------------------------------------------------

    def _handler(self):
        forum = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def handle(self):
                try:
                    super().handle()
                except ConnectionError:  # a client that gave up on a slow or broken answer
                    pass

            def do_GET(self):  # noqa: N802
                arrived = time.monotonic()
                parts = urlsplit(self.path)
                key = parts.path + ("?" + parts.query if parts.query else "")
                status, body, extra = self._page(parts)
                with forum._lock:
                    attempt = forum._attempts.get(key, 0)
                    forum._attempts[key] = attempt + 1
                    fault = forum.faults.plan(key, attempt)
                    if fault == "500":
                        status, body, extra = 500, b"<html><body>server error</body></html>", {}
                    elif fault == "429":
                        status, body, extra = 429, b"<html><body>slow down</body></html>", {"Retry-After": "1"}
                    etag = extra.get("ETag")
                    if status == 200 and etag and self.headers.get("If-None-Match") == etag:
                        status, body = 304, b""
                    # Logged as it arrives, with the answer it is going to get: an attempt whose
                    # answer is slower than the whole crawl is still on record when the crawl ends.
                    forum.log.append((arrived, key, status, dict(self.headers.items())))
                if forum.delay:
                    time.sleep(forum.delay)
                if fault == "timeout":
                    time.sleep(forum.slow_seconds)
                if fault == "reset":
                    # RST instead of FIN: the client sees "connection reset by peer"
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                for name, value in extra.items():
                    self.send_header(name, value)
                if fault == "truncate":
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def _page(self, parts):
                path = parts.path
                if path == "/robots.txt":
                    return 200, b"User-agent: *\nDisallow: /private/\n", {}
                if path == "/forum/":
                    return 200, forum.index().encode(), {}
                if path == BOARD:
                    return 200, forum.board().encode(), {}
                for t in forum.posts:
                    if path == topic_path(t):
                        page = int(parse_qs(parts.query).get("page", ["1"])[0])
                        if not 1 <= page <= forum.pages_of(t):
                            break
                        body = forum.thread_page(t, page).encode()
                        return 200, body, {"ETag": '"' + hashlib.md5(body).hexdigest() + '"'}
                return 404, b"<html><body>not found</body></html>", {}

        return Handler
