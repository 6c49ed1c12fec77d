"""Finding the posts of a page no engine names: the set of elements that share a tag and class
signature, each holding a date-like text and an author cue next to substantial text.  Every
element of the body is analysed once (``best_group``); the sets are then scored as a whole."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from lxml import etree

from ..html import Document, norm_space, per_page
from ..pagenames import names
from .cues import (FRAME, HEADINGS, JOINED, AnyCase, date_like, hidden_by_style, markup_cues,
                   post_id_attr)
from .facts import is_quote
from .microdata import ITEM_POSTS

# Never post text.  (Not DROP_TAGS: ASP.NET pages wrap the whole page in one <form>.)
_NEVER_TEXT = frozenset(("script", "style", "template", "svg", "iframe", "object", "embed", "select",
                         "textarea", "button", "head"))


class Stats:
    """Per-element facts: its subtree's text length, dates and author cues (and whether it is a
    date itself), page position, and the tag and class key of its signature (and the pattern of
    its numbered id when the class gave the key)."""

    __slots__ = ("dates", "tree_text", "tree_links", "tree_dates", "tree_authors", "position", "tag", "key",
                 "id_key")

    def __init__(self, position: int, tag: str, dates: int, authors: int, key: str, id_key: str) -> None:
        self.tree_text = self.tree_links = 0
        self.dates = self.tree_dates = dates
        self.tree_authors = authors
        self.position = position
        self.tag = tag
        self.key = key
        self.id_key = id_key


# A script's templates (Askbot's hidden "js-templates" post, dated the moment the page was made).
# (libxml2 tests an attribute node faster than an element's attribute in a predicate.)
_STYLED_NONE = etree.XPath("descendant::*/@style[contains(., 'none')]/..")
_TEXT_PIECES = etree.XPath("descendant::text()[normalize-space()]")  # blank ones add no words


def _own_texts(root: Any, owners: Any) -> dict[Any, str]:
    """The normalised own text (as ``own_text`` joins it) of each element of ``owners`` that has
    one under ``root``: its non-blank pieces are found in C, so elements without text cost nothing."""
    by_owner: dict[Any, list[str]] = {}
    for piece in _TEXT_PIECES(root):
        owner = piece.getparent()
        if piece.is_tail:
            owner = owner.getparent()
        if owner in owners:
            by_owner.setdefault(owner, []).append(piece)
    return {el: " ".join(" ".join(parts).split()) for el, parts in by_owner.items()}


def _analysed_elements(body: Any) -> list[Any]:
    """The body and its elements outside never-text and hidden ones, in page order."""
    hidden: set[Any] = set()
    hidden_styled = [el for el in _STYLED_NONE(body) if hidden_by_style(el)]
    for el in (*body.iter(*_NEVER_TEXT), *hidden_styled):
        if el not in hidden:
            hidden.update(el.iter())
    elements = list(body.iter(etree.Element))
    return [el for el in elements if el not in hidden] if hidden else elements


def _analyse(body: Any) -> dict[Any, Stats]:
    """Facts for every element of the page body, subtree totals included.  The totals are summed
    from the last element up, so that each is complete before it is added to its parent."""
    elements = _analysed_elements(body)
    stats = {}
    for i, el in enumerate(elements):
        tag = el.tag
        stats[el] = Stats(i, tag, *markup_cues(tag, tuple(el.items())))
    for el, own in _own_texts(body, stats).items():
        s = stats[el]
        s.tree_text = len(own)
        # A member's join date or last visit ("Registered: 2005-03-17") beside each post is no
        # post date: a set of profile boxes would count it as one.
        if not s.dates and date_like(own) and not JOINED.found_in(own):
            s.dates = s.tree_dates = 1
    for el in reversed(elements[1:]):  # elements[0] is the body
        s, p = stats[el], stats[el.getparent()]
        if s.tag == "a":
            s.tree_links = s.tree_text
        # A post's <header>/<footer> holds its author and date: count them, not their text.
        if s.tag not in FRAME:
            p.tree_text += s.tree_text
            p.tree_links += s.tree_links
        if not p.dates:  # a date's parts ("<time><span>June 14, 2024</span><span>1 yr</span>") are that date
            p.tree_dates += s.tree_dates
        p.tree_authors += s.tree_authors
    return stats


def _signature(el: Any, stats: dict[Any, Stats]) -> tuple:
    """What makes two elements 'the same kind of block'.  Classless elements also need their
    parent's kind, or every bare ``<div>`` of the page would be one set."""
    s = stats[el]
    if s.key:
        return (s.tag, s.key)
    parent = el.getparent()
    p = stats[parent]
    return (s.tag, "", p.tag, p.key, 0 if p.key else id(parent))


class Group:
    """Elements of one signature; ``parts[i]`` is the post of member ``i`` (the member, plus the
    sibling rows that carry its text in table layouts), ``own[i]`` its (text, dates, authors)."""

    __slots__ = ("members", "parts", "nested", "own", "score", "posts", "dates_only")

    def __init__(self, members: list[Any]) -> None:
        self.members = members
        self.parts: list[list[Any]] = [[m] for m in members]
        self.nested: list[list[Any]] = [[] for _ in members]
        self.own: list[tuple[int, int, int]] = []
        self.score = 0.0
        self.posts = 0  # members with an author, a date and some text
        self.dates_only = False  # found without names or post ids: too weak to call a page a forum

    def without(self, members: set[Any]) -> Group:
        """The set less some of its members (not scored again: it is read, not compared)."""
        kept = [i for i, m in enumerate(self.members) if m not in members]
        group = Group([self.members[i] for i in kept])
        group.parts = [self.parts[i] for i in kept]
        group.nested = [self.nested[i] for i in kept]
        group.own = [self.own[i] for i in kept]
        return group


def _own_stats(parts: list[Any], nested: list[Any], stats: dict[Any, Stats]) -> tuple[int, int, int]:
    text = d = a = 0
    for el in parts:
        s = stats[el]
        text, d, a = text + s.tree_text, d + s.tree_dates, a + s.tree_authors
    for inner in nested:
        n = stats[inner]
        text, d, a = text - n.tree_text, d - n.tree_dates, a - n.tree_authors
    return text, d, a


def _link_nested(group: Group) -> None:
    index = {id(m): i for i, m in enumerate(group.members)}
    for m in group.members:
        for parent in m.iterancestors():
            if id(parent) in index:
                group.nested[index[id(parent)]].append(m)
                break


def _extend_rows(group: Group, stats: dict[Any, Stats]) -> None:
    """Table layouts put a post's header and its text in sibling rows (``<tr>`` after ``<tr>``),
    bbPress a dated header before the post's author and words: when the members with an author
    (or a post id) and a date are siblings whose following siblings hold most of the text, each
    post is such a member and the siblings up to the next one."""
    anchors = [m for m, (t, d, a) in zip(group.members, group.own) if d and a]
    parent = anchors[0].getparent() if anchors else None
    if len(anchors) < 2 or parent is None or any(m.getparent() is not parent for m in anchors):
        return
    anchor_set = set(anchors)
    parts: list[list[Any]] = []
    own_text = extra_text = 0
    for m in anchors:
        run = [m]
        own_text += stats[m].tree_text
        # A header that names nobody (its date and post id only) is followed by its author's row.
        named = stats[m].tree_authors > 0
        for sib in m.itersiblings():
            if sib in anchor_set:
                break
            s = stats.get(sib)
            if s is None:
                continue
            if s.tree_authors:
                if named:
                    break
                named = True
            run.append(sib)
            extra_text += s.tree_text
        parts.append(run)
    if extra_text > 1.5 * own_text:
        group.members = anchors
        group.parts = parts
        group.nested = [[] for _ in anchors]
        group.own = [_own_stats(p, [], stats) for p in parts]


def _score(group: Group, stats: dict[Any, Stats], dates_only: bool) -> None:
    _link_nested(group)
    group.own = [_own_stats(p, n, stats) for p, n in zip(group.parts, group.nested)]
    if not any(d and a for _, d, a in group.own):
        # No profile links (a guest's view of some boards): a post id on every block will do;
        # as a last resort, blocks that each carry one date and a paragraph.
        if all(post_id_attr(m) for m in group.members) or (
            dates_only and sum(1 for t, d, _ in group.own if 1 <= d <= 2 and t >= 40) >= 3
        ):
            group.own = [(t, d, max(a, 1)) for t, d, a in group.own]
    _extend_rows(group, stats)
    good = 0
    total = 0.0
    merged = short = 0
    for text, d, a in group.own:
        if d and a and text >= 15:
            good += 1
            total += math.log(1 + text)
            if d > 4:
                merged += 1
            if text < 40:
                short += 1
    group.posts = good
    if good < 1:
        group.score = 0.0
        return
    # Several posts in one block show as many dates; such a set is a wrapper, not the posts.
    group.score = total * (1 - merged / good) if good >= 2 else total * 0.5
    if _split_cells(group.members):
        group.score *= 0.3
    if _mostly_links(group, stats):
        group.score *= 0.1
    if all(is_quote(m.tag, m.get("class") or "") for m in group.members):
        # Quotes with their "X wrote: DATE" headers: a post quoting the thread piece by piece
        # shows more of them than the page has posts.
        group.score *= 0.1
    if short * 2 > good:  # mostly a name and a date each: the posts' header lines, not the posts
        group.score *= 0.5


def _mostly_links(group: Group, stats: dict[Any, Stats]) -> bool:
    """Whether the blocks' words are mostly links: a list of other threads ("Similar threads",
    "Recent discussions", each a title link with its starter and date), not posts."""
    text = sum(t for t, _, _ in group.own)  # as _own_stats counts it: parts less nested replies
    links = sum(stats[el].tree_links for parts in group.parts for el in parts)
    links -= sum(stats[el].tree_links for nested in group.nested for el in nested)
    return links * 2 > text


def _split_cells(members: list[Any]) -> bool:
    """Whether the blocks are the cells or rows of posts rather than posts: a post's user cell and its
    message cell share a class token ("message-cell message-cell--user" / "--main") and a parent,
    while replies that share a parent are alike."""
    by_parent: dict[Any, set[str]] = {}
    for m in members:
        by_parent.setdefault(m.getparent(), set()).add(m.get("class") or "")
    # The rows of posts that carry the post ids (<table class="post" id="post123"><tr>…</tr><tr>…).
    if len(by_parent) > 1 and len(members) >= 2 * len(by_parent) and all(
            p is not None and post_id_attr(p) for p in by_parent):
        return True
    if _rows_of_alike_tables(members):
        return True
    # The same cells under each post; comments nested under a comment differ by their zebra and
    # thread classes ("comment even thread-even depth-1 parent", "comment odd alt depth-2").
    roles = Counter(frozenset(classes) for classes in by_parent.values() if len(classes) > 1)
    shared = roles.most_common(1)[0][1] if roles else 0
    crowded = sum(1 for m in members if len(by_parent[m.getparent()]) > 1)
    return (len(by_parent) > 1 and len(members) <= 5 * len(by_parent)
            and shared * 2 >= len(by_parent) and crowded * 2 >= len(members))


def _rows_of_alike_tables(members: list[Any]) -> bool:
    """Whether the blocks are mostly the two to four rows of each of a set of alike tables, none
    inside a block: a table per post, its rows the header (name, date), the message (profile,
    words) and the buttons (phpBB 3.0's subsilver2), beside the page's other tables of that class.
    Replies nested in a comment are inside a block."""
    blocks = set(members)
    counts = Counter(m.getparent() for m in members)
    # Not the rows of a table inside a block (a quote's).
    rows = {parent: n for parent, n in counts.items()
            if 2 <= n <= 4 and not any(a in blocks for a in parent.iterancestors())}
    if len(rows) < 2 or sum(rows.values()) * 4 < len(members) * 3:
        return False
    tables = [(p.getparent() if p.tag == "tbody" else p) for p in rows]
    return (all(t is not None and t.tag == "table" for t in tables)
            and len({t.get("class") for t in tables}) == 1)


def _blocks_by_signature(body: Any, stats: dict[Any, Stats]) -> dict[tuple, list[Any]]:
    """The elements with text of each signature, in page order.  Elements with a numbered id
    (``id="150881832"``, ``post-12``) are also grouped by its pattern: where class names are
    styling utilities ("relative border rounded-xl"), a post shares its first one with its own
    header and with the page's containers, and only the ids tell the posts apart."""
    by_sig: dict[tuple, list[Any]] = {}
    for el, s in stats.items():
        if el is not body and s.tree_text:
            by_sig.setdefault(_signature(el, stats), []).append(el)
            if s.id_key:
                by_sig.setdefault((s.tag, s.id_key), []).append(el)
    return by_sig


def _candidate_groups(by_sig: dict[tuple, list[Any]], stats: dict[Any, Stats], dates_only: bool) -> list[Group]:
    groups = []
    for members in by_sig.values():
        for el in members:
            s = stats[el]
            if s.tree_dates and s.tree_text >= 15 and (s.tree_authors or dates_only or post_id_attr(el)):
                groups.append(Group(list(members)))
                break
    # Page order, so that of two sets scoring the same the outer one wins, on every run.
    groups.sort(key=lambda g: stats[g.members[0]].position)
    return groups


def looks_like_forum(doc: Document) -> bool:
    """Whether the page shows at least two posts (schema.org posts, or repeated blocks with an
    author and a date): for the article/forum decision made before the generic parser runs."""
    if len(ITEM_POSTS(doc.root)) >= 2:
        return True
    found = best_group(doc)
    if found is None:
        return False
    group, stats = found
    if group.dates_only:
        return False
    texts = sorted(t for t, d, a in group.own if d and a)
    if len(texts) < 2:
        return False
    # A blog post with comments has repeated blocks too, beside one long text of its own.
    return _largest_text_outside(group, stats) < max(1500, 3 * texts[len(texts) // 2], sum(texts) // 2)


def _largest_text_outside(group: Group, stats: dict[Any, Stats]) -> int:
    """The text of the largest element that neither holds nor sits in a post block."""
    holders: set[Any] = set()
    for m in group.members:
        holders.update(m.iterancestors())
    members = set(group.members)
    largest = 0
    for holder in holders:
        for child in holder:
            if child not in holders and child not in members and child in stats and child.tag not in FRAME:
                largest = max(largest, stats[child].tree_text)
    return largest


@per_page
def best_group(doc: Document) -> tuple[Group, dict[Any, Stats]] | None:
    """The best-scoring set of post blocks."""
    best: Group | None = None
    stats: dict[Any, Stats] = {}
    body = doc.body
    if body is not None:
        stats = _analyse(body)
        by_sig = _blocks_by_signature(body, stats)
        best = _best_scored(by_sig, stats, dates_only=False)
        if best is None or best.posts < 2:
            # One block with a name in it may be the page's wrapper, where the posts show their
            # authors in no markup: a set of dated blocks that are nearly all posts wins then.
            dated = _best_scored(by_sig, stats, dates_only=True)
            if dated is not None and (best is None or (
                    dated.posts >= 3 and dated.posts * 2 >= len(dated.members) and dated.score > best.score)):
                best = dated
    return (best, stats) if best is not None else None


def _best_scored(by_sig: dict[tuple, list[Any]], stats: dict[Any, Stats], dates_only: bool) -> Group | None:
    best = None
    for group in _candidate_groups(by_sig, stats, dates_only):
        _score(group, stats, dates_only)
        if group.score > 0 and (best is None or group.score > best.score or _tighter(group, best)):
            best = group
    if best is not None:
        best.dates_only = dates_only
    return best


def _tighter(group: Group, best: Group) -> bool:
    """Whether a set holds the same posts as the best, scored the same, among fewer other blocks:
    prosilver's "inner" box of each post is also the page header's and footer's."""
    return group.score == best.score and group.posts == best.posts and len(group.members) < len(best.members)


def mostly_furniture(body: Any) -> bool:
    """Whether a short body (a thread's header is) has half its words in links, headings,
    breadcrumbs, pagination and list headers.  A long one needs four fifths: a post may be a list
    of links, but a header with the thread's tags, tools and a list of its chapters is nearly all
    links (XenForo 1's "threadmarks")."""
    total = len(norm_space(body.text_content()))
    furniture = 0
    counted: set[Any] = set()
    for el in body.iter(etree.Element):  # the body itself may be a link ("in <a>Board</a>")
        if el.tag == "a" or el.tag in HEADINGS or _furniture_name(el.get("class") or ""):
            if not any(a in counted for a in el.iterancestors()):
                furniture += len(norm_space(el.text_content()))
                counted.add(el)
    return furniture * 2 >= total if total < 500 else furniture * 5 >= total * 4


def sidebar_members(doc: Document, group: Group) -> set[Any]:
    """The members in a sidebar ("right_col": boards style its boxes as posts), when posts stand
    outside it (a theme may name its main column so)."""
    page_names = names(doc)  # the page's class names and ids: most have no sidebar
    if not any(page_names.containing_any_case(part) for part in _SIDEBAR_PARTS):
        return set()
    under: dict[Any, bool] = {}  # whether an element is in a sidebar: members share their ancestors

    def in_sidebar(el: Any) -> bool:
        chain = []
        for a in el.iterancestors():
            if a in under:
                found = under[a]
                break
            chain.append(a)
        else:
            found = False
        for a in reversed(chain):
            found = found or _sidebar_name(a.get("class") or "") or _sidebar_name(a.get("id") or "")
            under[a] = found
        return found

    inside = {m for m in group.members if in_sidebar(m)}
    posts_outside = any(d and a and text >= 15
                        for m, (text, d, a) in zip(group.members, group.own) if m not in inside)
    return inside if posts_outside else set()


@lru_cache(maxsize=1024)
def _sidebar_name(name: str) -> bool:
    return bool(name) and _SIDEBAR.found_in(name)


# A sidebar, or a box of other threads ("similar-threads", Vanilla's "RecentActivityModule").
_SIDEBAR = AnyCase(r"(?:^|[-_\s])(?:sidebar|side-bar|right_?col|left_?col)(?:$|[-_\s])|"
                   r"(?:similar|related|suggested|recent)[-_]?(?:threads?|topics?|discussions?|activity)")
_SIDEBAR_PARTS = ("sidebar", "side-bar", "right_col", "rightcol", "left_col", "leftcol", "similar", "related",
                  "suggested", "recent")


@lru_cache(maxsize=1024)
def _furniture_name(cls: str) -> bool:
    return bool(cls) and _FURNITURE_CLASS.found_in(cls)


_FURNITURE_CLASS = AnyCase(r"breadcrumb|paginat|pager|(?:^|[-_\s])header(?:$|[-_\s])")


def without_post_id(members: list[Any]) -> set[Any]:
    """The members after the first without the post id that all the others have: an
    advertisement dressed as a post.  (An opening post may lack the replies' ids; a young
    forum's first posts have ids too short to be sure of alone: "Comment_93" beside "Comment_102".)"""
    lacking = [m for i, m in enumerate(members) if i and not post_id_attr(m) and not _numbered_in_order(members, i)]
    if not lacking or len(members) - len(lacking) < 3 or len(lacking) * 4 > len(members):
        return set()
    return set(lacking)


def _numbered_in_order(members: list[Any], i: int) -> bool:
    """Whether member ``i``'s id is its neighbours' word with a number between theirs (a post's id
    rises down the page; an advertisement's "p0" after "p702" does not)."""
    own = _numbered(members[i])
    before = _numbered(members[i - 1]) if i else None
    after = _numbered(members[i + 1]) if i + 1 < len(members) else None
    if own is None or before is None and after is None:
        return False
    return ((before is None or before[0] == own[0] and before[1] < own[1])
            and (after is None or after[0] == own[0] and own[1] < after[1]))


def _numbered(el: Any) -> tuple[str, int] | None:
    match = _NUMBERED.match(el.get("id") or "")
    return (match[1], int(match[2])) if match else None


_NUMBERED = re.compile(r"^(\D+)(\d+)$")


def lead_post(group: Group, stats: dict[Any, Stats]) -> tuple[Any, list[Any]] | None:
    """The opening post when it is marked up apart from the replies (a question above its
    answers): what comes just before the replies, in their own container or inside a near
    ancestor, when it has a date, a paragraph of text and an author (where the replies show
    theirs).  Returns (ancestor, the parts to leave out)."""
    members = [m for m, (t, d, a) in zip(group.members, group.own) if d and a]
    if not members:
        return None
    common = set(members[0].iterancestors())
    for m in members[1:]:
        common &= set(m.iterancestors())
    region = next((a for a in members[0].iterancestors() if a in common), None)
    # Replies found by their post ids alone show no author markup; nor will their opening post.
    authors = any(stats[m].tree_authors for m in members)
    first = members[0]
    if region is not None and first.getparent() is region:
        before = list(first.itersiblings(preceding=True))
        found = _lead_in(before, stats, authors)
        if found is not None:
            after = [first, *first.itersiblings()]
            return (region, after + _before_lead(before, stats, authors)) if found else None
    for _ in range(3):
        holder = region.getparent() if region is not None else None
        if holder is None or holder not in stats:
            return None
        # What the replies' container holds before them is the opening post's too (its words,
        # below a header that is the container's sibling).
        top = next(a for a in (first, *first.iterancestors()) if a.getparent() is region)
        before = [*top.itersiblings(preceding=True), *region.itersiblings(preceding=True)]
        found = _lead_in(before, stats, authors)
        if found is not None:
            after = [top, *top.itersiblings(), *region.itersiblings()]
            return (holder, after + _before_lead(before, stats, authors)) if found else None
        region = holder
    return None


def _before_lead(before: list[Any], stats: dict[Any, Stats], authors: bool) -> list[Any]:
    """Of the elements before the replies (nearest first), those before the opening post, when
    they name members (a board's notices above it: "Student of the week: <a>member</a>"): past the
    nearest that show its date and its author."""
    dated = named = False
    text = 0
    for i, el in enumerate(before):
        s = stats.get(el)
        if s is None:
            continue
        dated = dated or s.tree_dates > 0
        named = named or s.tree_authors > 0 or not authors
        text += s.tree_text
        if dated and named:
            beyond = before[i + 1:]
            naming = any(stats[b].tree_authors for b in beyond if b in stats)
            return beyond if text >= 100 and naming else []
    return []


def _lead_in(before: list[Any], stats: dict[Any, Stats], authors: bool) -> bool | None:
    """Whether the elements before the replies hold the opening post; None when they hold no
    date, so that the search goes on further out."""
    shown = [stats[el] for el in before if el in stats]
    dates_before = sum(s.tree_dates for s in shown)
    if not dates_before:
        return None
    text = sum(s.tree_text for s in shown)
    return text >= 100 and dates_before <= 4 and (any(s.tree_authors for s in shown) or not authors)
