"""Match keys: the forms of emails, phones, names and companies that two exports of the same
person share, however each source spells them.

Pure functions; the duplicate finder compares these keys, never the raw values.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from einhorn.domain.contacts import name_key

# Academic and professional titles that stand before a German name; kept as the title,
# never part of the name used for matching.
_TITLES = re.compile(
    r"^(?:(?:prof\.?|dr\.?(?:[\s-]?(?:med|rer\.?\s?nat|phil|jur|ing|h\.?\s?c)\.?)*|dipl\.?-?\s?"
    r"(?:ing|kfm|kffr|inf|psych|oec)?\.?(?:\s?\(fh\))?|mag\.?|ing\.?|ir\.?)\s+)+",
    re.IGNORECASE,
)
# Words that belong to the family name when they stand before it (von Weizsäcker, van der Berg).
_PARTICLES = frozenset(
    {
        "von",
        "vom",
        "zu",
        "zur",
        "van",
        "der",
        "den",
        "de",
        "di",
        "da",
        "del",
        "della",
        "du",
        "le",
        "la",
        "ten",
        "ter",
        "af",
        "al",
        "bin",
    }
)
# What people append to their LinkedIn name: degrees, pronouns, certifications, emoji.
_DECORATIONS = re.compile(
    r"\s*(?:\((?:she|he|they|sie|er)/[^)]*\)|,?\s*\b(?:MBA|MSc|M\.Sc\.|BSc|B\.Sc\.|PhD|Ph\.D\.|"
    r"LL\.M\.|CFA|PMP|CPA|MA|BA)(?=\s|,|$))",
)
# Legal forms, longest first so "GmbH & Co. KG" goes before "GmbH" and "KG".
_LEGAL_FORMS = sorted(
    (
        "gmbh & co. kg",
        "gmbh & co kg",
        "gmbh",
        "ggmbh",
        "ag",
        "se",
        "kg",
        "kgaa",
        "ohg",
        "gbr",
        "e.v.",
        "ev",
        "e.k.",
        "ek",
        "mbb",
        "partg mbb",
        "partg",
        "ug (haftungsbeschränkt)",
        "ug",
        "inc.",
        "inc",
        "ltd.",
        "ltd",
        "llc",
        "corp.",
        "corp",
        "plc",
        "n.v.",
        "nv",
        "b.v.",
        "bv",
        "s.a.",
        "sa",
        "sas",
        "s.r.l.",
        "srl",
        "s.p.a.",
        "spa",
        "sp. z o.o.",
        "a/s",
        "ab",
        "oy",
    ),
    key=len,
    reverse=True,
)
_LEGAL_SUFFIX = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, _LEGAL_FORMS)) + r")$")


# Names and companies repeat across a network (and across the sources of one person): an
# import of 30,000 records computes each key once.
CACHED_NAMES = 65536
_TAGLINE = re.compile(r"\s[|•·]\s")
_ORDINARY = re.compile(r"[\w\s.,'()&/-]*")
MIN_DIGITS = 5  # shorter "numbers" (extensions, fixtures like "1") never identify a person


@dataclass(frozen=True, slots=True)
class NameParts:
    title: str
    given: str
    family: str


def email_key(text: str) -> str:
    return text.strip().lower()


@lru_cache(maxsize=CACHED_NAMES)  # an import computes a number's key, its store keeps it
def phone_key(text: str, region: str = "DE") -> str | None:
    """E.164 (+492211234567), so 0221 1234567 and +49 221 1234567 match; None if no number."""
    import phonenumbers  # ~40 ms; only imports need it

    try:
        number = phonenumbers.parse(text.strip().removeprefix("tel:"), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number) or len(str(number.national_number)) < MIN_DIGITS:
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


@lru_cache(maxsize=CACHED_NAMES)
def strip_decorations(text: str) -> str:
    """A name without taglines, emoji, pronouns and degrees.

    "Anna Müller, MBA 🚀 (she/her) | Head of HR" → "Anna Müller".
    """
    name = _TAGLINE.split(text, maxsplit=1)[0]  # "Jens Weber | Head of HR"
    without_symbols = (
        name  # letters, digits and punctuation only: no emoji or other symbols to drop
        if _ORDINARY.fullmatch(name)
        else "".join(ch for ch in name if unicodedata.category(ch)[0] != "S")
    )
    return " ".join(_DECORATIONS.sub("", without_symbols).replace(",", " ").split())


def split_title(text: str) -> tuple[str, str]:
    """(academic title, the rest): "Prof. Dr. Anna" → ("Prof. Dr.", "Anna")."""
    match = _TITLES.match(text.strip() + " ")
    if not match:
        return "", text.strip()
    return " ".join(match.group(0).split()), text.strip()[len(match.group(0)) :].strip()


def split_name(text: str) -> NameParts:
    """Title, given and family name from one string, particles kept with the family name."""
    clean = strip_decorations(text)
    match = _TITLES.match(clean + " ")
    title = " ".join(match.group(0).split()) if match else ""
    words = clean[len(match.group(0)) :].split() if match else clean.split()
    if len(words) < 2:  # one word: a first name is likelier than a family name alone
        return NameParts(title, " ".join(words), "")
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].casefold() in _PARTICLES:
        family_start -= 1
    return NameParts(title, " ".join(words[:family_start]), " ".join(words[family_start:]))


@lru_cache(maxsize=CACHED_NAMES)
def person_key(given: str, family: str) -> str:
    """Folded "given family" without titles or decorations, for fuzzy name comparison.

    German transliterations fold like the umlauts they stand for: "Mueller", "Müller" and
    "Muller" are one key (names like "Manuel" fold too, on every side alike).
    """
    key = name_key(strip_decorations(f"{given} {family}"))
    return key.replace("ae", "a").replace("oe", "o").replace("ue", "u")


@lru_cache(maxsize=CACHED_NAMES)
def company_key(text: str) -> str:
    """A company name without its legal form: "Siemens AG" and "Siemens" match."""
    key = " ".join(name_key(text).replace(",", " ").split())
    while match := _LEGAL_SUFFIX.search(key):  # "… GmbH & Co. KG", also stacked forms
        key = key[: match.start()].strip(" ,")
    return key
