"""Article page or forum thread?  The registry asks the forum engines first; a page none of them
claims is an article unless it shows forum structure of its own: discussion markup
(schema.org DiscussionForumPosting, QAPage), forum software, or a run of repeated post blocks.
A blog post with a few comments is still an article: comment blocks are not counted as posts."""

from __future__ import annotations

import re

from lxml import etree

from ..html import Document
from .meta import ARTICLE_TYPES, ld_items

_DISCUSSION_TYPES = {"DiscussionForumPosting", "QAPage", "Answer", "Comment", "Conversation"}
_FORUM_SOFTWARE = re.compile(
    r"\b(?:phpbb|vbulletin|xenforo|discourse|simple machines|smf|mybb|invision|ipb|ips4|vanilla|bbpress|"
    r"phorum|fluxbb|punbb|woltlab|nodebb|flarum|wpforo|ubbthreads|yabb|jforum|forum|forums|topic|thread|"
    r"showthread|viewtopic)\b",
    re.I,
)
# Blocks that forum software repeats once per post (ids like post-123, p123, msg123, reply-123).
_POST_BLOCKS = etree.XPath(
    "//*[re:test(@id, '^(post|p|postid|post_|msg|message|reply|answer|postbit|td_post|js-post|thread-post)[-_]?[0-9]+$', 'i')]"
    "[not(self::a)][not(self::span)]"
    # WordPress marks its blog posts (a blog's front page lists them): not forum posts
    "[not(contains(@class, 'hentry') or contains(@class, 'type-post'))]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_POST_CLASSES = etree.XPath(
    "//*[re:test(@class, '(^|\\s)(postbody|post_body|postbit|postcontent|post_content|"
    "message-body|messageContent|forumpost|forum-post|topic-post|post-message|reply-content|cooked|"
    "threadpost|userpost)(\\s|$)', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_PROFILE_LINKS = etree.XPath(
    "//a[re:test(@href, 'user|member|profile|/u/|/people/|/benutzer|/mitglied|showuser|memberlist', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
# Forum software's URL conventions (/forum/, /threads/, viewtopic.php, showthread.php, ?t=123).
_FORUM_URL = re.compile(
    r"/(?:forums?|boards?|community|discussions?|threads?|topics?|t|questions)/|viewtopic|showthread|showtopic|"
    r"topic_show|viewthread|message_board|/posts/\d+|[?&](?:topic|thread|t)=\d",
    re.I,
)
_ITEMTYPES = etree.XPath("//*[@itemtype]/@itemtype")
# An article page's own markers: a page marked as one article is not made a forum by a few
# repeated blocks (a blog's related-post teasers use post-123 ids too).
_ARTICLE_BODY_CLASSES = re.compile(r"\b(?:single-post|single|postid-\d+|post-template-default|blogger|article)\b")


def _ld_types(doc: Document) -> set[str]:
    kinds: set[str] = set()
    for item in ld_items(doc):
        value = item.get("@type")
        for kind in value if isinstance(value, list) else [value]:
            if isinstance(kind, str):
                kinds.add(kind.rsplit("/", 1)[-1])
    return kinds


def _repeated_author_blocks(doc: Document) -> int:
    """The largest number of same-looking blocks (tag and first class) that each hold a link to a
    user profile: a thread's posts.  Comment blocks do not count."""
    holders: dict[tuple[str, str], set[int]] = {}
    for link in _PROFILE_LINKS(doc.root)[:400]:
        for depth, node in enumerate(link.iterancestors()):
            if depth > 8 or node.tag in ("body", "html"):
                break
            tokens = (node.get("class") or "").split()
            if not tokens or any("comment" in t.lower() for t in tokens):
                continue
            holders.setdefault((node.tag, tokens[0]), set()).add(id(node))
    return max((len(v) for v in holders.values()), default=0)


def forum_signals(doc: Document) -> list[str]:
    """Why this page looks like a forum thread or Q&A page (empty: it does not)."""
    reasons: list[str] = []
    ld = _ld_types(doc)
    microdata = {t.rstrip("/").rsplit("/", 1)[-1] for t in _ITEMTYPES(doc.root)}
    discussion = (ld | microdata) & _DISCUSSION_TYPES - {"Comment"}
    if discussion:
        reasons.append(f"schema.org {', '.join(sorted(discussion))}")
    if _FORUM_SOFTWARE.search(doc.generator):
        reasons.append(f"generator {doc.generator!r}")
    article_marked = bool(ld & ARTICLE_TYPES) or (doc.meta("og:type") or "").lower() == "article" or bool(
        _ARTICLE_BODY_CLASSES.search(doc.body_classes)
    )
    # A few repeated blocks can be a blog's teasers or author boxes; a thread shows more, and a
    # page marked as an article needs many more (thresholds read off the corpus' blog pages).
    need = 14 if article_marked else 3
    # WordPress gives its blog posts post-123 ids; only a forum plugin makes them forum posts.
    wordpress_blog = "wordpress" in doc.generator and not re.search(r"bbpress|wpforo|forum|topic", doc.body_classes)
    blocks = 0 if wordpress_blog else len({el.get("id") for el in _POST_BLOCKS(doc.root)})
    if blocks >= need:
        reasons.append(f"{blocks} post blocks")
    classed = len(_POST_CLASSES(doc.root))
    if classed >= need + 1:
        reasons.append(f"{classed} post-body blocks")
    authored = _repeated_author_blocks(doc)
    if authored >= need + 4:
        reasons.append(f"{authored} blocks with a profile link")
    # A forum URL is evidence enough on a page not marked as an article; on one that is (many
    # forums say og:type article), it needs repeated author blocks beside it.
    if doc.url and _FORUM_URL.search(doc.url) and (not article_marked or authored >= 3 or blocks >= 2):
        reasons.append("forum URL")
    return reasons


def is_article(doc: Document) -> bool:
    return not forum_signals(doc)
