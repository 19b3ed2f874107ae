"""The overview: the goal, the week's budget, who is due, this week's lunches, follow-ups
after events and when the next review is due."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from einhorn.i18n import SUPPORTED_LANGUAGES, ngettext
from einhorn.i18n import gettext as _
from einhorn.services.dashboard import get_dashboard
from einhorn.web.kit import LANGUAGE_COOKIE, ONE_YEAR, render, signed_in, today, unit

router = APIRouter()


@router.get("/", response_class=HTMLResponse, dependencies=[Depends(signed_in)])
def overview(request: Request) -> HTMLResponse:
    with unit(request) as uow:
        board = get_dashboard(uow=uow, today=today(request), full=True)
    count = ngettext("{n} contact", "{n} contacts", board.contacts).format(n=board.contacts)
    return render(request, "dashboard.html", words=words(), board=board, contact_count=count)


def words() -> dict[str, str]:
    return {
        "network_size": _("Your network"),
        "budget": _("This week's time budget"),
        "budget_figures": _("{load} of {budget} meetings a week"),
        "over_budget": _("Your cadences need more time than your budget: see Strategy."),
        "within_budget": _("Your cadences fit your budget."),
        "follow_ups": _("Follow-ups"),
        "no_follow_ups": _("No follow-ups open."),
        "follow_up_with": _("{day}: {names} — {about}"),
        "follow_up_plain": _("{day}: {names}"),
        "no_lunches": _("No lunches planned this week."),
        "review_due": _("Next review"),
        "review_due_now": _("Your strategy review is due: see Review."),
        "review_on": _("due on {day}"),
        "set_goal": _("Set a goal"),
        "all_due": _("All who are due"),
        "plan_lunches": _("Plan lunches"),
        "overdue_by": _("{days} days overdue"),
    }


@router.get("/lang/{code}")
def switch_language(code: str, request: Request) -> RedirectResponse:
    """Remember the chosen language in a cookie and go back to the page the visitor was on."""
    back = request.headers.get("referer") or "/"
    response = RedirectResponse(back if back.startswith(str(request.base_url)) else "/", 303)
    if code in SUPPORTED_LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=ONE_YEAR, httponly=True, samesite="lax")
    return response
