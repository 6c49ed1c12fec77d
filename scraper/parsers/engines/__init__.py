"""The engine registry: an ordered list of engine modules, most specific first.

Every engine module has ``NAME``, ``VERSION``, ``detect(doc) -> bool`` and
``parse(doc, ctx) -> ThreadDraft``; one that reads an engine's JSON API also has
``detect_json(data) -> bool`` and ``parse_json(data, ctx) -> ThreadDraft``.
Detection reads only the page itself (generator meta, body classes, characteristic markup).
An engine whose pages name its software (the generator, or an html or body id or class it
prints on every page) says so with ``declared(doc) -> bool``: a page that names it is offered
to it before the registry order.
The generic parsers close the list: an article page goes to the article parser, anything else
to the generic forum parser.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from .. import article, generic
from ..html import Document
from ..model import ParseContext, ParserError, ThreadDraft
from . import (
    bbpress,
    discourse,
    flarum,
    fluxbb,
    forumotion,
    insided,
    ips,
    lemmy,
    machina,
    misago,
    mybb,
    nodebb,
    phorum,
    phpbb,
    reddit,
    slash,
    smf,
    stackexchange,
    ubbthreads,
    vanilla,
    vbulletin,
    woltlab,
    wpforo,
    xenforo,
)

ENGINES: list[ModuleType] = [
    fluxbb,  # before phpbb (both use viewtopic.php and id="pN")
    phpbb,
    smf,
    mybb,
    phorum,
    ubbthreads,
    machina,
    misago,
    xenforo,
    ips,
    discourse,
    nodebb,
    vbulletin,
    vanilla,
    wpforo,  # before bbpress (both inside WordPress pages)
    bbpress,
    woltlab,
    forumotion,
    insided,
    stackexchange,  # Q&A and social pages
    reddit,
    lemmy,
    flarum,
    slash,  # last: its class names are its own, but no other engine's page should reach it
]

FALLBACKS: list[ModuleType] = [article, generic]
_DECLARING = [module for module in ENGINES if hasattr(module, "declared")]


def names() -> list[str]:
    return [m.NAME for m in ENGINES + FALLBACKS]


def by_name(name: str) -> ModuleType:
    for module in ENGINES + FALLBACKS:
        if module.NAME == name:
            return module
    raise ParserError(f"unknown engine {name!r}; known engines: {', '.join(names())}")


def choose(doc: Document, forced: str | None = None) -> ModuleType:
    if forced:
        return by_name(forced)
    # The engines ahead of a page's own in the registry each test its markup before they turn it
    # away (the page's names, scans of the source: ~1.3 ms on an IPS page, the tenth engine).
    named = next((module for module in _DECLARING if module.declared(doc)), None)
    if named is not None and named.detect(doc):
        return named
    for module in ENGINES:
        if module is not named and module.detect(doc):
            return module
    return article if article.detect(doc) else generic


def parse_json(data: Any, ctx: ParseContext, forced: str | None = None) -> ThreadDraft:
    if forced:
        module = by_name(forced)
        if not hasattr(module, "parse_json"):
            readers = ", ".join(m.NAME for m in ENGINES if hasattr(m, "parse_json"))
            raise ParserError(f"JSON input, which the {forced} parser does not read (JSON parsers: {readers})")
        return module.parse_json(data, ctx)
    for module in ENGINES:
        if hasattr(module, "detect_json") and module.detect_json(data):
            return module.parse_json(data, ctx)
    raise ParserError("JSON input that no engine reads (expected a Discourse topic or posts.json)")
