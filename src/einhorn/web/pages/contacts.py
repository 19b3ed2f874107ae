"""Contacts: the list with search as you type, and one contact's page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from einhorn.services.contacts import list_contacts
from einhorn.services.ports import ContactQuery
from einhorn.web.kit import is_htmx, render, signed_in, unit

router = APIRouter(dependencies=[Depends(signed_in)])
PAGE = 50


@router.get("/contacts", response_class=HTMLResponse)
def contacts(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
    with unit(request) as uow:
        found, total = list_contacts(
            uow=uow, query=ContactQuery(text=q.strip() or None, limit=PAGE)
        )
    template = "contact_rows.html" if is_htmx(request) else "contacts.html"
    return render(request, template, contacts=found, total=total, q=q)
