"""An article's metadata, from the most reliable source first: JSON-LD, then OpenGraph and
``<meta>``, then microdata, then the visible byline and dateline."""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from lxml import etree

from ..dates import DateHints, ResolvedDate, combine, from_attribute
from ..generic.cues import rdfa_date
from ..html import Document, norm_space, per_page, text_of, xpath
from ..model import ParseContext

ARTICLE_TYPES = frozenset(
    "Article NewsArticle BlogPosting Report TechArticle ScholarlyArticle ReportageNewsArticle "
    "AnalysisNewsArticle OpinionNewsArticle ReviewNewsArticle BackgroundNewsArticle LiveBlogPosting "
    "SocialMediaPosting MedicalScholarlyArticle".split()
)
# Site names that stand in for a person in author fields.
_NOT_NAMES = re.compile(r"^(admin|administrator|staff|editor|editorial|guest|anonymous|unknown|none|null)$", re.I)
_BY = re.compile(r"^\s*(?:(?:written|posted|published|story|text|words|reported)\s+)?"
                 r"(?:by|von|par|door|por|di|author|autor|auteur|作者)\b[:：\s]*", re.I)
# What follows a name in a byline: a date, a role, a separator.
_BYLINE_TAIL = re.compile(
    r"\s*(?:\b(?:says|said|sagt|schreibt)\b|\||•|·|—|–|\bon\s+\w+\s+\d|\bon\s+\d|\bpublished\b|\bupdated\b|\bposted\b|\bin\s+[A-Z][a-z]+\s*$|,\s*\d|\s\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r",?\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d).*$",
    re.I,
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")


@dataclass(slots=True)
class ArticleMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: ResolvedDate | None = None
    modified: ResolvedDate | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None


_CLASSES = etree.XPath("//@class")
_XML_SPACE = re.compile(r"[ \t\r\n]+")  # what XPath's normalize-space() collapses


@per_page
def class_values(doc: Document) -> list[Any]:
    """Every ``class`` attribute of the page, in page order (``value.getparent()`` is its
    element), read once per page: testing these values in Python finds elements by class far
    faster than an XPath that tests every element of the page."""
    return _CLASSES(doc.root)


def has_class_token(value: str, token: str) -> bool:
    """``contains(concat(' ', normalize-space(@class), ' '), ' token ')``."""
    return token in value and token in _XML_SPACE.split(value)


def by_class(doc: Document, test: Callable[[str], bool]) -> list[Any]:
    """The elements whose class value passes ``test``, in page order."""
    return [value.getparent() for value in class_values(doc) if test(value)]


# The tags whose elements the article reads page-wide: found in one walk of the page.
_INDEXED_TAGS = ("a", "abbr", "article", "details", "h1", "link", "time")


@per_page
def _tag_index(doc: Document) -> dict[str, list[Any]]:
    index: dict[str, list[Any]] = {name: [] for name in _INDEXED_TAGS}
    for el in doc.root.iter(*_INDEXED_TAGS):
        index[el.tag].append(el)
    return index


def by_tag(doc: Document, tag: str) -> list[Any]:
    """``//tag`` for one of the indexed tags: its elements, in page order."""
    return list(_tag_index(doc)[tag])


@dataclass(frozen=True, slots=True)
class Tagged:
    """``//tag[test]``: the page's elements of an indexed tag that pass ``test``."""

    tag: str
    test: Callable[[Any], bool] | None = None

    def select(self, doc: Document) -> list[Any]:
        found = by_tag(doc, self.tag)
        return found if self.test is None else [el for el in found if self.test(el)]


@dataclass(frozen=True, slots=True)
class Itemprop:
    """``//*[@itemprop='value']``: found among the page's itemprop values, read once per page."""

    value: str

    def select(self, doc: Document) -> list[Any]:
        return by_itemprop(doc, self.value)


@dataclass(frozen=True, slots=True)
class RdfaDate:
    """``//*[@content][@property]`` in the page (not a ``<meta>``: those are read before the
    dateline, by name) whose property is a date of making (Drupal's "dc:date dc:created")."""

    def select(self, doc: Document) -> list[Any]:
        return [el for el in _RDFA_DATES(doc.root) if rdfa_date(el.get("property"))]


_RDFA_DATES = etree.XPath("//@property[contains(., 'date') or contains(., 'created') or contains(., 'issued')]"
                          "/parent::*[@content][not(self::meta)]")
_ITEMPROPS = etree.XPath("//@itemprop")


@per_page
def _itemprop_index(doc: Document) -> dict[str, list[Any]]:
    index: dict[str, list[Any]] = {}
    for found in _ITEMPROPS(doc.root):
        index.setdefault(str(found), []).append(found.getparent())
    return index


def by_itemprop(doc: Document, value: str) -> list[Any]:
    """The elements whose ``itemprop`` is ``value``, in page order."""
    return list(_itemprop_index(doc).get(value, ()))


@dataclass(frozen=True, slots=True)
class TokenWithin:
    """``//*[contains(@class, 'within')]//*[contains(concat(' ', normalize-space(@class), ' '), ' token ')]``:
    found among the page's class values."""

    token: str
    within: str

    def select(self, doc: Document) -> list[Any]:
        return [
            el for el in by_class(doc, lambda c: has_class_token(c, self.token))
            if any(self.within in (node.get("class") or "") for node in el.iterancestors())
        ]


# A test of a class value, or the elements of a tag, an itemprop value, or a class token within a
# class.
Lookup = Callable[[str], bool] | Tagged | Itemprop | TokenWithin | RdfaDate


def _select(doc: Document, path: Lookup) -> list[Any]:
    if isinstance(path, (Tagged, Itemprop, TokenWithin, RdfaDate)):
        return path.select(doc)
    return by_class(doc, path)


def schema_types(item: dict[str, Any]) -> set[str]:
    """A JSON-LD object's schema.org types, without their URL prefix."""
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def article_ld(doc: Document) -> dict[str, Any] | None:
    """The page's JSON-LD article object (the first one, which is the page's own article); else a
    WebPage that carries an article's fields (Yoast and CNN describe posts that way)."""
    for item in doc.json_ld:
        if schema_types(item) & ARTICLE_TYPES:
            return item
    for item in doc.json_ld:
        if schema_types(item) & {"WebPage", "ItemPage"} and (item.get("datePublished") or item.get("author")):
            return item
    return None


def _ld_by_id(doc: Document) -> dict[str, dict[str, Any]]:
    return {item["@id"]: item for item in doc.json_ld if isinstance(item.get("@id"), str)}


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """Names in a JSON-LD author/publisher value: a string, an object, a reference, or a list."""
    if isinstance(value, list):
        return [name for v in value for name in _ld_names(v, by_id)]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, dict):
            name = name.get("@value")
        return [name] if isinstance(name, str) else []
    return [value] if isinstance(value, str) else []


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or value.get("@id") or value.get("url")
    return norm_space(value) if isinstance(value, str) and value.strip() else None


def clean_name(raw: str | None) -> str | None:
    """A person's name from a byline or a meta value, or None for a URL, a site role or prose."""
    if not raw:
        return None
    text = norm_space(raw)
    if re.match(r"^(https?:|www\.)", text) or "@" in text and " " not in text:
        return None
    text = _BY.sub("", text)
    text = _BYLINE_TAIL.sub("", text).strip(" ,;:|-–—·")
    if len(text.split()) > 6 and "," in text:  # "Name, Senior Staff Technologist, …": the name
        text = text.split(",")[0].strip()
    if not text or len(text) > 80 or len(text.split()) > 6 or _NOT_NAMES.match(text):
        return None  # prose or a role, not a name
    if not re.search(r"[^\W\d_]", text) or re.search(r"\b(?:19|20)\d\d\b", text):
        return None  # a number or a dateline
    return text


def split_names(text: str) -> list[str]:
    """``"A, B and C"`` → three names; a single "Surname, Given" stays one name."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|&)\s*", text) if p.strip()]
    if len(parts) == 2 and all(len(p.split()) == 1 for p in parts) and "," in text:
        return [text]
    return parts


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            out.append(name)
    return out


@per_page
def _meta_map(doc: Document) -> dict[str, str]:
    """Every ``<meta name|property|itemprop content>`` of the page, first value per key (read
    once per page: the article reads dozens of keys)."""
    found: dict[str, str] = {}
    for node in doc.root.iter("meta"):
        value = (node.get("content") or "").strip()
        if value:
            for key in (node.get("property"), node.get("name"), node.get("itemprop")):
                if key:
                    found.setdefault(key, value)
    return found


def _meta_any(doc: Document, *names: str) -> str | None:
    values = _meta_map(doc)
    for name in names:
        value = values.get(name)
        if value:
            # Some CMSs escape twice: "&raquo;" arrives as text.
            return html.unescape(value) if "&" in value else value
    return None


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
# "February 24, 2020 | 9:25pm", "Apr 16, 2015 8:02 pm UTC", "5 March 2024", "June 25, 2024": the
# English datelines of most news pages, read without dateparser (which takes milliseconds each).
_EN_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[a-z]{3})[a-z]*\.?,?|(?P<m2>[a-z]{3})[a-z]*\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?)"
    r"\s+(?P<y>\d{4})(?:\s*(?:[|,@–-]|at)?\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})\s*(?P<ap>[ap]\.?m\.?)?)?(?P<rest>.*)$",
    re.I,
)


def _english_date(text: str, ctx: ParseContext) -> ResolvedDate | None:
    match = _EN_DATE.search(text)
    if not match or (match["rest"].strip() and match["rest"].strip().upper() not in ("UTC", "GMT")):
        return None
    month = _MONTHS.get((match["m1"] or match["m2"]).lower())
    if month is None:
        return None
    day, year = int(match["d1"] or match["d2"]), int(match["y"])
    hour, minute = (int(match["h"]), int(match["mi"])) if match["h"] else (0, 0)
    if match["ap"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ap"].lower().startswith("p") else 0)
    zone = timezone.utc if match["rest"].strip() else ctx.timezone
    try:
        value = datetime(year, month, day, hour, minute, tzinfo=zone)
    except ValueError:
        return None
    return ResolvedDate(text, value, "minute" if match["h"] else "day", "absolute")


def _resolve_text(text: str, ctx: ParseContext) -> ResolvedDate:
    """A displayed date: the common English forms directly, anything else through ``ctx.resolve``."""
    quick = _english_date(text, ctx) if ctx.hints.languages[:1] == ("en",) else None
    return quick or ctx.resolve(text)


def _date(value: str | None, ctx: ParseContext) -> ResolvedDate | None:
    if not value:
        return None
    resolved = from_attribute(value, ctx.timezone)
    if resolved.value is None:
        resolved = _resolve_text(value, ctx)
    return resolved if resolved.value is not None else None


# -- visible byline and dateline -------------------------------------------------------------

# Where a byline or dateline is, most reliable first: a test of an element's class value (the
# same elements in page order as ``//*[contains(@class, …)]``, found faster), or a page lookup
# (each the XPath in its comment or docstring).
_BYLINE_XPATH: tuple[Lookup, ...] = (
    Itemprop("author"),
    Tagged("a", lambda a: a.get("rel") == "author"),  # //a[@rel='author']
    lambda c: has_class_token(c, "byline"),
    lambda c: "byline" in c,
    lambda c: has_class_token(c, "author"),
    lambda c: "author-name" in c or "authorname" in c or "author_name" in c,
    TokenWithin("fn", "vcard"),
    lambda c: "post-author" in c or "entry-author" in c or "article-author" in c,
    lambda c: "auteur" in c or "autor" in c,
)
_DATE_XPATH: tuple[Lookup, ...] = (
    Itemprop("datePublished"),
    RdfaDate(),
    # //time[@datetime][contains(@class, 'publish') or contains(@class, 'entry-date') or @pubdate]
    Tagged("time", lambda t: t.get("datetime") is not None and (
        "publish" in (t.get("class") or "") or "entry-date" in (t.get("class") or "") or t.get("pubdate") is not None)),
    # //abbr[contains(@class, 'published')][@title]
    Tagged("abbr", lambda a: "published" in (a.get("class") or "") and a.get("title") is not None),
    lambda c: "published" in c or "entry-date" in c or "post-date" in c or "dateline" in c,
    Tagged("time", lambda t: t.get("datetime") is not None),  # //time[@datetime]
    lambda c: "date" in c and "update" not in c,
)
# Comment sections, related-article lists and sidebars, whose bylines and dates are not the article's.
# Whole class tokens only: "post-footer" and "entry-footer" hold the article's own byline.
_ASIDE_TOKEN = re.compile(
    r"^(?:comments?|comment-?(?:list|area|section|s-area|s-section|thread)|commentlist|disqus\S*|"
    r"related\S*|\S*-related|sidebar\S*|\S*-sidebar|widget_\S+|widget-area|site-footer|page-footer|global-footer|"
    r"footer|recommend\S*|popular\S*|trending\S*|teasers?|promo\S*|more-stories|newsletter\S*)$",
    re.I,
)


def in_aside(el: Any) -> bool:
    ancestors = list(el.iterancestors())
    # An <aside> or <footer> inside the article holds its own byline; outside, the page's.
    inside_article = any(node.tag == "article" for node in ancestors)
    for node in ancestors:
        tag = node.tag
        if tag == "nav" or (tag in ("footer", "aside") and not inside_article):
            return True
        tokens = f"{node.get('class', '')} {node.get('id', '')}".split()
        if any(_ASIDE_TOKEN.match(t) for t in tokens):
            return True
    return False


def _byline_names(doc: Document) -> list[str]:
    for path in _BYLINE_XPATH:
        for el in _select(doc, path):
            if in_aside(el):
                continue
            if el.get("itemprop") == "author":
                inner = xpath(el, ".//*[@itemprop='name']")
                raw = (inner[0].get("content") or text_of(inner[0])) if inner else (el.get("content") or text_of(el))
            else:
                raw = text_of(el)
            raw = raw.split("\n")[0] if "\n" in raw and len(raw) > 80 else raw.replace("\n", " ")
            name = clean_name(raw)
            if name:
                return _unique(split_names(name))
    return []


_BY_WORDS = ("By", "by", "Par", "par", "Von", "von", "Door", "door", "Por", "por", "Written by", "Posted by")
_BODY_TEXTS = etree.XPath("//body//text()")
_BY_PREFIXES = tuple(f"{w} " for w in _BY_WORDS)
_BY_INITIALS = frozenset(w[0] for w in _BY_WORDS)


def _by_texts(doc: Document) -> list[Any]:
    """The body's short texts that are or start with a "by" word, in page order: the XPath
    ``//body//text()[string-length(normalize-space()) < 80][normalize-space()='By' or
    starts-with(normalize-space(), 'By ') or …]``, with the test run here on each text (much
    faster than the XPath's string functions on every text of the page)."""
    found = []
    for text in _BODY_TEXTS(doc.root):
        if text.lstrip(" \t\r\n")[:1] not in _BY_INITIALS:
            continue
        normal = _XML_SPACE.sub(" ", text).strip(" ")
        if len(normal) < 80 and (normal in _BY_WORDS or normal.startswith(_BY_PREFIXES)):
            found.append(text)
    return found


def _by_text_names(doc: Document) -> list[str]:
    """A byline without markup: a short text that starts with "By", "Par", "Von"."""
    for text in _by_texts(doc)[:10]:
        el = text.getparent()
        if el is None or el.tag in ("script", "style", "option", "title") or in_aside(el):
            continue
        # "By " and the name are often split: "by <a>Name</a>"
        if text.is_text:
            line = text_of(el)
        elif el.getnext() is not None:  # a tail: the name is in the element after it
            line = f"{text} {text_of(el.getnext())}"
        else:
            line = str(text)
        name = clean_name(line.split("\n")[0])
        if name and name[:1].isupper():
            return _unique(split_names(name))
    return []


def _post_author_comment(doc: Document) -> list[str]:
    """WordPress marks a comment by the post's author with ``bypostauthor``: on a single-author
    blog that shows no byline, its name is the author's."""
    for comment in by_class(doc, lambda c: has_class_token(c, "bypostauthor"))[:1]:
        name = xpath(comment, ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]")
        found = clean_name(text_of(name[0])) if name else None
        if found:
            return [found]
    return []


@per_page
def _found_dates(doc: Document) -> dict[Any, list[Any]]:
    return {}


def _date_candidates(doc: Document) -> Iterator[list[Any]]:
    """The first five matches of each dateline lookup in turn, each found once per page: the
    dateline and the displayed date both go through them."""
    found = _found_dates(doc)
    for path in _DATE_XPATH:
        if path not in found:
            found[path] = _select(doc, path)[:5]
        yield found[path]


def _dateline(doc: Document, ctx: ParseContext) -> ResolvedDate | None:
    for candidates in _date_candidates(doc):
        for el in candidates:
            if in_aside(el):
                continue
            machine = el.get("datetime") or el.get("content") or (el.get("title") if el.tag == "abbr" else None)
            resolved = _date(machine, ctx) if machine else None
            if resolved is None:
                text = norm_space(text_of(el))
                if 6 <= len(text) <= 60 and re.search(r"\d", text):
                    resolved = _date(text, ctx)
            if resolved is not None:
                return resolved
    return None


def _display_date(doc: Document, ctx: ParseContext) -> ResolvedDate | None:
    """The publication date as the page shows it (text, not an attribute)."""
    for candidates in _date_candidates(doc):
        for el in candidates:
            text = norm_space(text_of(el))
            if 6 <= len(text) <= 60 and re.search(r"\d", text) and not in_aside(el):
                resolved = _resolve_text(text, ctx)
                if resolved.value is not None:
                    return resolved
    return None


def _localise(published: ResolvedDate, doc: Document, ctx: ParseContext) -> ResolvedDate:
    """A UTC publication time made local with the page's own display of it: the display's clock
    gives the site's offset; a display with only a day, one day off, names the local day."""
    value = published.value
    if value is None or value.utcoffset() or published.precision != "second" or ctx.timezone_given:
        return published
    shown = _display_date(doc, ctx)
    if shown is None or shown.value is None:
        return published
    if shown.precision in ("minute", "second"):
        return combine(published.raw, shown.raw, ctx.fetched_at, ctx.timezone, ctx.hints)
    if abs((shown.value.date() - value.date()).days) == 1:
        return shown
    return published


def _htmldate(doc: Document, ctx: ParseContext) -> ResolvedDate | None:
    """htmldate's reading of the page (its quick mode: markup, title, URL and obvious text)."""
    from htmldate import find_date

    try:
        found = find_date(doc.root, url=ctx.url, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises assorted errors on odd pages; a date is optional
        return None
    return from_attribute(found, ctx.timezone) if found else None


def _url_date(url: str | None, ctx: ParseContext) -> ResolvedDate | None:
    """``/2019/11/14/slug``: many blogs put the publication day in the permalink."""
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return from_attribute(f"{year:04d}-{month:02d}-{day:02d}", ctx.timezone, raw=match.group(0).strip("/"))


# -- title -------------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _ld_headline(ld: dict[str, Any], page_title: str | None) -> str | None:
    """JSON-LD ``headline``, or ``name`` when the two differ and the name is nearer the page title
    (Wikipedia puts a description in ``headline``)."""
    headline, name = _ld_text(ld.get("headline")), _ld_text(ld.get("name"))
    if headline and name and headline != name and page_title:
        words = _words(page_title)
        if len(_words(name) & words) > len(_words(headline) & words):
            return name
    return headline or name


def choose_title(doc: Document, ld: dict[str, Any]) -> str | None:
    """The declared headline (JSON-LD, Dublin Core, OpenGraph, Twitter, Parse.ly), which carries no
    site name; else the page's ``<title>``; else the first ``<h1>`` (last, since on many blogs the
    h1 is the blog's name)."""
    # A WebPage's name is the page title with the site's name; only an article's headline counts.
    headline = _ld_headline(ld, doc.title) if schema_types(ld) & ARTICLE_TYPES else None
    for candidate in (
        headline,
        _meta_any(doc, "dc:title", "DC.title", "dc.title", "dcterm:title"),
        _meta_any(doc, "og:title"), _meta_any(doc, "twitter:title"), _meta_any(doc, "parsely-title"),
        _meta_any(doc, "sailthru.title"), html.unescape(doc.title or ""),
    ):
        if candidate and norm_space(candidate):
            return norm_space(candidate)
    headings = [h for h in (norm_space(text_of(h)) for h in by_tag(doc, "h1")[:5]) if h]
    return headings[0] if headings else None


# -- all sources ------------------------------------------------------------------------------


def page_language(doc: Document, ld: dict[str, Any] | None = None) -> str | None:
    language = _ld_text((ld or {}).get("inLanguage")) or doc.root.get("lang") or doc.root.get("xml:lang") or _meta_any(
        doc, "og:locale", "language", "content-language", "dc.language")
    return language.strip().replace("_", "-") if language and language.strip() else None


def page_context(doc: Document, ctx: ParseContext) -> ParseContext:
    """The context with date hints for the page's language (German month names, day-first dates),
    unless the caller gave hints of its own."""
    language = page_language(doc, article_ld(doc))
    if not language or ctx.hints != DateHints():
        return ctx
    return dataclasses.replace(ctx, hints=DateHints.for_locale(language))


def extract(doc: Document, ctx: ParseContext) -> ArticleMeta:
    meta = ArticleMeta()
    ld = article_ld(doc) or {}
    by_id = _ld_by_id(doc) if ld else {}

    meta.title = choose_title(doc, ld)

    # Authors
    names = [clean_name(n) for n in _ld_names(ld.get("author") or ld.get("creator"), by_id)]
    authors = [n for n in names if n]
    if not authors:
        raw = _meta_any(doc, "dc:creator", "DC.creator", "dc.creator", "author", "article:author",
                        "og:article:author", "article:author_name", "parsely-author", "sailthru.author", "byl")
        name = clean_name(raw)
        authors = split_names(name) if name else []
    if not authors:
        authors = _byline_names(doc) or _by_text_names(doc) or _post_author_comment(doc)
    meta.authors = _unique(authors)

    # Dates
    meta.published = (
        _date(_ld_text(ld.get("datePublished")) or _ld_text(ld.get("dateCreated")), ctx)
        or _date(_meta_any(doc, "article:published_time", "og:published_time", "datePublished",
                           "article.published", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
                           "publish-date", "date", "dc.date", "DC.date", "dc.date.issued", "DC.date.issued",
                           "dcterms.created", "dcterms.date", "citation_publication_date"), ctx)
        or _dateline(doc, ctx)
        or _htmldate(doc, ctx)
        or _url_date(ctx.url, ctx)
    )
    if meta.published is not None:
        meta.published = _localise(meta.published, doc, ctx)
    meta.modified = _date(_ld_text(ld.get("dateModified")), ctx) or _date(
        _meta_any(doc, "article:modified_time", "og:updated_time", "dateModified", "last-modified"), ctx
    )

    # Site, canonical URL, language, tags
    publisher = _ld_names(ld.get("publisher"), by_id)
    websites = [item.get("name") for item in doc.json_ld if "WebSite" in schema_types(item) and isinstance(item.get("name"), str)]
    meta.site_name = norm_space(_meta_any(doc, "og:site_name", "application-name") or (publisher or websites or [None])[0]) or None
    # //link[translate(@rel,'CANONICAL','canonical')='canonical']/@href
    canonical = [
        link.get("href") for link in by_tag(doc, "link")
        if (link.get("rel") or "").translate(_CANONICAL_CASE) == "canonical" and link.get("href") is not None
    ]
    url = canonical[0] if canonical else (_meta_any(doc, "og:url") or _ld_text(ld.get("url")))
    meta.url = doc.absolute(url) if url else None
    meta.language = page_language(doc, ld)
    meta.tags = _tags(doc, ld)
    image = ld.get("image")
    meta.image = _ld_text(image.get("url") if isinstance(image, dict) else image) or _meta_any(doc, "og:image")
    return meta


_CANONICAL_CASE = str.maketrans("CANONICAL", "canonical")


def _rel_tag(a: Any) -> bool:
    """``//a[@rel='tag' or contains(@rel, ' tag')]``."""
    rel = a.get("rel")
    return rel is not None and (rel == "tag" or " tag" in rel)


def _tags(doc: Document, ld: dict[str, Any]) -> list[str]:
    keywords = ld.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    tags = [k for k in keywords if isinstance(k, str)] if isinstance(keywords, list) else []
    if not tags:
        tags = [n.get("content", "") for n in doc.root.iter("meta") if n.get("property") == "article:tag"]
    if not tags:
        tags = [a.text_content() for a in Tagged("a", _rel_tag).select(doc)]
    if not tags:
        raw = doc.meta("news_keywords") or doc.meta("keywords") or ""
        tags = raw.split(",")
    tags = [norm_space(html.unescape(t)) for t in tags]
    return _unique([t for t in tags if t and not t.startswith("/")])[:50]
