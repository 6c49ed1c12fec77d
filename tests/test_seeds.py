"""The two documents the project started from, end to end through the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FETCHED_AT = "2025-12-04T12:00:00+00:00"


def run_parse(*args: str) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "scraper.cli", "parse", *args, "--jsonl", "-"],
        capture_output=True, text=True, check=True,
    )
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture(scope="module")
def thread_records(fixtures):
    return run_parse(str(fixtures / "seeds" / "ips_thread_migraine.txt"), "--fetched-at", FETCHED_AT)


@pytest.fixture(scope="module")
def article_records(fixtures):
    return run_parse(str(fixtures / "seeds" / "blog_stem_cells.txt"), "--fetched-at", FETCHED_AT)


def of_type(records: list[dict], kind: str) -> list[dict]:
    return [r for r in records if r["type"] == kind]


def test_seed_thread_has_one_thread_and_three_posts_by_craigo(thread_records):
    assert len(of_type(thread_records, "thread")) == 1
    posts = of_type(thread_records, "post")
    assert [p["author"] for p in posts] == ["Craigo", "Craigo", "Craigo"]
    assert [p["position"] for p in posts] == [0, 1, 2]
    assert len({p["post_id"] for p in posts}) == 3


def test_seed_thread_dates_resolve_against_fetch_time(thread_records):
    posts = of_type(thread_records, "post")
    assert [p["published_raw"] for p in posts] == ["Tuesday at 08:38 AM", "Tuesday at 08:50 AM", "47 minutes ago"]
    assert [p["published_at"] for p in posts] == [
        "2025-12-02T08:38:00+00:00",
        "2025-12-02T08:50:00+00:00",
        "2025-12-04T11:13:00+00:00",
    ]
    assert [p["published_precision"] for p in posts] == ["minute", "minute", "minute"]
    assert [p["published_source"] for p in posts] == ["relative", "relative", "relative"]


def test_seed_thread_bodies_hold_no_page_chrome(thread_records):
    posts = of_type(thread_records, "post")
    assert posts[0]["body_text"].startswith("In lieu of a recent article")
    assert posts[0]["body_text"].endswith("despite limited trials.")
    assert posts[1]["body_text"] == (
        "Notebook LLM Audio Summary Podcast Generation (AI generated). Leaky_Gut_Causes_Chronic_Migraines_and_Pain.m4a"
    )
    assert posts[2]["body_text"].startswith("Another review on this subject")
    for post in posts:
        for chrome in ("Quote", "Recommended Posts", "Join the conversation", "Posted", "sign in now"):
            assert chrome not in post["body_text"]


def test_seed_thread_second_post_carries_the_audio_attachment(thread_records):
    posts = of_type(thread_records, "post")
    attachments = of_type(thread_records, "attachment")
    assert [(a["post_id"], a["filename"], a["kind"]) for a in attachments] == [
        (posts[1]["post_id"], "Leaky_Gut_Causes_Chronic_Migraines_and_Pain.m4a", "file")
    ]


def test_seed_article_title_author_and_headings(article_records):
    (thread,) = of_type(article_records, "thread")
    (post,) = of_type(article_records, "post")
    assert thread["kind"] == "blog"
    assert thread["title"] == post["title"] == "The Potential of Stem Cell Therapy in Treating Chronic Migraine"
    assert post["is_article"] and post["position"] == 0
    assert post["author"] == "Jenny from Migraine Buddy"
    assert post["headings"] == [
        "Understanding Chronic Migraine",
        "Overview of Stem Cell Therapy",
        "Preclinical and Animal Studies",
        "Human Clinical Trials",
        "Mechanisms of Action",
        "Challenges and Limitations",
        "Future Prospects and Ongoing Research",
        "Frequently Asked Questions",
    ]
    assert post["body_text"].startswith("Chronic migraine is a severe and frequent headache disorder")
    assert post["body_text"].endswith("improving the lives of millions of patients worldwide.")


def test_seed_article_body_leaves_out_page_chrome(article_records):
    (post,) = of_type(article_records, "post")
    for chrome in ("You Will Also Like", "Back to Blog", "Leave your mobile", "Jenny from Migraine Buddy"):
        assert chrome not in post["body_text"]


def test_seed_article_faq_has_ten_pairs(article_records):
    faqs = of_type(article_records, "faq")
    assert len(faqs) == 10
    assert [f["position"] for f in faqs] == list(range(10))
    assert faqs[0]["question"] == "Are there any current stem cell therapies available for chronic migraine?"
    assert faqs[0]["answer"].startswith("While stem cell therapy is still at the research stage")
    assert faqs[9]["question"] == "Can stem cell therapy be accessed outside of clinical trials?"
    assert all(not f["answer"].startswith("A:") for f in faqs)


def test_every_seed_record_matches_its_schema(thread_records, article_records, validate_record):
    for record in thread_records + article_records:
        validate_record(record)
