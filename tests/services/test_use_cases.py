"""Use cases against the real store, on every backend."""

from __future__ import annotations

import datetime as dt

import pytest

from einhorn.bootstrap import App
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.patches import ContactPatch
from einhorn.domain.tiers import Tier, TierSource
from einhorn.errors import AmbiguousReference, EinhornError, InvalidInput, NotFound
from einhorn.services import contacts as contact_service
from einhorn.services.dashboard import get_dashboard
from einhorn.services.due import list_due, set_tier_cadence
from einhorn.services.interactions import delete_interaction, log_interaction
from einhorn.services.ports import ContactQuery
from tests.conftest import TODAY
from tests.factories import make_contact


def _create(app: App, **fields: object) -> int:
    with app.uow(TODAY) as uow:
        return contact_service.create_contact(
            uow=uow, contact=make_contact(**fields), today=TODAY
        ).key


def test_a_contact_created_with_a_tier_counts_as_placed_by_hand(app: App) -> None:
    cid = _create(app, tier=Tier.FLAMINGO)
    with app.uow(TODAY) as uow:
        assert uow.contacts.get(cid).tier_source is TierSource.USER


@pytest.mark.parametrize("ref", ["#1", "1", "anna", "MÜLLER", "anna muller"])
def test_references_resolve_by_id_or_unambiguous_name(app: App, ref: str) -> None:
    cid = _create(app, display_name="Anna Müller")
    _create(app, display_name="Jens Weber")
    with app.uow(TODAY) as uow:
        assert contact_service.resolve_contact(uow=uow, ref=ref) == cid


def test_an_ambiguous_reference_names_every_candidate(app: App) -> None:
    first = _create(app, display_name="Anna Müller")
    second = _create(app, display_name="Hanna Müller")
    with app.uow(TODAY) as uow, pytest.raises(AmbiguousReference) as caught:
        contact_service.resolve_contact(uow=uow, ref="müller")
    assert [cid for cid, _ in caught.value.candidates] == [first, second]


@pytest.mark.parametrize("ref", ["", "  ", "999", "#999", "nobody"])
def test_unknown_or_empty_references_are_errors(app: App, ref: str) -> None:
    _create(app)
    with app.uow(TODAY) as uow, pytest.raises((NotFound, InvalidInput)):
        contact_service.resolve_contact(uow=uow, ref=ref)


def test_logging_restarts_the_clock_and_unlogging_restores_it(app: App) -> None:
    cid = _create(app, tier=Tier.UNICORN)
    with app.uow(TODAY) as uow:
        assert [e.contact_id for e in list_due(uow=uow, today=TODAY)] == [cid]
        logged = log_interaction(
            uow=uow, kind=InteractionKind.CALL, refs=["anna"], occurred_on=TODAY, today=TODAY
        )
        interaction = logged.interaction
        assert logged.names == ["Anna Müller"]
        assert list_due(uow=uow, today=TODAY) == []
        assert interaction.id is not None
        delete_interaction(uow=uow, interaction_id=interaction.id)
        assert [e.contact_id for e in list_due(uow=uow, today=TODAY)] == [cid]


def test_a_failed_log_changes_nothing(app: App) -> None:
    _create(app, display_name="Anna Müller")
    with app.uow(TODAY) as uow, pytest.raises(NotFound):
        log_interaction(
            uow=uow,
            kind=InteractionKind.LUNCH,
            refs=["anna", "ghost"],
            occurred_on=TODAY,
            today=TODAY,
        )
    with app.uow(TODAY) as uow:
        assert uow.interactions.count() == 0


def test_an_interaction_in_the_future_is_refused(app: App) -> None:
    _create(app)
    with app.uow(TODAY) as uow, pytest.raises(InvalidInput, match="future"):
        log_interaction(
            uow=uow,
            kind=InteractionKind.LUNCH,
            refs=["anna"],
            occurred_on=TODAY + dt.timedelta(days=1),
            today=TODAY,
        )
    with app.uow(TODAY) as uow:
        assert uow.interactions.count() == 0


def test_meeting_a_wish_list_person_takes_them_off_the_list(app: App) -> None:
    cid = _create(app, wish_list=True, tier=Tier.UNICORN)
    with app.uow(TODAY) as uow:
        assert list_due(uow=uow, today=TODAY) == []
        log_interaction(
            uow=uow,
            kind=InteractionKind.COFFEE,
            refs=[str(cid)],
            occurred_on=TODAY - dt.timedelta(days=60),
            today=TODAY,
        )
        assert uow.contacts.get(cid).wish_list is False
        assert [e.contact_id for e in list_due(uow=uow, today=TODAY)] == [cid]


def test_update_contact_applies_the_patch_and_refuses_an_empty_one(app: App) -> None:
    cid = _create(app, tags=["a"])
    with app.uow(TODAY) as uow:
        saved = contact_service.update_contact(
            uow=uow, ref="anna", patch=ContactPatch(company="Bosch", add_tags=["b"])
        )
        assert (saved.company, saved.tags) == ("Bosch", ["a", "b"])
        with pytest.raises(EinhornError, match="Nothing to change"):
            contact_service.update_contact(uow=uow, ref=str(cid), patch=ContactPatch())


def test_set_tier_returns_the_previous_tier_and_moves_the_due_date(app: App) -> None:
    _create(app)
    with app.uow(TODAY) as uow:
        assert list_due(uow=uow, today=TODAY) == []
        saved, previous = contact_service.set_tier(uow=uow, ref="anna", tier=Tier.UNICORN)
        assert (previous, saved.tier, saved.tier_source) == (
            Tier.PENGUIN,
            Tier.UNICORN,
            TierSource.USER,
        )
        assert [e.contact_id for e in list_due(uow=uow, today=TODAY)] == [saved.key]


def test_erasure_removes_the_person_and_only_their_own_interactions(app: App) -> None:
    anna = _create(app, display_name="Anna Müller")
    jens = _create(app, display_name="Jens Weber")
    with app.uow(TODAY) as uow:
        log_interaction(
            uow=uow, kind=InteractionKind.LUNCH, refs=["anna"], occurred_on=TODAY, today=TODAY
        )
        log_interaction(
            uow=uow,
            kind=InteractionKind.EVENT,
            refs=["anna", "jens"],
            occurred_on=TODAY,
            today=TODAY,
        )
        report = contact_service.erase_contact(uow=uow, ref="anna")
        assert (report.contact_id, report.interactions_removed) == (anna, 1)
        assert uow.contacts.count() == 1
        [shared] = uow.interactions.list_all()
        assert shared.contact_ids == [jens]
        assert uow.contacts.list_(ContactQuery(text="anna")) == []


def test_a_new_tier_cadence_applies_to_the_whole_account(app: App) -> None:
    cid = _create(app, tier=Tier.PENGUIN)
    with app.uow(TODAY) as uow:
        log_interaction(
            uow=uow,
            kind=InteractionKind.LUNCH,
            refs=["anna"],
            occurred_on=TODAY - dt.timedelta(days=20),
            today=TODAY,
        )
        assert list_due(uow=uow, today=TODAY) == []
        policy = set_tier_cadence(uow=uow, tier=Tier.PENGUIN, days=14)
        assert policy.penguin_days == 14
    with app.uow(TODAY) as uow:
        assert uow.account.cadence.penguin_days == 14
        [entry] = list_due(uow=uow, today=TODAY)
        assert (entry.contact_id, entry.days_overdue) == (cid, 6)


def test_the_dashboard_adds_up(app: App) -> None:
    _create(app, display_name="A", tier=Tier.UNICORN)
    _create(app, display_name="B", tier=Tier.UNICORN)
    _create(app, display_name="C")
    with app.uow(TODAY) as uow:
        log_interaction(
            uow=uow, kind=InteractionKind.LUNCH, refs=["C"], occurred_on=TODAY, today=TODAY
        )
        board = get_dashboard(uow=uow, today=TODAY, due_limit=1)
    assert board.tier_counts == {Tier.UNICORN: 2, Tier.FLAMINGO: 0, Tier.PENGUIN: 1}
    assert (board.contacts, board.interactions, board.due_total, len(board.due)) == (3, 1, 2, 1)
    assert board.recent[0].names == ["C"]
    assert board.goal is None
