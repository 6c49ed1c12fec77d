"""Every golden case: the parser gives exactly the expected records, field by field."""

from __future__ import annotations

import json

import pytest

from tests.golden import cases, expected, parse_case

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
