"""``einhorn export vcard|csv|ics``: what phones, spreadsheets and calendars read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from einhorn.domain.contacts import FormOfAddress, Sphere
from einhorn.domain.tiers import Tier
from einhorn.interchange.json_export import contact_to_dict
from einhorn.interchange.vcard import read_vcards
from einhorn.interchange.vcard_export import vcard_text
from tests.conftest import Cli
from tests.factories import make_contact

# Fields that belong to the store, not to the card.
NOT_IN_A_CARD = {"id", "created_on", "last_interaction_on", "tier_source"}


def _card_fields(contact: Any) -> dict[str, Any]:
    return {k: v for k, v in contact_to_dict(contact).items() if k not in NOT_IN_A_CARD}


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {
            "display_name": "Prof. Dr. Jürgen von Weizsäcker",
            "given_name": "Jürgen",
            "family_name": "von Weizsäcker",
            "title": "Prof. Dr.",
            "form_of_address": FormOfAddress.SIE,
            "emails": ["jw@uni.example", "j@priv.example"],
            "phones": ["+49 221 470-0", "0171 1234567 ext 12"],
            "company": "Universität zu Köln",
            "department": "WiSo",
            "position": "Lehrstuhl; Dekan",
            "sector": "Hochschule",
            "city": "Köln",
            "country": "Deutschland",
            "languages": ["de", "en"],
            "profiles": {
                "linkedin": "https://www.linkedin.com/in/jw",
                "xing": "https://xing.example/jw",
                "website": "https://jw.example",
            },
            "birthday": dt.date(1960, 2, 29),
            "how_met": "Tagung, 2024",
            "sphere": Sphere.BOTH,
            "tags": ["alumni", "ihk"],
            "notes": "Zeile 1\nZeile 2; mit \\ und ,",
            "wish_list": True,
            "tier": Tier.UNICORN,
            "cadence_days": 28,
        },
        {
            "display_name": "Nur Name",
            "company": "",
            "city": "",
            "sphere": Sphere.PRIVATE,
            "cadence_days": 0,
        },
    ],
)
def test_a_contact_survives_the_round_trip_through_vcard(fields: dict[str, Any]) -> None:
    original = make_contact(id=7, **fields)
    result = read_vcards(vcard_text(original).encode("utf-8"), source="roundtrip.vcf")
    assert result.issues == []
    [record] = result.records
    assert _card_fields(record.contact) == _card_fields(original)


def test_export_vcard_writes_one_crlf_file_with_uid_and_fn_per_card(
    cli: Cli, tmp_path: Path
) -> None:
    cli.json("contacts", "add", "Anna Müller", "--tier", "unicorn", "--email", "a@x.de")
    cli.json("contacts", "add", "Jens Weber")
    out = tmp_path / "contacts.vcf"
    result = cli("export", "vcard", str(out))
    assert result.code == 0, result.err
    data = out.read_bytes()
    assert data.count(b"BEGIN:VCARD\r\n") == 2 and b"\n" not in data.replace(b"\r\n", b"")
    assert data.count(b"\r\nUID:urn:uuid:") == 2
    assert b"FN:Anna M\xc3\xbcller\r\n" in data
    again = read_vcards(data, source=out.name)
    assert [r.contact.display_name for r in again.records] == ["Anna Müller", "Jens Weber"]


def test_export_vcard_split_writes_one_file_per_contact(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller")
    cli.json("contacts", "add", "Jörg Weiß")
    assert cli("export", "vcard", "--split", str(tmp_path / "cards")).code == 0
    names = sorted(p.name for p in (tmp_path / "cards").iterdir())
    assert names == ["1-anna-muller.vcf", "2-jorg-weiss.vcf"]


def test_the_uid_stays_the_same_across_exports(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller")
    for name in ("a.vcf", "b.vcf"):
        assert cli("export", "vcard", str(tmp_path / name)).code == 0
    uid = [
        line for line in (tmp_path / "a.vcf").read_text().splitlines() if line.startswith("UID:")
    ]
    assert uid and uid == [
        line for line in (tmp_path / "b.vcf").read_text().splitlines() if line.startswith("UID:")
    ]


def test_export_csv_writes_one_row_per_contact_with_every_column(cli: Cli, tmp_path: Path) -> None:
    import csv

    cli.json(
        "contacts",
        "add",
        "Anna Müller",
        "--email",
        "a@x.de",
        "--email",
        "b@x.de",
        "--profile",
        "xing=https://xing.example/a",
        "--tier",
        "Einhorn",
    )
    cli.json("contacts", "add", "Jens Weber", "--profile", "linkedin=https://li.example/j")
    out = tmp_path / "contacts.csv"
    assert cli("export", "csv", str(out)).code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["display_name"] for r in rows] == ["Anna Müller", "Jens Weber"]
    assert rows[0]["emails"] == "a@x.de ::: b@x.de"
    assert rows[0]["tier"] == "unicorn" and rows[1]["tier"] == "penguin"
    assert (rows[0]["profile xing"], rows[1]["profile linkedin"]) == (
        "https://xing.example/a",
        "https://li.example/j",
    )
    assert rows[1]["profile xing"] == ""


def test_export_ics_turns_follow_ups_and_due_contacts_into_all_day_reminders(
    cli: Cli, tmp_path: Path
) -> None:
    from icalendar import Calendar

    cli.json("contacts", "add", "Anna Müller", "--tier", "unicorn")
    cli.json("contacts", "add", "Jens Weber", "--tier", "flamingo")
    cli.json("contacts", "add", "Paul Penguin")
    cli.json(
        "log",
        "lunch",
        "jens",
        "--date",
        "2026-11-20",
        "--follow-up",
        "2026-12-03",
        "--note",
        "Angebot schicken",
    )
    out = tmp_path / "einhorn.ics"
    result = cli("export", "ics", str(out))
    assert result.code == 0, result.err
    calendar = Calendar.from_ical(out.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "Follow up: Jens Weber",
        "Get in touch: Anna Müller (unicorn)",
        "Get in touch: Jens Weber (flamingo)",
    }
    jens_due = events["Get in touch: Jens Weber (flamingo)"]
    assert jens_due.decoded("dtstart") == dt.date(2027, 2, 12)  # 2026-11-20 + 12 weeks
    shorter = tmp_path / "30days.ics"
    assert cli("export", "ics", str(shorter), "--days", "30").code == 0
    assert b"Jens Weber (flamingo)" not in shorter.read_bytes()
    follow_up = events["Follow up: Jens Weber"]
    assert follow_up.decoded("dtstart") == dt.date(2026, 12, 3)
    assert str(follow_up["description"]) == "Angebot schicken"
    anna = events["Get in touch: Anna Müller (unicorn)"]
    assert anna.decoded("dtstart") == dt.date(2026, 11, 27)  # never met: due today
    for event in events.values():
        [alarm] = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
    assert not list(calendar.walk("VTODO"))
    assert b"\r\n" in out.read_bytes()


def test_the_calendar_reads_german_in_german(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller", "--tier", "unicorn")
    out = tmp_path / "de.ics"
    assert cli("export", "ics", str(out), lang="de").code == 0
    assert "Melden: Anna Müller (Einhorn)" in out.read_bytes().decode("utf-8").replace("\r\n ", "")
