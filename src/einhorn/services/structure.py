"""Use cases of the network's structure: the full analysis (``einhorn structure``) and the
review's short section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from einhorn.domain.reviews import StructureSummary
from einhorn.errors import Conflict
from einhorn.i18n import N_, gettext
from einhorn.insight.graph import Network
from einhorn.insight.structure import Structure, analyse, constraint_reading
from einhorn.services.memory import without_cycle_collection
from einhorn.services.network import load_network
from einhorn.services.ports import UnitOfWork

# progress(phase, done, total): phase "structure" counts the steps.
Progress = Callable[[str, int, int], None]
REVIEW_BROKERS = 3
REVIEW_CLUSTERS = 3


def structure(
    *,
    uow: UnitOfWork,
    today: dt.date,
    progress: Progress | None = None,
    per_contact: bool = True,
) -> Structure:
    """Clusters, brokers, Burt's measures for me and every contact, weak ties outside my
    clusters and the E-I index; the people in it carry their names. ``per_contact=False``
    leaves out every contact's own measures (the costly part; the web's network page)."""
    if progress:
        progress("structure", 0, 2)
    with without_cycle_collection():
        network = load_network(uow=uow)
        if not _knows_anyone(network):
            raise Conflict(
                N_("No contacts yet: add some with einhorn contacts add or einhorn import.")
            )
        if progress:
            progress("structure", 1, 2)
        found = analyse(network, today, per_contact=per_contact)
    if progress:
        progress("structure", 2, 2)
    return found


def structure_summary(*, uow: UnitOfWork, today: dt.date) -> StructureSummary | None:
    """The review's section: my measures without every contact's (the costly part); None
    without contacts."""
    with without_cycle_collection():
        network = load_network(uow=uow)
        if not _knows_anyone(network):
            return None
        found = analyse(network, today, per_contact=False)
    return StructureSummary(
        contacts=found.contacts,
        ties=found.ties,
        clusters=len(found.clusters),
        largest_clusters=[(c.title, c.size) for c in found.clusters[:REVIEW_CLUSTERS]],
        effective_size=round(found.me.effective_size, 1),
        efficiency=round(found.me.efficiency, 3),
        constraint=round(found.me.constraint, 4),
        reading=gettext(constraint_reading(found.me)),
        ei_index=_rounded(found.ei_sector.value),
        ei_expected=_rounded(found.ei_sector.expected),
        weak_ties_outside=len(found.weak_ties),
        brokers=[p.person.name for p in found.brokers[:REVIEW_BROKERS]],
    )


def _knows_anyone(network: Network) -> bool:
    return any(not person.wish_list for person in network.people.values())


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
