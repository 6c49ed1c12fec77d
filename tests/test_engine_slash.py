"""Slash (Slashdot, SoylentNews's rehash): detection, and the comment fields the golden case
(tests/fixtures/slash/slashdot-linux-cpp, a real Slashdot story page) shows only among 122 records.

The rehash page below is hand-written from rehash's own templates (dispStory, dispComment,
dispCommentDetails): the corpus has no SoylentNews page.
"""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from scraper.parsers.engines import slash
from scraper.parsers.html import Document
from scraper.parsers.inputs import FetchedPage, decode
from scraper.parsers.parse import parse_page

FIXTURES = Path(__file__).parent / "fixtures"
CASE = FIXTURES / "slash" / "slashdot-linux-cpp"
FETCHED = datetime(2024, 1, 20, tzinfo=timezone.utc)


def _case_page() -> tuple[str, str]:
    meta = json.loads((CASE / "case.json").read_text(encoding="utf-8"))
    return decode(gzip.decompress((CASE / "page.html.gz").read_bytes())), meta["url"]


@pytest.fixture(scope="module")
def slashdot():
    text, url = _case_page()
    result = parse_page(FetchedPage(str(CASE), url, text.encode("utf-8"), FETCHED, "flag"))
    return result, {p.post_id.rsplit(":", 1)[-1]: p for p in result.posts}


def test_slashdot_story_is_post_zero(slashdot):
    result, _ = slashdot
    assert result.thread.engine == "slash"
    assert result.thread.thread_id.endswith(":t:24/01/12/169219")
    assert (result.thread.board, result.thread.reply_count) == ("Programming", 139)
    story = result.posts[0]
    assert story.author == "msmash"
    assert story.published_at.isoformat() == "2024-01-12T11:40:00+00:00"
    assert story.body_text.startswith("serviscope_minor shares a Phoronix post: A six year old")
    assert "Posted by" not in story.body_text


def test_slashdot_comments(slashdot):
    result, by_cid = slashdot
    full = by_cid["64153115"]
    assert (full.author, full.author_id, full.author_url) == ("david.emery", "127135", "https://slashdot.org/~david.emery")
    assert full.published_at.isoformat() == "2024-01-12T11:51:00+00:00"
    assert full.url == "https://linux.slashdot.org/comments.pl?sid=23191137&cid=64153115"
    assert full.title == "Maybe Rust would be a Much Better Choice"
    assert full.body_text.startswith("The problems with C++ are pretty well known.")
    assert "Score" not in full.body_text and "Share" not in full.body_text
    # An abbreviated comment shows no date and "Re:" for its subject; the page's script has the subject.
    oneline = by_cid["64154237"]
    assert oneline.published_at is None
    assert oneline.title == "Re:Maybe Rust would be a Much Better Choice"
    anonymous = by_cid["64153255"]
    assert (anonymous.author, anonymous.author_url, anonymous.author_id) == ("Anonymous Coward", None, None)
    # A comment below the threshold is not on the page; its shown reply is.
    assert "64155341" not in by_cid and "64158425" in by_cid
    # A reply's text stays out of its parent.
    assert "Did you mean" not in by_cid["64154701"].body_text
    assert len(result.posts) == 101


def test_slashdot_quote_is_marked(slashdot):
    _, by_cid = slashdot
    post = by_cid["64155099"]
    assert post.body_text == "Did you mean `a==b`?\nBoth share the same problem in C++"
    assert post.own_text == "Both share the same problem in C++"


REHASH = """<!DOCTYPE html><html lang="en"><head><title>Example Story | SoylentNews</title></head><body>
<div id="articles"><div class="article">
<span class="sd-info-block" style="display: none"><span class="sd-key-sid">24/01/15/0412345</span>
<span class="type">story</span></span>
<div class="generaltitle"><div class="title"><h3><a href="//soylentnews.org/article.pl?sid=24/01/15/0412345">Example Story</a></h3></div></div>
<div class="details">
    posted by <a href="//soylentnews.org/~janrinok/">	janrinok</a>
    on Monday January 15, @04:12AM
    &nbsp;&nbsp;<a href="//soylentnews.org/print.pl?sid=24/01/15/0412345"><img src="/print.gif" alt="Printer-friendly"></a><br>
    <strong>from the <b>testing</b> dept.</strong>
</div>
<div class="body">
  <div class="topic"><a href="//soylentnews.org/search.pl?tid=6"><img src="/topics/tech.png" alt="Techonomics" title="Techonomics"></a></div>
  <div class="intro"><a href="//soylentnews.org/~Submitter/">Submitter</a> writes:<p>The story's text.</p></div>
</div>
</div></div>
<ul id="commentlisting">
<li id="tree_1400001" class="comment">
<input type="checkbox" class="commentTreeHider" /><input type="checkbox" class="commentHider" />
<div id="comment_1400001" class="commentDiv score3">
  <div id="comment_top_1400001" class="commentTop">
    <div class="title"><h4><a name="1400001">First subject</a>
      <span id="comment_score_1400001" class="score">(Score: 3, Insightful)</span></h4></div>
    <div class="details">
      by
      <a href="//soylentnews.org/~Alice/">Alice (4242)</a>
      <span class="otherdetails" id="comment_otherdetails_1400001">
        &lt;<a href="mailto:alice@example.org">alice@example.org</a>&gt;
        on Monday January 15, @05:20PM (<a href="//soylentnews.org/comments.pl?noupdate=1&amp;sid=60123&amp;cid=1400001#commentwrap">#1400001</a>)
        <small><a href="//soylentnews.org/~Alice/journal/" title="x" class="user_journal_display">Journal</a></small>
      </span>
    </div>
  </div>
  <div class="commentBody">
    <div id="comment_body_1400001"><blockquote>Quoted words.</blockquote>My own words.</div>
    <div id="comment_sig_1400001" class="sig">--<br>Alice's signature</div>
  </div>
</div>
<ul id="commtree_1400001"><li id="tree_1400002" class="comment">
<div id="comment_1400002" class="commentDiv score0">
  <div id="comment_top_1400002" class="commentTop">
    <div class="title"><h4><a name="1400002">Re:First subject</a></h4></div>
    <div class="details">
      by
      Anonymous Coward
      <span class="otherdetails" id="comment_otherdetails_1400002">
        on Tuesday January 16, @09:01AM (<a href="//soylentnews.org/comments.pl?noupdate=1&amp;sid=60123&amp;cid=1400002#commentwrap">#1400002</a>)
      </span>
    </div>
  </div>
  <div class="commentBody"><div id="comment_body_1400002">A reply.</div></div>
</div></li></ul>
</li></ul>
</body></html>"""


def test_rehash_story_and_comments():
    page = FetchedPage("rehash.html", "https://soylentnews.org/article.pl?sid=24/01/15/0412345",
                       REHASH.encode("utf-8"), FETCHED, "flag")
    result = parse_page(page)
    assert result.thread.engine == "slash"
    assert result.thread.thread_id == "soylentnews.org:t:24/01/15/0412345"
    assert (result.thread.title, result.thread.board) == ("Example Story", "Techonomics")
    story, first, reply = result.posts
    assert (story.author, story.author_url) == ("janrinok", "https://soylentnews.org/~janrinok/")
    assert story.published_at.isoformat() == "2024-01-15T04:12:00+00:00"
    assert story.body_text == "Submitter writes:\nThe story's text."
    assert (first.author, first.author_id, first.author_url) == ("Alice", "4242", "https://soylentnews.org/~Alice/")
    assert first.published_at.isoformat() == "2024-01-15T17:20:00+00:00"
    assert first.url == "https://soylentnews.org/comments.pl?noupdate=1&sid=60123&cid=1400001#commentwrap"
    assert first.title == "First subject"
    assert first.body_text == "Quoted words.\nMy own words."  # the signature is not the post's
    assert first.own_text == "My own words."
    assert (reply.author, reply.author_url, reply.title) == ("Anonymous Coward", None, "Re:First subject")
    assert reply.published_at.isoformat() == "2024-01-16T09:01:00+00:00"


def test_not_detected_on_other_engines_pages():
    for case in ("phorum", "phpbb", "xenforo", "discourse"):
        for page in sorted((FIXTURES / case).glob("*/page.html*"))[:2]:
            raw = page.read_bytes()
            text = decode(gzip.decompress(raw) if page.name.endswith(".gz") else raw)
            assert not slash.detect(Document(text, "https://example.org/")), page


def test_front_page_is_not_a_story():
    """A Slashdot front page shows many stories, each with its info block: no thread."""
    story = ('<article class="fhitem fhitem-story article"><span class="sd-info-block"></span>'
             '<h1 class="story"><span class="story-title"><a href="/story/1">S</a></span></h1>'
             '<div class="body"><div class="p">Text</div></div></article>')
    assert slash.detect(Document(f"<html><body>{story}</body></html>", "https://slashdot.org/story/1"))
    assert not slash.detect(Document(f"<html><body>{story}{story}</body></html>", "https://slashdot.org/"))
