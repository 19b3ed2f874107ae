"""JSON endpoints: the review as it stands today (GET /api/review), keeping it (POST
/api/review) and the kept reviews (GET /api/review/history).

The figures have the shape of ``einhorn review --json`` (``review_to_dict``): the brokers'
names stay out, as in what the store keeps. Not ``/api/reviews``: that is the imports' unsure
duplicates ("merge reviews").
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from einhorn.domain.reviews import StrategyReview
from einhorn.interchange.review_report import review_to_dict
from einhorn.services.strategy import make_review, preview_review, review_due_on, review_history
from einhorn.web.kit import signed_in, today, unit, web_of

router = APIRouter(prefix="/api", dependencies=[Depends(signed_in)], tags=["review"])


def _kept(review: StrategyReview) -> dict[str, Any]:
    return {"id": review.id, "created_at": review.created_at.isoformat(), **review_to_dict(review)}


@router.get("/review")
def api_review(request: Request) -> dict[str, Any]:
    """The review as it would be kept now (nothing is kept: POST /api/review keeps it),
    and when the next one is due. Without a goal: 400 with the reason."""
    with unit(request) as uow:
        current = preview_review(uow=uow, today=today(request), now=web_of(request).now())
        due_on = review_due_on(uow=uow)
    return {"due_on": due_on.isoformat() if due_on else None, "review": review_to_dict(current)}


@router.get("/review/history")
def api_review_history(
    request: Request, limit: int = Query(50, ge=1, le=1000, description="At most this many.")
) -> dict[str, Any]:
    """The kept reviews, newest first; each holds the figures of the one before it
    (``tier_counts_before``, ``blau_before``)."""
    with unit(request) as uow:
        history = review_history(uow=uow, limit=limit)
    return {"reviews": [_kept(review) for review in history]}


@router.post("/review", status_code=201)
def api_keep_review(request: Request) -> dict[str, Any]:
    """Make the review and keep it, as ``einhorn review`` does; the next compares with it."""
    with unit(request) as uow:
        review = make_review(uow=uow, today=today(request), now=web_of(request).now())
    return _kept(review)
