"""Fill an empty account with a realistic synthetic network: seeded, reproducible and fast.

Names come from Faker, drawn once per locale into pools, because a Faker call per contact
would dominate the run time. Companies, positions, cities and the interaction history are
composed here from tables, all from one ``random.Random(seed)``: the same seed, size and day
give the same network (with the same Faker version, whose name lists may change).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from einhorn.domain.contacts import Contact, FormOfAddress, Sphere
from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import Interaction, InteractionKind
from einhorn.domain.tiers import Tier, TierSource
from einhorn.errors import Conflict, InvalidInput
from einhorn.i18n import N_
from einhorn.services.demo_world import (
    BRANDS,
    CITIES,
    CONTACT_NOTES,
    EVENTS,
    FIELDS,
    HOW_MET,
    IN_PERSON,
    LOCALES,
    MEETINGS,
    NOTES,
    PENGUIN_MEETINGS,
    PLACES,
    POSITIONS,
    PRIVATE_MAIL,
    RHYTHMS,
    SECTOR,
    SECTOR_TAGS,
    SECTORS,
    SPECIAL,
    TAGS,
    TOUCHES,
    WISH_NOTES,
    City,
    Random,
    Weighted,
)
from einhorn.services.ports import UnitOfWork

MAX_CONTACTS = 1_000_000
CONTACT_BATCH = 1_000  # contacts written (with their interactions) per progress report
INTERACTION_BATCH = 10_000
HISTORY_DAYS = 548  # the interaction history covers the last 18 months
T = TypeVar("T")
K = InteractionKind


@dataclass(frozen=True, slots=True)
class DemoSummary:
    contacts: int
    interactions: int
    seed: int
    skipped: bool = False  # ``if_empty`` and the database already held contacts
    existing: int = 0


def fill_demo(
    *,
    uow: UnitOfWork,
    contacts: int,
    seed: int,
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
    if_empty: bool = False,
) -> DemoSummary:
    """Fill the empty account with ``contacts`` synthetic contacts and 18 months of history.

    ``progress(done, total)`` counts contacts: a contact is done when it and its interactions
    are written; it is called at the start and after every ``CONTACT_BATCH`` contacts.
    Commits once at the end, so a failure leaves the database as it was. Demo people never
    mix with real ones: a database with contacts is refused, or with ``if_empty`` left alone.
    """
    if not 1 <= contacts <= MAX_CONTACTS:
        raise InvalidInput("--contacts", contacts, N_("between 1 and 1,000,000"))
    existing = uow.contacts.count()
    if existing > 0 and if_empty:
        return DemoSummary(contacts=0, interactions=0, seed=seed, skipped=True, existing=existing)
    if existing > 0:
        raise Conflict(
            N_(
                "The database already holds {count} contacts; demo data only goes "
                "into an empty database. Use a separate --db."
            ),
            count=existing,
        )
    report = progress or (lambda done, total: None)
    world = _World(seed=seed, size=contacts, today=today)
    written = 0
    report(0, contacts)
    for start in range(0, contacts, CONTACT_BATCH):
        block = [world.contact() for _ in range(min(CONTACT_BATCH, contacts - start))]
        ids = uow.contacts.add_many(block)
        world.remember(ids, block)
        history = [
            item
            for cid, contact in zip(ids, block, strict=True)
            for item in world.history(cid, contact)
        ]
        for batch in _batches(history, INTERACTION_BATCH):
            written += uow.interactions.add_many(batch)
        report(start + len(block), contacts)
    uow.commit()
    return DemoSummary(contacts=contacts, interactions=written, seed=seed)


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True, slots=True)
class _Names:
    female: list[str]
    male: list[str]
    family_female: list[str]
    family_male: list[str]


_ROMAN_SUFFIX = re.compile(r"\s[IVX]+$")  # de_DE sometimes yields "Koch II"


def _draw_names(seed: int, pool: int) -> dict[str, _Names]:
    """Name pools per locale, keeping Faker's frequencies (a common name recurs in the pool)."""
    from faker import Faker  # slow to import; only the demo needs it

    pools = {}
    for locale in LOCALES.values:
        fake = Faker(locale)
        fake.seed_instance(seed)

        def draw(method: Callable[[], str]) -> list[str]:
            return [n for n in (method() for _ in range(pool)) if not _ROMAN_SUFFIX.search(n)]

        pools[locale] = _Names(
            draw(fake.first_name_female),
            draw(fake.first_name_male),
            draw(fake.last_name_female),
            draw(fake.last_name_male),
        )
    return pools


# Letters NFKD does not take apart, and the German umlaut spelling people use in addresses.
_FOLD = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
    }
)


@functools.cache
def _ascii(text: str) -> str:
    """Lower-case ASCII with hyphens, as names are written in addresses: Jörg Weiß → joerg-weiss."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode()).strip("-")


_DOMAIN_STOP = frozenset(("fuer", "und", "der", "die", "das", "zu", "am", "im"))


@dataclass(frozen=True, slots=True)
class _Company:
    name: str
    domain: str
    sector: str
    city: City


@dataclass(frozen=True, slots=True)
class _Job:
    company: _Company | None
    position: str
    department: str
    title: str


class _World:
    """Everything drawn for one demo run, in one fixed order from one seeded generator."""

    def __init__(self, *, seed: int, size: int, today: dt.date) -> None:
        self.rng = Random(seed)
        self.today = today.toordinal()
        self.names = _draw_names(seed, pool=max(50, min(600, size // 4)))
        self.companies = self._companies(max(8, size // 5))
        # Zipf-like: a few employers with many contacts, a long tail with one or two.
        self.employers = Weighted(
            [(c, 1 / (rank + 3) ** 0.6) for rank, c in enumerate(self.companies)]
        )
        self.used_emails: set[str] = set()
        self.colleagues: dict[str, list[ContactId]] = defaultdict(list)
        self.recent: list[ContactId] = []
        self.added: dict[ContactId, int] = {}  # nobody joins a meeting before being added

    # -- companies ---------------------------------------------------------------------------

    def _companies(self, count: int) -> list[_Company]:
        found: dict[str, _Company] = {}
        domains: dict[str, int] = defaultdict(int)
        for _ in range(count * 3):  # a few names ("Stadt Köln") run out; stop trying then
            if len(found) == count:
                break
            city = CITIES.pick(self.rng)
            sector = SECTORS.pick(self.rng)
            if not city.country.dach and not SECTOR[sector].english:
                continue
            name, base = self._company_name(sector, city)
            if name in found:
                continue
            slug = "-".join(w for w in _ascii(base).split("-") if w not in _DOMAIN_STOP)[:40]
            slug = slug.replace("universitaet", "uni").strip("-") or "firma"
            domains[slug] += 1
            if domains[slug] == 2:  # the same name elsewhere: firms add their city
                slug = f"{slug}-{_ascii(city.name)}"
            elif domains[slug] > 2:
                slug = f"{slug}{domains[slug]}"
            found[name] = _Company(name, f"{slug}.{city.country.tld}.example", sector, city)
        return list(found.values())

    def _company_name(self, sector: str, city: City) -> tuple[str, str]:
        """The full name and the part a web domain is made of (no legal form)."""
        rng, spec = self.rng, SECTOR[sector]
        if city.country.dach:
            pattern = rng.pick(spec.patterns)
        else:
            pattern = rng.pick(("{brand} {en} {legal}", "{last} {en} {legal}"))
        families = self.names[city.country.locale].family_male
        words = {
            "last": rng.pick(families),
            "last2": rng.pick(families),
            "city": city.name,
            "brand": rng.pick(BRANDS),
            "field": rng.pick(FIELDS),
            "en": rng.pick(spec.english or ("Group",)),
            "legal": city.country.legal_forms.pick(rng),
        }
        base = pattern.replace(" {legal}", "").format(**words)
        return pattern.format(**words), base.removesuffix(" e.V.").removesuffix(" eG")

    # -- contacts ----------------------------------------------------------------------------

    def contact(self) -> Contact:
        rng = self.rng
        female = rng.random() < 0.5
        job = self._job(female)
        home = job.company.city if job.company and rng.random() < 0.9 else CITIES.pick(rng)
        locale = self._locale(home)
        given, family = self._name(locale, female)
        sphere = (
            Sphere.PROFESSIONAL
            if rng.random() < 0.8
            else rng.pick((Sphere.BOTH, Sphere.BOTH, Sphere.PRIVATE))
        )
        languages = self._languages(locale, home)
        tier, tier_source, cadence_days = self._placement()
        wish_list, how_met, notes = self._story(home, job)
        return Contact(
            display_name="",
            given_name=given,
            family_name=family,
            title=job.title or self._title(job, locale),
            form_of_address=self._address(languages, sphere),
            emails=self._emails(given, family, job.company, sphere),
            phones=self._phones(home),
            company=job.company.name if job.company else "",
            position=job.position,
            department=job.department,
            sector=job.company.sector if job.company else "",
            city=home.name,
            country=home.country.name,
            languages=languages,
            profiles=self._profiles(given, family, job, home),
            birthday=self._birthday(),
            how_met=how_met,
            sphere=sphere,
            tags=self._tags(job, sphere),
            notes=notes,
            wish_list=wish_list,
            tier=tier,
            tier_source=tier_source,
            cadence_days=cadence_days,
            created_on=self._created_on(),
        )

    def _job(self, female: bool) -> _Job:
        rng = self.rng
        if rng.random() < 0.03:
            company, kind = None, "freelance"
        else:
            company = self.employers.pick(rng)
            special = SPECIAL.get(company.sector)
            kind = (
                "abroad"
                if not company.city.country.dach
                else company.sector
                if special and rng.random() < 0.7
                else "office"
            )
        as_woman, as_man, department, _, title = POSITIONS[kind].pick(rng)
        position = as_woman if female else as_man
        return _Job(company, position, department if rng.random() < 0.6 else "", title)

    def _placement(self) -> tuple[Tier, TierSource, int | None]:
        """The tier, who set it, and now and then a cadence of the contact's own."""
        rng = self.rng
        draw = rng.random()
        tier = Tier.UNICORN if draw < 0.05 else Tier.FLAMINGO if draw < 0.25 else Tier.PENGUIN
        if tier is Tier.PENGUIN:
            return tier, TierSource.DEFAULT, None
        return tier, TierSource.USER, rng.pick((28, 56, 90)) if rng.random() < 0.05 else None

    def _created_on(self) -> dt.date:
        """Mostly added 18 to 24 months ago, so due dates mean something; a few lately."""
        rng = self.rng
        back = rng.between(548, 730) if rng.random() < 0.95 else rng.between(7, 400)
        return dt.date.fromordinal(self.today - back)

    def _locale(self, home: City) -> str:
        if home.country.locale != "de_DE" and self.rng.random() < 0.7:
            return home.country.locale
        return LOCALES.pick(self.rng)

    def _name(self, locale: str, female: bool) -> tuple[str, str]:
        rng, names = self.rng, self.names[locale]
        given = rng.pick(names.female if female else names.male)
        family = rng.pick(names.family_female if female else names.family_male)
        if locale.startswith("de_") and rng.random() < 0.04:  # married, kept both names
            family = f"{family}-{rng.pick(names.family_male)}"
        return given, family

    def _title(self, job: _Job, locale: str) -> str:
        rng = self.rng
        doctors = SECTOR[job.company.sector].doctors if job.company else 0.04
        if not locale.startswith("de_"):
            doctors /= 3  # outside DACH the title is rarely part of the name
        if rng.random() < doctors:
            return "Prof. Dr." if rng.random() < 0.08 else "Dr."
        if locale == "de_AT" and rng.random() < 0.1:
            return rng.pick(("Mag.", "DI"))
        return ""

    def _languages(self, locale: str, home: City) -> list[str]:
        rng, first = self.rng, locale[:2]
        found = [first]
        if first != "de" and (home.country.dach or rng.random() < 0.3):
            found.append("de")
        if first != "en" and rng.random() < 0.7:
            found.append("en")
        if rng.random() < 0.1:
            found.append(rng.pick(("fr", "es", "it", "nl")))
        return found

    def _address(self, languages: list[str], sphere: Sphere) -> FormOfAddress | None:
        """Du or Sie only matters for people one writes to in German."""
        if "de" not in languages or self.rng.random() < 0.05:
            return None
        informal = 0.9 if sphere is Sphere.PRIVATE else 0.4
        return FormOfAddress.DU if self.rng.random() < informal else FormOfAddress.SIE

    def _emails(
        self, given: str, family: str, company: _Company | None, sphere: Sphere
    ) -> list[str]:
        rng = self.rng
        first, last = _ascii(given) or "kontakt", _ascii(family) or "mail"
        work = company is not None and sphere is not Sphere.PRIVATE and rng.random() < 0.9
        domains = [company.domain] if work and company else []
        if not domains or (sphere is not Sphere.PROFESSIONAL and rng.random() < 0.5):
            domains.append(rng.pick(PRIVATE_MAIL))
        found = []
        for domain in domains:
            local = rng.pick(
                (f"{first}.{last}", f"{first}.{last}", f"{first[0]}.{last}", f"{first}{last}", last)
            )
            email = f"{local}@{domain}"
            for number in itertools.count(2):  # the second Anna Müller at the same firm
                if email not in self.used_emails:
                    break
                email = f"{local}{number}@{domain}"
            self.used_emails.add(email)
            found.append(email)
        return found

    def _phones(self, home: City) -> list[str]:
        rng, country = self.rng, home.country
        found = []
        if rng.random() < 0.8:
            found.append(f"{country.dial} {home.area} {rng.between(10**5, 10**8 - 1)}")
        if country.mobile and rng.random() < 0.5:
            found.append(
                f"{country.dial} {rng.pick(country.mobile)} {rng.between(10**6, 10**8 - 1)}"
            )
        return found

    def _profiles(self, given: str, family: str, job: _Job, home: City) -> dict[str, str]:
        rng, first, last = self.rng, _ascii(given), _ascii(family)
        found = {}
        if rng.random() < (0.6 if home.country.dach else 0.8):
            suffix = f"{rng.between(0x100000, 0xFFFFFF):x}"  # LinkedIn's de-duplicating tail
            found["linkedin"] = f"https://www.linkedin.com/in/{first}-{last}-{suffix}"
        if home.country.dach and rng.random() < 0.4:
            handle = f"{first.title()}_{last.title()}".replace("-", "")
            found["xing"] = f"https://www.xing.com/profile/{handle}{rng.pick(('', '2', '3'))}"
        sector = job.company.sector if job.company else ""
        if sector == "Hochschule/Forschung" and rng.random() < 0.5:
            found["researchgate"] = f"https://www.researchgate.net/profile/{first}-{last}"
        if sector == "Software" and rng.random() < 0.25:
            found["github"] = f"https://github.com/{first[0]}{last}"
        return found

    def _birthday(self) -> dt.date | None:
        if self.rng.random() >= 0.08:
            return None
        return dt.date.fromordinal(
            self.rng.between(dt.date(1958, 1, 1).toordinal(), dt.date(2003, 12, 31).toordinal())
        )

    def _story(self, home: City, job: _Job) -> tuple[bool, str, str]:
        """On the wish list or not, how the user met the person, and a note about them."""
        rng = self.rng
        if rng.random() < 0.01:  # a "Wunschkontakt": not met yet, only heard of
            return True, "", rng.pick(WISH_NOTES).format(event=rng.pick(EVENTS))
        how_met = self._how_met(home, job) if rng.random() < 0.7 else ""
        return False, how_met, rng.pick(CONTACT_NOTES) if rng.random() < 0.08 else ""

    def _how_met(self, home: City, job: _Job) -> str:
        rng = self.rng
        names = self.names["de_DE"]
        return rng.pick(HOW_MET).format(
            event=rng.pick(EVENTS),
            year=dt.date.fromordinal(self.today).year - rng.between(1, 8),
            name=f"{rng.pick(names.female + names.male)} {rng.pick(names.family_male)}",
            city=home.name,
            company=job.company.name if job.company else "einem Kunden",
        )

    def _tags(self, job: _Job, sphere: Sphere) -> list[str]:
        rng = self.rng
        found = [tag for tag, share in TAGS if rng.random() < share]
        sector_tag = SECTOR_TAGS.get(job.company.sector if job.company else "")
        if sector_tag and rng.random() < 0.3:
            found.append(sector_tag)
        if sphere is not Sphere.PROFESSIONAL and rng.random() < 0.4:
            found.append(rng.pick(("sport", "privat", "nachbarschaft", "familie")))
        return found

    # -- interactions ------------------------------------------------------------------------

    def remember(self, ids: Sequence[ContactId], block: Sequence[Contact]) -> None:
        """Saved contacts become possible company at the meetings of later ones."""
        self.recent = [cid for cid, c in zip(ids, block, strict=True) if not c.wish_list]
        for cid, contact in zip(ids, block, strict=True):
            if contact.wish_list or contact.created_on is None:
                continue
            self.added[cid] = contact.created_on.toordinal()
            if contact.company:
                self.colleagues[contact.company].append(cid)

    def history(self, cid: ContactId, contact: Contact) -> list[Interaction]:
        """Interactions over the last 18 months; nobody on the wish list has been met yet."""
        if contact.wish_list or contact.created_on is None:
            return []
        rng = self.rng
        first = max(contact.created_on.toordinal(), self.today - HISTORY_DAYS)
        rhythm = RHYTHMS.get(contact.tier)
        if rhythm is None:
            days = sorted(rng.between(first, self.today) for _ in range(PENGUIN_MEETINGS.pick(rng)))
            return [self._meeting(cid, contact, day) for day in days]
        last = self.today - (rng.between(100, 330) if rng.random() < rhythm.neglected else 0)
        found = []
        for day in self._timeline(first, last, rhythm.meet):
            found.append(self._meeting(cid, contact, day))
            if rng.random() < 0.5 and day - 7 >= first:  # arranged by message beforehand
                found.append(
                    self._touch(
                        cid, contact, day - rng.between(1, 7), rng.pick((K.MESSAGE, K.EMAIL))
                    )
                )
            if rng.random() < 0.3 and day + 4 <= last:  # a thank-you or the promised link
                found.append(self._touch(cid, contact, day + rng.between(1, 4), K.EMAIL))
        found.extend(
            self._touch(cid, contact, day) for day in self._timeline(first, last, rhythm.touch)
        )
        return found

    def _timeline(self, first: int, last: int, gap: tuple[int, int]) -> Iterator[int]:
        day = first + self.rng.between(0, gap[1])
        while day <= last:
            yield day
            day += self.rng.between(*gap)

    def _meeting(self, cid: ContactId, contact: Contact, day: int) -> Interaction:
        rng = self.rng
        kind = MEETINGS.pick(rng)
        people = [cid]
        if kind in (K.MEETING, K.EVENT) and rng.random() < 0.35:
            pool = self.colleagues.get(contact.company) or self.recent
            people.extend(
                p
                for p in (rng.pick(pool) for _ in range(rng.between(1, 2)))
                if p != cid and self.added[p] <= day
            )
        place = ""
        if kind is K.EVENT:
            place = rng.pick(EVENTS)
        elif kind in (K.LUNCH, K.COFFEE) and rng.random() < 0.4:
            place = rng.pick(PLACES)
        return self._interaction(day, kind, people, contact, place)

    def _touch(
        self, cid: ContactId, contact: Contact, day: int, kind: InteractionKind | None = None
    ) -> Interaction:
        return self._interaction(day, kind or TOUCHES.pick(self.rng), [cid], contact, "")

    def _interaction(
        self, day: int, kind: InteractionKind, people: list[ContactId], contact: Contact, place: str
    ) -> Interaction:
        rng = self.rng
        notes = NOTES["de" if contact.languages[:1] == ["de"] else "en"]
        follow_up = day + rng.between(7, 30) if rng.random() < 0.03 else None
        return Interaction(
            occurred_on=dt.date.fromordinal(day),
            kind=kind,
            contact_ids=people,
            city=contact.city if kind in IN_PERSON else "",
            place=place,
            note=rng.pick(notes) if rng.random() < 0.15 else "",
            follow_up_on=dt.date.fromordinal(follow_up) if follow_up else None,
        )
