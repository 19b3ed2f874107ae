"""Docs are checked by machines: every command has help text and appears in the README."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.core import TyperGroup

from einhorn import i18n
from einhorn.cli.app import build_app

README = Path(__file__).parents[2] / "README.md"


def _walk(command: object, path: tuple[str, ...] = ("einhorn",)) -> Iterator[tuple[str, object]]:
    yield " ".join(path), command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _walk(sub, (*path, name))


def _commands(language: str) -> list[tuple[str, object]]:
    i18n.set_language(language)
    try:
        return list(_walk(build_app()))
    finally:
        i18n.set_language("en")


COMMANDS = [path for path, _ in _commands("en")]


def test_the_command_tree_has_every_command_of_the_foundation() -> None:
    expected = {
        "einhorn contacts add",
        "einhorn contacts list",
        "einhorn contacts show",
        "einhorn contacts edit",
        "einhorn contacts remove",
        "einhorn tier",
        "einhorn log",
        "einhorn due",
        "einhorn demo",
        "einhorn export json",
        "einhorn db upgrade",
        "einhorn db current",
        "einhorn dashboard",
    }
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_command_and_parameter_has_help_text(language: str) -> None:
    missing = []
    for path, command in _commands(language):
        if not (getattr(command, "help", None) or "").strip():
            missing.append(path)
        for param in getattr(command, "params", []):
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{path} {param.name}")
    assert missing == []


@pytest.mark.parametrize("path", [p for p in COMMANDS if p != "einhorn"])
def test_every_command_appears_in_the_readme(path: str) -> None:
    assert f"`{path}" in README.read_text(encoding="utf-8"), f"{path} is not in README.md"


def test_the_readme_quick_start_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip()]
    assert commands == ["make run", "make test"]
