"""One typed settings object: data dir, database URL and language, from flags and EINHORN_* env."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from einhorn.errors import ConfigError
from einhorn.i18n import N_, SUPPORTED_LANGUAGES, resolve_language

APP_NAME = "einhorn"
DATABASE_FILE = "einhorn.sqlite3"
_URL_SCHEMES = ("sqlite", "postgresql")


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    language: str
    data_dir_override: Path | None = None  # EINHORN_DATA_DIR

    @property
    def data_dir(self) -> Path:
        """EINHORN_DATA_DIR, else the platform's user data folder (looked up only when used:
        platformdirs costs start-up time that a command with --db never needs)."""
        return self.data_dir_override or _default_data_dir()

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def normalise_database_url(url: str, source: str) -> str:
    """Accept the URLs people type and name the driver einhorn uses (psycopg 3)."""
    url = url.strip()
    scheme = url.split(":", 1)[0].split("+", 1)[0]
    if scheme == "postgres":
        url = "postgresql" + url[len("postgres") :]
        scheme = "postgresql"
    if scheme not in _URL_SCHEMES or "://" not in url:
        raise ConfigError(
            "EINHORN_DATABASE_URL",
            source,
            N_("expected sqlite:///PATH or postgresql://USER@HOST/DB"),
        )
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def load_settings(
    *,
    database_url: str | None = None,
    language: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Flags win over the environment, the environment over the defaults."""
    env = os.environ if environ is None else environ

    data_dir_value = env.get("EINHORN_DATA_DIR")
    override = Path(data_dir_value).expanduser() if data_dir_value else None

    if database_url:
        url = normalise_database_url(database_url, "--db")
    elif env.get("EINHORN_DATABASE_URL"):
        url = normalise_database_url(env["EINHORN_DATABASE_URL"], "environment")
    else:
        url = f"sqlite:///{(override or _default_data_dir()) / DATABASE_FILE}"

    lang = resolve_language(language, env)
    if lang not in SUPPORTED_LANGUAGES:
        key, source = ("--lang", "command line") if language else ("EINHORN_LANG", "environment")
        raise ConfigError(key, source, N_("choose de or en"))
    return Settings(database_url=url, language=lang, data_dir_override=override)
