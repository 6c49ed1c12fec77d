"""Reference extraction: precision and recall on the reference test set, and its cost per post.

    python bench/refs.py                   # score tests/fixtures/references/cases.json, time it
    python bench/refs.py --verbose         # also list every miss and false hit
    python bench/refs.py --posts FILE.jsonl  # also time extraction on these posts: parse --jsonl
                                             # output, or ../shared/corpus/gold/forum.jsonl

Identifiers (doi, pmid, pmcid, arxiv, isbn, url) and mentions are scored separately, by key,
micro-averaged over the cases.  Timing runs ``references.extract`` on the body text of the seed
thread's posts and of the set's cases, and on a post without digits or "et al".
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.parsers import references  # noqa: E402

CASES = ROOT / "tests" / "fixtures" / "references" / "cases.json"
IDENTIFIER_KINDS = ("doi", "pmid", "pmcid", "arxiv", "isbn", "url")
THRESHOLDS = {"identifiers": 0.98, "mentions": 0.9}


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def run_case(case: dict) -> list[references.RefDraft]:
    text, element = references.snippet(case["input"]) if case["html"] else (case["input"], None)
    return references.extract(text, element)


def score(cases: list[dict]) -> dict:
    """Per group: true positives, false positives, false negatives, precision, recall, and the errors."""
    out = {}
    for group, kinds, gold_field in (("identifiers", IDENTIFIER_KINDS, "identifiers"), ("mentions", ("mention",), "mentions")):
        tp = fp = fn = 0
        errors = []
        for case in cases:
            got = {r.key for r in run_case(case) if r.kind in kinds}
            want = set(case[gold_field])
            tp += len(got & want)
            fp += len(got - want)
            fn += len(want - got)
            if got != want:
                errors.append((case["id"], sorted(want - got), sorted(got - want)))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        out[group] = {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "errors": errors}
    return out


CITATION_FIELDS = ("kind", "key", "value", "title", "authors", "published", "published_date", "journal", "note", "surname", "year")


def seed_citation_fields() -> tuple[int, int, list[str]]:
    """Fields right of the seed thread's twelve references (tests/fixtures/references/…jsonl)."""
    expected = [json.loads(line) for line in (CASES.parent / "ips_thread_migraine.references.jsonl").open(encoding="utf-8")]
    posts = seed_posts()[:3]
    got = [(i, r) for i, text in enumerate(posts) for r in references.extract(text)]
    right = total = 0
    wrong = []
    for want in expected:
        have = next((r for i, r in got if i == want["post_position"] and r.key == want["key"]), None)
        for name in CITATION_FIELDS:
            total += 1
            if have is not None and getattr(have, name) == want[name]:
                right += 1
            else:
                wrong.append(f"{want['key']}.{name}")
    extra = len(got) - len(expected)
    return right, total, wrong + [f"{extra} extra references"] * (extra > 0)


def time_posts(texts: list[str], repeat: int = 5) -> dict:
    """Seconds per post: median, mean, 95th percentile and worst of ``repeat`` runs over ``texts``."""
    per_post = []
    for text in texts:
        best = None
        for _ in range(repeat):
            started = time.perf_counter()
            references.extract(text)
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        per_post.append(best)
    per_post.sort()
    return {
        "posts": len(per_post),
        "median": statistics.median(per_post),
        "mean": statistics.fmean(per_post),
        "p95": per_post[int(0.95 * (len(per_post) - 1))],
        "max": per_post[-1],
    }


def seed_posts() -> list[str]:
    from datetime import datetime, timezone

    from scraper.parsers import text
    from scraper.parsers.model import ParseContext

    ctx = ParseContext(None, datetime(2025, 12, 4, 12, tzinfo=timezone.utc), timezone.utc)
    texts = []
    for name in ("ips_thread_migraine.txt", "blog_stem_cells.txt"):
        content = (ROOT / "tests" / "fixtures" / "seeds" / name).read_text(encoding="utf-8")
        texts += [p.body_text for p in text.parse(content, ctx).posts]
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--posts", type=Path, help="JSON lines with a body_text field (threadkeeper parse --jsonl output)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    cases = load_cases(args.cases)
    result = score(cases)
    ok = True
    print(f"reference test set: {len(cases)} cases ({sum(c['source'] != 'handmade' for c in cases)} from corpus pages)")
    for group, s in result.items():
        passed = s["precision"] >= THRESHOLDS[group] and s["recall"] >= THRESHOLDS[group]
        ok &= passed
        print(
            f"  {group:<12} precision {s['precision']:.3f}  recall {s['recall']:.3f}  "
            f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']}; threshold {THRESHOLDS[group]})  {'ok' if passed else 'BELOW'}"
        )
        if args.verbose:
            for case_id, missed, extra in s["errors"]:
                print(f"    {case_id}: missed {missed} extra {extra}")

    right, total, wrong = seed_citation_fields()
    print(f"  seed thread: {right}/{total} citation fields right over its 12 references" + (f"; wrong: {wrong}" if wrong else ""))

    texts = seed_posts() + [run_case_text(c) for c in cases]
    if args.posts:
        texts += list(post_texts(args.posts))
    timing = time_posts(texts)
    print(
        f"cost per post over {timing['posts']} posts: median {timing['median'] * 1e6:.0f} µs, mean {timing['mean'] * 1e6:.0f} µs, "
        f"p95 {timing['p95'] * 1e6:.0f} µs, max {timing['max'] * 1e6:.0f} µs"
    )
    # The machine's own speed, to read the figures above: ~8 µs on an idle laptop core.
    import timeit

    calibration = min(timeit.repeat("sum(range(1000))", number=1000, repeat=5)) / 1000
    print(f"machine speed: sum(range(1000)) takes {calibration * 1e6:.1f} µs here")
    plain = "Thanks everyone, I tried the magnesium and it helped a lot. Feeling better today, and the nausea is gone. " * 5
    quiet = time_posts([plain], repeat=200)
    print(f"a post without digits, links or mention cues ({len(plain)} chars): {quiet['median'] * 1e6:.1f} µs")
    return 0 if ok else 1


def post_texts(path: Path):
    """Post bodies of JSON lines: ``threadkeeper parse --jsonl`` output, or the corpus gold (posts[].text)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            if item.get("type") == "post":
                yield item.get("body_text") or ""
            for post in item.get("posts") or ():
                if post.get("text"):
                    yield post["text"]


def run_case_text(case: dict) -> str:
    return references.snippet(case["input"])[0] if case["html"] else case["input"]


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # | head
        sys.exit(0)
