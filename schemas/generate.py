"""Write one JSON Schema per record type from the record dataclasses: ``python -m schemas.generate``.

The schemas are committed; ``tests/test_schemas.py`` fails when a record changes and its schema
was not regenerated, and validates every record the parsers emit against them.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path

from archive import records

ENUMS = {
    ("reference", "kind"): ["doi", "pmid", "pmcid", "arxiv", "isbn", "url", "citation", "mention"],
    ("post", "published_precision"): ["second", "minute", "day", "month", "year", None],
    ("post", "published_source"): ["attribute", "absolute", "relative", None],
    ("page", "status"): ["ok", "empty", "error"],
    ("page", "fetched_at_source"): ["http-date", "warc-date", "flag", "file-mtime", "crawler-clock"],
    ("thread", "kind"): ["forum", "blog"],
    ("attachment", "kind"): ["file", "image"],
}


def _schema_of(annotation: object) -> dict:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        schema = _schema_of(inner[0])
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": kinds + ["null"]}
    if origin is tuple:
        return {"type": "array", "items": _schema_of(args[0])}
    if annotation is str:
        return {"type": "string"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is records.datetime:
        return {"type": "string", "format": "date-time"}
    raise TypeError(f"no JSON type for {annotation!r}")


def schema_for(record_type: type) -> dict:
    hints = typing.get_type_hints(record_type)
    properties = {"type": {"const": record_type.TYPE}}
    required = ["type"]
    for f in dataclasses.fields(record_type):
        prop = _schema_of(hints[f.name])
        enum = ENUMS.get((record_type.TYPE, f.name))
        if enum:
            prop["enum"] = enum
        properties[f.name] = prop
        required.append(f.name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://threadkeeper.invalid/schemas/{record_type.TYPE}.schema.json",
        "title": record_type.__name__,
        "description": (record_type.__doc__ or "").strip().splitlines()[0] if record_type.__doc__ else record_type.__name__,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": record_type.TYPE == "thread",  # the CLI adds extract_seconds
    }


def main() -> None:
    folder = Path(__file__).parent
    for record_type in records.RECORD_TYPES:
        path = folder / f"{record_type.TYPE}.schema.json"
        path.write_text(json.dumps(schema_for(record_type), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
