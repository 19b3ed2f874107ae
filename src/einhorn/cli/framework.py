"""Typer's own texts (help panels, usage errors) in the user's language.

Typer 0.29 vendors Click without gettext, so its messages are English only. einhorn
translates the few a user meets: the help panel titles, and usage errors, rebuilt from the
exception's fields (its class says what went wrong, its parameter hint says where).
"""

from __future__ import annotations

from typing import Any

from einhorn.i18n import N_, gettext

# Typer's own message ids, looked up at run time through ``typer.core._``; listed here so
# that the extraction keeps them in the catalog.
TYPER_MESSAGES = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("(dynamic)"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Usage:"),
    N_("Show this message and exit."),
)

_PARAM_KIND = {"argument": N_("argument"), "option": N_("option"), "parameter": N_("parameter")}


def translate_framework() -> None:
    """Point Typer's texts at einhorn's catalog (idempotent; the language is read per call)."""
    from typer import core
    from typer._click.core import Command, Context
    from typer._click.formatting import HelpFormatter

    # typer.core calls gettext for "Options", "Arguments", "Commands", "Missing command." …
    core._ = gettext  # type: ignore[attr-defined]
    if getattr(HelpFormatter.write_usage, "einhorn", False):
        return
    write_usage = HelpFormatter.write_usage
    get_help_option = Command.get_help_option

    def translated_usage(
        self: HelpFormatter, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        write_usage(self, prog, args, gettext("Usage:") + " " if prefix is None else prefix)

    def translated_help_option(self: Command, ctx: Context) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = gettext("Show this message and exit.")
        return option

    translated_usage.einhorn = True  # type: ignore[attr-defined]
    HelpFormatter.write_usage = translated_usage  # type: ignore[method-assign]
    Command.get_help_option = translated_help_option  # type: ignore[method-assign]


def _hint(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    if hint is None and getattr(exc, "param", None) is not None:
        hint = exc.param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    return str(hint or "")


def usage_error_message(exc: Any) -> str:
    """One translated line for a Typer usage error; its own text where einhorn knows no better."""
    kind = type(exc).__name__
    if kind == "MissingParameter":
        param_type = str(
            getattr(exc, "param_type", None)
            or getattr(getattr(exc, "param", None), "param_type_name", "parameter")
        )
        what = gettext(_PARAM_KIND.get(param_type, N_("parameter")))
        return (
            gettext("Missing {what} {hint}.").format(what=what, hint=_hint(exc)).replace("  ", " ")
        )
    if kind == "NoSuchOption":
        message = gettext("No such option: {name}").format(name=exc.option_name)
        if getattr(exc, "possibilities", None):
            message += " " + gettext("(did you mean {options}?)").format(
                options=", ".join(sorted(exc.possibilities))
            )
        return message
    if kind == "BadParameter":
        return gettext("Invalid value for {hint}: {message}").format(
            hint=_hint(exc), message=exc.message
        )
    return str(exc.format_message())
