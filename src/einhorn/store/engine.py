"""Engines for SQLite (the embedded default: WAL, foreign keys) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from einhorn.errors import ConfigError
from einhorn.i18n import N_

log = logging.getLogger(__name__)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Erased contacts are overwritten, not just unlinked (DSGVO erasure).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def create_engine(url: str) -> sa.Engine:
    """An engine for ``url``; creates the folder of a SQLite file when needed."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return sa.create_engine(parsed, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise ConfigError(
            "EINHORN_DATABASE_URL",
            parsed.render_as_string(hide_password=True),
            N_("PostgreSQL needs the driver: pip install 'einhorn[postgres]'"),
        ) from exc


def first_line(exc: BaseException) -> str:
    """The driver's own message, first line only: enough to act on, no SQL dump."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; einhorn stores UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
