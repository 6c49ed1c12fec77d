"""Mentions of research in prose: "Smith et al. (2019)", "Gonzalez and colleagues",
"a 2019 study by Smith", "(Smith & Jones, 2020)".

A mention names a work by its first author's surname (and year, when given).  Role words ("my
doctor and colleagues"), pronouns and institutions ("Mayo Clinic and colleagues", "a study by
Harvard") are not surnames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import names

_P = r"(?:(?:van|von|de|der|den|di|da|del|della|la|le|du|dos|das|Van|Von|De|Der|Di|Da|Del|La|Le|Du)\s+)"
_W = rf"{names.U}(?:{names.L}|{names.U}|['’])*{names.L}(?:{names.L}|{names.U}|['’])*(?:-{names.U}(?:{names.L}|{names.U}|['’])+)*"
SURNAME = rf"{_P}{{0,2}}{_W}"
_YEAR = rf"(?P<year>{names.YEAR})[a-z]?"
_TWO = rf"(?P<name>{SURNAME})(?:\s+(?:and|&)\s+(?P<second>{SURNAME}))?"

_ET_AL = re.compile(
    rf"(?<![\w-])(?P<name>{SURNAME})\s+et\.?\s*al(?:ii|\b)\.?(?:(?:\s*\(|,\s*|\s+){_YEAR}\)?)?"
)
_COLLEAGUES = re.compile(
    rf"(?<![\w-])(?P<name>{SURNAME})\s+and\s+(?:(?:his|her|their)\s+)?(?:colleagues|co-?workers|co-?authors|collaborators)\b"
)
_BY = re.compile(
    rf"(?:\b(?i:an?|the|this|that)\s+(?:{_YEAR}\s+)?)?\b(?i:study|paper|review|trial|analysis|meta-analysis|research|"
    rf"article|survey|experiment|investigation|publication|report)\s+(?:(?:published|conducted|led|done|carried out)\s+)?"
    rf"by\s+(?:(?:Dr|Prof|Professor)\.?\s+)?(?:(?P<given>{names.U}{names.L}+|{names.U}\.)\s+(?={SURNAME}))?"
    rf"{_TWO}(?P<etal>\s+et\.?\s*al\b\.?)?(?:\s*\((?P<year2>{names.YEAR})[a-z]?\))?"
)
_PAREN = re.compile(r"\(([^()]{4,300}?)\)")
_PAREN_ITEM = re.compile(
    rf"^(?:e\.g\.,?\s+|see\s+(?:also\s+)?|cf\.\s+)?{_TWO}(?P<etal>\s+et\.?\s*al\.?)?,?\s+{_YEAR}(?:,\s*(?:p|pp)\.?\s*[\d–-]+)?$"
)
_NARRATIVE = re.compile(
    rf"(?<![\w-]){_TWO}\s+\({_YEAR}\)\s+(?:found|showed|shown|reported|demonstrated|suggested|argued|noted|observed|"
    rf"concluded|described|proposed|published|wrote|explained|examined|studied|investigated|compared)\b"
)
_TRIGGER = re.compile(r"et\.?\s*al|colleagues|co-?workers|co-?authors|collaborators|\bby\s|\(\s*[^()]{0,200}?\d{4}")


_NOT_BEFORE_PERSON = frozenset("the my our your his her their its in at from of to near across".split())


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    raw: str
    surname: str
    authors: list[str]
    year: int | None


def find(text: str, skip: list[tuple[int, int]]) -> list[Mention]:
    """Mentions in ``text`` outside the ``skip`` spans (identifiers and written-out citations)."""
    if not _TRIGGER.search(text):
        return []
    out: list[Mention] = []

    def add(start: int, end: int, name: str, second: str | None, year: str | None, context_name: tuple[int, int], group: bool = False) -> None:
        if any(s <= start < e or s < end <= e for s, e in skip):
            return
        if any(m.start <= start < m.end or start <= m.start < end for m in out):
            return
        if not _is_surname(text, name, context_name, group):
            return
        authors = [name] + ([second] if second and _is_surname(text, second, None) else [])
        out.append(Mention(start, end, text[start:end].strip(), name, authors, int(year) if year else None))

    if "et" in text:
        for m in _ET_AL.finditer(text):
            add(m.start(), m.end(), m["name"], None, m["year"], m.span("name"))
    if "co" in text or "llab" in text:
        for m in _COLLEAGUES.finditer(text):
            add(m.start(), m.end(), m["name"], None, None, m.span("name"), group=True)
    if "by" in text:
        for m in _BY.finditer(text):
            add(m.start(), m.end(), m["name"], m["second"], m["year"] or m["year2"], m.span("name"))
    if "(" in text:
        for m in _PAREN.finditer(text):
            body = m.group(1)
            offset = m.start(1)
            for item in re.finditer(r"[^;]+", body):
                parsed = _PAREN_ITEM.match(item.group(0).strip())
                if parsed:
                    lead = len(item.group(0)) - len(item.group(0).lstrip())
                    start = offset + item.start() + lead
                    end = start + len(item.group(0).strip())
                    name_span = (start + parsed.start("name"), start + parsed.end("name"))
                    add(start, end, parsed["name"], parsed["second"], parsed["year"], name_span)
        for m in _NARRATIVE.finditer(text):
            add(m.start(), m.end("year") + 1, m["name"], m["second"], m["year"], m.span("name"))
    out.sort(key=lambda m: m.start)
    return out


def _is_surname(text: str, name: str, span: tuple[int, int] | None, group: bool = False) -> bool:
    tokens = name.split()
    last = tokens[-1]
    if not names.is_surname(last) or any(t in names.ORG_WORDS for t in tokens):
        return False
    if span is not None:
        # "Mayo Clinic and colleagues", "the Cleveland Clinic et al.": the word before names an
        # institution; "Pew Research Center" after the name does too.
        before = text[max(0, span[0] - 40) : span[0]].split()
        after = text[span[1] : span[1] + 40].split()
        if before and before[-1].strip("(") in names.ORG_WORDS:
            return False
        if after and after[0] in names.ORG_WORDS:
            return False
        # "X and colleagues" names a person's group: after an article, possessive or preposition
        # the capitalised word is a thing or a place ("the Guardian and colleagues", "in France
        # and his colleagues").  "the Blattman et al. paper" is still a person.
        if group and before and before[-1].lower() in _NOT_BEFORE_PERSON:
            return False
    return True
