"""Formatted references, one per line: the styles people paste from reference managers, PubMed and
Wikipedia.

* Vancouver / PubMed: ``Tang Y, Liu S, Tao F. Title. Mol Neurobiol. 2020 Jan;57(1):461-8. doi: …``
* APA: ``Tang, Y., Liu, S., & Tao, F. (2020). Title. Molecular Neurobiology, 57(1), 461–468.``
* Wikipedia (CS1): ``Tang, Y.; Liu, S. (2020). "Title". Molecular Neurobiology. 57 (1): 461.``

A line is read only when the whole pattern fits (authors, date, title and journal), so prose is
never taken for a reference.
"""

from __future__ import annotations

import re

from . import names
from .citations import Citation

_LEAD = r"^(?:\^\s*(?:[a-z]\s+)*|\[\d+\]\s*|\d{1,3}[.)]\s+|[-*•]\s+)?"
# "Tang Y", "Di Lauro M", "Halda-Kiss B", "van der Berg JH"
_VANCOUVER_AUTHOR = rf"(?:{names.U}[\w'’-]+\s)?(?:(?:van|von|de|der|di|da|del|la|le|Van|Von|De|Di|Da|Del|La|Le)\s)*{names.U}[\w'’-]+\s{names.U}{{1,3}}"
_VANCOUVER = re.compile(
    _LEAD
    + rf"(?P<authors>{_VANCOUVER_AUTHOR}(?:,\s{_VANCOUVER_AUTHOR})*(?:,\set al)?)\.\s+"
    rf"(?P<title>[^\n]{{5,400}}?[.?!])\s+(?P<journal>{names.U}[^\n.;]{{1,100}}?)\.\s+"
    rf"(?P<date>{names.YEAR}(?:\s{names.MONTH}(?:\s\d{{1,2}})?)?)\s*[;:.]"
)
_APA_AUTHOR = rf"{names.U}[\w'’ -]{{0,40}}?,\s(?:{names.U}\.\s?(?:-?{names.U}\.\s?)*)+"
_APA = re.compile(
    _LEAD
    + rf"(?P<authors>{_APA_AUTHOR}(?:,\s(?:&\s)?{_APA_AUTHOR})*(?:,?\s&\s{_APA_AUTHOR})?)\s*"
    rf"\((?P<date>{names.YEAR}[a-z]?(?:,\s{names.MONTH}(?:\s\d{{1,2}})?)?)\)\.\s+"
    rf"(?P<title>[^\n]{{5,400}}?[.?!])\s+(?P<journal>{names.U}[^\n.,]{{1,150}}?),\s*\d"
)
_CS1 = re.compile(
    _LEAD
    + rf"(?P<authors>[^\n\"“()]{{3,800}}?)\s*\((?P<date>(?:{names.MONTH}\s)?(?:\d{{1,2}}\s)?{names.YEAR}[a-z]?)\)\.\s*"
    rf"[\"“](?P<title>[^\n]{{3,400}}?)[.,]?[\"”](?=\.|\s\()\.?\s*(?:\([^)\n]{{1,20}}\)\.?\s*)?"
    rf"(?P<journal>{names.U}[^\n.]{{1,150}}?)\.(?:\s|$)"
)
# What Wikipedia puts where the journal would be when there is none.
_NOT_JOURNAL = re.compile(r"^(?:Retrieved|Archived|Accessed|Available|Cited|Originally)\b")
_CS1_AUTHOR = re.compile(rf"^{names.U}[\w'’ -]{{0,40}},\s(?:{names.U}[\w'’.-]*\.?\s?)+$")
_APA_SPLIT = re.compile(r"(?<=\.),\s(?:&\s)?|\s&\s")


def find(text: str) -> list[Citation]:
    """Formatted references, one per line of ``text``."""
    if "." not in text or ("(" not in text and ";" not in text):
        return []
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if len(line) < 30 or not names.has_year(line):
            continue
        citation = _read(line, start)
        if citation:
            out.append(citation)
    return out


def _read(line: str, offset: int) -> Citation | None:
    for pattern, split in ((_VANCOUVER, _vancouver_authors), (_APA, _apa_authors), (_CS1, _cs1_authors)):
        match = pattern.match(line)
        if not match:
            continue
        authors = split(match["authors"])
        if not authors:
            continue
        title = match["title"].strip().rstrip(".").strip()
        journal = match["journal"].strip()
        if _NOT_JOURNAL.match(journal):
            journal = None
        published = " ".join(match["date"].split())
        return Citation(
            offset + match.start(),
            offset + len(line.rstrip()),
            title,
            published,
            names.normalise_date(published),
            authors,
            journal,
            None,
        )
    return None


def _vancouver_authors(text: str) -> list[str]:
    return [a.strip() for a in text.split(",") if a.strip() and a.strip() != "et al"]


def _apa_authors(text: str) -> list[str]:
    return [a.strip() for a in _APA_SPLIT.split(text) if a.strip()]


def _cs1_authors(text: str) -> list[str] | None:
    items = [a.strip() for a in text.split(";") if a.strip() and a.strip() not in ("et al.", "et al")]
    if not items or not all(_CS1_AUTHOR.match(a) or names.is_name(a, strict=False) for a in items):
        return None
    return items
