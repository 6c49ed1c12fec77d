"""The committed JSON Schemas are the ones the records generate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive import records
from schemas.generate import schema_for

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@pytest.mark.parametrize("record_type", records.RECORD_TYPES, ids=lambda t: t.TYPE)
def test_schema_file_is_up_to_date(record_type):
    committed = json.loads((SCHEMAS / f"{record_type.TYPE}.schema.json").read_text(encoding="utf-8"))
    assert committed == schema_for(record_type), "run: python -m schemas.generate"


def test_schema_rejects_a_record_without_its_fields(validate_record):
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):
        validate_record({"type": "post", "post_id": "x"})
    with pytest.raises(jsonschema.ValidationError):
        validate_record({"type": "reference", "reference_id": "r", "post_id": "p", "kind": "tweet", "key": "k"})
