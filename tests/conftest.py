"""Fixtures: a migrated database per test on every backend, the real CLI, a pinned today.

SQLite always; PostgreSQL when EINHORN_TEST_DATABASE_URL names a server. The PostgreSQL run
gets its own database, created for this run and dropped afterwards; each test starts on
empty tables.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from einhorn import i18n
from einhorn.bootstrap import App, open_app
from einhorn.cli.main import run
from einhorn.config import load_settings, normalise_database_url

TODAY = dt.date(2026, 11, 27)
PG_ADMIN_URL = os.environ.get("EINHORN_TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"] if PG_ADMIN_URL else ["sqlite"]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test ever sees the developer's real data dir, database or language."""
    for key in (
        "EINHORN_DATABASE_URL",
        "EINHORN_LANG",
        "EINHORN_TODAY",
        "LANGUAGE",
        "LC_ALL",
        "LC_MESSAGES",
    ):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("EINHORN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "200")
    i18n.set_language("en")
    yield
    i18n.set_language("en")  # a German CLI run must not leak into the next test


def _open(url: str) -> App:
    return open_app(load_settings(database_url=url, environ={}))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (much faster than migrating again)."""
    path = tmp_path_factory.mktemp("template") / "einhorn.sqlite3"
    _open(f"sqlite:///{path}").close()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    if not PG_ADMIN_URL:
        yield None
        return
    admin_url = sa.make_url(normalise_database_url(PG_ADMIN_URL, "EINHORN_TEST_DATABASE_URL"))
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"einhorn_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        _open(url).close()
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _empty_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "TRUNCATE accounts, contacts, contact_emails, contact_phones, "
                "contact_profiles, contact_tags, interactions, "
                "interaction_contacts, import_batches, contact_sources, batch_changes, "
                "merge_reviews, goals, channels, reviews, groups, group_members, events, "
                "lunch_slots, travels, team_members, team_rounds, team_pairings, ties, "
                "logins, invitations, web_sessions, login_attempts, calendar_feeds "
                "RESTART IDENTITY CASCADE"
            )
        )
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "einhorn.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, sqlite_url: str, postgres_url: str | None) -> str:
    """A freshly migrated, empty database on each backend in turn."""
    if request.param == "sqlite":
        return sqlite_url
    assert postgres_url is not None
    _empty_postgres(postgres_url)
    return postgres_url


@pytest.fixture
def app(database_url: str) -> Iterator[App]:
    opened = _open(database_url)
    yield opened
    opened.close()


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


class Cli:
    """Runs einhorn in-process through its real entry point and error boundary."""

    def __init__(self, capsys: pytest.CaptureFixture[str], url: str) -> None:
        self._capsys = capsys
        self.url = url

    def __call__(self, *args: str, lang: str = "en") -> Result:
        code = run(["--db", self.url, "--lang", lang, *args])
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def json(self, *args: str) -> object:
        import json

        result = self(*args, "--json")
        assert result.code == 0, result.err
        return json.loads(result.out)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> Cli:
    monkeypatch.setenv("EINHORN_TODAY", TODAY.isoformat())
    return Cli(capsys, sqlite_url)


@pytest.fixture
def cli_any(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, database_url: str
) -> Cli:
    """The CLI on every backend (for the few end-to-end checks worth running on PostgreSQL)."""
    monkeypatch.setenv("EINHORN_TODAY", TODAY.isoformat())
    return Cli(capsys, database_url)
