"""Team mode's roster, rounds and pairings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from einhorn.domain.ids import AccountId
from einhorn.domain.team import Pair, TeamMember, TeamRound, group_pairs
from einhorn.store.bulk import insert_rows, update_rows
from einhorn.store.engine import aware
from einhorn.store.tables import team_members, team_pairings, team_rounds


class SqlTeamRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    def members(self) -> list[TeamMember]:
        rows = self._db.execute(
            sa.select(team_members)
            .where(team_members.c.account_id == self._account)
            .order_by(team_members.c.name, team_members.c.id)
        )
        return [
            TeamMember(
                name=row.name,
                email=row.email,
                department=row.department,
                location=row.location,
                opted_out=row.opted_out,
                active=row.active,
                id=row.id,
            )
            for row in rows
        ]

    def add_members(self, members: Sequence[TeamMember]) -> None:
        insert_rows(
            self._db,
            team_members,
            [{"account_id": self._account, **_row(member)} for member in members],
        )
        ids = {
            email: member_id
            for email, member_id in self._db.execute(
                sa.select(team_members.c.email, team_members.c.id).where(
                    team_members.c.account_id == self._account
                )
            )
        }
        for member in members:
            member.id = ids[member.email]

    def update_members(self, members: Sequence[TeamMember]) -> None:
        update_rows(
            self._db,
            team_members,
            self._account,
            [{"id": member.key, **_row(member)} for member in members],
        )

    def delete_member(self, member_id: int) -> None:
        self._db.execute(
            sa.delete(team_pairings).where(
                team_pairings.c.account_id == self._account,
                team_pairings.c.member_id == member_id,
            )
        )
        self._db.execute(
            sa.delete(team_members).where(
                team_members.c.account_id == self._account, team_members.c.id == member_id
            )
        )
        self._db.execute(
            sa.delete(team_rounds).where(
                team_rounds.c.account_id == self._account,
                ~sa.exists().where(team_pairings.c.round_id == team_rounds.c.id),
            )
        )

    def add_round(self, team_round: TeamRound) -> TeamRound:
        created = team_round.created_at or dt.datetime.now(dt.UTC)
        result = self._db.execute(
            sa.insert(team_rounds).values(
                account_id=self._account,
                number=team_round.number,
                lunch_on=team_round.lunch_on,
                created_at=created,
            )
        )
        team_round.id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        team_round.created_at = created
        insert_rows(
            self._db,
            team_pairings,
            [
                {
                    "round_id": team_round.id,
                    "member_id": member_id,
                    "account_id": self._account,
                    "group_no": number,
                }
                for number, group in enumerate(team_round.groups, start=1)
                for member_id in group
            ],
        )
        return team_round

    def rounds(self) -> list[TeamRound]:
        found = {
            row.id: TeamRound(
                number=row.number,
                lunch_on=row.lunch_on,
                groups=[],
                created_at=aware(row.created_at),
                id=row.id,
            )
            for row in self._db.execute(
                sa.select(team_rounds)
                .where(team_rounds.c.account_id == self._account)
                .order_by(team_rounds.c.number)
            )
        }
        for round_id, groups in self._groups().items():
            if round_id in found:
                found[round_id].groups = groups
        return list(found.values())

    def met_pairs(self) -> set[Pair]:
        return {p for groups in self._groups().values() for g in groups for p in group_pairs(g)}

    def last_round_number(self) -> int:
        number = self._db.execute(
            sa.select(sa.func.max(team_rounds.c.number)).where(
                team_rounds.c.account_id == self._account
            )
        ).scalar()
        return int(number or 0)

    def _groups(self) -> dict[int, list[tuple[int, ...]]]:
        """Each round's groups (member ids), in group order."""
        members: dict[tuple[int, int], list[int]] = {}
        for round_id, group_no, member_id in self._db.execute(
            sa.select(team_pairings.c.round_id, team_pairings.c.group_no, team_pairings.c.member_id)
            .where(team_pairings.c.account_id == self._account)
            .order_by(team_pairings.c.round_id, team_pairings.c.group_no, team_pairings.c.member_id)
        ):
            members.setdefault((round_id, group_no), []).append(member_id)
        groups: dict[int, list[tuple[int, ...]]] = {}
        for (round_id, _group_no), ids in members.items():
            groups.setdefault(round_id, []).append(tuple(ids))
        return groups


def _row(member: TeamMember) -> dict[str, Any]:
    return {
        "name": member.name,
        "email": member.email,
        "department": member.department,
        "location": member.location,
        "opted_out": member.opted_out,
        "active": member.active,
    }
