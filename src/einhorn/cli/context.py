"""What every command needs: the global options, the opened app, today's date, a date parser."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from einhorn.config import load_settings
from einhorn.domain.dates import parse_date
from einhorn.errors import InvalidInput
from einhorn.i18n import N_, gettext

if TYPE_CHECKING:
    from einhorn.bootstrap import App


@dataclass(slots=True)
class GlobalOptions:
    db: str | None = None
    lang: str | None = None


def options(ctx: typer.Context) -> GlobalOptions:
    root = ctx.find_root()
    if not isinstance(root.obj, GlobalOptions):
        root.obj = GlobalOptions()
    return root.obj


@contextmanager
def opened_app(ctx: typer.Context) -> Iterator[App]:
    """The database named by --db / EINHORN_DATABASE_URL (else the default), migrated."""
    from einhorn.bootstrap import open_app

    opts = options(ctx)
    app = open_app(load_settings(database_url=opts.db, language=opts.lang))
    try:
        yield app
    finally:
        app.close()


def today() -> dt.date:
    """Today as the user sees it; EINHORN_TODAY pins it for demos and reproducible tests."""
    import os

    pinned = os.environ.get("EINHORN_TODAY")
    return parse_date(pinned, "EINHORN_TODAY") if pinned else dt.date.today()


def optional_date(text: str | None, field: str) -> dt.date | None:
    return parse_date(text, field, today=today()) if text else None


MAX_ROWS = 10_000_000  # far beyond any network; keeps numbers within the databases' integers


def in_range(value: int, field: str, low: int, high: int | None = None) -> int:
    """``value`` if it lies in [low, high]; else one clear error naming the option."""
    if value < low or (high is not None and value > high):
        reason = (
            N_("must be {low} or more") if high is None else N_("must be between {low} and {high}")
        )
        raise InvalidInput(field, value, gettext(reason).format(low=low, high=high))
    return value
