"""Create and upgrade the schema with Alembic; the app upgrades itself on first use.

Start-up must stay fast, so the current revision is read with plain SQL and compared with
``HEAD_REVISION``; Alembic itself is imported only when an upgrade is really needed.
A test checks that ``HEAD_REVISION`` is Alembic's head.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import sqlalchemy as sa

log = logging.getLogger(__name__)

HEAD_REVISION = "0007"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection: sa.Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def ensure_schema(engine: sa.Engine) -> bool:
    """Upgrade to the head revision when the database is behind; True when it did."""
    with engine.connect() as connection:
        if current_revision(connection) == HEAD_REVISION:
            return False
    log.info("migrating database to %s", HEAD_REVISION)
    upgrade(engine)
    return True
