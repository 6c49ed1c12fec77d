"""Small pieces every forum engine parser uses: compiled XPath lookups, one-pass class indexes,
session-free links, the page's canonical and next URLs, displayed counts and ids.

lxml compiles a string expression on every ``el.xpath(str)`` call, which costs more than running
it on one post; everything here goes through :func:`xp`, compiled once per process.  Page-wide
lookups are written ``/descendant::h1[…]``: libxml2 evaluates ``//h1[…]`` by first collecting
every node of the page, which costs a third more.  ``/descendant::div[…][1]`` still collects
every div of the page (only a step without predicates stops at its first match), but tests its
predicates only up to the first match, where ``(/descendant::div[…])[1]`` tests them on every div;
:func:`first_classed` stops at the first match.  A page-wide lookup of any element by a class
substring reads the class attributes first, ``//@class[contains(., 'x')]/parent::*``: libxml2 tests
an attribute node faster than an element's attribute in a predicate (the same elements, in page
order).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from lxml import etree

from ..html import (  # noqa: F401 (per_page, xpath, SESSION_HINT: for the engines)
    SESSION_HINT,
    Document,
    next_topic,
    norm_space,
    per_page,
    text_of,
    without_session,
    xp,
    xpath,
)
from ..pagenames import names

# -- XPath ------------------------------------------------------------------------------------


def first(el: Any, *paths: str, **variables: Any) -> Any | None:
    """The first node that the first matching XPath finds (``variables``: their ``$name`` values,
    so that a post's own id does not make a new expression to compile for every post)."""
    for path in paths:
        found = xp(path)(el, **variables)
        if found:
            return found[0]
    return None


def inside(node: Any | None, *paths: str) -> Any | None:
    """``first`` under a node that may be missing."""
    return first(node, *paths) if node is not None else None


def inside_first(path: str, *nodes: Any | None) -> Any | None:
    """The first match of ``path`` under the first of ``nodes`` (missing ones skipped) that has
    one: the lookups stop there (``present(inside(a, p), inside(b, p))`` runs them all)."""
    for node in nodes:
        if node is not None:
            found = xp(path)(node)
            if found:
                return found[0]
    return None


def under_each(nodes: list[Any], path: str) -> list[Any]:
    """The matches of ``path`` under each of ``nodes`` in turn: the lookups of a page's navigation
    bars, found once, instead of a page-wide walk that finds the bars again for each lookup."""
    return [found for node in nodes for found in xp(path)(node)]


def head(nodes: list[Any]) -> Any | None:
    """The first of a list of nodes, or None."""
    return nodes[0] if nodes else None


def present(*nodes: Any) -> Any | None:
    """The first node that is not None (an element with no children is falsy, so ``or`` is wrong)."""
    return next((n for n in nodes if n is not None), None)


def has_class(name: str) -> str:
    """An XPath predicate: the element's class list contains ``name``."""
    # The plain contains() first: it is cheap and rules out almost every element.
    return f"contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def marked(doc: Document, *markers: str) -> bool:
    """Whether a class name or id of the page contains one of ``markers``: a lookup of the page's
    names (:func:`names`) is far cheaper than an XPath walk, so a lookup whose class name or id
    is absent from the page can be skipped."""
    found = names(doc)
    return any(found.containing(marker) for marker in markers)


def query(doc: Document, needle: str, path: str) -> list[Any]:
    """``path`` over the page, skipped when the page source lacks ``needle`` (markup such as
    ``rel="next"``; for a class name or id, :func:`lookup` is cheaper)."""
    return xp(path)(doc.root) if needle in doc.text else []


def lookup(doc: Document, marker: str, path: str) -> list[Any]:
    """``path`` over the page, skipped when no class name or id of the page contains ``marker``."""
    return xp(path)(doc.root) if names(doc).containing(marker) else []


def first_marked(doc: Document, *pairs: tuple[str, str]) -> Any | None:
    """``first`` over the page for ``(marker, xpath)`` pairs, each XPath tried only when a class
    name or id of the page contains its marker (the class or id it looks for)."""
    for marker, path in pairs:
        found = lookup(doc, marker, path)
        if found:
            return found[0]
    return None


def first_classed(root: Any, tag: str, name: str) -> Any | None:
    """The first ``<tag>`` in page order whose class list holds ``name``.

    lxml's tag iterator stops at it, where libxml2 collects every ``<tag>`` of the page for
    ``/descendant::tag[…][1]`` (only a step without predicates stops at its first match): a
    breadcrumb bar or a page navigation near the top costs 0.02 ms instead of 0.3 ms on a XenForo
    page.
    """
    for el in root.iter(tag):
        value = el.get("class")
        if value and name in value.split():
            return el
    return None


def is_inside(item: Any, node: Any) -> bool:
    """Whether ``item`` is ``node`` or one of its descendants."""
    while item is not None:
        if item is node:
            return True
        item = item.getparent()
    return False


@lru_cache(maxsize=64)
def _with_attributes(attrs: tuple[str, ...]) -> etree.XPath:
    return xp("descendant-or-self::*[" + " or ".join(f"@{a}" for a in ("class", *attrs)) + "]")


class Classes:
    """The elements under one post by class name (and by the value of a few ``attrs``), collected
    in one pass: a post asks a dozen lookups, and one walk over it costs less than a dozen XPath
    class tests."""

    __slots__ = ("_by_name", "_nodes", "_only")

    def __init__(self, el: Any, attrs: tuple[str, ...] = (), only: frozenset[str] | None = None) -> None:
        """``only``: the class names the engine asks for, the only ones indexed (a post's elements
        carry some 250 names, an engine asks for 20: 5.9 -> 3.9 M instructions a XenForo page);
        asking for another raises KeyError."""
        by_name: dict[str, list[Any]] = {} if only is None else {name: [] for name in only}
        # The XPath filter runs in C: only elements with one of the attributes become Python objects.
        nodes = _with_attributes(attrs)(el)
        for node in nodes:
            value = node.get("class")
            if value:
                # A set intersection in C instead of a Python step for every name of the element.
                for name in (value.split() if only is None else only.intersection(value.split())):
                    found = by_name.get(name)
                    if found is None:
                        by_name[name] = [node]
                    else:
                        found.append(node)
        for attr in attrs:
            for node in nodes:
                value = node.get(attr)
                if value:
                    by_name.setdefault(f"{attr}={value}", []).append(node)
        self._by_name = by_name
        self._nodes = nodes
        self._only = only

    def _with(self, name: str) -> list[Any] | tuple[()]:
        found = self._by_name.get(name)
        if found is None:
            if self._only is not None and "=" not in name:
                raise KeyError(f"class name {name!r} is not among those indexed")
            return ()
        return found

    def first(self, *names: str, tag: str | None = None) -> Any | None:
        """The first element (in page order) with the first of ``names`` that occurs."""
        for name in names:
            for node in self._with(name):
                if tag is None or node.tag == tag:
                    return node
        return None

    def all(self, name: str) -> list[Any]:
        return self._with(name) or []

    def earliest(self, *names: str) -> Any | None:
        """The first element in page order that has one of ``names`` (as a selector group
        ``.a, .b, [attr=value]`` finds it)."""
        found = [nodes for nodes in (self._with(name) for name in names) if nodes]
        if len(found) <= 1:
            return found[0][0] if found else None
        candidates = {node for nodes in found for node in nodes}
        return next(node for node in self._nodes if node in candidates)

    def attr(self, attr: str, value: str) -> Any | None:
        """The first element whose ``attr`` (one of those indexed) equals ``value``."""
        found = self._by_name.get(f"{attr}={value}")
        return found[0] if found else None


# -- text -------------------------------------------------------------------------------------


def text(el: Any, *paths: str) -> str:
    """The block-aware text of the first node the XPaths find ("" when none)."""
    node = first(el, *paths)
    if node is None:
        return ""
    # text_of, not text_content(): buttons and scripts inside a name or a heading are not text.
    return norm_space(node if isinstance(node, str) else text_of(node))


def first_text(el: Any, paths: Iterable[str]) -> tuple[str, Any] | tuple[None, None]:
    """The first non-empty text (and its node) found by the XPaths, tried in order."""
    for path in paths:
        for node in xp(path)(el):
            found = norm_space(node if isinstance(node, str) else node.text_content())
            if found:
                return found, node
    return None, None


_COUNT = re.compile(r"(\d[\d,.\u00a0 ]*)\s*(?:([kKmM])(?![^\W\d_]))?")
_DIGITS = re.compile(r"\d+")


def count(value: str | None) -> int | None:
    """A displayed count: ``1,234``, ``1.234``, ``12K``, ``1.2k``, ``5 replies``."""
    if not value:
        return None
    match = _COUNT.search(value)
    if not match:
        return None
    number, suffix = match[1].strip(), match[2]
    if suffix:
        try:
            scaled = float(number.replace(",", "."))
        except ValueError:
            return None
        return int(scaled * (1000 if suffix in "kK" else 1_000_000))
    number = re.sub(r"\D", "", number)
    return int(number) if number else None


def digits(value: str | None) -> str | None:
    """The first run of digits in ``value`` (an id in ``post_123``), as text."""
    match = _DIGITS.search(value) if value else None
    return match.group(0) if match else None


# -- links ------------------------------------------------------------------------------------

def link(doc: Document, href: str | None) -> str | None:
    """``href`` made absolute against the page, without session ids."""
    return without_session(doc.absolute(href))


def head_link(doc: Document, rel: str) -> str | None:
    """The absolute URL of ``<link rel=…>``: looked for in the head (``//link`` walks the whole
    page), and elsewhere only when the source has one (a page saved with its head in the body)."""
    found = xp(f"/html/head/link[@rel='{rel}']/@href")(doc.root)
    if not found and (f'rel="{rel}"' in doc.text or f"rel='{rel}'" in doc.text):
        found = xp(f"/descendant::link[@rel='{rel}'][1]/@href")(doc.root)
    if found and rel == "next" and next_topic(found[0]):
        return None
    if found and rel == "canonical" and not found[0].startswith(("http:", "https:", "/")):
        # A mirror's copy (wget -k) points it at the saved file ("thread.html"); og:url keeps the address.
        shown = first(doc.root, _OG_URL)
        if shown and shown.startswith(("http:", "https:")):
            return shown
    return doc.absolute(found[0]) if found else None


def canonical_url(doc: Document) -> str | None:
    return head_link(doc, "canonical") or doc.absolute(first(doc.root, _OG_URL))


_OG_URL = "/html/head/meta[@property='og:url']/@content"


def next_url(doc: Document, extra_xpath: str = "", **variables: Any) -> str | None:
    """The next page of the thread, session-free: ``<link rel=next>``, ``<a rel=next>``, else the
    engine's own "next" link (``extra_xpath``, with its ``$name`` values)."""
    found = head_link(doc, "next")
    if found:
        return without_session(found)
    for path in ("/descendant::a[@rel='next'][1]/@href", extra_xpath):
        if path:
            hrefs = xp(path)(doc.root, **variables)
            if hrefs and not next_topic(hrefs[0]):
                return link(doc, hrefs[0])
    return None


def breadcrumbs(doc: Document, path: str) -> list[str]:
    """The texts of the breadcrumb nodes, each once in a row."""
    crumbs: list[str] = []
    for node in xp(path)(doc.root):
        found = norm_space(node if isinstance(node, str) else node.text_content())
        if found and (not crumbs or crumbs[-1] != found):
            crumbs.append(found)
    return crumbs


def filename_of(url: str | None) -> str | None:
    """The last path segment of a URL (an attachment's file name when the page shows none)."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1] or None
