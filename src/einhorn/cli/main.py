"""Entry point and the one error boundary: a user sees one red line, never a traceback.

The language is settled before the command tree is built, because Typer reads help texts
when commands are defined; heavy modules (SQLAlchemy, Faker) load only when a command runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from einhorn import i18n

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> None:
    """Run einhorn with ``argv`` (default: the process arguments) and exit."""
    args = list(sys.argv[1:] if argv is None else argv)
    sys.exit(run(args))


def run(args: list[str]) -> int:
    """Run one command and return its exit code; used by ``main`` and by the tests."""
    import click

    from einhorn.cli.output import print_error
    from einhorn.errors import EinhornError

    language = i18n.resolve_language(_language_from_argv(args))
    i18n.set_language(language if language in i18n.SUPPORTED_LANGUAGES else "en")
    if level := os.environ.get("EINHORN_LOG_LEVEL"):
        import logging

        if not isinstance(logging.getLevelNamesMapping().get(level.upper()), int):
            print_error(f"EINHORN_LOG_LEVEL={level!r}: DEBUG, INFO, WARNING, ERROR")
            return EXIT_ERROR
        logging.basicConfig(level=level.upper(), format="%(levelname)s %(name)s: %(message)s")

    from einhorn.cli.app import build_app

    command = build_app()
    try:
        result = command.main(args=args, prog_name="einhorn", standalone_mode=False)
    except EinhornError as exc:
        print_error(str(exc))
        return EXIT_ERROR
    except click.exceptions.Abort:
        print_error(i18n.gettext("Aborted; nothing was changed."))
        return EXIT_INTERRUPTED
    except click.exceptions.NoArgsIsHelpError as exc:
        # A bare group (``einhorn contacts``): its help is what was asked for.
        print(exc.ctx.get_help() if exc.ctx is not None else "")
        return 0
    except click.exceptions.UsageError as exc:  # unknown option, missing argument, …
        hint = f" ({exc.ctx.command_path} --help)" if exc.ctx is not None else ""
        print_error(exc.format_message() + hint)
        return EXIT_ERROR
    except click.exceptions.ClickException as exc:
        print_error(exc.format_message())
        return EXIT_ERROR
    except KeyboardInterrupt:
        print_error(i18n.gettext("Interrupted; nothing was changed."))
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last line of defence: still no traceback for users
        import logging

        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        print_error(
            i18n.gettext(
                "Unexpected error: {error}. Run with EINHORN_LOG_LEVEL=DEBUG for details."
            ).format(error=f"{type(exc).__name__}: {exc}")
        )
        return EXIT_ERROR
    return result if isinstance(result, int) else 0
