"""Archive write throughput: N synthetic posts (about 1 KB of text each) into an on-disk archive,
then the same N again (which must add nothing).  Run by hand: ``python bench/ingest.py``.

The posts go through ``Archive.add``, the code path ``threadkeeper parse`` and the crawl
pipeline use.  Generation time is measured apart and not counted in the write rate.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from archive.records import Post, Thread
from archive.store import Archive

WORDS = (
    "migraine aura gut microbiome probiotic trial dose vitamin headache study patients "
    "triptan sleep trigger relief neurologist journal review serotonin pain week doctor"
).split()


def synthetic_posts(n: int, seed: int = 7, chunk: int = 50_000):
    """Yield lists of posts, so that the whole input is never in memory at once."""
    rng = random.Random(seed)
    base = datetime(2024, 1, 1, tzinfo=timezone.utc)
    for start in range(0, n, chunk):
        out = []
        for i in range(start, min(n, start + chunk)):
            body = " ".join(rng.choices(WORDS, k=150))[:1000]
            out.append(
                Post(
                    post_id=f"bench.example:p:{i}",
                    thread_id=f"bench.example:t:{i // 40}",
                    position=i % 40,
                    url=f"https://bench.example/t/{i // 40}#post-{i}",
                    author=f"user{i % 997}",
                    published_at=base + timedelta(minutes=i),
                    published_raw=(base + timedelta(minutes=i)).strftime("%b %d, %Y %I:%M %p"),
                    body_text=body,
                    native_id=str(i),
                    published_precision="minute",
                    published_source="text",
                )
            )
        yield out


def load(db: Path, n: int) -> tuple[float, float, dict[str, int]]:
    write_seconds = gen_seconds = 0.0
    with Archive(db) as archive:
        archive.add(
            Thread(thread_id=f"bench.example:t:{t}", url=None, title=f"Thread {t}", engine="bench", site="bench.example")
            for t in range((n + 39) // 40)
        )
        t0 = time.perf_counter()
        for chunk in synthetic_posts(n):
            t1 = time.perf_counter()
            gen_seconds += t1 - t0
            archive.add(chunk)
            t0 = time.perf_counter()
            write_seconds += t0 - t1
        t1 = time.perf_counter()
        archive.flush()
        write_seconds += time.perf_counter() - t1
        counts = archive.table_counts()
    return write_seconds, gen_seconds, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        for label in ("first load", "second load"):
            seconds, gen, counts = load(db, args.posts)
            size = db.stat().st_size / 2**20
            print(
                f"{label}: {args.posts:,} posts in {seconds:.1f} s = {args.posts / seconds:,.0f} posts/s "
                f"(generation {gen:.1f} s not counted); posts rows {counts['posts']:,}; file {size:,.0f} MB"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
