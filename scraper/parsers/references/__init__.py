"""References in a post: identifiers (DOI, PMID, PMCID, arXiv, ISBN), links, written-out
citations and mentions of authors in prose.  Pure functions of a post's own words (its text,
and its HTML element when there is one).

``extract(text, element)`` returns one :class:`RefDraft` per distinct key, in reading order.
Keys are normalised so that the same paper cited in many posts groups together: ``doi:<doi>``,
``pmid:<n>``, ``pmcid:PMC<n>``, ``arxiv:<id>``, ``isbn:<isbn-13>``, ``url:<host/path?query>``,
``cite:<title words>`` for a citation without an identifier, ``mention:<surname>[:<year>]``.
"""

from __future__ import annotations

import re
from typing import Any

from . import citations, identifiers, mentions, names, styles
from .draft import RefDraft

__all__ = ["RefDraft", "extract", "normalise_doi"]

normalise_doi = identifiers.normalise_doi

# Nothing to find without a digit (identifiers, years), a link or a mention cue: two cheap
# scans decide that for most posts.
_DIGIT = re.compile(r"\d")
_CUES = ("http", "www.", "et al", "et. al", "colleague", "co-work", "coworker", "co-author", "coauthor", "collaborator", "by ")


def _may_cite(text: str) -> bool:
    # ``in`` finds an ASCII digit with memchr, a third of a regex scan; only a text with other
    # characters can hold the other digits that ``\d`` matches.
    if any(digit in text for digit in "0123456789") or (not text.isascii() and _DIGIT.search(text)):
        return True
    lower = text.lower()
    return any(cue in lower for cue in _CUES)


# Quote attributions an engine may leave in a post's text ("Bob said:", "Originally Posted by
# Bob"), and XenForo's copied quote ("Bob said: … Click to expand..."): not the post's words.
_QUOTE_BLOCK = re.compile(r"(?m)^[^\n]{1,80}? said:\s.*?Click to expand\.\.\.", re.S)
_QUOTE_LINE = re.compile(
    r"(?m)^(?:Quote(?: from)?:?\s*)?(?:Originally Posted by\s+[^\n]{1,80}|[^\n]{1,80}?\b(?:said|wrote)\s*:"
    r"|On [^\n]{4,60}?,\s*[^\n]{1,60}?\s+(?:said|wrote)\s*:)\s*(?:↑[^\n]*)?$"
)
_NOT_NEWLINE = re.compile(r"[^\n]")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_PRIORITY = {"doi": 0, "pmid": 1, "pmcid": 2, "arxiv": 3, "isbn": 4, "url": 5}


def own_words(text: str) -> str:
    """The text without quote attributions an engine left in, same length so offsets stay put."""
    # Each pattern runs only when the words it needs are in the text: scanning every line of a
    # post with them costs more than the rest of the reference search.
    blank = lambda m: _NOT_NEWLINE.sub(" ", m.group(0))  # noqa: E731
    if "Click to expand..." in text and " said:" in text:
        text = _QUOTE_BLOCK.sub(blank, text)
    if "Originally Posted by" in text or (":" in text and ("said" in text or "wrote" in text)):
        text = _QUOTE_LINE.sub(blank, text)
    return text


def extract(text: str, element: Any = None) -> list[RefDraft]:
    """All references of one post's own words, one per distinct key, in reading order."""
    text = own_words(text or "")
    found: list[identifiers.Found] = []
    if element is not None:
        found += identifiers.in_links(element)
        _locate_links(text, found)
    if _may_cite(text):
        found += _text_identifiers(text, found)
    elif not found:
        return []

    written = [(f.start, f.end) for f in found if f.start >= 0 and f.anchor_text is None]
    linked = [(f.start, f.end) for f in found if f.start >= 0 and f.anchor_text is not None]
    papers = [(f.start, f.end) for f in found if f.start >= 0 and f.ref.kind != "url"]
    pasted = citations.find(text, written, linked, papers)
    formatted = [c for c in styles.find(text) if not any(p.start < c.end and c.start < p.end for p in pasted)]
    cited = sorted(pasted + formatted, key=lambda c: c.start)

    refs, claimed = _citation_refs(text, cited, found)
    refs += [(f.start if f.start >= 0 else len(text), f.ref) for i, f in enumerate(found) if i not in claimed]
    refs += _mention_refs(text, written + [(c.start, c.end) for c in cited], found)
    return _distinct(refs)


def _locate_links(text: str, links: list[identifiers.Found]) -> None:
    """Where each link's text sits in the post text (links and text are both in reading order)."""
    cursor = 0
    for item in links:
        # A short link text ("1", "here") would be found anywhere: such links stay unplaced.
        if item.anchor_text and len(item.anchor_text) >= 4:
            at = text.find(item.anchor_text, cursor)
            if at >= 0:
                item.start, item.end = at, at + len(item.anchor_text)
                cursor = item.end


def _citation_refs(
    text: str, cited: list[citations.Citation], found: list[identifiers.Found]
) -> tuple[list[tuple[int, RefDraft]], set[int]]:
    """A record per written-out citation: its identifier's record (a DOI first) gets the fields;
    without an identifier it is a record of kind citation.  Also which of ``found`` were used."""
    out = []
    claimed: set[int] = set()
    for citation in cited:
        inside = [i for i, f in enumerate(found) if citation.start <= f.start < citation.end and i not in claimed]
        if inside:
            carrier = min(inside, key=lambda i: (_PRIORITY.get(found[i].ref.kind, 9), found[i].start))
            claimed.add(carrier)
            ref = found[carrier].ref
        else:
            ref = RefDraft("citation", f"cite:{names.title_key(citation.title)}", raw=text[citation.start : citation.end].strip())
        _fill(ref, citation, text)
        out.append((citation.start, ref))
    return out, claimed


def _mention_refs(text: str, skip: list[tuple[int, int]], found: list[identifiers.Found]) -> list[tuple[int, RefDraft]]:
    out = []
    links = [f for f in found if f.anchor_text is not None and f.start >= 0]
    for m in mentions.find(text, skip):
        # A linked "Niehr 2019" is the link's reference: the link record gets the name and year.
        link = next((f.ref for f in links if f.start <= m.start and m.end <= f.end), None)
        if link is not None:
            if link.surname is None:
                link.surname, link.year = m.surname, m.year
                link.authors = link.authors or list(m.authors)
            continue
        key = f"mention:{names.title_key(m.surname)}" + (f":{m.year}" if m.year else "")
        context = names.sentence_around(text, m.start, m.end)
        out.append((m.start, RefDraft("mention", key, raw=m.raw, authors=m.authors, surname=m.surname, year=m.year, context=context)))
    return out


def _text_identifiers(text: str, from_links: list[identifiers.Found]) -> list[identifiers.Found]:
    """Identifiers written in the text, without the display text of links already read."""
    anchor_texts = [f.anchor_text for f in from_links if f.anchor_text]
    out = []
    for item in identifiers.in_text(text):
        if item.ref.kind == "url" and any(item.ref.raw in a for a in anchor_texts):
            continue
        out.append(item)
    return out


def _fill(ref: RefDraft, citation: citations.Citation, text: str) -> None:
    ref.title = citation.title
    ref.authors = list(citation.authors)
    ref.published = citation.published
    ref.published_date = citation.published_date
    ref.journal = citation.journal
    ref.note = citation.note
    ref.year = citation.year
    first = citation.authors[0] if citation.authors else None
    ref.surname = names.surname_of(first) if first else None
    ref.context = " ".join(text[citation.start : citation.end].split())


def _distinct(refs: list[tuple[int, RefDraft]]) -> list[RefDraft]:
    """One reference per key; a mention without a year yields to one of the same surname with it."""
    refs.sort(key=lambda item: item[0])
    by_key: dict[str, RefDraft] = {}
    for _, ref in refs:
        kept = by_key.get(ref.key)
        if kept is None:
            by_key[ref.key] = ref
        elif ref.title and not kept.title:
            # The same identifier again, now with the citation around it: keep the richer record.
            by_key[ref.key] = ref
    dated = {r.surname for r in by_key.values() if r.kind == "mention" and r.year}
    return [r for r in by_key.values() if not (r.kind == "mention" and not r.year and r.surname in dated)]


def snippet(content: str) -> tuple[str, Any]:
    """Text and element of a pasted snippet (HTML or plain text), quotes left out as engines do."""
    if "<" not in content or not _TAG.search(content):
        return content, None
    from ..html import Document, remove, text_of

    element = Document(f"<html><body><div>{content}</div></body></html>", None).css_first("body > div")
    for node in element.xpath(".//blockquote | .//*[contains(@class, 'quote')]"):
        remove(node)
    return text_of(element), element
