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
