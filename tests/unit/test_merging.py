"""Merging two records of one person, and taking a merge out again."""

from __future__ import annotations

import datetime as dt

from einhorn.domain.contacts import FormOfAddress
from einhorn.domain.merging import MergeDiff, absorb, revert
from tests.factories import make_contact


def test_a_merge_fills_gaps_and_adds_list_values_but_never_overwrites() -> None:
    target = make_contact(
        display_name="Dr. Anna Müller", company="Siemens AG", emails=["a@x.de"], tags=["ihk"]
    )
    other = make_contact(
        display_name="Anna Mueller",
        company="Siemens",
        position="CFO",
        emails=["A@x.de", "anna@priv.de"],
        phones=["0221 1234567"],
        tags=["alumni", "ihk"],
        profiles={"linkedin": "https://linkedin.com/in/anna"},
        birthday=dt.date(1980, 4, 12),
        form_of_address=FormOfAddress.DU,
        notes="Tennis",
    )
    diff = absorb(target, other)
    assert (target.display_name, target.company, target.position) == (
        "Dr. Anna Müller",
        "Siemens AG",
        "CFO",
    )
    assert target.emails == ["a@x.de", "anna@priv.de"]
    assert target.tags == ["alumni", "ihk"]
    assert (target.birthday, target.form_of_address, target.notes) == (
        dt.date(1980, 4, 12),
        FormOfAddress.DU,
        "Tennis",
    )
    assert diff.filled == {"position": "CFO"}
    assert diff.added == {
        "emails": ["anna@priv.de"],
        "phones": ["0221 1234567"],
        "tags": ["alumni"],
    }


def test_revert_takes_out_what_the_merge_added_and_keeps_later_edits() -> None:
    target = make_contact(display_name="Anna Müller", notes="Kennt Jens", emails=["a@x.de"])
    original = make_contact(display_name="Anna Müller", notes="Kennt Jens", emails=["a@x.de"])
    diff = absorb(
        target,
        make_contact(
            display_name="Anna", position="CFO", emails=["b@x.de"], notes="Tennis", city="Bonn"
        ),
    )
    assert target.notes == "Kennt Jens\n\nTennis"
    target.position = "CEO"  # changed by the user after the merge: stays
    target.emails.append("c@x.de")
    revert(target, MergeDiff.from_json(diff.to_json()))
    assert target.position == "CEO"
    assert target.emails == ["a@x.de", "c@x.de"]
    assert (target.notes, target.city) == (original.notes, original.city)


def test_a_merge_that_adds_nothing_is_an_empty_diff() -> None:
    target = make_contact(emails=["a@x.de"])
    assert not absorb(target, make_contact(emails=["A@X.DE"]))


def test_two_diffs_of_one_contact_combine_for_one_undo() -> None:
    target = make_contact(company="")
    first = absorb(target, make_contact(company="ACME", emails=["a@x.de"], notes="eins"))
    first.extend(absorb(target, make_contact(position="CFO", emails=["b@x.de"], notes="zwei")))
    revert(target, first)
    assert (target.company, target.position, target.emails, target.notes) == ("", "", [], "")
