"""An article's FAQ as (question, answer) pairs: from FAQPage JSON-LD, else ``<details>``
blocks, else a "Frequently Asked Questions" section of the body (question headings, answers
below them)."""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from ..html import Document, norm_space, text_of
from .meta import by_tag, in_aside

_FAQ_HEADING = re.compile(r"^(?:frequently asked questions|faqs?|common questions|questions and answers|q\s*&\s*a|"
                          r"häufig gestellte fragen|foire aux questions|preguntas frecuentes)\b", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _plain(value: Any) -> str:
    """JSON-LD answer text, which is often HTML."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("text") or value.get("name") or ""
    if not isinstance(value, str) or not value.strip():
        return ""
    if "<" in value:
        try:
            return text_of(lxml.html.fragment_fromstring(value, create_parent="div"))
        except Exception:  # malformed markup: keep the raw text
            pass
    return norm_space(value)


def from_json_ld(doc: Document) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for item in doc.json_ld:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "FAQPage" not in kinds:
            continue
        entities = item.get("mainEntity") or []
        for question in entities if isinstance(entities, list) else [entities]:
            if not isinstance(question, dict):
                continue
            q = _plain(question.get("name"))
            a = _plain(question.get("acceptedAnswer") or question.get("suggestedAnswer"))
            if q and a:
                pairs.append((q, a))
    return pairs


def from_details(doc: Document) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for details in by_tag(doc, "details"):
        summary = details.find("summary")
        if summary is None or in_aside(details):
            continue
        question = norm_space(text_of(summary))
        answer = "\n".join(
            t for t in ([norm_space(summary.tail or "")] + [text_of(child) for child in details if child is not summary]) if t
        )
        if question and answer:
            pairs.append((question, answer))
    return pairs


def from_section(body: Any) -> list[tuple[str, str]]:
    """Questions (headings or bold lines ending in "?") after a FAQ heading, each with the blocks
    up to the next question."""
    if body is None:
        return []
    blocks = list(body)
    start = next((i for i, el in enumerate(blocks) if el.tag in _HEADINGS and _FAQ_HEADING.match(norm_space(text_of(el)))), None)
    if start is None:
        return []
    level = blocks[start].tag
    pairs: list[tuple[str, str]] = []
    question: str | None = None
    answer: list[str] = []
    for el in blocks[start + 1:]:
        text = norm_space(text_of(el))
        if el.tag in _HEADINGS and el.tag <= level and not text.endswith("?"):
            break  # the next section
        is_question = text.endswith("?") and len(text) < 300 and (
            el.tag in _HEADINGS or (el.tag == "p" and len(el) == 1 and el[0].tag in ("b", "strong") and not (el.text or "").strip())
        )
        if is_question:
            if question and answer:
                pairs.append((question, "\n".join(answer)))
            question, answer = text, []
        elif question and text:
            answer.append(text_of(el))
    if question and answer:
        pairs.append((question, "\n".join(answer)))
    return pairs


def extract(doc: Document, body: Any) -> list[tuple[str, str]]:
    return from_json_ld(doc) or from_details(doc) or from_section(body)
