"""Which language and which database einhorn picks, from flags, environment and locale."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from einhorn import i18n
from einhorn.config import load_settings, normalise_database_url
from einhorn.errors import ConfigError
from einhorn.i18n import format_date, language_from_locale, resolve_language


@pytest.fixture
def restore_language() -> Iterator[None]:
    try:
        yield
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        ("de", {"EINHORN_LANG": "en", "LANG": "en_US.UTF-8"}, "de"),
        (" DE ", {}, "de"),
        (None, {"EINHORN_LANG": "de", "LANG": "en_US.UTF-8"}, "de"),
        ("", {"EINHORN_LANG": "de"}, "de"),
        (None, {"EINHORN_LANG": "", "LANG": "de_DE.UTF-8"}, "de"),
        (None, {"LANG": "de_DE.UTF-8"}, "de"),
        (None, {"LC_ALL": "de_AT", "LANG": "en_GB.UTF-8"}, "de"),
        (None, {"LC_MESSAGES": "de_CH.UTF-8", "LANG": "en_US"}, "de"),
        (None, {"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "de"),
        (None, {"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_is_the_flag_then_einhorn_lang_then_the_locale_then_english(
    explicit: str | None, environ: dict[str, str], expected: str
) -> None:
    assert resolve_language(explicit, environ) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de.UTF-8"}, "de"),
        ({"LANG": "en_US"}, "en"),
        ({"LANG": "C"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "fr_FR"}, None),
        ({"LC_ALL": "fr_FR", "LANG": "de_DE"}, None),
        ({"LANGUAGE": "de:en"}, "de"),
        ({}, None),
    ],
)
def test_the_locale_names_a_supported_language_or_none(
    environ: dict[str, str], expected: str | None
) -> None:
    assert language_from_locale(environ) == expected


@pytest.mark.parametrize("language", ["xx", "fr", "DE", ""])
def test_setting_an_unsupported_language_raises(language: str, restore_language: None) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.set_language(language)


def test_setting_a_supported_language_makes_it_current(restore_language: None) -> None:
    i18n.set_language("de")
    assert i18n.current_language() == "de"


def test_a_missing_date_is_shown_as_a_dash() -> None:
    assert format_date(None) == "—"


def test_the_default_database_is_a_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings(environ={"EINHORN_DATA_DIR": str(tmp_path)})
    assert settings.data_dir == tmp_path
    assert settings.database_url == f"sqlite:///{tmp_path / 'einhorn.sqlite3'}"
    assert settings.is_sqlite
    assert settings.language == "en"


def test_the_data_dir_expands_a_home_tilde() -> None:
    settings = load_settings(environ={"EINHORN_DATA_DIR": "~/einhorn-data"})
    assert settings.data_dir == Path("~/einhorn-data").expanduser()
    assert "~" not in str(settings.data_dir)


def test_without_a_data_dir_the_platform_data_dir_is_used() -> None:
    settings = load_settings(environ={})
    assert settings.data_dir.name == "einhorn"
    assert settings.database_url.endswith("/einhorn.sqlite3")


def test_the_environment_database_url_replaces_the_default(tmp_path: Path) -> None:
    settings = load_settings(
        environ={"EINHORN_DATA_DIR": str(tmp_path), "EINHORN_DATABASE_URL": "sqlite:////srv/e.db"}
    )
    assert settings.database_url == "sqlite:////srv/e.db"


def test_the_db_flag_wins_over_the_environment() -> None:
    settings = load_settings(
        database_url="postgres://u@db/einhorn",
        environ={"EINHORN_DATABASE_URL": "sqlite:////srv/e.db"},
    )
    assert settings.database_url == "postgresql+psycopg://u@db/einhorn"
    assert not settings.is_sqlite


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("  sqlite:///e.db ", "sqlite:///e.db"),
        ("sqlite://", "sqlite://"),
    ],
)
def test_database_urls_are_normalised_to_the_psycopg_driver(url: str, expected: str) -> None:
    assert normalise_database_url(url, "--db") == expected


@pytest.mark.parametrize("url", ["mysql://u@h/db", "sqlite:e.db", "e.db", "http://example.com"])
def test_a_database_url_with_an_unknown_scheme_names_the_key_and_source(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(database_url=url, environ={})
    assert caught.value.key == "EINHORN_DATABASE_URL"
    assert caught.value.source == "--db"
    assert str(caught.value).startswith("Setting EINHORN_DATABASE_URL (from --db) is not valid")


def test_a_bad_database_url_in_the_environment_names_the_environment() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"EINHORN_DATABASE_URL": "mysql://u@h/db"})
    assert caught.value.source == "environment"


@pytest.mark.parametrize(
    ("language", "environ", "key"),
    [("fr", {}, "--lang"), (None, {"EINHORN_LANG": "fr"}, "EINHORN_LANG")],
)
def test_an_unsupported_language_setting_names_where_it_came_from(
    language: str | None, environ: dict[str, str], key: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(language=language, environ=environ)
    assert caught.value.key == key
    assert "choose de or en" in str(caught.value)


def test_the_language_flag_and_a_german_locale_are_honoured() -> None:
    assert load_settings(language="de", environ={}).language == "de"
    assert load_settings(environ={"LANG": "de_DE.UTF-8"}).language == "de"


def test_a_language_set_in_one_context_stays_there() -> None:
    """The web app answers each request in the visitor's language, side by side."""
    import contextvars

    from einhorn.i18n import current_language, gettext, set_language

    set_language("en")
    german = contextvars.copy_context()
    german.run(set_language, "de")
    assert german.run(gettext, "Overview") == "Übersicht"
    assert (current_language(), gettext("Overview")) == ("en", "Overview")
