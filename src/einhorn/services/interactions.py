"""Use cases about interactions: one line records a lunch, a call, a message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from einhorn.domain.dates import parse_date
from einhorn.domain.ids import InteractionId
from einhorn.domain.interactions import Interaction, InteractionKind, parse_kind
from einhorn.errors import InvalidInput
from einhorn.i18n import N_
from einhorn.services.contacts import resolve_contact
from einhorn.services.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class LoggedInteraction:
    interaction: Interaction
    names: list[str]  # the participants' display names, in the interaction's order


def log_interaction(
    *,
    uow: UnitOfWork,
    kind: InteractionKind,
    refs: Sequence[str],
    occurred_on: dt.date,
    today: dt.date,
    note: str = "",
    city: str = "",
    place: str = "",
    follow_up_on: dt.date | None = None,
) -> LoggedInteraction:
    """Record an interaction; every participant's clock restarts from its date.

    A wish-list person one has now met is no longer only a wish: the flag is cleared.
    """
    if not refs:
        raise InvalidInput("contact", "", N_("name at least one contact"))
    if occurred_on > today:
        # The due clock counts what happened; a planned meeting is a follow-up, not a contact.
        raise InvalidInput(
            "date",
            occurred_on.isoformat(),
            N_("in the future: log what has happened, plan with --follow-up"),
        )
    contact_ids = [resolve_contact(uow=uow, ref=ref) for ref in refs]
    interaction = uow.interactions.add(
        Interaction(
            occurred_on=occurred_on,
            kind=kind,
            contact_ids=contact_ids,
            city=city,
            place=place,
            note=note,
            follow_up_on=follow_up_on,
        )
    )
    participants = uow.contacts.get_many(interaction.contact_ids)
    for contact in participants:
        if contact.wish_list:
            contact.wish_list = False
            uow.contacts.update(contact)
    uow.commit()
    return LoggedInteraction(interaction, [c.display_name for c in participants])


def delete_interaction(*, uow: UnitOfWork, interaction_id: InteractionId) -> Interaction:
    """Take back a logged interaction; the participants' clocks fall back to the one before."""
    interaction = uow.interactions.get(interaction_id)
    uow.interactions.delete(interaction_id)
    uow.commit()
    return interaction


@dataclass(frozen=True, slots=True)
class LogLine:
    kind: InteractionKind
    occurred_on: dt.date
    note: str


def parse_log_line(line: str, today: dt.date) -> LogLine:
    """One line as people jot it down: "lunch yesterday talked about the fair".

    The kind comes first (English or German: "Mittagessen gestern …"), a date may follow
    (today, gestern, 26.11.2026, 2026-11-26; else today), the rest is the note.
    """
    words = line.split(maxsplit=1)
    kind = parse_kind(words[0].rstrip(":,;.") if words else "")
    rest = words[1].split(maxsplit=1) if len(words) > 1 else []
    occurred_on = today
    if rest:
        try:
            occurred_on = parse_date(rest[0].rstrip(":,;"), "date", today=today)
            rest = rest[1:]
        except InvalidInput:
            if rest[0][:1].isdigit():  # meant as a date, but not one
                raise
    return LogLine(kind, occurred_on, " ".join(rest))


def log_line(*, uow: UnitOfWork, ref: str, line: str, today: dt.date) -> LoggedInteraction:
    """Record what one line says happened with one contact (see ``parse_log_line``)."""
    parsed = parse_log_line(line, today)
    return log_interaction(
        uow=uow,
        kind=parsed.kind,
        refs=[ref],
        occurred_on=parsed.occurred_on,
        today=today,
        note=parsed.note,
    )
