"""The article body: trafilatura finds the main content (once per page, without its own metadata
pass), and we turn its XML into clean HTML, block-aware text, headings and images."""

from __future__ import annotations

import logging
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..html import Document, html_of, norm_space, remove, text_of, xpath
from . import trafilatura_speedups
from .meta import by_tag, class_values, has_class_token, in_aside

# trafilatura logs every page it finds too short at WARNING: that is our decision to report.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(slots=True)
class Body:
    text: str = ""
    html: str | None = None
    element: Any = None
    headings: list[str] = field(default_factory=list)


# Page parts that are never the article's words, which trafilatura sometimes keeps: photo
# captions and credits (``<figcaption>``, and elements whose class names a caption).  trafilatura
# copies the tree it is given before anything else, so they are cut from the page itself for that
# copy (in the order, and with the tail handling, of trafilatura's ``prune_xpath``) and put back
# after: one copy of the page instead of two.
_CAPTION_CLASSES = ("wp-caption-text", "image-caption", "photo-caption", "img-caption")


def _caption_class(value: str) -> bool:
    return has_class_token(value, "caption") or ("caption" in value and any(name in value for name in _CAPTION_CLASSES))


@contextmanager
def _captions_cut(doc: Document) -> Iterator[Any]:
    """The page's root without its captions while the block runs; the page is whole again after.
    (A caption inside a figcaption already cut is cut from that figcaption: no change to the page.)"""
    from trafilatura.xml import delete_element

    undo: list[tuple[Any, int, Any, Any, str | None]] = []
    captions = list(doc.root.iter("figcaption"))
    captions += [value.getparent() for value in class_values(doc) if _caption_class(value)]
    try:
        for el in captions:
            parent = el.getparent()
            if parent is None:
                continue
            previous = el.getprevious()
            undo.append((parent, parent.index(el), el, previous, parent.text if previous is None else previous.tail))
            delete_element(el)  # its tail goes to the previous sibling or the parent, as trafilatura does
        yield doc.root
    finally:
        for parent, index, el, previous, text in reversed(undo):
            if previous is None:
                parent.text = text
            else:
                previous.tail = text
            parent.insert(index, el)  # lxml moves the element with its own tail


# Lines that introduce page furniture, not the article: the line goes, and so does the list of
# links that follows a "Related" heading.
_FURNITURE = re.compile(
    r"(?:related(?: articles?| posts?| stories| content| coverage| links| reading)?(?::.*)?|"
    r"you (?:may|might) also like.*|more from .{0,40}|more stories|read more(?:.{0,40}|:.*)|read also:.*|"
    r"also (?:on|read|see)\b.*|also:.*|explore further|recommended(?: for you| stories| articles)?|"
    r"see more:.*|more:|don'?t miss|most (?:popular|read)|popular posts|trending(?: now)?|"
    r"order reprints|print article|click here to .*|get the .{0,30}app|sign up for .*|subscribe to .*|"
    r"advertisement|sponsored|comments?|\d+ comments?|leave a (?:reply|comment)|tell us what you think.*|"
    r"like this (?:story|article|post)\?.*|share (?:this|on|it) .{0,40}|share:?|tags?:.{0,200}|filed under:?.{0,200}|"
    r"\(?(?:reporting|writing|editing|additional reporting) by .*|"
    r"(?:copyright\s*)?[©ⓒ].{0,150}|copyright\W+(?:\w+\W+){0,4}(?:19|20)\d\d\b.{0,120}|all rights reserved\.?|"
    r"follow (?:us|\w+(?: \w+){0,3}) on (?:facebook|twitter|instagram|x)\b.*|powered by \w+(?: \w+)?|"
    r"(?:jump|skip) to (?:navigation|search|(?:main )?content)|"
    r"(?:reading time|tempo de leitura|lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d+.{0,20}|\d+ min(?:ute)?s? read)",
    re.I,
)


def _drop_furniture(body: Any) -> None:
    for el in list(body.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")):
        if el.getparent() is None:
            continue
        text = norm_space(text_of(el)).strip(" .!|[]›»")
        if not text or len(text) > 200 or not _FURNITURE.fullmatch(text):
            continue
        following = el.getnext()
        if el.tag in _HEADINGS or len(text) < 40:
            if following is not None and following.tag in ("ul", "ol"):
                remove(following)
        remove(el)


def _link_density(el: Any) -> float:
    text = len(norm_space("".join(el.itertext())))
    linked = sum(len(norm_space("".join(a.itertext()))) for a in el.iter("a"))
    return linked / text if text else 0.0


def _trim_link_lists(body: Any) -> None:
    """Lists of links at the ends of the body are related-article lists and breadcrumbs."""
    for blocks in (lambda: list(body)[::-1], lambda: list(body)):
        for el in blocks():
            if len(body) <= 1 or _link_density(el) < 0.7 or len(norm_space("".join(el.itertext()))) > 1000:
                break
            remove(el)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _drop_title(body: Any, title: str | None) -> None:
    """The headline is the thread's title, not part of the body: drop it where the body starts
    with it."""
    key = _key(title or "")
    if not key:
        return
    for el in list(body)[:3]:
        text = _key(text_of(el))
        if text and (text == key or (el.tag in _HEADINGS and text in key) or (el.tag == "h1" and _alike(text, key))):
            remove(el)
            return


def _alike(a: str, b: str) -> bool:
    """Headline and title share most words (sites often shorten or reword one of them)."""
    wa, wb = a.split(), b.split()
    shared = sum((Counter(wa) & Counter(wb)).values())
    return 4 * shared >= len(wa) + len(wb)


# A dateline ("24 July 2015", "Published 18 November 2019", "08.04.2015 12:46"): a year and at
# least one more number, and few letters beside them.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBERS = re.compile(r"\d+")


def _dateline(text: str) -> bool:
    if len(text) > 60 or not _YEAR.search(text) or len(_NUMBERS.findall(text)) < 2:
        return False
    return len(re.sub(r"[\W\d_]+", "", text)) <= 30


def _drop_leading_datelines(body: Any) -> None:
    """The page's dateline, kept by trafilatura at the top of the body, is metadata (the post's
    date), not the article's words."""
    if body.text and _dateline(norm_space(body.text)):
        body.text = None
    for el in list(body)[:3]:
        if el.tail and _dateline(norm_space(el.tail)):
            el.tail = None
        if el.tag not in ("table", "ul", "ol") and _dateline(norm_space(text_of(el))):
            remove(el)


_SHORT = 500  # characters


def _menu_dump(text: str) -> bool:
    """The fast pass sometimes returns a whole page of navigation: many lines, nearly all of
    them one to three words long (menu entries), where an article has sentences."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 50 and sum(len(line.split()) <= 3 for line in lines) >= 0.9 * len(lines)


def extract(doc: Document, title: str | None = None) -> Body:
    from trafilatura import bare_extraction
    from trafilatura.htmlprocessing import convert_to_html

    trafilatura_speedups.install()
    # Images stay out of trafilatura's run: with them it keeps photo galleries as text.  The "txt"
    # format skips its own text rendering, which we do from the HTML instead.
    def run(tree: Any, fast: bool) -> Any:
        return bare_extraction(
            tree,
            url=doc.url,
            fast=fast,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=True,
            include_formatting=True,
            with_metadata=False,
        )

    # trafilatura's fast pass is right for most pages; a short result (a few paragraphs at most)
    # gets the full run, whose readability and jusText fallbacks find bodies the fast pass misses.
    with _captions_cut(doc) as tree:
        result = run(tree, True)
        if result is None or result.body is None or len(result.raw_text or "") < _SHORT or _menu_dump(result.raw_text):
            result = run(tree, False)
    if result is None or result.body is None or not len(result.body):
        return Body()
    root = convert_to_html(result.body)
    body = root.find("body")
    body.tag = "div"
    _drop_title(body, title)
    _drop_leading_datelines(body)
    _drop_furniture(body)
    _trim_link_lists(body)
    headings = [h for h in (norm_space(text_of(el)) for el in body.iter(*_HEADINGS)) if h]
    return Body(text_of(body, text_lines=True), html_of(body, doc.base_url), body, headings)


_NOT_CONTENT_IMAGE = re.compile(
    r"avatar|logo|icon|sprite|emoji|gravatar|badge|pixel|spacer|banner|\bads?\b|pinit|pinterest|share|button|/blank\.", re.I
)


def _image_src(doc: Document, img: Any) -> str | None:
    src = img.get("src") or ""
    if not src or src.startswith("data:"):  # lazy loading puts a placeholder in src
        src = img.get("data-src") or img.get("data-lazy-src") or img.get("data-original") or src
    if not src or src.startswith("data:"):
        return None
    return doc.absolute(src)


def images(doc: Document, lead_image: str | None) -> tuple[list[str], dict[str, str]]:
    """The article's images (its lead image first) and the captions of those that have one.

    Images are read from the page, not from trafilatura's text: within the ``<article>`` element
    when there is one, else the page's ``<figure>``s; icons, avatars and logos are left out."""
    containers = [a for a in by_tag(doc, "article") if not in_aside(a)][:1] or [doc.root]
    lead = doc.absolute(lead_image) if lead_image and not _NOT_CONTENT_IMAGE.search(lead_image) else None
    found: list[str] = [lead] if lead else []
    captions: dict[str, str] = {}
    path = ".//img" if containers[0] is not doc.root else ".//figure//img"
    for img in xpath(containers[0], path):
        if in_aside(img) or _NOT_CONTENT_IMAGE.search(f"{img.get('class', '')} {img.get('src', '')}"):
            continue
        if (img.get("width") or "").isdigit() and int(img.get("width")) < 64:
            continue
        src = _image_src(doc, img)
        if not src:
            continue
        if src not in found:
            found.append(src)
        figure = next((a for a in img.iterancestors() if a.tag == "figure" or "wp-caption" in (a.get("class") or "")), None)
        caption = xpath(figure, ".//figcaption | .//*[contains(@class, 'caption')]") if figure is not None else []
        text = norm_space(text_of(caption[0])) if caption else ""
        if text:
            captions.setdefault(src, text)
    return found[:50], captions
