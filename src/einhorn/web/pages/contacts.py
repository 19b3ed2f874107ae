"""Contacts: the list with search as you type, filters (bookmarkable), paging, a tier in
one click and in bulk, and adding a contact.

Forms work without JavaScript (post, then back to the list with a notice); with htmx the
rows and a row's tier are swapped in place. One contact's page is ``contact.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field

from einhorn.domain.contacts import Contact, parse_sphere
from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier, parse_tier
from einhorn.errors import EinhornError
from einhorn.i18n import gettext as _
from einhorn.i18n import ngettext
from einhorn.services import contacts as service
from einhorn.services.ports import ContactQuery
from einhorn.web.kit import is_htmx, render, signed_in, today, unit
from einhorn.web.pages import contact, contact_edit
from einhorn.web.pages.contacts_kit import (
    back_to,
    forget_notice,
    redirect,
    spheres,
    take_notice,
    words,
)

router = APIRouter(dependencies=[Depends(signed_in)], include_in_schema=False)

# An id beyond any stored one is refused before it reaches the database (which cannot hold it).
ContactNumber = Annotated[int, Field(ge=1, le=service.MAX_ID)]
PAGE = 50
TEXT = 200  # a filter's longest value
FIELD = 2000  # a form field's longest value; the domain's own limits are stricter


@dataclass(frozen=True, slots=True)
class ContactFilters:
    """The list's filters as the URL carries them (a filtered list can be bookmarked)."""

    q: str = ""
    tier: str = ""
    tag: str = ""
    sphere: str = ""
    wish: str = ""
    city: str = ""
    sector: str = ""

    def query(self, *, limit: int, offset: int) -> ContactQuery:
        """The store's query; a tier or sphere in English or German, any case."""
        return ContactQuery(
            text=self.q.strip() or None,
            tier=parse_tier(self.tier) if self.tier.strip() else None,
            tag=self.tag.strip() or None,
            sphere=parse_sphere(self.sphere) if self.sphere.strip() else None,
            wish_list={"yes": True, "no": False}.get(self.wish),
            city=self.city.strip() or None,
            sector=self.sector.strip() or None,
            limit=limit,
            offset=offset,
        )

    def url(self, page: int = 1, **changed: str) -> str:
        """``/contacts`` with these filters (the empty ones left out) on ``page``."""
        values = {
            key: value
            for key, value in {
                "q": self.q,
                "tier": self.tier,
                "tag": self.tag,
                "sphere": self.sphere,
                "wish": self.wish,
                "city": self.city,
                "sector": self.sector,
                **changed,
            }.items()
            if value
        }
        if page > 1:
            values["page"] = str(page)
        return "/contacts" + (f"?{urlencode(values)}" if values else "")


def contact_filters(
    q: Annotated[str, Query(max_length=TEXT, description="Words of the name, company, …")] = "",
    tier: Annotated[str, Query(max_length=20, description="unicorn, flamingo or penguin")] = "",
    tag: Annotated[str, Query(max_length=TEXT)] = "",
    sphere: Annotated[str, Query(max_length=20, description="private, professional, both")] = "",
    wish: Annotated[
        Literal["", "yes", "no"], Query(description="yes: only the wish list; no: without it")
    ] = "",
    city: Annotated[str, Query(max_length=TEXT, description="The city as stored")] = "",
    sector: Annotated[str, Query(max_length=TEXT, description="The sector as stored")] = "",
) -> ContactFilters:
    """The filters of ``GET /contacts`` and ``GET /api/contacts``."""
    return ContactFilters(q, tier, tag, sphere, wish, city, sector)


Filters = Annotated[ContactFilters, Depends(contact_filters)]


@router.get("/contacts", response_class=HTMLResponse)
def contacts(
    request: Request,
    filters: Filters,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """The list; to htmx (search as you type, filters, paging) only its rows."""
    with unit(request) as uow:
        found, total = service.list_contacts(
            uow=uow, query=filters.query(limit=PAGE, offset=(page - 1) * PAGE)
        )
    fragment = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    pages = max(1, -(-total // PAGE))
    response = render(
        request,
        "contact_rows.html" if fragment else "contacts.html",
        words=words(),
        contacts=found,
        total=total,
        f=filters,
        page=page,
        pages=pages,
        here=filters.url(page),
        previous_url=filters.url(page - 1) if page > 1 else "",
        next_url=filters.url(page + 1) if page < pages else "",
        tiers=list(Tier),
        spheres=spheres(),
        notice=None if fragment else take_notice(request),
    )
    response.headers["Vary"] = "HX-Request"  # the same URL answers with a page or its rows
    if not fragment:
        forget_notice(request, response)
    return response


@router.post("/contacts/{contact_id}/tier", response_class=HTMLResponse)
def change_tier(
    request: Request,
    contact_id: int,
    tier: Annotated[str, Form(max_length=20)],
    back: Annotated[str, Form(max_length=FIELD)] = "",
) -> Response:
    """One click: the row comes back with the new tier (htmx), else back to the list."""
    with unit(request) as uow:
        saved, _previous = service.set_tier(uow=uow, ref=f"#{contact_id}", tier=parse_tier(tier))
    if is_htmx(request):
        return render(request, "contact_row.html", words=words(), c=saved, tiers=list(Tier))
    return redirect(request, back_to(back, f"/contacts/{contact_id}"))


@router.post("/contacts/tiers")
def change_tiers(
    request: Request,
    tier: Annotated[str, Form(max_length=20)],
    ids: Annotated[list[ContactNumber] | None, Form()] = None,
    back: Annotated[str, Form(max_length=FIELD)] = "",
) -> Response:
    """The bulk change: every selected contact into one tier, in one transaction."""
    chosen = parse_tier(tier)
    with unit(request) as uow:
        moved = service.set_tiers(
            uow=uow, contact_ids=[ContactId(i) for i in ids or []], tier=chosen
        )
    notice = ngettext(
        "Moved {count} contact to {tier}.", "Moved {count} contacts to {tier}.", moved
    ).format(count=moved, tier=_(chosen.label))
    return redirect(request, back_to(back, "/contacts"), notice)


# -- adding a contact ------------------------------------------------------------------------


@router.get("/contacts/new", response_class=HTMLResponse)
def new_contact(request: Request) -> HTMLResponse:
    return _new_form(request, {})


@router.post("/contacts", response_class=HTMLResponse)
def create(
    request: Request,
    name: Annotated[str, Form(max_length=FIELD)] = "",
    company: Annotated[str, Form(max_length=FIELD)] = "",
    position: Annotated[str, Form(max_length=FIELD)] = "",
    email: Annotated[str, Form(max_length=FIELD)] = "",
    phone: Annotated[str, Form(max_length=FIELD)] = "",
    city: Annotated[str, Form(max_length=FIELD)] = "",
    tier: Annotated[str, Form(max_length=20)] = "penguin",
) -> Response:
    """Add a contact; bad input shows the form again with what is wrong, and adds nothing."""
    entered = {
        "name": name,
        "company": company,
        "position": position,
        "email": email,
        "phone": phone,
        "city": city,
        "tier": tier,
    }
    try:
        new = Contact(
            display_name=name,
            company=company,
            position=position,
            emails=[email] if email.strip() else [],
            phones=[phone] if phone.strip() else [],
            city=city,
            tier=parse_tier(tier),
        )
        with unit(request) as uow:
            saved = service.create_contact(uow=uow, contact=new, today=today(request))
    except EinhornError as exc:
        return _new_form(request, entered, str(exc))
    notice = _("Added #{id} {name}.").format(id=saved.id, name=saved.display_name)
    return redirect(request, f"/contacts/{saved.id}", notice)


def _new_form(request: Request, entered: dict[str, str], error: str = "") -> HTMLResponse:
    return render(
        request,
        "contact_new.html",
        words=words(),
        entered=entered,
        error=error,
        tiers=list(Tier),
        status_code=422 if error else 200,
    )


# After /contacts/new and /contacts/tiers, which /contacts/{contact_id} would shadow.
router.include_router(contact.router)
router.include_router(contact_edit.router)
