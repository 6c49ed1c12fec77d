"""The archive: the one place that owns the DuckDB connection.

Writes are batched and set-based: records are buffered per table, turned into an Arrow table,
and merged with three statements per batch (version the changed posts, delete the changed rows,
insert the new ones through an anti-join).  A record whose fields are unchanged costs a key
lookup and nothing else, so loading the same input twice leaves every table as it was.
"""

from __future__ import annotations

import logging
import operator
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .errors import ArchiveBusy, ArchiveError, ReadOnlyViolation
from .records import Attachment, Faq, Page, ParseError, Post, Quote, Reference, Thread

log = logging.getLogger(__name__)

DEFAULT_DB = "threadkeeper.duckdb"

# record type -> (table, key column)
TABLES: dict[type, tuple[str, str]] = {
    Page: ("pages", "page_id"),
    Thread: ("threads", "thread_id"),
    Post: ("posts", "post_id"),
    Reference: ("refs", "reference_id"),
    Attachment: ("attachments", "attachment_id"),
    Quote: ("quotes", "quote_id"),
    Faq: ("faqs", "faq_id"),
    ParseError: ("parse_errors", "error_id"),
}

# large_string: pyarrow converts Python strings to it several times faster than to string.
_ARROW_TYPES = {
    "VARCHAR": pa.large_string(),
    "JSON": pa.large_string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC"),
    "VARCHAR[]": pa.list_(pa.large_string()),
}
_BOOKKEEPING = ("row_hash", "run_id")


# Columns computed from a record rather than read from one of its fields.
_DERIVED: dict[tuple[str, str], Any] = {}


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("schemas") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise ArchiveError(f"cannot open archive {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise ArchiveBusy(
                    f"archive {path} is busy: another threadkeeper process is writing to it "
                    "(use --wait SECONDS to wait for it)"
                ) from exc
            time.sleep(0.2)


class Archive:
    """A threadkeeper archive in one DuckDB file.

    Use as a context manager; records given to :meth:`add` are written in batches and the
    last batch on :meth:`flush` or exit.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        *,
        read_only: bool = False,
        run_id: str | None = None,
        batch_size: int = 50_000,
        wait: float = 0.0,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise ArchiveError(f"no archive at {self.path} (create one with 'threadkeeper parse')")
        self.con = _connect(self.path, read_only, wait)
        self.con.execute("SET TimeZone = 'UTC'")
        self.run_id = run_id or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        self.batch_size = batch_size
        self._buffers: dict[type, dict[str, Any]] = {t: {} for t in TABLES}
        self._columns: dict[str, list[tuple[str, str]]] = {}
        self.written: dict[str, int] = {}
        if not read_only:
            self.migrate()

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None and not self.read_only:
            self.flush()
        self.close()

    def close(self) -> None:
        self.con.close()

    def migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER, applied_at TIMESTAMPTZ)"
        )
        done = {v for (v,) in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        for version, sql in _migrations():
            if version in done:
                continue
            log.info("applying migration %03d", version)
            self.con.execute("BEGIN")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, now())", [version])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------------------

    def add(self, records: Iterable[Any]) -> None:
        """Buffer records of any type; a full buffer is written at once."""
        for record in records:
            table, key = TABLES[type(record)]
            buffer = self._buffers[type(record)]
            buffer[getattr(record, key)] = record  # the last version of an id wins
            if len(buffer) >= self.batch_size:
                self._write(type(record))

    def flush(self) -> None:
        # Parents before children, so a reader never sees a post without its thread.
        for record_type in TABLES:
            if self._buffers[record_type]:
                self._write(record_type)

    def _table_columns(self, table: str) -> list[tuple[str, str]]:
        if table not in self._columns:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            self._columns[table] = rows
        return self._columns[table]

    def _arrow(self, table: str, records: list[Any]) -> pa.Table:
        columns = [(n, t) for n, t in self._table_columns(table) if n not in _BOOKKEEPING]
        fields = [n for n, _ in columns if (table, n) not in _DERIVED]
        # One attrgetter call per record and a zip to transpose: far fewer Python-level steps.
        by_field = dict(zip(fields, zip(*map(operator.attrgetter(*fields), records))))
        arrays, names = [], []
        for name, sql_type in columns:
            derive = _DERIVED.get((table, name))
            values = [derive(r) for r in records] if derive else by_field[name]
            if sql_type == "TIMESTAMP WITH TIME ZONE":
                # Epoch microseconds: much faster than pyarrow's per-value tz handling.
                values = [None if v is None else round(v.timestamp() * 1_000_000) for v in values]
                arrays.append(pa.array(values, type=pa.int64()).cast(_ARROW_TYPES[sql_type]))
                names.append(name)
                continue
            arrays.append(pa.array(values, type=_ARROW_TYPES[sql_type]))
            names.append(name)
        return pa.Table.from_arrays(arrays, names=names)

    def _write(self, record_type: type) -> None:
        table, key = TABLES[record_type]
        records = list(self._buffers[record_type].values())
        self._buffers[record_type] = {}
        batch = self._arrow(table, records)
        content = ", ".join(f'"{n}"' for n in batch.column_names)
        con = self.con
        con.register("_batch_arrow", batch)
        try:
            con.execute("BEGIN")
            # Hash the batch once; only keys and hashes are compared with the archive, so an
            # unchanged record costs a key lookup and its text is never copied.
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _keys AS "
                f"SELECT {key}, hash({content}) AS row_hash FROM _batch_arrow"
            )
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _changed AS SELECT {key} FROM {table} t "
                f"JOIN _keys k USING ({key}) WHERE t.row_hash <> k.row_hash"
            )
            if con.execute("SELECT count(*) FROM _changed").fetchone()[0]:
                if table == "posts":
                    # Keep the earlier text of an edited post.
                    con.execute(
                        "INSERT INTO post_versions BY NAME SELECT p.*, ? AS replaced_by_run FROM posts p "
                        "JOIN _batch_arrow b USING (post_id) WHERE p.body_text IS DISTINCT FROM b.body_text "
                        "OR p.title IS DISTINCT FROM b.title",
                        [self.run_id],
                    )
                con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM _changed)")
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _new AS SELECT {key}, row_hash FROM _keys ANTI JOIN {table} USING ({key})"
            )
            inserted = con.execute("SELECT count(*) FROM _new").fetchone()[0]
            if inserted:
                con.execute(
                    f"INSERT INTO {table} ({content}, row_hash, run_id) "
                    f"SELECT b.*, n.row_hash, ? FROM _batch_arrow b JOIN _new n USING ({key})",
                    [self.run_id],
                )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("_batch_arrow")
        self.written[table] = self.written.get(table, 0) + inserted
        log.debug("%s: %d records, %d new or changed", table, len(records), inserted)

    # -- crawl runs ----------------------------------------------------------------------

    def start_run(self, job: str | None, arguments: dict[str, Any]) -> None:
        import json

        self.con.execute(
            "INSERT INTO crawl_runs VALUES (?, ?, now(), NULL, ?, NULL, 'running')",
            [self.run_id, job, json.dumps(arguments, default=str)],
        )

    def finish_run(self, stats: dict[str, Any], status: str = "finished") -> None:
        import json

        self.flush()
        self.con.execute(
            "UPDATE crawl_runs SET finished_at = now(), stats = ?, status = ? WHERE run_id = ?",
            [json.dumps(stats, default=str), status, self.run_id],
        )

    # -- reading -----------------------------------------------------------------------

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        try:
            cur = self.con.execute(sql, params or [])
        except duckdb.InvalidInputException as exc:
            if self.read_only and "read-only" in str(exc):
                raise ReadOnlyViolation(
                    "the archive is opened read-only for queries: statements that change it are refused"
                ) from exc
            raise ArchiveError(str(exc).splitlines()[0]) from exc
        except duckdb.Error as exc:
            raise ArchiveError(str(exc).splitlines()[0]) from exc
        columns = [d[0] for d in cur.description] if cur.description else []
        return columns, cur.fetchall() if cur.description else []

    def table_counts(self) -> dict[str, int]:
        tables = [t for t, _ in TABLES.values()] + ["post_versions", "crawl_runs"]
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def stats(self) -> dict[str, Any]:
        """Counts per table, site and engine, parse errors, and dates that did not resolve."""
        q = self.con.execute
        return {
            "tables": self.table_counts(),
            "sites": q(
                "SELECT t.site, t.engine, count(DISTINCT t.thread_id) AS threads, count(p.post_id) AS posts "
                "FROM threads t LEFT JOIN posts p USING (thread_id) GROUP BY ALL ORDER BY posts DESC"
            ).fetchall(),
            "page_status": q("SELECT status, count(*) FROM pages GROUP BY ALL ORDER BY 2 DESC").fetchall(),
            "unresolved_dates": q(
                "SELECT count(*) FROM posts WHERE published_raw IS NOT NULL AND published_at IS NULL"
            ).fetchone()[0],
            "parse_errors": q(
                "SELECT reason, count(*) FROM parse_errors GROUP BY ALL ORDER BY 2 DESC LIMIT 20"
            ).fetchall(),
        }


# == crawl state ===========================================================================
# Owned by the crawler (scraper/state.py).  The tables crawl_state and crawl_fetches come from
# migration 002; the crawler reads and writes them through this one documented door so that the
# archive stays the only owner of the connection.


def crawl_state_connection(archive: Archive) -> duckdb.DuckDBPyConnection:
    """The writable connection of ``archive``, for the crawler's state tables only.

    Records (threads, posts, …) must still go through :meth:`Archive.add`; call
    :meth:`Archive.flush` before recording that a thread is complete, so that state never runs
    ahead of the records it describes.
    """
    if archive.read_only:
        raise ArchiveError("the crawl state cannot be written through a read-only archive")
    return archive.con
