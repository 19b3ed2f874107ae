"""JSON endpoints under ``/api`` (OpenAPI at ``/api/docs``), one module per noun, over the same
services as the pages; each exports ``router``."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    from einhorn.web.api import contacts, imports, network, plan, review, strategy

    return [
        contacts.router,
        imports.router,
        plan.router,
        strategy.router,
        review.router,
        network.router,
    ]
