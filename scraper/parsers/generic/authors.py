"""A post block's author: the element that names them (a profile link, an author class, a bold
name in a guest's view), their name and profile URL, and the member number that URL gives."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from ..html import Document, norm_space, text_of, without_session
from .cues import date_like, date_span, hidden_by_style, user_href
from .facts import BlockFacts


def author_element(doc: Document, facts: BlockFacts) -> Any | None:
    # Whom a post answers is tested last, on the candidates only: it reads the text around them.
    authors = facts.authors
    if facts.signatures:  # a signature's links (the member's channel, a friend) name nobody here
        signed = set(facts.signatures)
        authors = [a for a in authors if a not in signed and not any(p in signed for p in a.iterancestors())]
    links = [a for a in authors if a.tag == "a"]
    for a in links:
        name = norm_space(a.text_content())
        # One letter: an avatar showing the member's initial; the name comes later.  A link that
        # reads "by X" is a caption about another member (Something Awful's "banned by X").
        if (1 < len(name) <= 60 and not _NOT_A_NAME.match(name) and not _off_site(doc, a)
                and not _replied_to(a) and not _BY.match(name)):
            return a
    for el in authors:
        if el.tag != "a":
            name = norm_space(text_of(el))  # not what its hidden descendants hold
            if name and len(name) <= 60 and not _NOT_A_NAME.match(name) and not _replied_to(el):
                return el
    links = [a for a in links if not _off_site(doc, a) and not _replied_to(a)]
    # A one-letter name ("氏") before a link without text (an avatar); a profile icon that names
    # the member ("Profile for abitoo") before a button ("Rate Member").
    named = [a for a in links if (text := norm_space(a.text_content())) and not _NOT_A_NAME.match(text)]
    named += [a for a in links if any(_PROFILE_OF.match(norm_space(img.get("alt"))) for img in a.iter("img"))]
    return (named or links or [None])[0]


def _shown(el: Any, root: Any) -> bool:
    """Whether no element from ``el`` up to ``root`` is hidden by its style: a profile's pop-up menu
    ("View profile details", Discuz!) names no one."""
    for node in (el, *el.iterancestors()):
        if hidden_by_style(node):
            return False
        if node is root:
            break
    return True


def author_of(doc: Document, el: Any) -> tuple[str | None, str | None]:
    if el is None:
        return None, None
    link = el if el.tag == "a" else next((a for a in el.iter("a") if a.get("href") and not _replied_to(a)), None)
    if link is None:
        # <a href="/user/1"><span itemprop="author">…</span></a>: the name sits inside its link.
        link = next((a for a in islice(el.iterancestors(), 3) if a.tag == "a"), None)
    name_el = el.find(".//*[@itemprop='name']")
    if name_el is None and el.tag != "a":
        # A profile box: the name is its first link or bold text, not the rank and post count.
        name_el = next((n for n in el.iter("a", "b", "strong")
                        if _has_letter(n.text_content()) and not _replied_to(n) and _shown(n, el)), None)
    name = norm_space((name_el if name_el is not None else el).text_content())
    if name_el is not None and not name:  # <meta itemprop="name" content="…">
        name = norm_space(name_el.get("content"))
    if el.tag != "a" and name_el is None:
        # Its first line, in the source too: a name before the rank or reputation beside it; not
        # a date line classed as the author's ("<p class=author>Jul 11, 2013 <a>#10</a>").
        name = text_of(el, text_lines=True).split("\n")[0]
        if date_like(name):
            name = ""
    if not name:
        img = el.find(".//img")
        name = norm_space(img.get("alt") or img.get("title") or "") if img is not None else ""
        profile_of = _PROFILE_OF.match(name)  # vBulletin 2's "Click Here to See the Profile for X"
        if profile_of:
            name = profile_of[1] or profile_of[2]
    if not name:
        name = norm_space(el.get("title") or "")
    if not _has_letter(name):  # "#10": the post's number, not a name
        name = ""
    name = _SAYS.sub("", name)  # WordPress's "<cite>Ann</cite> <span>says:</span>"
    name = unverified(name)
    # Boards put the reader's session in every link ("?s=0b5d…&userid=1"): the profile is without it.
    href = link.get("href") if link is not None else None
    url = without_session(doc.absolute(href)) if href and user_href(href) else None
    return (name or None), url


_PROFILE_OF = re.compile(r"(?:(?:click here to )?(?:see|view) (?:the )?)?profile (?:for|of) (.+)|view (.+?)'s profile",
                         re.I)


def unverified(name: str) -> str:
    """A name without Drupal's mark of a guest: "Ann (not verified)"."""
    return _UNVERIFIED.sub("", name)


_UNVERIFIED = re.compile(r"\s*\((?:not verified|nicht überprüft|non vérifié|no verificado|non verificato|"
                         r"niet geverifieerd|não verificado|未验证|未驗證|не проверено)\)$", re.I)
_SAYS = re.compile(r"\s+(?:says|said|wrote|sagt|schreibt|schrieb|dit|a écrit|dice|escribió)\s*:$", re.I)


def profile_button(doc: Document, facts: BlockFacts) -> str | None:
    """The poster's profile URL from the post's "Profile" button (or an icon whose text says
    "View user's profile"), where the name links nowhere (Something Awful)."""
    for a in facts.authors:
        if a.tag == "a":
            img = a.find(".//img")
            label = norm_space(a.text_content()) or (norm_space(img.get("alt") or img.get("title")) if img is not None else "")
            if _PROFILE_LABEL.match(label):
                return doc.absolute(a.get("href"))
    return None


_PROFILE_LABEL = re.compile(r"^(?:view\s+)?(?:(?:the\s+)?user'?s\s+|member'?s\s+)?profile$", re.I)


def data_author(block: Any) -> str | None:
    for el in (block, *block[:1]):
        for attr in ("data-author", "data-username", "data-user-name", "data-poster"):
            value = norm_space(el.get(attr))
            if value and not value.isdigit():
                return value
    return None


def bold_name(block: Any, body: Any) -> Any | None:
    """A guest view without profile links: the name is the first short bold text of the
    header (``<dt><strong>name</strong></dt>``)."""
    inside_body = set(body.iter())
    for el in block.iter("strong", "b", "dt"):
        if el in inside_body:
            continue
        name = norm_space(el.text_content())
        if (0 < len(name) <= 40 and len(name.split()) <= 4 and not name.endswith(":") and not date_like(name)
                and not _NOT_A_NAME.match(name)):
            return el
    return None


def name_before(date_el: Any) -> str | None:
    """The author's name where a post's header marks up neither it nor a profile link: the text
    just before the date element, ended by a separator ("name · date"), or all alone in the
    element before it (``<div>name</div><div>date</div>``), or before the date in the date's own
    line ("#572 - Vortex - Wed Jan 08, 2003 9:31 pm")."""
    parent = date_el.getparent()
    if parent is None:
        return None
    prev = date_el.getprevious()
    before = ((prev.tail if prev is not None else parent.text) or "").strip()
    own = norm_space(date_el.text) if len(date_el) == 0 else ""
    span = date_span(own) if own else None
    lead = own[:span[0]].rstrip() if span else ""
    if lead and lead[-1] in _NAME_SEPARATOR and lead.rstrip(_NAME_SEPARATOR + " "):
        name = _LAST_PART.split(lead.rstrip(_NAME_SEPARATOR + " "))[-1]
    elif before:
        if before[-1] not in _NAME_SEPARATOR:
            return None
        name = norm_space(before.rstrip(_NAME_SEPARATOR + " "))
    elif (prev is not None and isinstance(prev.tag, str) and len(prev) == 0 and prev.getprevious() is None
          and not (parent.text or "").strip()):
        name = norm_space(prev.text)
    else:
        return None
    name = _BY.sub("", name)
    if (0 < len(name) <= 40 and len(name.split()) <= 4 and _has_letter(name)
            and not date_like(name) and not _NOT_A_NAME.match(name) and not _LABEL.match(name)):
        return name
    return None


_NAME_SEPARATOR = "·•|–—-"
_LAST_PART = re.compile(r"\s+[·•|–—-]\s+")
_BY = re.compile(r"^(?:posted |written )?by\s+", re.I)
# "Posted in General · 3 days ago", "Last reply · …": a label, not a name.
_LABEL = re.compile(r"(?:posted|replied|updated|edited|last|latest|started|created|in|on|at|comments?|repl(?:y|ies)|views?)\b", re.I)
_NOT_A_NAME = re.compile(
    r"^(?:view profile|profile|pm|send (?:a )?(?:private )?message|message|quote|reply|report|"
    r"posts?|visit homepage|website|homepage|find.*posts|(?:post )?history|ignore(?: user)?|"
    r"add (?:to )?(?:buddy|friends?|contacts?)(?: list)?|more|edit|delete|follow|block|rate (?:this )?(?:member|user)|"
    r"member rated|\W*)$",
    re.I,
)


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _off_site(doc: Document, link: Any) -> bool:
    """Whether a link leads to another site: a profile there is not a member of this forum."""
    href = link.get("href") or ""
    if not href.startswith(("http:", "https:", "//")) or not doc.url:
        return False
    # The same site by its last two labels: forum.example.org links members at www.example.org.
    return _site(href) != _site(doc.url)


@lru_cache(maxsize=1024)
def _site(url: str) -> tuple[str, ...]:
    return tuple((urlsplit(url).hostname or "").split(".")[-2:])


_REPLY_TO = r"(?:in reply to|replying to|reply to|antwort an|réponse à|en respuesta a)"
_ENDS_WITH_REPLY_TO = re.compile(_REPLY_TO + r"\W*$", re.I)
_STARTS_WITH_REPLY_TO = re.compile(r"\W*" + _REPLY_TO, re.I)


def _replied_to(el: Any) -> bool:
    """Whether an element names whom the post answers ("in reply to <a>member</a>"), not its author."""
    if el.tag == "a":
        return _ENDS_WITH_REPLY_TO.search(_text_before(el)) is not None
    return _STARTS_WITH_REPLY_TO.match(el.text_content()) is not None


def _text_before(el: Any) -> str:
    """The text of the element's parent before it."""
    parent = el.getparent()
    if parent is None:
        return ""
    parts = [parent.text or ""]
    for sib in parent:
        if sib is el:
            break
        parts.append(sib.text_content() if isinstance(sib.tag, str) else "")
        parts.append(sib.tail or "")
    return "".join(parts)


def user_id(url: str | None) -> str | None:
    """The member number a profile URL names: ``?u=5996``, ``/members/name.123/``,
    ``/profile/13603-name/``, ``/users/3231846/profile``, ``/membre6665/`` (not a name:
    ``/u/alice`` is a login, not an id)."""
    if not url:
        return None
    found = _USER_NUMBER.search(url)
    return next(group for group in found.groups() if group) if found else None


_USER_NUMBER = re.compile(
    r"[?&;](?:u|uid|userid|user_id|user|memberid|member_id|showuser)=(\d+)(?:$|[&;#])"
    # The number right after the folder first: "/members/112496-22-04" is member 112496 ("22/04").
    r"|/(?:users?|members?|membres?|profiles?|u|benutzer|mitglied(?:er)?)/(?:[^/?#]*?[.-])??(\d+)(?:$|[-./?#])"
    r"|/(?:users?|members?|membres?)(\d+)(?:$|[./?#])",
    re.I,
)
