"""The JSON shapes are stable: their keys are a documented contract."""

from __future__ import annotations

import datetime as dt
import json

from einhorn.domain.accounts import Account
from einhorn.domain.contacts import FormOfAddress, Sphere
from einhorn.domain.due import DueEntry
from einhorn.domain.ids import ContactId, InteractionId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.tiers import CadencePolicy, Tier, TierSource
from einhorn.interchange.json_export import (
    FORMAT_NAME,
    FORMAT_VERSION,
    contact_to_dict,
    due_entry_to_dict,
    export_document,
    interaction_to_dict,
)
from tests.factories import make_contact, make_interaction

CONTACT_KEYS = {
    "id",
    "display_name",
    "given_name",
    "family_name",
    "title",
    "form_of_address",
    "emails",
    "phones",
    "company",
    "position",
    "department",
    "sector",
    "city",
    "country",
    "languages",
    "profiles",
    "birthday",
    "how_met",
    "sphere",
    "tags",
    "notes",
    "wish_list",
    "tier",
    "tier_source",
    "cadence_days",
    "created_on",
    "last_interaction_on",
}
INTERACTION_KEYS = {"id", "date", "kind", "contact_ids", "city", "place", "note", "follow_up_on"}


def test_a_contact_has_exactly_the_documented_keys() -> None:
    assert set(contact_to_dict(make_contact())) == CONTACT_KEYS


def test_contact_values_are_plain_json_with_iso_dates_and_enum_values() -> None:
    contact = make_contact(
        id=ContactId(5),
        form_of_address=FormOfAddress.SIE,
        emails=["anna@example.com"],
        birthday=dt.date(1980, 5, 17),
        sphere=Sphere.BOTH,
        tags=["vip"],
        tier=Tier.UNICORN,
        tier_source=TierSource.USER,
        cadence_days=30,
        created_on=dt.date(2026, 1, 2),
        profiles={"xing": "x"},
    )
    data = contact_to_dict(contact)
    assert data["id"] == 5
    assert data["form_of_address"] == "sie"
    assert data["birthday"] == "1980-05-17"
    assert data["sphere"] == "both"
    assert data["tier"] == "unicorn"
    assert data["tier_source"] == "user"
    assert data["cadence_days"] == 30
    assert data["created_on"] == "2026-01-02"
    assert data["last_interaction_on"] is None
    assert data["emails"] == ["anna@example.com"]
    assert data["profiles"] == {"xing": "x"}
    assert json.loads(json.dumps(data)) == data


def test_a_contact_without_optional_values_exports_nulls_not_missing_keys() -> None:
    data = contact_to_dict(make_contact())
    assert data["id"] is None
    assert data["form_of_address"] is None
    assert data["birthday"] is None
    assert data["cadence_days"] is None


def test_the_exported_lists_are_copies_not_the_contacts_own() -> None:
    contact = make_contact(tags=["vip"])
    contact_to_dict(contact)["tags"].append("changed")
    assert contact.tags == ["vip"]


def test_an_interaction_has_exactly_the_documented_keys_and_its_date_as_iso() -> None:
    interaction = make_interaction(
        ContactId(1), ContactId(2), id=InteractionId(9), follow_up_on=dt.date(2026, 11, 8)
    )
    data = interaction_to_dict(interaction)
    assert set(data) == INTERACTION_KEYS
    assert data["date"] == "2026-11-01"
    assert data["kind"] == "lunch"
    assert data["contact_ids"] == [1, 2]
    assert data["follow_up_on"] == "2026-11-08"


def test_a_due_entry_carries_its_days_overdue_and_status() -> None:
    entry = DueEntry(
        contact_id=ContactId(3),
        display_name="Anna",
        tier=Tier.FLAMINGO,
        company="",
        city="",
        last_interaction_on=dt.date(2026, 9, 1),
        next_due_on=dt.date(2026, 11, 24),
        today=dt.date(2026, 11, 27),
    )
    assert due_entry_to_dict(entry) == {
        "contact_id": 3,
        "display_name": "Anna",
        "tier": "flamingo",
        "company": "",
        "city": "",
        "last_interaction_on": "2026-09-01",
        "next_due_on": "2026-11-24",
        "days_overdue": 3,
        "status": "overdue",
    }


def test_an_export_document_holds_format_version_account_contacts_and_interactions() -> None:
    account = Account(name="local", cadence=CadencePolicy().with_days(Tier.PENGUIN, 365))
    document = export_document(
        account,
        [make_contact(), make_contact(display_name="Bob")],
        [make_interaction(ContactId(1), kind=InteractionKind.CALL)],
        exported_at=dt.datetime(2026, 11, 27, 9, 30, 15, 123456),
    )
    assert set(document) == {
        "format",
        "version",
        "exported_at",
        "account",
        "contacts",
        "interactions",
        "sources",
    }
    assert document["format"] == FORMAT_NAME == "einhorn-export"
    assert document["version"] == FORMAT_VERSION == 1
    assert document["exported_at"] == "2026-11-27T09:30:15"
    assert document["account"] == {
        "name": "local",
        "default_region": "DE",
        "cadence_days": {"unicorn": 42, "flamingo": 84, "penguin": 365},
    }
    assert [c["display_name"] for c in document["contacts"]] == ["Anna Müller", "Bob"]
    assert [i["kind"] for i in document["interactions"]] == ["call"]
    assert json.loads(json.dumps(document)) == document


def test_an_empty_account_exports_empty_lists() -> None:
    document = export_document(Account(name="local"), [], [], dt.datetime(2026, 1, 1))
    assert document["contacts"] == []
    assert document["interactions"] == []
