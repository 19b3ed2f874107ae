"""The account's goals (the newest is the current one), presence on networks, reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from einhorn.domain.goals import Goal, GoalKind, Region
from einhorn.domain.ids import AccountId, ContactId
from einhorn.domain.reviews import StrategyReview, StructureSummary, TierMove
from einhorn.domain.tiers import Tier
from einhorn.interchange.review_report import review_to_dict
from einhorn.store.engine import aware
from einhorn.store.tables import channels, goals, reviews


class SqlGoalRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    def add(self, goal: Goal) -> Goal:
        goal.set_at = goal.set_at or dt.datetime.now(dt.UTC)
        self._db.execute(
            sa.insert(goals).values(
                account_id=self._account,
                kind=goal.kind.value,
                role=goal.role,
                sector=goal.sector,
                region=goal.region.value,
                home_city=goal.home_city,
                target_companies=list(goal.target_companies),
                target_roles=list(goal.target_roles),
                target_sectors=list(goal.target_sectors),
                meetings_per_week=goal.meetings_per_week,
                minutes_per_week=goal.minutes_per_week,
                review_every_days=goal.review_every_days,
                set_at=goal.set_at,
            )
        )
        return goal

    def current(self) -> Goal | None:
        found = self.history(limit=1)
        return found[0] if found else None

    def history(self, limit: int | None = None) -> list[Goal]:
        statement = (
            sa.select(goals)
            .where(goals.c.account_id == self._account)
            .order_by(goals.c.set_at.desc(), goals.c.id.desc())
        )
        if limit is not None:
            statement = statement.limit(limit)
        return [_goal(row) for row in self._db.execute(statement)]


def _goal(row: Any) -> Goal:
    set_at = aware(row.set_at)
    return Goal(
        kind=GoalKind(row.kind),
        role=row.role,
        sector=row.sector,
        region=Region(row.region),
        home_city=row.home_city,
        target_companies=list(row.target_companies),
        target_roles=list(row.target_roles),
        target_sectors=list(row.target_sectors),
        meetings_per_week=row.meetings_per_week,
        minutes_per_week=row.minutes_per_week,
        review_every_days=row.review_every_days,
        set_at=set_at,
    )


class SqlChannelRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    def set(self, network: str, present: bool, url: str) -> None:
        self._db.execute(
            sa.delete(channels).where(
                channels.c.account_id == self._account, channels.c.network == network
            )
        )
        self._db.execute(
            sa.insert(channels).values(
                account_id=self._account, network=network, present=present, url=url
            )
        )

    def presence(self) -> dict[str, tuple[bool, str]]:
        rows = self._db.execute(
            sa.select(channels.c.network, channels.c.present, channels.c.url).where(
                channels.c.account_id == self._account
            )
        )
        return {row.network: (bool(row.present), row.url) for row in rows}


class SqlReviewRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    def add(self, review: StrategyReview) -> StrategyReview:
        figures = review_to_dict(review)
        result = self._db.execute(
            sa.insert(reviews).values(
                account_id=self._account,
                created_at=review.created_at,
                figures=figures,
                tiers={str(k): v for k, v in review.tiers.items()},
            )
        )
        review.id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        return review

    def forget(self, contact_id: ContactId, display_name: str) -> None:
        rows = self._db.execute(
            sa.select(reviews.c.id, reviews.c.figures, reviews.c.tiers).where(
                reviews.c.account_id == self._account
            )
        ).all()
        for row in rows:
            figures = dict(row.figures)
            figures["moves"] = [
                m for m in figures.get("moves", []) if m.get("contact_id") != contact_id
            ]
            figures["neglected_unicorns"] = [
                n for n in figures.get("neglected_unicorns", []) if n != display_name
            ]
            tiers = {k: v for k, v in dict(row.tiers).items() if k != str(contact_id)}
            self._db.execute(
                sa.update(reviews)
                .where(reviews.c.account_id == self._account, reviews.c.id == row.id)
                .values(figures=figures, tiers=tiers)
            )

    def latest(self) -> StrategyReview | None:
        found = self.history(limit=1)
        return found[0] if found else None

    def history(self, limit: int | None = None) -> list[StrategyReview]:
        statement = (
            sa.select(reviews)
            .where(reviews.c.account_id == self._account)
            .order_by(reviews.c.created_at.desc(), reviews.c.id.desc())
        )
        if limit is not None:
            statement = statement.limit(limit)
        return [_review(row) for row in self._db.execute(statement)]


def _review(row: Any) -> StrategyReview:
    data = dict(row.figures)
    return StrategyReview(
        created_at=aware(row.created_at),
        since=dt.date.fromisoformat(data["since"]),
        until=dt.date.fromisoformat(data["until"]),
        goal=data["goal"],
        meetings_held=data["meetings_held"],
        meetings_budget=data["meetings_budget"],
        tier_counts=data["tier_counts"],
        tier_counts_before=data.get("tier_counts_before"),
        moves=[
            TierMove(m["contact_id"], m["display_name"], Tier(m["before"]), Tier(m["after"]))
            for m in data.get("moves", [])
        ],
        neglected_unicorns=data.get("neglected_unicorns", []),
        new_contacts=data["new_contacts"],
        blau=data["blau"],
        blau_before=data.get("blau_before"),
        channels=data.get("channels", {}),
        groups=data.get("groups", {}),
        suggestions=data.get("suggestions", []),
        tiers={int(k): v for k, v in row.tiers.items()},
        structure=_structure(data.get("structure")),
        id=row.id,
    )


def _structure(data: dict[str, Any] | None) -> StructureSummary | None:
    """The kept structure figures; the brokers' names were never kept (erasure)."""
    if not data:
        return None
    return StructureSummary(
        contacts=data["contacts"],
        ties=data["ties"],
        clusters=data["clusters"],
        largest_clusters=[(c["label"], c["size"]) for c in data.get("largest_clusters", [])],
        effective_size=data["effective_size"],
        efficiency=data["efficiency"],
        constraint=data["constraint"],
        reading=data.get("reading", ""),
        ei_index=data.get("ei_index"),
        ei_expected=data.get("ei_expected"),
        weak_ties_outside=data.get("weak_ties_outside", 0),
    )
