"""Use cases of who knows whom: record ties, and read the network they make with the weak
ties einhorn infers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from einhorn.domain.ties import Tie, TieKind
from einhorn.insight.graph import Edge, Network, build_network
from einhorn.insight.intro import Neighbourhood
from einhorn.services.contacts import resolve_contact
from einhorn.services.intro import people_of
from einhorn.services.ports import UnitOfWork


def load_network(*, uow: UnitOfWork) -> Network:
    """Every contact with their recorded ties and the inferred ones."""
    events = [event.met or [] for event in uow.groups.events()]
    return build_network(people_of(uow).values(), uow.ties.all(), uow.groups.memberships(), events)


def add_tie(
    *,
    uow: UnitOfWork,
    one: str,
    other: str,
    kind: TieKind,
    strength: int,
    now: dt.datetime,
) -> Tie:
    """Record that two contacts know each other (again: a new kind or strength)."""
    tie = Tie.between(
        resolve_contact(uow=uow, ref=one), resolve_contact(uow=uow, ref=other), kind, strength
    )
    saved = uow.ties.put(tie, now)
    uow.commit()
    return saved


def remove_tie(*, uow: UnitOfWork, one: str, other: str) -> None:
    uow.ties.remove(resolve_contact(uow=uow, ref=one), resolve_contact(uow=uow, ref=other))
    uow.commit()


@dataclass(frozen=True, slots=True)
class TieView:
    edge: Edge
    a_name: str
    b_name: str


def list_ties(
    *, uow: UnitOfWork, ref: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[TieView], int]:
    """The recorded ties (of one contact, with the inferred ones too), a page of them, and
    how many there are in all."""
    if ref is None:
        edges = [Edge(t.a, t.b, t.kind, t.strength) for t in uow.ties.all()]
    else:
        person = resolve_contact(uow=uow, ref=ref)
        around = Neighbourhood(
            people_of(uow),
            uow.ties.touching([person]),
            uow.groups.memberships(),
            [event.met or [] for event in uow.groups.events()],
        )
        edges = sorted(around.edges(person), key=lambda e: (e.inferred, -e.strength))
    page = edges[offset : offset + limit]
    names = {
        c.key: c.display_name
        for c in uow.contacts.get_many(sorted({i for e in page for i in (e.a, e.b)}))
    }
    return [TieView(e, names.get(e.a, ""), names.get(e.b, "")) for e in page], len(edges)
