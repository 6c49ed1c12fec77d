from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def validate_record():
    """Validate a JSON record against the schema of its type."""
    validators = {}
    for path in SCHEMAS.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        validators[schema["properties"]["type"]["const"]] = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.FormatChecker()
        )

    def validate(record: dict) -> None:
        validators[record["type"]].validate(record)

    return validate


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
