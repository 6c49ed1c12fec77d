"""Citations written out in a post: a pasted list of papers, one record per paper.

A pasted entry is anchored on its "Published <date>" line.  What comes before the anchor (back to
the end of the previous entry) is the head: title, perhaps the author list and the venue; what
follows is the tail: identifiers, the author list and a labelled note ("Key finding: …").  The
post may be one line (copied text) or have line breaks (HTML blocks, <br>): a line break ends a
note, and a sentence end separates one entry's note from the next entry's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import names

_PUBLISHED = re.compile(
    r"(?<![\w-])(?:Published(?:\s+online)?|PUBLISHED|First published|Publication date|Date of publication|"
    rf"Epub(?:lished)?(?:\s+ahead of print)?)\s*(?:on\s+|:\s*|-\s+)?(?P<date>{names.DATE})"
)
# The label of a pasted note ("Key finding: …"), read backwards from each colon: a colon is rare,
# a case-insensitive scan of the whole post for the labels is not cheap.
_NOTE_LABEL = re.compile(
    r"(?<![\w-])(?:Key (?:findings?|takeaways?|points?|results?|message)|Main findings?|Findings?|Summary|"
    r"Conclusions?|TL;?DR|Takeaways?|Bottom line|Why it matters|Note)\s*$",
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
# "Authors: …", "Journal: …" lines of a pasted entry.
_FIELD = re.compile(r"(?i)^\s*(?P<field>authors?|by|journal|published in|source)\s*:\s*(?P<value>\S.*?)\s*$")
_ID_LABEL = re.compile(r"(?i)\b(?:doi|pmid|pmcid|pmc|isbn|arxiv|link|url)\b\s*:?")
_STOP = re.compile(r"[.!?](?:\s+|$)")
_COMMA = re.compile(r"\s*[,;]\s*")
_AND = re.compile(r"\s+(?:&|and)\s+")
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


def find(
    text: str, written: list[tuple[int, int]], linked: list[tuple[int, int]] = (), papers: list[tuple[int, int]] = ()
) -> list[Citation]:
    """The pasted citations of a post.

    ``written`` are the spans of identifiers written out in the text, ``linked`` the spans of
    link texts whose href is an identifier (a title linked to its DOI), ``papers`` those of the
    identifiers that name a paper or book (not a plain URL)."""
    if "ublish" not in text and "UBLISH" not in text and "Epub" not in text:
        return []
    anchors = list(_PUBLISHED.finditer(text))
    if not anchors:
        return []
    heads = []
    for i, anchor in enumerate(anchors):
        lo = anchors[i - 1].end() if i else 0
        heads.append(_head_start(text, lo, anchor.start(), written))
    out = []
    for i, anchor in enumerate(anchors):
        tail_end = heads[i + 1] if i + 1 < len(anchors) else len(text)
        citation = _entry(text, heads[i], anchor, tail_end, sorted(written + list(linked)), papers)
        if citation:
            out.append(citation)
    return out


def _head_start(text: str, lo: int, hi: int, written: list[tuple[int, int]]) -> int:
    """Where an entry's head (title, perhaps authors and venue) starts, between ``lo`` (the end of
    the previous entry's date) and ``hi`` (this entry's "Published")."""
    newline = text.rfind("\n", lo, hi)
    if newline != -1 and not text[newline:hi].strip():
        return _head_lines_start(text, lo, newline, written)
    # One line of text: the head follows the previous sentence, note line or identifier.
    start = lo
    ends = names.sentence_ends(text, lo, hi)
    if ends:
        start = ends[-1]
    labels = list(_labels(text, lo, hi))
    if labels:
        label_line_end = text.find("\n", labels[-1][1], hi)
        if label_line_end != -1:
            start = max(start, label_line_end + 1)
    for s, e in written:
        if lo <= s < hi and e <= hi:
            start = max(start, e)
    while start < hi and text[start].isspace():
        start += 1
    return start


_MAX_HEAD_LINES = 4


def _labels(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the note labels in ``text[start:end]``, the colon and following spaces included."""
    colon = text.find(":", start, end)
    while colon != -1:
        label = _NOTE_LABEL.search(text, max(start, colon - 24), colon)
        if label:
            after = colon + 1
            while after < end and text[after] in " \t":
                after += 1
            yield label.start(), after
        colon = text.find(":", colon + 1, end)


def _head_lines_start(text: str, lo: int, end: int, written: list[tuple[int, int]]) -> int:
    """"Published" starts a line: the head is the lines just above it (title; authors, publisher,
    journal), up to a blank line, a sentence, an identifier or the previous entry's note."""
    lines: list[tuple[int, str]] = []
    pos = end
    while pos > lo and len(lines) < _MAX_HEAD_LINES:
        line_start = max(text.rfind("\n", lo, pos) + 1, lo)
        line = text[line_start:pos].strip()
        if not line or not _head_like(line, first=not lines) or any(line_start <= s < pos for s, _ in written):
            break
        lines.append((line_start, line))
        pos = line_start - 1
    # Going up, an author list above the title belongs to the previous entry.
    while lines and names.author_list(lines[-1][1]):
        lines.pop()
    return lines[-1][0] if lines else end


def _head_like(line: str, first: bool) -> bool:
    if len(line.split()) > _MAX_TITLE_WORDS or line.endswith(":") or next(_labels(line, 0, len(line)), None):
        return False
    # A line that ends a sentence is prose, except a question right above "Published" ("…a review?").
    if line.endswith("?") and first:
        return True
    return not line.endswith((".", "!", "?")) or bool(names.author_list(line))


def _entry(
    text: str, head_start: int, anchor: re.Match, tail_end: int, spans: list[tuple[int, int]], papers: list[tuple[int, int]]
) -> Citation | None:
    raw_head = text[head_start : anchor.start()]
    head_lines = [" ".join(line.split()) for line in raw_head.split("\n") if line.strip()]
    if len(head_lines) > 1:
        title, authors, venue = _split_head_lines(head_lines)
    else:
        title, authors, venue = _split_head(_BULLET.sub("", " ".join(raw_head.split())).strip(" -–—:|"))
    title = _BULLET.sub("", title).strip(" .,;:-–—|").strip("\"“”'‘’")
    if not title or len(title.split()) > _MAX_TITLE_WORDS:
        return None
    journal = _journal(venue) if venue else None

    end = anchor.end()
    if "\n" in text[anchor.end() : tail_end]:
        authors_found, note, tail_journal, end = _tail_lines(text, anchor.end(), tail_end, spans)
        journal = journal or tail_journal
    else:
        authors_found, note, end = _tail_flat(text, anchor.end(), tail_end, spans)
    authors = authors or authors_found
    # A title and a date are not enough: an article's own "Published 18 November 2019" line
    # follows its last paragraph.  A citation names its authors or a paper's identifier.
    names_paper = any(head_start <= s < max(end, anchor.end()) for s, _ in papers)
    if not (authors or names_paper):
        return None
    published = " ".join(anchor["date"].split())
    return Citation(head_start, max(end, anchor.end()), title, published, names.normalise_date(published), authors, journal, note)


def _tail_flat(text: str, start: int, tail_end: int, spans: list[tuple[int, int]]) -> tuple[list[str], str | None, int]:
    """Identifiers, authors and "Key finding: …" after the date, in one line of text."""
    end = start
    label = next(_labels(text, start, tail_end), None)
    before_note_end = label[0] if label else _line_or_sentence_end(text, start, tail_end)
    # Identifiers between the date and the note are skipped; the rest is the author list.
    pieces, cursor = [], start
    for s, e in spans:
        if start <= s < before_note_end:
            pieces.append(text[cursor:s])
            cursor = max(cursor, e)
            end = max(end, e)
    pieces.append(text[cursor:before_note_end])
    authors: list[str] = []
    for piece in pieces:
        found = None if authors else names.author_list(" ".join(piece.split()).strip(" .,;"))
        if found:
            authors = found
            end = max(end, before_note_end)
    note = None
    if label:
        note = " ".join(text[label[1] : tail_end].split()) or None
        end = tail_end
    return authors, note, end


def _tail_lines(
    text: str, start: int, tail_end: int, spans: list[tuple[int, int]]
) -> tuple[list[str], str | None, str | None, int]:
    """The lines after the date: identifier lines, an author line, a journal line, a "Key finding: …" line."""
    authors: list[str] = []
    journal = note = None
    end = start
    pos = start
    while pos < tail_end:
        line_end = text.find("\n", pos, tail_end)
        line_end = tail_end if line_end == -1 else line_end
        line = text[pos:line_end]
        rest = line
        for s, e in spans:
            if pos <= s < line_end:
                rest = rest.replace(text[s:min(e, line_end)], " ")
        rest = _ID_LABEL.sub(" ", rest).strip(" .,;:|-–—")
        label = next(_labels(line, 0, len(line)), None)
        field = _FIELD.match(line)
        if field and field["field"].lower() in ("journal", "published in", "source"):
            journal = journal or _journal(field["value"])
            end = line_end
        elif field and not authors and (found := names.author_list(field["value"])):
            authors = found
            end = line_end
        elif not line.strip():
            pass
        elif label:
            note = " ".join(line[label[1] :].split()) or None
            end = line_end
            break
        elif not rest:
            end = line_end
        elif not authors and (found := names.author_list(rest)):
            authors = found
            end = line_end
        else:
            break
        pos = line_end + 1
    return authors, note, journal, end


def _split_head_lines(lines: list[str]) -> tuple[str, list[str], str | None]:
    """Head lines: the title first, then perhaps an author line, then publisher and journal."""
    title = lines[0]
    authors: list[str] = []
    venue_lines = []
    for line in lines[1:]:
        field = _FIELD.match(line)
        value = field["value"] if field else line
        if field and field["field"].lower() in ("journal", "published in", "source"):
            venue_lines.append(value)
            continue
        found = None if authors else names.author_list(value)
        if found:
            authors = found
        else:
            venue_lines.append(value)
    # The journal is the last venue line once publishers are dropped ("Springer Nature",
    # "Inflammopharmacology").
    journals = [j for j in (_journal(v) for v in venue_lines) if j]
    return title, authors, journals[-1] if journals else None


def _line_or_sentence_end(text: str, start: int, end: int) -> int:
    newline = text.find("\n", start, end)
    limit = end if newline == -1 else newline
    # The identifiers and authors that follow the date come before the first sentence of prose.
    for match in _STOP.finditer(text[start:limit]):
        before = text[start : start + match.start()].split()
        if before and (len(before[-1]) > 2 or before[-1].islower()):
            return start + match.start()
    return limit


def _split_head(head: str) -> tuple[str, list[str], str | None]:
    """"Title First A. Author, …, & Last Author Publisher Journal" → title, authors, venue."""
    parts = [p.strip() for p in _COMMA.split(head)]
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
    # The part before the run ends with the first author: "…a complex relationship Noha M. Gamil".
    trailing = names.trailing_name(parts[i - 1])
    if not trailing:
        return head, [], None
    title = ", ".join(parts[: i - 1] + [trailing[0]])
    authors = [trailing[1]] + parts[i : j + 1]
    venue = None
    if j + 1 < len(parts):
        rest = parts[j + 1]
        items = _AND.split(rest)
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
