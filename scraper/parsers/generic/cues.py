"""What markup and text say about an element: that it is a date, names an author, or carries a
post id.  Both the search for a page's post blocks and the reading of each block ask these."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..html import HIDDEN_STYLE, norm_space


class AnyCase:
    """A case-insensitive pattern, written in lower case, asked whether a text holds it and where.
    An ASCII text (nearly every class, id, URL and date) is lowercased and searched with the
    pattern's case-sensitive form: in an ASCII text a pattern letter matches just its two cases,
    so the answer and the span are the same, and SRE tells a case-sensitive alternative from the
    text at a glance where it lowercases letter after letter (the user-link, class and signature
    tests take half the time, the date search 0.6 of it)."""

    __slots__ = ("_any_case", "_lower_case")

    def __init__(self, pattern: str) -> None:
        self._any_case = re.compile(pattern, re.I)
        self._lower_case = re.compile(pattern)

    def found_in(self, text: str) -> bool:
        return self._search(text) is not None

    def span_in(self, text: str) -> tuple[int, int] | None:
        """Where the pattern first matches in the text."""
        match = self._search(text)
        return match.span() if match else None

    def _search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            return self._lower_case.search(text.lower())
        return self._any_case.search(text)


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    "september|october|november|december|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|"
    "janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    "januari|februari|maart|mei|augustus|"
    # abbreviated as French, German, Dutch and Spanish boards print them ("5 Juil 2018")
    "janv|févr|fevr|avr|juil|déc|mär|okt|dez|mrt|ene|abr|dic"
)


def _word_trie(words: list[str]) -> str:
    """A pattern matching the words that their alternation matches, longest first when several
    match at one place (so that "August-2011" is not read as "Aug" and a stray "ust-2011"), and in
    the same order when the pattern backtracks.  As a plain alternation, a word start tried every
    name in turn: DATE_SPAN took 2.2 times as long over the corpus pages' texts."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: the longer words through this node are tried before the one ending here.
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


_MONTHS = _word_trie(_MONTHS.split("|"))
# "14:05", "2.05 pm", "14h05", and a whole hour ("8 a.m.", Django's default; "8pm").
TIME = r"(?:\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr|h)?|\d{1,2}\s*[ap]\.?m\.?(?!\w))"
# What sets a time off from its date: "12.03.2019 - 14:05", "Feb 14, 2026 | 9:05 pm".
TIME_AFTER_DATE = rf"\s*(?:at|um|à|@|-|–|,|\||·|•|around)?\s*{TIME}"
_DATE_CORE = (
    r"(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}"  # 2019-03-12, 2020.03.12
    r"|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"  # 12.03.2019, 3/13/2014
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?(?:\s+|-)(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}}|-\d{{2,4}})?"  # 12 March 2019, 16-Jun-20
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"  # March 12, 2019
    rf"|(?:{_MONTHS})\.?\s+\d{{4}}"  # March 2019
    r"|(?:today|yesterday|heute|gestern|aujourd'hui|hier)"
    r")"
)
_RELATIVE = (
    r"(?:(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago"
    r"|vor\s+(?:\d+|einer?|einem)\s+(?:sekunde|minute|stunde|tag|woche|monat|jahr)\w*"
    r"|il y a\s+\d+\s+\w+"
    r"|\d+\s*(?:s|m|h|d|w|mo|y|yr)\s+ago)"
)
DATE_SPAN = AnyCase(
    rf"(?<!\w)(?:(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?{_DATE_CORE}(?:,?{TIME_AFTER_DATE})?"
    rf"|{_RELATIVE}|{TIME}\s*,?\s*(?:on\s+|am\s+|le\s+)?{_DATE_CORE})"
)
# The label of a member's join date or last visit, which a post block shows beside the post's date.
JOINED = AnyCase(
    r"regist|joined|join date|member since|mitglied seit|dabei seit|anmeldung|inscri|membre depuis|miembro desde|"
    r"iscritto|last (?:visit|seen|active|login)|letzter besuch|zuletzt online|"
    r"注册|註冊|最后登录|最後登錄|上次登录|登録|зарегистр|регистрац"
)
# Where a date lives as a machine value.
DATE_ATTRS = ("datetime", "data-time", "data-timestamp", "data-utime", "data-date", "data-datetime",
              "data-created", "data-created-at", "data-epoch", "data-publish-date")
DATE_ATTR_SET = frozenset(DATE_ATTRS)
# A link to a member's profile page (relative ones too: "user?id=pg").
_USER_HREF = AnyCase(
    r"(?:/(?:users?|members?|profiles?|u|people|persons?|authors?|benutzer|mitglied(?:er)?|"
    r"utilisateurs?|usuarios?|uid|personal_pages|community/profile|membres?|user-profile|accounts?)[/._?=\d-]"
    r"|user_?info|showprofile|viewprofile|member\.php|profile\.php|userprofile|[?&](?:\w*user\w*|\w*member\w*|\w*profile\w*|uid|u|showuser)=\w"
    r"|action=profile|^(?:https?://[^/]+)?/@[\w.-]+/?(?:$|[?#])|^(?:users?|members?|profiles?)[/?])"
)
# Not a modifier ("ipsRichText--user": the user's own text; "has-profile": a post that shows one)
# nor a user's content or text.
_AUTHOR_CLASS = AnyCase(
    r"(?:^|[_\s]|(?<!-)(?<!has)-)(?:author|username|user-?name|poster|postername|post-?author|nick(?:name)?|"
    r"member-?name|user(?![-_]?(?:content|text|generated|html))|byline|screen-?name|profile|postprofile)"
    r"(?:$|[-_\s])"
)
# A block id naming the post: "post-123", "p123", "comment_123", "m221431", "msg123".
NATIVE_ID = re.compile(r"^(?:[a-z]{1,12}[-_]?){0,2}(\d{3,})$", re.I)
ID_ATTRS = ("data-post-id", "data-postid", "data-pid", "data-comment-id", "data-commentid", "data-answerid",
            "data-message-id", "data-reply-id")
# Class tokens that vary between posts of one set, not what the block is.
_VOLATILE_CLASS = AnyCase(
    r"\d|^(?:odd|even|alt|first|last|new|unread|read|active|highlight(?:ed)?|selected|sticky|hidden|"
    r"clearfix|cf|row|bypostauthor|staff|moderator|admin|op|is-op|owner|deleted|collapsed|expanded|"
    r"has-\S+|is-\S+|js-\S+|ng-\S+|ember-\S+)$"
)
# Page frame, or a post's own header/footer: their names and dates count, their text does not.
FRAME = frozenset(("nav", "header", "footer", "aside"))
_HAS_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=8192)
def date_span(text: str) -> tuple[int, int] | None:
    """Where the first date-like span of a text is.  DATE_SPAN is the parser's costliest pattern,
    and a post's date text is searched by the page analysis, the block walk and the date search."""
    return DATE_SPAN.span_in(text)


@lru_cache(maxsize=8192)
def date_like(text: str) -> bool:
    return 0 < len(text) <= 120 and _HAS_DIGIT.search(text) is not None and date_span(text) is not None


def mostly_date(text: str) -> bool:
    """Whether the date of a date-like text is most of it: a date line ("Posted 3 days ago"), not
    words that mention a day ("I took 2 of them this morning and feel better today")."""
    start, end = date_span(text)
    return (end - start) * 5 >= len(text) * 2


@lru_cache(maxsize=4096)
def _author_class(cls: str) -> bool:
    # A bare "name" (phpBB 2's subSilver, permies) names the poster; compounds ("file-name") may not.
    return _AUTHOR_CLASS.found_in(cls) or "name" in cls.split()


def is_date(tag: str, attrib: Any, own: str) -> bool:
    if tag == "time":
        return True
    if attrib:
        keys = attrib.keys()
        if not DATE_ATTR_SET.isdisjoint(keys):
            return True
        title = tooltip(attrib)
        if title and len(title) <= 80 and date_like(title):
            return True
    return bool(own) and date_like(own)


# Where a page shows the full date of a rough one on hover.
_TOOLTIPS = ("title", "data-tippy-content", "data-tooltip", "data-original-title")
_TOOLTIP_SET = frozenset(_TOOLTIPS)


def tooltip(attrib: Any) -> str | None:
    if _TOOLTIP_SET.isdisjoint(attrib.keys()):  # most elements: one test in C
        return None
    for name in _TOOLTIPS:
        value = attrib.get(name)
        if value:
            return value
    return None


def is_author(tag: str, attrib: Any) -> bool:
    if tag == "a":
        href = attrib.get("href") or ""
        if href.startswith(("#", "javascript:")):
            return False
        if user_href(href):
            return True
    elif attrib.get("itemprop") == "author":
        return True
    cls = attrib.get("class")
    return bool(cls) and _author_class(cls)


# The reader's own account pages (log in, "account.php?action=logout"), which no post's author links to.
_OWN_ACCOUNT_HREF = AnyCase(r"log-?(?:in|out|off)\b|sign-?(?:in|up|out|off)\b|action=(?:login|register)")


@lru_cache(maxsize=8192)
def user_href(href: str) -> bool:
    # A page links each member many times, and each link is tested by several passes.
    return _USER_HREF.found_in(href) and not _OWN_ACCOUNT_HREF.found_in(href)


def hidden_by_style(el: Any) -> bool:
    """Whether an element's own style hides it (a pop-up menu, a script's template); ``el`` may
    be its attributes' mapping."""
    style = el.get("style")
    return bool(style) and HIDDEN_STYLE.search(style) is not None


def own_text(el: Any) -> str:
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return norm_space(" ".join(parts))


# Keyed by all of an element's attributes: a page repeats its markup on every post, so a few
# thousand entries serve a page (more would only keep other pages' attribute values alive).
@lru_cache(maxsize=4096)
def markup_cues(tag: str, items: tuple) -> tuple[int, int, str, str]:
    """Whether an element's tag and attributes mark a date and an author, its class key, and the
    pattern of its numbered id when the class gave the key.  Each post repeats the same markup:
    each distinct one is tested once."""
    attrib = dict(items)
    ident = attrib.get("id")
    key = _key_of(attrib.get("class") or "", ident)
    id_key = "#" + _DIGITS.sub("N", ident) if key[:1] == "." and ident and NATIVE_ID.match(ident) else ""
    return int(is_date(tag, attrib, "")), int(is_author(tag, attrib)), key, id_key


@lru_cache(maxsize=4096)
def _key_of_class(cls: str) -> str:
    stable = next((t for t in cls.split() if not _VOLATILE_CLASS.found_in(t)), None)
    return "." + stable if stable else ""


def _key_of(cls: str, ident: str | None) -> str:
    """The class key of an element of this class and id: its first stable class token, else its
    numbered id with the number left out."""
    key = _key_of_class(cls)
    if key:
        return key
    if ident and _HAS_DIGIT.search(ident):
        return "#" + _DIGITS.sub("N", ident)
    return ""


def post_id_attr(el: Any) -> bool:
    ident = el.get("id")
    return bool(ident and NATIVE_ID.match(ident)) or any(el.get(a) for a in ID_ATTRS)


def data_date_name(name: str) -> bool:
    """Whether an attribute is a data-*time/date one, or a custom element's bare ``date``/``time``
    (``<woltlab-core-date-time date="…">``), which may hold a machine-readable date."""
    return (name.startswith("data-") and ("time" in name or "date" in name)) or name in _BARE_DATE_NAMES


_BARE_DATE_NAMES = frozenset(("date", "time", "timestamp"))


def rdfa_date(prop: str | None) -> bool:
    """Whether an RDFa ``property`` names a date of making ("dc:date dc:created"): its ``content``
    holds the machine-readable date (not a modification's)."""
    return bool(prop) and _RDFA_DATE.search(prop) is not None


_RDFA_DATE = re.compile(r"(?:^|[\s:])(?:date|created|issued|datecreated|datepublished)(?:\s|$)", re.I)
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
