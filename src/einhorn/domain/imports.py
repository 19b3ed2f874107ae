"""Import batches, where a contact's values came from, and the pairs a person must decide."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from einhorn.domain.ids import BatchId, ContactId, InteractionId, ReviewId
from einhorn.i18n import N_, gettext

# What an import counts (``Batch.counts``, the import report), in the order people read them,
# each with its word for people.
COUNT_LABELS = {
    "created": N_("new"),
    "merged": N_("merged"),
    "unchanged": N_("unchanged"),
    "skipped": N_("skipped"),
    "needs_review": N_("to review"),
    "interactions": N_("interactions"),
}
COUNTS = tuple(COUNT_LABELS)


def describe_counts(counts: Mapping[str, int]) -> str:
    """The counts that are not zero, in words: "new 3, merged 1"."""
    return ", ".join(
        f"{gettext(COUNT_LABELS[name])} {counts[name]}" for name in COUNTS if counts.get(name)
    )


class BatchKind(StrEnum):
    IMPORT = "import"
    MERGE = "merge"  # einhorn merge A B, or a review decided as "same person"

    @property
    def label(self) -> str:
        return {BatchKind.IMPORT: N_("import"), BatchKind.MERGE: N_("merge")}[self]


class ChangeAction(StrEnum):
    CREATED = "created"  # the batch created the contact: undo erases it
    MERGED = "merged"  # the batch added values to the contact: undo takes them out
    ABSORBED = "absorbed"  # another contact was merged into this one: undo brings it back
    INTERACTION = "interaction"  # the batch logged an interaction: undo removes it


@dataclass(slots=True)
class Batch:
    kind: BatchKind
    created_at: dt.datetime
    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    undone_at: dt.datetime | None = None
    id: BatchId | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a batch did to a contact, with what undo needs to reverse it."""

    action: ChangeAction
    contact_id: ContactId
    data: dict[str, Any] = field(default_factory=dict)
    interaction_id: InteractionId | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a contact's values came from: one record of one file of one batch."""

    contact_id: ContactId
    batch_id: BatchId
    file: str
    line: int | None
    format: str
    fingerprint: str
    values: dict[str, Any]


class ReviewStatus(StrEnum):
    OPEN = "open"
    SEPARATE = "separate"  # kept apart
    # One person: merged (by this pair's decision, or by a merge of the two contacts). The
    # pair stays as a record on the kept contact, so that deciding it again is "already
    # decided" rather than "not found"; undoing the merge opens it again.
    MERGED = "merged"


@dataclass(frozen=True, slots=True)
class Review:
    """Two contacts that may be one person; ``reason`` says why einhorn thinks so."""

    id: ReviewId
    batch_id: BatchId
    contact_id: ContactId
    candidate_id: ContactId
    reason: str
    status: ReviewStatus = ReviewStatus.OPEN


@dataclass(slots=True)
class Identity:
    """The parts of a saved contact that tell who they are: what duplicates are found by."""

    id: ContactId
    display_name: str
    given_name: str
    family_name: str
    company: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164 keys, as the store keeps them
    profiles: dict[str, str] = field(default_factory=dict)
    last_interaction_on: dt.date | None = None
