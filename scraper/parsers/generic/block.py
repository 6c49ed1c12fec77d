"""Reading one post block: a clean copy without nested replies and page furniture, its author,
date, body and quotes, and the site's post id and permalink."""

from __future__ import annotations

import copy
import re
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from ..html import (BLOCK_TAGS, Document, absolute, cut_signature_rule, html_of, images_in, mark_quote,
                    norm_space, remove, text_of)
from ..model import PostDraft, QuoteDraft
from .authors import author_element, author_of, bold_name, data_author, name_before, profile_button, user_id
from .cues import HEADINGS, ID_ATTRS, NATIVE_ID, AnyCase, date_like, date_span, is_author, is_date, own_text, user_href
from .facts import BlockFacts, is_content_class, is_quote, read_facts, rows_facts
from .microdata import itemprop
from .post_dates import PageDates, date_of, edit_of, itemprop_date


def read_block(doc: Document, when: PageDates, microdata: bool, parts: list[Any], nested: list[Any],
               outer: Any = None) -> PostDraft | None:
    """The post of a block (``parts``, without its ``nested`` replies); ``microdata``: whether the
    page may have itemprop attributes; ``outer``: the post's schema.org item around the block,
    whose author and date are the post's."""
    if len(parts) == 1:
        block = _copy_without(parts[0], nested)
    else:
        block = _new_div(parts[0])
        for part in parts:
            block.append(_copy_without(part, []))
    facts = read_facts(block)
    edit_line, edited = edit_of(block, facts, when, microdata)
    if edit_line is not None:
        # "Last edited by X on DATE": its name and date are the edit's, and it is not the words.
        _remove_bracketed(edit_line)
        facts = read_facts(block)
    author_el = itemprop(block, "author", "creator") if microdata else None
    if author_el is None:
        author_el = author_element(doc, facts)
    date = (itemprop_date(block, when) if microdata else None) or date_of(facts, when)
    date_el = date[1] if date else None
    # In a table layout the first row is the post's header; its words are in the rows after it.
    text_root = block if len(parts) == 1 else _rows_after_header(block)
    body_el = itemprop(block, "text", "articleBody", "commentText") if microdata else None
    if body_el is None:
        body_facts = facts if text_root is block else rows_facts(facts, block[0], text_root)
        # Every <time> outside quotes is the post's furniture (its date, an edit date), and a join
        # date is its author's details: not its words.
        meta = [e for e in (author_el, date_el) if e is not None]
        meta += [e for e in facts.machine if e.tag == "time"]
        meta += facts.joined()
        body_el = _body_element(body_facts, meta)
    if body_el is None:
        return None
    if outer is not None:
        # The wrapper's schema.org author and date beat the block's header, which may name the
        # thread's last poster; the header's elements stay out of the body all the same.
        outer_author = itemprop(outer, "author", "creator")
        author_el = outer_author if outer_author is not None else author_el
        date = itemprop_date(outer, when) or date
    named = data_author(block)
    if author_el is None and named is None:
        author_el = bold_name(block, body_el)
        if author_el is None and date_el is not None:
            named = name_before(date_el)
    if edited and date and edited.value == date[0].value:
        edited = None  # a post never edited: modified when published
    for el in (*facts.signatures, *facts.controls):  # controls: "Click to expand...", "Show more"
        if any(parent is body_el for parent in el.iterancestors()):
            line = el.getparent()
            remove(el)
            if line is not body_el and len(line) == 0 and len(norm_space(line.text)) <= 5:
                remove(line)  # what the buttons leave of their line: "| IP:"
    quotes = take_quotes(body_el)
    cut_signature_rule(body_el, longest=_SIGNATURE_LENGTH)
    _drop_reply_title(body_el, doc.title)
    text = text_of(body_el)
    if not text and not _shows_media(body_el):
        return None
    author, author_url = author_of(doc, author_el)
    if author and author_url is None:
        author_url = profile_button(doc, facts)
    if named:  # the site's own attribute beats anything read from the text
        author = named
    native_id, anchor = _native_id(block, parts[0])
    link_scope = block
    if native_id is None and parts[0].get("itemscope") is not None:
        # A microdata item inside the post's container: the id and permalink are the container's.
        for container in list(parts[0].iterancestors())[:4]:
            native_id, anchor = _own_id(container)
            if native_id:
                link_scope = container
                break
    return PostDraft(
        body_text=text,
        body_html=html_of(body_el, doc.base_url),
        body_element=body_el,
        images=images_in(body_el, doc.base_url, lambda img: _decoration(img, doc.base_url)),
        author=author,
        author_url=author_url,
        author_id=user_id(author_url),
        native_id=native_id,
        url=_permalink(doc, link_scope, native_id, anchor),
        published=date[0] if date else None,
        edited=edited,
        quotes=quotes,
    )


def _decoration(img: Any, base_url: str | None) -> bool:
    """A smiley, emoji or icon among a post's words, not an image of the post: named so
    (``/images/smilies/``, ``class="emoji"``, ``faces``), drawn (SVG), or one of the site's own
    images (``/inc/images/wink.gif``) rather than an upload."""
    src = img.get("src") or ""
    if _EMOTICON.search(f"{img.get('class') or ''} {src}") or ".svg" in urlsplit(src).path:
        return True
    url = absolute(src, base_url) or ""
    return (urlsplit(url).netloc == urlsplit(base_url or "").netloc and "/images/" in url
            and not _UPLOAD.search(url))


_EMOTICON = re.compile(r"smil|sml_|emoji|emot|icon_|\bfaces?\b", re.I)
_UPLOAD = re.compile(r"attach|upload|gallery|album|photo|user", re.I)


def _copy_without(block: Any, nested: list[Any]) -> Any:
    """A clean copy of a post block without the nested blocks (replies) and page furniture."""
    paths = []
    for inner in nested:
        path = []
        el = inner
        while el is not block:
            parent = el.getparent()
            path.append(parent.index(el))
            el = parent
        paths.append(path[::-1])
    copied = copy.deepcopy(block)
    targets = []
    for path in paths:
        el = copied
        for i in path:
            el = el[i]
        targets.append(el)
    for el in targets:
        if el.getparent() is not None:
            remove(el)
    for el in list(copied.iter(*_FURNITURE, etree.Comment)):
        if el is not copied:
            remove(el)
    return copied


# Dropped from a post's copy; not <form>: some sites wrap each post in one.
_FURNITURE = ("script", "style", "noscript", "template", "button", "svg", "iframe", "object", "embed", "input",
              "select", "textarea", "nav")


def _new_div(el: Any) -> Any:
    """A new <div> of the page's document, to hold copied post parts.  Not lxml.html.Element:
    the elements moved into one of its <div>s become Python objects through lxml.html's element
    class lookup, a Python call per element; the page's parser looks them up in C."""
    return el.makeelement("div")


def _rows_after_header(block: Any) -> Any:
    rows = _new_div(block)
    for part in list(block)[1:]:
        rows.append(part)
    return rows


def _body_element(facts: BlockFacts, meta: list[Any]) -> Any | None:
    """The post's words: the largest element that holds neither the post's author nor its date,
    and is not mostly other names and dates (a reply's "X in reply to Y, 3 days ago" line)."""
    holds_meta = set()
    for m in meta:
        holds_meta.add(m)
        holds_meta.update(m.iterancestors())
    best, best_len, best_weight = None, -1, -1
    wordless = None  # a message element holding a picture or a video only
    for el, size, cues, weight in facts.candidates:
        if weight > best_weight and el not in holds_meta and cues * 4 < size:
            best, best_len, best_weight = el, size, weight
        elif (wordless is None and not size and el not in holds_meta and is_content_class(el.get("class") or "")
              and _shows_media(el)):
            wordless = el
    # A post of a picture alone: its message element, not its header or its "Re:" title.
    if wordless is not None and (best is None or _reply_title(best)):
        return wordless
    if best is None:
        return facts.root
    sizes = facts.sizes
    # The paragraph the largest element stands in (<p><span>words</span></p>: no words of its own).
    top = best
    while (parent := top.getparent()) is not None and parent not in holds_meta and sizes.get(parent) == best_len:
        top = parent
    if parent is not None and parent in holds_meta and not is_content_class(top.get("class") or ""):
        # Paragraphs standing loose beside the post's name and date (no wrapper of their own):
        # the post is all of them, not the largest one.
        run = [c for c in parent if isinstance(c.tag, str) and c not in holds_meta and sizes.get(c, 0) > 0
               and c.tag not in HEADINGS and not is_author(c.tag, c.attrib) and not is_date(c.tag, c.attrib, own_text(c))]
        if len(run) > 1 and top in run and sum(sizes[c] for c in run) * 2 >= best_len * 3:
            wrapper = _new_div(best)
            for child in run:
                wrapper.append(child)
            return wrapper
    if parent is not None and parent not in holds_meta and _quotes_beside(top, sizes):
        return parent
    # Without the name beside it, the largest block may still carry the poster's details
    # column: narrow it to the element whose class says it is the message, when that holds
    # most of the words (not a quote's content: the reply below it is the post's own; nor the
    # reply beside the quotes it answers).
    narrowest = best
    for el in best.iterdescendants():
        size = sizes.get(el, 0)
        if (size * 10 >= best_len * 6 and size < sizes[narrowest] and is_content_class(el.get("class") or "")
                and not _in_quote(el, best) and not _quotes_beside(el, sizes)):
            narrowest = el
    return narrowest


def _remove_bracketed(el: Any) -> None:
    """Remove an element, and the brackets around it ("[<i>Last edited by X on DATE</i>]")."""
    prev, parent = el.getprevious(), el.getparent()
    before = prev.tail if prev is not None else parent.text if parent is not None else None
    if before and before.rstrip().endswith("[") and (el.tail or "").lstrip().startswith("]"):
        cut = before.rstrip()[:-1]
        if prev is not None:
            prev.tail = cut
        else:
            parent.text = cut
        el.tail = el.tail.lstrip()[1:]
    remove(el)


def _shows_media(el: Any) -> bool:
    """Whether an element holds a picture or a video (an embed's placeholder: its iframe is gone
    from the copy)."""
    return any(node.tag in _MEDIA_TAGS or any("embed" in name or "video" in name for name in node.keys())
               for node in el.iter(etree.Element))


_MEDIA_TAGS = frozenset(("img", "video", "audio", "picture"))


def _reply_title(el: Any) -> bool:
    """Whether an element is a reply's "Re: …" title, or in one."""
    heading = next((h for h in (el, *el.iterancestors()) if h.tag in HEADINGS), None)
    return heading is not None and _REPLY_TITLE.match(heading.text_content()) is not None


def _quotes_beside(message: Any, sizes: dict[Any, int]) -> bool:
    """Whether the message element stands beside the quotes it answers, and beside nothing else
    with words but more of the message: phpBB 2 sets each quote's table between two "postbody"
    spans."""
    cls = message.get("class")
    quoted = False
    for sibling in message.getparent():
        if sibling is message or not sizes.get(sibling) or sibling.get("class") == cls:
            continue
        if not any(is_quote(el.tag, el.get("class") or "") for el in sibling.iter(etree.Element)):
            return False
        quoted = True
    return quoted


def _in_quote(el: Any, top: Any) -> bool:
    """Whether an element is a quote, or inside one below ``top``."""
    while el is not None and el is not top:
        if is_quote(el.tag, el.get("class") or ""):
            return True
        el = el.getparent()
    return False


def _drop_reply_title(body: Any, page_title: str | None) -> None:
    """A title heading a post's words is the thread's title again: a reply's ("Re: …", "AW: …"),
    or the opening post's, as the page's title begins or ends (Discuz!'s subject above the
    message; vBulletin 2's bold one, "Site - Thread")."""
    heading = next(body.iterdescendants(*HEADINGS), None)
    if heading is None:
        heading = next((b for b in body.iterdescendants("b", "strong") if norm_space(b.text_content())), None)
    if heading is None:
        return
    title, words = norm_space(heading.text_content()), norm_space(body.text_content())
    if not words.startswith(title):
        return
    if _REPLY_TITLE.match(title) or (len(words) > len(title) >= 3 and page_title
                                     and (page_title.startswith(title) or page_title.endswith(title))):
        remove(heading)


_SIGNATURE_LENGTH = 300  # a signature is a line or two; more after a rule is the post's own
# "Re:", "AW:", …; Discuz!'s "回复 6楼 X 的话题" (reply to the 6th floor's post), "回复：".
_REPLY_TITLE = re.compile(r"\s*(?:(?:re|aw|antw|rép|sv|vs|odp|ynt)\s*(?:\^\d+)?\s*:"
                          r"|回复\s*(?:\d+\s*楼|[:：]))", re.I)


def take_quotes(body: Any) -> list[QuoteDraft]:
    """The quoted posts of a body, marked as quotes; a post that is nothing but a quote keeps its
    text as its own.  A quote's header ("X said:", "Quote from: X on DATE", "On DATE, X said:")
    names its author and, by its link, the quoted post: it is not quoted text."""
    found = []
    for q in body.iterdescendants():
        if isinstance(q.tag, str) and is_quote(q.tag, q.get("class") or "") and not any(q in f.iterdescendants() for f in found):
            found.append(_quote_table(q))
    if not found or not _text_without(body, found):
        return []
    quotes = []
    for q in found:
        header = _quote_header(q)
        inside = header is not None
        if not inside:
            header = _header_before(q)
        line = norm_space(header.text_content()) if header is not None else ""
        author = _attribute(q, _QUOTE_AUTHOR_ATTRS) or (line if inside and header is q[0] and _named_first(q)
                                                          else _header_name(line, header))
        post_id = _quoted_post_id(q, header)
        if header is not None and (not inside or header.tag == "cite" and _WROTE.match(line)):
            remove(header)  # "X wrote:" above the quote or in its <cite>: not the post's words
            header = None
        text = text_of(q) if header is None else text_of(_copy_without(q, [header]))
        if author is None and (not line or _QUOTE_LABEL.match(line)):
            # A header the markup does not set apart: the quote's first line, "X wrote:" (below
            # a "Quote:" label, Discuz!'s "原帖由 X 于 DATE 发表", Movable Type's "引用X的发言："), whose
            # link leads to the post.
            first, _, rest = text.partition("\n")
            said = _WROTE.match(first) if _HEADER_END.search(first) else _QUOTE_FROM.match(first)
            if said:
                author = _clean_name(said[1])
                text = rest or text
                post_id = post_id or _post_number(a.get("href") or "" for a in _first_line_links(q, header))
        quotes.append(QuoteDraft(text=text, author=author, post_native_id=post_id))
        mark_quote(q)
    return quotes


def _quote_table(q: Any) -> Any:
    """The quote: a quote cell's table when the cell's row has one row above it (phpBB 2 heads the
    quoted words' cell with a row that says "X wrote:"), else the quote element itself."""
    row = q.getparent()
    if q.tag != "td" or row is None or len(row) != 1:
        return q
    table = row.getparent()
    if table is not None and table.tag == "tbody":
        table = table.getparent()
    if table is None or table.tag != "table":
        return q
    rows = [r for part in (table, *table.iterchildren("tbody")) for r in part.iterchildren("tr")]
    return table if len(rows) == 2 and rows[1] is row else q


def _quote_header(q: Any) -> Any | None:
    """The element heading a quote: its <cite>, else a short first element that a class names
    its attribution or title, or whose text reads "X said:"."""
    cite = q.find(".//cite")
    if cite is not None:
        return cite
    if (q.text or "").strip():
        return None
    if _named_first(q):
        return q[0]
    whole = norm_space(q.text_content())
    for el in islice(q.iterdescendants(), 6):
        if not isinstance(el.tag, str):
            continue
        line = norm_space(el.text_content())
        if line == whole:
            continue  # a wrapper around all of the quote
        # A header line by its words is the whole line ("X said:"), not a paragraph it begins
        # ("@alice said:<br>I've kept my starter…": its first line, read from the text).
        if line and len(line) <= 120 and (_HEADER_CLASS.found_in(el.get("class") or "") or _QUOTE_LABEL.match(line)
                                          or (_header_name(line, None) and _whole_header(line))):
            return el
        if (el.text or "").strip():
            return None  # words before any header
    return None


def _named_first(q: Any) -> bool:
    """Whether a quote opens with its member's bare name on a line of its own, emphasised
    (pybbm: ``<blockquote><em>alice</em><br>…``)."""
    first = q[0] if len(q) else None
    if first is None or first.tag not in ("em", "b", "strong") or (first.tail or "").strip():
        return False
    after = first.getnext()
    name = norm_space(first.text_content())
    return (after is not None and after.tag == "br" and 0 < len(name) <= 40 and len(name.split()) <= 3
            and not _SENTENCE_END.search(name))


_SENTENCE_END = re.compile(r"[.!?:]$")


def _whole_header(line: str) -> bool:
    """Whether a line naming the quoted member is only that: "Originally Posted by X", "X said:",
    not "X said: and the quoted words"."""
    bare = _LEADING_DATE.sub("", line)
    return _QUOTE_FROM.match(bare) is not None or _HEADER_END.search(line) is not None


def _header_before(q: Any) -> Any | None:
    """The line just before a quote that heads it: "X said:", "Quote from: X on DATE" (past a
    toggle that shows the quote, "…")."""
    prev = q.getprevious()
    if prev is None or not isinstance(prev.tag, str):
        return None
    line = norm_space(prev.text_content())
    if _TOGGLE.match(line) and prev.getprevious() is not None and isinstance(prev.getprevious().tag, str):
        prev = prev.getprevious()
        line = norm_space(prev.text_content())
    if not line or len(line) > 200:
        return None
    if _QUOTE_FROM.match(line) or (_WROTE.match(line) and _HEADER_END.search(line)):
        return prev
    return prev if _HEADER_CLASS.found_in(prev.get("class") or "") and _header_name(line, prev) else None


def quoted_author(header: str | None) -> str | None:
    """The member a quote's header line names ("X wrote:", "Quote from: X on DATE")."""
    return _header_name(norm_space(header), None)


def _header_name(line: str, header: Any | None) -> str | None:
    """The quoted member a header line names: "X said:", "Quote from: X on DATE", "Zitat von X:",
    "On DATE, X said:", "(DATE) X Wrote:"; a header set apart by its class may hold the bare
    name ("X: ↑")."""
    if _QUOTE_LABEL.match(line):
        return None
    line = _LEADING_DATE.sub("", line)
    found = _QUOTE_FROM.match(line) or _WROTE.match(line)
    if found is None and header is not None and header.tag != "cite":
        found = _BARE_NAME.match(line)
    if found is None:
        return None
    name = _EMAIL.sub("", found[1]) or found[1]  # "X <x@example.org> wrote:"; a member named by an email
    span = date_span(name)
    if span and span[0] == 0 and span[1] < len(name):
        name = name[span[1]:]  # "On Mon, Mar 3, 2025 at 9:15 AM X wrote:"
    elif ", " in name and date_like(name.rsplit(", ", 1)[0]):
        name = name.rsplit(", ", 1)[1]  # "14 hours ago, X said:"
    return _clean_name(name)


def _clean_name(name: str) -> str | None:
    return _NAME_TAIL.sub("", name).strip(" ,@\"'“”") or None


def _quoted_post_id(q: Any, header: Any | None) -> str | None:
    """The quoted post's id: the quote's own attribute (``data-source="post: 268721"``), else the
    number its header's link leads to (``goto/post?id=123``, ``#msg123``, ``?pid=123#pid123``)."""
    value = _attribute(q, _QUOTE_POST_ATTRS)
    texts = [value] if value else []
    if header is not None:
        texts += [href for href in (a.get("href") or "" for a in header.iter("a")) if not user_href(href)]
    return _post_number(texts)


def _post_number(texts: Any) -> str | None:
    for text in texts:
        found = _POST_NUMBER.findall(text)
        if found:
            named, bare = found[-1]
            return named or bare
    return None


def _first_line_links(q: Any, label: Any | None) -> list[Any]:
    """The links of a quote's first line (after its ``label``, "Quote:"): up to the first line
    break, or the first block after some words."""
    links: list[Any] = []
    worded = bool((q.text or "").strip())
    skipped = set(label.iter()) if label is not None else set()
    for el in q.iterdescendants(etree.Element):
        if el in skipped:
            continue
        if el.tag == "br" or (worded and el.tag in BLOCK_TAGS):
            break
        if el.tag == "a" and not user_href(el.get("href") or ""):
            links.append(el)
        worded = worded or bool((el.text or "").strip() or (el.tail or "").strip())
    return links


def _attribute(el: Any, names: tuple[str, ...]) -> str | None:
    return next((value for value in (norm_space(el.get(n)) for n in names) if value), None)


_WROTE = re.compile(
    r"^\s*(?:quote\s*(?:from)?\s*:?\s*)?(.{1,100}?)\s+(?:wrote|said|posted(?=\s*:)|has written|schrieb|hat geschrieben|a écrit|escribió|scrisse|ha scritto|schreef|napisał)\b",
    re.I,
)
_QUOTE_FROM = re.compile(
    r"^\s*(?:(?:quote|zitat|citation|cita|citazione)\s+(?:from|von|de|di)|(?:originally\s+)?posted\s+by"
    r"|原帖由|引用)\s*:?\s*(.{1,60}?)(?:\s+(?:on|am|le|el|il)\s+.*|\s*:.*|\s*于\s*.*发表\s*|\s*的(?:发言|帖子)\s*[:：]?)?$",
    re.I,
)
_TOGGLE = re.compile(r"^(?:\.{3}|…)$")
_EMAIL = re.compile(r"\s*[<(\[]?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b[>)\]]?")
# The label over a quote that names nobody.
_QUOTE_LABEL = re.compile(r"^(?:quote|zitat|citation|cita|citazione|citaat|cytat|引用)\s*[:：]?$", re.I)
_BARE_NAME = re.compile(r"^\s*([^:]{1,60}?)\s*:\W*$")
# "(2019-02-24, 05:31 PM)X Wrote:" (MyBB), "On 3/12/2019 at 10:00 AM, X said:" (Invision).
_LEADING_DATE = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*|on\s+[^,]{1,40},\s*)", re.I)
_NAME_TAIL = re.compile(r"[\s:↑⇧^»›]+$")
# A header line ends with a colon or with its verb: "X said in <title>:", "X wrote: »", "X said";
# "X said it bent" is a sentence of the reply.
_HEADER_END = re.compile(
    r"(?::|\b(?:wrote|said|written|schrieb|geschrieben|écrit|escribió|scritto|schreef|napisał))[\s↑⇧^»›]*$", re.I
)
_HEADER_CLASS = AnyCase(
    r"attribution|citation|postedby|(?:^|[-_\s])(?:quote[-_]?)?(?:header|title|top|author)(?:$|[-_\s])|quote[-_]?(?:head|by)"
)
_QUOTE_AUTHOR_ATTRS = ("data-author", "data-ipsquote-username", "data-username", "data-quote-author")
_QUOTE_POST_ATTRS = ("data-source", "data-ipsquote-contentcommentid", "data-postid", "data-post-id", "data-pid")
# A post's number in a link or attribute: "post: 268721", "#post-123", "?p=123", "#msg123", "?pid=123".
# Not a thread's ("ptid=55490", "threadid=7").
_POST_NUMBER = re.compile(
    r"(?<![a-z])(?:post|posts|p|pid|msg|id|comment|reply|postid|msgid|commentid)\s*[-_:=/#]?\s*(\d{3,})(?!\d)"
    r"|^\s*(\d{3,})\s*$",
    re.I)


def _text_without(body: Any, cut: list[Any]) -> bool:
    """Whether the body has words of its own outside the elements in ``cut``."""
    skip = set()
    for el in cut:
        skip.update(el.iter())
    for el in body.iter():
        if el in skip or not isinstance(el.tag, str):
            if el in cut and el.tail and el.tail.strip():
                return True
            continue
        if (el.text and el.text.strip()) or (el.tail and el.tail.strip() and el is not body):
            return True
    return False


def _native_id(block: Any, original: Any) -> tuple[str | None, str | None]:
    """The site's id of the post and the page anchor that leads to it."""
    anchor = None
    for el in islice(block.iter(), 60):
        if not isinstance(el.tag, str) or _ID_NAMES.isdisjoint(el.keys()) or _in_quote(el, block):
            continue  # a quote's link carries the quoted post's id
        native_id, named = _own_id(el, ("id", "name"))
        if native_id:
            return native_id, named
        if anchor is None and el.tag == "a" and el.get("name") and not el.get("href"):
            anchor = el.get("name")
    # <a name="32677"></a><table>…post…</table>: the anchor stands just before the block, or
    # alone in the element before it (<p><a name="32678"></a></p>, the parser's closing of a <p>).
    prev = original.getprevious()
    if prev is not None and prev.tag != "a" and len(prev) == 1 and not (prev.text or "").strip():
        prev = prev[0]
    if prev is not None and prev.tag == "a" and not prev.get("href") and (prev.get("name") or prev.get("id")):
        value = prev.get("name") or prev.get("id")
        match = NATIVE_ID.match(value)
        return (match[1] if match else None), value
    return None, anchor


_ID_NAMES = frozenset((*ID_ATTRS, "id", "name"))  # what _native_id reads


def _own_id(el: Any, id_attrs: tuple[str, ...] = ("id",)) -> tuple[str | None, str | None]:
    """The post id an element carries itself (not its descendants), and the attribute value
    naming it when that is a page anchor (one of ``id_attrs``)."""
    for attr in ID_ATTRS:
        value = el.get(attr)
        if value and value.isdigit():
            # ``<div id="post-12" data-post-id="12">``: the id is the anchor that leads to it.
            match = NATIVE_ID.match(el.get("id") or "")
            return value, (el.get("id") if match and match[1] == value else None)
    for attr in id_attrs:
        value = el.get(attr)
        if not value:
            continue
        match = NATIVE_ID.match(value)
        if match and not _PERSON_ID.match(value):
            return match[1], value
        if _ULID.match(value):
            return value, value
    return None, None


# An author link's id ("user_1926436") numbers the person, not the post.
_PERSON_ID = re.compile(r"(?:user|member|avatar)", re.I)
# Sites that number their posts with ULIDs (a time-ordered 26-character id: 01KB5YANQENXP5EE0EZ14JY0A2).
_ULID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}$")


def _permalink(doc: Document, block: Any, native_id: str | None, anchor: str | None) -> str | None:
    if native_id:
        # The post's own link, not its quote/reply/report/likes action links.
        for a in block.iter("a"):
            href = a.get("href") or ""
            if _names_id(href, native_id) and not user_href(href) and not _ACTION_LINK.found_in(href):
                return doc.absolute(href)
    if anchor and doc.url:
        return doc.url.split("#")[0] + "#" + anchor
    return None


# (Discuz!'s member actions are "ac=": "ac=pm&…&pid=123" writes to the poster about the post.)
_ACTION_LINK = AnyCase(r"quote|reply|edit|report|delete|vote|like|flag|share|menu|do=|action=|mode=|[?&]ac=")


def _names_id(href: str, native_id: str) -> bool:
    """Whether a link names the post id as a whole number ('#p123', '/post-123', '?p=123')."""
    start = href.find(native_id)
    while start > 0:
        end = start + len(native_id)
        if href[start - 1] in "#/=_-p" and (end == len(href) or not href[end].isdigit()):
            return True
        start = href.find(native_id, end)
    return False
