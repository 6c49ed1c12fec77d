"""Blog and article pages (placeholder until the article parser lands)."""

from __future__ import annotations

from .html import Document, norm_space, text_of
from .model import ParseContext, PostDraft, ThreadDraft

NAME = "article"
VERSION = "0"

_ARTICLE_TYPES = {"Article", "BlogPosting", "NewsArticle", "Report", "TechArticle"}


def detect(doc: Document) -> bool:
    for item in doc.json_ld:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if _ARTICLE_TYPES.intersection(k for k in kinds if isinstance(k, str)):
            return True
    return (doc.meta("og:type") or "").lower() == "article"


def parse(doc: Document, ctx: ParseContext) -> ThreadDraft:
    title = doc.meta("og:title") or doc.title
    body = doc.css_first("article") or doc.css_first("main") or doc.root.find(".//body")
    text = text_of(body)
    post = PostDraft(body_text=text, title=norm_space(title), is_article=True)
    return ThreadDraft(NAME, VERSION, [post] if text else [], title=norm_space(title), kind="blog")
