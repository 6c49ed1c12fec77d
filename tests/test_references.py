"""References: identifiers, pasted citations and mentions, at CLI level on the seeds and by unit
on the tricky cases; precision and recall on the reference test set (tests/fixtures/references)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.parsers import references
from scraper.parsers.references import identifiers, names

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "references"
FETCHED_AT = "2025-12-04T12:00:00+00:00"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_refs", ROOT / "bench" / "refs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cli(*args: str, stdin: str | None = None) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args], input=stdin, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _parse(seed: str) -> list[dict]:
    return _cli("parse", str(SEEDS / seed), "--fetched-at", FETCHED_AT, "--jsonl", "-")


# -- the seed thread ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_thread() -> list[dict]:
    return _parse("ips_thread_migraine.txt")


def test_seed_thread_gives_exactly_its_twelve_references(seed_thread, validate_record):
    positions = {r["post_id"]: r["position"] for r in seed_thread if r["type"] == "post"}
    got = []
    for record in seed_thread:
        if record["type"] == "reference":
            validate_record(record)
            item = {k: v for k, v in record.items() if k not in ("type", "reference_id", "post_id")}
            got.append({"post_position": positions[record["post_id"]], **item})
    expected = [json.loads(line) for line in (FIXTURES / "ips_thread_migraine.references.jsonl").open(encoding="utf-8")]
    assert [(r["post_position"], r["key"]) for r in got] == [(r["post_position"], r["key"]) for r in expected]
    for want, have in zip(expected, got):
        assert have == want, want["key"]


def test_seed_thread_first_post_is_eleven_dois_with_their_citations(seed_thread):
    first_post = next(r["post_id"] for r in seed_thread if r["type"] == "post" and r["position"] == 0)
    refs = [r for r in seed_thread if r["type"] == "reference" and r["post_id"] == first_post]
    assert [r["kind"] for r in refs] == ["doi"] * 11  # no separate citation record for a paper with a DOI
    assert all(r["title"] and r["authors"] and r["published"] and r["note"] for r in refs)
    by_doi = {r["value"]: r for r in refs}
    group = by_doi["10.1186/s10194-023-01609-x"]
    assert group["authors"][-2:] == ["Chao You", "The International Headache Genetics Consortium"]
    assert (group["published"], group["published_date"]) == ("July 2023", "2023-07")
    year_only = by_doi["10.1111/ene.15934"]
    assert (year_only["published"], year_only["published_date"], year_only["year"]) == ("2023", "2023", 2023)
    dated = by_doi["10.3390/microorganisms11082083"]
    assert (dated["published"], dated["published_date"]) == ("14 August 2023", "2023-08-14")
    assert by_doi["10.1212/nxi.0000000000200437"]["raw"] == "https://doi.org/10.1212/NXI.0000000000200437"


def test_seed_thread_gamil_review_is_a_citation_without_identifier(seed_thread):
    gamil = next(r for r in seed_thread if r["type"] == "reference" and r["kind"] == "citation")
    assert gamil["title"] == "A review on gut microbiota and migraine severity: a complex relationship"
    assert gamil["journal"] == "Inflammopharmacology"
    assert (gamil["published"], gamil["published_date"]) == ("27 November 2025", "2025-11-27")
    assert len(gamil["authors"]) == 12
    assert gamil["authors"][0] == "Noha M. Gamil" and gamil["authors"][-1] == "Riham A. El-Shiekh"
    assert gamil["key"] == "cite:a review on gut microbiota and migraine severity a complex relationship"
    assert gamil["value"] is None


def test_blog_seed_gives_its_two_mentions_and_nothing_else(validate_record):
    refs = [r for r in _parse("blog_stem_cells.txt") if r["type"] == "reference"]
    for record in refs:
        validate_record(record)
    assert [(r["kind"], r["raw"], r["surname"], r["year"]) for r in refs] == [
        ("mention", "Smith et al.", "Smith", None),
        ("mention", "Gonzalez and colleagues", "Gonzalez", None),
    ]
    assert refs[0]["context"].startswith("For example, in a study by Smith et al., researchers")


# -- the CLI's refs command ------------------------------------------------------------------


def test_refs_command_prints_reference_records(validate_record):
    html = '<p>See <a href="https://doi.org/10.1038/nature12373?utm_source=x">this</a> (Smith &amp; Jones, 2020).</p>'
    records = _cli("refs", "-", "--jsonl", stdin=html)
    for record in records:
        validate_record(record)
    assert [(r["kind"], r["key"]) for r in records] == [("doi", "doi:10.1038/nature12373"), ("mention", "mention:smith:2020")]
    assert records[1]["authors"] == ["Smith", "Jones"]


def test_pasted_list_in_html_uses_lines_and_links():
    text, element = references.snippet((FIXTURES / "pasted_list.html").read_text(encoding="utf-8"))
    refs = references.extract(text, element)
    assert [(r.kind, r.key) for r in refs] == [
        ("doi", "doi:10.1007/s12035-019-01721-7"),
        ("doi", "doi:10.1186/s10194-025-02039-7"),
        ("citation", "cite:a review on gut microbiota and migraine severity a complex relationship"),
    ]
    linked, question, gamil = refs
    assert linked.title == "Gut microbiota dysbiosis enhances migraine-like pain via TNFα upregulation"
    assert linked.authors[-1] == "Feng Tao" and linked.note == "Antibiotic-induced dysbiosis worsens pain"
    assert question.title == "Is the gut to blame? A systematic review"
    assert question.authors == ["Caroline W Mugo", "Ella Church", "Olivia Grech"]
    assert (gamil.journal, gamil.published_date, len(gamil.authors)) == ("Inflammopharmacology", "2025-11-27", 3)


def test_pasted_entries_with_labelled_fields():
    refs = references.extract((FIXTURES / "labelled_fields.txt").read_text(encoding="utf-8"))
    assert [(r.kind, r.title, r.published_date, r.authors, r.journal, r.note) for r in refs] == [
        ("doi", "Probiotics for migraine: a randomised trial", "2024-03", ["Olga Grodzka", "Izabela Domitrz"], "Nutrients",
         "fewer attack days."),
        ("citation", "Vitamin D and headache frequency", "2022", ["Sara Smith", "Tom Jones"], "The Journal of Headache and Pain",
         "small sample."),
    ]


def test_formatted_references_one_per_line():
    text = (FIXTURES / "formatted_references.txt").read_text(encoding="utf-8")
    refs = {r.key: r for r in references.extract(text)}
    vancouver = refs["doi:10.1007/s12035-019-01721-7"]  # also cited in APA on line 2: one record
    assert vancouver.title == "Gut Microbiota Dysbiosis Enhances Migraine-Like Pain Via TNFα Upregulation"
    assert (vancouver.journal, vancouver.published, vancouver.published_date) == ("Mol Neurobiol", "2020 Jan", "2020-01")
    assert vancouver.authors == ["Tang Y", "Liu S", "Shu H", "Yanagisawa L", "Tao F"] and vancouver.surname == "Tang"
    wiki = refs["doi:10.1111/pala.12284"]
    assert wiki.title == "Macroevolutionary patterns in Rhynchocephalia: is the tuatara (Sphenodon punctatus) a living fossil?"
    assert (wiki.journal, wiki.published_date, wiki.surname) == ("Palaeontology", "2017-05", "Herrera-Flores")
    assert refs["pmid:21187404"].title is None  # the DOI of that line carries the citation
    no_identifier = refs["cite:an update pathophysiology of migraine"]
    assert (no_identifier.kind, no_identifier.journal, no_identifier.authors) == ("citation", "Neurol Clin", ["Goadsby PJ", "Holland PR"])
    assert [r.key for r in references.extract("Tang, Y., Liu, S., & Tao, F. (2020). Gut dysbiosis and pain. Molecular Neurobiology, 57(1), 461–468.")] == [
        "cite:gut dysbiosis and pain"
    ]
    assert "mention:smith:2019" in refs and len(refs) == 8


def test_article_published_line_and_wikipedia_oddities():
    text = (
        '^ Callister, Paul (2004). "Seeking an Ethnic Identity: Is "New Zealander" a Valid Ethnic Category?" (PDF). '
        "New Zealand Population Review. 30 (1&2): 5–22.\n"
        '^ Holland, James (September 2010). "World War Two: The Battle of Monte Cassino". Retrieved 9 January 2011. '
        "http://www.bbc.co.uk/history/x\n"
        "The rumour was meant to discredit the former ambassador.\nPublished 18 November 2019\n"
        "https://www.gettyimages.com/detail/news-photo/x"
    )
    refs = references.extract(text)
    assert [(r.kind, r.title, r.journal) for r in refs] == [
        ("citation", 'Seeking an Ethnic Identity: Is "New Zealander" a Valid Ethnic Category?', "New Zealand Population Review"),
        ("url", "World War Two: The Battle of Monte Cassino", None),
        ("url", None, None),  # an article's own date line with a photo link is not a citation
    ]


# -- units -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("10.1000/XYZ.", "10.1000/xyz"),
        ("10.1016/S0140-6736(20)30183-5)", "10.1016/s0140-6736(20)30183-5"),
        ("10.1101/2020.03.22.002386v3.full.pdf", "10.1101/2020.03.22.002386"),
        ("10.3389/fneur.2021.626312/full", "10.3389/fneur.2021.626312"),
        ("10.1016%2Fj.jpain.2019.01.001", "10.1016/j.jpain.2019.01.001"),
    ],
)
def test_normalise_doi(raw, doi):
    assert references.normalise_doi(raw) == doi


def test_isbn_checksum():
    assert identifiers.isbn13("0-306-40615-2") == "9780306406157"
    assert identifiers.isbn13("978-0-306-40615-7") == "9780306406157"
    assert identifiers.isbn13("978-0-306-40615-8") is None
    assert identifiers.isbn13("0-8044-2957-X") == "9780804429573"


def test_url_key_drops_tracking_scheme_and_www():
    a = identifiers.classify_url("https://www.example.com/a/?utm_source=x&b=2&a=1#top")
    b = identifiers.classify_url("http://example.com/a?a=1&b=2")
    assert a.kind == b.kind == "url" and a.key == b.key == "url:example.com/a?a=1&b=2"


def test_quote_left_in_text_is_not_the_posts_words():
    # XenForo's copied quote, from "X said:" to "Click to expand...": all of it is the quoted post's.
    assert references.extract("Craigo said: Smith et al. (2019) Click to expand...\nThanks!") == []
    # An attribution line alone is dropped; the post's own words after it are read.
    text = "Jones et al. wrote:\nThanks, I agree with Brown et al. (2020)."
    assert [r.key for r in references.extract(text)] == ["mention:brown:2020"]


def test_links_of_a_plain_etree_element():
    # Some engines hand over lxml.etree elements (no text_content()): links must still be read.
    from lxml import etree

    element = etree.fromstring('<div><p>See <a href="https://pubmed.ncbi.nlm.nih.gov/33301246/">this <b>trial</b></a></p></div>')
    assert [r.key for r in references.extract("See this trial", element)] == ["pmid:33301246"]


def test_a_sites_own_exit_link_gives_the_address_it_leads_to():
    import lxml.html

    element = lxml.html.fromstring(
        '<div>Read <a href="/w3p_includes/w3p_externerlink.php?url=https://pubmed.ncbi.nlm.nih.gov/33301246/">the trial</a>'
        ' and <a href="/en/home/leaving?target=https%3A%2F%2Fexample.org%2Fa">this</a> but not <a href="/search?q=trial">ours</a>.</div>'
    )
    keys = [r.key for r in references.extract("Read the trial and this but not ours.", element)]
    assert keys == ["pmid:33301246", "url:example.org/a"]


def test_a_link_is_placed_in_reading_order_though_its_words_hold_zero_width_spaces():
    import lxml.html

    element = lxml.html.fromstring('<div><a href="https://example.org/map">42\u00b0S\ufeff / \ufeff174\u00b0E</a> as in doi:10.1000/182</div>')
    text = "42\u00b0S / 174\u00b0E as in doi:10.1000/182"  # the post's text, as text_of reads it
    assert [r.key for r in references.extract(text, element)] == ["url:example.org/map", "doi:10.1000/182"]


def test_dates_normalise():
    assert names.normalise_date("January 2020") == "2020-01"
    assert names.normalise_date("14 August 2023") == "2023-08-14"
    assert names.normalise_date("November 27, 2025") == "2025-11-27"
    assert names.normalise_date("2023") == "2023"


# -- the test set and the cost ------------------------------------------------------------------


def test_reference_set_precision_and_recall():
    bench = _bench()
    cases = bench.load_cases(FIXTURES / "cases.json")
    assert len(cases) >= 100
    result = bench.score(cases)
    for group, threshold in bench.THRESHOLDS.items():
        s = result[group]
        assert s["precision"] >= threshold and s["recall"] >= threshold, (group, s["errors"])


def test_extraction_is_cheap():
    plain = "Thanks everyone, I tried the magnesium and it helped a lot. Feeling better today. " * 6
    typical = (
        "My neurologist suggested magnesium (400 mg) after reading Smith et al. (2019); see "
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6543210/ and https://www.example.com/a?utm_source=x. " * 3
    )
    for text, budget in ((plain, 100e-6), (typical, 1e-3)):
        runs = []
        for _ in range(30):
            started = time.perf_counter()
            references.extract(text)
            runs.append(time.perf_counter() - started)
        assert sorted(runs)[len(runs) // 2] < budget
