"""Team mode's roster, rounds and pairings. (Filled in by team mode.)"""

from __future__ import annotations

import sqlalchemy as sa

from einhorn.domain.ids import AccountId


class SqlTeamRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id
