"""The archive: idempotent batched upserts, edit history, read-only queries, busy detection,
and `threadkeeper parse` on a directory with bad files."""

from __future__ import annotations

import gzip
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from archive.errors import ArchiveBusy, ReadOnlyViolation
from archive.records import Post, Thread
from archive.store import TABLES, Archive

FETCHED_AT = "2025-12-04T12:00:00+00:00"


def cli(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scraper.cli", *args], capture_output=True, text=True, check=check)


def counts(db) -> dict[str, int]:
    with Archive(db, read_only=True) as archive:
        return archive.table_counts()


def test_parsing_both_seeds_twice_changes_no_count(tmp_path, fixtures):
    db = tmp_path / "a.duckdb"
    seeds = str(fixtures / "seeds")
    cli("parse", seeds, "--db", str(db), "--fetched-at", FETCHED_AT, check=True)
    first = counts(db)
    assert first["threads"] == 2 and first["posts"] == 4 and first["faqs"] == 10 and first["attachments"] == 1
    cli("parse", seeds, "--db", str(db), "--fetched-at", FETCHED_AT, check=True)
    assert counts(db) == first


def test_query_reads_and_refuses_writes(tmp_path, fixtures):
    db = tmp_path / "a.duckdb"
    cli("parse", str(fixtures / "seeds"), "--db", str(db), "--fetched-at", FETCHED_AT, check=True)
    proc = cli("query", "select count(*) as n from posts", "--db", str(db), "--format", "csv", check=True)
    assert proc.stdout.splitlines() == ["n", "4"]
    proc = cli("query", "delete from posts", "--db", str(db))
    assert proc.returncode == 2
    assert "read-only" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert counts(db)["posts"] == 4
    proc = cli("query", "select question from faqs order by position limit 1", "--db", str(db), "--format", "json", check=True)
    assert "current stem cell therapies" in proc.stdout


def test_a_threads_pages_read_in_order_by_page_and_position(tmp_path, fixtures):
    # Pages 1 and 3 of a django-machina thread: position restarts on every page.
    db = tmp_path / "a.duckdb"
    base = "http://127.0.0.1:8401/forum/forum/replication-studies-2/topic/replication-of-smith-et-al-2019-effect-sizes-2/"
    for page, query in (("thread_page3", "?page=3"), ("thread_page1", "")):
        cli("parse", str(next((fixtures / "machina" / page).glob("page.*"))), "--url", base + query, "--db", str(db),
            "--fetched-at", FETCHED_AT, check=True)
    proc = cli("query", "select page, position from posts order by page, position", "--db", str(db), "--format", "csv",
               check=True)
    rows = [tuple(map(int, line.split(","))) for line in proc.stdout.splitlines()[1:]]
    assert rows == sorted(rows) and {p for p, _ in rows} == {1, 3} and rows.count((1, 0)) == rows.count((3, 0)) == 1


def test_stats_and_export(tmp_path, fixtures):
    db = tmp_path / "a.duckdb"
    cli("parse", str(fixtures / "seeds"), "--db", str(db), "--fetched-at", FETCHED_AT, check=True)
    proc = cli("stats", "--db", str(db), check=True)
    assert "posts" in proc.stdout and "ips-text" in proc.stdout
    out = tmp_path / "export"
    cli("export", "posts", "refs", "--out", str(out), "--format", "csv", "--db", str(db), check=True)
    assert (out / "posts.csv").read_text().count("Craigo") >= 3
    assert (out / "refs.csv").exists()


def test_bad_files_become_parse_errors_and_the_rest_goes_in(tmp_path, fixtures):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "thread.txt").write_bytes((fixtures / "seeds" / "ips_thread_migraine.txt").read_bytes())
    good_html = "<html><head><title>Caf\xe9 cr\xe8me</title></head><body><p>Fa\xe7ade \u201cquoted\u201d</p></body></html>"
    (pages / "legacy.html").write_bytes(good_html.encode("cp1252"))
    (pages / "empty.html").write_bytes(b"")
    (pages / "binary.html").write_bytes(bytes(range(256)) * 40)
    whole = gzip.compress(b"<html><body>" + b"<p>post</p>" * 5000 + b"</body></html>")
    (pages / "truncated.html.gz").write_bytes(whole[: len(whole) // 2])
    (pages / "cut.html").write_bytes(b"<!DOCTYPE html><html><body><div class='post'><p>This page was cut off in the mid")
    db = tmp_path / "a.duckdb"
    proc = cli("parse", str(pages), "--db", str(db), "--fetched-at", FETCHED_AT)
    assert proc.returncode == 1
    assert "6 pages" in proc.stderr and "4 errors" in proc.stderr
    with Archive(db, read_only=True) as archive:
        _, rows = archive.query("select source, reason from parse_errors order by source")
        reasons = {source.rsplit("/", 1)[1]: reason for source, reason in rows}
        _, statuses = archive.query("select source, status from pages order by source")
        _, titles = archive.query("select title from threads")
    assert set(reasons) >= {"binary.html", "cut.html", "empty.html", "truncated.html.gz"}
    assert "empty" in reasons["empty.html"]
    assert "binary" in reasons["binary.html"]
    assert "gzip" in reasons["truncated.html.gz"]
    assert "truncated" in reasons["cut.html"]
    with Archive(db, read_only=True) as archive:
        _, rows = archive.query("select count(*) from posts join threads using (thread_id) where engine = 'ips-text'")
        _, bodies = archive.query("select body_text from posts join threads using (thread_id) where engine <> 'ips-text'")
    assert rows == [(3,)]  # the seed thread went in
    assert ("Caf\xe9 cr\xe8me",) in titles  # the Windows-1252 page decoded right
    assert any("Fa\xe7ade \u201cquoted\u201d" in body for (body,) in bodies)
    status = {source.rsplit("/", 1)[1]: s for source, s in statuses}
    assert status["thread.txt"] == "ok" and status["binary.html"] == "error"


def test_bad_flag_gives_one_line(tmp_path):
    proc = cli("parse", "--no-such-flag", str(tmp_path))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "--help" in proc.stderr
    proc = cli("parse", str(tmp_path / "missing.html"))
    assert proc.returncode == 2 and "no such file" in proc.stderr
    proc = cli("parse", str(tmp_path), "--timezone", "Mars/Olympus")
    assert proc.returncode == 2 and "unknown timezone" in proc.stderr


def _post(i: int, body: str = "text") -> Post:
    return Post(
        post_id=f"s:p:{i}", thread_id="s:t:1", position=i, url=None, author="a",
        published_at=datetime(2024, 1, 1, tzinfo=timezone.utc), published_raw="Jan 1", body_text=body,
    )


def test_upserts_are_idempotent_across_batches_and_keep_edit_history(tmp_path):
    db = tmp_path / "a.duckdb"
    thread = Thread("s:t:1", "https://s/t/1", "T", "test", "s")
    with Archive(db, batch_size=7) as archive:
        archive.add([thread])
        archive.add(_post(i) for i in range(50))
        archive.add(_post(i) for i in range(50))  # duplicates within and across batches
    with Archive(db, batch_size=7) as archive:
        archive.add([_post(3, "edited text"), _post(50)])
    with Archive(db, read_only=True) as archive:
        _, rows = archive.query("select count(*), count(distinct post_id) from posts")
        assert rows == [(51, 51)]
        _, rows = archive.query("select body_text from posts where post_id = 's:p:3'")
        assert rows == [("edited text",)]
        _, rows = archive.query("select body_text from post_versions where post_id = 's:p:3'")
        assert rows == [("text",)]
        _, rows = archive.query("select count(distinct run_id) from posts")
        assert rows == [(2,)]


def test_an_archive_of_an_earlier_version_is_migrated_and_keeps_its_edit_history(tmp_path):
    import duckdb

    from archive.store import _migrations

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_migrations (version INTEGER, applied_at TIMESTAMPTZ)")
    for version, sql in _migrations()[:2]:  # an archive written before own_text (version 3)
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, now())", [version])
    con.close()
    with Archive(db) as archive:
        archive.add([Thread("s:t:1", "https://s/t/1", "T", "test", "s"), _post(1)])
    with Archive(db) as archive:
        archive.add([replace(_post(1, "quoted\nreply"), own_text="reply")])
    with Archive(db, read_only=True) as archive:
        _, rows = archive.query("select body_text, own_text from posts")
        assert rows == [("quoted\nreply", "reply")]
        _, rows = archive.query("select body_text, own_text, replaced_by_run is not null from post_versions")
        assert rows == [("text", None, True)]


def test_every_record_type_has_a_table_with_its_fields(tmp_path):
    import dataclasses

    with Archive(tmp_path / "a.duckdb") as archive:
        for record_type, (table, _) in TABLES.items():
            columns = {name for name, _ in archive._table_columns(table)}
            fields = {f.name for f in dataclasses.fields(record_type)}
            assert fields | {"row_hash", "run_id"} == columns, table


def test_second_writer_is_told_the_archive_is_busy(tmp_path):
    db = tmp_path / "a.duckdb"
    with Archive(db):
        code = (
            "import sys\nfrom archive.store import Archive\nfrom archive.errors import ArchiveBusy\n"
            f"try:\n    Archive({str(db)!r}, wait=0.5)\nexcept ArchiveBusy as e:\n    print(e); sys.exit(3)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode == 3 and "busy" in proc.stdout


def test_read_only_archive_refuses_writes_in_process(tmp_path):
    db = tmp_path / "a.duckdb"
    Archive(db).close()
    with Archive(db, read_only=True) as archive:
        with pytest.raises(ReadOnlyViolation):
            archive.query("insert into threads (thread_id) values ('x')")
    with pytest.raises(ArchiveBusy.__mro__[1]):
        Archive(tmp_path / "missing.duckdb", read_only=True)


def test_replace_keeps_records_frozen():
    post = _post(1)
    with pytest.raises(dataclasses_frozen_error()):
        post.body_text = "x"  # type: ignore[misc]
    assert replace(post, body_text="y").body_text == "y"


def dataclasses_frozen_error():
    import dataclasses

    return dataclasses.FrozenInstanceError


def test_a_warc_that_breaks_off_keeps_the_pages_before_the_break(tmp_path, fixtures):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc"
    thread = (fixtures / "seeds" / "ips_thread_migraine.txt").read_bytes()
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        page = b"<html><head><title>First</title></head><body><article><p>" + thread[:2000] + b"</p></article></body></html>"
        writer.write_record(writer.create_warc_record(
            "https://blog.example/a", "response", payload=io.BytesIO(page), http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-03-01T10:00:00Z"},
        ))
        out.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ncut off here")
    db = tmp_path / "a.duckdb"
    proc = cli("parse", str(path), "--db", str(db))
    assert proc.returncode == 1 and "2 pages" in proc.stderr and "1 errors" in proc.stderr
    with Archive(db, read_only=True) as archive:
        _, rows = archive.query("select url, fetched_at_source from pages where status <> 'error'")
        assert rows == [("https://blog.example/a", "warc-date")]
        _, rows = archive.query("select count(*) from parse_errors")
        assert rows == [(1,)]
