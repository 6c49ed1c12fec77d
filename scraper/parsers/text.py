"""Copied page text (what a reader gets from select-all, copy): forum threads and blog articles.

Two shapes are read:

* an Invision Community thread: ``<name> Posted <date> [badge] Posted <date> <body> Quote``,
  where the date is printed twice (the visible date and its tooltip copy);
* an article: a title line, paragraphs with short heading lines between them, perhaps a
  "Frequently Asked Questions" section of Q/A pairs, and the author's line before the page chrome.
"""

from __future__ import annotations

import re

from .model import AttachmentDraft, ParseContext, PostDraft, ThreadDraft

VERSION = "1"

# "Craigo Posted Tuesday at 08:38 AM Author Posted Tuesday at 08:38 AM": the date twice, with an
# optional badge (Author, Moderator, Popular Post, …) between.
_IPS_HEADER = re.compile(
    r"(?:^|(?<=\bQuote\s))[ \t]*(?P<author>\S[^\n]{0,60}?) Posted (?P<date>[^\n]{3,40}?) "
    r"(?P<badge>(?:(?![AP]M\b)[A-Z][\w-]*(?: [A-Z][\w-]*){0,2} )?)Posted (?P=date)(?=\s|$)",
    re.M,
)
# Page chrome after the last post of an IPS thread.
_IPS_END = re.compile(
    r"^\s*(Recommended Posts|Join the conversation|Create an account or sign in to comment|"
    r"Go to topic listing|Share this post|Similar Content|Reply to this topic)\b.*",
    re.M | re.S,
)
_TRAILER = re.compile(r"(?:\s+(?:Quote|Like|Thanks|Reply|Report|Share|\d+))+\s*$")
_EDITED = re.compile(r"\s*Edited (?P<date>.+?) by (?P<who>[^\n]+?)\s*$")
_FILE = re.compile(
    r"(?<![/\w.=-])(?P<name>[\w][\w.()+-]*\.(?:m4a|mp3|wav|ogg|mp4|mov|avi|pdf|docx?|xlsx?|pptx?|csv|txt|zip|rar|7z|jpe?g|png|gif|webp|heic))\b",
    re.I,
)
_IMAGE_EXT = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic")


def parse(text: str, ctx: ParseContext) -> ThreadDraft:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _IPS_HEADER.search(text):
        return parse_ips_thread(text, ctx)
    return parse_article(text, ctx)


def parse_ips_thread(text: str, ctx: ParseContext) -> ThreadDraft:
    end = _IPS_END.search(text)
    if end:
        text = text[: end.start()]
    headers = list(_IPS_HEADER.finditer(text))
    preamble = [line.strip() for line in text[: headers[0].start()].splitlines() if line.strip()]
    posts = []
    for i, header in enumerate(headers):
        stop = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        body = text[header.end() : stop].strip()
        body = _TRAILER.sub("", body)
        edited = None
        match = _EDITED.search(body)
        if match:
            edited = ctx.resolve(match["date"])
            body = body[: match.start()].rstrip()
        attachments = [
            AttachmentDraft(None, m["name"], "image" if m["name"].lower().endswith(_IMAGE_EXT) else "file")
            for m in _FILE.finditer(body)
        ]
        posts.append(
            PostDraft(
                body_text=body,
                author=header["author"].strip(),
                published=ctx.resolve(header["date"]),
                edited=edited,
                attachments=attachments,
            )
        )
    return ThreadDraft("ips-text", VERSION, posts, title=preamble[0] if preamble else None, url=ctx.url)


# -- articles -------------------------------------------------------------------------------

_FAQ_HEADING = re.compile(r"^(frequently asked questions|faqs?)\b", re.I)
_QUESTION = re.compile(r"^(?:Q\d*\s*[:.)]\s*)?(?P<q>.+\?)$")
_ANSWER_PREFIX = re.compile(r"^A\d*\s*[:.)]\s*")
_CHROME = re.compile(
    r"also like|back to|leave your|download|subscribe|newsletter|share|related|read more|"
    r"comments?\b|sign up|log ?in|cookie|privacy|terms|copyright|©|all rights reserved|follow us|"
    r"\bapp\b|previous|next post|tags?:|categor",
    re.I,
)
_BYLINE = re.compile(r"^(?:(?:by|written by|posted by)\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+[\w'’.&-]+){0,5})$")


def _is_heading(paragraph: str, following: str | None) -> bool:
    words = paragraph.split()
    return (
        0 < len(words) <= 12
        and not paragraph.endswith((".", "!", ",", ";", ":", "?"))
        and paragraph[0].isupper()
        and following is not None
        and len(following.split()) > len(words)
    )


def parse_article(text: str, ctx: ParseContext) -> ThreadDraft:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    if not paragraphs:
        return ThreadDraft("article-text", VERSION, [], empty_reason="empty text")
    title = paragraphs[0]
    body = paragraphs[1:]
    if body and body[0] == title:
        body = body[1:]
    # Page chrome and the author's line come after the last paragraph of prose.
    last_prose = max((i for i, p in enumerate(body) if len(p.split()) > 12 or p.endswith((".", "?", "!"))), default=-1)
    author = None
    for line in body[last_prose + 1 :]:
        if _CHROME.search(line):
            continue
        match = _BYLINE.match(line)
        if match and author is None:
            author = match["name"].strip()
    body = body[: last_prose + 1]

    headings, faqs = [], []
    in_faq = False
    i = 0
    while i < len(body):
        paragraph = body[i]
        following = body[i + 1] if i + 1 < len(body) else None
        question = _QUESTION.match(paragraph)
        if in_faq and question and following is not None and not _QUESTION.match(following):
            faqs.append((question["q"].strip(), _ANSWER_PREFIX.sub("", following)))
            i += 2
            continue
        if _is_heading(paragraph, following):
            headings.append(paragraph)
            in_faq = bool(_FAQ_HEADING.match(paragraph))
        i += 1
    post = PostDraft(
        body_text="\n\n".join(body),
        title=title,
        author=author,
        authors=[author] if author else [],
        headings=headings,
        faqs=faqs,
        is_article=True,
    )
    return ThreadDraft("article-text", VERSION, [post], title=title, kind="blog", url=ctx.url)
