"""The demo network: reproducible, plausible, never mixed into real data."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from einhorn.bootstrap import App, open_app
from einhorn.config import load_settings
from einhorn.domain.tiers import Tier
from einhorn.errors import Conflict, InvalidInput
from einhorn.interchange.json_export import contact_to_dict, interaction_to_dict
from einhorn.services.demo import fill_demo
from einhorn.services.ports import ContactQuery
from tests.conftest import TODAY
from tests.factories import make_contact

SIZE = 200


def _snapshot(app: App) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    with app.uow(TODAY) as uow:
        return (
            [contact_to_dict(c) for c in uow.contacts.list_(ContactQuery())],
            [interaction_to_dict(i) for i in uow.interactions.list_all()],
        )


@pytest.fixture
def demo(app: App) -> App:
    with app.uow(TODAY) as uow:
        summary = fill_demo(uow=uow, contacts=SIZE, seed=7, today=TODAY)
    assert summary.contacts == SIZE and summary.interactions > SIZE
    return app


def test_the_demo_fills_the_requested_number_of_contacts_with_history(demo: App) -> None:
    contacts, interactions = _snapshot(demo)
    assert len(contacts) == SIZE
    assert all(i["date"] <= TODAY.isoformat() for i in interactions)
    assert min(i["date"] for i in interactions) >= (TODAY - dt.timedelta(days=550)).isoformat()
    with demo.uow(TODAY) as uow:
        counts = uow.contacts.tier_counts()
        assert counts[Tier.UNICORN] < counts[Tier.FLAMINGO] < counts[Tier.PENGUIN]
        assert uow.contacts.due(today=TODAY, horizon_days=7, limit=None), "nobody is due"


def test_demo_people_look_real_but_their_addresses_cannot_reach_anyone(demo: App) -> None:
    contacts, _ = _snapshot(demo)
    emails = [e for c in contacts for e in c["emails"]]  # type: ignore[attr-defined]
    assert emails and all(e.endswith((".example", "example.com", "example.org")) for e in emails)
    assert sum(1 for c in contacts if c["company"]) > SIZE // 2
    assert any(c["title"] for c in contacts)
    assert {c["sphere"] for c in contacts} >= {"professional", "private"}


def test_wish_list_people_have_no_history(demo: App) -> None:
    contacts, interactions = _snapshot(demo)
    wished = {c["id"] for c in contacts if c["wish_list"]}
    met = {cid for i in interactions for cid in i["contact_ids"]}  # type: ignore[attr-defined]
    assert not wished & met


def test_the_same_seed_gives_the_same_network(
    demo: App, sqlite_template: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "again.sqlite3"
    shutil.copyfile(sqlite_template, copy)
    again = open_app(load_settings(database_url=f"sqlite:///{copy}", environ={}))
    try:
        with again.uow(TODAY) as uow:
            fill_demo(uow=uow, contacts=SIZE, seed=7, today=TODAY)
        assert _snapshot(again) == _snapshot(demo)
    finally:
        again.close()


def test_another_seed_gives_another_network(app: App) -> None:
    with app.uow(TODAY) as uow:
        fill_demo(uow=uow, contacts=30, seed=1, today=TODAY)
        first = [c.display_name for c in uow.contacts.list_(ContactQuery())]
        for contact in uow.contacts.list_(ContactQuery()):
            uow.contacts.delete(contact.key)
        uow.interactions.delete_orphans()
        fill_demo(uow=uow, contacts=30, seed=2, today=TODAY)
        second = [c.display_name for c in uow.contacts.list_(ContactQuery())]
    assert first != second


def test_the_demo_refuses_a_database_with_real_contacts(app: App) -> None:
    with app.uow(TODAY) as uow:
        uow.contacts.add(make_contact())
        uow.commit()
        with pytest.raises(Conflict, match="already holds 1 contacts"):
            fill_demo(uow=uow, contacts=10, seed=1, today=TODAY)
        assert uow.contacts.count() == 1


@pytest.mark.parametrize("size", [0, -5, 1_000_001])
def test_the_demo_size_must_be_sensible(app: App, size: int) -> None:
    with app.uow(TODAY) as uow, pytest.raises(InvalidInput):
        fill_demo(uow=uow, contacts=size, seed=1, today=TODAY)


def test_progress_is_reported_up_to_the_total(app: App) -> None:
    seen: list[tuple[int, int]] = []
    with app.uow(TODAY) as uow:
        fill_demo(
            uow=uow,
            contacts=1500,
            seed=3,
            today=TODAY,
            progress=lambda done, total: seen.append((done, total)),
        )
    assert seen[0] == (0, 1500) and seen[-1] == (1500, 1500)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
