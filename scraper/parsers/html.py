"""HTML helpers shared by the engine parsers: the parsed document, CSS selection, clean text and
clean HTML of a post body.  lxml on the hot path."""

from __future__ import annotations

import copy
import json
import re
from functools import cached_property, lru_cache, wraps
from typing import Any, Callable, Iterable, Iterator, TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit
from weakref import WeakKeyDictionary

import lxml.html
from cssselect import GenericTranslator
from cssselect import parse as parse_css
from cssselect.parser import Attrib, Class, CombinedSelector, Element, Hash
from lxml import etree

_translator = GenericTranslator()

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
DROP_TAGS = ("script", "style", "noscript", "template", "button", "svg", "iframe", "object", "embed", "form", "input", "select", "textarea")
_DROP_SET = frozenset(DROP_TAGS)


def _html_parser() -> lxml.html.HTMLParser:
    """lxml.html's parser with the same element classes, looked up in C: lxml.html's own lookup
    is a Python method called for every element that becomes a Python object, a tenth of the
    parse time of a forum page."""
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    # The HTML parser lowercases tag names, as lxml.html's lookup does before its dict lookup.
    lookup.get_namespace(None).update(lxml.html.HtmlElementClassLookup._default_element_classes)
    # The page is given as UTF-8 bytes (see ``Document``): the parser must not guess.  A str is
    # read as it is, whatever this says.
    parser = lxml.html.HTMLParser(encoding="utf-8")
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _html_parser()


@lru_cache(maxsize=2048)
def xp(path: str) -> etree.XPath:
    """A compiled XPath: ``el.xpath(path)`` compiles the expression on every call, which costs
    more than running it on one post (variables such as ``$id`` are passed when it is called)."""
    return etree.XPath(path)


def xpath(el: Any, path: str, **variables: Any) -> list[Any]:
    """``el.xpath(path, **variables)`` with the expression compiled once."""
    return xp(path)(el, **variables)


@lru_cache(maxsize=2048)
def xpath_of(css: str) -> etree.XPath:
    return etree.XPath(_translator.css_to_xpath(css))


def css(el: Any, selector: str) -> list[Any]:
    return xpath_of(selector)(el)


def css_first(el: Any, selector: str) -> Any | None:
    found = xpath_of(selector)(el)
    return found[0] if found else None


@lru_cache(maxsize=2048)
def _needed_names(selector: str) -> tuple[tuple[str, ...], ...] | None:
    """For each alternative of a selector group, the class names and ids an element it matches
    must carry, where they cannot come from a named character reference (letters, digits and
    hyphens only); None when some alternative needs none, so only running it can tell."""
    alternatives = []
    for parsed in parse_css(selector):
        names: list[str] = []
        _collect_names(parsed.parsed_tree, names)
        names = [name for name in names if _SPELT_NAME.fullmatch(name)]
        if not names:
            return None
        alternatives.append(tuple(names))
    return tuple(alternatives)


def _spells(text: str, needed: Any) -> bool:
    """Whether ``text`` spells all the names of one of the ``needed`` alternatives."""
    return any(all(name in text for name in names) for names in needed)


def _collect_names(tree: Any, names: list[str]) -> None:
    # Only what the element itself (and its combined ancestors or siblings) must carry:
    # .selector is the required part of :not(), attribute tests, pseudo-classes and functions.
    while tree is not None:
        if isinstance(tree, Class):
            names.append(tree.class_name)
        elif isinstance(tree, Hash):
            names.append(tree.id)
        elif isinstance(tree, CombinedSelector):
            _collect_names(tree.subselector, names)
        tree = getattr(tree, "selector", None)


_SPELT_NAME = re.compile(r"[A-Za-z0-9-]+")
# A numeric character reference that could spell a letter, digit or hyphen of a class or id.
_ASCII_REF = re.compile(
    r"&#(?:0*(?:4[5-9]|[5-9]\d|1[01]\d|12[0-2])(?!\d)|[xX]0*(?:2[d-fD-F]|[3-6][0-9a-fA-F]|7[0-9aA])(?![0-9a-fA-F]))"
)


def absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if url.startswith(("javascript:", "mailto:", "data:")):
        return None
    if " " in url:  # "/members/MrJ OLSP.html": a browser sends the space as %20
        url = url.replace(" ", "%20")
    if "@" in url:
        url = _WGET_QUERY.sub(r"\1?\2", url)
    if not base or (_PLAIN_ABSOLUTE.fullmatch(url) and not url.endswith(("?", "#")) and "?#" not in url):
        return url
    return _urljoin(base, url)


# A page saved by wget for Windows names the linked page's file "viewtopic.php@t=100.html": the
# link is to "viewtopic.php?t=100".
_WGET_QUERY = re.compile(r"(\.(?:php\d?|aspx?|cgi|pl|jsp|cfm))@([^#/?]*?)(?:\.html?)?(?=#|$)")
# Pages repeat their links (profile, permalink and attachment URLs under every post).
_urljoin = lru_cache(maxsize=4096)(urljoin)
# An absolute http(s) URL that urljoin would give back unchanged: with a host (ASCII, no IPv6
# brackets, which urljoin checks), no ";params" or tab and line breaks (which it splits off or
# drops), and (tested besides) no empty "?" query or "#" fragment (which it drops).
_PLAIN_ABSOLUTE = re.compile(r"https?://(?:(?![/?#\[\];])[!-~])+(?:[/?#][^;\t\r\n]*)?")


# phpBB 2's <link rel=next> and SMF's leave the thread for the next topic ("viewtopic.php?t=9&view=next",
# "index.php?topic=9.0;prev_next=next"): they are no next page.
_NEXT_TOPIC = re.compile(r"[?&;](?:view|prev_next)=next(?:$|[&;#])")


def next_topic(href: str) -> bool:
    """Whether a rel=next link leads to the next topic rather than the thread's next page."""
    return _NEXT_TOPIC.search(href) is not None


# Session parameters: the same post must get the same URL on every crawl.
_SESSION_PARAMS = frozenset({"sid", "s", "phpsessid", "sessionid"})
SESSION_HINT = re.compile(r"[?&;](?:sid|s|PHPSESSID|sessionid)=", re.I)


def without_session(url: str | None) -> str | None:
    """``url`` without session ids (``sid``, ``PHPSESSID``, ``s``); the rest of the query as written
    (SMF separates its pairs with ``;``)."""
    if not url or "?" not in url:
        return url
    parts = urlsplit(url)
    pieces = re.split(r"([&;])", parts.query)
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        pair = pieces[i]
        if not pair or pair.split("=", 1)[0].lower() in _SESSION_PARAMS:
            continue
        if kept:
            kept.append(pieces[i - 1] if i else "&")
        kept.append(pair)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "".join(kept), parts.fragment))


def norm_space(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def text_of(el: Any, *, text_lines: bool = False) -> str:
    """Visible text of an element: block elements on their own lines, spaces collapsed, as a
    browser shows it (a line break in the source is a space), but for the lines of a ``<pre>``
    (or ``white-space: pre``) element, indentation kept.  Not its tail: the text after an element
    is its parent's (the reply after a quote, the words after a name or a date).

    ``text_lines``: a line break in the text is one on the page too (trafilatura's tree of an
    article, whose paragraphs hold the lines it read)."""
    if el is None:
        return ""
    parts: list[str] = []
    append = parts.append

    def walk(node: Any) -> None:
        tag = node.tag
        # A comment or processing instruction, or a dropped element, gives only its tail.
        if isinstance(tag, str) and tag not in _DROP_SET:
            style = node.get("style")
            if style and node is not el and HIDDEN_STYLE.search(style) and not _in_spoiler(node, el):
                pass  # not shown: a reply form, a menu, Discuz!'s anti-copy noise
            elif (tag == "pre" or (style and _PRE_STYLE.search(style))) and _preformatted(node):
                for line in _pre_text(node).split("\n"):
                    append(_LINE + _VERBATIM + line)
                append(_LINE)
            else:
                block = tag in BLOCK_TAGS
                if block:
                    append(_LINE)
                text = node.text
                if text:
                    append(text)
                for child in node:
                    walk(child)
                if block:
                    append(_LINE)
        tail = node.tail
        if tail:
            append(tail)

    tail, el.tail = el.tail, None  # read from the tree, so lent to it for the walk only
    try:
        walk(el)
    finally:
        el.tail = tail
        del walk  # it refers to itself: a cycle that only the cycle collector would free
    joined = without_zero_width("".join(parts))
    lines = []
    for line in (joined.replace("\n", _LINE) if text_lines else joined).split(_LINE):
        if line.startswith(_VERBATIM):
            line = line[1:].rstrip()
            if line:
                lines.append(line)
        elif line and not line.isspace():
            lines.append(" ".join(line.split()))
    return "\n".join(lines)


def _in_spoiler(node: Any, top: Any) -> bool:
    """Whether a hidden element is a spoiler's words, shown on a click: the post's own words."""
    for holder in (node, *node.iterancestors()):
        if "spoiler" in (holder.get("class") or "").lower():
            return True
        if holder is top:
            return False
    return False


def without_zero_width(text: str) -> str:
    """``text`` without zero-width spaces: they show as nothing, and left in they glue to words
    ("[\u200bIMG]") and fill blank lines.  (Not U+200C/U+200D, which join the letters of some
    scripts and of emoji.)"""
    for mark in ("\u200b", "\ufeff"):
        if mark in text:
            text = text.replace(mark, "")
    return text


def _preformatted(el: Any) -> bool:
    """Whether a ``<pre>`` holds only text and inline elements: a page that wraps its tables and
    paragraphs in one is laid out by them."""
    return not any(node.tag in BLOCK_TAGS and node.tag != "br" for node in el.iterdescendants())


def _pre_text(el: Any) -> str:
    """The text of preformatted ``el`` as shown, its line breaks (``<br>`` ones too) and spaces
    kept, without its tail."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag
        if isinstance(tag, str) and tag not in _DROP_SET:
            if tag == "br":
                parts.append("\n")
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    del walk
    return "".join(parts).replace("\r\n", "\n")


# Block boundaries, and the lines of preformatted text, whose spaces count.
_LINE, _VERBATIM = "\x01", "\x02"
_PRE_STYLE = re.compile(r"white-space\s*:\s*pre", re.I)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)  # an inline style that hides its element


# The line mobile apps (Tapatalk and its white-label forum apps) append to every post.
_SENT_FROM_APP = re.compile(r"\n?Sent from my [^\n]{1,80}? using [^\n]{1,60}\Z")


def post_text(el: Any) -> str:
    """The text of a cleaned post body, without the mobile app's "Sent from my …" line."""
    text = text_of(el)
    # The substring test is far cheaper than the search, which tries the pattern at every line.
    return _SENT_FROM_APP.sub("", text) if "Sent from my " in text else text


def clean_copy(el: Any, drop: tuple[str, ...] = ()) -> Any:
    """A copy of ``el`` without scripts, styles, buttons and the engine's ``drop`` selectors
    (selectors that look at an element and its ancestors only, so that what each drops can be
    found before any is removed)."""
    el = copy.deepcopy(el)
    if drop:
        for node in _dropping(drop).found(el):
            remove(node)
    # Listed before removing: lxml's iterator has found the next node when it returns one, and
    # would stop early if that node went with a removed element (a script in a noscript).
    for node in list(el.iter(etree.Comment, *DROP_TAGS)):
        if node is not el:
            remove(node)
    return el


class _Dropping:
    """What a tuple of ``drop`` selectors finds in a copy.

    A lone class (``.signature``, most of them) is found from the class attributes,
    ``descendant-or-self::*/@class[contains(., 'x')]/..``, and checked in Python: libxml2 tests an
    attribute node for a fraction of the cost of the translated selector's
    ``contains(concat(' ', normalize-space(@class), ' '), ' x ')`` on every element (XenForo's
    drops 2.2 -> 1.2 M instructions a page).  The other selectors run as one XPath, skipped when
    no class or id of the copy can satisfy them.
    """

    __slots__ = ("classes", "candidates", "others", "needed")

    def __init__(self, drop: tuple[str, ...]) -> None:
        classes: list[str] = []
        others: list[Any] = []
        needed: list[tuple[str, ...]] | None = []
        for selector in drop:
            rest = []
            for parsed in parse_css(selector):
                tree = parsed.parsed_tree
                if parsed.pseudo_element or not _looks_up_only(tree):
                    raise ValueError(f"drop selector {selector!r} looks at more than an element and its ancestors")
                if isinstance(tree, Class) and isinstance(tree.selector, Element) and tree.selector.element is None:
                    classes.append(tree.class_name)
                else:
                    rest.append(parsed)
            if rest:
                others += rest
                # All the group's alternatives: a lone class among them only widens the test.
                names = _needed_names(selector)
                needed = None if needed is None or names is None else needed + list(names)
        self.classes = frozenset(classes)
        self.candidates = etree.XPath(
            "descendant-or-self::*/@class[" + " or ".join(f"contains(., {_translator.xpath_literal(name)})" for name in classes) + "]/.."
        ) if classes else None
        self.others = etree.XPath(" | ".join(_translator.selector_to_xpath(parsed) for parsed in others)) if others else None
        self.needed = needed

    def found(self, el: Any) -> list[Any]:
        found = []
        if self.candidates is not None:
            classes = self.classes
            # The class list as the selector reads it: split at XML white space only.
            found = [node for node in self.candidates(el) if not classes.isdisjoint(_XML_SPACE.split(node.get("class")))]
        if self.others is not None and (self.needed is None or self._may_match(el)):
            found += self.others(el)
        return found

    def _may_match(self, el: Any) -> bool:
        """Whether the classes and ids of the copy hold all that one of the other selectors needs:
        a substring test instead of an XPath walk.  (The copy has no siblings, so every element a
        selector can reach is in it.)"""
        return _spells(" ".join(_CLASSES_AND_IDS(el)), self.needed)


@lru_cache(maxsize=256)
def _dropping(drop: tuple[str, ...]) -> _Dropping:
    return _Dropping(drop)


def _looks_up_only(tree: Any) -> bool:
    """Whether a parsed selector tests only an element and its ancestors (no sibling or position
    tests), so that removing other elements cannot change what it matches."""
    if isinstance(tree, Element):
        return True
    if isinstance(tree, (Class, Hash, Attrib)):
        return _looks_up_only(tree.selector)
    if isinstance(tree, CombinedSelector):
        return tree.combinator in (" ", ">") and _looks_up_only(tree.selector) and _looks_up_only(tree.subselector)
    return False


_XML_SPACE = re.compile(r"[ \t\r\n]")
_CLASSES_AND_IDS = etree.XPath("descendant-or-self::*/@class | descendant-or-self::*/@id", smart_strings=False)


def remove(node: Any) -> None:
    """Remove a node but keep its tail text in place."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


# A quoted block stays where the page shows it, so that ``body_text`` reads as the post did; the
# mark lets the post's own words be read without it (``cut_quotes``).
QUOTE_MARK = "data-threadkeeper-quote"
_MARKED = etree.XPath(f"descendant::*[@{QUOTE_MARK}]")


def mark_quote(node: Any) -> None:
    node.set(QUOTE_MARK, "")


def in_quote(node: Any) -> bool:
    """Whether ``node`` sits inside a marked quote."""
    return any(a.get(QUOTE_MARK) is not None for a in node.iterancestors())


def image_url(img: Any, base: str | None) -> str | None:
    """The real source of an image, lazy-loading placeholders skipped."""
    for attr in ("data-src", "data-url", "data-original", "src"):
        value = img.get(attr)
        if value and not value.startswith("data:"):
            return absolute(value, base)
    return None


def images_in(body: Any, base: str | None, skip: Callable[[Any], bool] | None = None) -> list[str]:
    """The images of a body outside its quotes, each once (``skip``: smilies, emoji)."""
    out: list[str] = []
    for img in body.iter("img"):
        if (skip is not None and skip(img)) or in_quote(img):
            continue
        url = image_url(img, base)
        if url and url not in out:
            out.append(url)
    return out


_SIGNATURE_RULE = re.compile(r"\s*_{5,}\s*")


def cut_signature_rule(body: Any, quotes: Iterable[Any] = (), longest: int | None = None) -> None:
    """Cut a message at a line of underscores, outside quotes, and all after it: phpBB 2 and
    boards like it append the signature to the message so.  ``quotes``: the body's quotes, where
    they are not marked yet; ``longest``: the most text a signature may have, where the board is
    not known to sign so (members draw such lines between parts of a post too)."""
    unmarked = set(quotes)
    rule = next((node for node in body.iter() if node is not body and node.tail and _SIGNATURE_RULE.fullmatch(node.tail)
                 and not in_quote(node) and unmarked.isdisjoint(node.iterancestors())), None)
    if rule is not None and longest is not None and _text_after(rule, body) > longest:
        return
    node = rule
    while node is not None and node is not body:
        node.tail = None
        parent = node.getparent()
        for later in list(node.itersiblings()):
            parent.remove(later)
        node = parent


def _text_after(node: Any, top: Any) -> int:
    """The length of the text after ``node``'s tail, up to the end of ``top``."""
    length = 0
    while node is not top:
        for later in node.itersiblings():
            length += len(later.text_content()) + len(later.tail or "")
        node = node.getparent()
    return length


def cut_quotes(el: Any) -> bool:
    """Remove the marked quotes from ``el``; whether there were any."""
    marked = _MARKED(el)
    for node in marked:
        remove(node)
    return bool(marked)


# "[@*]" first: elements without attributes (most of a post's) are passed over on one test
# instead of five (a third of the XPath's time).
_REWRITTEN = etree.XPath(f"descendant-or-self::*[@*][@href or @src or @style or @{QUOTE_MARK} or @*[starts-with(name(), 'on')]]")


def html_of(el: Any, base_url: str | None) -> str:
    """Serialised HTML with absolute links and without event-handler attributes."""
    el = copy.deepcopy(el)
    # Only elements with an attribute this rewrites: the XPath filter runs in C.
    for node in _REWRITTEN(el):
        for attr in list(node.attrib):
            if attr.startswith("on") or attr in ("style", QUOTE_MARK):
                del node.attrib[attr]
        for attr in ("href", "src"):
            value = node.get(attr)
            if value and base_url:
                fixed = absolute(value, base_url)
                if fixed:
                    node.set(attr, fixed)
    return lxml.html.tostring(el, encoding="unicode", with_tail=False)


# "/descendant::x[1]" lets libxml2 stop at the first match; "//title" walks the whole page.
_FIRST_TITLE = etree.XPath("/descendant::title[1]")
_GENERATOR = etree.XPath(".//meta[translate(@name,'GENERATOR','generator')='generator']/@content")
_BASE_TAG = re.compile("<base", re.I)
_BASE_HREF = etree.XPath("//base/@href")
_LD_SCRIPTS = etree.XPath("/descendant::script[contains(@type, 'ld+json')]")
_CDATA = re.compile(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$")
_LENIENT_JSON = json.JSONDecoder(strict=False)


class Document:
    """A parsed HTML page with the lookups every engine's detection needs."""

    def __init__(self, text: str, url: str | None, utf8: bytes | None = None) -> None:
        """``utf8``: ``text`` encoded as UTF-8, when the caller has those bytes (the page as
        fetched, :func:`inputs.decode_page`)."""
        self.text = text
        self.url = url
        if text.startswith("<?xml"):
            text = re.sub(r"^<\?xml[^>]*>", "", text)
            utf8 = None
        try:
            # lxml hands a str to libxml2 in its own 1-, 2- or 4-byte form, which libxml2 then
            # converts: a page with one emoji is read as UCS-4.  UTF-8 bytes parse faster, into
            # the same tree (a lone surrogate has no UTF-8: such a str is read as it is).
            source: str | bytes | None = utf8
            if source is None:
                try:
                    source = text.encode("utf-8")
                except UnicodeEncodeError:
                    source = text
            self.root = lxml.html.document_fromstring(source, parser=_PARSER)
        except (etree.ParserError, ValueError):
            self.root = lxml.html.document_fromstring("<html><body></body></html>", parser=_PARSER)

    def css(self, selector: str) -> list[Any]:
        return css(self.root, selector) if self._may_match(selector) else []

    def css_first(self, selector: str) -> Any | None:
        return css_first(self.root, selector) if self._may_match(selector) else None

    def _may_match(self, selector: str) -> bool:
        """False when the selector needs a class or id the page source never spells out: a
        substring test instead of an XPath walk over the whole page (detection asks many)."""
        needed = _needed_names(selector)
        if needed is None:
            return True
        # The references are looked for only when the plain test would skip.
        return _spells(self.text, needed) or self._refs_spell_names

    def may_contain(self, word: str) -> bool:
        """Whether the parsed page may hold ``word`` (letters, digits and hyphens) in a text or an
        attribute value: False only when the source never spells it out, even with numeric
        character references (named ones spell no letter, digit or hyphen)."""
        return word in self.text or self._refs_spell_names

    @cached_property
    def _refs_spell_names(self) -> bool:
        return _ASCII_REF.search(self.text) is not None

    @cached_property
    def base_url(self) -> str | None:
        # Few pages have a <base>: a scan of the source is cheaper than an XPath walk of the page.
        base = _BASE_HREF(self.root) if _BASE_TAG.search(self.text) else []
        return absolute(base[0], self.url) if base else self.url

    @cached_property
    def generator(self) -> str:
        head = self.root.find("head")
        return " ".join(_GENERATOR(head if head is not None else self.root)).lower()

    @cached_property
    def body(self) -> Any | None:
        """The ``<body>`` element.  The parser makes it a child of ``<html>``: finding it there
        costs nothing, where ``find(".//body")`` walks the whole page (lxml's iterator looks
        for the next match before it returns the first)."""
        body = self.root.find("body")
        return body if body is not None else self.root.find(".//body")

    @cached_property
    def body_classes(self) -> str:
        body = self.body
        html_class = self.root.get("class", "")
        return f"{html_class} {body.get('class', '') if body is not None else ''}".lower()

    @cached_property
    def title(self) -> str | None:
        found = _FIRST_TITLE(self.root)
        return norm_space(found[0].text_content()) if found else None

    def meta(self, name: str) -> str | None:
        """A ``<meta name|property=…>`` value."""
        for node in self.root.iter("meta"):
            if node.get("property") == name or node.get("name") == name or node.get("itemprop") == name:
                value = node.get("content")
                if value:
                    return value.strip()
        return None

    @cached_property
    def json_ld(self) -> list[dict[str, Any]]:
        """Every JSON-LD object of the page, ``@graph`` members flattened.

        Read leniently, as browsers and search engines do: a block wrapped in ``<![CDATA[ … ]]>``
        or followed by junk still counts.
        """
        out: list[dict[str, Any]] = []
        for node in _LD_SCRIPTS(self.root):
            text = _CDATA.sub("", (node.text or "").strip()).strip()
            try:
                data, _ = _LENIENT_JSON.raw_decode(text)
            except ValueError:
                continue
            out.extend(_flatten_ld(data))
        return out

    def absolute(self, url: str | None) -> str | None:
        return absolute(url, self.base_url)


T = TypeVar("T")


def per_page(read: Callable[[Document], T]) -> Callable[[Document], T]:
    """``read(doc)`` computed once per document: detection and parsing ask some of the same
    questions of a page."""
    found: WeakKeyDictionary[Document, T] = WeakKeyDictionary()

    @wraps(read)
    def once(doc: Document) -> T:
        try:
            return found[doc]
        except KeyError:
            value = found[doc] = read(doc)
            return value

    return once


def _flatten_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten_ld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten_ld(data["@graph"])
