"""The article parser: metadata sources in order, body structure, FAQ, images, comments and the
article/forum decision.  Real pages are covered field by field by the golden cases in
tests/fixtures/article/; these tests pin one rule each on small pages."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import lxml.html
import pytest

from scraper.parsers import article
from scraper.parsers.articles import body, comments, detect, faq, meta
from scraper.parsers.html import Document
from scraper.parsers.model import ParseContext

FETCHED = datetime(2026, 1, 1, tzinfo=timezone.utc)
PAGE = Path(__file__).parent / "fixtures" / "article_unit" / "health_blog_faq.html"
URL = "https://health.example.org/magnesium-migraine/?utm_source=feed"


def ctx(url: str | None = URL) -> ParseContext:
    return ParseContext(url=url, fetched_at=FETCHED, timezone=timezone.utc)


def page(html: str, url: str | None = URL) -> Document:
    return Document(html, url)


@pytest.fixture(scope="module")
def blog():
    return article.parse(page(PAGE.read_text(encoding="utf-8")), ctx())


def test_thread_fields(blog):
    assert blog.kind == "blog"
    assert blog.title == "Magnesium and migraine"
    assert blog.url == "https://health.example.org/magnesium-migraine/"  # the canonical URL
    assert blog.language == "en-GB"
    assert blog.tags == ["migraine", "magnesium", "supplements"]


def test_article_post(blog):
    post = blog.posts[0]
    assert post.is_article and post.position == 0
    assert post.author == "Ana Pereira" and post.authors == ["Ana Pereira"]  # JSON-LD author by @id
    assert post.published.value.isoformat() == "2024-03-05T09:30:00+01:00"
    assert post.modified.value.isoformat() == "2024-04-01T10:00:00+01:00"
    assert post.headings == ["What the trials show", "Frequently Asked Questions", "How much magnesium should I take?", "Is it safe?"]


def test_body_leaves_out_page_furniture(blog):
    text = blog.posts[0].body_text
    assert text.startswith("Magnesium is one of the most studied supplements")
    assert "Magnesium and migraine\n" not in text  # the headline is the title, not body
    for furniture in ("Home", "Share this", "Twitter", "newsletter", "thoughts on", "This helped me"):
        assert furniture not in text
    assert "doi:10.1046/j.1468-2982.1996.1603257.x" in text
    html = blog.posts[0].body_html
    assert "<h2>What the trials show</h2>" in html and "<p>" in html


def test_images_and_captions(blog):
    post = blog.posts[0]
    assert post.images == ["https://health.example.org/img/magnesium.jpg"]
    (attachment,) = post.attachments
    assert (attachment.url, attachment.kind, attachment.caption) == (
        "https://health.example.org/img/magnesium.jpg", "image", "Magnesium citrate tablets.")
    assert "Magnesium citrate tablets" not in post.body_text  # captions are kept beside the body


def test_faq_from_json_ld(blog):
    assert blog.posts[0].faqs == [
        ("How much magnesium should I take?", "Studies used 400–600 mg a day."),
        ("Is it safe?", "Mostly; diarrhoea is the usual side effect."),
    ]


def test_faq_from_the_body_section_without_json_ld(blog):
    assert faq.from_section(blog.posts[0].body_element) == blog.posts[0].faqs


def test_faq_from_details():
    doc = page("<html><body><article><p>Intro</p><details><summary>Does it hurt?</summary><p>No.</p></details>"
               "</article></body></html>")
    assert faq.extract(doc, None) == [("Does it hurt?", "No.")]


def test_comments_follow_the_article(blog):
    first, reply = blog.posts[1:]
    assert (first.position, first.native_id, first.author, first.body_text) == (1, "101", "Maria", "This helped me a lot, thank you!")
    assert first.url == "https://health.example.org/magnesium-migraine/#comment-101"
    # a UTC <time datetime> shown as 9:15 am: the display gives the site's offset
    assert first.published.value.isoformat() == "2024-03-06T09:15:00+01:00"
    assert (reply.native_id, reply.author) == ("102", "Ana Pereira")
    assert reply.body_text == "Glad to hear it, Maria.\nKeep a diary"  # a list inside a comment stays


_COMMENT_PAGE = """<html><body><article><p>Post</p></article><div class="comment-author-notes"><ol class="comment-list">
<li class="comment" id="comment-1"><div class="comment-author vcard"><span class="fn">Ana</span><cite class="user x">Ana U</cite></div>
 <div class="comment-metadata"><a href="#comment-1"><time datetime="2024-03-06T08:15:00Z">March 6</time></a></div>
 <span class="fn">not in the author box</span><div class="comment-content"><p>First</p><span class="user">u</span></div>
 <ul class="children"><li class="comment" id="comment-2"><div class="comment-author"><b class="fn">Reply</b></div>
  <cite>Reply cite</cite><span class="date">7 March 2024</span><div class="comment_body">Second</div></li></ul></li>
<li class="comment" id="comment-3"><div class="comment-author"><span class="fnx">x</span></div><span class="post-author">Bo</span>
 <span class="timestamp">1 day ago</span><a href="/?p=1&amp;comment=3">link</a><p>Third</p><span class="username">Bo U</span>
 <span property="dc:date dc:created" content="2024-03-06T08:15:00+02:00">6 March</span><span property="dc:modified" content="x">no</span>
 <abbr class="published" title="March 6, 2024 9:23 AM">2024年3月6日 09:23</abbr>
 <div class="comment-text"><h3>Title</h3><div class="field field-name-comment-body">Third</div></div></li>
</ol></div></body></html>"""
# An RDFa property that names a date of making: one of its words (split at spaces and colons).
_RDFA_DATE_TEST = " or ".join(f"contains(concat(' ', translate(@property, ':ABCDEFGHIJKLMNOPQRSTUVWXYZ', ' abcdefghijklmnopqrstuvwxyz'),"
                              f" ' '), ' {word} ')" for word in ("date", "created", "issued", "datecreated", "datepublished"))
_COMMENT_XPATHS = {
    "_AUTHOR": (
        ".//*[contains(@class, 'comment-author')]//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
        ".//cite[contains(@class, 'fn') or contains(@class, 'user')]",
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' user ')]",
        ".//*[contains(@class, 'comment-author') or contains(@class, 'comment_author')]",
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' username ')]",
        ".//cite",
        ".//*[contains(@class, 'author')]",
    ),
    "_DATE": (
        ".//time[@datetime]",
        f".//*[@content][{_RDFA_DATE_TEST}]",
        ".//*[contains(@class, 'comment-metadata') or contains(@class, 'commentmetadata') or contains(@class, 'comment-meta')"
        " or contains(@class, 'comment-date') or contains(@class, 'datetime') or contains(@class, 'comment-timestamp')]",
        ".//*[contains(@class, 'date') or contains(@class, 'time')]",
        ".//abbr[@title]",
    ),
    "_CONTENT": (
        ".//*[contains(@class, 'field-name-comment-body') or contains(@class, 'field--name-comment-body')]",
        ".//*[contains(@class, 'comment-content') or contains(@class, 'comment-text') or contains(@class, 'comment_text')"
        " or contains(@class, 'comment-entry')]",
    ),
    "_LOOSE_CONTENT": (".//*[contains(@class, 'comment-body') or contains(@class, 'comment_body')]",),
}


@pytest.mark.parametrize("name", sorted(_COMMENT_XPATHS))
def test_comment_lookups_find_what_their_xpaths_find_outside_replies(name):
    doc = page(_COMMENT_PAGE)
    nodes = comments._comment_nodes(doc)
    assert len(nodes) == 3
    held = set(nodes)
    for node in nodes:
        own = comments._own_elements(node, held)
        for test, path in zip(getattr(comments, name), _COMMENT_XPATHS[name], strict=True):
            expected = [el for el in node.xpath(path) if next(a for a in el.iterancestors() if a in held) is node]
            assert [el for el, cls in own if test(el, cls, node)] == expected, path


@pytest.mark.parametrize("lookup, path", [
    (meta.TokenWithin("fn", "vcard"), "//*[contains(@class, 'vcard')]//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]"),
    (meta.Itemprop("author"), "//*[@itemprop='author']"),
    *((lookup, path) for lookup, path in zip(meta._BYLINE_XPATH + meta._DATE_XPATH, [
        "//*[@itemprop='author']", "//a[@rel='author']", None, None, None, None,
        "//*[contains(@class, 'vcard')]//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]", None, None,
        "//*[@itemprop='datePublished']",
        f"//*[@content][not(self::meta)][{_RDFA_DATE_TEST}]",
        "//time[@datetime][contains(@class, 'publish') or contains(@class, 'entry-date') or @pubdate]",
        "//abbr[contains(@class, 'published')][@title]", None, "//time[@datetime]", None,
    ], strict=True) if path),
    (meta.Tagged("a", meta._rel_tag), "//a[@rel='tag' or contains(@rel, ' tag')]"),
])
def test_page_lookups_find_what_their_xpaths_find(lookup, path):
    doc = page('<html><body class="vcards"><span class="fn">A</span><div itemprop="author"><b class="fn x">B</b>'
               '<i itemprop="author name">no</i></div><p class="vcard"><span class="fnord">no</span>'
               '<span itemprop="author" class=" fn">C</span></p><a rel="author">a</a><a rel="author me">no</a>'
               '<a rel="author" href="/a">b</a><time datetime="1" class="published">t</time><time class="entry-date">no</time>'
               '<time datetime="2" pubdate>t</time><time datetime="3">t</time><abbr class="published" title="x">a</abbr>'
               '<abbr class="published">no</abbr><abbr class="xpublished" title="y">b</abbr><a rel="tag">t</a>'
               '<a rel="nofollow tag">t</a><a rel="tags">no</a><span itemprop="datePublished">d</span>'
               '<meta itemprop="datePublished" content="x"><span property="dc:date dc:created" content="2020">d</span>'
               '<span property="schema:dateCreated" content="2021">d</span><span property="dc:modified" content="no">m</span>'
               '<meta property="dcterms:created" content="no"><span property="dc:date">no content</span></body></html>')
    expected = doc.root.xpath(path)
    assert len(expected) >= 2 and meta._select(doc, lookup) == expected


def test_title_prefers_declared_headline_then_page_title():
    html = "<html><head><title>Real title | Site</title>{meta}</head><body><h1>Site</h1></body></html>"
    with_og = page(html.format(meta='<meta property="og:title" content="Real title">'))
    assert meta.choose_title(with_og, {}) == "Real title"
    assert meta.choose_title(page(html.format(meta="")), {}) == "Real title | Site"


def test_ld_headline_or_name_nearer_the_page_title():
    doc = page("<html><head><title>List of films - Wikipedia</title></head><body></body></html>")
    assert meta.choose_title(doc, {"@type": "Article", "name": "List of films", "headline": "Wikimedia list article"}) == "List of films"


def test_json_ld_in_cdata_is_read():
    doc = page('<html><head><script type="application/ld+json"><![CDATA[ {"@type": "NewsArticle", '
               '"headline": "Wrapped", "author": {"name": "Jo Ames"}} ]]></script></head><body></body></html>')
    found = meta.extract(doc, ctx())
    assert (found.title, found.authors) == ("Wrapped", ["Jo Ames"])


@pytest.mark.parametrize("raw, names", [
    ("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project", ["Daniel Kahn Gillmor"]),
    ("Dan Goodin - Apr 16, 2015 8:02 pm UTC", ["Dan Goodin"]),
    ("par Didier Roy, 21 juin 2018", ["Didier Roy"]),
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
])
def test_byline_names(raw, names):
    assert meta.split_names(meta.clean_name(raw)) == names


@pytest.mark.parametrize("raw", ["https://www.facebook.com/someone", "admin", "En kiosques : juillet 2020", ""])
def test_not_names(raw):
    assert meta.clean_name(raw) is None


def test_byline_in_text_without_markup():
    doc = page("<html><body><h1>T</h1><p>by <a href='/u/x'>Jane Doe</a></p><p>Long text of the article.</p></body></html>")
    assert meta.extract(doc, ctx()).authors == ["Jane Doe"]


def test_wordpress_post_author_comment_names_the_author():
    doc = page("<html><body><article><p>Text</p></article><ol class='commentlist'>"
               "<li class='comment bypostauthor' id='comment-5'><div class='comment-author vcard'><cite class='fn'>jancak</cite></div>"
               "<p>Thanks!</p></li></ol></body></html>")
    assert meta.extract(doc, ctx()).authors == ["jancak"]


def test_date_sources_in_order():
    doc = page("<html><head><meta property='article:published_time' content='2020-02-25T02:25:54Z'></head>"
               "<body><time class='entry-date published'>February 24, 2020 | 9:25pm</time></body></html>")
    # the meta instant, shown at the offset the page's own display implies (US Eastern here)
    assert meta.extract(doc, ctx()).published.value.isoformat() == "2020-02-24T21:25:54-05:00"


def test_date_from_the_permalink_when_the_page_has_none():
    doc = page("<html><body><p>No dates here.</p></body></html>", "https://blog.example.org/2019/11/14/slug/")
    assert meta.extract(doc, ctx("https://blog.example.org/2019/11/14/slug/")).published.value.date().isoformat() == "2019-11-14"


def test_blogger_classic_comments():
    doc = page("<html><body><div class='post-body'><p>Article text.</p></div><dl id='comments-block'>"
               "<dt class='comment-author'><a name='c1234567'></a>Ana said...</dt><dd class='comment-body'><p>Nice post</p></dd>"
               "<dd class='comment-footer'>16 October 2019 at 14:33</dd></dl></body></html>")
    (comment,) = article.parse(doc, ctx()).posts[1:]
    assert (comment.author, comment.body_text, comment.native_id) == ("Ana", "Nice post", "1234567")
    assert comment.published.value.isoformat() == "2019-10-16T14:33:00+00:00"


def test_drupal_article_and_comments_with_their_rdfa_dates():
    # Drupal 7 (Bartik's markup, abridged from pao-pao.net): the comment div has no id, only its
    # RDFa subject and the anchor before it; its date's instant is in the span's content.
    doc = page(
        "<html><body><div class='node'><h1>Shadowsocks</h1><div class='submitted'>"
        "<span property='dc:date dc:created' content='2014-07-11T08:28:52+02:00' datatype='xsd:dateTime'>"
        "<a href='/author/30' class='username' property='foaf:name'>Vergil</a> 在 星期五, 07/11/2014 - 08:28 提交</span></div>"
        "<div class='content'><p>古龙先生在《七种武器之霸王枪》一文中是这样描述这把神兵利刃的。</p></div></div>"
        "<div class='comment-wrapper' id='comments'><h2 class='title'>评论</h2><a id='comment-4068'></a>"
        "<div about='/comment/4068#comment-4068' class='comment comment-by-anonymous clearfix' typeof='sioc:Post sioct:Comment'>"
        "<div class='attribution'><div class='comment-submitted'><p class='commenter-name'><span rel='sioc:has_creator'>"
        "<span class='username' property='foaf:name'>Jeaacalay (未验证)</span></span></p>"
        "<p class='comment-time'><span content='2019-04-23T12:00:28+02:00' datatype='xsd:dateTime' property='dc:date dc:created'>"
        "星期二, 04/23/2019 - 12:00</span></p></div></div>"
        "<div class='comment-text'><h3 property='dc:title'><a class='permalink' href='/comment/4068#comment-4068'>Thank you</a></h3>"
        "<div class='content'><div class='field field-name-comment-body'><div class='field-items'>"
        "<div class='field-item even' property='content:encoded'><p>Thank you for the guide, it works.</p></div></div></div></div>"
        "<ul class='links inline'><li class='comment-reply first last'><a href='/comment/reply/130/4068'>回复</a></li></ul>"
        "</div></div></div></body></html>", "https://pao-pao.net/article/130")
    lead, comment = article.parse(doc, ctx("https://pao-pao.net/article/130")).posts
    assert lead.published.value.isoformat() == "2014-07-11T08:28:52+02:00"  # not 7 November
    assert (comment.native_id, comment.author, comment.body_text) == ("4068", "Jeaacalay", "Thank you for the guide, it works.")
    assert comment.published.value.isoformat() == "2019-04-23T12:00:28+02:00"
    assert comment.url == "https://pao-pao.net/comment/4068#comment-4068"


def test_a_comment_quoting_another_keeps_the_quote_as_a_quote():
    doc = page("<html><body><article><p>" + _PROSE + "</p></article><ol class='commentlist'>"
               "<li class='comment' id='comment-7'><div class='comment-author vcard'><cite class='fn'>Alex</cite></div>"
               "<div class='comment-content'><p>Does the effect hold for speed?</p></div></li>"
               "<li class='comment' id='comment-8'><div class='comment-author vcard'><cite class='fn'>GiveWell</cite></div>"
               "<div class='comment-content'><blockquote><p>Alex wrote:</p><p>Does the effect hold for speed?</p></blockquote>"
               "<p>Our best guess is that any effect on speed is small.</p></div></li></ol></body></html>")
    reply = article.parse(doc, ctx()).posts[2]
    assert [(q.author, q.text) for q in reply.quotes] == [("Alex", "Does the effect hold for speed?")]
    assert reply.body_text.endswith("\nOur best guess is that any effect on speed is small.")
    # Movable Type in Chinese: "引用斑谷的发言：" ("quoting 斑谷's words:") heads the quote.
    chinese = page("<html><body><article><p>" + _PROSE + "</p></article><div class='comments'>"
                   "<div class='comment' id='comment-374690'><span class='vcard author'>alvin2ye</span>"
                   "<div class='comment-content'><blockquote><pre>引用斑谷的发言：</pre><p>这个风格似乎不方便调试</p></blockquote>"
                   "<p>恰恰相反, 函数式编程最大的好处之一就是方便调试.</p></div></div></div></body></html>")
    (reply,) = article.parse(chinese, ctx()).posts[1:]
    assert [(q.author, q.text) for q in reply.quotes] == [("斑谷", "这个风格似乎不方便调试")]


def test_movable_type_comments_take_the_full_date_behind_the_shown_one_at_the_articles_offset():
    # ruanyifeng.com (Movable Type 5): the byline "作者： NAME" ("Author:"); each comment shows
    # "2017年3月13日 07:57" over the title "March 13, 2017 7:57 AM", a time of the blog's own
    # zone, which the article's machine date states (+08:00).
    def comment(n: int, name: str, title: str, shown: str, words: str) -> str:
        return (f'<div id="comment-{n}" class="comment"><div class="inner"><div class="comment-header"><span class="byline">'
                f'<span class="vcard author">{name}</span> 说：</span></div><div class="comment-content"><p>{words}</p></div>'
                f'<div class="comment-footer"><abbr class="published" title="{title}">{shown}</abbr> | '
                f'<a href="https://www.ruanyifeng.com/blog/2017/03/pointfree.html#comment-{n}">#</a></div></div></div>')
    html = ('<html><body><div class="asset"><h1 class="asset-name">Pointfree 编程风格指南</h1><div class="asset-meta">'
            '<p class="vcard author">作者： <a class="fn url" href="http://www.ruanyifeng.com">阮一峰</a></p>'
            '<p>日期： <abbr class="published" title="2017-03-13T06:56:10+08:00">2017年3月13日</abbr></p></div>'
            f'<div class="asset-body"><p>{_PROSE}</p></div></div><div id="comments" class="comments">'
            + comment(374644, "李冬杰", "March 13, 2017  7:57 AM", "2017年3月13日 07:57", "解决了我的疑问，谢谢老师")
            + comment(374645, "章鱼来", "March 13, 2017  9:04 AM", "2017年3月13日 09:04", "收获巨大！") + "</div></body></html>")
    url = "https://www.ruanyifeng.com/blog/2017/03/pointfree.html"
    lead, *replies = article.parse(page(html, url), ctx(url)).posts
    assert (lead.author, lead.published.value.isoformat()) == ("阮一峰", "2017-03-13T06:56:10+08:00")
    assert [(p.author, p.published.value.isoformat()) for p in replies] == [
        ("李冬杰", "2017-03-13T07:57:00+08:00"), ("章鱼来", "2017-03-13T09:04:00+08:00")]


@pytest.mark.parametrize("name", ["Candice", "Bandit", "Ana"])
def test_a_commenters_name_keeps_what_only_sounds_like_says(name):
    doc = page("<html><body><div class='post-body'><p>Article text.</p></div><dl id='comments-block'>"
               f"<dt class='comment-author'><a name='c1234567'></a>{name} said...</dt><dd class='comment-body'><p>Nice post</p></dd>"
               "<dd class='comment-footer'>16 October 2019 at 14:33</dd></dl></body></html>")
    (comment,) = article.parse(doc, ctx()).posts[1:]
    assert comment.author == name


# -- detection --------------------------------------------------------------------------------

def test_blog_with_comments_is_an_article():
    assert article.detect(page(PAGE.read_text(encoding="utf-8")))


def test_page_without_any_markers_is_an_article():
    assert article.detect(page("<html><body><h1>Notes</h1><p>Some text.</p></body></html>", None))


def _thread(posts: int, url: str | None = None, head: str = "") -> Document:
    blocks = "".join(
        f"<div class='message' id='post-{i}'><a href='/members/u{i}/'>user{i}</a><div class='messageContent'>Post {i}</div></div>"
        for i in range(posts)
    )
    return page(f"<html><head>{head}</head><body><h1>Thread</h1>{blocks}</body></html>", url)


def test_forum_thread_is_not_an_article():
    assert not article.detect(_thread(5))
    assert not article.detect(page('<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}'
                                   "</script></head><body><p>x</p></body></html>"))
    assert not article.detect(page("<html><head><meta name='generator' content='phpBB'></head><body></body></html>"))


def test_a_few_teasers_on_an_article_page_do_not_make_a_forum():
    assert article.detect(_thread(3, head="<meta property='og:type' content='article'>"))


def test_forum_url_needs_no_article_marker():
    assert not article.detect(_thread(1, "https://example.org/forum/t/123"))
    assert detect.forum_signals(_thread(1, "https://example.org/forum/t/123")) == ["forum URL"]


def test_post_ids_count_in_any_letter_case():
    replies = "".join(f"<div id='Reply-{i}'><p>Reply {i}</p></div>" for i in range(4))
    doc = page(f"<html><body><h1>Topic</h1>{replies}</body></html>", "https://example.org/some-topic.html")
    assert detect.forum_signals(doc) == ["4 post blocks"]


def _table_thread(replies: int, head: str = "", row_class: str = "") -> Document:
    """Forum software without post ids or known classes: one table row per reply."""
    rows = "".join(
        f"<tr{row_class}><td class='author'><a href='/user/{i}'>member{i}</a></td><td><span class='date'>12.03.2021 10:{i:02d}</span>"
        f"<p>Reply {i}: {'some words of the reply text ' * (3 + i % 4)}</p></td></tr>"
        for i in range(replies)
    )
    return page(f"<html><head>{head}</head><body><h1>Topic</h1><table>{rows}</table></body></html>",
                "https://example.org/some-topic.html")


def test_repeated_blocks_with_author_and_date_make_a_forum():
    assert detect.forum_signals(_table_thread(5)) == ["5 post blocks with an author and a date"]
    assert not article.detect(_table_thread(5))


def test_blog_comments_or_a_few_authored_blocks_on_an_article_do_not_make_a_forum():
    assert article.detect(_table_thread(5, row_class=" class='comment'"))
    og_article = "<meta property='og:type' content='article'>"
    assert article.detect(_table_thread(5, head=og_article))
    assert not article.detect(_table_thread(16, head=og_article))


def test_a_wordpress_page_that_names_no_generator_is_a_blog_and_its_comments_keep_their_time():
    # himege.ru (WordPress, Suffusion theme): no generator meta, two comments whose dates read
    # "19.01.2016 на 09:21" ("on", Russian).
    def comment(n: int, name: str, shown: str, words: str) -> str:
        return (f"<li id='comment-{n}' class='comment byuser even depth-1'><div id='div-comment-{n}' class='comment-body'>"
                f"<div class='comment-author fix vcard'><img class='avatar' src='/a.png'><div class='comment-author-link'>"
                f"<cite class='fn'>{name}</cite> <span class='says'>says:</span></div>"
                f"<div class='comment-meta commentmetadata'><a href='http://himege.ru/#comment-{n}'>{shown}</a></div></div>"
                f"<p>{words}</p></div></li>")
    html = ("<html lang='ru-RU'><head><link rel='stylesheet' href='http://himege.ru/wp-content/themes/suffusion/style.css'>"
            "</head><body><div class='post'><h1 class='posttitle'>О сайте</h1><div class='entry'><p>" + _PROSE + "</p></div></div>"
            "<div id='comments'><ol class='commentlist'>"
            + comment(247, "OlgaIstoshina", "19.01.2016 на 09:21", "Добрый день. Позвольте узнать, пользование материалами сайта, платно?")
            + comment(258, "Ann", "27.02.2016 на 18:17", "Добрый день! Платный только курс.") + "</ol></div></body></html>")
    doc = page(html, "http://himege.ru/about/")
    assert article.detect(doc)
    posts = article.parse(doc, ctx("http://himege.ru/about/")).posts[1:]
    assert [(p.author, p.published.value.isoformat()) for p in posts] == [
        ("OlgaIstoshina", "2016-01-19T09:21:00+00:00"), ("Ann", "2016-02-27T18:17:00+00:00")]


# -- body -------------------------------------------------------------------------------------

_PROSE = " ".join(f"Sentence number {i} of the article says something worth keeping about the harbour." for i in range(12))


def _story(top: str, bottom: str = "") -> Document:
    return page(f"<html><body><article>{top}<p>{_PROSE}</p><p>{_PROSE}</p>{bottom}</article></body></html>")


def test_reworded_headline_and_its_dateline_leave_the_body():
    text = body.extract(_story("<h1>Harbour walls to be raised next year</h1>24 July 2015"),
                        "Harbour walls raised next year, council says").text
    assert text.startswith("Sentence number 0")


def test_headline_unlike_the_title_stays():
    text = body.extract(_story("<h1>Storm season</h1>"), "Harbour walls raised next year, council says").text
    assert text.startswith("Storm season")


def test_captions_leave_the_body_and_the_page_stays_whole():
    doc = _story('<figure><img src="a.jpg"><figcaption>Photo: <b>Harbour</b> News</figcaption>after</figure>'
                 '<p>Lead<span class="wp-caption-text">Credit line</span>tail<span class="caption">Two</span></p>')
    before = lxml.html.tostring(doc.root)
    text = body.extract(doc, None).text
    assert "Photo" not in text and "Credit line" not in text and "Two" not in text
    assert "Lead" in text and "tail" in text
    assert lxml.html.tostring(doc.root) == before  # cut for trafilatura's copy only


def test_copyright_and_follow_lines_leave_the_body():
    text = body.extract(_story("", "<p>© 2019 Harbour News. All rights reserved.</p>"
                                    "<p>Follow Harbour News on Twitter and Facebook.</p>"), None).text
    assert text.endswith("about the harbour.")


# -- trafilatura's pruning XPaths, run in Python --------------------------------------------

_PRUNE_PAGE = """<html><body>
<div id="infinite-scroll"><h1>Kept: holds the headline</h1></div><section class="infinite_scroll">x</section>
<div class="infinitescroll x"><p>no headline</p></div><aside class="mvp-post-add-box"><h1>h</h1></aside>
<div class="elementor-share-buttons">s</div><section class="a elementor-share-buttons-x">s</section>
<div id="comments">c</div><div id="commentary">not comments</div><ol class="comment-list"><li>c</li></ol>
<ul id="dsq-comments"><li>kept: a list needs a comment id or class of its own</li></ul><div id="disqus_thread">d</div><details class="post-comments">d</details>
<p data-lp-replacement-content="">a</p><span role="Navigation">b</span><div data-component="MostPopularStoriesList">c</div>
<div class="cookie-banner" id="main">id first?</div><div id="x" class="cookie">class after id</div>
<div class="nav" id="cookie">class first</div><span id="share-1">s</span><p class="post byline">b</p>
<div class=" ad ">ad</div><div class="uad-x">not an ad</div><div class="Widget">case</div>
<div class="comments-title">t</div><div id="reply-3" class="x">r</div><div class="reply-x" id="y">r</div>
<div class="y" id="reply-4">id after class</div><div style="display:none">h</div><div style="x" id="hidden">h</div>
<div id="a" style="visibility:hidden">style after id</div><div class="x hidden">h</div><div aria-hidden="true">h</div>
<footer>f</footer><div class="site-footer">f</div><div id="footer" class="x">class first</div><svg><path/></svg>
<div id="CookieBanner">c</div><div class="onetrust-x">c</div><template>t</template><script>s</script>
<!-- a comment --><list><item class="menu">m</item></list><div class="Teaser-box">t</div><span class="img-caption">c</span>
<div><p>x</p><div class="post">first of its siblings</div><div class="entry">second</div></div><section id="article-body">b</section>
<main class="FullText">f</main><div id="Main-Content">m</div>
</body></html>"""


def test_trafilatura_pruning_paths_are_replaced_by_python_equivalents():
    body.trafilatura_speedups.install()
    assert len(body.trafilatura_speedups.REPLACED) == 11  # all of them, with this trafilatura


@pytest.mark.parametrize("index", range(11))
def test_python_pruning_paths_select_what_trafilatura_xpaths_select(index):
    body.trafilatura_speedups.install()
    xpath, python = body.trafilatura_speedups.REPLACED[index]
    root = Document(_PRUNE_PAGE, URL).root
    for tree in (root, root.find("body")):
        expected = xpath(tree)
        assert expected and python(tree) == expected
