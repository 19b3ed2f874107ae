"""Bring contacts in from files: one import is one batch and one transaction.

Every record is matched against the people already known and those read earlier in the
same import: a sure match merges (the contact only gains values), an unsure one creates a
contact and holds the pair for a person to decide, no match creates a contact. Every
record is kept as provenance (file, line, batch); a record imported before (same
fingerprint) changes nothing. LinkedIn messages and invitations restart the clock of the
person they were with, when they are newer than what einhorn knows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from einhorn.domain.contacts import Contact
from einhorn.domain.ids import BatchId, ContactId
from einhorn.domain.imports import (
    COUNTS,
    Batch,
    BatchKind,
    Change,
    ChangeAction,
    Identity,
    Source,
)
from einhorn.domain.interactions import Interaction, InteractionKind
from einhorn.domain.merging import MergeDiff, absorb, state_of
from einhorn.errors import ImportFormatError
from einhorn.i18n import gettext
from einhorn.interchange.duplicates import Certainty, Matcher, MatchKeys, match_keys
from einhorn.interchange.json_export import contact_to_dict
from einhorn.interchange.keys import person_key, phone_key
from einhorn.interchange.linkedin_activity import Contacted
from einhorn.interchange.records import ImportIssue, Level
from einhorn.services.import_sources import (
    ImportFormat,
    SourceFile,
    blocking_issue,
    collect_files,
    read_file,
)
from einhorn.services.memory import without_cycle_collection
from einhorn.services.ports import UnitOfWork

# progress(phase, done, total): phase "reading" counts files, "matching" counts records.
Progress = Callable[[str, int, int], None]
Target = tuple[str, int]  # ("db", contact id) or ("new", index into the plan's new contacts)
PROGRESS_STEP = 500
EXAMPLES = 10
# A record's content: the contact's fields without what no source file sets (id, tier,
# wish list, sphere, last interaction); kept as its provenance and hashed as its fingerprint.
_RECORD_FIELDS = tuple(
    name
    for name in contact_to_dict(Contact(display_name="-"))
    if name not in {"id", "tier", "tier_source", "wish_list", "sphere", "last_interaction_on"}
)
_DATE_FIELDS = ("birthday", "created_on")  # kept as ISO text
_record_getter = operator.attrgetter(*_RECORD_FIELDS)


@dataclass(frozen=True, slots=True)
class ImportRequest:
    paths: Sequence[Path]
    format: ImportFormat = ImportFormat.AUTO
    mapping: dict[str, str] | None = None
    skip_bad: bool = False
    dry_run: bool = False
    # The name to show for a file saved under another (the web keeps uploads under private
    # temporary names): used in the report, errors, the batch and provenance.
    shown_names: Mapping[Path, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HeldPair:
    """A newly created contact that may be somebody already known."""

    contact_id: ContactId
    contact_name: str
    candidate_id: ContactId
    candidate_name: str
    reason: str


@dataclass(slots=True)
class ImportReport:
    files: list[str]
    dry_run: bool
    batch: BatchId | None = None
    counts: Counter[str] = field(default_factory=Counter)
    issues: list[ImportIssue] = field(default_factory=list)
    held: list[HeldPair] = field(default_factory=list)
    # The first EXAMPLES names of the contacts created ("created") and of the known contacts
    # that gained values ("merged"): what a preview shows besides the counts.
    examples: dict[str, list[str]] = field(default_factory=dict)

    def count(self, name: str) -> int:
        return self.counts[name]

    def totals(self) -> dict[str, int]:
        """Every count by name, zeros too, in the order people read them."""
        return {name: self.counts[name] for name in COUNTS}


class _Origin(NamedTuple):
    file: str
    line: int | None
    format: str
    fingerprint: str
    values: dict[str, Any]


def import_files(
    *, uow: UnitOfWork, request: ImportRequest, now: dt.datetime, progress: Progress | None = None
) -> ImportReport:
    """Read, match and store the files of ``request``; commits unless it is a dry run."""
    with without_cycle_collection():
        return _import_files(uow, request, now, progress)


def _import_files(
    uow: UnitOfWork, request: ImportRequest, now: dt.datetime, progress: Progress | None
) -> ImportReport:
    files, file_issues = _read_all(request, progress)
    report = ImportReport(files=[f.name for f in files], dry_run=request.dry_run)
    report.issues = file_issues + [issue for f in files for issue in f.issues]
    report.counts["skipped"] = sum(issue.level is not Level.NOTE for issue in report.issues)
    planner = _Planner(
        uow.contacts.identities, uow.imports.fingerprints(), uow.account.default_region
    )
    records = [(record, f) for f in files for record in f.records]
    for done, (record, source_file) in enumerate(records, start=1):
        planner.add(record.contact, record.line, source_file)
        if progress and (done % PROGRESS_STEP == 0 or done == len(records)):
            progress("matching", done, len(records))
    _store(uow, planner, report, now, [entry for f in files for entry in f.activity])
    if not request.dry_run:
        uow.commit()
    return report


def _read_all(
    request: ImportRequest, progress: Progress | None
) -> tuple[list[SourceFile], list[ImportIssue]]:
    files: list[SourceFile] = []
    skipped: list[ImportIssue] = []
    paths = collect_files(request.paths)
    for done, path in enumerate(paths, start=1):
        if progress:
            progress("reading", done, len(paths))
        try:
            shown = request.shown_names.get(path)
            files.append(read_file(path, request.format, request.mapping, shown_as=shown))
        except ImportFormatError as exc:
            if not request.skip_bad:
                raise
            skipped.append(ImportIssue(exc.file, exc.line, exc.reason, exc.detail))
    if not request.skip_bad and (issue := blocking_issue(files)):
        raise ImportFormatError(issue.file, issue.line, issue.reason, issue.detail)
    return files, skipped


def record_values(contact: Contact) -> dict[str, Any]:
    """A record's content as stored in its provenance: the non-empty fields, JSON-ready, in
    the order of ``contact_to_dict``. (Merges replace a contact's lists, never change them,
    so the lists can be shared.)"""
    values = {
        name: value
        for name, value in zip(_RECORD_FIELDS, _record_getter(contact), strict=True)
        if value or value == 0
    }
    for name in _DATE_FIELDS:
        if name in values:
            values[name] = values[name].isoformat()
    return values


def fingerprint(format_name: str, values: dict[str, Any]) -> str:
    """Equal for equal records: the values come in ``contact_to_dict``'s fixed order, and the
    repr of strings, numbers, lists and dicts is stable."""
    text = repr((format_name, values))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class _Planner:
    """Decides for each record: unchanged, merged into somebody, or a new contact."""

    def __init__(
        self, known: Callable[[], list[Identity]], fingerprints: set[str], region: str
    ) -> None:
        self.region = region
        self.fingerprints = fingerprints
        self._known = known
        self._matcher: Matcher | None = None
        self.last_seen: dict[ContactId, dt.date | None] = {}
        self.names: dict[str, set[Target]] = defaultdict(set)
        self.new: list[Contact] = []
        self.new_origins: list[list[_Origin]] = []
        self.merges: dict[ContactId, list[tuple[Contact, _Origin]]] = defaultdict(list)
        self.pairs: list[tuple[int, Target, str]] = []
        self.counts: Counter[str] = Counter()

    @property
    def matcher(self) -> Matcher:
        """Everybody known so far, indexed when the first new record needs it: a re-import
        of records seen before never pays for it."""
        if self._matcher is None:
            self._matcher = Matcher()
            for person in self._known():
                self.last_seen[person.id] = person.last_interaction_on
                keys = match_keys(person, self.region, phone_keys=person.phones)
                self._remember(("db", person.id), keys)
        return self._matcher

    def phone_key(self, phone: str) -> str:
        return phone_key(phone, self.region) or phone

    def _remember(self, target: Target, keys: MatchKeys) -> None:
        self.matcher.add(target, keys)
        if keys.name:
            self.names[keys.name].add(target)

    def add(self, contact: Contact, line: int | None, source: SourceFile) -> None:
        values = record_values(contact)
        key = fingerprint(source.format, values)
        if key in self.fingerprints:
            self.counts["unchanged"] += 1
            return
        self.fingerprints.add(key)
        origin = _Origin(source.name, line, source.format, key, values)
        keys = match_keys(contact, self.region)
        match = self.matcher.match(keys)
        if match is not None and match.certainty is Certainty.SURE:
            self.counts["merged"] += 1
            kind, ref = _target(match.target)
            if kind == "new":
                absorb(self.new[ref], contact, self.phone_key)
                self.new_origins[ref].append(origin)
            else:
                self.merges[ContactId(ref)].append((contact, origin))
            self._remember((kind, ref), keys)
            return
        self.counts["created"] += 1
        self.new.append(contact)
        self.new_origins.append([origin])
        self._remember(("new", len(self.new) - 1), keys)
        if match is not None:
            self.counts["needs_review"] += 1
            self.pairs.append((len(self.new) - 1, _target(match.target), match.reason))

    def who(self, entry: Contacted) -> Target | None:
        """The contact a LinkedIn message or invitation was with: by profile, else by a
        name only one person has."""
        matcher = self.matcher  # also fills self.names
        found = matcher.find_exact(entry.profile) if entry.profile else None
        if found is not None:
            return _target(found)
        named = self.names.get(person_key("", entry.name), set())
        return next(iter(named)) if len(named) == 1 else None


def _target(value: Hashable) -> Target:
    assert isinstance(value, tuple)
    return str(value[0]), int(value[1])


def _store(
    uow: UnitOfWork,
    planner: _Planner,
    report: ImportReport,
    now: dt.datetime,
    activity: list[Contacted],
) -> None:
    """Write what the planner decided as one batch; nothing at all when nothing is new."""
    if not (planner.new or planner.merges or activity):
        report.counts.update(planner.counts)
        return
    batch = uow.imports.add_batch(Batch(BatchKind.IMPORT, now, files=list(report.files)))
    assert batch.id is not None
    report.batch = batch.id
    new_ids = uow.contacts.add_many(planner.new)
    changes = [
        Change(ChangeAction.CREATED, contact.key, {"state": state_of(contact)})
        for contact in planner.new
    ]
    changes += _merge_into_known(uow, planner)
    report.counts.update(planner.counts)
    report.examples = _examples(uow, planner.new, changes)
    uow.imports.add_sources(_sources(planner, new_ids, batch.id))

    def resolve(target: Target) -> ContactId:
        return new_ids[target[1]] if target[0] == "new" else ContactId(target[1])

    pairs = [(new_ids[index], resolve(target), reason) for index, target, reason in planner.pairs]
    uow.imports.add_reviews(batch.id, pairs)
    report.held = _held(uow, pairs)
    logged = _log_activity(uow, planner, activity, resolve)
    report.counts["interactions"] = len(logged)
    uow.imports.add_changes(batch.id, changes + logged)
    batch.counts = dict(report.counts)
    uow.imports.update_batch(batch)


def _examples(uow: UnitOfWork, new: list[Contact], changes: list[Change]) -> dict[str, list[str]]:
    merged = [c.contact_id for c in changes if c.action is ChangeAction.MERGED][:EXAMPLES]
    return {
        "created": [contact.display_name for contact in new[:EXAMPLES]],
        "merged": [contact.display_name for contact in uow.contacts.get_many(merged)],
    }


def _sources(planner: _Planner, new_ids: list[ContactId], batch_id: BatchId) -> list[Source]:
    """Every record that went into a contact, as that contact's provenance."""
    sources = [
        Source(new_ids[index], batch_id, o.file, o.line, o.format, o.fingerprint, o.values)
        for index, origins in enumerate(planner.new_origins)
        for o in origins
    ]
    sources += [
        Source(contact_id, batch_id, o.file, o.line, o.format, o.fingerprint, o.values)
        for contact_id, items in planner.merges.items()
        for _, o in items
    ]
    return sources


def _merge_into_known(uow: UnitOfWork, planner: _Planner) -> list[Change]:
    changes: list[Change] = []
    changed: list[Contact] = []
    for target in uow.contacts.get_many(list(planner.merges)):
        diff = MergeDiff()
        for incoming, _ in planner.merges[target.key]:
            diff.extend(absorb(target, incoming, planner.phone_key))
        if diff:
            changed.append(target)
            changes.append(Change(ChangeAction.MERGED, target.key, {"diff": diff.to_json()}))
        else:  # the records say nothing new: they count as unchanged, and stay as sources
            moved = len(planner.merges[target.key])
            planner.counts["merged"] -= moved
            planner.counts["unchanged"] += moved
    uow.contacts.update_many(changed)
    return changes


def _held(uow: UnitOfWork, pairs: list[tuple[ContactId, ContactId, str]]) -> list[HeldPair]:
    names = {
        c.key: c.display_name
        for c in uow.contacts.get_many(sorted({cid for pair in pairs for cid in pair[:2]}))
    }
    return [HeldPair(new, names[new], old, names[old], reason) for new, old, reason in pairs]


def _log_activity(
    uow: UnitOfWork,
    planner: _Planner,
    activity: list[Contacted],
    resolve: Callable[[Target], ContactId],
) -> list[Change]:
    """One interaction per person: the latest message or invitation, if it is news."""
    latest: dict[ContactId, Contacted] = {}
    for entry in activity:
        target = planner.who(entry)
        if target is None:
            continue
        contact_id = resolve(target)
        if contact_id not in latest or entry.on > latest[contact_id].on:
            latest[contact_id] = entry
    notes = {"message": gettext("LinkedIn message"), "invitation": gettext("LinkedIn invitation")}
    new = [
        Interaction(
            occurred_on=entry.on,
            kind=InteractionKind.MESSAGE,
            contact_ids=[contact_id],
            note=notes.get(entry.kind, "LinkedIn"),
        )
        for contact_id, entry in latest.items()
        if (known := planner.last_seen.get(contact_id)) is None or entry.on > known
    ]
    uow.interactions.add_many(new)
    return [
        Change(ChangeAction.INTERACTION, item.contact_ids[0], interaction_id=item.id)
        for item in new
    ]
