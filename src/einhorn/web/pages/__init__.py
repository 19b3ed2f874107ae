"""Server-rendered pages, one module per noun; each exports ``router``."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    from einhorn.web.pages import (
        auth,
        contacts,
        imports,
        network,
        overview,
        plan,
        review,
        strategy,
    )

    return [
        auth.router,
        overview.router,
        contacts.router,
        imports.router,
        plan.router,
        plan.feed_router,
        strategy.router,
        review.router,
        network.router,
    ]
