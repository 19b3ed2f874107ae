"""The schema comes only from migrations, and the migrations match the table definitions."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from einhorn.bootstrap import App
from einhorn.store.migrate import HEAD_REVISION, alembic_config, current_revision, ensure_schema
from einhorn.store.tables import metadata
from tests.factories import make_contact

# Created by raw SQL in the migration, unknown to the table definitions on purpose.
FULL_TEXT_OBJECTS = {
    "contacts_fts",
    "contacts_fts_data",
    "contacts_fts_idx",
    "contacts_fts_content",
    "contacts_fts_docsize",
    "contacts_fts_config",
    "search_vector",
    "ix_contacts_search_vector",
}


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return name not in FULL_TEXT_OBJECTS and name != "alembic_version"


def test_the_head_revision_constant_is_alembics_head(app: App) -> None:
    with app.engine.connect() as connection:
        script = ScriptDirectory.from_config(alembic_config(connection))
        assert script.get_current_head() == HEAD_REVISION
        assert current_revision(connection) == HEAD_REVISION


def test_migrations_and_table_definitions_agree(app: App) -> None:
    with app.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _include}
        )
        assert compare_metadata(context, metadata) == []


def test_ensure_schema_does_nothing_on_an_up_to_date_database(app: App) -> None:
    assert ensure_schema(app.engine) is False


def test_downgrade_to_nothing_and_upgrade_again_round_trips(app: App) -> None:
    with app.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with app.engine.connect() as connection:
        assert set(sa.inspect(connection).get_table_names()) <= {"alembic_version"}
    assert ensure_schema(app.engine) is True
    with app.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
        assert {"accounts", "contacts", "interactions"} <= set(
            sa.inspect(connection).get_table_names()
        )


def test_upgrading_from_0001_gives_saved_numbers_their_e164_key(app: App) -> None:
    with app.uow() as uow:
        uow.contacts.add(make_contact(phones=["0221 1234567"]))
        uow.commit()
    with app.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    with app.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with app.engine.connect() as connection:
        keys = connection.execute(sa.text("SELECT phone, phone_key FROM contact_phones")).all()
    assert [tuple(row) for row in keys] == [("0221 1234567", "+492211234567")]
