"""The reference draft: one row of ``refs`` before it has a post id (see archive.records.Reference)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class RefDraft:
    kind: str  # doi, pmid, pmcid, arxiv, isbn, url, citation, mention
    key: str  # normalised: the same paper cited twice has the same key
    value: str | None = None  # the normalised identifier (DOI, PMID, URL, …)
    raw: str | None = None  # as written
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # as written
    published_date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    journal: str | None = None
    note: str | None = None
    surname: str | None = None
    year: int | None = None
    context: str | None = None
