"""Person names, author lists, sentences and dates: the small grammar citations and mentions share."""

from __future__ import annotations

import re
import unicodedata

_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_LOWER = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower())
U = f"[{_UPPER}]"
L = f"[{_LOWER}]"

# A capitalised name word: "Smith", "El-Shiekh", "O'Brien", "JaeWook", "Hyun-Seok", "McDonald".
WORD = re.compile(rf"^{U}(?:{L}|{U}|['’])*{L}(?:{L}|{U}|['’])*(?:-{U}?(?:{L}|{U}|['’])+)*$")
INITIALS = re.compile(rf"^(?:{U}\.?-?){{1,3}}$")  # "M.", "W", "J.-M.", "AB"
PARTICLES = frozenset(
    "van von de der den di da del della la le du dos das ter ten bin ibn al el y Van Von De Der Den Di Da Del La Le Du Dos Das Ter Ten".split()
)
# Capitalised words that start sentences or name roles, months and institutions, never surnames.
NOT_NAMES = frozenset(
    """The A An This That These Those There Their They Them Then This We I You He She It My Our Your His Her
    Its Me Him Us And But Or So Also Of In On At For With From By To As If When While After Before Since
    Key Published Publication Journal Review Reviews Study Studies Trial Paper Article Abstract Summary
    Background Results Conclusion Conclusions Methods Note Notes Source Sources Reference References Figure
    Table Chapter Volume Issue Edition Page Pages Section Part Read More See Link Links Here Update Updated
    Edit Edited Quote Reply Posted Share Thanks Thank Hi Hello Dear Yes No Ok Okay Please Maybe Doctor Dr
    Professor Prof Mr Mrs Ms Miss Sir Nurse Mum Mom Dad Consultant Neurologist Surgeon Team Staff Friends
    Family Everyone Others Researchers Scientists Authors Author Investigators Colleagues Patients
    January February March April May June July August September October November December Jan Feb Mar
    Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Spring Summer Autumn Fall Winter Christmas Easter God Jesus Lord Retrieved Accessed Archived Copyright
    Season Episode Version Windows Android Linux Apple Google Microsoft Amazon Facebook Twitter Meta
    Graduated Founded Established Released Launched Born Died Married Joined Created Started Retired Built
    Opened Closed Since Until Circa Revised Printed Filmed Recorded Class Photo Image Video Source Via""".split()
)
ORG_WORDS = frozenset(
    """University Universities College Institute Institutes Hospital Hospitals Clinic Clinics Center Centre
    Centers Centres Foundation Association Society Department Ministry Agency Organization Organisation
    Council Committee Commission Board Trust Group Company Corporation Corp Inc Ltd LLC Labs Laboratory
    Laboratories Pharmaceuticals Pharma Research School Academy Service Services Network Consortium
    Collaboration Initiative Alliance Federation Authority Office Bureau Press Health Medical Medicine
    Harvard Stanford Yale Princeton Oxford Cambridge Mayo Cleveland Kaiser Hopkins Pfizer Novartis Merck
    Lilly Amgen Teva AbbVie Allergan Roche Bayer Sanofi
    Nature Science Cell Lancet Neurology Cephalalgia Headache Brain Pain Cochrane Frontiers Nutrients PLOS
    PLoS Reuters Bloomberg Guardian Telegraph Times Forbes Wikipedia Medscape Healthline WebMD Getty""".split()
)
_NEVER_FIRST = frozenset("The A An Key Published And Of In On For With".split())
GROUP_WORDS = re.compile(r"\b(?:Consortium|Group|Collaboration|Collaborative|Investigators|Network|Society|Committee|Initiative|Working|Team|Study|Trialists|Alliance)\b")


def is_word(token: str, strict: bool = True) -> bool:
    """A capitalised name word; ``strict`` also refuses words that are rarely names (The, Key, You…)."""
    return bool(WORD.match(token)) and (not strict or token not in NOT_NAMES)


def is_surname(token: str) -> bool:
    return is_word(token) and token not in ORG_WORDS


def is_initials(token: str) -> bool:
    return bool(INITIALS.match(token))


def is_name(text: str, strict: bool = True) -> bool:
    """A whole person name: "Noha M. Gamil", "Manuela Di Lauro", "Caroline W Mugo", "Tang Y".

    Inside a list already known to be authors, ``strict=False`` accepts surnames such as "You"."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or tokens[0] in PARTICLES or tokens[0] in _NEVER_FIRST:
        return False
    if not all(is_word(t, strict) or is_initials(t) or t in PARTICLES for t in tokens):
        return False
    words = [t for t in tokens if is_word(t, strict)]
    # "Smith J" (Vancouver) has one word; a name of initials only is not a name.
    return bool(words) and (is_word(tokens[-1], strict) or is_initials(tokens[-1])) and tokens[-1] not in PARTICLES


def is_group(text: str) -> bool:
    """A group author: "The International Headache Genetics Consortium"."""
    tokens = text.split()
    return 2 <= len(tokens) <= 10 and bool(GROUP_WORDS.search(text)) and all(t[:1].isupper() or t in ("of", "for", "and", "on", "the", "in") for t in tokens)


def surname_of(name: str) -> str | None:
    """The family name of a person name, particles kept ("Di Lauro"); None for a group."""
    if "," in name:  # "Tang, Y." (APA, Wikipedia)
        return name.split(",", 1)[0].strip() or None
    tokens = name.split()
    if not tokens or is_group(name):
        return None
    if len(tokens) >= 2 and is_initials(tokens[-1]) and is_word(tokens[0], False) and not is_word(tokens[-1], False):
        tokens = tokens[:-1]  # "Smith J", "Tang Y"
        return " ".join(tokens)
    surname = [tokens[-1]]
    for token in reversed(tokens[:-1]):
        if token in PARTICLES:
            surname.insert(0, token)
        else:
            break
    return " ".join(surname)


_PROSE = re.compile(r"[a-z]{3}[.!?]\s")
_LIST_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")


def author_list(text: str) -> list[str] | None:
    """The names of a whole author list ("A B, C D, and The X Consortium"), or None if it is not one."""
    if len(text) > 1500 or _PROSE.search(text):
        return None  # prose, not a list of names
    items = [item.strip(" .") for item in _LIST_SPLIT.split(text.strip().rstrip(".")) if item.strip(" .")]
    if not items:
        return None
    names = []
    for item in items:
        if item in ("et al", "et al."):
            continue
        if not (is_name(item, strict=False) or is_group(item)):
            return None
        names.append(item)
    return names or None


def trailing_name(text: str) -> tuple[str, str] | None:
    """Split "…a complex relationship Noha M. Gamil" into the text before and the name ending it."""
    tokens = text.split()
    if len(tokens) < 2 or not is_word(tokens[-1]):
        return None
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1] in PARTICLES:
        i -= 1
    seen_initials = False
    while i > 0 and is_initials(tokens[i - 1]):
        i -= 1
        seen_initials = True
    if i > 0 and is_word(tokens[i - 1]):
        i -= 1
    elif not seen_initials:
        return None
    return " ".join(tokens[:i]), " ".join(tokens[i:])


def leading_name(text: str) -> tuple[str, str] | None:
    """Split "Riham A. El-Shiekh Springer Nature …" into the name starting it and the rest."""
    tokens = text.split()
    if len(tokens) < 2 or not (is_word(tokens[0]) or is_initials(tokens[0])):
        return None
    i = 1
    while i < len(tokens) and is_initials(tokens[i]):
        i += 1
    while i < len(tokens) and tokens[i] in PARTICLES:
        i += 1
    if i >= len(tokens) or not is_word(tokens[i]):
        return None
    i += 1
    return " ".join(tokens[:i]), " ".join(tokens[i:])


# -- sentences --------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?:\s+|$)")
_ABBREVIATIONS = frozenset("al e.g i.e eg ie vs cf ca approx Dr Mr Mrs Ms Prof St No Nos Fig Figs Vol pp p Jr Sr Inc Ltd Co ed eds et etc Ph.D".lower().split())


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets just after each sentence end in ``text[start:end]`` (initials and "et al." do not end one)."""
    end = len(text) if end is None else end
    out = []
    for match in _SENTENCE_END.finditer(text, start, end):
        before = text[max(start, match.start() - 12) : match.start()].split()
        word = before[-1] if before else ""
        if match.group(0)[0] == "." and (
            word.lower().rstrip(".") in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
        ):
            continue
        following = text[match.end() : match.end() + 1]
        if following and not (following.isupper() or following.isdigit() or following in "\"“‘([*•-"):
            continue
        out.append(match.end())
    return out


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) that holds ``text[start:end]``."""
    lo = max(text.rfind("\n", 0, start) + 1, start - 400)
    hi = text.find("\n", end)
    hi = min(len(text) if hi == -1 else hi, end + 400)
    ends = sentence_ends(text, lo, hi)
    before = [e for e in ends if e <= start]
    after = [e for e in ends if e > end]
    lo = before[-1] if before else lo
    hi = after[0] if after else hi
    return " ".join(text[lo:hi].split())


# -- titles and dates -----------------------------------------------------------------------
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def title_key(title: str) -> str:
    """A title reduced to lower-case ASCII words, so that spelling variants group together."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_NOT_ALNUM.sub(" ", text).split())


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
         "aug august", "sep sept september", "oct october", "nov november", "dec december")
    )
    for m in names.split()
}
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
YEAR = r"(?:19|20)\d{2}"
_YEAR = re.compile(YEAR)


def has_year(text: str) -> bool:
    """Whether ``text`` holds a year (19xx, 20xx).  The regex tries every position of the text
    (about 40 instructions a character); two substring tests (about 4) rule most texts out."""
    return ("19" in text or "20" in text) and _YEAR.search(text) is not None
DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+{YEAR}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}"
    rf"|{MONTH},?\s+{YEAR}|{YEAR}-\d{{2}}(?:-\d{{2}})?|{YEAR}\s+{MONTH}(?:\s+\d{{1,2}})?|{YEAR})(?![\w-])"
)
_ISO_DATE = re.compile(rf"({YEAR})-(\d{{2}})(?:-(\d{{2}}))?")
_DATE_PARTS = re.compile(rf"(?P<year>{YEAR})|(?P<month>{MONTH})|(?P<num>\d{{1,2}})(?:st|nd|rd|th)?")


def normalise_date(text: str) -> str | None:
    """"14 August 2023" → "2023-08-14", "January 2020" → "2020-01", "2023" → "2023"."""
    iso = _ISO_DATE.fullmatch(text.strip())
    if iso:
        return "-".join(p for p in iso.groups() if p)
    year = month = day = None
    for match in _DATE_PARTS.finditer(text):
        if match["year"] and year is None:
            year = match["year"]
        elif match["month"]:
            month = _MONTHS.get(match["month"].rstrip(".").lower())
        elif match["num"]:
            day = int(match["num"])
    if not year:
        return None
    if not month:
        return year
    if day and 1 <= day <= 31:
        return f"{year}-{month:02d}-{day:02d}"
    return f"{year}-{month:02d}"
