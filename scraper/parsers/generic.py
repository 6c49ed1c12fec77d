"""Generic forum parser for pages of no known engine (placeholder until the structural parser lands)."""

from __future__ import annotations

from .html import Document
from .model import ParseContext, ThreadDraft

NAME = "generic"
VERSION = "0"


def detect(doc: Document) -> bool:
    return True


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    return ThreadDraft(NAME, VERSION, title=doc.title, empty_reason="no known forum engine recognised")
