"""The shared HTML helpers: what their fast paths must keep equal to the plain way."""

import gc
from urllib.parse import urljoin

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper.parsers.html import Document, absolute, clean_copy, text_of
from scraper.parsers.inputs import decode_page


def test_clean_copy_drops_every_script_after_a_nested_dropped_element():
    el = lxml.html.fromstring("<div>a<noscript>n<iframe></iframe></noscript>b<!--c-->c<script>s</script>d<style>x</style>e</div>")
    assert lxml.html.tostring(clean_copy(el), encoding="unicode") == "<div>abcde</div>"
    assert "<script>" in lxml.html.tostring(el, encoding="unicode")  # the original is untouched


def test_clean_copy_drops_what_the_selectors_match_as_css_does_keeping_the_text_around():
    el = lxml.html.fromstring(
        '<div><p class="a\tsig">s</p>1<p class="x\u00a0sig">kept: no-break space is no CSS space</p>2'
        '<div class="codebox"><p>code</p>3<blockquote><p>deeper</p></blockquote></div><span data-x="">d</span>4<p class="signature">5</p></div>'
    )
    copy = clean_copy(el, (".sig", "div.codebox > p", "[data-x]"))
    assert lxml.html.tostring(copy, encoding="unicode") == (
        '<div>1<p class="x\u00a0sig">kept: no-break space is no CSS space</p>2'
        '<div class="codebox">3<blockquote><p>deeper</p></blockquote></div>4<p class="signature">5</p></div>'
    )


def test_clean_copy_refuses_a_selector_that_looks_at_siblings():
    # What it matches would depend on which elements the other selectors removed first.
    el = lxml.html.fromstring("<div><p>a</p><p>b</p></div>")
    for selector in ("p + p", "p ~ p", "p:first-child", "p::first-line"):
        with pytest.raises(ValueError):
            clean_copy(el, (".x", selector))


def test_text_of_puts_blocks_on_their_own_lines_and_drops_blank_ones():
    el = lxml.html.fromstring("<div> a \u00a0 b <p>\t</p><p>c<br>d</p><script>x</script> e </div>")
    assert text_of(el) == "a b\nc\nd\ne"


def test_text_of_reads_a_line_break_in_the_source_as_the_space_a_browser_shows():
    el = lxml.html.fromstring("<div><p>bye\nLiane</p><p>Zitat von X:\n<a>\u2191</a></p></div>")
    assert text_of(el) == "bye Liane\nZitat von X: \u2191"
    # trafilatura's tree of an article keeps each line it read as a line break in the text
    assert text_of(lxml.html.fromstring("<div><p>Old Blog\nHome</p></div>"), text_lines=True) == "Old Blog\nHome"


def test_text_of_leaves_out_zero_width_spaces_which_show_as_nothing():
    el = lxml.html.fromstring("<div><p>[\u200bIMG] Hornblower409\u200b and</p><p>\u200b</p><p>42\u00b0S\ufeff / \ufeff174\u00b0E \U0001F469\u200d\U0001F4BB</p></div>")
    assert text_of(el) == "[IMG] Hornblower409 and\n42\u00b0S / 174\u00b0E \U0001F469\u200d\U0001F4BB"


def test_text_of_leaves_out_what_the_style_hides_but_a_spoilers_words():
    el = lxml.html.fromstring(
        '<div><p>Good flat.<span style="display:none">- g* ~* C4</span></p><div style="DISPLAY: none"><a>YouTube</a></div>'
        '<div class="spoiler"><b>Hidden text:</b><div class="alt2"><div style="display: none;">[HKEY_LOCAL_MACHINE]</div></div></div></div>')
    assert text_of(el) == "Good flat.\nHidden text:\n[HKEY_LOCAL_MACHINE]"
    assert text_of(el[1]) == "YouTube"  # asked for, a hidden element is read


def test_text_of_keeps_the_lines_and_indentation_of_preformatted_text():
    el = lxml.html.fromstring(
        "<div><p>Try:</p><pre><code>def f():\n    <span>return</span> 1\n\n</code><script>x</script></pre>"
        '<div style="white-space: pre-wrap">a\n  b</div><pre>x<br>  y</pre>done</div>'
    )
    assert text_of(el) == "Try:\ndef f():\n    return 1\na\n  b\nx\n  y\ndone"


def test_text_of_lays_out_a_pre_that_wraps_blocks_by_the_blocks():
    el = lxml.html.fromstring("<div><pre> <h3>Results</h3> <table><tr><td>1.</td>   <td>Aalen</td></tr></table></pre></div>")
    assert text_of(el) == "Results\n1.\nAalen"


def test_text_of_leaves_out_the_tail_which_is_the_parents_text():
    quote = lxml.html.fromstring("<div><blockquote>quoted</blockquote>the reply</div>")[0]
    assert text_of(quote) == "quoted"
    assert quote.tail == "the reply"  # the tree is left as it was


def test_text_of_leaves_no_reference_cycles_for_the_cycle_collector():
    el = lxml.html.fromstring("<div><p>a</p><blockquote>b</blockquote>c</div>")
    gc.collect()
    gc.disable()
    try:
        for _ in range(100):
            text_of(el)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_document_body_is_the_pages_body():
    doc = Document("<html><head><title>t</title></head><body class='Forum'><div>x</div></body></html>", None)
    assert doc.body is not None and doc.body.tag == "body"
    assert doc.body_classes.strip() == "forum"


def test_base_url_read_from_the_base_element():
    html = "<html><head><BASE href='/forum/'></head><body></body></html>"
    assert Document(html, "https://example.org/x/y").base_url == "https://example.org/forum/"
    assert Document("<html><body>base</body></html>", "https://example.org/x").base_url == "https://example.org/x"


_URL_PART = st.text(alphabet="ab:/?#;[]@.%-_~=&\t\n ü", max_size=12)


@given(st.sampled_from(["http://", "https://"]), _URL_PART, st.sampled_from(["https://ex.com/a/b?x", "http://ex.com/", "ftp://x/y"]))
def test_absolute_returns_what_urljoin_gives(scheme, rest, base):
    """... with spaces inside sent as %20, as a browser sends them."""
    url = scheme + rest
    try:
        joined = urljoin(base, url.strip().replace(" ", "%20"))
    except ValueError:
        return
    assert absolute(url, base) == joined


@pytest.mark.parametrize("saved, sent", [
    ("viewtopic.php@t=100.html", "https://example.org/forum/viewtopic.php?t=100"),
    ("memberlist.php@mode=viewprofile&u=100.html", "https://example.org/forum/memberlist.php?mode=viewprofile&u=100"),
    ("viewtopic.php@p=215.html#p215", "https://example.org/forum/viewtopic.php?p=215#p215"),
    ("https://user@example.org/a.html", "https://user@example.org/a.html"),  # an address's user stays
    ("/members/@ann", "https://example.org/members/@ann"),
])
def test_a_link_that_wget_renamed_for_windows_is_the_link_it_was(saved, sent):
    assert absolute(saved, "https://example.org/forum/viewtopic.php?t=100") == sent


def test_a_space_inside_a_link_is_sent_as_percent_20():
    url = absolute(" /members/MrJ OLSP.html ", "https://www.warriorforum.com/t/1")
    assert url == "https://www.warriorforum.com/members/MrJ%20OLSP.html"


def test_decode_page_gives_the_bytes_only_when_they_are_the_texts_utf8():
    for body, has_bytes in ((b"\xef\xbb\xbf<p>\xc3\xa9</p>", True), (b"<p>\xc2\x92</p>", False), (b"<p>\xe9</p>", False)):
        text, utf8 = decode_page(body)
        assert (utf8 is not None) == has_bytes
        if utf8 is not None:
            assert utf8 == text.encode("utf-8")


def test_a_document_read_from_its_utf8_bytes_is_the_same_tree():
    text = "<html><head><meta charset='iso-8859-1'></head><body><p>é \U0001F600</p></body></html>"
    from_text = Document(text, None).root
    from_bytes = Document(text, None, text.encode("utf-8")).root
    assert lxml.html.tostring(from_bytes, encoding="unicode") == lxml.html.tostring(from_text, encoding="unicode")
    assert from_text.findtext(".//p") == "é \U0001F600"


def test_json_ld_is_read_even_when_references_spell_its_type():
    block = '<script type="application/ld{}json">{{"@type": "Article", "headline": "x"}}</script>'
    for plus in ("+", "&#43;", "&#x2B;", "&plus;"):
        doc = Document(f"<html><head>{block.format(plus)}</head><body></body></html>", None)
        assert [item["@type"] for item in doc.json_ld] == ["Article"], plus
    assert Document("<html><head><script>x</script></head><body></body></html>", None).json_ld == []
