"""One gettext catalog for every text a user reads: CLI, reports and (later) the web.

Message ids are English; ``locales/de/LC_MESSAGES/einhorn.po`` holds the German catalog.
``make i18n`` re-extracts the ids and compiles the catalog; tests check that nothing is missing.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locales"
DOMAIN = "einhorn"
SUPPORTED_LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to ``language`` ("en" or "de")."""
    global _translations, _language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _language = language
    _translations = _gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
    )


def current_language() -> str:
    return _language


def gettext(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


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

    return str(babel_format_date(value, format="medium", locale=_language))


def format_number(value: float, digits: int = 1) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=_language))


def format_weekday(value: dt.date) -> str:
    """The day with its weekday: "Tue, Dec 1, 2026" / "Di., 01.12.2026"."""
    from babel.dates import format_date as babel_format_date

    return f"{babel_format_date(value, format='EEE', locale=_language)} {format_date(value)}"
