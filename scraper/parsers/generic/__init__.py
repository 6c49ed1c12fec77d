"""Generic forum parser for pages of no known engine.

Two strategies:

1. schema.org markup: microdata items typed DiscussionForumPosting / Comment / Question / Answer
   in the page, when they are more than the posts the structure finds;
2. structure: the set of elements sharing a tag+class signature that repeats on the page, each
   holding a date-like text (or ``<time>``) and an author-like link (a profile/member/user URL)
   next to substantial text.  The best-scoring set is taken as the posts; inside each block the
   author, date, native id, permalink and body (the largest text container that holds neither the
   author nor the date) are found by the same markup cues.

Nested comment trees work too: a block that contains other blocks of the same set is read
without them, so a reply is never merged into its parent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from typing import Any

from .. import dates
from ..html import Document, norm_space
from ..model import ParseContext, PostDraft, ThreadDraft
from .block import quoted_author, read_block, take_quotes
from .groups import (
    best_group,
    lead_post,
    looks_like_forum,
    mostly_furniture,
    sidebar_members,
    without_post_id,
)
from .microdata import HAS_ITEMPROP, lead_item, marked_items
from .post_dates import SPAN_DAYS, TIMED, PageDates, within_span
from .thread import breadcrumbs_of, empty_reason, pagination, title_of

__all__ = ["NAME", "VERSION", "best_group", "detect", "looks_like_forum", "parse", "quoted_author", "take_quotes"]
NAME = "generic"
VERSION = "1"


def detect(doc: Document) -> bool:
    return True


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    # Imported here: the engine registry imports this module, and _when is one of its engines' kit.
    from ..engines import _when

    given, ctx = ctx, _when.page_context(doc, ctx)  # the page's language and stated timezone
    thread = ThreadDraft(NAME, VERSION)
    thread.language = _when.locale_of(doc)
    crumbs = breadcrumbs_of(doc)
    thread.title = title_of(doc, crumbs)
    # Many trails end with the thread itself; the board is the last place before it.
    thread.breadcrumbs = [c for c in crumbs if c != thread.title]
    thread.board = thread.breadcrumbs[-1] if thread.breadcrumbs else None
    thread.page, thread.page_count, thread.next_url = pagination(doc)
    when = PageDates(ctx)
    # Most pages have no itemprop attribute: then no post's itemprop lookup can find anything.
    microdata = HAS_ITEMPROP(doc.root)
    # schema.org markup where it names posts the page structure does not show (sites mark up
    # some posts only, or leave the author out: on a tie the structure is read).
    items = marked_items(doc)
    if items and len(items) > _structural_count(doc):
        posts = _microdata_posts(doc, items, when, microdata) or _structural_posts(doc, when, microdata)
    else:
        posts = _structural_posts(doc, when, microdata)
    if posts:
        _when.settle_day_order(posts, ctx)  # one 29/11/2025 shows the order of every 04/05/2025
        _refine_lead_date(doc, posts[0], when)
        for post in posts:
            _edit_in_shown_zone(post)
    thread.posts = posts
    if not posts:
        thread.empty_reason = empty_reason(doc)
    return _when.record_timezone(thread, ctx, given)


_LEAD_TYPES = frozenset(("DiscussionForumPosting", "Article", "Question", "SocialMediaPosting"))


def _edit_in_shown_zone(post: PostDraft) -> None:
    """An edit date read from text was shown in the zone whose offset the post's instant and
    its shown time gave."""
    edited, published = post.edited, post.published
    if edited and published and published.value and edited.source == "absolute" and published.source == "attribute":
        post.edited = replace(edited, value=edited.value.replace(tzinfo=published.value.tzinfo))


def _refine_lead_date(doc: Document, post: PostDraft, when: PageDates) -> None:
    """An opening post shown with a rough date ("Posted: 2 years ago") takes the page's schema.org
    date of publication, when that names the same author and falls near the rough date."""
    shown = post.published
    if shown is None or shown.value is None or shown.precision not in SPAN_DAYS or not doc.may_contain("datePublished"):
        return
    for item in doc.json_ld:
        types = item.get("@type")
        if not _LEAD_TYPES.intersection(types if isinstance(types, list) else [types]):
            continue
        author = item.get("author")
        name = author.get("name") if isinstance(author, dict) else author
        value = item.get("datePublished")
        if not isinstance(value, str) or (isinstance(name, str) and norm_space(name) != post.author):
            continue
        exact = dates.from_attribute(value, when.ctx.timezone, raw=shown.raw)
        if exact.value is not None and within_span(shown, exact) and exact.value <= when.ctx.fetched_at:
            post.published = exact
        return


def _structural_posts(doc: Document, when: PageDates, microdata: bool) -> list[PostDraft]:
    found = best_group(doc)
    if found is None:
        return []
    best, stats = found
    sidebar = sidebar_members(doc, best)
    if sidebar:
        # Blocks in a box beside the posts are not posts, nor where the opening post is sought.
        best = best.without(sidebar)
    posts = []
    lead = lead_post(best, stats)
    if lead is not None:
        post = read_block(doc, when, microdata, [lead[0]], lead[1])
        # Without a name, or with words that are mostly links and headings (a breadcrumb trail,
        # the title) it is the thread's header (beside its starter and start date), not a post.
        if post is not None and post.author and not mostly_furniture(post.body_element):
            posts.append(post)
    opening = posts[0] if posts else None
    opening_item = lead_item(best.members) if microdata else None
    skipped = without_post_id(best.members)
    # A member with neither author nor date is not a post (a guest's post still has its date), nor
    # a few undated characters.
    for i, (member, parts, nested, own) in enumerate(zip(best.members, best.parts, best.nested, best.own)):
        text, d, a = own
        if text < 1 or not (d or a) or (text < 15 and not d) or member in skipped:
            continue
        post = read_block(doc, when, microdata, parts, nested, opening_item if i == 0 else None)
        if post is None:
            continue
        if len(posts) == 1 and posts[0] is opening and _same_header(opening, post):
            # The "thread started by X, date" header above a list whose first item is that post.
            posts.pop()
        posts.append(post)
    if (len(posts) > 2 and posts[0] is not opening and posts[0].native_id is None
            and all(p.native_id for p in posts[1:]) and mostly_furniture(posts[0].body_element)):
        posts.pop(0)  # the page's trail of links, set out like the posts (vBulletin 3's tables)
    return posts


def _same_header(a: PostDraft, b: PostDraft) -> bool:
    """Whether the lead names the first post's author and moment: the moment to the minute when
    both show a time (the starter's own reply the same day is a post), else the day.  Its very
    second is enough (a header's name may be misread: "Tags" beside the starter's), but for
    midnight, which is what a date alone reads as."""
    if a.published is None or b.published is None:
        return False
    x, y = a.published.value, b.published.value
    if x is None or y is None:
        return False
    if a.published.precision in TIMED and b.published.precision in TIMED:
        same_author = a.author is not None and a.author == b.author
        return abs(x - y) < timedelta(minutes=1) and (same_author or (x == y and x.time() != time(0)))
    return a.author is not None and a.author == b.author and x.date() == y.date()


def _structural_count(doc: Document) -> int:
    found = best_group(doc)
    return sum(1 for text, d, a in found[0].own if text and (d or a)) if found else 0


def _microdata_posts(doc: Document, items: list[Any], when: PageDates, microdata: bool) -> list[PostDraft]:
    item_set = set(items)
    posts = []
    wrapper = None  # the post of an item around others, until the first of them is read
    for item in items:
        # A reply marked up inside its parent (Comment in a DiscussionForumPosting) is its own post.
        nested = [el for el in item.iterdescendants() if el in item_set
                  and next(a for a in el.iterancestors() if a in item_set) is item]
        post = read_block(doc, when, microdata, [item], nested)
        if post is None:
            continue
        if wrapper is not None and wrapper is posts[-1] and _same_header(replace(wrapper, author=wrapper.author or post.author), post):
            # The thread's item around every post, the first of which is the opening post (its
            # author and moment, NodeBB): what the item holds besides them is the topic's furniture.
            posts.pop()
        wrapper = post if nested else None
        posts.append(post)
    return posts
