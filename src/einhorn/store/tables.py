"""The schema. Change it only together with a migration in ``migrations/versions``.

Child rows carry ``account_id`` with a composite foreign key to their parent's
``(id, account_id)``, so the database itself refuses to link one account's rows to another's.
"""

from __future__ import annotations

import sqlalchemy as sa

from einhorn.domain import limits

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)

# Foreign keys are checked at commit (deferrable, initially deferred). An immediate check
# locks the parent row (FOR KEY SHARE); a bulk write then updates the same contacts' due
# dates, and PostgreSQL has to carry lock and update together: a 4,000-contact demo took
# 31 s with immediate checks and 7 s with deferred ones (measured before store/bulk.py's
# ANALYZE fixed the plans).

accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("default_region", sa.String(2), nullable=False, server_default="DE"),
    sa.Column("unicorn_cadence_days", sa.Integer, nullable=True),
    sa.Column("flamingo_cadence_days", sa.Integer, nullable=True),
    sa.Column("penguin_cadence_days", sa.Integer, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

contacts = sa.Table(
    "contacts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "account_id",
        sa.Integer,
        sa.ForeignKey("accounts.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"),
        nullable=False,
    ),
    sa.Column("display_name", sa.String(limits.NAME), nullable=False),
    sa.Column("name_key", sa.Text, nullable=False),
    sa.Column("given_name", sa.String(limits.NAME_PART), nullable=False, server_default=""),
    sa.Column("family_name", sa.String(limits.NAME_PART), nullable=False, server_default=""),
    sa.Column("title", sa.String(limits.TITLE), nullable=False, server_default=""),
    sa.Column("form_of_address", sa.String(10), nullable=True),
    sa.Column("company", sa.String(limits.ORGANISATION), nullable=False, server_default=""),
    sa.Column("position", sa.String(limits.ORGANISATION), nullable=False, server_default=""),
    sa.Column("department", sa.String(limits.ORGANISATION), nullable=False, server_default=""),
    sa.Column("sector", sa.String(limits.PLACE), nullable=False, server_default=""),
    sa.Column("city", sa.String(limits.PLACE), nullable=False, server_default=""),
    sa.Column("country", sa.String(limits.COUNTRY), nullable=False, server_default=""),
    sa.Column("languages", sa.JSON, nullable=False),
    sa.Column("birthday", sa.Date, nullable=True),
    sa.Column("how_met", sa.Text, nullable=False, server_default=""),
    sa.Column("sphere", sa.String(20), nullable=False),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("wish_list", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("tier", sa.String(20), nullable=False),
    sa.Column("tier_source", sa.String(20), nullable=False),
    sa.Column("cadence_days", sa.Integer, nullable=True),
    sa.Column("created_on", sa.Date, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    # Maintained on every write, so the due list is one indexed range scan.
    sa.Column("last_interaction_on", sa.Date, nullable=True),
    sa.Column("next_due_on", sa.Date, nullable=True),
    # Folded text for the engine's full-text index (FTS5 / tsvector, created in the migration).
    sa.Column("search_text", sa.Text, nullable=False, server_default=""),
    sa.UniqueConstraint("id", "account_id", name="uq_contacts_id_account"),
    sa.Index("ix_contacts_account_due", "account_id", "next_due_on"),
    sa.Index("ix_contacts_account_name", "account_id", "name_key"),
    sa.Index("ix_contacts_account_tier", "account_id", "tier"),
    sqlite_autoincrement=True,  # ids of erased contacts are never handed out again
)


def _contact_child(name: str, *columns: sa.Column[object] | sa.Constraint | sa.Index) -> sa.Table:
    return sa.Table(
        name,
        metadata,
        sa.Column("contact_id", sa.Integer, nullable=False),
        sa.Column("account_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        *columns,
        sa.ForeignKeyConstraint(
            ["contact_id", "account_id"],
            ["contacts.id", "contacts.account_id"],
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
            name=f"fk_{name}_contact",
        ),
    )


contact_emails = _contact_child(
    "contact_emails",
    sa.Column("email", sa.String(limits.EMAIL), nullable=False),
    sa.PrimaryKeyConstraint("contact_id", "email"),
    sa.Index("ix_contact_emails_account_email", "account_id", "email"),
)
contact_phones = _contact_child(
    "contact_phones",
    sa.Column("phone", sa.String(limits.PHONE), nullable=False),
    # E.164 (+492211234567), kept so duplicate finding never parses every number again;
    # null for what is no number in the account's region (migration 0002).
    sa.Column("phone_key", sa.String(20), nullable=True),
    sa.PrimaryKeyConstraint("contact_id", "phone"),
    sa.Index("ix_contact_phones_account_phone", "account_id", "phone"),
)
contact_profiles = _contact_child(
    "contact_profiles",
    sa.Column("network", sa.String(limits.NETWORK), nullable=False),
    sa.Column("url", sa.String(limits.URL), nullable=False),
    sa.PrimaryKeyConstraint("contact_id", "network"),
)
contact_tags = _contact_child(
    "contact_tags",
    sa.Column("tag", sa.String(limits.TAG), nullable=False),
    sa.PrimaryKeyConstraint("contact_id", "tag"),
    sa.Index("ix_contact_tags_account_tag", "account_id", "tag"),
)

interactions = sa.Table(
    "interactions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "account_id",
        sa.Integer,
        sa.ForeignKey("accounts.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"),
        nullable=False,
    ),
    sa.Column("occurred_on", sa.Date, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("city", sa.String(limits.PLACE), nullable=False, server_default=""),
    sa.Column("place", sa.String(limits.ORGANISATION), nullable=False, server_default=""),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("follow_up_on", sa.Date, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("id", "account_id", name="uq_interactions_id_account"),
    sa.Index("ix_interactions_account_occurred", "account_id", "occurred_on"),
    sa.Index("ix_interactions_account_follow_up", "account_id", "follow_up_on"),  # 0007
    sqlite_autoincrement=True,
)

interaction_contacts = sa.Table(
    "interaction_contacts",
    metadata,
    sa.Column("interaction_id", sa.Integer, nullable=False),
    sa.Column("contact_id", sa.Integer, nullable=False),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("interaction_id", "contact_id"),
    sa.ForeignKeyConstraint(
        ["interaction_id", "account_id"],
        ["interactions.id", "interactions.account_id"],
        ondelete="CASCADE",
        deferrable=True,
        initially="DEFERRED",
        name="fk_interaction_contacts_interaction",
    ),
    sa.ForeignKeyConstraint(
        ["contact_id", "account_id"],
        ["contacts.id", "contacts.account_id"],
        ondelete="CASCADE",
        deferrable=True,
        initially="DEFERRED",
        name="fk_interaction_contacts_contact",
    ),
    sa.Index("ix_interaction_contacts_contact", "contact_id", "interaction_id"),
)

# -- imports: batches, provenance, undo, reviews (migration 0002) --------------------------


def _account_fk(ondelete: str = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey("accounts.id", ondelete=ondelete, deferrable=True, initially="DEFERRED")


def _fk(columns: list[str], target: str, name: str) -> sa.ForeignKeyConstraint:
    """A composite (id, account_id) foreign key, so rows never point into another account."""
    return sa.ForeignKeyConstraint(
        columns,
        [f"{target}.id", f"{target}.account_id"],
        ondelete="CASCADE",
        deferrable=True,
        initially="DEFERRED",
        name=name,
    )


import_batches = sa.Table(
    "import_batches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("files", sa.JSON, nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("id", "account_id", name="uq_import_batches_id_account"),
    sqlite_autoincrement=True,
)

# Personal data (a source's values, a merge's diff) lives in rows that cascade with their
# contact: erasing a person erases where their data came from too.
contact_sources = sa.Table(
    "contact_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("contact_id", sa.Integer, nullable=False),
    sa.Column("batch_id", sa.Integer, nullable=False),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("line", sa.Integer, nullable=True),
    sa.Column("format", sa.String(20), nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("fields", sa.JSON, nullable=False),
    _fk(["contact_id", "account_id"], "contacts", "fk_contact_sources_contact"),
    _fk(["batch_id", "account_id"], "import_batches", "fk_contact_sources_batch"),
    sa.Index("ix_contact_sources_account_fingerprint", "account_id", "fingerprint"),
    sa.Index("ix_contact_sources_contact", "contact_id"),
    sa.Index("ix_contact_sources_batch", "batch_id"),
)

batch_changes = sa.Table(
    "batch_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("batch_id", sa.Integer, nullable=False),
    sa.Column("contact_id", sa.Integer, nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("interaction_id", sa.Integer, nullable=True),
    sa.Column("data", sa.JSON, nullable=False),
    _fk(["contact_id", "account_id"], "contacts", "fk_batch_changes_contact"),
    _fk(["batch_id", "account_id"], "import_batches", "fk_batch_changes_batch"),
    sa.Index("ix_batch_changes_batch", "batch_id"),
    sa.Index("ix_batch_changes_contact", "contact_id"),
)

merge_reviews = sa.Table(
    "merge_reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("batch_id", sa.Integer, nullable=False),
    sa.Column("contact_id", sa.Integer, nullable=False),
    sa.Column("candidate_id", sa.Integer, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    _fk(["contact_id", "account_id"], "contacts", "fk_merge_reviews_contact"),
    _fk(["candidate_id", "account_id"], "contacts", "fk_merge_reviews_candidate"),
    _fk(["batch_id", "account_id"], "import_batches", "fk_merge_reviews_batch"),
    sa.Index("ix_merge_reviews_account_status", "account_id", "status"),
    sa.Index("ix_merge_reviews_contact", "contact_id"),
    sa.Index("ix_merge_reviews_candidate", "candidate_id"),
)

# -- the goal and its history (migration 0003) ---------------------------------------------

goals = sa.Table(
    "goals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("role", sa.String(limits.ORGANISATION), nullable=False, server_default=""),
    sa.Column("sector", sa.String(limits.ORGANISATION), nullable=False, server_default=""),
    sa.Column("region", sa.String(20), nullable=False),
    sa.Column("home_city", sa.String(limits.ORGANISATION), nullable=False, server_default=""),
    sa.Column("target_companies", sa.JSON, nullable=False),
    sa.Column("target_roles", sa.JSON, nullable=False),
    sa.Column("target_sectors", sa.JSON, nullable=False),
    sa.Column("meetings_per_week", sa.Float, nullable=False),
    sa.Column("minutes_per_week", sa.Integer, nullable=False),
    sa.Column("review_every_days", sa.Integer, nullable=False),
    sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_goals_account_set", "account_id", "set_at"),
)

# Where the user is present online (einhorn channels set), one row per network.
channels = sa.Table(
    "channels",
    metadata,
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("network", sa.String(limits.NETWORK), nullable=False),
    sa.Column("present", sa.Boolean, nullable=False),
    sa.Column("url", sa.String(limits.URL), nullable=False, server_default=""),
    sa.PrimaryKeyConstraint("account_id", "network"),
)

# Each review's figures and the tiers it saw (einhorn review), so the next shows the change.
reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("figures", sa.JSON, nullable=False),
    sa.Column("tiers", sa.JSON, nullable=False),
    sa.Index("ix_reviews_account_created", "account_id", "created_at"),
)

# -- groups and events (migration 0004) ----------------------------------------------------

groups = sa.Table(
    "groups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("name", sa.String(limits.ORGANISATION), nullable=False),
    sa.Column("name_key", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("city", sa.String(limits.PLACE), nullable=False, server_default=""),
    sa.Column("url", sa.String(limits.URL), nullable=False, server_default=""),
    sa.Column("engagement", sa.String(20), nullable=False),
    sa.UniqueConstraint("id", "account_id", name="uq_groups_id_account"),
    sa.Index("ix_groups_account_name", "account_id", "name_key"),
)

group_members = sa.Table(
    "group_members",
    metadata,
    sa.Column("group_id", sa.Integer, nullable=False),
    sa.Column("contact_id", sa.Integer, nullable=False),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("group_id", "contact_id"),
    _fk(["group_id", "account_id"], "groups", "fk_group_members_group"),
    _fk(["contact_id", "account_id"], "contacts", "fk_group_members_contact"),
    sa.Index("ix_group_members_contact", "contact_id"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("name", sa.String(limits.ORGANISATION), nullable=False),
    sa.Column("occurred_on", sa.Date, nullable=False),
    sa.Column("city", sa.String(limits.PLACE), nullable=False, server_default=""),
    sa.Column("group_id", sa.Integer, nullable=True),
    # The people met there are this interaction's participants (kind "event").
    sa.Column("interaction_id", sa.Integer, nullable=True),
    sa.Index("ix_events_account_occurred", "account_id", "occurred_on"),
)

# -- the lunch plan and team pairing (migration 0005) ----------------------------------------

# One row per planned lunch day. A proposed slot is replaced on every re-plan; an accepted one
# stays; a skipped one keeps the day free; a held one has been logged as an interaction.
lunch_slots = sa.Table(
    "lunch_slots",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("slot_on", sa.Date, nullable=False),
    sa.Column("contact_id", sa.Integer, nullable=True),
    sa.Column("status", sa.String(12), nullable=False),
    # Why this person: reason codes and their values, translated when shown.
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("city", sa.String(limits.PLACE), nullable=False, server_default=""),
    sa.Column("interaction_id", sa.Integer, nullable=True),
    _fk(["contact_id", "account_id"], "contacts", "fk_lunch_slots_contact"),
    sa.UniqueConstraint("account_id", "slot_on", name="uq_lunch_slots_account_day"),
)

# Trips: in these days the lunch slots go to contacts in that city.
travels = sa.Table(
    "travels",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("city", sa.String(limits.PLACE), nullable=False),
    sa.Column("from_on", sa.Date, nullable=False),
    sa.Column("to_on", sa.Date, nullable=False),
    sa.Index("ix_travels_account_from", "account_id", "from_on"),
)

# Team mode: a company's roster (colleagues, not contacts), its rounds and who met whom.
team_members = sa.Table(
    "team_members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("name", sa.String(limits.NAME), nullable=False),
    sa.Column("email", sa.String(limits.EMAIL), nullable=False),
    sa.Column("department", sa.String(limits.ORGANISATION), nullable=False, server_default=""),
    sa.Column("location", sa.String(limits.PLACE), nullable=False, server_default=""),
    sa.Column("opted_out", sa.Boolean, nullable=False, server_default=sa.false()),
    # False once a new roster no longer lists the person; their past rounds stay readable.
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.UniqueConstraint("id", "account_id", name="uq_team_members_id_account"),
    sa.UniqueConstraint("account_id", "email", name="uq_team_members_account_email"),
)

team_rounds = sa.Table(
    "team_rounds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    # The day of the round's lunches (the calendar files name it; history shows it).
    sa.Column("lunch_on", sa.Date, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("id", "account_id", name="uq_team_rounds_id_account"),
    sa.UniqueConstraint("account_id", "number", name="uq_team_rounds_account_number"),
)

# One row per person and round: the people with the same group number lunch together.
team_pairings = sa.Table(
    "team_pairings",
    metadata,
    sa.Column("round_id", sa.Integer, nullable=False),
    sa.Column("member_id", sa.Integer, nullable=False),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("group_no", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("round_id", "member_id"),
    _fk(["round_id", "account_id"], "team_rounds", "fk_team_pairings_round"),
    _fk(["member_id", "account_id"], "team_members", "fk_team_pairings_member"),
    sa.Index("ix_team_pairings_member", "member_id"),
)

# -- who knows whom (migration 0006) ---------------------------------------------------------

# A tie between two contacts the user recorded; a_id < b_id, one row per pair.
ties = sa.Table(
    "ties",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("a_id", sa.Integer, nullable=False),
    sa.Column("b_id", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("strength", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    _fk(["a_id", "account_id"], "contacts", "fk_ties_a"),
    _fk(["b_id", "account_id"], "contacts", "fk_ties_b"),
    sa.UniqueConstraint("account_id", "a_id", "b_id", name="uq_ties_account_pair"),
    sa.Index("ix_ties_account_b", "account_id", "b_id"),
)

# -- web access (migration 0007) -------------------------------------------------------------
# Secrets (session, invitation and calendar-feed tokens) are stored only as SHA-256 hex digests.

# Server mode: one login per account, with an argon2 password hash.
logins = sa.Table(
    "logins",
    metadata,
    sa.Column("account_id", sa.Integer, _account_fk(), primary_key=True),
    sa.Column("username", sa.String(200), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

invitations = sa.Table(
    "invitations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("account_id", sa.Integer, _account_fk("SET NULL"), nullable=True),
)

web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_web_sessions_account", "account_id"),
)

# Failed logins, for throttling by user name and by address.
login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(200), nullable=False),
    sa.Column("address", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_login_attempts_username", "username", "at"),
    sa.Index("ix_login_attempts_address", "address", "at"),
)

# A private calendar feed URL; revoking it deletes the row.
calendar_feeds = sa.Table(
    "calendar_feeds",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.Integer, _account_fk(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_calendar_feeds_account", "account_id"),
)
