"""Reading a choice the user typed, in English or German, into one of einhorn's enums."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from einhorn.errors import InvalidInput

T = TypeVar("T")


def parse_choice(words: Mapping[str, T], text: str, field: str, hint: str) -> T:
    """The choice ``text`` names (case ignored), or InvalidInput with ``hint`` (a message id
    listing the words)."""
    found = words.get(text.strip().casefold())
    if found is None:
        raise InvalidInput(field, text, hint)
    return found
