"""One fetched page in, one :class:`ParseResult` out; a page that cannot be parsed becomes a
recorded :class:`ParseError` instead of an exception.  The crawl and the offline path both call
:func:`parse_page`."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, tzinfo
from datetime import timezone as dt_timezone

from archive.records import Page, ParseError, ParseResult, stable_id

from . import build, engines, text
from .dates import DateHints
from .html import Document
from .inputs import FetchedPage, InputError, decode_page
from .model import ParseContext, ParserError, ThreadDraft

log = logging.getLogger(__name__)

# A JSON body, after any white space (what str.isspace calls space); a match, unlike lstrip(),
# does not copy a page that starts with a line break.
_JSON_START = re.compile(r"\s*[{\[]")


def _page_record(page: FetchedPage, status: str, engine: str | None = None, version: str | None = None,
                 thread_id: str | None = None, message: str | None = None) -> Page:
    return Page(
        page_id=stable_id(page.url or page.source, page.content_hash),
        url=page.url,
        source=page.source,
        fetched_at=page.fetched_at,
        fetched_at_source=page.fetched_at_source,
        content_hash=page.content_hash,
        size=len(page.body),
        engine=engine,
        parser_version=version,
        status=status,
        thread_id=thread_id,
        http_status=page.http_status,
        message=message,
    )


def _error(page: FetchedPage, reason: str) -> ParseResult:
    return ParseResult(page=_page_record(page, "error", message=reason), error=_parse_error(page, reason))


def _parse_error(page: FetchedPage, reason: str) -> ParseError:
    return ParseError(stable_id(page.source, page.content_hash, reason), page.source, page.url, reason, page.content_hash)


def unreadable(source: str, url: str | None, fetched_at: datetime, fetched_at_source: str, reason: str) -> ParseResult:
    """The result for a file that could not be read at all (empty, binary, broken gzip or WARC)."""
    return _error(FetchedPage(source, url, b"", fetched_at, fetched_at_source), reason)


_TRUNCATED = "truncated HTML: the file ends before </body> or </html>"


def _truncated(html: str) -> bool:
    tail = html[-4096:].lower()
    return "</html" not in tail and "</body" not in tail and not html.rstrip().endswith(">")


def _keep_before_cut(draft: ThreadDraft) -> str:
    """The reason for a page whose file ends early, its draft cut to the posts the file holds whole:
    the last post read may end at the cut, so it goes too."""
    draft.posts = draft.posts[:-1]
    if not draft.posts:
        raise ParserError(_TRUNCATED)
    return f"{_TRUNCATED}; kept the posts before the last one read, which it may cut short: {len(draft.posts)}"


def parse_page(
    page: FetchedPage,
    *,
    timezone: tzinfo | None = None,
    engine: str | None = None,
    hints: DateHints | None = None,
) -> ParseResult:
    """Parse one page. Never raises for a bad page: the result then carries ``error``."""
    ctx = ParseContext(
        url=page.url,
        fetched_at=page.fetched_at,
        timezone=timezone or dt_timezone.utc,
        timezone_given=timezone is not None,
        hints=hints or DateHints(),
    )
    truncated = False
    cut = None
    try:
        content, utf8 = decode_page(page.body, page.content_type)
        if "text/plain" in page.content_type:
            draft = text.parse(content, ctx)
        elif "json" in page.content_type or _JSON_START.match(content):
            draft = engines.parse_json(_load_json(content), ctx, engine)
        else:
            truncated = _truncated(content)
            doc = Document(content, page.url, utf8)
            module = engines.choose(doc, engine)
            draft = module.parse(doc, ctx)
            if truncated:
                cut = _keep_before_cut(draft)
        result = build.build(draft, ctx, _page_record(page, "ok"))
    except (ParserError, InputError) as exc:
        return _error(page, _TRUNCATED if truncated else str(exc))
    except RecursionError:
        return _error(page, "page nesting too deep to parse")
    except Exception as exc:  # a parser bug must not stop a run of thousands of pages
        log.exception("parser crashed on %s", page.source)
        return _error(page, f"parser crashed: {type(exc).__name__}: {exc}")
    thread = result.thread
    if cut:
        # What came before the cut is kept, and the page stays an error: a crawl fetches it again.
        result.page = _page_record(page, "error", thread.engine, thread.parser_version, thread.thread_id, message=cut)
        result.error = _parse_error(page, cut)
        return result
    status = "ok" if result.posts else "empty"
    result.page = _page_record(page, status, thread.engine, thread.parser_version, thread.thread_id)
    if not result.posts:
        # The page is what it is (a JavaScript shell, a login wall): record why it gave nothing.
        reason = f"no posts: {draft.empty_reason or 'the page shows no posts or article text'}"
        result.error = _parse_error(page, reason)
    return result


def _load_json(content: str) -> object:
    try:
        return json.loads(content)
    except ValueError as exc:
        raise ParserError(f"invalid JSON: {exc}") from exc

