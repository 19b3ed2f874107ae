"""One contact's page: details, the timeline, a lunch logged in one line, ties, who can
introduce you, export (vCard, and everything as JSON) and erasure."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from einhorn.domain.ids import InteractionId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.tiers import Tier, describe_cadence
from einhorn.domain.ties import TieKind
from einhorn.errors import InvalidInput, NotFound
from einhorn.i18n import N_, format_date
from einhorn.i18n import gettext as _
from einhorn.interchange.vcard_export import vcard_text
from einhorn.services import contacts as service
from einhorn.services.export import vcard_file_name
from einhorn.services.interactions import delete_interaction, log_line
from einhorn.services.intro import TargetKind, introductions
from einhorn.services.network import list_ties
from einhorn.web.kit import is_htmx, render, today, unit, web_of
from einhorn.web.pages.contacts_kit import (
    current,
    forget_notice,
    redirect,
    take_notice,
    words,
)

# Included by ``contacts.router``, which carries the signed-in dependency.
router = APIRouter(include_in_schema=False)

HISTORY = 20  # interactions on the contact's page until "show all"
TIES = 50
LINE = 2000  # the one-line entry's longest text


@router.get("/contacts/{contact_id}", response_class=HTMLResponse)
def contact(
    request: Request,
    contact_id: int,
    history: Annotated[Literal["", "all"], Query()] = "",
) -> Response:
    """The contact's details and timeline; ties and introductions load after (htmx)."""
    response = _contact_page(request, contact_id, history=history)
    forget_notice(request, response)
    return response


def _contact_page(
    request: Request,
    contact_id: int,
    *,
    history: str = "",
    line: str = "",
    error: str = "",
) -> HTMLResponse:
    with unit(request) as uow:
        detail = service.get_contact(
            uow=uow,
            ref=f"#{contact_id}",
            today=today(request),
            history=None if history == "all" else HISTORY,
        )
    return render(
        request,
        "contact.html",
        words=words(),
        d=detail,
        c=detail.contact,
        facts=_facts(detail),
        tiers=list(Tier),
        kinds={k: _(k.label) for k in InteractionKind},
        more_history=history != "all" and len(detail.interactions) >= HISTORY,
        line=line,
        error=error,
        notice=None if error else take_notice(request),
        status_code=422 if error else 200,
    )


def _facts(detail: service.ContactDetail) -> list[tuple[str, str]]:
    """The contact's details as (label, value) lines, the empty ones left out."""
    c = detail.contact
    due = detail.next_due_on
    facts = [
        (_("Position"), " · ".join(p for p in (c.position, c.department) if p)),
        (_("Company"), c.company),
        (_("Sector"), c.sector),
        (_("City"), ", ".join(p for p in (c.city, c.country) if p)),
        (_("Languages"), ", ".join(c.languages)),
        (_("Form of address"), c.form_of_address.value.capitalize() if c.form_of_address else ""),
        (_("Birthday"), format_date(c.birthday) if c.birthday else ""),
        (_("Sphere"), _(c.sphere.label)),
        (_("How we met"), c.how_met),
        (_("Cadence"), describe_cadence(detail.cadence_days)),
        (_("Last contact"), format_date(c.last_interaction_on) if c.last_interaction_on else ""),
        (_("Next due"), f"{format_date(due)} ({_(detail.status.label)})" if due else ""),
    ]
    return [(label, value) for label, value in facts if value]


@router.post("/contacts/{contact_id}/interactions", response_class=HTMLResponse)
def log(
    request: Request,
    contact_id: int,
    line: Annotated[str, Form(max_length=LINE)] = "",
) -> Response:
    """One line such as "lunch yesterday talked about the fair" (see ``log_line``); bad
    input shows the page again with what is wrong."""
    try:
        with unit(request) as uow:
            logged = log_line(uow=uow, ref=f"#{contact_id}", line=line, today=today(request))
    except InvalidInput as exc:
        return _contact_page(request, contact_id, line=line, error=str(exc))
    interaction = logged.interaction
    notice = _("Logged {kind} with {names} on {date} (#{id}).").format(
        kind=_(interaction.kind.label),
        names=", ".join(logged.names),
        date=format_date(interaction.occurred_on),
        id=interaction.id,
    )
    return redirect(request, f"/contacts/{contact_id}#timeline", notice)


@router.post("/contacts/{contact_id}/interactions/{interaction_id}/delete")
def unlog(request: Request, contact_id: int, interaction_id: int) -> Response:
    """Take back an interaction; the participants' due dates fall back."""
    if not 1 <= interaction_id <= service.MAX_ID:  # beyond any stored id
        raise NotFound(N_("interaction"), interaction_id)
    with unit(request) as uow:
        removed = delete_interaction(uow=uow, interaction_id=InteractionId(interaction_id))
    notice = _("Removed {kind} of {date} (#{id}).").format(
        kind=_(removed.kind.label), date=format_date(removed.occurred_on), id=removed.id
    )
    return redirect(request, f"/contacts/{contact_id}#timeline", notice)


@router.get("/contacts/{contact_id}/ties", response_class=HTMLResponse)
def ties(request: Request, contact_id: int) -> HTMLResponse:
    """The people this contact knows, recorded and inferred (loaded after the page)."""
    with unit(request) as uow:
        found, total = list_ties(uow=uow, ref=f"#{contact_id}", limit=TIES)
    return _part(
        request,
        "contact_ties.html",
        contact_id,
        heading=_("Ties"),
        ties=found,
        total=total,
        me=contact_id,
        tie_kinds={kind: _(kind.label) for kind in TieKind},
    )


@router.get("/contacts/{contact_id}/introductions", response_class=HTMLResponse)
def intros(request: Request, contact_id: int) -> HTMLResponse:
    """Who among the contacts can introduce the user to this person, best chance first."""
    with unit(request) as uow:
        name = service.get_contact(
            uow=uow, ref=f"#{contact_id}", today=today(request), history=0
        ).contact.display_name
        report = introductions(uow=uow, target=name, today=today(request), kind=TargetKind.PERSON)
    paths = [p for p in report.paths if p.steps[0].contact_id != contact_id]
    return _part(
        request, "contact_intros.html", contact_id, heading=_("Who can introduce you"), paths=paths
    )


def _part(request: Request, name: str, contact_id: int, **context: Any) -> HTMLResponse:
    """A section of the contact's page: for htmx alone, else inside a page of its own."""
    return render(
        request,
        name if is_htmx(request) else "contact_part.html",
        words=words(),
        part=name,
        contact_id=contact_id,
        **context,
    )


# -- export and erasure ----------------------------------------------------------------------


@router.get("/contacts/{contact_id}/export.vcf")
def export_vcard(request: Request, contact_id: int) -> Response:
    """The contact as a vCard 3.0 file for phones and address books."""
    found = current(request, contact_id)
    return _download(
        vcard_text(found), vcard_file_name(found.key, found.display_name), "text/vcard"
    )


@router.get("/contacts/{contact_id}/export.json")
def export_json(request: Request, contact_id: int) -> Response:
    """Everything einhorn holds about the person (the DSGVO right of access)."""
    with unit(request) as uow:
        document = service.export_person(uow=uow, ref=f"#{contact_id}", now=web_of(request).now())
    name = vcard_file_name(contact_id, document["contact"]["display_name"])
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return _download(text, name.removesuffix(".vcf") + ".json", "application/json")


def _download(text: str, file_name: str, media_type: str) -> Response:
    return Response(
        text.encode("utf-8"),
        media_type=f"{media_type}; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{file_name}"',
            "Cache-Control": "no-store",  # personal data: not kept in caches
        },
    )


@router.get("/contacts/{contact_id}/erase", response_class=HTMLResponse)
def erase_form(request: Request, contact_id: int) -> HTMLResponse:
    """The confirmation step: what will go, and a last chance to export."""
    found = current(request, contact_id)
    return render(request, "contact_erase.html", words=words(), c=found)


@router.post("/contacts/{contact_id}/erase")
def erase(request: Request, contact_id: int) -> Response:
    """DSGVO erasure of the person and everything about them; then the list says what went."""
    with unit(request) as uow:
        report = service.erase_contact(uow=uow, ref=f"#{contact_id}")
    notice = _(
        "Erased {name}: the contact, its details and {count} interactions only they took part in."
    ).format(name=report.display_name, count=report.interactions_removed)
    return redirect(request, "/contacts", notice)
