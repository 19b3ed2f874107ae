"""Goal, tier suggestions and budget through the real store, on every backend."""

from __future__ import annotations

import datetime as dt

import pytest

from einhorn.bootstrap import App
from einhorn.domain.goals import Goal, GoalKind
from einhorn.domain.tiers import Tier, TierSource
from einhorn.errors import Conflict
from einhorn.services import contacts as contact_service
from einhorn.services.strategy import (
    apply_tier_suggestions,
    budget,
    current_goal,
    set_goal,
    suggest_tiers,
)
from tests.conftest import TODAY
from tests.factories import make_contact, make_interaction

NOW = dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC)


def _goal(app: App, **fields: object) -> None:
    with app.uow(TODAY) as uow:
        set_goal(uow=uow, goal=Goal(kind=GoalKind.CAREER, **fields), now=NOW)  # type: ignore[arg-type]


def test_a_new_goal_keeps_the_old_one_in_the_history(app: App) -> None:
    _goal(app, target_companies=["Siemens"])
    with app.uow(TODAY) as uow:
        set_goal(
            uow=uow,
            goal=Goal(kind=GoalKind.RESEARCH),
            now=NOW + dt.timedelta(days=30),
        )
    with app.uow(TODAY) as uow:
        assert current_goal(uow=uow).kind is GoalKind.RESEARCH
        assert [g.kind for g in uow.goals.history()] == [GoalKind.RESEARCH, GoalKind.CAREER]
        assert uow.goals.history()[1].target_companies == ["Siemens"]


def test_without_a_goal_suggestions_ask_for_one(app: App) -> None:
    with app.uow(TODAY) as uow, pytest.raises(Conflict, match="einhorn goal set"):
        suggest_tiers(uow=uow, today=TODAY)


def test_the_head_of_hr_at_a_target_company_is_suggested_a_unicorn(app: App) -> None:
    _goal(app, target_companies=["Siemens"])
    with app.uow(TODAY) as uow:
        anna = contact_service.create_contact(
            uow=uow,
            contact=make_contact(company="Siemens Healthineers AG", position="Head of HR"),
            today=TODAY,
        )
        jens = contact_service.create_contact(
            uow=uow,
            contact=make_contact(
                display_name="Jens",
                company="Siemens AG",
                tier=Tier.PENGUIN,
                tier_source=TierSource.USER,
            ),
            today=TODAY,
        )
        other = contact_service.create_contact(
            uow=uow,
            contact=make_contact(display_name="Lena", company="Bosch", position="CEO"),
            today=TODAY,
        )
        uow.interactions.add(make_interaction(other.key, occurred_on=TODAY))
        uow.commit()
        suggestions = {s.contact_id: s for s in suggest_tiers(uow=uow, today=TODAY)}
    assert suggestions[anna.key].suggested is Tier.UNICORN
    assert "works at target company {company}" in [
        r.message for r in suggestions[anna.key].relevance.reasons
    ]
    # works at Siemens but nothing more: 40 points make a flamingo, and it was set by hand
    assert (suggestions[jens.key].suggested, suggestions[jens.key].set_by_hand) == (
        Tier.FLAMINGO,
        True,
    )
    assert suggestions[other.key].suggested is Tier.FLAMINGO  # CEO and met once: 20 points
    with app.uow(TODAY) as uow:
        moved = apply_tier_suggestions(uow=uow, suggestions=list(suggestions.values()))
    assert moved == 2
    with app.uow(TODAY) as uow:
        assert uow.contacts.get(anna.key).tier_source is TierSource.SUGGESTION
        assert uow.contacts.get(jens.key).tier is Tier.PENGUIN  # by hand: left alone
        assert uow.contacts.get(anna.key).tier is Tier.UNICORN


def test_the_budget_counts_the_tiers_cadences_from_the_database(app: App) -> None:
    _goal(app, meetings_per_week=2.0)
    with app.uow(TODAY) as uow:
        people = [make_contact(display_name=f"U{n}", tier=Tier.UNICORN) for n in range(20)]
        people.append(make_contact(display_name="Wish", tier=Tier.UNICORN, wish_list=True))
        people.append(make_contact(display_name="Never", tier=Tier.UNICORN, cadence_days=0))
        uow.contacts.add_many(people)
        uow.commit()
        load = budget(uow=uow, today=TODAY)
    assert load.over_budget and round(load.meetings_per_week, 2) == 3.33
    assert [t.contacts for t in load.tiers] == [20, 0, 0]


def test_the_review_after_a_tier_move_shows_the_move(app: App) -> None:
    from einhorn.services.strategy import make_review, review_due_on

    _goal(app, meetings_per_week=2.0, review_every_days=91)
    with app.uow(TODAY) as uow:
        [anna, jens] = uow.contacts.add_many(
            [make_contact(), make_contact(display_name="Jens Weber", tier=Tier.FLAMINGO)]
        )
        uow.interactions.add(make_interaction(anna, occurred_on=TODAY - dt.timedelta(days=3)))
        uow.commit()
        assert review_due_on(uow=uow) == NOW.date() + dt.timedelta(days=91)
        first = make_review(uow=uow, today=TODAY, now=NOW)
    assert (first.moves, first.tier_counts_before, first.meetings_held) == ([], None, 1)
    assert first.tier_counts == {"unicorn": 0, "flamingo": 1, "penguin": 1}
    with app.uow(TODAY) as uow:
        uow.contacts.set_tiers([(anna, Tier.UNICORN)], TierSource.USER)
        uow.commit()
        later = TODAY + dt.timedelta(days=30)
        second = make_review(uow=uow, today=later, now=NOW + dt.timedelta(days=30))
        assert review_due_on(uow=uow) == later + dt.timedelta(days=91)
    assert [(m.display_name, m.before, m.after) for m in second.moves] == [
        ("Anna Müller", Tier.PENGUIN, Tier.UNICORN)
    ]
    assert second.since == TODAY + dt.timedelta(days=1)  # no day counted twice
    assert second.tier_counts_before == first.tier_counts
    assert second.blau_before == first.blau
    del jens
