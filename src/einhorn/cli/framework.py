"""Click's and Typer's own texts (help headings, usage errors) in the user's language.

Both libraries call the standard library's ``gettext`` under the name ``_`` at module level;
pointing those names at einhorn's catalog makes "Missing argument" read "Fehlendes Argument"
without touching the process locale. The ids below are theirs, listed so that the extraction
keeps them in the catalog; the tests check that each has a German translation.
"""

from __future__ import annotations

import importlib

from einhorn.i18n import N_, gettext, ngettext

FRAMEWORK_MESSAGES = (
    # help pages (click.core, click.formatting, click.decorators, typer.core)
    N_("Usage:"),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    # usage errors (click.exceptions, click.parser, click.types)
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is not writable."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("Aborted!"),
)


def _framework_plurals() -> None:  # never called: marks Click's plural messages for extraction
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    )
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)


_MODULES = (
    "click.core",
    "click.exceptions",
    "click.parser",
    "click.types",
    "click.decorators",
    "click.formatting",
    "click.termui",
    "typer.core",
)


def translate_framework() -> None:
    """Send Click's and Typer's message lookups through einhorn's catalog (idempotent)."""
    for name in _MODULES:
        module = importlib.import_module(name)
        if callable(getattr(module, "_", None)):
            module._ = gettext  # type: ignore[attr-defined]
        if callable(getattr(module, "ngettext", None)):
            module.ngettext = ngettext  # type: ignore[attr-defined]
