"""The review page: the review as it stands today, the bubble figures, and the kept history.

``einhorn review`` makes a review and keeps it in one go. A GET must change nothing, so the
page shows what the review would say now (``preview_review``) and keeps it only when the
user presses "Save this review" (a POST running the CLI's ``make_review``).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from einhorn.domain.groups import Engagement
from einhorn.domain.tiers import Tier
from einhorn.errors import Conflict
from einhorn.i18n import gettext as _
from einhorn.interchange.review_report import ATTRIBUTES
from einhorn.services.strategy import (
    bubble,
    make_review,
    preview_review,
    review_due_on,
    review_history,
)
from einhorn.web.kit import render, signed_in, today, unit, web_of

router = APIRouter(dependencies=[Depends(signed_in)])
HISTORY = 50  # reviews shown in the history; one a quarter is twelve years


def words() -> dict[str, str]:
    """The review page's words in the current language."""
    return {
        "review_title": _("Review {since} – {until}"),
        "todays_review": _("Today's review"),
        "due_on": _("The next review is due on {date}."),
        "due_now": _("A review is due: the last one was on {date} or earlier."),
        "to_strategy": _("Set a goal on the strategy page"),
        "preview": _(
            "This is the review as it stands today. Save it to keep its figures: the next "
            "review then shows what changed since (the same as einhorn review)."
        ),
        "save_review": _("Save this review"),
        "saved_review": _("The review is saved: the next one compares with it."),
        "meetings": _("Meetings"),
        "meetings_held": _("{held} meetings in person against a budget of {budget}"),
        "tiers": _("Tiers"),
        "now": _("now"),
        "before": _("at the last review"),
        "change": _("change"),
        "moves": _("Tier moves since the last review"),
        "contact": _("Contact"),
        "from": _("from"),
        "to": _("to"),
        "neglected": _("Unicorns not seen within their cadence"),
        "new_contacts": _("New contacts"),
        "blau": _("Filter bubble (Blau index)"),
        "attribute": _("Attribute"),
        "blau_index": _("Blau index"),
        "channels": _("Channels"),
        "present": _("present"),
        "absent": _("not present"),
        "groups": _("Groups"),
        "structure": _("Structure of your network"),
        "no_contacts": _("no contacts yet"),
        "clusters_among": _("{clusters} clusters among {contacts} contacts"),
        "effective_size": _("Effective size"),
        "efficiency": _("Efficiency"),
        "constraint": _("Constraint"),
        "weak_ties": _("Weak ties outside your clusters: {count}"),
        "ei_index": _("E-I index of the ties among your contacts, by sector: {value}"),
        "ei_random": _("(random ties would give {expected})"),
        "brokers": _("Brokers between your clusters: {names}"),
        "suggestions": _("Suggestions"),
        "none": _("none"),
        "none_recorded": _("none recorded"),
        "bubble_title": _("Your filter bubble"),
        "all_contacts": _("All contacts"),
        "new_last_year": _("New in the last 12 months ({count})"),
        "known": _("Known"),
        "classes": _("Classes"),
        "entropy": _("Entropy"),
        "largest": _("Largest"),
        "blau_note": _(
            "Blau index: 0 = all alike, towards 1 = spread widely; entropy 1 = evenly spread."
        ),
        "missing_sectors": _("Target sectors without a contact: {sectors}"),
        "missing_roles": _("Target roles without a contact: {roles}"),
        "history": _("Past reviews"),
        "no_history": _("No review kept yet. Save the one above to start the history."),
        "kept_on": _("Kept on"),
        "period": _("Period"),
        "goal": _("Goal"),
        "blau_sector": _("Blau index, sector"),
        "history_note": _("In brackets: the change against the review before."),
    }


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, saved: bool = Query(False)) -> HTMLResponse:
    """The review as it stands today (not kept), the bubble and the kept reviews."""
    day = today(request)
    problem = ""
    with unit(request) as uow:
        try:
            current = preview_review(uow=uow, today=day, now=web_of(request).now())
        except Conflict as exc:  # no goal yet: the rest of the page still helps
            current, problem = None, str(exc)
        due_on = review_due_on(uow=uow)
        spread = bubble(uow=uow, today=day)
        history = review_history(uow=uow, limit=HISTORY)
    return render(
        request,
        "review.html",
        words=words(),
        current=current,
        problem=problem,
        due_on=due_on,
        spread=spread,
        history=history,
        saved=saved,
        tiers=list(Tier),
        attributes={key: _(label) for key, label in ATTRIBUTES.items()},
        role_levels={"senior": _("senior roles"), "staff": _("staff roles")},  # role_level()
        engagement={level.value: _(level.label) for level in Engagement},
    )


@router.post("/review")
def save_review(request: Request) -> RedirectResponse:
    """Keep the review as ``einhorn review`` does; back to the page (post/redirect/get)."""
    with unit(request) as uow:
        make_review(uow=uow, today=today(request), now=web_of(request).now())
    return RedirectResponse("/review?saved=true#history", status_code=303)
