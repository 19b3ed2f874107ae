"""The repository and unit-of-work Protocols that the store implements.

Every repository is bound to one account when the unit of work opens: no method can reach
another account's rows, because none takes an account id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, Self

from einhorn.domain.accounts import Account
from einhorn.domain.contacts import Contact, Sphere
from einhorn.domain.due import DueEntry
from einhorn.domain.ids import AccountId, ContactId, InteractionId
from einhorn.domain.interactions import Interaction
from einhorn.domain.tiers import CadencePolicy, Tier


@dataclass(frozen=True, slots=True)
class ContactQuery:
    """Filters for listing contacts; all given filters must hold."""

    tier: Tier | None = None
    tag: str | None = None
    sphere: Sphere | None = None
    wish_list: bool | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class RecentInteraction:
    interaction: Interaction
    names: list[str]


class ContactRepository(Protocol):
    """The acting account's contacts. Writes keep last-interaction and next-due dates."""

    def add(self, contact: Contact) -> Contact:
        """Save a new contact; returns it as stored, with its id."""

    def add_many(self, contacts: Sequence[Contact]) -> list[ContactId]:
        """Save many new contacts in bulk (imports, the demo); sets their ids."""

    def get(self, contact_id: ContactId) -> Contact:
        """The contact, or NotFound."""

    def get_many(self, contact_ids: Sequence[ContactId]) -> list[Contact]:
        """The contacts that exist, in the order asked for; unknown ids are left out."""

    def find_by_name(self, fragment: str, limit: int = 20) -> list[tuple[ContactId, str]]:
        """(id, name) of contacts named exactly ``fragment`` (case and accents folded), or if
        there are none, of those whose name contains it."""

    def count_by_name(self, fragment: str) -> int:
        """How many contacts ``find_by_name`` would return without a limit."""

    def list_(self, query: ContactQuery) -> list[Contact]:
        """Contacts matching ``query``, unicorns first, then by name."""

    def count(self, query: ContactQuery | None = None) -> int:
        """How many contacts match ``query`` (all of them without one)."""

    def update(self, contact: Contact) -> Contact:
        """Store the contact's changed fields; returns it as stored."""

    def delete(self, contact_id: ContactId) -> None:
        """Erase the contact, its details and its participations; NotFound if unknown."""

    def purge_erased(self) -> None:
        """Remove what erased contacts left in search indexes."""

    def tier_counts(self) -> dict[Tier, int]:
        """How many contacts are in each tier."""

    def due(self, *, today: dt.date, horizon_days: int, limit: int | None) -> list[DueEntry]:
        """Contacts due by ``today + horizon_days``, most urgent first, unicorns first on
        ties."""

    def count_due(self, *, today: dt.date, horizon_days: int) -> int:
        """How many contacts ``due`` would return without a limit."""

    def refresh_due_dates(self, policy: CadencePolicy) -> int:
        """Recompute every next-due date for a new cadence policy; returns the count."""


class InteractionRepository(Protocol):
    """The acting account's interactions; adding or removing one moves its contacts' clocks."""

    def add(self, interaction: Interaction) -> Interaction:
        """Save an interaction; NotFound when a participant is not the account's."""

    def add_many(self, interactions: Sequence[Interaction]) -> int:
        """Save many interactions in bulk; returns how many."""

    def get(self, interaction_id: InteractionId) -> Interaction:
        """The interaction, or NotFound."""

    def delete(self, interaction_id: InteractionId) -> None:
        """Remove an interaction; its contacts' clocks fall back to the one before."""

    def delete_orphans(self) -> int:
        """Remove interactions left without participants (after an erasure)."""

    def list_for_contact(
        self, contact_id: ContactId, limit: int | None = None
    ) -> list[Interaction]:
        """A contact's interactions, newest first."""

    def follow_ups(self, since: dt.date) -> list[Interaction]:
        """Interactions with a follow-up on or after ``since``, soonest first."""

    def list_all(self) -> list[Interaction]:
        """Every interaction of the account, oldest first (for export)."""

    def recent(self, limit: int) -> list[RecentInteraction]:
        """The newest interactions with their participants' names."""

    def count(self) -> int:
        """How many interactions the account has."""


class AccountRepository(Protocol):
    def get(self, account_id: AccountId) -> Account: ...
    def get_by_name(self, name: str) -> Account | None: ...
    def add(self, account: Account) -> Account: ...
    def update(self, account: Account) -> Account: ...


class UnitOfWork(Protocol):
    """One transaction bound to one account. Leaving without ``commit()`` rolls back."""

    @property
    def account(self) -> Account: ...
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def contacts(self) -> ContactRepository: ...
    @property
    def interactions(self) -> InteractionRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def checkpoint(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    """Opens a unit of work for an account (the composition root provides it)."""

    def __call__(self) -> UnitOfWork: ...
