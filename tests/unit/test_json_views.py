"""The JSON views the CLI's ``--json`` and the web API share: one shape, and the two places
where the web API's answer is meant to differ (the structure overview, a dry run's ids)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from einhorn.domain.ids import BatchId, ContactId
from einhorn.domain.imports import describe_counts
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import Tie
from einhorn.insight.graph import Network, Person, build_network
from einhorn.insight.structure import analyse
from einhorn.services.imports import HeldPair, ImportReport
from einhorn.services.json_views import import_report_to_dict, structure_to_dict

TODAY = dt.date(2026, 11, 27)

PER_CONTACT = {"my_chance", "effective_size", "efficiency", "constraint"}


def _report(*, dry_run: bool) -> ImportReport:
    held = HeldPair(ContactId(151), "Ivan Eberth", ContactId(57), "Ivan Eberth", "name 100")
    return ImportReport(
        files=["cards.vcf"],
        dry_run=dry_run,
        batch=None if dry_run else BatchId(3),
        counts=Counter(created=2, needs_review=1),
        held=[held],
    )


def test_the_report_counts_every_kind_in_reading_order_zeros_too() -> None:
    found = import_report_to_dict(_report(dry_run=False))
    assert list(found)[3:9] == [
        "created",
        "merged",
        "unchanged",
        "skipped",
        "needs_review",
        "interactions",
    ]
    assert (found["created"], found["merged"], found["batch"]) == (2, 0, 3)


def test_a_dry_runs_held_ids_are_none_as_nothing_was_saved() -> None:
    assert import_report_to_dict(_report(dry_run=True))["held"][0]["contact_id"] is None
    saved = import_report_to_dict(_report(dry_run=False))
    assert saved["held"][0]["contact_id"] == 151  # a saved contact's id stays


def _two_teams_and_a_broker() -> Network:
    """Two teams of three, each knowing one another; Xaver (9) knows one of each."""
    people = [
        Person(ContactId(k), f"Person {k}", Tier.PENGUIN, sector="Industrie") for k in (1, 2, 3)
    ]
    people += [
        Person(ContactId(k), f"Person {k}", Tier.PENGUIN, sector="Medizin") for k in (4, 5, 6)
    ]
    people.append(Person(ContactId(9), "Xaver Brücke", Tier.UNICORN, last_met=TODAY))
    pairs = [(1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (5, 6), (9, 1), (9, 4)]
    return build_network(people, [Tie.between(ContactId(a), ContactId(b)) for a, b in pairs])


def test_the_structure_overview_leaves_out_exactly_the_details() -> None:
    found = analyse(_two_teams_and_a_broker(), TODAY)
    full = structure_to_dict(found, 5)
    brief = structure_to_dict(found, 5, detail=False)
    assert set(full) - set(brief) == {"ei_index_by_cluster", "positions"}
    assert set(full["brokers"]["items"][0]) - set(brief["brokers"]["items"][0]) == PER_CONTACT
    assert set(full["ei_index"]) - set(brief["ei_index"]) == {"external", "internal"}
    assert brief["me"] == full["me"] and brief["clusters"] == full["clusters"]
    assert brief["brokers"]["items"][0]["display_name"] == "Xaver Brücke"


def test_counts_in_words_skip_zeros_and_keep_the_order() -> None:
    assert describe_counts({"merged": 1, "created": 3, "skipped": 0}) == "new 3, merged 1"
    assert describe_counts({}) == ""
