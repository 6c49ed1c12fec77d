"""Citations written out in a post: a pasted list of papers, one record per paper.

A pasted entry is anchored on its "Published <date>" line.  What comes before the anchor (back to
the end of the previous entry) is the head: title, perhaps the author list and the venue; what
follows is the tail: identifiers, the author list and a labelled note ("Key finding: …").  The
post may be one line (copied text) or have line breaks (HTML blocks, <br>): a line break ends a
note, and a sentence end separates one entry's note from the next entry's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import names

_PUBLISHED = re.compile(
    r"(?<![\w-])(?:Published(?:\s+online)?|PUBLISHED|First published|Publication date|Date of publication|"
    rf"Epub(?:lished)?(?:\s+ahead of print)?)\s*(?:on\s+|:\s*|-\s+)?(?P<date>{names.DATE})"
)
_NOTE_LABEL = re.compile(
    r"(?<![\w-])(?:Key (?:findings?|takeaways?|points?|results?|message)|Main findings?|Findings?|Summary|"
    r"Conclusions?|TL;?DR|Takeaways?|Bottom line|Why it matters|Note)\s*:\s*",
    re.I,
)
# Publishers printed beside the journal on article pages ("Springer Nature Inflammopharmacology").
_PUBLISHERS = re.compile(
    r"^(?:Springer Nature|Springer(?:-Verlag)?|Elsevier(?: B\.V\.)?|Wiley(?:-Blackwell)?|Taylor (?:&|and) Francis|MDPI|"
    r"Frontiers(?: Media)?|BioMed Central|BMC|SAGE(?: Publications)?|Oxford University Press|Cambridge University Press|"
    r"Nature (?:Publishing Group|Portfolio)|Wolters Kluwer|Lippincott Williams (?:&|and) Wilkins|PLOS|"
    r"Public Library of Science|Hindawi|Karger|Thieme|Cell Press|BMJ(?: Publishing Group)?|De Gruyter|"
    r"Dove Medical Press|Bentham Science|IOS Press|JAMA Network|Mary Ann Liebert|Cureus|Spandidos|IMR Press|MRE Press)"
    r"(?:\s+|$)"
)
_BULLET = re.compile(r"^(?:[-*•▪◦‣]|\[\d+\]|\d{1,3}[.)])\s+")
_MAX_TITLE_WORDS = 60


@dataclass(slots=True)
class Citation:
    start: int
    end: int
    title: str
    published: str
    published_date: str | None
    authors: list[str] = field(default_factory=list)
    journal: str | None = None
    note: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.published_date[:4]) if self.published_date else None


def find(text: str, spans: list[tuple[int, int]]) -> list[Citation]:
    """The pasted citations of a post; ``spans`` are where its identifiers are written."""
    if "ublish" not in text and "UBLISH" not in text and "Epub" not in text:
        return []
    anchors = list(_PUBLISHED.finditer(text))
    if not anchors:
        return []
    heads = []
    for i, anchor in enumerate(anchors):
        lo = anchors[i - 1].end() if i else 0
        heads.append(_head_start(text, lo, anchor.start(), spans))
    out = []
    for i, anchor in enumerate(anchors):
        tail_end = heads[i + 1] if i + 1 < len(anchors) else len(text)
        citation = _entry(text, heads[i], anchor, tail_end, spans)
        if citation:
            out.append(citation)
    return out


def _head_start(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> int:
    """Where an entry's title starts: after the previous sentence, note line or identifier."""
    start = lo
    ends = names.sentence_ends(text, lo, hi)
    if ends:
        start = ends[-1]
    labels = list(_NOTE_LABEL.finditer(text, lo, hi))
    if labels:
        newline = text.find("\n", labels[-1].end(), hi)
        if newline != -1:
            start = max(start, newline + 1)
    for s, e in spans:
        if lo <= s < hi and e <= hi:
            start = max(start, e)
    newline = text.rfind("\n", start, hi)
    # In a post with line breaks a title is one line, or the lines of title, authors and venue.
    while start < hi and text[start].isspace():
        start += 1
    del newline
    return start


def _entry(text: str, head_start: int, anchor: re.Match, tail_end: int, spans: list[tuple[int, int]]) -> Citation | None:
    head = " ".join(text[head_start : anchor.start()].split())
    head = _BULLET.sub("", head).strip(" -–—:|")
    title, authors, venue = _split_head(head)
    title = title.strip(" .,;:-–—|").strip("\"“”'‘’")
    if not title or len(title.split()) > _MAX_TITLE_WORDS:
        return None
    journal = _journal(venue) if venue else None

    end = anchor.end()
    tail_start = anchor.end()
    label = _NOTE_LABEL.search(text, tail_start, tail_end)
    before_note_end = label.start() if label else _line_or_sentence_end(text, tail_start, tail_end)
    # Identifiers between the date and the note are skipped; the rest is the author list.
    pieces, cursor = [], tail_start
    for s, e in sorted(spans):
        if tail_start <= s < before_note_end:
            pieces.append(text[cursor:s])
            cursor = max(cursor, e)
            end = max(end, e)
    pieces.append(text[cursor:before_note_end])
    for piece in pieces:
        found = None if authors else names.author_list(" ".join(piece.split()).strip(" .,;"))
        if found:
            authors = found
            end = max(end, before_note_end)
    note = None
    if label:
        note_end = tail_end
        newline = text.find("\n", label.end(), tail_end)
        if newline != -1:
            note_end = newline
        note = " ".join(text[label.end() : note_end].split()) or None
        end = note_end
    has_identifier = any(head_start <= s < end for s, _ in spans)
    if not (authors or has_identifier):
        return None
    published = " ".join(anchor["date"].split())
    return Citation(head_start, end, title, published, names.normalise_date(published), authors, journal, note)


def _line_or_sentence_end(text: str, start: int, end: int) -> int:
    newline = text.find("\n", start, end)
    limit = end if newline == -1 else newline
    # The identifiers and authors that follow the date come before the first sentence of prose.
    for match in re.finditer(r"[.!?](?:\s+|$)", text[start:limit]):
        before = text[start : start + match.start()].split()
        if before and (len(before[-1]) > 2 or before[-1].islower()):
            return start + match.start()
    return limit


def _split_head(head: str) -> tuple[str, list[str], str | None]:
    """"Title First A. Author, …, & Last Author Publisher Journal" → title, authors, venue."""
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*", head)]
    best: tuple[int, int] | None = None
    i = 0
    while i < len(parts):
        if names.is_name(parts[i]):
            j = i
            while j + 1 < len(parts) and names.is_name(parts[j + 1]):
                j += 1
            if best is None or j - i > best[1] - best[0]:
                best = (i, j)
            i = j + 1
        else:
            i += 1
    if best is None or best[0] == 0:
        return head, [], None
    i, j = best
    before = trailing = names.trailing_name(parts[i - 1])
    if not trailing:
        return head, [], None
    title = ", ".join(parts[: i - 1] + [before[0]]) if parts[: i - 1] else before[0]
    authors = [trailing[1]] + parts[i : j + 1]
    venue = None
    if j + 1 < len(parts):
        rest = parts[j + 1]
        items = re.split(r"\s+(?:&|and)\s+", rest)
        for item in items[:-1]:
            if names.is_name(item):
                authors.append(item)
        leading = names.leading_name(items[-1])
        if leading and (len(items) > 1 or not names.is_name(items[-1])):
            authors.append(leading[0])
            venue = ", ".join([leading[1]] + parts[j + 2 :]).strip(" ,") or None
        elif names.is_name(items[-1]):
            authors.append(items[-1])
            venue = ", ".join(parts[j + 2 :]) or None
        else:
            venue = ", ".join([items[-1]] + parts[j + 2 :]) or None
    return title, authors, venue


def _journal(venue: str) -> str | None:
    venue = venue.strip(" .,;:")
    while True:
        stripped = _PUBLISHERS.sub("", venue, count=1).strip(" .,;:")
        if stripped == venue:
            break
        venue = stripped
    if not venue or len(venue.split()) > 12 or not venue[0].isupper():
        return None
    return venue
