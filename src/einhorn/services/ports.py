"""The repository and unit-of-work Protocols that the store implements.

Every repository is bound to one account when the unit of work opens: no method can reach
another account's rows, because none takes an account id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, Self

from einhorn.domain.accounts import Account
from einhorn.domain.contacts import Contact, Sphere
from einhorn.domain.due import DueEntry
from einhorn.domain.goals import Goal
from einhorn.domain.groups import Event, Group
from einhorn.domain.ids import AccountId, BatchId, ContactId, InteractionId, ReviewId
from einhorn.domain.imports import Batch, Change, Identity, Review, ReviewStatus, Source
from einhorn.domain.interactions import Interaction, InteractionKind
from einhorn.domain.plans import LunchSlot, Trip
from einhorn.domain.reviews import StrategyReview
from einhorn.domain.team import Pair, TeamMember, TeamRound
from einhorn.domain.tiers import CadencePolicy, Tier, TierSource
from einhorn.domain.ties import Tie


@dataclass(frozen=True, slots=True)
class ContactQuery:
    """Filters for listing contacts; all given filters must hold."""

    tier: Tier | None = None
    tag: str | None = None
    sphere: Sphere | None = None
    wish_list: bool | None = None
    text: str | None = None
    city: str | None = None  # the city exactly as stored (whitespace folded)
    sector: str | None = None  # the sector exactly as stored (whitespace folded)
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ContactOutline:
    """What the strategy rules need of a contact, read without its details."""

    id: ContactId
    display_name: str
    company: str
    position: str
    sector: str
    tier: Tier
    tier_source: TierSource
    wish_list: bool
    sphere: Sphere
    city: str = ""
    created_on: dt.date | None = None
    cadence_days: int | None = None  # the contact's own cadence, None: the tier's
    last_interaction_on: dt.date | None = None


# id, display name, tier, company, sector, position, city, last interaction, wish list: what
# the network needs of every contact, as plain tuples (30,000 of them in a fraction of a second)
PersonRow = tuple[int, str, str, str, str, str, str, dt.date | None, bool]


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

    def update_many(self, changed: Sequence[Contact]) -> None:
        """Store many saved contacts' fields in bulk (an import's merges)."""

    def restore(self, contact: Contact) -> None:
        """Save a contact again under its old id (undoing a merge that erased it)."""

    def identities(self) -> list[Identity]:
        """Name, company, emails, phones and profiles of every contact, for duplicate finding."""

    def delete(self, contact_id: ContactId) -> None:
        """Erase the contact, its details and its participations; NotFound if unknown."""

    def delete_many(self, contact_ids: Sequence[ContactId]) -> int:
        """Erase the contacts that still exist among ``contact_ids``; returns how many."""

    def purge_erased(self) -> None:
        """Remove what erased contacts left in search indexes."""

    def with_profiles(self) -> set[ContactId]:
        """The contacts with a profile on any network."""

    def profile_networks(self, contact_ids: Sequence[ContactId]) -> dict[ContactId, set[str]]:
        """The networks each of these contacts has a profile on."""

    def outlines(self, tier: Tier | None = None) -> list[ContactOutline]:
        """Every contact (of ``tier``) as an outline, by id."""

    def people_rows(self) -> Sequence[PersonRow]:
        """Every contact as a PersonRow, by id."""

    def cadence_counts(self) -> dict[tuple[Tier, int | None], int]:
        """(tier, own cadence or None) → how many contacts can fall due."""

    def set_tiers(self, tiers: Sequence[tuple[ContactId, Tier]], source: TierSource) -> None:
        """Place many contacts in tiers at once; their due dates follow."""

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

    def count_between(
        self, since: dt.date, until: dt.date, kinds: Sequence[InteractionKind]
    ) -> int:
        """How many interactions of these kinds took place from ``since`` to ``until``."""

    def participants_of_kinds(self, kinds: Sequence[InteractionKind]) -> set[ContactId]:
        """The contacts that took part in an interaction of one of these kinds."""

    def last_of_kinds(self, kinds: Sequence[InteractionKind]) -> dict[ContactId, dt.date]:
        """The day each contact last took part in an interaction of one of these kinds."""

    def counts_since(self, since: dt.date) -> dict[ContactId, int]:
        """How many interactions each contact took part in since ``since``."""

    def contacts_in_other_interactions(
        self, contact_ids: Sequence[ContactId], known: set[InteractionId]
    ) -> set[ContactId]:
        """Those of the contacts that take part in an interaction not in ``known``."""

    def move_participations(self, source: ContactId, target: ContactId) -> list[list[int]]:
        """Hand ``source``'s interactions to ``target``; returns what undoing it needs."""

    def return_participations(
        self, target: ContactId, source: ContactId, moved: Sequence[Sequence[int]]
    ) -> None:
        """Undo ``move_participations``."""

    def list_for_contact(
        self, contact_id: ContactId, limit: int | None = None
    ) -> list[Interaction]:
        """A contact's interactions, newest first."""

    def follow_ups(self, since: dt.date, until: dt.date | None = None) -> list[Interaction]:
        """Interactions with a follow-up on or after ``since`` (and by ``until``), soonest
        first."""

    def list_all(self) -> list[Interaction]:
        """Every interaction of the account, oldest first (for export)."""

    def recent(self, limit: int) -> list[RecentInteraction]:
        """The newest interactions with their participants' names."""

    def count(self) -> int:
        """How many interactions the account has."""


class ImportRepository(Protocol):
    """Batches (imports and merges), where values came from, undo records and reviews."""

    def add_batch(self, batch: Batch) -> Batch:
        """Save a new batch; returns it with its id."""

    def update_batch(self, batch: Batch) -> None:
        """Store a batch's files, counts and undo time."""

    def get_batch(self, batch_id: BatchId) -> Batch:
        """The batch, or NotFound."""

    def list_batches(self, limit: int) -> list[Batch]:
        """The newest batches first."""

    def later_batches_touching(
        self, batch_id: BatchId, contact_ids: Sequence[ContactId]
    ) -> list[BatchId]:
        """Later batches, not undone, that changed or absorbed any of these contacts."""

    def forget_files_of(self, contact_id: ContactId) -> None:
        """Before an erasure: drop file names only this contact came from from the history."""

    def fingerprints(self) -> set[str]:
        """The fingerprints of every record imported so far (re-imports change nothing)."""

    def add_sources(self, sources: Sequence[Source]) -> None:
        """Record where contacts' values came from."""

    def sources_of(self, contact_id: ContactId) -> list[Source]:
        """Where one contact's values came from, oldest first."""

    def all_sources(self) -> list[Source]:
        """Where every contact's values came from (for the export of all data)."""

    def move_sources(self, source: ContactId, target: ContactId) -> list[int]:
        """Hand one contact's provenance to another; returns the moved records' ids."""

    def return_sources(self, ids: Sequence[int], owner: ContactId) -> None:
        """Give provenance records back to their contact (undoing a merge)."""

    def source_owners(self, batch_id: BatchId) -> set[ContactId]:
        """The contacts that hold records a batch brought in."""

    def delete_sources(self, batch_id: BatchId) -> None:
        """Forget the records a batch brought in."""

    def add_changes(self, batch_id: BatchId, changes: Sequence[Change]) -> None:
        """Record what a batch did, for its undo."""

    def changes(self, batch_id: BatchId) -> list[Change]:
        """What a batch did, in order."""

    def delete_changes(self, batch_id: BatchId) -> None:
        """Forget what a batch did (once it is undone: the records hold personal data)."""

    def changes_of(self, contact_id: ContactId) -> list[tuple[BatchId, Change]]:
        """What every batch did to one contact, in order."""

    def add_reviews(
        self, batch_id: BatchId, pairs: Sequence[tuple[ContactId, ContactId, str]]
    ) -> None:
        """Hold (new contact, existing contact, reason) pairs for a person to decide."""

    def reviews_of(self, contact_id: ContactId) -> list[Review]:
        """Every pair, open or decided, that this contact is part of."""

    def move_reviews(self, source: ContactId, target: ContactId) -> None:
        """A merge: ``source``'s open questions become ``target``'s; the pair of the two is
        decided (MERGED) and stays, on ``target``."""

    def delete_reviews(self, review_ids: Sequence[ReviewId]) -> None:
        """Remove pairs by id."""

    def restore_reviews(self, reviews: Sequence[Review]) -> None:
        """Save pairs again under their old ids (undoing a merge)."""

    def open_reviews(self, limit: int | None = None) -> list[Review]:
        """Undecided pairs, oldest first."""

    def count_open_reviews(self) -> int:
        """How many pairs wait for a decision."""

    def get_review(self, review_id: ReviewId) -> Review:
        """The review, or NotFound."""

    def set_review_status(self, review_id: ReviewId, status: ReviewStatus) -> None:
        """Decide a review."""


class GoalRepository(Protocol):
    """The account's goals; setting one keeps the ones before as its history."""

    def add(self, goal: Goal) -> Goal:
        """Make ``goal`` the current goal."""

    def current(self) -> Goal | None:
        """The goal set last, if any."""

    def history(self, limit: int | None = None) -> list[Goal]:
        """Every goal, the current one first."""


class ChannelRepository(Protocol):
    """Where the user is present online."""

    def set(self, network: str, present: bool, url: str) -> None:
        """Record presence (or absence) on a network."""

    def presence(self) -> dict[str, tuple[bool, str]]:
        """network → (present, profile URL)."""


class ReviewRepository(Protocol):
    """Stored reviews; the newest is what the next review compares with."""

    def add(self, review: StrategyReview) -> StrategyReview:
        """Keep a review."""

    def latest(self) -> StrategyReview | None:
        """The review made last, if any."""

    def history(self, limit: int | None = None) -> list[StrategyReview]:
        """The reviews kept, newest first (the web's review history)."""

    def forget(self, contact_id: ContactId, display_name: str) -> None:
        """Take an erased contact out of every stored review."""


class GroupRepository(Protocol):
    """Groups, their members among the contacts, and events."""

    def add(self, group: Group) -> Group:
        """Save a new group; returns it with its id."""

    def update(self, group: Group) -> None:
        """Store a group's kind, city, URL and engagement."""

    def get(self, group_id: int) -> Group:
        """The group, or NotFound."""

    def find(self, fragment: str) -> list[Group]:
        """Groups named ``fragment`` (folded), or else containing it."""

    def list_(self) -> list[Group]:
        """Every group, by name."""

    def add_members(self, group_id: int, contact_ids: Sequence[ContactId]) -> None:
        """Record contacts as members (again is harmless)."""

    def members(self, group_id: int) -> list[ContactId]:
        """The group's members among the contacts."""

    def memberships(self) -> dict[int, list[ContactId]]:
        """group id → its members among the contacts."""

    def member_counts(self) -> dict[int, int]:
        """group id → members among the contacts."""

    def group_names_by_contact(self) -> dict[ContactId, str]:
        """Each member's group (the first by name when in several)."""

    def add_event(self, event: Event) -> Event:
        """Save an event; returns it with its id."""

    def events(self, group_id: int | None = None) -> list[Event]:
        """Events (of one group), newest first, with the people met."""


class AccountRepository(Protocol):
    def get(self, account_id: AccountId) -> Account: ...
    def get_by_name(self, name: str) -> Account | None: ...
    def add(self, account: Account) -> Account: ...
    def update(self, account: Account) -> Account: ...


class Transaction(Protocol):
    """A ``with`` block around one database transaction: ``commit()`` keeps what was done so
    far, leaving the block without it rolls back."""

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...


class UnitOfWork(Transaction, Protocol):
    """One transaction bound to one account. Leaving without ``commit()`` rolls back."""

    @property
    def account(self) -> Account: ...
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def contacts(self) -> ContactRepository: ...
    @property
    def interactions(self) -> InteractionRepository: ...
    @property
    def imports(self) -> ImportRepository: ...
    @property
    def goals(self) -> GoalRepository: ...
    @property
    def channels(self) -> ChannelRepository: ...
    @property
    def reviews(self) -> ReviewRepository: ...
    @property
    def groups(self) -> GroupRepository: ...
    @property
    def plans(self) -> PlanRepository: ...
    @property
    def team(self) -> TeamRepository: ...
    @property
    def ties(self) -> TieRepository: ...
    @property
    def feeds(self) -> FeedRepository: ...

    def checkpoint(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    """Opens a unit of work for an account (the composition root provides it)."""

    def __call__(self) -> UnitOfWork: ...


class PlanRepository(Protocol):
    """The lunch plan's slots and the user's trips."""

    def slots(self, since: dt.date, until: dt.date | None = None) -> list[LunchSlot]:
        """Slots from ``since`` (to ``until``, both included), by day."""

    def get_slot(self, slot_id: int) -> LunchSlot:
        """The slot, or NotFound."""

    def replace_proposed(self, since: dt.date, slots: Sequence[LunchSlot]) -> None:
        """Drop the proposed slots from ``since`` on and save ``slots`` (new ones get ids)."""

    def update_slot(self, slot: LunchSlot) -> None:
        """Store a slot's person, status, reasons and interaction."""

    def add_trip(self, trip: Trip) -> Trip:
        """Save a trip; returns it with its id."""

    def trips(self, since: dt.date | None = None) -> list[Trip]:
        """Trips ending on or after ``since`` (all without it), by first day."""

    def delete_trip(self, trip_id: int) -> None:
        """Forget a trip; NotFound if unknown."""


class TeamRepository(Protocol):
    """Team mode: the roster, its rounds and who lunched with whom."""

    def members(self) -> list[TeamMember]:
        """Everybody on the roster, inactive members too, by name."""

    def add_members(self, members: Sequence[TeamMember]) -> None:
        """Save new members; each gets its id."""

    def update_members(self, members: Sequence[TeamMember]) -> None:
        """Store the members' name, department, location, opt-out and active flag."""

    def delete_member(self, member_id: int) -> None:
        """Forget a member and their place in every round (rounds left empty go too)."""

    def add_round(self, team_round: TeamRound) -> TeamRound:
        """Save a round and its groups; returns it with its id."""

    def rounds(self) -> list[TeamRound]:
        """Every round with its groups (member ids), by number."""

    def met_pairs(self) -> set[Pair]:
        """Every pair of members who have been in a group together."""

    def last_round_number(self) -> int:
        """The highest round number so far; 0 before the first round."""


class TieRepository(Protocol):
    """Ties between contacts that the user recorded (inferred ones are never stored)."""

    def put(self, tie: Tie, now: dt.datetime) -> Tie:
        """Record a tie, or change the kind and strength of the pair's tie."""

    def remove(self, one: ContactId, other: ContactId) -> None:
        """Forget the pair's tie; NotFound if there is none."""

    def of(self, contact_id: ContactId) -> list[Tie]:
        """The ties of one contact, oldest first."""

    def all(self) -> list[Tie]:
        """Every recorded tie (for the network's graph), oldest first."""

    def touching(self, contact_ids: Collection[ContactId]) -> list[Tie]:
        """The recorded ties with at least one end among ``contact_ids``."""

    def count(self) -> int:
        """How many ties are recorded."""


class FeedRepository(Protocol):
    """The account's private calendar feed links, kept only as hashes of their secrets."""

    def add(self, token_hash: str, created_at: dt.datetime) -> None:
        """Save a new feed link by the SHA-256 hash (hex) of its secret."""

    def created(self) -> list[dt.datetime]:
        """When each active feed link was made, oldest first."""

    def remove_all(self) -> int:
        """Revoke every feed link of the account; returns how many there were."""
