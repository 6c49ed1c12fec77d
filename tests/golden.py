"""Golden fixtures: a real page and the records it must give, field by field.

A case is a folder ``tests/fixtures/<engine>/<case>/`` holding the page (``page.html``,
``page.html.gz``, ``page.txt`` or ``page.json``), ``case.json`` (``url``, ``fetched_at``, and
optionally ``timezone`` and ``engine``, the parser detection must pick — or, with ``"force": true``,
the parser to use, for pages whose software no detector names) and ``expected.jsonl``
(the thread, posts, references, attachments, quotes and FAQ records, one per line).

    python tests/golden.py add ENGINE CASE PAGE --url URL [--fetched-at ISO] [--timezone TZ]
    python tests/golden.py update tests/fixtures/ENGINE/CASE

``update`` writes what the parser gives now: read the diff against the page before committing
it; the golden test then holds the parser to it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).parent / "fixtures"
PAGE_NAMES = ("page.html", "page.html.gz", "page.txt", "page.json")
KEPT_TYPES = ("thread", "post", "reference", "attachment", "quote", "faq")


def cases() -> list[Path]:
    return sorted(p.parent for p in ROOT.glob("*/*/case.json"))


def page_file(case: Path) -> Path:
    for name in PAGE_NAMES:
        if (case / name).exists():
            return case / name
    raise FileNotFoundError(f"{case} has no page file ({', '.join(PAGE_NAMES)})")


def parse_case(case: Path, engine: str | None = None) -> tuple[dict, list[dict]]:
    """The page record and the kept records of a case, as JSON objects; ``engine``: the parser to
    force instead of the case's own."""
    from archive.records import to_json
    from scraper.cli import parse_timezone
    from scraper.parsers.inputs import read_file
    from scraper.parsers.parse import parse_page

    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    tz = parse_timezone(meta["timezone"]) if meta.get("timezone") else None
    fetched_at = datetime.fromisoformat(meta["fetched_at"])
    (page,) = read_file(page_file(case), meta.get("url"), fetched_at)
    result = parse_page(page, timezone=tz, engine=engine or (meta["engine"] if meta.get("force") else None))
    records = [to_json(r) for r in result.records()]
    return to_json(result.page), [r for r in records if r["type"] in KEPT_TYPES]


def expected(case: Path) -> list[dict]:
    lines = (case / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def update(case: Path) -> None:
    _, records = parse_case(case)
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)
    (case / "expected.jsonl").write_text(text, encoding="utf-8")
    counts = {t: sum(r["type"] == t for r in records) for t in KEPT_TYPES}
    print(f"{case}: " + ", ".join(f"{n} {t}s" for t, n in counts.items() if n))


def add(engine: str, name: str, source: Path, url: str, fetched_at: str, tz: str | None) -> Path:
    case = ROOT / engine / name
    case.mkdir(parents=True, exist_ok=True)
    suffix = "".join(source.suffixes[-2:]) if source.name.endswith(".gz") else source.suffix
    target = {".gz": "page.html.gz", ".html.gz": "page.html.gz", ".txt": "page.txt", ".json": "page.json"}.get(suffix, "page.html")
    shutil.copyfile(source, case / target)
    meta = {"url": url, "fetched_at": fetched_at, "engine": engine}
    if tz:
        meta["timezone"] = tz
    (case / "case.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    update(case)
    return case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("add")
    p.add_argument("engine")
    p.add_argument("case")
    p.add_argument("page", type=Path)
    p.add_argument("--url", required=True)
    p.add_argument("--fetched-at", default="2026-01-01T00:00:00+00:00")
    p.add_argument("--timezone")
    p = sub.add_parser("update")
    p.add_argument("cases", nargs="+", type=Path)
    args = parser.parse_args()
    if args.command == "add":
        add(args.engine, args.case, args.page, args.url, args.fetched_at, args.timezone)
    else:
        for case in args.cases:
            update(case)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
