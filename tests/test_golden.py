"""Every golden case: the parser gives exactly the expected records, field by field."""

from __future__ import annotations

import gzip
import json
from datetime import datetime

import pytest

from archive.records import to_json
from scraper.parsers.inputs import FetchedPage
from scraper.parsers.parse import parse_page
from tests.golden import ROOT, cases, expected, parse_case

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_golden_case(case, validate_record):
    page, got = parse_case(case)
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    if meta.get("engine"):
        assert page["engine"] == meta["engine"], "detection picked another parser"
    want = expected(case)
    for record in got:
        validate_record(record)
    got_by_type = {t: [r for r in got if r["type"] == t] for t in {r["type"] for r in got + want}}
    want_by_type = {t: [r for r in want if r["type"] == t] for t in got_by_type}
    for kind, want_records in want_by_type.items():
        got_records = got_by_type[kind]
        assert len(got_records) == len(want_records), f"{kind}: {len(got_records)} records, expected {len(want_records)}"
        for i, (g, w) in enumerate(zip(got_records, want_records)):
            for field in w:
                if field == "extract_seconds":
                    continue
                assert g.get(field) == w[field], f"{kind} {i} field {field!r}"


def test_there_are_golden_cases():
    assert len(CASES) >= 2


CUT_CASE = ROOT / "xenforo" / "xf2-statcounter-quotes-attachments"


def _parse_cut(before: bytes, extra: int):
    """The case's page as a download that stopped ``extra`` bytes into the text ``before``."""
    meta = json.loads((CUT_CASE / "case.json").read_text(encoding="utf-8"))
    whole = gzip.decompress((CUT_CASE / "page.html.gz").read_bytes())
    cut = whole[: whole.index(before) + extra]
    return parse_page(FetchedPage("cut.html", meta["url"], cut, datetime.fromisoformat(meta["fetched_at"]), "flag"))


def test_a_page_cut_short_keeps_the_posts_before_the_cut():
    """A download that stops inside the fifth post keeps the four before it, each as the whole
    page gives it, and stays a recorded error (a crawl fetches the page again)."""
    result = _parse_cut(b"I don't understand what are you telling", 20)
    assert result.page.status == "error" and result.page.engine == "xenforo"
    assert result.error.reason.startswith("truncated HTML") and result.error.reason.endswith("cut short: 4")
    want = [r for r in expected(CUT_CASE) if r["type"] == "post"][:4]
    assert [to_json(p) for p in result.posts] == want


def test_a_page_cut_inside_its_first_post_is_only_an_error():
    result = _parse_cut(b"Howto : tag affiliate info in the stats", 200)
    assert result.page.status == "error" and not result.posts
    assert result.error.reason == "truncated HTML: the file ends before </body> or </html>"
