"""What the contact pages share: their words, the notice a form leaves for the next page,
and where a form without htmx returns to."""

from __future__ import annotations

import base64

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from einhorn.domain.contacts import Contact, Sphere
from einhorn.i18n import gettext as _
from einhorn.services import contacts as service
from einhorn.web.kit import cookie_is_secure, today, unit

NOTICE_COOKIE = "einhorn_notice"


def words() -> dict[str, str]:
    """Every word the contact pages show, in the current language."""
    return {
        # the list
        "add_contact": _("Add a contact"),
        "filters": _("Filters"),
        "any_tier": _("any tier"),
        "any": _("any"),
        "tag": _("Tag"),
        "sphere": _("Sphere"),
        "wish_list": _("Wish list"),
        "wish_yes": _("only the wish list"),
        "wish_no": _("without the wish list"),
        "sector": _("Sector"),
        "apply": _("Apply filters"),
        "reset": _("Reset filters"),
        "select": _("Select {name}"),
        "select_page": _("Select every contact on this page"),
        "bulk_tier": _("Move the selected contacts to"),
        "bulk_move": _("Move"),
        "make_tier": _("Make {name} a {tier}"),
        "tier_of": _("Tier of {name}"),
        "pages": _("Pages"),
        "previous": _("Previous page"),
        "next": _("Next page"),
        "page_of": _("Page {page} of {pages}"),
        "filter_city": _("Show the contacts in {city}"),
        "wish_mark": _("on the wish list"),
        # adding and editing
        "new_title": _("Add a contact"),
        "create": _("Add"),
        "position": _("Position"),
        "email": _("Email"),
        "phone": _("Phone"),
        "department": _("Department"),
        "country": _("Country"),
        "given_name": _("Given name"),
        "family_name": _("Family name"),
        "academic_title": _("Academic title"),
        "form_of_address": _("Form of address"),
        "no_address": _("not set"),
        "birthday": _("Birthday"),
        "how_met": _("How we met"),
        "notes": _("Notes"),
        "emails_hint": _("Emails, one a line"),
        "phones_hint": _("Phones, one a line"),
        "tags_hint": _("Tags, separated by commas"),
        "profiles_hint": _("Profiles, one a line: linkedin=https://…"),
        "on_wish_list": _("On the wish list: someone to get to know, not yet met"),
        "own_cadence": _("Own cadence (4w, 30d, 3m or none; empty: the tier's)"),
        "edit_title": _("Edit {name}"),
        # one contact
        "to_contacts": _("All contacts"),
        "back_to_contact": _("Back to the contact"),
        "details": _("Details"),
        "tags": _("Tags"),
        "profiles": _("Profiles"),
        "sources": _("Sources"),
        "source_line": _("{file}, line {line} ({format}, import {batch})"),
        "source_file": _("{file} ({format}, import {batch})"),
        "edit": _("Edit"),
        "export_vcard": _("Export as vCard"),
        "export_json": _("Export everything as JSON"),
        "erase": _("Erase"),
        "log_title": _("Log an encounter"),
        "log_label": _("What happened, in one line"),
        "log_hint": _("e.g. lunch yesterday talked about the trade fair"),
        "log_button": _("Log"),
        "timeline": _("Timeline"),
        "no_history": _("Nothing logged yet."),
        "show_all": _("Show the whole timeline"),
        "with_": _("with"),
        "follow_up": _("follow up on {date}"),
        "delete": _("Delete"),
        "delete_item": _("Delete the {kind} of {date}"),
        "ties": _("Ties"),
        "no_ties": _("No ties known yet."),
        "inferred": _("inferred"),
        "strength": _("strength {n} of 3"),
        "more_ties": _("{shown} of {total} ties shown."),
        "intros": _("Who can introduce you"),
        "no_intros": _("Nobody among your contacts can introduce you yet."),
        "chance": _("chance {percent}"),
        "show": _("Show"),
        # erasure
        "erase_title": _("Erase {name}"),
        "erase_question": _("Erase {name} and all their data for good?"),
        "erase_warning": _(
            "This erases the contact, every detail, the ties and every interaction only they "
            "took part in. It cannot be undone."
        ),
        "erase_export_first": _("You can export everything about them first."),
        "erase_confirm": _("Yes, erase for good"),
        "erase_keep": _("No, keep them"),
    }


def spheres() -> list[tuple[str, str]]:
    return [(s.value, _(s.label)) for s in Sphere]


def back_to(url: str, default: str) -> str:
    """Where a form without htmx returns to: only a page of the contacts, never elsewhere."""
    return url if url.startswith(("/contacts?", "/contacts/")) or url == "/contacts" else default


def redirect(request: Request, url: str, notice: str = "") -> RedirectResponse:
    """303 to ``url``; ``notice`` rides along in a short-lived cookie, not in the URL (it may
    name a person, and URLs end up in histories and logs)."""
    response = RedirectResponse(url, status_code=303)
    if notice:
        encoded = base64.urlsafe_b64encode(notice.encode("utf-8")).decode("ascii")
        response.set_cookie(
            NOTICE_COOKIE,
            encoded,
            max_age=60,
            httponly=True,
            samesite="strict",
            secure=cookie_is_secure(request),
            path="/",
        )
    return response


def take_notice(request: Request) -> str | None:
    """The notice the last form left (see ``redirect``), if any."""
    encoded = request.cookies.get(NOTICE_COOKIE)
    if not encoded:
        return None
    try:
        return base64.urlsafe_b64decode(encoded.encode("ascii")).decode("utf-8")[:500]
    except (ValueError, UnicodeError):
        return None


def current(request: Request, contact_id: int) -> Contact:
    """The contact ``contact_id`` of the request's account, or NotFound (a 404 page)."""
    with unit(request) as uow:
        return service.get_contact(
            uow=uow, ref=f"#{contact_id}", today=today(request), history=0
        ).contact


def forget_notice(request: Request, response: Response) -> None:
    """Once shown, the notice goes."""
    if NOTICE_COOKIE in request.cookies:
        response.delete_cookie(NOTICE_COOKIE, path="/")
