"""Identifiers in a post: DOIs, PubMed and PMC ids, arXiv ids, ISBNs and plain links.

Each finder returns :class:`Found` items (a draft and where its text sits in the post), so that
citations can claim the identifiers written inside them and mentions can skip their text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from ..html import without_zero_width
from .draft import RefDraft


@dataclass(slots=True)
class Found:
    ref: RefDraft
    start: int  # span in the post text; -1 when only a link's href gave it
    end: int
    anchor_text: str | None = None  # the text of the link that gave it, for locating it


# -- DOIs ---------------------------------------------------------------------------------------

# A DOI runs to the next space or quote; "<" only opens a bracketed part without spaces, as in
# old Wiley DOIs (10.1002/(SICI)1097-4636(199706)35:4<407::AID-JBM3>3.0.CO;2-B).
_DOI = re.compile(r"10\.\d{4,9}/(?:[^\s\"“”‘’<>\[\]{}|\\^`]|<[^\s<>]{1,40}>|\[[^\s\[\]]{1,40}\])+")
_TRAILING = ".,;:!?'\"’”…*"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
# What publisher URLs put after the DOI: views of the same paper, not part of its name.
_DOI_SUFFIX = re.compile(
    r"(?:/(?:full|abstract|abs|pdf|epdf|pdfdirect|fulltext|full-text|html|meta|summary|references|"
    r"figures|tables|suppinfo|supplementary|citedby|issuetoc|reader|view|short|long|info)"
    r"|\.(?:full|pdf|abstract|short|long|html?|figures-only|supplementary-material|e?pub))$",
    re.I,
)
# bioRxiv/medRxiv/SSRN style version suffixes ("…123456v2"): the same paper.
_DOI_VERSION = re.compile(r"(?<=\d)v\d{1,2}$")
_QUERY = re.compile(r"[?#&]")
_NOT_ISBN_DIGIT = re.compile(r"[^\dXx]")


def trim(text: str) -> str:
    """Drop trailing punctuation and closing brackets that the text opened before the match."""
    while text:
        last = text[-1]
        if last in _TRAILING:
            text = text[:-1]
        elif last in _CLOSERS and text.count(last) > text.count(_CLOSERS[last]):
            text = text[:-1]
        else:
            break
    return text


def normalise_doi(raw: str) -> str:
    """``10.xxxx/...`` in lower case, without URL encoding, trailing punctuation or view suffixes."""
    doi = trim(unquote(raw).strip())
    while True:
        shorter = trim(_DOI_VERSION.sub("", _DOI_SUFFIX.sub("", doi)).rstrip("/"))
        if shorter == doi:
            return doi.lower()
        doi = shorter


def doi_in_url(url: str) -> str | None:
    text = unquote(url)
    match = _DOI.search(text)
    if not match:
        return None
    doi = _QUERY.split(match.group(0), maxsplit=1)[0]
    return normalise_doi(doi) or None


def doi_ref(doi: str, raw: str) -> RefDraft:
    return RefDraft("doi", f"doi:{doi}", doi, raw)


# -- PubMed, PMC, arXiv ---------------------------------------------------------------------

_PMID_LABEL = re.compile(r"(?:PMID|[Pp]ub[Mm]ed(?:\s+ID)?)\s*:?\s*(\d{1,8})\b")
_PMC_LABEL = re.compile(r"PMC(?:ID)?\s*:?\s*(?:PMC)?(\d{4,8})\b")
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_LABEL = re.compile(rf"(?i:arXiv)\s*:?\s*({_ARXIV_NEW}|{_ARXIV_OLD})(v\d+)?\b", re.I)
_ARXIV_PATH = re.compile(rf"^/(?:abs|pdf|html|format)/({_ARXIV_NEW}|{_ARXIV_OLD})(v\d+)?(?:\.pdf)?/?$", re.I)
_PUBMED_PATH = re.compile(r"^/(?:pubmed/|entrez/query\.fcgi\b.*?\b)?(\d{1,8})/?$")
_PMC_PATH = re.compile(r"/(?:pmc/)?articles/(PMC\d{4,8})\b", re.I)
_EUROPEPMC_PATH = re.compile(r"^/(?:abstract|article|api/fulltextRepo)/(MED|PMC)/(PMC)?(\d{1,8})\b", re.I)


def pmid_ref(pmid: str, raw: str) -> RefDraft:
    pmid = pmid.lstrip("0") or "0"
    return RefDraft("pmid", f"pmid:{pmid}", pmid, raw)


def pmcid_ref(digits: str, raw: str) -> RefDraft:
    pmcid = f"PMC{digits.upper().removeprefix('PMC')}"
    return RefDraft("pmcid", f"pmcid:{pmcid}", pmcid, raw)


def arxiv_ref(arxiv_id: str, raw: str) -> RefDraft:
    # The key has no version: v1 and v2 are the same paper.
    return RefDraft("arxiv", f"arxiv:{arxiv_id.lower()}", arxiv_id, raw)


# -- ISBNs ----------------------------------------------------------------------------------

_ISBN_LABEL = re.compile(r"ISBN(?:-?1[03])?\s*:?\s*((?:97[89][\s‐-]?)?\d(?:[\s‐-]?\d){8}[\s‐-]?[\dXx])(?![\w‐-])")
_ISBN_BARE = re.compile(r"(97[89](?:[‐-]?\d){10})(?![\w‐-])")


def isbn13(raw: str) -> str | None:
    """The ISBN-13 of a written ISBN-10 or ISBN-13, or None when its check digit is wrong."""
    digits = _NOT_ISBN_DIGIT.sub("", raw).upper()
    if len(digits) == 10 and digits[:9].isdigit():
        total = sum((10 - i) * int(d) for i, d in enumerate(digits[:9]))
        check = (11 - total % 11) % 11
        if digits[9] != ("X" if check == 10 else str(check)):
            return None
        body = "978" + digits[:9]
    elif len(digits) == 13 and digits.isdigit() and digits[:3] in ("978", "979"):
        body = digits[:12]
        if _isbn13_check(body) != digits[12]:
            return None
        return digits
    else:
        return None
    return body + _isbn13_check(body)


def _isbn13_check(body: str) -> str:
    total = sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(body))
    return str((10 - total % 10) % 10)


# -- URLs -----------------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)(?:[^\s<>\"“”‘’|\\^`{}]|<[^\s<>]{1,40}>)+")
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|yclid|igshid|_ga|_gl|_hsenc|_hsmi|"
    r"mkt_tok|ref_src|ref_url|spm|scid|cmpid|s_cid|ncid|oly_enc_id|oly_anon_id|vero_id|wickedid|"
    r"__s|trk|sr_share|soc_src|soc_trk|icid|cid|sc_cid|ito|dicbo|xtor|at_medium|at_campaign|"
    r"_branch_match_id|ocid|cvid|feature|share|sh|si|smid|ved|usg|ei|sa|source|sourceid|tag|linkcode|psc|th|"
    r"rlz|oq|aqs|ie|gs_lcp|sclient|uact|client|bih|biw|dpr|partner_id|affiliate_id|aff_id|affid)$",
    re.I,
)
# Redirectors that wrap the real target in a query parameter (Google, Facebook, forum proxies).
_REDIRECT_PATH = re.compile(r"(?:^|/)(?:url|l\.php|redirect(?:\.php)?|out|away|proxy\.php|exit|link|go)/?$", re.I)
_REDIRECT_PARAMS = ("url", "u", "q", "link", "target", "dest", "destination", "redirect", "to")
# Parameters that carry the target of an affiliate or tracking link wherever they appear
# (go.redirectingat.com/?id=…&url=…).
_TARGET_PARAMS = ("url", "u", "redirect_url", "dest", "destination", "target")
# A host name ("www.example.co.uk", "xn--grenzgnge-02a.net", "bücher.de") or an IPv4 address;
# not a placeholder such as "www.*.com".
_HOST = re.compile(r"^(?:(?:(?!-)[\w-]{1,63}(?<!-)\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{2,59})|\d{1,3}(?:\.\d{1,3}){3})$")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}
# Parameters that only some sites use for tracking keep their meaning elsewhere (YouTube "feature",
# "si"; search "source"): they are dropped only on these hosts.
_SITE_TRACKING = {
    "feature", "si", "sh", "share", "source", "sourceid", "ved", "usg", "ei", "sa", "cid", "smid", "ito", "tag", "linkcode",
    "psc", "th", "rlz", "oq", "aqs", "ie", "gs_lcp", "sclient", "uact", "client", "bih", "biw", "dpr",
}
_TRACKING_HOSTS = re.compile(r"(?:^|\.)(?:amazon\.[a-z.]+|youtube\.com|youtu\.be|google\.[a-z.]+|nytimes\.com|twitter\.com|x\.com|spotify\.com|instagram\.com|facebook\.com|linkedin\.com|reddit\.com|msn\.com|bing\.com)$")


def _wrapped_target(path: str, query: list[tuple[str, str]]) -> str | None:
    """The address a redirect or tracking link carries in its query."""
    redirector = bool(_REDIRECT_PATH.search(path))
    for name, value in query:
        name = name.lower()
        if value.startswith(("http://", "https://")) and (name in _TARGET_PARAMS or (redirector and name in _REDIRECT_PARAMS)):
            return value
    return None


def canonical_url(url: str) -> str | None:
    """The URL without tracking parameters, fragment and default port, query sorted; None if not http(s).

    (w3lib's canonicalize_url does the same but costs half a millisecond per URL.)"""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    elif url.lower().startswith("www."):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # "http://[oops" or a port that is not a number
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not _HOST.match(parts.hostname):
        return None
    query = parse_qsl(parts.query, keep_blank_values=True)
    target = _wrapped_target(parts.path, query)
    if target:
        return canonical_url(target)
    host = parts.hostname.lower()
    site_tracking = bool(_TRACKING_HOSTS.search(host))
    kept = [
        (k, v) for k, v in query
        if not _TRACKING.match(k) or (k.lower() in _SITE_TRACKING and not site_tracking)
    ]
    netloc = host + (f":{port}" if port and f":{port}" != _DEFAULT_PORTS.get(parts.scheme.lower()) else "")
    # One spelling of the path and query: percent-encoding redone, parameters sorted.
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~")
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(sorted(kept)), ""))


def url_key(value: str) -> str:
    """The same page over http or https, with or without www, with or without a final slash."""
    parts = urlsplit(value)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"url:{host}{path}" + (f"?{parts.query}" if parts.query else "")


def classify_url(raw: str) -> RefDraft | None:
    """What a link points at: a paper's identifier when the URL names one, else the URL itself."""
    found = _classified(raw)
    # A new draft each time: the caller fills in its fields.
    return RefDraft(found.kind, found.key, found.value, raw) if found else None


@lru_cache(maxsize=4096)  # pages repeat their links (signatures, the site's own pages)
def _classified(raw: str) -> RefDraft | None:
    value = canonical_url(raw)
    if value is None:
        return None
    parts = urlsplit(value)
    host = parts.hostname or ""
    path = unquote(parts.path)
    if host.endswith("arxiv.org"):
        match = _ARXIV_PATH.match(path)
        if match:
            return arxiv_ref(match.group(1), raw)
    if host.endswith("ncbi.nlm.nih.gov"):
        match = _PMC_PATH.search(path)
        if match:
            return pmcid_ref(match.group(1), raw)
        if host.startswith("pubmed.") or path.startswith("/pubmed"):
            match = _PUBMED_PATH.match(path)
            if match:
                return pmid_ref(match.group(1), raw)
            for name, term in parse_qsl(parts.query):
                if name in ("term", "list_uids", "uid") and term.isdigit() and len(term) <= 8:
                    return pmid_ref(term, raw)
    if host.endswith("europepmc.org"):
        match = _EUROPEPMC_PATH.match(path)
        if match:
            if match.group(1).upper() == "PMC":
                return pmcid_ref(match.group(3), raw)
            return pmid_ref(match.group(3), raw)
    doi = doi_in_url(raw)
    if doi:
        return doi_ref(doi, raw)
    return RefDraft("url", url_key(value), value, raw)


# -- finders --------------------------------------------------------------------------------


def _starts_word(text: str, start: int, joiners: str = "") -> bool:
    """No letter, digit or joiner right before ``start`` (a lookbehind in the patterns would make
    every position of a long post slow: they start with a literal instead)."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in joiners)


def in_text(text: str) -> list[Found]:
    """Identifiers written in the text, links first (a DOI inside a URL belongs to the URL)."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    if "http" in text or "www." in text:
        for match in _URL.finditer(text):
            if not _starts_word(text, match.start(), "@/_.-"):
                continue
            raw = trim(match.group(0))
            if "..." in raw or "…" in raw:
                continue  # a link text shortened for display: the href has the real URL
            ref = classify_url(raw)
            taken.append((match.start(), match.start() + len(raw)))
            if ref:
                found.append(Found(ref, match.start(), match.start() + len(raw)))

    def free(start: int) -> bool:
        return not any(s <= start < e for s, e in taken)

    if "10." in text:
        for match in _DOI.finditer(text):
            if free(match.start()) and _starts_word(text, match.start(), "._"):
                doi = normalise_doi(match.group(0))
                found.append(Found(doi_ref(doi, trim(match.group(0))), match.start(), match.start() + len(trim(match.group(0)))))
    # Each finder runs only when its cue is in the text: most posts have none.  The cues are
    # the labels' own spelling, case-sensitive as the patterns are; lower-casing a post with
    # accents costs more than this whole function, so only an "x" lets arXiv's cue be looked for.
    for cued, pattern, make in (
        ("PMID" in text or "ubMed" in text or "ubmed" in text, _PMID_LABEL, pmid_ref),
        ("PMC" in text, _PMC_LABEL, pmcid_ref),
    ):
        if not cued:
            continue
        for match in pattern.finditer(text):
            if free(match.start()) and _starts_word(text, match.start()):
                found.append(Found(make(match.group(1), match.group(0)), match.start(), match.end()))
    if ("x" in text or "X" in text) and "arxiv" in text.lower():
        for match in _ARXIV_LABEL.finditer(text):
            if free(match.start()) and _starts_word(text, match.start()):
                found.append(Found(arxiv_ref(match.group(1), match.group(0)), match.start(), match.end()))
    isbn_spans = []
    if "ISBN" in text:
        for match in _ISBN_LABEL.finditer(text):
            number = isbn13(match.group(1))
            if number and free(match.start()) and _starts_word(text, match.start()):
                isbn_spans.append((match.start(1), match.end(1)))
                found.append(Found(RefDraft("isbn", f"isbn:{number}", number, match.group(0)), match.start(), match.end()))
    if "978" in text or "979" in text:
        for match in _ISBN_BARE.finditer(text):
            number = isbn13(match.group(1))
            if (
                number
                and free(match.start())
                and _starts_word(text, match.start(), "‐-")
                and not any(s <= match.start() < e for s, e in isbn_spans)
            ):
                found.append(Found(RefDraft("isbn", f"isbn:{number}", number, match.group(0)), match.start(), match.end()))
    return found


def in_links(element: object) -> list[Found]:
    """Identifiers and URLs of the ``<a href>`` links of a post (not those inside a quote)."""
    found: list[Found] = []
    for anchor in element.iter("a"):  # type: ignore[attr-defined]
        href = (anchor.get("href") or "").strip()
        if "http" in href and not href.startswith(("http://", "https://", "//", "www.")):
            # The site's own exit page (/externerlink.php?url=https://…) leads off the site.
            split = urlsplit(href)
            href = _wrapped_target(split.path, parse_qsl(split.query)) or href
        if not href.startswith(("http://", "https://", "//", "www.")) or _inside_quote(anchor, element):
            continue
        text = " ".join(without_zero_width("".join(anchor.itertext())).split())
        if _is_user_mention(anchor, text):
            continue
        ref = classify_url(href)
        if ref:
            found.append(Found(ref, -1, -1, text))
    return found


_USER_ATTRIBUTES = ("data-userid", "data-user-id", "data-username", "data-mentionid", "data-user")


def _is_user_mention(anchor: object, text: str) -> bool:
    """"@Linc" links to a member's profile: a mention of a member, not a reference."""
    if text.startswith("@") or "mention" in (anchor.get("class") or "").lower():  # type: ignore[attr-defined]
        return True
    return any(anchor.get(name) for name in _USER_ATTRIBUTES)  # type: ignore[attr-defined]


def _inside_quote(node: object, root: object) -> bool:
    # Engines take quotes out of the body; this guards against a quote they left in.
    parent = node.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent is not root:
        if parent.tag == "blockquote" or "quote" in (parent.get("class") or "").lower():
            return True
        parent = parent.getparent()
    return False
