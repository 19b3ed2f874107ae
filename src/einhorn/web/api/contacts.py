"""JSON endpoints: contacts (list with filters, one contact, add, tier, erase, export, log an
interaction) and who is due. The shapes are those of ``--json`` in the CLI."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from einhorn.domain.contacts import Contact, Sphere
from einhorn.domain.ids import ContactId, InteractionId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.tiers import Tier
from einhorn.errors import NotFound
from einhorn.i18n import N_
from einhorn.interchange.json_export import (
    contact_to_dict,
    due_entry_to_dict,
    interaction_to_dict,
    source_to_dict,
)
from einhorn.services import contacts as service
from einhorn.services.dashboard import get_dashboard
from einhorn.services.interactions import (
    LoggedInteraction,
    delete_interaction,
    log_interaction,
    log_line,
)
from einhorn.services.ports import UnitOfWork
from einhorn.web.kit import signed_in, today, unit, web_of
from einhorn.web.pages.contacts import Filters

router = APIRouter(prefix="/api", dependencies=[Depends(signed_in)], tags=["contacts"])
PAGE = 50
MAX_PAGE = 500
TEXT = 2000


class ContactRead(BaseModel):
    """A contact as ``einhorn contacts show --json`` prints it."""

    id: int
    display_name: str
    given_name: str
    family_name: str
    title: str
    form_of_address: str | None
    emails: list[str]
    phones: list[str]
    company: str
    position: str
    department: str
    sector: str
    city: str
    country: str
    languages: list[str]
    profiles: dict[str, str]
    birthday: dt.date | None
    how_met: str
    sphere: Sphere
    tags: list[str]
    notes: str
    wish_list: bool
    tier: Tier
    tier_source: str
    cadence_days: int | None = Field(description="The contact's own cadence; null: the tier's")
    created_on: dt.date | None
    last_interaction_on: dt.date | None


class ContactPage(BaseModel):
    total: int = Field(description="How many contacts match the filters in all")
    contacts: list[ContactRead]


class InteractionRead(BaseModel):
    id: int
    date: dt.date
    kind: InteractionKind
    contact_ids: list[int]
    city: str
    place: str
    note: str
    follow_up_on: dt.date | None


class ContactDetailRead(ContactRead):
    """A contact with where it stands on the due list, its newest interactions and sources."""

    cadence_days: int | None = Field(description="The cadence in effect (own or the tier's)")
    next_due_on: dt.date | None
    status: str = Field(description="ok, due_soon or overdue")
    interactions: list[InteractionRead]
    sources: list[dict[str, Any]]


class ContactCreate(BaseModel):
    """A new contact; only the name is required. Values are checked as in the CLI."""

    model_config = ConfigDict(extra="forbid")

    display_name: str = Field(max_length=TEXT)
    given_name: str = Field("", max_length=TEXT)
    family_name: str = Field("", max_length=TEXT)
    title: str = Field("", max_length=TEXT)
    company: str = Field("", max_length=TEXT)
    position: str = Field("", max_length=TEXT)
    department: str = Field("", max_length=TEXT)
    sector: str = Field("", max_length=TEXT)
    city: str = Field("", max_length=TEXT)
    country: str = Field("", max_length=TEXT)
    emails: list[str] = Field(default_factory=list, max_length=50)
    phones: list[str] = Field(default_factory=list, max_length=50)
    tags: list[str] = Field(default_factory=list, max_length=100)
    how_met: str = Field("", max_length=TEXT)
    notes: str = Field("", max_length=20_000)
    birthday: dt.date | None = None
    sphere: Sphere = Sphere.PROFESSIONAL
    wish_list: bool = False
    tier: Tier = Tier.PENGUIN


class TierChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tier: Tier


class TierChanged(BaseModel):
    contact: ContactRead
    previous_tier: Tier


class BulkTierChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    contact_ids: list[Annotated[int, Field(ge=1, le=service.MAX_ID)]] = Field(
        min_length=1, max_length=service.MAX_BULK
    )
    tier: Tier


class BulkTierChanged(BaseModel):
    changed: int
    tier: Tier


class Erasure(BaseModel):
    erased: int
    display_name: str
    interactions_removed: int


class InteractionCreate(BaseModel):
    """Either ``line`` ("lunch yesterday talked about the fair", as on the contact's page) or
    ``kind`` with the other fields (as ``einhorn log``)."""

    model_config = ConfigDict(extra="forbid")

    line: str | None = Field(None, max_length=TEXT, examples=["lunch yesterday trade fair"])
    kind: InteractionKind | None = None
    date: dt.date | None = Field(None, description="Default: today")
    note: str = Field("", max_length=20_000)
    city: str = Field("", max_length=TEXT)
    place: str = Field("", max_length=TEXT)
    follow_up_on: dt.date | None = None

    @model_validator(mode="after")
    def line_or_kind(self) -> Self:
        if (self.line is None) == (self.kind is None):
            # A custom error, not ValueError: its details stay JSON (app.py returns them).
            raise PydanticCustomError("line_or_kind", "give either line or kind")
        return self


class InteractionLogged(InteractionRead):
    names: list[str] = Field(description="The participants' display names")


def _ref(contact_id: int) -> str:
    return f"#{contact_id}"


@router.get("/contacts", response_model=ContactPage)
def api_contacts(
    request: Request,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """Contacts matching the filters (all must hold), unicorns first, then by name."""
    with unit(request) as uow:
        found, total = service.list_contacts(
            uow=uow, query=filters.query(limit=limit, offset=offset)
        )
    return {"total": total, "contacts": [contact_to_dict(c) for c in found]}


@router.post("/contacts", response_model=ContactRead, status_code=201)
def api_create_contact(request: Request, body: ContactCreate) -> dict[str, Any]:
    """Add a contact. A value the domain refuses (an email that is none) answers 400."""
    contact = Contact(**body.model_dump())
    with unit(request) as uow:
        saved = service.create_contact(uow=uow, contact=contact, today=today(request))
    return contact_to_dict(saved)


@router.post("/contacts/tiers", response_model=BulkTierChanged)
def api_set_tiers(request: Request, body: BulkTierChange) -> dict[str, Any]:
    """Place several contacts in one tier at once, all or none (404 names an unknown id)."""
    with unit(request) as uow:
        changed = service.set_tiers(
            uow=uow, contact_ids=[ContactId(i) for i in body.contact_ids], tier=body.tier
        )
    return {"changed": changed, "tier": body.tier}


@router.get("/contacts/{contact_id}", response_model=ContactDetailRead)
def api_contact(request: Request, contact_id: int) -> dict[str, Any]:
    """One contact with its cadence, next due date, newest 20 interactions and sources."""
    with unit(request) as uow:
        detail = service.get_contact(uow=uow, ref=_ref(contact_id), today=today(request))
    return {
        **contact_to_dict(detail.contact),
        "cadence_days": detail.cadence_days,
        "next_due_on": detail.next_due_on,
        "status": detail.status.value,
        "interactions": [interaction_to_dict(i) for i in detail.interactions],
        "sources": [source_to_dict(s) for s in detail.sources],
    }


@router.patch("/contacts/{contact_id}/tier", response_model=TierChanged)
def api_set_tier(request: Request, contact_id: int, body: TierChange) -> dict[str, Any]:
    """Place a contact in a tier by hand (suggestions never move it back silently)."""
    with unit(request) as uow:
        saved, previous = service.set_tier(uow=uow, ref=_ref(contact_id), tier=body.tier)
    return {"contact": contact_to_dict(saved), "previous_tier": previous}


@router.delete("/contacts/{contact_id}", response_model=Erasure)
def api_erase_contact(request: Request, contact_id: int) -> dict[str, Any]:
    """DSGVO erasure: the person, every detail, their ties and the interactions only they
    took part in. Cannot be undone."""
    with unit(request) as uow:
        report = service.erase_contact(uow=uow, ref=_ref(contact_id))
    return {
        "erased": report.contact_id,
        "display_name": report.display_name,
        "interactions_removed": report.interactions_removed,
    }


@router.get("/contacts/{contact_id}/export")
def api_export_contact(request: Request, contact_id: int) -> dict[str, Any]:
    """Everything einhorn holds about the person (DSGVO right of access): the contact,
    interactions, ties, groups, events, lunch plan, import sources and history."""
    with unit(request) as uow:
        return service.export_person(uow=uow, ref=_ref(contact_id), now=web_of(request).now())


@router.post(
    "/contacts/{contact_id}/interactions", response_model=InteractionLogged, status_code=201
)
def api_log(request: Request, contact_id: int, body: InteractionCreate) -> dict[str, Any]:
    """Record an interaction with the contact; its due clock restarts from the date."""
    with unit(request) as uow:
        logged = _log(uow, today(request), contact_id, body)
    return {**interaction_to_dict(logged.interaction), "names": logged.names}


def _log(
    uow: UnitOfWork, day: dt.date, contact_id: int, body: InteractionCreate
) -> LoggedInteraction:
    """The one line, or the fields, as the CLI's ``einhorn log`` takes them."""
    if body.line is not None:
        return log_line(uow=uow, ref=_ref(contact_id), line=body.line, today=day)
    assert body.kind is not None  # the model's validator saw to it
    return log_interaction(
        uow=uow,
        kind=body.kind,
        refs=[_ref(contact_id)],
        occurred_on=body.date or day,
        today=day,
        note=body.note,
        city=body.city,
        place=body.place,
        follow_up_on=body.follow_up_on,
    )


@router.delete("/interactions/{interaction_id}", response_model=InteractionRead)
def api_unlog(request: Request, interaction_id: int) -> dict[str, Any]:
    """Take back an interaction; its contacts' due dates fall back to the one before."""
    if not 1 <= interaction_id <= service.MAX_ID:  # beyond any stored id
        raise NotFound(N_("interaction"), interaction_id)
    with unit(request) as uow:
        removed = delete_interaction(uow=uow, interaction_id=InteractionId(interaction_id))
    return interaction_to_dict(removed)


@router.get("/due", tags=["due"])
def api_due(request: Request) -> dict[str, Any]:
    """Who is due now and in the coming days, most urgent first."""
    with unit(request) as uow:
        board = get_dashboard(uow=uow, today=today(request), due_limit=100)
    return {
        "today": today(request).isoformat(),
        "due": [due_entry_to_dict(e) for e in board.due],
    }
