"""Printing: Rich for people, plain JSON for scripts, one red line for errors."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from einhorn.domain.tiers import Tier
from einhorn.i18n import gettext as _

console = Console(highlight=False)
_errors = Console(stderr=True, highlight=False)

TIER_EMOJI = {Tier.UNICORN: "🦄", Tier.FLAMINGO: "🦩", Tier.PENGUIN: "🐧"}
TIER_STYLE = {Tier.UNICORN: "magenta", Tier.FLAMINGO: "bright_red", Tier.PENGUIN: "cyan"}


def print_error(message: str) -> None:
    label = _("Error")
    _errors.print(f"[bold red]{escape(label)}:[/] [red]{escape(message)}[/]", soft_wrap=True)


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
