"""Article page or forum thread?  The registry asks the forum engines first; a page none of them
claims is an article unless it shows forum structure of its own: discussion markup
(schema.org DiscussionForumPosting, QAPage), forum software, or a run of repeated post blocks.
A blog post with a few comments is still an article: comment blocks are not counted as posts."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .. import generic
from ..html import Document
from ..pagenames import names
from .meta import ARTICLE_TYPES, by_tag, class_values, schema_types

_DISCUSSION_TYPES = {"DiscussionForumPosting", "QAPage", "Answer", "Comment", "Conversation"}
_FORUM_SOFTWARE = re.compile(
    r"\b(?:phpbb|vbulletin|xenforo|discourse|simple machines|smf|mybb|invision|ipb|ips4|vanilla|bbpress|"
    r"phorum|fluxbb|punbb|woltlab|nodebb|flarum|wpforo|ubbthreads|yabb|jforum|forum|forums|topic|thread|"
    r"showthread|viewtopic)\b",
    re.I,
)
# Blocks that forum software repeats once per post (ids like post-123, p123, msg123, reply-123).
_POST_ID_WORDS = ("post", "p", "postid", "post_", "msg", "message", "reply", "answer", "postbit", "td_post", "js-post", "thread-post")
_POST_ID_FORM = f"(?:{'|'.join(_POST_ID_WORDS)})[-_]?\\d+"
_POST_ID = re.compile(f"^{_POST_ID_FORM}$", re.I)
# The same as one of the page's names: a page without one has no post ids to look for.
_POST_ID_NAME = re.compile(f" {_POST_ID_FORM} ", re.I)
# Page-wide lookups select the attribute and test its value here: the same nodes in page order,
# at a fraction of the cost of testing each element's attribute in XPath.  Only the ids with the
# initial of a post id are returned: each returned value makes its element (0.32 -> 0.24 ms on
# the generic forum pages whose names hold a post id).
_INITIALS = sorted({case(word[0]) for word in _POST_ID_WORDS for case in (str.lower, str.upper)})
_IDS = etree.XPath("//@id[" + " or ".join(f"starts-with(., '{initial}')" for initial in _INITIALS) + "]")


def _post_id_candidates(root: Any) -> list[Any]:
    """Elements other than links and spans whose id looks like a post's (post-123, p123, msg123),
    outside WordPress's blog-post articles (a blog's front page lists them: not forum posts)."""
    found = []
    for value in _IDS(root):
        if not _POST_ID.match(value):
            continue
        el = value.getparent()
        classes = el.get("class") or ""
        if el.tag not in ("a", "span") and "hentry" not in classes and "type-post" not in classes:
            found.append(el)
    return found


_POST_CLASS_NAMES = (
    "postbody|post_body|postbit|postcontent|post_content|message-body|messageContent|forumpost|forum-post|"
    "topic-post|post-message|reply-content|cooked|threadpost|userpost"
)
_POST_CLASS = re.compile(rf"(?:^|\s)(?:{_POST_CLASS_NAMES})(?:\s|$)", re.I)
# The same as one of the page's names (spaces around each): 0.11 -> 0.04 ms a page.
_POST_CLASS_NAME = re.compile(f" (?:{_POST_CLASS_NAMES}) ", re.I)
_POST_CLASS_HINT = re.compile("ost|essage|reply|cooked")
_PROFILE_HINT = re.compile("user|member|profile|/u/|/people/|/benutzer|/mitglied|User|Member|Profile")


def _profile_links(doc: Document) -> list[Any]:
    """Links to a user profile, in page order."""
    return [a for a in by_tag(doc, "a") if (href := a.get("href")) is not None and _PROFILE_HINT.search(href)]


# Forum software's URL conventions (/forum/, /threads/, viewtopic.php, showthread.php, ?t=123).
_FORUM_URL = re.compile(
    r"/(?:forums?|boards?|community|discussions?|threads?|topics?|t|questions)/|viewtopic|showthread|showtopic|"
    r"topic_show|viewthread|message_board|/posts/\d+|[?&](?:topic|thread|t)=\d",
    re.I,
)
_ITEMTYPES = etree.XPath("//@itemtype", smart_strings=False)  # the values only, not their elements
# An article page's own markers: a page marked as one article is not made a forum by a few
# repeated blocks (a blog's related-post teasers use post-123 ids too).
_ARTICLE_BODY_CLASSES = re.compile(r"\b(?:single-post|single|postid-\d+|post-template-default|blogger|article)\b")


def _repeated_author_blocks(doc: Document) -> int:
    """The largest number of same-looking blocks (tag and first class) that each hold a link to a
    user profile: a thread's posts.  Comment blocks do not count."""
    holders: dict[tuple[str, str], set[Any]] = {}
    looks: dict[Any, tuple[str, str] | None] = {}  # the links share their ancestors: each read once
    for link in _profile_links(doc)[:400]:
        for depth, node in enumerate(link.iterancestors()):
            if depth > 8 or node.tag in ("body", "html"):
                break
            if node not in looks:
                looks[node] = _block_look(node)
            look = looks[node]
            if look is not None:
                holders.setdefault(look, set()).add(node)
    return max((len(v) for v in holders.values()), default=0)


def _block_look(node: Any) -> tuple[str, str] | None:
    """A block's tag and first class; None for a block without a class or a comment block."""
    value = node.get("class") or ""
    tokens = value.split()
    if not tokens or "comment" in value.lower():
        return None
    return node.tag, tokens[0]


_COMMENT_BLOCK = re.compile(r"comment", re.I)


def _thread_posts(doc: Document) -> int:
    """How many post blocks with an author and a date the generic forum parser finds (0 when it
    finds no thread, or when its blocks are a blog's comments: those follow an article)."""
    if not generic.looks_like_forum(doc):
        return 0
    found = generic.best_group(doc)  # once per page (@per_page): looks_like_forum may have asked already
    if found is None:
        return 0
    group = found[0]
    first = group.members[0]
    if _COMMENT_BLOCK.search(f"{first.get('class') or ''} {first.get('id') or ''}"):
        return 0
    return sum(1 for _text, dated, authored in group.own if dated and authored)


def forum_signals(doc: Document) -> list[str]:
    """Why this page looks like a forum thread or Q&A page: the first reason found (empty: it
    does not)."""
    ld = set().union(*map(schema_types, doc.json_ld))
    microdata = {t.rstrip("/").rsplit("/", 1)[-1] for t in _ITEMTYPES(doc.root)}
    discussion = (ld | microdata) & _DISCUSSION_TYPES - {"Comment"}
    if discussion:
        return [f"schema.org {', '.join(sorted(discussion))}"]
    if _FORUM_SOFTWARE.search(doc.generator):
        return [f"generator {doc.generator!r}"]
    article_marked = bool(ld & ARTICLE_TYPES) or (doc.meta("og:type") or "").lower() == "article" or bool(
        _ARTICLE_BODY_CLASSES.search(doc.body_classes)
    )
    # A few repeated blocks can be a blog's teasers or author boxes; a thread shows more, and a
    # page marked as an article needs many more (thresholds read off the corpus' blog pages).
    need = 14 if article_marked else 3
    # WordPress gives its blog posts post-123 ids; only a forum plugin makes them forum posts.
    # (Not every WordPress page names its generator; each loads its theme from /wp-content/.)
    wordpress_blog = (("wordpress" in doc.generator or "/wp-content/" in doc.text)
                      and not re.search(r"bbpress|wpforo|forum|topic", doc.body_classes))
    # The page's names (read for the forum engines' detection) tell whether any id or class
    # could count: most pages need neither the walk over their ids nor the one over their classes.
    found = names(doc)
    blocks = 0
    if not wordpress_blog and found.matching(_POST_ID_NAME):
        blocks = len({el.get("id") for el in _post_id_candidates(doc.root)})
    if blocks >= need:
        return [f"{blocks} post blocks"]
    classed = 0
    if found.matching(_POST_CLASS_NAME):
        classed = sum(1 for value in class_values(doc) if _POST_CLASS_HINT.search(value) and _POST_CLASS.search(value))
    if classed >= need + 1:
        return [f"{classed} post-body blocks"]
    forum_url = bool(doc.url and _FORUM_URL.search(doc.url))
    if forum_url and not article_marked:
        return ["forum URL"]
    authored = _repeated_author_blocks(doc)
    if authored >= need + 4:
        return [f"{authored} blocks with a profile link"]
    # A forum URL is evidence enough on a page not marked as an article; on one that is (many
    # forums say og:type article), it needs repeated author or post blocks beside it.
    if forum_url and (authored >= 3 or blocks >= 2):
        return ["forum URL"]
    # Forums without post ids or known classes (table layouts, custom software): repeated blocks
    # that each carry an author and a date.  A blog's front page lists its posts the same way, so
    # a page marked as an article or made by blog software needs a long run of them, with
    # repeated profile links beside (cheap to count: they spare most articles the block analysis).
    blog_like = article_marked or wordpress_blog
    if not blog_like or authored >= 5:
        posts = _thread_posts(doc)
        if posts >= (14 if blog_like else 2):
            return [f"{posts} post blocks with an author and a date"]
    return []


def is_article(doc: Document) -> bool:
    return not forum_signals(doc)
