"""What a forum link points at: a thread, a board (or a page of one), or something to ignore.

The patterns follow the URL schemes forum engines use; a thread's *key* is the URL of its first
page, so that the last-post link, the page links and the thread link of a board row all name
the same thread.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# (pattern on path?query, which groups make the key); most specific first.
_THREAD_RULES = [
    re.compile(r"^(?P<key>/(?:[^?#]*/)?topic/[^/?#]+-\d+/)"),  # django-machina
    re.compile(r"^(?P<key>/t/[^/?#]+/\d+/)"),  # Misago, Discourse
    re.compile(r"^(?P<key>/(?:[^?#]*/)?threads/[^/?#]+/)"),  # XenForo
    re.compile(r"^(?P<key>/(?:[^?#]*/)?(?:topic|thread)s?/\d+[^/?#]*/?)"),  # IPS, NodeBB, Invision-like
    re.compile(r"^(?P<key>/d/\d+[^/?#]*)"),  # Flarum
]
_THREAD_QUERY = {  # script name -> the query parameter naming the thread
    "viewtopic.php": "t",
    "showthread.php": "t",
    "index.php": "topic",  # SMF
}
_BOARD_RULES = [
    re.compile(r"^/(?:[^?#]*/)?forum/[^/?#]+-\d+/"),  # django-machina
    re.compile(r"^/c/[^/?#]+/\d+/"),  # Misago, Discourse
    re.compile(r"^/(?:[^?#]*/)?(?:forums?|boards?|categories|category)/[^?#]+"),
]
_BOARD_QUERY = {"viewforum.php": "f", "forumdisplay.php": "f", "index.php": "board"}
_IGNORE = re.compile(
    r"/(?:login|logout|register|signup|sign-in|search|member|members|profile|user|users|u|feeds?|rss|"
    r"static|media|avatars?|attachments?|post/\d+/(?:edit|reply|quote)|admin|moderation|tracking|"
    r"posting\.php|ucp\.php|memberlist\.php|mark|unread|subscribe)(?:/|\.|$|\?)",
    re.I,
)


def clean(url: str) -> str:
    """The URL without its fragment, canonicalised (sorted query, escaped path)."""
    return canonicalize_url(url, keep_fragments=False)


def _origin(parts) -> str:
    return f"{parts.scheme}://{parts.netloc}"


def thread_key(url: str) -> str | None:
    parts = urlsplit(url)
    script = parts.path.rsplit("/", 1)[-1]
    if script in _THREAD_QUERY:
        query = dict(parse_qsl(parts.query))
        name = _THREAD_QUERY[script]
        if name in query:
            return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode({name: query[name]}), ""))
        return None
    for rule in _THREAD_RULES:
        match = rule.match(parts.path)
        if match:
            return _origin(parts) + match.group("key")
    return None


def is_board(url: str) -> bool:
    parts = urlsplit(url)
    script = parts.path.rsplit("/", 1)[-1]
    if script in _BOARD_QUERY:
        return _BOARD_QUERY[script] in dict(parse_qsl(parts.query))
    return any(rule.match(parts.path) for rule in _BOARD_RULES)


def classify(url: str) -> str:
    """``thread``, ``board`` or ``other``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "other"
    if _IGNORE.search(parts.path):
        return "other"
    if thread_key(url):
        return "thread"
    if is_board(url):
        return "board"
    return "other"


def same_site(url: str, hosts: set[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in hosts or any(host.endswith("." + h) for h in hosts)
