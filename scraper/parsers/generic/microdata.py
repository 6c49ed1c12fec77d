"""schema.org microdata: the elements typed as posts, and the properties of one item."""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..html import Document

_POST_TYPES = ("DiscussionForumPosting", "Comment", "Answer", "Question", "SocialMediaPosting", "Reply")
ITEM_POSTS = etree.XPath(
    "//@itemtype[" + " or ".join(f"contains(., '/{t}')" for t in _POST_TYPES) + "]/parent::*[@itemscope]"
)


def marked_items(doc: Document) -> list[Any]:
    """Elements typed as posts in microdata."""
    return [el for el in ITEM_POSTS(doc.root) if item_type(el) in _POST_TYPES]


def lead_item(members: list[Any]) -> Any | None:
    """The post item around the first member when that is not an item itself and no other such
    member shares it: an opening post whose schema.org author and date sit in a wrapper, beside
    a thread header that names the last poster."""
    if members[0].get("itemscope") is not None:
        return None
    item = _nearest_post_item(members[0])
    if item is None or any(m.get("itemscope") is None and _nearest_post_item(m) is item for m in members[1:]):
        return None
    return item


def _nearest_post_item(el: Any) -> Any | None:
    return next((a for a in el.iterancestors()
                 if a.get("itemscope") is not None and item_type(a) in _POST_TYPES), None)


def item_type(el: Any) -> str:
    return (el.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1]


# The parsed page, not its source: the parser lowercases attribute names (ITEMPROP=, itemProp=).
HAS_ITEMPROP = etree.XPath("boolean(//@itemprop)")
_WITH_ITEMPROP = etree.XPath("descendant-or-self::*/@itemprop/..")  # the attribute test is the fast one


def itemprop(block: Any, *names: str) -> Any | None:
    """The first element of the block's own item with one of these itemprops."""
    for el in _WITH_ITEMPROP(block):
        if el.get("itemprop") in names and _own_item(el, block):
            return el
    return None


def _own_item(el: Any, block: Any) -> bool:
    """Whether an itemprop belongs to the block's item, not to an item nested in it."""
    for parent in el.iterancestors():
        if parent is block:
            return True
        if parent.get("itemscope") is not None:
            return False
    return True
