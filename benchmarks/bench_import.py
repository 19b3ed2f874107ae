"""``einhorn import``: LinkedIn's Connections.csv and Xing-style vCards, 30,000 people.

Makes the data once (kept in benchmarks/.data/import-…, made again with --regenerate):
a Connections.csv as LinkedIn exports it (the ``Notes:`` preamble, hidden profiles, titles
and decorated names, an e-mail for about 15 %, German and international names by Faker with
a fixed seed), one multi-card .vcf of the same people spelled as another source spells them
(title in N and FN, "Siemens AG" for "Siemens", e-mail or phone in one source only, a Xing
URL instead of the LinkedIn one, now and then "ue" for "ü"), and a folder of single vCards
(3.0 with LF or CRLF, base64 photos, 2.1 QUOTED-PRINTABLE). The generator knows who is who,
so the merge is checked, not only timed: pairs of different people with the same name at
different companies are in it on purpose (a few of them at Deutsche Bank and Deutsche Bahn,
names a fuzzy company match must not take for one), and two people at one company never have
names that no matcher could tell apart. The share merged right counts the records a matcher
can decide (a shared e-mail or profile URL, or a company on both sides); LinkedIn rows
without company and without a shared key can only be held for review, and are shown apart.
Every variant is reported on its own line, so a miss points at its cause.

Each einhorn figure is a whole ``einhorn --db sqlite:///… import … --json`` process on a
fresh database (median of --runs); the baseline, measured in the same runs and in-process,
is ``csv`` parsing of the same file plus one sqlite3 ``executemany`` of its rows into a fresh
table (for the folder: reading every file and splitting its lines, plus one executemany).

Targets (issue 3):
1. 30,000 connections into an empty database: ≤ 5 s and ≤ 4× the baseline.
2. The same file again into that database (everything unchanged): ≤ 5 s.
3. 30,000 connections into a database already holding the same people from the vCard file
   (a template imported once, copied for each run; that import is not timed): ≤ 15 s,
   > 99 % of the LinkedIn records merged into the right person, no false merge.
4. A folder of 10,000 single vCards into an empty database: ≤ 10 s.

Run: ``.venv/bin/python benchmarks/bench_import.py [--runs 3] [--quick] [--regenerate]``
(--quick: 3,000 connections and 1,000 single vCards, for a fast check of the bench itself).
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import json
import quopri
import random
import re
import shutil
import sqlite3
import statistics
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from faker import Faker
from rapidfuzz import fuzz, process

from common import DATA, EINHORN, machine, report, run_timed
from einhorn.bootstrap import open_app
from einhorn.config import load_settings
from einhorn.domain.ids import ContactId
from einhorn.services.ports import ContactQuery

SEED = 3
VERSION = 2  # of the generator: a change makes the data again
NAME_CLASH = 85  # token_sort_ratio; two people at one company are never this close
COMPANY_CLASH = 90  # token_set_ratio; two companies are never this close
LOCALES = {
    "de_DE": 70,
    "de_AT": 6,
    "de_CH": 5,
    "en_US": 4,
    "en_GB": 3,
    "fr_FR": 3,
    "it_IT": 3,
    "pl_PL": 2,
    "tr_TR": 2,
    "nl_NL": 2,
}
# (as LinkedIn shows it, as a vCard or the signature spells it)
BIG_COMPANIES = (
    ("Siemens", "Siemens AG"),
    ("SAP", "SAP SE"),
    ("Deutsche Bank", "Deutsche Bank AG"),
    ("Allianz", "Allianz SE"),
    ("BASF", "BASF SE"),
    ("Bosch", "Robert Bosch GmbH"),
    ("BMW Group", "BMW AG"),
    ("Mercedes-Benz", "Mercedes-Benz Group AG"),
    ("Volkswagen", "Volkswagen AG"),
    ("Deutsche Telekom", "Deutsche Telekom AG"),
    ("Bayer", "Bayer AG"),
    ("Lufthansa", "Deutsche Lufthansa AG"),
    ("DHL Group", "Deutsche Post DHL Group"),
    ("Zalando", "Zalando SE"),
    ("Henkel", "Henkel AG & Co. KGaA"),
    ("Merck", "Merck KGaA"),
    ("Continental", "Continental AG"),
    ("Infineon", "Infineon Technologies AG"),
    ("adidas", "adidas AG"),
    ("Commerzbank", "Commerzbank AG"),
    ("Deutsche Bahn", "Deutsche Bahn AG"),
    ("E.ON", "E.ON SE"),
    ("RWE", "RWE AG"),
    ("Fresenius", "Fresenius SE & Co. KGaA"),
    ("Munich Re", "Munich Re Group"),
    ("Porsche", "Dr. Ing. h.c. F. Porsche AG"),
    ("Accenture", "Accenture GmbH"),
    ("McKinsey & Company", "McKinsey & Company, Inc."),
    ("Boston Consulting Group (BCG)", "The Boston Consulting Group GmbH"),
    ("Deloitte", "Deloitte GmbH Wirtschaftsprüfungsgesellschaft"),
    ("PwC", "PwC GmbH"),
    ("KPMG", "KPMG AG Wirtschaftsprüfungsgesellschaft"),
    ("Google", "Google Germany GmbH"),
    ("Microsoft", "Microsoft Deutschland GmbH"),
    ("Amazon", "Amazon Deutschland Services GmbH"),
    ("IBM", "IBM Deutschland GmbH"),
    ("Capgemini", "Capgemini Deutschland GmbH"),
    ("Fraunhofer-Gesellschaft", "Fraunhofer-Gesellschaft e.V."),
    ("Max-Planck-Gesellschaft", "Max-Planck-Gesellschaft e.V."),
    ("Charité", "Charité – Universitätsmedizin Berlin"),
    ("ZEISS", "Carl Zeiss AG"),
    ("TRUMPF", "TRUMPF SE + Co. KG"),
    ("Otto Group", "Otto GmbH & Co KG"),
    ("Personio", "Personio SE & Co. KG"),
    ("Celonis", "Celonis SE"),
    ("DATEV", "DATEV eG"),
    ("Hapag-Lloyd", "Hapag-Lloyd AG"),
    ("Beiersdorf", "Beiersdorf AG"),
    ("Airbus", "Airbus Defence and Space GmbH"),
    ("thyssenkrupp", "thyssenkrupp AG"),
)
INDUSTRIES = (
    "Logistik",
    "Consulting",
    "Software",
    "Maschinenbau",
    "Immobilien",
    "Versicherungsmakler",
    "Medizintechnik",
    "Elektrotechnik",
    "Bau",
    "Druck",
    "Finanzberatung",
    "Personalberatung",
    "Energie",
    "Solartechnik",
    "Werbeagentur",
    "Steuerberatung",
    "Architekten",
    "Automotive",
    "Lebensmittel",
    "Pharma",
    "Digital",
    "IT-Services",
    "Anlagenbau",
    "Kommunikation",
)
LEGAL_FORMS = ("GmbH", "GmbH", "GmbH", "AG", "SE", "GmbH & Co. KG", "KG", "UG", "e.K.")
DECORATIONS = (", MBA", ", PhD", ", LL.M.", " 🚀", " | Head of Sales", " | Speaker", ", MSc")
PRONOUNS = {"female": " (she/her)", "male": " (he/him)"}
POSITIONS = ("CTO, Mobility", "Head of HR, DACH", "Partner", "Geschäftsführer", "Senior Consultant")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about this feature "
    'in the Help Center."\n'
    "\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FIRST_ROW_LINE = PREAMBLE.count("\n") + 2  # the header is the line before
CITIES = ("Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf")
AREA_CODES = ("30", "40", "89", "221", "69", "711", "211", "351", "341", "911")
EXACT_URL = "exact: LinkedIn URL also in the vCard"
EXACT_EMAIL = "exact: same e-mail in both"
FUZZY = "fuzzy: name + company only"
UNDECIDABLE = "undecidable: no company on LinkedIn, no shared key"
NAMESAKE = "same name as another person (other company)"
CLOSE_NAMESAKE = "same name as another person at Deutsche Bank / Deutsche Bahn"

# -- the people ----------------------------------------------------------------------------


@dataclass(slots=True)
class Person:
    pid: int
    given: str
    family: str
    female: bool
    title: str  # "", "Dr.", "Prof. Dr.", "Dr.-Ing."
    position: str
    city: str
    connected_on: str
    li_first: str = ""
    li_last: str = ""
    li_company: str = ""
    li_email: str = ""
    li_url: str = ""
    vc_given: str = ""
    vc_family: str = ""
    vc_org: str = ""
    vc_emails: list[str] = field(default_factory=list)
    vc_phones: list[str] = field(default_factory=list)
    vc_urls: list[tuple[str, str]] = field(default_factory=list)  # (property, url)
    tags: list[str] = field(default_factory=list)
    path: str = ""

    @property
    def fn(self) -> str:
        return " ".join(p for p in (self.title, self.vc_given, self.vc_family) if p)


def _fold(text: str) -> str:
    """Case, accents and ß folded: the generator's own key, independent of einhorn's."""
    text = text.casefold().replace("ß", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.split())


def _transliterate(text: str) -> str:
    for plain, written in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe")):
        text = text.replace(plain, written)
    return text.replace("Ü", "Ue").replace("ß", "ss")


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _slug(text: str, sep: str = "-") -> str:
    words = re.findall(r"[a-z0-9]+", _without_accents(_transliterate(text)).lower())
    return sep.join(words) or "x"


_LEGAL_WORDS = re.compile(
    r"\b(gmbh|ag|se|kg|kgaa|ug|e\.k\.|e\.v\.|eg|inc\.|co\.|&|\+|group|the)(?=\s|$|,)"
)


def _company_forms(names: Iterable[str]) -> list[str]:
    forms = []
    for name in names:
        folded = _fold(name).replace(",", " ")
        forms += [folded, " ".join(_LEGAL_WORDS.sub(" ", folded).split())]
    return [f for f in dict.fromkeys(forms) if f]


def make_companies(rng: random.Random, fake: Faker, small: int) -> list[tuple[str, str]]:
    """The big companies, then ``small`` made-up firms; no two close enough to be taken
    for one (checked among the firms sharing a word, the only ones that can be close)."""
    accepted: list[tuple[str, str]] = []
    forms_of: list[list[str]] = []
    by_word: dict[str, list[int]] = defaultdict(list)

    def clashes(forms: list[str]) -> bool:
        near = {i for form in forms for word in form.split() for i in by_word.get(word, [])}
        others = [f for i in near for f in forms_of[i]]
        return any(
            process.extractOne(f, others, scorer=fuzz.token_set_ratio, score_cutoff=COMPANY_CLASH)
            for f in forms
            if others
        )

    def accept(linkedin: str, vcard: str, *, real: bool = False) -> None:
        forms = _company_forms((linkedin, vcard))
        if not real and clashes(forms):
            return
        accepted.append((linkedin, vcard))
        forms_of.append(forms)
        for word in {w for f in forms for w in f.split()}:
            by_word[word].append(len(accepted) - 1)

    for linkedin, vcard in BIG_COMPANIES:
        accept(linkedin, vcard, real=True)  # real companies, even when their names are close
    while len(accepted) < len(BIG_COMPANIES) + small:
        if rng.random() < 0.15:
            base = f"{fake.last_name()} & {fake.last_name()}"
            legal = rng.choice(("Partnerschaft mbB", "Rechtsanwälte PartG mbB", "GbR"))
        else:
            base = f"{fake.last_name()} {rng.choice(INDUSTRIES)}"
            legal = rng.choice(LEGAL_FORMS)
        accept(base, f"{base} {legal}")
    return accepted


class PeopleMaker:
    """Draws people with Faker and decides how each source spells them."""

    def __init__(self, seed: int, companies: list[tuple[str, str]]) -> None:
        self.rng = random.Random(seed)
        self.fakers = {}
        for number, locale in enumerate(LOCALES):
            self.fakers[locale] = Faker(locale)
            self.fakers[locale].seed_instance(seed * 100 + number)
        self.companies = companies
        big = len(BIG_COMPANIES)
        self.big_weights = [1 / (rank + 1) ** 0.7 for rank in range(big)]
        self.names_at: dict[int, list[str]] = defaultdict(list)  # company → folded names

    def company(self, other_than: Iterable[int] = ()) -> int:
        while True:
            if self.rng.random() < 0.35:
                index = self.rng.choices(range(len(BIG_COMPANIES)), self.big_weights)[0]
            else:
                index = self.rng.randrange(len(BIG_COMPANIES), len(self.companies))
            if index not in other_than:
                return index

    def _keys(self, person: Person) -> list[str]:
        names = (
            f"{person.given} {person.family}",
            f"{person.vc_given} {person.vc_family}",
            _transliterate(f"{person.given} {person.family}"),
        )
        return list(dict.fromkeys(_fold(n) for n in names))

    def _clash(self, keys: list[str], companies: Iterable[int]) -> bool:
        return any(
            process.extractOne(
                k, self.names_at[c], scorer=fuzz.token_sort_ratio, score_cutoff=NAME_CLASH
            )
            for c in companies
            for k in keys
            if self.names_at[c]
        )

    def make(self, n: int) -> tuple[list[Person], list[tuple[int, int]]]:
        """``n`` people; also the pairs with one name at two companies (namesakes)."""
        people: list[Person] = []
        namesakes: list[tuple[int, int]] = []
        close = max(3, n // 3000)  # pairs at Deutsche Bank and Deutsche Bahn
        while len(people) < n - 2 * close:
            twin = people[self.rng.randrange(len(people))] if len(people) > 50 else None
            if twin is None or self.rng.random() >= 0.01:
                twin = None
            person, companies = self._draw(len(people), twin)
            if not self._admit(person, companies):
                continue
            if twin is not None:
                namesakes.append((twin.pid, person.pid))
                for one in (person, twin):
                    if NAMESAKE not in one.tags:
                        one.tags.append(NAMESAKE)
            people.append(person)
        bank, bahn = (
            next(i for i, (name, _) in enumerate(self.companies) if name == wanted)
            for wanted in ("Deutsche Bank", "Deutsche Bahn")
        )
        while len(people) < n:
            first, at_bank = self._draw(len(people), None, bank)
            second, at_bahn = self._draw(len(people) + 1, first, bahn)
            if self._clash(self._keys(first), at_bank) or not self._admit(second, at_bahn):
                continue
            self._admit(first, at_bank)
            namesakes.append((first.pid, second.pid))
            first.tags.append(CLOSE_NAMESAKE)
            second.tags.append(CLOSE_NAMESAKE)
            people += [first, second]
        return people, namesakes

    def _admit(self, person: Person, companies: set[int]) -> bool:
        """False when somebody at the same company has a name too close to tell apart."""
        keys = self._keys(person)
        if self._clash(keys, companies):
            return False
        for c in companies:
            self.names_at[c].extend(keys)
        return True

    def _draw(
        self, pid: int, twin: Person | None, company: int | None = None
    ) -> tuple[Person, set[int]]:
        rng = self.rng
        forced = company is not None
        locale = rng.choices(list(LOCALES), list(LOCALES.values()))[0]
        fake = self.fakers[locale]
        female = twin.female if twin else rng.random() < 0.45
        given = (
            twin.given if twin else (fake.first_name_female() if female else fake.first_name_male())
        )
        family = twin.family if twin else fake.last_name()
        r = rng.random()
        title = (
            "Dr.-Ing." if r < 0.003 else "Prof. Dr." if r < 0.018 else "Dr." if r < 0.088 else ""
        )
        day = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(6500))
        person = Person(
            pid=pid,
            given=given,
            family=family,
            female=female,
            title=title,
            position=(rng.choice(POSITIONS) if rng.random() < 0.05 else fake.job())[:120],
            city=rng.choice(CITIES) if locale.startswith("de") else fake.city(),
            connected_on=f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}",
        )
        tags = person.tags
        if title == "Dr.-Ing.":
            tags.append("title Dr.-Ing. in LinkedIn's first name")
        elif title:
            tags.append("title in the vCard (N prefix, FN)")

        # How the vCard spells the name.
        person.vc_given, person.vc_family = given, family
        name = given + family
        if re.search("[äöüÄÖÜ]", name) and rng.random() < 0.08:
            person.vc_given, person.vc_family = _transliterate(given), _transliterate(family)
            tags.append("umlaut written ae/oe/ue in the vCard")
        elif "ß" in name and rng.random() < 0.3:
            person.vc_given, person.vc_family = given.replace("ß", "ss"), family.replace("ß", "ss")
            tags.append("ß written ss in the vCard")
        elif not name.isascii() and rng.random() < 0.05:
            person.vc_given, person.vc_family = _without_accents(given), _without_accents(family)
            tags.append("accents dropped in the vCard")

        # How LinkedIn spells it.
        person.li_first, person.li_last = given, family
        if title == "Dr.-Ing." or (title and rng.random() < 0.5):
            person.li_first = f"{title} {given}"
            if title != "Dr.-Ing.":
                tags.append("title in LinkedIn's first name")
        r = rng.random()
        if r < 0.04:
            pronoun = PRONOUNS["female" if female else "male"]
            person.li_last = family + rng.choice((*DECORATIONS, pronoun))
            tags.append("decorated LinkedIn name (MBA, emoji, pronouns, tagline)")
        elif r < 0.045:
            person.li_first, person.li_last = person.li_first.upper(), person.li_last.upper()
            tags.append("LinkedIn name in capitals")

        # Companies: LinkedIn mostly without the legal form; job changes; none at all.
        if company is None:
            company = self.company(other_than=self._twin_companies(twin))
        companies = {company}
        short, legal = self.companies[company]
        person.vc_org = legal if rng.random() < 0.9 else short
        person.li_company = short if rng.random() < 0.8 else legal
        if person.vc_org != person.li_company:
            tags.append("company spelled differently (legal form)")
        force_url = False
        r = rng.random()
        if twin is None and not forced and r < 0.01:
            new = self.company(other_than=(company,))
            person.li_company = self.companies[new][0]
            companies.add(new)
            force_url = True
            tags.append("changed jobs since the vCard (LinkedIn URL in the vCard)")
        elif twin is None and not forced and r < 0.02:
            person.li_company = ""
            force_url = r < 0.015
            tags.append("no company on LinkedIn")

        # E-mails (unique per person), phones (vCard only), profile URLs.
        domain = _slug(short, "") + ".example"
        work = f"{_slug(given, '.')}.{_slug(family, '.')}.{pid:x}@{domain}"
        mailer = rng.choice(("gmx.de", "web.de", "gmail.com"))
        private = f"{_slug(given, '')}.{_slug(family, '')}{pid:x}@{mailer}"
        if rng.random() < 0.15:
            person.li_email = work
            r = rng.random()
            person.vc_emails = [work] if r < 0.5 else [private] if r < 0.75 else []
        elif rng.random() < 0.5:
            person.vc_emails = [rng.choice((work, private))]
        if rng.random() < 0.6:
            person.vc_phones.append(
                f"+49 15{rng.randrange(10)} {pid:08d}"
                if rng.random() < 0.6
                else f"0{rng.choice(AREA_CODES)} {pid:07d}"
            )
        if rng.random() < 0.2:
            person.vc_phones.append(f"+49 17{rng.randrange(10)} {pid:08d}")
        handle = f"{_slug(given)}-{_slug(family)}-{pid:x}{rng.randrange(16**4):04x}"
        person.li_url = f"https://www.linkedin.com/in/{handle}"
        if force_url or rng.random() < 0.12:
            spelled = rng.choice(
                (person.li_url, f"http://de.linkedin.com/in/{handle}/", f"linkedin.com/in/{handle}")
            )
            person.vc_urls.append(("X-SOCIALPROFILE;TYPE=linkedin", spelled))
        if rng.random() < 0.45:
            xing = f"https://www.xing.com/profile/{_slug(given, '_')}_{_slug(family, '_')}{pid}"
            person.vc_urls.append(("URL;TYPE=WORK", xing))

        if any(name == "X-SOCIALPROFILE;TYPE=linkedin" for name, _ in person.vc_urls):
            person.path = EXACT_URL
        elif person.li_email and person.li_email in person.vc_emails:
            person.path = EXACT_EMAIL
        elif person.li_company:
            person.path = FUZZY
        else:
            person.path = UNDECIDABLE
        return person, companies

    def _twin_companies(self, twin: Person | None) -> set[int]:
        if twin is None:
            return set()
        names = {twin.vc_org, twin.li_company}
        return {i for i, pair in enumerate(self.companies) if set(pair) & names}


# -- the files -----------------------------------------------------------------------------


def write_connections(
    people: list[Person], path: Path, rng: random.Random
) -> tuple[dict[int, int], int]:
    """Connections.csv, newest connection first, hidden profiles in between:
    (line → pid, how many hidden profiles)."""
    ordered = sorted(
        people, key=lambda p: dt.datetime.strptime(p.connected_on, "%d %b %Y"), reverse=True
    )
    lines: dict[int, int] = {}
    line, hidden = FIRST_ROW_LINE, 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(PREAMBLE)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        for p in ordered:
            if rng.random() < 0.005:
                writer.writerow(["", "", "", "", "", "", p.connected_on])
                line, hidden = line + 1, hidden + 1
            row = [p.li_first, p.li_last, p.li_url, p.li_email, p.li_company, p.position]
            assert not any("\n" in cell for cell in row)
            writer.writerow([*row, p.connected_on])
            lines[line] = p.pid
            line += 1
    return lines, hidden


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold_line(line: str, width: int = 75) -> list[str]:
    """RFC 6350 folding at 75 octets, never inside a character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        length = len(char.encode())
        if size + length > width:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += length
    return [*parts, current]


def _card_30(p: Person, photo: bytes | None = None) -> list[str]:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(p.vc_family)};{_escape(p.vc_given)};;{_escape(p.title)};",
        f"FN:{_escape(p.fn)}",
        f"ORG:{_escape(p.vc_org)}",
        f"TITLE:{_escape(p.position)}",
        *(f"EMAIL;TYPE=INTERNET,WORK:{e}" for e in p.vc_emails),
        *(f"TEL;TYPE={'CELL' if '+49 1' in t else 'WORK,VOICE'}:{t}" for t in p.vc_phones),
        f"ADR;TYPE=WORK:;;;{_escape(p.city)};;;Deutschland",
        *(f"{name}:{url}" for name, url in p.vc_urls),
    ]
    if photo is not None:
        lines.append("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(photo).decode())
    lines.append("END:VCARD")
    return [physical for line in lines for physical in _fold_line(line)]


def write_vcards(people: list[Person], path: Path) -> dict[int, int]:
    """One .vcf with every person, sorted by family name like a Xing export; line → pid."""
    lines: dict[int, int] = {}
    text: list[str] = []
    for p in sorted(people, key=lambda p: (_fold(p.vc_family), _fold(p.vc_given), p.pid)):
        lines[len(text) + 1] = p.pid
        text += _card_30(p)
    path.write_bytes(("\r\n".join(text) + "\r\n").encode())
    return lines


def _qp(text: str, charset: str) -> str:
    encoded = quopri.encodestring(text.encode(charset, errors="replace")).decode("ascii")
    return encoded.replace("\n", "\r\n")  # soft breaks become "=" CRLF


def _card_21(p: Person, charset: str, photo: bytes | None) -> str:
    qp = f";CHARSET={charset};ENCODING=QUOTED-PRINTABLE:"
    note = (
        f"Kennengelernt {p.connected_on} in {p.city}. Gespräch über {p.position} bei "
        f"{p.vc_org}; später nachfassen, Grüße an das Team."
    )
    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"N{qp}{_qp(f'{p.vc_family};{p.vc_given};;{p.title};', charset)}",
        f"FN{qp}{_qp(p.fn, charset)}",
        f"ORG{qp}{_qp(p.vc_org, charset)}",
        *(f"TEL;WORK;VOICE:{t}" for t in p.vc_phones),
        *(f"EMAIL;PREF;INTERNET:{e}" for e in p.vc_emails),
        f"ADR;WORK{qp}{_qp(f';;;{p.city};;;Deutschland', charset)}",
        f"NOTE{qp}{_qp(note, charset)}",
    ]
    if photo is not None:
        data = base64.b64encode(photo).decode()
        chunks = [data[i : i + 76] for i in range(0, len(data), 76)]
        lines += ["PHOTO;ENCODING=BASE64;TYPE=JPEG:" + chunks[0], *("  " + c for c in chunks[1:])]
        lines.append("")  # vCard 2.1 ends base64 data with a blank line
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def write_folder(people: list[Person], folder: Path, rng: random.Random) -> Counter[str]:
    """One .vcf per person, as Xing's single downloads and phones write them."""
    folder.mkdir(parents=True)
    kinds: Counter[str] = Counter()
    for p in people:
        r = rng.random()
        photo = b"\xff\xd8\xff\xe0" + rng.randbytes(rng.randrange(3000, 15000))
        if r < 0.55:
            kind, text = "3.0, LF", "\n".join(_card_30(p)) + "\n"
        elif r < 0.75:
            kind, text = "3.0, CRLF", "\r\n".join(_card_30(p)) + "\r\n"
        elif r < 0.85:
            kind, text = "3.0 with a base64 PHOTO, CRLF", "\r\n".join(_card_30(p, photo)) + "\r\n"
        elif r < 0.93:
            kind, text = "2.1 QUOTED-PRINTABLE UTF-8", _card_21(p, "UTF-8", None)
        elif r < 0.95:
            kind, text = "2.1 QUOTED-PRINTABLE UTF-8 with a PHOTO", _card_21(p, "UTF-8", photo)
        else:
            kind, text = "2.1 QUOTED-PRINTABLE ISO-8859-1", _card_21(p, "ISO-8859-1", None)
        kinds[kind] += 1
        name = f"{_slug(p.vc_given, '_')}_{_slug(p.vc_family, '_')}_{p.pid:05d}.vcf"
        (folder / name).write_bytes(text.encode())
    return kinds


@dataclass(slots=True)
class Dataset:
    folder: Path
    connections: Path
    vcards: Path
    singles: Path
    linkedin_lines: dict[int, int]  # line of Connections.csv → pid
    vcard_lines: dict[int, int]  # line of the .vcf where the card starts → pid
    people: dict[int, dict[str, Any]]  # pid → tags, path, names
    namesakes: list[tuple[int, int]]
    hidden: int
    single_kinds: dict[str, int]


def make_data(connections: int, singles: int, regenerate: bool) -> Dataset:
    folder = DATA / f"import-{connections}-{singles}-s{SEED}-v{VERSION}"
    truth_file = folder / "truth.json"
    if regenerate and folder.exists():
        shutil.rmtree(folder)
    if not truth_file.exists():
        start = time.perf_counter()
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        rng = random.Random(SEED)
        company_faker = Faker("de_DE")
        company_faker.seed_instance(SEED)
        companies = make_companies(rng, company_faker, small=max(300, connections // 9))
        maker = PeopleMaker(SEED, companies)
        people, namesakes = maker.make(connections)
        linkedin_lines, hidden = write_connections(people, folder / "Connections.csv", rng)
        vcard_lines = write_vcards(people, folder / "xing-contacts.vcf")
        single_people, _ = PeopleMaker(SEED + 1, companies).make(singles)
        kinds = write_folder(single_people, folder / "single-vcards", rng)
        truth = {
            "linkedin_lines": linkedin_lines,
            "vcard_lines": vcard_lines,
            "people": {
                p.pid: {
                    "tags": p.tags,
                    "path": p.path,
                    "linkedin": f"{p.li_first} {p.li_last} ({p.li_company})",
                    "vcard": f"{p.fn} ({p.vc_org})",
                }
                for p in people
            },
            "namesakes": namesakes,
            "hidden": hidden,
            "single_kinds": kinds,
            "companies": len(companies),
            "sample": [asdict(p) for p in people[:3]],
        }
        truth_file.write_text(json.dumps(truth, ensure_ascii=False, indent=1))
        print(f"made the data in {time.perf_counter() - start:.1f} s: {folder}")
    truth = json.loads(truth_file.read_text())
    return Dataset(
        folder=folder,
        connections=folder / "Connections.csv",
        vcards=folder / "xing-contacts.vcf",
        singles=folder / "single-vcards",
        linkedin_lines={int(k): v for k, v in truth["linkedin_lines"].items()},
        vcard_lines={int(k): v for k, v in truth["vcard_lines"].items()},
        people={int(k): v for k, v in truth["people"].items()},
        namesakes=[(a, b) for a, b in truth["namesakes"]],
        hidden=truth["hidden"],
        single_kinds=truth["single_kinds"],
    )


# -- baselines -----------------------------------------------------------------------------


def _fresh_table(db_path: Path, columns: str, rows: list[Any]) -> None:
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")  # as einhorn opens SQLite
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"CREATE TABLE t ({columns})")
    marks = ", ".join("?" for _ in columns.split(","))
    db.executemany(f"INSERT INTO t VALUES ({marks})", rows)
    db.commit()
    db.close()


def csv_baseline(path: Path, db_path: Path) -> float:
    """Plain csv parsing of Connections.csv plus one executemany of its rows."""
    start = time.perf_counter()
    with path.open(encoding="utf-8-sig", newline="") as source:
        reader = csv.reader(source)
        for row in reader:
            if row[:2] == HEADER[:2]:
                break
        rows = [row for row in reader if len(row) == len(HEADER)]
    _fresh_table(db_path, ", ".join(f"c{i} TEXT" for i in range(len(HEADER))), rows)
    return time.perf_counter() - start


def folder_baseline(folder: Path, db_path: Path) -> float:
    """Reading every file of the folder and splitting its lines, plus one executemany."""
    start = time.perf_counter()
    rows = []
    for path in sorted(folder.glob("*.vcf")):
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
        name = next((line.split(":", 1)[-1] for line in lines if line.startswith("FN")), "")
        rows.append((path.name, name, len(lines)))
    _fresh_table(db_path, "file TEXT, name TEXT, lines INTEGER", rows)
    return time.perf_counter() - start


# -- einhorn -------------------------------------------------------------------------------


def import_(db_path: Path, *paths: Path) -> tuple[float, dict[str, Any]]:
    argv = [EINHORN, "--db", f"sqlite:///{db_path}", "import", *map(str, paths), "--json"]
    seconds, out = run_timed(argv)
    return seconds, json.loads(out)


def counts(result: dict[str, Any]) -> str:
    names = ("created", "merged", "unchanged", "skipped", "needs_review")
    return ", ".join(f"{name} {result[name]:,}" for name in names)


def copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def check_merge(db_path: Path, data: Dataset) -> tuple[float, int]:
    """Who ended up with whom after the LinkedIn import into the vCard database:
    prints the figures; returns (share merged into the right person, false merges)."""
    url = f"sqlite:///{db_path}"
    app = open_app(load_settings(database_url=url))
    with app.uow() as uow:
        contacts = {c.key: c for c in uow.contacts.list_(ContactQuery())}
        db = sqlite3.connect(db_path)
        sources = db.execute("SELECT contact_id, file, line FROM contact_sources").fetchall()
        sql_sources: dict[ContactId, set[tuple[str, int]]] = defaultdict(set)
        for contact_id, file, line in sources:
            sql_sources[contact_id].add((file, line))
        reviews = db.execute("SELECT contact_id, candidate_id FROM merge_reviews").fetchall()
        db.close()
        linkedin_of: dict[int, ContactId] = {}
        vcard_of: dict[int, ContactId] = {}
        people_in: dict[ContactId, set[int]] = defaultdict(set)
        unknown = 0
        for contact_id, file, line in sources:
            if file == str(data.connections):
                pid, into = data.linkedin_lines[line], linkedin_of
            elif file == str(data.vcards):
                pid, into = data.vcard_lines[line], vcard_of
            else:
                unknown += 1
                continue
            into[pid] = contact_id
            people_in[contact_id].add(pid)
        false_merges = sorted(c for c, pids in people_in.items() if len(pids) > 1)
        # The repository's view of provenance, for the false merges shown and a sample.
        shown = {c: uow.imports.sources_of(c) for c in [*false_merges[:5], *list(contacts)[:20]]}
    app.close()
    assert unknown == 0, f"{unknown} sources from files the benchmark did not write"
    assert all({(s.file, s.line) for s in v} == sql_sources[c] for c, v in shown.items())
    held = dict(reviews)

    outcome_of: dict[int, str] = {}
    for pid in data.people:
        mine, theirs = linkedin_of[pid], vcard_of[pid]
        if len(people_in[mine]) > 1:
            outcome_of[pid] = "merged into somebody else"
        elif mine == theirs:
            outcome_of[pid] = "merged into the right person"
        elif held.get(mine) == theirs:
            outcome_of[pid] = "held for review, right candidate"
        elif mine in held:
            outcome_of[pid] = "held for review, other candidate"
        else:
            outcome_of[pid] = "created apart (missed)"
    decidable = [pid for pid, p in data.people.items() if p["path"] != UNDECIDABLE]
    right = sum(outcome_of[pid] == "merged into the right person" for pid in decidable)
    apart = sum(
        linkedin_of[a] != linkedin_of[b] and vcard_of[a] != vcard_of[b] for a, b in data.namesakes
    )
    held_linkedin = sum(linkedin_of[pid] in held for pid in data.people)
    total = len(data.people)

    print("\nCorrectness of 3 (LinkedIn into the vCard database; read back from the database)")
    print(f"  contacts in the database: {len(contacts):,} for {total:,} true people")
    print(
        f"  LinkedIn records merged into the right vCard person: {right:,} of {len(decidable):,}"
        f" decidable = {100 * right / len(decidable):.2f} %  (target > 99 %)"
    )
    everyone = sum(o == "merged into the right person" for o in outcome_of.values())
    print(f"  … of all {total:,} records: {everyone:,} = {100 * everyone / total:.2f} %")
    print(f"  false merges (contacts holding two true people): {len(false_merges)}  (target 0)")
    print(
        f"  namesake pairs (same name, other company) kept apart: {apart} of {len(data.namesakes)}"
    )
    print(f"  LinkedIn records held for review: {held_linkedin:,}")
    _table("by outcome", Counter(outcome_of.values()), total)
    _breakdown(
        "by how a match can be found",
        {pid: [p["path"]] for pid, p in data.people.items()},
        outcome_of,
    )
    _breakdown(
        "by variant (a record can have several)",
        {pid: p["tags"] for pid, p in data.people.items()},
        outcome_of,
    )
    for contact_id in false_merges[:5]:
        names = "; ".join(
            data.people[pid]["linkedin"] + " / " + data.people[pid]["vcard"]
            for pid in sorted(people_in[contact_id])
        )
        lines = ", ".join(f"{Path(s.file).name}:{s.line}" for s in shown[contact_id])
        print(f"  false merge #{contact_id} {contacts[contact_id].display_name}: {names} [{lines}]")
    for pid in [p for p, o in outcome_of.items() if o == "created apart (missed)"][:8]:
        p = data.people[pid]
        print(f"  missed: {p['linkedin']}  ≠  {p['vcard']}  [{p['path']}]")
    return right / len(decidable), len(false_merges)


def _table(title: str, counter: Counter[str], total: int) -> None:
    print(f"  {title}:")
    for name, number in counter.most_common():
        print(f"    {name:<58} {number:7,}  {100 * number / total:6.2f} %")


def _breakdown(title: str, groups: dict[int, list[str]], outcome_of: dict[int, str]) -> None:
    print(f"  {title}: right merges / records (held, missed, wrong)")
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for pid, names in groups.items():
        for name in names:
            rows[name][outcome_of[pid]] += 1
    for name, seen in sorted(rows.items(), key=lambda item: -item[1].total()):
        right = seen["merged into the right person"]
        held = seen["held for review, right candidate"] + seen["held for review, other candidate"]
        print(
            f"    {name:<58} {right:6,} / {seen.total():6,} = {100 * right / seen.total():6.2f} %"
            f"  ({held}, {seen['created apart (missed)']}, {seen['merged into somebody else']})"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="3,000 connections, 1,000 vCards")
    parser.add_argument("--regenerate", action="store_true", help="make the data again")
    args = parser.parse_args()
    size, singles = (3_000, 1_000) if args.quick else (30_000, 10_000)
    data = make_data(size, singles, args.regenerate)
    times: dict[str, list[float]] = {
        name: [] for name in ("first", "again", "vcards", "folder", "csv", "files")
    }
    results: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with tempfile.TemporaryDirectory(dir=DATA, prefix="import-runs-") as tmp:
        work = Path(tmp)
        template = work / "template.sqlite3"
        seconds, made = import_(template, data.vcards)
        print(
            f"vCard template: {seconds:.1f} s for {size:,} cards ({counts(made)}), not timed below"
        )
        assert made["created"] + made["merged"] == size and made["skipped"] == 0, made
        for run in range(args.runs):
            first = work / f"first-{run}.sqlite3"
            seconds, result = import_(first, data.connections)
            times["first"].append(seconds)
            results["first"].append(result)
            assert result["created"] + result["merged"] == size, result
            assert result["skipped"] == data.hidden, result
            seconds, result = import_(first, data.connections)
            times["again"].append(seconds)
            results["again"].append(result)
            imported = results["first"][-1]["created"] + results["first"][-1]["merged"]
            assert result["unchanged"] == imported, (result["unchanged"], imported)
            assert result["created"] == result["merged"] == 0, result
            times["csv"].append(csv_baseline(data.connections, work / f"csv-{run}.sqlite3"))

            merged = work / f"merged-{run}.sqlite3"
            copy_database(template, merged)
            seconds, result = import_(merged, data.connections)
            times["vcards"].append(seconds)
            results["vcards"].append(result)
            if run == 0:
                share, false_merges = check_merge(merged, data)

            folder_db = work / f"folder-{run}.sqlite3"
            seconds, result = import_(folder_db, data.singles)
            times["folder"].append(seconds)
            results["folder"].append(result)
            assert result["created"] + result["merged"] == singles, result
            assert result["skipped"] == 0, result["issues"][:5]
            times["files"].append(folder_baseline(data.singles, work / f"files-{run}.sqlite3"))
            print(
                f"run {run + 1}/{args.runs}: "
                + ", ".join(f"{name} {values[-1]:.2f} s" for name, values in times.items()),
                flush=True,
            )
    for name, runs in results.items():  # every run did the same
        assert all(counts(r) == counts(runs[0]) for r in runs), name
        print(f"{name}: {counts(runs[0])}")

    print(
        f"2. unchanged {results['again'][0]['unchanged']:,} == imported the first time "
        f"{results['first'][0]['created'] + results['first'][0]['merged']:,}: checked"
    )
    median = {name: statistics.median(values) for name, values in times.items()}
    scale = " (targets are for the full size)" if args.quick else ""
    print(f"\nmachine: {machine()}; median of {args.runs} runs{scale}")
    print(
        f"data: {size:,} connections (+{data.hidden} hidden profiles), the same people in one "
        f".vcf, {singles:,} single vCards: "
        + ", ".join(f"{kind} {n:,}" for kind, n in data.single_kinds.items())
    )
    report(
        "einhorn import",
        [
            (
                f"1. {size:,} connections, empty database",
                median["first"],
                median["csv"],
                "≤ 5000 ms, ≤ 4×",
            ),
            ("2. the same file again (all unchanged)", median["again"], median["csv"], "≤ 5000 ms"),
            (
                f"3. {size:,} connections onto {size:,} vCard people",
                median["vcards"],
                median["csv"],
                "≤ 15000 ms",
            ),
            ("   csv + executemany of Connections.csv (baseline)", median["csv"], None, ""),
            (
                f"4. folder of {singles:,} single vCards",
                median["folder"],
                median["files"],
                "≤ 10000 ms",
            ),
            ("   read + split lines + executemany (baseline)", median["files"], None, ""),
        ],
    )
    verdicts = [
        ("1. ≤ 5 s", median["first"] <= 5),
        ("1. ≤ 4× baseline", median["first"] <= 4 * median["csv"]),
        ("2. ≤ 5 s", median["again"] <= 5),
        ("3. ≤ 15 s", median["vcards"] <= 15),
        (f"3. > 99 % merged right ({100 * share:.2f} %)", share > 0.99),
        (f"3. no false merge ({false_merges})", false_merges == 0),
        ("4. ≤ 10 s", median["folder"] <= 10),
    ]
    if args.quick:  # the times are for the full size
        verdicts = [(what, ok) for what, ok in verdicts if "%" in what or "merge" in what]
    print("\ntargets: " + "; ".join(f"{what} {'met' if ok else 'MISSED'}" for what, ok in verdicts))


if __name__ == "__main__":
    main()
