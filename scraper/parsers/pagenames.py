"""The page's names: every class name, id and ``name`` value, read once per document.

The forum engines' detection and the article/forum decision ask a page many questions of the
form "could an XPath test on a class, id or name match here?"; the names answer them without a
walk of the page each.  (A module of its own: engines and articles both read it, and the engine
registry imports the article parser.)
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .html import Document, per_page

# Three queries: a union (``|``) costs more, as libxml2 sorts the merged nodes into page order.
_NAME_VALUES = tuple(etree.XPath(f"//@{attr}", smart_strings=False) for attr in ("class", "id", "name"))


class Names:
    """Every class name, id and ``name`` value of a page (split at spaces), read in one pass.

    Detection asks each page whether it is each engine's; a substring test of the page source
    scans ~170 KB each time, and a page that is no engine's gets some fifty of them.  Each
    engine's markup needs a few class names or ids, so these questions, asked first, turn most
    pages away at the cost of one walk.  Values are as parsed (character references resolved), so
    an absent name proves that no XPath test on ``@class``, ``@id`` or ``@name`` can match.
    """

    __slots__ = ("_set", "_joined", "_lowered", "ids", "name_values")

    def __init__(self, root: Any) -> None:
        classes, ids, names = (values(root) for values in _NAME_VALUES)  # lists of strings
        # Whole values, for tests of a value's form ("p123", "12"): ids, and names such as anchors.
        self.ids: list[str] = ids
        self.name_values: list[str] = names
        # Pages repeat their class values (every post has the same few): each distinct value is
        # split once (0.16 -> 0.09 ms/page on the forum corpus).
        self._set = frozenset(" ".join({*classes, *ids, *names}).split())
        self._joined = f" {' '.join(self._set)} "
        self._lowered: str | None = None

    def has(self, *names: str) -> bool:
        """Whether one of ``names`` is a whole class name, id or name."""
        return any(name in self._set for name in names)

    def containing(self, part: str) -> bool:
        """Whether a name contains ``part`` (no spaces): ``contains(@class, part)`` may match."""
        return part in self._joined

    def containing_any_case(self, part: str) -> bool:
        """Whether a name contains ``part`` (lower case) in any case: "Sidebar", "sideBar"."""
        if self._lowered is None:
            self._lowered = self._joined.lower()
        return part in self._lowered

    def starting(self, prefix: str) -> bool:
        """Whether a name starts with ``prefix``: ``starts-with(@id, prefix)`` may match."""
        return f" {prefix}" in self._joined

    def matching(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` (anchored with spaces: ``" p\\d+ "``) finds a whole name."""
        return pattern.search(self._joined) is not None


@per_page
def names(doc: Document) -> Names:
    """The page's :class:`Names`, read once per document."""
    return Names(doc.root)
