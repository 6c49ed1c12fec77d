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

# Each form is found from its cue ("et al", "and colleagues", "by", "(2019)"), and the name is
# then read in a short window before or after the cue: scanning a long post for names at every
# position would cost milliseconds.
_WINDOW = 80
_ET_AL = re.compile(r"et\.?\s*al(?:ii|\b)\.?")
_COLLEAGUES = re.compile(r"(?:colleagues|co-?workers|co-?authors|collaborators)\b")
_BY = re.compile(r"by\s+")
_NARRATIVE = re.compile(
    rf"\({_YEAR}\)\s+(?:found|showed|shown|reported|demonstrated|suggested|argued|noted|observed|"
    rf"concluded|described|proposed|published|wrote|explained|examined|studied|investigated|compared)\b"
)
_PAREN = re.compile(r"\(([^()]{4,300}?)\)")

_NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{SURNAME})\s+$")
_NAME_AND_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{SURNAME})\s+and\s+(?:(?:his|her|their)\s+)?$")
_TWO_BEFORE = re.compile(rf"(?<![\w-]){_TWO}\s+$")
_YEAR_AFTER = re.compile(rf"(?:\s*\(|,\s*|\s+){_YEAR}\)?")
_WORK_BEFORE = re.compile(
    rf"(?:\b(?i:an?|the|this|that)\s+(?:{_YEAR}\s+)?)?\b(?i:study|paper|review|trial|analysis|meta-analysis|research|"
    rf"article|survey|experiment|investigation|publication|report)\s+(?:(?:published|conducted|led|done|carried out)\s+)?$"
)
_NAME_AFTER_BY = re.compile(
    rf"(?:(?:Dr|Prof|Professor)\.?\s+)?(?:(?P<given>{names.U}{names.L}+|{names.U}\.)\s+(?={SURNAME}))?"
    rf"{_TWO}(?P<etal>\s+et\.?\s*al\b\.?)?(?:\s*\((?P<year2>{names.YEAR})[a-z]?\))?"
)
# The words _WORK_BEFORE needs ("meta-analysis" holds "analysis").
_WORK_WORDS = ("study", "paper", "review", "trial", "analysis", "research", "article", "survey", "experiment",
               "investigation", "publication", "report")
_TITLED = re.compile(r"(?:Dr|Prof|Professor)\.?\s")
_PAREN_ITEM = re.compile(
    rf"^(?:e\.g\.,?\s+|see\s+(?:also\s+)?|cf\.\s+)?{_TWO}(?P<etal>\s+et\.?\s*al\.?)?,?\s+{_YEAR}(?:,\s*(?:p|pp)\.?\s*[\d–-]+)?$"
)
_ITEM = re.compile(r"[^;]+")
_CUES = ("et al", "et. al", "etal", "colleagues", "co-workers", "coworkers", "co-authors", "coauthors", "collaborators", "by")


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
    has_paren = "(" in text
    if not has_paren and not any(cue in text for cue in _CUES):
        return []
    out: list[Mention] = []

    def add(start: int, end: int, name: str, second: str | None, year: str | None, name_span: tuple[int, int], group: bool = False) -> None:
        if any(s <= start < e or s < end <= e for s, e in skip):
            return
        if any(m.start <= start < m.end or start <= m.start < end for m in out):
            return
        if not _is_surname(text, name, name_span, group):
            return
        authors = [name] + ([second] if second and _is_surname(text, second, None) else [])
        out.append(Mention(start, end, text[start:end].strip(), name, authors, int(year) if year else None))

    for cue in _ET_AL.finditer(text):
        if not text[cue.start() - 1 : cue.start()].isspace():
            continue
        before = _NAME_BEFORE.search(text, max(0, cue.start() - _WINDOW), cue.start())
        if before:
            year = _YEAR_AFTER.match(text, cue.end())
            end = year.end() if year else cue.end()
            add(before.start(), end, before["name"], None, year["year"] if year else None, before.span("name"))
    for cue in _COLLEAGUES.finditer(text):
        before = _NAME_AND_BEFORE.search(text, max(0, cue.start() - _WINDOW), cue.start())
        if before:
            add(before.start(), cue.end(), before["name"], None, None, before.span("name"), group=True)
    for cue in _BY.finditer(text):
        if not text[cue.start() - 1 : cue.start()].isspace():
            continue
        window = max(0, cue.start() - _WINDOW)
        work = _may_name_work(text[window : cue.start()]) and _WORK_BEFORE.search(text, window, cue.start())
        name = work and _NAME_AFTER_BY.match(text, cue.end())
        # "research by Bloomberg": one capitalised word after "by" is as often an organisation
        # as a person; a year, a given name, a co-author or "et al." makes it a person's work.
        if name and (work["year"] or name["year2"] or name["given"] or name["second"] or name["etal"] or _TITLED.match(text, cue.end())):
            add(work.start(), name.end(), name["name"], name["second"], work["year"] or name["year2"], name.span("name"))
    if has_paren:
        for m in _PAREN.finditer(text):
            body = m.group(1)
            if not names.has_year(body):
                continue
            for item in _ITEM.finditer(body):
                parsed = _PAREN_ITEM.match(item.group(0).strip())
                if parsed:
                    start = m.start(1) + item.start() + len(item.group(0)) - len(item.group(0).lstrip())
                    end = start + len(item.group(0).strip())
                    add(start, end, parsed["name"], parsed["second"], parsed["year"], (start + parsed.start("name"), start + parsed.end("name")))
        for cue in _NARRATIVE.finditer(text):
            before = _TWO_BEFORE.search(text, max(0, cue.start() - _WINDOW), cue.start())
            if before:
                add(before.start(), text.index(")", cue.start()) + 1, before["name"], before["second"], cue["year"], before.span("name"))
    out.sort(key=lambda m: m.start)
    return out


def _may_name_work(window: str) -> bool:
    """Whether _WORK_BEFORE can match in ``window``: a search of it tries every position (some
    130,000 instructions); in ASCII text its case-insensitive words are found by lower() and ``in``
    (other text may hold letters such as "ſ" that the pattern matches: the pattern decides)."""
    if not window.isascii():
        return True
    lower = window.lower()
    return any(word in lower for word in _WORK_WORDS)


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
