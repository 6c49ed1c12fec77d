"""Parse speed on a corpus of saved pages, in one process on one core: detection, posts, dates
and references, end to end through ``parse_page``.  Run by hand:

    python bench/parse.py --corpus ../shared/corpus            # forum and blog pages, best of 3
    python bench/parse.py --corpus ../shared/corpus --profile  # and the hot spots

Reads ``MANIFEST.tsv`` (columns local_path, kind, url) for each page's URL.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import io
import pstats
import resource
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from scraper.cli import GC_THRESHOLD
from scraper.parsers.inputs import FetchedPage, read_file
from scraper.parsers.parse import parse_page

FETCHED_AT = datetime(2026, 1, 1, tzinfo=timezone.utc)


def manifest(corpus: Path, kind: str) -> list[tuple[Path, str]]:
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as handle:
        return [(corpus / row["local_path"], row["url"]) for row in csv.DictReader(handle, delimiter="\t") if row["kind"] == kind]


def read(path: Path, url: str) -> FetchedPage:
    """The page as ``threadkeeper parse`` reads it."""
    return next(read_file(path, url, FETCHED_AT))


def run(pages: list[tuple[Path, str]], repeat: int = 1) -> tuple[float, float, dict[str, list[float]], int, int]:
    """Parse each page as it is read (so memory stays bounded); only parsing is timed, in CPU
    time of this process, which a shared machine disturbs far less than wall-clock time.  With
    ``repeat`` > 1 each page is parsed that many times and its fastest time counts: what other
    work on the machine adds only ever makes a run slower."""
    per_engine: dict[str, list[float]] = defaultdict(list)
    posts = errors = 0
    seconds = megabytes = 0.0
    for path, url in pages:
        page = read(path, url)
        megabytes += len(page.body) / 2**20
        spent = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            result = parse_page(page)
            spent = min(spent, time.process_time() - t0)
        seconds += spent
        per_engine[result.page.engine or "(error)"].append(spent)
        posts += len(result.posts)
        errors += result.page.status == "error"
    return seconds, megabytes, per_engine, posts, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--kind", choices=("forum", "blog", "both"), default="both")
    parser.add_argument("--profile", action="store_true", help="print the 15 most expensive functions")
    parser.add_argument("--repeat", type=int, default=3, help="parse each page N times, count its fastest (default 3)")
    args = parser.parse_args()
    gc.set_threshold(*GC_THRESHOLD)  # as the threadkeeper command runs
    kinds = ("forum", "blog") if args.kind == "both" else (args.kind,)
    for kind in kinds:
        pages = manifest(args.corpus, kind)
        run(pages)  # a first pass loads what parsers import lazily (trafilatura, dateparser)
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        repeat = 1 if profiler else args.repeat
        seconds, megabytes, per_engine, posts, errors = run(pages, repeat)
        if profiler:
            profiler.disable()
        print(
            f"{kind}: {len(pages)} pages, {megabytes:.1f} MB in {seconds:.2f} s of CPU (best of {repeat}) = "
            f"{len(pages) / seconds:.0f} pages/s, {megabytes / seconds:.1f} MB/s; {posts} posts, {errors} errors"
        )
        slowest = sorted(per_engine.items(), key=lambda kv: -sum(kv[1]))[:8]
        for engine, times in slowest:
            print(f"  {engine:<18} {len(times):>4} pages  {sum(times):6.2f} s  {1000 * sum(times) / len(times):6.1f} ms/page")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
            print(out.getvalue())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS) for the whole run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
