"""The world the demo network is drawn from: countries, cities, sectors, companies' legal
forms, positions, tags, events and the rhythm of meetings per tier.

Plain tables, kept apart from the drawing logic in ``demo.py``; each weight says how often
a value turns up, not how important it is.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from einhorn.domain.interactions import InteractionKind
from einhorn.domain.tiers import Tier

T = TypeVar("T")
K = InteractionKind


class Random(random.Random):
    """``random.Random`` with lean draws: these run millions of times for a large demo, and
    ``choice``/``randint`` spend most of their time on argument checks."""

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """An integer from ``low`` to ``high``, both included."""
        return low + int(self.random() * (high - low + 1))


class Weighted(Generic[T]):
    """A fixed weighted choice; the weights are summed once, not on every draw."""

    def __init__(self, items: Sequence[tuple[T, float]]) -> None:
        self.values = [value for value, _ in items]
        self.cumulated = list(itertools.accumulate(weight for _, weight in items))

    def pick(self, rng: Random) -> T:
        return self.values[bisect.bisect(self.cumulated, rng.random() * self.cumulated[-1])]


# -- the world: countries, cities, sectors, positions ----------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    locale: str
    language: str
    tld: str
    dial: str
    legal_forms: Weighted[str]
    mobile: tuple[str, ...] = ()  # only DACH numbers get mobiles; enough for a demo

    @property
    def dach(self) -> bool:
        return self.locale.startswith("de_")


W = Weighted
COUNTRIES = {
    "DE": Country(
        "Deutschland",
        "de_DE",
        "de",
        "de",
        "+49",
        W([("GmbH", 9), ("AG", 2), ("SE", 1), ("GmbH & Co. KG", 3), ("KG", 1), ("e.K.", 1)]),
        ("151", "152", "160", "170", "171", "172", "175", "176", "177", "178", "179"),
    ),
    "AT": Country(
        "Österreich",
        "de_AT",
        "de",
        "at",
        "+43",
        W([("GmbH", 6), ("AG", 2), ("KG", 1)]),
        ("650", "660", "664", "676", "699"),
    ),
    "CH": Country(
        "Schweiz", "de_CH", "de", "ch", "+41", W([("AG", 5), ("GmbH", 4)]), ("76", "77", "78", "79")
    ),
    "GB": Country(
        "Vereinigtes Königreich", "en_GB", "en", "co.uk", "+44", W([("Ltd.", 6), ("plc", 1)])
    ),
    "US": Country("USA", "en_US", "en", "com", "+1", W([("Inc.", 5), ("LLC", 3), ("Corp.", 1)])),
    "FR": Country("Frankreich", "fr_FR", "fr", "fr", "+33", W([("SAS", 4), ("S.A.", 2)])),
    "IT": Country("Italien", "it_IT", "it", "it", "+39", W([("S.r.l.", 4), ("S.p.A.", 2)])),
    "PL": Country("Polen", "pl_PL", "pl", "pl", "+48", W([("Sp. z o.o.", 4), ("S.A.", 1)])),
    "TR": Country("Türkei", "tr_TR", "tr", "com.tr", "+90", W([("A.Ş.", 3), ("Ltd. Şti.", 2)])),
}


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: Country
    area: str  # the area code after the country code, as written in "+49 221 1234567"


CITIES = Weighted(
    [
        (City(name, COUNTRIES[code], area), weight)
        for name, code, area, weight in (
            ("Köln", "DE", "221", 10),
            ("Berlin", "DE", "30", 12),
            ("München", "DE", "89", 10),
            ("Hamburg", "DE", "40", 9),
            ("Frankfurt am Main", "DE", "69", 8),
            ("Stuttgart", "DE", "711", 7),
            ("Düsseldorf", "DE", "211", 7),
            ("Leipzig", "DE", "341", 4),
            ("Dresden", "DE", "351", 3),
            ("Hannover", "DE", "511", 4),
            ("Nürnberg", "DE", "911", 4),
            ("Bonn", "DE", "228", 4),
            ("Essen", "DE", "201", 3),
            ("Dortmund", "DE", "231", 3),
            ("Münster", "DE", "251", 2),
            ("Aachen", "DE", "241", 3),
            ("Karlsruhe", "DE", "721", 3),
            ("Mannheim", "DE", "621", 2),
            ("Bremen", "DE", "421", 2),
            ("Freiburg im Breisgau", "DE", "761", 2),
            ("Jena", "DE", "3641", 1),
            ("Wolfsburg", "DE", "5361", 1),
            ("Regensburg", "DE", "941", 1),
            ("Bielefeld", "DE", "521", 1),
            ("Wien", "AT", "1", 5),
            ("Graz", "AT", "316", 2),
            ("Linz", "AT", "732", 1),
            ("Salzburg", "AT", "662", 1),
            ("Innsbruck", "AT", "512", 1),
            ("Zürich", "CH", "44", 4),
            ("Basel", "CH", "61", 2),
            ("Bern", "CH", "31", 1),
            ("Luzern", "CH", "41", 1),
            ("London", "GB", "20", 3),
            ("Manchester", "GB", "161", 1),
            ("New York", "US", "212", 2),
            ("San Francisco", "US", "415", 1),
            ("Boston", "US", "617", 1),
            ("Paris", "FR", "1", 2),
            ("Lyon", "FR", "4", 1),
            ("Mailand", "IT", "02", 2),
            ("Rom", "IT", "06", 1),
            ("Warschau", "PL", "22", 1),
            ("Krakau", "PL", "12", 1),
            ("Istanbul", "TR", "212", 1),
        )
    ]
)
# Who lives in Germany: mostly German names, some from neighbours and immigrant families.
LOCALES = Weighted(
    [
        ("de_DE", 72),
        ("de_AT", 6),
        ("de_CH", 6),
        ("en_GB", 4),
        ("en_US", 3),
        ("fr_FR", 3),
        ("it_IT", 2),
        ("pl_PL", 2),
        ("tr_TR", 2),
    ]
)


@dataclass(frozen=True, slots=True)
class Sector:
    patterns: tuple[str, ...]  # German names; "{legal}" is replaced by the country's legal form
    english: tuple[str, ...]  # words for companies abroad; empty: the sector stays in DACH
    doctors: float  # share with a doctorate


SECTORS = Weighted(
    [
        (name, weight)
        for name, weight in (
            ("Maschinenbau", 12),
            ("Automobil", 7),
            ("Software", 14),
            ("Beratung", 10),
            ("Gesundheitswesen", 7),
            ("Hochschule/Forschung", 7),
            ("Handwerk", 6),
            ("Medien", 6),
            ("Finanzen", 7),
            ("Öffentlicher Dienst", 6),
            ("Handel", 8),
            ("Energie", 6),
            ("Verbände & Vereine", 4),
        )
    ]
)
SECTOR = {
    "Maschinenbau": Sector(
        (
            "{last} Maschinenbau {legal}",
            "{last} Antriebstechnik {legal}",
            "{brand} Automation {legal}",
            "{last} & {last2} Werkzeugbau {legal}",
        ),
        ("Engineering", "Machinery"),
        0.06,
    ),
    "Automobil": Sector(
        ("{brand} Automotive {legal}", "{last} Fahrzeugtechnik {legal}", "Autohaus {last} {legal}"),
        ("Automotive", "Mobility"),
        0.05,
    ),
    "Software": Sector(
        (
            "{brand} Software {legal}",
            "{brand}soft {legal}",
            "{brand} Digital {legal}",
            "{brand} Labs {legal}",
        ),
        ("Software", "Technologies", "Labs"),
        0.03,
    ),
    "Beratung": Sector(
        (
            "{last} & {last2} Consulting {legal}",
            "{last} Unternehmensberatung {legal}",
            "{brand} Partners {legal}",
            "Kanzlei {last} & {last2}",
        ),
        ("Consulting", "Advisory", "Partners"),
        0.08,
    ),
    "Gesundheitswesen": Sector(
        (
            "Klinikum {city}",
            "{brand} Medizintechnik {legal}",
            "Praxisklinik {last}",
            "{last} Pharma {legal}",
        ),
        ("Health", "Medical", "Pharma"),
        0.40,
    ),
    "Hochschule/Forschung": Sector(
        (
            "Universität {city}",
            "Technische Hochschule {city}",
            "Hochschule {city}",
            "Fraunhofer-Institut für {field}",
            "Institut für {field} {city}",
        ),
        (),
        0.35,
    ),
    "Handwerk": Sector(
        (
            "{last} Elektrotechnik {legal}",
            "Schreinerei {last}",
            "{last} Haustechnik {legal}",
            "Handwerkskammer {city}",
            "Malerbetrieb {last}",
        ),
        (),
        0.0,
    ),
    "Medien": Sector(
        (
            "{brand} Media {legal}",
            "{last} Verlag {legal}",
            "{brand} Kommunikation {legal}",
            "Radio {brand}",
        ),
        ("Media", "Studios"),
        0.03,
    ),
    "Finanzen": Sector(
        (
            "Sparkasse {city}",
            "Volksbank {city} eG",
            "{last} Vermögensverwaltung {legal}",
            "{brand} Capital {legal}",
            "{brand} Versicherung {legal}",
        ),
        ("Capital", "Bank", "Asset Management"),
        0.05,
    ),
    "Öffentlicher Dienst": Sector(
        (
            "Stadt {city}",
            "IHK {city}",
            "Agentur für Arbeit {city}",
            "Wirtschaftsförderung {city}",
            "Bezirksregierung {city}",
        ),
        (),
        0.06,
    ),
    "Handel": Sector(
        (
            "{last} Handel {legal}",
            "{last} Großhandel {legal}",
            "{brand} Retail {legal}",
            "{brand} Markt {legal}",
        ),
        ("Trading", "Retail"),
        0.02,
    ),
    "Energie": Sector(
        (
            "Stadtwerke {city} {legal}",
            "{brand} Energie {legal}",
            "{brand} Solar {legal}",
            "{brand} Wind {legal}",
        ),
        ("Energy", "Renewables"),
        0.05,
    ),
    "Verbände & Vereine": Sector(
        (
            "Wirtschaftsjunioren {city} e.V.",
            "Verband {field} e.V.",
            "{city} Business Club e.V.",
            "Förderverein {brand} e.V.",
        ),
        (),
        0.05,
    ),
}
BRANDS = (
    "Nordwind",
    "Alpenblick",
    "Quantora",
    "Lumiq",
    "Vestra",
    "Kobalt",
    "Nexora",
    "Solvanto",
    "Helvion",
    "Fernsicht",
    "Mosaik",
    "Polaris",
    "Ostwind",
    "Cirrus",
    "Tandem",
    "Brückner",
    "Weitblick",
    "Silberfuchs",
    "Elbtal",
    "Rheinblick",
    "Isarlicht",
    "Kompass",
    "Zenit",
    "Aurelia",
    "Vireo",
    "Trava",
    "Lindwurm",
    "Sonnenhof",
    "Meridian",
    "Falkenstein",
)
FIELDS = (
    "Produktionstechnik",
    "Angewandte Informatik",
    "Materialforschung",
    "Energiesysteme",
    "Mittelstandsforschung",
    "Digitale Medien",
    "Logistik",
    "Biotechnologie",
)

# (female, male, department, weight, title the position implies)
Position = tuple[str, str, str, float, str]
OFFICE: tuple[Position, ...] = (
    ("Geschäftsführerin", "Geschäftsführer", "Geschäftsführung", 3, ""),
    ("Leiterin Vertrieb", "Leiter Vertrieb", "Vertrieb", 3, ""),
    ("Head of HR", "Head of HR", "Personal", 2, ""),
    ("CTO", "CTO", "IT", 1, ""),
    ("CEO", "CEO", "Geschäftsführung", 1, ""),
    ("CFO", "CFO", "Finanzen", 1, ""),
    ("Projektmanagerin", "Projektmanager", "", 5, ""),
    (
        "Referentin Unternehmenskommunikation",
        "Referent Unternehmenskommunikation",
        "Kommunikation",
        2,
        "",
    ),
    ("Werkstudentin", "Werkstudent", "", 1, ""),
    ("Key Account Managerin", "Key Account Manager", "Vertrieb", 3, ""),
    ("Teamleiterin Marketing", "Teamleiter Marketing", "Marketing", 2, ""),
    ("Personalreferentin", "Personalreferent", "Personal", 2, ""),
    ("Einkäuferin", "Einkäufer", "Einkauf", 2, ""),
    ("Prokuristin", "Prokurist", "", 1, ""),
    ("Bereichsleiterin Controlling", "Bereichsleiter Controlling", "Finanzen", 1, ""),
    ("Vorständin", "Vorstand", "Vorstand", 0.5, ""),
    ("Head of Sales", "Head of Sales", "Vertrieb", 1, ""),
    (
        "Assistentin der Geschäftsführung",
        "Assistent der Geschäftsführung",
        "Geschäftsführung",
        1,
        "",
    ),
    ("Softwareentwicklerin", "Softwareentwickler", "IT", 2, ""),
)
ABROAD: tuple[Position, ...] = tuple(
    (title, title, dept, weight, "")
    for title, dept, weight in (
        ("CEO", "Management", 1),
        ("CTO", "Engineering", 1),
        ("Head of HR", "HR", 1),
        ("Managing Director", "Management", 2),
        ("Senior Consultant", "", 2),
        ("Software Engineer", "Engineering", 2),
        ("Product Manager", "Product", 2),
        ("Partner", "", 1),
        ("Account Executive", "Sales", 2),
        ("Marketing Manager", "Marketing", 2),
        ("VP Engineering", "Engineering", 1),
    )
)
SPECIAL: dict[str, tuple[Position, ...]] = {
    "Hochschule/Forschung": (
        ("Professorin", "Professor", "Lehrstuhl", 4, "Prof. Dr."),
        ("Wissenschaftliche Mitarbeiterin", "Wissenschaftlicher Mitarbeiter", "", 5, ""),
        ("Doktorandin", "Doktorand", "", 3, ""),
        ("Institutsleiterin", "Institutsleiter", "", 1, "Prof. Dr."),
        ("Referentin Forschungstransfer", "Referent Forschungstransfer", "Transfer", 1, ""),
    ),
    "Gesundheitswesen": (
        ("Chefärztin", "Chefarzt", "Kardiologie", 1, "Dr."),
        ("Oberärztin", "Oberarzt", "Chirurgie", 2, "Dr."),
        ("Pflegedirektorin", "Pflegedirektor", "Pflege", 1, ""),
    ),
    "Handwerk": (
        ("Inhaberin", "Inhaber", "", 4, ""),
        ("Meisterin", "Meister", "", 3, ""),
        ("Auszubildende", "Auszubildender", "", 1, ""),
    ),
    "Öffentlicher Dienst": (
        ("Referentin", "Referent", "", 4, ""),
        ("Amtsleiterin", "Amtsleiter", "", 1, ""),
        ("Sachbearbeiterin", "Sachbearbeiter", "", 3, ""),
        ("Wirtschaftsförderin", "Wirtschaftsförderer", "", 1, ""),
    ),
    "Verbände & Vereine": (
        ("Vorsitzende", "Vorsitzender", "Vorstand", 2, ""),
        ("Referentin", "Referent", "", 2, ""),
    ),
    "Medien": (
        ("Redakteurin", "Redakteur", "Redaktion", 4, ""),
        ("Chefredakteurin", "Chefredakteur", "Redaktion", 1, ""),
    ),
    "Software": (
        ("Senior Software Engineer", "Senior Software Engineer", "Engineering", 4, ""),
        ("Product Ownerin", "Product Owner", "Produkt", 2, ""),
        ("Data Scientist", "Data Scientist", "Data", 2, ""),
    ),
    "Beratung": (
        ("Partnerin", "Partner", "", 2, ""),
        ("Senior Consultant", "Senior Consultant", "", 4, ""),
    ),
}
FREELANCE: tuple[Position, ...] = (
    ("Freiberufliche Beraterin", "Freiberuflicher Berater", "", 2, ""),
    ("Fotografin", "Fotograf", "", 1, ""),
    ("Coach", "Coach", "", 1, ""),
    ("Freie Journalistin", "Freier Journalist", "", 1, ""),
)
POSITIONS = {
    name: Weighted([(p, p[3]) for p in positions])
    for name, positions in (
        ("office", OFFICE),
        ("abroad", ABROAD),
        ("freelance", FREELANCE),
        *SPECIAL.items(),
    )
}

# -- the person: tags, how they were met, notes ------------------------------------------------

TAGS = (
    ("alumni", 0.12),
    ("konferenz", 0.15),
    ("verband", 0.08),
    ("kunde", 0.08),
    ("lieferant", 0.04),
    ("sport", 0.05),
    ("mentoring", 0.03),
    ("recruiting", 0.03),
    ("ehemalige kollegen", 0.06),
    ("investor", 0.01),
)
SECTOR_TAGS = {
    "Software": "startup",
    "Hochschule/Forschung": "forschung",
    "Medien": "presse",
    "Öffentlicher Dienst": "ihk",
    "Verbände & Vereine": "verband",
}
EVENTS = (
    "Hannover Messe",
    "re:publica",
    "OMR Festival",
    "IHK-Neujahrsempfang",
    "Barcamp",
    "Bits & Pretzels",
    "Frankfurter Buchmesse",
    "dmexco",
    "PyCon DE",
    "Sommerfest",
    "Alumni-Treffen",
    "Digital-Gipfel",
    "Web Summit",
    "IAA Mobility",
    "Medica",
    "Women in Tech Meetup",
    "Verbandstag",
    "Unternehmerfrühstück",
)
HOW_MET = (
    "{event} {year}",
    "Vortrag auf dem {event} {year}",
    "vorgestellt von {name}",
    "Studium in {city}",
    "ehemals Kollegen bei {company}",
    "LinkedIn-Anfrage",
    "Xing-Gruppe",
    "Kundenprojekt {year}",
    "IHK-Arbeitskreis",
    "Alumni-Netzwerk",
    "Sportverein",
    "Nachbarschaft",
    "Elternabend",
)
CONTACT_NOTES = (
    "Interessiert an einer Kooperation.",
    "Sucht Werkstudierende.",
    "Spricht gern über Segeln.",
    "Hat zwei Kinder.",
    "Wechselt bald den Job.",
    "Kennt viele Leute im Verband.",
    "Mag keine Telefonate, lieber Mail.",
    "Plant ein Buch zum Thema Führung.",
)
WISH_NOTES = (
    "Vortrag auf dem {event} gehört; möchte ich kennenlernen.",
    "Könnte mir den Einstieg in die Branche zeigen.",
    "Über gemeinsame Kontakte ansprechen.",
)
NOTES = {
    "de": (
        "Über Jobwechsel gesprochen.",
        "Projektidee besprochen.",
        "Feedback zum Vortrag.",
        "Will mich mit jemandem aus dem Verband bekannt machen.",
        "Glückwunsch zur Beförderung.",
        "Angebot nachfassen.",
        "Einladung zum Sommerfest.",
        "Kurz über Fachkräfte gesprochen.",
    ),
    "en": (
        "Talked about the new role.",
        "Discussed a joint project.",
        "Feedback on the talk.",
        "Offered an introduction.",
        "Congratulated on the promotion.",
        "Follow up on the offer.",
    ),
}
PLACES = (
    "Café am Markt",
    "Kantine",
    "Brauhaus",
    "Bistro am Rathaus",
    "Hotel-Lobby",
    "Coworking Space",
    "Italiener um die Ecke",
    "Mensa",
)
# Demo addresses must never reach a real inbox: every domain ends in the reserved .example
# TLD (RFC 2606), however real the rest looks.
PRIVATE_MAIL = ("mail.example", "post.example", "webmail.example", "example.com", "example.org")

# -- interactions ------------------------------------------------------------------------------

MEETINGS = Weighted(
    [(K.LUNCH, 5), (K.COFFEE, 7), (K.MEETING, 5), (K.VIDEO, 4), (K.CALL, 4), (K.EVENT, 2)]
)
TOUCHES = Weighted([(K.MESSAGE, 5), (K.EMAIL, 5), (K.CALL, 3), (K.VIDEO, 1)])
IN_PERSON = frozenset((K.LUNCH, K.COFFEE, K.MEETING, K.EVENT))


@dataclass(frozen=True, slots=True)
class Rhythm:
    meet: tuple[int, int]  # days between meetings
    touch: tuple[int, int]  # days between lighter touches: messages, mails, calls
    neglected: float  # share left alone for months, so the due list has something to say


RHYTHMS = {
    Tier.UNICORN: Rhythm((21, 56), (28, 70), 0.15),
    Tier.FLAMINGO: Rhythm((60, 120), (56, 140), 0.10),
}
PENGUIN_MEETINGS = Weighted([(0, 3), (1, 3), (2, 2), (3, 2)])
