"""The plan pages."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from einhorn.web.kit import signed_in

router = APIRouter(dependencies=[Depends(signed_in)])
