"""One connection and one transaction, as the units of work hold them."""

from __future__ import annotations

from types import TracebackType

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from einhorn.errors import StorageError
from einhorn.store.engine import first_line


class SqlTransaction:
    """Opens a connection and a transaction on ``_begin()``; ``commit()`` keeps what was done
    and goes on in a new transaction; leaving the ``with`` block rolls back whatever is not
    committed, closes the connection and turns a database error into a ``StorageError``
    that names the database (without its password)."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._connection: sa.Connection | None = None
        self._transaction: sa.RootTransaction | None = None

    def _begin(self) -> sa.Connection:
        self._connection = self._engine.connect()
        self._transaction = self._connection.begin()
        return self._connection

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._transaction is not None and self._transaction.is_active:
                self._transaction.rollback()
        finally:
            if self._connection is not None:
                self._connection.close()
            self._connection = self._transaction = None
        if isinstance(exc, SQLAlchemyError):
            raise StorageError(
                self._engine.url.render_as_string(hide_password=True), first_line(exc)
            ) from exc

    def commit(self) -> None:
        if self._transaction is None or self._connection is None:
            raise RuntimeError("unit of work is not open")
        self._transaction.commit()
        self._transaction = self._connection.begin()
