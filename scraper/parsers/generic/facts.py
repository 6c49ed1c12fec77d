"""One walk over a post block (``read_facts``): the elements that name its author, hold its
date, are its signature or buttons, and the sizes from which its body is chosen."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..html import norm_space
from .cues import (DATE_ATTR_SET, FRAME, JOINED, AnyCase, data_date_name, date_like, hidden_by_style,
                   markup_cues, mostly_date, rdfa_date, tooltip)


class BlockFacts:
    """What one walk over a post block finds.  In page order: the elements outside quotes that
    name an author; the signatures and controls (taken out of the body), quotes included.  Where
    its date may be, outside quotes, in page order: the elements below the block with a
    machine-readable date, those whose title holds a date, those whose own text is date-like
    (with that text).  For its body, children before parents: each element's text size
    (signatures left out), the part of it that is names, dates and buttons, and its weight (a
    class that says "message"/"content" outweighs a larger profile column)."""

    __slots__ = ("root", "authors", "signatures", "controls", "machine", "titled", "dated", "sizes",
                 "candidates", "_joined")

    def __init__(self, root: Any) -> None:
        self.root = root
        self.authors: list[Any] = []
        self.signatures: list[Any] = []
        self.controls: list[Any] = []
        self.machine: list[Any] = []
        self.titled: list[tuple[Any, str]] = []
        self.dated: list[tuple[Any, str]] = []
        self.sizes: dict[Any, int] = {}
        self.candidates: list[tuple[Any, int, int, int]] = []
        self._joined: list[Any] | None = None

    def joined(self) -> list[Any]:
        """The dated elements that are a member's join date (see _joined), found once."""
        if self._joined is None:
            self._joined = [el for el, own in self.dated if _joined(el, own)]
        return self._joined


def read_facts(root: Any) -> BlockFacts:
    facts = BlockFacts(root)
    dated_texts: list[tuple[int, Any, str]] = []
    position = 0

    def walk(el: Any, tag: str, quoted: bool, aside: bool) -> tuple[int, int]:
        nonlocal position
        markup = _block_markup(tag, tuple(el.items()))
        quote, author, names, signature, content, machine, dated_title, control, hidden = markup
        if hidden and el is not root:
            if control:
                facts.controls.append(el)  # taken out of the words too (Discuz!'s jammer)
            return 0, 0  # what the page hides (a pop-up menu, a template): no words, name or date
        quoted = quoted or quote
        if author and not quoted:  # a quote's "X wrote:" names the quoted member
            facts.authors.append(el)
        if control:
            facts.controls.append(el)
        if signature:
            facts.signatures.append(el)
        if not quoted:
            index = position
            position += 1
            if machine and el is not root:
                facts.machine.append(el)
            if dated_title:
                facts.titled.append((el, dated_title))
        # The element's own text (its text and its children's tails) is read in the same loop.
        text = el.text
        parts = [text] if text else []
        size = cues = 0
        first_candidate = len(facts.candidates)
        for child in el:
            tail = child.tail
            if tail:
                parts.append(tail)
            child_tag = child.tag
            if isinstance(child_tag, str):
                outside = aside or signature or child_tag in FRAME
                child_size, child_cues = walk(child, child_tag, quoted, outside)
                size += child_size
                cues += child_cues
        own = " ".join(" ".join(parts).split()) if parts else ""
        dated = bool(own) and date_like(own)
        if dated and not quoted:
            dated_texts.append((index, el, own))
        size += len(own)
        if (tag == "a" and not quoted and not control and len(own) <= 12 and _FLOOR.match(own)
                and "tag" not in (el.get("href") or "")):
            control = True  # the post's number as its permalink ("Post# 1", "#12", not "#2024", a tag)
            facts.controls.append(el)
        if names or (dated and mostly_date(own)):
            cues = size  # all of a name or date element is name or date
        if quote:
            cues = 0  # "X wrote on <date>" heads a quote inside the post's words
        elif control:
            cues = size  # a post's buttons are no words of it, as names and dates are not
        if not signature and own.startswith(_SIGNATURE_RULE):
            # vBulletin 3 and its kin set the signature off by a rule: "__________________<br>…".
            # What it holds was walked already: none of it may stand for the post's words.
            facts.signatures.append(el)
            del facts.candidates[first_candidate:]
            signature = True
        if signature:
            return 0, 0  # a signature is never the post's words
        facts.sizes[el] = size
        # A post's <aside>/<header>/<footer> holds its author's details, and a signature is the
        # author's too: none of it is the post's words.  A message class inside a quote is the
        # quoted post's (phpBB 2 quotes its "postbody" spans).
        if not aside:
            facts.candidates.append((el, size, cues, size * 10 if content and not quoted else size))
        return size, cues

    walk(root, root.tag, False, False)
    # walk holds itself through its closure: that cycle kept every block's facts and copied tree
    # alive until the cycle collector ran, a collection every few pages for a thousand objects a page.
    del walk
    dated_texts.sort(key=lambda owner: owner[0])
    facts.dated = [(el, own) for _, el, own in dated_texts]
    return facts


def rows_facts(facts: BlockFacts, header: Any, rows: Any) -> BlockFacts:
    """What ``read_facts(rows)`` finds for a body's search, taken from the walk over the whole
    post before its rows after the ``header`` row moved to ``rows``: each row was read the same
    way there (both roots are bare <div>s), so only the new root's own entry is new."""
    in_header = set(header.iter())
    found = BlockFacts(rows)
    found.sizes = facts.sizes
    tops = set(rows)
    kept = found.candidates
    size = cues = 0
    for entry in facts.candidates[:-1]:  # the last one is the old root
        el = entry[0]
        if el not in in_header:
            kept.append(entry)
            if el in tops:
                size += entry[1]
                cues += entry[2]
    # The root's own text is the rows' tails, as the walk reads it.
    own = norm_space(" ".join(row.tail for row in rows if row.tail))
    size += len(own)
    if own and date_like(own):
        cues = size
    facts.sizes[rows] = size
    kept.append((rows, size, cues, size))
    return found


@lru_cache(maxsize=4096)  # keyed by all attributes, as markup_cues
def _block_markup(tag: str, items: tuple) -> tuple[bool, bool, bool, bool, bool, bool, str, bool, bool]:
    """What an element's tag and attributes tell the searches of a post block: it is a quote; it
    names an author; it names an author or a date; it is a signature; its class says
    "message"/"content" (or its id does); it may hold a machine-readable date (``datetime``, a
    data-*time/date attribute, an RDFa date's ``content``); its title holds a date (that title,
    else ""); it is a control ("Click to expand..."); its style hides it.  Each post repeats the
    same markup: each distinct one is tested once."""
    attrib = dict(items)
    cls = attrib.get("class") or ""
    # A quote's header ("Quote from: X on DATE", above or in the quote) is the quote's, not the post's.
    quote = is_quote(tag, cls) or _is_quote_header(cls)
    date, author, _, _ = markup_cues(tag, items)  # as the page's analysis read them
    names = author or date
    signature = _signature_name(cls) or _signature_name(attrib.get("id") or "")
    machine = (tag == "time" or any(n in DATE_ATTR_SET or data_date_name(n) for n in attrib)
               or "content" in attrib and rdfa_date(attrib.get("property")))
    title = tooltip(attrib)
    dated_title = title if title and len(title) < 80 and date_like(title) else ""
    control = (attrib.get("role") == "button" or _control_name(cls)
               or _control_name(attrib.get("data-role") or "")
               or tag == "a" and (_MODERATION_HREF.found_in(attrib.get("href") or "")
                                  # a script's button: "Select all" above a code box
                                  or attrib.get("href") == "#" and "onclick" in attrib))
    # The message's id says so as its class does (Discuz!'s "postmessage_123" on a class "t_f").
    content = is_content_class(cls) or is_content_class(_ID_WORDS.sub("", attrib.get("id") or ""))
    return (quote, bool(author), bool(names), signature, content, machine, dated_title, control,
            hidden_by_style(attrib) or cls == "jammer")


_ID_WORDS = re.compile(r"\d+")  # the post's number: ids share their words, cached once


_SIGNATURE_RULE = "_" * 10
_FLOOR = re.compile(r"(?:post\s*)?#\s*\d+$", re.I)


def _joined(el: Any, own: str) -> bool:
    """Whether a date is a member's join date (or last visit): by its text, its label before it
    (``<dt>Joined</dt><dd>date</dd>``) or inside it (``<dd><b>Joined:</b> date</dd>``), or its
    class (``profile-joined``)."""
    return (JOINED.found_in(own) or JOINED.found_in(_label_before(el))
            or JOINED.found_in(el.get("class") or "")
            or (len(el) > 0 and JOINED.found_in(norm_space(el.text_content())[:40])))


def _label_before(el: Any) -> str:
    """The text just before an element: its previous sibling (``<dt>Joined</dt><dd>date</dd>``)
    or the start of its parent."""
    prev = el.getprevious()
    if prev is not None:
        return norm_space(prev.text_content())[-40:] + " " + (prev.tail or "")
    parent = el.getparent()
    return (parent.text or "") if parent is not None else ""


_QUOTE_CLASS = AnyCase(r"(?:^|[-_\s])(?:bb-?)?quote(?:$|[-_\s]|box|content|container|block)|bbcode_?quote|quotecontent")


@lru_cache(maxsize=4096)
def _is_quote_class(cls: str) -> bool:
    return bool(cls) and _QUOTE_CLASS.found_in(cls)


@lru_cache(maxsize=4096)
def _is_quote_header(cls: str) -> bool:
    return bool(cls) and _QUOTE_HEADER_CLASS.found_in(cls)


_QUOTE_HEADER_CLASS = AnyCase(r"quote[-_]?(?:header|head|title|top|by|author|citation)|bbcode_?postedby")


def is_quote(tag: str, cls: str) -> bool:
    # vBulletin 4 writes the post itself as <blockquote class="postcontent">; a link is a quote's
    # header or a "Quote" button ("quote_link", "js-partial-quote-button"), never the quote.
    return (tag != "a" and _is_quote_class(cls)) or (
        tag == "blockquote" and (not is_content_class(cls) or "quoted" in cls.lower()))  # HyperKitty's "quoted-text"


# Not a styling utility's "text" ("text-right", "text-center", Bootstrap's "text-body" colour).
_CONTENT_CLASS = AnyCase(
    r"(?:^|[-_\s])(?:message|content|(?<!text-)body|text(?!-(?:center|left|right|justify|start|end|bold|muted|"
    r"small|nowrap|truncate|wrap|uppercase|lowercase|capitalize|primary|secondary|body|bg|dark|light|white|gray|"
    r"grey|xs|sm|md|lg|xl))|msg|entry|prose|markdown|bbwrapper)(?:$|[-_\s])"
    r"|(?:post|message|comment|entry|topic|reply|forum)[-_]?(?:body|text|content|msg|message)"
)


@lru_cache(maxsize=4096)
def is_content_class(cls: str) -> bool:
    return bool(cls) and _CONTENT_CLASS.found_in(cls) and not _SIGNATURE_CLASS.found_in(cls)


_SIGNATURE_CLASS = AnyCase(r"signature|sig(?:$|[-_\s])|usersig|post-?footer|postfoot")


@lru_cache(maxsize=4096)
def _signature_name(name: str) -> bool:
    return bool(name) and _SIGNATURE_CLASS.found_in(name)


# A post's buttons and reaction counts: ipsItemControls, post-controls, post-buttons, quickbuttons,
# post-tools, message-actionBar, postactions, reactCount; a quote's "Click to expand..." (quoteExpand,
# bbCodeBlock-expandLink); and Discuz!'s "jammer", random characters its stylesheet hides among a
# post's words against copying.
_CONTROL_CLASS = AnyCase(r"(?:controls|buttons|tools|actionbar|(?:^|[-_\s]|post)actions|reactions?|reactcount"
                         r"|quoteexpand|expandlink|^jammer)(?:$|[-_\s])")


# A link that reports a post or shows its poster's address (vBulletin 2's "Report this post to a
# moderator | IP: Logged").
_MODERATION_HREF = AnyCase(r"report(?:post)?\.php|[?&](?:action|do|mode)=(?:getip|report\w*)")


@lru_cache(maxsize=4096)
def _control_name(name: str) -> bool:
    return bool(name) and _CONTROL_CLASS.found_in(name)
