"""the lunch plan, trips and team pairing

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _account_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["account_id"],
        ["accounts.id"],
        name=op.f(f"fk_{table}_account_id_accounts"),
        ondelete="CASCADE",
        initially="DEFERRED",
        deferrable=True,
    )


def _fk(columns: list[str], target: str, name: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        columns,
        [f"{target}.id", f"{target}.account_id"],
        name=name,
        ondelete="CASCADE",
        initially="DEFERRED",
        deferrable=True,
    )


def upgrade() -> None:
    op.create_table(
        "lunch_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("slot_on", sa.Date(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("city", sa.String(length=200), server_default="", nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        _account_fk("lunch_slots"),
        _fk(["contact_id", "account_id"], "contacts", "fk_lunch_slots_contact"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lunch_slots")),
        sa.UniqueConstraint("account_id", "slot_on", name="uq_lunch_slots_account_day"),
    )
    op.create_table(
        "travels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("from_on", sa.Date(), nullable=False),
        sa.Column("to_on", sa.Date(), nullable=False),
        _account_fk("travels"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travels")),
    )
    with op.batch_alter_table("travels", schema=None) as batch_op:
        batch_op.create_index("ix_travels_account_from", ["account_id", "from_on"], unique=False)
    op.create_table(
        "team_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("department", sa.String(length=300), server_default="", nullable=False),
        sa.Column("location", sa.String(length=200), server_default="", nullable=False),
        sa.Column("opted_out", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        _account_fk("team_members"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_members")),
        sa.UniqueConstraint("id", "account_id", name="uq_team_members_id_account"),
        sa.UniqueConstraint("account_id", "email", name="uq_team_members_account_email"),
    )
    op.create_table(
        "team_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("lunch_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _account_fk("team_rounds"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_rounds")),
        sa.UniqueConstraint("id", "account_id", name="uq_team_rounds_id_account"),
        sa.UniqueConstraint("account_id", "number", name="uq_team_rounds_account_number"),
    )
    op.create_table(
        "team_pairings",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("group_no", sa.Integer(), nullable=False),
        _fk(["round_id", "account_id"], "team_rounds", "fk_team_pairings_round"),
        _fk(["member_id", "account_id"], "team_members", "fk_team_pairings_member"),
        sa.PrimaryKeyConstraint("round_id", "member_id", name=op.f("pk_team_pairings")),
    )
    with op.batch_alter_table("team_pairings", schema=None) as batch_op:
        batch_op.create_index("ix_team_pairings_member", ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("team_pairings", schema=None) as batch_op:
        batch_op.drop_index("ix_team_pairings_member")
    op.drop_table("team_pairings")
    op.drop_table("team_rounds")
    op.drop_table("team_members")
    with op.batch_alter_table("travels", schema=None) as batch_op:
        batch_op.drop_index("ix_travels_account_from")
    op.drop_table("travels")
    op.drop_table("lunch_slots")
