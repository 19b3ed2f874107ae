"""Editing a contact: the form shows every field; saving sends a patch of what changed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from einhorn.domain.contacts import (
    Contact,
    normalise_network,
    parse_form_of_address,
    parse_sphere,
)
from einhorn.domain.dates import parse_date
from einhorn.domain.patches import SCALARS, ContactPatch
from einhorn.domain.tiers import describe_cadence, parse_own_cadence
from einhorn.errors import InvalidInput
from einhorn.i18n import N_
from einhorn.i18n import gettext as _
from einhorn.services import contacts as service
from einhorn.web.kit import render, today, unit
from einhorn.web.pages.contacts_kit import current, redirect, spheres, words

# Included by ``contacts.router``, which carries the signed-in dependency.
router = APIRouter(include_in_schema=False)

FIELD = 2000  # a field's longest value; the domain's own limits are stricter
NOTES = 20_000
SHOWN_VALUE = 40  # characters of a wrong value repeated in the message (as check_length)


@router.get("/contacts/{contact_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, contact_id: int) -> HTMLResponse:
    found = current(request, contact_id)
    return _edit_page(request, found, _form_of(found))


class EditForm(BaseModel):
    """The edit form's fields; the ``*_before`` ones hold the lists as the form showed them."""

    display_name: str = Field("", max_length=FIELD)
    given_name: str = Field("", max_length=FIELD)
    family_name: str = Field("", max_length=FIELD)
    title: str = Field("", max_length=FIELD)
    company: str = Field("", max_length=FIELD)
    position: str = Field("", max_length=FIELD)
    department: str = Field("", max_length=FIELD)
    sector: str = Field("", max_length=FIELD)
    city: str = Field("", max_length=FIELD)
    country: str = Field("", max_length=FIELD)
    how_met: str = Field("", max_length=FIELD)
    notes: str = Field("", max_length=NOTES)
    sphere: str = Field("professional", max_length=20)
    address: str = Field("", max_length=20)
    birthday: str = Field("", max_length=20)
    wish_list: str = Field("", max_length=5)
    cadence: str = Field("", max_length=20)
    emails: str = Field("", max_length=FIELD)
    phones: str = Field("", max_length=FIELD)
    tags: str = Field("", max_length=FIELD)
    profiles: str = Field("", max_length=FIELD * 5)
    emails_before: str = Field("", max_length=FIELD)
    phones_before: str = Field("", max_length=FIELD)
    tags_before: str = Field("", max_length=FIELD)
    profiles_before: str = Field("", max_length=FIELD * 5)


@router.post("/contacts/{contact_id}/edit", response_class=HTMLResponse)
def edit(request: Request, contact_id: int, form: Annotated[EditForm, Form()]) -> Response:
    """Save the form; lists (emails, phones, tags, profiles) change by what was added and
    removed against the values the form showed, so a change made meanwhile elsewhere stays."""
    try:
        patch = _patch_of(form, today(request))
        with unit(request) as uow:
            saved = service.update_contact(uow=uow, ref=f"#{contact_id}", patch=patch)
    except InvalidInput as exc:
        return _edit_page(request, current(request, contact_id), form, str(exc))
    notice = _("Updated #{id} {name}.").format(id=saved.id, name=saved.display_name)
    return redirect(request, f"/contacts/{contact_id}", notice)


def _edit_page(request: Request, found: Contact, form: EditForm, error: str = "") -> HTMLResponse:
    return render(
        request,
        "contact_edit.html",
        words=words(),
        c=found,
        form=form,
        error=error,
        spheres=spheres(),
        status_code=422 if error else 200,
    )


def _form_of(found: Contact) -> EditForm:
    """The edit form's fields as the contact holds them."""
    lists = {
        "emails": "\n".join(found.emails),
        "phones": "\n".join(found.phones),
        "tags": ", ".join(found.tags),
        "profiles": "\n".join(f"{k}={v}" for k, v in found.profiles.items()),
    }
    return EditForm(
        **{name: getattr(found, name) for name in SCALARS},
        **lists,
        **{f"{key}_before": value for key, value in lists.items()},
        sphere=found.sphere.value,
        address=found.form_of_address.value if found.form_of_address else "",
        birthday=found.birthday.isoformat() if found.birthday else "",
        wish_list="on" if found.wish_list else "",
        cadence=describe_cadence(found.cadence_days) if found.cadence_days is not None else "",
    )


def _patch_of(form: EditForm, day: dt.date) -> ContactPatch:
    """The edit form as a patch: every text field as given, the lists by difference."""
    emails = _difference(_lines(form.emails_before), _lines(form.emails))
    phones = _difference(_lines(form.phones_before), _lines(form.phones))
    tags = _difference(_tags(form.tags_before), _tags(form.tags))
    before, after = _profiles(form.profiles_before), _profiles(form.profiles)
    birthday, cadence = form.birthday.strip(), form.cadence.strip()
    own_cadence = parse_own_cadence(cadence) if cadence else None
    address = parse_form_of_address(form.address)
    return ContactPatch(
        **{name: getattr(form, name) for name in SCALARS},
        form_of_address=address,
        clear_form_of_address=address is None,
        sphere=parse_sphere(form.sphere),
        birthday=parse_date(birthday, N_("birthday"), today=day) if birthday else None,
        clear_birthday=not birthday,
        wish_list=form.wish_list == "on",
        cadence_days=own_cadence,
        reset_cadence=own_cadence is None,
        add_emails=emails[0],
        remove_emails=emails[1],
        add_phones=phones[0],
        remove_phones=phones[1],
        add_tags=tags[0],
        remove_tags=tags[1],
        set_profiles={k: v for k, v in after.items() if before.get(k) != v},
        remove_profiles=[k for k in before if k not in after],
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _tags(text: str) -> list[str]:
    return [tag.strip() for line in text.splitlines() for tag in line.split(",") if tag.strip()]


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def _difference(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """(added, removed), comparing values folded as the contact stores them."""
    had = {_fold(v) for v in before}
    has = {_fold(v) for v in after}
    return [v for v in after if _fold(v) not in had], [v for v in before if _fold(v) not in has]


def _profiles(text: str) -> dict[str, str]:
    profiles = {}
    for line in _lines(text):
        network, sep, url = line.partition("=")
        if not sep or not url.strip():
            shown = line if len(line) <= SHOWN_VALUE else line[:SHOWN_VALUE] + "…"
            raise InvalidInput("profile", shown, N_("write NETWORK=URL, e.g. linkedin=https://…"))
        profiles[normalise_network(network)] = url.strip()
    return profiles
