"""JSON endpoints: contacts and who is due."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from einhorn.interchange.json_export import contact_to_dict, due_entry_to_dict
from einhorn.services.contacts import list_contacts
from einhorn.services.dashboard import get_dashboard
from einhorn.services.ports import ContactQuery
from einhorn.web.kit import signed_in, today, unit

router = APIRouter(prefix="/api", dependencies=[Depends(signed_in)])
PAGE = 50


@router.get("/contacts")
def api_contacts(request: Request, q: str = Query("", max_length=200)) -> dict[str, Any]:
    with unit(request) as uow:
        found, total = list_contacts(
            uow=uow, query=ContactQuery(text=q.strip() or None, limit=PAGE)
        )
    return {"total": total, "contacts": [contact_to_dict(c) for c in found]}


@router.get("/due")
def api_due(request: Request) -> dict[str, Any]:
    with unit(request) as uow:
        board = get_dashboard(uow=uow, today=today(request), due_limit=100)
    return {
        "today": today(request).isoformat(),
        "due": [due_entry_to_dict(e) for e in board.due],
    }
