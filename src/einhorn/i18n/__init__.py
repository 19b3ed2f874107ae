"""One gettext catalog for every text a user reads: CLI, reports and the web.

Message ids are English; ``locales/de/LC_MESSAGES/einhorn.po`` holds the German catalog.
``make i18n`` re-extracts the ids and compiles the catalog; tests check that nothing is missing.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locales"
DOMAIN = "einhorn"
SUPPORTED_LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"

# The language is a context variable, not a global: the web app serves German and English
# at once, each request in its own context (the CLI has just the one).
_current: ContextVar[tuple[str, _gettext.NullTranslations]] = ContextVar(
    "einhorn_language", default=(DEFAULT_LANGUAGE, _gettext.NullTranslations())
)


@cache
def _catalog(language: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True)


def set_language(language: str) -> None:
    """Switch every later ``_()`` call in this context to ``language`` ("en" or "de")."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current.set((language, _catalog(language)))


def current_language() -> str:
    return _current.get()[0]


def gettext(message: str) -> str:
    return _current.get()[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.get()[1].ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet (translated when shown)."""
    return message


def language_from_locale(environ: Mapping[str, str]) -> str | None:
    """The supported language named by the POSIX locale variables, if any."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(key, "")
        if not value:
            continue
        code = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if code in SUPPORTED_LANGUAGES:
            return code
        if code not in ("", "c", "posix"):
            return None
    return None


def resolve_language(explicit: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` first, then ``EINHORN_LANG``, then the system locale, else English."""
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get("EINHORN_LANG")):
        if candidate:
            return candidate.strip().lower()
    return language_from_locale(env) or DEFAULT_LANGUAGE


def format_date(value: dt.date | None) -> str:
    """A date as people of the current language write it (26.11.2026 / Nov 26, 2026)."""
    if value is None:
        return "—"
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, format="medium", locale=current_language()))


def format_number(value: float, digits: int = 1) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=current_language()))


def format_weekday(value: dt.date) -> str:
    """The day with its weekday: "Tue, Dec 1, 2026" / "Di., 01.12.2026"."""
    from babel.dates import format_date as babel_format_date

    return (
        f"{babel_format_date(value, format='EEE', locale=current_language())} {format_date(value)}"
    )
