"""JSON endpoints: imports."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from einhorn.web.kit import signed_in

router = APIRouter(prefix="/api", dependencies=[Depends(signed_in)])
