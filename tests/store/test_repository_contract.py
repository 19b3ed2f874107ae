"""One contract for the store, run on SQLite and (when configured) on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from einhorn.bootstrap import App, create_account
from einhorn.domain.contacts import FormOfAddress, Sphere
from einhorn.domain.ids import AccountId, ContactId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.tiers import CadencePolicy, Tier, TierSource
from einhorn.errors import NotFound
from einhorn.services.ports import ContactQuery
from einhorn.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TODAY
from tests.factories import make_contact, make_interaction


def test_a_contact_comes_back_with_every_field(app: App) -> None:
    original = make_contact(
        display_name="Prof. Dr. Jürgen Weiß",
        given_name="Jürgen",
        family_name="Weiß",
        title="Prof. Dr.",
        form_of_address=FormOfAddress.SIE,
        emails=["J.Weiss@Uni-Koeln.de"],
        phones=["+49 221 470-0"],
        company="Universität zu Köln",
        position="Lehrstuhlinhaber",
        department="WiSo",
        sector="Hochschule",
        city="Köln",
        country="Deutschland",
        languages=["de", "en"],
        profiles={"researchgate": "https://rg.example/jw"},
        birthday=dt.date(1970, 2, 28),
        how_met="Tagung 2024",
        sphere=Sphere.BOTH,
        tags=["Alumni", "ihk"],
        notes="mag Kaffee",
        wish_list=False,
        tier=Tier.UNICORN,
        tier_source=TierSource.USER,
        cadence_days=28,
    )
    with app.uow(TODAY) as uow:
        saved = uow.contacts.add(original)
        uow.commit()
    with app.uow(TODAY) as uow:
        loaded = uow.contacts.get(saved.key)
    assert loaded == saved
    assert loaded.emails == ["j.weiss@uni-koeln.de"]
    assert loaded.tags == ["alumni", "ihk"]
    assert loaded.created_on == TODAY
    assert loaded.profiles == {"researchgate": "https://rg.example/jw"}


def test_leaving_a_unit_of_work_without_commit_writes_nothing(app: App) -> None:
    with app.uow(TODAY) as uow:
        uow.contacts.add(make_contact())
    with app.uow(TODAY) as uow:
        assert uow.contacts.count() == 0


def test_an_error_inside_a_unit_of_work_rolls_everything_back(app: App) -> None:
    with pytest.raises(NotFound), app.uow(TODAY) as uow:
        saved = uow.contacts.add(make_contact())
        uow.interactions.add(make_interaction(saved.key, ContactId(saved.key + 999)))
    with app.uow(TODAY) as uow:
        assert uow.contacts.count() == 0
        assert uow.interactions.count() == 0


def _seed(app: App) -> dict[str, ContactId]:
    people = {
        "anna": make_contact(
            display_name="Anna Müller",
            company="Siemens AG",
            tags=["alumni"],
            tier=Tier.UNICORN,
            notes="Robotik",
        ),
        "jens": make_contact(
            display_name="Jens Weber",
            company="Bosch",
            sphere=Sphere.PRIVATE,
            tier=Tier.FLAMINGO,
            city="Stuttgart",
        ),
        "anne": make_contact(display_name="Anne Schmidt", company="SAP SE", wish_list=True),
        "oezil": make_contact(display_name="Özlem Yılmaz", company="Ford", tags=["ihk"]),
    }
    with app.uow(TODAY) as uow:
        ids = dict(zip(people, uow.contacts.add_many(list(people.values())), strict=True))
        uow.commit()
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ContactQuery(), ["anna", "jens", "anne", "oezil"]),
        (ContactQuery(tier=Tier.UNICORN), ["anna"]),
        (ContactQuery(tier=Tier.PENGUIN), ["anne", "oezil"]),
        (ContactQuery(tag="ALUMNI"), ["anna"]),
        (ContactQuery(sphere=Sphere.PRIVATE), ["jens"]),
        (ContactQuery(wish_list=True), ["anne"]),
        (ContactQuery(wish_list=False, tier=Tier.PENGUIN), ["oezil"]),
        (ContactQuery(text="siemens"), ["anna"]),
        (ContactQuery(text="mull"), ["anna"]),  # prefix, accent-folded: Müller
        (ContactQuery(text="ozlem"), ["oezil"]),
        (ContactQuery(text="robot"), ["anna"]),  # notes are searched
        (ContactQuery(text="stuttgart bosch"), ["jens"]),  # every word must match
        (ContactQuery(text="stuttgart siemens"), []),
        (ContactQuery(text="'; DROP TABLE contacts; --"), []),
        (ContactQuery(limit=2), ["anna", "jens"]),
        (ContactQuery(limit=2, offset=2), ["anne", "oezil"]),
    ],
)
def test_listing_filters_and_orders_unicorns_first(
    app: App, query: ContactQuery, expected: list[str]
) -> None:
    ids = _seed(app)
    with app.uow(TODAY) as uow:
        found = [c.key for c in uow.contacts.list_(query)]
        total = uow.contacts.count(query)
    assert found == [ids[name] for name in expected]
    if query.limit is None:
        assert total == len(expected)


def test_text_search_sees_changes_and_forgets_erased_contacts(app: App) -> None:
    ids = _seed(app)
    with app.uow(TODAY) as uow:
        jens = uow.contacts.get(ids["jens"])
        jens.company = "Trumpf"
        uow.contacts.update(jens)
        uow.contacts.delete(ids["anna"])
        uow.commit()
    with app.uow(TODAY) as uow:
        assert [c.key for c in uow.contacts.list_(ContactQuery(text="trumpf"))] == [ids["jens"]]
        assert uow.contacts.list_(ContactQuery(text="bosch")) == []
        assert uow.contacts.list_(ContactQuery(text="siemens")) == []


def test_find_by_name_prefers_an_exact_name_over_longer_ones(app: App) -> None:
    with app.uow(TODAY) as uow:
        ann, _anna = uow.contacts.add_many(
            [make_contact(display_name="Ann Meier"), make_contact(display_name="Anna Meier")]
        )
        uow.commit()
        assert [cid for cid, _ in uow.contacts.find_by_name("meier")] == [ann, _anna]
        assert uow.contacts.find_by_name("ann meier") == [(ann, "Ann Meier")]
        assert uow.contacts.find_by_name("100%") == []


def test_update_replaces_details_and_keeps_history(app: App) -> None:
    with app.uow(TODAY) as uow:
        anna = uow.contacts.add(make_contact(emails=["a@x.de"], tags=["one"]))
        uow.interactions.add(make_interaction(anna.key, occurred_on=dt.date(2026, 10, 1)))
        uow.commit()
    with app.uow(TODAY) as uow:
        anna = uow.contacts.get(anna.key)
        anna.emails = ["b@x.de"]
        anna.tags = ["two"]
        saved = uow.contacts.update(anna)
        uow.commit()
    assert saved.emails == ["b@x.de"]
    assert saved.tags == ["two"]
    assert saved.last_interaction_on == dt.date(2026, 10, 1)


def test_due_list_is_ordered_by_urgency_then_unicorns_first(app: App) -> None:
    long_ago = dt.date(2026, 1, 1)
    with app.uow(TODAY) as uow:
        flamingo, unicorn, penguin, fresh, wish = uow.contacts.add_many(
            [
                make_contact(display_name="A Flamingo", tier=Tier.FLAMINGO, created_on=long_ago),
                make_contact(display_name="B Unicorn", tier=Tier.UNICORN, created_on=long_ago),
                make_contact(display_name="C Penguin", created_on=long_ago),
                make_contact(display_name="D Fresh", tier=Tier.UNICORN, created_on=long_ago),
                make_contact(
                    display_name="E Wish", tier=Tier.UNICORN, wish_list=True, created_on=long_ago
                ),
            ]
        )
        uow.interactions.add(make_interaction(fresh, occurred_on=TODAY - dt.timedelta(days=3)))
        uow.commit()
    with app.uow(TODAY) as uow:
        due = uow.contacts.due(today=TODAY, horizon_days=7, limit=None)
        assert [e.contact_id for e in due] == [unicorn, flamingo]
        assert due[0].days_overdue == (TODAY - long_ago).days
        assert uow.contacts.count_due(today=TODAY, horizon_days=7) == 2
        assert [e.contact_id for e in uow.contacts.due(today=TODAY, horizon_days=7, limit=1)] == [
            unicorn
        ]
        assert penguin not in [e.contact_id for e in due]
        assert wish not in [e.contact_id for e in due]


def test_any_interaction_restarts_the_clock_and_deleting_it_restores_the_old_one(app: App) -> None:
    with app.uow(TODAY) as uow:
        anna = uow.contacts.add(make_contact(tier=Tier.UNICORN, created_on=dt.date(2026, 1, 1)))
        uow.interactions.add(make_interaction(anna.key, occurred_on=dt.date(2026, 6, 1)))
        latest = uow.interactions.add(
            make_interaction(
                anna.key, kind=InteractionKind.MESSAGE, occurred_on=dt.date(2026, 11, 20)
            )
        )
        uow.commit()
        assert uow.contacts.due(today=TODAY, horizon_days=7, limit=None) == []
        assert uow.contacts.get(anna.key).last_interaction_on == dt.date(2026, 11, 20)
        assert latest.id is not None
        uow.interactions.delete(latest.id)
        uow.commit()
        [entry] = uow.contacts.due(today=TODAY, horizon_days=7, limit=None)
    assert entry.last_interaction_on == dt.date(2026, 6, 1)
    assert entry.next_due_on == dt.date(2026, 6, 1) + dt.timedelta(weeks=6)


def test_a_changed_cadence_policy_moves_every_due_date(app: App) -> None:
    with app.uow(TODAY) as uow:
        anna = uow.contacts.add(make_contact(tier=Tier.FLAMINGO))
        uow.interactions.add(make_interaction(anna.key, occurred_on=dt.date(2026, 10, 1)))
        uow.commit()
        assert uow.contacts.due(today=TODAY, horizon_days=7, limit=None) == []
        uow.contacts.refresh_due_dates(CadencePolicy(flamingo_days=30))
        [entry] = uow.contacts.due(today=TODAY, horizon_days=7, limit=None)
    assert entry.next_due_on == dt.date(2026, 10, 31)


def test_deleting_a_contact_removes_its_details_and_participations(app: App) -> None:
    with app.uow(TODAY) as uow:
        anna, jens = uow.contacts.add_many(
            [
                make_contact(
                    emails=["anna@x.de"],
                    phones=["+49 1"],
                    tags=["t"],
                    profiles={"xing": "https://x"},
                ),
                make_contact(display_name="Jens"),
            ]
        )
        shared = uow.interactions.add(make_interaction(anna, jens))
        uow.commit()
        uow.contacts.delete(anna)
        uow.commit()
        assert shared.id is not None
        assert uow.interactions.get(shared.id).contact_ids == [jens]
        with pytest.raises(NotFound):
            uow.contacts.delete(anna)
    engine = app.engine
    with engine.connect() as connection:
        for table in ("contact_emails", "contact_phones", "contact_tags", "contact_profiles"):
            count = connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
            assert count == 0, table


def test_recent_interactions_name_their_participants(app: App) -> None:
    with app.uow(TODAY) as uow:
        anna, jens = uow.contacts.add_many([make_contact(), make_contact(display_name="Jens")])
        uow.interactions.add(make_interaction(anna, occurred_on=dt.date(2026, 11, 1)))
        uow.interactions.add(
            make_interaction(
                anna,
                jens,
                occurred_on=dt.date(2026, 11, 5),
                kind=InteractionKind.EVENT,
                city="Berlin",
            )
        )
        uow.commit()
        recent = uow.interactions.recent(5)
    assert [r.interaction.kind for r in recent] == [InteractionKind.EVENT, InteractionKind.LUNCH]
    assert recent[0].names == ["Anna Müller", "Jens"]
    assert recent[0].interaction.city == "Berlin"


# -- account isolation ---------------------------------------------------------------------


@pytest.fixture
def two_accounts(app: App) -> tuple[SqlUnitOfWork, SqlUnitOfWork, ContactId, ContactId]:
    other = create_account(app, "other")
    with app.uow(TODAY) as uow:
        mine = uow.contacts.add(make_contact(display_name="Mine Person")).key
        uow.interactions.add(make_interaction(mine))
        uow.commit()
    with SqlUnitOfWork(app.engine, other, TODAY) as uow:
        # An overdue unicorn: it would show in the other account's due list if scoping failed.
        theirs = uow.contacts.add(make_contact(display_name="Their Person", tier=Tier.UNICORN)).key
        uow.interactions.add(make_interaction(theirs, occurred_on=dt.date(2025, 1, 1)))
        uow.commit()
        assert [
            e.contact_id for e in uow.contacts.due(today=TODAY, horizon_days=7, limit=None)
        ] == [theirs]
    return (
        SqlUnitOfWork(app.engine, app.account_id, TODAY),
        SqlUnitOfWork(app.engine, AccountId(other), TODAY),
        mine,
        theirs,
    )


def test_one_account_can_never_read_anothers_contacts(two_accounts: tuple) -> None:  # type: ignore[type-arg]
    mine_uow, _theirs_uow, mine, theirs = two_accounts
    with mine_uow as uow:
        with pytest.raises(NotFound):
            uow.contacts.get(theirs)
        assert uow.contacts.get_many([mine, theirs])[0].key == mine
        assert len(uow.contacts.get_many([theirs])) == 0
        assert [c.key for c in uow.contacts.list_(ContactQuery())] == [mine]
        assert uow.contacts.list_(ContactQuery(text="their")) == []
        assert uow.contacts.find_by_name("person") == [(mine, "Mine Person")]
        assert uow.contacts.count() == 1
        assert sum(uow.contacts.tier_counts().values()) == 1
        assert [
            e.contact_id for e in uow.contacts.due(today=TODAY, horizon_days=7, limit=None)
        ] == []
        assert uow.interactions.count() == 1
        assert uow.interactions.list_for_contact(theirs) == []
        assert [r.names for r in uow.interactions.recent(10)] == [["Mine Person"]]


def test_one_account_can_never_change_anothers_data(two_accounts: tuple) -> None:  # type: ignore[type-arg]
    mine_uow, theirs_uow, _mine, theirs = two_accounts
    with theirs_uow as uow:
        their_contact = uow.contacts.get(theirs)
        [their_interaction] = uow.interactions.list_for_contact(theirs)
    assert their_interaction.id is not None
    with mine_uow as uow:
        with pytest.raises(NotFound):
            uow.contacts.update(their_contact)
        with pytest.raises(NotFound):
            uow.contacts.delete(theirs)
        with pytest.raises(NotFound):
            uow.interactions.add(make_interaction(theirs))
        with pytest.raises(NotFound):
            uow.interactions.delete(their_interaction.id)
        uow.contacts.set_last_interaction([theirs])
        uow.commit()
    with theirs_uow as uow:
        assert uow.contacts.get(theirs) == their_contact
        assert uow.interactions.count() == 1


def test_the_database_itself_refuses_to_link_rows_across_accounts(
    two_accounts: tuple,  # type: ignore[type-arg]
    app: App,
) -> None:
    _mine_uow, _theirs_uow, mine, theirs = two_accounts
    with pytest.raises(sa.exc.IntegrityError), app.engine.begin() as connection:
        interaction_id = connection.execute(
            sa.text("SELECT interaction_id FROM interaction_contacts WHERE contact_id = :c"),
            {"c": mine},
        ).scalar()
        connection.execute(
            sa.text(
                "INSERT INTO interaction_contacts (interaction_id, contact_id, account_id) "
                "VALUES (:i, :c, :a)"
            ),
            {"i": interaction_id, "c": theirs, "a": app.account_id},
        )


def test_large_result_sets_are_read_in_chunks(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """More ids than fit in one IN (...) list: PostgreSQL allows 65,535 parameters."""
    import einhorn.store.contacts as store_contacts

    monkeypatch.setattr(store_contacts, "CHUNK", 3)
    with app.uow(TODAY) as uow:
        uow.contacts.add_many(
            [
                make_contact(
                    display_name=f"P{n:02}",
                    emails=[f"p{n}@x.de"],
                    tags=[f"t{n}"],
                    profiles={"xing": f"https://x/{n}"},
                )
                for n in range(10)
            ]
        )
        uow.commit()
        found = uow.contacts.list_(ContactQuery())
    assert [c.display_name for c in found] == [f"P{n:02}" for n in range(10)]
    assert [c.emails for c in found] == [[f"p{n}@x.de"] for n in range(10)]
    assert [c.profiles["xing"] for c in found] == [f"https://x/{n}" for n in range(10)]
