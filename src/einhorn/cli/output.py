"""Printing: Rich for people, plain JSON for scripts, one red line for errors.

Rich is imported on first use, not at start-up: ``einhorn --help`` and ``--json`` runs never
need it, and it costs a noticeable part of the start-up budget.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from einhorn.domain.tiers import Tier
from einhorn.i18n import gettext as _

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


@cache
def _console(stderr: bool) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


class _LazyConsole:
    """Stands in for a Rich console and creates it when first used."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_console(False), name)


console: Console = _LazyConsole()  # type: ignore[assignment]


def escape(text: str) -> str:
    """``text`` with Rich markup characters escaped."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def new_table(**options: Any) -> Table:
    from rich.table import Table

    return Table(**options)


def grid(**options: Any) -> Table:
    from rich.table import Table

    return Table.grid(**options)


TIER_EMOJI = {Tier.UNICORN: "🦄", Tier.FLAMINGO: "🦩", Tier.PENGUIN: "🐧"}
TIER_STYLE = {Tier.UNICORN: "magenta", Tier.FLAMINGO: "bright_red", Tier.PENGUIN: "cyan"}


def print_error(message: str) -> None:
    label = _("Error")
    _console(True).print(f"[bold red]{escape(label)}:[/] [red]{escape(message)}[/]", soft_wrap=True)


@contextmanager
def progress_bar(
    labels: dict[str, str], *, enabled: bool
) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on the terminal's stderr for long jobs, one line per phase (``labels``:
    phase → what it says); None when nobody watches."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress, TaskID

    with Progress(console=_console(True), transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = progress.add_task(labels.get(phase, phase), total=total)
            progress.update(tasks[phase], completed=done, total=total)

        yield update


def print_json(data: Any) -> None:
    """Stable machine output: UTF-8, keys as documented, no colours, no wrapping."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def say(message: str) -> None:
    console.print(escape(message), soft_wrap=True)


def tier_text(tier: Tier) -> str:
    """Rich markup for a tier: emoji and translated name."""
    return f"{TIER_EMOJI[tier]} [{TIER_STYLE[tier]}]{escape(_(tier.label))}[/]"


def bold(text: str) -> str:
    """Rich markup for ``text`` in bold, escaped."""
    return f"[bold]{escape(text)}[/]"
