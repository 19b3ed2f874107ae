"""Sign-in, sign-out and sign-up by invitation (server mode only)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
