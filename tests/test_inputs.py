"""Saved pages in: decoding, gzip, WARC, and where the fetch time comes from."""

from __future__ import annotations

import gzip
import io
from datetime import datetime, timezone

import pytest

from scraper.parsers.inputs import InputError, decode, decode_page, expand, fetched_at_from_headers, read_file


def test_http_date_minus_age():
    headers = {"date": "Thu, 04 Dec 2025 12:00:00 GMT", "age": "120"}
    assert fetched_at_from_headers(headers) == datetime(2025, 12, 4, 11, 58, tzinfo=timezone.utc)
    assert fetched_at_from_headers({"date": "not a date"}) is None


@pytest.mark.parametrize(
    "body, content_type, text",
    [
        ("café".encode("utf-8"), "", "café"),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "", "café"),
        ("café".encode("cp1252"), "", "café"),
        ('<meta charset="iso-8859-1"><p>\x93caf\xe9\x94'.encode("latin-1"), "", '<meta charset="iso-8859-1"><p>“café”'),
        ("Grüße".encode("iso-8859-15"), "text/html; charset=ISO-8859-15", "Grüße"),
        ("ok".encode("utf-16"), "", "ok"),
    ],
)
def test_decoding(body, content_type, text):
    assert decode(body, content_type) == text


def test_file_clock_is_the_flag_or_the_file_time(tmp_path):
    page = tmp_path / "p.html.gz"
    page.write_bytes(gzip.compress(b"<html><body>x</body></html>"))
    (fetched,) = read_file(page, "https://e.org/t/1", None)
    assert fetched.fetched_at_source == "file-mtime" and fetched.body.startswith(b"<html>")
    when = datetime(2025, 1, 2, tzinfo=timezone.utc)
    (fetched,) = read_file(page, None, when)
    assert (fetched.fetched_at, fetched.fetched_at_source) == (when, "flag")


def test_warc_records_carry_their_own_url_and_date(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in (1, 2):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://forum.example/t/{n}", "response", payload=io.BytesIO(b"<html><body>hi</body></html>"),
                http_headers=http, warc_headers_dict={"WARC-Date": f"2024-03-0{n}T10:00:00Z"},
            )
            writer.write_record(record)
    pages = list(read_file(path, None, None))
    assert [p.url for p in pages] == ["https://forum.example/t/1", "https://forum.example/t/2"]
    assert pages[1].fetched_at == datetime(2024, 3, 2, 10, tzinfo=timezone.utc)
    assert {p.fetched_at_source for p in pages} == {"warc-date"}


def test_expand_walks_directories_and_globs(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/1.html", "a/2.htm", "a/3.txt", "a/skip.png", "b.html.gz"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.name for p in expand([str(tmp_path / "a"), str(tmp_path / "*.gz")])]
    assert found == ["1.html", "2.htm", "3.txt", "b.html.gz"]
    with pytest.raises(InputError):
        list(expand([str(tmp_path / "nothing*.html")]))


def test_utf8_bytes_under_a_latin1_label_decode_as_utf8():
    body = '<meta charset="iso-8859-1"><p>Schöne Grüße 14.12.2019\u00a021:42'.encode("utf-8")
    assert decode(body).endswith("Schöne Grüße 14.12.2019\u00a021:42")


def test_c1_controls_become_the_cp1252_punctuation_they_stand_for():
    body = "<meta charset='utf-8'><p>my husband\u0092s \u0093test\u0094".encode("utf-8")
    assert decode(body).endswith("my husband\u2019s \u201ctest\u201d")


def test_c1_controls_are_found_after_other_two_byte_characters():
    body = "<meta charset='utf-8'><p>caf\u00e9\u00a0at 5\u00a0pm\u0085".encode("utf-8")
    assert decode_page(body) == ("<meta charset='utf-8'><p>caf\u00e9\u00a0at 5\u00a0pm\u2026", None)
    clean = "<p>caf\u00e9\u00a0ok".encode("utf-8")
    assert decode_page(clean) == ("<p>caf\u00e9\u00a0ok", clean)


def test_a_utf8_page_cut_inside_a_character_keeps_its_text():
    assert decode(b"<meta charset='utf-8'><p>caf\xc3\xa9 \xc2") == "<meta charset='utf-8'><p>caf\u00e9 \ufffd"


@pytest.mark.parametrize("body, reason", [
    (b"  \n\t", "empty file"),
    (b"\x00\x01" * 100, "NUL bytes"),
    (bytes(range(1, 32)) * 100, "binary content"),  # no NUL, but control bytes throughout
])
def test_empty_and_binary_files_are_refused_with_a_reason(tmp_path, body, reason):
    path = tmp_path / "page.html"
    path.write_bytes(body)
    with pytest.raises(InputError, match=reason):
        list(read_file(path, None, datetime(2026, 1, 1, tzinfo=timezone.utc)))


def test_a_page_with_a_few_control_bytes_is_read(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>" + b"\x07\x1b" * 10 + b"<p>" + b"words " * 500 + b"</p></body></html>")
    (page,) = read_file(path, None, datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert page.body.count(b"words") == 500
