"""Full-text search over contacts with the engine's own index (FTS5 or tsvector)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa

from einhorn.domain.contacts import name_key
from einhorn.store.tables import contacts

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Folded words of a query; punctuation never reaches the query syntax of either engine."""
    return _TOKEN.findall(name_key(text))


def matching_contact_ids(dialect: str, text: str) -> sa.ColumnElement[bool]:
    """A WHERE clause for contacts whose text has every word of ``text`` as a prefix."""
    words = tokens(text)
    if not words:
        return sa.false()  # nothing searchable (only punctuation or emoji): nothing matches
    if dialect == "sqlite":
        query = " ".join(f'"{word}"*' for word in words)
        subquery = sa.text("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :fts_query")
        return contacts.c.id.in_(subquery.bindparams(fts_query=query).columns(sa.column("rowid")))
    if dialect == "postgresql":
        query = " & ".join(f"{word}:*" for word in words)
        return sa.literal_column("contacts.search_vector").op("@@")(
            sa.func.to_tsquery(sa.literal_column("'simple'"), query)
        )
    # Any other engine: a plain substring match, correct though not indexed.
    return sa.and_(*(contacts.c.search_text.contains(word) for word in words))


def index_new_contacts(connection: sa.Connection, rows: Sequence[tuple[int, str]]) -> None:
    """Add new contacts (id, search_text) to the SQLite full-text index.

    Updates and deletes are kept in step by triggers; inserts are indexed here, in one
    executemany, because an insert trigger costs fifteen times as much on a bulk import.
    PostgreSQL needs nothing: its tsvector column is generated.
    """
    if rows and connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            "INSERT INTO contacts_fts(rowid, search_text) VALUES (?, ?)", list(rows)
        )
