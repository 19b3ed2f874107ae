"""imports: batches, provenance, undo records, merge reviews; phone keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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
    with op.batch_alter_table("contact_phones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone_key", sa.String(length=20), nullable=True))
    _fill_phone_keys()
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_import_batches_account_id_accounts"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
        sa.UniqueConstraint("id", "account_id", name="uq_import_batches_id_account"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "contact_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        _fk(["contact_id", "account_id"], "contacts", "fk_contact_sources_contact"),
        _fk(["batch_id", "account_id"], "import_batches", "fk_contact_sources_batch"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_sources")),
    )
    with op.batch_alter_table("contact_sources", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_sources_account_fingerprint", ["account_id", "fingerprint"], unique=False
        )
        batch_op.create_index("ix_contact_sources_contact", ["contact_id"], unique=False)
        batch_op.create_index("ix_contact_sources_batch", ["batch_id"], unique=False)
    op.create_table(
        "batch_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        _fk(["contact_id", "account_id"], "contacts", "fk_batch_changes_contact"),
        _fk(["batch_id", "account_id"], "import_batches", "fk_batch_changes_batch"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_changes")),
    )
    with op.batch_alter_table("batch_changes", schema=None) as batch_op:
        batch_op.create_index("ix_batch_changes_batch", ["batch_id"], unique=False)
        batch_op.create_index("ix_batch_changes_contact", ["contact_id"], unique=False)
    op.create_table(
        "merge_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        _fk(["contact_id", "account_id"], "contacts", "fk_merge_reviews_contact"),
        _fk(["candidate_id", "account_id"], "contacts", "fk_merge_reviews_candidate"),
        _fk(["batch_id", "account_id"], "import_batches", "fk_merge_reviews_batch"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_reviews")),
    )
    with op.batch_alter_table("merge_reviews", schema=None) as batch_op:
        batch_op.create_index(
            "ix_merge_reviews_account_status", ["account_id", "status"], unique=False
        )
        batch_op.create_index("ix_merge_reviews_contact", ["contact_id"], unique=False)
        batch_op.create_index("ix_merge_reviews_candidate", ["candidate_id"], unique=False)


def _fill_phone_keys() -> None:
    """Numbers saved before this revision get their E.164 key, in their account's region."""
    from einhorn.interchange.keys import phone_key

    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT p.contact_id, p.phone, a.default_region FROM contact_phones p "
            "JOIN accounts a ON a.id = p.account_id"
        )
    ).all()
    updates = [
        {"contact_id": contact_id, "phone": phone, "phone_key": key}
        for contact_id, phone, region in rows
        if (key := phone_key(phone, region or "DE"))
    ]
    if updates:
        bind.execute(
            sa.text(
                "UPDATE contact_phones SET phone_key = :phone_key "
                "WHERE contact_id = :contact_id AND phone = :phone"
            ),
            updates,
        )


def downgrade() -> None:
    for table, indexes in (
        (
            "merge_reviews",
            (
                "ix_merge_reviews_candidate",
                "ix_merge_reviews_contact",
                "ix_merge_reviews_account_status",
            ),
        ),
        ("batch_changes", ("ix_batch_changes_contact", "ix_batch_changes_batch")),
        (
            "contact_sources",
            (
                "ix_contact_sources_batch",
                "ix_contact_sources_contact",
                "ix_contact_sources_account_fingerprint",
            ),
        ),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for index in indexes:
                batch_op.drop_index(index)
        op.drop_table(table)
    op.drop_table("import_batches")
    with op.batch_alter_table("contact_phones", schema=None) as batch_op:
        batch_op.drop_column("phone_key")
