"""References in a post: identifiers (DOI, PMID, PMCID, arXiv, ISBN), links, citations and
mentions of authors in prose.  Pure functions of a post's text (and its HTML when there is one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote


@dataclass(slots=True)
class RefDraft:
    kind: str  # doi, pmid, pmcid, arxiv, isbn, url, citation, mention
    key: str
    value: str | None = None
    raw: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_date: str | None = None
    journal: str | None = None
    note: str | None = None
    surname: str | None = None
    year: int | None = None
    context: str | None = None


_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_URL = re.compile(r"https?://[^\s<>\"']+", re.I)


def normalise_doi(raw: str) -> str:
    doi = unquote(raw).strip()
    doi = doi.rstrip(".,;:)]}'\"")
    return doi.lower()


def extract(text: str, element: Any = None) -> list[RefDraft]:
    """All references of one post's own words, one per distinct key, in order of appearance."""
    found: dict[str, RefDraft] = {}
    for match in _DOI.finditer(text):
        doi = normalise_doi(match.group(1))
        found.setdefault(f"doi:{doi}", RefDraft("doi", f"doi:{doi}", doi, match.group(0)))
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:)]}'\"")
        if _DOI.search(url):
            continue
        found.setdefault(f"url:{url}", RefDraft("url", f"url:{url}", url, match.group(0)))
    return list(found.values())
