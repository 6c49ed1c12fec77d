"""trafilatura's own work on an article, done faster with the same result.

Python equivalents of its page-wide XPaths (the pruning ones and the main-content candidates),
which test every element of a page with EXSLT regular expressions: each ``re:test`` is a call from
libxml2 back into Python, and those walks were a third of trafilatura's time on an article.  A test
of the same attributes in Python finds the same elements, in the same order, several times faster.

Each equivalent is installed only where trafilatura's expression still has the shape it was
written for (its regular expressions are read from the expression itself); an expression that
has changed keeps running as trafilatura wrote it.  ``lxml``'s EXSLT ``re:test`` is Python's
``re.search`` (with ``re.I`` for the "i" flag), and the string of a node-set is its first node in
document order: for two attributes of one element, the one written first.

And its link resolution, cached.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any, Callable

from lxml import etree

_ELEMENT = etree.Element  # ``iterdescendants(_ELEMENT)``: elements only, as ``.//*``


def _first(el: Any, a: str, b: str) -> str:
    """``string(@a|@b)``: the value of whichever of the two attributes comes first, or ''."""
    value_a, value_b = el.get(a), el.get(b)
    if value_a is None or value_b is None:
        return value_a or value_b or ""
    return value_a if el.keys().index(a) < el.keys().index(b) else value_b


def _search(pattern: str, flags: str = "") -> Callable[[str], Any]:
    return re.compile(pattern, re.I if "i" in flags else 0).search


def _outside_quotes(path: str) -> str:
    """The expression with the white space between its tokens made single spaces (none just
    inside brackets), the text of its string literals untouched."""
    parts = path.split("'")
    for i in range(0, len(parts), 2):
        part = re.sub(r"\s+", " ", parts[i])
        parts[i] = re.sub(r"\s*([\[\]()])\s*", r"\1", part)
    return "'".join(parts).strip()


def _literals(path: str, template: str) -> list[str] | None:
    """The string literals of ``path`` that stand for ``RX`` (a regex) or ``STR`` (a plain
    string) in ``template``, when ``path`` has that shape; None when it has not, or when one of
    the regexes matches an empty string (the equivalents take an absent attribute for a
    non-match without testing it)."""
    shape = re.escape(_outside_quotes(template))
    kinds = re.findall(r"RX|STR", shape)
    match = re.fullmatch(re.sub(r"RX|STR", "([^']*)", shape), _outside_quotes(path))
    if match is None:
        return None
    try:
        if any(kind == "RX" and re.search(value, "") for kind, value in zip(kinds, match.groups())):
            return None
    except re.error:
        return None
    return list(match.groups())


# -- the equivalents: each takes trafilatura's template and the regexes read from its expression --

_RAW_PRUNE = """.//*[self::div or self::section or self::aside][
    re:test(@id, 'RX') or re:test(@class, 'RX')][
    not(.//h1) or re:test(@id, 'RX') or re:test(@class, 'RX')]"""


def _raw_prune(p: list[str]) -> Callable[[Any], list[Any]]:
    id_any, class_any, id_kept, class_kept = (_search(x) for x in p)

    def select(tree: Any) -> list[Any]:
        found = []
        for el in tree.iterdescendants("div", "section", "aside"):
            ident, cls = el.get("id") or "", el.get("class") or ""
            if (id_any(ident) or class_any(cls)) and (
                next(el.iterdescendants("h1"), None) is None or id_kept(ident) or class_kept(cls)
            ):
                found.append(el)
        return found

    return select


_SHARE_BUTTONS = ".//*[self::div or self::section or self::aside][contains(@class, 'STR')]"


def _share_buttons(p: list[str]) -> Callable[[Any], list[Any]]:
    (needle,) = p
    return lambda tree: [
        el for el in tree.iterdescendants("div", "section", "aside") if needle in (el.get("class") or "")
    ]


_COMMENTS_AND_LISTS = """.//*[self::div or self::list or self::section or self::details or self::ol or self::ul][
    re:test(@id, 'RX') or re:test(@class, 'RX')][
    not(self::ol or self::ul) or re:test(@id, 'RX') or re:test(@class, 'RX')]"""


def _comments_and_lists(p: list[str]) -> Callable[[Any], list[Any]]:
    id_any, class_any, id_list, class_list = (_search(x) for x in p)

    def select(tree: Any) -> list[Any]:
        found = []
        for el in tree.iterdescendants("div", "list", "section", "details", "ol", "ul"):
            ident, cls = el.get("id") or "", el.get("class") or ""
            if (id_any(ident) or class_any(cls)) and (
                el.tag not in ("ol", "ul") or id_list(ident) or class_list(cls)
            ):
                found.append(el)
        return found

    return select


_BOILERPLATE = """.//*[self::div or self::item or self::list or self::p or self::section or self::span][
    @data-lp-replacement-content or
    contains(translate(@role, 'N', 'n'), 'nav') or
    contains(@data-component, 'MostPopularStories') or
    re:test(@id|@class, 'RX') or
    re:test(@id, 'RX') or
    re:test(@class, 'RX')]"""


def _boilerplate(p: list[str]) -> Callable[[Any], list[Any]]:
    first_any, id_any, class_any = (_search(x) for x in p)

    def select(tree: Any) -> list[Any]:
        found = []
        for el in tree.iterdescendants("div", "item", "list", "p", "section", "span"):
            ident, cls = el.get("id"), el.get("class")
            if (
                (ident is not None and id_any(ident))
                or (cls is not None and class_any(cls))
                or el.get("data-lp-replacement-content") is not None
                or "nav" in (el.get("role") or "").replace("N", "n")
                or "MostPopularStories" in (el.get("data-component") or "")
                or ((ident is not None or cls is not None) and first_any(_first(el, "id", "class")))
            ):
                found.append(el)
        return found

    return select


_HIDDEN = """.//*[@class='comments-title' or
    starts-with(@id|@class, 'reply-') or
    re:test(@id|@style, 'RX') or
    contains(@style, 'display:none') or contains(@style, 'display: none') or
    re:test(@id, 'RX') or
    re:test(@class, 'RX') or @aria-hidden='true']"""


def _hidden(p: list[str]) -> Callable[[Any], list[Any]]:
    id_or_style, id_any, class_any = (_search(x) for x in p)

    def select(tree: Any) -> list[Any]:
        found = []
        for el in tree.iterdescendants(_ELEMENT):
            ident, cls, style = el.get("id"), el.get("class"), el.get("style")
            if (
                (cls is not None and (cls == "comments-title" or class_any(cls)))
                or (ident is not None and id_any(ident))
                or (style is not None and ("display:none" in style or "display: none" in style))
                or ((ident is not None or cls is not None) and _first(el, "id", "class").startswith("reply-"))
                or ((ident is not None or style is not None) and id_or_style(_first(el, "id", "style")))
                or el.get("aria-hidden") == "true"
            ):
                found.append(el)
        return found

    return select


_BASIC_CLEAN = (
    ".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script|.//style|.//svg|"
    ".//template|.//*[re:test(@class, 'RX', 'i') or re:test(@id, 'RX', 'i')]"
)
_BASIC_CLEAN_TAGS = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))


def _basic_clean(p: list[str]) -> Callable[[Any], list[Any]]:
    class_any, id_any = _search(p[0], "i"), _search(p[1], "i")

    def select(tree: Any) -> list[Any]:
        found = []
        for el in tree.iterdescendants(_ELEMENT):
            ident, cls = el.get("id"), el.get("class")
            if (
                el.tag in _BASIC_CLEAN_TAGS
                or (cls is not None and class_any(cls))
                or (ident is not None and id_any(ident))
                or (el.tag == "div" and "footer" in _first(el, "class", "id"))
            ):
                found.append(el)
        return found

    return select


_TEASER = """.//*[self::div or self::item or self::list or self::p or self::section or self::span][
    contains(translate(@id, 'T', 't'), 'STR') or contains(translate(@class, 'T', 't'), 'STR')]"""
_CAPTION = """.//*[self::div or self::item or self::list or self::p or self::section or self::span][
    contains(@id, 'STR') or contains(@class, 'STR')]"""


def _teaser(p: list[str]) -> Callable[[Any], list[Any]]:
    in_id, in_class = p
    return lambda tree: [
        el for el in tree.iterdescendants("div", "item", "list", "p", "section", "span")
        if in_id in (el.get("id") or "").replace("T", "t") or in_class in (el.get("class") or "").replace("T", "t")
    ]


def _caption(p: list[str]) -> Callable[[Any], list[Any]]:
    in_id, in_class = p
    return lambda tree: [
        el for el in tree.iterdescendants("div", "item", "list", "p", "section", "span")
        if in_id in (el.get("id") or "") or in_class in (el.get("class") or "")
    ]


# The main-content candidates, tried in turn (trafilatura takes the first element found).
_CONTENT_TAGS = ("article", "div", "main", "section")
_ARTICLE_BODY = """.//*[self::article or self::div or self::main or self::section][
    @class='post' or @class='entry' or @itemprop='articleBody' or @id='articleContent' or
    re:test(@id, 'RX') or re:test(@class, 'RX')][1]"""


def _article_body(p: list[str]) -> Callable[[Any], list[Any]]:
    id_any, class_any = _search(p[0]), _search(p[1])

    def select(tree: Any) -> list[Any]:
        """``[1]`` of a step: the first such element among its siblings, for every parent."""
        found, parents = [], set()
        for el in tree.iterdescendants(*_CONTENT_TAGS):
            ident, cls = el.get("id"), el.get("class")
            if (
                cls == "post" or cls == "entry" or ident == "articleContent" or el.get("itemprop") == "articleBody"
                or (ident is not None and id_any(ident)) or (cls is not None and class_any(cls))
            ):
                parent = el.getparent()
                if parent not in parents:
                    parents.add(parent)
                    found.append(el)
        return found

    return select


_STORY = """(.//*[self::article or self::div or self::main or self::section][
    @role='article' or @id='article' or @id='story' or @class='postarea' or @class='art-postcontent' or
    @class='text' or @class='cell' or @class='story' or
    re:test(@id, 'RX') or re:test(@class, 'RX', 'i') or re:test(@class, 'RX')])[1]"""
_STORY_IDS = frozenset(("article", "story"))
_STORY_CLASSES = frozenset(("postarea", "art-postcontent", "text", "cell", "story"))


def _story(p: list[str]) -> Callable[[Any], list[Any]]:
    id_any, class_any_case, class_any = _search(p[0]), _search(p[1], "i"), _search(p[2])

    def select(tree: Any) -> list[Any]:
        for el in tree.iterdescendants(*_CONTENT_TAGS):
            ident, cls = el.get("id"), el.get("class")
            if (
                el.get("role") == "article" or ident in _STORY_IDS or cls in _STORY_CLASSES
                or (ident is not None and id_any(ident))
                or (cls is not None and (class_any_case(cls) or class_any(cls)))
            ):
                return [el]
        return []

    return select


_MAIN_CONTENT = """(.//*[self::article or self::div or self::main or self::section][
    @id='content' or @class='content' or re:test(@id, 'RX') or re:test(@class, 'RX') or
    contains(translate(@id, 'CM','cm'), 'STR') or contains(translate(@class, 'CM','cm'), 'STR') or
    contains(translate(@class, 'CP','cp'), 'STR')])[1]"""


def _main_content(p: list[str]) -> Callable[[Any], list[Any]]:
    id_any, class_any = _search(p[0]), _search(p[1])
    in_id, in_class, in_class_p = p[2:]

    def select(tree: Any) -> list[Any]:
        for el in tree.iterdescendants(*_CONTENT_TAGS):
            ident, cls = el.get("id") or "", el.get("class") or ""
            if (
                ident == "content" or cls == "content" or id_any(ident) or class_any(cls)
                or in_id in ident.replace("C", "c").replace("M", "m")
                or in_class in cls.replace("C", "c").replace("M", "m")
                or in_class_p in cls.replace("C", "c").replace("P", "p")
            ):
                return [el]
        return []

    return select


def _equivalent(xpath: Any, template: str, make: Callable[[list[str]], Callable[[Any], list[Any]]]) -> Any:
    """``make``'s selector for ``xpath`` when the expression has the template's shape, else
    ``xpath`` itself."""
    path = getattr(xpath, "path", None)
    found = _literals(path, template) if isinstance(path, str) else None
    if found is None:
        return xpath
    selector = make(found)
    REPLACED.append((xpath, selector))
    return selector


# (trafilatura's expression, its equivalent) for each one replaced: for the tests.
REPLACED: list[tuple[Any, Callable[[Any], list[Any]]]] = []
_installed = False


def install() -> None:
    """Put the equivalents in place of trafilatura's expressions (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    # ``trafilatura.baseline`` is also the name of a function the package exports.
    baseline = importlib.import_module("trafilatura.baseline")
    xpaths = importlib.import_module("trafilatura.xpaths")

    for expressions, makers in (
        (xpaths.RAW_TREE_PRUNE_XPATH, ((_RAW_PRUNE, _raw_prune), (_SHARE_BUTTONS, _share_buttons))),
        (xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH, ((_COMMENTS_AND_LISTS, _comments_and_lists),)),
        (xpaths.OVERALL_DISCARD_XPATH, ((_BOILERPLATE, _boilerplate), (_HIDDEN, _hidden))),
        (xpaths.TEASER_DISCARD_XPATH, ((_TEASER, _teaser),)),
        (xpaths.DISCARD_IMAGE_ELEMENTS, ((_CAPTION, _caption),)),
    ):
        # The lists are shared with the modules that import them: replaced in place.
        if len(expressions) == len(makers):
            for i, (template, make) in enumerate(makers):
                expressions[i] = _equivalent(expressions[i], template, make)
    # The main-content candidates: the cheap ones stay XPaths.
    body = xpaths.BODY_XPATH
    if len(body) == 5:
        for i, template, make in ((0, _ARTICLE_BODY, _article_body), (2, _STORY, _story), (3, _MAIN_CONTENT, _main_content)):
            body[i] = _equivalent(body[i], template, make)
    baseline.BASIC_CLEAN_XPATH = _equivalent(baseline.BASIC_CLEAN_XPATH, _BASIC_CLEAN, _basic_clean)
    # Every link of the page is made absolute (urllib's parsing, ~12 µs a link), and the fast and
    # full runs, the recall retry and a page's repeated links resolve the same ones again: a
    # third of them are repeats.  The function is pure (it returns "" for a malformed URL).
    processing = importlib.import_module("trafilatura.htmlprocessing")
    if not hasattr(processing.safe_relative_url, "cache_info"):
        processing.safe_relative_url = lru_cache(maxsize=4096)(processing.safe_relative_url)
